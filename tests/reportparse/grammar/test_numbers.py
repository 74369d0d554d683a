import pytest

from reportparse.grammar.numbers import detect_decimal_mark, parse_number


@pytest.mark.parametrize(
    "text, decimal, expected",
    [
        ("12,5", None, 12.5),
        ("12.5", None, 12.5),
        ("0,446", ",", 0.446),
        ("250.000", ",", 250000.0),  # Italian thousands
        ("250.000", ".", 250.0),
        ("1.010", ".", 1.01),  # specific gravity in an English report
        ("26 297", None, 26297.0),  # space as thousands separator
        ("26\u202f297", None, 26297.0),
        ("1,234.5", None, 1234.5),
        ("1.234,5", None, 1234.5),
        ("1,234", ".", 1234.0),
        ("1.234.567", None, 1234567.0),
        ("-3", None, -3.0),
        ("−2,5", None, -2.5),
        (".5", None, 0.5),
        ("0.125", ",", 0.125),  # a leading zero is never a thousands group
    ],
)
def test_parse_number(text, decimal, expected):
    assert parse_number(text, decimal) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["abc", "12a", "1-2", "", "12,", "3/4", "10^3"])
def test_not_numbers(text):
    assert parse_number(text) is None


def test_detect_decimal_mark():
    assert detect_decimal_mark("Emoglobina 13,5 g/dL  12,0 - 16,0") == ","
    assert detect_decimal_mark("Hemoglobin 13.5 g/dL 12.0 - 16.0", default=",") == "."
    assert detect_decimal_mark("Platelets 250.000", default=",") == ","  # ambiguous: keep the default
