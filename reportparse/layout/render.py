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

_MAX_COLUMNS = 2_000


def group_rows(words: list[Word], params: ParseParams = ParseParams()) -> list[list[Word]]:
    """Grow rows left to right: a word joins the row whose rightmost word it overlaps most (the last such row
    on a tie)."""
    rows: list[list[Word]] = []
    # Each row's rightmost word as (x1, top, bottom, height): this loop meets every row for every word, so it
    # reads plain tuples.  The overlap is the shared height over the smaller height (at least 0.1).
    lasts: list[tuple[float, float, float, float]] = []
    threshold = params.row_overlap
    apart_fails = threshold > 0  # rows that do not overlap a word vertically cannot take it
    for word in sorted(words, key=lambda w: (w.x0, w.top)):
        top, bottom = word.top, word.bottom
        height = bottom - top
        reach = word.x0 + 0.5 * word.size  # a row whose last word ends past this would overlap it: another line
        best, best_ratio = -1, threshold
        for index, (x1, last_top, last_bottom, last_height) in enumerate(lasts):
            if x1 > reach or (apart_fails and (last_bottom <= top or last_top >= bottom)):
                continue
            overlap = (last_bottom if last_bottom < bottom else bottom) - (last_top if last_top > top else top)
            ratio = overlap / max(min(last_height, height), 0.1)
            if ratio >= best_ratio:
                best, best_ratio = index, ratio
        if best < 0:
            rows.append([word])
            lasts.append((word.x1, top, bottom, height))
        else:
            rows[best].append(word)
            lasts[best] = (word.x1, top, bottom, height)
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
    # At most _MAX_COLUMNS characters a line: a word a billion points to the right must not become a billion
    # spaces.  No page comes near it (A3 landscape at a point a character is 1,190), so the grid stays.
    char_width = max(char_width, 1.0, max(word.x1 for word in words) / _MAX_COLUMNS)
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
