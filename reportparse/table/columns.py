"""The table model: where tables are, where their columns are, and what each column *is*.

A column's role — code, name, result, unit, reference, flag, min, max, previous result,
date, method, comment, or a *category* column whose position carries the interpretation
("Optimal | Borderline | High risk") — comes from its header words (``columns.tsv``,
``categories.tsv``) or, where the header says nothing, from what its cells hold (the share
of dates, codes, numbers, units, ranges, flags, words).  Roles carry over to later pages
that print no header; a table without any header is read from content alone.  The row
reader asks the table which cells to read, which to keep aside (codes) and which to skip
(previous results and their dates, methods, comments).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Callable

import regex

from ..demographics import parse_date
from ..lexicons import Lexicons, fold, load_lexicons
from ..params import ParseParams
from .lexer import CMP, DATE, FLAG, NUM, QUAL, RANGE, TEXT, UNIT, Item
from .lines import Cell, Line

__all__ = ["Column", "Table", "read_tables", "SKIPPED_ROLES", "is_code", "loinc_valid"]

# Cells in these columns are never part of the current result.
SKIPPED_ROLES = frozenset({"previous", "date", "method", "comment", "section", "specimen"})
_LOINC = regex.compile(r"^\d{1,7}-\d$")
# A laboratory's own test code: letters and digits, at least one digit, no spaces ("EMO01", "0123", "A-101").
_LAB_CODE = regex.compile(r"^(?=.*\d)[A-Z0-9][A-Z0-9._\-/]{1,9}$")


def loinc_valid(code: str) -> bool:
    """LOINC's mod-10 check digit."""
    if not _LOINC.match(code):
        return False
    body, check = code.split("-")
    digits = [int(d) for d in body][::-1]
    total = 0
    for i, d in enumerate(digits):
        if i % 2 == 0:
            d *= 2
            d = d // 10 + d % 10
        total += d
    return (10 - total % 10) % 10 == int(check)


def is_code(text: str) -> bool:
    """A catalogue id printed in its own cell: a LOINC code (check digit valid) or a lab code."""
    text = text.strip()
    if regex.fullmatch(r"\d{1,6}", text):
        return True  # the lab's numeric code or a row number ("0123", "12")
    return loinc_valid(text) or bool(_LAB_CODE.match(text) and not regex.fullmatch(r"[\d.,]+", text))


@dataclass
class Column:
    role: str
    x0: int  # character columns of the line (markdown/pipe tables: cell index * 1000)
    x1: int
    header: str | None = None
    evidence: str = "header"  # "header" or "content"
    polarity: str | None = None  # category columns: normal, high, low, abnormal
    reference: str | None = None  # category columns: the range printed in or under the header

    def to_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Table:
    page: int
    header_line: int | None  # None: roles read from content, or carried from an earlier page
    first_line: int
    last_line: int
    columns: list[Column] = field(default_factory=list)
    carried: bool = False  # the header was printed on an earlier page
    block: bool = False  # the categories of one value (name above, value below), not a whole table
    range_lines: list[int] = field(default_factory=list)  # lines of ranges under category headers: not results

    def column_at(self, x0: int, x1: int, slack: int = 2) -> Column | None:
        """The column a cell spanning ``x0..x1`` stands in: the one it overlaps most, else the nearest within slack."""
        best, best_overlap = None, 0
        for column in self.columns:
            overlap = min(x1, column.x1) - max(x0, column.x0)
            if overlap > best_overlap:
                best, best_overlap = column, overlap
        if best is not None:
            return best
        near = [(min(abs(x0 - c.x1), abs(c.x0 - x1)), c) for c in self.columns]
        near = [(d, c) for d, c in near if d <= slack]
        return min(near, key=lambda dc: dc[0])[1] if near else None

    def role_of(self, cell: Cell, slack: int = 2) -> str | None:
        column = self.column_at(cell.col0, cell.col1, slack)
        return column.role if column else None

    def first(self, role: str) -> Column | None:
        return next((c for c in self.columns if c.role == role), None)

    @property
    def categories(self) -> list[Column]:
        return [c for c in self.columns if c.role == "category"]

    def to_dict(self) -> dict[str, object]:
        return {"page": self.page, "header_line": self.header_line, "lines": [self.first_line, self.last_line],
                "carried": self.carried, "block": self.block, "range_lines": self.range_lines, "columns": [c.to_dict() for c in self.columns]}


LexCell = Callable[[Cell], list[Item]]


