"""Rebuild text rows from a PDF's character geometry.

pdfminer's own ``extract_text`` orders text by its layout analysis, which splits table
columns into separate boxes (all names first, then all results).  Lab reports are tables,
so we work from the characters instead: group them into rows by vertical overlap (labels
are often printed a point or two off their values), into words by horizontal gaps, and
render each row the way ``pdftotext -layout`` does -- cells separated by at least two
spaces and aligned on a character grid -- so the row grammar can read one row per line.
"""

from __future__ import annotations

import io
import statistics
from dataclasses import dataclass
from ..errors import ReportParseError, Errors

__all__ = ["PdfChar", "PdfWord", "read_pdf_pages", "render_page", "pdf_to_text"]


@dataclass(frozen=True, slots=True)
class PdfChar:
    text: str
    x0: float
    x1: float
    bottom: float  # pdf y0 (origin at page bottom)
    top: float  # pdf y1
    size: float
    bold: bool


@dataclass(frozen=True, slots=True)
class PdfWord:
    text: str
    x0: float
    x1: float
    bottom: float
    top: float
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


def read_pdf_pages(data: bytes, source: str = "<bytes>") -> list[list[PdfChar]]:
    """Return the characters of every page; coded errors for unusable files."""
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
    pages: list[list[PdfChar]] = []
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
            pages.append(chars)
    except ReportParseError:
        raise
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError) as exc:
        raise ReportParseError(Errors.E004, path=source, detail=str(exc) or type(exc).__name__) from None
    if not pages:
        raise ReportParseError(Errors.E005, path=source)
    if not any(pages):
        if images:
            raise ReportParseError(Errors.E006, path=source, pages=len(pages))
        raise ReportParseError(Errors.E014, path=source, pages=len(pages))
    return pages


def _word(chars: list[PdfChar]) -> PdfWord:
    return PdfWord(
        "".join(c.text for c in chars),
        chars[0].x0,
        max(c.x1 for c in chars),
        min(c.bottom for c in chars),
        max(c.top for c in chars),
        statistics.median(c.size for c in chars),
        sum(c.bold for c in chars) * 2 > len(chars),
    )


def _fragments(chars: list[PdfChar]) -> list[PdfWord]:
    """Join glyphs that share a baseline and touch into word fragments."""
    fragments: list[PdfWord] = []
    cur: list[PdfChar] = []
    for ch in sorted(chars, key=lambda c: (round(c.bottom, 1), c.x0)):
        if cur:
            prev = cur[-1]
            same_line = abs(ch.bottom - prev.bottom) < 0.5
            # Overprinted glyphs (fake bold) repeat the same char at almost the same spot.
            if same_line and ch.text == prev.text and abs(ch.x0 - prev.x0) < 0.15 * ch.size:
                continue
            if not same_line or ch.x0 - prev.x1 > 0.18 * max(ch.size, prev.size) or ch.x0 < prev.x0:
                fragments.append(_word(cur))
                cur = []
        cur.append(ch)
    if cur:
        fragments.append(_word(cur))
    return fragments


def _overlap_ratio(a: PdfWord, b: PdfWord) -> float:
    overlap = min(a.top, b.top) - max(a.bottom, b.bottom)
    return overlap / max(min(a.top - a.bottom, b.top - b.bottom), 0.1)


def _group_rows(fragments: list[PdfWord]) -> list[list[PdfWord]]:
    """Grow rows left to right: a fragment joins the row whose rightmost fragment it overlaps most.

    Comparing with the neighbour on the left, not with a page-wide band, keeps two side-by-side
    tables whose baselines drift apart from merging, and tolerates labels set a point or two
    lower than their values.
    """
    rows: list[list[PdfWord]] = []
    for frag in sorted(fragments, key=lambda f: (f.x0, -f.top)):
        best, best_ratio = None, 0.5
        for row in rows:
            last = row[-1]
            if last.x1 > frag.x0 + 0.5 * frag.size:  # would overlap horizontally: another line
                continue
            ratio = _overlap_ratio(last, frag)
            if ratio >= best_ratio:
                best, best_ratio = row, ratio
        if best is None:
            rows.append([frag])
        else:
            best.append(frag)
    rows.sort(key=lambda r: -(r[0].top + r[0].bottom))
    return rows


def render_page(chars: list[PdfChar]) -> list[tuple[str, list[PdfWord]]]:
    """Render a page as text lines; each line comes with its words (for bold and geometry)."""
    if not chars:
        return []
    widths = [(c.x1 - c.x0) for c in chars if c.text.isalnum()]
    char_width = statistics.median(widths) if widths else 5.0
    char_width = max(char_width, 1.0)
    lines: list[tuple[str, list[PdfWord]]] = []
    for words in _group_rows(_fragments(chars)):
        text = ""
        prev: PdfWord | None = None
        for word in words:
            if prev is None:
                col = int(round(word.x0 / char_width))
                text = " " * max(col, 0)
            else:
                gap = word.x0 - prev.x1
                if gap < 0.9 * max(word.size, prev.size):
                    text += " "
                else:  # a cell boundary: keep it visible and aligned with the grid
                    col = int(round(word.x0 / char_width))
                    text += " " * max(2, col - len(text))
            text += word.text
            prev = word
        lines.append((text.rstrip(), words))
    return lines


def pdf_to_text(data: bytes, source: str = "<bytes>") -> tuple[list[str], list[list[tuple[str, list[PdfWord]]]]]:
    """Return one rendered text per page plus the lines with their words."""
    pages = read_pdf_pages(data, source)
    rendered = [render_page(chars) for chars in pages]
    texts = ["\n".join(line for line, _ in page) for page in rendered]
    return texts, rendered

