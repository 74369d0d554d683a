"""Entities to records: which value belongs to which name, unit, range and flag."""

import regex

from reportparse.ner.linker import Entity, link_entities


def entities(text, marked):
    """Entities from (label, printed text) pairs, found left to right."""
    out, pos = [], 0
    for label, printed in marked:
        m = regex.compile(regex.escape(printed)).search(text, pos)
        out.append(Entity(m.start(), m.end(), label, printed))
        pos = m.end()
    return out


def rows(text, marked, decimal=".", line=False):
    return [(r.name, r.value, r.result_text, r.unit, r.ref_text, r.ref_low, r.ref_high, r.flag, r.source)
            for r in link_entities(entities(text, marked), text, decimal=decimal, newline_ends_clause=line)]


def test_each_value_takes_its_own_name_unit_and_range():
    text = "Her hemoglobin was 11.2 g/dL and ferritin 8 ng/mL (ref 15-150)."
    marked = [("ANALYTE", "hemoglobin"), ("VALUE", "11.2"), ("UNIT", "g/dL"), ("ANALYTE", "ferritin"),
              ("VALUE", "8"), ("UNIT", "ng/mL"), ("RANGE", "15-150")]
    assert rows(text, marked) == [("hemoglobin", 11.2, "11.2", "g/dL", None, None, None, None, "ner"),
                                  ("ferritin", 8.0, "8", "ng/mL", "15-150", None, None, None, "ner")]


def test_a_qualifier_makes_no_value_and_does_not_take_the_next_one():
    text = "Glicemia a digiuno 126 mg/dl, HbA1c 7,1%; creatinina nella norma."
    marked = [("ANALYTE", "Glicemia a digiuno"), ("VALUE", "126"), ("UNIT", "mg/dl"), ("ANALYTE", "HbA1c"),
              ("VALUE", "7,1"), ("UNIT", "%"), ("ANALYTE", "creatinina"), ("QUALIFIER", "nella norma")]
    assert [r[:4] for r in rows(text, marked, decimal=",")] == [("Glicemia a digiuno", 126.0, "126", "mg/dl"),
                                                                 ("HbA1c", 7.1, "7,1", "%")]


def test_value_before_its_name_and_censored_and_qualitative_results():
    text = "a value of 7.1% for HbA1c; PCR < 0,5 mg/dL; HBsAg negativo."
    marked = [("VALUE", "7.1"), ("UNIT", "%"), ("ANALYTE", "HbA1c"), ("ANALYTE", "PCR"), ("VALUE", "< 0,5"),
              ("UNIT", "mg/dL"), ("ANALYTE", "HBsAg"), ("VALUE", "negativo")]
    got = link_entities(entities(text, marked), text, decimal=",", newline_ends_clause=False)
    assert [(r.name, r.result_kind, r.value, r.comparator, r.result_text) for r in got] == [
        ("HbA1c", "number", 7.1, None, "7.1"), ("PCR", "censored", 0.5, "<", "< 0,5"),
        ("HBsAg", "qualitative", None, None, "negativo")]


def test_limits_before_the_value_and_a_flag_after_it_in_a_table_line():
    text = "Glucosio     70     100     112  H   mg/dL\nSodio  135  145  140  mmol/L"
    marked = [("ANALYTE", "Glucosio"), ("RANGE", "70"), ("RANGE", "100"), ("VALUE", "112"), ("FLAG", "H"),
              ("UNIT", "mg/dL"), ("ANALYTE", "Sodio"), ("RANGE", "135"), ("RANGE", "145"), ("VALUE", "140"),
              ("UNIT", "mmol/L")]
    assert rows(text, marked, line=True) == [
        ("Glucosio", 112.0, "112", "mg/dL", "70 100", 70.0, 100.0, "H", "ner"),
        ("Sodio", 140.0, "140", "mmol/L", "135 145", 135.0, 145.0, None, "ner")]


def test_a_value_with_no_name_in_its_clause_is_dropped():
    text = "Dose 500 mg. Emoglobina 13,5 g/dL"
    marked = [("VALUE", "500"), ("UNIT", "mg"), ("ANALYTE", "Emoglobina"), ("VALUE", "13,5"), ("UNIT", "g/dL")]
    assert [r[0] for r in rows(text, marked, decimal=",")] == ["Emoglobina"]


def test_a_preposition_names_the_value_before_it_and_a_series_shares_its_name_and_unit():
    text = "Funzionalità epatica: un valore di 22 UI/L per la GPT. PCR salita da 2,43 a 5,81 mg/dL."
    marked = [("ANALYTE", "Funzionalità epatica"), ("VALUE", "22"), ("UNIT", "UI/L"), ("ANALYTE", "GPT"),
              ("ANALYTE", "PCR"), ("VALUE", "2,43"), ("VALUE", "5,81"), ("UNIT", "mg/dL")]
    assert [r[:4] for r in rows(text, marked, decimal=",")] == [
        ("GPT", 22.0, "22", "UI/L"), ("PCR", 2.43, "2,43", "mg/dL"), ("PCR", 5.81, "5,81", "mg/dL")]


