"""OMOP export: MEASUREMENT-shaped rows, one per value, as CSV and Parquet."""

import csv
import datetime as dt
import io

import pyarrow.parquet as pq

import reportparse
from reportparse.export.omop import OMOP_FIELDS, omop_rows, write_omop_csv, write_omop_parquet
from reportparse.io import write_reports
from reportparse.records import LabValue, Patient, ReferenceRange, Report


def _report() -> Report:
    values = (
        LabValue("Emoglobina", loinc="718-7", value=13.5, unit="g/dl", ucum="g/dL",
                 reference=ReferenceRange(12.0, 16.0, "12,0 - 16,0")),
        LabValue("PCR", value=0.5, text="< 0,5", comparator="<", unit="mg/dl", ucum="mg/dL"),
        LabValue("HIV 1/2 Ab", text="negativo"),
    )
    return Report("lab/r1.pdf", "it", 1, patient=Patient("F", 40.0, "cd" * 32), collected=dt.date(2024, 5, 2),
                  values=values)


def test_rows_carry_source_values_and_codes():
    hb, crp, hiv = omop_rows(_report())
    assert hb == {"person_source_value": "cd" * 32, "measurement_date": dt.date(2024, 5, 2),
                  "measurement_source_value": "Emoglobina", "measurement_source_concept_code": "718-7",
                  "measurement_source_vocabulary_id": "LOINC", "value_as_number": 13.5, "value_source_value": "13.5",
                  "operator_source_value": "=", "unit_source_value": "g/dl", "unit_concept_code": "g/dL",
                  "unit_vocabulary_id": "UCUM", "range_low": 12.0, "range_high": 16.0, "report_source": "lab/r1.pdf"}
    assert (crp["operator_source_value"], crp["value_source_value"], crp["measurement_source_vocabulary_id"]) == \
        ("<", "< 0,5", None)
    assert (hiv["value_as_number"], hiv["operator_source_value"], hiv["value_source_value"]) == (None, None, "negativo")


def test_csv_and_parquet(tmp_path, generated20):
    handle = io.StringIO()
    write_omop_csv(handle, generated20)
    rows = list(csv.DictReader(io.StringIO(handle.getvalue())))
    assert list(rows[0]) == OMOP_FIELDS and len(rows) == sum(len(r.values) for r in generated20)
    assert all(row["person_source_value"] for row in rows)
    write_omop_parquet(tmp_path / "m.parquet", generated20)
    table = pq.read_table(tmp_path / "m.parquet")
    assert table.num_rows == len(rows) and str(table.schema.field("measurement_date").type) == "date32[day]"


def test_write_reports_from_the_suffix(tmp_path, sample_reports):
    csv_path = write_reports(sample_reports, tmp_path / "measurement.omop.csv")
    parquet_path = write_reports(sample_reports, tmp_path / "measurement.omop.parquet")
    n = sum(len(r.values) for r in sample_reports)
    assert len(list(csv.DictReader(csv_path.open(encoding="utf-8")))) == n == pq.read_table(parquet_path).num_rows
    assert reportparse.omop_rows is omop_rows
