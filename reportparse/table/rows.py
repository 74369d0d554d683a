"""The row grammar: from lines of cells to raw lab values.

A result row reads ``NAME [FLAG] RESULT [UNIT] [FLAG] [REFERENCE | MIN MAX] [UNIT] [FLAG] …``;
the reference may be a two-sided interval, a one-sided comparison or qualitative text.
Around that grammar, rows are read in context:

* a line with only values under the result column of the previous row is the same analyte
  in a second unit (``4,6 mmol/L`` / ``82 mg/dL``);
* a line with only a name, followed by a line with only values, is one row (values printed
  below the name);
* a lone line that closes a parenthesis left open by the previous name continues that name;
  a lone line under the reference column continues the reference;
* text after a complete row that is itself followed by values starts a second table printed
  beside the first;
* a row whose only number stands in the reference columns of its table has no result (an
  empty result cell with printed limits) and is dropped;
* columns headed "previous"/"precedente" are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import regex

from ..grammar.flags import NORMAL, parse_flag
from ..grammar.units import UNITS
from ..catalogue import normalize_name
from ..lexicons import fold, load_lexicons
from ..params import ParseParams
from ..records import LabRow
from .columns import Table
from .lexer import CMP, DATE, FLAG, NUM, QUAL, RANGE, TEXT, UNIT, Item, lex
from .lines import Cell, Line
from .roles import category_flag, footnote_at, view_line

__all__ = ["read_rows", "RowContext"]

_RESULT_KINDS = (NUM, CMP, QUAL)
_VALUE_KINDS = (NUM, CMP, QUAL, RANGE, UNIT, FLAG)
_FIELD_UNITS = regex.compile(r"hpf|lpf|campo|field|c\.?m\.?|/\s*cmp", regex.IGNORECASE)
_CONNECTOR_END = regex.compile(r"(?:\b(?:di|del|della|dei|delle|of|the|a|to|and|e|per|for|in|with|con)|[-–(/,])\s*$",
                               regex.IGNORECASE)
_SPACED_DASH = regex.compile(r"\s[-–]\s")
_GENERIC_NAMES = regex.compile(r"^(?:result|results|risultato|risultati|esito|value|valore|test result)$",
                               regex.IGNORECASE)
# Names that never denote an analyte: identification, administration, page furniture.
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
_HEADER_WORDS = regex.compile(
    r"\b(?:result|results|risultat[oi]|esito|unit[sà]?|u\.\s?m\.?|units?|reference|riferimento|range|intervall[oi]|"
    r"bio\.?\s*ref|valori|flag|test|analisi|esame|parametro|metodo|method|previous|precedente|prec\.?|min|max|"
    r"status|normal\s+range|interval)\b",
    regex.IGNORECASE,
)
_METHOD_LINE = regex.compile(r"^\s*(?:\(.*\)|\[.*\]|(?:metodo|metodica|method|methodology|tecnica)\b.*)\s*$",
                             regex.IGNORECASE)
_URINE = regex.compile(r"\burin[ae]?\b|\burinalysis\b|\bR/E\b|\besame\s+(?:chimico[- ]fisico\s+)?urine\b",
                       regex.IGNORECASE)
_BLOOD = regex.compile(r"\b(?:serum|siero|plasma|blood|sangue|emocromo|haematology|hematology|ematologia|"
                       r"biochimica|biochemistry|chemistry|cbc|lipid|thyroid|coagula|liver|kidney|renal)",
                       regex.IGNORECASE)
_ABNORMAL_SECTION = regex.compile(
    r"abnormal\s+result|out\s+of\s+range\s+result|risultati\s+(?:anomali|alterati|fuori)|valori\s+(?:anomali|alterati|fuori)",
    regex.IGNORECASE,
)
_UNITISH = regex.compile(r"[^\s/]{0,12}/[^\s]{1,15}|[^\s]*10\^\d[^\s]*")
_LABEL_UNIT = regex.compile(r"\s*[(\[]\s*([^()\[\]]{1,20}?)\s*[)\]]\s*[:.]?\s*$")
_FOOTNOTE = regex.compile(r"(?:\s*(?:\(\*+\)|\*+|°|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,2}\]|\(\d{1,2}\)|(?<=\s)\([A-Z]\)))+\s*$")
_STRONG_QUAL = regex.compile(
    r"^(?:negativ[oaie]|positiv[oaie]|assent[ei]|present[ei]|tracce|traccia|negative|positive|absent|present|"
    r"traces?|nil|none seen|not detected|detected|non[- ]?reactive|reactive|\+{1,4}|[1-4]\+)",
    regex.IGNORECASE,
)


@dataclass
class _Draft:
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


@dataclass
class _Seq:
    """The items of a line (or of its part after the name), with the cell of each."""

    items: list[Item]
    cells: list[int]
    cell_objs: list[Cell]
    code: str | None = None


def _line_items(line: Line, ctx: RowContext, text: str) -> _Seq:
    items: list[Item] = []
    cells: list[int] = []
    for index, cell in enumerate(line.cells):
        for item in lex(text, cell.start, cell.end, ctx.decimal, col_offset=line.start):
            if line.pipe:
                item.col0, item.col1 = cell.col0, cell.col1
            items.append(item)
            cells.append(index)
    return _Seq(items, cells, line.cells)


def _overlaps(a: tuple[int, int], b: tuple[int, int], slack: int = 1) -> bool:
    return a[0] <= b[1] + slack and b[0] <= a[1] + slack


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


def footnote_of(name: str) -> str | None:
    """The footnote or performing-site marks after a name ("(A)", "[2]", "¹", "*"), if any."""
    m = _FOOTNOTE.search(" ".join(name.split()).rstrip(" :=-–"))
    return m.group().strip() if m and m.start() > 0 else None


def _clean_name(name: str) -> tuple[str, str | None]:
    """Strip a trailing colon, footnote marks, OCR stray marks and a unit in parentheses; return (name, unit)."""
    name = _STRAY_MARKS.sub("", " ".join(name.split()).strip())
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


def _name_ok(name: str) -> bool:
    letters = sum(ch.isalpha() for ch in name)
    if letters < 2 or not (name[0].isalpha() or name[0] in "(%#[" or regex.match(r"\d+[-.]?\p{L}", name)):
        return False
    if len(name.split()) > 8 or len(name) > 70:
        return False
    if _BLACKLIST.match(name.strip(" .:*-")):
        return False
    return True


_STATUS_WORDS = frozenset({"normal", "normale", "abnormal", "anormale"})


def _legend_entry(seq: _Seq, text: str) -> tuple[str, str | None, list[Item]] | None:
    """(name, unit, range items) of a line ``Name (unit)   range``, else None."""
    items = seq.items
    if len(items) < 2 or items[0].kind != TEXT:
        return None
    k = 1
    if seq.cells[-1] > 0:  # the name is the first cell, whatever it holds ("GFR (mL/min/1.73)")
        while seq.cells[k] == 0:
            k += 1
    else:
        while k < len(items) and items[k].kind in (TEXT, UNIT):
            k += 1
    values = [it for it in items[k:] if it.kind != UNIT]
    kinds = [it.kind for it in values]
    sexed = NUM not in kinds and any(k in (RANGE, CMP) for k in kinds)  # "Uomini [135 - 175] / Donne [120 - 155]"
    if kinds not in ([RANGE], [CMP], [NUM, NUM]) and not sexed:
        return None  # a range, or two limits: one more number is a result
    name, unit = _clean_name(text[items[0].start:items[k - 1].end])
    return name, unit, values


def _references_from_legend(values: list[_Draft], legend: dict, text: str) -> None:
    """Give each value without a printed reference the legend's entry of its name (and unit, where several)."""
    for value in values:
        entries = legend.get(normalize_name(value.name))
        if not entries or value.ref_text:
            continue
        unit = (value.unit or value.label_unit or "").casefold()
        if len(entries) > 1:
            entries = [e for e in entries if (e[0] or "").casefold() == unit]
        if len(entries) != 1:
            continue
        items = [it for it in entries[0][1] if it.kind != UNIT]
        if len(items) == 2 and items[0].kind == items[1].kind == NUM:
            value.ref_minmax = (items[0], items[1])
            value.ref_text = f"{items[0].text} {items[1].text}"
        else:
            value.ref_item = items[0]
            value.ref_text = text[items[0].start:items[-1].end].strip()
        value.ref_spans = [(items[0].start, items[-1].end)]


