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

# A pair of markers around text: "**13,5**", "__H__" (a run of underscores is a dot leader, not emphasis).
_EMPHASIS = regex.compile(r"\*\*(?=[^*\s])([^\n]*?[^*\s])\*\*|(?<!_)__(?=[^_\s])([^\n]*?[^_\s])__(?!_)")
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


# OCR reads digits as look-alike letters inside numbers ("l7,5", "2,O"): a token of digits and look-alikes with
# at least one of each, standing alone, is a number (same length, so offsets stay).
_OCR_NUMBER = regex.compile(r"(?<![\w.,])(?=[lIOo]*\d)(?=[\d.,]*[lIOo])[\dlIOo]+(?:[.,][\dlIOo]+)?(?![\w])")
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0", "o": "0"})


# A list number before a test's name ("1. LEUCOCITI", "12) Glucosio", "3 - RBC"), at a line or a cell start: the
# item's number, never a value.
_LIST_NUMBER = regex.compile(r"(?m)(?:^|(?<=\|))([ \t]*)(\d{1,3}(?:[.)]|[ \t]?[-–]))(?=[ \t]+\p{L}[\p{L}(])")


def clean_text(text: str) -> tuple[str, list[tuple[int, int]]]:
    """Blank markdown emphasis markers, list numbers before names, and the commas and quotes of CSV lines (a
    comma glued to a number would read as a decimal mark); return the cleaned text, of the same length, and the
    bold spans."""
    bold = [(m.start() + 2, m.end() - 2) for m in _EMPHASIS.finditer(text)]
    cleaned = _EMPHASIS.sub(lambda m: "  " + m.group()[2:-2] + "  ", text)
    cleaned = _LIST_NUMBER.sub(lambda m: m.group(1) + " " * len(m.group(2)), cleaned)
    cleaned = _OCR_NUMBER.sub(lambda m: m.group().translate(_OCR_DIGITS), cleaned)
    if "," in cleaned:
        cleaned = regex.sub(r"[^\n\f]+", _blank_csv_commas, cleaned)
    return cleaned, bold


def _blank_csv_commas(m: regex.Match) -> str:
    line = m.group()
    if _delimiter(line.strip()) != ",":
        return line
    return regex.sub(r'"((?:[^"]|"")*)"|,', lambda f: f" {f.group(1)} " if f.group(1) is not None else " ", line)


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
        separator = "|"
        if "|" in stripped and (stripped.startswith("|") or stripped.count("|") >= 2):
            line.pipe = True
        elif (delimiter := _delimiter(text[start:start + len(body)].strip())) is not None:
            line.pipe, separator = True, delimiter  # a CSV export ("Glucose;95;mg/dL;70-100", '"WBC","6.2"')
        if stripped and _PIPE_RULE.match(body):
            line.rule = True
        elif stripped:
            # CSV separators are blanked in the cleaned copy: split those lines on the original
            raw_line = text[start:start + len(body)] if separator != "|" else None
            line.cells = _pipe_cells(line, bold, separator, raw_line) if line.pipe else _space_cells(line, bold)
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


def _delimiter(stripped: str) -> str | None:
    """The field separator of a CSV-like line, or None.  Unquoted commas only where they cannot be decimal marks."""
    if stripped.count(";") >= 2 and "  " not in stripped:
        return ";"
    if stripped.count('","') >= 2 or (stripped.count(",") >= 3 and ", " not in stripped
                                       and not regex.search(r"\d,\d", stripped)):
        return ","
    return None


class _Quoted:
    """The inside of a quoted CSV field, shaped like a match."""

    def __init__(self, start: int, text: str) -> None:
        self._start, self._text = start, text

    def start(self) -> int:
        return self._start

    def group(self) -> str:
        return self._text


def _pipe_cells(line: Line, bold: list[tuple[int, int]], separator: str = "|", raw: str | None = None) -> list[Cell]:
    cells = []
    body = raw if raw is not None else line.text
    index = 0
    sep = regex.escape(separator)
    # A quoted field keeps its separators ("Cholesterol; total"); the quotes stay out of the cell.
    for m in regex.finditer(rf'(?<=^|{sep})\s*"(?P<q>(?:[^"]|"")*)"\s*(?={sep}|$)|[^{sep}]+', body):
        if m.group("q") is not None:
            m = _Quoted(m.start("q"), m.group("q"))
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
