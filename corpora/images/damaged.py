"""Image files as readers meet them in the wild, each with what reading it must give: a picture or a named problem.

Every case is drawn here (a lesion from ``fake.draw_lesion``, saved in the format under test), never copied from
real data. ``damaged_cases()`` lists them; ``case.write(folder)`` puts one on disk and returns its path;
``case.expect`` is ``"ok"`` or a problem kind of ``corpora.images.decode.PROBLEMS``, and ``case.size`` the (width,
height) an ``"ok"`` case reads as (upright). Used by the readers' tests and by ``benchmarks/fuzz_images.py``, which
also mutates the ``"ok"`` cases' bytes.
"""

from __future__ import annotations

import io
import os
import random
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
from PIL import Image

from .fake import draw_lesion

__all__ = ["DamagedCase", "damaged_cases", "lesion", "png_bytes", "tiff_rgb16_bytes", "encode"]

SIZE = (64, 48)  # (width, height) of the drawn cases


@dataclass(frozen=True)
class DamagedCase:
    name: str
    expect: str  # "ok" or a key of corpora.images.decode.PROBLEMS
    write: Callable[[Path], Path]  # writes the case into a folder, returns its path
    size: tuple[int, int] | None = None  # (width, height) an "ok" case reads as


def lesion(seed: int = 0, size: tuple[int, int] = SIZE) -> Image.Image:
    return draw_lesion("melanoma", random.Random(seed), size)


