#!/usr/bin/env bash
# The graphs of seeds/, tests/texts and factru-dev as sorted N-Quads, to compare two commits byte for byte
# (issue 14: a refactoring must not change them). Each corpus is built into a fresh store with this checkout's
# code and exported; nothing in the graph depends on the time of the build.
#
#   bench/fingerprint.sh OUT_DIR [CORPORA_DIR]      # CORPORA_DIR: default ../shared/corpora
#   git stash; git checkout A; bench/fingerprint.sh /tmp/a; git checkout B; bench/fingerprint.sh /tmp/b
#   for f in seeds texts factru; do cmp /tmp/a/$f.nq /tmp/b/$f.nq && echo "same $f"; done
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$1; corpora=${2:-$repo/../shared/corpora}
py=${PYTHON:-$repo/.venv/bin/python}
test -d "$corpora/factru-dev" || { echo "error: no factru-dev in $corpora (give CORPORA_DIR)" >&2; exit 2; }
mkdir -p "$out"; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$repo"
for name in seeds texts factru; do
  case $name in seeds) src=seeds;; texts) src=tests/texts;; factru) src=$corpora/factru-dev;; esac
  PYTHONPATH="$repo" "$py" -m kg.cli build "$src" --store "$tmp/$name" >/dev/null 2>"$out/$name.log" || true
  PYTHONPATH="$repo" "$py" -m kg.cli export --format nquads --store "$tmp/$name" --out "$tmp/$name.nq" 2>/dev/null
  LC_ALL=C sort "$tmp/$name.nq" > "$out/$name.nq"
  echo "$name: $(wc -l < "$out/$name.nq") quads ($(tail -1 "$out/$name.log"))"
done
