# The base of the Slipway builder image, for Jib (which cannot run apt-get): everything of
# Dockerfile but the jar. Build and push it once:
#   docker build -f builder-container/base.Dockerfile -t <registry>/slipway-builder-base builder-container
FROM node:22-bookworm-slim

# Java 17 from Debian; util-linux brings setpriv and setsid (no setuid binaries are used).
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless ca-certificates util-linux \
 && rm -rf /var/lib/apt/lists/* \
 && corepack enable \
 && groupadd --system --gid 10001 slipway && useradd --system --uid 10001 --gid slipway --no-create-home --shell /usr/sbin/nologin slipway \
 && groupadd --system --gid 10002 build && useradd --system --uid 10002 --gid build --create-home --home-dir /home/build --shell /bin/sh build \
 && mkdir -p /opt/slipway /workspace \
 && chown slipway:slipway /workspace && chmod 0711 /workspace
