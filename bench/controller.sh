#!/usr/bin/env bash
# The controller at scale (issue #11): HOSTS simulated hosts with PER domains each (default 100 x
# 100 = 10,000 managed domains), one controller with a 128 MiB heap. Measures: the first apply
# that makes the fleet (for reference), a full round over every host (a new revision triggers all
# of them: from the spec change to every host reporting it), the heap the controller uses (JVM
# metrics on /metrics), and from an imperative change to its heal.
# Usage: bench/controller.sh [HOSTS] [PER] [INTERVAL]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
hosts="${1:-100}"
per="${2:-100}"
interval="${3:-10s}"
work="$(mktemp -d)"
port=$(( 20000 + RANDOM % 10000 ))
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  [ -n "${KEEP:-}" ] && echo "kept $work" || rm -rf "$work"
}
trap cleanup EXIT
export XM_HOME="$work/home"
mkdir -p "$work/specs"
for h in $(seq -f "%03g" 1 "$hosts"); do
  {
    printf 'apiVersion: xm/v1\nkind: Host\nmetadata: {name: h%s}\nspec: {memory: %d, cpus: 8}\n' "$h" $(( per * 64 + 2048 ))
    for d in $(seq -f "%03g" 1 "$per"); do
      printf -- '---\napiVersion: xm/v1\nkind: Domain\nmetadata: {name: d%s-%s, host: h%s}\nspec: {kernel: /boot/vmlinuz, memory: 64}\n' "$h" "$d" "$h"
    done
  } > "$work/specs/h$h.yaml"
done
"$root/bin/xm" version >/dev/null
ms() { date +%s%3N; }
t0=$(ms)
"$root/bin/xm" apply -f "$work/specs" --parallelism 10 >/dev/null
t1=$(ms)
echo "xm apply making $hosts hosts and $(( hosts * per )) domains: $(( t1 - t0 )) ms"

get() { curl -s "http://127.0.0.1:$port$1"; }
JAVA_TOOL_OPTIONS="-Xmx128m" "$root/bin/xm" controller run -f "$work/specs" --interval "$interval" --poll 200ms \
  --listen "127.0.0.1:$port" > "$work/controller.log" 2>&1 &
pid=$!
revision_everywhere() { # every host reports the revision $1
  get /status | python3 -c "import json,sys; s=json.load(sys.stdin); h=s['hosts']; print(sum(1 for x in h if x.get('revision')==sys.argv[1] and x.get('lastPass')), len(h))" "$1"
}
wait_round() {
  local rev="$1" start="$2"
  while :; do
    read -r done all < <(revision_everywhere "$rev" 2>/dev/null || echo "0 1")
    if [ "$done" -ge "$hosts" ] && [ "$done" -ge $(( all - 1 )) ]; then
      echo $(( $(ms) - start ))
      return
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the controller died:"; cat "$work/controller.log"; exit 1; }
    sleep 0.1
  done
}
until get /readyz >/dev/null 2>&1 && [ "$(get /readyz)" = ok ]; do
  kill -0 "$pid" 2>/dev/null || { echo "the controller died:"; cat "$work/controller.log"; exit 1; }
  sleep 0.2
done
rev=$(get /status | python3 -c "import json,sys; print(json.load(sys.stdin)['revision'])")
echo "controller up, every host had its first pass, revision $rev"
for round in 1 2 3; do
  printf '# round %d\n' "$round" >> "$work/specs/h001.yaml"
  start=$(ms)
  until [ "$(get /status | python3 -c "import json,sys; print(json.load(sys.stdin)['revision'])")" != "$rev" ]; do sleep 0.05; done
  rev=$(get /status | python3 -c "import json,sys; print(json.load(sys.stdin)['revision'])")
  echo "round $round: every one of $hosts hosts ($(( hosts * per )) domains) reconciled at the new revision in $(wait_round "$rev" "$start") ms"
done
get /metrics | awk -F"[ {}]" '/^xm_controller_pass_duration_seconds_(sum|count)/ {split($0,a," "); v[$1]+=a[2]} END {printf "pass duration: %d passes, mean %.0f ms\n", v["xm_controller_pass_duration_seconds_count"], 1000*v["xm_controller_pass_duration_seconds_sum"]/v["xm_controller_pass_duration_seconds_count"]}'
heap=$(get /metrics | awk '/^jvm_memory_used_bytes\{area="heap"\}/ {print int($2/1048576)}')
max=$(get /metrics | awk '/^jvm_memory_max_bytes\{area="heap"\}/ {print int($2/1048576)}')
echo "heap used now: ${heap} MiB of ${max} MiB"
t0=$(ms)
"$root/bin/xm" -H h050 mem-set d050-050 32
while "$root/bin/xm" -H h050 list d050-050 | awk 'NR==2 {exit !($3 != 64)}'; do sleep 0.2; done
echo "from xm mem-set to its heal (interval $interval): $(( $(ms) - t0 )) ms"
grep -c ": done" "$work/controller.log" | sed 's/^/changes the controller logged: /'
