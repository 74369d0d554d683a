"""The two PDF engines (pdfminer, pdfium): the same values everywhere, the fallback, and hostile files.

Values are compared without their spans: a span indexes the engine's own rendered text, and the texts may differ
by a space where pdfium's whole-thousandth glyph widths move a word across a column of the character grid.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest

import reportparse
from reportparse import ReportParseError
from reportparse.layout import pdf_options
from reportparse.layout.engines import PDF_ENGINES, read_pdf_pages
from reportparse.layout.pdf import read_pdf
from reportparse.layout.pdf_options import PdfOptions

NO_OCR = reportparse.OcrOptions(mode="never")
MINER, PDFIUM = PdfOptions(engine="pdfminer"), PdfOptions(engine="pdfium")


def _values(path: Path, options: PdfOptions, lang: str = "auto") -> list[dict]:
    report = reportparse.parse_file(path, lang=lang, ocr=NO_OCR, pdf=options)
    return [{k: v for k, v in value.items() if k != "span"} for value in report.to_dict()["values"]]


def _same_values(path: Path, lang: str = "auto") -> None:
    """Both engines give the same values: the same text parses the same, so only differing texts are parsed."""
    texts = [reportparse.extract_text(path, lang=lang, ocr=NO_OCR, pdf=options) for options in (MINER, PDFIUM)]
    assert texts[0].count("\f") == texts[1].count("\f") and texts[0].split() == texts[1].split()
    if texts[0] != texts[1]:
        assert _values(path, MINER, lang) == _values(path, PDFIUM, lang), path.name


# -- the same values ---------------------------------------------------------------------------------------------
def test_samples_give_the_same_values(samples_dir):
    paths = sorted((samples_dir / "raw").glob("*.pdf"))
    assert paths
    for path in paths:
        _same_values(path)


def _generated(tmp_path: Path, per_family: int, languages: tuple[str, ...]):
    from corpora.reports import FAMILIES, generate_corpus, write_report

    n = per_family * len(FAMILIES)
    for lang in languages:
        for i, (report, fmt) in enumerate(generate_corpus(n, lang=lang, seed=3, formats=("pdf",))):
            if len(languages) == 1 or i % len(languages) == languages.index(lang) or per_family > 1:
                yield write_report(report, tmp_path / lang, fmt)[0], lang


def test_generated_families_give_the_same_values(tmp_path):
    for path, lang in _generated(tmp_path, 1, ("it", "en")):  # every family once, in one language or the other
        _same_values(path, lang)


@pytest.mark.slow
def test_generated_families_give_the_same_values_in_both_languages(tmp_path):
    for path, lang in _generated(tmp_path, 2, ("it", "en")):
        _same_values(path, lang)


@pytest.mark.shared
def test_development_reports_give_the_same_values(shared_reports):
    paths = sorted((shared_reports / "raw").glob("*.pdf"))
    assert paths
    for path in paths:
        assert _values(path, MINER) == _values(path, PDFIUM), path.name


def test_engines_give_the_same_glyph_boxes(samples_dir):
    """Not only the values: every glyph within a few hundredths of a point (reportlab writes fractional widths,
    pdfium keeps whole thousandths of an em: the drift along a string stays under 0.4 pt)."""
    data = (samples_dir / "raw" / "it02_multipage_previous.pdf").read_bytes()
    miner, pdfium = (PDF_ENGINES[name](data, "it02", PdfOptions(), None) for name in ("pdfminer", "pdfium"))
    assert [(p.width, p.height, p.images) for p in miner] == [(p.width, p.height, p.images) for p in pdfium]
    for a, b in zip(miner, pdfium):
        assert sorted(c.text for c in a.chars) == sorted(c.text for c in b.chars)
        key = lambda c: (c.text, round(c.bottom), c.x0)  # noqa: E731
        for ca, cb in zip(sorted(a.chars, key=key), sorted(b.chars, key=key)):
            assert abs(ca.bottom - cb.bottom) < 0.01 and abs(ca.size - cb.size) < 0.01 and ca.bold == cb.bold
            assert abs(ca.x0 - cb.x0) < 0.4 and abs(ca.x1 - cb.x1) < 0.4


# -- hand-written PDFs -------------------------------------------------------------------------------------------
def _pdf(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF of these objects (1: catalog), with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def _page(content: bytes, *, font: bytes = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
          mediabox: bytes | None = b"[0 0 595 842]", trailer: bytes = b"", pages: int = 1, extra: bytes = b"",
          pages_extra: bytes = b"") -> bytes:
    """``pages`` pages (objects 3...) drawing one content stream in one font (the two objects after them)."""
    content_ref, font_ref = pages + 3, pages + 4
    box = b"/MediaBox %s " % mediabox if mediabox else b""
    page = (b"<< /Type /Page /Parent 2 0 R %s%s /Resources << /Font << /F1 %d 0 R >> >> /Contents %d 0 R >>"
            % (box, extra, font_ref, content_ref))
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [%s] /Count %d %s>>" % (kids, pages, pages_extra),
                 *[page] * pages, content, font], trailer)


ROW = b"BT /F1 9 Tf 40 700 Td (Emoglobina) Tj 150 0 Td (13.5) Tj 60 0 Td (g/dL) Tj 60 0 Td (12.0 - 16.0) Tj ET\n"
_IDENTITY = b"<< /Registry (Adobe) /Ordering (Identity) /Supplement 0 >>"
_CMAP = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CIDSystemInfo %s def /CMapName /LabSoft-Custom-H def /CMapType 1 def
1 begincodespacerange <00> <FF> endcodespacerange
1 begincidrange <20> <7E> 32 endcidrange
endcmap CMapName currentdict /CMap defineresource pop end end""" % _IDENTITY
_TO_UNICODE = b"""/CIDInit /ProcSet findresource begin 12 dict begin begincmap
/CMapName /LabSoft-UCS def /CMapType 2 def
1 begincodespacerange <00> <FF> endcodespacerange
1 beginbfrange <20> <7E> <0020> endbfrange
endcmap CMapName currentdict /CMap defineresource pop end end"""


