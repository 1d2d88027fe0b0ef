#!/usr/bin/env bash
# Call-graph profile (perf -g, -XX:+PreserveFramePointer) of one jar: bundle then index at 256
# connections, perf data and JIT map kept in results/callgraph-$NAME. Run fair.sh once first (the site).
#   NAME=base bench/proxy/callgraph.sh some.jar; perf report -i results/callgraph-base/bundle.data --children
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd); HERE=$ROOT/bench/proxy; OUT=$HERE/results/callgraph-${NAME:-run}; mkdir -p $OUT
JAR=$1
MOTO=28931; PROXY=28831; HOST=demo.localhost; JS=assets/index-DsBhw8EC.js; DIST=$HERE/results/fair-dist
PIDS=(); cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }; trap cleanup EXIT
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > $OUT/moto.log 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > /dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
PORT=$PROXY BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
  java -Xms256m -Xmx512m -XX:+PreserveFramePointer -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit ${OPTS:-} -jar "$JAR" > /dev/null 2> $OUT/proxy.log & PID=$!
PIDS+=($PID); wait_port $PROXY
for p in "/$JS" /; do wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" >/dev/null; done
wrk -t2 -c256 -d5s -H "Host: $HOST" "http://127.0.0.1:$PROXY/$JS" >/dev/null
TCK=$(getconf CLK_TCK)
for p in "/$JS" /; do
 name=$([ "$p" = / ] && echo index || echo bundle)
 load=$(cut -d' ' -f1 /proc/loadavg)
 read -r u0 s0 < <(awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$PID/stat)
 perf record -q -g -F 1999 -p $PID -o $OUT/$name.data -- wrk -t2 -c256 -d8s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" > $OUT/$name.wrk
 read -r u1 s1 < <(awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$PID/stat)
 n=$(awk '/requests in/ {print $1}' $OUT/$name.wrk)
 echo "$name load $load n $n user $(echo "($u1-$u0)*1000000/$TCK/$n" | bc -l | cut -c1-5) sys $(echo "($s1-$s0)*1000000/$TCK/$n" | bc -l | cut -c1-5)" | tee -a $OUT/summary
done
jcmd $PID Compiler.perfmap > /dev/null
cp /tmp/perf-$PID.map $OUT/ 2>/dev/null || true
echo $PID > $OUT/pid
