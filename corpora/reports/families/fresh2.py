"""Five more families, the held-out set written blind after the fresh.py five had been looked at.

Each prints its trait inside an ordinary report (the patient block, identifiers, sections and flags drawn as in the
other families, see :func:`.base.base`) and draws its own variation.  They stand for layouts seen in Italian
hospital and private laboratories, GP portals and US / UK commercial laboratories that no other family prints:

* ``in_out_columns``: two result columns, In Range | Out Of Range (Nei limiti | Fuori limiti), the result printed
  in one of them, the unit after the reference, a performing-site code column (as US commercial labs print);
* ``two_level_header``: a two-line column header, a group title (Reference / Valori di riferimento) spanning the
  sub-columns beneath it (Low | High, Inf. | Sup.), and in some a Result group (Value | Units) and a Previous
  result group (Value | Date);
* ``numbered_tests``: every test numbered in its name cell (1. 2. ..., 1) 2) ..., 1 - 2 - ...), the names in
  capitals in some, the unit in brackets in the name cell in some (``3. EMOGLOBINA (g/dL)``);
* ``ref_in_result``: no reference column; the reference printed in the result cell after the value
  (``98 (70 - 100)``, ``98 [70 - 100]``, ``98 (v.n. 70 - 100)``), the unit in its own column or in the cell too;
* ``interpretation_words``: an interpretation column with a word for every result, the normal ones included
  (Normale / Alto / Basso, Nella norma / Superiore / Inferiore, Normal / High / Low, WNL, Abnormal...), a
  specimen column (Siero, Sangue intero, Serum, Whole blood) in some.

Gold conventions (each the only reading the printed page allows):

* the value is the printed result wherever its column stands (In Range or Out Of Range); a reference printed in
  the result cell is not part of the value;
* names: the gold name is the printed name (in capitals where printed so) without its number and without a unit
  printed in brackets after it; the unit is the printed unit, wherever it is printed (its column, the name cell,
  the result cell, or after the reference);
* references: a range column, or two limit columns (``ref_text`` "low high", a one-sided reference alone in the
  first of them), or the range printed in the result cell (``ref_text`` the range without its brackets or label);
  where the unit is printed after the range in the reference column, ``ref_text`` keeps it, as for the other
  families;
* flags come only from printed markers: a flag cell or a mark after the value (H / L, arrows, words; * for
  "abnormal"); a bare result in the Out Of Range column is "abnormal" (the column says out of range, not which
  way); an interpretation word gives H (Alto, Superiore, Aumentato, High, Raised...), L (Basso, Inferiore,
  Diminuito, Low, Reduced...), "abnormal" (Patologico, Abnormal) or null (Normale, Nella norma, Normal, WNL);
  a qualitative result gets no interpretation word and no flag;
* a performing-site code, a specimen and a test number are never values.
"""

from __future__ import annotations

import random

from ..layouts import Layout
from ..model import GeneratedReport
from ..panels import SPECS
from .base import STANDARD_COLUMNS, base, family

__all__ = ["restyle_fresh2"]


# -- the families ------------------------------------------------------------------------------------------------
@family("in_out_columns", "category columns",
        "Two result columns, In Range | Out Of Range (Nei limiti | Fuori limiti), the result printed in one of "
        "them (a flag beside it in some), the unit after the reference, a performing-site code column.")
def in_out_columns(rng: random.Random, lang: str) -> Layout:
    it = lang == "it"
    words = rng.choice([("Nei limiti", "Fuori limiti"), ("Nella norma", "Fuori norma"),
                        ("Entro i limiti", "Fuori dai limiti")] if it else
                       [("In Range", "Out Of Range"), ("Within Range", "Outside Range"),
                        ("Normal", "Abnormal")])
    in_range = rng.random() < 0.7
    site = rng.random() < 0.75
    columns = ("inside", "outside") + (("range",) if in_range else rng.choice([("unit", "range"), ("range", "unit")]))
    columns += ("site",) if site else ()
    titles = (("name", rng.choice(["Esame", "Analisi", "Test"] if it else ["Test Name", "Test", "Analyte"])),
              ("inside", words[0]), ("outside", words[1]),
              ("range", rng.choice(["Valori di riferimento", "Intervallo di riferimento"] if it else
                                   ["Reference Range", "Reference Interval"])),
              ("unit", "U.M." if it else "Units"), ("site", rng.choice(["Sede", "Lab."] if it else ["Lab", "Site"])))
    return base(rng, lang, columns=columns, unit_placement="in_range" if in_range else "column", titles=titles,
                flag_style=rng.choice(["letter", "letter", "none", "arrow"]), site_codes=site,
                caps_names=rng.random() < 0.6, second_units=False, qualitative=False, method_lines=False)


