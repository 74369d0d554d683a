"""Page images: PNG, JPEG and (multi-page) TIFF files, and PDF pages rendered with pdfium.

Every way an image can be unusable ends in a coded error here: too many pixels (a decompression bomb is
refused before it is decoded), too few, damaged or truncated data.
"""

from __future__ import annotations

import io
import math
import warnings
from dataclasses import dataclass, field, replace

import regex
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

from ..errors import Errors, ReportParseError
from .options import OcrOptions

__all__ = ["PageImage", "IMAGE_MAGIC", "IMAGE_SUFFIXES", "is_image", "open_image_pages", "render_pdf_pages"]

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")  # PNG, JPEG, TIFF (both orders)
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
_ASSUMED_DPI = 300.0  # when a file does not say (or says something absurd, as phones' 72)
_PLAUSIBLE_DPI = (100.0, 1200.0)
# Pillow's own errors for bad data; a truncated file surfaces as OSError, odd headers as the others.
_DECODE_ERRORS = (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError, IndexError, KeyError,
                  TypeError, ZeroDivisionError, MemoryError)


@dataclass(frozen=True)
class PageImage:
    """One page to read: the image, its resolution (pixels per inch: points are ``px * 72 / dpi``), and notes on
    what preparation did to it ("turned 180°")."""

    image: Image.Image
    dpi: float
    number: int  # 1-based page number in the document
    source: str = "<input>"
    notes: tuple[str, ...] = field(default=())

    def with_image(self, image: Image.Image, *, dpi: float | None = None, note: str | None = None) -> PageImage:
        return replace(self, image=image, dpi=dpi or self.dpi, notes=self.notes + ((note,) if note else ()))


def is_image(data: bytes) -> bool:
    return data.startswith(IMAGE_MAGIC)


def _check_size(size: tuple[int, int], source: str, options: OcrOptions) -> None:
    width, height = size
    if width * height > options.max_pixels:
        raise ReportParseError(Errors.E037, path=source, detail=f"{width}x{height} = {width * height:,} pixels",
                               limit=options.max_pixels)
    if min(width, height) < options.min_side:
        raise ReportParseError(Errors.E038, path=source, width=width, height=height, minimum=options.min_side)


def _dpi(info: dict) -> float:
    dpi = info.get("dpi")
    try:
        value = float(dpi[0] if isinstance(dpi, tuple) else dpi)
    except (TypeError, ValueError, IndexError):
        return _ASSUMED_DPI
    return value if _PLAUSIBLE_DPI[0] <= value <= _PLAUSIBLE_DPI[1] else _ASSUMED_DPI


def _flatten(image: Image.Image) -> Image.Image:
    """RGB or L, transparency on white paper (a transparent PNG would otherwise read as black)."""
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(paper, rgba).convert("RGB")
    if image.mode in ("L", "RGB"):
        return image
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return ImageOps.autocontrast(image.convert("I").point(lambda v: v / 256).convert("L"))
    return image.convert("RGB")


def _bomb(exc: Exception, source: str, options: OcrOptions) -> ReportParseError:
    """Pillow's own guard went off first (over about 90 million pixels): say how many pixels, as ours does."""
    found = regex.search(r"\((\d+) pixels\)", str(exc))
    detail = f"{int(found.group(1)):,} pixels" if found else str(exc)
    return ReportParseError(Errors.E037, path=source, detail=detail, limit=options.max_pixels)


def _open(data: bytes, source: str, options: OcrOptions) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)  # "Corrupt EXIF data": the pixels decide, below
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(exc, source, options) from None
    except _DECODE_ERRORS as exc:
        raise ReportParseError(Errors.E039, path=source, detail=str(exc) or type(exc).__name__) from None
    return image


def open_image_pages(data: bytes, source: str, options: OcrOptions) -> list[PageImage]:
    """Every frame of a PNG, JPEG or TIFF file, upright as its EXIF says, on white; coded errors for bad data."""
    image = _open(data, source, options)
    pages: list[PageImage] = []
    try:
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            _check_size(frame.size, source, options)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", UserWarning)
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                upright = ImageOps.exif_transpose(frame.copy())  # copy() decodes: truncated data fails here
            pages.append(PageImage(_flatten(upright), _dpi(frame.info), number, source))
    except ReportParseError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise _bomb(exc, source, options) from None
    except _DECODE_ERRORS as exc:
        detail = str(exc) or type(exc).__name__
        where = f"page {len(pages) + 1}: " if pages else ""
        raise ReportParseError(Errors.E039, path=source, detail=where + detail) from None
    return pages


def render_pdf_pages(data: bytes, numbers: list[int], source: str, options: OcrOptions) -> list[PageImage]:
    """PDF pages (1-based ``numbers``) rendered in grey at ``options.dpi``, less for pages too large for
    ``max_pixels``; coordinates then map back to PDF points exactly (``px * 72 / dpi``)."""
    from ..layout.pdfium_engine import PDFIUM_LOCK

    with PDFIUM_LOCK:  # pdfium is not thread-safe
        return _render_pdf_pages(data, numbers, source, options)


def _render_pdf_pages(data: bytes, numbers: list[int], source: str, options: OcrOptions) -> list[PageImage]:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except (pdfium.PdfiumError, ValueError, OSError) as exc:
        raise ReportParseError(Errors.E004, path=source, detail=f"pdfium: {exc}") from None
    pages = []
    try:
        for number in numbers:
            page = document[number - 1]
            width, height = page.get_size()  # points
            fit = 0.99 * 72 * math.sqrt(options.max_pixels / max(width * height, 1.0))  # pdfium rounds sizes up
            dpi = min(float(options.dpi), fit)
            bitmap = page.render(scale=dpi / 72, grayscale=True)
            pages.append(PageImage(bitmap.to_pil().convert("L"), dpi, number, source))
            page.close()
    except (pdfium.PdfiumError, ValueError, IndexError) as exc:
        raise ReportParseError(Errors.E004, path=source, detail=f"pdfium could not render a page: {exc}") from None
    finally:
        document.close()
    return pages
