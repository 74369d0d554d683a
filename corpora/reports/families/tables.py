"""Families that print a table: their trait is in the columns, the header, the rules or the type."""

from __future__ import annotations

import random
from dataclasses import replace

from ..layouts import Layout, sample_layout
from .base import STANDARD_COLUMNS, base, family, identity

__all__: list[str] = []

_NO_FLAG_COLUMN = (("result", "unit", "range"), ("result", "range", "unit"), ("unit", "result", "range"))


@family("classic", "the original layouts",
        "The layouts the parser was written against (sample_layout), with realistic identifiers.")
def classic(rng: random.Random, lang: str) -> Layout:
    return replace(sample_layout(rng, lang), identity=identity(rng))


@family("loinc_first", "code column",
        "A LOINC code before every name (6690-2  Leucociti  5,91  x10^3/µL  4,00 - 10,00  N); N marks a normal "
        "result where there is a flag column.")
def loinc_first(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "unit", "range", "flag"), ("result", "flag", "unit", "range"),
                          ("result", "unit", "range")])
    return base(rng, lang, lead_columns=("loinc",), columns=columns, flag_style=rng.choice(["letter", "letter", "word"]),
                flag_normal="N" if "flag" in columns and rng.random() < 0.6 else "",
                titles=(("loinc", rng.choice(["LOINC", "Codice LOINC" if lang == "it" else "LOINC Code"])),))


@family("lab_codes", "code column",
        "The lab's own test code before the name: EMO01, CHI12 (by section) or 0123 (one numbering).")
def lab_codes(rng: random.Random, lang: str) -> Layout:
    words = ["Codice", "Cod.", "Cod. esame"] if lang == "it" else ["Code", "Test Code", "Ord. Code"]
    return base(rng, lang, lead_columns=("code",), code_style=rng.choice(["alpha", "digits"]),
                columns=rng.choice(STANDARD_COLUMNS + (("result", "unit", "min", "max"),)),
                titles=(("code", rng.choice(words)),))


@family("previous_dates", "earlier results",
        "Current | Previous | Date columns (WBC  6.2  5.9  03/12/2023  x10E3/uL  3.4-10.8); the gold is the "
        "current result only.")
def previous_dates(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "previous", "date", "unit", "range"),
                          ("result", "flag", "previous", "date", "unit", "range"),
                          ("result", "unit", "range", "previous", "date"),
                          ("result", "unit", "previous", "date", "range")])
    it = lang == "it"
    titles = (("result", rng.choice(["Risultato", "Attuale", "Esito attuale"] if it else ["Current", "Result", "Latest"])),
              ("previous", rng.choice(["Precedente", "Prec.", "Valore precedente"] if it
                                      else ["Previous", "Prev. Result", "Last Result"])),
              ("date", rng.choice(["Data", "Data prec."] if it else ["Date", "Prev. Date"])))
    return base(rng, lang, columns=columns, titles=titles)


@family("cumulative", "earlier results",
        "A cumulative report: one result column per collection date, headed by the date; the current one (the "
        "report's collection date) is first or last. The gold is the current column.")
def cumulative(rng: random.Random, lang: str) -> Layout:
    dated = tuple(f"d{i}" for i in range(rng.choice([3, 3, 4])))
    return base(rng, lang, columns=dated + rng.choice([("unit", "range"), ("range", "unit")]),
                cumulative=rng.choice(["first", "last"]), second_units=False, qualitative=False, sex_specific=False,
                flag_style=rng.choice(["letter", "star", "none"]), font_size=rng.choice([7.6, 8.0, 8.6]))


@family("footnote_codes", "marks after the name",
        "Footnote or performing-site marks after the name (WBC 01, Glucose (A), Sodio [2], TSH ¹), explained "
        "under the report; the gold name has no mark.")
def footnote_codes(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, name_marks=rng.choice(["digits", "letter", "bracket", "super"]))


@family("dot_leaders", "dot leaders",
        "Dot leaders from the name to the result (Glucose ........ 112  mg/dL  70 - 100).")
def dot_leaders(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, leaders=rng.choice([".", ".", "_"]),
                columns=rng.choice([("result", "unit", "range"), ("result", "flag", "unit", "range")]))


@family("low_normal_high", "category columns",
        "Low | Normal | High columns (Basso | Normale | Alto...): the result printed under one of them; a "
        "reference column in some. Gold flag from the column, reference only from a printed range.")
