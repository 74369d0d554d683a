"""Read the contents of a cell as a sequence of typed items.

``"26 mg/dL"`` → NUM, UNIT; ``"6-24 mg/dL"`` → RANGE, UNIT; ``"< 0,5"`` → CMP (a censored
result or a one-sided range: the row grammar decides by position); ``"NEGATIVO"`` → QUAL;
``"H"`` / ``"¬"`` → FLAG; anything else is TEXT.  Dates and times get their own kinds so
that header rows ("Collected: 3/7/2023") never pass for results.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from ..grammar.flags import match_flag, parse_flag
from ..grammar.numbers import NUMBER_PATTERN, parse_number
from ..grammar.qualitative import match_qualitative
from ..grammar.ranges import match_comparison, match_interval
from ..grammar.units import UNITS

__all__ = ["Item", "lex"]

NUM, CMP, RANGE, UNIT, FLAG, QUAL, TEXT, DATE = "NUM", "CMP", "RANGE", "UNIT", "FLAG", "QUAL", "TEXT", "DATE"

_NUMBER = regex.compile(NUMBER_PATTERN)
_DATE = regex.compile(
    r"(?:[0-2]?\d|3[01])([/.\-])(?:[0-2]?\d|3[01])\1(?:\d{4}|\d{2})(?![\d.,])|\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp][Mm])?"
)
_WORD = regex.compile(r"\S+")
# "10^9/L", "x10E3/uL", "1000/µl": units that start with digits, tried before numbers.
_GLUED_FLAG = regex.compile(r"(?:HH|LL|H|L|\*|¬|!|↑|↓)(?![\w/])")
_COUNT_UNIT_START = regex.compile(r"[x×*]?\s?10\s?[\^*eE]\s?\d|\d+/")
# Unit candidates are tried on up to three words: "mm/1 hour", "10^3 / µL", "WBC / hpf".
_UNIT_WORDS = regex.compile(r"\S+(?:\s\S+){0,2}")


@dataclass(slots=True)
class Item:
    kind: str
    start: int
    end: int
    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    comparator: str | None = None
    flag: str | None = None
    col0: int = 0
    col1: int = 0


def _match_unit(text: str, pos: int, end: int) -> int | None:
    """End of the longest unit starting at ``pos`` (1 to 3 words), or None."""
    m = _UNIT_WORDS.match(text, pos, end)
    if not m:
        return None
    words = list(_WORD.finditer(m.group()))
    for n in range(len(words), 0, -1):
        stop = pos + words[n - 1].end()
        candidate = text[pos:stop].rstrip(".,;:)]*¬")
        # A bare letter is a flag or an initial far more often than a unit ("L", "M").
        if len(candidate) < 2 and candidate != "%":
            continue
        if UNITS.is_unit(candidate):
            return pos + len(candidate)
    return None


def lex(text: str, start: int, end: int, decimal: str | None, col_offset: int = 0) -> list[Item]:
    """Items of ``text[start:end]``; ``col_offset`` turns offsets into line columns."""
    items: list[Item] = []
    pos = start
    while pos < end:
        ch = text[pos]
        if ch.isspace() or ch in ":;|":
            pos += 1
            continue
        item = _lex_one(text, pos, end, decimal, items)
        if item.kind == TEXT and items and items[-1].kind == TEXT and item.start - items[-1].end <= 1:
            items[-1].end = item.end
            items[-1].text = text[items[-1].start:item.end]
        else:
            items.append(item)
        pos = item.end
    for item in items:
        item.col0, item.col1 = item.start - col_offset, item.end - col_offset
    return items


def _glued_to_word(text: str, pos: int, end: int) -> bool:
    """True for "25-OH", "1,25-diidrossi", "3rd": a number that is part of a word, not a result.

    A glued unit ("10,0mg/dl", "46.1%") or flag ("14.2H") does not count.
    """
    if pos >= end:
        return False
    if text[pos] == "+":  # "1+", "2+": a semi-quantitative grade
        return True
    tail_match = _WORD.match(text, pos, end)
    tail = tail_match.group() if tail_match else ""
    if not tail or not (tail[0].isalpha() or (tail[0] == "-" and len(tail) > 1 and tail[1].isalpha())):
        return False
    if UNITS.is_unit(tail.rstrip(".,;:)]*¬")) or parse_flag(tail) is not None:
        return False
    return True


def _boundary_before(text: str, pos: int) -> bool:
    return pos == 0 or not (text[pos - 1].isalnum() or text[pos - 1] in "-/^.,")


def _lex_one(text: str, pos: int, end: int, decimal: str | None, previous: list[Item]) -> Item:
    at_boundary = _boundary_before(text, pos)
    if at_boundary and _COUNT_UNIT_START.match(text, pos, end):
        unit_end = _match_unit(text, pos, end)
        if unit_end:
            return Item(UNIT, pos, unit_end, text[pos:unit_end])
    if at_boundary:
        m = _DATE.match(text, pos, end)
        if m and not (m.end() < end and text[m.end()].isalnum()):
            return Item(DATE, pos, m.end(), m.group())
        rng = match_interval(text, pos, decimal, end)
        if rng and (rng.end == end or not text[rng.end].isalnum() or text[rng.end] in "%"):
            return Item(RANGE, pos, rng.end, text[pos:rng.end], low=rng.low, high=rng.high)
        cmp = match_comparison(text, pos, decimal, end)
        if cmp and (cmp.end == end or not text[cmp.end].isdigit()):
            value = cmp.low if cmp.low is not None else cmp.high
            return Item(CMP, pos, cmp.end, text[pos:cmp.end], value=value, low=cmp.low, high=cmp.high,
                        comparator=cmp.comparator)
        m = _NUMBER.match(text, pos, end)
        if m and not _glued_to_word(text, m.end(), end):
            value = parse_number(m.group(), decimal)
            if value is not None:
                return Item(NUM, pos, m.end(), m.group(), value=value)
        q = match_qualitative(text, pos, end)
        if q:
            return Item(QUAL, pos, q.end(), q.group())
    # Units may be glued to a number: "46.1%", "10,0mg/dl".
    glued = bool(previous) and previous[-1].end == pos and previous[-1].kind in (NUM, RANGE, CMP)
    if previous and previous[-1].end == pos and text[pos] in "*¬" and previous[-1].kind == UNIT:
        return Item(FLAG, pos, pos + 1, text[pos], flag="abnormal")  # "x10^9/L*"
    if glued and previous[-1].kind == NUM:
        g = _GLUED_FLAG.match(text, pos, end)
        if g:
            return Item(FLAG, pos, g.end(), g.group(), flag=parse_flag(g.group()))
    if at_boundary or glued:
        f = match_flag(text, pos, end)
        if f and (f.group() not in ("*", "**") or not previous or previous[-1].kind != TEXT or glued):
            flag = parse_flag(f.group())
            unit_end = _match_unit(text, pos, end)
            if flag and (unit_end is None or unit_end <= f.end()):
                return Item(FLAG, pos, f.end(), f.group(), flag=flag)
        unit_end = _match_unit(text, pos, end)
        if unit_end:
            return Item(UNIT, pos, unit_end, text[pos:unit_end])
    m = _WORD.match(text, pos, end)
    stop = m.end() if m else pos + 1
    # Split a word before a glued number only for "Traces(10" style: keep "alfa-1", "B12" whole.
    return Item(TEXT, pos, stop, text[pos:stop])
