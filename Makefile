# Two commands: `make run` (set up, parse the bundled samples) and `make test` (set up, run the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test setup bench clean samples ner-models

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
	$(BIN)/python benchmarks/bench_families.py --compare
	$(BIN)/python benchmarks/bench_ner.py
	$(BIN)/python benchmarks/bench_vision.py

# The recognisers shipped in reportparse/data/ner (about five minutes per language on two cores).
ner-models: $(STAMP)
	$(BIN)/reportparse train-ner --lang it --out reportparse/data/ner/it -q
	$(BIN)/reportparse train-ner --lang en --out reportparse/data/ner/en -q

samples: $(STAMP)
	$(BIN)/python -m corpora samples

clean:
	rm -rf out .pytest_cache
