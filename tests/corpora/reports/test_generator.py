import json
import random

import pytest

from corpora.reports import generate_corpus, sample_layout, write_report
from corpora.reports.samples import SAMPLES, write_samples
import reportparse
from reportparse.evaluate import score_report


def test_deterministic_by_seed(tmp_path):
    a = [(r.gold("x"), f) for r, f in generate_corpus(6, lang="it", seed=3)]
    b = [(r.gold("x"), f) for r, f in generate_corpus(6, lang="it", seed=3)]
    c = [(r.gold("x"), f) for r, f in generate_corpus(6, lang="it", seed=4)]
    assert a == b and a != c


def test_layouts_vary():
    rng = random.Random(0)
    layouts = {sample_layout(rng, "en") for _ in range(40)}
    assert len(layouts) == 40
    assert len({layout.columns for layout in layouts}) >= 6


def test_gold_is_marked_synthetic_and_well_formed(tmp_path):
    report, fmt = next(generate_corpus(1, lang="en", seed=1))
    raw, gold_path = write_report(report, tmp_path, fmt)
    gold = json.loads(gold_path.read_text())
    assert gold["synthetic"] is True and "SYNTHETIC" in gold["notes"] and gold["file"] == raw.name
    for value in gold["values"]:
        assert {"analyte", "value", "unit", "ref_low", "ref_high", "ref_text", "flag"} <= set(value)


@pytest.mark.parametrize("lang", ["it", "en"])
@pytest.mark.parametrize("fmt", ["pdf", "txt", "md"])
def test_generated_reports_parse(tmp_path, lang, fmt):
    # The layouts the parser was written against; the other families are measured by benchmarks/bench_families.py.
    for report, _ in generate_corpus(2, lang=lang, seed=11, formats=(fmt,), families=["classic"]):
        raw, gold_path = write_report(report, tmp_path, fmt)
        score = score_report(json.loads(gold_path.read_text()), reportparse.parse_file(raw).to_dict())
        assert score.f1 >= 0.9, (raw.name, score.missed, score.spurious)


def test_bundled_samples_are_up_to_date(tmp_path, samples_dir):
    write_samples(tmp_path)
    for sample_id, _, fmt, *_ in SAMPLES:
        for sub, suffix in (("raw", fmt), ("gold", "json")):
            fresh = (tmp_path / sub / f"{sample_id}.{suffix}").read_bytes()
            committed = (samples_dir / sub / f"{sample_id}.{suffix}").read_bytes()
            assert fresh == committed, f"{sub}/{sample_id}.{suffix} is stale: run `make samples`"
