"""The table model: column roles from header words and from content, category columns, pages without a header."""

import reportparse
from reportparse.table.columns import is_code, loinc_valid


def values(text, lang="en"):
    return [(v.name, v.value if v.text is None else v.text, v.unit, v.ref_low, v.ref_high, v.flag)
            for v in reportparse.parse_text(text, lang=lang).values]


def tables(text, lang="en"):
    doc = reportparse.load_pipeline(lang)(text)
    return [t.to_dict() for t in doc._.rp_tables]


def test_loinc_check_digit_and_lab_codes():
    assert loinc_valid("6690-2") and loinc_valid("718-7") and not loinc_valid("6690-3")
    assert is_code("6690-2") and is_code("EMO01") and is_code("0123")
    assert not is_code("Leucociti") and not is_code("5.91") and not is_code("13,5")


def test_code_column_before_the_name_is_kept_aside():
    text = ("6690-2   Leucociti   5.91   10*3/µL   4.00 - 10.00   N\n"
            "718-7    Emoglobina  13.2   g/dL      12.0 - 16.0    N\n")
    report = reportparse.parse_text(text, lang="it")
    assert [(v.name, v.value, v.unit, v.ref_low, v.ref_high, v.flag, v.code) for v in report.values] == [
        ("Leucociti", 5.91, "10*3/µL", 4.0, 10.0, None, "6690-2"),
        ("Emoglobina", 13.2, "g/dL", 12.0, 16.0, None, "718-7")]


def test_code_column_named_by_its_header():
    text = ("Codice   Esame          Risultato   U.M.    Valori di riferimento\n"
            "EMO01    Emoglobina     13,2        g/dL    12,0 - 16,0\n"
            "EMO02    Ematocrito     41,0        %       36,0 - 46,0\n")
    report = reportparse.parse_text(text, lang="it")
    assert [(v.name, v.value, v.code) for v in report.values] == [("Emoglobina", 13.2, "EMO01"),
                                                                  ("Ematocrito", 41.0, "EMO02")]
    roles = [c["role"] for c in tables(text, "it")[0]["columns"]]
    assert roles == ["code", "name", "result", "unit", "reference"]


def test_previous_result_and_its_date_are_skipped_and_footnote_kept():
    text = ("Test        Current   Previous   Date         Units      Reference\n"
            "WBC 01      6.2       5.9        03/12/2023   x10E3/uL   3.4-10.8\n"
            "RBC 01      4.62      4.50       03/12/2023   x10E6/uL   4.14-5.80\n")
    report = reportparse.parse_text(text)
    assert [(v.name, v.value, v.unit, v.ref_low, v.ref_high, v.footnote) for v in report.values] == [
        ("WBC", 6.2, "x10E3/uL", 3.4, 10.8, "01"), ("RBC", 4.62, "x10E6/uL", 4.14, 5.8, "01")]
    roles = [c["role"] for c in tables(text)[0]["columns"]]
    assert roles == ["name", "result", "previous", "date", "unit", "reference"]


def test_previous_column_and_date_read_from_content_without_header():
    text = ("WBC        6.2    5.9    03/12/2023   x10E3/uL   3.4-10.8\n"
            "RBC        4.62   4.50   03/12/2023   x10E6/uL   4.14-5.80\n"
            "Platelets  250    231    03/12/2023   x10E3/uL   150-450\n")
    assert [v[:2] for v in values(text)] == [("WBC", 6.2), ("RBC", 4.62), ("Platelets", 250.0)]
    (table,) = tables(text)
    assert table["header_line"] is None and {c["evidence"] for c in table["columns"]} == {"content"}
    assert [c["role"] for c in table["columns"]][:4] == ["name", "result", "previous", "date"]


def test_unusual_header_words_name_roles():
    text = ("Determination      Outcome    Measure unit   Expected values\n"
            "Glucose            99         mg/dL          70 - 99\n")
    roles = [c["role"] for c in tables(text)[0]["columns"]]
    assert roles == ["name", "result", "unit", "reference"]
    assert values(text) == [("Glucose", 99.0, "mg/dL", 70.0, 99.0, None)]


