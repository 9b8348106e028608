#!/usr/bin/env bash
# Installs code-server (VS Code in a browser tab) from npm into a cache folder,
# without its postinstall, which would download ripgrep from outside the registry.
#
# Usage: test/setup-code-server.sh DEST     (DEST/node_modules/code-server is made)
# Needs: Node 20 or later, npm, a C/C++ toolchain, python3, Debian packages ripgrep and
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
# The native modules are built here rather than downloaded from outside the registry.
# Their install scripts (node-pre-gyp, prebuild-install, @parcel/watcher) read
# npm_config_build_from_source, which npm itself calls an unknown config (and warns
# about): so the scripts get it from the shell npm runs them with, not from npm.
shell="$dest/build-from-source.sh"
printf '#!/bin/sh\nexport npm_config_build_from_source=true\nexec /bin/sh "$@"\n' >"$shell"
chmod 755 "$shell"
rebuild() { nice npm rebuild --yes --script-shell="$shell" "$@"; }

echo "-- the native module code-server itself needs (argon2), built from source"
rebuild argon2

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
rebuild

echo "-- the links code-server's postinstall makes"
ln -sfn node_modules node_modules.asar
(cd bin/remote-cli && ln -sfn code-linux.sh code-server)
(cd bin/helpers && ln -sfn browser-linux.sh browser.sh)

# code-server writes its config and data under XDG_CONFIG_HOME / XDG_DATA_HOME (default:
# the home folder) even for --version: keep them in the cache folder.
XDG_CONFIG_HOME="$dest/xdg/config" XDG_DATA_HOME="$dest/xdg/data" "$cs/out/node/entry.js" --version
touch "$stamp"
