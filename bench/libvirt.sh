#!/usr/bin/env bash
# xm against a real libvirtd with QEMU (qemu:///system, TCG guests with no OS): apply wall time
# for N new domains at parallelism 1 and 8, and one `xm list` next to one `virsh list`.
# Needs ci/start-libvirtd.sh first. Usage: bench/libvirt.sh [N] [LIST_RUNS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-50}"
runs="${2:-10}"
uri="qemu:///system"
work="$(mktemp -d)"
cleanup() {
  for i in $(seq 1 "$n"); do
    virsh -c "$uri" destroy "bench$i" >/dev/null 2>&1 || true
    virsh -c "$uri" undefine "bench$i" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT
virsh -c "$uri" version >/dev/null || { echo "bench/libvirt.sh: no libvirtd on $uri (run ci/start-libvirtd.sh)"; exit 1; }
mkdir -p "$work/specs"
for i in $(seq 1 "$n"); do
  printf 'apiVersion: xm/v1\nkind: Domain\nmetadata: {name: bench%d}\nspec: {builder: hvm, kernel: /usr/lib/xen/boot/hvmloader, memory: 64, maxmem: 64}\n---\n' "$i"
done > "$work/specs/fleet.yaml"
"$root/bin/xm" --version >/dev/null
export XM_HOME="$work/home"
for p in 1 8; do
  t0=$(date +%s%N)
  "$root/bin/xm" -c "$uri" apply -f "$work/specs" --parallelism "$p" >/dev/null
  t1=$(date +%s%N)
  echo "apply $n new QEMU/TCG domains on $uri, parallelism $p: $(( (t1 - t0) / 1000000 )) ms"
  for i in $(seq 1 "$n"); do
    virsh -c "$uri" destroy "bench$i" >/dev/null 2>&1 || true
    virsh -c "$uri" undefine "bench$i" >/dev/null 2>&1 || true
  done
done
# list cost with the N domains running
"$root/bin/xm" -c "$uri" apply -f "$work/specs" --parallelism 8 >/dev/null
t0=$(date +%s%N); for _ in $(seq 1 "$runs"); do "$root/bin/xm" -c "$uri" list >/dev/null; done; t1=$(date +%s%N)
echo "xm -c $uri list with $n domains: $(( (t1 - t0) / 1000000 / runs )) ms per run (mean of $runs)"
t0=$(date +%s%N); for _ in $(seq 1 "$runs"); do virsh -c "$uri" list >/dev/null; done; t1=$(date +%s%N)
echo "virsh -c $uri list with $n domains: $(( (t1 - t0) / 1000000 / runs )) ms per run (mean of $runs)"
