#!/usr/bin/env bash
# Proxy vs nginx, fairly: nginx runs with `daemon off` as a child of this script (the same session
# and scheduler group as the proxy), with as many workers as the proxy has IO threads, both write an
# access log to a file. Each point (500 B index, 200 KB bundle; 32 and 256 connections, HTTP/1.1
# keep-alive) runs ROUNDS times, alternating nginx and proxy; for each run: req/s, p99, and CPU
# microseconds per request from utime+stime in /proc/<pid>/stat (nginx: master + workers) around the
# run, with the load average before it. Needs wrk, nginx (apt-get install -y nginx wrk),
# moto_server, and the jar: mvn -B -pl proxy-service -am package -Dmaven.test.skip=true
#   bench/proxy/fair.sh            # results in bench/proxy/results/fair-*.txt
# Knobs: DURATION=10s per run, ROUNDS=3, JFR=1 records a profile of the proxy (results/proxy.jfr),
# PROXY_OPTS="..." more JVM options for the proxy (e.g. -D switches of an experiment), PROXY_JVM the
# heap and collector (default: the image's collector and exit rule, SerialGC, with a fixed heap;
# PROXY_JVM="-Xms256m -Xmx512m" for the JVM's own choice on this machine, G1, as before session 11).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=${JAR:-$ROOT/proxy-service/target/slipway-proxy.jar}
DURATION=${DURATION:-10s}
PROXY_JVM=${PROXY_JVM:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError}
ROUNDS=${ROUNDS:-3}
MOTO=${MOTO_PORT:-28910}; PROXY=${PROXY_PORT:-28810}; NGINX=${NGINX_PORT:-28890}
HOST=demo.localhost
WORKERS=$(nproc)
[ "$WORKERS" -lt 2 ] && WORKERS=2   # the proxy's IO threads: max(2, cores)
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
[ -f "$JAR" ] || { echo "Build the proxy first: mvn -B -pl proxy-service -am package -Dmaven.test.skip=true"; exit 2; }
for tool in wrk nginx moto_server; do command -v $tool >/dev/null || { echo "Missing $tool"; exit 2; }; done

# A site the size of a small Vite app: a 500 B entry page and a 200 KB hashed bundle.
DIST=$OUT/fair-dist
rm -rf "$DIST"; mkdir -p "$DIST/assets"
head -c 430 /dev/zero | tr '\0' 'x' | sed 's/^/<!doctype html><title>bench<\/title><script type="module" src="\/assets\/index-DsBhw8EC.js"><\/script>/' | head -c 500 > "$DIST/index.html"
python3 -c "
import random; random.seed(7)
words=['const','let','function','return','import','export','value','state','render','props','=>','{','}','(',')',';']
out=[]; n=0
while n < 200*1024:
    w=random.choice(words)+' '; out.append(w); n+=len(w)
open('$DIST/assets/index-DsBhw8EC.js','w').write(''.join(out)[:200*1024])"
JS=assets/index-DsBhw8EC.js

wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/fair-moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > "$OUT/fair-publish.log"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test

JFR_OPT=()
[ "${JFR:-0}" = 1 ] && JFR_OPT=(-XX:StartFlightRecording=filename=$OUT/proxy.jfr,settings=profile)
PORT=$PROXY BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
  java $PROXY_JVM "${JFR_OPT[@]}" ${PROXY_OPTS:-} -jar "$JAR" > "$OUT/fair-proxy-access.log" 2> "$OUT/fair-proxy.log" & PROXY_PID=$!
PIDS+=($PROXY_PID)
sed -e "s#@DIST@#$DIST#g" -e "s#@PORT@#$NGINX#g" -e "s#@OUT@#$OUT#g" -e "s#@WORKERS@#$WORKERS#g" "$HERE/nginx-fair.conf" > "$OUT/fair-nginx.conf"
nginx -c "$OUT/fair-nginx.conf" -p "$OUT" & NGINX_PID=$!
PIDS+=($NGINX_PID)
wait_port $PROXY; wait_port $NGINX

