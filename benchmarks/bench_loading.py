"""Image loading throughput (``vision.data.CachedImages``): the previous code path against the current one.

    python benchmarks/bench_loading.py [FOLDER] [-n 200] [--input-size 200 200] [--workers N]

FOLDER: images (*.jpg, *.jpeg, *.png, searched recursively, sorted, the first N), e.g.
../shared/data/ham10000-dev/images; without it, N textured lesion-like JPEGs are drawn into a temporary folder
(``--synthetic-size``, default 600x450 as HAM10000's originals). For colour constancy off and on it prints
images/s of

- old: the code before the fast path (full PIL decode, resize, torch float32 Shades of Gray, one image at a time),
- new x1: ``CachedImages(..., workers=1)`` (reduce-on-decode, lookup-table Shades of Gray on the PIL image),
- new xW: ``CachedImages(..., workers=W)`` (W threads, default one per CPU),

the ratio to the old path, and the largest pixel difference between the old and the new images. Last, how much
the Shades of Gray gains and output move when the gains are taken from the full-resolution decode instead of the
resized image (the old and new code both take them from the resized image).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np
import torch
from PIL import Image, ImageDraw, ImageFilter

from vision.data import CachedImages, Preprocess, _default_workers


# -- the previous implementation, kept verbatim as the baseline -------------------------------------------------
def old_shades_of_gray(image: torch.Tensor, p: int = 6) -> torch.Tensor:
    x = image.to(torch.float32)
    illuminant = x.pow(p).mean(dim=(1, 2)).pow(1 / p)
    illuminant = illuminant / illuminant.norm().clamp_min(1e-6) * np.sqrt(3)
    return (x / illuminant.clamp_min(1e-6)[:, None, None]).clamp(0, 255).to(torch.uint8)


def old_read_image(path: str | Path, short_side: int | None = None) -> torch.Tensor:
    from torchvision.transforms.functional import pil_to_tensor

    with Image.open(path) as image:
        image = image.convert("RGB")
        if short_side:
            w, h = image.size
            scale = short_side / min(w, h)
            if abs(scale - 1) > 1e-3:
                image = image.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.BILINEAR)
        return pil_to_tensor(image)


def old_load(paths: list[Path], pre: Preprocess) -> list[torch.Tensor]:
    images = []
    for path in paths:
        image = old_read_image(path, pre.resize_to)
        if pre.colour_constancy:
            image = old_shades_of_gray(image)
        images.append(image)
    return images


# -- inputs -----------------------------------------------------------------------------------------------------
def draw_images(folder: Path, n: int, size: tuple[int, int], seed: int = 0) -> list[Path]:
    """Skin-toned multi-scale noise, a blurred dark lesion with a colour cast, and a few hairs: JPEG quality 90."""
    rng = np.random.default_rng(seed)
    w, h = size
    paths = []
    for i in range(n):
        skin = np.array([220, 170, 150], np.float32) + rng.normal(0, 12, 3)
        pixels = np.broadcast_to(skin, (h, w, 3)).copy()
        for scale, amplitude in ((32, 14.0), (8, 8.0), (2, 4.0)):
            coarse = rng.normal(0, amplitude, (h // scale + 1, w // scale + 1, 3)).astype(np.float32)
            layer = np.stack([np.asarray(Image.fromarray(coarse[..., c], mode="F").resize((w, h), Image.BICUBIC))
                              for c in range(3)], axis=-1)
            pixels += layer
        image = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))
        draw = ImageDraw.Draw(image)
        cx, cy, r = w * rng.uniform(0.4, 0.6), h * rng.uniform(0.4, 0.6), min(w, h) * rng.uniform(0.15, 0.3)
        lesion = tuple(int(v) for v in rng.uniform([60, 30, 20], [140, 100, 80]))
        draw.ellipse([cx - r * 1.2, cy - r, cx + r * 1.2, cy + r], fill=lesion)
        for _ in range(int(rng.integers(0, 6))):
            x, y = rng.uniform(0, w), rng.uniform(0, h)
            draw.line([x, y, x + rng.normal(0, w / 3), y + rng.normal(0, h / 3)], fill=(40, 30, 25), width=2)
        image = image.filter(ImageFilter.GaussianBlur(0.8))
        cast = rng.uniform(0.8, 1.15, 3)  # a dermatoscope's illuminant
        image = Image.fromarray(np.clip(np.asarray(image, np.float32) * cast, 0, 255).astype(np.uint8))
        path = folder / f"synthetic_{i:05d}.jpg"
        image.save(path, quality=90)
        paths.append(path)
    return paths


def list_images(folder: Path, n: int) -> list[Path]:
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png"))
    if not paths:
        raise SystemExit(f"no images under {folder}")
    return paths[:n]


# -- measurements -----------------------------------------------------------------------------------------------
def best_rate(load, n: int, repeat: int) -> tuple[float, list[torch.Tensor]]:
    best, images = 0.0, []
    for _ in range(repeat):
        start = time.perf_counter()
        images = load()
        best = max(best, n / (time.perf_counter() - start))
    return best, images


def max_difference(old: list[torch.Tensor], new: list[torch.Tensor]) -> tuple[int, float]:
    """Largest absolute pixel difference and the share of pixel values that differ."""
    assert len(old) == len(new) and all(a.shape == b.shape for a, b in zip(old, new)), "shapes differ"
    worst, differing, total = 0, 0, 0
    for a, b in zip(old, new):
        d = (a.to(torch.int16) - b.to(torch.int16)).abs()
        worst = max(worst, int(d.max()))
        differing += int((d > 0).sum())
        total += d.numel()
    return worst, differing / max(total, 1)


def gains_from(image: np.ndarray, p: int = 6) -> np.ndarray:
    x = image.reshape(-1, 3).astype(np.float64)
    illuminant = np.mean(x ** p, axis=0) ** (1 / p)
    return np.sqrt(3) / (illuminant / np.linalg.norm(illuminant))


def full_resolution_gains(paths: list[Path], pre: Preprocess) -> tuple[float, int]:
    """Gains from the full-resolution decode vs from the resized image: max relative gain difference, and the
    max pixel difference of the resized image balanced with either set of gains."""
    worst_gain, worst_pixel = 0.0, 0
    for path in paths:
        with Image.open(path) as image:
            full = np.asarray(image.convert("RGB"))
        small = old_read_image(path, pre.resize_to).permute(1, 2, 0).numpy()
        g_full, g_small = gains_from(full), gains_from(small)
        worst_gain = max(worst_gain, float(np.max(np.abs(g_full / g_small - 1))))
        a = np.clip(small.astype(np.float64) * g_full, 0, 255).astype(np.uint8).astype(int)
        b = np.clip(small.astype(np.float64) * g_small, 0, 255).astype(np.uint8).astype(int)
        worst_pixel = max(worst_pixel, int(np.abs(a - b).max()))
    return worst_gain, worst_pixel


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, help="images to load (default: drawn JPEGs)")
    parser.add_argument("-n", type=int, default=200, help="images (default 200)")
    parser.add_argument("--input-size", type=int, nargs=2, default=(200, 200), metavar=("H", "W"),
                        help="network input (default 200 200, CND; the cache keeps short side 1.14x the larger)")
    parser.add_argument("--workers", type=int, default=None, help="threads for the new path (default: one per CPU)")
    parser.add_argument("--repeat", type=int, default=2, help="best of this many timed runs (default 2)")
    parser.add_argument("--synthetic-size", type=int, nargs=2, default=(600, 450), metavar=("W", "H"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        if args.folder is None:
            paths = draw_images(Path(tmp), args.n, tuple(args.synthetic_size))
            source = f"{len(paths)} drawn JPEGs {args.synthetic_size[0]}x{args.synthetic_size[1]}"
        else:
            paths = list_images(args.folder, args.n)
            source = f"{len(paths)} images from {args.folder}"
        for path in paths:  # page cache: time decoding, not the disk
            path.read_bytes()
        with Image.open(paths[0]) as first:
            first_size = first.size
        workers = args.workers or _default_workers()
        torch_threads = torch.get_num_threads()
        print(f"{source} (first {first_size[0]}x{first_size[1]}); input {tuple(args.input_size)}; "
              f"torch threads {torch_threads}; new path with {workers} worker thread(s); best of {args.repeat}")
        targets = [0] * len(paths)
        old_load(paths[:2], Preprocess(tuple(args.input_size), colour_constancy=True))  # imports, first calls
        print(f"{'colour constancy':>16} {'old img/s':>10} {'new x1':>10} {'ratio':>7} {f'new x{workers}':>10} "
              f"{'ratio':>7} {'max |diff|':>10} {'differing':>10}")
        for cc in (False, True):
            pre = Preprocess(tuple(args.input_size), colour_constancy=cc)
            old_rate, old_images = best_rate(lambda: old_load(paths, pre), len(paths), args.repeat)
            one_rate, one = best_rate(lambda: CachedImages(paths, targets, pre, workers=1).images, len(paths),
                                      args.repeat)
            many_rate, many = best_rate(lambda: CachedImages(paths, targets, pre, workers=workers).images,
                                        len(paths), args.repeat)
            worst, share = max_difference(old_images, many)
            assert max_difference(one, many)[0] == 0, "worker count changed the images"
            print(f"{'on' if cc else 'off':>16} {old_rate:10.1f} {one_rate:10.1f} {one_rate / old_rate:6.1f}x "
                  f"{many_rate:10.1f} {many_rate / old_rate:6.1f}x {worst:10d} {share:10.2e}")
        gain, pixel = full_resolution_gains(paths[:50], Preprocess(tuple(args.input_size), colour_constancy=True))
        print(f"Shades of Gray gains from the full-resolution decode instead of the resized image (first "
              f"{min(50, len(paths))}): max relative gain difference {gain:.2e}, max pixel difference {pixel}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
