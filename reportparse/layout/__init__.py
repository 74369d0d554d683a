"""Turn an input file into the text the pipeline reads: PDF rows rebuilt, text as is."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, ReportParseError
from .pdf import pdf_to_text

__all__ = ["Document", "load_document", "decode_text"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ".csv", ".tsv", ""}


@dataclass(frozen=True, slots=True)
class Document:
    text: str  # pages separated by form feeds
    pages: int
    kind: str  # "pdf" | "text" | "markdown"


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


def load_document(path: str | Path) -> Document:
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
    if data[:1024].lstrip().startswith(b"%PDF-") or b"%PDF-" in data[:1024]:
        texts, _ = pdf_to_text(data, source)
        return Document("\f".join(texts), len(texts), "pdf")
    if path.suffix.lower() == ".pdf":
        raise ReportParseError(Errors.E002, path=source)
    text = decode_text(data, source)
    kind = "markdown" if path.suffix.lower() in (".md", ".markdown") else "text"
    return Document(text, text.count("\f") + 1, kind)