def _embedded_cmap_pdf() -> bytes:
    """Text in a CID font whose encoding is a CMap embedded in the file, under a name of the producer's own (lab
    software does this): pdfminer looks CMaps up by name only, decodes no glyph and finds the page empty."""
    return _pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        _stream(ROW),
        b"<< /Type /Font /Subtype /Type0 /BaseFont /LabSans /Encoding 6 0 R /DescendantFonts [7 0 R] "
        b"/ToUnicode 8 0 R >>",
        _stream(_CMAP, b" /Type /CMap /CMapName /LabSoft-Custom-H /CIDSystemInfo " + _IDENTITY),
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /LabSans /CIDSystemInfo " + _IDENTITY
        + b" /FontDescriptor 9 0 R /DW 600 /CIDToGIDMap /Identity >>",
        _stream(_TO_UNICODE),
        b"<< /Type /FontDescriptor /FontName /LabSans /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 "
        b"/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 >>",
    ])


def _code(data: bytes, options: PdfOptions) -> tuple[str, str]:
    with pytest.raises(ReportParseError) as info:
        read_pdf(data, "t.pdf", options=options)
    return info.value.code, str(info.value)


def _rotated_pdf(rotation: int) -> bytes:
    """A landscape report stored as a portrait page with /Rotate: the text is drawn turned, and shows upright."""
    rows = [(b"Emoglobina", b"13,5"), (b"Glucosio", b"101")]
    content = b""
    for i, (name, value) in enumerate(rows):
        for x, text in ((40, name), (200, value), (260, b"12,0 - 16,0")):
            y = 500 - 14 * i  # where it shows, on the 842 x 595 page as turned
            matrix = b"0 1 -1 0 %d %d" % (595 - y, x) if rotation == 90 else b"0 -1 1 0 %d %d" % (y, 842 - x)
            content += b"BT /F1 9 Tf %s Tm (%s) Tj ET\n" % (matrix, text)
    return _page(_stream(content), extra=b"/Rotate %d" % rotation)


@pytest.mark.parametrize("rotation", [90, 270])
def test_rotated_pages_read_upright_by_both_engines(rotation):
    data = _rotated_pdf(rotation)
    for options in (MINER, PDFIUM):
        (page,) = read_pdf_pages(data, options=options)
        assert (page.width, page.height) == (842, 595)  # the page as shown
        texts, _ = read_pdf(data, options=options)
        assert [line.split() for line in texts[0].splitlines()] == [
            ["Emoglobina", "13,5", "12,0", "-", "16,0"], ["Glucosio", "101", "12,0", "-", "16,0"]]


def test_an_inherited_mediabox_is_the_page_size():
    data = _page(_stream(ROW), mediabox=None, pages_extra=b"/MediaBox [0 0 842 595]")
    assert [(p.width, p.height) for p in read_pdf_pages(data, options=MINER)] == [(842, 595)]
    assert [(p.width, p.height) for p in read_pdf_pages(data, options=PDFIUM)] == [(842, 595)]


