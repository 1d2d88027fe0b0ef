#!/usr/bin/env bash
# Runs the builder's benchmarks (docs/benchmarks/builder.md). Usage, from the repository root:
#   bench/builder/run.sh upload   # needs rclone (apt-get install -y rclone)
#   bench/builder/run.sh logs
set -euo pipefail
cd "$(dirname "$0")/../.."
what="${1:-upload}"
out=bench/builder/target
mkdir -p "$out"
mvn -B -q -pl builder-container -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=test >/dev/null
# A copy of the builder's classes, so a build in this worktree during the run cannot swap them.
rm -rf "$out/snapshot" && mkdir -p "$out/snapshot"
cp -r builder-container/target/classes "$out/snapshot/classes"
cp -r builder-container/target/test-classes "$out/snapshot/test-classes"
cp="$(cat "$out/classpath.txt"):$PWD/$out/snapshot/classes:$PWD/$out/snapshot/test-classes"
javac -nowarn -d "$out/classes" -cp "$cp" bench/builder/*.java
case "$what" in
  upload)
    command -v rclone >/dev/null || { echo "the upload benchmark compares with rclone: apt-get install -y rclone" >&2; exit 1; }
    exec java -Xmx2g -cp "$cp:$out/classes" UploadBenchmark ;;
  logs)
    exec java -Xmx2g -cp "$cp:$out/classes" LogBenchmark ;;
  *) echo "usage: $0 upload|logs" >&2; exit 2 ;;
esac
