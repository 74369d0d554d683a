"""A result row while it is being read, the items of a line, and the cleaning of printed names.

The row reader (:mod:`.rows`) grows a :class:`Draft` line by line and freezes it with
:meth:`Draft.to_row` into the public :class:`~reportparse.records.LabRow`.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate
from dataclasses import dataclass, field
from typing import Callable, Iterable

import regex

from ..grammar.units import UNITS
from ..params import ParseParams
from ..records import LabRow
from .columns import Table
from .lexer import CMP, NUM, QUAL, Item, lex
from .lines import Cell, Line

__all__ = ["Draft", "RowContext", "Seq", "ColumnUnion", "line_items", "overlaps", "repair_ocr_name", "footnote_of",
           "clean_name", "name_ok", "strip_separator", "repeat_key"]

_BLACKLIST = regex.compile(
    r"^(?:name|nome|cognome|patient|paziente|mr|mrs|ms|sig|sig\.ra|age|et[aà]|sex|sesso|gender|dob|date|data|"
    r"lab\s*no|reg\s*no|bill\s*no|request\s*no|req\s*no|sample\s*(?:id|no)|id|uhid|pid|mrn|barcode|"
    r"richiesta|referto|accettazione|campione|codice|codice\s+fiscale|cf|tel|telefono|fax|phone|mobile|email|"
    r"page|pagina|pag|ref\s*by|referred\s*by|medico|dott|dr|doctor|address|indirizzo|via|"
    r"collected|reported|received|registered|printed|report\s*status|status|a/c\s*status|nosologico|epid|"
    r"born|nato|nata|year|years|anni|time|ora|hours?|visit|bed|ward|reparto|sez|sezione|ticket|"
    r"passport|passaporto|document|documento|plot|premises|street|area)\b",
    regex.IGNORECASE,
)
_LABEL_UNIT = regex.compile(r"\s*[(\[]\s*([^()\[\]]{1,20}?)\s*[)\]]\s*[:.]?\s*$")
_FOOTNOTE = regex.compile(r"(?:\s*(?:\(\*+\)|\*+|°|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\]|\(\d{1,2}\)|(?<=\s)\([A-Z]\)))+\s*$")


@dataclass
class Draft:
    """A row while it is being read (the reader grows it line by line); `to_row()` freezes it."""

    name: str
    name_span: tuple[int, int]
    result: Item
    result_text: str | None
    page: int
    line_index: int
    name_col: int
    unit: str | None = None
    unit_span: tuple[int, int] | None = None
    label_unit: str | None = None
    ref_text: str | None = None
    ref_spans: list[tuple[int, int]] = field(default_factory=list)
    ref_item: Item | None = None
    ref_minmax: tuple[Item, Item] | None = None
    ref_col: int | None = None
    ref_col_end: int | None = None
    ref_unit: str | None = None
    flag: str | None = None
    bold: bool = False
    specimen: str | None = None
    in_abnormal_section: bool = False
    known: bool = False
    last_line: int = 0
    end: int = 0
    code: str | None = None  # a test code printed in its own column
    footnote: str | None = None  # a footnote / performing-site mark printed after the name

    @property
    def result_cols(self) -> tuple[int, int]:
        return self.result.col0, self.result.col1

    @property
    def span(self) -> tuple[int, int]:
        return self.name_span[0], max(self.end, self.result.end)

    def to_row(self) -> LabRow:
        """The public record of this row."""
        result = self.result
        kind = {NUM: "number", CMP: "censored", QUAL: "qualitative"}.get(result.kind, "count_range")
        low = high = None
        if self.ref_minmax is not None:
            low, high = self.ref_minmax[0].value, self.ref_minmax[1].value
        return LabRow(
            name=self.name, name_span=self.name_span, result_kind=kind,
            result_text=" ".join((self.result_text or result.text).split()), result_span=(result.start, result.end),
            value=result.value if result.kind in (NUM, CMP) else None,
            comparator=result.comparator if result.kind == CMP else None,
            unit=self.unit or self.label_unit or self.ref_unit, unit_span=self.unit_span,
            ref_text=self.ref_text, ref_spans=tuple(self.ref_spans), ref_low=low, ref_high=high, flag=self.flag,
            code=self.code, footnote=self.footnote, bold=self.bold, specimen=self.specimen,
            in_abnormal_section=self.in_abnormal_section, page=self.page, span=self.span,
        )


@dataclass
class RowContext:
    """What the row reader needs from outside: decimal mark and the catalogue."""

    decimal: str
    is_known: Callable[[str], bool]
    params: ParseParams = field(default_factory=ParseParams)
    tables: list[Table] = field(default_factory=list)
    furniture: dict[int, str] = field(default_factory=dict)  # line index -> why it is page furniture
    rejected: set[int] = field(default_factory=set)  # lines read and judged no value (numbers in reference columns)


@dataclass
class Seq:
    """The items of a line (or of its part after the name), with the cell of each."""

    items: list[Item]
    cells: list[int]
    cell_objs: list[Cell]
    code: str | None = None
    # Indexes built on first use (a line may hold thousands of records, each asking): cell starts and ends when
    # the cells follow each other without overlapping, and the largest item end before each item.
    _bounds: tuple[list[int], list[int]] | None = field(default=None, init=False, repr=False, compare=False)
    _ends_before: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    def cell_end(self, item: Item) -> int:
        """The end of the (first) cell that holds the start of ``item``, or the item's own end."""
        if self._bounds is None:
            starts, ends = [c.start for c in self.cell_objs], [c.end for c in self.cell_objs]
            disjoint = all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1))
            self._bounds = (starts, ends) if disjoint else ([], [])
        starts, ends = self._bounds
        if starts or not self.cell_objs:
            i = bisect_right(starts, item.start) - 1
            return ends[i] if i >= 0 and item.start < ends[i] else item.end
        return next((c.end for c in self.cell_objs if c.start <= item.start < c.end), item.end)

    def end_before(self, k: int) -> int:
        """``max(it.end for it in items[:k])``."""
        if self._ends_before is None:
            self._ends_before = list(accumulate((it.end for it in self.items), max))
        return self._ends_before[k - 1]


