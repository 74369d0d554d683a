"""Opening an image file without trusting it: every way a file fails to be a usable picture is one ``ImageProblem``.

Shared by corpora (dataset checks, the torch Dataset) and vision (``read_image``), which turn a problem into their
own coded error. Sizes are checked from the header before a pixel is decoded (a 254-byte PNG can declare
20000x20000 pixels), only the formats a dermoscopy photo comes in are tried (Pillow would otherwise also identify
EPS, PSD, ICO and dozens more), and every pixel format ends as 8-bit RGB:

* 16-bit grey (``I;16``, ``I``) keeps its high byte, as Pillow already does for 16-bit RGB PNG and TIFF;
* transparency is composited on black, the colour of a dermatoscope's own vignette around the field of view;
* CMYK, palette, grey and YCbCr images are converted by Pillow; 32-bit float pixels have no known range: refused
  from the header.

A multi-frame file is read by its first frame where the format makes that the primary picture (MPO: the camera's
image before its previews; TIFF: the first page before thumbnails); an animation (GIF, APNG, WebP) is refused,
since no frame of it is the picture more than another. The EXIF orientation is applied (the image as a viewer
shows it).
"""

from __future__ import annotations

import os
import re
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
from PIL import Image

__all__ = ["ImageLimits", "DEFAULT_LIMITS", "ImageProblem", "PROBLEMS", "FORMATS", "open_image", "draft", "decode",
           "to_rgb", "exif_orientation", "upright", "read_rgb", "check_file_image"]

# A 9000x6700 photo: far more than any dermatoscope or phone camera gives, and at 3 bytes a pixel 180 MB decoded
# (the same limit as reportparse's scans, E037). Above it a file is a decompression bomb or not a lesion photo.
MAX_PIXELS = 60_000_000
# Below this many pixels a side a file is an icon, a tracking pixel or a placeholder, not a photo of a lesion.
MIN_SIDE = 16
# Pillow format names tried when identifying a file (MPO, a multi-picture camera JPEG, is found through JPEG).
FORMATS = ("JPEG", "PNG", "TIFF", "BMP", "WEBP", "GIF")
# Formats whose first frame is the picture and later ones previews, thumbnails or further pages.
FIRST_FRAME_FORMATS = frozenset({"MPO", "TIFF"})
# What to do about each kind of problem (the detail says what was found).
PROBLEMS = {
    "unreadable_file": "check the path and its permissions",
    "empty": "copy or download the file again",
    "not_an_image": "convert it to JPEG or PNG",
    "too_large": "it may be a decompression bomb; downscale the image (a lesion photo needs far fewer pixels)",
    "too_small": "use the original photo, not a thumbnail",
    "animated": "export the frame to classify as a JPEG or PNG",
    "damaged": "the file is truncated or corrupt: copy or export it again",
    "pixel_format": "save it as 8- or 16-bit RGB (JPEG, PNG or TIFF)",
}
# EXIF orientation tag values and the transposition that makes the picture upright (Pillow's exif_transpose table).
_ORIENTATION = {2: Image.Transpose.FLIP_LEFT_RIGHT, 3: Image.Transpose.ROTATE_180, 4: Image.Transpose.FLIP_TOP_BOTTOM,
                5: Image.Transpose.TRANSPOSE, 6: Image.Transpose.ROTATE_270, 7: Image.Transpose.TRANSVERSE,
                8: Image.Transpose.ROTATE_90}
_EXIF_ORIENTATION = 0x0112
_ALPHA_MODES = frozenset({"RGBA", "LA", "PA", "RGBa", "La"})
# Pixel formats with no 8-bit RGB meaning: 32-bit floats have no known range (0-1? 0-255? Hounsfield units?).
_NO_RGB_MODES = frozenset({"F"})


@dataclass(frozen=True)
class ImageLimits:
    """Pixels an image may have: at most ``max_pixels`` in all, at least ``min_side`` on its shorter side."""

    max_pixels: int = MAX_PIXELS
    min_side: int = MIN_SIDE