_GROUP_WORDS = {
    "it": {"ref": ["Valori di riferimento", "Intervallo di riferimento", "Limiti di riferimento"],
           "limits": [("Inf.", "Sup."), ("Min", "Max"), ("Da", "A"), ("Minimo", "Massimo")],
           "result": ["Risultato", "Esito"], "result_subs": [("Valore", "U.M."), ("Valore", "Unità")],
           "previous": ["Referto precedente", "Precedente"], "previous_subs": [("Valore", "Data"), ("Esito", "Data")]},
    "en": {"ref": ["Reference Range", "Reference Interval", "Normal Range"],
           "limits": [("Low", "High"), ("Lower", "Upper"), ("Min", "Max"), ("From", "To")],
           "result": ["Result", "Current Result"], "result_subs": [("Value", "Units"), ("Value", "Unit")],
           "previous": ["Previous Result", "Last Result"], "previous_subs": [("Value", "Date"), ("Result", "Date")]},
}


@family("two_level_header", "min / max columns",
        "A two-line column header: a group title (Reference / Valori di riferimento) spanning Low | High (Inf. | "
        "Sup.) beneath it; a Result group (Value | Units) and a Previous result group (Value | Date) in some.")
def two_level_header(rng: random.Random, lang: str) -> Layout:
    words = _GROUP_WORDS[lang]
    head = rng.choice([("result", "unit"), ("result", "flag", "unit"), ("result", "unit", "flag")])
    previous = rng.random() < 0.35
    columns = head + ("min", "max") + (("previous", "date") if previous else ())
    low, high = rng.choice(words["limits"])
    titles = [("min", low), ("max", high)]
    groups: list[tuple[str, tuple[str, ...]]] = []
    if rng.random() < 0.5:
        value, unit = rng.choice(words["result_subs"])
        groups.append((rng.choice(words["result"]), head))
        titles += [("result", value), ("unit", unit), ("flag", "")]
    else:
        titles.append(("flag", rng.choice(["", "Flag"] if lang == "en" else ["", "All."])))
    groups.append((rng.choice(words["ref"]), ("min", "max")))
    if previous:
        value, date = rng.choice(words["previous_subs"])
        groups.append((rng.choice(words["previous"]), ("previous", "date")))
        titles += [("previous", value), ("date", date)]
    return base(rng, lang, columns=columns, titles=tuple(titles), header_groups=tuple(groups),
                flag_style=rng.choice(["letter", "letter", "word", "arrow", "star"]) if "flag" in columns
                else rng.choice(["letter", "star", "none"]),
                sex_specific=False, second_units=False, rules=rng.choice(["", "", "boxed", "sparse"]))


@family("numbered_tests", "numbered names",
        "Every test numbered in its name cell (1. 2. ..., 1) 2) ..., 1 - 2 - ...), through the report or per "
        "section; names in capitals in some, the unit in brackets in the name cell in some (3. EMOGLOBINA (g/dL)).")
