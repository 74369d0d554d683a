"""Probability calibration fitted on out-of-fold predictions: temperature scaling or isotonic."""

from __future__ import annotations

import numpy as np

from .errors import MultimodalError

__all__ = ["TemperatureScaler", "IsotonicCalibrator", "make_calibrator"]

_EPS = 1e-7


def _normalise(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, _EPS, None)
    return p / p.sum(axis=1, keepdims=True)


class TemperatureScaler:
    """softmax(log p / T); T fitted by maximum likelihood. Never changes the argmax."""

    def fit(self, probs: np.ndarray, y: np.ndarray) -> TemperatureScaler:
        from scipy.optimize import minimize_scalar

        logp = np.log(_normalise(probs))

        def nll(log_t: float) -> float:
            z = logp / np.exp(log_t)
            z = z - z.max(axis=1, keepdims=True)
            return float(-(z[np.arange(len(y)), y] - np.log(np.exp(z).sum(axis=1))).mean())

        self.temperature_ = float(np.exp(minimize_scalar(nll, bounds=(-3, 3), method="bounded").x))
        return self

    def transform(self, probs: np.ndarray) -> np.ndarray:
        z = np.log(_normalise(probs)) / self.temperature_
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


class IsotonicCalibrator:
    """One isotonic regression per class (one-vs-rest), renormalised."""

    def fit(self, probs: np.ndarray, y: np.ndarray) -> IsotonicCalibrator:
        from sklearn.isotonic import IsotonicRegression

        self.models_ = [IsotonicRegression(out_of_bounds="clip", y_min=0, y_max=1).fit(probs[:, k], (y == k).astype(float))
                        for k in range(probs.shape[1])]
        return self

    def transform(self, probs: np.ndarray) -> np.ndarray:
        out = np.column_stack([m.predict(probs[:, k]) for k, m in enumerate(self.models_)])
        return _normalise(out)


class _Identity:
    def fit(self, probs, y):
        return self

    def transform(self, probs):
        return _normalise(probs)


def make_calibrator(kind: str | None):
    if kind in (None, "none"):
        return _Identity()
    if kind == "temperature":
        return TemperatureScaler()
    if kind == "isotonic":
        return IsotonicCalibrator()
    raise MultimodalError(f"calibration must be 'temperature', 'isotonic' or None, not {kind!r}", code="M002")
