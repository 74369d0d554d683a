"""The row grammar on small layouts: (text → expected values) and texts that must yield nothing."""

import pytest

import reportparse


def values(text, lang="it"):
    return [(v.name, v.value if v.text is None else v.text, v.unit, v.ref_low, v.ref_high, v.flag)
            for v in reportparse.parse_text(text, lang=lang).values]


@pytest.mark.parametrize(
    "text, lang, expected",
    [
        ("Emoglobina          13,5    g/dL     12,0 - 16,0", "it", [("Emoglobina", 13.5, "g/dL", 12.0, 16.0, None)]),
        ("Emoglobina   11,2  L   g/dL   12,0 - 16,0", "it", [("Emoglobina", 11.2, "g/dL", 12.0, 16.0, "L")]),
        ("GLUCOSIO   126 H   mg/dL   70 ÷ 110", "it", [("GLUCOSIO", 126.0, "mg/dL", 70.0, 110.0, "H")]),
        ("Ferritina    350   ALTO   ng/mL   da 30 a 300", "it", [("Ferritina", 350.0, "ng/mL", 30.0, 300.0, "H")]),
        ("PCR                < 0,5     mg/L     fino a 5", "it", [("PCR", "< 0,5", "mg/L", None, 5.0, None)]),
        ("Proteina C reattiva   inferiore a 0,5   mg/dL   < 0,5", "it",
         [("Proteina C reattiva", "inferiore a 0,5", "mg/dL", None, 0.5, None)]),
        ("CPK (IU/L):        197        45      155", "it", [("CPK", 197.0, "IU/L", 45.0, 155.0, None)]),
        ("Piastrine    250.000    /mm3    150.000 - 400.000", "it",
         [("Piastrine", 250000.0, "/mm3", 150000.0, 400000.0, None)]),
        ("Rapp. Na/K :      31,30     > 27", "it", [("Rapp. Na/K", 31.3, None, 27.0, None, None)]),
        ("Emoparassiti    NEGATIVO", "it", [("Emoparassiti", "NEGATIVO", None, None, None, None)]),
        ("Glucosio     assente     assente", "it", [("Glucosio", "assente", None, None, None, None)]),
        ("Eritrociti      5,24 10^12/L      [4,50 - 5,30]", "it", [("Eritrociti", 5.24, "10^12/L", 4.5, 5.3, None)]),
        ("WBC   4.3 x10E3/uL   3.4-10.8 x10E3/uL", "en", [("WBC", 4.3, "x10E3/uL", 3.4, 10.8, None)]),
        ("| HAEMOGLOBIN (HB) | 12.8 | 13 to 18 gm/dl |", "en", [("HAEMOGLOBIN (HB)", 12.8, "gm/dl", 13.0, 18.0, None)]),
        ("| Hematocrit | 46.1% | 37.5-51.0% | Normal |", "en", [("Hematocrit", 46.1, "%", 37.5, 51.0, None)]),
        ("| BUN | 26 mg/dL | 6-24 mg/dL | HIGH |", "en", [("BUN", 26.0, "mg/dL", 6.0, 24.0, "H")]),
        ("TSH    6.2    High    uIU/mL    0.27 - 4.20", "en", [("TSH", 6.2, "uIU/mL", 0.27, 4.2, "H")]),
        ("Hemoglobin   9.9 ↓   g/dL   13.0 - 17.0", "en", [("Hemoglobin", 9.9, "g/dL", 13.0, 17.0, "L")]),
        ("NEUTROFILI    40,1    %    43,0 - 74,0   ¬", "it", [("NEUTROFILI", 40.1, "%", 43.0, 74.0, "abnormal")]),
        ("Cholesterol   220   mg/dL   < or = 200", "en", [("Cholesterol", 220.0, "mg/dL", None, 200.0, None)]),
        ("HDL Cholesterol    58.9    mg/dL    >40", "en", [("HDL Cholesterol", 58.9, "mg/dL", 40.0, None, None)]),
        ("R.B.C.     0-1 RBC/HPF     0.0 - 2.0 RBC/hpf", "en", [("R.B.C.", "0-1", "RBC/HPF", 0.0, 2.0, None)]),
        ("Platelet Count    127000    /cumm    140000 to 440000", "en",
         [("Platelet Count", 127000.0, "/cumm", 140000.0, 440000.0, None)]),
        ("Glucose   mg/dL   95   70 - 100", "en", [("Glucose", 95.0, "mg/dL", 70.0, 100.0, None)]),
    ],
)
def test_rows(text, lang, expected):
    assert values(text, lang) == expected


