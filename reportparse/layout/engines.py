"""PDF engines in a registry: each reads a PDF's bytes into one :class:`~.page.PageText` (glyphs with boxes) per page.

``pdfminer`` (:mod:`.pdfminer_engine`) is the reference, ``pdfium`` (:mod:`.pdfium_engine`) the fast one; both give
the glyph boxes pdfminer's ``LTChar`` has, so words, rows and values do not depend on the engine.
:func:`read_pdf_pages` runs the engines :class:`~.pdf_options.PdfOptions` names: with "auto", the pages where the
first finds no text go to the second before a page is called blank or scanned (pdfminer cannot decode text set in a
font whose encoding CMap is embedded in the file, and finds nothing on such pages; it writes "(cid:12)" for glyphs
of a CID font without a ToUnicode map, where pdfium takes the CIDs for Unicode).  Register another engine
with :func:`register_pdf_engine`.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from ..errors import Errors, ReportParseError
from .limits import check_streams, on_page
from .page import PageText
from .pdf_options import PdfOptions
from .pdfium_engine import read_pdfium
from .pdfminer_engine import read_pdfminer

__all__ = ["PDF_ENGINES", "PdfEngine", "register_pdf_engine", "read_pdf_pages"]

# (data, source, options, 0-based pages to read or None for all) -> those pages, in order
PdfEngine = Callable[[bytes, str, PdfOptions, Collection[int] | None], list[PageText]]
PDF_ENGINES: dict[str, PdfEngine] = {"pdfminer": read_pdfminer, "pdfium": read_pdfium}


def register_pdf_engine(name: str) -> Callable[[PdfEngine], PdfEngine]:
    """Decorator: ``@register_pdf_engine("mine")`` over ``read(data, source, options, pages) -> list[PageText]``,
    then ``PdfOptions(engine="mine")``.  Raise :class:`ReportParseError` (E004 for a file it cannot read)."""
    def register(func: PdfEngine) -> PdfEngine:
        PDF_ENGINES[name] = func
        return func
    return register


def _read(name: str, data: bytes, source: str, options: PdfOptions,
          pages: Collection[int] | None = None) -> list[PageText]:
    """One engine's pages, without the glyphs a viewer would never show (far outside the page)."""
    margin = options.offpage_margin
    return [page._replace(chars=on_page(page.chars, page.width, page.height, margin))
            for page in PDF_ENGINES[name](data, source, options, pages)]


def _whole(data: bytes, source: str, options: PdfOptions) -> tuple[list[PageText], str]:
    """The first engine that can open the document (a file one finds damaged, the next may read), and its name."""
    failures: list[ReportParseError] = []
    for name in options.engines:
        try:
            return _read(name, data, source, options), name
        except ReportParseError as exc:
            if exc.code != "E004":  # encrypted, or over a limit: the next engine would say the same
                raise
            failures.append(exc)
    if len(failures) == 1:
        raise failures[0]
    detail = "; ".join(str(exc.fields.get("detail")) for exc in failures)
    raise ReportParseError(Errors.E004, path=source, detail=detail)


def _readable(page: PageText) -> int:
    """Glyphs with text: pdfminer writes "(cid:12)" for a glyph its font cannot map to Unicode."""
    return sum(1 for c in page.chars if not c.text.startswith("(cid:"))


def _needs_another(page: PageText) -> bool:
    """No glyph, or mostly glyphs without text: let the other engine try."""
    return _readable(page) * 2 <= len(page.chars) if page.chars else True


def _fill_empty(pages: list[PageText], data: bytes, source: str, options: PdfOptions,
                read_by: str) -> ReportParseError | None:
    """Pages without (readable) glyphs read again by the other engines, and replaced where one reads more; the
    error of an engine that could not read them (they may be damaged rather than blank)."""
    failure = None
    for name in options.engines:
        wanting = [index for index, page in enumerate(pages) if _needs_another(page)]
        if not wanting:
            break
        if name == read_by:
            continue
        try:
            again = _read(name, data, source, options, frozenset(wanting))
        except ReportParseError as exc:
            if exc.code != "E004":
                raise
            failure = exc  # the first engine read the file: its pages stand
            continue
        for index, page in zip(wanting, again):
            if _readable(page) > _readable(pages[index]):
                pages[index] = page
    return failure


def read_pdf_pages(data: bytes, source: str = "<bytes>", *, require_text: bool = True,
                   options: PdfOptions = PdfOptions()) -> list[PageText]:
    """One :class:`PageText` per page; coded errors for unusable files, and for a document without any text when
    ``require_text`` (the OCR path reads such pages instead)."""
    if b"%PDF-" not in data[:1024]:
        raise ReportParseError(Errors.E002, path=source)
    check_streams(data, source, options)
    pages, read_by = _whole(data, source, options)
    failure = _fill_empty(pages, data, source, options, read_by) if len(options.engines) > 1 else None
    if not pages:
        raise ReportParseError(Errors.E005, path=source)
    if require_text and not any(page.chars for page in pages):
        if failure is not None:  # one engine found nothing, the other could not read it: damaged, not blank
            raise failure
        if any(page.images for page in pages):
            raise ReportParseError(Errors.E006, path=source, pages=len(pages))
        raise ReportParseError(Errors.E014, path=source, pages=len(pages))
    return pages
