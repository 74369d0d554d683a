"""The row reader's rules, small and named, in the order they are tried.

A line rule sees the raw line; an item rule sees its items once the table roles have been
applied.  Each returns True when it has dealt with the line.  ``ParseParams.disabled_rules``
switches any off by name; :func:`line_rule` / :func:`item_rule` register new ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..catalogue import normalize_name
from ..grammar.flags import NORMAL, parse_flag
from ..lexicons import load_lexicons
from .across import is_status, legend_entry, status_key
from .draft import Seq
from .lexer import CMP, FLAG, NUM, QUAL, RANGE, TEXT, UNIT
from .lines import Line

if TYPE_CHECKING:
    from .rows import _RowReader

__all__ = ["LINE_RULES", "ITEM_RULES", "line_rule", "item_rule"]

_VALUE_KINDS = (NUM, CMP, QUAL, RANGE, UNIT, FLAG)
LineRule = Callable[["_RowReader", Line], bool]
ItemRule = Callable[["_RowReader", Line, Seq], bool]
LINE_RULES: dict[str, LineRule] = {}
ITEM_RULES: dict[str, ItemRule] = {}


def line_rule(name: str):
    def register(func: LineRule) -> LineRule:
        LINE_RULES[name] = func
        return func
    return register


def item_rule(name: str):
    def register(func: ItemRule) -> ItemRule:
        ITEM_RULES[name] = func
        return func
    return register


@line_rule("furniture")
def _skip_furniture(reader: _RowReader, line: Line) -> bool:
    """Letterheads, patient boxes, footers: never values (and never names or ids in the output)."""
    return line.index in reader.ctx.furniture


@line_rule("category_ranges")
def _skip_category_ranges(reader: _RowReader, line: Line) -> bool:
    """The ranges printed under category headers are not results."""
    return reader.table is not None and line.index in reader.table.range_lines


@line_rule("table_header")
def _table_header(reader: _RowReader, line: Line) -> bool:
    if reader.table is None or line.index != reader.table.header_line:
        return False
    if not reader.table.block:  # a value's own categories keep the name printed above them
        reader.prev, reader.pending = None, None
    return True


@line_rule("blank_or_rule")
def _blank_or_rule(reader: _RowReader, line: Line) -> bool:
    if not (line.rule or not line.cells):
        return False
    if not line.text.strip():
        reader.pending = None  # a blank line ends a name waiting for its values
    return True


@line_rule("markdown_heading")
def _markdown_heading(reader: _RowReader, line: Line) -> bool:
    if not line.heading:
        return False
    title = line.text.strip().lstrip("# ").strip()
    reader._section(title)
    reader.md_heading = title
    reader.prev, reader.pending = None, None
    return True


@item_rule("reference_line")
def _reference_line(reader: _RowReader, line: Line, seq: Seq) -> bool:
    return reader._reference_line(line, seq)


@item_rule("header_words")
def _header_words(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """A header the table model did not take (too few known words) still ends the rows above it."""
    if not reader._is_header(line, seq):
        return False
    reader.prev = None
    reader.pending = None
    return True


@item_rule("reference_legend")
def _reference_legend(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """A block of references printed apart from the values ("Reference intervals" / "WBC (10^3/µL)   4.0 - 10.0"):
    its entries go to the values of the same name, and never become values themselves."""
    text = " ".join(line.text.split()).strip(" :*")
    numeric = any(it.kind in (NUM, CMP, RANGE) for it in seq.items)
    if not numeric and len(text.split()) <= 4 and load_lexicons().column_role(text) == "reference":
        reader.legend_open, reader.legend_page = True, line.page
        reader.prev, reader.pending = None, None
        return True
    if not reader.legend_open:
        return False
    entry = legend_entry(seq, reader.text)
    if entry is None:
        # Another line ends the block; on a new page, only a value does (the page's header and patient box
        # come between the block's parts).
        reader.legend_open = line.page != reader.legend_page
        return False
    reader.legend_page = line.page
    name, unit, values = entry
    reader.legend.setdefault(normalize_name(name), []).append((unit, values))
    return True


@item_rule("section_title")
def _section_title(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """"URINE EXAMINATION", "Abnormal Result(s) Summary": remember the section, go on reading the line."""
    text = line.text.strip()
    if len(line.cells) <= 2 and len(text.split()) <= 8 and not any(it.kind in (NUM, CMP, RANGE) for it in seq.items):
        reader._section(text)
    return False


@item_rule("status_word")
def _status_word(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """A portal's status word where a name would stand ("Normal   17.0 g/dL") is a marker."""
    first = seq.items[0]
    if first.kind in (TEXT, QUAL) and is_status(first.text) and len(seq.items) > 1:
        first.kind, first.flag = FLAG, parse_flag(status_key(first.text)) or NORMAL
    elif first.kind == TEXT and reader.pending is not None and len(seq.items) > 1 and \
            seq.items[1].kind in (NUM, CMP, QUAL) and \
            load_lexicons().column_role(first.text.strip(" :")) == "result":
        first.kind, first.flag = FLAG, None  # "Your value: 7.29 10^3/µL" under its name: a label, not a name
    return False


@item_rule("named_row")
def _named_row(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """A line that starts with a name: a result row, or a name waiting for values below it."""
    first = seq.items[0]
    if not (first.kind == TEXT or (first.kind == QUAL and len(line.cells) > 1 and seq.cells.count(0) == 1
                                   and reader.ctx.is_known(first.text))):
        return False
    if not reader._data_row(line, seq):
        reader._name_only(line, seq)
    return True


@item_rule("values_only")
def _values_only(reader: _RowReader, line: Line, seq: Seq) -> bool:
    """Values without a name: a second unit, the values of a name above, or a reference continued."""
    if seq.items[0].kind not in _VALUE_KINDS:
        return False
    reader._values_only(line, seq)
    return True


