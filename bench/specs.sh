#!/usr/bin/env bash
# Spec loading time for 1, 5 and 10 MB spec sets of several shapes (one file of many domains, a
# huge labels map, one long line, one long comment, many small files), on the JVM flags bin/xm
# uses. Prints a markdown table; time per MB shows whether loading is linear.
# Usage: bench/specs.sh [MB ...]   (JAVA_OPTS=-Dshapes=domains,files for some shapes only)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
java ${JAVA_OPTS:-} -XX:+UseSerialGC -Xmn16m -XX:TieredStopAtLevel=1 \
  -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" xm.bench.SpecLoadBenchmark "$@"
