#!/usr/bin/env bash
# The long chaos run (docs/benchmarks/integrity.md): 100 deploys across 5 projects into the real
# local stack while builders are SIGKILLed and Redis and S3 are stopped, then every check of
# ChaosIT. Usage, from the repository root:
#   bench/chaos/run.sh [deploys] [seed]     # default 100 deploys, seed 13
# CI runs the same test with 10 deploys (mvn verify runs ChaosIT).
set -euo pipefail
cd "$(dirname "$0")/../.."
deploys="${1:-100}"
seed="${2:-13}"
echo "load before: $(cat /proc/loadavg)"
mvn -B -q -o -pl desktop-app -am verify -Dit.test=ChaosIT -Dtest=NoSuchTest \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dchaos.deploys="$deploys" -Dchaos.seed="$seed"
grep -h '^CHAOS' desktop-app/target/failsafe-reports/dev.slipway.desktop.chaos.ChaosIT-output.txt
echo "load after: $(cat /proc/loadavg)"
