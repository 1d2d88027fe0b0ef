#!/usr/bin/env bash
# Bounded memory: random reads over a working set 6x the cache for SOAK (4 min by default), RSS of
# the proxy sampled every 10 s, against the bound max heap + CACHE_MAX_BYTES + 96 MiB. Runs the jar
# with the container's flags (MaxDirectMemorySize) and an explicit heap, so the bound is known.
# Large cached bodies are deleted files in the page cache: RSS plus their bytes must stay under it.
#   bench/proxy/memory.sh          # results in bench/proxy/results/memory-*.txt; exit 1 if over
# The initial heap is what the image's JVM picks in a container: 1/64 of its memory, XMX / 25.6 with
# MaxRAMPercentage=40 (10 MiB for XMX=256); on this 24 GiB machine the JVM would otherwise start the
# heap at its maximum, and every page of it ends up touched (RSS = max heap from the first minutes).
# Knobs: SOAK=240s, CACHE=8m (MiB), XMX=256 (MiB), XMS=XMX*10/256, FILES=240 (of 200 KB: 48 MB, 6x an 8 MiB cache),
# GC=-XX:+UseSerialGC (the image's collector; GC=-XX:+UseG1GC for the JVM's default on this machine).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=$ROOT/proxy-service/target/slipway-proxy.jar
SOAK=${SOAK:-240s}; CACHE=${CACHE:-8}; XMX=${XMX:-256}; XMS=${XMS:-$((XMX * 10 / 256))}; FILES=${FILES:-240}; GC=${GC:--XX:+UseSerialGC}
MOTO=${MOTO_PORT:-28920}; PROXY=${PROXY_PORT:-28820}
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
DIST=$OUT/memory-dist
rm -rf "$DIST"; mkdir -p "$DIST/assets"
echo '<!doctype html><title>memory</title>' > "$DIST/index.html"
for i in $(seq 1 $FILES); do head -c 204800 /dev/urandom > "$DIST/assets/f$i.bin"; done
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/memory-moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > "$OUT/memory-publish.log"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
PORT=$PROXY BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
  CACHE_MAX_BYTES=${CACHE}m ADMIN_PORT=$((PROXY + 1)) MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2} \
  java -Xms${XMS}m -Xmx${XMX}m $GC -XX:MaxDirectMemorySize=64m -XX:NativeMemoryTracking=summary -XX:+ExitOnOutOfMemoryError \
  -jar "$JAR" > /dev/null 2> "$OUT/memory-proxy.log" & PROXY_PID=$!
PIDS+=($PROXY_PID)
wait_port $PROXY
cat > "$OUT/memory-random.lua" <<LUA
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/assets/f" .. math.random(1, $FILES) .. ".bin")
end
LUA
# Large cached bodies live in deleted files (page cache, not RSS): their size is sampled too, and
# RSS + their bytes is held to the same bound (a container's memory counts page cache).
files_kib() { for f in /proc/$PROXY_PID/fd/*; do [[ $(readlink "$f") == *slipway-body* ]] && stat -L -c '%i %s' "$f" 2>/dev/null; done | sort -u | awk '{s+=$2} END {print int(s/1024)}'; }
( while kill -0 $PROXY_PID 2>/dev/null; do echo "$(date +%s) $(awk '/VmRSS/ {print $2}' /proc/$PROXY_PID/status) $(cut -d' ' -f1 /proc/loadavg) $(files_kib) $(awk '/RssAnon|RssFile/ {printf "%s ", $2}' /proc/$PROXY_PID/status)"; sleep 10; done ) > "$OUT/memory-rss.txt" & PIDS+=($!)
wrk -t2 -c64 -d$SOAK --latency -s "$OUT/memory-random.lua" -H "Host: demo.localhost" "http://127.0.0.1:$PROXY" > "$OUT/memory-wrk.txt"
jcmd $PROXY_PID VM.native_memory summary > "$OUT/memory-nmt.txt" 2>&1 || true
curl -s "http://127.0.0.1:$((PROXY + 1))/_slipway/metrics" | grep -E '^(jvm_buffer_memory_used_bytes|slipway_proxy_cache_bytes|slipway_proxy_s3_requests_total)' > "$OUT/memory-metrics.txt" || true
max=$(awk '{if ($2>m) m=$2} END {print m}' "$OUT/memory-rss.txt")
maxall=$(awk '{if ($2+$4>m) m=$2+$4} END {print m}' "$OUT/memory-rss.txt")
bound=$(( (XMX + CACHE + 96) * 1024 ))
{
  echo "Random reads of $FILES x 200 KB (working set $((FILES * 200 / 1024)) MiB) with CACHE_MAX_BYTES=${CACHE}m, -Xms${XMS}m -Xmx${XMX}m $GC, $SOAK, 64 connections"
  echo "wrk: $(awk '/Requests\/sec/ {print $2}' "$OUT/memory-wrk.txt") req/s, $(awk '/Non-2xx|Socket errors/' "$OUT/memory-wrk.txt" | tr '\n' ' ')"
  echo "RSS: first $(head -1 "$OUT/memory-rss.txt" | awk '{print int($2/1024)}') MiB, max $((max / 1024)) MiB, last $(tail -1 "$OUT/memory-rss.txt" | awk '{print int($2/1024)}') MiB; bound max heap + cache + 96 MiB = $((bound / 1024)) MiB"
  echo "of which at the end: anonymous $(tail -1 "$OUT/memory-rss.txt" | awk '{print int($5/1024)}') MiB, file-backed (jar, libjvm: shared, reclaimable) $(tail -1 "$OUT/memory-rss.txt" | awk '{print int($6/1024)}') MiB"
  echo "RSS + cached files (page cache): max $((maxall / 1024)) MiB; files at most $(awk '{if ($4>m) m=$4} END {print int(m/1024)}' "$OUT/memory-rss.txt") MiB"
  echo "direct buffers at the end: $(grep 'jvm_buffer_memory_used_bytes{id="direct"' "$OUT/memory-metrics.txt" | awk '{printf "%.1f MiB", $2/1048576}')"
} | tee "$OUT/memory-summary.txt"
[ "$maxall" -le "$bound" ]
