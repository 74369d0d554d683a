"""The coded errors of multimodal: each a :class:`DermalabError` and the builtin it stands for."""

from __future__ import annotations

from reportparse.errors import DermalabError

__all__ = ["DermalabError", "MultimodalError", "CODES"]

CODES = {
    "M001": "unknown image feature kind",
    "M002": "unknown calibration",
    "M003": "fewer than two classes to fit",
    "M004": "unknown combine rule",
    "M005": "no modality with enough samples to fit",
}


class MultimodalError(DermalabError, ValueError):
    """An option or data set the fusion models cannot use."""
