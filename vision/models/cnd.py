"""CND, the paper's Convolutional Network Disease model.

Stacked blocks of 3x3 convolutions and 2x2 max-pooling followed by a fully connected head,
as in the paper; batch normalisation and a global average pool before the head make it
train reliably from scratch and accept any input size (the paper used 200x200 RGB).
"""

from __future__ import annotations

import torch
import torch.nn as nn

from ..errors import VisionError
from .registry import register_model

__all__ = ["CND"]


def _block(c_in: int, c_out: int, convs: int) -> nn.Sequential:
    layers: list[nn.Module] = []
    for i in range(convs):
        layers += [nn.Conv2d(c_in if i == 0 else c_out, c_out, 3, padding=1, bias=False), nn.BatchNorm2d(c_out),
                   nn.ReLU(inplace=True)]
    layers.append(nn.MaxPool2d(2))
    return nn.Sequential(*layers)


class CND(nn.Module):
    """Convolution + max-pooling blocks, then a fully connected head.

    Backbone contract (timm style): ``num_features``, ``forward_features`` (feature map),
    ``forward_head(x, pre_logits=False)``, ``reset_classifier(n)``.
    """

    def __init__(self, num_classes: int = 3, channels: tuple[int, ...] = (16, 32, 64, 128, 256),
                 convs_per_block: int = 2, hidden: int = 256, dropout: float = 0.3, in_chans: int = 3) -> None:
        super().__init__()
        blocks, c = [], in_chans
        for width in channels:
            blocks.append(_block(c, width, convs_per_block))
            c = width
        self.features = nn.Sequential(*blocks)
        self.num_features = c
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.fc = nn.Sequential(nn.Flatten(), nn.Dropout(dropout), nn.Linear(c, hidden), nn.ReLU(inplace=True),
                                nn.Dropout(dropout))
        self.hidden = hidden
        self.classifier = nn.Linear(hidden, num_classes)
        self.num_classes = num_classes
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
            elif isinstance(m, nn.Linear):
                nn.init.normal_(m.weight, 0, 0.01)
                nn.init.zeros_(m.bias)

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        return self.features(x)

    def forward_head(self, x: torch.Tensor, pre_logits: bool = False) -> torch.Tensor:
        x = self.fc(self.pool(x))
        return x if pre_logits else self.classifier(x)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.forward_head(self.forward_features(x))

    def reset_classifier(self, num_classes: int) -> None:
        self.classifier = nn.Linear(self.hidden, num_classes)
        self.num_classes = num_classes

    @property
    def embedding_dim(self) -> int:
        return self.hidden


def _load_local(model: nn.Module, weights: str | None) -> nn.Module:
    if weights is None:
        return model
    if weights == "imagenet":
        raise VisionError("CND has no ImageNet weights; it is trained from scratch (weights=None) "
                          "or loaded from a run directory with vision.load_run()", code="V002")
    from ..checkpoint import check_fit, load_state_dict_file

    state = load_state_dict_file(weights)
    check_fit(model.state_dict(), state, "CND")  # V012 naming the tensors that do not fit
    model.load_state_dict(state)
    return model


@register_model("cnd", input_size=(200, 200), mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))
def cnd(*, weights: str | None = None, num_classes: int = 3, **kwargs) -> CND:
    """The paper's CND (default 200x200 input)."""
    return _load_local(CND(num_classes=num_classes, **kwargs), weights)


@register_model("cnd_tiny", input_size=(32, 32), mean=(0.485, 0.456, 0.406), std=(0.229, 0.224, 0.225))
def cnd_tiny(*, weights: str | None = None, num_classes: int = 3, **kwargs) -> CND:
    """A few-thousand-parameter CND for tests."""
    kwargs = {"channels": (4, 8), "convs_per_block": 1, "hidden": 8, **kwargs}
    return _load_local(CND(num_classes=num_classes, **kwargs), weights)
