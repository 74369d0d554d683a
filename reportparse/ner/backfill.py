"""Values and names the recogniser left, found by what they are next to.

Three small rules, each for one kind of miss (measured in ``benchmarks/bench_ner.py`` on tuning templates):

* :func:`unit_anchored_values`: a number printed right before a concentration unit;
* :func:`catalogue_names`: in prose, a value with no test name in its clause takes the catalogue name printed
  before it ("... e la sideremia, scesa a 38 µg/dL": "sideremia" is a catalogue name);
* :func:`result_words`: in prose, a test name with no value takes the result word printed after it in its clause
  ("HBsAg che è risultato negativo").

A trained recogniser misses values in phrasing it never saw ("Hb che si attesta a 10,9 g/dL"); a number followed
by a unit the registry knows as a concentration or a count ("g/dL", "x10^3/µL", "U/L", "mm/h") is a lab value
whatever the words around it.  The linker still has to find its analyte in the same clause, so a number with a
unit but no test name near it gives no value.  Doses ("15 mg/kg", "400 mg/die"), sizes ("8 mm") and percentages
("BSA 10%") are left alone: their units are not concentrations, or are too common outside lab results.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from itertools import islice

import regex

from ..grammar.units import UNITS
from .linker import CLAUSE_END, PROSE_RESULT

__all__ = ["unit_anchored_values", "is_concentration_unit", "catalogue_names", "result_words"]

# A number not glued to a date, a time, a range or a word: "10,9", "450.000", "5.4".
_NUMBER_UNIT = regex.compile(
    r"(?<![\p{L}\d.,/:\-–])(?P<number>\d+(?:[.,]\d+)*)(?P<space>[ \u00a0]?)(?P<unit>[^\s,;()\[\]]+)")
_TRAILING = ".:)]"
# UCUM parts that mark a dose or a rate of giving a drug, not a measured concentration.
_DOSE_PARTS = ("/kg", "/d", "/wk", "/mo", "/h", "/min/kg", "/m2", "/(24.h)")
_PLAIN_UNITS = frozenset({"fL", "pg", "mm/h"})  # without a "/" or with a dose-like part, but lab units all the same
_RANGE_BEFORE = regex.compile(r"\d\s*[-–]\s*$|(?:<=|>=|[<>≤≥])\s*$")


def is_concentration_unit(text: str) -> bool:
    """A printed unit of a measured quantity in blood: a concentration, a count per volume, a rate ("mm/h")."""
    code = UNITS.ucum(text)
    if code is None:
        return False
    if code in _PLAIN_UNITS:
        return True
    return "/" in code and not any(code.endswith(part) or f"{part}/" in code for part in _DOSE_PARTS)


def unit_anchored_values(text: str, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """New VALUE (and UNIT) entities for numbers before a concentration unit that no entity covers; a unit the
    recogniser tagged already is kept as it is."""
    taken = _Spans((s, e) for s, e, _ in entities)
    units = _Spans((s, e) for s, e, label in entities if label == "UNIT")
    found: list[tuple[int, int, str]] = []
    for match in _NUMBER_UNIT.finditer(text):
        unit_start = match.start("unit")
        unit_end = match.end("unit")
        while unit_end > unit_start and text[unit_end - 1] in _TRAILING:
            unit_end -= 1
        if unit_end <= unit_start or not is_concentration_unit(text[unit_start:unit_end]):
            continue
        start, end = match.span("number")
        if _RANGE_BEFORE.search(text[max(0, start - 4):start]) or taken.overlaps(start, end):
            continue
        tagged_unit = units.holds(unit_start)
        if not tagged_unit and taken.overlaps(unit_start, unit_end):
            continue
        found.append((start, end, "VALUE"))
        if not tagged_unit:
            found.append((unit_start, unit_end, "UNIT"))
    return found


# The words a test name is made of: "anti-HCV", "HbA1c", "25-OH vitamina D", "Ves".
_WORD = regex.compile(r"[\p{L}\p{N}](?:[\p{L}\p{N}'’+\-]*[\p{L}\p{N}+])?")
_NAME_WORDS = 5  # the longest catalogue name, in words, worth trying
_RESULT_WORDS = 3  # "non rilevabile", "not detected": a result word is a short phrase
_RESULT_REACH = 6  # words after a name to look for its result in


def _is_name(phrase: str, is_known) -> bool:
    """A catalogue name as printed; an abbreviation ("Hb", "PLT", "Mg") only with a capital, so the words "mg",
    "ca." or "gr" are never names."""
    if len(phrase) <= 3 and not any(ch.isupper() for ch in phrase):
        return False
    return is_known(phrase)


def _clause_start(text: str, start: int, end: int) -> int:
    """Where the clause that holds ``end`` begins, looking no further back than ``start``."""
    ends = list(CLAUSE_END.finditer(text, start, end))
    return ends[-1].end() if ends else start


def catalogue_names(text: str, entities: list[tuple[int, int, str]], is_known) -> list[tuple[int, int, str]]:
    """New ANALYTE entities: for each VALUE with no name between it and the value or clause end before it, the
    catalogue name nearest before it (the longest of those that end nearest)."""
    ordered = sorted(entities)
    taken = _Spans((s, e) for s, e, _ in ordered)
    found: list[tuple[int, int, str]] = []
    previous_value_end = 0
    last_analyte = -1  # start of the last ANALYTE before the entity at hand
    for start, end, label in ordered:
        if label == "ANALYTE":
            last_analyte = max(last_analyte, start)
        if label != "VALUE":
            continue
        since = _clause_start(text, previous_value_end, start)
        previous_value_end = end
        if last_analyte >= since:
            continue
        name = _nearest_name(text, since, start, taken, is_known)
        if name is not None:
            found.append((*name, "ANALYTE"))
            taken.add(name)
    return found


def _nearest_name(text: str, since: int, until: int, taken, is_known) -> tuple[int, int] | None:
    words = list(_WORD.finditer(text, since, until))
    for last in range(len(words) - 1, -1, -1):
        for first in range(max(0, last - _NAME_WORDS + 1), last + 1):  # longest first
            start, end = words[first].start(), words[last].end()
            if not taken.overlaps(start, end) and _is_name(text[start:end], is_known):
                return start, end
    return None


def result_words(text: str, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """New VALUE entities: for each ANALYTE followed by no entity in its clause, a result word ("negativo",
    "not detected", "positive") among the next few words."""
    ordered = sorted(entities)
    taken = _Spans((s, e) for s, e, _ in ordered)
    found: list[tuple[int, int, str]] = []
    for i, (start, end, label) in enumerate(ordered):
        if label != "ANALYTE":
            continue
        until = ordered[i + 1][0] if i + 1 < len(ordered) else len(text)
        clause_end = CLAUSE_END.search(text, end, until)
        words = list(islice(_WORD.finditer(text, end, clause_end.start() if clause_end else until), _RESULT_REACH))
        result = _first_result(text, words)
        if result is not None and not taken.overlaps(*result):
            found.append((*result, "VALUE"))
    return found


def _first_result(text: str, words) -> tuple[int, int] | None:
    for first in range(len(words)):
        for last in range(min(len(words), first + _RESULT_WORDS) - 1, first - 1, -1):  # longest first
            start, end = words[first].start(), words[last].end()
            if PROSE_RESULT.match(" ".join(text[start:end].split())):
                return start, end
    return None


class _Spans:
    """Entity spans, sorted as they are added, so that ``overlaps`` and ``holds`` bisect instead of reading them
    all (a long paragraph has hundreds of entities, and every candidate asks)."""

    def __init__(self, spans) -> None:
        self.spans = sorted(spans)
        self.longest = max((e - s for s, e in self.spans), default=0)

    def add(self, span: tuple[int, int]) -> None:
        insort(self.spans, span)
        self.longest = max(self.longest, span[1] - span[0])

    def _near(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans that start in ``[start - longest, end)``: all that can reach into ``[start, end)``."""
        return self.spans[bisect_left(self.spans, (start - self.longest,)):bisect_left(self.spans, (end,))]

    def overlaps(self, start: int, end: int) -> bool:
        return any(s < end and start < e for s, e in self._near(start, end))

    def holds(self, x: int) -> bool:
        return any(s <= x < e for s, e in self._near(x, x + 1))
