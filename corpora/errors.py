"""Coded errors at the command line: one line and exit status 2 instead of a traceback.

Every dermalab package raises ``ValueError`` / ``OSError`` / ``KeyError`` with a message that starts with a code
(``[S001] …``, ``[V015] …``): those are the user's to fix and are printed as they are. Anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import re
import sys
from typing import Any, Callable

__all__ = ["coded_message", "run_command"]

_CODE = re.compile(r"\[[A-Z]\d{3}\]")


def coded_message(exc: BaseException) -> str | None:
    """The message of a coded dermalab error, or None for any other exception."""
    if not isinstance(exc, (ValueError, OSError, KeyError)):
        return None
    message = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    return message if _CODE.match(message) else None


def run_command(func: Callable[[Any], int], args: Any) -> int:
    """``func(args)``, with coded errors printed to stderr as ``error: [CODE] …`` and exit status 2."""
    try:
        return func(args)
    except (ValueError, OSError, KeyError) as exc:
        message = coded_message(exc)
        if message is None:
            raise
        print(f"error: {message}", file=sys.stderr)
        return 2
