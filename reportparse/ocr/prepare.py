"""Image preparation before Tesseract: small steps, registered by name, run in the order the options list.

Each step takes a :class:`~.images.PageImage` and returns one (a step that changes nothing returns its input).
Which steps run by default was measured one by one (``benchmarks/bench_ocr.py``); the others stay available by
name (``OcrOptions(prepare=(...))``).
"""

from __future__ import annotations

import math
from typing import Callable

import numpy as np
from PIL import Image, ImageOps

from .engine import detect_orientation
from .images import PageImage
from .ink import glyph_heights, gray_array, ink_mask, otsu_threshold
from .options import OcrOptions

__all__ = ["STEPS", "step", "prepare_page", "skew_angle"]

Step = Callable[[PageImage, OcrOptions], PageImage]
STEPS: dict[str, Step] = {}

_MIN_ORIENTATION_CONFIDENCE = 2.0  # Tesseract's OSD confidence below this is a guess
_SKEW_RANGE, _SKEW_COARSE, _SKEW_FINE = 6.0, 0.5, 0.1  # degrees searched, coarse and fine steps
_SKEW_MIN = 0.3  # degrees; less is not worth a resampling
_SKEW_WIDTH = 1200  # pixels: the width of the copy the skew is measured on
_TARGET_GLYPH_PX = 20  # median glyph height of 7-9 pt report text at 300 dpi (16-26 px), the best measured dpi
_GLYPH_BAND = (0.6, 1.6)  # no rescale while the median glyph height stays within this share of the target
_BACKGROUND_SIDE = 600  # pixels: the long side of the copy the paper's level is estimated on
_SCALE_LIMITS = (0.25, 4.0)
_DOT_SHARE = 0.3  # a leader dot is at most this share of the median glyph height, both ways
_LEADER_MIN_DOTS = 5  # dots in a row that make a leader ...
_LEADER_GAP = 1.6  # ... each at most this many glyph heights from the next (a full stop and a space: about 1)


def step(name: str) -> Callable[[Step], Step]:
    def register(func: Step) -> Step:
        STEPS[name] = func
        return func
    return register


@step("grayscale")
def grayscale(page: PageImage, options: OcrOptions) -> PageImage:
    """Grey levels only: colour carries nothing Tesseract uses, and every later measure works on grey."""
    return page if page.image.mode == "L" else page.with_image(page.image.convert("L"))


@step("orientation")
def orientation(page: PageImage, options: OcrOptions) -> PageImage:
    """Turn a page lying on its side or upside down upright (Tesseract's orientation detection, ``--psm 0``)."""
    found = detect_orientation(page.image, options, dpi=page.dpi, source=page.source, page=page.number)
    if found is None or found.rotate == 0 or found.confidence < _MIN_ORIENTATION_CONFIDENCE:
        return page
    # Tesseract says how far the page is turned counter-clockwise; PIL turns counter-clockwise too.
    upright = page.image.rotate(-found.rotate, expand=True, fillcolor=_paper(page.image))
    return page.with_image(upright, note=f"page {page.number} turned {found.rotate}°")


def _paper(image: Image.Image) -> int | tuple[int, ...]:
    """The paper's colour (the lightest tenth of the page), to fill what a rotation uncovers."""
    level = int(np.percentile(gray_array(image), 90))
    return level if image.mode == "L" else (level,) * len(image.getbands())


def _profile_score(ys: np.ndarray, xs: np.ndarray, angle: float, rows: int) -> float:
    """How sharp the rows of ink are when the page is turned by ``angle``: text lines give tall, narrow peaks."""
    theta = math.radians(angle)
    projected = (ys * math.cos(theta) + xs * math.sin(theta)).astype(np.int64)
    counts = np.bincount(projected - projected.min(), minlength=rows)
    return float(np.sum(np.diff(counts.astype(np.float64)) ** 2))


def skew_angle(image: Image.Image) -> float:
    """The angle (degrees, counter-clockwise) that levels the text lines, by a projection-profile search over
    ±6° on a binarised copy about 1200 pixels wide; 0.0 when there is too little ink to tell."""
    gray = gray_array(image)
    scale = min(1.0, _SKEW_WIDTH / gray.shape[1])
    if scale < 1.0:
        small = image.convert("L").resize((max(1, int(gray.shape[1] * scale)), max(1, int(gray.shape[0] * scale))),
                                          Image.Resampling.BOX)
        gray = gray_array(small)
    ys, xs = np.nonzero(ink_mask(gray))
    if len(ys) < 200:
        return 0.0
    rows = gray.shape[0] + gray.shape[1]

    def best(angles: np.ndarray) -> float:
        return float(max(angles, key=lambda a: _profile_score(ys, xs, a, rows)))

    coarse = best(np.arange(-_SKEW_RANGE, _SKEW_RANGE + 1e-9, _SKEW_COARSE))
    return best(np.arange(coarse - _SKEW_COARSE, coarse + _SKEW_COARSE + 1e-9, _SKEW_FINE))


