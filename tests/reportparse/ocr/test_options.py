"""OcrOptions: a typed config whose bad values are coded errors."""

import pytest

from reportparse import OcrOptions, ReportParseError
from reportparse.ocr.options import DEFAULT_STEPS
from reportparse.ocr.prepare import STEPS


def test_defaults_and_languages():
    options = OcrOptions()
    assert (options.mode, options.dpi, options.psm, options.prepare) == ("auto", 300, 6, DEFAULT_STEPS)
    assert options.languages == ("ita", "eng")
    assert OcrOptions(lang="it").languages == ("ita",) and OcrOptions(lang="en").languages == ("eng",)
    assert set(DEFAULT_STEPS) <= set(STEPS)


def test_the_parse_language_picks_the_packs_unless_set():
    assert OcrOptions().for_language("en").languages == ("eng",)
    assert OcrOptions().for_language("auto").languages == ("ita", "eng")
    assert OcrOptions(lang="it").for_language("en").languages == ("ita",)


def test_to_dict_round_trips():
    options = OcrOptions(mode="always", dpi=200, prepare=("grayscale",))
    assert OcrOptions(**options.to_dict()) == options


@pytest.mark.parametrize("change, name", [
    ({"mode": "sometimes"}, "mode"), ({"dpi": 20}, "dpi"), ({"dpi": 300.5}, "dpi"), ({"psm": 0}, "psm"),
    ({"prepare": ("grayscale", "sharpen")}, "prepare"), ({"min_confidence": 1.5}, "min_confidence"),
    ({"timeout": 0}, "timeout"), ({"max_pixels": 10}, "max_pixels"), ({"lang": "fr"}, "lang"),
])
def test_bad_settings_are_coded_errors(change, name):
    with pytest.raises(ReportParseError) as info:
        OcrOptions(**change)
    assert info.value.code == "E040" and name in str(info.value)
