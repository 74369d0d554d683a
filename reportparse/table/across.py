"""Records across lines: status words, references printed on their own line or in a separate block, cards.

Small helpers the row rules share; each reads a line's items (:class:`~.draft.Seq`) and
never keeps state — the reader does.
"""

from __future__ import annotations

from ..catalogue import normalize_name
from ..grammar.flags import parse_flag
from ..lexicons import load_lexicons
from .draft import Draft, Seq, clean_name
from .lexer import CMP, FLAG, NUM, QUAL, RANGE, TEXT, UNIT, Item

__all__ = ["is_status", "status_key", "legend_entry", "references_from_legend", "group_by_columns",
           "labelled_reference", "attach_reference"]

_STATUS_WORDS = frozenset({"normal", "normale", "abnormal", "anormale"})


def legend_entry(seq: Seq, text: str) -> tuple[str, str | None, list[Item]] | None:
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
    sexed = NUM not in kinds and any(kind in (RANGE, CMP) for kind in kinds)  # "Uomini [135 - 175] / Donne [120 - 155]"
    if kinds not in ([RANGE], [CMP], [NUM, NUM]) and not sexed:
        return None  # a range, or two limits: one more number is a result
    name, unit = clean_name(text[items[0].start:items[k - 1].end])
    return name, unit, values


def references_from_legend(values: list[Draft], legend: dict, text: str) -> None:
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


def group_by_columns(seq: Seq, starts: list[int]) -> list[tuple[int, Seq]]:
    """Split a line's items by the columns starting at ``starts``: (column index, items of that column)."""
    groups: dict[int, list[int]] = {}
    for i, item in enumerate(seq.items):
        column = max((k for k, x in enumerate(starts) if x <= item.col0 + 2), default=0)
        groups.setdefault(column, []).append(i)
    out = []
    for column, indexes in sorted(groups.items()):
        cells = sorted({seq.cells[i] for i in indexes})
        renumber = {c: n for n, c in enumerate(cells)}
        out.append((column, Seq([seq.items[i] for i in indexes], [renumber[seq.cells[i]] for i in indexes],
                                 [seq.cell_objs[c] for c in cells])))
    return out


def labelled_reference(seq: Seq) -> list[Item] | None:
    """The range items of a line that reads ``<reference label> <range> [unit]``, else None."""
    at = next((i for i, it in enumerate(seq.items) if it.kind in (RANGE, CMP)), None)
    if not at or any(it.kind not in (TEXT, QUAL, FLAG) for it in seq.items[:at]):
        return None  # the label is words only ("Normal range:" lexes as a qualitative word and a text)
    values = seq.items[at:]
    if any(it.kind not in (RANGE, CMP, UNIT) for it in values):
        return None
    word = " ".join(it.text for it in seq.items[:at]).strip(" :")
    lexicons = load_lexicons()
    if lexicons.column_role(word) != "reference" and lexicons.category(word) != "normal":
        return None
    return values


def attach_reference(record: Draft, values: list[Item], text: str) -> None:
    a, b = values[0].start, values[-1].end
    record.ref_text, record.ref_spans, record.ref_item = text[a:b].strip(), [(a, b)], values[0]
    units = [it for it in values if it.kind == UNIT]
    if units and not (record.unit or record.label_unit):
        record.ref_unit = units[0].text


_OCR_LETTERS = str.maketrans({"1": "l", "0": "o", "5": "s", "|": "l"})


def status_key(text: str) -> str:
    """A status phrase in lower case with OCR look-alikes undone inside words ("ln Range", "Nel1a norma")."""
    words = text.lower().split()
    return " ".join(w.translate(_OCR_LETTERS) if any(ch.isalpha() for ch in w) else w for w in words)


def is_status(text: str) -> bool:
    """A portal's status word standing where a name would ("In Range", "Normal", "Fuori range")."""
    key = status_key(text)
    if key == "ln range":
        key = "in range"  # OCR reads a capital I as a lower-case l
    return key in _STATUS_WORDS or (len(key) > 1 and parse_flag(key) is not None)
