"""Printed abnormality markers, kept apart from the interpretation we compute.

The markers live in ``data/lexicons/flags.tsv``.  Status words of portal printouts
("In Range", "Above Range", "Nella norma") are markers too; a printed *normal* status
reads as ``"N"`` here and leaves the parser as no flag.
"""

from __future__ import annotations

import regex

from ..lexicons import load_lexicons

__all__ = ["FLAG_WORDS", "parse_flag", "match_flag", "FLAG_PATTERN", "NORMAL"]

NORMAL = "N"  # a printed "normal" marker: evidence of a result row, never an output flag
FLAG_WORDS: dict[str, str] = {marker: meaning or NORMAL for marker, meaning in load_lexicons().flag_words.items()}
_ORDERED = sorted(FLAG_WORDS, key=len, reverse=True)
FLAG_PATTERN = r"(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in _ORDERED) + r")"
# A marker stands alone: "H-Jolly" and "L/L" are not flags.
_FLAG_RE = regex.compile(rf"(?<![\w*]){FLAG_PATTERN}(?=[\s)\]]|$)", regex.IGNORECASE)


def parse_flag(text: str) -> str | None:
    """'H', 'L', 'abnormal' or 'N' (printed normal) for a printed marker, None otherwise."""
    return FLAG_WORDS.get(" ".join(text.strip().lower().split()))


def match_flag(text: str, pos: int, end: int | None = None) -> regex.Match | None:
    return _FLAG_RE.match(text, pos, len(text) if end is None else end)
