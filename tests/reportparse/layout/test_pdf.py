"""Rows rebuilt from character geometry, on PDFs drawn here with reportlab."""

from __future__ import annotations

from pathlib import Path

from reportlab.pdfgen import canvas

from reportparse.layout.pdf import read_pdf
import reportparse


def _pdf(path: Path, pages: list[list[tuple[float, float, str, float]]]) -> Path:
    """pages: list of (x, y, text, size) strings."""
    c = canvas.Canvas(str(path), invariant=1)
    for strings in pages:
        for x, y, text, size in strings:
            c.setFont("Helvetica", size)
            c.drawString(x, y, text)
        c.showPage()
    c.save()
    return path


def test_columns_become_cells_on_one_line(tmp_path):
    path = _pdf(tmp_path / "a.pdf", [[(40, 700, "Emoglobina", 9), (200, 700, "13,5", 9), (260, 700, "g/dL", 9),
                                     (330, 700, "12,0 - 16,0", 9)]])
    texts, _ = read_pdf(path.read_bytes())
    assert texts[0].split() == ["Emoglobina", "13,5", "g/dL", "12,0", "-", "16,0"]
    assert "  " in texts[0].strip()  # cell gaps stay visible


def test_label_set_lower_than_its_values_stays_on_the_row(tmp_path):
    # Labels printed 2 pt below their values, as in real veterinary CBC reports.
    rows = []
    for i, (name, value) in enumerate([("MPC", "26.20"), ("PCDW", "5.1"), ("MPM", "2.36")]):
        y = 700 - i * 11
        rows += [(40, y - 2, name, 8), (110, y, value, 8), (170, y, "18,0", 8), (210, y, "26,0", 8)]
    texts, _ = read_pdf(_pdf(tmp_path / "b.pdf", [rows]).read_bytes())
    lines = [line.split() for line in texts[0].splitlines() if line.strip()]
    assert lines == [["MPC", "26.20", "18,0", "26,0"], ["PCDW", "5.1", "18,0", "26,0"], ["MPM", "2.36", "18,0", "26,0"]]


def test_two_tables_side_by_side_and_repeated_headers(tmp_path):
    header = [(200, 800, "LABORATORIO DEMO", 12), (40, 780, "Paziente: ROSSI MARIO", 9)]
    page1 = header + [(40, 700, "Glucosio", 9), (150, 700, "101", 9), (190, 700, "70", 9), (220, 700, "110", 9),
                      (300, 700, "Sodio", 9), (400, 700, "144", 9), (440, 700, "136", 9), (470, 700, "145", 9)]
    page2 = header + [(40, 700, "Potassio", 9), (150, 700, "4,6", 9), (190, 700, "3,5", 9), (220, 700, "5,1", 9)]
    path = _pdf(tmp_path / "c.pdf", [page1, page2])
    report = reportparse.parse_file(path, lang="it")
    assert [(v.name, v.value, v.page) for v in report.values] == [("Glucosio", 101.0, 1), ("Sodio", 144.0, 1),
                                                                   ("Potassio", 4.6, 2)]
    assert report.pages == 2
    assert "ROSSI" not in str(report.to_dict())


def test_spans_point_into_extract_text(tmp_path):
    path = _pdf(tmp_path / "d.pdf", [[(40, 700, "Ferritina", 9), (200, 700, "20", 9), (260, 700, "ng/mL", 9),
                                     (330, 700, "30 - 300", 9)]])
    text = reportparse.extract_text(path)
    value = reportparse.parse_file(path).values[0]
    start, end = value.span
    assert text[start:end].startswith("Ferritina") and "30 - 300" in text[start:end]
