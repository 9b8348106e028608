#!/usr/bin/env bash
# Run the pytest-lsp suite against a copydesk binary.
#   COPYDESK_BIN=target/debug/copydesk tests/lsp_py/run.sh [pytest args]
# Makes a venv (default: tests/lsp_py/.venv, or $LSP_PY_VENV), installs the pinned
# requirements from PyPI, and runs pytest; prints pytest's summary line.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bin="${COPYDESK_BIN:-}"
if [[ -z "$bin" ]]; then
  echo "run.sh: set COPYDESK_BIN to the copydesk binary to test" >&2
  exit 2
fi
COPYDESK_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
export COPYDESK_BIN
if [[ ! -x "$COPYDESK_BIN" ]]; then
  echo "run.sh: $COPYDESK_BIN is not an executable" >&2
  exit 2
fi
venv="${LSP_PY_VENV:-$here/.venv}"
python="${PYTHON:-python3}"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
stamp="$venv/.requirements"
if ! cmp -s "$here/requirements.txt" "$stamp" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$stamp"
fi
cd "$here"
# The tests' workspaces (and anything the server or pytest writes to TMPDIR) go to a
# temporary folder of this run, removed at the end whatever the outcome.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-lsp-py.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
export TMPDIR="$scratch"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@"
