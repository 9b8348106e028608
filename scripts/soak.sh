#!/usr/bin/env bash
# The language server soak (issue 11, tests/lsp_soak.rs): a scripted client edits 20
# articles at random and asks for hovers, completions and code actions for the given number
# of seconds (default 600) against the release binary. It fails on a request slower than
# 1 s or answered with an error, RSS growing after the warm-up, more than 24 threads, or a
# server text that is not the client's; it prints requests served, latencies, peak RSS and
# threads.
#   scripts/soak.sh [seconds]          (COPYDESK_SOAK_SEED=n repeats a run)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-600}"
cargo build --release --quiet
COPYDESK_SOAK_SECONDS="$seconds" COPYDESK_TEST_BIN="$PWD/target/release/copydesk" \
  exec cargo test --quiet --test lsp_soak -- --ignored --nocapture
