import numpy as np
import pytest

from vision.metrics import classification_report, expected_calibration_error, sensitivity_at_specificity

CLASSES = ["nevus", "pigmented benign keratosis", "melanoma"]


def test_report_values():
    labels = np.array([0, 0, 0, 0, 1, 1, 2, 2])
    probs = np.array([[.9, .05, .05], [.8, .1, .1], [.6, .3, .1], [.2, .1, .7],
                      [.2, .7, .1], [.5, .4, .1], [.1, .1, .8], [.3, .1, .6]])
    r = classification_report(probs, labels, CLASSES)
    assert r["accuracy"] == pytest.approx(6 / 8)
    assert r["balanced_accuracy"] == pytest.approx((3 / 4 + 1 / 2 + 1) / 3)
    assert r["per_class"]["melanoma"]["recall"] == 1.0 and r["per_class"]["melanoma"]["precision"] == pytest.approx(2 / 3)
    assert r["melanoma_auc"] == pytest.approx(11 / 12)  # one nevus (0.7) outranks one melanoma (0.6)
    assert r["confusion_matrix"][0] == [3, 0, 1]


def test_sensitivity_at_specificity():
    y = np.array([0] * 10 + [1] * 10)
    scores = np.concatenate([np.linspace(0, 0.9, 10), np.linspace(0.5, 1.0, 10)])
    assert 0 < sensitivity_at_specificity(y, scores, 0.9) <= sensitivity_at_specificity(y, scores, 0.8) <= 1


def test_ece_perfect_and_overconfident():
    labels = np.array([0, 1, 0, 1])
    assert expected_calibration_error(np.array([[1, 0], [0, 1], [1, 0], [0, 1]], float), labels) == 0.0
    assert expected_calibration_error(np.array([[1, 0], [1, 0], [1, 0], [1, 0]], float), labels) == pytest.approx(0.5)
