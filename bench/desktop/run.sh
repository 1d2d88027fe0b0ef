#!/usr/bin/env bash
# The desktop app's benchmarks, results in docs/benchmarks/desktop.md:
#  1. cold start: JVM start to the main window's first frame, real services in local mode
#     (goal <= 1.5 s), with the options ./slipway uses, then with the class-data archive that
#     java -jar slipway.jar writes and uses (DesktopJvm), alternating run by run
#  2. log latency and memory: a build log written to a real Redis stream at 100,000 lines/s, read
#     by the real reader into the real log pane; how long after the build's end the pane shows the
#     final line (goal <= 1 s), and the resident set size after 1,000,000 lines (goal <= 500 MB)
# Needs: apt-get install -y xvfb libgtk-3-0 redis-server; the jar built
# (mvn -pl desktop-app -am package -DskipTests).
# Usage: bench/desktop/run.sh [runs]   (default 5 cold starts of each kind)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/desktop-app/target/slipway.jar"
runs="${1:-5}"
work="$(mktemp -d)"
port=$((20000 + RANDOM % 20000))
trap 'kill "${xvfb:-0}" 2>/dev/null || true; redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb=$!
redis-server --bind 127.0.0.1 --port "$port" --save '' --appendonly no --daemonize yes >/dev/null
sleep 1
javac -cp "$jar" -d "$work/classes" "$root/bench/desktop/DesktopBench.java" "$root/bench/desktop/LogLatencyBench.java"
# Class-data sharing takes jars only on the class path, not folders.
jar cf "$work/bench.jar" -C "$work/classes" .
cp="$jar:$work/bench.jar"
# The options ./slipway gives the app (DesktopJvm.HEAP); XMX=300m reruns the older figures.
opts=("-Xmx${XMX:-160m}" -XX:+UseSerialGC)
cds=(-Xshare:auto -Xlog:cds=off,cds+dynamic=off)
echo "machine: $(nproc) cores, $(java -version 2>&1 | head -1)"
# The archive, as DesktopJvm writes it at the first exit.
mkdir -p "$work/train"
DISPLAY="$display" java "${opts[@]}" "${cds[@]}" -XX:ArchiveClassesAtExit="$work/app.jsa" -cp "$cp" DesktopBench start "$work/train" >/dev/null 2>&1
for i in $(seq 1 "$runs"); do
  mkdir -p "$work/plain$i" "$work/cds$i"
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  DISPLAY="$display" java "${opts[@]}" -cp "$cp" DesktopBench start "$work/plain$i" 2>/dev/null | grep -E "start_ms|phase" | sed 's/^/plain: /'
  DISPLAY="$display" java "${opts[@]}" "${cds[@]}" -XX:SharedArchiveFile="$work/app.jsa" -cp "$cp" DesktopBench start "$work/cds$i" 2>/dev/null | grep -E "start_ms|phase" | sed 's/^/cds:   /'
done
# What the relaunch of java -jar adds: a JVM that reaches main and starts the child.
for i in $(seq 1 "$runs"); do
  java -cp "$cp" DesktopBench main 2>/dev/null | sed 's/^/relaunch: /'
done
for lines in 300000 1000000; do
  echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
  DISPLAY="$display" java "${opts[@]}" -cp "$cp" LogLatencyBench "redis://127.0.0.1:$port" "$lines" 100000 2>/dev/null | sed "s/^/redis $lines: /"
done
echo "load $(cut -d' ' -f1-3 /proc/loadavg)"
DISPLAY="$display" java -cp "$cp" LogLatencyBench "redis://127.0.0.1:$port" 1000000 100000 2>/dev/null | sed 's/^/uncapped heap: /'
