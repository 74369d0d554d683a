"""Every bad input gives a coded, actionable error (never a traceback from inside pdfminer)."""

from __future__ import annotations

import os

import pytest
from PIL import Image
from reportlab.pdfgen import canvas

import reportparse
from reportparse import ReportParseError


def _good_pdf(path):
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(40, 700, "Emoglobina")
    c.drawString(200, 700, "13,5")
    c.drawString(260, 700, "g/dL")
    c.drawString(330, 700, "12,0 - 16,0")
    c.save()
    return path


def _code(path, **options):
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_file(path, **options)
    message = str(info.value)
    assert message.startswith(f"[{info.value.code}]") and len(message) > 40
    return info.value.code, message


def test_missing_file(tmp_path):
    assert _code(tmp_path / "nope.pdf")[0] == "E001"


def test_folder_is_not_a_file(tmp_path):
    assert _code(tmp_path)[0] == "E010"


def test_not_a_pdf(tmp_path):
    path = tmp_path / "x.pdf"
    path.write_bytes(os.urandom(2048).replace(b"%", b"x"))
    code, message = _code(path)
    assert code == "E002" and "parse_text" in message


def test_encrypted_pdf(tmp_path):
    path = tmp_path / "locked.pdf"
    c = canvas.Canvas(str(path), encrypt="secret")
    c.drawString(40, 700, "Emoglobina 13,5 g/dL")
    c.save()
    code, message = _code(path)
    assert code == "E003" and "qpdf --decrypt" in message


def test_damaged_pdf(tmp_path):
    path = tmp_path / "damaged.pdf"
    path.write_bytes(b"%PDF-1.4\n" + b"\x13garbage" * 300)
    assert _code(path)[0] == "E004"


def test_truncated_pdf(tmp_path):
    data = _good_pdf(tmp_path / "good.pdf").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[: len(data) // 3])
    code, _ = _code(path)
    assert code in ("E004", "E005")


def test_scanned_pdf(tmp_path):
    image = tmp_path / "scan.png"
    Image.new("RGB", (120, 60), "white").save(image)
    path = tmp_path / "scanned.pdf"
    c = canvas.Canvas(str(path))
    c.drawImage(str(image), 40, 600, 240, 120)
    c.save()
    code, message = _code(path, ocr=reportparse.OcrOptions(mode="never"))  # OCR reads scans by default (issue 11)
    assert code == "E006" and "OCR" in message


def test_blank_pdf(tmp_path):
    path = tmp_path / "blank.pdf"
    c = canvas.Canvas(str(path))
    c.showPage()
    c.save()
    assert _code(path)[0] == "E014"


@pytest.mark.parametrize("content", [b"", b"   \n\n "])
def test_empty_files(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    assert _code(path)[0] == "E007"


def test_binary_garbage_text(tmp_path):
    path = tmp_path / "garbage.txt"
    path.write_bytes(bytes(range(256)) * 20)
    assert _code(path)[0] == "E008"


def test_text_that_is_not_a_report_warns(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Dear colleague, the patient is well. Regards.")
    report = reportparse.parse_file(path)
    assert report.values == () and [w.code for w in report.warnings] == ["W001"]


def test_unknown_unit_warns():
    report = reportparse.parse_text("Emoglobina   13,5   g/dLx/y   12,0 - 16,0", lang="it")
    value = report.values[0]
    assert value.unit == "g/dLx/y" and value.ucum is None
    assert [w.code for w in report.warnings] == ["W002"]


def test_unknown_language():
    with pytest.raises(ReportParseError) as info:
        reportparse.parse_text("x", lang="fr")
    assert info.value.code == "E009"


def test_latin1_text_file_is_decoded(tmp_path):
    path = tmp_path / "old.txt"
    path.write_bytes("Velocità di eritrosedimentazione   12   mm/h   0 - 20\n".encode("cp1252"))
    assert reportparse.parse_file(path, lang="it").values[0].name.startswith("Velocità")


def test_report_parse_error_is_a_coded_dermalab_value_error():
    error = ReportParseError(reportparse.Errors.E009, lang="fr")
    assert isinstance(error, reportparse.DermalabError) and isinstance(error, ValueError)
    assert (error.code, error.fields) == ("E009", {"lang": "fr"})
    assert error.message == "Unknown language 'fr': use 'auto', 'it' or 'en'."
    assert str(error) == f"[E009] {error.message}" == error.args[0]


def test_dermalab_error_prints_its_code():
    error = reportparse.DermalabError("something to fix", code="X999")
    assert (error.code, error.message, str(error)) == ("X999", "something to fix", "[X999] something to fix")
    rebuilt = reportparse.DermalabError("only text")  # as unpickling or a DataLoader worker rebuilds it
    assert (rebuilt.code, str(rebuilt)) == (None, "only text")
