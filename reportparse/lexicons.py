"""Word lists and patterns the layout and table readers use, read from ``data/lexicons/*.tsv``.

Kept as data so a team can add its laboratories' header words, status words or identifier
formats without touching code: one entry per line, ``#`` starts a comment.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

__all__ = ["Lexicons", "load_lexicons", "fold", "fold_accents"]


def fold_accents(text: str) -> str:
    """Case and accents folded ("Unità" -> "unita")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


_NOT_WORD = regex.compile(r"[^\p{L}\p{N}↑↓▲▼*¬!+]+")
_CATEGORY_TAIL = regex.compile(r"[<>≤≥=]+\s*\d.*$|\d.*$|\(.*\)")
_CACHED_CHARS = 200  # cells and lines up to this long are folded once (a layout repeats them on every page)


def fold(text: str) -> str:
    """Lookup form of a printed phrase: case and accents folded, punctuation as spaces."""
    return _fold_short(text) if len(text) <= _CACHED_CHARS else _fold(text)


def _fold(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", fold_accents(text)).split())


_fold_short = lru_cache(maxsize=1 << 16)(_fold)


def _rows(name: str) -> list[list[str]]:
    data = resources.files("reportparse").joinpath("data", "lexicons", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in data.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicons:
    column_words: dict[str, str]  # folded header phrase -> column role
    category_words: dict[str, str]  # folded category header -> polarity (normal, high, low, abnormal)
    flag_words: dict[str, str | None]  # printed marker (lower case) -> H, L, abnormal; None for a printed "normal"
    identifiers: dict[str, regex.Pattern]  # kind -> pattern of a personal identifier
    phrase_words: int = field(init=False)  # words in the longest header phrase

    def __post_init__(self) -> None:
        object.__setattr__(self, "phrase_words", max((len(key.split()) for key in self.column_words), default=0))

    def column_role(self, header: str) -> str | None:
        """The role a header cell names ("Valori di riferimento" -> reference), or None."""
        key = fold(header)
        if key in self.column_words:
            return self.column_words[key]
        # "Result (SI units)", "Unità di misura*": header words with a qualifier.  Only prefixes as long as a
        # phrase are tried: trying every one made a 120,000-character line take 9 s.
        words = key.split()
        for n in range(min(len(words) - 1, self.phrase_words), 0, -1):
            role = self.column_words.get(" ".join(words[:n]))
            if role:
                return role
        return None

    def category(self, header: str) -> str | None:
        key = fold(_CATEGORY_TAIL.sub("", header))
        return self.category_words.get(key)


@lru_cache(maxsize=1)
def load_lexicons() -> Lexicons:
    columns = {fold(word): role for role, words in _rows("columns.tsv") for word in words.split("|") if word}
    categories = {fold(word): polarity for polarity, words in _rows("categories.tsv") for word in words.split("|")}
    flags = {" ".join(marker.lower().split()): (None if meaning == "N" else meaning)
             for marker, meaning in _rows("flags.tsv")}
    identifiers = {kind: regex.compile(pattern, regex.IGNORECASE if kind not in ("codice_fiscale", "postcode_uk",
                                                                                 "person_comma") else 0)
                   for kind, pattern in _rows("identifiers.tsv")}
    return Lexicons(columns, categories, flags, identifiers)
