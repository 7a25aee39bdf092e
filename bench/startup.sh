#!/usr/bin/env bash
# Start-up benchmark: wall time of `bin/xm list` on a host with 50 domains, against a bare JVM
# printing "hello" with the same JVM flags, on the same machine. Prints a markdown table.
# Usage: bench/startup.sh [runs]   (default 30 runs each, after 3 warm-up runs)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-30}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export XM_HOME="$work/home"

"$root/bin/xm" list >/dev/null            # builds the jar and the CDS archive if needed
for i in $(seq 1 50); do
  "$root/bin/xm" create /dev/null kernel=/boot/vmlinuz "name=bench$i" memory=64 >/dev/null
done

mkdir -p "$work/hello"
cat > "$work/hello/Hello.java" <<'JAVA'
public class Hello { public static void main(String[] a) { System.out.println("hello"); } }
JAVA
javac -d "$work/hello" "$work/hello/Hello.java"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmn16m -XX:-UsePerfData -Xshare:auto)

# time_ms CMD...: median wall time in milliseconds over $runs runs
time_ms() {
  local samples=()
  for _ in 1 2 3; do "$@" >/dev/null; done
  for _ in $(seq 1 "$runs"); do
    local t0 t1
    t0=$(date +%s%N); "$@" >/dev/null; t1=$(date +%s%N)
    samples+=($(( (t1 - t0) / 1000 )))
  done
  printf '%s\n' "${samples[@]}" | sort -n | awk '{a[NR]=$1} END {m=(NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2; printf "%.1f", m/1000}'
}

hello=$(time_ms java "${flags[@]}" -cp "$work/hello" Hello)
xm_list=$(time_ms "$root/bin/xm" list)
xm_nocds=$(XM_NO_CDS=1 time_ms "$root/bin/xm" list)
xm_info=$(time_ms "$root/bin/xm" info)
ratio=$(awk -v a="$xm_list" -v b="$hello" 'BEGIN {printf "%.2f", a/b}')

echo "| command | median wall time (ms) |"
echo "|---|---|"
echo "| java Hello (same flags) | $hello |"
echo "| bin/xm list, 50 domains | $xm_list |"
echo "| bin/xm list, 50 domains, no CDS archive | $xm_nocds |"
echo "| bin/xm info | $xm_info |"
echo
echo "ratio xm list / hello: $ratio  (runs: $runs; $(nproc) CPUs; $(java -version 2>&1 | head -1))"
