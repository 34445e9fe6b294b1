#!/usr/bin/env bash
# Starts or stops a private Docker Engine (BuildKit built in) for the BuildKit test tier, as
# described in ../shared/guide/real-hosts.md: its own data, exec root and socket, no systemd,
# no iptables. `start` also imports a local busybox base image, because nothing can be pulled
# on these machines, and a Debian base with the host's Node and npm (debootstrap from Debian's
# mirror, which is reachable) for the tests that run a real `npm ci`.
# Usage: dockerd.sh start|stop|status [DIR]
# `start` prints the DOCKER_HOST value on its last line.
set -euo pipefail
cmd="${1:-}"
DIR="${2:-${LAYERLENS_DOCKERD_DIR:-/tmp/layerlens-dockerd}}"
DOCKER="${LAYERLENS_DOCKER:-/usr/bin/docker}"
SOCK="unix://$DIR/docker.sock"
BASE_IMAGE=local/busybox:latest
NODE_IMAGE=local/debian-node:bookworm

answers() { "$DOCKER" -H "$SOCK" info >/dev/null 2>&1; }

case "$cmd" in
  start)
    command -v dockerd >/dev/null || { echo "dockerd.sh: dockerd is not installed (apt-get install docker.io)" >&2; exit 3; }
    [ -x "$DOCKER" ] || { echo "dockerd.sh: no docker client at $DOCKER" >&2; exit 3; }
    [ "$(id -u)" = 0 ] || { echo "dockerd.sh: a private dockerd needs root" >&2; exit 3; }
    mkdir -p "$DIR"
    if ! answers; then
      setsid dockerd --data-root "$DIR/data" --exec-root "$DIR/exec" --pidfile "$DIR/dockerd.pid" \
        -H "$SOCK" --iptables=false >"$DIR/dockerd.log" 2>&1 < /dev/null &
      for _ in $(seq 1 120); do answers && break; sleep 0.5; done
      answers || { echo "dockerd.sh: dockerd did not answer within 60 s; its log:" >&2; tail -30 "$DIR/dockerd.log" >&2; exit 4; }
    fi
    if ! "$DOCKER" -H "$SOCK" image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
      rootfs=$(mktemp -d)
      mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc"
      cp /bin/busybox "$rootfs/bin/busybox"
      for tool in sh cat ls cp mv rm mkdir echo sleep wc grep sed test true false env touch chmod id head tail printf tr; do
        ln -s busybox "$rootfs/bin/$tool"
      done
      echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"
      tar -C "$rootfs" -c . | "$DOCKER" -H "$SOCK" import -c 'ENV PATH=/bin' - "$BASE_IMAGE" >/dev/null
      rm -rf "$rootfs"
    fi
    if ! "$DOCKER" -H "$SOCK" image inspect "$NODE_IMAGE" >/dev/null 2>&1; then
      node_bin=$(command -v node || true)
      npm_bin=$(command -v npm || true)
      if command -v debootstrap >/dev/null && [ -n "$node_bin" ] && [ -n "$npm_bin" ]; then
        rootfs=$(mktemp -d)
        debootstrap --variant=minbase bookworm "$rootfs" "${LAYERLENS_DEBIAN_MIRROR:-http://deb.debian.org/debian}" >"$DIR/debootstrap.log" 2>&1 \
          || { echo "dockerd.sh: debootstrap failed; its log:" >&2; tail -20 "$DIR/debootstrap.log" >&2; rm -rf "$rootfs"; exit 5; }
        cp "$(readlink -f "$node_bin")" "$rootfs/usr/local/bin/node"
        mkdir -p "$rootfs/usr/local/lib/node_modules"
        cp -a "$(cd "$(dirname "$(readlink -f "$npm_bin")")/.." && pwd)" "$rootfs/usr/local/lib/node_modules/npm"
        ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
        # The image trusts what the host trusts, so that npm reaches the registry the host reaches.
        mkdir -p "$rootfs/etc/ssl/certs"
        [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/ca-certificates.crt"
        rm -rf "$rootfs/var/cache/apt/archives/"*.deb
        tar -C "$rootfs" -c . | "$DOCKER" -H "$SOCK" import -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
          -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' - "$NODE_IMAGE" >/dev/null
        rm -rf "$rootfs"
      else
        echo "dockerd.sh: no debootstrap, node or npm here: $NODE_IMAGE is not built (apt-get install debootstrap)" >&2
      fi
    fi
    echo "$SOCK"
    ;;
  stop)
    if [ -f "$DIR/dockerd.pid" ]; then
      pid=$(cat "$DIR/dockerd.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    ip link del docker0 2>/dev/null || true
    ;;
  status)
    answers && echo "$SOCK"
    ;;
  *)
    echo "usage: dockerd.sh start|stop|status [DIR]" >&2
    exit 2
    ;;
esac
