"""What a PDF may cost before it is refused: inflated stream bytes, glyphs per page and per document, and where
on the page a glyph may sit (:class:`~.pdf_options.PdfOptions` holds the numbers).

Both engines inflate every compressed stream whole before reading it (pdfminer took 8 s and 1 GB for a 0.5 MB
file inflating to 500 MB, pdfium 2 s and 1 GB), so the streams are measured first, by inflating them into
nothing, a bounded piece at a time; pdfium also builds every object of a page before the first glyph can be
counted, so the text-showing operators are counted on the way.
"""

from __future__ import annotations

import re
import zlib

from ..errors import Errors, ReportParseError
from .page import PdfChar
from .pdf_options import PdfOptions

__all__ = ["check_streams", "CharBudget", "OperatorBudget", "count_operators", "on_page"]

# The keyword "stream" then its end of line (CRLF, LF, or a lone CR that producers write); not "endstream".
_STREAM = re.compile(rb"(?<![A-Za-z])stream(?:\r\n|\n|\r)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")  # images are decoded only to render them (OCR bounds their pixels)
_DICT_WINDOW = 4096  # bytes before "stream" searched for the stream's dictionary
_CHUNK = 1 << 16  # compressed bytes fed to the inflater at a time
_STEP = 1 << 22  # inflated bytes produced (and dropped) at a time
_LETTER_WIDTH = 612.0  # the least page size a margin is measured in (a page box may be empty)


def _is_image(data: bytes, start: int) -> bool:
    head = data[max(0, start - _DICT_WINDOW):start]
    return bool(_IMAGE.search(head[max(head.rfind(b"obj"), 0):]))


def _measure(data: bytes, start: int, limit: int) -> tuple[int, int]:
    """Bytes the stream at ``start`` inflates to (counted up to just past ``limit``; 0 when it is not zlib data),
    and how many text-showing operators (Tj, TJ) it holds, inflated or not."""
    inflater = zlib.decompressobj()
    total, shows, pos = 0, 0, start
    try:
        while total <= limit and pos < len(data) and not inflater.eof:
            out = inflater.decompress(data[pos:pos + _CHUNK], _STEP)
            pos += _CHUNK
            while True:
                total += len(out)
                shows += out.count(b"Tj") + out.count(b"TJ")
                if not inflater.unconsumed_tail or total > limit or inflater.eof:  # past eof: trailing bytes
                    break
                out = inflater.decompress(inflater.unconsumed_tail, _STEP)
    except zlib.error:  # not zlib data, or damaged: the engines stop where inflating fails too
        if total == 0:  # a stream stored as it is: count its operators up to "endstream"
            end = data.find(b"endstream", start)
            stored = data[start:end if end >= 0 else len(data)]
            shows = stored.count(b"Tj") + stored.count(b"TJ")
    return total, shows


def check_streams(data: bytes, source: str, options: PdfOptions) -> None:
    """Refuse, before an engine reads them, streams other than images that inflate past ``max_stream_bytes`` or
    all together past ``max_inflated_bytes`` (E053: FlateDecode; LZW and run-length expand less and are rare), and
    a stream with more text-showing operators than a page may have glyphs (E052: pdfium builds an object for each,
    all of them before a glyph can be counted: 5 MB of ``(...) Tj`` took 15 s and 870 MB)."""
    total = 0
    for found in _STREAM.finditer(data):
        start = found.end()
        if _is_image(data, found.start()):
            continue
        size, shows = _measure(data, start, options.max_stream_bytes)
        if size > options.max_stream_bytes:
            raise ReportParseError(Errors.E053, path=source, limit=options.max_stream_bytes,
                                   detail=f"the stream at byte {start:,}")
        if shows > options.max_page_chars:
            raise ReportParseError(Errors.E052, path=source, limit=options.max_page_chars,
                                   where=f"in the content stream at byte {start:,}")
        total += size
        if total > options.max_inflated_bytes:
            raise ReportParseError(Errors.E053, path=source, limit=options.max_inflated_bytes,
                                   detail="all streams together")


class _PageBudget:
    """Counts what an engine meets, page by page and in all; the subclass says what is raised past a limit."""

    def __init__(self, source: str, page_limit: int, total_limit: int) -> None:
        self.source = source
        self.page_limit = page_limit
        self.total_limit = total_limit
        self.page_number = 0
        self.on_page = 0
        self.total = 0

    def start_page(self, number: int) -> None:
        self.page_number = number
        self.on_page = 0

    def add(self, count: int = 1) -> None:
        self.on_page += count
        self.total += count
        if self.on_page > self.page_limit:
            raise self._past_page_limit()
        if self.total > self.total_limit:
            raise self._past_total_limit()

    def _past_page_limit(self) -> ReportParseError:
        raise NotImplementedError

    def _past_total_limit(self) -> ReportParseError:
        raise NotImplementedError


class CharBudget(_PageBudget):
    """Counts the glyphs an engine meets, page by page; E052 / E054 past the limits."""

    def __init__(self, source: str, options: PdfOptions) -> None:
        super().__init__(source, options.max_page_chars, options.max_chars)

    def _past_page_limit(self) -> ReportParseError:
        return ReportParseError(Errors.E052, path=self.source, limit=self.page_limit,
                                where=f"on page {self.page_number}")

    def _past_total_limit(self) -> ReportParseError:
        return ReportParseError(Errors.E054, path=self.source, page=self.page_number, limit=self.total_limit)


# A content-stream operator: one to three letters (or * ' ") standing alone between delimiters.  Short words
# inside strings count too, which errs towards more on a page of text, whose glyphs are bounded anyway.
_OPERATOR = re.compile(rb"(?<![^\s\]\)>])[A-Za-z'\"][A-Za-z0-9*'\"]{0,2}(?![^\s\[\(<\/])")


def count_operators(content: bytes) -> int:
    """How many operators a decoded content stream runs (found by a regular expression: 1,000,000 in 0.7 s, where
    pdfminer takes about 40 s to interpret as many ``Tm``)."""
    return len(_OPERATOR.findall(content))


class OperatorBudget(_PageBudget):
    """Counts the content-stream operators pdfminer is about to interpret, page by page; E065 past the limits."""

    def __init__(self, source: str, options: PdfOptions) -> None:
        super().__init__(source, options.max_page_operators, options.max_operators)

    def _past_page_limit(self) -> ReportParseError:
        return ReportParseError(Errors.E065, path=self.source, limit=self.page_limit,
                                where=f"on page {self.page_number}")

    def _past_total_limit(self) -> ReportParseError:
        return ReportParseError(Errors.E065, path=self.source, limit=self.total_limit,
                                where=f"in all (by page {self.page_number})")


def on_page(chars: list[PdfChar], width: float, height: float, margin: float) -> list[PdfChar]:
    """The glyphs that touch the page box grown by ``margin`` page sizes on every side."""
    reach = margin * max(width, height, _LETTER_WIDTH)
    low_x, high_x, low_y, high_y = -reach, width + reach, -reach, height + reach
    kept = [c for c in chars if c.x1 >= low_x and c.x0 <= high_x and c.top >= low_y and c.bottom <= high_y]
    return chars if len(kept) == len(chars) else kept
