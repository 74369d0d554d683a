"""The batch folder: where each file of a batch lives (the layout ``reportparse batch --help`` shows)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

__all__ = ["BatchFolder", "OUTPUT_NAMES"]

# The final output, by format: JSONL keeps one report a line (as `reportparse parse`), CSV and Parquet one value a row,
# FHIR one Bundle a report (NDJSON), OMOP one measurement a row.
OUTPUT_NAMES = {"jsonl": "reports.jsonl", "csv": "values.csv", "parquet": "values.parquet",
                "fhir": "bundles.fhir.ndjson", "fhir-transaction": "bundles.transaction.fhir.ndjson",
                "omop": "measurement.omop.csv"}


@dataclass(frozen=True)
class BatchFolder:
    root: Path

    @property
    def header(self) -> Path:
        """batch.json: the input, the parse options and the chunk size the batch was started with."""
        return self.root / "batch.json"

    @property
    def manifest(self) -> Path:
        """manifest.jsonl: every input once, by content hash, in output order, with its chunk (append-only)."""
        return self.root / "manifest.jsonl"

    @property
    def ledger(self) -> Path:
        """ledger.jsonl: one line per committed chunk: its part file and the files that failed (append-only)."""
        return self.root / "ledger.jsonl"

    @property
    def parts(self) -> Path:
        return self.root / "parts"

    @property
    def errors(self) -> Path:
        """errors.jsonl: each failed input with its code and message (rewritten from the ledger)."""
        return self.root / "errors.jsonl"

    @property
    def done(self) -> Path:
        """done.json: what the last finished run wrote (a re-run of a finished batch then has nothing to do)."""
        return self.root / "done.json"

    @property
    def lock(self) -> Path:
        return self.root / "batch.lock"

    def part(self, chunk: int, retry: int = 0) -> Path:
        return self.parts / (f"chunk-{chunk:06d}.jsonl" if retry == 0 else f"chunk-{chunk:06d}.r{retry}.jsonl")

    def output(self, fmt: str) -> Path:
        return self.root / OUTPUT_NAMES[fmt]
