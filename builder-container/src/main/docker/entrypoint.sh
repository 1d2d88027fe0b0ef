#!/bin/sh
# Starts the builder JVM as the unprivileged user `slipway`, keeping only the three capabilities it
# needs to hand the build to the `build` user: setuid/setgid (to start install and build as `build`
# through setpriv) and chown (to give the checkout to `build`). `build` gets no capability at all,
# and cannot read /proc/<jvm>/environ nor signal the JVM (different uid). See docs/security.md.
set -eu
exec setpriv --reuid=slipway --regid=slipway --init-groups \
  --inh-caps=-all,+setuid,+setgid,+chown \
  --ambient-caps=-all,+setuid,+setgid,+chown \
  --bounding-set=-all,+setuid,+setgid,+chown \
  -- java ${JAVA_OPTS:-} -jar /opt/slipway/slipway-builder.jar "$@"
