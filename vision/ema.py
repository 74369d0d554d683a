"""An exponential moving average of a model's weights (validated and saved instead of the raw weights).

The decay warms up as (1 + t) / (10 + t), capped at ``decay`` (the TensorFlow ``num_updates`` rule): a
run of a few hundred steps averages its recent weights instead of dragging its random start along.
"""

from __future__ import annotations

import copy
from itertools import chain

import torch
import torch.nn as nn

from .errors import VisionError

__all__ = ["WeightAverage", "check_decay"]


def check_decay(decay: float) -> None:
    if not 0 < decay < 1:
        raise VisionError(f"the EMA decay must lie in (0, 1), not {decay}", code="V015")


class WeightAverage:
    def __init__(self, model: nn.Module, decay: float) -> None:
        check_decay(decay)
        self.module = copy.deepcopy(model).eval().requires_grad_(False)
        self.decay, self.updates = decay, 0

    @staticmethod
    def _tensors(model: nn.Module) -> tuple[list[torch.Tensor], list[torch.Tensor]]:
        tensors = list(chain(model.parameters(), model.buffers()))
        return [t for t in tensors if t.is_floating_point()], [t for t in tensors if not t.is_floating_point()]

    @torch.no_grad()
    def update(self, model: nn.Module) -> None:
        self.updates += 1
        decay = min(self.decay, (1 + self.updates) / (10 + self.updates))
        (ema_float, ema_other), (new_float, new_other) = self._tensors(self.module), self._tensors(model)
        torch._foreach_lerp_(ema_float, [t.detach() for t in new_float], 1 - decay)
        for ema, new in zip(ema_other, new_other):  # counters such as BatchNorm's num_batches_tracked
            ema.copy_(new)

    def state_dict(self) -> dict:
        return {"module": self.module.state_dict(), "updates": self.updates}

    def load_state_dict(self, state: dict) -> None:
        self.module.load_state_dict(state["module"])
        self.updates = int(state["updates"])