def test_names_listed_before_their_values():
    text = ("AST and ALT were 21 and 20 U/L respectively; HBsAg, anti-HCV e QuantiFERON negativi; "
            "normal TSH, leukocytes 5.9 and total IgE 304 kU/L.")
    marked = [("ANALYTE", "AST"), ("ANALYTE", "ALT"), ("VALUE", "21"), ("VALUE", "20"), ("UNIT", "U/L"),
              ("ANALYTE", "HBsAg"), ("ANALYTE", "anti-HCV"), ("ANALYTE", "QuantiFERON"), ("VALUE", "negativi"),
              ("QUALIFIER", "normal"), ("ANALYTE", "TSH"), ("ANALYTE", "leukocytes"), ("VALUE", "5.9"),
              ("ANALYTE", "total IgE"), ("VALUE", "304"), ("UNIT", "kU/L")]
    assert [r[:4] for r in rows(text, marked)] == [
        ("AST", 21.0, "21", "U/L"), ("ALT", 20.0, "20", "U/L"), ("HBsAg", None, "negativi", None),
        ("anti-HCV", None, "negativi", None), ("QuantiFERON", None, "negativi", None),
        ("leukocytes", 5.9, "5.9", None), ("total IgE", 304.0, "304", "kU/L")]


def test_an_earlier_result_in_brackets_is_the_same_tests():
    text = "AST 36 IU/L (down from 45 previously), GGT 77 IU/L (was 18); creatinina 1,02 mg/dL (prec. 1,56) e trigliceridi 3,1"
    marked = [("ANALYTE", "AST"), ("VALUE", "36"), ("UNIT", "IU/L"), ("VALUE", "45"), ("ANALYTE", "GGT"),
              ("VALUE", "77"), ("UNIT", "IU/L"), ("VALUE", "18"), ("ANALYTE", "creatinina"), ("VALUE", "1,02"),
              ("UNIT", "mg/dL"), ("VALUE", "1,56"), ("ANALYTE", "trigliceridi"), ("VALUE", "3,1")]
    assert [r[:3] for r in rows(text, marked, decimal=",")] == [
        ("AST", 36.0, "36"), ("AST", 45.0, "45"), ("GGT", 77.0, "77"), ("GGT", 18.0, "18"),
        ("creatinina", 1.02, "1,02"), ("creatinina", 1.56, "1,56"), ("trigliceridi", 3.1, "3,1")]


def test_an_earlier_result_shares_the_unit_either_way_round():
    text = "GGT 77 IU/L (was 18); haemoglobin 11.2, down from 12.5 g/dL; CRP 12 mg/L and ESR 30."
    marked = [("ANALYTE", "GGT"), ("VALUE", "77"), ("UNIT", "IU/L"), ("VALUE", "18"), ("ANALYTE", "haemoglobin"),
              ("VALUE", "11.2"), ("VALUE", "12.5"), ("UNIT", "g/dL"), ("ANALYTE", "CRP"), ("VALUE", "12"),
              ("UNIT", "mg/L"), ("ANALYTE", "ESR"), ("VALUE", "30")]
    assert [(r[0], r[1], r[3]) for r in rows(text, marked)] == [
        ("GGT", 77.0, "IU/L"), ("GGT", 18.0, "IU/L"), ("haemoglobin", 11.2, "g/dL"), ("haemoglobin", 12.5, "g/dL"),
        ("CRP", 12.0, "mg/L"), ("ESR", 30.0, None)]  # another test's bare value keeps no unit


def test_names_and_values_joined_by_slashes_pair_up_in_order():
    text = "Na/K: 141 / 4.4 mmol/L, HDL cholesterol/LDL cholesterol 59 / 148 mg/dL."
    marked = [("ANALYTE", "Na"), ("ANALYTE", "K"), ("VALUE", "141"), ("VALUE", "4.4"), ("UNIT", "mmol/L"),
              ("ANALYTE", "HDL cholesterol"), ("ANALYTE", "LDL cholesterol"), ("VALUE", "59"), ("VALUE", "148"),
              ("UNIT", "mg/dL")]
    assert [r[:4] for r in rows(text, marked)] == [
        ("Na", 141.0, "141", "mmol/L"), ("K", 4.4, "4.4", "mmol/L"),
        ("HDL cholesterol", 59.0, "59", "mg/dL"), ("LDL cholesterol", 148.0, "148", "mg/dL")]


def test_a_result_word_before_a_list_of_names_is_each_ones_and_a_titre_is_a_result():
    text = "negative for QuantiFERON, anti-HCV and HBsAg; negativi HBsAg e test IGRA; ANA positivi 1:160."
    marked = [("VALUE", "negative"), ("ANALYTE", "QuantiFERON"), ("ANALYTE", "anti-HCV"), ("ANALYTE", "HBsAg"),
              ("VALUE", "negativi"), ("ANALYTE", "HBsAg"), ("ANALYTE", "test IGRA"), ("ANALYTE", "ANA"),
              ("QUALIFIER", "positivi"), ("VALUE", "1:160")]
    assert [(r[0], r[2]) for r in rows(text, marked)] == [
        ("QuantiFERON", "negative"), ("anti-HCV", "negative"), ("HBsAg", "negative"), ("HBsAg", "negativi"),
        ("test IGRA", "negativi"), ("ANA", "1:160")]
