"""Images to tensors: preprocessing, dermoscopy augmentation, colour constancy, an in-memory cache."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

from corpora.images.decode import (ImageLimits, ImageProblem, decode, draft, exif_orientation, open_image, to_rgb,
                                   upright)

from .errors import BrokenImageError

__all__ = ["Preprocess", "shades_of_gray", "train_transform", "eval_crop", "eval_transform", "CachedImages",
           "read_image", "BrokenImageError"]


@dataclass(frozen=True)
class Preprocess:
    """What an image goes through before the network; stored with every run."""

    input_size: tuple[int, int] = (200, 200)  # (height, width)
    mean: tuple[float, float, float] = (0.485, 0.456, 0.406)
    std: tuple[float, float, float] = (0.229, 0.224, 0.225)
    colour_constancy: bool = False  # Shades of Gray (p=6) before everything else

    @property
    def resize_to(self) -> int:
        """Shorter side before the centre crop (a 1.14 margin, as for ImageNet 256/224)."""
        return int(round(max(self.input_size) * 1.14))

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Preprocess:
        return cls(tuple(data["input_size"]), tuple(data["mean"]), tuple(data["std"]),
                   bool(data.get("colour_constancy", False)))


def _reference_shades_of_gray(image: torch.Tensor, p: int) -> torch.Tensor:
    """The plain formula on the whole tensor in float32 (any dtype in, uint8 out)."""
    x = image.to(torch.float32)
    illuminant = x.pow(p).mean(dim=(1, 2)).pow(1 / p)
    illuminant = illuminant / illuminant.norm().clamp_min(1e-6) * np.sqrt(3)
    return (x / illuminant.clamp_min(1e-6)[:, None, None]).clamp(0, 255).to(torch.uint8)


def _shades_of_gray_table(hist: np.ndarray, p: int) -> np.ndarray:
    """(C, 256) uint8 lookup tables from (C, 256) per-channel histograms of a uint8 image.

    A uint8 channel takes 256 values, so its Minkowski p-mean is exact from the histogram (float64, levels scaled
    to [0, 1] so that no power overflows); each output level is then ``level / illuminant`` in float32, clamped
    and truncated as the formula on the whole image does it.
    """
    counts = hist.astype(np.float64)
    powers = (np.arange(256, dtype=np.float64) / 255.0) ** p
    moments = (counts * powers).sum(axis=1) / np.maximum(counts.sum(axis=1), 1.0)  # no BLAS call, no threads
    illuminant = 255.0 * moments ** (1.0 / p)
    illuminant = illuminant / max(float(np.linalg.norm(illuminant)), 1e-6) * np.sqrt(3)
    divisor = np.maximum(illuminant.astype(np.float32), np.float32(1e-6))
    return np.clip(np.arange(256, dtype=np.float32)[None, :] / divisor[:, None], 0, 255).astype(np.uint8)


def _shades_of_gray_pil(image: Image.Image, p: int = 6) -> Image.Image:
    """``shades_of_gray`` on a PIL image: a histogram and one lookup table per band, both in C."""
    bands = len(image.getbands())
    table = _shades_of_gray_table(np.asarray(image.histogram(), dtype=np.int64).reshape(bands, 256), p)
    return image.point(table.ravel().tolist())


def shades_of_gray(image: torch.Tensor, p: int = 6) -> torch.Tensor:
    """Colour constancy (Finlayson & Trezzi): rescale channels so the Minkowski p-norm illuminant is grey.

    Takes and returns a uint8 CHW tensor; evens out the lighting of different dermatoscopes. A uint8 image goes
    through per-channel histograms and lookup tables (exact float64 illuminant, no float image, no torch threads),
    keeping the input's memory layout; other dtypes use the float32 formula on the whole tensor.
    """
    if image.dtype != torch.uint8 or image.dim() != 3 or image.device.type != "cpu":
        return _reference_shades_of_gray(image, p)
    pixels = image.numpy()  # a view: CHW, or the HWC memory of pil_to_tensor seen as CHW
    hist = np.stack([np.bincount(channel.reshape(-1), minlength=256) for channel in pixels])
    table = _shades_of_gray_table(hist, p)
    out = np.empty_like(pixels)  # same strides as the input
    for c in range(pixels.shape[0]):
        np.take(table[c], pixels[c], out=out[c], mode="clip")
    return torch.from_numpy(out)


# Reduce-on-decode keeps at least this many decoded pixels per output pixel, so the antialiased resize that follows
# still averages the DCT-scaled pixels (pixels within a few levels of a full decode). HAM10000's 600x450 images at the
# full-size models' inputs (short side 228-341) are decoded as before; large photos at 1/2, 1/4 or 1/8 scale.
DRAFT_MARGIN = 2.0


def _target_size(size: tuple[int, int], short_side: int | None) -> tuple[int, int] | None:
    """(w, h) so the shorter side is ``short_side``, or None when no resize is needed."""
    if not short_side:
        return None
    w, h = size
    scale = short_side / min(w, h)
    if abs(scale - 1) <= 1e-3:
        return None
    return max(1, round(w * scale)), max(1, round(h * scale))


# What an image may be to be classified: the limits of corpora.images.decode (60 M pixels, 16 a side).
IMAGE_LIMITS = ImageLimits()
# corpora.images.decode's problem kinds and the codes vision raises for them.
IMAGE_PROBLEM_CODES = {"not_an_image": "V020", "too_large": "V041", "too_small": "V042", "empty": "V043",
                       "damaged": "V044", "animated": "V045", "unreadable_file": "V046", "pixel_format": "V047"}


def _load_pil(path: str | Path, short_side: int | None, reduce_on_decode: bool) -> Image.Image:
    with open_image(path, IMAGE_LIMITS) as image:  # file, format, pixel count and frames checked; nothing decoded
        orientation = exif_orientation(image)
        target = _target_size(image.size, short_side)
        box = None
        if target is not None and reduce_on_decode:  # JPEG (and MPO) only: other formats ignore draft()
            box = draft(image, (max(1, int(target[0] * DRAFT_MARGIN)), max(1, int(target[1] * DRAFT_MARGIN))))
        decode(image)
        image = to_rgb(image)
        image = image if target is None else image.resize(target, Image.BILINEAR, box=box)
    return upright(image, orientation)  # after the resize: the same result, fewer pixels to turn


def read_image(path: str | Path, short_side: int | None = None, *, colour_constancy: bool = False,
               reduce_on_decode: bool = True) -> torch.Tensor:
    """Decode to a uint8 CHW tensor, optionally resized so its shorter side is ``short_side``.

    ``colour_constancy`` applies ``shades_of_gray`` to the resized image (same result, done on the PIL image).
    ``reduce_on_decode`` lets libjpeg decode a JPEG at 1/2, 1/4 or 1/8 scale when it is still at least
    ``DRAFT_MARGIN`` times the target size (large photos; pixels then differ from a full decode by rounding-level
    amounts); the output size never changes. Any pixel format becomes 8-bit RGB, upright as its EXIF says
    (``corpora.images.decode``); a file that is not a usable picture raises ``BrokenImageError`` with the code of
    its problem (``IMAGE_PROBLEM_CODES``: V020, V041-V047).
    """
    try:
        image = _load_pil(path, short_side, reduce_on_decode)
        if colour_constancy:
            image = _shades_of_gray_pil(image)
        pixels = np.array(image)  # a writable HWC copy, as torchvision's pil_to_tensor makes
    except ImageProblem as problem:
        raise BrokenImageError(f"cannot read image {path}: {problem}", code=IMAGE_PROBLEM_CODES[problem.kind]) from None
    return torch.from_numpy(pixels).permute(2, 0, 1)


# Images from other clinics arrive at other resolutions and compressions (an archive export at 84 px a side, JPEG):
# a share of the training images is shrunk and restored, and re-encoded, so the network cannot lean on detail that
# only the development camera keeps.
DOWNSCALE_FACTORS = (0.25, 1.0)  # the shorter side kept, as a share of the cached image's (log-uniform)
JPEG_QUALITY = (30, 95)


class RandomDownscale(torch.nn.Module):
    """With probability ``p``, resample a uint8 CHW image to a lower resolution and back to its size."""

    def __init__(self, p: float, factors: tuple[float, float] = DOWNSCALE_FACTORS) -> None:
        super().__init__()
        self.p, self.factors = p, factors

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        from torchvision.transforms.v2 import functional as F

        if self.p <= 0 or float(torch.rand(1)) >= self.p:
            return image
        lo, hi = self.factors
        factor = float(np.exp(np.log(lo) + float(torch.rand(1)) * (np.log(hi) - np.log(lo))))  # log-uniform
        h, w = image.shape[-2:]
        small = F.resize(image, [max(8, round(h * factor)), max(8, round(w * factor))], antialias=True)
        return F.resize(small, [h, w], antialias=False)


def train_transform(pre: Preprocess, strength: float = 1.0, degrade: float = 0.0):
    """Dermoscopy augmentation: any rotation and flip (lesions have no up), scale, colour jitter; with ``degrade``
    > 0, that share of images also loses resolution (``RandomDownscale``) and is JPEG re-encoded."""
    from torchvision.transforms import v2

    degrading = [RandomDownscale(degrade), v2.RandomApply([v2.JPEG(JPEG_QUALITY)], p=degrade)] if degrade > 0 else []
    return v2.Compose([
        *degrading,
        v2.RandomResizedCrop(pre.input_size, scale=(0.45, 1.0), ratio=(0.75, 1.333), antialias=True),
        v2.RandomHorizontalFlip(),
        v2.RandomVerticalFlip(),
        v2.RandomApply([v2.RandomRotation(180)], p=0.5 * strength),
        v2.ColorJitter(0.2 * strength, 0.2 * strength, 0.15 * strength, 0.03 * strength),
        v2.ToDtype(torch.float32, scale=True),
        v2.Normalize(pre.mean, pre.std),
    ])


class ResizeToCover(torch.nn.Module):
    """Scale so the image covers ``size`` (h, w) without padding, whatever its aspect ratio."""

    def __init__(self, size: tuple[int, int]) -> None:
        super().__init__()
        self.size = size

    def forward(self, image: torch.Tensor) -> torch.Tensor:
        from torchvision.transforms.v2 import functional as F

        h, w = image.shape[-2:]
        scale = max(self.size[0] / h, self.size[1] / w)
        return F.resize(image, [max(self.size[0], round(h * scale)), max(self.size[1], round(w * scale))],
                        antialias=True)


def eval_crop(pre: Preprocess):
    """Cover the input size, then centre-crop: square, 4:3 and 3:4 images from any camera keep the whole lesion
    area the network was trained on, with no black padding. uint8 in, uint8 out."""
    from torchvision.transforms import v2

    return v2.Compose([ResizeToCover(pre.input_size), v2.CenterCrop(pre.input_size)])


def eval_transform(pre: Preprocess):
    """``eval_crop``, then the network's normalised float input."""
    from torchvision.transforms import v2

    return v2.Compose([eval_crop(pre), v2.ToDtype(torch.float32, scale=True), v2.Normalize(pre.mean, pre.std)])


