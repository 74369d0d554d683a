"""MixUp and CutMix on a training batch: a regulariser for small datasets that a pretrained network overfits.

Each batch is either blended with a shuffled copy of itself (MixUp) or has a box of that copy pasted in (CutMix),
one or the other at random, as timm's ``Mixup`` switches; the loss is the two targets' losses weighted by the
share ``lam`` of each image (for CutMix, the box's true area once clipped to the image).  Losses stay the class-
weighted, label-smoothed cross-entropy of the run, so ``--balance loss`` keeps working.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from .errors import VisionError

__all__ = ["MixedBatch", "BatchMixer"]

SWITCH_PROB = 0.5  # share of batches that get CutMix rather than MixUp (timm's default)


@dataclass(frozen=True)
class MixedBatch:
    images: torch.Tensor
    targets: torch.Tensor  # the original targets
    order: torch.Tensor  # image i was mixed with image order[i]
    lam: float  # share of the original images
    kind: str  # "mixup" or "cutmix"

    @property
    def other(self) -> torch.Tensor:
        """The targets of the images mixed in."""
        return self.targets[self.order]

    def loss(self, criterion, logits: torch.Tensor) -> torch.Tensor:
        return self.lam * criterion(logits, self.targets) + (1.0 - self.lam) * criterion(logits, self.other)


class BatchMixer:
    """``alpha``: the Beta(alpha, alpha) the share is drawn from (0.2-0.4 is usual; 0 would mean no mixing)."""

    def __init__(self, alpha: float, seed: int = 0) -> None:
        if not alpha > 0:
            raise VisionError(f"the MixUp / CutMix alpha must be positive, not {alpha}", code="V060")
        self.alpha = alpha
        self.rng = np.random.default_rng(seed)

    def __call__(self, images: torch.Tensor, targets: torch.Tensor) -> MixedBatch:
        lam = float(self.rng.beta(self.alpha, self.alpha))
        order = torch.as_tensor(self.rng.permutation(len(images)), device=images.device)
        if self.rng.random() < SWITCH_PROB:
            images, lam = self._cutmix(images, order, lam)
            return MixedBatch(images, targets, order, lam, "cutmix")
        return MixedBatch(images * lam + images[order] * (1.0 - lam), targets, order, lam, "mixup")

    def _cutmix(self, images: torch.Tensor, order: torch.Tensor, lam: float) -> tuple[torch.Tensor, float]:
        height, width = images.shape[-2:]
        cut = np.sqrt(1.0 - lam)
        box_h, box_w = int(height * cut), int(width * cut)
        cy, cx = int(self.rng.integers(height)), int(self.rng.integers(width))
        top, bottom = max(cy - box_h // 2, 0), min(cy + box_h // 2, height)
        left, right = max(cx - box_w // 2, 0), min(cx + box_w // 2, width)
        mixed = images.clone()
        mixed[..., top:bottom, left:right] = images[order][..., top:bottom, left:right]
        return mixed, 1.0 - (bottom - top) * (right - left) / (height * width)
