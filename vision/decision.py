"""The decision rule: which class a run names, given its probabilities.

A network trained with a class-weighted loss still leans towards the class it saw most (nevus), and the lean
drifts from epoch to epoch. Balanced accuracy — what the task is judged on — depends on that lean alone, not on
the ranking the probabilities give. So, after training, one offset per class is added to the log-probabilities,
chosen on the validation split to maximise balanced accuracy (classes are compared on ``log p + offset``). The
probabilities themselves are left as they are: melanoma AUC, calibration and the fused model see the same
numbers; only the named class changes. The offsets are saved in the run and used by ``predict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .errors import VisionError

__all__ = ["DecisionRule", "balanced_accuracy", "fit_decision_rule"]

_FLOOR = 1e-7  # probabilities of 0 stay comparable under the log


def balanced_accuracy(pred: np.ndarray, labels: np.ndarray, k: int) -> float:
    """Mean recall over the classes present in ``labels`` (sklearn's definition, without its warnings)."""
    recalls = [(pred[labels == c] == c).mean() for c in range(k) if (labels == c).any()]
    return float(np.mean(recalls)) if recalls else 0.0


@dataclass(frozen=True)
class DecisionRule:
    """Class offsets added to ``log p`` before the argmax; all zero is the plain argmax."""

    offsets: tuple[float, ...]
    fitted_on: str = "val"
    scores: dict[str, float] = field(default_factory=dict)  # the fitting split's BA before and after

    def predict(self, probs: np.ndarray) -> np.ndarray:
        probs = np.asarray(probs, dtype=np.float64)
        if probs.ndim != 2 or probs.shape[1] != len(self.offsets):
            raise VisionError(f"the decision rule has {len(self.offsets)} class offsets, the probabilities "
                              f"{probs.shape[-1] if probs.ndim else 0} columns", code="V061")
        return (np.log(np.clip(probs, _FLOOR, 1.0)) + np.asarray(self.offsets)).argmax(axis=1)

    def to_dict(self) -> dict:
        return {"offsets": list(self.offsets), "fitted_on": self.fitted_on, "scores": dict(self.scores)}

    @classmethod
    def from_dict(cls, data: dict | None, k: int) -> "DecisionRule":
        """The saved rule, or the plain argmax for runs saved before rules existed."""
        if not data:
            return cls((0.0,) * k, fitted_on="none")
        offsets = data.get("offsets") if isinstance(data, dict) else None
        numbers = isinstance(offsets, list) and all(isinstance(v, (int, float)) and not isinstance(v, bool)
                                                    for v in offsets)
        if not (numbers and len(offsets) == k and np.isfinite(offsets).all()):
            raise VisionError(f"the run's decision rule {str(data)[:80]} is not {k} finite class offsets: the run's "
                              "config.json was altered; delete its 'decision' entry to fall back to the argmax",
                              code="V061")
        scores = data.get("scores")
        return cls(tuple(float(v) for v in offsets), str(data.get("fitted_on", "val")),
                   dict(scores) if isinstance(scores, dict) else {})


def fit_decision_rule(probs: np.ndarray, labels: np.ndarray, *, span: float = 2.0, step: float = 0.05,
                      rounds: int = 3, fitted_on: str = "val") -> DecisionRule:
    """Offsets (the first class fixed at 0) that maximise balanced accuracy on ``probs``/``labels``.

    Coordinate ascent over a grid of ``±span`` in ``step``s, a few rounds; among equal scores the offset nearest
    0 wins, so a rule that cannot help stays the argmax. Two free numbers for three classes: little room to
    overfit a validation split of hundreds of images, and the gain is reported on the test split apart."""
    probs = np.asarray(probs, dtype=np.float64)
    labels = np.asarray(labels)
    k = probs.shape[1]
    log_p = np.log(np.clip(probs, _FLOOR, 1.0))
    grid = np.round(np.arange(-span, span + step / 2, step), 6)
    grid = grid[np.argsort(np.abs(grid), kind="stable")]  # ties go to the smallest change

    def score(offsets: np.ndarray) -> float:
        return balanced_accuracy((log_p + offsets).argmax(axis=1), labels, k)

    offsets = np.zeros(k)
    before = best = score(offsets)
    for _ in range(rounds):
        improved = False
        for c in range(1, k):
            for value in grid:
                trial = offsets.copy()
                trial[c] = value
                s = score(trial)
                if s > best + 1e-12:
                    best, offsets, improved = s, trial, True
        if not improved:
            break
    return DecisionRule(tuple(float(v) for v in offsets), fitted_on, {"before": before, "after": best})
