#!/bin/sh
# Slipway's overhead on a deploy in local mode: the wall time of `./slipway deploy` (command to
# exit after READY) minus the wall time of the same work done by hand on a fresh clone
# (`git clone && npm ci && npm run build`), alternating deploy, hand, deploy, hand…, warm caches
# on both sides (one untimed round first: it starts the stack, writes the class-data archives and
# the dependency cache, and fills npm's own cache). Prints every pair with the load average, the
# medians, and each deploy's phases from the timestamps of its archived build log.
#
# Usage: bench/deploy/overhead.sh [pairs]      (default 5)
# Needs: a JDK 17+, Maven (to build the jars once), git, Node.js with npm, and the npm registry
# (the fixture has one tiny dependency, `ms`). Runs with the CLI's and the builder's class-data
# archives; SLIPWAY_CDS=false runs without either.
set -eu

PAIRS=${1:-5}
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/../.." && pwd)
BUILDER="$ROOT/builder-container/target/slipway-builder.jar"
if [ ! -f "$BUILDER" ]; then
  (cd "$ROOT" && mvn -B -q -Dmaven.test.skip=true -pl desktop-app -am package)
fi

WORK=$(mktemp -d)
export SLIPWAY_HOME="$WORK/home"
export SLIPWAY_BUILDER_JAR="$BUILDER"
# The builder's archive: on by default since session 11 (decision 0008), opt-in before (the
# variable keeps an older checkout measured with it); SLIPWAY_CDS=false runs without.
if [ "${SLIPWAY_CDS:-true}" != false ]; then export SLIPWAY_BUILDER_CDS=true; else export SLIPWAY_BUILDER_CDS=false; fi
mkdir -p "$SLIPWAY_HOME"
PORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
printf '{"mode":"local","proxyPort":%s}\n' "$PORT" > "$SLIPWAY_HOME/config.json"
trap '"$ROOT/slipway" down >/dev/null 2>&1 || true; rm -rf "$WORK"' EXIT

# The fixture: a small Node app with one tiny dependency and a plain-node build (22 files).
REPO="$WORK/bench-app"
mkdir -p "$REPO"
cat > "$REPO/package.json" <<'JSON'
{"name":"bench-app","version":"1.0.0","private":true,
 "scripts":{"build":"node build.js"},"dependencies":{"ms":"2.1.3"}}
JSON
cat > "$REPO/build.js" <<'JS'
const fs = require('fs');
const ms = require('ms');
fs.mkdirSync('dist/assets', { recursive: true });
fs.writeFileSync('dist/index.html', '<!doctype html><h1>bench, built in ' + ms(1234) + '</h1><script src="/assets/app.js"></script>');
for (let i = 0; i < 20; i++) fs.writeFileSync('dist/assets/part' + i + '.js', ('console.log(' + i + ');\n').repeat(200));
fs.writeFileSync('dist/assets/app.js', 'console.log("app");');
JS
printf 'node_modules/\ndist/\n' > "$REPO/.gitignore"
(cd "$REPO" && npm install --package-lock-only --no-audit --no-fund --loglevel=error >/dev/null)
rm -rf "$REPO/node_modules"
git -C "$REPO" init -q -b main
git -C "$REPO" add .
git -C "$REPO" -c user.name=bench -c user.email=bench@slipway.dev commit -q -m bench

now_ms() { node -e 'console.log(Date.now())'; }
load() { cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo "?"; }

