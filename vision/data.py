"""Images to tensors: preprocessing, dermoscopy augmentation, colour constancy, an in-memory cache."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np
import torch
from PIL import Image
from torch.utils.data import Dataset

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


def shades_of_gray(image: torch.Tensor, p: int = 6) -> torch.Tensor:
    """Colour constancy (Finlayson & Trezzi): rescale channels so the Minkowski p-norm illuminant is grey.

    Takes and returns a uint8 CHW tensor; evens out the lighting of different dermatoscopes.
    """
    x = image.to(torch.float32)
    illuminant = x.pow(p).mean(dim=(1, 2)).pow(1 / p)
    illuminant = illuminant / illuminant.norm().clamp_min(1e-6) * np.sqrt(3)
    return (x / illuminant.clamp_min(1e-6)[:, None, None]).clamp(0, 255).to(torch.uint8)


def read_image(path: str | Path, short_side: int | None = None) -> torch.Tensor:
    """Decode to a uint8 CHW tensor, optionally resized so its shorter side is ``short_side``."""
    from torchvision.transforms.functional import pil_to_tensor

    try:
        with Image.open(path) as image:
            image = image.convert("RGB")
            if short_side:
                w, h = image.size
                scale = short_side / min(w, h)
                if abs(scale - 1) > 1e-3:
                    image = image.resize((max(1, round(w * scale)), max(1, round(h * scale))), Image.BILINEAR)
            return pil_to_tensor(image)
    except (OSError, ValueError, SyntaxError) as exc:
        raise BrokenImageError(f"cannot read image {path}: {exc}", code="V020") from None


def train_transform(pre: Preprocess, strength: float = 1.0):
    """Dermoscopy augmentation: any rotation and flip (lesions have no up), scale, colour jitter."""
    from torchvision.transforms import v2

    return v2.Compose([
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


@dataclass
class CachedImages(Dataset):
    """Decoded, resized uint8 images held in memory (small datasets: HAM10000 fits in ~0.6 GB).

    Images that cannot be read are listed in ``broken`` and left out.
    """

    paths: Sequence[Path]
    targets: Sequence[int]
    pre: Preprocess
    transform: Any = None
    progress: bool = False
    images: list[torch.Tensor] = field(default_factory=list, init=False)
    keep: list[int] = field(default_factory=list, init=False)
    broken: dict[str, str] = field(default_factory=dict, init=False)

    def __post_init__(self) -> None:
        from tqdm import tqdm

        for i, path in enumerate(tqdm(self.paths, desc="loading images", unit="img", disable=not self.progress)):
            try:
                image = read_image(path, self.pre.resize_to)
            except BrokenImageError as exc:
                self.broken[str(path)] = str(exc)
                continue
            if self.pre.colour_constancy:
                image = shades_of_gray(image)
            self.images.append(image)
            self.keep.append(i)
        self.kept_targets = [int(self.targets[i]) for i in self.keep]

    def __len__(self) -> int:
        return len(self.images)

    def __getitem__(self, index: int):
        image = self.images[index]
        x = self.transform(image) if self.transform is not None else image
        return x, self.kept_targets[index]
