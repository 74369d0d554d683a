"""Numbers as printed in Italian and English lab reports.

Decimal commas and points, thousands separators (``250.000``, ``26 297``, ``1,234.5``) and the
ambiguity between them: ``1.010`` is a specific gravity in an English report and a thousand
and ten in an Italian one.  ``decimal`` is the document's decimal mark when known.
"""

from __future__ import annotations

import regex

__all__ = ["NUMBER_PATTERN", "parse_number", "detect_decimal_mark"]

# Thin, narrow no-break and no-break spaces are thousands separators in typeset reports.
_THIN_SPACES = "\u00a0\u2009\u202f"
NUMBER_PATTERN = (
    r"(?<![\w.,])[+\-−]?(?:\d{1,3}(?:[.,'" + _THIN_SPACES + r"]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?|[.,]\d+)(?![\d])"
)
_SPACE_GROUPED = regex.compile(r"[+\-]?\d{1,3}(?: \d{3})+(?:[.,]\d+)?")
_PLAIN = regex.compile(r"[+\-]?(?:\d+(?:[.,]\d+)*|[.,]\d+)")
_UNAMBIGUOUS_COMMA = regex.compile(r"(?<![\d.,])\d+,(?:\d{1,2}|\d{4,})(?![\d.,])")
_UNAMBIGUOUS_POINT = regex.compile(r"(?<![\d.,])\d+\.(?:\d{1,2}|\d{4,})(?![\d.,])")


def detect_decimal_mark(text: str, default: str = ".") -> str:
    """Return ``','`` or ``'.'``: the mark that is used unambiguously more often in ``text``."""
    commas = len(_UNAMBIGUOUS_COMMA.findall(text))
    points = len(_UNAMBIGUOUS_POINT.findall(text))
    if commas == points:
        return default
    return "," if commas > points else "."


def parse_number(text: str, decimal: str | None = None) -> float | None:
    """Parse one printed number; ``None`` when ``text`` is not exactly a number.

    >>> parse_number("12,5"), parse_number("250.000", decimal=","), parse_number("26 297")
    (12.5, 250000.0, 26297.0)
    """
    s = text.strip().replace("−", "-")
    for ch in _THIN_SPACES:
        s = s.replace(ch, " ")
    if _SPACE_GROUPED.fullmatch(s):
        s = s.replace(" ", "")
    s = s.replace("'", "")
    if not _PLAIN.fullmatch(s):
        return None
    sign = -1.0 if s.startswith("-") else 1.0
    s = s.lstrip("+-")
    if "," in s and "." in s:  # both marks: the last one is the decimal mark
        dec = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if dec == "," else ","
        s = s.replace(thousands, "").replace(dec, ".")
    elif s.count(",") > 1 or s.count(".") > 1:  # 1.234.567: only thousands separators
        s = s.replace(",", "").replace(".", "")
    elif "," in s or "." in s:
        mark = "," if "," in s else "."
        head, tail = s.split(mark)
        is_thousands = (
            len(tail) == 3
            and head not in ("", "0")
            and len(head) <= 3
            and decimal is not None
            and mark != decimal
        )
        s = head + tail if is_thousands else head + "." + tail
    try:
        return sign * float(s)
    except ValueError:
        return None