def _group_by_columns(seq: _Seq, starts: list[int]) -> list[tuple[int, _Seq]]:
    """Split a line's items by the columns starting at ``starts``: (column index, items of that column)."""
    groups: dict[int, list[int]] = {}
    for i, item in enumerate(seq.items):
        column = max((k for k, x in enumerate(starts) if x <= item.col0 + 2), default=0)
        groups.setdefault(column, []).append(i)
    out = []
    for column, indexes in sorted(groups.items()):
        cells = sorted({seq.cells[i] for i in indexes})
        renumber = {c: n for n, c in enumerate(cells)}
        out.append((column, _Seq([seq.items[i] for i in indexes], [renumber[seq.cells[i]] for i in indexes],
                                 [seq.cell_objs[c] for c in cells])))
    return out


def _labelled_reference(seq: _Seq) -> list[Item] | None:
    """The range items of a line that reads ``<reference label> <range> [unit]``, else None."""
    label = [it for it in seq.items if it.kind == TEXT]
    values = [it for it in seq.items if it.kind != TEXT]
    if len(label) != 1 or seq.items[0] is not label[0] or not values or values[0].kind not in (RANGE, CMP):
        return None
    if any(it.kind not in (RANGE, CMP, UNIT) for it in values):
        return None
    word = label[0].text.strip(" :")
    lexicons = load_lexicons()
    if lexicons.column_role(word) != "reference" and lexicons.category(word) != "normal":
        return None
    return values


