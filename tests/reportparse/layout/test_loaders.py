"""The loader registry and the page model every input kind shares."""

import reportparse
from reportparse.layout import LOADERS, load_document, register_loader, report_suffixes
from reportparse.layout.loaders import text_pages
from reportparse.layout.page import Document


def test_builtin_loaders_and_suffixes():
    assert {"pdf", "text", "markdown"} <= set(LOADERS)
    assert {".pdf", ".txt", ".md"} <= report_suffixes()


def test_text_pages_place_words_on_columns_and_lines():
    (page, second) = text_pages("Emoglobina   13,5   g/dL\n  Ferro  80\fSodio 140")
    assert page.unit == "char" and second.number == 2
    assert [(w.text, w.x0, w.top) for w in page.words] == [
        ("Emoglobina", 0, 0), ("13,5", 13, 0), ("g/dL", 20, 0), ("Ferro", 2, 1), ("80", 9, 1)]


def test_pdf_pages_keep_word_boxes(samples_dir):
    document = load_document(samples_dir / "raw" / "en01_flags_wrapped.pdf")
    assert document.kind == "pdf" and len(document.layout) == document.pages
    page = document.layout[0]
    assert page.width > 500 and page.height > 700 and page.words
    # Words are in the rendered text, top-down, inside the page.
    assert all(0 <= w.top < w.bottom <= page.height and 0 <= w.x0 < w.x1 <= page.width for w in page.words)
    assert all(w.text in document.text for w in page.words[:50])


def test_a_registered_loader_is_picked_by_suffix(tmp_path):
    @register_loader("semicolon", suffixes=(".scsv",))
    def load_scsv(data, source, params):
        text = data.decode().replace(";", "   ")
        return Document(text, 1, "semicolon", text_pages(text))

    try:
        path = tmp_path / "r.scsv"
        path.write_text("Sodium;140;mmol/L;135 - 145\n")
        report = reportparse.parse_file(path, lang="en")
        assert [(v.name, v.value, v.ref_high) for v in report.values] == [("Sodium", 140.0, 145.0)]
    finally:
        LOADERS.pop("semicolon")


def test_a_pdf_is_read_as_pdf_whatever_its_name(tmp_path, samples_dir):
    path = tmp_path / "report.txt"
    path.write_bytes((samples_dir / "raw" / "en01_flags_wrapped.pdf").read_bytes())
    assert load_document(path).kind == "pdf"
