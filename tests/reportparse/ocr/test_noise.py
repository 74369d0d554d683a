"""What OCR makes of a page read the wrong way round is noise; noise never crashes the readers."""

import pytest

import reportparse

# Lines Tesseract read from a page lying on its side, orientation detection off.
SIDEWAYS_LINES = ["                           :                      Te)", "O o ©   +", "| ; : -  2 =   Sm"]


@pytest.mark.parametrize("line", SIDEWAYS_LINES)
def test_noise_lines_give_no_values_and_no_error(line):
    report = reportparse.parse_text(line, lang="it")
    assert all(v.value is None or v.name for v in report.values)