def _attach_reference(record: _Draft, values: list[Item], text: str) -> None:
    a, b = values[0].start, values[-1].end
    record.ref_text, record.ref_spans, record.ref_item = text[a:b].strip(), [(a, b)], values[0]
    units = [it for it in values if it.kind == UNIT]
    if units and not (record.unit or record.label_unit):
        record.ref_unit = units[0].text


_OCR_LETTERS = str.maketrans({"1": "l", "0": "o", "5": "s", "|": "l"})


def _status_key(text: str) -> str:
    """A status phrase in lower case with OCR look-alikes undone inside words ("ln Range", "Nel1a norma")."""
    words = text.lower().split()
    return " ".join(w.translate(_OCR_LETTERS) if any(ch.isalpha() for ch in w) else w for w in words)


def _is_status(text: str) -> bool:
    """A portal's status word standing where a name would ("In Range", "Normal", "Fuori range")."""
    key = _status_key(text)
    if key == "ln range":
        key = "in range"  # OCR reads a capital I as a lower-case l
    return key in _STATUS_WORDS or (len(key) > 1 and parse_flag(key) is not None)


def read_rows(lines: list[Line], text: str, ctx: RowContext) -> list[LabRow]:
    """Read every result row of a document."""
    reader = _RowReader(text, ctx)
    for line in lines:
        reader.feed(line)
    return [value.to_row() for value in reader.finish()]


