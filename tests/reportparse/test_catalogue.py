from importlib import resources

import pytest

from reportparse.catalogue import load_catalogue
from reportparse.grammar.units import loinc_properties
from reportparse.table.columns import loinc_valid


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
    assert len(catalogue) >= 300
    for analyte in catalogue.analytes.values():
        assert analyte.names.get("it") and analyte.names.get("en"), analyte.id


def test_loinc_codes_are_well_formed():
    codes = [a.loinc for a in load_catalogue().analytes.values() if a.loinc]
    assert len(codes) >= 280
    assert all(loinc_check_digit_ok(code) and loinc_valid(code) for code in codes)
    assert len(codes) == len(set(codes))  # one analyte per default code


def _rows(filename):
    text = resources.files("reportparse").joinpath("data", "catalogue", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


def test_ids_are_unique_and_rows_complete():
    ids = [row[0] for row in _rows("analytes.tsv")]
    assert len(ids) == len(set(ids))
    assert all(len(row) == 7 for row in _rows("analytes.tsv"))
    for lang in ("it", "en"):
        named = [row[0] for row in _rows(f"names_{lang}.tsv")]
        assert len(named) == len(set(named)), lang


@pytest.mark.parametrize("analyte", sorted(load_catalogue().analytes), ids=str)
def test_default_unit_fits_the_code_property(analyte):
    """The default unit's LOINC property is the property recorded for the default code."""
    a = load_catalogue()[analyte]
    wanted = loinc_properties(a.unit)
    if a.loinc is None or a.property is None:  # no code, or a unitless code whose property is not recorded ("-")
        assert a.loinc is None or wanted is None, analyte
        return
    if wanted is not None:
        assert a.property in wanted, (analyte, a.unit, a.property, sorted(wanted))
    else:  # a unitless default: a property no unit calls for
        assert a.unit is None or a.unit.startswith("{"), analyte


def test_codes_by_property():
    catalogue = load_catalogue()
    owner = {}
    for row in _rows("loinc_by_property.tsv"):
        analyte, prop, code = row[:3]
        a = catalogue[analyte]  # a known id
        assert loinc_check_digit_ok(code), code
        assert prop != a.property, (analyte, prop)  # another property than the default code's
        assert code not in owner and code != a.loinc, code
        owner[code] = analyte
    defaults = {a.loinc for a in catalogue.analytes.values() if a.loinc}
    assert not defaults & set(owner)  # an alternative is never another analyte's default
    props = {}
    for a in catalogue.analytes.values():
        for prop, code in a.codes.items():
            assert props.setdefault(code, prop) == prop  # one property per code
            assert catalogue.code_property(code) == prop


@pytest.mark.parametrize(
    "analyte, ucum, qualitative, expected",
    [
        ("glucose", "mg/dL", False, "2345-7"), ("glucose", "mmol/L", False, "14749-6"), ("glucose", None, False, None),
        ("creatinine", "umol/L", False, "14682-9"), ("creatinine", "mg/dL", False, "2160-0"),
        ("calcium", "meq/L", False, "2000-8"), ("hba1c", "%", False, "4548-4"), ("hba1c", "mmol/mol", False, "59261-8"),
        ("hemoglobin", "g/L", False, "718-7"), ("hemoglobin", "mmol/L", False, "59260-0"),
        ("ck_mb", "U/L", False, "32673-6"), ("ck_mb", "ng/mL", False, "13969-1"),
        ("cd4", "%", False, "8123-2"), ("cd4", "/uL", False, "24467-3"),
        ("albumin", "%", False, None),  # a fraction is no albumin concentration: no code rather than a wrong one
        ("urine_ph", "%", False, None), ("tsh", None, False, "3016-3"), ("wbc", "10*9/L", False, "6690-2"),
        ("urine_glucose", None, True, "25428-4"), ("urine_glucose", "mg/dL", True, "5792-7"),
        ("urine_glucose", None, False, None), ("hbsag", None, True, "5196-1"), ("osmolality", "mosm", False, "2692-2"),
        ("spe_gamma_pct", "%", False, "13983-2"), ("spe_gamma_pct", "g/dL", False, "2874-6"),
    ],
)
def test_code_follows_the_unit(analyte, ucum, qualitative, expected):
    assert load_catalogue()[analyte].code_for(ucum, qualitative=qualitative) == expected


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
        ("Anti-Transglutaminasi IgA", None, None, "anti_ttg_iga"),
        ("HBsAb (Anti-HBs)", None, None, "hbsab"),
        ("HBsAg", None, None, "hbsag"),
        ("Toxo Test IgG", None, None, "toxoplasma_igg"),
        ("Proteinuria delle 24 ore", None, None, "protein_urine_24h"),
        ("Free T4", None, None, "ft4"),
        ("PSA Libero", None, None, "psa_free"),
        ("Rapporto Albumina/Creatinina", None, "urine", "albumin_creatinine_ratio"),
        ("CK-MB", None, None, "ck_mb"),
    ],
)
def test_lookup(name, unit, specimen, expected):
    assert load_catalogue().lookup(name, unit=unit, specimen=specimen).id == expected


def test_unknown_names():
    assert load_catalogue().lookup("MCHC/CHCM") is None
    assert load_catalogue().lookup("Codice fiscale") is None
