import numpy as np
import pytest
from sklearn.base import clone
from sklearn.metrics import balanced_accuracy_score
from sklearn.utils.estimator_checks import parametrize_with_checks

from multimodal import HybridClassifier, LateFusionClassifier, image_estimator


@parametrize_with_checks([LateFusionClassifier(cv=3), HybridClassifier(epochs=20)])
def test_sklearn_estimator_checks(estimator, check):
    check(estimator)


def _data(n=900, seed=0, lab_signal=2.0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    logits = np.eye(3)[y] * 1.2 + rng.normal(0, 1.0, (n, 3))
    image = np.exp(logits) / np.exp(logits).sum(1, keepdims=True)
    labs = np.column_stack([lab_signal * (y == 2) + rng.normal(0, 1, n), lab_signal * (y == 1) + rng.normal(0, 1, n)])
    X = np.hstack([image, labs])
    groups = np.arange(n) // 2
    return X, y, groups


MODALITIES = {"image": [0, 1, 2], "labs": [3, 4]}


def test_fused_beats_image_when_labs_carry_signal():
    X, y, g = _data()
    train, test = np.arange(600), np.arange(600, 900)
    image = LateFusionClassifier({"image": [0, 1, 2]}, {"image": image_estimator()}, random_state=0)
    fused = LateFusionClassifier(MODALITIES, {"image": image_estimator()}, random_state=0)
    image.fit(X[train], y[train], groups=g[train])
    fused.fit(X[train], y[train], groups=g[train])
    ba_image = balanced_accuracy_score(y[test], image.predict(X[test]))
    ba_fused = balanced_accuracy_score(y[test], fused.predict(X[test]))
    assert ba_fused > ba_image + 0.05
    assert 0 < fused.weights_["labs"] < 1 and set(fused.calibrators_) == {"image", "labs"}


@pytest.mark.parametrize("combine", ["weighted", "stacking"])
def test_missing_modality_never_below_image_alone(combine):
    X, y, g = _data(seed=1)
    train, test = np.arange(600), np.arange(600, 900)
    image = LateFusionClassifier({"image": [0, 1, 2]}, {"image": image_estimator()}, random_state=0)
    fused = LateFusionClassifier(MODALITIES, {"image": image_estimator()}, combine=combine, random_state=0)
    image.fit(X[train], y[train])
    fused.fit(X[train], y[train])
    masked = X[test].copy()
    drop = np.random.default_rng(0).random(len(test)) < 0.5
    masked[drop, 3:] = np.nan
    p_image = image.predict(X[test])
    p_fused = fused.predict(masked)
    # Samples without labs get exactly the image model's answer...
    assert np.array_equal(p_fused[drop], p_image[drop])
    # ...so fused balanced accuracy with half the labs missing is not below image-only.
    assert balanced_accuracy_score(y[test], p_fused) >= balanced_accuracy_score(y[test], p_image)


def test_no_modality_gives_the_prior_and_clone_works():
    X, y, _ = _data(n=300)
    model = LateFusionClassifier(MODALITIES, {"image": image_estimator()}, calibration="isotonic").fit(X, y)
    empty = np.full((2, X.shape[1]), np.nan)
    assert np.allclose(model.predict_proba(empty), 1 / 3)
    assert clone(model).get_params()["calibration"] == "isotonic"
