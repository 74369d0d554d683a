"""Scan and photo damage: one small function per damage, every random draw from the generator it is given.

Each function is ``f(img, rng, dpi, **params) -> (img, drawn)``: ``img`` an RGB page, ``rng`` a seeded
:class:`numpy.random.Generator`, ``dpi`` the page's resolution (lengths are given in millimetres, so a damage
looks the same at any dpi) and ``drawn`` the parameters actually used, JSON-ready, for the manifest.  A
parameter given as a ``(low, high)`` pair is drawn uniformly; anything else is used as it is.  Only numpy,
Pillow and scipy.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .presets import DESK_COLOURS, FAX_SENDERS, INK_COLOURS, PEN_COLOURS, STAMP_RING_TEXTS, STAMP_TEXTS

__all__ = ["DAMAGES", "gaussian_blur", "motion_blur", "gaussian_noise", "salt_pepper", "jpeg", "skew",
           "perspective", "lighting", "binarise", "downscale", "paper", "stamp", "handwriting", "fax_header",
           "word_boxes"]

Damage = Callable[..., tuple[Image.Image, dict[str, Any]]]
_WHITE = (255, 255, 255)
_FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")


# -- helpers -------------------------------------------------------------------------------------------------

def _draw(rng: np.random.Generator, value: Any) -> Any:
    """A ``(low, high)`` pair drawn uniformly (integers when both ends are ints), anything else as is."""
    if isinstance(value, tuple) and len(value) == 2:
        low, high = value
        if isinstance(low, int) and isinstance(high, int):
            return int(rng.integers(low, high + 1))
        return round(float(rng.uniform(low, high)), 4)
    return value


def _px(mm: float, dpi: float) -> float:
    return mm * dpi / 25.4


def _array(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("RGB"), dtype=np.float32)


def _image(arr: np.ndarray) -> Image.Image:
    return Image.fromarray(np.clip(arr + 0.5, 0, 255).astype(np.uint8), "RGB")


def _smooth_field(rng: np.random.Generator, size: tuple[int, int], cells: int) -> np.ndarray:
    """Smooth noise in [0, 1] of ``size`` (w, h): a coarse random grid upscaled bilinearly (fast at any size)."""
    w, h = size
    grid = rng.random((max(2, round(cells * h / max(w, h))), max(2, round(cells * w / max(w, h)))), dtype=np.float32)
    return np.asarray(Image.fromarray(grid, "F").resize((w, h), Image.BILINEAR))


def _ink(img: Image.Image, alpha: np.ndarray, colour: tuple[int, int, int], box: tuple[int, int]) -> Image.Image:
    """Lay ink of ``colour`` with coverage ``alpha`` (0-1) at ``box`` (left, top): ink darkens, it never lightens
    (multiplicative, as a transparent dye over print)."""
    x, y = box
    h, w = alpha.shape
    x0, y0, x1, y1 = max(x, 0), max(y, 0), min(x + w, img.width), min(y + h, img.height)
    if x1 <= x0 or y1 <= y0:
        return img
    a = alpha[y0 - y:y1 - y, x0 - x:x1 - x, None]
    tint = np.asarray(colour, dtype=np.float32) / 255.0
    region = _array(img.crop((x0, y0, x1, y1)))
    out = img.copy()
    out.paste(_image(region * (1.0 - a * (1.0 - tint))), (x0, y0))
    return out


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, end) of each run of True in a 1-D mask."""
    edges = np.flatnonzero(np.diff(np.concatenate(([0], mask.astype(np.int8), [0]))))
    return list(zip(edges[::2].tolist(), edges[1::2].tolist()))


