"""Printed abnormality markers, kept apart from the interpretation we compute."""

from __future__ import annotations

import regex

__all__ = ["FLAG_WORDS", "parse_flag", "FLAG_PATTERN"]

FLAG_WORDS: dict[str, str | None] = {
    "h": "H", "hh": "H", "high": "H", "alto": "H", "alta": "H", "elevato": "H", "elevata": "H", "↑": "H", "▲": "H",
    "+h": "H", "h*": "H", "l": "L", "ll": "L", "low": "L", "basso": "L", "bassa": "L", "↓": "L", "▼": "L",
    "l*": "L", "*": "abnormal", "**": "abnormal", "¬": "abnormal", "!": "abnormal", "abnormal": "abnormal",
    "anormale": "abnormal", "alterato": "abnormal", "out of range": "abnormal", "fuori range": "abnormal",
    "fuori intervallo": "abnormal", "critical": "abnormal", "critico": "abnormal",
}
_ORDERED = sorted(FLAG_WORDS, key=len, reverse=True)
FLAG_PATTERN = r"(?:" + "|".join(regex.escape(w) for w in _ORDERED) + r")"
# A marker stands alone: "H-Jolly" and "L/L" are not flags.
_FLAG_RE = regex.compile(rf"(?<![\w*]){FLAG_PATTERN}(?=[\s)\]]|$)", regex.IGNORECASE)


def parse_flag(text: str) -> str | None:
    """Return 'H', 'L' or 'abnormal' for a printed marker, None otherwise."""
    return FLAG_WORDS.get(" ".join(text.strip().lower().split()))


def match_flag(text: str, pos: int, end: int | None = None) -> regex.Match | None:
    return _FLAG_RE.match(text, pos, len(text) if end is None else end)
