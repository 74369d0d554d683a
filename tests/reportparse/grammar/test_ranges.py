import pytest

from reportparse.grammar.ranges import Bound, parse_reference


@pytest.mark.parametrize(
    "text, low, high",
    [
        ("12,0 - 16,0", 12.0, 16.0),
        ("12,0-16,0", 12.0, 16.0),
        ("4,00 ÷ 9,50", 4.0, 9.5),
        ("da 3 a 5", 3.0, 5.0),
        ("13 to 18 gm/dl", 13.0, 18.0),
        ("[2,85 - 7,85]", 2.85, 7.85),
        ("(15 - 43]", 15.0, 43.0),  # OCR kept a wrong bracket
        ("fino a 40", None, 40.0),
        ("Up to 4.4 pg/ml", None, 4.4),
        ("Upto 20 mm/1 hour", None, 20.0),
        ("< 0,5", None, 0.5),
        ("<= 5", None, 5.0),
        ("< or = 200", None, 200.0),
        ("inf. a 5", None, 5.0),
        ("inferiore a 5", None, 5.0),
        ("[< 5,18]", None, 5.18),
        ("> 27", 27.0, None),
        (">59 mL/min/1.73", 59.0, None),
        ("sup. a 60", 60.0, None),
        (">= 90", 90.0, None),
        ("Normal: >= 90 Mild decrease: 60 - 89 Kidney failure: < 15", 90.0, None),
    ],
)
def test_bounds(text, low, high):
    bound, _ = parse_reference(text, decimal=",")
    assert bound == Bound(low, high)


@pytest.mark.parametrize("text", ["Negative", "Negativo", "assenti", "Pale yellow", "vedi nota", ""])
def test_no_bounds(text):
    assert parse_reference(text, decimal=",")[0] is None


@pytest.mark.parametrize(
    "text, sex, low, high",
    [
        ("M: 13,5-17,5 F: 12,0-15,5", "M", 13.5, 17.5),
        ("M: 13,5-17,5 F: 12,0-15,5", "F", 12.0, 15.5),
        ("Uomini 13,0 - 17,0 / Donne 12,0 - 16,0", "F", 12.0, 16.0),
        ("Male 13.5 - 17.5; Female 12.0 - 15.5", "F", 12.0, 15.5),
        ("Male 13.5 - 17.5; Female 12.0 - 15.5", "M", 13.5, 17.5),
    ],
)
def test_sex_specific(text, sex, low, high):
    assert parse_reference(text, decimal=",", sex=sex)[0] == Bound(low, high)


def test_sex_specific_without_sex_is_not_guessed():
    assert parse_reference("M: 13,5-17,5 F: 12,0-15,5", decimal=",")[0] is None


def test_unit_inside_reference_and_choice_by_unit():
    assert parse_reference("13 to 18 gm/dl", decimal=".")[1] == "gm/dl"
    bound, unit = parse_reference("3,3-5,5 mmol/L (60-99 mg/dL)", decimal=",", unit="mg/dL")
    assert (bound, unit) == (Bound(60.0, 99.0), "mg/dL")
