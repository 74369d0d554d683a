"""``LateFusionClassifier``: one model per modality, calibrated, combined; robust to a missing modality.

X is one numeric matrix whose columns are grouped by modality (``modalities`` maps a name
to column indices).  A sample's modality is missing when all its columns are NaN (the
featurizers produce exactly that for a missing report).  Each modality gets its own
estimator, fitted on the samples that have it; out-of-fold predictions (grouped by lesion
when ``groups`` is given) fit its calibrator and the combination:

* ``combine="weighted"``: weighted average of calibrated probabilities over the modalities
  a sample has, weights learned on out-of-fold predictions (or given);
* ``combine="stacking"``: a logistic regression on the out-of-fold log-probabilities, used
  when every modality is present; samples missing one fall back to the weighted average.

A sample with only the image gets exactly the calibrated image model's probabilities, so
the fused model cannot do worse than the image model alone when labs are absent.
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .calibration import make_calibrator
from .errors import MultimodalError

__all__ = ["LateFusionClassifier", "tabular_estimator", "image_estimator"]


def tabular_estimator(C: float = 0.1):
    """Median imputation, scaling and a class-balanced logistic regression: robust on small cohorts."""
    return make_pipeline(SimpleImputer(strategy="median", keep_empty_features=True), StandardScaler(),
                         LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))


def _log_proba(x: np.ndarray) -> np.ndarray:
    return np.log(np.clip(x, 1e-6, 1.0))


def image_estimator(C: float = 1.0, from_probabilities: bool = True):
    """For CNN probabilities: a class-balanced logistic regression on their logarithm (a recalibration)."""
    steps = [FunctionTransformer(_log_proba)] if from_probabilities else [StandardScaler()]
    return make_pipeline(*steps, LogisticRegression(C=C, max_iter=3000, class_weight="balanced"))


class LateFusionClassifier(ClassifierMixin, BaseEstimator):
    """Late fusion of per-modality classifiers (see module docstring).

    Parameters
    ----------
    modalities : dict name -> list of column indices; None means one modality of all columns.
    estimators : dict name -> classifier with ``predict_proba``; default ``tabular_estimator()``.
    combine : 'weighted' or 'stacking'.
    calibration : 'temperature', 'isotonic' or None.
    weights : dict name -> weight, instead of learning them.
    cv : folds for the out-of-fold predictions.
    """

    def __init__(self, modalities: dict[str, list[int]] | None = None, estimators: dict[str, Any] | None = None,
                 combine: str = "weighted", calibration: str | None = "temperature",
                 weights: dict[str, float] | None = None, cv: int = 5, random_state: int | None = None) -> None:
        self.modalities = modalities
        self.estimators = estimators
        self.combine = combine
        self.calibration = calibration
        self.weights = weights
        self.cv = cv
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags

    # -- helpers ---------------------------------------------------------------------------------
    def _columns(self, n_features: int) -> dict[str, np.ndarray]:
        if self.modalities is None:
            return {"all": np.arange(n_features)}
        return {name: np.asarray(cols, dtype=int) for name, cols in self.modalities.items()}

    @staticmethod
    def _present(X: np.ndarray, cols: np.ndarray) -> np.ndarray:
        return ~np.isnan(X[:, cols]).all(axis=1) if len(cols) else np.zeros(len(X), bool)

    def _splitter(self, y: np.ndarray, groups: np.ndarray | None):
        from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold

        folds = max(2, min(self.cv, int(np.bincount(y).min())))
        if groups is not None and len(np.unique(groups)) >= folds:
            return StratifiedGroupKFold(folds, shuffle=True, random_state=self.random_state), groups
        return StratifiedKFold(folds, shuffle=True, random_state=self.random_state), None

    def _full_proba(self, estimator, X: np.ndarray) -> np.ndarray:
        """predict_proba with a column for every class (a model may have seen only some)."""
        out = np.zeros((len(X), len(self.classes_)))
        out[:, np.searchsorted(self.classes_, estimator.classes_)] = estimator.predict_proba(X)
        return out

    # -- fit / predict ---------------------------------------------------------------------------
    def fit(self, X, y, groups=None) -> LateFusionClassifier:
        X, y = validate_data(self, X, y, ensure_all_finite="allow-nan", dtype=float)
        check_classification_targets(y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise MultimodalError("LateFusionClassifier needs at least two classes (got one class)", code="M003")
        if self.combine not in ("weighted", "stacking"):
            raise MultimodalError(f"combine must be 'weighted' or 'stacking', not {self.combine!r}", code="M004")
        groups = None if groups is None else np.asarray(groups)
        k = len(self.classes_)
        self.modality_columns_ = self._columns(X.shape[1])
        self.estimators_, self.calibrators_ = {}, {}
        oof = {}
        for name, cols in self.modality_columns_.items():
            present = self._present(X, cols)
            if present.sum() < 2 * k or len(np.unique(y_enc[present])) < 2:
                continue
            base = (self.estimators or {}).get(name) or tabular_estimator()
            Xm, ym = X[present][:, cols], y_enc[present]
            splitter, g = self._splitter(ym, None if groups is None else groups[present])
            probs = np.zeros((len(ym), k))
            for train, test in splitter.split(Xm, ym, g):
                fold_model = clone(base).fit(Xm[train], self.classes_[ym[train]])
                probs[test] = self._full_proba(fold_model, Xm[test])
            calibrator = make_calibrator(self.calibration).fit(probs, ym)
            full = np.full((len(X), k), np.nan)
            full[present] = calibrator.transform(probs)
            oof[name] = full
            self.estimators_[name] = clone(base).fit(Xm, self.classes_[ym])
            self.calibrators_[name] = calibrator
        if not self.estimators_:
            raise MultimodalError("no modality has enough samples to fit a model", code="M005")
        self.weights_ = dict(self.weights) if self.weights else self._learn_weights(oof, y_enc)
        self.meta_ = None
        if self.combine == "stacking" and len(oof) > 1:
            complete = np.all([~np.isnan(p).any(axis=1) for p in oof.values()], axis=0)
            if complete.sum() >= 2 * k and len(np.unique(y_enc[complete])) == k:
                features = np.hstack([np.log(np.clip(oof[n][complete], 1e-6, 1)) for n in self.estimators_])
                self.meta_ = LogisticRegression(max_iter=3000, class_weight="balanced").fit(features, y_enc[complete])
        return self

    def _learn_weights(self, oof: dict[str, np.ndarray], y: np.ndarray) -> dict[str, float]:
        names = list(oof)
        if len(names) == 1:
            return {names[0]: 1.0}
        grid = np.linspace(0, 1, 21)
        best, best_w = np.inf, None
        for raw in itertools.product(grid, repeat=len(names)):
            if abs(sum(raw) - 1) > 1e-9:
                continue
            fused = self._average({n: oof[n] for n in names}, dict(zip(names, raw)))
            ok = ~np.isnan(fused).any(axis=1)
            nll = -np.mean(np.log(np.clip(fused[ok, y[ok]], 1e-9, 1)))
            if nll < best - 1e-12:
                best, best_w = nll, raw
        return dict(zip(names, map(float, best_w)))

    def _average(self, probs: dict[str, np.ndarray], weights: dict[str, float]) -> np.ndarray:
        n, k = next(iter(probs.values())).shape
        total, mass = np.zeros((n, k)), np.zeros((n, 1))
        for name, p in probs.items():
            w = weights.get(name, 0.0)
            have = ~np.isnan(p).any(axis=1)
            total[have] += w * p[have]
            mass[have] += w
        for p in probs.values():  # a modality with zero weight still answers when it is alone
            have = ~np.isnan(p).any(axis=1) & (mass[:, 0] == 0)
            total[have] += p[have]
            mass[have] += 1
        with np.errstate(invalid="ignore"):
            return np.where(mass > 0, total / np.maximum(mass, 1e-12), np.nan)

    def modality_probabilities(self, X) -> dict[str, np.ndarray]:
        """Calibrated probabilities of each modality (NaN rows where it is missing)."""
        check_is_fitted(self, "estimators_")
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan", dtype=float)
        out = {}
        for name, model in self.estimators_.items():
            cols = self.modality_columns_[name]
            present = self._present(X, cols)
            p = np.full((len(X), len(self.classes_)), np.nan)
            if present.any():
                p[present] = self.calibrators_[name].transform(self._full_proba(model, X[present][:, cols]))
            out[name] = p
        return out

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        probs = self.modality_probabilities(X)
        fused = self._average(probs, self.weights_)
        if self.meta_ is not None:
            complete = np.all([~np.isnan(p).any(axis=1) for p in probs.values()], axis=0)
            if complete.any():
                features = np.hstack([np.log(np.clip(probs[n][complete], 1e-6, 1)) for n in self.estimators_])
                fused[complete] = self.meta_.predict_proba(features)
        prior = np.full(len(self.classes_), 1.0 / len(self.classes_))
        fused[np.isnan(fused).any(axis=1)] = prior  # no modality at all: the uninformed answer
        return fused

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "estimators_")
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]
