"""Families that print values as blocks of lines or text exports rather than table rows."""

from __future__ import annotations

import random

from ..layouts import Layout
from .base import base, family

__all__: list[str] = []

# What every block family fixes: one value per analyte, flag and unit in cells of their own for the block to use.
_BLOCK = dict(columns=("result", "flag", "unit", "range"), unit_placement="column", second_units=False,
              method_lines=False, qualitative=False, sex_specific=False, column_header="none",
              interpretation_table=False)


@family("portal_status", "portal printout",
        "Patient-portal printout: the name on its own line, then a status word and the result (In Range  17.0 "
        "g/dL; Nella norma, Fuori range, Alto, Basso), a reference line in some.")
def portal_status(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="portal", variant=rng.randrange(3), range_at=rng.choice(["", "after", "before"]),
                **{**_BLOCK, "flag_style": "none"})


@family("app_printout", "portal printout",
        "Patient-app printout per test: the name, 'Your value: 17.0 g/dL  High', 'Normal range: 13.5 - 17.5 g/dL'.")
def app_printout(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="app", variant=rng.randrange(3), **{**_BLOCK, "flag_style": "word"})


@family("dashboard", "cards",
        "Dashboard cards, one to three per row: the name, a large value with its unit, 'Range: 4.0 - 10.0'.")
def dashboard(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="cards", cards_per_row=rng.choice([1, 2, 3]),
                **{**_BLOCK, "flag_style": rng.choice(["word", "arrow", "letter", "none"])})


@family("key_value", "key-value list",
        "One test per line: 'Glicemia: 112 mg/dl (70-100)', 'Hemoglobin = 13.5 g/dL [12.0-16.0]', "
        "'Glucose: 92 mg/dL - ref. 70 - 100'.")
def key_value(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="keyvalue", variant=rng.randrange(4), range_style=rng.choice(["dash", "tight", "to"]),
                **{**_BLOCK, "flag_style": rng.choice(["letter", "star", "none", "word"])})


@family("kv_compact", "key-value list",
        "Several tests per line, as in a letter: 'Sodio 140 mmol/L (136-145); Potassio 4,2 mmol/L (3,5-5,1)'.")
def kv_compact(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="kv_compact", variant=rng.randrange(4), range_style=rng.choice(["dash", "tight"]),
                **{**_BLOCK, "flag_style": rng.choice(["letter", "star", "none"])})


@family("csv_export", "CSV text",
        "A CSV export (';' or ',' separated, quoted or not, a section column in some), printed as is in PDF and "
        "fenced in markdown.")
def csv_export(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="csv", variant=rng.randrange(4), font="Courier", column_header="none", rules="none",
                columns=rng.choice([("result", "unit", "range"), ("result", "unit", "range", "flag"),
                                    ("result", "flag", "unit", "range")]),
                second_units=False, method_lines=False, interpretation_table=False, sections=True)


@family("pipe_text", "ASCII table",
        "A plain-text LIS printout: ASCII tables with | and +---+ borders, in Courier.")
def pipe_text(rng: random.Random, lang: str) -> Layout:
    return base(rng, lang, style="pipe", font="Courier", column_header="none", rules="none",
                columns=rng.choice([("result", "unit", "range"), ("result", "flag", "unit", "range")]),
                method_lines=False, interpretation_table=False)
