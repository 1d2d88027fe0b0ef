#!/bin/sh
# Times the start of the command line: `./slipway --help`, `./slipway list` and
# `./slipway logs <id>`, each with the class-data sharing archives the script makes (decision 0008)
# and without them (SLIPWAY_CDS=false), against a bare `java -version` in the same rounds. The
# three variants alternate (their order turns every round), so a change of load hits all three.
# Wall and CPU time per run come from /usr/bin/time; the load average is printed before and after
# each command's rounds.
#
# Usage: bench/cli/start.sh [rounds]      (default 7, after 2 warm-up runs of each variant)
# Run it as: flock /tmp/slipway-bench.lock timeout 900 bench/cli/start.sh
# Needs: a JDK 17+, Maven (to build the jars once), /usr/bin/time and Node.js (a free port).
set -eu

ROUNDS=${1:-7}
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
JAR="$ROOT/desktop-app/target/slipway.jar"
BUILDER="$ROOT/builder-container/target/slipway-builder.jar"
if [ ! -f "$JAR" ] || [ ! -f "$BUILDER" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests -pl desktop-app -am package)
fi
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "start.sh: needs GNU time at /usr/bin/time" >&2
  exit 2
fi

WORK=$(mktemp -d)
export SLIPWAY_HOME="$WORK/home"
export SLIPWAY_BUILDER_JAR="$BUILDER"
# No builder archive: its background dump after the one deploy would run beside the timed commands.
export SLIPWAY_BUILDER_CDS=false
export NO_COLOR=1
mkdir -p "$SLIPWAY_HOME"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf '{"mode":"local","proxyPort":%s}\n' "$PORT" > "$SLIPWAY_HOME/config.json"
trap '"$ROOT/slipway" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# One deployment of a plain static folder, so `list` has a project and `logs` a log.
SITE="$WORK/start-site"
mkdir -p "$SITE"
printf '<!doctype html><h1>start</h1>\n' > "$SITE/index.html"
"$ROOT/slipway" deploy "$SITE" --slug start --json > "$WORK/deploy.json" 2> "$WORK/deploy.err" || {
  echo "start.sh: the deploy failed:" >&2; cat "$WORK/deploy.err" >&2; exit 1; }
ID=$(node -e 'const l=require("fs").readFileSync(process.argv[1],"utf8").trim().split("\n");console.log(JSON.parse(l[l.length-1]).deploymentId)' "$WORK/deploy.json")

echo "jar: $JAR, $(stat -c %s "$JAR") bytes"
echo "java: $(java -version 2>&1 | head -n 1)"
echo "machine: $(nproc) cores, $(uname -sm)"
echo "deployment: $ID; local stack on proxy port $PORT"

# run <label> <command...>: one timed run, appended to $WORK/<label> as "wall cpu".
run() {
  label=$1
  shift
  "$TIME" -f '%e %U %S' -o "$WORK/t" "$@" >/dev/null 2>"$WORK/err" || {
    echo "start.sh: '$*' failed:" >&2; cat "$WORK/err" >&2; exit 1; }
  awk '{ printf "%.2f %.2f\n", $1, $2 + $3 }' "$WORK/t" >> "$WORK/$label"
}

# median <file> <column>
median() {
  awk -v c="$2" '{ print $c }' "$1" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}


with_cds() { "$ROOT/slipway" "$@"; }
without_cds() { SLIPWAY_CDS=false "$ROOT/slipway" "$@"; }

echo
echo "command      variant        median wall  median CPU  runs  (load average before -> after)"
for cmd in help list logs; do
  case $cmd in
    help) set -- --help ;;
    list) set -- list ;;
    logs) set -- logs "$ID" ;;
  esac
  rm -f "$WORK/bare-$cmd" "$WORK/cds-$cmd" "$WORK/none-$cmd"
  # Warm-up: the first run with archives writes the archive; the page cache fills.
  for w in 1 2; do
    with_cds "$@" >/dev/null 2>&1
    without_cds "$@" >/dev/null 2>&1
    java -version >/dev/null 2>&1
  done
  before=$(cut -d' ' -f1-3 /proc/loadavg)
  r=1
  while [ "$r" -le "$ROUNDS" ]; do
    case $((r % 3)) in
      1) run "bare-$cmd" java -version; run "cds-$cmd" "$ROOT/slipway" "$@"; run "none-$cmd" env SLIPWAY_CDS=false "$ROOT/slipway" "$@" ;;
      2) run "cds-$cmd" "$ROOT/slipway" "$@"; run "none-$cmd" env SLIPWAY_CDS=false "$ROOT/slipway" "$@"; run "bare-$cmd" java -version ;;
      0) run "none-$cmd" env SLIPWAY_CDS=false "$ROOT/slipway" "$@"; run "bare-$cmd" java -version; run "cds-$cmd" "$ROOT/slipway" "$@" ;;
    esac
    r=$((r + 1))
  done
  after=$(cut -d' ' -f1-3 /proc/loadavg)
  for variant in cds none bare; do
    case $variant in
      cds) name="archives" ;;
      none) name="no archives" ;;
      bare) name="java -version" ;;
    esac
    printf '%-12s %-14s %8s s  %8s s  %4s  (%s -> %s)\n' "$cmd" "$name" \
      "$(median "$WORK/$variant-$cmd" 1)" "$(median "$WORK/$variant-$cmd" 2)" \
      "$(wc -l < "$WORK/$variant-$cmd" | tr -d ' ')" "$before" "$after"
  done
done
echo
echo "archives: $(ls -s "$SLIPWAY_HOME/cds" 2>/dev/null | tr '\n' ' ')"
