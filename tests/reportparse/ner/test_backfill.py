"""Numbers before a concentration unit that the recogniser left become values; doses, sizes, dates and range
ends do not."""

import pytest

from reportparse.ner.backfill import is_concentration_unit, unit_anchored_values


@pytest.mark.parametrize("unit", ["g/dL", "U/L", "x10^3/µL", "/mmc", "mg/dl", "ng/mL", "mL/min/1.73m2", "mm/h",
                                  "fL", "mmol/mol", "UI/ml"])
def test_concentrations_and_counts_are_lab_units(unit):
    assert is_concentration_unit(unit)


@pytest.mark.parametrize("unit", ["mg", "mg/kg", "mg/die", "mcg/kg", "ml/h", "mm", "%", "anni", "kg"])
def test_doses_sizes_and_percentages_are_not(unit):
    assert not is_concentration_unit(unit)


def _texts(text, entities=()):
    return [(text[s:e], label) for s, e, label in unit_anchored_values(text, list(entities))]


def test_a_number_before_a_lab_unit_is_a_value_and_its_unit():
    assert _texts("Hb che si attesta a 10,9 g/dL, PLT 450.000/mmc e ferritina 8ng/mL.") == [
        ("10,9", "VALUE"), ("g/dL", "UNIT"), ("450.000", "VALUE"), ("/mmc", "UNIT"), ("8", "VALUE"),
        ("ng/mL", "UNIT")]


def test_doses_dates_and_range_ends_are_left_alone():
    text = "metotrexato 15 mg/sett, 400 mg/die; il 12/03/2020; (v.n. 12-16 g/dL); limite < 5 mg/L; nodulo di 8 mm"
    assert _texts(text) == []


def test_what_the_recogniser_tagged_stays_as_it_is():
    text = "Emoglobina 10,9 g/dL"
    value = (text.index("10,9"), text.index("10,9") + 4, "VALUE")
    unit = (text.index("g/dL"), len(text), "UNIT")
    assert unit_anchored_values(text, [value, unit]) == []
    # a unit tagged without its number: only the number is added
    assert _texts(text, [unit]) == [("10,9", "VALUE")]