def test_category_columns_give_flag_and_normal_range():
    text = ("Test                 Result    Optimal     Borderline    High risk\n"
            "                               <200        200-239       >=240\n"
            "Total Cholesterol                          215\n"
            "LDL Cholesterol                95\n"
            "HDL Cholesterol                                          250\n")
    assert values(text) == [("Total Cholesterol", 215.0, None, None, 200.0, "H"),
                            ("LDL Cholesterol", 95.0, None, None, 200.0, None),
                            ("HDL Cholesterol", 250.0, None, None, 200.0, "H")]


def test_result_in_the_normal_category_column_has_no_flag():
    text = ("Analisi            Desiderabile   Limite      Alto\n"
            "Colesterolo        180\n"
            "Trigliceridi                      170\n")
    assert values(text, "it") == [("Colesterolo", 180.0, None, None, None, None),
                                  ("Trigliceridi", 170.0, None, None, None, "H")]


def test_qualitative_rows_are_not_category_headers():
    text = "Proteins        Negative   Negative\nGlucose         Positive   Negative\n"
    assert values(text) == [("Proteins", "Negative", None, None, None, None),
                            ("Glucose", "Positive", None, None, None, None)]


def test_header_on_page_one_carries_to_the_next_page():
    page = ("Test        Result   Previous   Units    Reference\n"
            "Sodium      140      150        mmol/L   135 - 145\n")
    next_page = "Potassium   4.1      5.6        mmol/L   3.5 - 5.1\nChloride    101      99         mmol/L   98 - 107\n"
    report = reportparse.parse_text(page + "\f" + next_page)
    assert [(v.name, v.value, v.page) for v in report.values] == [
        ("Sodium", 140.0, 1), ("Potassium", 4.1, 2), ("Chloride", 101.0, 2)]
    carried = [t for t in tables(page + "\f" + next_page) if t["carried"]]
    assert carried and carried[0]["page"] == 2


def test_a_long_name_running_past_its_header_stays_whole():
    text = ("Test       Result   Units    Reference\n"
            "Packed Cell Volume (PCV) (%)   41.0   %   36.0-46.0\n")
    assert [v[:2] for v in values(text)] == [("Packed Cell Volume (PCV)", 41.0)]


def test_second_unit_line_under_a_skipped_method_column():
    text = ("Esame                         Metodo                Risultato   U.M.       Valori di riferimento\n"
            "Leucociti                     Citometria a flusso   5,80        10^9/L     4,00 - 10,00\n"
            "                              Citometria a flusso   5.796       /µL        4.000 - 10.000\n")
    assert [v[:3] for v in values(text, "it")] == [("Leucociti", 5.8, "10^9/L"), ("Leucociti", 5796.0, "/µL")]


def test_merged_header_cells_are_split_into_their_roles():
    text = ("Test Name                     Latest   Previous  Date          Units Reference Range\n"
            "Neutrophils                   55.5     66.8      10/27/2015    %     40.0 to 75.0\n")
    roles = [(c["role"], c["header"]) for c in tables(text)[0]["columns"]]
    assert roles[-2:] == [("unit", "Units"), ("reference", "Reference Range")] and roles[1] == ("result", "Latest")
    assert values(text) == [("Neutrophils", 55.5, "%", 40.0, 75.0, None)]


def test_cumulative_columns_read_the_latest_date():
    text = ("Test Name            12/29/2018  09/10/2019  03/29/2020 Units      Reference Range\n"
            "Hemoglobin           12.9        16.5        14.0       g/dL       12.0-15.5\n")
    assert values(text) == [("Hemoglobin", 14.0, "g/dL", 12.0, 15.5, None)]
    roles = [c["role"] for c in tables(text)[0]["columns"]]
    assert roles == ["name", "previous", "previous", "result", "unit", "reference"]


