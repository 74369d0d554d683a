"""Reference ranges: ``a - b``, ``a ÷ b``, ``da a a b``, ``[a - b]``, ``fino a b``, ``< b``,
``<= b``, ``< or = b``, ``Up to b``, ``> a``, ``sup. a a``, ``inf. a b``, min/max columns,
sex-specific lines and category tables ("Normal: >= 90 …").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import regex

from .numbers import NUMBER_PATTERN, parse_number
from .units import UNITS

__all__ = ["Bound", "RangeMatch", "match_interval", "match_comparison", "parse_reference", "COMPARATORS"]

N = NUMBER_PATTERN.replace("(?<![\\w.,])", "(?<![\\d.,])")

_INTERVAL = regex.compile(
    rf"(?P<open>[\[(]\s*)?(?:(?:da|from|between|tra|fra)\s+)?(?P<low>{N})\s*"
    rf"(?:-|–|—|‐|÷|~|\.\.|\bto\b|\ba\b|\bal\b|\band\b|\be\b)\s*(?P<high>{N})(?P<close>\s*[\])])?",
    regex.IGNORECASE,
)

# Comparator words, longest first; the value is the comparator they mean.
COMPARATORS: list[tuple[str, str]] = [
    (r"<\s*or\s*=|<\s*o\s*=|<=|=<|≤|⩽", "<="),
    (r">\s*or\s*=|>\s*o\s*=|>=|=>|≥|⩾", ">="),
    (r"fino\s+a(?:l(?:le)?)?|up\s*to|upto|inferiore\s+(?:a|o\s+uguale\s+a)|inf\.?\s*a|minore\s+(?:di|a)|"
     r"less\s+than|lower\s+than|below|max\.?|massimo|<", "<"),
    (r"superiore\s+(?:a|o\s+uguale\s+a)|sup\.?\s*a|maggiore\s+(?:di|a)|greater\s+than|higher\s+than|more\s+than|"
     r"above|over|min\.?|minimo|>", ">"),
]
_INCLUSIVE_WORDS = regex.compile(r"fino|up\s*to|upto|uguale|max|massimo|min|minimo", regex.IGNORECASE)
_COMPARISON = regex.compile(
    r"(?P<open>[\[(]\s*)?(?P<cmp>" + "|".join(f"(?:{p})" for p, _ in COMPARATORS) + rf")\s*:?\s*(?P<num>{N})(?P<close>\s*[\])])?",
    regex.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Bound:
    low: float | None
    high: float | None


@dataclass(frozen=True, slots=True)
class RangeMatch:
    start: int
    end: int
    low: float | None
    high: float | None
    comparator: str | None  # set for one-sided ranges ("<", "<=", ">", ">=")


def comparator_of(word: str) -> str:
    for pattern, comparator in COMPARATORS:
        if regex.fullmatch(pattern, word.strip(), regex.IGNORECASE):
            if comparator == "<" and _INCLUSIVE_WORDS.match(word.strip()):
                return "<="
            if comparator == ">" and _INCLUSIVE_WORDS.match(word.strip()):
                return ">="
            return comparator
    raise ValueError(word)


def match_interval(text: str, pos: int = 0, decimal: str | None = None, end: int | None = None
                   ) -> RangeMatch | None:
    """A two-sided interval starting exactly at ``pos`` (and ending by ``end``)."""
    m = _INTERVAL.match(text, pos, len(text) if end is None else end)
    if not m:
        return None
    low, high = parse_number(m.group("low"), decimal), parse_number(m.group("high"), decimal)
    if low is None or high is None or low > high:
        return None
    # "a a b" and "a e b" need the Italian/English word and spaces; reject "3 a 5" inside prose.
    return RangeMatch(m.start(), m.end(), low, high, None)


def match_comparison(text: str, pos: int = 0, decimal: str | None = None, end: int | None = None
                     ) -> RangeMatch | None:
    """A comparator followed by a number (``< 0,5``, ``fino a 40``, ``>= 90``) at ``pos``."""
    m = _COMPARISON.match(text, pos, len(text) if end is None else end)
    if not m:
        return None
    value = parse_number(m.group("num"), decimal)
    if value is None:
        return None
    comparator = comparator_of(m.group("cmp"))
    low, high = (value, None) if comparator.startswith(">") else (None, value)
    return RangeMatch(m.start(), m.end(), low, high, comparator)


_NORMAL_LABEL = regex.compile(
    r"\b(?:normal[ei]?|desirable|desiderabile|optimal|ottimale|reference(?:\s+range)?|non[\s-]?diabetic|"
    r"negative|negativo|valori\s+normali|intervallo\s+di\s+riferimento)\b\s*[:=]?\s*",
    regex.IGNORECASE,
)
_SEX_LABEL = regex.compile(
    r"(?P<sex>\b(?:M|F|U|D|Maschi(?:o|le)?|Femmin(?:a|e|ile)|Uomin[io]|Uomo|Donn[ae]|Men|Women|Male|Female)\b)\.?\s*[:=]?\s*",
    regex.IGNORECASE,
)
_SEX_OF = {"m": "M", "u": "M", "f": "F", "d": "F"}
# Words as str.split() cuts them (Python's re, not regex: the same whitespace as str.isspace).
_LEAD = re.compile(r"\s*[(\[]*")
_UNIT_CHARS = 64  # no printed unit is longer
_NEXT_WORD = re.compile(rf"\s*(\S{{1,{_UNIT_CHARS}}})")


def _all_ranges(text: str, decimal: str | None) -> list[RangeMatch]:
    found: list[RangeMatch] = []
    pos = 0
    while pos < len(text):
        match = match_interval(text, pos, decimal) or match_comparison(text, pos, decimal)
        if match and (pos == 0 or not text[pos - 1].isalnum()):
            found.append(match)
            pos = match.end
        else:
            pos += 1
    return found


def _unit_after(text: str, end: int) -> str | None:
    words = _words_after(text, end, 3)
    for n in (3, 2, 1):
        if len(words) >= n:
            candidate = " ".join(words[:n]).rstrip(")];,")
            if UNITS.is_unit(candidate):
                return candidate
    return None


def _words_after(text: str, end: int, n: int) -> list[str]:
    """The first ``n`` whitespace-separated words after ``end`` (brackets before the first skipped), read no
    further than they reach: a reference may be a whole line, and every range in it asks for the unit after it.
    A word longer than a unit can be ends the words."""
    pos = _LEAD.match(text, end).end()
    words: list[str] = []
    while len(words) < n:
        word = _NEXT_WORD.match(text, pos)
        if word is None or (word.end() < len(text) and not text[word.end()].isspace()):
            break
        words.append(word.group(1))
        pos = word.end()
    return words


def parse_reference(
    text: str,
    *,
    decimal: str | None = None,
    sex: str | None = None,
    unit: str | None = None,
) -> tuple[Bound | None, str | None]:
    """Bounds of a printed reference, and the unit printed inside it (if any).

    Sex-specific references use the patient's ``sex`` ('M'/'F') when known; when it is
    unknown the bounds stay empty rather than guessed.  Category tables use the normal
    category.  With several ranges in different units, the one in ``unit`` wins.
    """
    ranges = _all_ranges(text, decimal)
    if not ranges:
        return None, None

    def with_unit(match: RangeMatch) -> tuple[Bound, str | None]:
        return Bound(match.low, match.high), _unit_after(text, match.end)

    # Sex-specific: "M: 13-17 F: 12-16", "Uomini 13-17; Donne 12-16".
    by_sex: dict[str, RangeMatch] = {}
    for match in ranges:
        prefix = text[max(0, match.start - 14): match.start]
        labels = list(_SEX_LABEL.finditer(prefix))
        if labels and labels[-1].end() == len(prefix):
            by_sex.setdefault(_SEX_OF[labels[-1].group("sex")[0].lower()], match)
    if len(by_sex) == 2:
        if sex in by_sex:
            return with_unit(by_sex[sex])
        return None, _unit_after(text, ranges[0].end)

    if unit and len(ranges) > 1:
        wanted = UNITS.ucum(unit)
        for match in ranges:
            printed = _unit_after(text, match.end)
            if printed and UNITS.ucum(printed) == wanted:
                return with_unit(match)

    starts = [match.start for match in ranges]  # in text order
    for label in _NORMAL_LABEL.finditer(text):
        i = bisect_left(starts, label.end())
        if i < len(ranges) and ranges[i].start - label.end() <= 2:
            return with_unit(ranges[i])
    return with_unit(ranges[0])
