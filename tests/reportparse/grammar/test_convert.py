import math

import pytest

from reportparse.errors import ReportParseError
from reportparse.grammar.convert import (MOLAR_MASS, ConversionError, conversion_table, conversion_table_markdown,
                                         convert, molar_masses)

TABLE = conversion_table()


@pytest.mark.parametrize("row", TABLE, ids=[f"{r.analyte}:{r.source}->{r.target}" for r in TABLE])
def test_round_trip(row):
    analyte, _, to_analyte = row.analyte.partition(" -> ")
    for value in (0.37, 1.0, 6.5, 142.0):
        there = convert(value, row.source, row.target, analyte, to_analyte=to_analyte or None)
        back = convert(there, row.target, row.source, to_analyte or analyte, to_analyte=analyte if to_analyte else None)
        assert math.isclose(back, value, rel_tol=1e-9)
        if row.factor is not None:
            assert math.isclose(there, value * row.factor, rel_tol=1e-9)


@pytest.mark.parametrize(
    "value, source, target, analyte, expected, tol",
    [
        (100, "mg/dL", "mmol/L", "glucose", 5.551, 0.001),
        (1, "mg/dL", "umol/L", "creatinine", 88.4, 0.05),
        (200, "mg/dL", "mmol/L", "cholesterol_total", 5.17, 0.005),
        (150, "mg/dL", "mmol/L", "triglycerides", 1.69, 0.005),
        (6.5, "%", "mmol/mol", "hba1c", 48, 0.5),
        (48, "mmol/mol", "%", "hba1c", 6.54, 0.01),
        (10, "mg/dL", "mmol/L", "calcium", 2.495, 0.001),
        (10, "mg/dL", "meq/L", "calcium", 4.99, 0.005),
        (1, "mg/dL", "umol/L", "bilirubin_total", 17.1, 0.01),
        (30, "ng/mL", "nmol/L", "vitamin_d_25oh", 74.9, 0.1),
        (100, "ug/dL", "umol/L", "iron", 17.9, 0.05),
        (5, "mg/dL", "umol/L", "uric_acid", 297.4, 0.5),
        (140, "mmol/L", "meq/L", "sodium", 140, 1e-9),
    ],
)
def test_reference_values(value, source, target, analyte, expected, tol):
    assert abs(convert(value, source, target, analyte) - expected) <= tol


def test_bun_and_urea():
    assert abs(convert(14, "mg/dL", "mg/dL", "bun", to_analyte="urea") - 30) < 0.1
    assert abs(convert(30, "mg/dL", "mg/dL", "urea", to_analyte="bun") - 14) < 0.1
    assert abs(convert(14, "mg/dL", "mmol/L", "bun", to_analyte="urea") - 5.0) < 0.01


@pytest.mark.parametrize(
    "value, source, target, expected",
    [
        (5, "10*3/uL", "10*9/L", 5), (5000, "/mm3", "10*3/uL", 5), (4.5, "10*6/uL", "10*12/L", 4.5),
        (14, "g/dL", "g/L", 140), (1, "U/L", "ukat/L", 1 / 60), (2.5, "u[IU]/mL", "m[IU]/L", 2.5),
        (1500, "mg/(24.h)", "g/(24.h)", 1.5), (45, "%", "L/L", 0.45), (1, "g/(100.mL)", "g/dL", 1),
        (120, "kU/L", "U/mL", 120), (3, "meq/L", "ueq/mL", 3),
    ],
)
def test_dimensional(value, source, target, expected):
    assert math.isclose(convert(value, source, target), expected, rel_tol=1e-9)


@pytest.mark.parametrize(
    "source, target, analyte, code",
    [
        ("mg/dL", "U/L", None, "E071"),  # mass against catalytic activity
        ("10*3/uL", "g/L", None, "E071"),
        ("u[IU]/mL", "mmol/L", "tsh", "E071"),  # international units are no amount of substance
        ("/[HPF]", "/uL", None, "E071"),
        ("mg/dL", "mmol/L", None, "E072"),  # mass to moles needs an analyte
        ("mg/dL", "mmol/L", "ferritin", "E072"),  # ... with a molar mass
        ("[pH]", "%", None, "E070"),
        ("foo/L", "g/L", None, "E070"),
    ],
)
def test_refused(source, target, analyte, code):
    with pytest.raises(ConversionError) as info:
        convert(1.0, source, target, analyte)
    assert info.value.code == code
    assert isinstance(info.value, ValueError) and isinstance(info.value, ReportParseError)


def test_refused_between_analytes_and_non_finite():
    with pytest.raises(ConversionError) as info:
        convert(1.0, "mg/dL", "mg/dL", "glucose", to_analyte="urea")
    assert info.value.code == "E073"
    with pytest.raises(ConversionError) as info:
        convert(float("nan"), "mg/dL", "g/L")
    assert info.value.code == "E074"


def test_same_unit_and_legacy_table():
    assert convert(7.0, "mg/dL", "mg/dL") == 7.0
    assert MOLAR_MASS["glucose"] == (molar_masses()["glucose"].grams_per_mol, 1)
    assert MOLAR_MASS["calcium"][1] == 2


def test_markdown_table():
    text = conversion_table_markdown()
    assert text.splitlines()[0].startswith("| analyte | from | to |")
    assert "| hba1c | % | mmol/mol | affine |" in text
    assert len(text.splitlines()) == len(TABLE) + 2
