import pytest

from reportparse.grammar.units import UNITS, loinc_properties


@pytest.mark.parametrize(
    "printed, ucum",
    [
        ("mg/dl", "mg/dL"), ("mg/dL", "mg/dL"), ("g/L", "g/L"), ("gm/dl", "g/dL"),
        ("UI/L", "[IU]/L"), ("IU/L", "[IU]/L"), ("U/L", "U/L"),
        ("µUI/mL", "u[IU]/mL"), ("uIU/mL", "u[IU]/mL"), ("μIU/mL", "u[IU]/mL"),
        ("mcg/dL", "ug/dL"), ("µg/dl", "ug/dL"), ("ug/L", "ug/L"),
        ("µmol/L", "umol/L"), ("mmol/L", "mmol/L"), ("mEq/L", "meq/L"),
        ("10^3/µL", "10*3/uL"), ("x10E3/uL", "10*3/uL"), ("x10^3/μl", "10*3/uL"), ("10^3 / µL", "10*3/uL"),
        ("10^9/L", "10*9/L"), ("10^12/L", "10*12/L"), ("x10E6/uL", "10*6/uL"), ("1000/µl", "10*3/uL"),
        ("mill/mm3", "10*6/mm3"), ("million/cumm", "10*6/mm3"), ("thou/mm3", "10*3/mm3"), ("mill/cu.mm", "10*6/mm3"),
        ("/cumm", "/mm3"), ("/µl", "/uL"),
        ("mm/1 hour", "mm/h"), ("mm/hr", "mm/h"), ("mm/h", "mm/h"), ("mm/1a ora", "mm/h"),
        ("mL/min/1.73m2", "mL/min/{1.73_m2}"), ("mL/min/1,73m2", "mL/min/{1.73_m2}"),
        ("%", "%"), ("fL", "fL"), ("fl", "fL"), ("pg", "pg"), ("L/L", "L/L"),
        ("RBC/HPF", "/[HPF]"), ("WBC / hpf", "/[HPF]"), ("/100 WBC", "/100{WBCs}"),
        ("mOsm", "mosm"), ("ng/ml", "ng/mL"), ("pg/ml", "pg/mL"), ("kU/L", "kU/L"),
        ("g/100 mL", "g/(100.mL)"),
    ],
)
def test_ucum(printed, ucum):
    assert UNITS.ucum(printed) == ucum


@pytest.mark.parametrize("text", ["Negative", "Light", "High", "Yellow", "Years", "anni", "pH", "INR", "31/1", "", None,
                                  "10^3/4uL"])  # a denominator is counted in powers of ten: "4uL" is a misread µL
def test_not_units(text):
    assert UNITS.ucum(text) is None


@pytest.mark.parametrize("printed, ucum", [("mmHg", "mm[Hg]"), ("copies/mL", "{copies}/mL"),
                                           ("GPLU/mL", "[GPL'U]/mL"), ("ng/mL FEU", "ng/mL"), ("mmol/mol", "mmol/mol"),
                                           ("mg/g creat", "mg/g{creat}")])
def test_more_ucum(printed, ucum):
    assert UNITS.ucum(printed) == ucum


def test_sample_and_catalogue_units_are_canonical():
    """Every unit printed in the bundled samples has a UCUM form, and every catalogue unit is one pint reads."""
    import json
    from pathlib import Path

    from reportparse.catalogue import load_catalogue
    from reportparse.grammar.convert import to_pint

    gold = Path(__file__).resolve().parents[3] / "corpora" / "samples" / "reports" / "gold"
    values = [v for f in gold.glob("*.json") for v in json.loads(f.read_text("utf-8"))["values"]]
    printed = {v["unit"] for v in values if v.get("unit")}
    assert printed and all(UNITS.ucum(u) for u in printed), sorted(u for u in printed if not UNITS.ucum(u))
    for analyte in load_catalogue().analytes.values():
        if analyte.unit and analyte.unit != "[pH]":
            assert to_pint(analyte.unit), analyte.id


@pytest.mark.parametrize(
    "ucum, properties",
    [
        ("mg/dL", {"MCnc"}), ("g/L", {"MCnc"}), ("mmol/L", {"SCnc"}), ("meq/L", {"SCnc"}), ("umol/L", {"SCnc"}),
        ("U/L", {"CCnc", "ACnc"}), ("u[IU]/mL", {"ACnc", "CCnc"}), ("10*3/uL", {"NCnc"}), ("/uL", {"NCnc"}),
        ("10*9/L", {"NCnc"}), ("/[HPF]", {"Naric"}), ("%", {"NFr", "VFr", "MFr", "Ratio"}), ("L/L", {"VFr"}),
        ("mmol/mol", {"SFr", "SRto"}), ("fL", {"EntVol"}), ("pg", {"EntMass"}), ("mm/h", {"Vel"}), ("s", {"Time"}),
        ("mg/(24.h)", {"MRat"}), ("mL/min", {"VRat"}), ("mg/g{creat}", {"MRto"}), ("mosm/kg", {"Osmol"}),
        ("mL/min/{1.73_m2}", {"ArVRat"}), ("mg/mmol", set()),
    ],
)
def test_loinc_properties(ucum, properties):
    assert loinc_properties(ucum) == frozenset(properties)


@pytest.mark.parametrize("ucum", [None, "", "{ratio}", "{index}", "mosm", "[ppth]"])
def test_loinc_properties_untold(ucum):
    assert loinc_properties(ucum) is None
