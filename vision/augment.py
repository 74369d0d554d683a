"""Dermoscopy augmentation of whole batches on the training device.

The per-image torchvision pipeline (``data.train_transform``) runs on CPU workers; a GPU trains
CND thousands of images per second, far faster than workers can crop and jitter. Here the decoded
uint8 images sit in one tensor on the device and every batch is augmented there in a few kernels,
with the same recipe: random resized crop, any rotation, both flips, colour jitter.
"""

from __future__ import annotations

import math
from collections import Counter
from typing import Sequence

import torch
import torch.nn as nn
import torch.nn.functional as F

from .data import DOWNSCALE_FACTORS, Preprocess, ResizeToCover
from .errors import VisionError

__all__ = ["stack_images", "BatchAugment", "normalise"]

# ITU-R BT.601 luma and the YIQ chroma plane: a hue shift is a rotation of (I, Q).
_RGB_TO_YIQ = torch.tensor([[0.299, 0.587, 0.114], [0.596, -0.274, -0.322], [0.211, -0.523, 0.312]])
_YIQ_TO_RGB = torch.linalg.inv(_RGB_TO_YIQ)


def stack_images(images: Sequence[torch.Tensor]) -> torch.Tensor:
    """One uint8 NCHW tensor. Images whose shape differs from the most common one are resized to cover it and
    centre-cropped (a folder of one camera's images is stacked as it is)."""
    if not images:
        raise VisionError("no images to stack", code="V031")
    shape = Counter(tuple(i.shape[-2:]) for i in images).most_common(1)[0][0]
    cover = ResizeToCover(shape)

    def fit(image: torch.Tensor) -> torch.Tensor:
        if tuple(image.shape[-2:]) == shape:
            return image
        image = cover(image)
        top, left = (image.shape[-2] - shape[0]) // 2, (image.shape[-1] - shape[1]) // 2
        return image[..., top:top + shape[0], left:left + shape[1]]

    return torch.stack([fit(i) for i in images])


def normalise(images: torch.Tensor, pre: Preprocess) -> torch.Tensor:
    """uint8 (or [0, 1] float) NCHW to the network's normalised float input."""
    x = images.float() / 255 if images.dtype == torch.uint8 else images
    mean = torch.tensor(pre.mean, device=x.device).view(1, 3, 1, 1)
    std = torch.tensor(pre.std, device=x.device).view(1, 3, 1, 1)
    return (x - mean) / std


