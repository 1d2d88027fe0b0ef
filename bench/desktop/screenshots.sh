#!/usr/bin/env bash
# Screenshots of the real desktop app (local mode, real builds) under Xvfb, into docs/images/.
# Needs: apt-get install -y xvfb libgtk-3-0 imagemagick git; Node.js; the jars built
# (mvn -pl desktop-app -am package -DskipTests).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
jar="$root/desktop-app/target/slipway.jar"
work="$(mktemp -d)"
trap 'kill "${xvfb:-0}" 2>/dev/null || true; rm -rf "$work"' EXIT

mkrepo() { # name, build.js content
  local dir="$work/repos/$1"
  mkdir -p "$dir"
  printf '{"name":"%s","scripts":{"build":"node build.js"}}\n' "$1" > "$dir/package.json"
  printf '%s\n' "$2" > "$dir/build.js"
  git -C "$dir" init -q -b main && git -C "$dir" add . \
    && git -C "$dir" -c user.name=demo -c user.email=demo@example.com commit -qm "First version"
}
mkrepo portfolio "const fs=require('fs');
const steps=['resolving config','transforming src/main.tsx','transforming src/App.tsx','rendering chunks',
 'computing gzip size','writing dist/assets/index-DsBhw8EC.js','writing dist/index.html'];
let i=0; console.log('\u001b[36mvite v5.4.0\u001b[39m \u001b[32mbuilding for production...\u001b[39m');
const t=setInterval(()=>{ const s=steps[i%steps.length];
  if(i%9===4) console.error('\u001b[33m(!) Some chunks are larger than 500 kB after minification\u001b[39m');
  console.log('\u001b[32m✓\u001b[39m '+s+' \u001b[2m('+(i*37%900)+'ms)\u001b[22m'); i++;
  if(i>40){clearInterval(t); fs.mkdirSync('dist',{recursive:true});
   fs.writeFileSync('dist/index.html','<h1>Portfolio</h1>'); console.log('\u001b[32m✓ built in 8.12s\u001b[39m');}},180);"
mkrepo blog "console.log('> astro build'); console.log('building pages...');
console.error('\u001b[31merror\u001b[39m Could not resolve \"./components/Header.astro\" from \"src/pages/index.astro\"');
console.error('    at src/pages/index.astro:3:8'); process.exit(1);"

mkdir -p "$work/home"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
printf '{"mode":"local","proxyPort":%s}\n' "$port" > "$work/home/config.json"

display=":$((80 + RANDOM % 9))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp & xvfb=$!
sleep 1
javac -cp "$jar" -d "$work/classes" "$root/bench/desktop/DesktopTour.java"
DISPLAY="$display" SLIPWAY_HOME="$work/home" SLIPWAY_BUILDER_JAR="$root/builder-container/target/slipway-builder.jar" \
  java -cp "$jar:$work/classes" DesktopTour "$work/home" "$work/repos/portfolio" "$work/repos/blog" "$root/docs/images"
