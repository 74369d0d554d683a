"""Tesseract's TSV to :class:`~reportparse.layout.page.Word` boxes in points, and back from text spans to the
confidences of the words under them.

OCR words enter the same renderer as PDF glyphs (:func:`reportparse.layout.render.render_words`), which tells a
space inside a cell from a gap between cells by the font size (``ParseParams.cell_gap``).  Tesseract gives no
font size, so a word's size is estimated from box heights.
"""

from __future__ import annotations

import bisect
import csv
import io
import statistics
from dataclasses import dataclass, replace

from ..layout.page import Document, Page, Word

__all__ = ["tsv_words", "page_of_words", "WordSpans", "word_spans"]

# The median word box on a page (caps, ascenders, some descenders) is about 0.7 of the body font's size: F1 on
# 10 generated reports read at 300 dpi is 0.90 with the sizes 0.6 times too small, and flat from 1.4 to 2.0
# times the median height (benchmarks/bench_ocr.py).
_EM_PER_HEIGHT = 1 / 0.7
_WORD = "5"  # TSV level of words (1 page, 2 block, 3 paragraph, 4 line)


def _rows(tsv: str) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(tsv), delimiter="\t", quoting=csv.QUOTE_NONE)
    header = next(reader, None)
    return [dict(zip(header, row)) for row in reader if header and len(row) == len(header)]


def _word(row: dict[str, str], scale: float) -> Word | None:
    text = row.get("text", "").strip()
    if row.get("level") != _WORD or not text:
        return None
    try:
        confidence = float(row["conf"])
        left, top, width, height = (int(row[k]) for k in ("left", "top", "width", "height"))
    except (KeyError, ValueError):
        return None
    if confidence < 0:  # Tesseract's mark for a box that is no word
        return None
    return Word(text, left * scale, (left + width) * scale, top * scale, (top + height) * scale,
                confidence=min(confidence / 100.0, 1.0))


def tsv_words(tsv: str, dpi: float) -> list[Word]:
    """Words of one page: boxes from pixels to points (``px * 72 / dpi``), confidence from 0-100 to 0-1, size
    estimated as a font size (the page's median word height, or a taller word's own, over 0.7); empty words and
    Tesseract's non-words (confidence -1) are left out."""
    scale = 72.0 / dpi
    words = [w for w in (_word(row, scale) for row in _rows(tsv)) if w is not None]
    if not words:
        return []
    body = statistics.median(w.height for w in words)
    return [replace(w, size=max(body, w.height) * _EM_PER_HEIGHT) for w in words]


def page_of_words(number: int, width_px: int, height_px: int, dpi: float, words: list[Word]) -> Page:
    scale = 72.0 / dpi
    return Page(number, width_px * scale, height_px * scale, tuple(words))


@dataclass(frozen=True)
class WordSpans:
    """Character spans of OCR words in a document's text, sorted, with their confidences."""

    starts: tuple[int, ...] = ()
    ends: tuple[int, ...] = ()
    confidences: tuple[float, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.starts)

    def lowest(self, *spans: tuple[int, int] | None) -> float | None:
        """The lowest confidence of the words that overlap any of ``spans``; None when no OCR word does."""
        found = None
        for span in spans:
            if not span:
                continue
            start, end = span
            i = max(bisect.bisect_right(self.starts, start) - 1, 0)
            while i < len(self.starts) and self.starts[i] < end:
                if self.ends[i] > start:
                    found = self.confidences[i] if found is None else min(found, self.confidences[i])
                i += 1
        return found


def _page_spans(text: str, offset: int, page: Page) -> list[tuple[int, int, float]]:
    """Where each word of ``page`` stands in its rendered text: the renderer writes a page's words in order,
    one row per line, with only spaces between them, so each word is the next match of its text."""
    spans = []
    lines = text.split("\n")
    line_no, line_start, pos = 0, 0, 0
    for word in page.words:
        while line_no < len(lines) and (found := lines[line_no].find(word.text, pos)) < 0:
            line_start += len(lines[line_no]) + 1
            line_no, pos = line_no + 1, 0
        if line_no >= len(lines):
            break
        pos = found + len(word.text)
        if word.confidence is not None:
            spans.append((offset + line_start + found, offset + line_start + pos, word.confidence))
    return spans


def word_spans(document: Document) -> WordSpans:
    """The spans of the OCR words of ``document`` (empty for text layers and text files)."""
    if not any(w.confidence is not None for page in document.layout for w in page.words):
        return WordSpans()
    spans: list[tuple[int, int, float]] = []
    offset = 0
    texts = document.text.split("\f")
    for text, page in zip(texts, document.layout):
        spans.extend(_page_spans(text, offset, page))
        offset += len(text) + 1
    spans.sort()
    return WordSpans(tuple(s for s, _, _ in spans), tuple(e for _, e, _ in spans), tuple(c for _, _, c in spans))
