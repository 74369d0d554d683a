"""``python -m multimodal train``: the ablation fits the lab panel per fold; features.json lists the full cohort's."""

import json
from pathlib import Path

import numpy as np

import multimodal.data
import multimodal.features
import multimodal.image_features
import reportparse
from multimodal.cli import main
from multimodal.data import Sample

IT = "Emoglobina   12,1   g/dL   12,0 - 15,5\nGlucosio   5,5   mmol/L   3,9 - 5,6\nPCR   < 0,5   mg/L   < 5\n"
EN = "Hemoglobin   13.0   g/dL   12.0 - 15.5\nGlucose   126   mg/dL   70 - 99\nLDH   300   U/L   135 - 225\n"
CLASSES = ["nevus", "pigmented benign keratosis", "melanoma"]


class FakeImageCache:
    """Image probabilities keyed by file name, without a vision run."""

    probabilities: dict[str, np.ndarray] = {}

    def __init__(self, *args, **kwargs):
        self.computed = 0

    def features(self, paths, progress=False):
        return np.stack([self.probabilities[Path(p).name] for p in paths])


def test_train_fits_the_lab_featurizer_on_training_folds_then_on_all(tmp_path, monkeypatch):
    common, rare = reportparse.parse_text(IT, lang="it"), reportparse.parse_text(EN, lang="en")
    n, rng = 72, np.random.default_rng(0)
    y = np.arange(n) % 3
    logits = np.eye(3)[y] + rng.normal(0, 1.0, (n, 3))
    FakeImageCache.probabilities = {f"{i}.jpg": row for i, row in
                                    enumerate(np.exp(logits) / np.exp(logits).sum(1, keepdims=True))}
    samples = [Sample(Path(f"{i}.jpg"), CLASSES[y[i]], i // 6, {"age": 40 + i % 30, "sex": "female", "site": None},
                      rare if i < 6 else common) for i in range(n)]  # only lesion group 0 reports LDH
    fits = []

    class SpyLabFeaturizer(multimodal.features.LabFeaturizer):
        def fit(self, X, y=None):
            X = list(X)
            fits.append(X)
            return super().fit(X, y)

    monkeypatch.setattr(multimodal.data, "load_samples", lambda *a, **k: samples)
    monkeypatch.setattr(multimodal.image_features, "ImageFeatureCache", FakeImageCache)
    monkeypatch.setattr(multimodal.features, "LabFeaturizer", SpyLabFeaturizer)
    out = tmp_path / "fusion"
    assert main(["train", "--cohort", str(tmp_path / "manifest.csv"), "--vision-run", str(tmp_path), "--out", str(out),
                 "--folds", "3", "--min-frequency", "0.05", "--include-vision-train", "-q"]) == 0

    fold = np.load(out / "predictions.npz")["fold"]
    held_out = fold[0]  # the fold that tests lesion group 0, the only one with LDH
    assert len(fits) == 3 + 1  # one per training fold, then the final fit on all samples
    for k, reports in enumerate(fits[:3]):
        assert len(reports) == (fold != k).sum(), f"fold {k}: the lab panel was chosen with test samples in view"
        assert any(r is rare for r in reports) == (k != held_out)
    assert len(fits[3]) == n
    summary = json.loads((out / "ablation.json").read_text())
    assert [c["labs"] for c in summary["columns_per_fold"]] == [9 if k == held_out else 12 for k in range(3)]
    features = json.loads((out / "features.json").read_text())
    assert "labs__ldh" in features["names"] and summary["modalities"] == {"image": 3, "labs": 12, "clinical": 15}
    assert len(features["names"]) == sum(len(c) for c in features["modalities"].values())
