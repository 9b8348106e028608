#!/usr/bin/env bash
# Builds the copydesk VS Code extension and packages it, with the server binary
# inside, as copydesk-linux-x64.vsix (next to this script).
#
# Usage: ./build.sh [/path/to/copydesk]      (or COPYDESK_BIN=/path/to/copydesk ./build.sh)
# Default binary: ../../target/release/copydesk (from `cargo build --release`).
# Env: VSIX_OUT=path to write the VSIX elsewhere.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

bin="${1:-${COPYDESK_BIN:-$here/../../target/release/copydesk}}"
out="${VSIX_OUT:-$here/copydesk-linux-x64.vsix}"
step() { printf '\n==> %s\n' "$*"; }

if [[ ! -f "$bin" || ! -x "$bin" ]]; then
  echo "build.sh: no executable copydesk binary at '$bin'." >&2
  echo "Build it first (cargo build --release in the repository root) or pass its path." >&2
  exit 2
fi
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

step "npm dependencies"
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
else
  echo "node_modules up to date"
fi

step "type check and compile (out/) for the unit tests"
rm -rf out
npx tsc -p .

step "bundle with esbuild (dist/extension.js)"
rm -rf dist
npx esbuild src/extension.ts --bundle --outfile=dist/extension.js --external:vscode \
  --format=cjs --platform=node --target=node18 --minify --log-level=warning
ls -l dist/extension.js

step "table schema"
scripts/gen-schema.sh "$bin"

step "server binary -> server/copydesk"
rm -rf server
mkdir -p server
cp "$bin" server/copydesk
chmod 755 server/copydesk
echo "$bin ($(wc -c <server/copydesk) bytes)"

step "package $(basename "$out")"
rm -f "$out"
npx vsce package --target linux-x64 --no-dependencies --allow-missing-repository \
  --skip-license --no-rewrite-relative-links --out "$out"
ls -l "$out"
