#!/usr/bin/env bash
# Planning time for 1,000 and 10,000 generated domains (pure planning, no host I/O).
# Usage: bench/plan.sh [N ...]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -Dstyle.color=never -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-cp.txt >/dev/null
java -cp "target/classes:target/test-classes:$(cat target/bench-cp.txt)" xm.bench.PlanBenchmark "$@"
