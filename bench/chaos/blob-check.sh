#!/usr/bin/env bash
# Blob existence checks against a bucket of many blobs (docs/benchmarks/integrity.md). Usage, from
# the repository root:  bench/chaos/blob-check.sh   (-Dblobs=38000 -Dfiles=301 … via JAVA_OPTS)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/chaos/target
mkdir -p "$out"
mvn -B -q -pl builder-container -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$PWD/$out/classpath.txt" -Dmdep.includeScope=test >/dev/null
cp="$(cat "$out/classpath.txt"):$PWD/builder-container/target/classes:$PWD/builder-container/target/test-classes"
# The delaying TCP proxy of the builder's benchmarks (dev.slipway.bench.DelayProxy).
javac -nowarn -d "$out/classes" -cp "$cp" bench/builder/DelayProxy.java bench/chaos/BlobCheckBenchmark.java
exec java -Xmx2g ${JAVA_OPTS:-} -cp "$cp:$out/classes" dev.slipway.builder.upload.BlobCheckBenchmark
