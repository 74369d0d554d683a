"""The synthetic paired cohort end to end: generated reports → reportparse → LabFeaturizer → fusion.

Fails if fusion ignores the labs: with the documented effects scaled up, fused must beat
image-only; with the effects switched off, it must not gain beyond noise.  And the featurizers are
fitted inside each fold, on its training samples only: the lab panel never sees a test fold.
"""

import random

import numpy as np
import pytest
from sklearn.base import BaseEstimator, TransformerMixin

import reportparse
from corpora.cohorts import effects_for
from corpora.reports.compose import compose_report
from corpora.reports.layouts import sample_layout
from corpora.reports.render_text import render_text
from multimodal import ClinicalFeaturizer, LabFeaturizer, SampleFeaturizer
from multimodal.experiment import run_ablation, summarise

CLASSES = ["nevus", "pigmented benign keratosis", "melanoma"]


def _cohort(effect_scale: float, n: int = 360, seed: int = 0):
    rng = random.Random(seed)
    nprng = np.random.default_rng(seed)
    y = np.array([i % 3 for i in range(n)])
    reports = []
    for i, label in enumerate(y):
        lang = "it" if i % 2 else "en"
        report = compose_report(rng, lang, sample_layout(rng, lang), report_id=f"p{i}",
                                panels=("cbc", "differential", "chemistry", "inflammation", "other"),
                                shifts=effects_for(CLASSES[label], effect_scale))
        reports.append(reportparse.parse_text(render_text(report), lang=lang))
    logits = np.eye(3)[y] * 0.9 + nprng.normal(0, 1.0, (n, 3))  # a weak image model, same for both cohorts
    image = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    labs = LabFeaturizer(relative=False).fit(reports).transform(reports)
    X = np.hstack([image, labs])
    modalities = {"image": [0, 1, 2], "labs": list(range(3, X.shape[1]))}
    return X, y, np.arange(n), modalities


@pytest.fixture(scope="module")
def gains():
    out = {}
    for scale in (0.0, 3.0):
        X, y, groups, modalities = _cohort(scale)
        summary = summarise(run_ablation(X, y, groups, modalities, CLASSES, folds=4, seed=0))
        out[scale] = summary
    return out


def test_fusion_recovers_the_lab_effect(gains):
    strong = gains[3.0]["differences"]["fused - image"]["balanced_accuracy"][0]
    none = gains[0.0]["differences"]["fused - image"]["balanced_accuracy"][0]
    assert strong > 0.04, gains[3.0]["differences"]
    assert abs(none) < 0.03, gains[0.0]["differences"]
    assert strong > none + 0.03


def test_tabular_only_is_informative_only_with_effects(gains):
    assert gains[3.0]["arms"]["tabular"]["balanced_accuracy"][0] > 0.45
    assert gains[0.0]["arms"]["tabular"]["balanced_accuracy"][0] < 0.42


def test_missing_half_of_the_labs_is_not_below_image(gains):
    for summary in gains.values():
        diff = summary["differences"]["fused_tabular_missing_50 - image"]["balanced_accuracy"][0]
        assert diff >= -0.01


# -- featurizers are fitted inside each fold -------------------------------------------------------------------------

IT = "Sesso: F\nEmoglobina   12,1   g/dL   12,0 - 15,5\nGlucosio   5,5   mmol/L   3,9 - 5,6\nPCR   < 0,5   mg/L   < 5\n"
EN = "Hemoglobin   13.0   g/dL   12.0 - 15.5\nGlucose   126   mg/dL   70 - 99\nLDH   300   U/L   135 - 225\n"


def _raw_samples(n=90, seed=0):
    """Raw rows (image probabilities, report, record); only lesion group 0 (6 samples) has an LDH value."""
    rng = np.random.default_rng(seed)
    common, rare = reportparse.parse_text(IT, lang="it"), reportparse.parse_text(EN, lang="en")
    y = np.array([i % 3 for i in range(n)])
    groups = np.arange(n) // 6
    logits = np.eye(3)[y] + rng.normal(0, 1.0, (n, 3))
    image = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    rows = [{"id": i, "image": image[i], "report": rare if groups[i] == 0 else (common if i % 4 else None),
             "record": {"age": 30 + i % 50, "sex": "female" if i % 2 else "male", "site": "posterior torso"}}
            for i in range(n)]
    return rows, y, groups


class SpyFeaturizer(TransformerMixin, BaseEstimator):
    """Records the samples each clone is fitted on; its one feature is the image's first column."""

    fitted_on: list[set[int]] = []

    def fit(self, X, y=None):
        SpyFeaturizer.fitted_on.append({x["id"] for x in X})
        self.modalities_ = {"image": [0, 1, 2], "labs": [3]}
        return self

    def transform(self, X):
        return np.array([[*x["image"], x["image"][0]] for x in X])


def test_the_featurizer_is_fitted_on_each_training_fold_only():
    rows, y, groups = _raw_samples()
    SpyFeaturizer.fitted_on = []
    result = run_ablation(rows, y, groups, None, CLASSES, featurizer=SpyFeaturizer(), folds=3, seed=0)
    assert len(SpyFeaturizer.fitted_on) == 3
    for k, seen in enumerate(SpyFeaturizer.fitted_on):
        assert seen == set(np.flatnonzero(result.fold_of != k)), f"fold {k} fitted on test samples"
    assert not np.isnan(result.predictions["fused"]).any()


def test_an_analyte_only_in_the_test_fold_never_becomes_a_column():
    """Only group 0 reports LDH: the fold that tests group 0 has no LDH columns; every other fold has them."""
    rows, y, groups = _raw_samples()
    panels = []

    class Recording(SampleFeaturizer):
        def fit(self, X, y=None):
            super().fit(X, y)
            panels.append(set(self.labs_.panel_))
            return self

    featurizer = Recording(LabFeaturizer(min_frequency=0.05), ClinicalFeaturizer())
    result = run_ablation(rows, y, groups, None, CLASSES, featurizer=featurizer, folds=3, seed=0)
    held_out = result.fold_of[groups == 0][0]
    assert "ldh" not in panels[held_out] and all("ldh" in p for k, p in enumerate(panels) if k != held_out)
    # value, relative and missing columns for hemoglobin, glucose, crp (+ ldh)
    assert [c["labs"] for c in result.columns] == [9 if k == held_out else 12 for k in range(3)]
    assert {c["clinical"] for c in result.columns} == {15} and {c["image"] for c in result.columns} == {3}
    for arm in ("image", "tabular", "fused", "fused_tabular_missing_50"):
        assert not np.isnan(result.predictions[arm]).any(), arm
    assert summarise(result)["columns_per_fold"] == result.columns


def test_a_matrix_and_its_modalities_still_work_without_a_featurizer():
    rows, y, groups = _raw_samples()
    X = np.array([x["image"] for x in rows])
    result = run_ablation(X, y, groups, {"image": [0, 1, 2]}, CLASSES, folds=3, seed=0)
    assert result.columns == [{"image": 3}] * 3 and not np.isnan(result.predictions["image"]).any()
