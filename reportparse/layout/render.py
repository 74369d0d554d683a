"""Words to text lines, for every input that comes as positioned words (PDF text layers, OCR).

Words are grouped into rows by vertical overlap with their left neighbour (labels are often
printed a point or two off their values; two tables side by side drift apart), and each
row is rendered the way ``pdftotext -layout`` does: cells at least two spaces apart and
aligned on a character grid, so the table readers see columns as character ranges.
"""

from __future__ import annotations

import statistics

from ..params import ParseParams
from .page import Word

__all__ = ["group_rows", "render_words"]


def _overlap_ratio(a: Word, b: Word) -> float:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap / max(min(a.height, b.height), 0.1)


def group_rows(words: list[Word], params: ParseParams = ParseParams()) -> list[list[Word]]:
    """Grow rows left to right: a word joins the row whose rightmost word it overlaps most."""
    rows: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.x0, w.top)):
        best, best_ratio = None, params.row_overlap
        for row in rows:
            last = row[-1]
            if last.x1 > word.x0 + 0.5 * word.size:  # would overlap horizontally: another line
                continue
            ratio = _overlap_ratio(last, word)
            if ratio >= best_ratio:
                best, best_ratio = row, ratio
        if best is None:
            rows.append([word])
        else:
            best.append(word)
    rows.sort(key=lambda r: r[0].top + r[0].bottom)
    return rows


def render_words(words: list[Word], params: ParseParams = ParseParams(),
                 char_width: float | None = None) -> list[tuple[str, list[Word]]]:
    """Text lines of a page, each with its words; ``char_width`` sets the grid (default: from the words)."""
    if not words:
        return []
    if char_width is None:
        widths = [(w.x1 - w.x0) / len(w.text) for w in words if w.text.isalnum()]
        char_width = statistics.median(widths) if widths else 5.0
    char_width = max(char_width, 1.0)
    lines: list[tuple[str, list[Word]]] = []
    for row in group_rows(words, params):
        text = ""
        prev: Word | None = None
        for word in row:
            if prev is None:
                text = " " * max(int(round(word.x0 / char_width)), 0)
            elif word.x0 - prev.x1 < params.cell_gap * max(word.size, prev.size):
                text += " "
            else:  # a cell boundary: keep it visible and aligned with the grid
                text += " " * max(2, int(round(word.x0 / char_width)) - len(text))
            text += word.text
            prev = word
        lines.append((text.rstrip(), row))
    return lines