def low_normal_high(rng: random.Random, lang: str) -> Layout:
    words = rng.choice([("Basso", "Normale", "Alto"), ("Inferiore", "Nella norma", "Superiore"),
                        ("Sotto", "Normale", "Sopra")] if lang == "it" else
                       [("Low", "Normal", "High"), ("Below", "Within", "Above"), ("Low", "In Range", "High")])
    tail = rng.choice([("unit",), ("unit", "range"), ("range", "unit")])
    columns = ("unit", "low", "normal", "high") + tuple(c for c in tail if c != "unit") if rng.random() < 0.3 \
        else ("low", "normal", "high") + tail
    return base(rng, lang, style="categories", columns=columns, titles=tuple(zip(("low", "normal", "high"), words)),
                flag_style="none", second_units=False, qualitative=False, method_lines=False)


@family("risk_categories", "category columns",
        "Lipids, glucose, HbA1c and vitamin D under risk-category headers with their ranges (Desirable < 200 | "
        "Borderline 200 - 239 | High ≥ 240), the result under one; other tests in a table.")
def risk_categories(rng: random.Random, lang: str) -> Layout:
    panels = (("cbc",) if rng.random() < 0.5 else ()) + ("chemistry", "lipids") + (
        ("other",) if rng.random() < 0.6 else ())
    return base(rng, lang, style="risk", panels=panels, canonical_units=True, second_units=False, qualitative=False)


@family("ref_legend", "references apart",
        "Results without references; the reference intervals follow in a block keyed by name and unit, after "
        "each section or at the end of the report.")
def ref_legend(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, columns=rng.choice([("result", "unit"), ("result", "flag", "unit"), ("result", "unit", "flag")]),
                ref_block=rng.choice(["section", "report"]), second_units=False, method_lines=False)


@family("landscape", "landscape page",
        "Landscape pages with many columns: a code, name, result, flag, unit, range, previous result and date, "
        "method, specimen.")
def landscape(rng: random.Random, lang: str) -> Layout:
    columns = ("result", "flag", "unit", "range")
    extra = rng.sample(["previous", "method", "specimen"], rng.randint(2, 3))
    for name in ("method", "specimen", "previous"):
        if name in extra:
            columns += ("previous", "date") if name == "previous" else (name,)
    return base(rng, lang, landscape=True, lead_columns=(rng.choice(["loinc", "code"]),), columns=columns,
                rows_per_page=rng.choice([22, 26, 30]), font_size=rng.choice([7.6, 8.0, 8.6]),
                flag_style=rng.choice(["letter", "word", "arrow"]), second_units=False)


@family("first_page_header", "header on page one only",
        "Several pages; the patient block and the column header are printed on page one only.")
def first_page_header(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, column_header="first_page", rows_per_page=rng.choice([14, 18, 22]),
                qualitative=rng.random() < 0.5)


_ODD_TITLES = {
    "it": {"name": ["Determinazione", "Analisi", "Esame richiesto", "Parametro", "Prestazione"],
           "result": ["Esito", "Valore rilevato", "Valore", "Referto"],
           "unit": ["Unità", "Unità di misura", "U.d.M."],
           "range": ["Intervallo atteso", "Valori normali", "Range di normalità", "Limiti"],
           "flag": ["Note", "Segnalazione"]},
    "en": {"name": ["Determination", "Investigation", "Parameter", "Test Description", "Analyte"],
           "result": ["Outcome", "Measure", "Observed Value", "Value"],
           "unit": ["Unit of Measure", "UOM", "Unit"],
           "range": ["Normal values", "Bio. Ref. Interval", "Expected Values", "Limits", "Biological Reference Interval"],
           "flag": ["Abnormal", "Remarks"]},
}


@family("odd_headers", "unusual header words",
        "Column headers in unusual words (Determination, Outcome, Measure, Bio. Ref. Interval, Esito, Valore "
        "rilevato, Intervallo atteso, Unità), or no column header at all.")
