#!/usr/bin/env bash
# Every test of copydesk, on a fresh machine (Rust, Python 3, Node 20 or later, root, the package
# registries): the Rust tests (unit, rule fixtures, CLI, properties, language server end to
# end), the language server driven by pytest-lsp, Neovim headless, VS Code (code-server
# in Chromium), the pre-commit hook (pre-commit, installed with pip, building copydesk with cargo),
# a smoke run of the benchmark (scripts/bench.sh --smoke: tiny corpora, every command once,
# no timings), the language server soak (30 s) and a smoke run of the fuzz targets
# (scripts/fuzz.sh 15: each cargo-fuzz target for 15 s; it installs nightly Rust
# with rustup and cargo-fuzz the first time, used for fuzz/ only). Each suite installs what
# it needs.
#
#   scripts/test-all.sh            # everything
#   scripts/test-all.sh rust       # only the Rust tests
#   scripts/test-all.sh rust lsp   # any of: rust lsp nvim vscode precommit bench-smoke soak
#                                  #         fuzz-smoke
# (soak: 30 s of the language server soak, scripts/soak.sh; fuzz-smoke: 15 s per fuzz target,
# scripts/fuzz.sh; run either alone for longer)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
suites=("$@")
[ ${#suites[@]} -eq 0 ] && suites=(rust lsp nvim vscode precommit bench-smoke soak fuzz-smoke)
start=$SECONDS
failed=()
passed=()

run() {
  local name=$1
  shift
  printf '\n##### %s (%ss)\n' "$name" "$((SECONDS - start))"
  if "$@"; then passed+=("$name"); else failed+=("$name"); fi
}

want() { [[ " ${suites[*]} " == *" $1 "* ]]; }

if want rust; then
  run "rust tests" cargo test --all-targets
fi
if want lsp || want nvim || want vscode || want bench-smoke || want soak; then
  run "release build" cargo build --release --quiet
  export COPYDESK_BIN="$PWD/target/release/copydesk"
fi
want lsp && run "language server (pytest-lsp)" tests/lsp_py/run.sh
want nvim && run "neovim" editors/nvim/test.sh
want vscode && run "vs code (code-server)" editors/vscode/test.sh
want precommit && run "pre-commit hook" tests/precommit/run.sh
want bench-smoke && run "benchmark smoke" scripts/bench.sh --smoke
want soak && run "language server soak (30 s)" scripts/soak.sh 30
want fuzz-smoke && run "fuzz smoke (every target, 15 s each)" scripts/fuzz.sh 15

printf '\n##### summary after %ss\n' "$((SECONDS - start))"
for s in "${passed[@]}"; do echo "passed: $s"; done
for s in "${failed[@]}"; do echo "FAILED: $s"; done
echo "${#passed[@]} passed, ${#failed[@]} failed"
[ ${#failed[@]} -eq 0 ]
