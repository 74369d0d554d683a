"""Opening images: formats, pages, EXIF, and a coded error for every unusable file (no Tesseract needed)."""

import io

import pytest
from PIL import Image

from reportparse import OcrOptions, ReportParseError
from reportparse.layout import load_document
from reportparse.ocr.images import is_image, open_image_pages, render_pdf_pages
from reportparse.ocr.ink import is_blank

from .scans import bomb_png, save_tiff

OPTIONS = OcrOptions()


def _bytes(image: Image.Image, fmt: str, **kw) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **kw)
    return buffer.getvalue()


def _code(data: bytes, **options) -> str:
    with pytest.raises(ReportParseError) as info:
        open_image_pages(data, "scan", OcrOptions(**options))
    assert str(info.value).startswith(f"[{info.value.code}] scan ")
    return info.value.code


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "TIFF"])
def test_formats_are_sniffed_and_read(fmt):
    data = _bytes(Image.new("RGB", (300, 200), "white"), fmt, dpi=(200, 200))
    assert is_image(data)
    (page,) = open_image_pages(data, "scan", OPTIONS)
    assert page.image.size == (300, 200) and page.number == 1 and round(page.dpi) == 200


def test_multi_page_tiff_gives_one_page_per_frame(page_images, tmp_path):
    path = save_tiff(page_images, tmp_path / "two.tif")
    pages = open_image_pages(path.read_bytes(), "two.tif", OPTIONS)
    assert [p.number for p in pages] == [1, 2] and pages[1].image.size == page_images[1].size


def test_exif_orientation_is_applied():
    image = Image.new("L", (300, 200), 255)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90 CW to view"
    (page,) = open_image_pages(_bytes(image, "JPEG", exif=exif), "photo.jpg", OPTIONS)
    assert page.image.size == (200, 300)


def test_transparency_is_white_paper_and_phone_dpi_is_not_trusted():
    image = Image.new("RGBA", (100, 100), (0, 0, 0, 0))
    (page,) = open_image_pages(_bytes(image, "PNG", dpi=(72, 72)), "t.png", OPTIONS)
    assert page.image.convert("L").getextrema() == (255, 255) and page.dpi == 300


def test_one_pixel_image_is_too_small():
    assert _code(_bytes(Image.new("L", (1, 1), 255), "PNG")) == "E038"


def test_decompression_bomb_is_refused_before_decoding(tmp_path):
    data = bomb_png(tmp_path / "bomb.png").read_bytes()
    assert len(data) < 2_000_000
    assert _code(data) == "E037"
    assert _code(_bytes(Image.new("L", (4000, 3000), 255), "PNG"), max_pixels=10_000_000) == "E037"


def test_corrupt_tiff(page_images, tmp_path):
    data = save_tiff(page_images, tmp_path / "ok.tif").read_bytes()
    broken = data[:8] + b"\x00\xff" * 200 + data[408:]  # the first image's data and directory overwritten
    assert _code(broken) == "E039"
    assert _code(data[: len(data) // 2]) == "E039"  # truncated: the second page is missing


def test_truncated_png_and_not_an_image():
    data = _bytes(Image.effect_noise((400, 400), 60).convert("L"), "PNG")
    assert _code(data[: len(data) // 2]) == "E039"
    assert _code(b"\x89PNG\r\n\x1a\n" + b"garbage" * 50) == "E039"


def test_a_text_file_named_png_is_e039(tmp_path):
    path = tmp_path / "report.png"
    path.write_text("Emoglobina 13,5 g/dL")
    with pytest.raises(ReportParseError) as info:
        load_document(path)
    assert info.value.code == "E039"


def test_blank_pages_are_told_apart(page_images):
    assert is_blank(Image.new("L", (800, 600), 255))
    assert is_blank(Image.new("L", (800, 600), 0))
    speckled = Image.effect_noise((800, 600), 10).point(lambda v: 255 if v > 100 else 0)
    assert is_blank(speckled.convert("L"))  # specks, no glyph-sized ink
    assert not is_blank(page_images[0])


def test_pdf_pages_render_at_the_dpi_asked(text_pdf):
    (page,) = render_pdf_pages(text_pdf.read_bytes(), [2], "r.pdf", OcrOptions(dpi=144))
    assert page.number == 2 and page.dpi == 144 and page.image.size == (1190, 600)
    (capped,) = render_pdf_pages(text_pdf.read_bytes(), [1], "r.pdf", OcrOptions(dpi=1200, max_pixels=1_000_000))
    assert capped.image.width * capped.image.height <= 1_000_000 and capped.dpi < 1200