def _category_block(line: Line, items: list[list[Item]], lexicons: Lexicons) -> list[Column] | None:
    """``Low < 70   Normal 70 - 99   Impaired 100 - 125   Diabetes >= 126``: the categories of the one value
    printed under them, each a word and its range; words the lexicon lacks are placed by position."""
    if len(line.cells) < 2:
        return None
    columns = []
    for cell, cell_items in zip(line.cells, items):
        kinds = [it.kind for it in cell_items]
        if not kinds or kinds[0] not in (TEXT, FLAG, QUAL) or not any(k in (RANGE, CMP, NUM) for k in kinds):
            return None
        if any(k not in (TEXT, FLAG, QUAL, RANGE, CMP, NUM, UNIT) for k in kinds[1:]):
            return None
        word = cell.text[: cell_items[1].start - cell_items[0].start].strip() if len(cell_items) > 1 else cell.text
        polarity = lexicons.category(word)
        columns.append(Column("category", cell.col0, cell.col1, cell.text, polarity=polarity,
                              reference=_range_text(cell.text)))
    if sum(c.polarity == "normal" for c in columns) != 1:
        return None
    _orient_categories(columns)
    return columns


def _header_columns(line: Line, items: list[list[Item]], lexicons: Lexicons, params: ParseParams) -> list[Column] | None:
    """The columns a header line names, or None when the line is not a header."""
    if len(line.cells) < 2:
        return None
    columns: list[Column] = []
    named = categories = 0
    for cell, cell_items in _split_header_cells(line.cells, items, lexicons):
        category = lexicons.category(cell.text)
        role = lexicons.column_role(cell.text)
        numeric = any(it.kind in (NUM, RANGE, CMP) for it in cell_items)
        if numeric and not category:
            return None  # values, not a header ("Desirable <200" is a category header with its range)
        if category and (role is None or role in ("flag", "min", "max", "result")):
            reference = _range_text(cell.text)
            columns.append(Column("category", cell.col0, cell.col1, cell.text, polarity=category, reference=reference))
            categories += 1
        elif role:
            columns.append(Column(role, cell.col0, cell.col1, cell.text))
            named += 1
        elif [it.kind for it in cell_items] == [DATE]:
            columns.append(Column("dated", cell.col0, cell.col1, cell.text))  # one column per date
        else:
            columns.append(Column("other", cell.col0, cell.col1, cell.text))
    named += _settle_dated_columns(columns)
    polarities = [c.polarity for c in columns if c.role == "category"]
    # A category header names a normal and another category, and opens with a header word or a category
    # ("Glucose | Positive | Negative" is a qualitative result row, not a header).
    if categories >= 2 and "normal" in polarities and len(set(polarities)) >= 2 and \
            columns[0].role != "other" and (categories >= 3 or named >= 1):
        _orient_categories(columns)
    else:  # "Low | High" without a normal category are the limits of the range
        for column in columns:
            if column.role == "category":
                column.role = {"low": "min", "high": "max"}.get(column.polarity or "", "flag")
                column.polarity = column.reference = None
                named += 1
    if named + (categories if categories >= 2 else 0) < params.header_min_roles:
        return None
    if named + categories < 0.5 * len(columns):
        return None
    if columns[0].role == "other" and not any(c.role == "name" for c in columns):
        columns[0].role = "name"  # the first header cell is the test name however it is worded
    return columns


def _settle_dated_columns(columns: list[Column]) -> int:
    """Cumulative reports head one result column per date: the latest is the result, the others previous ones.
    Returns how many columns were named so."""
    dated = [c for c in columns if c.role == "dated"]
    if len(dated) < 2:
        for column in dated:
            column.role = "other"
        return 0
    texts = [c.header or "" for c in dated]
    day_first = all(parse_date(t, day_first=True) for t in texts)
    dates = [parse_date(t, day_first=day_first) for t in texts]
    if any(d is None for d in dates):
        for column in dated:
            column.role = "other"
        return 0
    latest = max(range(len(dated)), key=lambda i: dates[i])
    for i, column in enumerate(dated):
        column.role = "result" if i == latest else "previous"
    return len(dated)


def _header_phrase(text: str, lexicons: Lexicons) -> bool:
    """A whole header cell's worth of text: a known header phrase or a date (cumulative reports)."""
    return fold(text) in lexicons.column_words or parse_date(text) is not None and len(text.split()) == 1


