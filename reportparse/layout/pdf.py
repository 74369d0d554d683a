"""Words from a PDF's text layer, with their geometry.

pdfminer's own ``extract_text`` orders text by its layout analysis, which splits table
columns into separate boxes (all names first, then all results).  Lab reports are tables,
so we work from the characters instead: glyphs that touch on one baseline become words
(:class:`~.page.Word`, top-down coordinates in points), and :mod:`.render` lays the words
out as rows and cells.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass

from ..errors import Errors, ReportParseError
from ..params import ParseParams
from .page import Page, Word
from .render import render_words

__all__ = ["PdfChar", "read_pdf_pages", "pdf_words", "read_pdf", "text_layer_page"]


@dataclass(frozen=True, slots=True)
class PdfChar:
    text: str
    x0: float
    x1: float
    bottom: float  # pdf y0 (origin at page bottom)
    top: float  # pdf y1
    size: float
    bold: bool


def _open_document(data: bytes, source: str):
    """Parse the PDF structure, turning pdfminer's exceptions into coded errors."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser, PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        parser = PDFParser(io.BytesIO(data))
        return PDFDocument(parser)
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReportParseError(Errors.E003, path=source, detail=str(exc) or type(exc).__name__) from None
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise ReportParseError(Errors.E004, path=source, detail=str(exc) or type(exc).__name__) from None
    except NotImplementedError as exc:  # unsupported encryption handlers end up here
        raise ReportParseError(Errors.E003, path=source, detail=str(exc) or "unsupported encryption") from None


def read_pdf_pages(data: bytes, source: str = "<bytes>", *, require_text: bool = True
                   ) -> list[tuple[list[PdfChar], float, float]]:
    """The characters of every page with the page's width and height; coded errors for unusable files, and for
    a document without any text when ``require_text`` (the OCR path reads such pages instead)."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LTChar, LTFigure, LTImage
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.psparser import PSException

    if b"%PDF-" not in data[:1024]:
        raise ReportParseError(Errors.E002, path=source)
    document = _open_document(data, source)
    resources = PDFResourceManager(caching=True)
    # laparams=None skips pdfminer's layout analysis: we only need raw glyph boxes.
    device = PDFPageAggregator(resources, laparams=None)
    interpreter = PDFPageInterpreter(resources, device)
    pages: list[tuple[list[PdfChar], float, float]] = []
    images = 0
    try:
        for page in PDFPage.create_pages(document):
            interpreter.process_page(page)
            chars: list[PdfChar] = []
            stack = [device.get_result()]
            while stack:
                node = stack.pop()
                if isinstance(node, LTChar):
                    text = node.get_text()
                    if text and not text.isspace() and node.x1 > node.x0:
                        font = node.fontname.lower()
                        chars.append(PdfChar(text, node.x0, node.x1, node.y0, node.y1, node.size,
                                             "bold" in font or "black" in font or "heavy" in font))
                elif isinstance(node, LTImage):
                    images += 1
                elif isinstance(node, LTFigure):
                    images += 1
                    stack.extend(node)
                elif hasattr(node, "__iter__"):
                    stack.extend(node)
            x0, y0, x1, y1 = page.mediabox
            pages.append((chars, float(x1 - x0), float(y1 - y0)))
    except ReportParseError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise ReportParseError(Errors.E004, path=source, detail=str(exc) or type(exc).__name__) from None
    if not pages:
        raise ReportParseError(Errors.E005, path=source)
    if require_text and not any(chars for chars, _, _ in pages):
        if images:
            raise ReportParseError(Errors.E006, path=source, pages=len(pages))
        raise ReportParseError(Errors.E014, path=source, pages=len(pages))
    return pages


def _word(chars: list[PdfChar], height: float) -> Word:
    return Word(
        "".join(c.text for c in chars),
        chars[0].x0,
        max(c.x1 for c in chars),
        height - max(c.top for c in chars),
        height - min(c.bottom for c in chars),
        statistics.median(c.size for c in chars),
        sum(c.bold for c in chars) * 2 > len(chars),
    )


def pdf_words(chars: list[PdfChar], height: float, params: ParseParams = ParseParams()) -> list[Word]:
    """Join glyphs that share a baseline and touch into words (top-down coordinates)."""
    words: list[Word] = []
    cur: list[PdfChar] = []
    for ch in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        if cur:
            prev = cur[-1]
            same_line = abs(ch.bottom - prev.bottom) < 0.5
            # Overprinted glyphs (fake bold) repeat the same char at almost the same spot.
            if same_line and ch.text == prev.text and abs(ch.x0 - prev.x0) < 0.15 * ch.size:
                continue
            if not same_line or ch.x0 - prev.x1 > params.word_gap * max(ch.size, prev.size) or ch.x0 < prev.x0:
                words.append(_word(cur, height))
                cur = []
        cur.append(ch)
    if cur:
        words.append(_word(cur, height))
    return words


def _char_width(chars: list[PdfChar]) -> float:
    widths = [(c.x1 - c.x0) for c in chars if c.text.isalnum()]
    return statistics.median(widths) if widths else 5.0


def text_layer_page(number: int, chars: list[PdfChar], width: float, height: float,
                    params: ParseParams = ParseParams()) -> tuple[str, Page]:
    """A page's rendered text and its page of words, from its glyphs."""
    words = pdf_words(chars, height, params)
    lines = render_words(words, params, _char_width(chars)) if chars else []
    return "\n".join(line for line, _ in lines), Page(number, width, height, tuple(w for _, row in lines for w in row))


def read_pdf(data: bytes, source: str = "<bytes>", params: ParseParams = ParseParams()
             ) -> tuple[list[str], list[Page]]:
    """One rendered text per page, and the pages of words (text layers only: :mod:`reportparse.ocr` reads scans)."""
    texts: list[str] = []
    pages: list[Page] = []
    for number, (chars, width, height) in enumerate(read_pdf_pages(data, source), start=1):
        text, page = text_layer_page(number, chars, width, height, params)
        texts.append(text)
        pages.append(page)
    return texts, pages
