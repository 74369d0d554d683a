"""Records across lines: names above values, status words, references on their own line, key-value lists."""

import pytest

import reportparse


def values(text, lang="en"):
    return [(v.name, v.value if v.text is None else v.text, v.unit, v.ref_low, v.ref_high, v.flag)
            for v in reportparse.parse_text(text, lang=lang).values]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Hemoglobin\nIn Range   17.0 g/dL\n", "en", [("Hemoglobin", 17.0, "g/dL", None, None, None)]),
        ("WBC\nAbove Range   11.2 x10E3/uL\n", "en", [("WBC", 11.2, "x10E3/uL", None, None, "H")]),
        ("Ferritin\nBelow Range   8 ng/mL\nStandard range 30 - 400 ng/mL\n", "en",
         [("Ferritin", 8.0, "ng/mL", 30.0, 400.0, "L")]),
        ("Emoglobina\nNella norma   13,5 g/dL\n", "it", [("Emoglobina", 13.5, "g/dL", None, None, None)]),
        ("Glucosio\nFuori range   126 mg/dL\nIntervallo di riferimento: 70 - 100\n", "it",
         [("Glucosio", 126.0, "mg/dL", 70.0, 100.0, "abnormal")]),
        ("Hemoglobin\nNormal   14.1 g/dL\n", "en", [("Hemoglobin", 14.1, "g/dL", None, None, None)]),
        ("Glicemia: 112 mg/dl (70-100)\nColesterolo totale: 180 mg/dl (< 200)\n", "it",
         [("Glicemia", 112.0, "mg/dl", 70.0, 100.0, None), ("Colesterolo totale", 180.0, "mg/dl", None, 200.0, None)]),
        ("Hemoglobin = 13.5 g/dL [12.0-16.0]\n", "en", [("Hemoglobin", 13.5, "g/dL", 12.0, 16.0, None)]),
        ("Platelets\n250 x10E3/uL\nRange: 150 - 450\n", "en", [("Platelets", 250.0, "x10E3/uL", 150.0, 450.0, None)]),
    ],
)
def test_records_across_lines(text, lang, expected):
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    "text",
    [
        "In Range   17.0 g/dL\n",  # a status and a value without any name above
        "Range: 4.0 - 10.0\n",
        "Standard range 13.0 - 17.7 g/dL\n",
        "Optimal     Borderline    High risk\n<200        200-239       >=240\n",
    ],
)
def test_lines_that_are_not_results(text):
    assert values(text) == []


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Glucosio.......... 95 mg/dL   70 - 100\n", "it", [("Glucosio", 95.0, "mg/dL", 70.0, 100.0, None)]),
        ("Glucose;95;mg/dL;70-100\nSodium;140;mmol/L;135-145\n", "en",
         [("Glucose", 95.0, "mg/dL", 70.0, 100.0, None), ("Sodium", 140.0, "mmol/L", 135.0, 145.0, None)]),
    ],
)
def test_dot_leaders_and_semicolon_exports(text, lang, expected):
    assert values(text, lang) == expected


def test_key_value_with_a_spaced_dash_but_hyphenated_names_stay_whole():
    assert values("White Blood Cells - 8,718 /cumm (normal 4,000 - 10,000)\n") == [
        ("White Blood Cells", 8718.0, "/cumm", 4000.0, 10000.0, None)]
    assert values("Interleukin - 6 (IL-6)      7.2    pg/mL    < 7.0\n")[0][:2] == ("Interleukin - 6 (IL-6)", 7.2)


def test_reference_printed_between_the_name_and_its_value():
    text = "WBC\nReference range: 4.00-10.00 thou/mm3\nIn Range        8.14 thou/mm3\n"
    assert values(text) == [("WBC", 8.14, "thou/mm3", 4.0, 10.0, None)]


def test_ocr_look_alikes_in_status_words():
    assert values("Haemoglobin\nln Range   14.5 g/dL\n") == [("Haemoglobin", 14.5, "g/dL", None, None, None)]


def test_cards_side_by_side():
    text = ("Haemoglobin                    HCT\n"
            "13.6 gm/dL                     36.9 %\n"
            "Range: 12.0 - 15.5             Range: 36.0 - 46.0\n")
    assert values(text) == [("Haemoglobin", 13.6, "gm/dL", 12.0, 15.5, None), ("HCT", 36.9, "%", 36.0, 46.0, None)]


