"""Parse a few files in this process or a plain process pool, in input order, never stopping at a bad file:
what ``reportparse parse --jobs N`` uses.  Large unattended batches (resumable, with per-file limits) are
:func:`reportparse.batch.run_batch`."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from ..errors import Errors, ReportParseError
from ..layout.pdf_options import PdfOptions
from ..linkage import LinkageOptions
from ..ner.options import NerOptions
from ..ocr.options import OcrOptions
from ..records import Report

__all__ = ["Outcome", "parse_many"]


@dataclass(frozen=True, slots=True)
class Outcome:
    path: Path
    report: Report | None = None
    error: str | None = None  # coded message ("[E006] ... run OCR first")
    code: str | None = None


def _parse_one(args: tuple[Path, str, NerOptions | None, OcrOptions | None, PdfOptions | None,
                           LinkageOptions | None]) -> Outcome:
    from ..api import parse_file  # here: importing reportparse.batch stays light (no spaCy)

    path, lang, ner, ocr, pdf, link = args
    try:
        return Outcome(path, report=parse_file(path, lang=lang, ner=ner, ocr=ocr, pdf=pdf, link=link))
    except ReportParseError as exc:
        return Outcome(path, error=str(exc), code=exc.code)
    except Exception as exc:  # noqa: BLE001 - a batch must go on; the bug is reported with its type
        error = ReportParseError(Errors.E999, kind=type(exc).__name__, detail=exc)
        return Outcome(path, error=str(error), code=error.code)


def parse_many(paths: Iterable[Path], *, lang: str = "auto", jobs: int = 1,
               ner: NerOptions | None = None, ocr: OcrOptions | None = None, pdf: PdfOptions | None = None,
               link: LinkageOptions | None = None) -> Iterator[Outcome]:
    """Yield one :class:`Outcome` per path, in input order; ``link``: pseudonymous linkage with that key."""
    tasks = [(Path(p), lang, ner, ocr, pdf, link) for p in paths]
    if jobs <= 1 or len(tasks) < 4:
        for task in tasks:
            yield _parse_one(task)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_parse_one, tasks, chunksize=8)
