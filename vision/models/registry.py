"""``register_model`` / ``create_model`` in the torchvision and timm style."""

from __future__ import annotations

from typing import Any, Callable

import torch.nn as nn

from ..errors import ModelNotFoundError, VisionError

__all__ = ["register_model", "create_model", "list_models", "get_model_config"]

_BUILDERS: dict[str, Callable[..., nn.Module]] = {}
_DEFAULTS: dict[str, dict[str, Any]] = {}


def register_model(name: str, **defaults: Any) -> Callable:
    """Decorator: register a builder under ``name`` with its default preprocessing (``input_size``…)."""

    def wrap(fn: Callable[..., nn.Module]) -> Callable[..., nn.Module]:
        _BUILDERS[name] = fn
        _DEFAULTS[name] = defaults
        return fn

    return wrap


def list_models() -> list[str]:
    return sorted(_BUILDERS)


def get_model_config(name: str) -> dict[str, Any]:
    if name not in _BUILDERS:
        raise ModelNotFoundError(f"unknown model {name!r}; available: {', '.join(list_models())}", code="V001")
    return dict(_DEFAULTS[name])


def create_model(name: str, *, weights: str | None = None, num_classes: int = 3, **kwargs: Any) -> nn.Module:
    """Build a registered model. ``weights``: None (random init), 'imagenet' or a local file (see each builder)."""
    get_model_config(name)
    try:
        return _BUILDERS[name](weights=weights, num_classes=num_classes, **kwargs)
    except TypeError as exc:
        if "unexpected keyword argument" not in str(exc):
            raise
        raise VisionError(f"{name} does not take the option(s) {sorted(kwargs)}: {exc}", code="V006") from None
