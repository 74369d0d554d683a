import json
import random

from corpora.reports import generate_corpus, write_report
from corpora.reports.noise import ocr_noise


def test_noise_is_deterministic_and_changes_text():
    text = "Emoglobina          13,5    g/dL     12,0 - 16,0\n" * 40
    a, b = ocr_noise(text, random.Random(1)), ocr_noise(text, random.Random(1))
    assert a == b and a != text
    assert ocr_noise(text, random.Random(1), level=0) == text


def test_ocr_format_keeps_true_gold(tmp_path):
    report, _ = next(generate_corpus(1, lang="it", seed=5, formats=("ocr",)))
    raw, gold = write_report(report, tmp_path, "ocr")
    data = json.loads(gold.read_text())
    assert raw.suffix == ".txt" and "OCR" in data["notes"] and data["values"] == report.gold_values
