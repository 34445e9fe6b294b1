#!/usr/bin/env bash
# The reference engine of the BuildKit tier: Docker Engine 28 (BuildKit v0.25) with buildx 0.29, from
# Debian forky, in a debootstrapped chroot beside the host (never in the host's own apt sources, which
# would pull a newer libc onto it). Adapted from ../shared/hosts/modern-docker.sh, whose notes
# (../shared/guide/modern-buildkit.md) explain each pitfall handled here.
#
# Two daemons share the rootfs:
#   classic  the classic image store; owns a bridge, so `RUN` works with default flags as on a desktop
#   c8d      the containerd image store (cache export with the default driver, a real COPY --link);
#            no bridge of its own, so its builds use --network=host
# Both get the offline base images the tests build on: local/busybox (Debian's busybox-static) and
# local/debian-node:bookworm (debootstrap plus the host's Node and npm, for tests that run a real npm ci).
#
# Usage: modern-docker.sh install|start|up|stop|env
#   install  once per machine (about 75 s): debootstrap forky, apt-get install docker.io docker-cli docker-buildx
#   start    starts both daemons and imports the base images (about 100 s the first time); its last line is what
#            `env` prints
#   up       install, then start
#   env      prints shell exports for the tests: LAYERLENS_DOCKER (a docker 28 client with buildx),
#            DOCKER_CONFIG, LAYERLENS_DOCKER_HOST (classic), LAYERLENS_DOCKER_HOST_C8D (containerd store)
#   stop     stops both daemons, removes the bridge, unmounts
# The folder is $LAYERLENS_MODERN_DIR (default /tmp/layerlens-modern-docker).
set -euo pipefail
cd /
MD=${LAYERLENS_MODERN_DIR:-/tmp/layerlens-modern-docker}
R=$MD/root
S=$MD/run
CLI=$MD/cli/docker
CONFIG=$MD/cli/config
BRIDGE=llmodern0
# The containers' own network on this machine; nothing outside it is ever addressed.
BRIDGE_ADDRESS=172.30.250.1/24
BUSYBOX_IMAGE=local/busybox:latest
NODE_IMAGE=local/debian-node:bookworm

log() { echo "modern-docker.sh: $*" >&2; }
die() { log "$1"; exit "${2:-1}"; }

