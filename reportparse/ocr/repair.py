"""Units Tesseract misreads, put back against the unit grammar.

Tesseract reads ``10^3/µL`` as ``1073/uL``, ``10%3/UL`` or ``1043/pl``, ``fL`` as ``£L``, ``µL`` as ``1L``, ``pL``
or ``HL`` (no cell count is given per picolitre, so that one is safe to undo).  A word is
changed only when it is not a unit as read and becomes one with the substitutions below
(:data:`reportparse.grammar.units.UNITS` decides), so names and numbers are never touched; the word keeps its
OCR confidence, so an unsure unit is still flagged.

What the named confusions miss, one *glyph edit* may still explain: a single character read as a look-alike
(``U/I`` for ``U/l``, ``mEg/L`` for ``mEq/L``, ``x10^3/4L`` for ``x10^3/µL``) or a speck read as a character
(``«g/l``, ``x1l0E6/uL``).  Every such edit of the word is tried; the word is changed only when the edits that
make a unit all make the *same* unit, so an ambiguous word stays as printed.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..grammar.units import UNITS

if TYPE_CHECKING:  # the loader imports this module while reportparse.layout is still importing it
    from ..layout.page import Word

__all__ = ["CONFUSIONS", "LOOK_ALIKES", "SPECKS", "repair_unit", "repair_words", "snap_unit"]

# (what Tesseract printed, what it stands for), tried in order on words that could be units.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    (r"£", "f"),  # fL
    (r"(?<=10)(?:[47%*°º^]{1,2})(?=\d{1,2}/)", "^"),  # the caret of 10^3 read as 4, 7, %, * or a degree sign
    (r"^([xX*]*(?:10[\^*]\d{1,2})?/)[pH](?=[lL]$)", r"\1u"),  # x10^3/pl, /pL, /HL: a count per µl, µ read as p or H
    (r"(?<=1[.,]73)m[?]?$", "m²"),  # eGFR per 1.73 m² with the square lost or read as "?"
    (r"(?<=mol/|g/|U/)[lI]L$", "L"),  # /lL: a doubled L
    (r"(?<=/)[1|](?=L$)", "u"),  # /µL read as /1L
    (r"(?<=/)[Il|](?=mm3$|mm\^3$|cumm$)", ""),  # a stray bar before /mm3
    (r"(?<=[uµp])[l|1](?=U/)", "I"),  # uIU read as ulU
    (r"^[Xx](?=[Xx]10)", ""),  # Xx10^6 (a doubled x)
)
_UNIT_SHAPE = regex.compile(r"/|£")  # only words with a slash (or a pound sign) are tried
# "1073/uL" parses as ten to the 73rd: a count exponent this large is the caret misread; and no cell count is
# given per picolitre.
_MISREAD_POWER = regex.compile(r"(?<![\d.,])10[47%*°º]{1,2}\d{1,2}/|^[xX*]*(?:10[\^*]?\d{1,2})?/p[lL]$")


# Glyph edits: what a printed character may be read as (read -> meant), and specks Tesseract reads as a character.
LOOK_ALIKES: dict[str, tuple[str, ...]] = {
    "4": ("µ",), "p": ("µ",), "H": ("µ",), "y": ("µ",), "j": ("µ",), "yw": ("µ",), "pw": ("µ",),
    "I": ("l",), "1": ("l",), "|": ("l",), "i": ("l",), "!": ("l",),
    "g": ("q",), "q": ("g",), "0": ("O",), "O": ("0",), "S": ("5",), "5": ("S",), "?": ("²",),
}
SPECKS = frozenset("«»¢`'‘’“”\",.;:~_|lI14")


# Lab results are never per length: an edit that makes "mm/1" (of "mm/1 hour") into millimetres per litre, or
# "pg/mI" into picograms per metre, found a word of the grammar, not a unit a report prints.
_PER_LENGTH = regex.compile(r"^[a-z]?m/|/[a-z]?m$")


def _is_unit(text: str) -> bool:
    return UNITS.is_unit(text) and not _MISREAD_POWER.search(text)


def _is_lab_unit(text: str) -> bool:
    return _is_unit(text) and not _PER_LENGTH.search(UNITS.ucum(text) or "")


def _substitutions(text: str):
    """Every word one look-alike substitution away from ``text``."""
    for i in range(len(text)):
        for width in (1, 2):
            for meant in LOOK_ALIKES.get(text[i:i + width], ()) if i + width <= len(text) else ():
                yield text[:i] + meant + text[i + width:]


def _drops(text: str):
    """Every word one dropped speck away from ``text``."""
    return (text[:i] + text[i + 1:] for i in range(len(text)) if text[i] in SPECKS)


def snap_unit(text: str) -> str:
    """``text`` one glyph edit away from a unit, when every edit that gives a unit gives the same one.

    Substitutions are tried before dropped specks: ``pg/mI`` is ``pg/ml``, not ``pg/m``."""
    for edits in (_substitutions, _drops):
        found = {edit: UNITS.ucum(edit) for edit in set(edits(text)) if _is_lab_unit(edit)}
        if len(set(found.values())) == 1:
            return min(found)
        if found:
            return text
    return text


def repair_unit(text: str) -> str:
    """``text`` with the confusions undone when that turns it into a known unit, else ``text``."""
    if not _UNIT_SHAPE.search(text) or _is_unit(text):
        return text
    fixed = text
    for pattern, replacement in CONFUSIONS:
        fixed = regex.sub(pattern, replacement, fixed)
    if fixed != text and _is_unit(fixed):
        return fixed
    snapped = snap_unit(fixed)
    return snapped if snapped != fixed else snap_unit(text)


def repair_words(words: list[Word]) -> list[Word]:
    return [w if (fixed := repair_unit(w.text)) == w.text else replace(w, text=fixed) for w in words]
