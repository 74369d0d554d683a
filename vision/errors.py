"""The coded errors of vision: each a :class:`DermalabError` and the builtin it stands for."""

from __future__ import annotations

from corpora.errors import DermalabError

__all__ = ["DermalabError", "VisionError", "CheckpointError", "BrokenImageError", "ModelNotFoundError",
           "WeightsNotFoundError", "ExportError", "CODES"]

# Every code vision raises or warns with (V004 and V030 are warnings).
CODES = {
    "V001": "unknown model name",
    "V002": "CND has no ImageNet weights",
    "V003": "weights file not found",
    "V004": "ImageNet weights unavailable, training from scratch",
    "V005": "unknown train_layers policy",
    "V006": "option the model builder does not take",
    "V007": "discriminative learning rates for a model without parameter groups",
    "V010": "not a vision run (no config.json)",
    "V011": "the run predicts other classes than expected",
    "V012": "checkpoint does not fit the model",
    "V013": "ensemble runs with different classes",
    "V014": "ensemble runs with different splits",
    "V015": "EMA decay outside (0, 1)",
    "V016": "none of the run's split images is in the dataset",
    "V020": "unreadable image",
    "V030": "no lesion or patient ids: the split may leak",
    "V031": "no images to stack",
    "V032": "time budget not positive",
    "V033": "unknown augment_on",
    "V040": "exported model differs from PyTorch",
}


class VisionError(DermalabError, ValueError):
    """An option or input a vision model, run or training cannot use."""


class CheckpointError(VisionError):
    """A run directory or checkpoint that does not fit what it is loaded for."""


class BrokenImageError(DermalabError, OSError):
    """An image file that cannot be decoded."""


class ModelNotFoundError(DermalabError, KeyError):
    """A model name that is not registered."""


class WeightsNotFoundError(DermalabError, FileNotFoundError):
    """A weights file that does not exist."""


class ExportError(DermalabError, RuntimeError):
    """An exported model (ONNX, TorchScript) whose outputs differ from PyTorch's."""
