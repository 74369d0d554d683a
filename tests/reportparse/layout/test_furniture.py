"""Page furniture (letterheads, patient boxes, footers) never becomes a value, and ids never reach the output."""

import json

import pytest

import reportparse
from reportparse.layout.furniture import find_furniture, identifier_kind, nhs_number_valid
from reportparse.table.lines import split_lines


def test_nhs_check_digit():
    assert nhs_number_valid("943 476 5919") and nhs_number_valid("4010232137")
    assert not nhs_number_valid("943 476 5910") and not nhs_number_valid("12345")


@pytest.mark.parametrize(
    "line, kind",
    [
        ("ROSSI, Mario Luigi - NHS 943 476 5910 - B25.0419876", "id_label"),
        ("Patient: DOE Jane    NHS No: 401 023 2137", "nhs_number"),
        ("Codice fiscale RSSMRA85T10A562S", "codice_fiscale"),
        ("Tel. 02 5555 1234   info@lab-demo.it", "email"),
        ("Via Roma 12, 20100 Milano", "address"),
        ("SMITH, John    Ward 7", "person_comma"),
        ("Page 2 of 3", "id_label"),
    ],
)
def test_identifiers(line, kind):
    assert identifier_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    ["Sodium   140   mmol/L   135 - 145", "pH   6.1   5.0 to 8.0", "Platelets   250   10^3/uL   150 - 400",
     "PROTEIN, Total   7.1   g/dL   6.0 - 8.3", "Emoglobina   13,5   g/dL   12,0 - 16,0"],
)
def test_lab_rows_carry_no_identifier(line):
    assert identifier_kind(line) is None


FOOTER = "ROSSI, Mario Luigi - NHS 943 476 5910 - B25.0419876"


def test_footer_is_not_a_value_and_no_identifier_leaks():
    text = f"Sodium   140   mmol/L   135 - 145\n{FOOTER}\n"
    report = reportparse.parse_text(text, lang="en")
    assert [(v.name, v.value) for v in report.values] == [("Sodium", 140.0)]
    dump = json.dumps(report.to_dict())
    for needle in ("ROSSI", "943", "5910", "B25.0419876"):
        assert needle not in dump


def test_lines_repeated_on_every_page_are_furniture():
    page = "Demo Clinic Laboratory - Ward 12 - printed 03/05/2024\nGlucose   95   mg/dL   70 - 99\n"
    lines = split_lines(page + "\f" + page.replace("95", "101") + "\f" + page.replace("95", "88"))
    furniture = find_furniture(lines)
    repeated = [i for i, why in furniture.items() if why == "repeated"]
    assert [lines[i].text.split()[0] for i in repeated] == ["Demo", "Demo", "Demo"]


@pytest.mark.parametrize(
    "lang, text",
    [
        ("it", "Gentile dottore, le invio i referti del paziente di 54 anni, ricoverato il 12/03/2024 per 3 giorni."),
        ("en", "Dear Dr Smith, thank you for seeing this 54 year old man. He was admitted on 12/03/2024 for 3 days."),
        ("it", "Paziente: ROSSI MARIO   Nato il: 12/05/1960   Sesso: M   Età: 63 anni"),
        ("en", "Patient: DOE, Jane   DOB: 12/05/1960   MRN: 40210377   Ward 12 Bed 4"),
        ("it", "Via Roma 12, 20100 Milano - Tel. 02 5555 1234 - P.IVA 01234567890"),
        ("en", "Page 2 of 3                                   Printed 03/04/2024 10:22"),
        ("en", "Referring physician: Dr A. Patel    Report status: Final    Lab No. 445729016"),
        ("it", "Accettazione n. 2024/000123   Data prelievo 12/03/2024 ore 08:15"),
        ("en", "LDL cholesterol treatment goals:\nLow risk                 < 116 mg/dL\nModerate risk            < 100 mg/dL"),
        ("it", "Metodo: enzimatico colorimetrico (Roche Cobas 8000)"),
        ("it", "Firma del medico responsabile: Dott. G. Bianchi - Iscrizione Albo n. 12345"),
        ("en", "NHS Number: 401 023 2137   Hospital No: RX1935790"),
    ],
)
def test_letters_patient_boxes_and_page_furniture_yield_nothing(lang, text):
    assert reportparse.parse_text(text, lang=lang).values == ()