def encode(image: Image.Image, fmt: str, **options) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_bytes(width: int, height: int, colour_type: int, depth: int, rows: bytes) -> bytes:
    """A PNG with exactly this header and these (filtered) rows: any size it declares, whatever data follows."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, depth, colour_type, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def _rgb16_rows(array: np.ndarray) -> bytes:
    big = array.astype(">u2")
    return b"".join(b"\x00" + big[y].tobytes() for y in range(big.shape[0]))


def tiff_rgb16_bytes(array: np.ndarray) -> bytes:
    """An uncompressed little-endian TIFF of 16-bit RGB samples (Pillow writes no 48-bit TIFF)."""
    h, w, _ = array.shape
    data = array.astype("<u2").tobytes()
    entries = [(256, 3, 1, w), (257, 3, 1, h), (258, 3, 3, "bps"), (259, 3, 1, 1), (262, 3, 1, 2),
               (273, 4, 1, "data"), (277, 3, 1, 3), (278, 3, 1, h), (279, 4, 1, len(data)), (284, 3, 1, 1)]
    ifd = 8
    bps = ifd + 2 + 12 * len(entries) + 4
    offsets = {"bps": bps, "data": bps + 6}
    out = bytearray(b"II*\x00" + struct.pack("<I", ifd) + struct.pack("<H", len(entries)))
    for tag, kind, count, value in entries:
        value = offsets.get(value, value) if isinstance(value, str) else value
        out += struct.pack("<HHIHH", tag, kind, count, value, 0) if kind == 3 and count == 1 else \
            struct.pack("<HHII", tag, kind, count, value)
    return bytes(out + struct.pack("<I", 0) + struct.pack("<HHH", 16, 16, 16) + data)


def _bytes_case(name: str, expect: str, make: Callable[[], bytes], filename: str,
                size: tuple[int, int] | None = SIZE) -> DamagedCase:
    def write(folder: Path) -> Path:
        path = Path(folder) / filename
        path.write_bytes(make())
        return path

    return DamagedCase(name, expect, write, size if expect == "ok" else None)


def _jpeg() -> bytes:
    return encode(lesion(), "JPEG", quality=90)


def _png() -> bytes:
    return encode(lesion(), "PNG")


def _grey16() -> bytes:
    grey = np.asarray(lesion().convert("L"), dtype=np.uint16) * 257  # 8-bit levels spread over 16 bits
    return encode(Image.fromarray(grey), "PNG")


def _rgb16() -> np.ndarray:
    return np.asarray(lesion(), dtype=np.uint16) * 257


def _with_alpha(mode: str) -> bytes:
    image = lesion().convert(mode)
    return encode(image, "PNG")


def _palette_transparent() -> bytes:
    image = lesion().convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    return encode(image, "PNG", transparency=0)


def _frames() -> list[Image.Image]:
    return [lesion(seed) for seed in range(3)]


def _animated(fmt: str) -> bytes:
    first, *rest = _frames()
    return encode(first, fmt, save_all=True, append_images=rest)


def _bomb_gif() -> bytes:
    """A 65535x65535 GIF in 35 bytes: a screen and one frame of that size, a few LZW codes of data."""
    size = struct.pack("<HH", 65535, 65535)
    screen = size + b"\x80\x00\x00" + b"\x00\x00\x00\xff\xff\xff"  # global 2-colour table
    frame = b"," + struct.pack("<HH", 0, 0) + size + b"\x00" + b"\x02\x02\x44\x01\x00"
    return b"GIF89a" + screen + frame + b";"


def _exif_rotated() -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90 degrees clockwise to view
    return encode(lesion(), "JPEG", exif=exif)


def _float_tiff() -> bytes:
    return encode(Image.fromarray(np.asarray(lesion().convert("L"), dtype=np.float32) / 255, "F"), "TIFF")


def _multipage_tiff(folder: Path) -> Path:
    path = Path(folder) / "pages.tif"  # Pillow cannot save several TIFF pages to memory
    first, *rest = _frames()
    first.save(path, save_all=True, append_images=rest)
    return path


def _folder(folder: Path) -> Path:
    path = Path(folder) / "folder.jpg"
    path.mkdir()
    return path


def _missing(folder: Path) -> Path:
    return Path(folder) / "missing.jpg"


def _no_permission(folder: Path) -> Path:
    path = Path(folder) / "locked.jpg"
    path.write_bytes(_jpeg())
    path.chmod(0)
    return path


def _pipe(folder: Path) -> Path:
    path = Path(folder) / "pipe.jpg"
    os.mkfifo(path)
    return path


def _symlink_loop(folder: Path) -> Path:
    path = Path(folder) / "loop.jpg"
    path.symlink_to(path.name)
    return path


def _is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def damaged_cases() -> list[DamagedCase]:
    """Every case, in a fixed order."""
    w, h = SIZE
    cases = [
        _bytes_case("jpeg", "ok", _jpeg, "lesion.jpg"),
        _bytes_case("png", "ok", _png, "lesion.png"),
        _bytes_case("bmp", "ok", lambda: encode(lesion(), "BMP"), "lesion.bmp"),
        _bytes_case("webp", "ok", lambda: encode(lesion(), "WEBP", lossless=True), "lesion.webp"),
        _bytes_case("png_named_jpg", "ok", _png, "png.jpg"),
        _bytes_case("still_gif_named_jpg", "ok", lambda: encode(lesion(), "GIF"), "still.jpg"),
        _bytes_case("cmyk_jpeg", "ok", lambda: encode(lesion().convert("CMYK"), "JPEG"), "cmyk.jpg"),
        _bytes_case("grey_jpeg", "ok", lambda: encode(lesion().convert("L"), "JPEG"), "grey.jpg"),
        _bytes_case("png_16bit_grey", "ok", _grey16, "grey16.png"),
        _bytes_case("png_16bit_rgb", "ok", lambda: png_bytes(w, h, 2, 16, _rgb16_rows(_rgb16())), "rgb16.png"),
        _bytes_case("tiff_16bit_rgb", "ok", lambda: tiff_rgb16_bytes(_rgb16()), "rgb16.tif"),
        _bytes_case("palette_png", "ok", lambda: encode(lesion().convert("P"), "PNG"), "palette.png"),
        _bytes_case("palette_transparent_png", "ok", _palette_transparent, "palette_alpha.png"),
        _bytes_case("la_png", "ok", lambda: _with_alpha("LA"), "la.png"),
        _bytes_case("rgba_png", "ok", lambda: _with_alpha("RGBA"), "rgba.png"),
        _bytes_case("bilevel_png", "ok", lambda: encode(lesion().convert("1"), "PNG"), "bilevel.png"),
        _bytes_case("mpo", "ok", lambda: _animated("MPO"), "camera.jpg"),
        DamagedCase("multipage_tiff", "ok", _multipage_tiff, SIZE),
        _bytes_case("exif_rotated_jpeg", "ok", _exif_rotated, "rotated.jpg", (h, w)),
        _bytes_case("truncated_jpeg", "damaged", lambda: _jpeg()[: len(_jpeg()) // 2], "truncated.jpg"),
        _bytes_case("truncated_png", "damaged", lambda: _png()[: len(_png()) // 2], "truncated.png"),
        _bytes_case("header_only_jpeg", "damaged", lambda: _jpeg()[:200], "header.jpg"),
        _bytes_case("zero_bytes", "empty", lambda: b"", "empty.jpg"),
        _bytes_case("one_by_one", "too_small", lambda: encode(Image.new("RGB", (1, 1)), "PNG"), "dot.png"),
        _bytes_case("thin_strip", "too_small", lambda: encode(Image.new("RGB", (4000, 3)), "PNG"), "strip.png"),
        _bytes_case("bomb_png_20000", "too_large", lambda: png_bytes(20000, 20000, 2, 8, b""), "bomb.png"),
        _bytes_case("bomb_png_9000", "too_large", lambda: png_bytes(9000, 9000, 2, 8, b""), "bomb9000.png"),
        _bytes_case("bomb_gif", "too_large", _bomb_gif, "bomb.gif"),
        _bytes_case("animated_gif_named_jpg", "animated", lambda: _animated("GIF"), "animated.jpg"),
        _bytes_case("apng_named_jpg", "animated", lambda: _animated("PNG"), "apng.jpg"),
        _bytes_case("animated_webp", "animated", lambda: _animated("WEBP"), "animated.webp"),
        _bytes_case("float_tiff", "pixel_format", _float_tiff, "float.tif"),
        _bytes_case("text_named_jpg", "not_an_image", lambda: b"patient: 12\nlesion: back\n" * 20, "notes.jpg"),
        _bytes_case("eps_named_jpg", "not_an_image",
                    lambda: b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 64 48\nshowpage\n", "vector.jpg"),
        _bytes_case("html_named_png", "not_an_image", lambda: b"<!DOCTYPE html><html>404</html>", "page.png"),
        DamagedCase("folder_named_jpg", "unreadable_file", _folder),
        DamagedCase("missing_file", "unreadable_file", _missing),
        DamagedCase("pipe_named_jpg", "unreadable_file", _pipe),
        DamagedCase("symlink_loop", "unreadable_file", _symlink_loop),
        # root reads any file whatever its permissions
        DamagedCase("no_permission", "ok" if _is_root() else "unreadable_file", _no_permission,
                    SIZE if _is_root() else None),
    ]
    return cases
