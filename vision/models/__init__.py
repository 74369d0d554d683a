"""Model registry and the architectures: CND, CND-InceptionV3 and CND-EfficientNet-Lite0/1/2."""

from .registry import create_model, get_model_config, list_models, register_model
from . import cnd, efficientnet, inception  # noqa: F401  (register the builders)
from .cnd import CND
from .efficientnet import CNDEfficientNetLite
from .inception import CNDInceptionV3

__all__ = ["create_model", "list_models", "register_model", "get_model_config", "CND", "CNDInceptionV3",
           "CNDEfficientNetLite"]