# -- the fallback ------------------------------------------------------------------------------------------------
def test_an_embedded_cmap_is_read_not_called_blank(tmp_path):
    """Issue 13: a lab-software PDF with embedded CID fonts was E014 "blank"."""
    data = _embedded_cmap_pdf()
    assert _code(data, MINER)[0] == "E014"  # what every report of this lab got before
    assert read_pdf(data, options=PDFIUM)[0][0].split() == ["Emoglobina", "13.5", "g/dL", "12.0", "-", "16.0"]
    path = tmp_path / "lab.pdf"
    path.write_bytes(data)
    report = reportparse.parse_file(path, lang="it")  # default options: the text layer, no OCR
    assert [(v.name, v.value, v.unit, v.ref_low, v.ref_high) for v in report.values] == [
        ("Emoglobina", 13.5, "g/dL", 12.0, 16.0)]
    assert "W008" not in {w.code for w in report.warnings}


def _unmapped_cid_pdf() -> bytes:
    """Identity-H with two-byte codes that are the characters' code points, and no ToUnicode map: pdfminer writes
    "(cid:69)(cid:109)...", pdfium takes the CIDs for Unicode."""
    def utf16(text: str) -> bytes:
        return b"<%s>" % text.encode("utf-16-be").hex().encode()

    content = b"BT /F1 10 Tf 40 700 Td %s Tj 150 0 Td %s Tj ET" % (utf16("Emoglobina"), utf16("13.5"))
    font = (b"<< /Type /Font /Subtype /Type0 /BaseFont /LabSans /Encoding /Identity-H /DescendantFonts [<< /Type "
            b"/Font /Subtype /CIDFontType2 /BaseFont /LabSans /CIDSystemInfo %s /DW 600 /FontDescriptor << /Type "
            b"/FontDescriptor /FontName /LabSans /Flags 32 /FontBBox [0 -200 1000 800] /ItalicAngle 0 /Ascent 800 "
            b"/Descent -200 /CapHeight 700 /StemV 80 >> >>] >>" % _IDENTITY)
    return _page(_stream(content), font=font)


@pytest.mark.parametrize("make", [_embedded_cmap_pdf, _unmapped_cid_pdf])
def test_auto_gives_pages_the_first_engine_cannot_read_to_the_second(monkeypatch, make):
    data = make()
    assert read_pdf(data, options=PDFIUM)[0][0].split()[:2] == ["Emoglobina", "13.5"]
    monkeypatch.setattr(pdf_options, "AUTO_ORDER", ("pdfminer", "pdfium"))  # the order the fallback is for
    assert PdfOptions().engines == ("pdfminer", "pdfium")
    assert read_pdf(data)[0][0].split()[:2] == ["Emoglobina", "13.5"]


def test_auto_reads_with_the_second_engine_a_file_the_first_cannot_open(monkeypatch):
    def broken(data, source, options, pages):
        raise ReportParseError(reportparse.Errors.E004, path=source, detail="broken: cannot open")

    monkeypatch.setitem(PDF_ENGINES, "pdfium", broken)
    assert read_pdf(_page(_stream(ROW)))[0][0].split()[0] == "Emoglobina"


# -- hostile files -----------------------------------------------------------------------------------------------
def test_pdfminer_exceptions_become_e004():
    # An invalid octal escape in the trailer (pdfminer asserts), a truncated run-length stream (StopIteration
    # inside a generator: RuntimeError); both escaped as tracebacks before.
    octal = _page(_stream(ROW), trailer=b"/ID [(\\777) (\\777)] ")
    code, message = _code(octal, MINER)
    assert code == "E004" and "AssertionError" in message
    assert read_pdf(octal, options=PDFIUM)[0][0].split()[0] == "Emoglobina"
    run_length = _page(_stream(b"\x05ab", b" /Filter /RunLengthDecode"))
    code, message = _code(run_length, MINER)
    assert code == "E004" and "RuntimeError" in message
    assert _code(run_length, PdfOptions())[0] == "E004"  # pdfium finds it empty, pdfminer damaged: not "blank"


@pytest.mark.parametrize("options", [MINER, PDFIUM])
def test_a_glyph_far_off_the_page_makes_no_huge_line(options):
    texts, _ = read_pdf(_page(_stream(ROW + b"BT /F1 9 Tf 100000000000 700 Td (X) Tj ET")), options=options)
    assert max(len(line) for line in texts[0].splitlines()) < 200 and "Emoglobina" in texts[0]
    # A page a billion points wide (pdfium refuses the box and uses Letter): lines stay bounded all the same.
    huge = _page(_stream(ROW + b"BT /F1 9 Tf 10000000000 700 Td (X) Tj ET"),
                 mediabox=b"[0 0 100000000000 100000000000]")
    texts, _ = read_pdf(huge, options=options)
    assert max(len(line) for line in texts[0].splitlines()) <= 2_100 and "Emoglobina" in texts[0]


