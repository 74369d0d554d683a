"""One file's work: the task a worker gets, the result it sends back, and the parse itself (run in a worker).

Results carry the report as its JSON dict (``Report.to_dict()``): that is what parts store and outputs write, so
the parent process never needs the pipeline, and a batch's reports are byte for byte what a serial run prints.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import DermalabError, Errors, ReportParseError
from .options import BatchLimits, ParseOptions

__all__ = ["FileTask", "FileResult", "WorkerSetup", "parse_task", "file_sha256", "failure"]

_READ_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileTask:
    index: int  # manifest index: the report's place in the output
    chunk: int
    path: str
    sha256: str
    size: int


@dataclass(frozen=True, slots=True)
class FileResult:
    index: int
    chunk: int
    path: str
    sha256: str
    report: dict[str, Any] | None = None  # Report.to_dict()
    code: str | None = None  # the failure's code when report is None
    message: str | None = None
    pages: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.report is not None


@dataclass(frozen=True)
class WorkerSetup:
    """What a worker process needs before its first file."""

    parse: ParseOptions
    limits: BatchLimits


def failure(task: FileTask, error: DermalabError, seconds: float = 0.0) -> FileResult:
    return FileResult(task.index, task.chunk, task.path, task.sha256, code=error.code, message=error.message,
                      seconds=seconds)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
    return digest.hexdigest()


def parse_task(task: FileTask, options: ParseOptions, limits: BatchLimits) -> FileResult:
    """Parse one file in this process: a result, with a coded failure for unusable input (never an exception).

    The file must still be the one the manifest listed (size and hash); MemoryError (the worker's address-space
    backstop, see ``worker.py``) is the memory limit (E056)."""
    start = time.perf_counter()
    try:
        _check_file(task, limits)
        report = _parse(task.path, options)
    except ReportParseError as exc:
        return failure(task, exc, time.perf_counter() - start)
    except MemoryError:
        error = ReportParseError(Errors.E056, path=task.path, limit=limits.memory_mb,
                                 detail="an allocation failed past the limit")
        return failure(task, error, time.perf_counter() - start)
    except Exception as exc:  # noqa: BLE001 - a batch goes on; the bug is reported with its type, as parse does
        error = ReportParseError(Errors.E999, kind=type(exc).__name__, detail=exc)
        return failure(task, error, time.perf_counter() - start)
    data = report.to_dict()
    return FileResult(task.index, task.chunk, task.path, task.sha256, report=data, pages=report.pages,
                      seconds=time.perf_counter() - start)


def _check_file(task: FileTask, limits: BatchLimits) -> None:
    path = Path(task.path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ReportParseError(Errors.E001, path=task.path) from None
    except OSError as exc:
        raise ReportParseError(Errors.E010, path=task.path, detail=exc.strerror or str(exc)) from None
    if size > limits.max_file_bytes:
        raise ReportParseError(Errors.E058, path=task.path, size=size, limit=limits.max_file_bytes,
                               limit_mb=limits.max_file_mb)
    try:
        same = size == task.size and file_sha256(path) == task.sha256
    except OSError as exc:
        raise ReportParseError(Errors.E010, path=task.path, detail=exc.strerror or str(exc)) from None
    if not same:
        raise ReportParseError(Errors.E059, path=task.path)


def _parse(path: str, options: ParseOptions):
    from ..api import parse_file  # here: the batch's parent process never loads the pipeline

    return parse_file(path, lang=options.lang, ner=options.ner, ocr=options.ocr, pdf=options.pdf, link=options.link)

