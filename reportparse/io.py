"""Reading inputs and writing results: JSONL (one report per line), CSV and Parquet (one value per row)."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Iterable, Iterator

from .errors import Errors, ReportParseError
from .layout import report_suffixes
from .records import Report

__all__ = ["iter_inputs", "write_reports", "FLAT_FIELDS", "flatten", "REPORT_SUFFIXES"]

REPORT_SUFFIXES = report_suffixes()  # every registered loader's suffixes
FLAT_FIELDS = [
    "source", "language", "pages", "sex", "age", "collected",
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
        "sex": report.patient.sex, "age": report.patient.age,
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
    fmt = default or {"jsonl": "jsonl", "json": "jsonl", "ndjson": "jsonl", "csv": "csv", "parquet": "parquet",
                      "pq": "parquet"}.get(suffix, "jsonl")
    if fmt not in ("jsonl", "csv", "parquet"):
        raise ReportParseError(Errors.E011, fmt=fmt)
    return fmt


class ReportWriter:
    """Streams reports to a file as they are parsed (a batch never holds every value in memory,
    except for Parquet, which is written at the end)."""

    def __init__(self, path: Path | None, fmt: str, stream=None) -> None:
        self.path, self.fmt = path, fmt
        self._rows: list[dict[str, object]] = []
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            self._handle = None
        else:
            self._handle = stream if path is None else open(path, "w", encoding="utf-8", newline="")
        self._csv = None
        if fmt == "csv":
            self._csv = csv.DictWriter(self._handle, fieldnames=FLAT_FIELDS)
            self._csv.writeheader()

    def write(self, report: Report) -> None:
        if self.fmt == "jsonl":
            self._handle.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv.writerows(flatten(report))
        else:
            self._rows.extend(flatten(report))

    def close(self) -> None:
        if self.fmt == "parquet":
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


def write_reports(reports: Iterable[Report], path: str | Path, fmt: str | None = None) -> Path:
    """Write reports to ``path`` as JSONL, CSV or Parquet (from the suffix unless ``fmt``)."""
    path = Path(path)
    writer = ReportWriter(path, format_of(path, fmt))
    for report in reports:
        writer.write(report)
    writer.close()
    return path
