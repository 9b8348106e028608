#!/usr/bin/env bash
# Everything the VS Code extension's tests need, from a fresh machine:
#   apt packages (chromium, ripgrep, libkrb5-dev), npm packages, code-server;
#   builds the extension and the VSIX around a copydesk binary; runs the unit
#   tests (node --test) and the end-to-end test in code-server + Chromium.
#
# Usage: editors/vscode/test.sh
# Env:
#   COPYDESK_BIN        server binary (default: ../../target/release/copydesk from here)
#   COPYDESK_E2E_MODE   full (default) | smoke (only that the VSIX loads) | off
#   CODE_SERVER_DIR     where code-server is set up (default: .test-cache/code-server here)
#   UPDATE_SCREENSHOT=1 also copy the e2e screenshot to screenshot.png (the README's)
# Exit status: 0 only if every step and test passed.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
start=$SECONDS
step() { printf '\n=== [vscode %4ss] %s\n' "$((SECONDS - start))" "$*"; }
die() { echo "vscode test.sh: $*" >&2; exit 1; }

bin="${COPYDESK_BIN:-$here/../../target/release/copydesk}"
mode="${COPYDESK_E2E_MODE:-full}"
cs_dir="${CODE_SERVER_DIR:-$here/.test-cache/code-server}"

step "tools"
command -v node >/dev/null || die "node is not installed (Node 20 or later is needed)"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= 20)) || die "Node 20 or later is needed, found $(node --version)"
echo "node $(node --version), npm $(npm --version 2>/dev/null)"

need=()
if [[ "$mode" != off ]]; then
  for pkg in chromium ripgrep libkrb5-dev; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || need+=("$pkg")
  done
fi
for tool in make g++ python3; do
  command -v "$tool" >/dev/null || need+=(build-essential python3)
done
if ((${#need[@]})); then
  step "apt-get install ${need[*]}"
  [[ "$(id -u)" == 0 ]] || die "need root to apt-get install ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${need[@]}"
fi

step "build the extension and the VSIX (server: $bin)"
[[ -x "$bin" ]] || die "no copydesk binary at $bin: run 'cargo build --release' in the repository root, or set COPYDESK_BIN"
./build.sh "$bin"

fail=0

step "unit tests (node --test)"
node --test out/test/*.test.js || fail=1

if [[ "$mode" != off ]]; then
  step "code-server into $cs_dir"
  CODE_SERVER_VERSION=4.100.3 test/setup-code-server.sh "$cs_dir"

  step "end-to-end test ($mode) in code-server + Chromium"
  mkdir -p test-results
  rm -f test-results/screenshot.png
  node test/e2e.mjs --vsix copydesk-linux-x64.vsix --code-server "$cs_dir/node_modules/code-server" \
    --mode "$mode" --screenshot test-results/screenshot.png || fail=1
  if [[ "${UPDATE_SCREENSHOT:-}" == 1 && -f test-results/screenshot.png ]]; then
    cp test-results/screenshot.png screenshot.png
    echo "updated screenshot.png"
  fi
fi

step "done"
if ((fail)); then
  echo "vscode tests: FAILED"
  exit 1
fi
echo "vscode tests: all passed"
