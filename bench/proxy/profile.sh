#!/usr/bin/env bash
# Where the proxy's CPU goes per request: the site of fair.sh, the proxy alone, warmed up, then for
# each point (index, bundle x 32, 256 connections) a wrk run with `perf record` on the proxy and its
# user/system CPU per request from /proc/<pid>/stat. JIT frames are named from `jcmd
# Compiler.perfmap`. Needs perf (apt-get install -y linux-perf), wrk, moto_server and the jar.
#   bench/proxy/profile.sh      # results/profile-<file>-c<conns>.txt: top frames, us per request
# Knobs: DURATION=8s, PERF=0 (only the CPU split, no perf), JAVA_OPTS (default: the proxy image's -XX:+UseSerialGC, heap as fair.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
HERE=$ROOT/bench/proxy
OUT=${OUT:-$HERE/results}
JAR=${JAR:-$ROOT/proxy-service/target/slipway-proxy.jar}
DURATION=${DURATION:-8s}
JAVA_OPTS=${JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC}
MOTO=${MOTO_PORT:-28911}; PROXY=${PROXY_PORT:-28811}
HOST=demo.localhost
JS=assets/index-DsBhw8EC.js
mkdir -p "$OUT"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
for tool in wrk perf moto_server jcmd; do command -v $tool >/dev/null || { echo "Missing $tool"; exit 2; }; done
DIST=$OUT/fair-dist
[ -f "$DIST/$JS" ] || { echo "Run fair.sh once first: it makes the site ($DIST)"; exit 2; }
wait_port() { for _ in $(seq 1 300); do (echo > /dev/tcp/127.0.0.1/$1) 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened"; exit 1; }
moto_server -H 127.0.0.1 -p $MOTO > "$OUT/profile-moto.log" 2>&1 & PIDS+=($!)
wait_port $MOTO
java -cp "$JAR" "$HERE/PublishDist.java" "$DIST" "http://127.0.0.1:$MOTO" bench demo > /dev/null
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test
# shellcheck disable=SC2086
PORT=$PROXY BIND=127.0.0.1 BASE_DOMAIN=localhost S3_BUCKET=bench S3_ENDPOINT=http://127.0.0.1:$MOTO AWS_REGION=us-east-1 \
  java $JAVA_OPTS -XX:+UnlockDiagnosticVMOptions -XX:+DumpPerfMapAtExit -jar "$JAR" > /dev/null 2> "$OUT/profile-proxy.log" & PID=$!
PIDS+=($PID)
wait_port $PROXY
for p in / "/$JS"; do for c in 32 256; do
  wrk -t2 -c$c -d6s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" > /dev/null
done; done
for p in / "/$JS"; do for c in 32 256; do
  wrk -t2 -c$c -d4s -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" > /dev/null
done; done
TCK=$(getconf CLK_TCK)
# Every thread's utime and stime in ticks, by the thread's name with digits folded (XNIO-1 I/O-1 -> XNIO-# I/O-#).
threads() { for t in /proc/$PID/task/*; do
  printf "%s\t%s\n" "$(tr -d '\n' < $t/comm 2>/dev/null | sed 's/[0-9][0-9]*/#/g')" "$(awk '{sub(/^.*\) /, ""); print $12, $13}' $t/stat 2>/dev/null)"; done; }
for p in / "/$JS"; do
  for c in 32 256; do
    name=$([ "$p" = / ] && echo index || echo bundle)
    f=$OUT/profile-$name-c$c
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    read -r u0 s0 < <(awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$PID/stat)
    threads > "$f.t0"
    if [ "${PERF:-1}" = 1 ]; then rec=(perf record -q -m 8 -F 2000 -p $PID -o "$f.data" --); else rec=(); fi
    "${rec[@]}" wrk -t2 -c$c -d$DURATION -H "Host: $HOST" "http://127.0.0.1:$PROXY$p" > "$f.wrk" 2>"$f.err" || { cat "$f.err"; exit 1; }
    read -r u1 s1 < <(awk '{sub(/^.*\) /, ""); print $12, $13}' /proc/$PID/stat)
    threads > "$f.t1"
    n=$(awk '/requests in/ {print $1}' "$f.wrk")
    user=$(echo "($u1 - $u0) * 1000000 / $TCK / $n" | bc -l)
    sys=$(echo "($s1 - $s0) * 1000000 / $TCK / $n" | bc -l)
    if [ "${PERF:-1}" = 1 ]; then jcmd $PID Compiler.perfmap > /dev/null; fi
    {
      printf "# %s, %s connections, %s requests, load %s: user %.1f us + system %.1f us per request (perf includes wrk's time only if it ran in the proxy: it does not)\n" \
        $name $c "$n" "$load" "$user" "$sys"
      echo "# user + system us per request by thread (names with digits folded):"
      awk -F'\t' -v n="$n" -v tck="$TCK" 'FNR==NR { split($2, a, " "); u0[$1]+=a[1]; s0[$1]+=a[2]; next }
        { split($2, a, " "); u1[$1]+=a[1]; s1[$1]+=a[2] }
        END { for (k in u1) { du=(u1[k]-u0[k])*1e6/tck/n; ds=(s1[k]-s0[k])*1e6/tck/n; if (du+ds > 0) printf "  %7.2f user %7.2f sys  %s\n", du, ds, k } }' "$f.t0" "$f.t1" | sort -rn
      if [ -f "$f.data" ]; then
        perf report -i "$f.data" --no-children --sort dso -q 2>/dev/null > "$f.dso" || true; head -8 "$f.dso"
        perf report -i "$f.data" --no-children --sort dso,sym -q 2>/dev/null > "$f.sym" || true
        # Every sample by whose code it is: the kernel, the JVM, and Java frames by package.
        awk '/%/ { p=$1; sub(/%/,"",p); k="other"
          if ($0 ~ /kernel.kallsyms/) k="kernel"; else if ($0 ~ /dev\.slipway/) k="java dev.slipway";
          else if ($0 ~ /io\.undertow/) k="java io.undertow"; else if ($0 ~ /org\.xnio/) k="java org.xnio";
          else if ($0 ~ /\] (Interpreter|StubRoutines|vtable|itable)/) k="jvm interpreter+stubs";
          else if ($0 ~ /\[JIT\]/) k="java other (jdk, caffeine, ...)"; else if ($0 ~ /libjvm/) k="jvm (gc, compiler, runtime)";
          else if ($0 ~ /libc|vdso|libnio|libjava|libnet/) k="libc, vdso, jdk natives"
          t[k]+=p } END { for (k in t) printf "  %6.2f%%  %s\n", t[k], k }' "$f.sym" | sort -rn
        head -60 "$f.sym"
      fi
    } > "$f.txt"
    rm -f "$f.data" "$f.dso" "$f.sym" "$f.t0" "$f.t1"
    head -1 "$f.txt"
  done
done