def test_a_value_under_its_own_categories():
    text = ("Glucose                                                       mg/dL\n"
            "    Low < 70              Normal 70 - 99        Impaired 100 - 125    Diabetes >= 126\n"
            "                                                 112\n\n"
            "Sodium   140   mmol/L   135 - 145\n")
    assert values(text) == [("Glucose", 112.0, "mg/dL", 70.0, 99.0, "H"),
                            ("Sodium", 140.0, "mmol/L", 135.0, 145.0, None)]


def test_quoted_csv_with_a_section_column():
    text = ('"Section";"Test Name";"Result";"Units";"Reference Range"\n'
            '"CBC";"Hemoglobin";"13.5";"g/dL";"12.0 - 16.0"\n'
            '"Emoglobina","13,5","g/dL","12,0 - 16,0"\n')
    assert [v[:2] for v in values(text)] == [("Hemoglobin", 13.5), ("Emoglobina", 13.5)]


def test_references_printed_in_a_separate_block():
    text = ("Test            Result   Units\n"
            "Hemoglobin      13.6     g/dL\n"
            "Cholesterol     215      mg/dL\n"
            "Sodium          140      mmol/L\n\n"
            "Reference intervals\n"
            "Hemoglobin (g/dL)          Male 13.5 - 17.5 / Female 12.0 - 15.5\n"
            "Cholesterol (mg/dL)        < 200\n"
            "Sodium (mmol/L)            135 - 145\n")
    report = reportparse.parse_text(text, lang="en")
    assert [(v.name, v.value, v.ref_low, v.ref_high) for v in report.values] == [
        ("Hemoglobin", 13.6, None, None), ("Cholesterol", 215.0, None, 200.0), ("Sodium", 140.0, 135.0, 145.0)]
    assert report.values[0].reference.text == "Male 13.5 - 17.5 / Female 12.0 - 15.5"  # sex unknown: no bounds


def test_underscore_leaders_are_not_markdown_emphasis():
    text = ("Leucociti __________________________        5,11       10^3/µL         da 4,00 a 10,00\n"
            "Eritrociti _________________________        4,54       x10^12/L        da 4,50 a 5,90\n"
            "Emoglobina **17,2** g/dl\n")
    assert [v[:2] for v in values(text, "it")] == [("Leucociti", 5.11), ("Eritrociti", 4.54), ("Emoglobina", 17.2)]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("WBC 8.48 10^9/L (4.00 - 10.00) | Red Blood Cells 4.64 x10E6/uL (4.50 - 5.90)\n", "en",
         [("WBC", 8.48, "10^9/L", 4.0, 10.0, None), ("Red Blood Cells", 4.64, "x10E6/uL", 4.5, 5.9, None)]),
        ("Neutrophils 67.4 % (40.0 - 75.0); Lymphocytes 21.8 % (20.0 - 45.0)\n", "en",
         [("Neutrophils", 67.4, "%", 40.0, 75.0, None), ("Lymphocytes", 21.8, "%", 20.0, 45.0, None)]),
        ("Emoglobina (Hb): 17,6 g/dl (12,0-15,5) - HCT: 37,1 % (36,0-46,0)\n", "it",
         [("Emoglobina (Hb)", 17.6, "g/dl", 12.0, 15.5, None), ("HCT", 37.1, "%", 36.0, 46.0, None)]),
    ],
)
def test_several_records_on_one_line(text, lang, expected):
    assert values(text, lang) == expected


def test_a_value_label_under_the_name():
    text = "Hemoglobin\nYour value: 10.7 g/dL     Low\nNormal range: 13.5 to 17.5 g/dL\n"
    assert values(text) == [("Hemoglobin", 10.7, "g/dL", 13.5, 17.5, "L")]
    assert values("### CRP\n\n**Result**: **27** Upto 5 mg/l\n") == [("CRP", 27.0, "mg/l", None, 5.0, None)]


def test_section_title_beside_a_row_of_the_right_hand_table():
    text = ("CLINICAL CHEMISTRY                              pH                  5.1            5.0 - 8.0\n"
            "Fasting Blood Sugar    106    mg/dL   70 - 100   Colour              Pale Yellow    Pale yellow\n")
    assert [v[:2] for v in values(text)] == [("pH", 5.1), ("Fasting Blood Sugar", 106.0), ("Colour", "Pale Yellow")]


def test_ocr_look_alikes_inside_numbers():
    text = "Emoglobina   13,8   g/dl   [13,5 - l7,5]\nMonociti   7,1   %   [2,O - 10,0]\nCO2   24   mmol/L   22 - 29\n"
    assert values(text, "it") == [("Emoglobina", 13.8, "g/dl", 13.5, 17.5, None), ("Monociti", 7.1, "%", 2.0, 10.0, None),
                                  ("CO2", 24.0, "mmol/L", 22.0, 29.0, None)]
