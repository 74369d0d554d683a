"""What a batch is asked to do, as typed configs: how reports are parsed, the limits a file is held to, and the
batch itself (input, output folder, workers, engine).

``ParseOptions`` is what decides a report's values: it is written into the manifest, and a resume with other
options is refused (E061).  ``BatchLimits`` and the engine decide only how the work is done, so they may change
between runs of the same batch.  (``reportparse.limits`` holds the limits every parse keeps to; these are the
batch's own, per file and per worker.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from ..errors import Errors, ReportParseError
from ..layout.pdf_options import PdfOptions
from ..linkage import LinkageOptions
from ..ner.options import NerOptions
from ..ocr.options import OcrOptions

__all__ = ["ParseOptions", "BatchLimits", "BatchConfig", "OUTPUT_FORMATS", "ENGINES", "DEFAULT_LIMITS"]

# fhir-transaction: FHIR transaction Bundles (`--format fhir --fhir-transaction`), an output of its own so that
# switching it rewrites the output as a new --format does.
OUTPUT_FORMATS = ("jsonl", "csv", "parquet", "fhir", "fhir-transaction", "omop")
ENGINES = ("local", "dask")

# Per-file limits.  A generated one-to-three page PDF takes 0.1-0.4 s; a worker with the pipeline loaded holds about
# 130 MB resident (spaCy, the catalogue, the NER model; ~600 MB when the recogniser needs torch, see worker.py); an
# OCR page takes 2-5 s (60 s at most, --ocr-timeout).  So the time limit leaves room for a long scan, and the memory
# limit for a large PDF's layout objects many times over.
DEFAULT_LIMITS = {
    "time_s": 300.0,
    "memory_mb": 2048,
    "max_file_mb": 200.0,
    "retries": 1,  # a file whose worker died (not by a limit) is tried once more in a new worker
    "poll_s": 0.05,  # how often a busy worker's time and memory are checked
    "startup_s": 600.0,  # loading the pipeline in a new worker (seconds on an idle machine)
}


@dataclass(frozen=True)
class ParseOptions:
    """How every report of a batch is parsed (as ``parse_file``'s arguments).  ``plugins``: modules each worker
    imports before its first file, e.g. one that registers a loader (``reportparse.layout.register_loader``) for
    a kind of file reportparse does not read by itself; the batch imports them too, to find those files.  ``link``:
    pseudonymous linkage with this key (``reportparse.linkage``); the manifest stores only its ``key_id``, so a
    resume with another key (or none) is refused like any other change of options."""

    lang: str = "auto"
    ner: NerOptions = field(default_factory=NerOptions)
    ocr: OcrOptions = field(default_factory=OcrOptions)
    pdf: PdfOptions = field(default_factory=PdfOptions)
    plugins: tuple[str, ...] = ()
    link: LinkageOptions | None = None

    def __post_init__(self) -> None:
        if self.lang not in ("auto", "it", "en"):
            raise ReportParseError(Errors.E009, lang=self.lang)

    def to_dict(self) -> dict[str, object]:
        """JSON-ready (tuples as lists), so it compares equal to what was read back from the manifest."""
        ocr = self.ocr.to_dict()
        ocr["prepare"] = list(self.ocr.prepare)
        data = {"lang": self.lang, "ner": self.ner.to_dict(), "ocr": ocr, "pdf": self.pdf.to_dict(),
                "plugins": list(self.plugins)}
        if self.link is not None:  # absent when off: batches started before linkage existed still resume
            data["link"] = self.link.to_dict()
        return data


@dataclass(frozen=True)
class BatchLimits:
    """What one file may take: ``time_s`` seconds and ``memory_mb`` of its worker's resident memory (the worker is
    stopped and replaced past either: E055, E056), ``max_file_mb`` of input (larger files are not read: E058).
    ``retries``: how many more times a file whose worker died otherwise is tried (then E057)."""

    time_s: float = DEFAULT_LIMITS["time_s"]
    memory_mb: int = DEFAULT_LIMITS["memory_mb"]
    max_file_mb: float = DEFAULT_LIMITS["max_file_mb"]
    retries: int = DEFAULT_LIMITS["retries"]
    poll_s: float = DEFAULT_LIMITS["poll_s"]
    startup_s: float = DEFAULT_LIMITS["startup_s"]

    def __post_init__(self) -> None:
        for name, ok, hint in (
            ("time_s", self.time_s > 0, "give seconds above 0"),
            ("memory_mb", self.memory_mb >= 256, "give at least 256 MB (a worker with the pipeline holds ~130 MB)"),
            ("max_file_mb", self.max_file_mb > 0, "give megabytes above 0"),
            ("retries", self.retries >= 0, "give 0 or more"),
            ("poll_s", 0 < self.poll_s <= 1, "give seconds from 0 to 1"),
            ("startup_s", self.startup_s > 0, "give seconds above 0"),
        ):
            if not ok:
                raise ReportParseError(Errors.E064, name=name, value=getattr(self, name), hint=hint)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 1024 * 1024)

    @property
    def memory_bytes(self) -> int:
        return self.memory_mb * 1024 * 1024


@dataclass(frozen=True)
class BatchConfig:
    """A batch: ``input`` (a folder, walked, or a text file listing one path a line), ``out`` (the batch folder:
    manifest, ledger, parts, outputs), ``workers`` worker processes on ``engine`` ("local": processes of this
    machine; "dask": a Dask cluster, ``scheduler`` its address or None for a LocalCluster), the final ``fmt``, and
    ``chunk_size`` files a part (fixed when the batch starts; a chunk is the unit that is committed).
    ``retry_failed``: also parse again the files earlier runs could not (after raising a limit, say); those that
    parse join the output, once."""

    input: Path
    out: Path
    parse: ParseOptions = field(default_factory=ParseOptions)
    limits: BatchLimits = field(default_factory=BatchLimits)
    workers: int = 1
    fmt: Literal["jsonl", "csv", "parquet", "fhir", "fhir-transaction", "omop"] = "jsonl"
    engine: Literal["local", "dask"] = "local"
    scheduler: str | None = None
    chunk_size: int = 64
    retry_failed: bool = False

    def __post_init__(self) -> None:
        for name, ok, hint in (
            ("workers", self.workers >= 1, "give 1 or more worker processes"),
            ("fmt", self.fmt in OUTPUT_FORMATS, f"use one of {', '.join(OUTPUT_FORMATS)}"),
            ("engine", self.engine in ENGINES, f"use one of {', '.join(ENGINES)}"),
            ("chunk_size", self.chunk_size >= 1, "give 1 or more files a chunk"),
            ("scheduler", self.scheduler is None or self.engine == "dask", "a scheduler address needs engine dask"),
        ):
            if not ok:
                raise ReportParseError(Errors.E064, name=name, value=getattr(self, name), hint=hint)
