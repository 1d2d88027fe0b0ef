#!/usr/bin/env bash
# The log-latency part of bench/desktop/run.sh only (same setup and options).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/desktop-app/target/slipway.jar"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'kill "${xvfb:-0}" 2>/dev/null || true; redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb=$!
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes >/dev/null
sleep 1
javac -cp "$jar" -d "$work/classes" "$root/bench/desktop/DesktopBench.java" "$root/bench/desktop/LogLatencyBench.java"
jar cf "$work/bench.jar" -C "$work/classes" .
cp="$jar:$work/bench.jar"
# The options ./slipway gives the app (DesktopJvm.HEAP); XMX=300m reruns the older figures.
opts=("-Xmx${XMX:-160m}" -XX:+UseSerialGC)
for lines in 300000 1000000; do
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  DISPLAY="$display" java "${opts[@]}" -cp "$cp" LogLatencyBench "redis://127.0.0.1:$port" "$lines" 100000 2>/dev/null | sed "s/^/redis $lines: /"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
