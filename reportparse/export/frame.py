"""pandas export: one row per value, with its report's fields, in the columns of the flat outputs (``FLAT_FIELDS``)
and with dtypes an analysis wants: categoricals for the coded fields, float64 numbers, datetime64 dates, nullable
integers for pages and offsets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..errors import Errors, ReportParseError
from ..records import Report

if TYPE_CHECKING:  # pandas is imported on first use: reportparse stays quick to import
    import pandas as pd

__all__ = ["to_frame", "FRAME_DTYPES"]

_CATEGORIES = ("language", "sex", "analyte", "loinc", "ucum", "flag", "interpretation", "comparator", "value_source")
_FLOATS = ("age", "value", "ref_low", "ref_high", "ocr_confidence")
_INTS = ("pages", "page", "span_start", "span_end")
FRAME_DTYPES: dict[str, str] = {**dict.fromkeys(_CATEGORIES, "category"), **dict.fromkeys(_FLOATS, "float64"),
                                **dict.fromkeys(_INTS, "Int64"), "collected": "datetime64[s]"}


def to_frame(reports: Report | dict[str, Any] | Iterable[Report | dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame of ``reports`` (Reports, or their ``to_dict()``), one row per value, in ``FLAT_FIELDS`` order
    (text columns pandas' default string dtype; the others as ``FRAME_DTYPES``).  ``.to_parquet(path)`` keeps the
    dtypes (categoricals as dictionary columns)."""
    import pandas as pd

    from ..io import FLAT_FIELDS, flatten

    if isinstance(reports, (Report, dict)):
        reports = [reports]
    rows: list[dict[str, Any]] = []
    for report in reports:
        rows.extend(flatten(report if isinstance(report, Report) else _from_dict(report)))
    frame = pd.DataFrame.from_records(rows, columns=FLAT_FIELDS)
    for column in FLAT_FIELDS:
        dtype = FRAME_DTYPES.get(column)
        if dtype == "category":
            frame[column] = frame[column].astype("category")
        elif dtype == "float64":
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
        elif dtype == "Int64":
            frame[column] = pd.array(frame[column].tolist(), dtype="Int64")
        elif column == "collected":
            frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype(dtype)
        else:
            frame[column] = frame[column].astype("string")  # a missing value stays missing (pd.NA), on pandas 2 too
    return frame


def _from_dict(data: object) -> Report:
    try:
        return Report.from_dict(data)  # type: ignore[arg-type]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        detail = f"missing field {exc}" if isinstance(exc, KeyError) else f"{type(exc).__name__}: {exc}"
        raise ReportParseError(Errors.E069, what="a report given as a dict", detail=detail) from None
