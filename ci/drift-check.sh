#!/usr/bin/env bash
# Drift check for CI: compares the specs in git with what the hosts run.
#
#   ci/drift-check.sh [SPECS_DIR] [OUT_DIR]     (defaults: specs/ and drift-report/)
#
# One observation of the hosts, written four ways at once (so the reports never disagree):
# OUT_DIR/drift.xml (JUnit, for test-report views), OUT_DIR/drift.md (Markdown, for a
# pull-request comment), OUT_DIR/drift.json, and the text report on standard output. Exits like
# `xm diff`: 0 no drift, 2 drift, 1 error (bad specs, refused plan: the reports carry the
# problems). Set XM_HOST / XM_HOME to point at the hosts to check; XM_SCOPE to check one scope.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
xm="${XM:-$root/bin/xm}"
specs="${1:-specs/}"
out="${2:-drift-report}"
mkdir -p "$out"

"$xm" diff -f "$specs" --scope "${XM_SCOPE:-default}" \
  -o text -o junit="$out/drift.xml" -o markdown="$out/drift.md" -o json="$out/drift.json"
status=$?
case "$status" in
  0) echo "drift-check: no drift" ;;
  2) echo "drift-check: DRIFT (see $out/drift.md)" ;;
  *) echo "drift-check: error (exit $status)" ;;
esac
exit "$status"
