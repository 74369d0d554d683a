"""``ClinicalFeaturizer``: age, sex and anatomical site (harmonised vocabulary) → numbers."""

from __future__ import annotations

import math
from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["ClinicalFeaturizer", "SITES"]

SITES = ("head/neck", "anterior torso", "posterior torso", "lateral torso", "torso", "upper extremity",
         "lower extremity", "palms/soles", "oral/genital")


def _get(item: Any, key: str):
    return item.get(key) if isinstance(item, dict) else getattr(item, key, None)


class ClinicalFeaturizer(TransformerMixin, BaseEstimator):
    """Records with ``age``, ``sex``, ``site`` (ImageRecord, dict) → [age, missing, sex one-hot, site one-hot].

    Unknown values stay unknown: a missing age is NaN plus an indicator, never imputed here.
    """

    def __init__(self, age: bool = True, sex: bool = True, site: bool = True) -> None:
        self.age = age
        self.sex = sex
        self.site = site

    def fit(self, X: Iterable[Any], y=None) -> ClinicalFeaturizer:
        names = []
        if self.age:
            names += ["age", "age__missing"]
        if self.sex:
            names += ["sex__female", "sex__male", "sex__missing"]
        if self.site:
            names += [f"site__{s}" for s in SITES] + ["site__missing"]
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self.n_features_in_ = 1
        return self

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        rows = []
        for item in X:
            row: list[float] = []
            if self.age:
                age = _get(item, "age")
                ok = age is not None and not (isinstance(age, float) and math.isnan(age))
                row += [float(age) if ok else math.nan, 0.0 if ok else 1.0]
            if self.sex:
                sex = (_get(item, "sex") or "").casefold()
                row += [float(sex == "female"), float(sex == "male"), float(sex not in ("female", "male"))]
            if self.site:
                site = _get(item, "site")
                row += [float(site == s) for s in SITES] + [float(site not in SITES)]
            rows.append(row)
        return np.asarray(rows, dtype=float).reshape(len(rows), len(self.feature_names_out_))

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()
