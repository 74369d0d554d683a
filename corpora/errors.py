"""Coded errors: corpora's own, and how every dermalab CLI prints them (one line, exit status 2).

Every coded dermalab error is a :class:`~reportparse.errors.DermalabError` (``str(exc)`` is ``[CODE] message``)
that also subclasses the builtin it stands for, so ``except ValueError`` / ``except OSError`` keep working.
Those are the user's to fix and are printed as they are; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import sys
from typing import Any, Callable

from reportparse.errors import DermalabError

__all__ = ["DermalabError", "CorporaError", "SplitError", "LeakageError", "DatasetNotFoundError",
           "BrokenImageError", "CODES", "coded_message", "run_command"]

# Codes raised by corpora. D001-D007 are the dataset issues of corpora.images.records.ISSUE_CODES;
# D002 (an unreadable image) is also raised, as BrokenImageError, by corpora.images.torch_dataset.load_rgb.
CODES = {
    "D100": "no known dataset layout in the folder",
    "D101": "dataset neither a folder nor a known name",
    "D102": "unknown layout name",
    "G001": "unknown report layout family",
    "G002": "no report family left after the exclusions",
    "G003": "unknown prose template, or one of the other language",
    "G004": "no prose template left to generate",
    "S001": "too few lesions for the held-out fraction asked for",
    "S002": "a group (lesion / patient / near-duplicate) on both sides of a split",
    "G005": "unknown scan damage preset",
    "G006": "no PDF in the folder to rasterise",
    "G007": "unknown scan image format",
}


class CorporaError(DermalabError, ValueError):
    """A dataset, layout or split request that cannot be used."""


class SplitError(CorporaError):
    """The data are too few for the split asked for."""


class LeakageError(CorporaError):
    """A group (lesion / patient / near-duplicate) appears on both sides of a split."""


class DatasetNotFoundError(DermalabError, FileNotFoundError):
    """A dataset name or folder that does not exist."""


class BrokenImageError(DermalabError, OSError):
    """An image file that cannot be decoded."""


def coded_message(exc: BaseException) -> str | None:
    """``[CODE] message`` of a coded dermalab error, or None for any other exception."""
    return str(exc) if isinstance(exc, DermalabError) and exc.code else None


def run_command(func: Callable[[Any], int], args: Any) -> int:
    """``func(args)``, with coded errors printed to stderr as ``error: [CODE] …`` and exit status 2."""
    try:
        return func(args)
    except DermalabError as exc:
        message = coded_message(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 2