def line_items(line: Line, ctx: RowContext, text: str) -> Seq:
    items: list[Item] = []
    cells: list[int] = []
    for index, cell in enumerate(line.cells):
        for item in lex(text, cell.start, cell.end, ctx.decimal, col_offset=line.start):
            if line.pipe:
                item.col0, item.col1 = cell.col0, cell.col1
            items.append(item)
            cells.append(index)
    return Seq(items, cells, line.cells)


def overlaps(a: tuple[int, int], b: tuple[int, int], slack: int = 1) -> bool:
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


class ColumnUnion:
    """The union of closed column intervals: ``meets(a)`` is ``any(overlaps(a, b, 0) for b in intervals)``, by
    bisection over the merged intervals, so a table of thousands of rows is checked in near-linear time."""

    def __init__(self, intervals: Iterable[tuple[int, int]]) -> None:
        merged: list[list[int]] = []
        for start, end in sorted(intervals):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        self.starts = [start for start, _ in merged]
        self.ends = [end for _, end in merged]

    def meets(self, a: tuple[int, int]) -> bool:
        i = bisect_right(self.starts, a[1]) - 1  # the last interval starting at or before a's end
        return i >= 0 and self.ends[i] >= a[0]


# OCR look-alikes, tried one at a time on names the catalogue does not know ("B1ood", "Scrum", "Cel1").
_OCR_SWAPS = (("1", "l"), ("1", "i"), ("l", "1"), ("0", "O"), ("0", "o"), ("O", "0"), ("5", "S"), ("5", "s"),
              ("c", "e"), ("e", "c"), ("rn", "m"), ("m", "rn"), ("I", "l"), ("l", "I"), ("8", "B"), ("ii", "ll"))
_STRAY_MARKS = regex.compile(r"\s+[|_'`.,;:¦]+$|(?:\s*[.…·_]){2,}\s*$")  # OCR marks, dot leaders


def repair_ocr_name(name: str, is_known: Callable[[str], bool]) -> str:
    """The name with one OCR look-alike undone, when that makes it a catalogue name; else unchanged."""
    if is_known(name):
        return name
    for wrong, right in _OCR_SWAPS:
        start = name.find(wrong)
        while start >= 0:
            fix = right.upper() if name[max(0, start - 1):start + len(wrong) + 1].replace(wrong, "").isupper() else right
            candidate = name[:start] + fix + name[start + len(wrong):]
            if is_known(candidate):
                return candidate
            start = name.find(wrong, start + 1)
    return name


_LEADING_SEPARATOR = regex.compile(r"^[-–|;•·]\s+")


def repeat_key(name: str, result: float | str | None, unit: str | None) -> tuple[str, object, str]:
    """What makes two rows one result printed twice (a summary repeating the table): the name (case and spacing
    folded), the number or the printed result, the unit."""
    result = result.casefold() if isinstance(result, str) else result
    return " ".join(name.casefold().split()), result, (unit or "").casefold()


def strip_separator(text: str) -> str:
    """The text without the separator that precedes the second record of a line ("- HCT:", "| RBC")."""
    return _LEADING_SEPARATOR.sub("", text)


def footnote_of(name: str) -> str | None:
    """The footnote or performing-site marks after a name ("(A)", "[2]", "¹", "*"), if any."""
    m = _FOOTNOTE.search(" ".join(name.split()).rstrip(" :=-–"))
    return m.group().strip() if m and m.start() > 0 else None


def clean_name(name: str) -> tuple[str, str | None]:
    """Strip a trailing colon, footnote marks, OCR stray marks and a unit in parentheses; return (name, unit)."""
    name = _STRAY_MARKS.sub("", " ".join(name.split()).strip())
    name = strip_separator(name)
    label_unit = None
    for _ in range(2):
        name = name.rstrip(" :=").strip()
        name = regex.sub(r"\s[-–]$", "", name)  # "White Blood Cells - 8,718": the dash separates name and value
        name = _FOOTNOTE.sub("", name).strip()
        m = _LABEL_UNIT.search(name)
        if m and UNITS.is_unit(m.group(1)) and m.start() > 0:
            label_unit = label_unit or m.group(1).strip()
            name = name[: m.start()].strip()
    return name.rstrip(" :").strip(), label_unit


_SENTENCE_CUT = regex.compile(r"\s(?:the|of|using|with|by|than|to|a|an|il|lo|la|di|del|della|con|secondo|per)$",
                              regex.IGNORECASE)


def name_ok(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or not (name[0].isalpha() or name[0] in "(%#[" or regex.match(r"\d+[-.]?\p{L}", name)):
        return False
    if len(name.split()) > 8 or len(name) > 70:
        return False
    if _BLACKLIST.match(name.strip(" .:*-")):
        return False
    # a sentence cut before its number ("eGFR calculated using the 2021 CKD-EPI equation"), not a test's name
    return not (len(name.split()) >= 4 and _SENTENCE_CUT.search(name))
