"""Text files in the encodings reports come in: read when they are text, refused with a code when they are not."""

from __future__ import annotations

import pytest

import reportparse
from reportparse import OcrOptions
from reportparse.errors import ReportParseError
from reportparse.layout.encodings import NotText, UnknownEncoding, decode_bytes
from reportparse.layout.loaders import decode_text

REPORT = ("Esami del sangue - città di Pavia\n"
          "Emoglobina     11,2    g/dL    13,5 - 17,5\n"
          "Ferritina      20      ng/mL   30 - 300\n"
          "Nota: valori già validati – “referto” sintetico\n")
JAPANESE = "検査結果報告書\nヘモグロビン   13.5   g/dL   13.0 - 17.0\n白血球数   6.2\n所見: 異常なし\n" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32",
                                      "utf-32-le", "utf-32-be", "cp1252"])
def test_latin_text_reads_back_exactly(encoding):
    assert decode_text(REPORT.encode(encoding), "r.txt") == REPORT


def test_latin1_reads_its_letters():
    text = decode_text(REPORT.replace("“", '"').replace("”", '"').replace("–", "-").encode("latin-1"), "r.txt")
    assert "città" in text and "già" in text


@pytest.mark.parametrize("encoding", ["shift_jis", "utf-16", "utf-16-le", "utf-8"])
def test_japanese_text_is_decoded(encoding):
    assert decode_text(JAPANESE.encode(encoding), "j.txt") == JAPANESE


def test_a_multibyte_encoding_it_cannot_tell_has_its_own_code():
    with pytest.raises(ReportParseError) as info:
        decode_text(JAPANESE.encode("euc_jp"), "j.txt")
    assert info.value.code == "E044" and "UTF-8" in str(info.value)


def test_damaged_utf8_stays_utf8():
    data = bytearray(REPORT.encode("utf-8"))
    data[REPORT.encode().index(b"Ferritina")] = 0xFF  # one byte flipped; the accents elsewhere are valid UTF-8
    text = decode_text(bytes(data), "r.txt")
    assert "città" in text and "\ufffd" in text


def test_stray_nul_bytes_read_as_spaces_but_binary_is_refused():
    data = REPORT.encode()
    assert decode_text(data[:10] + b"\x00" + data[10:], "r.txt") == REPORT[:10] + " " + REPORT[10:]
    for binary in (bytes(range(256)) * 20, b"\x89PNG\r\n\x1a\n" + b"\x00\x01\x02" * 500):
        with pytest.raises(ReportParseError) as info:
            decode_text(binary, "b.txt")
        assert info.value.code == "E008"


def test_decode_bytes_says_which_encoding_it_read():
    assert decode_bytes(b"\xff\xfe" + REPORT.encode("utf-16-le")).encoding == "utf-16-le (byte-order mark)"
    assert decode_bytes(REPORT.encode("utf-32-be")).encoding == "utf-32-be"
    assert decode_bytes(REPORT.encode("cp1252")).encoding == "cp1252"
    with pytest.raises(NotText):
        decode_bytes(bytes([0, 0, 1, 2]) * 100)
    with pytest.raises(UnknownEncoding):
        decode_bytes(JAPANESE.encode("gbk", errors="replace"))


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32-le", "shift_jis", "cp1252"])
def test_parse_file_reads_values_in_every_encoding(tmp_path, encoding):
    """Issue 13: UTF-16 and UTF-32 files were refused as binary (E008)."""
    path = tmp_path / f"report-{encoding}.txt"
    path.write_bytes(REPORT.encode(encoding, errors="replace"))
    report = reportparse.parse_file(path, lang="it", ocr=OcrOptions(mode="never"))
    assert [(v.analyte, v.value) for v in report.values] == [("hemoglobin", 11.2), ("ferritin", 20.0)]
