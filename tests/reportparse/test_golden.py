"""Golden tests on the bundled samples: every value of every sample, as annotated."""

import json

import pytest

import reportparse
from reportparse.evaluate import score_report

SAMPLE_NAMES = ["it01_two_tables_minmax.pdf", "it02_multipage_previous.pdf", "it03_ocr_two_units.txt",
                "it04_markdown_glued.md", "en01_flags_wrapped.pdf", "en02_unit_in_reference.pdf",
                "en03_unit_first_text.txt", "en04_markdown_status.md", "en05_minmax_text.txt"]


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_sample_matches_gold(samples_dir, name):
    gold = json.loads((samples_dir / "gold" / (name.rsplit(".", 1)[0] + ".json")).read_text(encoding="utf-8"))
    report = reportparse.parse_file(samples_dir / "raw" / name)
    score = score_report(gold, report.to_dict())
    assert (score.missed, score.spurious) == ([], [])
    assert score.unit_ok == score.ref_ok == score.flag_ok == score.matched == score.gold
    assert report.language == gold["lang"]
    assert (report.patient.sex, report.collected.isoformat()) == (gold["patient"]["sex"], gold["collected"])
