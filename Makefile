# Two commands on a fresh machine: `make book` and `make test` (see README.md).
PY      ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
PARAMS  ?= book/params.yaml
RAW     := data/raw
DERIVED := data/derived

.PHONY: venv test data book clean bench

$(BIN)/activate: requirements.txt pyproject.toml
	@command -v $(PY) >/dev/null || { echo "need $(PY) on PATH" >&2; exit 1; }
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps --no-build-isolation -e .
	touch $(BIN)/activate

venv: $(BIN)/activate

test: venv
	$(BIN)/python -m pytest -n 2 tests

data: venv
	mkdir -p $(DERIVED)
	$(BIN)/python -m vnict_analysis extract $(RAW) --output $(DERIVED)/mentions.csv

book: data

bench: venv
	$(BIN)/python benchmarks/extract_speed.py

clean:
	rm -rf _build $(DERIVED)