class _RowReader:
    def __init__(self, text: str, ctx: RowContext) -> None:
        self.text = text
        self.ctx = ctx
        self.values: list[_Draft] = []
        self.page = 0
        self.prev: _Draft | None = None
        self.pending: tuple[Line, Cell] | None = None
        self.specimen: str | None = None
        self.abnormal_section = False
        self.heading: str | None = None
        self.md_heading: str | None = None
        self.table: Table | None = None
        self.pending_ref: tuple[int, list[Item]] | None = None  # (name line, reference) printed before the value
        self.pending_unit: Cell | None = None
        self.legend_open = False  # inside a block of references printed apart ("Reference intervals")
        self.legend_page = 0
        self.legend: dict[str, list[tuple[str | None, list[Item]]]] = {}  # name -> (unit, range items)
        self.grid: tuple[Line, list[Cell]] | None = None  # names of cards side by side, waiting for their values
        self.grid_rows: list[tuple[int, _Draft]] = []  # (card column, record) of the last row of cards
        self.table_of = {i: t for t in ctx.tables for i in range(t.first_line, t.last_line + 1)}

    # -- line dispatch -------------------------------------------------------------------------
    def feed(self, line: Line) -> None:
        if line.page != self.page:
            self.page = line.page
            self.prev, self.pending = None, None
            self.abnormal_section = False
        self.table = self.table_of.get(line.index)
        disabled = self.ctx.params.disabled_rules
        for name, rule in LINE_RULES.items():
            if name not in disabled and rule(self, line):
                return
        seq = _line_items(line, self.ctx, self.text)
        view = view_line(seq.items, seq.cells, seq.cell_objs, self.table, self.ctx.params)
        seq = _Seq(view.items, view.cells, view.cell_objs, view.code)
        if not seq.items:
            return
        for name, rule in ITEM_RULES.items():
            if name not in disabled and rule(self, line, seq):
                return

    def _is_header(self, line: Line, seq: _Seq) -> bool:
        if any(it.kind in (NUM, CMP, RANGE) for it in seq.items):
            return False
        words = sum(bool(_HEADER_WORDS.search(c.text)) for c in line.cells)
        return len(line.cells) >= 2 and words >= 2

    def _read_header(self, line: Line, seq: _Seq) -> None:
        self.prev = None

    def _reference_line(self, line: Line, seq: _Seq) -> bool:
        """``Range: 4.0 - 10.0`` / ``Standard range 13.0 - 17.7 g/dL``: the reference of the value above it,
        or of the value still to come under a name printed above (portal printouts)."""
        if self._card_references(seq):
            return True
        reference = _labelled_reference(seq)
        if reference is None:
            return False
        prev, params = self.prev, self.ctx.params
        if prev is not None and not prev.ref_text and line.index - prev.last_line <= params.reference_below_max_lines:
            _attach_reference(prev, reference, self.text)
            prev.last_line = line.index
            return True
        if self.pending is not None and line.index - self.pending[0].index <= params.name_above_max_lines:
            self.pending_ref = (self.pending[0].index, reference)
            return True
        return False

    def _section(self, text: str) -> None:
        if _URINE.search(text):
            self.specimen = "urine"
        elif _BLOOD.search(text):
            self.specimen = None
        if _ABNORMAL_SECTION.search(text):
            self.abnormal_section = True

    # -- rows with a name ----------------------------------------------------------------------
    def _data_row(self, line: Line, seq: _Seq) -> bool:
        split = self._name_split(seq)
        if split is None:
            return False
        made = self._parse_records(line, seq, 0, split)
        return made

    def _name_split(self, seq: _Seq) -> int | None:
        """Index of the first value item after the name in the first cell's items."""
        first_cell = [i for i, c in enumerate(seq.cells) if c == 0]
        for i in first_cell:
            it = seq.items[i]
            if i == 0 or it.kind not in (NUM, CMP, QUAL, RANGE):
                continue
            if footnote_at(seq.items, seq.cells, i, self.table, self.ctx.params):
                continue
            name = self.text[seq.items[0].start:seq.items[i - 1].end]
            # "White Blood Cells - 8,718 /cumm": a spaced dash before a value with its unit separates them
            # ("Interleukin - 6 (IL-6)" goes on with words: the dash joins the name).
            separated = _SPACED_DASH.search(name.rstrip() + " ") is not None and name.rstrip()[-1] in "-–" and \
                i + 1 < len(seq.items) and seq.items[i + 1].kind == UNIT
            if (separated or not _CONNECTOR_END.search(name)) and len(name.split()) <= 6:
                return i
        if len(first_cell) == len(seq.items):
            return None  # nothing but the name on this line
        return len(first_cell)  # the whole first cell is the name ("Interleukin - 6 (IL-6)")

    def _parse_records(self, line: Line, seq: _Seq, start: int, split: int) -> bool:
        """Parse one or more records (tables side by side) starting with a name at ``start``."""
        made = False
        name_items = seq.items[start:split]
        if any(it.kind == DATE for it in name_items):
            return False
        footnote = None
        if len(name_items) > 1 and footnote_at(seq.items, seq.cells, start + len(name_items) - 1, self.table,
                                               self.ctx.params):
            footnote = name_items[-1].text
            name_items = name_items[:-1]
        name_start, name_end = name_items[0].start, name_items[-1].end
        record, next_start = self._record(line, seq, split, self.text[name_start:name_end], (name_start, name_end),
                                          name_items[0].col0)
        if record is not None:
            record.footnote = footnote or footnote_of(self.text[name_start:name_end])
            record.code = seq.code if start == 0 else None
            made = self._emit(record)
        if next_start is not None:
            # The next record's name runs until its first value item.
            j = next_start
            while j < len(seq.items) and seq.items[j].kind in (TEXT, UNIT) and seq.cells[j] == seq.cells[next_start]:
                j += 1
            if j < len(seq.items) and j > next_start:
                made = self._parse_records(line, seq, next_start, j) or made
        return made

    def _record(
        self, line: Line, seq: _Seq, i: int, raw_name: str, name_span: tuple[int, int], name_col: int
    ) -> tuple[_Draft | None, int | None]:
        items, cells = seq.items, seq.cells
        n = len(items)
        name, label_unit = _clean_name(raw_name)
        if _GENERIC_NAMES.match(name) and (self.md_heading or self.heading):
            name = _clean_name(self.md_heading or self.heading)[0]
        flag = None
        unit: Item | None = None
        if i < n and items[i].kind == FLAG:
            flag = items[i].flag
            i += 1
        if i + 1 < n and items[i].kind == UNIT and items[i + 1].kind in (NUM, CMP):
            unit = items[i]
            i += 1
        if i >= n:
            return None, None
        result = items[i]
        result_text = None
        if result.kind == QUAL:
            result_text = self._cell_rest(seq, i)
        elif result.kind == RANGE and i + 1 < n and items[i + 1].kind == UNIT and _FIELD_UNITS.search(items[i + 1].text):
            result_text = result.text
        elif result.kind == CMP:
            result_text = result.text
        elif result.kind != NUM:
            return None, None
        result_cell = cells[i]
        i += 1
        ref_item: Item | None = None
        ref_minmax: tuple[Item, Item] | None = None
        ref_text_item: Item | None = None
        ref_unit: Item | None = None
        next_start: int | None = None
        skip_to_cell_end = result_text is not None and result.kind == QUAL
        j = i
        while j < n:
            it = items[j]
            new_cell = cells[j] != cells[j - 1]
            if skip_to_cell_end and cells[j] == result_cell:
                j += 1
                continue
            has_ref = ref_item is not None or ref_minmax is not None or ref_text_item is not None
            if it.kind == UNIT:
                if unit is None and (not has_ref or ref_minmax is not None) :
                    unit = it
                elif has_ref and ref_unit is None:
                    ref_unit = it
            elif it.kind == FLAG:
                flag = flag or it.flag
            elif it.kind in (RANGE, CMP):
                if not has_ref:
                    ref_item = it
            elif it.kind == NUM:
                following = items[j + 1] if j + 1 < n else None
                if not has_ref and following is not None and following.kind == NUM and it.value <= following.value:
                    ref_minmax = (it, following)
                    j += 1
            elif it.kind in (TEXT, QUAL):
                if new_cell and self._starts_record(seq, j):
                    next_start = j
                    break
                if unit is None and not has_ref and new_cell and it.kind == TEXT and _UNITISH.fullmatch(it.text):
                    unit = it  # an unknown unit, kept as printed (the normaliser warns)
                elif not has_ref and new_cell:
                    ref_text_item = it
            j += 1
        record = _Draft(
            name=name, name_span=name_span, result=result, result_text=result_text, page=line.page,
            line_index=line.index, name_col=name_col, label_unit=label_unit,
        )
        record.unit = unit.text if unit else None
        record.unit_span = (unit.start, unit.end) if unit else None
        in_category, category, normal_range = category_flag(result, self.table, self.ctx.params, self.ctx.decimal)
        record.flag = (category or NORMAL) if in_category and flag is None else flag
        record.bold = seq.cell_objs[result_cell].bold
        record.specimen = self.specimen
        record.in_abnormal_section = self.abnormal_section
        record.last_line = line.index
        record.end = items[j - 1].end if j > 0 else result.end
        if ref_item is not None:
            a, b = ref_item.start, self._cell_end(seq, ref_item)
            record.ref_item, record.ref_col = ref_item, ref_item.col0
            record.ref_col_end = ref_item.col0 + (b - a)
            record.ref_text, record.ref_spans = self.text[a:b], [(a, b)]
        elif ref_minmax is not None:
            lo, hi = ref_minmax
            record.ref_minmax, record.ref_col = ref_minmax, lo.col0
            record.ref_text = f"{lo.text} {hi.text}"
            record.ref_spans = [(lo.start, lo.end), (hi.start, hi.end)]
        elif ref_text_item is not None:
            a, b = ref_text_item.start, self._cell_end(seq, ref_text_item)
            record.ref_col = ref_text_item.col0
            record.ref_col_end = ref_text_item.col0 + (b - a)
            record.ref_text, record.ref_spans = self.text[a:b], [(a, b)]
        if ref_unit is not None:
            record.ref_unit = ref_unit.text
        if in_category and record.ref_text is None and normal_range:
            record.ref_text = normal_range
        if not self._acceptable(record):
            return None, next_start
        return record, next_start

    def _starts_record(self, seq: _Seq, j: int) -> bool:
        """TEXT in a new cell followed, in a later cell, by a result: the name of a second table."""
        items, cells = seq.items, seq.cells
        if not _name_ok(self.text[items[j].start:items[j].end].strip()):
            return False
        k = j + 1
        while k < len(items) and cells[k] == cells[j] and items[k].kind in (TEXT, UNIT):
            k += 1
        # The second table's result sits in a cell of its own ("Normal: >= 90" is one reference cell).
        return k < len(items) and items[k].kind in (NUM, CMP) and cells[k] != cells[j]

    def _cell_end(self, seq: _Seq, item: Item) -> int:
        for cell in seq.cell_objs:
            if cell.start <= item.start < cell.end:
                return cell.end
        return item.end

    def _cell_rest(self, seq: _Seq, i: int) -> str:
        return " ".join(self.text[seq.items[i].start:self._cell_end(seq, seq.items[i])].split())

    def _acceptable(self, record: _Draft) -> bool:
        name = record.name = repair_ocr_name(record.name, self.ctx.is_known)
        if not _name_ok(name):
            return False
        record.known = self.ctx.is_known(name)
        has_ref = record.ref_item is not None or record.ref_minmax is not None
        has_unit = bool(record.unit or record.label_unit or record.ref_unit)
        kind = record.result.kind
        if kind == NUM:
            return record.known or has_unit or has_ref or record.flag is not None
        if kind == CMP:
            # Interpretation tables print "Low risk  < 116 mg/dL": a censored value needs a known name or a reference.
            return (record.known and (has_unit or has_ref)) or (has_unit and has_ref)
        if kind == QUAL:
            text = record.result_text or ""
            if record.known or record.ref_text:
                return True
            return bool(_STRONG_QUAL.match(text)) and len(name.split()) <= 4
        return record.result_text is not None  # a per-field count range ("0-1 /HPF")

    def _emit(self, record: _Draft) -> bool:
        self.legend_open = False  # a value ends a block of references
        self.values.append(record)
        self.prev = record
        self.pending = None
        return True

    # -- lines without a name ------------------------------------------------------------------
    def _values_only(self, line: Line, seq: _Seq) -> None:
        if self._card_values(line, seq):
            return
        prev = self.prev
        first = seq.items[0]
        status = first.kind == FLAG and len(first.text) > 1  # "In Range   17.0 g/dL" under its name
        # The result may follow a unit or a status printed before it ("/mm3   10.489").
        value = seq.items[1] if first.kind in (UNIT, FLAG) and len(seq.items) > 1 else first
        if (prev is not None and line.index - prev.last_line <= 2 and value.kind in (NUM, CMP)
                and _overlaps((value.col0, value.col1), prev.result_cols, 2)):
            record, _ = self._record(line, seq, 0, prev.name, prev.name_span, prev.name_col)
            if record is not None and (record.unit or record.ref_text):
                record.name_span = (first.start, first.start)  # the name is printed on the line above
                record.specimen = prev.specimen
                self._emit(record)
                return
        if prev is not None and prev.ref_col is not None and line.index - prev.last_line <= 12:
            if self._continue_reference(line, prev):
                return
        if self.pending is not None:
            name_line, cell = self.pending
            # A long name may reach past the result column: values need only start right of its start.
            near = line.index - name_line.index <= self.ctx.params.name_above_max_lines
            # A card prints the value with its unit under the name, at the same column.
            at = seq.items.index(value)
            card = (value.kind in (NUM, CMP) and at + 1 < len(seq.items) and seq.items[at + 1].kind == UNIT
                    and not any(it.kind == TEXT for it in seq.items))
            block = self.table is not None and self.table.block  # under the value's own categories
            if near and (first.col0 > cell.col0 + 3 or status or card or block):
                record, _ = self._record(line, seq, 0, cell.text, (cell.start, cell.end), cell.col0)
                if record is not None:
                    if self.pending_unit is not None and not (record.unit or record.label_unit):
                        record.unit = self.pending_unit.text
                        record.unit_span = (self.pending_unit.start, self.pending_unit.end)
                    pending_ref = self.pending_ref
                    if pending_ref is not None and pending_ref[0] == name_line.index and not record.ref_text:
                        _attach_reference(record, pending_ref[1], self.text)
                    self._emit(record)

    def _card_values(self, line: Line, seq: _Seq) -> bool:
        """Values under a row of card names: each group of cells under a name is that card's value."""
        if self.grid is None or line.index - self.grid[0].index > self.ctx.params.name_above_max_lines:
            return False
        names = self.grid[1]
        self.grid, self.grid_rows = None, []
        for column, group in _group_by_columns(seq, [c.col0 for c in names]):
            cell = names[column]
            name = " ".join(cell.text.split())
            record, _ = self._record(line, group, 0, name, (cell.start, cell.end), cell.col0)
            if record is not None:
                self._emit(record)
                self.grid_rows.append((cell.col0, record))
        self.prev = None
        return bool(self.grid_rows)

    def _card_references(self, seq: _Seq) -> bool:
        """``Range: a - b     Range: c - d`` under a row of cards: each reference to the card above it."""
        if not self.grid_rows:
            return False
        columns = [col for col, _ in self.grid_rows]
        placed = 0
        for column, group in _group_by_columns(seq, columns):
            values = _labelled_reference(group)
            record = self.grid_rows[column][1]
            if values is not None and not record.ref_text:
                _attach_reference(record, values, self.text)
                placed += 1
        self.grid_rows = [] if placed else self.grid_rows
        return placed > 0

    def _continue_reference(self, line: Line, prev: _Draft) -> bool:
        """Append the cells of ``line`` that stand under the previous row's printed reference."""
        if prev.ref_col is None or prev.ref_col_end is None or line.pipe:
            return False
        cells = line.cells
        if not all(prev.ref_col - 3 <= c.col0 <= prev.ref_col_end + 1 for c in cells):
            return False
        for cell in cells:
            prev.ref_text = f"{prev.ref_text} {cell.text}".strip() if prev.ref_text else cell.text
            prev.ref_spans.append((cell.start, cell.end))
        prev.last_line = line.index
        return True

    def _name_only(self, line: Line, seq: _Seq) -> None:
        prev = self.prev
        cell = line.cells[0]
        text = " ".join(cell.text.split())
        if prev is not None and line.index - prev.last_line <= 1 and len(line.cells) == 1:
            opened = prev.name.count("(") - prev.name.count(")")
            wrapped = (opened > 0 and ")" in text) or (
                (text[:1].islower() or _CONNECTOR_END.search(prev.name)) and len(text.split()) <= 4)
            if wrapped and abs(cell.col0 - prev.name_col) <= 3 and not _METHOD_LINE.match(text):
                prev.name = f"{prev.name} {_clean_name(text)[0]}"
                prev.name_span = (prev.name_span[0], cell.end)
                prev.last_line = line.index
                return
        if prev is not None and line.index - prev.last_line <= 12 and self._continue_reference(line, prev):
            return
        if _METHOD_LINE.match(text):
            return
        self._section(text)
        unit_cell = len(line.cells) == 2 and [it.kind for it in seq.items if seq.cells[seq.items.index(it)] == 1] == [UNIT]
        if (len(line.cells) == 1 or unit_cell) and _name_ok(_clean_name(text)[0]):
            self.pending = (line, cell)
            self.pending_unit = line.cells[1] if unit_cell else None  # "Glucose          mg/dL" above its value
            if not line.pipe:
                self.heading = text
        elif len(line.cells) >= 2 and all(it.kind in (TEXT, UNIT) for it in seq.items) and \
                all(_name_ok(_clean_name(c.text)[0]) for c in line.cells):
            self.grid = (line, list(line.cells))  # the names of cards printed side by side
        self.prev = None

    # -- whole-document checks -----------------------------------------------------------------
    def finish(self) -> list[_Draft]:
        values = _drop_results_in_reference_columns(self.values)
        _references_from_legend(values, self.legend, self.text)
        return _drop_repeats(values)