def _split_header_cells(cells: list[Cell], items: list[list[Item]], lexicons: Lexicons
                        ) -> list[tuple[Cell, list[Item]]]:
    """Header cells that OCR or a tight layout merged ("Units Reference Range") split into the phrases they hold."""
    out = []
    for cell, cell_items in zip(cells, items):
        words = list(regex.finditer(r"\S+", cell.text))
        split = None
        if lexicons.column_words.get(fold(cell.text)) is None and len(words) >= 2:
            split = _header_split(words, lexicons, lexicons.phrase_words)
        if split is None:
            out.append((cell, cell_items))
            continue
        left = Cell(cell.start, cell.start + len(cell.text[:split].rstrip()), cell.col0,
                    cell.col0 + len(cell.text[:split].rstrip()), cell.text[:split].rstrip(), cell.bold)
        right = Cell(cell.start + split, cell.end, cell.col0 + split, cell.col1, cell.text[split:], cell.bold)
        out.append((left, [it for it in cell_items if it.start < right.start]))
        out.append((right, [it for it in cell_items if it.start >= right.start]))
    return out


def _header_split(words: list, lexicons: Lexicons, phrase_words: int) -> int | None:
    """Where a cell splits into two header phrases (:func:`_header_phrase` on both sides), or None.

    ``fold`` of a side is the folded words of its words joined, so each word is folded once and a side is looked
    up only when it folds to at most ``phrase_words`` words (the longest phrase); a side of one word may also be
    a date.  Folding both sides at every point was quadratic: a line of 36,000 brackets took minutes."""
    folded = [fold(word.group()).split() for word in words]
    content = [i for i, tokens in enumerate(folded) if tokens]  # words that fold to something
    before = list(accumulate((len(tokens) for tokens in folded), initial=0))  # folded words before each index

    def phrase(first: int, last: int, count: int) -> bool:  # content[first:last] holds ``count`` folded words
        return count <= phrase_words and \
            " ".join(t for i in content[first:last] for t in folded[i]) in lexicons.column_words

    def date(word: int) -> bool:
        return parse_date(words[word].group()) is not None

    for k in range(1, len(words)):
        c = bisect_left(content, k)
        if (phrase(0, c, before[k]) or k == 1 and date(0)) and \
                (phrase(c, len(content), before[-1] - before[k]) or k == len(words) - 1 and date(k)):
            return words[k].start()
    return None


def _range_text(text: str) -> str | None:
    m = regex.search(r"[<>≤≥]=?\s*\d.*|\d[\d.,]*\s*(?:-|–|÷|to|a)\s*\d.*", text)
    return m.group().strip() if m else None


def _orient_categories(columns: list[Column]) -> None:
    """Category columns right of the normal one mean high, left of it low, unless their words say otherwise."""
    cats = [c for c in columns if c.role == "category"]
    normal_at = next(i for i, c in enumerate(cats) if c.polarity == "normal")
    for i, column in enumerate(cats):
        if column.polarity == "normal":
            continue
        if column.polarity not in ("high", "low", "abnormal"):
            column.polarity = "high" if i > normal_at else "low"
        elif column.polarity == "high" and i < normal_at:
            column.polarity = "low"


def _category_ranges(line: Line, items: list[list[Item]], table: Table, slack: int) -> bool:
    """A line of ranges printed under category headers: attach them; True if it was one."""
    cats = table.categories
    if not cats or not line.cells:
        return False
    placed = 0
    for cell, cell_items in zip(line.cells, items):
        if not cell_items or not all(it.kind in (RANGE, CMP, NUM) for it in cell_items):
            if cell is line.cells[0] and all(it.kind == TEXT for it in cell_items):
                continue  # a label ("Cholesterol") before the ranges
            return False
        column = table.column_at(cell.col0, cell.col1, slack)
        if column is None or column.role != "category":
            return False
        column.reference = column.reference or cell.text.strip()
        placed += 1
    return placed >= 2


def _kind_of(cell_items: list[Item], text: str) -> str:
    """What one cell holds, for content statistics."""
    kinds = [it.kind for it in cell_items]
    if not kinds:
        return "empty"
    if kinds[0] == DATE:
        return "date"
    if loinc_valid(text.strip()) or (kinds == [TEXT] and is_code(text)):
        return "code"
    if all(k == UNIT for k in kinds):
        return "unit"
    if RANGE in kinds and all(k in (RANGE, UNIT) for k in kinds):
        return "range"
    if kinds[0] in (NUM, CMP, QUAL) and all(k in (NUM, CMP, QUAL, UNIT, FLAG) for k in kinds) and \
            sum(k in (NUM, CMP, QUAL) for k in kinds) == 1:
        return "value"
    if all(k == FLAG for k in kinds):
        return "flag"
    if kinds[0] == TEXT:
        return "text"
    return "mixed"


