"""The synthetic paired cohort end to end: generated reports → reportparse → LabFeaturizer → fusion.

Fails if fusion ignores the labs: with the documented effects scaled up, fused must beat
image-only; with the effects switched off, it must not gain beyond noise.
"""

import random

import numpy as np
import pytest

import reportparse
from corpora.cohorts import effects_for
from corpora.reports.compose import compose_report
from corpora.reports.layouts import sample_layout
from corpora.reports.render_text import render_text
from multimodal import LabFeaturizer
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
