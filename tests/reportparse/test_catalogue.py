import pytest

from reportparse.catalogue import load_catalogue


def loinc_check_digit_ok(code: str) -> bool:
    """LOINC's mod-10 check digit (the digit after the hyphen)."""
    body, digit = code.split("-")
    digits = body[::-1]
    odd = digits[0::2][::-1]
    even = digits[1::2][::-1]
    total = sum(int(c) for c in even + str(int(odd) * 2))
    return (10 - total % 10) % 10 == int(digit)


def test_size_and_languages():
    catalogue = load_catalogue()
    assert len(catalogue) >= 120
    for analyte in catalogue.analytes.values():
        assert analyte.names.get("it") and analyte.names.get("en"), analyte.id


def test_loinc_codes_are_well_formed():
    codes = [a.loinc for a in load_catalogue().analytes.values() if a.loinc]
    assert len(codes) >= 120
    assert all(loinc_check_digit_ok(code) for code in codes)
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize(
    "name, unit, specimen, expected",
    [
        ("Emoglobina", None, None, "hemoglobin"),
        ("HAEMOGLOBIN (HB)", None, None, "hemoglobin"),
        ("Bilirubin, Total", None, None, "bilirubin_total"),
        ("Total Bilirubin", None, None, "bilirubin_total"),
        ("P-Glucosio", "mg/dL", None, "glucose"),
        ("Sg-VES (velocità di eritrosedimentazione)", None, None, "esr"),
        ("Packed Cell Volume (PCV)", "%", None, "hematocrit"),
        ("Neutrophils", "%", None, "neutrophils_pct"),
        ("Neutrophils", "thou/mm3", None, "neutrophils_abs"),
        ("NEUTROFILI #", None, None, "neutrophils_abs"),
        ("Glucose", None, "urine", "urine_glucose"),
        ("Glucose", "mg/dL", None, "glucose"),
        ("R.B.C.", "RBC/HPF", "urine", "urine_rbc"),
        ("Interleukin - 6 (IL-6)", None, None, "il6"),
        ("GGTP", None, None, "ggt"),
        ("Rapp. Alb/Glob", None, None, "ag_ratio"),
    ],
)
def test_lookup(name, unit, specimen, expected):
    assert load_catalogue().lookup(name, unit=unit, specimen=specimen).id == expected


def test_unknown_names():
    assert load_catalogue().lookup("MCHC/CHCM") is None
    assert load_catalogue().lookup("Codice fiscale") is None