@step("deskew")
def deskew(page: PageImage, options: OcrOptions) -> PageImage:
    """Level text lines up to 6° off (a sheet laid askew on the scanner): rows and columns then stay straight."""
    angle = skew_angle(page.image)
    if abs(angle) < _SKEW_MIN:
        return page
    # ``angle`` turns the text level in image coordinates (y down), which is PIL's clockwise: rotate by -angle.
    level = page.image.rotate(-angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=_paper(page.image))
    return page.with_image(level, note=f"page {page.number} deskewed {angle:+.1f}°")


@step("contrast")
def contrast(page: PageImage, options: OcrOptions) -> PageImage:
    """Stretch grey levels so the darkest ink is black and the paper white (faded faxes, grey photos)."""
    return page.with_image(ImageOps.autocontrast(page.image.convert("L"), cutoff=1))


@step("threshold")
def threshold(page: PageImage, options: OcrOptions) -> PageImage:
    """Black and white at Otsu's level (Tesseract binarises too; this one decides before any rescaling)."""
    gray = gray_array(page.image)
    level = otsu_threshold(gray)
    return page.with_image(Image.fromarray(np.where(gray > level, 255, 0).astype(np.uint8), "L"))


@step("background")
def background(page: PageImage, options: OcrOptions) -> PageImage:
    """Even out lighting (a phone photo darker at one corner, a shadow): divide by the paper's level, estimated on
    a copy about 600 pixels long (light changes slowly; the full page would take a second more)."""
    from PIL import ImageFilter

    gray = page.image.convert("L")
    factor = max(1, max(gray.size) // _BACKGROUND_SIDE)
    small = gray.reduce(factor)
    # Lightest nearby pixel (ink removed), then smoothed: the paper under the text.
    paper = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(max(small.size) / 40))
    paper = np.asarray(paper.resize(gray.size, Image.Resampling.BILINEAR), np.float64)
    flat = np.clip(np.asarray(gray, np.float64) / np.maximum(paper, 1.0) * 255.0, 0, 255).astype(np.uint8)
    return page.with_image(Image.fromarray(flat, "L"))


@step("normalise")
def normalise(page: PageImage, options: OcrOptions) -> PageImage:
    """Rescale so that glyphs are about as tall as Tesseract reads best: a phone photo of 4000 pixels comes down
    (and reads faster), a 100 dpi fax goes up.  The resolution follows, so points stay points."""
    heights = glyph_heights(gray_array(page.image))
    if len(heights) < 20:
        return page
    ratio = float(np.median(heights)) / _TARGET_GLYPH_PX
    if _GLYPH_BAND[0] <= ratio <= _GLYPH_BAND[1]:
        return page
    width, height = page.image.size
    scale = min(max(1.0 / ratio, _SCALE_LIMITS[0]), _SCALE_LIMITS[1])
    scale = min(scale, math.sqrt(options.max_pixels / (width * height)))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = page.image.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)
    return page.with_image(resized, dpi=page.dpi * scale)


@step("leaders")
def leaders(page: PageImage, options: OcrOptions) -> PageImage:
    """Erase dot leaders ("Emoglobina .......... 13,5"): runs of small, evenly spaced dots on one line, which
    Tesseract reads as words of noise that swallow the test's name on a damaged scan."""
    from scipy import ndimage

    gray = gray_array(page.image)
    heights = glyph_heights(gray)
    if len(heights) < 20:
        return page
    glyph = float(np.median(heights))
    labels, count = ndimage.label(ink_mask(gray))
    dots = []  # (row key, x centre, label) of components no bigger than a full stop
    for index, box in enumerate(ndimage.find_objects(labels), start=1):
        height, width = box[0].stop - box[0].start, box[1].stop - box[1].start
        if height <= _DOT_SHARE * glyph and width <= _DOT_SHARE * glyph:
            centre = (box[0].start + box[0].stop) / 2
            dots.append((round(centre / (_DOT_SHARE * glyph)), (box[1].start + box[1].stop) / 2, index))
    erase = []
    dots.sort()
    start = 0
    for end in range(1, len(dots) + 1):
        if end == len(dots) or dots[end][0] != dots[start][0] or dots[end][1] - dots[end - 1][1] > _LEADER_GAP * glyph:
            if end - start >= _LEADER_MIN_DOTS:
                erase.extend(index for _, _, index in dots[start:end])
            start = end
    if not erase:
        return page
    cleaned = np.where(np.isin(labels, erase), 255, gray).astype(np.uint8)
    return page.with_image(Image.fromarray(cleaned, "L"))


def prepare_page(page: PageImage, options: OcrOptions) -> PageImage:
    """Run the option's steps in order."""
    for name in options.prepare:
        page = STEPS[name](page, options)
    return page
