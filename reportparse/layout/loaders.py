"""Input loaders, in a registry: each turns a file's bytes into a :class:`~.page.Document`.

A loader is picked by content first (``sniff``: a PDF is a PDF whatever its name), then by
suffix.  Register your own with :func:`register_loader`; the OCR loader for scans and
photos (:mod:`reportparse.ocr.loader`) plugs in the same way, and takes the OCR options
(``ocr=True``).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..errors import Errors, ReportParseError
from ..limits import LIMITS
from ..ocr.options import OcrOptions
from ..params import ParseParams
from .encodings import NotText, UnknownEncoding, check_printable, decode_bytes
from .page import Document, Page, Word
from .pdf import read_pdf
from .pdf_options import PdfOptions

__all__ = ["Loader", "LOADERS", "register_loader", "load_document", "decode_text", "text_pages", "report_suffixes"]

LoadFunc = Callable[[bytes, str, ParseParams], Document]


@dataclass(frozen=True)
class Loader:
    name: str
    suffixes: tuple[str, ...]
    load: LoadFunc
    sniff: Callable[[bytes], bool] | None = None  # True when the bytes are this loader's kind
    ocr: bool = False  # load() also takes ``ocr=OcrOptions`` (scans, photos, PDF pages without text)
    pdf: bool = False  # load() also takes ``pdf=PdfOptions`` (the PDF engine and its limits)


LOADERS: dict[str, Loader] = {}


def register_loader(name: str, *, suffixes: tuple[str, ...], sniff: Callable[[bytes], bool] | None = None,
                    ocr: bool = False, pdf: bool = False) -> Callable[[LoadFunc], LoadFunc]:
    """Decorator: ``@register_loader("docx", suffixes=(".docx",))`` over ``load(data, source, params)``
    (``load(data, source, params, ocr=OcrOptions)`` with ``ocr=True``, and ``pdf=PdfOptions`` with ``pdf=True``)."""
    def register(func: LoadFunc) -> LoadFunc:
        LOADERS[name] = Loader(name, tuple(s.lower() for s in suffixes), func, sniff, ocr, pdf)
        return func
    return register


def report_suffixes() -> set[str]:
    """Suffixes a batch picks up when it walks folders."""
    return {suffix for loader in LOADERS.values() for suffix in loader.suffixes if suffix}


def decode_text(data: bytes, source: str) -> str:
    """Decode a text file: UTF-8, UTF-16 or UTF-32 with or without a byte-order mark, Shift-JIS or Windows-1252
    (:mod:`.encodings` tells which).  Refuse what is empty (E007), binary (E008), in an encoding that cannot be
    told (E044), or longer than a parse reads (E043 for the bytes, E042 for the characters)."""
    if not data.strip():
        raise ReportParseError(Errors.E007, path=source)
    if len(data) > _MAX_TEXT_BYTES:
        raise ReportParseError(Errors.E043, path=source, size=len(data), limit=_MAX_TEXT_BYTES)
    try:
        decoded = decode_bytes(data)
        check_printable(decoded.text, decoded.encoding)
    except NotText as exc:
        raise ReportParseError(Errors.E008, path=source, detail=str(exc)) from None
    except UnknownEncoding as exc:
        raise ReportParseError(Errors.E044, path=source, detail=str(exc)) from None
    text = decoded.text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ReportParseError(Errors.E007, path=source)
    if len(text) > LIMITS.max_text_chars:
        raise ReportParseError(Errors.E042, path=source, chars=len(text), limit=LIMITS.max_text_chars)
    return text


_MAX_TEXT_BYTES = 4 * LIMITS.max_text_chars + 4  # UTF-32 spends four bytes a character


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


@register_loader("pdf", suffixes=(".pdf",), sniff=_is_pdf, ocr=True, pdf=True)
def load_pdf(data: bytes, source: str, params: ParseParams, ocr: OcrOptions | None = None,
             pdf: PdfOptions | None = None) -> Document:
    """Text layers through the PDF engine of ``pdf`` (:class:`PdfOptions`); with OCR options other than "never",
    pages without one through OCR."""
    pdf = pdf or PdfOptions()
    if ocr is not None and ocr.mode != "never":
        from ..ocr.loader import load_pdf_ocr  # here, not above: reportparse.ocr builds on this module

        return load_pdf_ocr(data, source, params, ocr, pdf)
    texts, pages = read_pdf(data, source, params, pdf)
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


_SPECIAL_FILES = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
                  (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))


def _read_file(path: Path, source: str) -> bytes:
    """The bytes of a regular file, at most ``LIMITS.max_file_bytes`` of them; a coded error that says what is
    wrong with any other path (missing, a link to nothing or to itself, no permission, a folder, a pipe)."""
    if "\x00" in source:  # os.stat would raise a bare ValueError
        raise ReportParseError(Errors.E010, path=source.replace("\x00", "\\x00"),
                               detail="the path holds a NUL character")
    try:
        info = os.stat(path)
    except OSError as exc:
        raise _os_error(exc, path, source) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReportParseError(Errors.E010, path=source, detail="it is a folder; use the CLI or parse_folder()")
    if not stat.S_ISREG(info.st_mode):  # never opened: a FIFO blocks, a device never ends
        kind = next((name for test, name in _SPECIAL_FILES if test(info.st_mode)), "a special file")
        raise ReportParseError(Errors.E047, path=source, kind=kind)
    try:
        with open(path, "rb") as f:
            data = f.read(LIMITS.max_file_bytes + 1)  # the size stat gives may be wrong (/proc) or grow
    except OSError as exc:
        raise _os_error(exc, path, source) from None
    if len(data) > LIMITS.max_file_bytes:
        raise ReportParseError(Errors.E043, path=source, size=max(len(data), info.st_size),
                               limit=LIMITS.max_file_bytes)
    return data


def _os_error(exc: OSError, path: Path, source: str) -> ReportParseError:
    """The coded error for an OSError met while opening or reading ``path``."""
    code = exc.errno
    detail = exc.strerror or str(exc)
    if code == errno.ENOENT:
        if os.path.islink(path):
            return ReportParseError(Errors.E048, path=source, target=os.readlink(path))
        return ReportParseError(Errors.E001, path=source)
    if code == errno.ELOOP:
        return ReportParseError(Errors.E045, path=source, detail=detail)
    if code in (errno.EACCES, errno.EPERM):
        return ReportParseError(Errors.E046, path=source, detail=detail)
    if code == errno.ENOTDIR:
        return ReportParseError(Errors.E010, path=source, detail="a part of the path is a file, not a folder")
    name = errno.errorcode.get(code, "") if code is not None else ""
    return ReportParseError(Errors.E010, path=source, detail=f"{detail} ({name})" if name else detail)


def load_document(path: str | Path, params: ParseParams = ParseParams(), ocr: OcrOptions | None = None,
                  pdf: PdfOptions | None = None) -> Document:
    """Read a report file with the loader that fits it; coded errors for unusable input.  ``ocr`` says how scans
    and photos are read (default ``OcrOptions()``: images and PDF pages without text through OCR), ``pdf`` how
    PDF text layers are (default ``PdfOptions()``: the fast engine, the other one for pages it finds empty)."""
    path = Path(path)
    source = str(path)
    data = _read_file(path, source)
    if not data.strip():
        raise ReportParseError(Errors.E007, path=source)
    loader = _pick(data, path)
    options = {"ocr": ocr or OcrOptions()} if loader.ocr else {}
    if loader.pdf:
        options["pdf"] = pdf or PdfOptions()
    return loader.load(data, source, params, **options)
