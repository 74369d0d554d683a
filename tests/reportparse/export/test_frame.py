"""pandas export: one row per value, the flat outputs' columns, analysis dtypes, Parquet round trip."""

import pandas as pd
import pytest

import reportparse
from reportparse.export.frame import FRAME_DTYPES
from reportparse.io import FLAT_FIELDS


def test_one_row_per_value_with_typed_columns(generated20):
    frame = reportparse.to_frame(generated20)
    assert list(frame.columns) == FLAT_FIELDS and len(frame) == sum(len(r.values) for r in generated20)
    for column, dtype in FRAME_DTYPES.items():
        assert str(frame[column].dtype) == dtype, column
    assert set(frame["language"].cat.categories) == {"it", "en"}
    assert frame["pseudonym"].notna().all() and frame["collected"].notna().all()
    assert pd.api.types.is_string_dtype(frame["name"])


def test_parquet_round_trip_keeps_dtypes(tmp_path, sample_reports):
    frame = reportparse.to_frame(sample_reports)
    frame.to_parquet(tmp_path / "v.parquet")
    back = pd.read_parquet(tmp_path / "v.parquet")
    assert len(back) == len(frame) == sum(len(r.values) for r in sample_reports)
    assert str(back["analyte"].dtype) == "category" and str(back["page"].dtype) == "Int64"


def test_dicts_a_single_report_and_nothing(sample_reports):
    report = sample_reports[0]
    assert len(reportparse.to_frame(report)) == len(reportparse.to_frame([report.to_dict()])) == len(report.values)
    empty = reportparse.to_frame([])
    assert list(empty.columns) == FLAT_FIELDS and len(empty) == 0 and str(empty["value"].dtype) == "float64"


def test_a_dict_that_is_not_a_report_is_a_coded_error():
    with pytest.raises(reportparse.ReportParseError) as info:
        reportparse.to_frame([{"values": []}])
    assert info.value.code == "E069" and "language" in str(info.value)


def test_missing_text_stays_missing(sample_reports):
    frame = reportparse.to_frame(sample_reports)
    assert frame["text"].isna().any() and not (frame["text"] == "None").any()
