"""Preparation steps, each on its own."""

import numpy as np
import pytest
from PIL import Image

from reportparse import OcrOptions
from reportparse.ocr.images import PageImage
from reportparse.ocr.prepare import STEPS, prepare_page, skew_angle


def _page(image, dpi=200):
    return PageImage(image, dpi, 1, "scan.png")


@pytest.mark.parametrize("angle", [3.0, -2.0, 5.5])
def test_deskew_levels_a_tilted_page(page_images, angle):
    tilted = page_images[0].rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    assert skew_angle(tilted) == pytest.approx(angle, abs=0.15)
    level = STEPS["deskew"](_page(tilted), OcrOptions())
    assert abs(skew_angle(level.image)) <= 0.15 and level.notes == (f"page 1 deskewed {angle:+.1f}°",)


def test_deskew_leaves_a_straight_page_alone(page_images):
    page = _page(page_images[0])
    assert STEPS["deskew"](page, OcrOptions()) is page


def test_normalise_brings_large_photos_down_and_small_faxes_up(page_images):
    big = page_images[0].resize((page_images[0].width * 3, page_images[0].height * 3))
    down = STEPS["normalise"](_page(big, dpi=600), OcrOptions())
    assert down.image.width < big.width and down.dpi < 600
    assert down.image.width / big.width == pytest.approx(down.dpi / 600, rel=0.01)  # points stay points
    small = page_images[0].resize((page_images[0].width * 2 // 5, page_images[0].height * 2 // 5))
    up = STEPS["normalise"](_page(small, dpi=80), OcrOptions())
    assert up.image.width > small.width
    same = _page(page_images[0])
    assert STEPS["normalise"](same, OcrOptions()) is same  # already in the sweet spot


def test_contrast_threshold_and_background_give_grey_pages(page_images):
    dim = page_images[0].point(lambda v: int(110 + v * 0.45))
    stretched = STEPS["contrast"](_page(dim), OcrOptions()).image
    assert stretched.getextrema()[0] < 20 and stretched.getextrema()[1] > 235
    binary = STEPS["threshold"](_page(dim), OcrOptions()).image
    assert set(np.unique(np.asarray(binary))) <= {0, 255}
    flat = STEPS["background"](_page(dim.convert("RGB")), OcrOptions()).image
    assert flat.mode == "L" and flat.size == dim.size


def test_grayscale_and_the_order_of_steps(page_images):
    colour = _page(page_images[0].convert("RGB"))
    prepared = prepare_page(colour, OcrOptions(prepare=("grayscale", "threshold")))
    assert prepared.image.mode == "L" and set(np.unique(np.asarray(prepared.image))) <= {0, 255}
    assert prepare_page(colour, OcrOptions(prepare=())) is colour


@pytest.mark.usefixtures("tesseract")
@pytest.mark.parametrize("turn", [180, 90])
def test_orientation_turns_a_page_upright(page_images, turn):
    upright = page_images[0]
    turned = upright.rotate(turn, expand=True)
    fixed = STEPS["orientation"](_page(turned), OcrOptions())
    assert fixed.image.size == upright.size and fixed.notes == (f"page 1 turned {turn}°",)


@pytest.mark.usefixtures("tesseract")
def test_orientation_leaves_an_upright_or_blank_page(page_images):
    for image in (page_images[0], Image.new("L", (600, 400), 255)):
        page = _page(image)
        assert STEPS["orientation"](page, OcrOptions()) is page


def test_leaders_erases_a_row_of_dots_and_keeps_the_text(page_images):
    from PIL import ImageDraw

    image = page_images[0].convert("L")
    before = np.asarray(image).copy()
    draw = ImageDraw.Draw(image)
    y = image.height - 60  # below the table: an empty band
    for x in range(100, 400, 12):  # a leader: small dots about a glyph apart
        draw.rectangle((x, y, x + 2, y + 2), fill=0)
    cleaned = np.asarray(STEPS["leaders"](_page(image), OcrOptions()).image.convert("L"))
    assert (cleaned[y - 2:y + 5, 95:405] > 200).all()  # the dots are gone
    assert (cleaned[: y - 10] == before[: y - 10]).mean() > 0.999  # the table and its full stops stay
