"""Units Tesseract misreads, put back against the unit grammar.

Tesseract reads ``10^3/µL`` as ``1073/uL``, ``10%3/UL`` or ``1043/pl``, ``fL`` as ``£L``, ``µL`` as ``1L``, ``pL``
or ``HL`` (no cell count is given per picolitre, so that one is safe to undo).  A word is
changed only when it is not a unit as read and becomes one with the substitutions below
(:data:`reportparse.grammar.units.UNITS` decides), so names and numbers are never touched; the word keeps its
OCR confidence, so an unsure unit is still flagged.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import regex

from ..grammar.units import UNITS

if TYPE_CHECKING:  # the loader imports this module while reportparse.layout is still importing it
    from ..layout.page import Word

__all__ = ["CONFUSIONS", "repair_unit", "repair_words"]

# (what Tesseract printed, what it stands for), tried in order on words that could be units.
CONFUSIONS: tuple[tuple[str, str], ...] = (
    (r"£", "f"),  # fL
    (r"(?<=10)(?:[47%*°º^]{1,2})(?=\d{1,2}/)", "^"),  # the caret of 10^3 read as 4, 7, %, * or a degree sign
    (r"^([xX*]*(?:10[\^*]\d{1,2})?/)[pH](?=[lL]$)", r"\1u"),  # x10^3/pl, /pL, /HL: a count per µl, µ read as p or H
    (r"(?<=1[.,]73)m$", "m²"),  # eGFR per 1.73 m² with the square lost
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


def _is_unit(text: str) -> bool:
    return UNITS.is_unit(text) and not _MISREAD_POWER.search(text)


def repair_unit(text: str) -> str:
    """``text`` with the confusions undone when that turns it into a known unit, else ``text``."""
    if not _UNIT_SHAPE.search(text) or _is_unit(text):
        return text
    fixed = text
    for pattern, replacement in CONFUSIONS:
        fixed = regex.sub(pattern, replacement, fixed)
    return fixed if fixed != text and _is_unit(fixed) else text


def repair_words(words: list[Word]) -> list[Word]:
    return [w if (fixed := repair_unit(w.text)) == w.text else replace(w, text=fixed) for w in words]