def _default_workers() -> int:
    """Threads for ``CachedImages``: one per usable CPU, at most 8 (decoding and resizing release the GIL)."""
    return max(1, min(8, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1))


@dataclass
class CachedImages(Dataset):
    """Decoded, resized uint8 images held in memory (small datasets: HAM10000 fits in ~0.6 GB).

    Images that cannot be read are listed in ``broken`` and left out. ``workers`` threads decode in parallel
    (None: ``_default_workers()``; 1: one after the other); ``images`` keeps the order of ``paths`` either way.
    """

    paths: Sequence[Path]
    targets: Sequence[int]
    pre: Preprocess
    transform: Any = None
    progress: bool = False
    workers: int | None = None
    images: list[torch.Tensor] = field(default_factory=list, init=False)
    keep: list[int] = field(default_factory=list, init=False)
    broken: dict[str, str] = field(default_factory=dict, init=False)

    def _load(self, path: Path) -> torch.Tensor | BrokenImageError:
        try:
            return read_image(path, self.pre.resize_to, colour_constancy=self.pre.colour_constancy)
        except BrokenImageError as exc:
            return exc

    def __post_init__(self) -> None:
        from tqdm import tqdm

        workers = min(self.workers or _default_workers(), max(1, len(self.paths)))
        bar = dict(total=len(self.paths), desc="loading images", unit="img", disable=not self.progress)
        if workers <= 1:
            self._collect(tqdm(map(self._load, self.paths), **bar))
        else:
            from concurrent.futures import ThreadPoolExecutor

            pool = ThreadPoolExecutor(workers, thread_name_prefix="load-images")
            try:
                self._collect(tqdm(pool.map(self._load, self.paths), **bar))  # map yields in the order of paths
            finally:  # an error (or Ctrl-C) drops the images not started yet instead of decoding them all first
                pool.shutdown(wait=True, cancel_futures=True)
        self.kept_targets = [int(self.targets[i]) for i in self.keep]

    def _collect(self, results) -> None:
        for i, (path, image) in enumerate(zip(self.paths, results)):
            if isinstance(image, BrokenImageError):
                self.broken[str(path)] = str(image)
                continue
            self.images.append(image)
            self.keep.append(i)

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        image = self.images[index]
        x = self.transform(image) if self.transform is not None else image
        return x, self.kept_targets[index]
