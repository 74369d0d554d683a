"""``SampleFeaturizer``: samples → one [image | labs | clinical] matrix, a scikit-learn transformer.

A sample is a mapping (or an object) with ``image`` (the image model's feature row, computed
once by a frozen CNN), ``report`` (a reportparse Report or None) and ``record`` (age, sex,
site).  ``fit`` fits clones of the lab and clinical featurizers, so a cross-validation that
clones this transformer per fold chooses the lab panel (and anything else they learn) on the
training part only; ``modalities_`` maps each modality to its columns of the output.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.utils.validation import check_is_fitted

__all__ = ["SampleFeaturizer"]


def _get(item: Any, key: str):
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


class SampleFeaturizer(TransformerMixin, BaseEstimator):
    """Samples → [image | labs | clinical], the column layout LateFusionClassifier and HybridClassifier read.

    Parameters
    ----------
    labs : a transformer of reports (e.g. ``LabFeaturizer()``), or None for no lab columns.
    clinical : a transformer of clinical records (e.g. ``ClinicalFeaturizer()``), or None.

    Fitted attributes: ``labs_`` and ``clinical_`` (fitted clones, None when unused: no lab
    columns when no fitted sample has a report), ``modalities_`` (name → column indices,
    modalities without columns left out) and ``feature_names_out_`` (``image__0``,
    ``labs__glucose``, ``clinical__age``, ...).
    """

    def __init__(self, labs=None, clinical=None) -> None:
        self.labs = labs
        self.clinical = clinical

    @staticmethod
    def _image(X: Sequence[Any]) -> np.ndarray:
        rows = [np.asarray(_get(x, "image"), dtype=float).ravel() for x in X]
        return np.vstack(rows) if rows else np.zeros((0, 0))

    def fit(self, X: Sequence[Any], y=None) -> SampleFeaturizer:
        X = list(X)
        self.n_image_features_ = self._image(X).shape[1]
        reports = [_get(x, "report") for x in X]
        self.labs_ = clone(self.labs).fit(reports) if self.labs is not None and any(
            r is not None for r in reports) else None
        self.clinical_ = clone(self.clinical).fit([_get(x, "record") for x in X]) \
            if self.clinical is not None else None
        blocks = [("image", [str(i) for i in range(self.n_image_features_)])]
        blocks += [(name, [str(n) for n in step.get_feature_names_out()]) for name, step in
                   (("labs", self.labs_), ("clinical", self.clinical_)) if step is not None]
        self.modalities_, names, start = {}, [], 0
        for name, cols in blocks:
            if cols:
                self.modalities_[name] = list(range(start, start + len(cols)))
                names += [f"{name}__{c}" for c in cols]
                start += len(cols)
        self.feature_names_out_ = np.asarray(names, dtype=object)
        return self

    def transform(self, X: Sequence[Any]) -> np.ndarray:
        check_is_fitted(self, "modalities_")
        X = list(X)
        blocks = [self._image(X).reshape(len(X), self.n_image_features_)]
        if "labs" in self.modalities_:
            blocks.append(self.labs_.transform([_get(x, "report") for x in X]))
        if "clinical" in self.modalities_:
            blocks.append(self.clinical_.transform([_get(x, "record") for x in X]))
        return np.hstack(blocks).reshape(len(X), len(self.feature_names_out_))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
