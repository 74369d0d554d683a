import json

import numpy as np

import reportparse
from corpora.cohorts import DEFAULT_EFFECTS, effects_for, load_cohort, make_synthetic_cohort
from corpora.images import load_dataset
from corpora.images.fake import write_fake_dataset


def test_synthetic_cohort_round_trip(tmp_path):
    dataset = load_dataset(write_fake_dataset(tmp_path / "h", "ham10000", per_class=6))
    manifest = make_synthetic_cohort(dataset, tmp_path / "cohort", seed=3, report_fraction=0.5)
    cohort = load_cohort(manifest)
    info = cohort.describe()
    assert info["images"] == len(dataset) and info["synthetic"] is True and cohort.problems == []
    assert 0 < info["patients_with_report"] < info["patients"]  # some patients have no report
    meta = json.loads((tmp_path / "cohort" / "cohort.json").read_text())
    assert meta["synthetic"] is True and meta["effects_sd"] == DEFAULT_EFFECTS
    pairs = list(cohort.pairs())
    assert any(r is None for _, r in pairs) and any(r is not None for _, r in pairs)
    report_path = next(r for _, r in pairs if r is not None)
    assert "SYNTHETIC" in report_path.read_text() or "SINTETICO" in report_path.read_text() or "sintetico" in report_path.read_text()
    assert len(reportparse.parse_file(report_path).values) > 20


def test_effects_shift_the_labs(tmp_path):
    """Melanoma patients' LDH is higher than nevus patients' by about the documented effect."""
    import random

    from corpora.reports.compose import draw_value
    from corpora.reports.panels import SPECS

    rng = random.Random(0)
    mel = [np.log(draw_value(rng, SPECS["ldh"], effects_for("melanoma")["ldh"])) for _ in range(3000)]
    nev = [np.log(draw_value(rng, SPECS["ldh"], effects_for("nevus").get("ldh", 0.0))) for _ in range(3000)]
    shift_in_sd = (np.mean(mel) - np.mean(nev)) / SPECS["ldh"].sd
    assert abs(shift_in_sd - DEFAULT_EFFECTS["melanoma"]["ldh"]) < 0.1
    assert effects_for("melanoma", scale=0.0) == {k: 0.0 for k in DEFAULT_EFFECTS["melanoma"]}


def test_manifest_tolerates_missing_files(tmp_path):
    (tmp_path / "img.jpg").write_bytes(b"x")
    (tmp_path / "manifest.csv").write_text(
        "patient_id,image,report,label,lesion_id,age,sex,site,synthetic\n"
        "P1,img.jpg,,nevus,L1,40,male,back,0\n"
        "P2,missing.jpg,nope.txt,melanoma,L2,,female,,0\n"
        ",img.jpg,,nevus,,,,,0\n")
    cohort = load_cohort(tmp_path / "manifest.csv")
    assert cohort.describe()["patients"] == 2 and len(cohort.problems) == 3
    assert next(cohort.pairs())[0].site == "posterior torso"
