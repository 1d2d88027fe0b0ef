#!/usr/bin/env bash
# System calls per bundle request: the site of fair.sh served by proxy A, proxy B and nginx (as
# fair.sh runs it), each warmed up, then `strace -c -f` attached to the server for a wrk run of
# STRACE_FOR at CONNS connections; the counts are divided by the requests wrk made meanwhile.
# strace slows every call down, so only the counts per request mean anything, not the times.
# Before that, one wrk run without strace counts the machine's TCP segments (nstat TcpOutSegs: on
# loopback both ends' segments, the client's requests and ACKs too) per request.
#   JAR_A=/tmp/main.jar JAR_B=proxy-service/target/slipway-proxy.jar bench/proxy/strace.sh
# Knobs: CONNS=256, STRACE_FOR=3s, OPTS_A, OPTS_B, NAME=strace (results/<NAME>-<server>.txt).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=$ROOT/proxy-service/target/slipway-proxy.jar
JAR_A=${JAR_A:-$JAR}; JAR_B=${JAR_B:-$JAR}
OPTS_A=${OPTS_A:-}; OPTS_B=${OPTS_B:-}
CONNS=${CONNS:-256}
STRACE_FOR=${STRACE_FOR:-3s}
NAME=${NAME:-strace}
MOTO=${MOTO_PORT:-28914}; PA=${PORT_A:-28815}; PB=${PORT_B:-28816}; PN=${NGINX_PORT:-28817}
HOST=demo.localhost
JS=assets/index-DsBhw8EC.js
DIST=$OUT/fair-dist
for tool in wrk strace nstat nginx moto_server; do command -v $tool >/dev/null || { echo "Missing $tool"; exit 2; }; done
[ -f "$DIST/$JS" ] || { echo "Run fair.sh once first: it makes the site ($DIST)"; exit 2; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/$NAME-moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR_B" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > /dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
start() { # port jar opts
  # shellcheck disable=SC2086
  PORT=$1 BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
    java -Xms256m -Xmx512m $3 -jar "$2" > /dev/null 2> "$OUT/$NAME-proxy-$1.log" &
  echo $!
}
A=$(start $PA "$JAR_A" "$OPTS_A"); PIDS+=($A)
B=$(start $PB "$JAR_B" "$OPTS_B"); PIDS+=($B)
WORKERS=$(nproc); [ "$WORKERS" -lt 2 ] && WORKERS=2
sed -e "s#@DIST@#$DIST#g" -e "s#@PORT@#$PN#g" -e "s#@OUT@#$OUT#g" -e "s#@WORKERS@#$WORKERS#g" \
  -e "s#nginx-access.log#$NAME-nginx-access.log#" -e "s#nginx.pid#$NAME-nginx.pid#" "$HERE/nginx-fair.conf" > "$OUT/$NAME-nginx-conf.log"
nginx -c "$OUT/$NAME-nginx-conf.log" -p "$OUT" & N=$!; PIDS+=($N)
wait_port $PA; wait_port $PB; wait_port $PN
for port in $PA $PB $PN; do
  wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$port/$JS" > /dev/null
  wrk -t2 -c$CONNS -d5s -H "Host: $HOST" "http://127.0.0.1:$port/$JS" > /dev/null
done
segments() { # label port
  local f=$OUT/$NAME-$1-wrk-segs.log s0 s1 n load
  load=$(cut -d' ' -f1 /proc/loadavg)
  s0=$(nstat -az TcpOutSegs | awk '$1=="TcpOutSegs" {print $2}')
  wrk -t2 -c$CONNS -d$STRACE_FOR -H "Host: $HOST" "http://127.0.0.1:$2/$JS" > "$f"
  s1=$(nstat -az TcpOutSegs | awk '$1=="TcpOutSegs" {print $2}')
  n=$(awk '/requests in/ {print $1}' "$f")
  printf "# %s: %s requests in %s without strace, %.2f TCP segments per request (both ends), load %s\n" \
    "$1" "$n" "$STRACE_FOR" "$(echo "($s1 - $s0) / $n" | bc -l)" "$load" | tee "$OUT/$NAME-$1-segs.txt"
}
trace() { # label port pid...
  local label=$1 port=$2 f=$OUT/$NAME-$1.txt args=() s n load
  shift 2
  for p in "$@"; do args+=(-p "$p"); done
  load=$(cut -d' ' -f1 /proc/loadavg)
  strace -qq -c -f "${args[@]}" -o "$OUT/$NAME-$label-strace.log" & s=$!
  sleep 1
  wrk -t2 -c$CONNS -d$STRACE_FOR -H "Host: $HOST" "http://127.0.0.1:$port/$JS" > "$OUT/$NAME-$label-wrk.log"
  kill -INT $s; wait $s || true
  n=$(awk '/requests in/ {print $1}' "$OUT/$NAME-$label-wrk.log")
  { echo "# $label: bundle, $CONNS connections, $n requests in $STRACE_FOR under strace, load $load"
    printf "%-16s %10s %12s\n" syscall calls per_request
    awk -v n="$n" 'NF >= 5 && $4 ~ /^[0-9]+$/ && $NF ~ /^[a-z_0-9]+$/ && $NF != "total" {
      printf "%-16s %10d %12.3f%s\n", $NF, $4, $4 / n, (NF == 6 ? "   (" $5 " errors)" : "")}' "$OUT/$NAME-$label-strace.log" | sort -k2 -nr
  } | tee "$f"
}
segments proxy-A $PA; segments proxy-B $PB; segments nginx $PN
trace proxy-A $PA $A
trace proxy-B $PB $B
trace nginx $PN $(pgrep -P $N)
