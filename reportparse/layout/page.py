"""The page model every input kind shares: pages of positioned words.

PDF text layers give glyphs (:class:`PdfChar`, from either PDF engine) that become words in
points; text files give words in character cells (column, line); OCR engines give word boxes
with a confidence.  The renderer (:mod:`.render`) turns words into the text lines the pipeline
reads, and records where each word landed, so a value's span leads back to its words and
their boxes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from ..records import ParseWarning

__all__ = ["PdfChar", "PageText", "Word", "Page", "Document"]


class PdfChar(NamedTuple):
    """One glyph of a PDF text layer, in PDF space as pdfminer's ``LTChar`` (origin at the page's bottom left,
    after the page's /Rotate): for upright text ``x1 - x0`` is the glyph's advance and ``top - bottom`` its font
    size.  A named tuple, not a dataclass: a page's glyphs turn into columns in one call (``zip(*chars)``) and
    unpack as tuples in the word builder, which runs once per glyph."""

    text: str
    x0: float
    x1: float
    bottom: float  # pdf y0 (origin at page bottom)
    top: float  # pdf y1
    size: float
    bold: bool


class PageText(NamedTuple):
    """A page's glyphs as a PDF engine read them, the page's size after /Rotate (points), and how many images
    and forms it draws (a page without glyphs but with images is a scan)."""

    chars: list[PdfChar]
    width: float
    height: float
    images: int = 0


@dataclass(frozen=True, slots=True)
class Word:
    """A word (or a run of glyphs without a wide gap) and its box; ``top`` < ``bottom``, y grows downwards."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 1.0  # font size (points) or 1.0 for text files
    bold: bool = False
    confidence: float | None = None  # an OCR engine's confidence in [0, 1]; None for text layers

    @property
    def height(self) -> float:
        return self.bottom - self.top


@dataclass(frozen=True, slots=True)
class Page:
    number: int  # 1-based
    width: float
    height: float
    words: tuple[Word, ...] = ()
    unit: str = "pt"  # "pt" (PDF, OCR pixels scaled to points) or "char" (text files: columns and lines)


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded input: the text the pipeline reads (pages separated by form feeds) and its pages of words."""

    text: str
    pages: int
    kind: str  # the loader that read it: "pdf", "text", "markdown", "image", ...
    layout: tuple[Page, ...] = field(default=())
    warnings: tuple[ParseWarning, ...] = ()  # about the input itself: blank pages, pages read by OCR
