"""Scans and photos end to end: images, multi-page TIFF, mixed PDFs, --ocr modes, and what each bad page gives."""

import json

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

import reportparse
from reportparse import OcrOptions, ReportParseError
from reportparse.cli import main
from reportparse.ocr import loader

from .scans import PAGE_IT, PAGE_IT_2, PAGE_SIZE, bomb_png, image_pdf, save_png, save_tiff

pytestmark = pytest.mark.usefixtures("tesseract")


def _expected(rows):
    return [(name, float(value.replace(",", ".")), unit) for name, value, unit, _ in rows]


def _read(report):
    return [(v.name, v.value, v.unit) for v in report.values]


def _codes(report):
    return [w.code for w in report.warnings]


@pytest.fixture(scope="module")
def png_report(page_images, tmp_path_factory):
    path = save_png(page_images[0], tmp_path_factory.mktemp("png") / "scan.png")
    return reportparse.parse_file(path, lang="it")


def test_a_scanned_table_reads_like_its_pdf(png_report):
    assert _read(png_report) == _expected(PAGE_IT)
    assert png_report.values[0].reference.low == 12.0 and png_report.values[0].ucum == "g/dL"
    assert all(0.5 < v.ocr_confidence <= 1.0 for v in png_report.values)
    assert png_report.language == "it" and png_report.pages == 1 and "W008" in _codes(png_report)
    row = png_report.to_dict()["values"][0]
    assert row["ocr_confidence"] == round(png_report.values[0].ocr_confidence, 4)


def test_spans_index_into_the_ocr_text(png_report, page_images, tmp_path):
    path = save_png(page_images[0], tmp_path / "scan.png")
    text = reportparse.extract_text(path, lang="it")
    value = png_report.values[1]
    assert "92" in text[value.span[0]:value.span[1]]


def test_multi_page_tiff(page_images, tmp_path):
    report = reportparse.parse_file(save_tiff(page_images, tmp_path / "two.tif"), lang="it")
    assert report.pages == 2 and _read(report) == _expected(PAGE_IT) + _expected(PAGE_IT_2)
    assert {v.page for v in report.values} == {1, 2}


def test_mixed_pdf_is_read_page_by_page(page_images, tmp_path):
    path = image_pdf(tmp_path / "mixed.pdf", [None, page_images[1]], text_pages={1: PAGE_IT})
    report = reportparse.parse_file(path, lang="it")
    assert _read(report) == _expected(PAGE_IT) + _expected(PAGE_IT_2)
    by_page = {page: [v.ocr_confidence for v in report.values if v.page == page] for page in (1, 2)}
    assert all(c is None for c in by_page[1]) and all(c is not None for c in by_page[2])
    assert "page(s) 2," in next(w.message for w in report.warnings if w.code == "W008")


def test_ocr_never_keeps_e006_and_refuses_images(page_images, tmp_path):
    scanned = image_pdf(tmp_path / "scanned.pdf", [page_images[0]])
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(scanned, ocr=OcrOptions(mode="never"))
    assert info.value.code == "E006"
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(save_png(page_images[0], tmp_path / "s.png"), ocr=OcrOptions(mode="never"))
    assert info.value.code == "E041"


def test_ocr_always_reads_pages_that_have_text(text_pdf):
    report = reportparse.parse_file(text_pdf, lang="it", ocr=OcrOptions(mode="always", dpi=200))
    assert _read(report) == _expected(PAGE_IT) + _expected(PAGE_IT_2)
    assert all(v.ocr_confidence is not None for v in report.values)


def test_unsure_values_are_kept_and_flagged(page_images, tmp_path):
    path = save_png(page_images[1], tmp_path / "p2.png")
    report = reportparse.parse_file(path, lang="it", ocr=OcrOptions(min_confidence=1.0))
    assert _read(report) == _expected(PAGE_IT_2)
    flagged = [w for w in report.warnings if w.code == "W006"]
    assert len(flagged) == len(report.values) and "Potassio" in flagged[0].message


def test_upside_down_page(page_images, tmp_path):
    report = reportparse.parse_file(save_png(page_images[1].rotate(180), tmp_path / "upside.png"), lang="it")
    assert _read(report) == _expected(PAGE_IT_2)
    assert "turned 180°" in next(w.message for w in report.warnings if w.code == "W008")


def test_blank_pages(page_images, tmp_path):
    white = Image.new("L", page_images[1].size, 255)
    report = reportparse.parse_file(save_tiff([page_images[1], white], tmp_path / "with_blank.tif"), lang="it")
    assert _read(report) == _expected(PAGE_IT_2) and "W007" in _codes(report)
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(save_png(white, tmp_path / "blank.png"))
    assert info.value.code == "E014"
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(image_pdf(tmp_path / "blank.pdf", [white]))
    assert info.value.code == "E014"


def test_an_image_that_is_not_a_report(tmp_path):
    pdf = tmp_path / "letter.pdf"
    c = canvas.Canvas(str(pdf), pagesize=PAGE_SIZE)
    c.setFont("Helvetica", 12)
    for i, line in enumerate(["Caro collega,", "il paziente sta bene e torna a controllo tra sei mesi.",
                              "Cordiali saluti"]):
        c.drawString(40, 250 - 22 * i, line)
    c.save()
    from .scans import rasterise

    report = reportparse.parse_file(save_png(rasterise(pdf)[0], tmp_path / "letter.png"), lang="it")
    assert report.values == () and "W001" in _codes(report)


def test_the_language_picks_the_tesseract_packs(page_images, tmp_path, monkeypatch):
    seen = []
    real = loader.recognise

    def spy(image, options, **kw):
        seen.append(options.languages)
        return real(image, options, **kw)

    monkeypatch.setattr(loader, "recognise", spy)
    path = save_png(page_images[1], tmp_path / "p.png")
    reportparse.parse_file(path, lang="it", ocr=OcrOptions(prepare=("grayscale",)))
    reportparse.parse_file(path, ocr=OcrOptions(prepare=("grayscale",)))
    assert seen == [("ita",), ("ita", "eng")]


def test_a_batch_goes_on_past_bad_images(page_images, tmp_path, capsys):
    good = save_png(page_images[1], tmp_path / "good.png")
    corrupt = tmp_path / "corrupt.tif"
    corrupt.write_bytes(b"II*\x00" + b"\x00" * 100)
    bomb = bomb_png(tmp_path / "bomb.png")
    tiny = save_png(Image.new("L", (1, 1), 255), tmp_path / "tiny.png")
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(good), str(corrupt), str(bomb), str(tiny), "--lang", "it", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert "parsed 1 of 4" in err
    for name, code in (("corrupt.tif", "E039"), ("bomb.png", "E037"), ("tiny.png", "E038")):
        assert f"skipped {tmp_path / name}: [{code}]" in err
    (line,) = out.read_text().splitlines()
    assert json.loads(line)["values"][0]["ocr_confidence"] > 0.5


def test_cli_ocr_never_and_bad_settings(page_images, tmp_path, capsys):
    scanned = image_pdf(tmp_path / "scanned.pdf", [page_images[0]])
    assert main(["parse", str(scanned), "--ocr", "never"]) == 1
    assert "[E006]" in capsys.readouterr().err
    assert main(["parse", str(scanned), "--ocr-dpi", "5"]) == 2
    assert "[E040]" in capsys.readouterr().err
