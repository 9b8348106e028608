#!/usr/bin/env bash
# copydesk's pre-commit hook (.pre-commit-hooks.yaml), as a newsroom would use it: pre-commit
# installed with pip, a throwaway git repository whose .pre-commit-config.yaml points at this
# repository by path, a commit with a planted error (refused) and a clean one (accepted).
#
#   tests/precommit/run.sh
#
# pre-commit clones this repository at HEAD (commit what you want tested) and builds the
# hook with `cargo install` (language: rust). The build goes to target/precommit/ (kept, so
# a second run rebuilds only what changed), the venv and pre-commit's cache too; the
# throwaway repository lives in a temporary folder removed at exit.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$repo/tests/precommit"
work_root="$repo/target/precommit"
mkdir -p "$work_root"
venv="$work_root/venv"
python="${PYTHON:-python3}"
if [[ ! -x "$venv/bin/python" ]]; then
  "$python" -m venv "$venv"
fi
if ! cmp -s "$here/requirements.txt" "$venv/.requirements" 2>/dev/null; then
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$here/requirements.txt"
  cp "$here/requirements.txt" "$venv/.requirements"
fi
export PRE_COMMIT_HOME="$work_root/home"
export CARGO_TARGET_DIR="$work_root/cargo-target"
rev="$(git -C "$repo" rev-parse HEAD)"
if [[ -n "$(git -C "$repo" status --porcelain -- .pre-commit-hooks.yaml src Cargo.toml Cargo.lock)" ]]; then
  echo "note: uncommitted changes are not tested: pre-commit builds HEAD ($rev)" >&2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
git init --quiet -b main
git config user.email test@example.invalid
git config user.name "copydesk test"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $repo
    rev: $rev
    hooks:
      - id: copydesk
YAML
git add .pre-commit-config.yaml
git commit --quiet -m "pre-commit config"
"$venv/bin/pre-commit" install --hook-type pre-commit >/dev/null

start=$SECONDS
"$venv/bin/pre-commit" install-hooks
echo "hook environment ready in $((SECONDS - start)) s (cargo install of copydesk at $rev)"

fail() { echo "FAILED: $*" >&2; exit 1; }

# A planted error: the commit is refused, and the output names the finding.
printf 'Hoang Xuan Chien met the delegation on Wednesday, March 4, 2025.\n' > story.md
git add story.md
if out="$(git commit -m "story" 2>&1)"; then
  fail "a commit with a planted error went through: $out"
fi
grep -q "story.md:1:1: warning\[name-diacritics\]" <<<"$out" || fail "no finding in: $out"
grep -q "story.md:1:.*weekday-mismatch" <<<"$out" || fail "no weekday finding in: $out"
echo "ok: the planted error stops the commit"

# The text corrected: the commit goes through. A file of another kind is not checked.
printf 'Hoàng Xuân Chiến met the delegation on Tuesday, March 4, 2025.\n' > story.md
printf 'Hoang Xuan Chien\n' > notes.json
git add story.md notes.json
git commit --quiet -m "story" || fail "a clean commit was refused"
echo "ok: a clean commit goes through"
