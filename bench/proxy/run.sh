#!/usr/bin/env bash
# Proxy vs nginx on the same Vite build, cold start with added S3 latency, and a 2-minute soak.
# Everything listens on 127.0.0.1 only. Needs: wrk, nginx, brotli (Debian packages), moto_server,
# Node/npm (to build the Vite app once), and the proxy jar:
#   mvn -B -pl proxy-service -am package -Dmaven.test.skip=true
#   bench/proxy/run.sh            # results in bench/proxy/results/, summary on stdout
# Knobs: DIST=<a built dist folder> (default: build the `npm create vite` React template),
#        DURATION=15s per wrk run, SOAK=120s, S3_DELAY_MS=15.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=$ROOT/proxy-service/target/slipway-proxy.jar
DURATION=${DURATION:-15s}
SOAK=${SOAK:-120s}
S3_DELAY_MS=${S3_DELAY_MS:-15}
MOTO=${MOTO_PORT:-28900}; RELAY=${RELAY_PORT:-28901}; PROXY=${PROXY_PORT:-28800}; NGINX=${NGINX_PORT:-28880}
HOST=demo.localhost
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

[ -f "$JAR" ] || { echo "Build the proxy first: mvn -B -pl proxy-service -am package -Dmaven.test.skip=true"; exit 2; }
for tool in wrk nginx moto_server; do command -v $tool >/dev/null || { echo "Missing $tool (apt-get install -y wrk nginx brotli; pip install 'moto[server]')"; exit 2; }; done

if [ -z "${DIST:-}" ]; then
  APP=${APP:-/tmp/slipway-bench-vite}
  if [ ! -f "$APP/app/dist/index.html" ]; then
    mkdir -p "$APP" && (cd "$APP" && npm create -y vite@latest app -- --template react --no-interactive && cd app && npm install && npm run build)
  fi
  DIST=$APP/app/dist
fi
JS=$(cd "$DIST" && ls assets/index-*.js | head -1)
echo "dist: $DIST  bundle: $JS ($(stat -c %s "$DIST/$JS") bytes)" | tee "$OUT/summary.txt"

wait_port() { for _ in $(seq 1 200); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }

# S3 (moto) with the site in the contract's layout.
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > "$OUT/publish.log"
tail -1 "$OUT/publish.log"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test

start_proxy() { # $1 = S3 endpoint port
  PORT=$PROXY BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$1 AWS_REGION=us-east-1 \
    ADMIN_PORT=$((PROXY + 1)) java -Xms256m -Xmx512m -jar "$JAR" > "$OUT/proxy-access.log" 2> "$OUT/proxy.log" & PROXY_PID=$!
  PIDS+=($PROXY_PID)
  wait_port $PROXY
}
stop_proxy() { kill $PROXY_PID; wait $PROXY_PID 2>/dev/null || true; }

# nginx serving the same dist from disk, in the foreground of this session (daemon off), with as
# many workers as the proxy has IO threads (see fair.sh for the CPU-per-request comparison).
sed -e "s#@DIST@#$DIST#g" -e "s#@PORT@#$NGINX#g" -e "s#@OUT@#$OUT#g" -e "s#@WORKERS@#$(nproc)#g" "$HERE/nginx-fair.conf" > "$OUT/nginx.conf"
nginx -c "$OUT/nginx.conf" -p "$OUT" & PIDS+=($!)
wait_port $NGINX

