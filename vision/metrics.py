"""Classification metrics a dermatology reader expects, not only accuracy.

Nevus is about three quarters of the images, so accuracy alone flatters a model: balanced
accuracy, per-class precision/recall/F1, melanoma ROC AUC with sensitivity at fixed
specificity, and calibration (expected calibration error).
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

__all__ = ["classification_report", "expected_calibration_error", "sensitivity_at_specificity"]


def expected_calibration_error(probs: np.ndarray, labels: np.ndarray, bins: int = 15) -> float:
    confidence = probs.max(axis=1)
    correct = probs.argmax(axis=1) == labels
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (confidence > lo) & (confidence <= hi)
        if mask.any():
            ece += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(ece)


def sensitivity_at_specificity(y_true: np.ndarray, scores: np.ndarray, specificity: float) -> float:
    from sklearn.metrics import roc_curve

    fpr, tpr, _ = roc_curve(y_true, scores)
    ok = fpr <= 1 - specificity + 1e-12
    return float(tpr[ok].max()) if ok.any() else 0.0


def classification_report(probs: np.ndarray, labels: np.ndarray, classes: Sequence[str],
                          positive: str = "melanoma", rule=None) -> dict[str, Any]:
    """The metrics of ``probs`` against ``labels``; with a ``vision.decision.DecisionRule``, also the label
    metrics of the classes it names (``decision_rule``: accuracy, balanced accuracy, macro F1, confusion matrix)."""
    from sklearn.metrics import (accuracy_score, balanced_accuracy_score, confusion_matrix,
                                 precision_recall_fscore_support, roc_auc_score)

    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    pred = probs.argmax(axis=1)
    k = len(classes)
    precision, recall, f1, support = precision_recall_fscore_support(labels, pred, labels=range(k), zero_division=0)
    report: dict[str, Any] = {
        "n": int(len(labels)),
        "accuracy": float(accuracy_score(labels, pred)),
        "balanced_accuracy": float(balanced_accuracy_score(labels, pred)) if len(set(labels)) > 1 else None,
        "macro_f1": float(np.mean(f1)),
        "per_class": {c: {"precision": float(precision[i]), "recall": float(recall[i]), "f1": float(f1[i]),
                          "support": int(support[i])} for i, c in enumerate(classes)},
        "confusion_matrix": confusion_matrix(labels, pred, labels=range(k)).tolist(),
        "ece": expected_calibration_error(probs, labels),
    }
    if positive in classes:
        p = list(classes).index(positive)
        y = (labels == p).astype(int)
        if 0 < y.sum() < len(y):
            report[f"{positive}_auc"] = float(roc_auc_score(y, probs[:, p]))
            report[f"{positive}_sensitivity_at_80_specificity"] = sensitivity_at_specificity(y, probs[:, p], 0.80)
            report[f"{positive}_sensitivity_at_90_specificity"] = sensitivity_at_specificity(y, probs[:, p], 0.90)
    if len(set(labels)) == k:
        report["macro_auc_ovr"] = float(roc_auc_score(labels, probs, multi_class="ovr"))
    if rule is not None:
        ruled = rule.predict(probs)
        f1_ruled = precision_recall_fscore_support(labels, ruled, labels=range(k), zero_division=0)[2]
        report["decision_rule"] = {
            "offsets": list(rule.offsets), "fitted_on": rule.fitted_on,
            "accuracy": float(accuracy_score(labels, ruled)),
            "balanced_accuracy": float(balanced_accuracy_score(labels, ruled)) if len(set(labels)) > 1 else None,
            "macro_f1": float(np.mean(f1_ruled)),
            "confusion_matrix": confusion_matrix(labels, ruled, labels=range(k)).tolist(),
        }
    return report
