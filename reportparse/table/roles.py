"""Reading a line through its table's column roles, before the row grammar sees it.

Each function is one small rule: set a code cell aside, skip previous results and their
dates, tell a footnote mark after the name from the result, interpret a result printed
under a category header.  The row grammar then reads what is left as it reads any line.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice

import regex

from ..grammar.ranges import parse_reference
from ..params import ParseParams
from .columns import SKIPPED_ROLES, Table, is_code, loinc_valid
from .lexer import CMP, FLAG, NUM, QUAL, RANGE, TEXT, Item
from .lines import Cell

__all__ = ["LineView", "view_line", "footnote_at", "category_flag"]

# A footnote or performing-site mark after a name: "01", "(A)", "[2]", "¹".
_FOOTNOTE_TEXT = regex.compile(r"^(?:0\d|\d|\(?[A-Z]\)|\[\d{1,2}\]|[¹²³⁴⁵⁶⁷⁸⁹⁰]+)$")
_ZERO_PADDED = regex.compile(r"^0\d$")
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
    """Split cells that run across columns, drop cells whose column is skipped, set a leading code cell aside."""
    if table is not None:
        items, cells, cell_objs = _split_merged_cells(items, cells, cell_objs, table, params)
    code = None
    keep_cells = list(range(len(cell_objs)))
    if cell_objs:
        role0 = table.role_of(cell_objs[0], params.column_slack) if table else None
        first_items = [it for it, c in zip(items, cells) if c == 0]
        if _leading_code(cell_objs, first_items, items, cells, role0):
            code = cell_objs[0].text.strip()
            keep_cells.remove(0)
        elif (glued := _glued_code(cell_objs[0], items, cells, table)) is not None:
            code = glued[0]
            cells = [c for it, c in zip(items, cells) if not (c == 0 and it.end <= cell_objs[0].start + len(code))]
            items = glued[1]
    if table is not None and keep_cells:
        kept = [c for c in keep_cells if table.role_of(cell_objs[c], params.column_slack) not in SKIPPED_ROLES]
        named = kept and any(it.kind == TEXT for it, c in zip(items, cells) if c == kept[0])
        name = table.first("name")
        at_name = name is not None and cell_objs[keep_cells[0]].col0 <= name.x1
        # A name cell that overlaps a skipped column's header is still the name.
        if not named and at_name:
            keep_cells = [keep_cells[0]] + [c for c in kept if c != keep_cells[0]]
        else:
            keep_cells = kept
        keep_cells = _result_after_name(keep_cells, cell_objs, table, params)
        by_order = _limits_by_order(items, cells, keep_cells, table)
        if by_order is not None:
            bold = {id(it): cell_objs[c].bold for it, c in zip(items, cells)}
            items, cells = by_order
            return LineView(items, cells, [_cell_of(items, cells, k, bold) for k in range(cells[-1] + 1)], code)
    renumber = {old: new for new, old in enumerate(keep_cells)}
    kept = [(it, renumber[c]) for it, c in zip(items, cells) if c in renumber]
    kept.sort(key=lambda item_cell: item_cell[1])  # in the order of the cells (the result may have moved)
    return LineView([it for it, _ in kept], [c for _, c in kept], [cell_objs[c] for c in keep_cells], code)


_LIMIT_ROLES = frozenset({"min", "max", "reference"})


def _result_after_name(keep_cells: list[int], cell_objs: list[Cell], table: Table, params: ParseParams) -> list[int]:
    """Read by role: where the header puts the limits before the result ("Test | Min | Max | Result"), the
    result cell (and a flag cell right after it) moves next to the name, the order the row grammar reads."""
    if len(keep_cells) < 3 or table.first("result") is None:
        return keep_cells
    roles = [table.role_of(cell_objs[c], params.column_slack) for c in keep_cells]
    if "result" not in roles[1:]:
        return keep_cells
    at = roles.index("result", 1)
    if not any(role in _LIMIT_ROLES for role in roles[1:at]):
        return keep_cells
    end = at + 1 + (at + 1 < len(roles) and roles[at + 1] == "flag")
    return keep_cells[:1] + keep_cells[at:end] + keep_cells[1:at] + keep_cells[end:]


_ORDERED_SLOTS = ("min", "max", "result")
_VALUE_KINDS = frozenset({NUM, CMP, QUAL, RANGE})


def _limits_by_order(items: list[Item], cells: list[int], keep_cells: list[int], table: Table
                     ) -> tuple[list[Item], list[int]] | None:
    """Read by order where the positions drifted: under a header "Min | Max | Result", a line with exactly three
    values after its name holds them in that order, wherever each was printed (scans and re-typed text move cells
    by a few characters, and neighbours merge).  The result (and the flag right after it) moves next to the name
    and every other item becomes a cell of its own, the order the row grammar reads."""
    ordered = sorted(table.columns, key=lambda c: c.x0)
    roles = [c.role for c in ordered if c.role in _ORDERED_SLOTS]
    if "result" not in roles or not {"min", "max"} <= set(roles[:roles.index("result")]) \
            or any(c.role in SKIPPED_ROLES or c.role == "reference" for c in ordered):
        return None
    kept = [(it, c) for it, c in zip(items, cells) if c in keep_cells]
    if not kept or keep_cells[0] != kept[0][1]:
        return None
    name = [it for it, c in kept if c == keep_cells[0] and it.kind == TEXT]
    rest = [it for it, c in kept if c != keep_cells[0] or it.kind != TEXT]
    if not name or kept[len(name) - 1][0] is not name[-1]:
        return None
    at = _result_slot([rest[k] for k in range(len(rest))], roles)
    if at is None:
        return None
    end = at + 1
    while end < len(rest) and rest[end].kind == FLAG:
        end += 1
    moved = rest[at:end] + rest[:at] + rest[end:]
    return name + moved, [0] * len(name) + list(range(1, len(moved) + 1))


def _result_slot(rest: list[Item], roles: list[str]) -> int | None:
    """Index in ``rest`` of the value that fills the result slot, when the values fill the slots exactly; a
    one-sided limit ("< 200") stands alone for both limits."""
    slot, found = 0, None
    for k, item in enumerate(rest):
        if item.kind not in _VALUE_KINDS:
            continue
        if slot >= len(roles):
            return None
        role = roles[slot]
        if role == "result":
            found = k
        elif item.kind == CMP and role == "min" and slot + 1 < len(roles) and roles[slot + 1] == "max":
            slot += 1
        elif item.kind != NUM:
            return None
        slot += 1
    return found if slot == len(roles) else None


def _cell_of(items: list[Item], cells: list[int], k: int, bold: dict[int, bool]) -> Cell:
    """The cell made of the items numbered ``k``, bold where its first item was printed bold."""
    group = [it for it, c in zip(items, cells) if c == k]
    return _items_cell(group, bold[id(group[0])])


def _items_cell(group: list[Item], bold: bool) -> Cell:
    """One cell spanning ``group``, consecutive items of a line."""
    return Cell(group[0].start, group[-1].end, group[0].col0, group[-1].col1, " ".join(it.text for it in group), bold)


def _split_merged_cells(items: list[Item], cells: list[int], cell_objs: list[Cell], table: Table,
                        params: ParseParams) -> tuple[list[Item], list[int], list[Cell]]:
    """A cell whose values stand in another column than its text (OCR closed the gap: "Glucose 95" under
    "Test" and "Result") becomes two.  Text is never split: long names run past their header."""
    if not items or any(c.col0 >= 1000 for c in cell_objs):
        return items, cells, cell_objs  # pipe tables: columns are cell positions
    columns = [table.column_at(it.col0, it.col1, 0) for it in items]
    new_items, new_cells, new_objs = [], [], []
    run: list[int] = []

    def close() -> None:
        if run:
            new_objs.append(_items_cell([items[i] for i in run], cell_objs[cells[run[0]]].bold))
            for i in run:
                new_items.append(items[i])
                new_cells.append(len(new_objs) - 1)
            run.clear()

    for i in range(len(items)):
        if run:
            same_cell = cells[i] == cells[run[-1]]
            moved = columns[i] is not None and columns[run[-1]] is not None and columns[i] is not columns[run[-1]] \
                and columns[i].x0 > items[run[0]].col0 and items[i].kind != TEXT \
                and not _ZERO_PADDED.match(items[i].text)  # "WBC 01": a mark, never a result
            if not same_cell or moved:
                close()
        run.append(i)
    close()
    if len(new_objs) == len(cell_objs):
        return items, cells, cell_objs
    return new_items, new_cells, new_objs


def _glued_code(cell: Cell, items: list[Item], cells: list[int], table: Table | None
                ) -> tuple[str, list[Item]] | None:
    """(code, the items without it) when the first cell starts with a code glued to the name ("6690-2 Leucociti",
    OCR's "EMO29 Globuli rossi"): a LOINC code, or a lab code in a table that has a code column."""
    head, _, rest = cell.text.partition(" ")
    if not rest.strip() or not rest.lstrip()[0].isalpha():
        return None
    if not (loinc_valid(head) or (table is not None and table.first("code") is not None and is_code(head))):
        return None
    cut = cell.start + len(head)
    kept: list[Item] = []
    for item, c in zip(items, cells):
        if c == 0 and item.end <= cut:
            continue  # the code's own items
        if c == 0 and item.start < cut:  # a text item that begins with the code
            skip = len(item.text) - len(item.text[cut - item.start:].lstrip())
            item = Item(item.kind, item.start + skip, item.end, item.text[skip:], col0=item.col0 + skip, col1=item.col1)
        kept.append(item)
    if not kept or kept[0].kind != TEXT:
        return None
    return head, kept


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
    # the first item of a later cell, and whether the name cell goes on after the mark: read no further than
    # needed (a line may hold thousands of items, and every number in its name cell asks)
    later = next((it for it, c in zip(items, cells) if c > 0), None)
    if later is None or later.kind not in (NUM, CMP, QUAL, RANGE):
        return False
    if result is not None and item.kind == NUM and item.col1 < result.x0 - params.column_slack:
        # The mark stands left of the result column and the result is printed in that column.
        in_result = table.column_at(later.col0, later.col1, params.column_slack) is result
        if in_result and regex.fullmatch(r"\d{1,2}", item.text):
            return True
    rest = any(c == 0 for c in islice(cells, i + 1, None))
    return not rest and bool(_FOOTNOTE_TEXT.match(item.text)) and later.kind in (NUM, CMP, QUAL)


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
