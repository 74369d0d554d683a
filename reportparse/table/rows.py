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
* the table model (:mod:`.columns`, applied by :mod:`.roles`) sets codes aside, skips previous
  results, dates, methods and comments, and interprets results under category headers;
* status words, references on their own line or in a separate block, and cards side by side
  are read by the helpers of :mod:`.across`.

Which of these applies to a line is decided by the small named rules of :mod:`.rules`.
"""

from __future__ import annotations

import regex

from ..grammar.flags import NORMAL
from ..records import LabRow
from ..lexicons import load_lexicons
from .across import attach_reference, group_by_columns, is_status, labelled_reference, references_from_legend
from .columns import Table
from .draft import (ColumnUnion, Draft, RowContext, Seq, clean_name, footnote_of, line_items, name_ok, overlaps,
                    repair_ocr_name, repeat_key, strip_separator)
from .lexer import CMP, DATE, FLAG, NUM, QUAL, RANGE, TEXT, UNIT, Item
from .lines import Cell, Line
from .roles import category_flag, footnote_at, view_line
from .rules import ITEM_RULES, LINE_RULES

__all__ = ["read_rows", "RowContext", "LINE_RULES", "ITEM_RULES"]

_RESULT_KINDS = (NUM, CMP, QUAL)
_TRAILING_BRACKETS = regex.compile(r"^(.*?\S)\s*[\[(]\s*([^\[\]()]*?\S)\s*[\])]$")
_VALUE_KINDS = (NUM, CMP, QUAL, RANGE, UNIT, FLAG)
_FIELD_UNITS = regex.compile(r"hpf|lpf|campo|field|c\.?m\.?|/\s*cmp", regex.IGNORECASE)
_CONNECTOR_END = regex.compile(r"(?:\b(?:di|del|della|dei|delle|of|the|a|to|and|e|per|for|in|with|con)|[-–(/,])\s*$",
                               regex.IGNORECASE)
_SPACED_DASH_END = regex.compile(r"\s[-–]\s*$")
# Between two records printed on one line: "… (4.00 - 10.00) | RBC 4.64 …", "… (4,00-10,00) - Eritrociti: 4,31 …"
_RECORD_SEPARATOR = regex.compile(r"\s*[|;•·]\s|\s+[-–]\s")
_GENERIC_NAMES = regex.compile(r"^(?:result|results|risultato|risultati|esito|value|valore|test result)$",
                               regex.IGNORECASE)
# Names that never denote an analyte: identification, administration, page furniture.
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
_STRONG_QUAL = regex.compile(
    r"^(?:negativ[oaie]|positiv[oaie]|assent[ei]|present[ei]|tracce|traccia|negative|positive|absent|present|"
    r"traces?|nil|none seen|not detected|detected|non[- ]?reactive|reactive|\+{1,4}|[1-4]\+)",
    regex.IGNORECASE,
)


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
        self.values: list[Draft] = []
        self.page = 0
        self.prev: Draft | None = None
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
        self.grid_rows: list[tuple[int, Draft]] = []  # (card column, record) of the last row of cards
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
        seq = line_items(line, self.ctx, self.text)
        view = view_line(seq.items, seq.cells, seq.cell_objs, self.table, self.ctx.params)
        seq = Seq(view.items, view.cells, view.cell_objs, view.code)
        if not seq.items:
            return
        for name, rule in ITEM_RULES.items():
            if name not in disabled and rule(self, line, seq):
                return

    def _is_header(self, line: Line, seq: Seq) -> bool:
        if any(it.kind in (NUM, CMP, RANGE) for it in seq.items):
            return False
        words = sum(bool(_HEADER_WORDS.search(c.text)) for c in line.cells)
        return len(line.cells) >= 2 and words >= 2

    def _reference_line(self, line: Line, seq: Seq) -> bool:
        """``Range: 4.0 - 10.0`` / ``Standard range 13.0 - 17.7 g/dL``: the reference of the value above it,
        or of the value still to come under a name printed above (portal printouts)."""
        if self._card_references(seq):
            return True
        reference = labelled_reference(seq)
        if reference is None:
            return False
        prev, params = self.prev, self.ctx.params
        if prev is not None and not prev.ref_text and line.index - prev.last_line <= params.reference_below_max_lines:
            attach_reference(prev, reference, self.text)
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
    def _data_row(self, line: Line, seq: Seq) -> bool:
        split = self._name_split(seq)
        if split is None:
            return False
        made = self._parse_records(line, seq, 0, split)
        return made

    def _name_split(self, seq: Seq) -> int | None:
        """Index of the first value item after the name in the first cell's items."""
        first_cell = [i for i, c in enumerate(seq.cells) if c == 0]
        for i in first_cell:
            it = seq.items[i]
            if i == 0 or it.kind not in (NUM, CMP, QUAL, RANGE):
                continue
            name = self.text[seq.items[0].start:seq.items[i - 1].end]
            if len(name.split()) > 6:
                break  # the name only grows: no later value ends a name (a line of prose holds thousands)
            if footnote_at(seq.items, seq.cells, i, self.table, self.ctx.params):
                continue
            # "White Blood Cells - 8,718 /cumm": a spaced dash before a value with its unit separates them
            # ("Interleukin - 6 (IL-6)" goes on with words: the dash joins the name).
            separated = _SPACED_DASH_END.search(name) is not None and i + 1 < len(seq.items) and \
                seq.items[i + 1].kind == UNIT
            if separated or not _CONNECTOR_END.search(name):
                return i
        if len(first_cell) == len(seq.items):
            return None  # nothing but the name on this line
        return len(first_cell)  # the whole first cell is the name ("Interleukin - 6 (IL-6)")

    def _parse_records(self, line: Line, seq: Seq, start: int, split: int) -> bool:
        """Parse one or more records (tables side by side, lists of records) starting with a name at ``start``:
        each record's name runs to ``split``, the next one's starts where the record ends (a loop, not a
        recursion: a line may hold thousands)."""
        made = False
        while True:
            name_items = seq.items[start:split]
            if not name_items or any(it.kind == DATE for it in name_items):  # no name: OCR noise such as ":  Te)"
                return made
            footnote = None
            if len(name_items) > 1 and footnote_at(seq.items, seq.cells, start + len(name_items) - 1, self.table,
                                                   self.ctx.params):
                footnote = name_items[-1].text
                name_items = name_items[:-1]
            name_start, name_end = name_items[0].start, name_items[-1].end
            record, next_start = self._record(line, seq, split, self.text[name_start:name_end],
                                              (name_start, name_end), name_items[0].col0)
            if record is not None:
                record.footnote = footnote or footnote_of(self.text[name_start:name_end])
                record.code = seq.code if start == 0 else None
                made = self._emit(record) or made
            elif next_start is None and split < len(seq.items) and seq.items[split].kind == TEXT and \
                    seq.cells[split] != seq.cells[start] and self._starts_record(seq, split):
                # A section title on the left, a row of the table printed beside it on the right.
                self._section(self.text[name_start:name_end])
                next_start = split
            if next_start is None:
                return made
            # The next record's name runs until its first value item.
            j = next_start
            while j < len(seq.items) and seq.items[j].kind in (TEXT, UNIT) and seq.cells[j] == seq.cells[next_start]:
                j += 1
            if not next_start < j < len(seq.items):
                return made
            start, split = next_start, j

    def _record(
        self, line: Line, seq: Seq, i: int, raw_name: str, name_span: tuple[int, int], name_col: int
    ) -> tuple[Draft | None, int | None]:
        items, cells = seq.items, seq.cells
        n = len(items)
        name, label_unit = clean_name(raw_name)
        if _GENERIC_NAMES.match(name) and (self.md_heading or self.heading):
            name = clean_name(self.md_heading or self.heading)[0]
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
            new_cell = cells[j] != cells[j - 1] or _RECORD_SEPARATOR.match(self.text, items[j - 1].end, it.end) is not None
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
        record = Draft(
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
            if next_start is not None:  # the next record of the line starts in the same cell
                b = min(b, seq.end_before(next_start))
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
        if result.kind == QUAL and record.result_text and record.ref_text is None:
            self._bracketed_reference(record, result)
        if in_category and record.ref_text is None and normal_range:
            record.ref_text = normal_range
        if not self._acceptable(record):
            return None, next_start
        return record, next_start

    def _starts_record(self, seq: Seq, j: int) -> bool:
        """TEXT in a new cell followed, in a later cell, by a result: the name of a second table."""
        items, cells = seq.items, seq.cells
        if not name_ok(strip_separator(self.text[items[j].start:items[j].end].strip())):
            return False
        k = j + 1
        while k < len(items) and cells[k] == cells[j] and items[k].kind in (TEXT, UNIT):
            k += 1
        if k >= len(items) or items[k].kind not in (NUM, CMP, QUAL):
            return False
        if items[k].kind == QUAL:  # "Colour   Pale Yellow": a known name or a clear qualitative result
            name = self.text[items[j].start:items[j].end].strip(" :")
            return cells[k] != cells[j] and (self.ctx.is_known(name) or bool(_STRONG_QUAL.match(items[k].text)))
        # The second table's result sits in a cell of its own ("Normal: >= 90" is one reference cell) ...
        if cells[k] != cells[j]:
            return True
        # ... or, in a list of records ("WBC 8.48 10^9/L (4.00 - 10.00) | RBC 4.64 x10E6/uL (4.50 - 5.90)"),
        # in the name's own cell, when a value and its unit follow the name.
        name = self.text[items[j].start:items[j].end].strip(" :")
        unit_next = k + 1 < len(items) and items[k + 1].kind == UNIT and cells[k + 1] == cells[j]
        return items[k].kind == NUM and unit_next and not is_status(name) and load_lexicons().category(name) is None

    def _cell_end(self, seq: Seq, item: Item) -> int:
        return seq.cell_end(item)

    def _bracketed_reference(self, record: Draft, result: Item) -> None:
        """"Negativo [Negativo]", "Pale Yellow (Pale yellow)": a reference in brackets after a qualitative result
        in its cell is the reference, not part of the result."""
        m = _TRAILING_BRACKETS.match(record.result_text)
        if m is None:
            return
        record.result_text = m.group(1)
        inner = self.text.find(m.group(2), result.start)
        if inner >= 0:
            record.ref_text, record.ref_spans = m.group(2), [(inner, inner + len(m.group(2)))]

    def _cell_rest(self, seq: Seq, i: int) -> str:
        return " ".join(self.text[seq.items[i].start:self._cell_end(seq, seq.items[i])].split())

    def _acceptable(self, record: Draft) -> bool:
        name = record.name = repair_ocr_name(record.name, self.ctx.is_known)
        if not name_ok(name):
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

    def _emit(self, record: Draft) -> bool:
        self.legend_open = False  # a value ends a block of references
        self.values.append(record)
        self.prev = record
        self.pending = None
        return True

    # -- lines without a name ------------------------------------------------------------------
    def _values_only(self, line: Line, seq: Seq) -> None:
        if self._card_values(line, seq):
            return
        prev = self.prev
        first = seq.items[0]
        status = first.kind == FLAG and len(first.text) > 1  # "In Range   17.0 g/dL" under its name
        # The result may follow a unit or a status printed before it ("/mm3   10.489").
        value = seq.items[1] if first.kind in (UNIT, FLAG) and len(seq.items) > 1 else first
        if (prev is not None and line.index - prev.last_line <= 2 and value.kind in (NUM, CMP)
                and overlaps((value.col0, value.col1), prev.result_cols, 2)):
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
                        attach_reference(record, pending_ref[1], self.text)
                    self._emit(record)

    def _card_values(self, line: Line, seq: Seq) -> bool:
        """Values under a row of card names: each group of cells under a name is that card's value."""
        if self.grid is None or line.index - self.grid[0].index > self.ctx.params.name_above_max_lines:
            return False
        names = self.grid[1]
        self.grid, self.grid_rows = None, []
        for column, group in group_by_columns(seq, [c.col0 for c in names]):
            cell = names[column]
            name = " ".join(cell.text.split())
            record, _ = self._record(line, group, 0, name, (cell.start, cell.end), cell.col0)
            if record is not None:
                self._emit(record)
                self.grid_rows.append((cell.col0, record))
        self.prev = None
        return bool(self.grid_rows)

    def _card_references(self, seq: Seq) -> bool:
        """``Range: a - b     Range: c - d`` under a row of cards: each reference to the card above it."""
        if not self.grid_rows:
            return False
        columns = [col for col, _ in self.grid_rows]
        placed = 0
        for column, group in group_by_columns(seq, columns):
            values = labelled_reference(group)
            record = self.grid_rows[column][1]
            if values is not None and not record.ref_text:
                attach_reference(record, values, self.text)
                placed += 1
        self.grid_rows = [] if placed else self.grid_rows
        return placed > 0

    def _continue_reference(self, line: Line, prev: Draft) -> bool:
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

    def _name_only(self, line: Line, seq: Seq) -> None:
        prev = self.prev
        cell = line.cells[0]
        text = " ".join(cell.text.split())
        if prev is not None and line.index - prev.last_line <= 1 and len(line.cells) == 1:
            opened = prev.name.count("(") - prev.name.count(")")
            wrapped = (opened > 0 and ")" in text) or (
                (text[:1].islower() or _CONNECTOR_END.search(prev.name)) and len(text.split()) <= 4)
            if wrapped and abs(cell.col0 - prev.name_col) <= 3 and not _METHOD_LINE.match(text):
                prev.name = f"{prev.name} {clean_name(text)[0]}"
                prev.name_span = (prev.name_span[0], cell.end)
                prev.last_line = line.index
                return
        if prev is not None and line.index - prev.last_line <= 12 and self._continue_reference(line, prev):
            return
        if _METHOD_LINE.match(text):
            return
        self._section(text)
        unit_cell = len(line.cells) == 2 and [it.kind for it, c in zip(seq.items, seq.cells) if c == 1] == [UNIT]
        if (len(line.cells) == 1 or unit_cell) and name_ok(clean_name(text)[0]):
            self.pending = (line, cell)
            self.pending_unit = line.cells[1] if unit_cell else None  # "Glucose          mg/dL" above its value
            if not line.pipe:
                self.heading = text
        elif len(line.cells) >= 2 and all(it.kind in (TEXT, UNIT) for it in seq.items) and \
                all(name_ok(clean_name(c.text)[0]) for c in line.cells):
            self.grid = (line, list(line.cells))  # the names of cards printed side by side
        self.prev = None

    # -- whole-document checks -----------------------------------------------------------------
    def finish(self) -> list[Draft]:
        values = _drop_results_in_reference_columns(self.values)
        kept = {id(v) for v in values}
        self.ctx.rejected.update(v.line_index for v in self.values if id(v) not in kept)
        references_from_legend(values, self.legend, self.text)
        return _drop_repeats(values)


def _drop_results_in_reference_columns(values: list[Draft]) -> list[Draft]:
    """Drop rows whose lone number sits where the other rows of the table print their limits."""
    tables: dict[tuple[int, int], list[Draft]] = {}
    for value in values:
        tables.setdefault((value.page, value.name_col // 6), []).append(value)
    dropped: set[int] = set()
    for rows in tables.values():
        strong = [r for r in rows if r.result.kind == NUM and (r.ref_item is not None or r.ref_minmax is not None)]
        if len(strong) < 2:
            continue
        result_cols = ColumnUnion(r.result_cols for r in strong)
        ref_cols = []
        for r in strong:
            if r.ref_minmax is not None:
                ref_cols.append((r.ref_minmax[0].col0, r.ref_minmax[1].col1))
            elif r.ref_item is not None:
                ref_cols.append((r.ref_item.col0, r.ref_item.col1))
        ref_union = ColumnUnion(ref_cols)
        for r in rows:
            if r.result.kind != NUM or r.name_span[0] == r.name_span[1]:
                continue
            cols = r.result_cols
            if ref_union.meets(cols) and not result_cols.meets(cols):
                dropped.add(id(r))
    return [v for v in values if id(v) not in dropped]


def _drop_repeats(values: list[Draft]) -> list[Draft]:
    """Drop later copies of a result (summary lists that repeat rows printed above)."""
    seen: set[tuple[str, object, str]] = set()
    kept = []
    for value in values:
        key = repeat_key(value.name, value.result.value if value.result.kind == NUM else (value.result_text or ""),
                         value.unit)
        if key in seen:
            continue
        seen.add(key)
        kept.append(value)
    return kept
