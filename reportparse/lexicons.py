"""Word lists and patterns the layout and table readers use, read from ``data/lexicons/*.tsv``.

Kept as data so a team can add its laboratories' header words, status words or identifier
formats without touching code: one entry per line, ``#`` starts a comment.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import regex

__all__ = ["Lexicons", "load_lexicons", "fold", "fold_accents"]


def fold_accents(text: str) -> str:
    """Case and accents folded ("Unità" -> "unita")."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def fold(text: str) -> str:
    """Lookup form of a printed phrase: case and accents folded, punctuation as spaces."""
    text = fold_accents(text)
    return " ".join(regex.sub(r"[^\p{L}\p{N}↑↓▲▼*¬!+]+", " ", text).split())


def _rows(name: str) -> list[list[str]]:
    data = resources.files("reportparse").joinpath("data", "lexicons", name).read_text(encoding="utf-8")
    return [line.split("\t") for line in data.splitlines() if line.strip() and not line.startswith("#")]


@dataclass(frozen=True)
class Lexicons:
    column_words: dict[str, str]  # folded header phrase -> column role
    category_words: dict[str, str]  # folded category header -> polarity (normal, high, low, abnormal)
    flag_words: dict[str, str | None]  # printed marker (lower case) -> H, L, abnormal; None for a printed "normal"
    identifiers: dict[str, regex.Pattern]  # kind -> pattern of a personal identifier

    def column_role(self, header: str) -> str | None:
        """The role a header cell names ("Valori di riferimento" -> reference), or None."""
        key = fold(header)
        if key in self.column_words:
            return self.column_words[key]
        # "Result (SI units)", "Unità di misura*": the header words with a qualifier.
        words = key.split()
        for n in range(len(words) - 1, 0, -1):
            role = self.column_words.get(" ".join(words[:n]))
            if role:
                return role
        return None

    def category(self, header: str) -> str | None:
        key = fold(regex.sub(r"[<>≤≥=]+\s*\d.*$|\d.*$|\(.*\)", "", header))
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
