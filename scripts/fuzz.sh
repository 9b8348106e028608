#!/usr/bin/env bash
# The fuzz targets of issue 11 (fuzz/, cargo-fuzz on libFuzzer): check on arbitrary text and
# Markdown, the position mapping in three encodings, the table loader, LSP edits against a
# model, the frame reader, the compiled-table reader. Installs nightly Rust (rustup) and
# cargo-fuzz if missing, builds the targets, then runs each in turn, one process each
# (libFuzzer in process: one job), for
# the given seconds (default 60). Built with debug assertions (an overflow is a crash) and
# without a sanitizer (the code under test is safe Rust), which runs several times faster.
# A crash stops the script with the target's failure; its input is in
# fuzz/artifacts/TARGET/ (keep it as a regression test in the normal test suite).
#   scripts/fuzz.sh [seconds-per-target] [target...]
#   FUZZ_RUNS=10000000 scripts/fuzz.sh 7200 frames   # stop at 10M executions (or the time)
#   FUZZ_NO_TRACE_COMPARES=1 scripts/fuzz.sh ...       # long runs: several times the rate
#   FUZZ_MAX_LEN=2048 scripts/fuzz.sh ...              # inputs up to 2 KB (default 8 KB)
# FUZZ_NO_TRACE_COMPARES builds without libFuzzer's comparison tracing (cargo fuzz
# --no-trace-compares): the comparisons of every loop over the text are most of a run's time
# (`perf record` of `positions`: 84 %), so the long runs go several times faster, guided by
# the edges covered only; the short runs of CI keep the tracing.
# Each run prints libFuzzer's last status line (`#N DONE ... exec/s`), the executions, the
# average executions per second and the wall time; the whole log is fuzz/target/fuzz-T.log.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(check positions table lsp_edits frames compiled)

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal --no-self-update
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# Seeds: the project's own tables and articles (copied at each run; fuzz/corpus is not kept
# in git).
seed() {
  local dir="fuzz/corpus/$1"
  shift
  mkdir -p "$dir"
  for f in "$@"; do cp -f "$f" "$dir/seed-$(basename "$f")"; done
}
seed check tests/fixtures/articles/*.md tests/fixtures/articles/*.txt tests/generality/articles/*
seed table src/table/default.json src/rules/testdata/world.json tests/generality/table.json
mkdir -p fuzz/corpus/positions fuzz/corpus/lsp_edits fuzz/corpus/frames fuzz/corpus/compiled

cd fuzz
status=0
for t in "${targets[@]}"; do
  echo "== fuzz target $t: $seconds s"
  log="target/fuzz-$t.log"
  t0=$SECONDS
  mkdir -p target
  if cargo +nightly fuzz run --release --debug-assertions --sanitizer none \
    ${FUZZ_NO_TRACE_COMPARES:+--no-trace-compares} "$t" "corpus/$t" -- \
    -max_total_time="$seconds" ${FUZZ_RUNS:+-runs="$FUZZ_RUNS"} -max_len="${FUZZ_MAX_LEN:-8192}" -timeout=10 \
    -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log"
    echo "time: $((SECONDS - t0)) s"
  else
    status=1
    echo "fuzz target $t FAILED:"
    tail -40 "$log"
  fi
done
exit $status
