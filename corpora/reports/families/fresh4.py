"""One more family, written blind for the held-out set after ``ref_in_result`` had been looked at.

It prints its trait inside an ordinary report (the patient block, identifiers, sections and flags drawn as in the
other families, see :func:`.base.base`) and draws its own variation.  It stands for the results tables of US
commercial laboratories (LabCorp, Quest) and of Italian hospital networks that send part of the tests to another
site, which no tuning family prints:

* ``lab_column``: an ordinary results table (name, result, flag, unit, reference in one of the usual orders)
  with one more column at the far right, after the reference: ``Lab`` / ``Site`` / ``Perf. Site`` (``Sede`` /
  ``Lab.`` / ``Laboratorio``), holding the code of the laboratory that ran the test (``EN``, ``Z4M``, ``SJ``, ``LC``,
  ``P2``); most tests carry the main lab's code, the immunoassays, HbA1c and vitamins in some reports another
  one.  The codes are explained in a block under the report (``Performing sites`` / ``Sedi di esecuzione``, the
  code then the laboratory's name and address); test names in capitals in some, the unit with the reference in
  some.

Gold conventions (each the only reading the printed page allows):

* the performing-site code is never a value, a unit, a reference or a flag: the reference is the printed range
  without it, the unit the printed unit (``ref_text`` keeps a unit printed after the range, as elsewhere);
* the lines of the performing-sites block under the report are not tests;
* flags come only from printed markers (a flag cell, or H / L, an arrow, a word or * after the value);
  names are printed as the other families print them (the gold name is the printed name).
"""

from __future__ import annotations

import random

from ..layouts import Layout
from .base import STANDARD_COLUMNS, base, family

__all__: list[str] = []

_SITE_TITLES = {"it": ["Sede", "Lab.", "Laboratorio", "Sede esec."], "en": ["Lab", "Site", "Perf. Site", "LAB"]}


@family("lab_column", "performing-lab column",
        "An ordinary results table with a performing-lab column at the far right after the reference (Lab | Site, "
        "Sede | Lab.) holding the code of the laboratory that ran the test (EN, Z4M, LC, P2), the codes "
        "explained under the report.")
def lab_column(rng: random.Random, lang: str) -> Layout:
    it = lang == "it"
    columns = rng.choice(STANDARD_COLUMNS)
    unit_in_range = "unit" in columns and rng.random() < 0.2
    if unit_in_range:
        columns = tuple(c for c in columns if c != "unit")
    titles = (("site", rng.choice(_SITE_TITLES[lang])),
              ("name", rng.choice(["Esame", "Analisi", "Test"] if it else ["Tests", "Test", "Test Name"])),
              ("range", rng.choice(["Valori di riferimento", "Intervallo di riferimento"] if it else
                                   ["Reference Interval", "Reference Range", "Ref. Interval"])))
    return base(rng, lang, columns=columns + ("site",), titles=titles, site_codes=True,
                unit_placement="in_range" if unit_in_range else "column", caps_names=rng.random() < 0.4)
