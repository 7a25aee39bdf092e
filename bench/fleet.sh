#!/usr/bin/env bash
# A fleet from nothing, then diffs of it: N domains spread over H simulated hosts (declared as
# kind: Host documents, so apply makes them), applied at parallelism P on hosts without operation
# latency; then `xm diff` of the converged fleet (no drift), then `xm diff` after 1% of the domains
# were changed behind the specs' back with `xm mem-set` (drift, whose causes the report names).
# Prints wall time and ms per domain for each step, for each fleet size given.
# Usage: bench/fleet.sh [DOMAINS:HOSTS ...]   (default: 1000:10 10000:100)
# Environment: PARALLELISM (default 8); HISTORY (default 0): before the diffs, give each host that
# many older change events (as a host that has lived a while keeps, up to its rotation bound of
# two 1 MiB files), to see what a diff pays for history.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
xm="$root/bin/xm"
parallelism="${PARALLELISM:-8}"
history="${HISTORY:-0}"
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then
  sizes=(1000:10 10000:100)
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$xm" --version >/dev/null

ms() { echo $(( ($2 - $1) / 1000000 )); }
per() { awk -v t="$1" -v n="$2" 'BEGIN { printf "%.3f", t / n }'; }

for size in "${sizes[@]}"; do
  n="${size%%:*}"
  h="${size##*:}"
  per_host=$(( (n + h - 1) / h ))
  dir="$work/fleet-$n-$h"
  mkdir -p "$dir/specs"
  export XM_HOME="$dir/home"
  for j in $(seq 1 "$h"); do
    printf 'apiVersion: xm/v1\nkind: Host\nmetadata: {name: host%d}\nspec: {memory: %d, cpus: 4}\n---\n' \
      "$j" $(( per_host * 16 + 2048 ))
  done > "$dir/specs/hosts.yaml"
  for i in $(seq 1 "$n"); do
    printf 'apiVersion: xm/v1\nkind: Domain\nmetadata: {name: d%d, host: host%d}\nspec: {kernel: /boot/vmlinuz, memory: 16}\n---\n' \
      "$i" $(( (i - 1) % h + 1 ))
  done > "$dir/specs/domains.yaml"

  t0=$(date +%s%N)
  "$xm" apply -f "$dir/specs" --parallelism "$parallelism" >"$dir/apply.out"
  t1=$(date +%s%N)
  if [ "$history" -gt 0 ]; then
    for j in $(seq 1 "$h"); do
      awk -v n="$history" 'BEGIN { for (k = 1; k <= n; k++) printf "(event (rev 1) (time 1231459200000) (domain old%d) (field memory) (before %c16 MiB%c) (after %c17 MiB%c) (origin %cxm apply -f specs%c))\n", k, 39, 39, 39, 39, 39, 39 }' \
        > "$XM_HOME/hosts/host$j/events.1.sxp"
    done
    t1=$(date +%s%N)
  fi
  rc=0
  "$xm" diff -f "$dir/specs" >"$dir/diff.out" || rc=$?
  t2=$(date +%s%N)
  if [ "$rc" -ne 0 ]; then
    echo "fleet $n/$h: the converged fleet shows drift (exit $rc); see below" >&2
    tail -20 "$dir/diff.out" >&2
    exit 1
  fi
  drifted=$(( n / 100 > 0 ? n / 100 : 1 ))
  for k in $(seq 1 "$drifted"); do
    i=$(( (k - 1) * 100 + 1 ))
    "$xm" -H "host$(( (i - 1) % h + 1 ))" mem-set "d$i" 12 >/dev/null
  done
  t3=$(date +%s%N)
  rc=0
  "$xm" diff -f "$dir/specs" >"$dir/drift.out" || rc=$?
  t4=$(date +%s%N)
  if [ "$rc" -ne 2 ]; then
    echo "fleet $n/$h: expected drift (exit 2), got exit $rc" >&2
    exit 1
  fi
  changed=$(grep -c "xm mem-set" "$dir/drift.out" || true)
  a=$(ms "$t0" "$t1"); d=$(ms "$t1" "$t2"); r=$(ms "$t3" "$t4")
  echo "fleet $n domains / $h hosts, parallelism $parallelism$([ "$history" -gt 0 ] && echo ", $history older events per host"):" \
    "apply $a ms ($(per "$a" "$n") ms/domain)," \
    "diff $d ms ($(per "$d" "$n") ms/domain)," \
    "diff with $drifted drifted ($changed blamed) $r ms ($(per "$r" "$n") ms/domain)"
done