class BatchAugment(nn.Module):
    """Random resized crop + rotation + flips as one affine resampling per image, then colour jitter.

    Mirrors ``data.train_transform(pre, strength)``: crop area 45-100 %, aspect 3:4-4:3, a rotation by any
    angle for half the images, horizontal and vertical flips, brightness/contrast +-20 %, saturation
    +-15 %, hue +-0.03 turn. Rotated corners reflect the image instead of going black.
    """

    def __init__(self, pre: Preprocess, strength: float = 1.0, scale: tuple[float, float] = (0.45, 1.0),
                 ratio: tuple[float, float] = (3 / 4, 4 / 3), degrade: float = 0.0) -> None:
        super().__init__()
        self.pre, self.strength, self.scale, self.ratio, self.degrade = pre, strength, scale, ratio, degrade

    def _uniform(self, n: int, lo: float, hi: float, device, generator) -> torch.Tensor:
        return lo + (hi - lo) * torch.rand(n, device=device, generator=generator)

    def _geometry(self, x: torch.Tensor, generator) -> torch.Tensor:
        n, _, height, width = x.shape
        out_h, out_w = self.pre.input_size
        u = lambda lo, hi: self._uniform(n, lo, hi, x.device, generator)  # noqa: E731
        area = u(*self.scale) * height * width
        aspect = torch.exp(u(math.log(self.ratio[0]), math.log(self.ratio[1])))
        crop_w = torch.sqrt(area * aspect).clamp(max=width)
        crop_h = torch.sqrt(area / aspect).clamp(max=height)
        half_w, half_h = crop_w / width, crop_h / height  # half extents in [-1, 1] coordinates
        centre_x = (u(-1, 1) * (1 - half_w))
        centre_y = (u(-1, 1) * (1 - half_h))
        rotate = torch.rand(n, device=x.device, generator=generator) < 0.5 * self.strength
        angle = torch.where(rotate, u(-math.pi, math.pi), torch.zeros(n, device=x.device))
        flip_x = torch.where(torch.rand(n, device=x.device, generator=generator) < 0.5, -1.0, 1.0)
        flip_y = torch.where(torch.rand(n, device=x.device, generator=generator) < 0.5, -1.0, 1.0)
        cos, sin = torch.cos(angle), torch.sin(angle)
        # Output (u, v) in [-1, 1] -> crop pixels -> rotated -> input coordinates in [-1, 1].
        theta = torch.stack([
            torch.stack([cos * half_w * flip_x, -sin * crop_h / width * flip_y, centre_x], 1),
            torch.stack([sin * crop_w / height * flip_x, cos * half_h * flip_y, centre_y], 1),
        ], 1)
        grid = F.affine_grid(theta, [n, x.shape[1], out_h, out_w], align_corners=False)
        return F.grid_sample(x, grid, mode="bilinear", padding_mode="reflection", align_corners=False)

    def _colour(self, x: torch.Tensor, generator) -> torch.Tensor:
        n, s = x.shape[0], self.strength
        u = lambda lo, hi: self._uniform(n, lo, hi, x.device, generator).view(n, 1, 1, 1)  # noqa: E731
        x = x * u(1 - 0.2 * s, 1 + 0.2 * s)
        luma = (x * _RGB_TO_YIQ[0].to(x.device).view(1, 3, 1, 1)).sum(1, keepdim=True)
        x = (x - luma.mean((2, 3), keepdim=True)) * u(1 - 0.2 * s, 1 + 0.2 * s) + luma.mean((2, 3), keepdim=True)
        luma = (x * _RGB_TO_YIQ[0].to(x.device).view(1, 3, 1, 1)).sum(1, keepdim=True)
        x = (x - luma) * u(1 - 0.15 * s, 1 + 0.15 * s) + luma
        if s > 0:
            turn = 2 * math.pi * u(-0.03 * s, 0.03 * s).view(n)
            cos, sin = torch.cos(turn), torch.sin(turn)
            one, zero = torch.ones_like(cos), torch.zeros_like(cos)
            rotation = torch.stack([torch.stack([one, zero, zero], 1), torch.stack([zero, cos, -sin], 1),
                                    torch.stack([zero, sin, cos], 1)], 1)  # (n, 3, 3) in YIQ
            matrix = _YIQ_TO_RGB.to(x.device) @ rotation @ _RGB_TO_YIQ.to(x.device)
            x = torch.einsum("nij,njhw->nihw", matrix, x)
        return x.clamp(0, 1)

    def _downscale(self, x: torch.Tensor, generator) -> torch.Tensor:
        """A ``degrade`` share of the batch loses resolution, by one factor per batch (``data.RandomDownscale`` draws
        one per image; JPEG re-encoding is left to the loader path)."""
        chosen = torch.rand(x.shape[0], device=x.device, generator=generator) < self.degrade
        if not bool(chosen.any()):
            return x
        lo, hi = DOWNSCALE_FACTORS
        factor = float(torch.exp(self._uniform(1, math.log(lo), math.log(hi), x.device, generator)))
        h, w = x.shape[-2:]
        small = F.interpolate(x[chosen], size=(max(8, round(h * factor)), max(8, round(w * factor))),
                              mode="bilinear", antialias=True, align_corners=False)
        x = x.clone()
        x[chosen] = F.interpolate(small, size=(h, w), mode="bilinear", align_corners=False)
        return x

    def forward(self, images: torch.Tensor, generator: torch.Generator | None = None) -> torch.Tensor:
        """uint8 NCHW on any device -> normalised float (N, 3, *input_size), augmented per image."""
        x = images.float() / 255
        x = self._geometry(x, generator)
        if self.degrade > 0:
            x = self._downscale(x, generator)
        x = self._colour(x, generator)
        return normalise(x, self.pre)
