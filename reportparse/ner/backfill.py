"""Values the recogniser left, found by their unit: a number printed right before a concentration unit.

A trained recogniser misses values in phrasing it never saw ("Hb che si attesta a 10,9 g/dL"); a number followed
by a unit the registry knows as a concentration or a count ("g/dL", "x10^3/µL", "U/L", "mm/h") is a lab value
whatever the words around it.  The linker still has to find its analyte in the same clause, so a number with a
unit but no test name near it gives no value.  Doses ("15 mg/kg", "400 mg/die"), sizes ("8 mm") and percentages
("BSA 10%") are left alone: their units are not concentrations, or are too common outside lab results.
"""

from __future__ import annotations

import regex

from ..grammar.units import UNITS

__all__ = ["unit_anchored_values", "is_concentration_unit"]

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
    taken = sorted((s, e) for s, e, _ in entities)
    units = {(s, e) for s, e, label in entities if label == "UNIT"}
    found: list[tuple[int, int, str]] = []
    for match in _NUMBER_UNIT.finditer(text):
        unit_start = match.start("unit")
        unit_end = match.end("unit")
        while unit_end > unit_start and text[unit_end - 1] in _TRAILING:
            unit_end -= 1
        if unit_end <= unit_start or not is_concentration_unit(text[unit_start:unit_end]):
            continue
        start, end = match.span("number")
        if _RANGE_BEFORE.search(text[max(0, start - 4):start]) or _overlaps(start, end, taken):
            continue
        tagged_unit = any(s <= unit_start < e for s, e in units)
        if not tagged_unit and _overlaps(unit_start, unit_end, taken):
            continue
        found.append((start, end, "VALUE"))
        if not tagged_unit:
            found.append((unit_start, unit_end, "UNIT"))
    return found


def _overlaps(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in taken)
