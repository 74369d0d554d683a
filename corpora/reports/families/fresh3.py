"""Two more families, written blind for the held-out set after ``numbered_tests`` and ``interpretation_words`` had
been looked at.

Each prints its trait inside an ordinary report (the patient block, identifiers, sections and flags drawn as in the
other families, see :func:`.base.base`) and draws its own variation.  They stand for layouts of Italian private and
hospital laboratories and of UK / US / Indian commercial laboratories that no other family prints:

* ``stacked_result``: the result and its unit in one cell (``13,5 g/dL``), the reference on the line beneath the
  value in the same cell (``(12,0 - 16,0)``, ``[12,0 - 16,0]``, ``v.r. 12,0 - 16,0``, ``Ref: 12.0 - 16.0`` or
  bare), the unit on that reference line instead in some (``12,0 - 16,0 g/dL``); no reference or unit column, a
  flag column or a mark after the value in some;
* ``section_headers``: no column header at the top of the page; every section prints its own column header,
  worded differently from section to section (Esame | Risultato | U.M. | Valori di riferimento over one,
  Parametro | Esito | Unità | Intervallo di riferimento over the next; Test | Result | Units | Reference Range,
  Investigation | Observed Value | UOM | Biological Ref. Interval), the section title on its own line above it or
  printed in the name column's header cell (``EMOCROMO   Risultato   U.M.   Valori di riferimento``).

Gold conventions (each the only reading the printed page allows):

* the value is the printed result; the reference line under it is not part of it, nor is the unit;
* the unit is the printed unit, wherever it is printed (after the value, or after the range on the reference line);
* ``ref_text`` is the reference line without its brackets or label (``v.r.``, ``Rif.``, ``Ref:``, ``Normal:``); where
  the unit is printed after the range on that line, ``ref_text`` keeps it (as a unit printed after the range in a
  reference column does in the other families); ``ref_low`` / ``ref_high`` are its limits;
* flags come only from printed markers (a flag cell, or H / L, an arrow, a word or * after the value);
* a section's column header is never a value, and a section title printed in a header cell is not a test name;
  names are printed as the other families print them (the gold name is the printed name).
"""

from __future__ import annotations

import random

from ..formatting import format_number
from ..layouts import Layout
from ..model import GeneratedReport, PrintedRow
from ..plan import report_titles, table_columns
from .base import STANDARD_COLUMNS, base, family

__all__ = ["restyle_fresh3"]


# -- the families ------------------------------------------------------------------------------------------------
@family("stacked_result", "reference under value",
        "Result and unit in one cell (13,5 g/dL), the reference on the line beneath the value in the same cell "
        "((12,0 - 16,0), [12,0 - 16,0], v.r. 12,0 - 16,0, or bare), the unit on that line in some; no reference "
        "column.")
def stacked_result(rng: random.Random, lang: str) -> Layout:
    it = lang == "it"
    columns = rng.choice([("result",), ("result",), ("result", "flag"), ("result", "flag"), ("result", "method")])
    unit_on_ref = rng.random() < 0.25
    titles = (("result", rng.choice(["Risultato", "Esito", "Risultato / Valori di rif.", "Risultato (v.r.)"] if it else
                                    ["Result", "Value", "Result / Ref. Range", "Result (Reference)"])),
              ("name", rng.choice(["Esame", "Analisi", "Prestazione"] if it else
                                  ["Test", "Test Name", "Investigation"])))
    return base(rng, lang, columns=columns, titles=titles, unit_placement="in_range" if unit_on_ref else "column",
                ref_under=rng.choice(["paren", "paren", "bracket", "label", "bare"]),
                range_style=rng.choice(["dash", "dash", "tight", "div", "to"]),
                flag_style=rng.choice(["letter", "letter", "word", "arrow", "star"]) if "flag" in columns
                else rng.choice(["letter", "star", "arrow", "none"]),
                second_units=False, method_lines=False, right_align_numbers=rng.random() < 0.3)


@family("section_headers", "header per section",
        "No header at the top of the page: every section prints its own column header, worded differently per "
        "section (Esame | Risultato | U.M. over one, Parametro | Esito | Unità over the next), the section title "
        "above it or in its name cell.")