DEFAULT_LIMITS = ImageLimits()


class ImageProblem(Exception):
    """Why a file is not a usable image: ``kind`` (a key of ``PROBLEMS``) and what was found (``detail``).

    Internal: corpora and vision catch it and raise their own coded error (``hint`` says what to do).
    """

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(kind, detail)
        self.kind = kind
        self.detail = detail

    @property
    def hint(self) -> str:
        return PROBLEMS[self.kind]

    def __str__(self) -> str:
        return f"{self.detail}; {self.hint}"


def _pixel_problem(exc: BaseException) -> ImageProblem:
    """Pillow's failure on a file it identified: too many pixels, out of memory, or damaged data."""
    if isinstance(exc, Image.DecompressionBombError):  # Pillow's own guard, at 2 x 89 M pixels, went off first
        numbers = [int(n) for n in re.findall(r"\d+", str(exc))][:2]
        detail = f"{numbers[0]:,} pixels, over Pillow's limit of {numbers[1]:,}" if len(numbers) == 2 else str(exc)
        return ImageProblem("too_large", detail)
    if isinstance(exc, MemoryError):
        return ImageProblem("too_large", "out of memory while decoding")
    return ImageProblem("damaged", f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)


def _check_file(path: Path) -> None:
    """A regular, non-empty file (a pipe named x.jpg would block the reader forever)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise ImageProblem("unreadable_file", "no such file") from None
    except OSError as exc:
        raise ImageProblem("unreadable_file", exc.strerror or type(exc).__name__) from None
    if stat.S_ISDIR(info.st_mode):
        raise ImageProblem("unreadable_file", "a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise ImageProblem("unreadable_file", "not a regular file (a pipe, socket or device)")
    if info.st_size == 0:
        raise ImageProblem("empty", "the file is empty (0 bytes)")


def _identify(handle) -> Image.Image:
    # Pillow raises many types on hostile headers (SyntaxError, struct.error, IndexError...): all mean "not this".
    try:
        return Image.open(handle, formats=FORMATS)
    except Image.DecompressionBombError as exc:
        raise _pixel_problem(exc) from None
    except Image.UnidentifiedImageError:
        raise ImageProblem("not_an_image", "not a JPEG, PNG, TIFF, BMP, WebP or GIF image") from None
    except Exception as exc:  # noqa: BLE001 - see above; only Pillow runs in this block
        raise _pixel_problem(exc) from None


def _frames(image: Image.Image) -> int:
    try:
        return int(getattr(image, "n_frames", 1)) if getattr(image, "is_animated", False) else 1
    except Exception as exc:  # noqa: BLE001 - counting frames reads the file: damaged data fails here
        raise _pixel_problem(exc) from None


def _check_header(image: Image.Image, limits: ImageLimits) -> None:
    width, height = image.size
    if width * height > limits.max_pixels:
        raise ImageProblem("too_large", f"{width}x{height} = {width * height:,} pixels, over the limit of "
                                        f"{limits.max_pixels:,}")
    if min(width, height) < limits.min_side:
        raise ImageProblem("too_small", f"{width}x{height} pixels, under {limits.min_side} on a side")
    if image.mode in _NO_RGB_MODES:
        raise ImageProblem("pixel_format", f"pixels of mode {image.mode} (32-bit floats) have no known range")
    frames = 1 if image.format in FIRST_FRAME_FORMATS else _frames(image)
    if frames > 1:
        raise ImageProblem("animated", f"an animated {image.format} of {frames} frames")


@contextmanager
def open_image(path: str | Path, limits: ImageLimits = DEFAULT_LIMITS) -> Iterator[Image.Image]:
    """The opened image, its file, format, size and frames checked, nothing decoded yet (``draft``/``decode`` next).

    Raises ``ImageProblem``; the file stays open until the block ends.
    """
    path = Path(path)
    _check_file(path)
    try:
        handle = open(path, "rb")
    except OSError as exc:  # permissions, or the file went away
        raise ImageProblem("unreadable_file", exc.strerror or type(exc).__name__) from None
    with handle:
        image = _identify(handle)
        with image:
            _check_header(image, limits)
            yield image


def draft(image: Image.Image, size: tuple[int, int]) -> tuple[int, int, int, int] | None:
    """Let libjpeg decode at 1/2, 1/4 or 1/8 scale, still at least ``size``: the box of the original image in
    decoded pixels, or None where the format cannot (everything but JPEG)."""
    try:
        drafted = image.draft(None, size)
    except Exception as exc:  # noqa: BLE001 - Pillow on hostile JPEG headers
        raise _pixel_problem(exc) from None
    return drafted[1] if drafted is not None else None


def decode(image: Image.Image) -> None:
    """Decode the pixels (of the first frame); truncated or corrupt data raises ``ImageProblem('damaged')``."""
    try:
        image.load()
    except Exception as exc:  # noqa: BLE001 - every Pillow decoder has its own exception types
        raise _pixel_problem(exc) from None


def _high_byte(image: Image.Image) -> Image.Image:
    """16-bit grey to 8-bit: the high byte, as Pillow keeps for 16-bit RGB."""
    pixels = np.asarray(image).astype(np.int64)
    return Image.fromarray((np.clip(pixels, 0, 65535) >> 8).astype(np.uint8), "L")


def to_rgb(image: Image.Image) -> Image.Image:
    """8-bit RGB, whatever the pixel format (see the module's docstring)."""
    mode = image.mode
    try:
        if mode == "RGB":
            return image
        if mode in _ALPHA_MODES or (mode == "P" and "transparency" in image.info):
            rgba = image.convert("RGBA")
            return Image.alpha_composite(Image.new("RGBA", rgba.size, (0, 0, 0, 255)), rgba).convert("RGB")
        if mode.startswith("I;16") or mode == "I":
            return _high_byte(image).convert("RGB")
        return image.convert("RGB")
    except ValueError as exc:  # Pillow has no conversion from this mode
        raise ImageProblem("pixel_format", f"pixel format {mode}: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - a conversion can still decode lazily (palette, CMYK tables)
        raise _pixel_problem(exc) from None


def exif_orientation(image: Image.Image) -> int:
    """The EXIF orientation (1-8), 1 where there is none or it cannot be read: the pixels decide, not the tags."""
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except Exception:  # noqa: BLE001 - corrupt EXIF blocks raise anything; a picture without its tag stays usable
        return 1
    return value if isinstance(value, int) and value in _ORIENTATION else 1


def upright(image: Image.Image, orientation: int) -> Image.Image:
    """The image turned as its EXIF orientation says (taken before resizing: a resized image has no EXIF)."""
    method = _ORIENTATION.get(orientation)
    return image if method is None else image.transpose(method)


def read_rgb(path: str | Path, limits: ImageLimits = DEFAULT_LIMITS) -> Image.Image:
    """The whole image, decoded, upright, 8-bit RGB; ``ImageProblem`` for any file that is not a usable picture."""
    with open_image(path, limits) as image:
        orientation = exif_orientation(image)
        decode(image)
        rgb = to_rgb(image)  # decoded: usable after the file is closed
    return upright(rgb, orientation)


def check_file_image(path: str | Path, mode: str = "full", limits: ImageLimits = DEFAULT_LIMITS) -> None:
    """Raise ``ImageProblem`` unless ``path`` reads as an image. ``mode``: 'header' (file, format, size, frames and
    Pillow's structural ``verify``) or 'full' (decodes, at 1/8 scale for JPEG: truncation is still caught)."""
    with open_image(path, limits) as image:
        if mode == "header":
            try:
                image.verify()
            except Exception as exc:  # noqa: BLE001 - as decode()
                raise _pixel_problem(exc) from None
            return
        draft(image, (max(1, image.width // 8), max(1, image.height // 8)))
        decode(image)
        to_rgb(image)