# The Debian mirror this machine's apt already uses: no host is named in the project.
mirror() {
  local m
  m=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/*.sources 2>/dev/null | grep -v security | head -n 1)
  [ -n "$m" ] || m=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | grep -v security | head -n 1)
  [ -n "$m" ] || die "no Debian mirror in this machine's apt sources" 5
  echo "${m%% *}"
}

mounts_up() {
  mkdir -p "$S" "$R$S"
  # The chroot's / must be a mount point, or dockerd's layer unpacking fails with
  # "remount /, flags: 0x84000: invalid argument".
  mountpoint -q "$R"      || { mount --bind "$R" "$R"; mount --make-private "$R"; }
  mountpoint -q "$R/proc" || mount -t proc proc "$R/proc"
  mountpoint -q "$R/sys"  || { mount --rbind /sys "$R/sys"; mount --make-rslave "$R/sys"; }
  mountpoint -q "$R/dev"  || { mount --rbind /dev "$R/dev"; mount --make-rslave "$R/dev"; }
  mountpoint -q "$R/run"  || mount -t tmpfs -o mode=755 tmpfs "$R/run"
  mountpoint -q "$R$S"    || mount --bind "$S" "$R$S"
}

mounts_down() {
  local p
  for p in "$R$S" "$R/run" "$R/dev" "$R/sys" "$R/proc" "$R"; do
    mountpoint -q "$p" && { umount -R "$p" 2>/dev/null || umount -R -l "$p"; }
  done
  return 0
}

sock() { echo "$S/$1.sock"; }
answers() { DOCKER_CONFIG=$CONFIG "$CLI" -H "unix://$(sock "$1")" info >/dev/null 2>&1; }

start_daemon() { # start_daemon NAME FLAGS...
  local name=$1; shift
  answers "$name" && return 0
  rm -f "$(sock "$name")"
  setsid chroot "$R" /usr/sbin/dockerd \
    --data-root "/var/lib/$name" --exec-root "/run/$name" --pidfile "/run/$name.pid" \
    -H "unix://$(sock "$name")" --iptables=false --ip6tables=false "$@" \
    >"$MD/$name.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do answers "$name" && return 0; sleep 0.5; done
  log "the $name daemon did not answer within 60 s; its log:"; tail -30 "$MD/$name.log" >&2; exit 4
}

import_busybox() { # import_busybox NAME
  local host="unix://$(sock "$1")" rootfs
  DOCKER_CONFIG=$CONFIG "$CLI" -H "$host" image inspect "$BUSYBOX_IMAGE" >/dev/null 2>&1 && return 0
  [ -x /bin/busybox ] || die "no /bin/busybox (apt-get install busybox-static)" 3
  rootfs=$(mktemp -d)
  mkdir -p "$rootfs/bin" "$rootfs/tmp" "$rootfs/etc" "$rootfs/root"
  cp /bin/busybox "$rootfs/bin/busybox"
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -sf busybox "$rootfs/bin/$a"; done
  echo 'root:x:0:0:root:/root:/bin/sh' > "$rootfs/etc/passwd"; echo 'root:x:0:' > "$rootfs/etc/group"
  chmod 1777 "$rootfs/tmp"
  tar -C "$rootfs" -c . | DOCKER_CONFIG=$CONFIG "$CLI" -H "$host" import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - "$BUSYBOX_IMAGE" >/dev/null
  rm -rf "$rootfs"
}

# A Debian base with the host's Node and npm, kept as a tarball so that both daemons import the same one.
node_rootfs() {
  local tarball=$MD/debian-node.tar node_bin npm_bin rootfs
  [ -s "$tarball" ] && { echo "$tarball"; return 0; }
  node_bin=$(command -v node) || die "no node on this machine" 3
  npm_bin=$(command -v npm) || die "no npm on this machine" 3
  rootfs=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$rootfs" "$(mirror)" >"$MD/debootstrap-node.log" 2>&1 \
    || { tail -20 "$MD/debootstrap-node.log" >&2; rm -rf "$rootfs"; die "debootstrap of the Node image failed" 5; }
  cp "$(readlink -f "$node_bin")" "$rootfs/usr/local/bin/node"
  mkdir -p "$rootfs/usr/local/lib/node_modules"
  cp -a "$(cd "$(dirname "$(readlink -f "$npm_bin")")/.." && pwd)" "$rootfs/usr/local/lib/node_modules/npm"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/local/bin/npm"
  # The image trusts what the host trusts, so that npm reaches the registry the host reaches.
  mkdir -p "$rootfs/etc/ssl/certs"
  [ -f /etc/ssl/certs/ca-certificates.crt ] && cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  rm -rf "$rootfs/var/cache/apt/archives/"*.deb
  tar -C "$rootfs" -cf "$tarball.part" . && mv "$tarball.part" "$tarball"
  rm -rf "$rootfs"
  echo "$tarball"
}

import_node() { # import_node NAME
  local host="unix://$(sock "$1")"
  DOCKER_CONFIG=$CONFIG "$CLI" -H "$host" image inspect "$NODE_IMAGE" >/dev/null 2>&1 && return 0
  DOCKER_CONFIG=$CONFIG "$CLI" -H "$host" import -c 'ENV PATH=/usr/local/bin:/usr/bin:/bin' \
    -c 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' "$(node_rootfs)" "$NODE_IMAGE" >/dev/null
}

print_env() {
  echo "export LAYERLENS_DOCKER=$CLI DOCKER_CONFIG=$CONFIG LAYERLENS_DOCKER_HOST=unix://$(sock classic) LAYERLENS_DOCKER_HOST_C8D=unix://$(sock c8d)"
}

install() {
  [ "$(id -u)" = 0 ] || die "installing the engine needs root" 3
  if [ ! -x "$R/usr/sbin/dockerd" ]; then
    command -v debootstrap >/dev/null || die "no debootstrap (apt-get install debootstrap)" 3
    # A half-made rootfs from an interrupted install goes, its mounts first (rm must never reach /dev).
    mounts_down; rm -rf "$R"; mkdir -p "$R"
    # bookworm's debootstrap has no forky script: the sid one fits.
    debootstrap --variant=minbase forky "$R" "$(mirror)" /usr/share/debootstrap/scripts/sid >"$MD/debootstrap.log" 2>&1 \
      || { tail -20 "$MD/debootstrap.log" >&2; die "debootstrap forky failed" 5; }
    printf '#!/bin/sh\nexit 101\n' > "$R/usr/sbin/policy-rc.d"; chmod +x "$R/usr/sbin/policy-rc.d"
    mounts_up
    # Check-Valid-Until=false: a clock past the mirror's Valid-Until otherwise keeps the old lists.
    chroot "$R" apt-get -qq -o Acquire::Check-Valid-Until=false update >"$MD/apt.log" 2>&1 \
      || { tail -20 "$MD/apt.log" >&2; mounts_down; die "apt-get update in the chroot failed" 5; }
    # docker-cli is only a Recommends of docker.io: it is named.
    chroot "$R" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      docker.io docker-cli docker-buildx >>"$MD/apt.log" 2>&1 \
      || { tail -20 "$MD/apt.log" >&2; mounts_down; die "apt-get install docker.io in the chroot failed" 5; }
    chroot "$R" apt-get clean
    mounts_down
  fi
  # The chroot's client and its buildx plugin run on the host (they need only glibc 2.34), so that
  # host paths work for -f, the context and --secret src=. Kept out of ~/.docker.
  # Copied beside and renamed over, so that a client still running from an earlier start ("Text file
  # busy" for a plain cp) keeps its old file and the next command gets the new one.
  mkdir -p "$CONFIG/cli-plugins"
  cp "$R/usr/bin/docker" "$CLI.new" && mv -f "$CLI.new" "$CLI"
  cp "$R/usr/libexec/docker/cli-plugins/docker-buildx" "$CONFIG/cli-plugins/docker-buildx.new" \
    && mv -f "$CONFIG/cli-plugins/docker-buildx.new" "$CONFIG/cli-plugins/docker-buildx"
  DOCKER_CONFIG=$CONFIG "$CLI" --version >&2
  DOCKER_CONFIG=$CONFIG "$CLI" buildx version >&2
}

start() {
  [ -x "$CLI" ] || die "the engine is not installed: run $0 install" 3
  mounts_up
  # The classic daemon gets a bridge made here (no iptables rules), so that RUN steps work with default
  # flags as on a desktop: dockerd 28 in the chroot does not create docker0 itself ("adding interface
  # ... to bridge docker0 failed: Device does not exist"). The containerd-store daemon has none.
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge && ip addr add "$BRIDGE_ADDRESS" dev "$BRIDGE" && ip link set "$BRIDGE" up \
      || die "could not create the bridge $BRIDGE (iproute2, root)" 4
  fi
  start_daemon classic --bridge="$BRIDGE"
  start_daemon c8d --bridge=none --feature containerd-snapshotter=true
  for name in classic c8d; do import_busybox "$name"; import_node "$name"; done
  print_env
}

case "${1:-}" in
install) install ;;
start) start ;;
up) install; start ;;
env)
  print_env
  ;;
stop)
  for name in classic c8d; do
    pidfile=$R/run/$name.pid
    [ -e "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  ip link del "$BRIDGE" 2>/dev/null || true
  mounts_down
  ;;
*)
  echo "usage: modern-docker.sh install|start|up|stop|env" >&2; exit 2 ;;
esac
