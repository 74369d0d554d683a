"""Words from a PDF's text layer, with their geometry.

pdfminer's own ``extract_text`` orders text by its layout analysis, which splits table
columns into separate boxes (all names first, then all results).  Lab reports are tables,
so we work from the characters instead: an engine (:mod:`.engines`: pdfminer or pdfium)
gives the glyphs of each page, glyphs that touch on one baseline become words
(:class:`~.page.Word`, top-down coordinates in points), and :mod:`.render` lays the words
out as rows and cells.
"""

from __future__ import annotations

import statistics
from itertools import repeat
from math import floor

from ..params import ParseParams
from .engines import read_pdf_pages
from .page import Page, PdfChar, Word
from .pdf_options import PdfOptions
from .render import render_words

__all__ = ["PdfChar", "read_pdf_pages", "pdf_words", "read_pdf", "text_layer_page"]

_WIDTH_SLACK = 1e-3  # thousandths: pdfium's single-precision widths come back as 819.99999 for 820


def _median(values: tuple[float, ...]) -> float:
    """``statistics.median``, to the bit, without its overhead (a word's glyphs mostly share one size)."""
    first = values[0]
    if all(value == first for value in values):
        return first
    ordered = sorted(values)
    half = len(ordered) // 2
    return ordered[half] if len(ordered) % 2 else (ordered[half - 1] + ordered[half]) / 2


def _word(chars: list[PdfChar], height: float) -> Word:
    texts, x0s, x1s, bottoms, tops, sizes, bolds = zip(*chars)  # PdfChar is a tuple: columns in one pass
    return Word("".join(texts), x0s[0], max(x1s), height - max(tops), height - min(bottoms), _median(sizes),
                sum(bolds) * 2 > len(chars))


def pdf_words(chars: list[PdfChar], height: float, params: ParseParams = ParseParams()) -> list[Word]:
    """Join glyphs that share a baseline and touch into words (top-down coordinates)."""
    # Glyphs by baseline (to a tenth of a point), then left to right; the index keeps equal keys in input order
    # as a stable sort by key would.  Written for speed: this runs once per glyph of every page.
    _, x0s, _, bottoms, *_ = zip(*chars) if chars else ((),) * 7
    order = sorted(zip(map(round, bottoms, repeat(1)), x0s, range(len(chars))))
    word_gap = params.word_gap
    words: list[Word] = []
    cur: list[PdfChar] = []
    p_text, p_x0, p_x1, p_bottom, p_size = "", 0.0, 0.0, 0.0, 0.0
    for _, _, index in order:
        ch = chars[index]
        text, x0, x1, bottom, _, size, _ = ch
        if cur:
            same_line = abs(bottom - p_bottom) < 0.5
            # Overprinted glyphs (fake bold) repeat the same char at almost the same spot.
            if same_line and text == p_text and abs(x0 - p_x0) < 0.15 * size:
                continue
            if not same_line or x0 - p_x1 > word_gap * max(size, p_size) or x0 < p_x0:
                words.append(_word(cur, height))
                cur = []
        cur.append(ch)
        p_text, p_x0, p_x1, p_bottom, p_size = text, x0, x1, bottom, size
    if cur:
        words.append(_word(cur, height))
    return words


def _char_width(chars: list[PdfChar]) -> float:
    """The page's character grid: the median advance of its letters and digits, each taken in whole thousandths
    of its font size.  Fonts declare widths in thousandths; pdfium keeps only the whole part of a fractional one
    (820.8 -> 820), pdfminer all of it, and a grid 0.1 % apart moves a word across a column here and there.
    Floored, both engines give one grid."""
    widths = [floor((c.x1 - c.x0) / c.size * 1000 + _WIDTH_SLACK) * c.size / 1000
              for c in chars if c.text.isalnum() and c.size > 0]
    return round(statistics.median(widths), 6) if widths else 5.0


def text_layer_page(number: int, chars: list[PdfChar], width: float, height: float,
                    params: ParseParams = ParseParams()) -> tuple[str, Page]:
    """A page's rendered text and its page of words, from its glyphs."""
    words = pdf_words(chars, height, params)
    lines = render_words(words, params, _char_width(chars)) if chars else []
    return "\n".join(line for line, _ in lines), Page(number, width, height, tuple(w for _, row in lines for w in row))


def read_pdf(data: bytes, source: str = "<bytes>", params: ParseParams = ParseParams(),
             options: PdfOptions = PdfOptions()) -> tuple[list[str], list[Page]]:
    """One rendered text per page, and the pages of words (text layers only: :mod:`reportparse.ocr` reads scans);
    ``options`` picks the engine and its limits."""
    texts: list[str] = []
    pages: list[Page] = []
    for number, page in enumerate(read_pdf_pages(data, source, options=options), start=1):
        text, words = text_layer_page(number, page.chars, page.width, page.height, params)
        texts.append(text)
        pages.append(words)
    return texts, pages
