"""What `pip install .` ships: every package of the source tree (a sub-package missing from pyproject.toml
installs a `kg` that cannot import `kg.stores`), and the data files the code reads."""
from __future__ import annotations

import tomllib

from setuptools import find_packages

from conftest import ROOT


def test_every_package_is_installed():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    assert set(find_packages(ROOT, include=["kg*", "extract*", "ontology*"])) == listed


def test_the_data_files_the_code_reads_are_package_data():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]
    assert "models/*.npz" in data["extract"] and (ROOT / "extract" / "models" / "triggers.npz").is_file()
    assert {"*.ttl", "queries/*.rq"} <= set(data["ontology"]) and "templates/*" in data["kg"]
