"""``LabFeaturizer``: reportparse reports → one numeric row per report.

``fit`` learns the analyte panel (analytes present in at least ``min_frequency`` of the
reports).  ``transform`` converts each value to the analyte's canonical unit (catalogue
default; molar ↔ mass through the molar mass), optionally expresses it relative to the
printed reference range, and adds the computed interpretation, the printed flag and an
explicit missing indicator.  A missing report (None) is a row of NaN: the fusion model
then knows the whole modality is absent.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Any, Iterable

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

__all__ = ["LabFeaturizer", "as_report"]

_QUALITATIVE_ORDER = {
    "negativ": 0.0, "assent": 0.0, "absent": 0.0, "nil": 0.0, "none": 0.0, "not detected": 0.0, "normal": 0.0,
    "non reattiv": 0.0, "non-reactive": 0.0, "traccia": 0.5, "tracce": 0.5, "trace": 0.5, "+": 1.0, "1+": 1.0,
    "positiv": 1.0, "present": 1.0, "reattiv": 1.0, "reactive": 1.0, "++": 2.0, "2+": 2.0, "+++": 3.0, "3+": 3.0,
}


def as_report(item: Any):
    """A reportparse Report from a Report, its dict, or None."""
    from reportparse import Report

    if item is None or isinstance(item, Report):
        return item
    if isinstance(item, dict):
        return Report.from_dict(item)
    if isinstance(item, float) and math.isnan(item):
        return None
    raise TypeError(f"expected a reportparse Report, its dict or None, got {type(item).__name__}")


def _qualitative(text: str | None) -> float:
    if not text:
        return math.nan
    key = " ".join(text.casefold().split())
    for word in sorted(_QUALITATIVE_ORDER, key=len, reverse=True):
        if key.startswith(word):
            return _QUALITATIVE_ORDER[word]
    return math.nan


class LabFeaturizer(TransformerMixin, BaseEstimator):
    """Reports → [value, relative, interpretation, flag, missing] per analyte of the learned panel.

    Parameters
    ----------
    min_frequency : share of fitted reports an analyte must appear in to join the panel.
    relative : add the value's position in its printed reference range ((v - low) / (high - low)).
    interpretation : add the computed interpretation (-1 low, 0 normal, +1 high).
    flags : add whether the report printed an abnormality marker.
    missing_indicators : add 1 where the report does not give the analyte.
    analytes : a fixed panel (catalogue ids) instead of a learned one.
    """

    def __init__(self, min_frequency: float = 0.2, relative: bool = True, interpretation: bool = False,
                 flags: bool = False, missing_indicators: bool = True, analytes: list[str] | None = None) -> None:
        self.min_frequency = min_frequency
        self.relative = relative
        self.interpretation = interpretation
        self.flags = flags
        self.missing_indicators = missing_indicators
        self.analytes = analytes

    def fit(self, X: Iterable[Any], y=None) -> LabFeaturizer:
        from reportparse import load_catalogue

        reports = [as_report(x) for x in X]
        present = [r for r in reports if r is not None]
        if self.analytes is not None:
            panel = list(self.analytes)
        else:
            counts = Counter(a for r in present for a in {v.analyte for v in r.values if v.analyte})
            threshold = self.min_frequency * max(len(present), 1)
            panel = sorted(a for a, n in counts.items() if n >= threshold)
        catalogue = load_catalogue()
        self.panel_ = panel
        self.units_ = {a: (catalogue[a].unit if a in catalogue.analytes else None) for a in panel}
        self.n_features_in_ = 1
        names = []
        for a in panel:
            names.append(a)
            names += [f"{a}__{kind}" for kind, on in self._extras() if on]
        self.feature_names_out_ = np.asarray(names, dtype=object)
        return self

    def _extras(self) -> list[tuple[str, bool]]:
        return [("relative", self.relative), ("interpretation", self.interpretation), ("flag", self.flags),
                ("missing", self.missing_indicators)]

    def _value(self, analyte: str, values) -> list[float]:
        from reportparse.grammar.convert import ConversionError, convert

        target = self.units_.get(analyte)
        for v in values:
            number = v.value if v.value is not None else _qualitative(v.text)
            if number is None or (isinstance(number, float) and math.isnan(number)):
                continue
            low, high = v.ref_low, v.ref_high
            if v.value is not None and target and v.ucum and v.ucum != target:
                try:  # each number converted itself: HbA1c % -> mmol/mol is affine, not a factor
                    number = convert(number, v.ucum, target, analyte)
                    low = None if low is None else convert(low, v.ucum, target, analyte)
                    high = None if high is None else convert(high, v.ucum, target, analyte)
                except ConversionError:
                    continue
            relative = math.nan
            if v.value is not None and low is not None and high is not None and high > low:
                relative = (number - low) / (high - low)
            elif v.value is not None and high is not None and high > 0:
                relative = number / high - 1.0
            elif v.value is not None and low is not None and low > 0:
                relative = number / low
            interp = {"L": -1.0, "N": 0.0, "H": 1.0}.get(v.interpretation or "", math.nan)
            flag = 1.0 if v.flag else 0.0
            return [number, relative, interp, flag, 0.0]
        return [math.nan, math.nan, math.nan, 0.0, 1.0]

    def transform(self, X: Iterable[Any]) -> np.ndarray:
        check_is_fitted(self, "panel_")
        reports = [as_report(x) for x in X]
        width = len(self.feature_names_out_)
        out = np.full((len(reports), width), np.nan)
        for i, report in enumerate(reports):
            if report is None:
                continue  # a missing modality: the whole row stays NaN
            by_analyte: dict[str, list] = {}
            for v in report.values:
                if v.analyte in self.units_:
                    by_analyte.setdefault(v.analyte, []).append(v)
            row = []
            switches = [on for _, on in self._extras()]
            for a in self.panel_:
                number, *extras = self._value(a, by_analyte.get(a, []))
                row.append(number)
                row += [value for value, on in zip(extras, switches) if on]
            out[i] = row
        return out

    def get_feature_names_out(self, input_features=None) -> np.ndarray:
        check_is_fitted(self, "panel_")
        return self.feature_names_out_.copy()
