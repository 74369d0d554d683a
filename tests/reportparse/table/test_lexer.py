import pytest

from reportparse.table.lexer import lex


def kinds(text, decimal="."):
    return [(i.kind, i.text) for i in lex(text, 0, len(text), decimal)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("26 mg/dL", [("NUM", "26"), ("UNIT", "mg/dL")]),
        ("46.1%", [("NUM", "46.1"), ("UNIT", "%")]),
        ("10,0mg/dl", [("NUM", "10,0"), ("UNIT", "mg/dl")]),
        ("4,97 10^9/L", [("NUM", "4,97"), ("UNIT", "10^9/L")]),
        ("6-24 mg/dL", [("RANGE", "6-24"), ("UNIT", "mg/dL")]),
        ("37.5-51.0%", [("RANGE", "37.5-51.0"), ("UNIT", "%")]),
        ("< 0,5", [("CMP", "< 0,5")]),
        ("inferiore a 5", [("CMP", "inferiore a 5")]),
        ("Upto 4.4 pg/ml", [("CMP", "Upto 4.4"), ("UNIT", "pg/ml")]),
        ("NEGATIVO", [("QUAL", "NEGATIVO")]),
        ("2+", [("QUAL", "2+")]),
        ("14.2 H", [("NUM", "14.2"), ("FLAG", "H")]),
        ("14.2H", [("NUM", "14.2"), ("FLAG", "H")]),
        ("30,01¬", [("NUM", "30,01"), ("FLAG", "¬")]),
        ("3/7/2023 8:14:00AM", [("DATE", "3/7/2023"), ("DATE", "8:14:00AM")]),
        ("0-5 WBC / hpf", [("RANGE", "0-5"), ("UNIT", "WBC / hpf")]),
        ("mm/1 hour", [("UNIT", "mm/1 hour")]),
        # Numbers that belong to a name stay text.
        ("25-OH Vitamin D", [("TEXT", "25-OH Vitamin D")]),
        ("alfa-1", [("TEXT", "alfa-1")]),
        ("Vitamin B12", [("TEXT", "Vitamin B12")]),
        ("Corpi di H-Jolly", [("TEXT", "Corpi di H-Jolly")]),
        ("L/L", [("UNIT", "L/L")]),
    ],
)
def test_lex(text, expected):
    assert kinds(text, "," if "," in text else ".") == expected
