#!/usr/bin/env bash
# The extraction records (`kg extract --format jsonl`, the `path` field dropped) of factru-dev, NEREL train's
# first 200 texts, NEREL dev and gold-news, to compare two commits line for line: a speed change must not
# change them.
#
#   bench/same_records.sh OUT_DIR [CORPORA_DIR]     # CORPORA_DIR: default ../shared/corpora
# Another commit's code: export it beside this one and name it in KG_REPO (this checkout's python runs it), e.g.
#   git archive 3ebc46c | tar -x -C /tmp/a && KG_REPO=/tmp/a bench/same_records.sh /tmp/rec-a
#   bench/same_records.sh /tmp/rec-b && diff -r /tmp/rec-a /tmp/rec-b && echo same
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
repo=${KG_REPO:-$here}
out=$(mkdir -p "$1" && cd "$1" && pwd); corpora=${2:-$here/../shared/corpora}
py=${PYTHON:-$here/.venv/bin/python}
test -d "$corpora/factru-dev" || { echo "error: no factru-dev in $corpora (give CORPORA_DIR)" >&2; exit 2; }
cd "$repo"
for name in factru nerel-train200 nerel-dev gold-news; do
  case $name in
    factru) files=("$corpora"/factru-dev/*.txt);;
    nerel-train200) mapfile -t files < <(ls "$corpora"/nerel-dev/train/*.txt | sort | head -200);;
    nerel-dev) files=("$corpora"/nerel-dev/dev/*.txt);;
    gold-news) files=("$here"/tests/fixtures/gold-news/*.txt);;
  esac
  PYTHONPATH="$repo" "$py" -m kg.cli extract --format jsonl "${files[@]}" \
    | "$py" -c 'import json, sys
for line in sys.stdin:
    r = json.loads(line); r.pop("path", None); print(json.dumps(r, ensure_ascii=False, sort_keys=True))' \
    > "$out/$name.jsonl"
  echo "$name: $(wc -l < "$out/$name.jsonl") records (${#files[@]} files)"
done