def numbered_tests(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice(STANDARD_COLUMNS)
    label = rng.random() < 0.4
    if label:
        columns = tuple(c for c in columns if c != "unit")
    return base(rng, lang, columns=columns, unit_placement="label" if label else "column",
                name_numbers=rng.choice(["dot", "dot", "paren", "dash"]), number_restart=rng.random() < 0.4,
                caps_names=rng.random() < 0.6)


@family("ref_in_result", "reference in result",
        "No reference column: the reference printed in the result cell after the value (98 (70 - 100), "
        "98 [70 - 100], 98 (v.n. 70 - 100)), the unit in its own column or in the cell too.")
def ref_in_result(rng: random.Random, lang: str) -> Layout:
    it = lang == "it"
    columns = rng.choice([("result", "unit"), ("result", "unit"), ("result", "flag", "unit"),
                          ("result", "unit", "flag"), ("result", "flag")])
    titles = (("result", rng.choice(["Risultato", "Risultato (v.n.)", "Esito (valori normali)"] if it else
                                    ["Result", "Result (Ref. Range)", "Result [Reference]"])),)
    return base(rng, lang, columns=columns, titles=titles, ref_in_result=rng.choice(["paren", "bracket", "label"]),
                range_style=rng.choice(["dash", "dash", "tight", "div", "to"]),
                flag_style=rng.choice(["letter", "word", "arrow", "star"]) if "flag" in columns
                else rng.choice(["letter", "star", "none", "arrow"]))


_INTERP = {"it": [("Normale", "Alto", "Basso"), ("Nella norma", "Superiore", "Inferiore"),
                  ("Regolare", "Aumentato", "Diminuito"), ("Nei limiti", "Sopra i limiti", "Sotto i limiti"),
                  ("Normale", "Patologico", "Patologico")],
           "en": [("Normal", "High", "Low"), ("Within range", "Above range", "Below range"),
                  ("Normal", "Raised", "Reduced"), ("WNL", "High", "Low"), ("Normal", "Abnormal", "Abnormal")]}


@family("interpretation_words", "interpretation words",
        "An interpretation column with a word for every result, normal ones included (Normale / Alto / Basso, "
        "Nella norma / Superiore / Inferiore, Normal / High / Low, WNL, Abnormal), a specimen column in some.")
def interpretation_words(rng: random.Random, lang: str) -> Layout:
    it = lang == "it"
    words = rng.choice(_INTERP[lang])
    columns = rng.choice([("result", "unit", "range", "interp"), ("result", "interp", "unit", "range"),
                          ("result", "unit", "interp", "range"), ("result", "range", "unit", "interp")])
    specimen = rng.random() < 0.4
    if specimen:
        columns = ("specimen",) + columns
    titles = (("interp", rng.choice(["Interpretazione", "Giudizio", "Valutazione"] if it else
                                    ["Interpretation", "Assessment", "Status"])),
              ("specimen", rng.choice(["Campione", "Materiale", "Matrice"] if it else
                                      ["Specimen", "Sample", "Sample Type"])))
    return base(rng, lang, columns=columns, titles=titles, interp_words=words, flag_style="none",
                method_lines=False)


# -- what the options print ---------------------------------------------------------------------------------------
_SITES = {"it": [("LC", "Laboratorio Centrale - Presidio Ospedaliero"), ("SE", "Service esterno - Centro Analisi Delta"),
                 ("IM", "Laboratorio di Immunometria"), ("P2", "Laboratorio Presidio Sud")],
          "en": [("EN", "Demo Diagnostics Englewood, 10 Station Road"), ("Z4M", "Northfield Reference Laboratory"),
                 ("SJ", "Sample Health Labs West"), ("TP", "Riverside Core Laboratory")]}
# Tests a lab often sends to another site (immunoassays, HbA1c, vitamins).
_SENT_OUT = {"tsh", "ft4", "vitamin_d_25oh", "vitamin_b12", "ferritin", "ige_total", "hba1c"}


def _rows(report: GeneratedReport, kinds: tuple[str, ...] = ("value", "second_unit")):
    for section in report.sections:
        for row in section.rows:
            if row.kind in kinds and row.gold is not None:
                yield section, row


def restyle_fresh2(report: GeneratedReport, rng: random.Random) -> None:
    """Apply the fresh2 options of ``report.layout`` to its rows and gold, in place (after ``restyle``)."""
    layout = report.layout
    if layout.caps_names:
        _caps(report)
    if layout.name_numbers:
        _numbers(report)
    if layout.ref_in_result:
        _ref_in_result(report)
    if "outside" in layout.columns:
        _in_out(report)
    if layout.site_codes:
        _sites(report, rng)
    if layout.interp_words:
        _interpretation(report)


def _caps(report: GeneratedReport) -> None:
    for _, row in _rows(report):
        gold = row.gold["analyte"]
        name = row.cells.get("name", "")
        if name.startswith(gold):
            row.cells["name"] = gold.upper() + name[len(gold):]
        row.gold["analyte"] = gold.upper()


def _numbers(report: GeneratedReport) -> None:
    style = report.layout.name_numbers
    number = 0
    for section in report.sections:
        if report.layout.number_restart and section.title:  # restarts only under a printed section title
            number = 0
        for row in section.rows:
            if row.kind != "value" or row.gold is None:
                continue
            number += 1
            mark = {"dot": f"{number}.", "paren": f"{number})", "dash": f"{number} -"}[style]
            row.cells["name"] = f"{mark} {row.cells['name']}"


def _ref_in_result(report: GeneratedReport) -> None:
    layout, it = report.layout, report.lang == "it"
    unit_inside = "unit" not in layout.columns
    for _, row in _rows(report):
        c = row.cells
        result = c.get("result", "")
        if unit_inside and c.get("unit"):
            result = f"{result} {c['unit']}"
        ref = c.get("range", "")
        if ref:
            if layout.ref_in_result == "bracket":
                result = f"{result} [{ref}]"
            elif layout.ref_in_result == "label":
                result = f"{result} ({'v.n.' if it else 'Ref.'} {ref})"
            else:
                result = f"{result} ({ref})"
        c["result"] = result


def _in_out(report: GeneratedReport) -> None:
    for _, row in _rows(report):
        result = row.cells.pop("result", "")
        if row.truth:
            row.cells["outside"] = result
            if row.gold["flag"] is None:  # printed bare in the Out Of Range column
                row.gold["flag"] = "abnormal"
        else:
            row.cells["inside"] = result


def _sites(report: GeneratedReport, rng: random.Random) -> None:
    sites = rng.sample(_SITES[report.lang], 2)
    send_out = rng.random() < 0.6
    used: list[tuple[str, str]] = []
    for _, row in _rows(report):
        site = sites[1] if send_out and row.gold["id"] in _SENT_OUT else sites[0]
        row.cells["site"] = site[0]
        if site not in used:
            used.append(site)
    title = "Sedi di esecuzione" if report.lang == "it" else "Performing sites"
    report.legend += [[], [(0, title, "b")]] + [[(0, code, ""), (6, name, "")] for code, name in used]


def _interpretation(report: GeneratedReport) -> None:
    normal, high, low = report.layout.interp_words
    for _, row in _rows(report):
        if isinstance(row.gold["value"], str) and row.gold["id"] not in SPECS:  # qualitative: no word
            row.cells["interp"] = ""
            continue
        word = {"H": high, "L": low}.get(row.truth, normal)
        row.cells["interp"] = word
        row.gold["flag"] = None if row.truth is None else ("abnormal" if high == low else row.truth)

