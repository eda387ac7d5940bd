# Two commands on a fresh machine: `make book` and `make test` (see README.md).
PY      ?= python3.11
VENV    ?= .venv
BIN     := $(VENV)/bin
PARAMS  ?= book/params.yaml
RAW     := data/raw
DERIVED := data/derived

.PHONY: venv test data book book-hcmc clean bench bench-pipeline

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

# Derived tables, Parquet with a .meta.yaml beside each (articles, skipped, mentions, rejected,
# facts, checks, attributions, findings): the pipeline run once on data/raw, skipped when nothing
# it reads changed. The book reads these.
data: venv
	$(BIN)/python -m vnict_analysis run $(RAW) --output-dir $(DERIVED)

# The book: notebooks executed by papermill with $(PARAMS) into _build/executed/, then Jupyter Book
# (warnings are errors) into _build/html/. BOOK_ROOT moves the whole _build/ folder elsewhere.
BOOK_ROOT ?= .
BOOK_TIMEOUT ?= 300

book: data
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 >/dev/null
	$(BIN)/python scripts/build_book.py --params $(PARAMS) --root $(BOOK_ROOT) --timeout $(BOOK_TIMEOUT)

book-hcmc:
	$(MAKE) book PARAMS=book/params_hcmc.yaml BOOK_ROOT=_build/hcmc

bench: venv
	$(BIN)/python benchmarks/extract_speed.py

bench-pipeline: venv
	$(BIN)/python benchmarks/pipeline_speed.py --n 2000

clean:
	rm -rf _build $(DERIVED)
