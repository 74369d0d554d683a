"""OCR-like noise for the text variant of a generated report.

What OCR engines do to tables: columns drift by a character or two, a wide gap collapses
to a single space (two cells read as one), look-alike characters swap (O/0, l/1, rn/m,
µ/u), a decimal comma becomes a point, a dash in a range is lost, a stray mark ('|', '.',
'_') lands between columns, and a line breaks in two.  The gold stays the truth: the
parser is scored on recovering the printed report from the noisy text.
"""

from __future__ import annotations

import random

import regex

__all__ = ["ocr_noise"]

_LOOKALIKE = [("O", "0"), ("0", "O"), ("l", "1"), ("1", "l"), ("rn", "m"), ("µ", "u"), ("S", "5"), ("I", "l"),
              ("e", "c"), ("ti", "t1")]


def _noisy_line(line: str, rng: random.Random, level: float) -> str:
    if not line.strip():
        return line
    # Columns drift: change the width of some gaps between cells.
    def gap(m: regex.Match) -> str:
        width = len(m.group())
        r = rng.random()
        if r < 0.08 * level:
            return " "  # two cells merge
        if r < 0.35 * level:
            return " " * max(2, width + rng.choice([-2, -1, 1, 2]))
        return m.group()

    line = regex.sub(r" {2,}", gap, line)
    # Look-alike characters inside words (not every word: OCR is mostly right).
    if rng.random() < 0.25 * level:
        src, dst = rng.choice(_LOOKALIKE)
        positions = [m.start() for m in regex.finditer(regex.escape(src), line)]
        if positions:
            p = rng.choice(positions)
            line = line[:p] + dst + line[p + len(src):]
    if rng.random() < 0.06 * level:
        line = regex.sub(r"(?<=\d),(?=\d)", ".", line, count=1)
    if rng.random() < 0.05 * level:
        line = regex.sub(r"(?<=\d) - (?=\d)", "  ", line, count=1)
    if rng.random() < 0.05 * level:
        cells = [m.end() for m in regex.finditer(r"\S(?= {2,})", line)]
        if cells:
            p = rng.choice(cells)
            line = line[:p] + " " + rng.choice("|._'") + line[p:]
    return line


def ocr_noise(text: str, rng: random.Random, level: float = 1.0) -> str:
    """Degrade ``text`` like an OCR engine would; ``level`` scales every rate (0 = unchanged)."""
    if level <= 0:
        return text
    out = []
    for line in text.split("\n"):
        if rng.random() < 0.02 * level and len(line) > 60:
            cut = line.rfind("  ", 20, len(line) - 10)
            if cut > 0:
                out += [line[:cut].rstrip(), " " * cut + line[cut:].lstrip()]
                continue
        out.append(_noisy_line(line, rng, level))
    return "\n".join(out)
