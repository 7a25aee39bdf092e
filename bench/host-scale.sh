#!/usr/bin/env bash
# The cost of one create on a host that already has 100, 1,000 and 10,000 domains.
# Usage: bench/host-scale.sh [N ...]   (-Dbench.creates=M via JAVA_OPTS: creates timed per size)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
# the flags bin/xm runs with
java -XX:+UseSerialGC -Xmn16m -XX:TieredStopAtLevel=1 ${JAVA_OPTS:-} \
  -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" xm.bench.HostScaleBenchmark "$@"
