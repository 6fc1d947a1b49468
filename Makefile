VENV   ?= .venv
PYTHON ?= python3
BIN    := $(VENV)/bin

.PHONY: demo test venv clean

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

test: venv
	$(BIN)/pip install -e '.[test]'
	$(BIN)/python -m pytest -q

clean:
	rm -rf build kg-store