def section_headers(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, columns=rng.choice(STANDARD_COLUMNS), sections=True, column_header="none",
                section_headers=rng.choice(["line", "line", "cell"]), rules=rng.choice(["", "", "sparse", "none"]))


# -- what the options print ---------------------------------------------------------------------------------------
_REF_LABELS = {"it": ["v.r.", "Rif.", "V.R.:", "Val. rif."], "en": ["Ref:", "Ref. range:", "Normal:", "Ref. Int."]}

# Column header words a section may print (the first of each list the most common).
_HEAD_WORDS = {
    "it": {"name": ["Esame", "Analisi", "Parametro", "Determinazione", "Prestazione", "Descrizione"],
           "result": ["Risultato", "Esito", "Valore", "Risultati"],
           "unit": ["U.M.", "Unità", "Unità di misura", "UdM"],
           "range": ["Valori di riferimento", "Intervallo di riferimento", "Valori normali", "Range di riferimento",
                     "Limiti"],
           "flag": ["", "All.", "Segn.", "Note"],
           "method": ["Metodo", "Metodica"]},
    "en": {"name": ["Test", "Test Name", "Investigation", "Parameter", "Analyte", "Description"],
           "result": ["Result", "Value", "Observed Value", "Results"],
           "unit": ["Units", "Unit", "UOM", "Unit of Measure"],
           "range": ["Reference Range", "Reference Interval", "Biological Ref. Interval", "Normal Range", "Ref. Range"],
           "flag": ["Flag", "", "H/L", "Alert"],
           "method": ["Method", "Technology"]},
}


def _rows(report: GeneratedReport, kinds: tuple[str, ...] = ("value", "second_unit")):
    for section in report.sections:
        for row in section.rows:
            if row.kind in kinds and row.gold is not None:
                yield section, row


def restyle_fresh3(report: GeneratedReport, rng: random.Random) -> None:
    """Apply the fresh3 options of ``report.layout`` to its rows and gold, in place (after ``restyle_fresh2``).
    Draws nothing when they are unset."""
    layout = report.layout
    if layout.ref_under:
        _ref_under(report, rng)
    if layout.section_headers:
        _section_headers(report, rng)


def _ref_under(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    label = rng.choice(_REF_LABELS[report.lang]) if layout.ref_under == "label" else ""
    for _, row in _rows(report):
        c = row.cells
        unit = c.pop("unit", "")
        if unit:  # the unit after the value, before a mark printed after it ("13,5 g/dL H", "46,1%*")
            value = row.gold["value"]
            printed = value if isinstance(value, str) else format_number(value, row.decimals, layout.decimal,
                                                                         row.thousands)
            mark = c["result"][len(printed):]
            c["result"] = f"{printed}{'' if unit == '%' else ' '}{unit}{mark}"
        ref = c.pop("range", "")
        if not ref:
            continue
        row.ref_lines = [{"paren": f"({ref})", "bracket": f"[{ref}]", "label": f"{label} {ref}",
                          "bare": ref}[layout.ref_under]]
        row.gold["ref_text"] = ref


def _section_headers(report: GeneratedReport, rng: random.Random) -> None:
    layout = report.layout
    pool = _HEAD_WORDS[report.lang]
    columns = table_columns(layout)
    usual = report_titles(report)
    words = {c: pool[c][0] if c in pool else usual[c] for c in columns}
    longest = dict(words)
    first = True
    for section in report.sections:
        if not any(row.gold is not None for row in section.rows):
            continue
        # Each section's module words its header its own way: most words change from one section to the next.
        for c in columns:
            if c in pool and (first or rng.random() < 0.6):
                words[c] = rng.choice(pool[c])
        first = False
        cells = dict(words)
        if layout.section_headers == "cell" and section.title:
            cells["name"], section.title = section.title, None
        for c in columns:
            if len(cells[c]) > len(longest[c]):
                longest[c] = cells[c]
        header = [PrintedRow("header", cells, bold=tuple(c for c in columns if cells[c]))]
        if layout.section_headers == "cell":  # no title line: a blank line before the header instead
            header.insert(0, PrintedRow("free", lines=[[]]))
        section.rows[:0] = header
    report.titles = {**report.titles, **longest}  # the widest header word of each column sets its width
