# Two commands: `make run` (set up, parse the bundled samples) and `make test` (set up, run the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup bench clean samples

setup: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/reportparse parse corpora/samples/reports/raw -o out/values.jsonl -o out/values.csv --summary
	$(BIN)/reportparse evaluate --gold corpora/samples/reports/gold out/values.jsonl
	$(BIN)/python -m multimodal.demo --out out/demo
	@echo "results: out/values.jsonl, out/values.csv (reports); out/demo/fusion/ablation.json, ablation.png (hybrid model)"

test: $(STAMP)
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_reportparse.py --shared
	$(BIN)/python benchmarks/bench_families.py
	$(BIN)/python benchmarks/bench_vision.py

samples: $(STAMP)
	$(BIN)/python -m corpora samples

clean:
	rm -rf out .pytest_cache