def test_limits_printed_before_the_result_are_read_by_role():
    text = ("Esame            Min      Max      Risultato   U.M.\n"
            "Glucosio         70       100      112    H    mg/dL\n"
            "Sodio            135      145      140         mmol/L\n")
    assert values(text, "it") == [("Glucosio", 112.0, "mg/dL", 70.0, 100.0, "H"),
                                  ("Sodio", 140.0, "mmol/L", 135.0, 145.0, None)]


def test_a_code_glued_to_the_name():
    report = reportparse.parse_text("6690-2 Leucociti   5.91   10*3/µL   4.00 - 10.00\n", lang="it")
    assert [(v.name, v.value, v.code) for v in report.values] == [("Leucociti", 5.91, "6690-2")]
    text = ("Codice   Esame              Risultato   U.M.    Valori di riferimento\n"
            "EMO01    Emoglobina         13,2        g/dL    12,0 - 16,0\n"
            "EMO29 Globuli rossi         4,67        x10^12/L 4,00 - 5,20\n")
    assert [(v.name, v.code) for v in reportparse.parse_text(text, lang="it").values] == [
        ("Emoglobina", "EMO01"), ("Globuli rossi", "EMO29")]


def test_footnote_marks_under_a_header_out_of_line_with_its_rows():
    text = ("Test Name Result  Units Flag   Reference Range\n"
            "RBC 01                           4.61    mill/mm3            4.00 to 5.20\n"
            "HGB 01                           15.7 g/dL       H      12.0 to 15.5\n")
    assert [(v[0], v[1], v[5]) for v in values(text)] == [("RBC", 4.61, None), ("HGB", 15.7, "H")]


def test_limits_before_the_result_read_by_order_when_the_cells_drift():
    # Re-typed or scanned text: cells a few characters off their headers, neighbours merged into one cell.
    text = ("Esame                          Lim. inf.   Lim. sup.  Valore U.M.\n"
            "Globuli bianchi                       4.00       10,00 8,38      10^9/L\n"
            "Globuli rossi 4,50        5,90     5,43        x10^12/L\n"
            "Colesterolo totale mg/dL     < 200                   215 H\n")
    assert values(text, "it") == [("Globuli bianchi", 8.38, "10^9/L", 4.0, 10.0, None),
                                  ("Globuli rossi", 5.43, "x10^12/L", 4.5, 5.9, None),
                                  ("Colesterolo totale", 215.0, "mg/dL", None, 200.0, "H")]
    assert [c["role"] for c in tables(text, "it")[0]["columns"]] == ["name", "min", "max", "result", "unit"]


def test_list_numbers_before_names_are_not_values():
    text = ("Esame                                  Risultato    Valori di riferimento   U.M.\n"
            "1. LEUCOCITI                           4,13         da 4,00 a 10,00         x10^9/L\n"
            "12) EMOGLOBINA                         9,9 BASSO    da 13,5 a 17,5          g/dl\n")
    assert [v[:3] for v in values(text, "it")] == [("LEUCOCITI", 4.13, "x10^9/L"), ("EMOGLOBINA", 9.9, "g/dl")]
    pipe = "| Test | Result | Units |\n|---|---|---|\n| 2 - RBC | 5.43 | 10^12/L |\n"
    assert [v[:3] for v in values(pipe)] == [("RBC", 5.43, "10^12/L")]


def test_a_specimen_column_is_not_the_name():
    text = ("Esame                          Matrice         Risultato   U.M.        Valori di riferimento\n"
            "GB (Leucociti)                 Sangue intero   4,82        x10^9/L     4,00 - 10,00\n"
            "Glucosio                       Siero           95          mg/dL       70 - 100\n")
    assert [v[:3] for v in values(text, "it")] == [("GB (Leucociti)", 4.82, "x10^9/L"), ("Glucosio", 95.0, "mg/dL")]
    assert "specimen" in [c["role"] for c in tables(text, "it")[0]["columns"]]
