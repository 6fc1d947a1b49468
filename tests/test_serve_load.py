"""A short load on a real `kg serve`: concurrent clients send the competency questions for about 5 s.
Every request must be answered, with exactly the rows the store gives directly. The numbers are printed
(`pytest -s`), not asserted: timing depends on the machine. bench/serve.py runs the same for longer."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from test_serve import Served

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_serve", ROOT / "bench" / "serve.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

CLIENTS = 6
pytestmark = pytest.mark.server


def test_concurrent_clients_get_every_answer_right(seed_store, tmp_path):
    expected = bench.expected_answers(seed_store)
    assert len(expected) >= 5 and all(want for _, want in expected.values())
    served = Served(seed_store, tmp_path / "serve.log")
    try:
        stats = bench.load(served.port, expected, CLIENTS, seconds=5)
    finally:
        assert served.stop() == 0, served.output()
    print("\n" + bench.report(stats, CLIENTS))
    assert stats["errors"] == []
    assert len(stats["latencies"]) >= CLIENTS * len(expected)        # each client asked every question
    assert "Traceback" not in served.output()
