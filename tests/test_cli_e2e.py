"""The `kg` command as a user runs it, on the seed, with the real pipeline."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SEED

from kg import store as kgstore


def kg(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def triples(path):
    s = kgstore.open_store(path, create=False)
    return kgstore.triple_count(s)


@pytest.mark.slow
def test_extract_jsonl(tmp_path):
    r = kg("extract", SEED, "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    [line] = r.stdout.splitlines()
    record = json.loads(line)
    assert record["doc"] == str(SEED)
    m = next(m for m in record["mentions"] if m["text"] == "Матильда")
    assert (m["start"], m["end"], m["cls"]) == (1814, 1822, "https://w3id.org/energy-kg/ont#Tanker")
    assert any(e["quote"] and e["quote"].startswith("Идет переговорный процесс") for e in record["events"])


@pytest.mark.slow
def test_rebuild_is_idempotent_and_valid(seed_store, tmp_path):
    before = triples(seed_store)
    r = kg("build", SEED, "--store", seed_store, "--force")
    assert r.returncode == 0, r.stderr
    assert triples(seed_store) == before
    r = kg("validate", "--store", seed_store)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.slow
def test_bad_file_in_batch_is_reported_and_batch_goes_on(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    (tmp_path / "good.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    r = kg("build", tmp_path, "--store", tmp_path / "store")
    assert r.returncode == 1
    assert f"{tmp_path / 'empty.txt'}: empty document (no text)" in r.stderr
    assert triples(tmp_path / "store") > 1000


def test_query_with_position_error(seed_store):
    r = kg("query", "--store", seed_store, "SELECT ?x WHERE { ?x ?y }")
    assert r.returncode == 2
    assert "1:" in r.stderr and "Traceback" not in r.stderr
