"""Split a document into lines and cells, keeping character offsets into the document.

Cells are separated by two or more spaces or a tab (fixed-width layouts: our PDF renderer,
OCR text) or by ``|`` (markdown and ASCII tables).  Markdown emphasis is blanked out in a
working copy of the text with the same length, so every offset still points into the
original document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

__all__ = ["Cell", "Line", "split_lines", "clean_text"]

_EMPHASIS = regex.compile(r"\*\*|__")
_CELL_SPLIT = regex.compile(r"\S(?:.*?\S)?(?=\s{2,}|\t|$)")
_PIPE_RULE = regex.compile(r"^\s*\|?(?:\s*:?-{2,}:?\s*\|?)+\s*$|^\s*[-=_+|\s]{5,}$")


@dataclass(slots=True)
class Cell:
    start: int  # offsets into the document
    end: int
    col0: int  # position in the line (character columns), used to align columns
    col1: int
    text: str
    bold: bool = False


@dataclass(slots=True)
class Line:
    index: int
    start: int
    end: int
    page: int
    text: str  # cleaned text of the line (same length as the original)
    cells: list[Cell] = field(default_factory=list)
    pipe: bool = False  # a markdown / ASCII table row
    heading: bool = False  # a markdown heading ("# ...")
    rule: bool = False  # a table rule ("|---|---|", "-----")


def clean_text(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank markdown emphasis markers; return the cleaned text and the bold spans."""
    bold: list[tuple[int, int]] = []
    markers = [m.start() for m in _EMPHASIS.finditer(text)]
    for a, b in zip(markers[::2], markers[1::2]):
        bold.append((a + 2, b))
    return _EMPHASIS.sub("  ", text), bold


def _is_bold(start: int, end: int, bold: list[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in bold)


def split_lines(text: str) -> list[Line]:
    cleaned, bold = clean_text(text)
    lines: list[Line] = []
    page = 1
    for m in regex.finditer(r"[^\n\f]*(?:\n|\f|$)", cleaned):
        if m.start() == len(cleaned) and m.end() == m.start():
            break
        raw = m.group()
        body = raw.rstrip("\n\f")
        start = m.start()
        line = Line(len(lines), start, start + len(body), page, body)
        stripped = body.strip()
        if stripped.startswith("#"):
            line.heading = True
        if "|" in stripped and (stripped.startswith("|") or stripped.count("|") >= 2):
            line.pipe = True
        if stripped and _PIPE_RULE.match(body):
            line.rule = True
        elif stripped:
            line.cells = _pipe_cells(line, bold) if line.pipe else _space_cells(line, bold)
        lines.append(line)
        if raw.endswith("\f"):
            page += 1
    return lines


def _space_cells(line: Line, bold: list[tuple[int, int]]) -> list[Cell]:
    cells = []
    body = line.text
    if line.heading:
        body = regex.sub(r"^(\s*)#+", lambda m: " " * len(m.group()), body)
    for m in regex.finditer(r"\S(?:[^\t]*?\S)??(?=\s{2,}|\t|\s*$)", body):
        a, b = m.start(), m.end()
        if a == b:
            continue
        cells.append(Cell(line.start + a, line.start + b, a, b, body[a:b],
                          _is_bold(line.start + a, line.start + b, bold)))
    return cells


def _pipe_cells(line: Line, bold: list[tuple[int, int]]) -> list[Cell]:
    cells = []
    body = line.text
    index = 0
    for m in regex.finditer(r"[^|]+", body):
        segment = m.group()
        if not segment.strip():
            index += 1
            continue
        a = m.start() + (len(segment) - len(segment.lstrip()))
        b = m.start() + len(segment.rstrip())
        # Column position is the cell index: markdown columns are not aligned in characters.
        cells.append(Cell(line.start + a, line.start + b, index * 1000, index * 1000 + 999, body[a:b],
                          _is_bold(line.start + a, line.start + b, bold)))
        index += 1
    return cells
