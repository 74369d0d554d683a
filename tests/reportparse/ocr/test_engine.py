"""Tesseract missing, a language pack missing, a page that hangs or fails: coded errors, never tracebacks."""

import stat

import pytest

import reportparse
from reportparse import OcrOptions, ReportParseError
from reportparse.ocr import engine

from .scans import save_png


def _fake_tesseract(tmp_path, body: str):
    """A stand-in program: lists both packs, then runs ``body`` for a page."""
    path = tmp_path / "tesseract"
    path.write_text("#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of langs\\neng\\nita\\nosd\\n'; "
                    f"exit 0; fi\ncat > /dev/null\n{body}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def _code(path, **options):
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(path, ocr=OcrOptions(**options))
    return info.value.code, str(info.value)


def test_missing_tesseract_names_the_packages(page_images, tmp_path):
    scan = save_png(page_images[0], tmp_path / "scan.png")
    code, message = _code(scan, tesseract=str(tmp_path / "no" / "tesseract"))
    assert code == "E034" and "apt-get install tesseract-ocr tesseract-ocr-ita tesseract-ocr-eng" in message


def test_a_native_pdf_needs_no_tesseract(text_pdf, tmp_path):
    report = reportparse.parse_file(text_pdf, ocr=OcrOptions(tesseract=str(tmp_path / "none")))
    assert len(report.values) == 8 and all(v.ocr_confidence is None for v in report.values)


def test_a_native_pdf_with_a_nearly_empty_page_needs_no_tesseract(tmp_path):
    from reportlab.pdfgen import canvas

    from .scans import PAGE_SIZE, draw_table

    pdf = tmp_path / "two_pages.pdf"
    c = canvas.Canvas(str(pdf), pagesize=PAGE_SIZE, invariant=1)
    draw_table(c, [("Emoglobina", "13,5", "g/dL", "12,0 - 16,0")])
    c.showPage()
    c.setFont("Helvetica", 9)
    c.drawString(40, 40, "Pag. 2/2")  # a few glyphs: read by OCR when Tesseract is there, as text when it is not
    c.showPage()
    c.save()
    report = reportparse.parse_file(pdf, ocr=OcrOptions(tesseract=str(tmp_path / "none")))
    assert [(v.name, v.value) for v in report.values] == [("Emoglobina", 13.5)]


def test_missing_language_pack(page_images, tmp_path, monkeypatch):
    monkeypatch.setattr(engine, "_installed_languages", lambda program: frozenset({"eng", "osd"}))
    code, message = _code(save_png(page_images[0], tmp_path / "scan.png"), lang="auto")
    assert code == "E035" and "tesseract-ocr-ita" in message and "ita+eng" in message
    engine.check_engine(OcrOptions(lang="en"))  # an English parse needs only eng (and osd)


def test_helper_packs_are_added_only_when_installed(monkeypatch):
    monkeypatch.setattr(engine, "_installed_languages", lambda program: frozenset({"eng", "ita", "osd"}))
    assert engine.reading_languages(OcrOptions(lang="it")) == ("ita", "eng")
    assert engine.reading_languages(OcrOptions(lang="en", helper_packs=False)) == ("eng",)
    monkeypatch.setattr(engine, "_installed_languages", lambda program: frozenset({"ita", "osd"}))
    assert engine.reading_languages(OcrOptions(lang="it")) == ("ita",)
    engine.check_engine(OcrOptions(lang="it"))  # a helper pack is never required


def test_a_hanging_page_is_stopped(page_images, tmp_path):
    program = _fake_tesseract(tmp_path, "sleep 5")
    code, message = _code(save_png(page_images[0], tmp_path / "scan.png"), tesseract=program, timeout=0.5,
                          prepare=("grayscale",))
    assert code == "E036" and "page 1" in message and "0.5 s" in message


def test_a_failing_run_shows_tesseract_s_message(page_images, tmp_path):
    program = _fake_tesseract(tmp_path, "echo 'Error in pixReadMem: bad data' >&2; exit 1")
    code, message = _code(save_png(page_images[0], tmp_path / "scan.png"), tesseract=program,
                          prepare=("grayscale",))
    assert code == "E036" and "pixReadMem" in message


def test_thread_limit_is_passed(page_images, tmp_path):
    program = _fake_tesseract(tmp_path, f"echo \"$OMP_THREAD_LIMIT\" > {tmp_path}/threads; exit 1")
    _code(save_png(page_images[0], tmp_path / "scan.png"), tesseract=program, prepare=(), threads=1)
    assert (tmp_path / "threads").read_text().strip() == "1"
