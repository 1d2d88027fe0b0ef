#!/bin/sh
# Starts the builder JVM as the unprivileged user `slipway`, keeping only the three capabilities it
# needs to hand the build to the `build` user: setuid/setgid (to start install and build as `build`
# through setpriv) and chown (to give the checkout to `build`). `build` gets no capability at all,
# and cannot read /proc/<jvm>/environ nor signal the JVM (different uid). See docs/security.md.
#
# The Dockerfile makes both users and /workspace at image build time; an image built by Jib (which
# runs nothing at build time) gets them here, at the start of the task, while still root.
set -eu
if ! id slipway >/dev/null 2>&1; then
  groupadd --system --gid 10001 slipway
  useradd --system --uid 10001 --gid slipway --no-create-home --shell /usr/sbin/nologin slipway
fi
if ! id build >/dev/null 2>&1; then
  groupadd --system --gid 10002 build
  useradd --system --uid 10002 --gid build --create-home --home-dir /home/build --shell /bin/sh build
fi
mkdir -p /workspace
chown slipway:slipway /workspace
chmod 0711 /workspace
# The Dockerfile's image holds one jar; Jib's holds its classpath file (SLIPWAY_CLASSPATH=@/app/jib-classpath-file).
exec setpriv --reuid=slipway --regid=slipway --init-groups \
  --inh-caps=-all,+setuid,+setgid,+chown \
  --ambient-caps=-all,+setuid,+setgid,+chown \
  --bounding-set=-all,+setuid,+setgid,+chown \
  -- java ${JAVA_OPTS:-} -cp "${SLIPWAY_CLASSPATH:-/opt/slipway/slipway-builder.jar}" dev.slipway.builder.BuilderMain "$@"
