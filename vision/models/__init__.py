"""Model registry and the two architectures: CND and CND-InceptionV3."""

from .registry import create_model, get_model_config, list_models, register_model
from . import cnd, inception  # noqa: F401  (register the builders)
from .cnd import CND
from .inception import CNDInceptionV3

__all__ = ["create_model", "list_models", "register_model", "get_model_config", "CND", "CNDInceptionV3"]