def odd_headers(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice(STANDARD_COLUMNS)
    pool = _ODD_TITLES[lang]
    titles = tuple((c, rng.choice(pool[c])) for c in ("name",) + columns)
    return base(rng, lang, columns=columns, titles=titles,
                column_header="none" if rng.random() < 0.3 else "every_page")


@family("boxed_grid", "boxed tables",
        "Tables drawn in a box or a full grid, numbers right-aligned.")
def boxed_grid(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, rules=rng.choice(["boxed", "grid"]), right_align_numbers=True,
                font=rng.choice(["Helvetica", "Times-Roman"]))


@family("condensed", "type and spacing",
        "Small condensed print, tight letter spacing and narrow gaps between columns, no rules.")
def condensed(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, font=rng.choice(["Condensed", "Helvetica"]), font_size=rng.choice([6.4, 6.8, 7.2]),
                char_space=rng.choice([-0.3, -0.2, -0.1, 0.0]), col_gap=rng.choice([6.0, 7.0, 9.0]), rules="none",
                rows_per_page=rng.choice([48, 56, 64]))


@family("wide_spaced", "type and spacing",
        "Large letter-spaced print (Courier, Times or Helvetica), wide gaps, sparse or no rules.")
def wide_spaced(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, font=rng.choice(["Courier", "Times-Roman", "Helvetica"]), font_size=rng.choice([9.4, 10.0, 10.6]),
                char_space=rng.choice([0.4, 0.7, 1.0]), col_gap=rng.choice([18.0, 24.0]),
                rules=rng.choice(["sparse", "none"]), rows_per_page=rng.choice([22, 28]))


@family("side_by_side", "two tables",
        "Two tables side by side on every page, in the text rendering too.")
def side_by_side(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "unit", "range"), ("result", "range"), ("result", "flag", "range")])
    placement = "column" if "unit" in columns else rng.choice(["glued", "in_range", "label"])
    return base(rng, lang, two_columns=True, text_two_columns=True, columns=columns, unit_placement=placement,
                second_units=False, method_lines=False, rows_per_page=rng.choice([24, 30]))


@family("unit_first", "unit before result",
        "The unit column before the result (Glucose  mg/dL  92  70 - 100).")
def unit_first(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, columns=rng.choice([("unit", "result", "range"), ("unit", "result", "flag", "range"),
                                               ("unit", "result", "range", "flag")]))


@family("minmax", "min / max columns",
        "Reference limits in two columns (Min | Max, Limite inf. | Limite sup., Lower Limit | Upper Limit).")
def minmax(rng: random.Random, lang: str) -> Layout:
    words = rng.choice([("Min", "Max"), ("Val. min", "Val. max"), ("Limite inf.", "Limite sup.")] if lang == "it" else
                       [("Min", "Max"), ("Lower Limit", "Upper Limit"), ("Low", "High")])
    return base(rng, lang, columns=rng.choice([("result", "unit", "min", "max"), ("result", "min", "max", "unit"),
                                               ("result", "flag", "unit", "min", "max")]),
                titles=(("min", words[0]), ("max", words[1])), sex_specific=False)


@family("flag_far_right", "flags far right",
        "Flags in their own column at the far right after the reference (HIGH/LOW, H/L, arrows, *), N for "
        "normal in some.")
def flag_far_right(rng: random.Random, lang: str) -> Layout:
    words = ["Flag", "Abnormal", "Alert"] if lang == "en" else ["Segnalazione", "Fuori range", "All."]
    return base(rng, lang, columns=rng.choice([("result", "unit", "range", "flag"),
                                               ("result", "unit", "range", "previous", "flag"),
                                               ("result", "range", "unit", "flag")]),
                flag_style=rng.choice(["letter", "word", "arrow", "star"]), flag_normal=rng.choice(["", "", "N"]),
                col_gap=rng.choice([14.0, 28.0]), titles=(("flag", rng.choice(words)),))


@family("bold_abnormal", "bold results",
        "Abnormal results in bold with no flag, explained by a legend (the gold flag stays null: bold is not a "
        "printed flag).")
def bold_abnormal(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, bold_abnormal=True, flag_style="none", columns=rng.choice(_NO_FLAG_COLUMN))


@family("section_pages", "one section per page",
        "Every section starts a new page, under a repeated patient block and column header.")
def section_pages(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, section_pages=True, sections=True, rows_per_page=48)


@family("method_column", "method column",
        "A method column (Citometria a flusso, ISE indiretto, CLIA, Westergren...) before or after the result.")
def method_column(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, columns=rng.choice([("method", "result", "unit", "range"),
                                               ("result", "unit", "range", "method"),
                                               ("result", "unit", "method", "range")]), method_lines=False)


@family("multiline_refs", "multi-line references",
        "References over two lines: one line per sex (M: ... / F: ...), or a note under the range.")
def multiline_refs(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, ref_lines=True, sex_specific=True, second_units=False,
                columns=rng.choice([c for c in STANDARD_COLUMNS if c[-1] == "range"]))


@family("comments_between", "comments between rows",
        "Comment lines between rows (sample haemolysed, confirmed on repeat, a previous value with a number).")
def comments_between(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, comments=True)


@family("tsv_export", "tab-separated text",
        "A LIS export: tab-separated columns in text, a plain Courier table in PDF and markdown.")
def tsv_export(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, text_sep="tab", font="Courier", rules="none", right_align_numbers=False)
