"""Input loaders, in a registry: each turns a file's bytes into a :class:`~.page.Document`.

A loader is picked by content first (``sniff``: a PDF is a PDF whatever its name), then by
suffix.  Register your own with :func:`register_loader`; the OCR loader for scans and
photos (:mod:`reportparse.ocr.loader`) plugs in the same way, and takes the OCR options
(``ocr=True``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import Errors, ReportParseError
from ..ocr.options import OcrOptions
from ..params import ParseParams
from .page import Document, Page, Word
from .pdf import read_pdf

__all__ = ["Loader", "LOADERS", "register_loader", "load_document", "decode_text", "text_pages", "report_suffixes"]

LoadFunc = Callable[[bytes, str, ParseParams], Document]


@dataclass(frozen=True)
class Loader:
    name: str
    suffixes: tuple[str, ...]
    load: LoadFunc
    sniff: Callable[[bytes], bool] | None = None  # True when the bytes are this loader's kind
    ocr: bool = False  # load() also takes ``ocr=OcrOptions`` (scans, photos, PDF pages without text)


LOADERS: dict[str, Loader] = {}


def register_loader(name: str, *, suffixes: tuple[str, ...], sniff: Callable[[bytes], bool] | None = None,
                    ocr: bool = False) -> Callable[[LoadFunc], LoadFunc]:
    """Decorator: ``@register_loader("docx", suffixes=(".docx",))`` over ``load(data, source, params)``
    (``load(data, source, params, ocr=OcrOptions)`` with ``ocr=True``)."""
    def register(func: LoadFunc) -> LoadFunc:
        LOADERS[name] = Loader(name, tuple(s.lower() for s in suffixes), func, sniff, ocr)
        return func
    return register


def report_suffixes() -> set[str]:
    """Suffixes a batch picks up when it walks folders."""
    return {suffix for loader in LOADERS.values() for suffix in loader.suffixes if suffix}


def decode_text(data: bytes, source: str) -> str:
    """Decode a text file (UTF-8 with or without BOM, else Windows-1252); refuse binary data."""
    if not data.strip():
        raise ReportParseError(Errors.E007, path=source)
    sample = data[:4096]
    if b"\x00" in sample:
        raise ReportParseError(Errors.E008, path=source, detail="it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    control = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if control > 0.05 * min(len(text), 4096) or text[:4096].count("\ufffd") > 0.05 * min(len(text), 4096):
        raise ReportParseError(Errors.E008, path=source, detail="most of it is not printable text")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReportParseError(Errors.E007, path=source)
    return text


def text_pages(text: str) -> tuple[Page, ...]:
    """Pages of words of a text file: x in character columns, y in lines."""
    pages = []
    for number, page in enumerate(text.split("\f"), start=1):
        words = []
        rows = page.split("\n")
        for y, row in enumerate(rows):
            col = 0
            for token in row.split(" "):
                if token.strip():
                    words.append(Word(token, col, col + len(token), y, y + 1))
                col += len(token) + 1
        pages.append(Page(number, max((len(r) for r in rows), default=0), len(rows), tuple(words), unit="char"))
    return tuple(pages)


def _is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


@register_loader("pdf", suffixes=(".pdf",), sniff=_is_pdf, ocr=True)
def load_pdf(data: bytes, source: str, params: ParseParams, ocr: OcrOptions | None = None) -> Document:
    """Text layers through pdfminer; with OCR options other than "never", pages without one through OCR."""
    if ocr is not None and ocr.mode != "never":
        from ..ocr.loader import load_pdf_ocr  # here, not above: reportparse.ocr builds on this module

        return load_pdf_ocr(data, source, params, ocr)
    texts, pages = read_pdf(data, source, params)
    return Document("\f".join(texts), len(texts), "pdf", tuple(pages))


@register_loader("text", suffixes=(".txt", ".text"))
def load_text(data: bytes, source: str, params: ParseParams) -> Document:
    text = decode_text(data, source)
    return Document(text, text.count("\f") + 1, "text", text_pages(text))


@register_loader("markdown", suffixes=(".md", ".markdown"))
def load_markdown(data: bytes, source: str, params: ParseParams) -> Document:
    text = decode_text(data, source)
    return Document(text, text.count("\f") + 1, "markdown", text_pages(text))


def _pick(data: bytes, path: Path) -> Loader:
    for loader in LOADERS.values():
        if loader.sniff is not None and loader.sniff(data):
            return loader
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raise ReportParseError(Errors.E002, path=str(path))
    for loader in LOADERS.values():
        if suffix in loader.suffixes:
            return loader
    return LOADERS["text"]  # unknown suffixes are read as text (binary data is refused there)


def load_document(path: str | Path, params: ParseParams = ParseParams(), ocr: OcrOptions | None = None) -> Document:
    """Read a report file with the loader that fits it; coded errors for unusable input.  ``ocr`` says how scans
    and photos are read (default ``OcrOptions()``: images and PDF pages without text through OCR)."""
    path = Path(path)
    source = str(path)
    if not path.exists():
        raise ReportParseError(Errors.E001, path=source)
    if path.is_dir():
        raise ReportParseError(Errors.E010, path=source, detail="it is a folder; use the CLI or parse_folder()")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ReportParseError(Errors.E010, path=source, detail=exc.strerror or str(exc)) from None
    if not data.strip():
        raise ReportParseError(Errors.E007, path=source)
    loader = _pick(data, path)
    if loader.ocr:
        return loader.load(data, source, params, ocr=ocr or OcrOptions())
    return loader.load(data, source, params)
