VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

# apt needs root: use sudo when not root.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test test-fast venv browser virtuoso clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip

venv: $(BIN)/python

demo: venv
	$(BIN)/pip install -e .
	$(BIN)/kg build seeds/
	mkdir -p build
	$(BIN)/kg view --out build/graph.html
	$(BIN)/kg summary

# Debian's chromium for the browser tests (Playwright drives it; it never downloads a browser).
browser:
	@test -x $(CHROMIUM) || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium; }

# Debian's Virtuoso for the remote-store tests (tests/test_virtuoso.py starts its own instance).
virtuoso:
	@command -v virtuoso-t >/dev/null || { $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends virtuoso-opensource; }

# The project with its test extras, installed again when pyproject.toml changes.
$(VENV)/.test-installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -e '.[test]'
	touch $@

# Every test, the browser, server and dask ones too (CI runs this).
test: $(VENV)/.test-installed browser virtuoso
	$(BIN)/python -m pytest -q

# The quick subset for development: no test marked slow (nor browser, server, dask; see pyproject.toml).
test-fast: $(VENV)/.test-installed
	$(BIN)/python -m pytest -q -m "not slow"

clean:
	rm -rf build kg-store