start_proxy $MOTO
for p in / "/$JS"; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $HOST" "http://127.0.0.1:$PROXY$p")" = 200 ] || { echo "proxy does not serve $p"; exit 1; }
  cmp <(curl -s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p") <(curl -s "http://127.0.0.1:$NGINX$p") || { echo "bodies differ for $p"; exit 1; }
done
echo "warming the proxy's JIT (20 s)"
wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$PROXY/" > /dev/null
wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$PROXY/$JS" > /dev/null
wrk -t2 -c64 -d5s "http://127.0.0.1:$NGINX/" > /dev/null

rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
p99() { awk '$1=="99%" {print $2}' "$1"; }
errs() { awk '/Non-2xx|Socket errors/ {print}' "$1" | tr '\n' ' '; }
to_ms() { awk -v v="$1" 'BEGIN { if (v ~ /us$/) { sub(/us$/,"",v); print v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v); print v } else if (v ~ /s$/) { sub(/s$/,"",v); print v*1000 } else print v }'; }

printf "\n%-28s %5s %12s %12s %7s %10s %10s %7s\n" "file" "conns" "nginx req/s" "proxy req/s" "ratio" "nginx p99" "proxy p99" "p99 x" | tee -a "$OUT/summary.txt"
for path in / "/$JS"; do
  for c in 32 256; do
    name=$(echo "${path}" | tr '/' '_')-c$c
    wrk -t2 -c$c -d$DURATION --latency "http://127.0.0.1:$NGINX$path" > "$OUT/nginx$name.txt"
    wrk -t2 -c$c -d$DURATION --latency -H "Host: $HOST" "http://127.0.0.1:$PROXY$path" > "$OUT/proxy$name.txt"
    n=$(rps "$OUT/nginx$name.txt"); x=$(rps "$OUT/proxy$name.txt")
    np=$(to_ms "$(p99 "$OUT/nginx$name.txt")"); xp=$(to_ms "$(p99 "$OUT/proxy$name.txt")")
    printf "%-28s %5s %12s %12s %7.2f %8.2fms %8.2fms %7.2f %s\n" "$path" $c "$n" "$x" "$(echo "$x/$n" | bc -l)" "$np" "$xp" "$(echo "$xp/$np" | bc -l)" "$(errs "$OUT/proxy$name.txt")" | tee -a "$OUT/summary.txt"
  done
done

# Cold start: a fresh proxy, S3 behind a relay adding S3_DELAY_MS to every request.
stop_proxy
java "$HERE/DelayRelay.java" $RELAY $MOTO $S3_DELAY_MS > "$OUT/relay.log" 2>&1 & PIDS+=($!)
wait_port $RELAY
start_proxy $RELAY
# S3 GETs so far for objects of the given kinds (project, manifest, blob, variant), from the proxy's metrics.
gets() { curl -s "http://127.0.0.1:$((PROXY + 1))/_slipway/metrics" | awk -v kinds="$1" '
  /^slipway_proxy_s3_latency_seconds_count\{/ { split(kinds, k, ","); for (i in k) if (index($0, "object=\"" k[i] "\"")) s += $2 }
  END { print int(s) }'; }
printf "\nCold start, S3 +%s ms per request, a browser's Accept-Encoding (gzip, br)\n%-34s %8s %10s %12s %8s\n" "$S3_DELAY_MS" "file" "ms" "file GETs" "record GETs" "again ms" | tee -a "$OUT/summary.txt"
for f in / $(cd "$DIST" && find . -type f ! -name index.html | sed 's#^\./#/#' | sort); do
  fb=$(gets blob,variant); rb=$(gets project,manifest)
  t=$(curl -s -o /dev/null -w '%{time_total}' -H "Host: $HOST" -H 'Accept-Encoding: gzip, br' "http://127.0.0.1:$PROXY$f")
  fa=$(gets blob,variant); ra=$(gets project,manifest)
  t2=$(curl -s -o /dev/null -w '%{time_total}' -H "Host: $HOST" -H 'Accept-Encoding: gzip, br' "http://127.0.0.1:$PROXY$f")
  printf "%-34s %8.1f %10s %12s %8.1f\n" "$f" "$(echo "$t*1000" | bc -l)" "$((fa - fb))" "$((ra - rb))" "$(echo "$t2*1000" | bc -l)" | tee -a "$OUT/summary.txt"
done
stop_proxy

# Soak: 2 minutes at 256 connections, entry page and bundle alternating; RSS every 5 s.
start_proxy $MOTO
wrk -t2 -c64 -d10s -H "Host: $HOST" "http://127.0.0.1:$PROXY/" > /dev/null
( while kill -0 $PROXY_PID 2>/dev/null; do echo "$(date +%s) $(ps -o rss= -p $PROXY_PID)"; sleep 5; done ) > "$OUT/soak-rss.txt" & PIDS+=($!)
JS_PATH="/$JS" wrk -t2 -c256 -d$SOAK --latency -s "$HERE/mix.lua" -H "Host: $HOST" "http://127.0.0.1:$PROXY" > "$OUT/soak-wrk.txt"
sleep 1
first=$(head -6 "$OUT/soak-rss.txt" | awk '{s+=$2; n++} END {printf "%d", s/n}')
last=$(tail -2 "$OUT/soak-rss.txt" | head -1 | awk '{print $2}')
{
  echo
  echo "Soak ($SOAK, 256 connections, / and /$JS alternating): $(rps "$OUT/soak-wrk.txt") req/s, p99 $(p99 "$OUT/soak-wrk.txt"), errors: $(errs "$OUT/soak-wrk.txt" | sed 's/^$/none/')"
  echo "RSS: first 30 s average ${first} KiB, at the end ${last} KiB ($(echo "($last-$first)*100/$first" | bc -l | xargs printf '%+.1f')%)"
  echo "5xx in the access log: $(grep -c '"status":5' "$OUT/proxy-access.log" || true)"
} | tee -a "$OUT/summary.txt"