def _content_columns(rows: list[tuple[Line, list[list[Item]]]], params: ParseParams) -> list[Column]:
    """Columns of a header-less table: cells clustered by position, roles from what they hold."""
    spans: list[list[int]] = []
    members: list[list[str]] = []
    cells = sorted(((cell.col0, cell.col1, _kind_of(its, cell.text)) for line, items in rows
                    for cell, its in zip(line.cells, items)), key=lambda c: c[0])
    for x0, x1, kind in cells:
        if spans and x0 <= spans[-1][1] + 1:
            spans[-1][1] = max(spans[-1][1], x1)
            members[-1].append(kind)
        else:
            spans.append([x0, x1])
            members.append([kind])
    columns: list[Column] = []
    for (x0, x1), kinds in zip(spans, members):
        kind, count = Counter(kinds).most_common(1)[0]
        share = count / len(rows)
        role = {"code": "code", "date": "date", "value": "result", "range": "reference", "unit": "unit",
                "flag": "flag", "text": "name"}.get(kind, "other") if share >= params.content_share else "other"
        columns.append(Column(role, x0, x1, evidence="content"))
    _settle_content_roles(columns)
    return columns


def _settle_content_roles(columns: list[Column]) -> None:
    """Order matters: the first value column is the result; a value column followed by a date is a previous one."""
    seen_result = False
    names = [c for c in columns if c.role == "name"]
    for i, column in enumerate(columns):
        if names and column.x1 <= names[0].x0:
            continue
        if column.role == "result":
            following = columns[i + 1].role if i + 1 < len(columns) else None
            if seen_result and following == "date":
                column.role = "previous"
            seen_result = True
        elif column.role == "name" and seen_result:
            column.role = "other"  # text after the values: a comment or a second table's name
    names = [c for c in columns if c.role == "name"]
    if not names:
        return
    for column in columns:
        if column.x1 <= names[0].x0 and column.role == "result":
            column.role = "code"  # numbers before the name: the lab's numeric codes or row numbers
        elif column.x0 >= names[0].x1 and column.role == "code":
            column.role = "other"  # a code column stands before the name


def _row_like(items: list[list[Item]]) -> bool:
    flat = [it for cell in items for it in cell]
    return len(items) >= 2 and bool(flat) and any(it.kind in (NUM, CMP) for it in flat[1:]) and \
        any(it.kind == TEXT for it in flat)


def read_tables(lines: list[Line], lex_cell: LexCell, params: ParseParams = ParseParams(),
                lexicons: Lexicons | None = None, skip: set[int] | frozenset[int] = frozenset()) -> list[Table]:
    """Every table of a document, with its columns and their roles.

    ``lex_cell`` reads a cell into items (the lexer, with the document's decimal mark); lines
    in ``skip`` (page furniture) belong to no table.
    """
    lexicons = lexicons or load_lexicons()
    tables: list[Table] = []
    current: Table | None = None
    carry: Table | None = None
    page = None
    loose: list[tuple[Line, list[list[Item]]]] = []  # data rows under no header, for content roles

    def flush_loose() -> None:
        if len(loose) >= params.content_min_rows:
            columns = _content_columns(loose, params)
            if any(c.role in ("code", "date", "previous") for c in columns):
                tables.append(Table(loose[0][0].page, None, loose[0][0].index, loose[-1][0].index, columns))
        loose.clear()

    for line in lines:
        if line.page != page:
            flush_loose()
            keep = current if current is not None and not current.block else carry
            carry, current, page = keep, None, line.page
        if not line.cells or line.index in skip or line.rule:
            continue
        items = [lex_cell(cell) for cell in line.cells]
        if current is not None and current.block and line.index > current.header_line + 2:
            current = None  # a value's own categories end with the value
        block = _category_block(line, items, lexicons)
        if block is not None:
            flush_loose()
            carry = current if current is not None and not current.block else carry
            current = Table(line.page, line.index, line.index, line.index, block, block=True)
            tables.append(current)
            continue
        columns = _header_columns(line, items, lexicons, params)
        if columns is not None:
            flush_loose()
            current = Table(line.page, line.index, line.index, line.index, columns)
            tables.append(current)
            continue
        if current is not None and current.last_line == current.header_line and \
                _category_ranges(line, items, current, params.column_slack):
            current.last_line = line.index
            current.range_lines.append(line.index)
            continue
        if current is None and carry is not None and _row_like(items) and _fits(line, carry, params):
            current = Table(line.page, None, line.index, line.index, carry.columns, carried=True)
            tables.append(current)
        if current is not None:
            current.last_line = line.index
        elif _row_like(items):
            loose.append((line, items))
        elif loose and line.index - loose[-1][0].index > 3:
            flush_loose()
    flush_loose()
    return tables


def _fits(line: Line, table: Table, params: ParseParams) -> bool:
    """Most cells of ``line`` stand in the columns of ``table`` (a table continued on a new page)."""
    inside = sum(table.column_at(c.col0, c.col1, params.column_slack) is not None for c in line.cells)
    return inside >= 0.8 * len(line.cells)
