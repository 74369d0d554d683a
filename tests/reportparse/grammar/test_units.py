import pytest

from reportparse.grammar.units import UNITS


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
