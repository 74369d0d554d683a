"""The ablation: image-only / tabular-only / fused on the same lesion-grouped folds, with
confidence intervals over folds, and the missing-modality test (tabular part removed for a
random half of the test samples)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone

from .fusion import LateFusionClassifier, image_estimator

__all__ = ["run_ablation", "fold_metrics", "summarise", "ARMS"]

ARMS = ("image", "tabular", "fused", "fused_tabular_missing_50", "hybrid")


def fold_metrics(y: np.ndarray, probs: np.ndarray, classes: list[str]) -> dict[str, Any]:
    from sklearn.metrics import balanced_accuracy_score, recall_score, roc_auc_score

    pred = probs.argmax(axis=1)
    out = {"balanced_accuracy": float(balanced_accuracy_score(y, pred)),
           "recall": {c: float(r) for c, r in zip(classes, recall_score(y, pred, labels=range(len(classes)),
                                                                       average=None, zero_division=0))}}
    if "melanoma" in classes:
        m = classes.index("melanoma")
        if 0 < (y == m).sum() < len(y):
            out["melanoma_auc"] = float(roc_auc_score((y == m).astype(int), probs[:, m]))
    return out


def _ci(values: list[float]) -> tuple[float, float, float]:
    from scipy import stats

    arr = np.asarray(values, dtype=float)
    mean = float(arr.mean())
    if len(arr) < 2:
        return mean, mean, mean
    half = float(stats.t.ppf(0.975, len(arr) - 1) * arr.std(ddof=1) / np.sqrt(len(arr)))
    return mean, mean - half, mean + half


@dataclass
class AblationResult:
    classes: list[str]
    folds: list[dict[str, Any]]
    predictions: dict[str, np.ndarray]  # arm -> out-of-fold probabilities
    y: np.ndarray
    fold_of: np.ndarray
    weights: list[dict[str, float]]
    columns: list[dict[str, int]] = field(default_factory=list)  # per fold: modality -> number of columns


def _take(X, index: np.ndarray):
    """Rows of a matrix, or items of a sequence of raw samples."""
    return X[index] if isinstance(X, np.ndarray) and X.dtype != object else [X[i] for i in index]


def run_ablation(X, y: np.ndarray, groups: np.ndarray, modalities: dict[str, list[int]] | None,
                 classes: list[str], *, featurizer=None, folds: int = 5, seed: int = 0, combine: str = "weighted",
                 calibration: str = "temperature", image_from_probabilities: bool = True, hybrid: bool = False,
                 progress: bool = False) -> AblationResult:
    """Out-of-fold predictions of every arm on the same lesion-grouped folds.

    X is a numeric matrix whose columns ``modalities`` maps, or, with ``featurizer`` (a transformer with
    ``modalities_`` once fitted, e.g. :class:`~multimodal.features.SampleFeaturizer`), a sequence of raw samples:
    a clone of it is then fitted on each fold's training samples only, and ``modalities`` (may be None) is
    taken from it, so nothing the features learn (the lab panel, ...) sees the test fold.
    """
    from sklearn.model_selection import StratifiedGroupKFold
    from tqdm import tqdm

    y, groups = np.asarray(y), np.asarray(groups)
    image_est = image_estimator(from_probabilities=image_from_probabilities)
    rng = np.random.default_rng(seed)
    preds = {a: np.full((len(y), len(classes)), np.nan) for a in ARMS}
    fold_of = np.full(len(y), -1)
    per_fold, weights, columns = [], [], []
    splitter = StratifiedGroupKFold(folds, shuffle=True, random_state=seed)
    splits = list(splitter.split(np.zeros((len(y), 1)), y, groups))
    for k, (train, test) in enumerate(tqdm(splits, desc="folds", disable=not progress)):
        fold_of[test] = k
        if featurizer is not None:
            fold_featurizer = clone(featurizer).fit(_take(X, train), y[train])
            X_train, X_test = fold_featurizer.transform(_take(X, train)), fold_featurizer.transform(_take(X, test))
            mods = fold_featurizer.modalities_
        else:
            X_train, X_test, mods = X[train], X[test], modalities
        columns.append({name: len(cols) for name, cols in mods.items()})
        tabular = {name: cols for name, cols in mods.items() if name != "image"}
        arms = {
            "image": LateFusionClassifier({"image": mods["image"]}, {"image": image_est}, "weighted", calibration,
                                          random_state=seed),
            "tabular": LateFusionClassifier(tabular, None, combine, calibration, random_state=seed) if tabular
            else None,
            "fused": LateFusionClassifier(mods, {"image": image_est}, combine, calibration, random_state=seed),
        }
        tab_cols = np.asarray(sorted(c for cols in tabular.values() for c in cols), dtype=int)
        fitted = {}
        for arm, model in arms.items():
            if model is None:
                continue
            fitted[arm] = clone(model).fit(X_train, y[train], groups=groups[train])
            preds[arm][test] = fitted[arm].predict_proba(X_test)
        weights.append(fitted["fused"].weights_)
        masked = X_test.copy()
        drop = rng.random(len(test)) < 0.5
        if len(tab_cols):
            masked[np.ix_(drop, tab_cols)] = np.nan
        preds["fused_tabular_missing_50"][test] = fitted["fused"].predict_proba(masked)
        if hybrid:
            from .hybrid import HybridClassifier

            model = HybridClassifier(mods, random_state=seed).fit(X_train, y[train])
            preds["hybrid"][test] = model.predict_proba(X_test)
        metrics = {arm: fold_metrics(y[test], preds[arm][test], classes) for arm in ARMS
                   if not np.isnan(preds[arm][test]).any()}
        metrics["n_test"] = int(len(test))
        metrics["tabular_dropped"] = int(drop.sum())
        per_fold.append(metrics)
    return AblationResult(classes, per_fold, preds, y, fold_of, weights, columns)


def summarise(result: AblationResult) -> dict[str, Any]:
    """Mean and 95% t-interval over folds per arm, and of the paired differences against image-only."""
    arms = [a for a in ARMS if all(a in f for f in result.folds)]
    table: dict[str, Any] = {"classes": result.classes, "folds": len(result.folds), "arms": {}, "differences": {}}
    for arm in arms:
        row = {}
        for key in ("balanced_accuracy", "melanoma_auc"):
            values = [f[arm][key] for f in result.folds if key in f[arm]]
            if values:
                row[key] = _ci(values)
        row["recall"] = {c: _ci([f[arm]["recall"][c] for f in result.folds])[0] for c in result.classes}
        pooled = fold_metrics(result.y, result.predictions[arm], result.classes)
        row["pooled"] = pooled
        table["arms"][arm] = row
    for arm in arms:
        if arm == "image":
            continue
        diff = {}
        for key in ("balanced_accuracy", "melanoma_auc"):
            values = [f[arm][key] - f["image"][key] for f in result.folds if key in f[arm] and key in f["image"]]
            if values:
                diff[key] = _ci(values)
        table["differences"][f"{arm} - image"] = diff
    table["fusion_weights"] = result.weights
    if result.columns:
        table["columns_per_fold"] = result.columns
    return table


def format_table(summary: dict[str, Any]) -> str:
    def cell(triple):
        return "—" if triple is None else f"{triple[0]:.3f} [{triple[1]:.3f}, {triple[2]:.3f}]"

    classes = summary["classes"]
    head = f"{'arm':26} {'balanced accuracy':>24} {'melanoma AUC':>24}  " + "  ".join(f"R({c[:8]})" for c in classes)
    lines = [head, "-" * len(head)]
    for arm, row in summary["arms"].items():
        lines.append(f"{arm:26} {cell(row.get('balanced_accuracy')):>24} {cell(row.get('melanoma_auc')):>24}  "
                     + "  ".join(f"{row['recall'][c]:>11.3f}" for c in classes))
    lines.append("")
    for name, diff in summary["differences"].items():
        lines.append(f"{name:26} {cell(diff.get('balanced_accuracy')):>24} {cell(diff.get('melanoma_auc')):>24}")
    lines.append(f"(mean [95% CI] over {summary['folds']} lesion-grouped folds)")
    return "\n".join(lines)


def plot_ablation(summary: dict[str, Any], path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    arms = list(summary["arms"])
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for ax, key in zip(axes, ("balanced_accuracy", "melanoma_auc")):
        means = [summary["arms"][a].get(key, (np.nan,) * 3) for a in arms]
        ax.bar(range(len(arms)), [m[0] for m in means], yerr=[[m[0] - m[1] for m in means], [m[2] - m[0] for m in means]],
               capsize=4, color=["#4C72B0", "#55A868", "#C44E52", "#8172B2", "#CCB974"][: len(arms)])
        ax.set_xticks(range(len(arms)), [a.replace("_", " ") for a in arms], rotation=20, ha="right")
        ax.set_title(key.replace("_", " "))
        ax.set_ylim(max(0, min(m[1] for m in means if not np.isnan(m[0])) - 0.1), 1.0)
        ax.grid(axis="y", alpha=0.3)
    fig.suptitle(f"ablation over {summary['folds']} lesion-grouped folds (95% CI)")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
