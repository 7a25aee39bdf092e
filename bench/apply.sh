#!/usr/bin/env bash
# xm apply wall time for N new domains on the embedded host, with a per-operation latency
# (the host's op_latency_ms), at parallelism 1 and 8. Usage: bench/apply.sh [N] [LATENCY_MS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-500}"
latency="${2:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/specs"
for i in $(seq 1 "$n"); do
  printf 'apiVersion: xm/v1\nkind: Domain\nmetadata: {name: b%d}\nspec: {kernel: /boot/vmlinuz, memory: 16}\n---\n' "$i"
done > "$work/specs/fleet.yaml"
"$root/bin/xm" --version >/dev/null
for p in 1 8; do
  export XM_HOME="$work/home-$p"
  "$root/bin/xm" host init --memory $((n * 16 + 2048)) --op-latency "$latency" >/dev/null
  t0=$(date +%s%N)
  "$root/bin/xm" apply -f "$work/specs" --parallelism "$p" >/dev/null
  t1=$(date +%s%N)
  echo "apply $n new domains, ${latency} ms per operation, parallelism $p: $(( (t1 - t0) / 1000000 )) ms"
done