# -- rules, in the order they are tried -----------------------------------------------------------
# A line rule sees the raw line; an item rule sees its items once the table roles have been applied.
# Each returns True when it has dealt with the line.  ``ParseParams.disabled_rules`` switches any off.
LineRule = Callable[[_RowReader, Line], bool]
ItemRule = Callable[[_RowReader, Line, _Seq], bool]
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
def _reference_line(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    return reader._reference_line(line, seq)


@item_rule("header_words")
def _header_words(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    """A header the table model did not take (too few known words) still ends the rows above it."""
    if not reader._is_header(line, seq):
        return False
    reader._read_header(line, seq)
    reader.pending = None
    return True


@item_rule("reference_legend")
def _reference_legend(reader: _RowReader, line: Line, seq: _Seq) -> bool:
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
    entry = _legend_entry(seq, reader.text)
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
def _section_title(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    """"URINE EXAMINATION", "Abnormal Result(s) Summary": remember the section, go on reading the line."""
    text = line.text.strip()
    if len(line.cells) <= 2 and len(text.split()) <= 8 and not any(it.kind in (NUM, CMP, RANGE) for it in seq.items):
        reader._section(text)
    return False


@item_rule("status_word")
def _status_word(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    """A portal's status word where a name would stand ("Normal   17.0 g/dL") is a marker."""
    first = seq.items[0]
    if first.kind in (TEXT, QUAL) and _is_status(first.text) and len(seq.items) > 1:
        first.kind, first.flag = FLAG, parse_flag(_status_key(first.text)) or NORMAL
    return False


@item_rule("named_row")
def _named_row(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    """A line that starts with a name: a result row, or a name waiting for values below it."""
    first = seq.items[0]
    if not (first.kind == TEXT or (first.kind == QUAL and len(line.cells) > 1 and seq.cells.count(0) == 1
                                   and reader.ctx.is_known(first.text))):
        return False
    if not reader._data_row(line, seq):
        reader._name_only(line, seq)
    return True


@item_rule("values_only")
def _values_only(reader: _RowReader, line: Line, seq: _Seq) -> bool:
    """Values without a name: a second unit, the values of a name above, or a reference continued."""
    if seq.items[0].kind not in _VALUE_KINDS:
        return False
    reader._values_only(line, seq)
    return True


def _drop_results_in_reference_columns(values: list[_Draft]) -> list[_Draft]:
    """Drop rows whose lone number sits where the other rows of the table print their limits."""
    tables: dict[tuple[int, int], list[_Draft]] = {}
    for value in values:
        tables.setdefault((value.page, value.name_col // 6), []).append(value)
    dropped: set[int] = set()
    for rows in tables.values():
        strong = [r for r in rows if r.result.kind == NUM and (r.ref_item is not None or r.ref_minmax is not None)]
        if len(strong) < 2:
            continue
        result_cols = [r.result_cols for r in strong]
        ref_cols = []
        for r in strong:
            if r.ref_minmax is not None:
                ref_cols.append((r.ref_minmax[0].col0, r.ref_minmax[1].col1))
            elif r.ref_item is not None:
                ref_cols.append((r.ref_item.col0, r.ref_item.col1))
        for r in rows:
            if r.result.kind != NUM or r.name_span[0] == r.name_span[1]:
                continue
            cols = r.result_cols
            in_results = any(_overlaps(cols, c, 0) for c in result_cols)
            in_refs = any(_overlaps(cols, c, 0) for c in ref_cols)
            if in_refs and not in_results:
                dropped.add(id(r))
    return [v for v in values if id(v) not in dropped]


def _drop_repeats(values: list[_Draft]) -> list[_Draft]:
    """Drop later copies of a result (summary lists that repeat rows printed above)."""
    seen: set[tuple[str, object, str]] = set()
    kept = []
    for value in values:
        result = value.result.value if value.result.kind == NUM else (value.result_text or "").casefold()
        key = (" ".join(value.name.casefold().split()), result, (value.unit or "").casefold())
        if key in seen:
            continue
        seen.add(key)
        kept.append(value)
    return kept
