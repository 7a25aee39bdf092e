#!/usr/bin/env bash
# Drift check for CI: compares the specs in git with what the hosts run.
#
#   ci/drift-check.sh [SPECS_DIR] [OUT_DIR]     (defaults: specs/ and drift-report/)
#
# Writes OUT_DIR/drift.xml (JUnit, for test-report views), OUT_DIR/drift.md (Markdown, for a
# pull-request comment) and OUT_DIR/drift.json, prints the text report, and exits like
# `xm diff`: 0 no drift, 2 drift, 1 error. Set XM_HOST / XM_HOME to point at the host to check.
set -uo pipefail
root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
xm="${XM:-$root/bin/xm}"
specs="${1:-specs/}"
out="${2:-drift-report}"
mkdir -p "$out"

"$xm" diff -f "$specs" -o junit > "$out/drift.xml"
"$xm" diff -f "$specs" -o markdown > "$out/drift.md"
"$xm" diff -f "$specs" -o json > "$out/drift.json"
"$xm" diff -f "$specs"
status=$?
case "$status" in
  0) echo "drift-check: no drift" ;;
  2) echo "drift-check: DRIFT (see $out/drift.md)" ;;
  *) echo "drift-check: error (exit $status)" ;;
esac
exit "$status"
