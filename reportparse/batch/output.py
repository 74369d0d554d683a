"""The batch's results, derived from the ledger and its parts (never from a file that was being appended to):
the final output in manifest order, the errors file, and ``done.json``.

Each is written to a temporary name and renamed, so a run killed while writing them leaves the previous version
(or none) and the next run writes them again.  Reports are streamed a part at a time: memory stays flat however
large the batch (Parquet is written in row groups).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from typing import IO

from ..errors import Errors, ReportParseError
from ..io import FLAT_FIELDS, flatten
from ..records import Report
from .folder import BatchFolder
from .jsonlog import dumps, write_atomic
from .ledger import ChunkState, read_chunk

__all__ = ["write_results", "is_done", "Results", "PARQUET_TYPES"]

# Arrow types of the flat columns that are not text: a fixed schema, so row groups written apart agree.
PARQUET_TYPES = {"pages": "int64", "age": "float64", "value": "float64", "ref_low": "float64", "ref_high": "float64",
                 "page": "int64", "span_start": "int64", "span_end": "int64", "ocr_confidence": "float64"}
_ROW_GROUP = 50_000


@dataclass(frozen=True)
class Results:
    format: str
    output: str
    chunks: int
    reports: int
    failed: int
    pages: int
    finished: str = ""
    retries: int = 0  # retry commits (--retry-failed) the output includes


def _retries(records: dict[int, ChunkState]) -> int:
    return sum(state.retries for state in records.values())


def is_done(folder: BatchFolder, fmt: str, records: dict[int, ChunkState]) -> bool:
    """True when the last finished run wrote this format from exactly these commits (and the files are there)."""
    try:
        done = json.loads(folder.done.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (done.get("format") == fmt and done.get("chunks") == len(records)
            and done.get("retries", 0) == _retries(records)
            and folder.output(fmt).exists() and folder.errors.exists())


def write_results(folder: BatchFolder, fmt: str, records: dict[int, ChunkState], chunk_files: dict[int, int]
                  ) -> Results:
    """Check the commits against the manifest, then write errors.jsonl, the output and done.json."""
    _check(folder, records, chunk_files)
    ordered = [records[c] for c in sorted(records)]
    write_errors(folder, ordered)
    write_atomic(folder.output(fmt), lambda handle: _WRITERS[fmt](handle, _reports(folder, ordered)))
    results = Results(format=fmt, output=folder.output(fmt).name, chunks=len(records),
                      reports=sum(r.reports for r in ordered), failed=sum(len(r.failed) for r in ordered),
                      pages=sum(r.pages for r in ordered),
                      finished=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
                      retries=_retries(records))
    write_atomic(folder.done, lambda handle: handle.write(json.dumps(asdict(results), indent=1).encode("utf-8")))
    return results


def write_errors(folder: BatchFolder, ordered: Iterable[ChunkState]) -> None:
    """errors.jsonl: every failed input, in manifest order, with its code and message."""
    def write(handle: IO[bytes]) -> None:
        for record in ordered:
            for failure in record.failed:
                handle.write((dumps(asdict(failure)) + "\n").encode("utf-8"))
    write_atomic(folder.errors, write)


def _check(folder: BatchFolder, records: dict[int, ChunkState], chunk_files: dict[int, int]) -> None:
    for chunk, record in records.items():
        if chunk_files.get(chunk) != record.files:
            raise ReportParseError(Errors.E063, out=folder.root,
                                   detail=f"chunk {chunk} has {chunk_files.get(chunk, 0)} files in the manifest and "
                                          f"{record.files} in the ledger")


def _reports(folder: BatchFolder, ordered: list[ChunkState]) -> Iterator[dict]:
    for state in ordered:
        for row in read_chunk(folder, state):
            yield row["report"]


def _write_jsonl(handle: IO[bytes], reports: Iterator[dict]) -> None:
    for report in reports:
        handle.write((dumps(report) + "\n").encode("utf-8"))


def _write_csv(handle: IO[bytes], reports: Iterator[dict]) -> None:
    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    writer = csv.DictWriter(text, fieldnames=FLAT_FIELDS)
    writer.writeheader()
    for report in reports:
        writer.writerows(flatten(Report.from_dict(report)))
    text.flush()
    text.detach()


def _write_parquet(handle: IO[bytes], reports: Iterator[dict]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - depends on the extra
        raise ReportParseError(Errors.E011, fmt="parquet (install dermalab[parquet] for pyarrow)") from None
    schema = pa.schema([(name, getattr(pa, PARQUET_TYPES.get(name, "string"))()) for name in FLAT_FIELDS])
    writer = pq.ParquetWriter(handle, schema)
    rows: list[dict] = []
    for report in reports:
        rows.extend(flatten(Report.from_dict(report)))
        if len(rows) >= _ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            rows = []
    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    writer.close()


def _write_fhir(handle: IO[bytes], reports: Iterator[dict], transaction: bool = False) -> None:
    from ..export.fhir import bundle_line

    for report in reports:
        handle.write(bundle_line(Report.from_dict(report), transaction=transaction).encode("utf-8"))


def _write_fhir_transaction(handle: IO[bytes], reports: Iterator[dict]) -> None:
    _write_fhir(handle, reports, transaction=True)


def _write_omop(handle: IO[bytes], reports: Iterator[dict]) -> None:
    from ..export.omop import write_omop_csv

    text = io.TextIOWrapper(handle, encoding="utf-8", newline="")
    write_omop_csv(text, (Report.from_dict(report) for report in reports))
    text.flush()
    text.detach()


_WRITERS = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet, "fhir": _write_fhir,
            "fhir-transaction": _write_fhir_transaction, "omop": _write_omop}
