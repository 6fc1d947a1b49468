"""What a pytest run selects: `make test-fast` (-m "not slow") leaves out every browser, server and dask test,
and a run that selects no test fails instead of passing with nothing done."""
import subprocess
import sys

import pytest
from conftest import ROOT


def pytest_run(*args):
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


@pytest.mark.slow
def test_a_run_that_selects_no_test_fails():
    r = pytest_run("-m", "slow and not slow", "tests/test_kg_summary.py")
    assert r.returncode == 1, r.stdout
    assert "error: no test ran" in r.stdout


@pytest.mark.slow
def test_the_fast_subset_has_no_browser_server_or_dask_test():
    files = ["tests/test_view_browser.py", "tests/test_serve.py", "tests/test_build_scale.py"]
    assert pytest_run("--collect-only", "-m", "browser or server or dask", *files).returncode == 0
    r = pytest_run("--collect-only", "-m", "not slow and (browser or server or dask)", *files)
    assert r.returncode == 1 and "error: no test ran" in r.stdout, r.stdout
