#!/usr/bin/env bash
# Proxy A against proxy B (two jars, or one jar with two sets of JVM options), the way fair.sh
# measures the proxy against nginx: the site of fair.sh, both proxies running side by side in this
# session, warmed up alike, then every point (index, bundle x 32, 256 connections) ROUNDS times,
# alternating which goes first; CPU microseconds per request from utime+stime in /proc/<pid>/stat
# around each run, req/s, and the load average. For changes too small to see against nginx's noise.
#   JAR_A=/tmp/main.jar JAR_B=proxy-service/target/slipway-proxy.jar bench/proxy/ab.sh
#   OPTS_B="-Dsome.switch=true" bench/proxy/ab.sh      # one jar, two option sets
#   ENV_B="REDIS_URL=redis://127.0.0.1:6399" bench/proxy/ab.sh   # more environment for one side
# Knobs: DURATION=8s, ROUNDS=3, NAME=ab (results/<NAME>-runs.txt). Run fair.sh once first (the site).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=$ROOT/proxy-service/target/slipway-proxy.jar
JAR_A=${JAR_A:-$JAR}; JAR_B=${JAR_B:-$JAR}
OPTS_A=${OPTS_A:-}; OPTS_B=${OPTS_B:-}
ENV_A=${ENV_A:-}; ENV_B=${ENV_B:-}
DURATION=${DURATION:-8s}
ROUNDS=${ROUNDS:-3}
NAME=${NAME:-ab}
MOTO=${MOTO_PORT:-28912}; PA=${PORT_A:-28812}; PB=${PORT_B:-28813}
HOST=demo.localhost
JS=assets/index-DsBhw8EC.js
DIST=$OUT/fair-dist
[ -f "$DIST/$JS" ] || { echo "Run fair.sh once first: it makes the site ($DIST)"; exit 2; }
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/$NAME-moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR_B" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > /dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
start() { # port jar opts env
  # shellcheck disable=SC2086
  env $4 PORT=$1 BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
    java -Xms256m -Xmx512m $3 -jar "$2" > /dev/null 2> "$OUT/$NAME-proxy-$1.log" &
  echo $!
}
A=$(start $PA "$JAR_A" "$OPTS_A" "$ENV_A"); PIDS+=($A)
B=$(start $PB "$JAR_B" "$OPTS_B" "$ENV_B"); PIDS+=($B)
wait_port $PA; wait_port $PB
for p in / "/$JS"; do
  cmp <(curl -s -H "Host: $HOST" "http://127.0.0.1:$PA$p") <(curl -s -H "Host: $HOST" "http://127.0.0.1:$PB$p") || { echo "bodies differ for $p"; exit 1; }
done
echo "warming up both (JIT)"
for port in $PA $PB; do
  wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$port/" > /dev/null
  wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$port/$JS" > /dev/null
done
for _ in 1 2; do for p in / "/$JS"; do for c in 32 256; do for port in $PA $PB; do
  wrk -t2 -c$c -d4s -H "Host: $HOST" "http://127.0.0.1:$port$p" > /dev/null
done; done; done; done
TCK=$(getconf CLK_TCK)
ticks() { awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$1/stat; }
RES=$OUT/$NAME-runs.txt
{ echo "# A: $JAR_A $OPTS_A $ENV_A"; echo "# B: $JAR_B $OPTS_B $ENV_B"; } > "$RES"
printf "%-10s %5s %5s %-3s %10s %10s %6s %6s %6s\n" file conns round srv req/s cpu_us/req load1 user sys | tee -a "$RES"
run() { # A|B path conns round
  local pid port f name load u0 s0 u1 s1 n user sys
  if [ $1 = A ]; then pid=$A; port=$PA; else pid=$B; port=$PB; fi
  f=$OUT/$NAME-$1$(echo $2 | tr '/' '_')-c$3-r$4.txt
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r u0 s0 < <(ticks $pid)
  wrk -t2 -c$3 -d$DURATION -H "Host: $HOST" "http://127.0.0.1:$port$2" > "$f"
  read -r u1 s1 < <(ticks $pid)
  n=$(awk '/requests in/ {print $1}' "$f")
  user=$(echo "($u1 - $u0) * 1000000 / $TCK / $n" | bc -l)
  sys=$(echo "($s1 - $s0) * 1000000 / $TCK / $n" | bc -l)
  name=$([ "$2" = / ] && echo index || echo bundle)
  printf "%-10s %5s %5s %-3s %10s %10.2f %6s %6.2f %6.2f\n" $name $3 $4 $1 "$(awk '/Requests\/sec/ {print $2}' "$f")" "$(echo "$user + $sys" | bc -l)" "$load" "$user" "$sys" | tee -a "$RES"
}
for r in $(seq 1 $ROUNDS); do
  for path in / "/$JS"; do
    for c in 32 256; do
      if [ $((r % 2)) = 1 ]; then run A $path $c $r; run B $path $c $r; else run B $path $c $r; run A $path $c $r; fi
    done
  done
done
echo | tee -a "$RES"
awk '$1 ~ /^(index|bundle)$/ {k=$1" "$2; if ($4=="B") {br[k]=br[k]" "$5; bc[k]=bc[k]" "$6} else {ar[k]=ar[k]" "$5; ac[k]=ac[k]" "$6}}
  function med(s,  a, n, i, j, t) { n=split(s, a, " "); for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]+0 < a[i]+0) {t=a[i]; a[i]=a[j]; a[j]=t}; return (n%2) ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  END { printf "%-10s %5s %10s %10s %12s %14s\n", "file", "conns", "cpu A", "cpu B", "cpu B/A", "req/s B/A"; for (k in br) { split(k, kk, " "); printf "%-10s %5s %10.2f %10.2f %12.3f %14.3f\n", kk[1], kk[2], med(ac[k]), med(bc[k]), med(bc[k])/med(ac[k]), med(br[k])/med(ar[k]) } }' "$RES" | tee -a "$RES"
