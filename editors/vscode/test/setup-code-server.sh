#!/usr/bin/env bash
# Installs code-server (VS Code in a browser tab) from npm into a cache folder,
# without its postinstall, which would download ripgrep from outside the registry.
#
# Usage: test/setup-code-server.sh DEST     (DEST/node_modules/code-server is made)
# Needs: Node 20, npm, a C/C++ toolchain, python3, Debian packages ripgrep and
# libkrb5-dev (test.sh installs them).
set -euo pipefail
dest="${1:?usage: setup-code-server.sh DEST}"
version="${CODE_SERVER_VERSION:-4.100.3}"
stamp="$dest/.installed-$version"
if [[ -f "$stamp" ]]; then
  echo "code-server $version already set up in $dest"
  exit 0
fi
rm -rf "$dest"
mkdir -p "$dest"
cd "$dest"
echo '{ "name": "copydesk-code-server", "private": true }' >package.json

echo "-- npm install code-server@$version (scripts off)"
npm install --ignore-scripts --no-audit --no-fund --no-save "code-server@$version"

cs="$dest/node_modules/code-server"
echo "-- the native module code-server itself needs (argon2), built from source"
npm_config_build_from_source=true npm_config_yes=true nice npm rebuild argon2

echo "-- VS Code's own dependencies (lib/vscode), scripts off"
cd "$cs/lib/vscode"
npm install --ignore-scripts --omit=dev --no-audit --no-fund

echo "-- Debian's rg where @vscode/ripgrep looks for its binary"
rgbin="$(command -v rg || true)"
if [[ -z "$rgbin" ]]; then
  echo "ripgrep (rg) is not installed: apt-get install -y ripgrep" >&2
  exit 1
fi
mkdir -p node_modules/@vscode/ripgrep/bin
cp "$rgbin" node_modules/@vscode/ripgrep/bin/rg

echo "-- build the native modules (node-pty, spdlog, kerberos, ...)"
npm_config_build_from_source=true npm_config_yes=true nice npm rebuild

echo "-- the links code-server's postinstall makes"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

"$cs/out/node/entry.js" --version
touch "$stamp"