def test_two_tables_side_by_side():
    text = ("CPK (IU/L):     197     45    155      Cloro corr. (mEq/L):    106,46     98    118\n"
            "AST (IU/L):     56      10     45      HCO3 (mEq/L):           21       17,0   25,2\n")
    got = values(text)
    assert [(n, v) for n, v, *_ in got] == [("CPK", 197.0), ("Cloro corr.", 106.46), ("AST", 56.0), ("HCO3", 21.0)]


def test_same_analyte_in_two_units_on_two_lines():
    text = ("P-Urea                     4,9 mmol/L        [2,85 - 7,85]\n"
            "                            27 mg/dL         [15 - 43]\n")
    assert values(text) == [("P-Urea", 4.9, "mmol/L", 2.85, 7.85, None), ("P-Urea", 27.0, "mg/dL", 15.0, 43.0, None)]


def test_percent_and_absolute_rows_with_the_same_name():
    text = ("Neutrofili                 51 %\n"
            "Neutrofili               2,53 10^9/L      [1,90 - 5,30]\n")
    got = reportparse.parse_text(text, lang="it").values
    assert [(v.name, v.value, v.analyte) for v in got] == [("Neutrofili", 51.0, "neutrophils_pct"),
                                                            ("Neutrofili", 2.53, "neutrophils_abs")]


def test_values_on_the_line_below_the_name():
    text = ("Velocità di eritrosedimentazione (VES)\n"
            "                                   12      mm/h      0 - 20\n")
    assert values(text) == [("Velocità di eritrosedimentazione (VES)", 12.0, "mm/h", 0.0, 20.0, None)]


def test_wrapped_name_is_joined():
    text = ("PCV (Packed Cell      25.6      %      42 - 52\n"
            "Volume)/Hematocrit\n")
    assert values(text, "en")[0][0] == "PCV (Packed Cell Volume)/Hematocrit"


def test_method_line_is_not_part_of_the_name():
    text = "Creatinine           5.17       mg/dL       <1.20\n(Jaffe Compensated)\nUrea   81.00   mg/dL   19.00 - 44.00\n"
    assert [v[0] for v in values(text, "en")] == ["Creatinine", "Urea"]


def test_rows_without_result_are_skipped():
    text = ("Glucosio (mg/dl):      101       70     110\n"
            "Calcio (mg/dl):        10,00     8,0    12,0\n"
            "Acido Urico (mg/dl):             0,2      1\n"
            "Fosforo (mg/dl):       4,20      2,5     5,6\n")
    assert [v[0] for v in values(text)] == ["Glucosio", "Calcio", "Fosforo"]


def test_previous_result_column_is_ignored():
    text = ("Esame          Risultato   U.M.    Valori di riferimento   Precedente\n"
            "Emoglobina     13,5        g/dL    12,0 - 16,0             12,1\n"
            "Ferritina      20          ng/mL   30 - 300                25\n")
    got = values(text)
    assert got == [("Emoglobina", 13.5, "g/dL", 12.0, 16.0, None), ("Ferritina", 20.0, "ng/mL", 30.0, 300.0, None)]


def test_reference_continues_on_following_lines():
    text = ("GFR Study      24.7      mL/min     Normal: >= 90\n"
            "                                    Mild decrease: 60 - 89\n")
    value = reportparse.parse_text(text, lang="en").values[0]
    assert value.ref_low == 90.0 and value.ref_text.endswith("60 - 89")


def test_sex_specific_range_uses_the_patient_sex():
    text = "Sesso: F\nEmoglobina    13,0    g/dL    M: 13,5-17,5 F: 12,0-15,5\n"
    value = reportparse.parse_text(text, lang="it").values[0]
    assert (value.ref_low, value.ref_high, value.interpretation) == (12.0, 15.5, "N")


def test_abnormal_summary_heading_flags_rows():
    text = "Abnormal Result(s) Summary\nHaemoglobin     8.7     g/dL     13.5 - 18.0\n"
    assert values(text, "en")[0][5] == "abnormal"


def test_bold_results_are_abnormal_when_the_report_says_so():
    text = ("| Test | Result | Reference Range |\n|---|---|---|\n| MCV | 88.1 | 76 to 96 fl |\n"
            "| TC | **3120** | 4000 to 11000 /cumm |\n\n*Note: Values in bold indicate results outside the reference range.*\n")
    assert [v[5] for v in values(text, "en")] == [None, "abnormal"]


