"""The pdfminer engine: every glyph pdfminer's interpreter draws, as :class:`~.page.PdfChar` (the reference path).

pdfminer is pure Python: it reads what its parser understands and raises a zoo of exceptions on what it does not
(``AssertionError`` for an invalid octal escape or a bad trailer, ``RuntimeError`` from a run-length decoder,
``KeyError``, ``RecursionError``...).  Everything it raises becomes a coded error here (E003 encrypted, E004
damaged, with the exception's type in the message); nothing of pdfminer's escapes this module.
"""

from __future__ import annotations

import io
from collections.abc import Collection

from ..errors import Errors, ReportParseError
from .limits import CharBudget, OperatorBudget, count_operators
from .page import PageText, PdfChar
from .pdf_options import PdfOptions

__all__ = ["read_pdfminer"]

_BOLD = ("bold", "black", "heavy")  # in a font name: the glyph counts as bold


def _detail(exc: BaseException) -> str:
    text = str(exc)
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _open_document(data: bytes, source: str):
    """Parse the PDF structure; encryption pdfminer cannot open is E003."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect

    try:
        return PDFDocument(_parser(data))
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReportParseError(Errors.E003, path=source, detail=str(exc) or type(exc).__name__) from None
    except NotImplementedError as exc:  # unsupported encryption handlers end up here
        raise ReportParseError(Errors.E003, path=source, detail=str(exc) or "unsupported encryption") from None


def _parser(data: bytes):
    from pdfminer.pdfparser import PDFParser

    return PDFParser(io.BytesIO(data))


def _aggregator(resources, budget: CharBudget):
    """pdfminer's page aggregator without layout analysis (raw glyph boxes are all we need), counting glyphs."""
    from pdfminer.converter import PDFPageAggregator

    class Aggregator(PDFPageAggregator):
        def render_char(self, *args, **kwargs):
            budget.add()
            return super().render_char(*args, **kwargs)

    return Aggregator(resources, laparams=None)


def _interpreter(resources, device, budget: OperatorBudget):
    """pdfminer's interpreter, counting the operators of every content stream before it runs them (forms too:
    pdfminer runs a form with ``dup()``, an interpreter of the same class, each time the page draws it)."""
    from pdfminer.pdfinterp import PDFPageInterpreter
    from pdfminer.pdftypes import PDFStream, resolve1

    class Interpreter(PDFPageInterpreter):
        def execute(self, streams) -> None:
            for item in streams:
                stream = resolve1(item)
                if isinstance(stream, PDFStream):
                    budget.add(count_operators(stream.get_data() or b""))
            super().execute(streams)

    return Interpreter(resources, device)


def _page_chars(layout) -> tuple[list[PdfChar], int]:
    """The printable glyphs of a page's layout tree, and how many images and forms (figures) it holds."""
    from pdfminer.layout import LTChar, LTFigure, LTImage

    chars: list[PdfChar] = []
    images = 0
    stack = [layout]
    while stack:
        node = stack.pop()
        if isinstance(node, LTChar):
            text = node.get_text()
            if text and not text.isspace() and node.x1 > node.x0:
                font = node.fontname.lower()
                chars.append(PdfChar(text, node.x0, node.x1, node.y0, node.y1, node.size,
                                     any(word in font for word in _BOLD)))
        elif isinstance(node, LTImage):
            images += 1
        elif isinstance(node, LTFigure):
            images += 1
            stack.extend(node)
        elif hasattr(node, "__iter__"):
            stack.extend(node)
    return chars, images


def _size(page) -> tuple[float, float]:
    """The page's width and height as shown: pdfminer turns the glyphs by /Rotate, so 90 and 270 swap them."""
    x0, y0, x1, y1 = page.mediabox
    width, height = float(x1 - x0), float(y1 - y0)
    return (height, width) if page.rotate in (90, 270) else (width, height)


def read_pdfminer(data: bytes, source: str, options: PdfOptions,
                  pages: Collection[int] | None = None) -> list[PageText]:
    """The glyphs of every page (or of the 0-based ``pages``), in page order."""
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    budget = CharBudget(source, options)
    operators = OperatorBudget(source, options)
    read: list[PageText] = []
    try:
        document = _open_document(data, source)
        resources = PDFResourceManager(caching=True)
        device = _aggregator(resources, budget)
        interpreter = _interpreter(resources, device, operators)
        for index, page in enumerate(PDFPage.create_pages(document)):
            if index >= options.max_pages:
                raise ReportParseError(Errors.E051, path=source, pages=index + 1, limit=options.max_pages)
            if pages is not None and index not in pages:
                continue
            budget.start_page(index + 1)
            operators.start_page(index + 1)
            interpreter.process_page(page)
            chars, images = _page_chars(device.get_result())
            width, height = _size(page)
            read.append(PageText(chars, width, height, images))
    except ReportParseError:
        raise
    except Exception as exc:  # noqa: BLE001 - anything pdfminer raises is a file it cannot read
        raise ReportParseError(Errors.E004, path=source, detail=f"pdfminer: {_detail(exc)}") from None
    return read
