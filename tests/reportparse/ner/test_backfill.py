"""Numbers before a concentration unit that the recogniser left become values; doses, sizes, dates and range
ends do not.  In prose, a value without a name takes the catalogue name before it, a name without a value the
result word after it."""

import pytest

from reportparse.catalogue import load_catalogue
from reportparse.ner.backfill import catalogue_names, is_concentration_unit, result_words, unit_anchored_values


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


def _at(text, piece, label):
    start = text.index(piece)
    return (start, start + len(piece), label)


def test_a_value_without_a_name_takes_the_catalogue_name_before_it():
    text = "Poi abbiamo ripetuto la lipasi sierica, che era 190 U/L. Glicemia 98 mg/dL."
    entities = [_at(text, "190", "VALUE"), _at(text, "U/L", "UNIT"), _at(text, "Glicemia", "ANALYTE"),
                _at(text, "98", "VALUE")]
    found = catalogue_names(text, entities, load_catalogue().is_known)
    assert [(text[s:e], label) for s, e, label in found] == [("lipasi sierica", "ANALYTE")]


def test_a_value_with_a_name_in_its_clause_or_no_catalogue_name_gets_none():
    text = "Ferritina bassa, 8 ng/mL; il paziente riferisce 3 episodi."
    entities = [_at(text, "Ferritina", "ANALYTE"), _at(text, "8", "VALUE"), _at(text, "3", "VALUE")]
    assert catalogue_names(text, entities, load_catalogue().is_known) == []


@pytest.mark.parametrize("text", ["ca. 5 mg/L", "in mg 40 U/L"])
def test_lower_case_abbreviations_are_not_names(text):
    entities = [_at(text, text.split()[1] if text.startswith("ca") else "40", "VALUE")]
    assert catalogue_names(text, entities, load_catalogue().is_known) == []


def test_a_name_without_a_value_takes_the_result_word_after_it():
    text = "L'HBsAg è risultato non rilevabile; anti-HCV da ripetere. HIV negativo."
    entities = [_at(text, "HBsAg", "ANALYTE"), _at(text, "anti-HCV", "ANALYTE"), _at(text, "HIV", "ANALYTE"),
                _at(text, "negativo", "VALUE")]
    found = result_words(text, entities)
    assert [(text[s:e], label) for s, e, label in found] == [("non rilevabile", "VALUE")]


def test_a_judgement_is_no_result_word():
    text = "Creatinina nella norma, AST normale."
    entities = [_at(text, "Creatinina", "ANALYTE"), _at(text, "AST", "ANALYTE")]
    assert result_words(text, entities) == []


def test_prose_backfills_reach_the_parse(monkeypatch):
    import reportparse
    from reportparse.ner.options import NerOptions
    from reportparse.pipeline import ner as pipeline_ner

    text = "Nel controllo di ieri si segnala un rialzo della lipasi sierica, che era 190 U/L, da rivalutare."

    def recogniser(texts):  # a recogniser that found the number and its unit, not the name
        return [[_at(t, "190", "VALUE"), _at(t, "U/L", "UNIT")] if "190" in t else [] for t in texts]

    monkeypatch.setattr(pipeline_ner, "_load_backend", lambda *args: recogniser)
    for backfill, expected in ((True, [("lipasi sierica", 190.0, "U/L")]), (False, [])):
        nlp = reportparse.load_pipeline("it", ner=NerOptions(mode="prose", backfill=backfill))
        values = reportparse.parse_text(text, lang="it", nlp=nlp).values
        assert [(v.name, v.value, v.unit) for v in values] == expected
