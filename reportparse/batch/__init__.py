"""Parsing many reports.

:func:`parse_many` parses a few files in order, in this process or a process pool (``reportparse parse``).
:func:`run_batch` is the unattended job (``reportparse batch``): inputs listed once in a manifest by content hash,
parsed in chunks by supervised workers (per-file time and memory limits) on this machine or a Dask cluster, each
chunk committed atomically to a part file and a ledger, so that a run killed at any point resumes where it stopped
and the final output holds every report exactly once, in manifest order.

Importing this package loads no pipeline: the parent of a batch never parses.
"""

from importlib import import_module

from .options import BatchConfig, BatchLimits, ParseOptions
from .simple import Outcome, parse_many

_LAZY = {"run_batch": ".runner", "BatchSummary": ".runner"}  # the runner imports the writers: on first use


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["parse_many", "Outcome", "run_batch", "BatchConfig", "BatchSummary", "BatchLimits", "ParseOptions"]
