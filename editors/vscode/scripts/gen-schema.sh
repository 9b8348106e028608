#!/usr/bin/env bash
# Writes schemas/table.schema.json from `copydesk table schema`.
# Usage: scripts/gen-schema.sh /path/to/copydesk
# If the binary has no `table schema` command yet, nothing is written and the
# script says so (exit 0): the extension then simply has no table validation.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin="${1:?usage: gen-schema.sh /path/to/copydesk}"
out="$here/schemas/table.schema.json"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
if "$bin" table schema >"$tmp" 2>/dev/null && node -e 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"))' "$tmp"; then
  mkdir -p "$(dirname "$out")"
  cp "$tmp" "$out"
  echo "schema: wrote schemas/table.schema.json ($(wc -c <"$out") bytes) from '$bin table schema'"
else
  rm -f "$out"
  echo "schema: '$bin table schema' gave no JSON; no table schema in this build" >&2
fi