def test_generic_result_label_takes_the_heading():
    text = "### CRP (NYCOCARD)\n\n**Result**: **27** Upto 5 mg/l\n"
    assert values(text, "en") == [("CRP (NYCOCARD)", 27.0, "mg/l", None, 5.0, None)]


@pytest.mark.parametrize(
    "text",
    [
        "Lab No.     : 445729016                               Age           : 48 Years",
        "Collected   : 3/7/2023 8:14:00AM                      Reported      : 3/7/2023 6:33:33PM",
        "Page 1 of 11",
        "Richiesta n.   1234567",
        "Tel. 045 8122157",
        "Data di nascita: 18/12/1986",
        "| Extreme    |       <50          |        <80         |      ≥50       |        ≥80         |",
        "| HbA1c in %      | 4.0-5.6           | 5.7-6.4       | >= 6.5      | <7.0                 |",
        "Rischio basso            < 116 mg/dL",
        "2. Friedewald equation to calculate LDL cholesterol is most accurate when Triglyceride level is < 400",
        "Measurement of Direct LDL cholesterol is recommended when Triglyceride level is > 400 mg/dL",
        "Normally, the BUN/creatinine ratio is about 10:1",
        "Test Name      Results      Units      Bio. Ref. Interval",
        "| Test | Result | Normal Range | Status |",
        "Premises No - 031-0199 Plot No - CB 31/1 Street 199 Action Area 1C",
        "Patient Name: ROSSI MARIO      DOB: 21/03/1950",
    ],
)
def test_lines_that_are_not_values(text):
    assert values(text, "en") == [] and values(text, "it") == []


def test_repeated_summary_is_not_counted_twice():
    text = ("| Test | Result | Normal Range |\n|---|---|---|\n| BUN | 26 mg/dL | 6-24 mg/dL |\n\n"
            "## Abnormal Results\n- **BUN: 26 mg/dL** (HIGH) - slightly above normal range\n")
    assert len(values(text, "en")) == 1


@pytest.mark.parametrize(
    "printed, repaired",
    [("White B1ood Cells", "White Blood Cells"), ("Scrum Creatinine", "Serum Creatinine"), ("A5T", "AST"),
     ("Co1esterolo", "Colesterolo"), ("Monocytcs", "Monocytes"), ("HbA1c", "HbA1c"), ("T3", "T3"),
     ("Vitamin B12", "Vitamin B12"), ("MCHC/CHCM", "MCHC/CHCM")],
)
def test_ocr_look_alikes_in_names_are_undone_only_towards_known_names(printed, repaired):
    from reportparse.catalogue import load_catalogue
    from reportparse.table.rows import repair_ocr_name

    assert repair_ocr_name(printed, load_catalogue().is_known) == repaired


def test_ocr_stray_marks_do_not_stick_to_names():
    text = "Red Blood Cells _   4.29   x10E6/uL   4.20 - 5.60\nHCT '   45.5   %   36.0 - 46.0\n"
    assert [v[0] for v in values(text, "en")] == ["Red Blood Cells", "HCT"]


def test_row_rules_are_named_and_can_be_switched_off():
    from reportparse.table.rules import ITEM_RULES, LINE_RULES

    assert {"furniture", "table_header", "markdown_heading"} <= set(LINE_RULES)
    assert {"reference_line", "status_word", "named_row", "values_only"} <= set(ITEM_RULES)
    text = "Sodium   140   mmol/L   135 - 145\nSMITH, John   Ward 7   Bed 12\n"
    nlp = reportparse.load_pipeline("en")
    assert [v.name for v in reportparse.parse_text(text, nlp=nlp).values] == ["Sodium"]
    off = reportparse.load_pipeline("en", reportparse.ParseParams(disabled_rules=("values_only", "named_row")),
                                    ner=reportparse.NerOptions(backend="off"))
    assert reportparse.parse_text(text, nlp=off).values == ()


def test_a_reference_in_brackets_after_a_qualitative_result_is_the_reference():
    text = ("Colore        Giallo paglierino [Giallo paglierino]\n"
            "Proteine      Negativo (Negativo)\n"
            "Glucosio      Assente\n")
    got = [(v.name, v.text, v.ref_text) for v in reportparse.parse_text(text, lang="it").values]
    assert got == [("Colore", "Giallo paglierino", "Giallo paglierino"), ("Proteine", "Negativo", "Negativo"),
                   ("Glucosio", "Assente", None)]
