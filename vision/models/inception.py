"""CND-InceptionV3: torchvision's InceptionV3 with a new head (and aux head) and a freeze policy.

ImageNet weights come from torchvision's ``Inception_V3_Weights.IMAGENET1K_V1``: from the
local torch hub cache when present, downloaded when the machine may, or from a local file
(``weights="/path/inception_v3_google-0cc3c7bd.pth"``).  Without them the model starts from
scratch, and says so (a warning, and ``model.pretrained = False``).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import torch
import torch.nn as nn

from ..errors import VisionError, WeightsNotFoundError
from .registry import register_model

__all__ = ["CNDInceptionV3", "TRAIN_LAYERS", "load_imagenet_state_dict", "hub_weights_file"]

TRAIN_LAYERS = ("head", "last", "all")
_LAST_BLOCKS = ("Mixed_7a", "Mixed_7b", "Mixed_7c")


def load_imagenet_state_dict(source: str = "imagenet") -> dict[str, torch.Tensor] | None:
    """ImageNet InceptionV3 weights from a local file, the torch hub cache, or a download; None if unavailable."""
    if source != "imagenet":
        path = Path(source)
        if not path.is_file():
            raise WeightsNotFoundError(f"weights file {path} not found", code="V003")
        from ..checkpoint import load_state_dict_file

        return load_state_dict_file(path)
    try:
        return _download_imagenet()
    except Exception as exc:  # noqa: BLE001 - no network, no cache: fall back to scratch, loudly
        warnings.warn(f"[V004] ImageNet weights for InceptionV3 are not available ({type(exc).__name__}: {exc}); "
                      "training from scratch. Put inception_v3_google-0cc3c7bd.pth in the torch hub cache "
                      "(~/.cache/torch/hub/checkpoints) or pass its path as weights=...", stacklevel=3)
        return None


def hub_weights_file() -> Path | None:
    """torchvision's InceptionV3 ImageNet file in the torch hub cache, if a user put it there."""
    from torchvision.models import Inception_V3_Weights

    path = Path(torch.hub.get_dir()) / "checkpoints" / Path(Inception_V3_Weights.IMAGENET1K_V1.url).name
    return path if path.is_file() else None


def _download_imagenet() -> dict[str, torch.Tensor]:
    """torchvision's own loader: the hub cache first, then the download (checked against its hash)."""
    from torchvision.models import Inception_V3_Weights

    return Inception_V3_Weights.IMAGENET1K_V1.get_state_dict(progress=False, check_hash=True)


class CNDInceptionV3(nn.Module):
    """InceptionV3 backbone, new classifier and auxiliary classifier for ``num_classes``."""

    def __init__(self, num_classes: int = 3, *, weights: str | None = None, train_layers: str = "all",
                 dropout: float = 0.5, aux_logits: bool = True) -> None:
        super().__init__()
        from torchvision.models import inception_v3

        state = load_imagenet_state_dict(weights) if weights else None
        # transform_input re-normalises ImageNet-normalised input to the original Inception range: only with its weights.
        self.backbone = inception_v3(weights=None, aux_logits=True, init_weights=state is None,
                                     transform_input=state is not None, dropout=dropout)
        if state is not None:
            self.backbone.load_state_dict(state)
        self.pretrained = state is not None
        self.num_features = self.backbone.fc.in_features
        self.backbone.fc = nn.Linear(self.num_features, num_classes)
        self.backbone.AuxLogits.fc = nn.Linear(self.backbone.AuxLogits.fc.in_features, num_classes)
        if not aux_logits:
            self.backbone.aux_logits = False
            self.backbone.AuxLogits = None
        self.num_classes = num_classes
        self.set_train_layers(train_layers)

    def set_train_layers(self, policy: str) -> None:
        """'head': only the classifiers learn; 'last': also Mixed_7a-c; 'all': everything (fine-tuning)."""
        if policy not in TRAIN_LAYERS:
            raise VisionError(f"train_layers must be one of {TRAIN_LAYERS}, not {policy!r}", code="V005")
        self.train_layers = policy
        for name, param in self.backbone.named_parameters():
            head = name.startswith("fc.") or name.startswith("AuxLogits.fc.")
            last = name.split(".")[0] in _LAST_BLOCKS
            param.requires_grad = policy == "all" or head or (policy == "last" and last)

    _TO_6E = ("Conv2d_1a_3x3", "Conv2d_2a_3x3", "Conv2d_2b_3x3", "maxpool1", "Conv2d_3b_1x1", "Conv2d_4a_3x3",
              "maxpool2", "Mixed_5b", "Mixed_5c", "Mixed_5d", "Mixed_6a", "Mixed_6b", "Mixed_6c", "Mixed_6d", "Mixed_6e")

    def _to_6e(self, x: torch.Tensor) -> torch.Tensor:
        b = self.backbone
        x = b._transform_input(x)
        for name in self._TO_6E:
            x = getattr(b, name)(x)
        return x

    def _from_6e(self, x: torch.Tensor) -> torch.Tensor:
        for name in ("Mixed_7a", "Mixed_7b", "Mixed_7c"):
            x = getattr(self.backbone, name)(x)
        return x

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        return self._from_6e(self._to_6e(x))

    def forward_head(self, x: torch.Tensor, pre_logits: bool = False) -> torch.Tensor:
        b = self.backbone
        x = torch.flatten(b.dropout(b.avgpool(x)), 1)
        return x if pre_logits else b.fc(x)

    def forward(self, x: torch.Tensor):
        """Logits; while training with the aux head, ``(logits, aux_logits)``.

        The aux head's 5x5 convolution needs the 17x17 map of a 299 px input: below that
        (the tiny test variant, small inputs) it is skipped.
        """
        x = self._to_6e(x)
        aux = None
        if self.training and self.backbone.AuxLogits is not None and min(x.shape[-2:]) >= 17:
            aux = self.backbone.AuxLogits(x)
        logits = self.forward_head(self._from_6e(x))
        return (logits, aux) if aux is not None else logits

    def reset_classifier(self, num_classes: int) -> None:
        self.backbone.fc = nn.Linear(self.num_features, num_classes)
        if self.backbone.AuxLogits is not None:
            self.backbone.AuxLogits.fc = nn.Linear(self.backbone.AuxLogits.fc.in_features, num_classes)
        self.num_classes = num_classes
        self.set_train_layers(self.train_layers)

    @property
    def embedding_dim(self) -> int:
        return self.num_features


@register_model("cnd_inception_v3", input_size=(299, 299), transfer=True, mean=(0.485, 0.456, 0.406),
                std=(0.229, 0.224, 0.225))
def cnd_inception_v3(*, weights: str | None = None, num_classes: int = 3, **kwargs) -> CNDInceptionV3:
    """InceptionV3 transfer learning; ``weights='imagenet'`` or a local .pth / .safetensors file."""
    return CNDInceptionV3(num_classes, weights=weights, **kwargs)


@register_model("cnd_inception_v3_tiny", input_size=(75, 75), transfer=True, mean=(0.485, 0.456, 0.406),
                std=(0.229, 0.224, 0.225))
def cnd_inception_v3_tiny(*, weights: str | None = None, num_classes: int = 3, **kwargs) -> CNDInceptionV3:
    """The same network at its smallest input (75x75), for tests."""
    return CNDInceptionV3(num_classes, weights=weights, **kwargs)
