#!/bin/sh
# Measures Slipway's own overhead on `slipway deploy` in local mode: the wall time from the
# command to READY, minus the time the build spent installing and building (from the INSTALLING
# to the UPLOADING event of its archived log). Cold: the local stack is not running, so deploy
# starts it. Warm: the stack runs already.
#
# Usage: bench/cli/deploy-overhead.sh [warm-runs]      (default 5)
# Needs: a JDK 17+, Maven (to build the jars once), git and Node.js.
set -eu

RUNS=${1:-5}
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
JAR="$ROOT/desktop-app/target/slipway.jar"
BUILDER="$ROOT/builder-container/target/slipway-builder.jar"
if [ ! -f "$JAR" ] || [ ! -f "$BUILDER" ]; then
  (cd "$ROOT" && mvn -B -q -DskipTests -pl desktop-app -am package)
fi

WORK=$(mktemp -d)
export SLIPWAY_HOME="$WORK/home"
export SLIPWAY_BUILDER_JAR="$BUILDER"
mkdir -p "$SLIPWAY_HOME"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf '{"mode":"local","proxyPort":%s}\n' "$PORT" > "$SLIPWAY_HOME/config.json"
trap 'java -jar "$JAR" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# The fixture: a tiny app whose build is plain node (no dependencies, no network).
REPO="$WORK/bench-site"
mkdir -p "$REPO"
cat > "$REPO/package.json" <<'JSON'
{"name":"bench-site","version":"1.0.0","scripts":{"build":"node build.js"}}
JSON
cat > "$REPO/build.js" <<'JS'
const fs = require('fs');
fs.mkdirSync('dist/assets', { recursive: true });
fs.writeFileSync('dist/index.html', '<!doctype html><h1>bench ' + Date.now() + '</h1><script src="/assets/app.js"></script>');
for (let i = 0; i < 20; i++) fs.writeFileSync('dist/assets/part' + i + '.js', 'console.log(' + i + ');\n'.repeat(200));
fs.writeFileSync('dist/assets/app.js', 'console.log("app");');
JS
git -C "$REPO" init -q -b main
git -C "$REPO" add .
git -C "$REPO" -c user.name=bench -c user.email=bench@slipway.dev commit -q -m bench

now_ms() { node -e 'console.log(Date.now())'; }

# One deploy; prints "total_ms install_build_ms overhead_ms".
deploy_once() {
  start=$(now_ms)
  java -jar "$JAR" deploy "$REPO" --slug bench --json > "$WORK/out.json" 2> "$WORK/err.log" || {
    echo "deploy failed:" >&2; cat "$WORK/err.log" >&2; exit 1; }
  end=$(now_ms)
  id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).deploymentId)' "$WORK/out.json")
  archive="$SLIPWAY_HOME/data/s3/slipway/logs/bench/$id.ndjson"
  node -e '
    const lines = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const at = s => Date.parse(lines.find(e => e.type === "status" && e.status === s).ts);
    const work = at("UPLOADING") - at("INSTALLING");
    const total = Number(process.argv[3]) - Number(process.argv[2]);
    console.log(total + " " + work + " " + (total - work));
  ' "$archive" "$start" "$end"
}

java -jar "$JAR" down >/dev/null 2>&1 || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
JVM_START=$( { s=$(now_ms); java -jar "$JAR" --version >/dev/null; e=$(now_ms); echo $((e - s)); } )
echo "slipway --version (JVM start of the CLI): ${JVM_START} ms"
echo "run   total_ms  install+build_ms  overhead_ms"
set -- $(deploy_once)
echo "cold  $1  $2  $3"
i=1
SUM=0
while [ "$i" -le "$RUNS" ]; do
  set -- $(deploy_once)
  echo "warm$i $1  $2  $3"
  echo "$3" >> "$WORK/warm.txt"
  i=$((i + 1))
done
node -e '
  const v = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(Number).sort((a, b) => a - b);
  const median = v[Math.floor(v.length / 2)];
  console.log("warm overhead median: " + median + " ms (goal 2000 ms: ratio " + (median / 2000).toFixed(2) + ")");
' "$WORK/warm.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
