"""A torch ``Dataset`` over an :class:`ImageDataset` (imported lazily: torch is heavy)."""

from __future__ import annotations

from typing import Callable

import torch
from PIL import Image
from torch.utils.data import Dataset

from ..errors import BrokenImageError
from .decode import ImageProblem, read_rgb
from .records import ImageDataset

__all__ = ["LesionImageDataset", "load_rgb"]


def load_rgb(path) -> Image.Image:
    """Open an image as 8-bit RGB, upright (``corpora.images.decode``), naming the file and its problem when it
    cannot be used (damaged, empty, too large or small, animated, not an image)."""
    try:
        return read_rgb(path)
    except ImageProblem as problem:
        raise BrokenImageError(f"cannot read image {path}: {problem}", code="D002") from None


class LesionImageDataset(Dataset):
    """Yields ``(tensor, class_index)`` (plus the record with ``return_meta``).

    Without a ``transform`` the image becomes a float tensor in [0, 1], CHW.
    """

    def __init__(self, dataset: ImageDataset, transform: Callable | None = None, return_meta: bool = False) -> None:
        self.dataset = dataset
        self.transform = transform
        self.return_meta = return_meta
        self.targets = dataset.labels

    def __len__(self) -> int:
        return len(self.dataset)

    def __getitem__(self, index: int):
        record = self.dataset.records[index]
        image = load_rgb(record.image)
        if self.transform is not None:
            x = self.transform(image)
        else:
            from torchvision.transforms.functional import pil_to_tensor

            x = pil_to_tensor(image).to(torch.float32).div_(255.0)
        if self.return_meta:
            return x, self.targets[index], record
        return x, self.targets[index]
