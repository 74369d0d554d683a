"""Reading inputs and writing results: JSONL (one report per line), CSV and Parquet (one value per row), FHIR
(one R4 Bundle per report, NDJSON) and OMOP (MEASUREMENT-shaped rows, CSV or Parquet)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

from .errors import Errors, ReportParseError
from .layout import report_suffixes
from .records import Report

__all__ = ["iter_inputs", "write_reports", "FLAT_FIELDS", "flatten", "REPORT_SUFFIXES", "FORMATS"]

REPORT_SUFFIXES = report_suffixes()  # every registered loader's suffixes
FORMATS = ("jsonl", "csv", "parquet", "fhir", "omop")
# Two-part suffixes name the export formats; a plain .ndjson stays JSONL, as before FHIR was written.
_COMPOUND_SUFFIXES = {".fhir.ndjson": "fhir", ".fhir.jsonl": "fhir", ".fhir.json": "fhir", ".omop.csv": "omop",
                      ".omop.parquet": "omop"}
FLAT_FIELDS = [
    "source", "language", "pages", "sex", "age", "pseudonym", "collected",
    "name", "analyte", "loinc", "value", "text", "comparator", "unit", "ucum",
    "ref_low", "ref_high", "ref_text", "flag", "interpretation", "page", "span_start", "span_end", "code", "footnote",
    "ocr_confidence", "value_source",
]


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files given directly, and report files (PDF, text, markdown) found by walking folders."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in REPORT_SUFFIXES)
        else:
            yield path


def flatten(report: Report) -> Iterator[dict[str, object]]:
    head = {
        "source": report.source, "language": report.language, "pages": report.pages,
        "sex": report.patient.sex, "age": report.patient.age, "pseudonym": report.patient.pseudonym,
        "collected": report.collected.isoformat() if report.collected else None,
    }
    for value in report.values:
        row = dict(head)
        data = value.to_dict()
        span = data.pop("span")
        data["value_source"] = data.pop("source")  # "rules" / "ner"; "source" is the report's file
        row.update(data)
        row["span_start"], row["span_end"] = (span if span else (None, None))
        yield row


def format_of(path: Path, default: str | None = None) -> str:
    suffix = path.suffix.lower().lstrip(".")
    compound = "".join(path.suffixes[-2:]).lower()
    fmt = default or _COMPOUND_SUFFIXES.get(compound) or {
        "jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet", "pq": "parquet",
    }.get(suffix, "jsonl")
    if fmt not in FORMATS:
        raise ReportParseError(Errors.E068, fmt=fmt, choices=", ".join(FORMATS))
    return fmt


def _is_parquet(path: Path | None) -> bool:
    return path is not None and path.suffix.lower() in (".parquet", ".pq")


class ReportWriter:
    """Streams reports to a file as they are parsed (a batch never holds every value in memory,
    except for Parquet, which is written at the end).  ``fhir``: one Bundle a line (``transaction`` bundles when
    asked); ``omop``: MEASUREMENT-shaped rows, as CSV, or Parquet for a .parquet path."""

    def __init__(self, path: Path | None, fmt: str, stream=None, *, transaction: bool = False) -> None:
        if fmt not in FORMATS:
            raise ReportParseError(Errors.E068, fmt=fmt, choices=", ".join(FORMATS))
        self.path, self.fmt, self.transaction = path, fmt, transaction
        self._rows: list[dict[str, object]] = []
        self._reports: list[Report] = []  # OMOP Parquet: written at the end by export.omop
        self._omop_parquet = fmt == "omop" and _is_parquet(path)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet" or self._omop_parquet:
            self._handle = None
        else:
            self._handle = stream if path is None else open(path, "w", encoding="utf-8", newline="")
        self._csv = None
        if fmt in ("csv", "omop") and not self._omop_parquet:
            from .export.omop import OMOP_FIELDS

            self._csv = csv.DictWriter(self._handle, fieldnames=FLAT_FIELDS if fmt == "csv" else OMOP_FIELDS)
            self._csv.writeheader()

    def write(self, report: Report) -> None:
        if self.fmt == "jsonl":
            self._handle.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerows(flatten(report))
        elif self.fmt == "fhir":
            from .export.fhir import bundle_line

            self._handle.write(bundle_line(report, transaction=self.transaction))
        elif self.fmt == "omop":
            from .export.omop import omop_csv_rows

            if self._omop_parquet:
                self._reports.append(report)
            else:
                self._csv.writerows(omop_csv_rows(report))
        else:
            self._rows.extend(flatten(report))

    def close(self) -> None:
        if self._omop_parquet:
            from .export.omop import write_omop_parquet

            write_omop_parquet(self.path, self._reports)
        elif self.fmt == "parquet":
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:  # pragma: no cover - depends on the extra
                raise ReportParseError(Errors.E011, fmt="parquet (install dermalab[parquet] for pyarrow)") from None
            table = pa.Table.from_pylist(self._rows or [dict.fromkeys(FLAT_FIELDS)])
            pq.write_table(table, self.path)
        elif self._handle is not None and self.path is not None:
            self._handle.close()
        elif self._handle is not None:
            self._handle.flush()


def write_reports(reports: Iterable[Report], path: str | Path, fmt: str | None = None, *,
                  transaction: bool = False) -> Path:
    """Write reports to ``path`` as JSONL, CSV, Parquet, FHIR (NDJSON Bundles; ``transaction`` bundles when asked)
    or OMOP (CSV, or Parquet for a .parquet path): from the suffix (``.fhir.ndjson``, ``.omop.csv``) unless
    ``fmt``."""
    path = Path(path)
    writer = ReportWriter(path, format_of(path, fmt), transaction=transaction)
    for report in reports:
        writer.write(report)
    writer.close()
    return path
