#!/usr/bin/env bash
# The log-latency part of bench/desktop/run.sh only: LogLatencyBench at 100,000 lines/s, a
# 100,000-line and a 1,000,000-line build, RUNS times each (default 3), the 1-minute load average
# before each run. Needs xvfb, libgtk-3-0, redis-server and the jar
# (mvn -pl desktop-app -am package -DskipTests; JAR=... for another). Usage: bench/desktop/loglatency.sh [runs]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="${JAR:-$root/desktop-app/target/slipway.jar}"
runs="${1:-3}"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'kill "${xvfb:-0}" 2>/dev/null || true; redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
# Xvfb picks a free display itself (another Xvfb may hold any fixed number).
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$work/display" & xvfb=$!
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes >/dev/null
for _ in $(seq 50); do [ -s "$work/display" ] && break; sleep 0.1; done
display=":$(head -1 "$work/display")"
javac -nowarn -cp "$jar" -d "$work/classes" "$root/bench/desktop/DesktopBench.java" "$root/bench/desktop/LogLatencyBench.java" 2>&1 | grep -v '^Note:' || true
jar cf "$work/bench.jar" -C "$work/classes" .
cp="$jar:$work/bench.jar"
# The options ./slipway gives the app (DesktopJvm.HEAP); XMX=300m reruns the older figures.
opts=("-Xmx${XMX:-160m}" -XX:+UseSerialGC)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1), redis $(redis-server --version | grep -o 'v=[0-9.]*')"
for i in $(seq 1 "$runs"); do
  for lines in 100000 1000000; do
    echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
    DISPLAY="$display" timeout 600 java "${opts[@]}" -cp "$cp" LogLatencyBench "redis://127.0.0.1:$port" "$lines" "${RATE:-100000}" 2>"$work/stderr" | sed "s/^/run $i, $lines lines: /" \
      || { echo "run $i, $lines lines: failed; its stderr ends:"; tail -5 "$work/stderr"; }
  done
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
