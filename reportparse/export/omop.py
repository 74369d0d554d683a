"""OMOP CDM export: rows shaped like the MEASUREMENT table, one per value, for a team to load with its own
vocabulary mapping.

Concept ids are the loading team's to assign (they depend on the vocabulary release it holds): each row carries the
source values and codes to map from instead: the printed name, the LOINC code (``measurement_source_concept_code``,
vocabulary ``LOINC``), the printed unit and its UCUM code (``unit_concept_code``, vocabulary ``UCUM``), and the
comparator as OMOP's operator text.  ``person_source_value`` is the patient's keyed pseudonym (linkage on), never a
printed id; ``report_source`` says which file the row came from.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from ..records import LabValue, Report

__all__ = ["OMOP_FIELDS", "OMOP_TYPES", "omop_rows", "omop_csv_rows", "write_omop_csv", "write_omop_parquet"]

OMOP_FIELDS = [
    "person_source_value", "measurement_date", "measurement_source_value", "measurement_source_concept_code",
    "measurement_source_vocabulary_id", "value_as_number", "value_source_value", "operator_source_value",
    "unit_source_value", "unit_concept_code", "unit_vocabulary_id", "range_low", "range_high", "report_source",
]
# Arrow types of the columns that are not text (a fixed schema: row groups written apart agree).
OMOP_TYPES = {"measurement_date": "date32", "value_as_number": "float64", "range_low": "float64",
              "range_high": "float64"}
_ROW_GROUP = 50_000


def omop_rows(report: Report) -> Iterator[dict[str, Any]]:
    """One MEASUREMENT-shaped row per value of ``report`` (``measurement_date`` a ``datetime.date`` or None)."""
    for value in report.values:
        yield {
            "person_source_value": report.patient.pseudonym,
            "measurement_date": report.collected,
            "measurement_source_value": value.name,
            "measurement_source_concept_code": value.loinc,
            "measurement_source_vocabulary_id": "LOINC" if value.loinc else None,
            "value_as_number": value.value,
            "value_source_value": _printed_result(value),
            "operator_source_value": _operator(value),
            "unit_source_value": value.unit,
            "unit_concept_code": value.ucum,
            "unit_vocabulary_id": "UCUM" if value.ucum else None,
            "range_low": value.ref_low,
            "range_high": value.ref_high,
            "report_source": report.source,
        }


def omop_csv_rows(report: Report) -> Iterator[dict[str, Any]]:
    """The rows of :func:`omop_rows` with ``measurement_date`` as ISO text, for CSV."""
    for row in omop_rows(report):
        row["measurement_date"] = row["measurement_date"].isoformat() if row["measurement_date"] else None
        yield row


def _operator(value: LabValue) -> str | None:
    """OMOP's operator for a number: the comparator of a censored result, '=' for a plain one."""
    if value.value is None:
        return None
    return value.comparator or "="


def _printed_result(value: LabValue) -> str | None:
    if value.text:
        return value.text
    if value.value is None:
        return None
    return f"{value.comparator or ''}{value.value:g}"


def write_omop_csv(handle: IO[str], reports: Iterable[Report]) -> None:
    """Stream the rows of ``reports`` as CSV (with a header) to a text ``handle``."""
    import csv

    writer = csv.DictWriter(handle, fieldnames=OMOP_FIELDS)
    writer.writeheader()
    for report in reports:
        writer.writerows(omop_csv_rows(report))


def write_omop_parquet(target: str | Path | IO[bytes], reports: Iterable[Report]) -> None:
    """Write the rows of ``reports`` to Parquet, in row groups (memory stays flat however many reports)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, OMOP_TYPES.get(name, "string"))()) for name in OMOP_FIELDS])
    writer = pq.ParquetWriter(target, schema)
    rows: list[dict[str, Any]] = []
    for report in reports:
        rows.extend(omop_rows(report))
        if len(rows) >= _ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            rows = []
    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    writer.close()
