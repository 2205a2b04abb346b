# One command to set up and run, one to test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: install demo test lint clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/wirecoder code samples/fr --db wirecoder.duckdb --out wirecoder-demo.jsonl
	$(BIN)/wirecoder events --db wirecoder.duckdb
	@echo
	@echo "Open the dashboard on the demo database:"
	@echo "  $(BIN)/wirecoder serve --db wirecoder.duckdb    # then open http://127.0.0.1:8000/"

lint: install
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy src

test: lint
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info .mypy_cache .pytest_cache .ruff_cache
