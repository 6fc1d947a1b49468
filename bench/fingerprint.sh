#!/usr/bin/env bash
# The graphs of seeds/, tests/texts and factru-dev as sorted N-Quads, to compare two commits byte for byte
# (issue 14: a refactoring must not change them). Each corpus is built into a fresh store with this checkout's
# code and exported; nothing in the graph depends on the time of the build.
#
#   bench/fingerprint.sh OUT_DIR [CORPORA_DIR]      # CORPORA_DIR: default ../shared/corpora
# Another commit's code: check it out beside this one and name it in KG_REPO (this .venv runs it), e.g.
#   git worktree add /tmp/a 97188ff && KG_REPO=/tmp/a bench/fingerprint.sh /tmp/fp-a
#   bench/fingerprint.sh /tmp/fp-b; for f in seeds texts factru; do cmp /tmp/fp-a/$f.nq /tmp/fp-b/$f.nq; done
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${KG_REPO:-$here}
out=$(mkdir -p "$1" && cd "$1" && pwd); corpora=${2:-$here/../shared/corpora}
py=${PYTHON:-$here/.venv/bin/python}
test -d "$corpora/factru-dev" || { echo "error: no factru-dev in $corpora (give CORPORA_DIR)" >&2; exit 2; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$repo"
for name in seeds texts factru; do
  case $name in seeds) src=seeds;; texts) src=tests/texts;; factru) src=$corpora/factru-dev;; esac
  PYTHONPATH="$repo" "$py" -m kg.cli build "$src" --store "$tmp/$name" >/dev/null 2>"$out/$name.log" || true
  PYTHONPATH="$repo" "$py" -m kg.cli export --format nquads --store "$tmp/$name" --out "$tmp/$name.nq" 2>/dev/null
  LC_ALL=C sort "$tmp/$name.nq" > "$out/$name.nq"
  echo "$name: $(wc -l < "$out/$name.nq") quads ($(tail -1 "$out/$name.log"))"
done
