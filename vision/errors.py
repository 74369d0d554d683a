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
    "V020": "not an image (no JPEG, PNG, TIFF, BMP, WebP or GIF data)",
    "V030": "no lesion or patient ids: the split may leak",
    "V031": "no images to stack",
    "V032": "time budget not positive",
    "V033": "unknown augment_on",
    "V040": "exported model differs from PyTorch",
    # images that cannot be classified (vision.data.IMAGE_PROBLEM_CODES)
    "V041": "image with too many pixels (a decompression bomb)",
    "V042": "image too small to classify",
    "V043": "empty image file",
    "V044": "damaged or truncated image data",
    "V045": "animated image",
    "V046": "not a readable file (missing, a folder, no permission)",
    "V047": "pixel format with no 8-bit RGB equivalent",
    "V048": "output file that cannot be written",
    "V049": "device not available on this machine",
    # run folders that cannot be loaded (vision.checkpoint)
    "V050": "config.json unreadable (empty, not JSON, not an object)",
    "V051": "config.json field of the wrong type or value",
    "V052": "preprocessing that cannot be applied (input size, mean, std)",
    "V053": "weights file missing",
    "V054": "weights file damaged or truncated",
    "V055": "weights file that would run code (pickle)",
    "V056": "non-finite weights, or non-finite outputs on a blank image",
    "V057": "the network does not accept the run's input size",
    "V058": "split.csv unreadable or without its columns",
    "V059": "no image to predict or evaluate (none found, or none readable)",
    "V060": "a MixUp / CutMix alpha that is not a positive number",
    "V061": "a decision rule that does not fit the run's classes",
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
