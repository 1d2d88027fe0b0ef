#!/usr/bin/env bash
# The desktop app's benchmarks, results in docs/benchmarks/desktop.md:
#  1. cold start: JVM start to the main window's first frame, real services in local mode (goal < 2 s)
#  2. memory: resident set size after 1,000,000 log lines through the real log pane (goal < 500 MB)
# Needs: apt-get install -y xvfb libgtk-3-0; the jar built (mvn -pl desktop-app -am package -DskipTests).
# Usage: bench/desktop/run.sh [runs]   (default 5 cold starts)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/desktop-app/target/slipway.jar"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT
display=":$((90 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb=$!
sleep 1
javac -cp "$jar" -d "$work/classes" "$root/bench/desktop/DesktopBench.java"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
for i in $(seq 1 "$runs"); do
  mkdir -p "$work/home$i"
  DISPLAY="$display" java -cp "$jar:$work/classes" DesktopBench start "$work/home$i" 2>/dev/null | grep -E "start_ms|phase"
done
DISPLAY="$display" java -cp "$jar:$work/classes" DesktopBench flood 1000000 2>/dev/null
DISPLAY="$display" java -Xmx256m -cp "$jar:$work/classes" DesktopBench flood 1000000 2>/dev/null | sed 's/^/-Xmx256m: /'