@pytest.mark.parametrize("options", [MINER, PDFIUM, PdfOptions()])
def test_decompression_bombs_are_refused_before_they_are_read(options):
    bomb = _page(_stream(zlib.compress(ROW + b" " * 3_000_000, 9), b" /Filter /FlateDecode"))
    code, message = _code(bomb, options.replace(max_stream_bytes=1_000_000))
    assert code == "E053" and "1,000,000" in message
    assert _code(bomb, options.replace(max_inflated_bytes=2_000_000))[0] == "E053"
    assert read_pdf(bomb, options=options)[0][0].split()[0] == "Emoglobina"  # within the default limits


def test_a_stream_with_bytes_after_its_end_is_measured_once():
    # Found by fuzzing: inflating 5 MB in pieces, then bytes after the zlib end; the check looped for ever.
    data = _page(_stream(zlib.compress(ROW + b" " * 5_000_000, 9) + b"trailing", b" /Filter /FlateDecode"))
    assert read_pdf(data)[0][0].split()[0] == "Emoglobina"


@pytest.mark.parametrize("options", [MINER, PDFIUM])
def test_a_content_stream_of_too_many_text_operators_is_refused_unread(options):
    # pdfium builds every text object of a page before a glyph can be counted (5 MB of them: 15 s, 870 MB).
    shows = b"BT /F1 9 Tf 40 700 Td " + b"(Glucosio) Tj 0 -1 Td " * 2_000 + b"ET"
    data = _page(_stream(zlib.compress(shows), b" /Filter /FlateDecode"))
    code, message = _code(data, options.replace(max_page_chars=1_000))
    assert code == "E052" and "content stream" in message


@pytest.mark.parametrize("options", [MINER, PDFIUM])
def test_page_glyph_and_page_count_limits(options):
    data = _page(_stream(ROW), pages=3)
    assert len(read_pdf(data, options=options)[0]) == 3
    assert _code(data, options.replace(max_pages=2))[0] == "E051"
    code, message = _code(data, options.replace(max_page_chars=20))
    assert code == "E052" and "on page 1" in message
    code, message = _code(data, options.replace(max_chars=70))  # 33 glyphs (and spaces) a page
    assert code == "E054" and "page 3" in message


def test_a_page_of_operators_that_draw_nothing_is_refused_before_pdfminer_runs_them():
    # Found by fuzzing: 430,000 "Tm" on a page took pdfminer 18 s and drew nothing; pdfium reads it in 0.7 s.
    moves = ROW + b"BT " + b"1 0 0 1 0 0 Tm\n" * 3_000 + b"ET"
    data = _page(_stream(zlib.compress(moves), b" /Filter /FlateDecode"), pages=2)
    code, message = _code(data, MINER.replace(max_page_operators=2_000))
    assert code == "E065" and "on page 1" in message and "pdfium" in message
    code, message = _code(data, MINER.replace(max_operators=5_000))
    assert code == "E065" and "by page 2" in message
    assert read_pdf(data, options=MINER)[0][0].split()[0] == "Emoglobina"  # within the default limits
    assert read_pdf(data, options=PDFIUM.replace(max_page_operators=2_000))[0][0].split()[0] == "Emoglobina"


def test_operators_are_counted_as_pdfminer_runs_them():
    from reportparse.layout.limits import count_operators

    assert count_operators(b"BT /F1 9 Tf 11 TL 40 800 Td (Emoglobina 13,5) Tj T* [(A)-20(b)]TJ ET q Q") == 10
    assert count_operators(b"/Name1 /F2 true false null 12.5 <00FF> ") == 0


def test_invalid_settings_are_e050():
    for changes in ({"engine": "mupdf"}, {"max_pages": 0}, {"max_stream_bytes": 1.5}, {"offpage_margin": -1},
                    {"max_page_operators": 0}):
        with pytest.raises(ReportParseError) as info:
            PdfOptions(**changes)
        assert info.value.code == "E050" and next(iter(changes)) in str(info.value)


def test_the_cli_takes_the_engine(capsys):
    from reportparse.cli import build_parser
    from reportparse.cli_options import pdf_options

    parser = build_parser()
    assert pdf_options(parser.parse_args(["parse", "r.pdf"])) == PdfOptions()
    assert pdf_options(parser.parse_args(["parse", "r.pdf", "--pdf-engine", "pdfminer"])) == MINER
    assert pdf_options(parser.parse_args(["batch", "in", "-o", "out", "--pdf-engine", "pdfium"])) == PDFIUM
    with pytest.raises(SystemExit):
        parser.parse_args(["parse", "r.pdf", "--pdf-engine", "mupdf"])
    assert "--pdf-engine" in capsys.readouterr().err
