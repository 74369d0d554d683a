import pytest

from reportparse.grammar.flags import parse_flag
from reportparse.grammar.qualitative import is_negative, match_qualitative


@pytest.mark.parametrize(
    "text, flag",
    [("H", "H"), ("L", "L"), ("High", "H"), ("LOW", "L"), ("ALTO", "H"), ("basso", "L"), ("↑", "H"), ("↓", "L"),
     ("*", "abnormal"), ("¬", "abnormal"), ("Out of range", "abnormal"), ("HH", "H"),
     ("Above Range", "H"), ("below  range", "L"), ("Fuori range", "abnormal"), ("In Range", "N"), ("N", "N"),
     ("Nella norma", "N")],
)
def test_flags(text, flag):
    assert parse_flag(text) == flag


@pytest.mark.parametrize("text", ["Normal", "mg/dL", "Hb", "", "Range"])
def test_not_flags(text):
    assert parse_flag(text) is None


@pytest.mark.parametrize("text", ["negativo", "NEGATIVO", "assenti", "tracce", "++", "2+", "None seen", "Negative",
                                  "Not detected", "giallo paglierino", "Light Yellow"])
def test_qualitative(text):
    m = match_qualitative(text, 0)
    assert m is not None and m.end() == len(text)


def test_negative_words():
    assert is_negative("Negativo") and is_negative("None seen") and is_negative("assenti")
    assert not is_negative("Positivo") and not is_negative("++")
