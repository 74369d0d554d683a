"""Where the ink is on a page image: Otsu's threshold, glyph-sized blobs, their heights (numpy and scipy only).

The preparation steps and the blank-page check share these measurements.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

__all__ = ["gray_array", "otsu_threshold", "ink_mask", "glyph_heights", "is_blank"]

# A blob is glyph-sized when it is this many pixels tall (specks and rules are not glyphs) ...
_GLYPH_MIN_PX, _GLYPH_MAX_SHARE = 5, 0.1  # ... and shorter than this share of the page height
_BLANK_MAX_GLYPHS = 3  # fewer glyph-sized blobs than this: nothing to read
_MIN_CONTRAST = 40  # ink must be this much darker than the paper (0-255) to count


def gray_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)


def otsu_threshold(gray: np.ndarray) -> int:
    """The grey level that best splits the histogram into two classes (ink and paper)."""
    hist = np.bincount(gray.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, grand = weight[-1], mean[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (grand * weight - total * mean) ** 2 / (weight * (total - weight))
    between = np.nan_to_num(between[:-1], nan=-1.0)
    return int(np.argmax(between)) if between.max() >= 0 else int(gray.ravel()[0])  # one grey level: no split


def ink_mask(gray: np.ndarray) -> np.ndarray:
    """True where there is ink: darker than Otsu's threshold, and clearly darker than the paper."""
    paper = np.percentile(gray, 90)
    return (gray <= otsu_threshold(gray)) & (gray < paper - _MIN_CONTRAST)


def glyph_heights(gray: np.ndarray) -> np.ndarray:
    """Heights in pixels of the glyph-sized connected blobs of ink."""
    from scipy import ndimage

    labels, count = ndimage.label(ink_mask(gray))
    if not count:
        return np.zeros(0)
    boxes = ndimage.find_objects(labels)
    heights = np.array([b[0].stop - b[0].start for b in boxes])
    widths = np.array([b[1].stop - b[1].start for b in boxes])
    keep = (heights >= _GLYPH_MIN_PX) & (heights <= _GLYPH_MAX_SHARE * gray.shape[0]) & (widths <= 3 * heights)
    return heights[keep]


def is_blank(image: Image.Image) -> bool:
    """No glyph-sized ink: an empty page, a flat photo, a page of specks."""
    return len(glyph_heights(gray_array(image))) < _BLANK_MAX_GLYPHS
