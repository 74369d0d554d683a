# Two commands: `make run` (set up, parse the bundled samples) and `make test` (set up, run the suite).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
OCR_PACKAGES := tesseract-ocr tesseract-ocr-ita tesseract-ocr-eng
TESSERACT ?= tesseract

.PHONY: run test setup tesseract bench clean samples ner-models

setup: $(STAMP) tesseract

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[all]'
	touch $(STAMP)

# Tesseract reads scans and photos (reportparse.ocr). Installed with apt-get where we are root (apt-get update only
# when the install fails); otherwise one line says what to install, and make stops.
tesseract:
	@langs="$$($(TESSERACT) --list-langs 2>/dev/null)"; \
	if printf '%s\n' "$$langs" | grep -qx ita && printf '%s\n' "$$langs" | grep -qx eng; then exit 0; fi; \
	if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then \
		echo "OCR needs Tesseract: sudo apt-get install $(OCR_PACKAGES)"; exit 1; fi; \
	echo "installing $(OCR_PACKAGES) with apt-get"; \
	export DEBIAN_FRONTEND=noninteractive; \
	apt-get install -y -qq $(OCR_PACKAGES) >/dev/null 2>&1 \
	|| { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq $(OCR_PACKAGES) >/dev/null 2>&1; } \
	|| { echo "OCR needs Tesseract: apt-get install $(OCR_PACKAGES) failed here; install it by hand"; exit 1; }

run: $(STAMP) tesseract
	$(BIN)/reportparse parse corpora/samples/reports/raw -o out/values.jsonl -o out/values.csv -o out/bundles.fhir.ndjson --summary
	$(BIN)/reportparse evaluate --gold corpora/samples/reports/gold out/values.jsonl
	$(BIN)/python -m multimodal.demo --out out/demo
	@echo "results: out/values.jsonl, out/values.csv, out/bundles.fhir.ndjson (reports: JSONL, CSV, FHIR R4); out/demo/fusion/ablation.json, ablation.png (hybrid model)"

test: $(STAMP) tesseract
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_reportparse.py --shared
	$(BIN)/python benchmarks/bench_families.py
	$(BIN)/python benchmarks/bench_families.py --compare
	$(BIN)/python benchmarks/bench_ner.py
	$(BIN)/python benchmarks/bench_vision.py

# The recognisers shipped in reportparse/data/ner (about ten minutes per language on two cores).
ner-models: $(STAMP)
	$(BIN)/reportparse train-ner --lang it --out reportparse/data/ner/it -q
	$(BIN)/reportparse train-ner --lang en --out reportparse/data/ner/en -q

samples: $(STAMP)
	$(BIN)/python -m corpora samples

clean:
	rm -rf out .pytest_cache
