"""Qualitative results: ``negativo``, ``assenti``, ``tracce``, ``++``, ``None seen``, colours…"""

from __future__ import annotations

import regex

__all__ = ["QUALITATIVE_WORDS", "match_qualitative", "is_negative"]

QUALITATIVE_WORDS = [
    # Italian
    "negativo", "negativa", "negativi", "negative", "positivo", "positiva", "positivi", "positive",
    "assente", "assenti", "presente", "presenti", "tracce", "traccia", "rari", "rare", "scarsi", "scarse",
    "numerosi", "numerose", "abbondanti", "non rilevabile", "non rilevabili", "non rilevato", "non dosabile",
    "debolmente positivo", "dubbio", "normale", "limpido", "limpida", "torbido", "torbida", "lievemente torbido",
    "opalescente", "giallo paglierino", "giallo chiaro", "giallo", "paglierino", "ambrato", "rosso",
    "reattivo", "non reattivo", "indeterminato",
    # English
    "negative", "positive", "weakly positive", "absent", "present", "trace", "traces", "nil", "none seen",
    "none", "not seen", "not detected", "detected", "non detected", "reactive", "non reactive", "non-reactive",
    "nonreactive", "equivocal", "indeterminate", "borderline", "normal", "clear", "turbid", "slightly turbid",
    "cloudy", "hazy", "light yellow", "pale yellow", "dark yellow", "straw", "yellow", "amber", "few",
    "occasional", "many", "plenty", "moderate", "small", "large",
]
_ORDERED = sorted(set(QUALITATIVE_WORDS), key=len, reverse=True)
_QUAL_RE = regex.compile(
    r"(?<![\w+])(?:" + "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in _ORDERED) + r"|\+{1,4}|[1-4]\+)(?![\w+])",
    regex.IGNORECASE,
)
_NEGATIVE = regex.compile(
    r"^(?:negativ[oaie]|assent[ei]|non rilevabil[ei]|non rilevato|non reattivo|negative|absent|nil|none(?: seen)?|"
    r"not (?:seen|detected)|non[- ]?reactive|normal[ei]?|-)$",
    regex.IGNORECASE,
)


def match_qualitative(text: str, pos: int, end: int | None = None) -> regex.Match | None:
    return _QUAL_RE.match(text, pos, len(text) if end is None else end)


def is_negative(text: str) -> bool:
    return bool(_NEGATIVE.match(regex.sub(r"\s+", " ", text.strip())))
