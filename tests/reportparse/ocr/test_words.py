"""Tesseract TSV to words in points, confidences back onto text spans, misread units put back."""

import pytest

from reportparse.layout.page import Document, Word
from reportparse.layout.render import render_words
from reportparse.ocr.loader import OcrPage
from reportparse.ocr.repair import repair_unit
from reportparse.ocr.words import WordSpans, page_of_words, tsv_words, word_spans

HEADER = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
TSV = "\n".join([
    HEADER,
    "1\t1\t0\t0\t0\t0\t0\t0\t1200\t600\t-1\t",
    "4\t1\t1\t1\t1\t0\t100\t100\t700\t40\t-1\t",
    "5\t1\t1\t1\t1\t1\t100\t100\t240\t40\t96.5\tEmoglobina",
    "5\t1\t1\t1\t1\t2\t500\t102\t80\t36\t41.0\t13,5",
    "5\t1\t1\t1\t1\t3\t700\t100\t100\t40\t90\tg/dL",
    "5\t1\t1\t1\t1\t4\t900\t100\t10\t40\t95\t ",
    "5\t1\t1\t1\t1\t5\t950\t100\t10\t40\t-1\tx",
])


def test_tsv_rows_become_words_in_points():
    words = tsv_words(TSV, dpi=144)  # 2 pixels a point
    assert [w.text for w in words] == ["Emoglobina", "13,5", "g/dL"]  # empty and conf -1 rows left out
    hb = words[0]
    assert (hb.x0, hb.x1, hb.top, hb.bottom) == (50.0, 170.0, 50.0, 70.0)
    assert hb.confidence == pytest.approx(0.965) and words[1].confidence == pytest.approx(0.41)
    assert all(w.size > w.height for w in words)  # a font size, larger than the ink box


def test_tsv_without_words():
    assert tsv_words(HEADER + "\n", 300) == [] and tsv_words("", 300) == []


def test_confidences_map_back_onto_text_spans():
    words = tsv_words(TSV, dpi=144)
    lines = render_words(words)
    text = "\n".join(t for t, _ in lines)
    page = page_of_words(1, 1200, 600, 144, [w for _, row in lines for w in row])
    spans = word_spans(Document(text, 1, "image", (page,)))
    start = text.index("13,5")
    assert spans.lowest((start, start + 4)) == pytest.approx(0.41)
    assert spans.lowest((start, start + 4), (text.index("g/dL"), len(text))) == pytest.approx(0.41)
    assert spans.lowest((text.index("g/dL"), len(text))) == pytest.approx(0.90)
    assert spans.lowest((0, 1)) is None and spans.lowest(None) is None


def test_text_layers_have_no_word_spans():
    document = Document("Sodio 140", 1, "text", (page_of_words(1, 10, 10, 72, [Word("Sodio", 0, 5, 0, 1)]),))
    assert not word_spans(document) and WordSpans().lowest((0, 5)) is None


def test_a_blank_page_keeps_its_place():
    page = OcrPage("", page_of_words(2, 100, 100, 72, []), blank=True)
    assert page.page.number == 2 and page.page.words == ()


@pytest.mark.parametrize("read, meant", [
    ("1073/uL", "10^3/uL"), ("x10%6/uL", "x10^6/uL"), ("£L", "fL"), ("1073/1L", "10^3/uL"),
    ("mmol/lL", "mmol/L"), ("ulU/mL", "uIU/mL"), ("/Imm3", "/mm3"), ("Xx10°%6/UL", "x10^6/UL"),
    ("x1043/ul", "x10^3/ul"), ("x1043/pl", "x10^3/ul"), ("x10^6/pl", "x10^6/ul"),  # a real report's scan
    ("/pL", "/uL"), ("x1073/HL", "x10^3/uL"), ("mL/min/1.73m", "mL/min/1.73m²"),
    # one glyph edit (bench_ocr's clean and moderate scans): a look-alike, or a speck read as a character
    ("U/I", "U/l"), ("U/1", "U/l"), ("mEg/L", "mEq/L"), ("x10^3/4L", "x10^3/µL"), ("ywIU/mL", "µIU/mL"),
    ("pg/mI", "pg/ml"), ("«g/l", "g/l"), ("x1l0E6/uL", "x10E6/uL"), ("10^3/4UL", "10^3/UL"),
    ("x10%3/4L", "x10^3/µL"), ("mL/min/1.73m?", "mL/min/1.73m²"),
])
def test_misread_units_are_put_back(read, meant):
    assert repair_unit(read) == meant


@pytest.mark.parametrize("text", ["mg/dL", "pmol/L", "pg/mL", "12/03/2024", "Emoglobina", "13,5", "Hb/dL", "1000/uL",
                                  "mm/1", "A/G", "N/A", "S/CO"])  # "mm/1" of "mm/1 hour" is no millimetre per litre
def test_units_names_and_numbers_stay(text):
    assert repair_unit(text) == text


def test_the_repair_module_imports_on_its_own():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import reportparse.ocr.repair"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
