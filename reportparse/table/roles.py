"""Reading a line through its table's column roles, before the row grammar sees it.

Each function is one small rule: set a code cell aside, skip previous results and their
dates, tell a footnote mark after the name from the result, interpret a result printed
under a category header.  The row grammar then reads what is left as it reads any line.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..grammar.ranges import parse_reference
from ..params import ParseParams
from .columns import SKIPPED_ROLES, Table, is_code
from .lexer import CMP, NUM, QUAL, RANGE, TEXT, Item
from .lines import Cell

__all__ = ["LineView", "view_line", "footnote_at", "category_flag"]

# A footnote or performing-site mark after a name: "01", "(A)", "[2]", "¹".
_FOOTNOTE_TEXT = regex.compile(r"^(?:0\d|\d|\(?[A-Z]\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
_POLARITY_FLAG = {"high": "H", "low": "L", "abnormal": "abnormal", "normal": None}


@dataclass
class LineView:
    """The items of a line that belong to the current result, with the cell index of each."""

    items: list[Item]
    cells: list[int]
    cell_objs: list[Cell]
    code: str | None = None  # a code printed in its own column before the name


def view_line(items: list[Item], cells: list[int], cell_objs: list[Cell], table: Table | None,
              params: ParseParams) -> LineView:
    """Drop cells whose column is skipped and set a leading code cell aside."""
    code = None
    keep_cells = list(range(len(cell_objs)))
    if cell_objs:
        role0 = table.role_of(cell_objs[0], params.column_slack) if table else None
        first_items = [it for it, c in zip(items, cells) if c == 0]
        if _leading_code(cell_objs, first_items, items, cells, role0):
            code = cell_objs[0].text.strip()
            keep_cells.remove(0)
    if table is not None and keep_cells:
        kept = [c for c in keep_cells if table.role_of(cell_objs[c], params.column_slack) not in SKIPPED_ROLES]
        named = kept and any(it.kind == TEXT for it, c in zip(items, cells) if c == kept[0])
        # A name cell that overlaps a skipped column's header is still the name.
        keep_cells = kept if named else [keep_cells[0]] + [c for c in kept if c != keep_cells[0]]
    renumber = {old: new for new, old in enumerate(keep_cells)}
    kept = [(it, renumber[c]) for it, c in zip(items, cells) if c in renumber]
    return LineView([it for it, _ in kept], [c for _, c in kept], [cell_objs[c] for c in keep_cells], code)


def _leading_code(cell_objs: list[Cell], first_items: list[Item], items: list[Item], cells: list[int],
                  role: str | None) -> bool:
    """The first cell is a code when its column says so, or when a code-shaped cell precedes a name cell."""
    if len(cell_objs) < 3:
        return False
    second = [it for it, c in zip(items, cells) if c == 1]
    if not second or second[0].kind != TEXT:
        return False
    if role == "code":
        return True
    return is_code(cell_objs[0].text) and len(first_items) <= 2


def footnote_at(items: list[Item], cells: list[int], i: int, table: Table | None, params: ParseParams) -> bool:
    """Is ``items[i]``, a number inside the name cell, a footnote mark rather than the result?

    Yes when the table's result column lies further right, or when the mark looks like one
    ("01", "(A)") and a value follows in a later cell.
    """
    item = items[i]
    if cells[i] != 0 or i == 0 or not (item.kind == NUM or _FOOTNOTE_TEXT.match(item.text)):
        return False
    result = table.first("result") if table else None
    later = [it for it, c in zip(items, cells) if c > 0]
    if not later or later[0].kind not in (NUM, CMP, QUAL, RANGE):
        return False
    if result is not None and item.kind == NUM and item.col1 < result.x0 - params.column_slack:
        return True
    rest = [it for it, c in zip(items[i + 1:], cells[i + 1:]) if c == 0]
    return not rest and bool(_FOOTNOTE_TEXT.match(item.text)) and later[0].kind in (NUM, CMP, QUAL)


def category_flag(result: Item, table: Table | None, params: ParseParams, decimal: str | None = None
                  ) -> tuple[bool, str | None, str | None]:
    """(in a category column, flag, normal category's printed range) for a result item."""
    if table is None or not table.categories:
        return False, None, None
    normal = next((c for c in table.categories if c.polarity == "normal"), None)
    column = table.column_at(result.col0, result.col1, params.column_slack)
    by_value = _category_of_value(result, table.categories, decimal)
    if by_value is not None:  # printed ranges say where the value belongs, wherever it is printed
        column = by_value
    elif column is None or column.role != "category":
        return (table.block, None, normal.reference if normal else None) if table.block else (False, None, None)
    return True, _POLARITY_FLAG.get(column.polarity or ""), normal.reference if normal else None


def _category_of_value(result: Item, categories: list, decimal: str | None):
    """The one category whose printed range holds the result, if the ranges say so unambiguously."""
    if result.value is None or result.kind != NUM:
        return None
    holding = []
    for column in categories:
        if not column.reference:
            return None
        bound, _ = parse_reference(column.reference, decimal=decimal)
        if bound is None or (bound.low is None and bound.high is None):
            return None
        if (bound.low is None or result.value >= bound.low) and (bound.high is None or result.value <= bound.high):
            holding.append(column)
    return holding[0] if len(holding) == 1 else None
