"""Memory of a worker process, read from /proc on Linux (psutil elsewhere, when it is installed).

Only the worker itself is counted: Tesseract, which OCR runs as a child, is held by its own --ocr-timeout.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["rss", "address_space"]

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_PROC = Path("/proc")


def rss(pid: int) -> int | None:
    """Resident bytes of ``pid``; None where it cannot be told (the process is gone, or neither /proc nor psutil)."""
    try:
        return int((_PROC / str(pid) / "statm").read_text().split()[1]) * _PAGE
    except (OSError, IndexError, ValueError):
        return _psutil_rss(pid)


def address_space(pid: int) -> int | None:
    """Virtual size of ``pid`` in bytes (what RLIMIT_AS counts); None off Linux."""
    try:
        return int((_PROC / str(pid) / "statm").read_text().split()[0]) * _PAGE
    except (OSError, IndexError, ValueError):
        return None


def _psutil_rss(pid: int) -> int | None:
    try:
        import psutil
    except ImportError:
        return None
    try:
        return psutil.Process(pid).memory_info().rss
    except psutil.Error:
        return None
