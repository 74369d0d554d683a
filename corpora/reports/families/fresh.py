"""Five more families, the held-out set drawn after the first five had been looked at.

Each prints its trait inside an ordinary report (the patient block, identifiers, sections and flags drawn as in the
other families, see :func:`.base.base`) and draws its own variation.

Gold conventions (as in the other families, each the only reading the printed page allows):

* the gold is the current result only: an earlier result and its change (absolute or in per cent) are not values;
* names are printed without marks: the gold name is the printed name;
* reference limits printed in two columns give ``ref_low`` / ``ref_high`` and ``ref_text`` "low high", wherever
  the columns stand; a one-sided reference stands alone in the first of them;
* flags come only from printed markers: a flag cell, a flag word or mark after the value, or the marker of a range
  bar (left of the bars L, right of them H, between them null, as for category columns); a free-text comment
  beside a result is never a flag, and the comment is not a value;
* several tests on one line: each test is one gold value in print order; a reference only where one is printed.
"""

from __future__ import annotations

import random

from ..layouts import Layout
from .base import base, family

__all__: list[str] = []


@family("limits_before", "min / max columns",
        "Reference limits in two columns of their own placed before the result (lower, upper, then result and "
        "unit).")
def limits_before(rng: random.Random, lang: str) -> Layout:
    words = rng.choice([("Lim. inf.", "Lim. sup."), ("Min", "Max"), ("Rif. min", "Rif. max"), ("Da", "A")]
                       if lang == "it" else
                       [("Lower", "Upper"), ("Ref Low", "Ref High"), ("LRL", "URL"), ("Min", "Max")])
    result = rng.choice(["Risultato", "Esito", "Valore"] if lang == "it" else ["Result", "Value", "Your Result"])
    columns = rng.choice([("min", "max", "result", "unit"), ("min", "max", "result", "flag", "unit"),
                          ("unit", "min", "max", "result"), ("min", "max", "result", "unit", "flag")])
    return base(rng, lang, columns=columns, titles=(("min", words[0]), ("max", words[1]), ("result", result)),
                sex_specific=False, second_units=False, right_align_numbers=rng.random() < 0.6)


@family("delta_check", "earlier results",
        "The previous result and its change since then (a delta column, in per cent or bare) beside the current "
        "result; the gold is the current result only.")
def delta_check(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "unit", "range", "previous", "delta"),
                          ("result", "flag", "unit", "range", "previous", "delta"),
                          ("result", "previous", "delta", "unit", "range"),
                          ("result", "unit", "previous", "delta", "range")])
    it = lang == "it"
    delta = rng.choice(["pct", "pct", "bare"])
    titles = (("previous", rng.choice(["Prec.", "Precedente", "Ultimo"] if it else ["Prev.", "Previous", "Last"])),
              ("delta", rng.choice(["Δ%", "Var. %", "Delta %"] if it else ["Δ%", "Delta %", "% Change"])
               if delta == "pct" else rng.choice(["Δ", "Var."] if it else ["Δ", "Delta"])))
    return base(rng, lang, columns=columns, titles=titles, delta=delta, second_units=False,
                font_size=rng.choice([0.0, 7.8]))


@family("remarks_column", "comments between rows",
        "A free-text interpretive comment column at the far right, filled for some results only.")
def remarks_column(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "unit", "range", "remark"), ("result", "flag", "unit", "range", "remark"),
                          ("result", "unit", "flag", "range", "remark"), ("result", "range", "unit", "remark")])
    words = ["Note", "Commento", "Osservazioni", "Interpretazione"] if lang == "it" else \
        ["Comment", "Comments", "Interpretation", "Notes"]
    return base(rng, lang, columns=columns, titles=(("remark", rng.choice(words)),),
                remarks=rng.choice([0.1, 0.15, 0.2]), second_units=False, method_lines=False)


@family("summary_grid", "key-value list",
        "A discharge-letter style lab summary: two or three tests per line in aligned columns (name, value), a "
        "separator between them in some, references in brackets in some.")
def summary_grid(rng: random.Random, lang: str) -> Layout:
    range_at, size = rng.choice(["", "", "after"]), rng.choice([7.4, 8.0])
    return base(rng, lang, style="grid", columns=("result", "flag", "unit", "range"), unit_placement="column",
                grid_per_line=rng.choice([2, 3, 3]), grid_sep=rng.choice(["", "", "|", ";"]),
                range_at=range_at, flag_style=rng.choice(["letter", "star", "arrow", "none"]),
                font_size=7.4 if range_at else size, second_units=False, method_lines=False, sex_specific=False,
                column_header="none", interpretation_table=False, range_style=rng.choice(["dash", "tight"]))


@family("range_graph", "category columns",
        "A range bar beside each result (---|--o--|---) with a marker where the result stands; the gold flag "
        "follows the marker.")
def range_graph(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice([("result", "graph", "unit", "range"), ("result", "unit", "range", "graph"),
                          ("result", "unit", "graph", "range"), ("result", "flag", "unit", "graph", "range")])
    words = ["Grafico", "Posizione", "Andamento"] if lang == "it" else ["Graph", "Position", "Range Graph"]
    return base(rng, lang, columns=columns, graph=rng.choice(["o", "X", "#"]),
                titles=(("graph", rng.choice(words)),),
                flag_style=rng.choice(["letter", "word", "arrow", "none"]) if "flag" in columns else "none",
                second_units=False)
