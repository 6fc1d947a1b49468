VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

# apt needs root: use sudo when not root.
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CHROMIUM ?= /usr/bin/chromium

.PHONY: demo test venv browser clean

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

test: venv browser
	$(BIN)/pip install -e '.[test]'
	$(BIN)/python -m pytest -q

clean:
	rm -rf build kg-store