for p in / "/$JS"; do
  cmp <(curl -s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p") <(curl -s "http://127.0.0.1:$NGINX$p") || { echo "bodies differ for $p"; exit 1; }
done
echo "warming up (JIT, caches)"
wrk -t2 -c64 -d15s -H "Host: $HOST" "http://127.0.0.1:$PROXY/" > /dev/null
wrk -t2 -c64 -d15s -H "Host: $HOST" "http://127.0.0.1:$PROXY/$JS" > /dev/null
# Every point twice over, on both: each new batch of connections and each switch of file takes
# paths the JIT has not compiled yet (deoptimization, recompilation); measured, C2 took ~30 % of
# the proxy's CPU in the first rounds and ~1 % once every point had run twice.
for _ in 1 2; do
  for p in / "/$JS"; do
    for c in 32 256; do
      wrk -t2 -c$c -d5s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" > /dev/null
      wrk -t2 -c$c -d3s "http://127.0.0.1:$NGINX$p" > /dev/null
    done
  done
done

TCK=$(getconf CLK_TCK)
ticks() { # "utime stime" of a process and its children threads/workers
  local u=0 s=0 a b
  for pid in "$@"; do
    [ -r /proc/$pid/stat ] || continue
    read -r a b < <(awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$pid/stat)
    u=$((u + a)); s=$((s + b))
  done
  echo $u $s
}
probes() { nstat -az TcpExtTCPLossProbes 2>/dev/null | awk '$1=="TcpExtTCPLossProbes" {print $2}'; }
nginx_pids() { echo $NGINX_PID $(pgrep -P $NGINX_PID || true); }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
reqs() { awk '/requests in/ {print $1}' "$1"; }
p99() { awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' "$1"; }

RES=$OUT/fair-runs.txt
# user and sys split cpu_us/req; probes: TCP loss probes (machine-wide) per 1000 requests
printf "%-10s %5s %5s %-6s %10s %9s %9s %6s %6s %6s %7s\n" file conns round server req/s p99_ms cpu_us/req load1 user sys probes | tee "$RES"
run() { # server path conns round
  local server=$1 path=$2 c=$3 r=$4 url pids f
  if [ $server = nginx ]; then url="http://127.0.0.1:$NGINX$path"; pids=$(nginx_pids); else url="http://127.0.0.1:$PROXY$path"; pids=$PROXY_PID; fi
  f=$OUT/fair-$server$(echo $path | tr '/' '_')-c$c-r$r.txt
  load=$(cut -d' ' -f1 /proc/loadavg)
  read -r u0 s0 < <(ticks $pids)
  p0=$(probes)
  wrk -t2 -c$c -d$DURATION --latency -H "Host: $HOST" "$url" > "$f"
  read -r u1 s1 < <(ticks $pids)
  p1=$(probes)
  n=$(reqs "$f")
  user=$(echo "($u1 - $u0) * 1000000 / $TCK / $n" | bc -l)
  sys=$(echo "($s1 - $s0) * 1000000 / $TCK / $n" | bc -l)
  cpu=$(echo "$user + $sys" | bc -l)
  lp=$(echo "(${p1:-0} - ${p0:-0}) * 1000 / $n" | bc -l)
  name=$([ "$path" = / ] && echo index || echo bundle)
  printf "%-10s %5s %5s %-6s %10s %9.2f %9.1f %6s %6.1f %6.1f %7.1f\n" $name $c $r $server "$(rps "$f")" "$(p99 "$f")" "$cpu" "$load" "$user" "$sys" "$lp" | tee -a "$RES"
}
for r in $(seq 1 $ROUNDS); do
  for path in / "/$JS"; do
    for c in 32 256; do
      if [ $((r % 2)) = 1 ]; then run nginx $path $c $r; run proxy $path $c $r; else run proxy $path $c $r; run nginx $path $c $r; fi
    done
  done
done
# Ratios per point: proxy/nginx of the per-round medians (req/s: higher is better; CPU: lower).
echo | tee -a "$RES"
awk 'NR>1 && NF==11 {k=$1" "$2; if ($4=="proxy") {pr[k]=pr[k]" "$5; pc[k]=pc[k]" "$7} else {nr[k]=nr[k]" "$5; nc[k]=nc[k]" "$7}}
  function med(s,  a, n, i, j, t) { n=split(s, a, " "); for (i=1;i<=n;i++) for (j=i+1;j<=n;j++) if (a[j]+0 < a[i]+0) {t=a[i]; a[i]=a[j]; a[j]=t}; return (n%2) ? a[(n+1)/2] : (a[n/2]+a[n/2+1])/2 }
  END { printf "%-10s %5s %12s %16s\n", "file", "conns", "req/s ratio", "cpu/req ratio"; for (k in pr) { split(k, kk, " "); printf "%-10s %5s %12.2f %16.2f\n", kk[1], kk[2], med(pr[k])/med(nr[k]), med(pc[k])/med(nc[k]) } }' "$RES" | tee -a "$RES"
