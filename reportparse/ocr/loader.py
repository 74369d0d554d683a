"""The OCR input path: images (PNG, JPEG, multi-page TIFF) and the PDF pages that have no text layer.

Each page image is prepared (:mod:`.prepare`), read by Tesseract (:mod:`.engine`) into words with boxes and
confidences (:mod:`.words`), and laid out by the same renderer as PDF glyphs, so tables are read the same way.
In a PDF, pages with a text layer keep their glyphs (read by the PDF engines of :mod:`reportparse.layout.engines`);
only the others are rendered and read (``--ocr auto``).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ..errors import Errors, ReportParseError, Warnings
from ..layout.loaders import register_loader
from ..layout.page import Document, Page
from ..layout.pdf import read_pdf_pages, text_layer_page
from ..layout.pdf_options import PdfOptions
from ..layout.render import render_words
from ..params import ParseParams
from ..records import ParseWarning
from .engine import check_engine, recognise
from .images import IMAGE_SUFFIXES, PageImage, is_image, open_image_pages, render_pdf_pages
from .ink import is_blank
from .options import OcrOptions
from .prepare import prepare_page
from .repair import repair_words

# A module reference, not names: importing .words first imports reportparse.layout, which imports this module
# while .words is still loading.
from . import words as _words  # noqa: E402  (isort: keep after the imports above)

__all__ = ["OcrPage", "read_page", "read_pages", "load_image", "load_pdf_ocr"]


@dataclass(frozen=True)
class OcrPage:
    text: str
    page: Page
    blank: bool = False
    notes: tuple[str, ...] = ()


def read_page(image: PageImage, options: OcrOptions, params: ParseParams = ParseParams()) -> OcrPage:
    """One page image to its rendered text and its page of words (in points)."""
    prepared = prepare_page(image, options)
    tsv = recognise(prepared.image, options, dpi=prepared.dpi, source=image.source, page=image.number)
    words = repair_words(_words.tsv_words(tsv, prepared.dpi))
    lines = render_words(words, params)
    page = _words.page_of_words(image.number, prepared.image.width, prepared.image.height, prepared.dpi,
                                [w for _, row in lines for w in row])
    return OcrPage("\n".join(text for text, _ in lines), page, notes=prepared.notes)


def _blank_page(image: PageImage) -> OcrPage:
    scale = 72.0 / image.dpi
    return OcrPage("", Page(image.number, image.image.width * scale, image.image.height * scale), blank=True)


def read_pages(images: list[PageImage], options: OcrOptions, params: ParseParams, *, pages: int) -> list[OcrPage]:
    """Read page images; blank ones are skipped (W007), and a document of ``pages`` pages that are all blank is
    E014.  Tesseract is looked for only when there is something to read."""
    blank = [is_blank(image.image) for image in images]
    if images and all(blank) and len(images) == pages:
        raise ReportParseError(Errors.E014, path=images[0].source, pages=pages)
    if not all(blank):
        check_engine(options, images[0].source)
    return [_blank_page(image) if empty else read_page(image, options, params) for image, empty in zip(images, blank)]


def _warnings(read: list[OcrPage]) -> tuple[ParseWarning, ...]:
    found = [ParseWarning("W007", Warnings.W007.format(page=p.page.number)) for p in read if p.blank]
    seen = [p for p in read if not p.blank]
    if seen:
        confidences = [w.confidence for p in seen for w in p.page.words if w.confidence is not None]
        notes = [note for p in seen for note in p.notes]
        found.append(ParseWarning("W008", Warnings.W008.format(
            pages=", ".join(str(p.page.number) for p in seen),
            confidence=statistics.fmean(confidences) if confidences else 0.0,
            notes=f" ({'; '.join(notes)})" if notes else "")))
    return tuple(found)


def _document(texts: list[str], pages: list[Page], kind: str, read: list[OcrPage]) -> Document:
    return Document("\f".join(texts), len(pages), kind, tuple(pages), warnings=_warnings(read))


@register_loader("image", suffixes=IMAGE_SUFFIXES, sniff=is_image, ocr=True)
def load_image(data: bytes, source: str, params: ParseParams, ocr: OcrOptions | None = None) -> Document:
    """A photo or scan: every frame of the file is a page read by OCR."""
    options = ocr or OcrOptions()
    if options.mode == "never":
        raise ReportParseError(Errors.E041, path=source)
    images = open_image_pages(data, source, options)  # bad files fail before we look for Tesseract
    read = read_pages(images, options, params, pages=len(images))
    return _document([p.text for p in read], [p.page for p in read], "image", read)


def _needs_ocr(chars: list, options: OcrOptions) -> bool:
    """"always": every page; "auto": a page without a text layer, or with a few glyphs only (a scanner's stamp)."""
    return options.mode == "always" or (options.mode == "auto" and len(chars) < options.min_text_chars)


def _engine_ready(options: OcrOptions, source: str) -> bool:
    try:
        check_engine(options, source)
    except ReportParseError:
        return False
    return True


def load_pdf_ocr(data: bytes, source: str, params: ParseParams, options: OcrOptions,
                 pdf: PdfOptions = PdfOptions()) -> Document:
    """A PDF page by page: text layers through the PDF engines of ``pdf``, the pages without one (all with
    "always") through OCR."""
    layers = read_pdf_pages(data, source, require_text=False, options=pdf)
    scanned = [n for n, layer in enumerate(layers, start=1) if _needs_ocr(layer.chars, options)]
    if options.mode == "auto" and all(layers[n - 1].chars for n in scanned) and not _engine_ready(options, source):
        scanned = []  # only pages with a few glyphs ("Pagina 2 di 2"): without Tesseract their text layer will do
    read: dict[int, OcrPage] = {}
    if scanned:
        images = render_pdf_pages(data, scanned, source, options)
        read = {p.page.number: p for p in read_pages(images, options, params, pages=len(layers))}
    texts, pages = [], []
    for number, layer in enumerate(layers, start=1):
        if number in read:
            texts.append(read[number].text)
            pages.append(read[number].page)
        else:
            text, page = text_layer_page(number, layer.chars, layer.width, layer.height, params)
            texts.append(text)
            pages.append(page)
    return _document(texts, pages, "pdf", list(read.values()))