# One deploy; prints its wall ms and appends its phases to $WORK/phases.txt.
deploy_once() {
  start=$(now_ms)
  "$ROOT/slipway" deploy "$REPO" --slug bench --json > "$WORK/out.json" 2> "$WORK/err.log" || {
    echo "deploy failed:" >&2; cat "$WORK/err.log" >&2; exit 1; }
  end=$(now_ms)
  id=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1],"utf8")).deploymentId)' "$WORK/out.json")
  archive="$SLIPWAY_HOME/data/s3/slipway/logs/bench/$id.ndjson"
  # The builder archives its log just after READY: wait for it (at most 20 s).
  n=0
  while [ ! -s "$archive" ] && [ "$n" -lt 200 ]; do sleep 0.1; n=$((n + 1)); done
  # The launcher's own events (QUEUED, STARTING; seq 0) are in the stream, not the archive.
  java -jar "$ROOT/desktop-app/target/slipway.jar" logs "$id" --json > "$WORK/stream.ndjson" 2>/dev/null || true
  node -e '
    const fs = require("fs");
    const ev = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
    const launcher = fs.readFileSync(process.argv[4], "utf8").trim().split("\n").filter(l => l.startsWith("{"))
      .map(JSON.parse).filter(e => e.seq === 0 && e.type === "status");
    const lat = s => { const e = launcher.find(x => x.status === s); return e ? Date.parse(e.ts) : NaN; };
    const at = s => Date.parse(ev.find(e => e.type === "status" && e.status === s).ts);
    const start = Number(process.argv[2]), end = Number(process.argv[3]);
    const first = Date.parse(ev.find(e => e.seq > 0).ts);
    const p = [lat("QUEUED") - start, lat("STARTING") - lat("QUEUED"), first - lat("STARTING"), at("CLONING") - first, at("INSTALLING") - at("CLONING"),
      at("BUILDING") - at("INSTALLING"), at("UPLOADING") - at("BUILDING"),
      at("READY") - at("UPLOADING"), end - at("READY")];
    console.log(p.join(" "));
  ' "$archive" "$start" "$end" "$WORK/stream.ndjson" >> "$WORK/phases.txt"
  echo $((end - start))
}

# The same work by hand on a fresh clone; prints its wall ms.
hand_once() {
  rm -rf "$WORK/hand"
  start=$(now_ms)
  git clone -q "$REPO" "$WORK/hand"
  (cd "$WORK/hand" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build --silent >/dev/null)
  end=$(now_ms)
  echo $((end - start))
}

"$ROOT/slipway" down >/dev/null 2>&1 || true
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
echo "untimed round (starts the stack, writes the caches): deploy $(deploy_once) ms, hand $(hand_once) ms"
# The builder's archive is made in the background once the first build's process is gone.
if [ "${SLIPWAY_CDS:-true}" != false ]; then
  i=0
  while [ $i -lt 600 ] && ! ls "$SLIPWAY_HOME"/cds/builder-*.jsa >/dev/null 2>&1; do sleep 0.1; i=$((i + 1)); done
  ls "$SLIPWAY_HOME"/cds/builder-*.jsa >/dev/null 2>&1 || echo "warning: no builder archive after 60 s" >&2
fi
: > "$WORK/phases.txt"
echo "pair  load  deploy_ms  hand_ms  overhead_ms"
i=1
while [ "$i" -le "$PAIRS" ]; do
  l=$(load)
  d=$(deploy_once)
  h=$(hand_once)
  echo "$i     $l  $d  $h  $((d - h))"
  echo "$d $h" >> "$WORK/pairs.txt"
  i=$((i + 1))
done
node -e '
  const fs = require("fs");
  const median = v => { v = [...v].sort((a, b) => a - b); const m = v.length >> 1; return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2; };
  const pairs = fs.readFileSync(process.argv[1], "utf8").trim().split("\n").map(l => l.split(" ").map(Number));
  const over = pairs.map(([d, h]) => d - h);
  console.log("median: deploy " + median(pairs.map(p => p[0])) + " ms, hand " + median(pairs.map(p => p[1])) +
    " ms, overhead " + median(over) + " ms (goal 2000 ms: ratio " + (median(over) / 2000).toFixed(2) + ")");
  const ph = fs.readFileSync(process.argv[2], "utf8").trim().split("\n").map(l => l.split(" ").map(Number));
  const names = ["command -> QUEUED (CLI JVM, config, stack, project record)", "QUEUED -> STARTING (spawn the builder)",
    "STARTING -> builder first line (builder JVM, Redis client)", "first line -> CLONING (S3 client, project record)",
    "CLONING -> INSTALLING (clone, detect, Node)", "INSTALLING -> BUILDING (cache restore, npm ci)",
    "BUILDING -> UPLOADING (npm run build)", "UPLOADING -> READY (upload, manifest, live pointer)", "READY -> command exit"];
  console.log("deploy phases, median ms (min-max):");
  names.forEach((n, i) => { const v = ph.map(r => r[i]); console.log("  " + String(median(v)).padStart(6) + "  (" + Math.min(...v) + "-" + Math.max(...v) + ")  " + n); });
' "$WORK/pairs.txt" "$WORK/phases.txt"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || uptime)"