def word_boxes(img: Image.Image, dpi: int) -> list[tuple[int, int, int, int]]:
    """Boxes (x0, y0, x1, y1) of printed words or cells: ink at ~75 dpi cut into text lines by the row profile,
    and each line into runs of ink whose gaps are under 1.5 mm (a number, even in Courier, is one box; a
    column gap splits)."""
    from scipy.ndimage import binary_closing

    f = max(1, round(dpi / 75))
    g = np.asarray(img.convert("L"))
    h, w = g.shape[0] // f * f, g.shape[1] // f * f
    ink = g[:h, :w].reshape(h // f, f, w // f, f).min(axis=(1, 3)) < 128
    gap = max(2, round(_px(1.5, dpi / f))) + 1  # closing with a run of g bridges gaps of g - 1
    boxes = []
    for y0, y1 in _runs(ink.any(axis=1)):
        cols = binary_closing(np.pad(ink[y0:y1].any(axis=0), gap), structure=np.ones(gap, bool))[gap:-gap]
        boxes += [(x0 * f, y0 * f, x1 * f, y1 * f) for x0, x1 in _runs(cols)]
    return boxes


@lru_cache(maxsize=64)
def _font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return ImageFont.truetype(str(path), size) if path.exists() else ImageFont.load_default(size)


# -- optics and sensor ---------------------------------------------------------------------------------------

def gaussian_blur(img: Image.Image, rng: np.random.Generator, dpi: int, *,
                  sigma_mm: Any = (0.05, 0.12)) -> tuple[Image.Image, dict[str, Any]]:
    """Defocus or a soft scanner lens: gaussian blur of ``sigma_mm`` on the page."""
    from PIL import ImageFilter

    sigma = _draw(rng, sigma_mm)
    return img.filter(ImageFilter.GaussianBlur(_px(sigma, dpi))), {"sigma_mm": sigma}


def motion_blur(img: Image.Image, rng: np.random.Generator, dpi: int, *, length_mm: Any = (0.3, 1.0),
                angle: Any = (0.0, 180.0)) -> tuple[Image.Image, dict[str, Any]]:
    """Hand shake: the mean of the page shifted along a line of ``length_mm`` at ``angle`` degrees.  Integer
    shifts summed in uint16 (no full 2-D convolution, which is far too slow at 300 dpi)."""
    length, theta = _draw(rng, length_mm), _draw(rng, angle)
    taps = max(2, round(_px(length, dpi)) + 1)
    dx, dy = math.cos(math.radians(theta)), -math.sin(math.radians(theta))
    shifts = {(round((k - (taps - 1) / 2) * dx), round((k - (taps - 1) / 2) * dy)) for k in range(taps)}
    pad = taps // 2 + 1
    src = np.pad(np.asarray(img.convert("RGB")), ((pad, pad), (pad, pad), (0, 0)), mode="edge")
    h, w = img.height, img.width
    acc = np.zeros((h, w, 3), np.uint16)
    for sx, sy in shifts:
        acc += src[pad + sy:pad + sy + h, pad + sx:pad + sx + w]
    out = Image.fromarray((acc / len(shifts) + 0.5).astype(np.uint8), "RGB")
    return out, {"length_mm": length, "angle": theta}


def gaussian_noise(img: Image.Image, rng: np.random.Generator, dpi: int, *,
                   sigma: Any = (4.0, 12.0)) -> tuple[Image.Image, dict[str, Any]]:
    """Sensor noise of ``sigma`` grey levels, the same on the three channels (scanner noise is mostly in
    luminance; it also keeps a grey page grey)."""
    s = _draw(rng, sigma)
    noise = rng.standard_normal((img.height, img.width), dtype=np.float32) * np.float32(s)
    return _image(_array(img) + noise[..., None]), {"sigma": s}


def salt_pepper(img: Image.Image, rng: np.random.Generator, dpi: int, *, amount: Any = (0.0005, 0.002),
                size_mm: Any = 0.1) -> tuple[Image.Image, dict[str, Any]]:
    """Dust and toner specks: a share ``amount`` of the page's dot positions set black or white, each a square
    of ``size_mm`` (a single pixel at low dpi, a small blot at 300)."""
    share, size = _draw(rng, amount), _draw(rng, size_mm)
    side = max(1, round(_px(size, dpi)))
    gw, gh = -(-img.width // side), -(-img.height // side)
    count = int(share * gw * gh)
    cells = rng.integers(0, gw * gh, count)
    salt = rng.random(count) < 0.5
    grid = np.zeros((gh, gw), np.int8)
    grid.flat[cells] = np.where(salt, 1, -1)
    grid = np.repeat(np.repeat(grid, side, axis=0), side, axis=1)[:img.height, :img.width]
    arr = np.asarray(img.convert("RGB")).copy()
    arr[grid == 1], arr[grid == -1] = 255, 0
    return Image.fromarray(arr, "RGB"), {"amount": share, "size_mm": size, "specks": count}


def jpeg(img: Image.Image, rng: np.random.Generator, dpi: int, *,
         quality: Any = 60) -> tuple[Image.Image, dict[str, Any]]:
    """JPEG artefacts: encoded at ``quality`` (4:2:0 chroma, as cameras and scanners save) and decoded again."""
    q = int(_draw(rng, quality))
    buffer = io.BytesIO()
    img.convert("RGB").save(buffer, "JPEG", quality=q)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"), {"quality": q, "bytes": buffer.tell()}


def downscale(img: Image.Image, rng: np.random.Generator, dpi: int, *, to_dpi: Any = (100.0, 150.0),
              vertical_dpi: Any = None, restore: str = "bilinear") -> tuple[Image.Image, dict[str, Any]]:
    """The detail of a capture at ``to_dpi`` (``vertical_dpi`` for fax's 204x98): area-averaged down, as a sensor
    does, and brought back to the page's size (``restore`` "nearest" replicates pixels, as fax software does)."""
    horizontal = _draw(rng, to_dpi)
    vertical = _draw(rng, vertical_dpi) if vertical_dpi is not None else horizontal
    small = (max(1, round(img.width * horizontal / dpi)), max(1, round(img.height * vertical / dpi)))
    resample = Image.NEAREST if restore == "nearest" else Image.BILINEAR
    out = img.resize(small, Image.BOX).resize(img.size, resample)
    return out, {"to_dpi": horizontal, "vertical_dpi": vertical, "restore": restore}


def binarise(img: Image.Image, rng: np.random.Generator, dpi: int, *, threshold: Any = (0.45, 0.6),
             dither: bool = False) -> tuple[Image.Image, dict[str, Any]]:
    """Fax-like black and white: grey above ``threshold`` (0-1) is white; with ``dither`` Floyd-Steinberg
    error diffusion instead (the threshold then shifts the grey level it diffuses around)."""
    t = _draw(rng, threshold)
    grey = np.asarray(img.convert("L"), dtype=np.float32)
    if dither:  # PIL dithers around mid-grey: move the page's greys so that t lands there
        shifted = Image.fromarray(np.clip(grey + (0.5 - t) * 255, 0, 255).astype(np.uint8), "L")
        bw = shifted.convert("1", dither=Image.Dither.FLOYDSTEINBERG)
    else:
        bw = Image.fromarray(((grey >= t * 255) * 255).astype(np.uint8), "L")
    return bw.convert("RGB"), {"threshold": t, "dither": bool(dither)}


# -- geometry and light --------------------------------------------------------------------------------------

def skew(img: Image.Image, rng: np.random.Generator, dpi: int, *,
         degrees: Any = (-3.0, 3.0)) -> tuple[Image.Image, dict[str, Any]]:
    """The page rotated on the scanner bed by ``degrees`` (counter-clockwise positive), same size, white bed."""
    d = _draw(rng, degrees)
    return img.rotate(d, resample=Image.BICUBIC, expand=False, fillcolor=_WHITE), {"degrees": d}


def _perspective_coeffs(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients Pillow's PERSPECTIVE transform takes: they map output points ``dst`` to input ``src``."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows += [[x, y, 1, 0, 0, 0, -u * x, -u * y], [0, 0, 0, x, y, 1, -v * x, -v * y]]
        rhs += [u, v]
    return np.linalg.solve(np.asarray(rows, float), np.asarray(rhs, float)).tolist()


def perspective(img: Image.Image, rng: np.random.Generator, dpi: int, *, inset: Any = (0.02, 0.07),
                keystone: Any = (0.0, 0.06)) -> tuple[Image.Image, dict[str, Any]]:
    """A phone photo of the page on a desk: each corner pulled in by about ``inset`` of the frame, the far edge
    narrowed by ``keystone`` (the phone tilted towards the page's bottom), the desk showing around it."""
    w, h = img.size
    ks = _draw(rng, keystone)
    corners = []
    for cx, cy in ((0, 0), (1, 0), (1, 1), (0, 1)):
        ix, iy = _draw(rng, inset), _draw(rng, inset)
        ix += ks if cy == 0 else 0.0  # the top edge is farther from the lens
        corners.append((w * (ix if cx == 0 else 1 - ix), h * (iy if cy == 0 else 1 - iy)))
    src = [(0.0, 0.0), (w, 0.0), (w, h), (0.0, h)]
    desk = DESK_COLOURS[int(rng.integers(len(DESK_COLOURS)))]
    coeffs = _perspective_coeffs(src, corners)
    out = img.transform(img.size, Image.PERSPECTIVE, coeffs, resample=Image.BICUBIC, fillcolor=desk)
    return out, {"corners": [[round(x / w, 4), round(y / h, 4)] for x, y in corners], "keystone": ks,
                 "desk": list(desk)}


def lighting(img: Image.Image, rng: np.random.Generator, dpi: int, *, gradient: Any = (0.1, 0.3),
             vignette: Any = (0.1, 0.3), shadow: Any = (0.0, 0.35),
             warmth: Any = (0.0, 0.08)) -> tuple[Image.Image, dict[str, Any]]:
    """Uneven light: a linear fall-off of ``gradient`` in a random direction, a radial ``vignette``, a soft-edged
    shadow (a hand or the phone) darkening a corner by ``shadow``, and a ``warmth`` tint of indoor light.  The
    light field is computed at 1/8 size and upscaled: it is smooth, so nothing is lost."""
    g, v, s, warm = (_draw(rng, x) for x in (gradient, vignette, shadow, warmth))
    w8, h8 = max(2, img.width // 8), max(2, img.height // 8)
    yy, xx = np.mgrid[0:h8, 0:w8].astype(np.float32)
    xx, yy = xx / (w8 - 1) - 0.5, yy / (h8 - 1) - 0.5
    direction = float(rng.uniform(0, 2 * math.pi))
    along = xx * math.cos(direction) + yy * math.sin(direction)
    field = 1.0 - g * (along - along.min()) / max(float(np.ptp(along)), 1e-6)
    field *= 1.0 - v * (xx ** 2 + yy ** 2) / 0.5
    # Shadow: the half-plane beyond a line across one corner, its edge softened over ~1/20 of the page.
    corner = rng.integers(4)
    sx, sy = (1 if corner in (1, 2) else -1), (1 if corner in (2, 3) else -1)
    offset = float(rng.uniform(0.15, 0.45))
    depth = (xx * sx + yy * sy) / math.sqrt(2) - offset
    field *= 1.0 - s / (1.0 + np.exp(-depth * 40.0))
    big = np.asarray(Image.fromarray(field.astype(np.float32), "F").resize(img.size, Image.BILINEAR))
    tint = np.asarray([1.0, 1.0 - warm * 0.5, 1.0 - warm], dtype=np.float32)
    out = _image(_array(img) * big[..., None] * tint)
    return out, {"gradient": g, "vignette": v, "shadow": s, "shadow_corner": int(corner), "warmth": warm,
                 "direction_deg": round(math.degrees(direction), 1)}


# -- paper and what lands on it ------------------------------------------------------------------------------

def paper(img: Image.Image, rng: np.random.Generator, dpi: int, *, yellowing: Any = (0.03, 0.12),
          texture: Any = (0.01, 0.04)) -> tuple[Image.Image, dict[str, Any]]:
    """Old paper: a ``yellowing`` tint (blue falls most), blotchy over the page, and a fibre ``texture``
    (grain of ~0.3 mm and cloudy patches of a few cm), multiplied under the print."""
    y, t = _draw(rng, yellowing), _draw(rng, texture)
    size = img.size
    blotch = _smooth_field(rng, size, 6)
    grain = np.asarray(Image.fromarray(rng.random((max(2, round(size[1] / _px(0.3, dpi))),
                                                   max(2, round(size[0] / _px(0.3, dpi)))), dtype=np.float32),
                                       "F").resize(size, Image.BILINEAR))
    light = 1.0 - t * (0.6 * grain + 0.4 * _smooth_field(rng, size, 24))
    tone = y * (0.6 + 0.4 * blotch)
    arr = _array(img)
    arr *= light[..., None]
    arr[..., 1] *= 1.0 - 0.45 * tone
    arr[..., 2] *= 1.0 - tone
    return _image(arr), {"yellowing": y, "texture": t}


def _ring_text(mask: Image.Image, text: str, centre: float, radius: float, size: int) -> None:
    """Capitals around the ring of a round stamp, centred on the top, each letter upright to the rim; the font
    shrinks until the text fits 90% of the ring."""
    size = max(6, min(size, round(2 * math.pi * radius * 0.9 / (len(text) * 0.72))))
    font = _font(size)
    step = size * 0.72 / radius  # the arc one capital takes, in radians
    for k, ch in enumerate(text):
        phi = (k - (len(text) - 1) / 2) * step  # clockwise from the top
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), ch, fill=255, font=font, anchor="mm")
        glyph = glyph.rotate(-math.degrees(phi), resample=Image.BILINEAR)
        gx, gy = centre + radius * math.sin(phi) - size, centre - radius * math.cos(phi) - size
        mask.paste(255, (round(gx), round(gy)), glyph)


def _stamp_mask(rng: np.random.Generator, dpi: int, diameter_mm: float) -> tuple[Image.Image, dict[str, Any]]:
    """The stamp's shape as a grey mask (255 = ink): a round stamp with ring text, or a double-ruled box."""
    lines = STAMP_TEXTS[int(rng.integers(len(STAMP_TEXTS)))]
    side = round(_px(diameter_mm, dpi))
    rule = max(2, round(_px(0.6, dpi)))
    if rng.random() < 0.5:
        ring = STAMP_RING_TEXTS[int(rng.integers(len(STAMP_RING_TEXTS)))]
        mask = Image.new("L", (side, side), 0)
        draw = ImageDraw.Draw(mask)
        r = side / 2
        draw.ellipse((rule, rule, side - rule, side - rule), outline=255, width=rule)
        inner = r * 0.66
        draw.ellipse((r - inner, r - inner, r + inner, r + inner), outline=255, width=max(1, rule // 2))
        _ring_text(mask, f"• {ring} •", r, (r + inner) / 2, max(6, round((r - inner) * 0.5)))
        size = max(6, round(inner * 0.45))
        widest = max(_font(size).getlength(t) for t in lines)
        font = _font(max(6, round(size * min(1.0, 1.5 * inner / widest))))  # fit inside the inner circle
        for i, text in enumerate(lines):
            dy = (i - (len(lines) - 1) / 2) * font.size * 1.2
            draw.text((r, r + dy), text, fill=255, font=font, anchor="mm")
        return mask, {"shape": "round", "text": " / ".join(lines), "ring": ring}
    font = _font(round(_px(diameter_mm * 0.16, dpi)))
    widths = [font.getlength(t) for t in lines]
    pad = round(font.size * 0.6)
    w, h = round(max(widths)) + 2 * pad + 4 * rule, round(len(lines) * font.size * 1.25) + 2 * pad + 4 * rule
    mask = Image.new("L", (w, h), 0)
    draw = ImageDraw.Draw(mask)
    draw.rectangle((0, 0, w - 1, h - 1), outline=255, width=rule)
    draw.rectangle((2 * rule, 2 * rule, w - 1 - 2 * rule, h - 1 - 2 * rule), outline=255, width=max(1, rule // 2))
    for i, text in enumerate(lines):
        dy = (i - (len(lines) - 1) / 2) * font.size * 1.25
        draw.text((w / 2, h / 2 + dy), text, fill=255, font=font, anchor="mm")
    return mask, {"shape": "box", "text": " / ".join(lines)}


def stamp(img: Image.Image, rng: np.random.Generator, dpi: int, *, count: Any = 1, opacity: Any = (0.55, 0.85),
          diameter_mm: Any = (28.0, 40.0)) -> tuple[Image.Image, dict[str, Any]]:
    """``count`` rubber stamps over the printed text: round (ring text) or boxed, in stamp-pad ink, tilted,
    with patchy coverage (a stamp never inks evenly) at ``opacity``, so the print shows through."""
    boxes = word_boxes(img, dpi)
    stamps = []
    for _ in range(int(_draw(rng, count))):
        mask, info = _stamp_mask(rng, dpi, _draw(rng, diameter_mm))
        angle = round(float(rng.uniform(-30, 30)), 1)
        mask = mask.rotate(angle, resample=Image.BILINEAR, expand=True)
        a = _draw(rng, opacity)
        coverage = np.asarray(mask, dtype=np.float32) / 255.0
        coverage *= 0.45 + 0.55 * _smooth_field(rng, mask.size, 5) ** 0.5
        coverage *= rng.random(coverage.shape, dtype=np.float32) > 0.08  # dry spots in the ink
        x0, y0, x1, y1 = boxes[int(rng.integers(len(boxes)))] if boxes else (0, 0, img.width, img.height)
        cx, cy = (x0 + x1) / 2 + rng.normal(0, mask.width / 6), (y0 + y1) / 2 + rng.normal(0, mask.height / 6)
        colour = INK_COLOURS[int(rng.integers(len(INK_COLOURS)))]
        left, top = round(cx - mask.width / 2), round(cy - mask.height / 2)
        img = _ink(img, coverage * a, colour, (left, top))
        stamps.append({**info, "angle": angle, "opacity": a, "colour": list(colour), "centre": [round(cx), round(cy)]})
    return img, {"stamps": stamps}


def _bezier(points: np.ndarray, n: int = 24) -> np.ndarray:
    """Points along the Bezier curve with control ``points`` (k x 2), by Bernstein polynomials."""
    k = len(points) - 1
    t = np.linspace(0.0, 1.0, n)[:, None]
    weights = np.stack([math.comb(k, i) * t[:, 0] ** i * (1 - t[:, 0]) ** (k - i) for i in range(k + 1)], axis=1)
    return weights @ points


def _mark_strokes(kind: str, box: tuple[int, int, int, int], rng: np.random.Generator, unit: float,
                  right_of: float) -> list[np.ndarray]:
    """Polylines of one pen mark near ``box``; ``unit`` is a millimetre in pixels, ``right_of`` where the free
    space right of the box's row begins."""
    x0, y0, x1, y1 = box
    h = max(y1 - y0, 2 * unit)
    jitter = lambda p, s: p + rng.normal(0, s * unit, p.shape)  # noqa: E731 - a hand never draws the same line twice
    if kind == "circle":  # round a value: an ellipse that overshoots its start, its radius wandering
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        rx, ry = (x1 - x0) / 2 + rng.uniform(1.5, 3) * unit, h / 2 + rng.uniform(1.2, 2.5) * unit
        start = rng.uniform(0, 2 * math.pi)
        t = np.linspace(start, start + 2 * math.pi + rng.uniform(0.2, 0.6), 64)
        wobble = 1 + 0.06 * np.sin(t * rng.uniform(1.5, 2.5) + rng.uniform(0, 6))
        return [np.stack([cx + rx * wobble * np.cos(t), cy + ry * wobble * np.sin(t)], axis=1)]
    if kind == "underline":
        left, right = x0 - rng.uniform(0, 2) * unit, x1 + rng.uniform(0, 3) * unit
        y = y1 + rng.uniform(0.1, 0.6) * unit  # just under the baseline: rows are ~4 mm apart
        ctrl = np.array([[left, y], [left + (right - left) / 3, y], [left + 2 * (right - left) / 3, y], [right, y]])
        return [_bezier(jitter(ctrl, 0.6))]
    if kind == "tick":  # a check mark just right of the value
        s = rng.uniform(2.5, 4.5) * unit
        bx, by = x1 + rng.uniform(2, 5) * unit, (y0 + y1) / 2
        ctrl = np.array([[bx, by - 0.1 * s], [bx + 0.3 * s, by + 0.5 * s], [bx + 0.5 * s, by + 0.3 * s],
                         [bx + 1.1 * s, by - 0.9 * s]])
        return [_bezier(jitter(ctrl, 0.3))]
    # scribble: a short note in cursive nobody can read, written in the free space right of the row
    x_height, slant = rng.uniform(1.5, 2.5) * unit, rng.uniform(0.15, 0.4)
    strokes = int(rng.integers(8, 18))
    xs = np.cumsum(rng.uniform(0.4, 1.1, strokes)) * x_height
    ys = np.where(np.arange(strokes) % 2 == 0, 0.0, -x_height) * rng.uniform(0.7, 1.0, strokes)
    ys[rng.random(strokes) < 0.15] -= x_height * 1.2  # an ascender now and then
    xs = xs - ys * slant  # handwriting leans right
    return [_catmull_rom(np.stack([right_of + xs, y1 - 0.2 * unit + ys], axis=1))]


def _catmull_rom(points: np.ndarray, n: int = 8) -> np.ndarray:
    """A smooth polyline through ``points`` (k x 2): a Catmull-Rom spline, ``n`` points per segment."""
    padded = np.vstack([points[:1], points, points[-1:]])
    t = np.linspace(0, 1, n, endpoint=False)[:, None]
    parts = []
    for p0, p1, p2, p3 in zip(padded, padded[1:], padded[2:], padded[3:]):
        parts.append(0.5 * (2 * p1 + (p2 - p0) * t + (2 * p0 - 5 * p1 + 4 * p2 - p3) * t ** 2
                            + (3 * p1 - p0 - 3 * p2 + p3) * t ** 3))
    return np.vstack(parts + [points[-1:]])


def handwriting(img: Image.Image, rng: np.random.Generator, dpi: int, *, marks: Any = (2, 6),
                width_mm: Any = (0.35, 0.7)) -> tuple[Image.Image, dict[str, Any]]:
    """Ballpoint marks a reader leaves on a report: values circled or underlined, ticks, scribbled notes.  They
    are placed on short printed boxes (values, flags), notes in the free space right of a row, and drawn as
    jittered Bezier or Catmull-Rom polylines."""
    unit = _px(1.0, dpi)
    printed = word_boxes(img, dpi)
    boxes = [b for b in printed if 2 * unit <= b[2] - b[0] <= 25 * unit] or [
        (img.width // 3, img.height // 3, img.width // 3 + round(10 * unit), img.height // 3 + round(3 * unit))]
    colour = PEN_COLOURS[int(rng.integers(len(PEN_COLOURS)))]
    width = max(1, round(_px(_draw(rng, width_mm), dpi)))
    mask = Image.new("L", img.size, 0)
    draw = ImageDraw.Draw(mask)
    drawn = []
    for _ in range(int(_draw(rng, marks))):
        kind = ("circle", "underline", "tick", "scribble")[int(rng.choice(4, p=[0.35, 0.25, 0.25, 0.15]))]
        box = boxes[int(rng.integers(len(boxes)))]
        row_end = max((b[2] for b in printed if b[1] < box[3] and b[3] > box[1]), default=box[2])
        right_of = row_end + rng.uniform(3, 8) * unit
        if kind == "scribble" and right_of > img.width - 30 * unit:  # no room for a note: a tick will do
            kind = "tick"
        for line in _mark_strokes(kind, box, rng, unit, right_of):
            draw.line([tuple(p) for p in line.tolist()], fill=255, width=width, joint="curve")
        drawn.append({"kind": kind, "box": list(box)})
    bbox = mask.getbbox()
    if bbox is None:
        return img, {"marks": drawn, "colour": list(colour)}
    alpha = np.asarray(mask.crop(bbox), dtype=np.float32) / 255.0 * 0.9  # ballpoint ink is not quite opaque
    return _ink(img, alpha, colour, bbox[:2]), {"marks": drawn, "colour": list(colour), "width_px": width}


def fax_header(img: Image.Image, rng: np.random.Generator, dpi: int, *,
               height_mm: float = 2.6) -> tuple[Image.Image, dict[str, Any]]:
    """The sender line a fax machine prints along the top edge (date, time, number, name, page): text that is
    not the report's, with a date that is not the collection date."""
    day, month, year = int(rng.integers(1, 29)), int(rng.integers(1, 13)), int(rng.integers(2015, 2026))
    number = f"+39 0{int(rng.integers(2, 99))} {int(rng.integers(1000000, 9999999))}"
    text = (f"{day:02d}/{month:02d}/{year} {int(rng.integers(7, 20)):02d}:{int(rng.integers(60)):02d}   "
            f"{number}   {FAX_SENDERS[int(rng.integers(len(FAX_SENDERS)))]}   P.{int(rng.integers(1, 4)):03d}")
    out = img.copy()
    font = _font(max(6, round(_px(height_mm, dpi))), bold=False)
    ImageDraw.Draw(out).text((round(_px(8, dpi)), round(_px(2.5, dpi))), text, fill=(0, 0, 0), font=font)
    return out, {"text": text}


DAMAGES: dict[str, Damage] = {f.__name__: f for f in (
    gaussian_blur, motion_blur, gaussian_noise, salt_pepper, jpeg, skew, perspective, lighting, binarise, downscale,
    paper, stamp, handwriting, fax_header)}
