"""Which parts of a document the recogniser reads.

Rules first where a table explains the line; the recogniser reads what they leave: the paragraphs of a document
that is prose (letters, referral notes, summaries), lines of a table report that hold a number or a result word
but gave no row, and
lines the rules read but not wholly, or read without columns to guide them ("contested": the reader with more
records wins; on a tie the rules keep the line).
A line is prose when it reads as running text: one cell (no column gaps), several words, mostly words rather than
numbers, and sentence punctuation or a lower-case word run.  Consecutive prose lines form one paragraph, so a
value wrapped onto the next line stays with its name.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Iterable, Literal

import regex

from ..table.lines import Line

__all__ = ["Mode", "Segment", "SpanIndex", "is_prose_line", "prose_lines", "prose_share", "select_segments",
           "bounded"]

Mode = Literal["auto", "table", "prose"]

_WORD = regex.compile(r"\p{L}[\p{L}'’]*")
_TOKEN = regex.compile(r"\S+")
_LOWER_RUN = regex.compile(r"\b\p{Ll}{2,}(?:[,;]?\s+\p{Ll}{2,}){2}\b")
_SENTENCE = regex.compile(r"[.;:!?]\s|[.!?]\s*$")
_DIGIT = regex.compile(r"\d")
_RESULT_WORD = regex.compile(
    r"\b(?:negativ|positiv|assent|present|normal|norma|elevat|alt[oaie]\b|bass|ridott|aumentat|increased|decreased|"
    r"low\b|high\b|within|entro|detected|rilevat|reactive|reattiv)", regex.IGNORECASE)
_MIN_PROSE_WORDS = 6
_LONG_LINE_WORDS = 16
_MAX_PARAGRAPH = 20_000  # characters


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    kind: str  # "prose" (a paragraph), "line" (a table line no rule read) or "contested" (rules read part of it)
    page: int = 1  # of its first line


class SpanIndex:
    """Character spans ``(start, end)``, overlapping or not, sorted once so that the spans meeting a range are
    found by bisection: a long document asks this of thousands of lines."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _ in self.spans]
        self.longest = max((end - start for start, end in self.spans), default=0)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """The spans with ``s < end and start < e``, in sorted order."""
        first = bisect_right(self.starts, start - self.longest)
        return [(s, e) for s, e in self.spans[first:bisect_left(self.starts, end)] if start < e]

    def holds(self, x: int) -> bool:
        """True when ``s <= x < e`` for one of the spans."""
        first = bisect_left(self.starts, x - self.longest)
        return any(s <= x < e for s, e in self.spans[first:bisect_right(self.starts, x)])


def is_prose_line(line: Line) -> bool:
    if "|" in line.text or line.heading or line.rule:
        return False
    tokens = _TOKEN.findall(line.text)
    if (len(line.cells) > 1 or line.pipe) and len(tokens) < _LONG_LINE_WORDS:
        return False  # columns or CSV fields; a long sentence may hold a double space or semicolons
    words = [t for t in tokens if _WORD.fullmatch(t.strip(",.;:()"))]
    if len(tokens) < _MIN_PROSE_WORDS or len(words) < 0.6 * len(tokens):
        return False
    return bool(_SENTENCE.search(line.text) or _LOWER_RUN.search(line.text))


def prose_lines(lines: Iterable[Line]) -> frozenset[int]:
    """The indices of the lines that read as prose."""
    return frozenset(line.index for line in lines if is_prose_line(line))


def prose_share(lines: Iterable[Line], prose: frozenset[int] | None = None) -> float:
    """Share of the document's characters (non-blank lines, trimmed) on lines that read as prose: a letter's
    headers and sign-off are short lines, its body long ones.  ``prose``: :func:`prose_lines`, if already known."""
    lines = list(lines)
    prose = prose_lines(lines) if prose is None else prose
    sizes = [(len(line.text.strip()), line.index in prose) for line in lines if line.text.strip()]
    total = sum(size for size, _ in sizes)
    return sum(size for size, prose in sizes if prose) / total if total else 0.0


def select_segments(lines: list[Line], covered: list[tuple[int, int]], furniture: dict[int, str],
                    mode: Mode, explained: frozenset[int] = frozenset(),
                    prose: frozenset[int] | None = None) -> list[Segment]:
    """What the recogniser reads, in document order.  ``mode`` "prose" (a letter): paragraphs of every line but
    the table rows the rules read; "auto"/"table" (a table report): unexplained and contested lines, never its
    notes in prose (cut-offs and targets there are not results).  ``covered`` are the spans of the rows the rules
    read, ``explained`` the lines the table model reads as no value (headers, category ranges), ``prose``
    :func:`prose_lines` if already known."""
    prose = prose_lines(lines) if prose is None else prose
    covered_index = SpanIndex(covered)
    segments: list[Segment] = []
    paragraph: list[Line] = []

    def close() -> None:
        # A paragraph longer than _MAX_PARAGRAPH is cut at line ends: the recogniser's memory and time stay
        # bounded on a huge letter (a value wrapped across that cut is the price).
        while paragraph:
            size, count = 0, 0
            while count < len(paragraph) and (count == 0 or size + len(paragraph[count].text) <= _MAX_PARAGRAPH):
                size += len(paragraph[count].text) + 1
                count += 1
            segments.append(Segment(paragraph[0].start, paragraph[count - 1].end, "prose", paragraph[0].page))
            del paragraph[:count]

    for line in lines:
        # A sentence that names the patient ("la Sig.ra Rossi, nata il 10/05/1999, ...") is furniture for the
        # rules, but its lab values are the letter's: the recogniser reads it (an identifier is never a VALUE).
        skipped = line.index in furniture and not (furniture[line.index].startswith("identifier")
                                                    and line.index in prose)
        if skipped or not line.text.strip():
            close()
            continue
        # A row with columns the rules read stays theirs; in a letter, ';' between clauses is not a CSV row.
        columns = "|" in line.text or (len(line.cells) > 1 and not line.pipe)
        rows = covered_index.overlapping(line.start, line.end)
        table_row = columns and bool(rows)
        if mode == "prose" and not table_row:
            paragraph.append(line)
            continue
        if mode == "auto" and line.index in prose:
            close()  # the notes of a table report: cut-offs and targets, not results; the rules' reading stands
            continue
        close()
        if line.rule or line.index in explained:
            continue
        if not rows and (_DIGIT.search(line.text) or _RESULT_WORD.search(line.text)):
            segments.append(Segment(line.start, line.end, "line", line.page))
        elif rows and (_DIGIT.search(_uncovered(line, rows)) or (len(line.cells) == 1 and not line.pipe)
                       or mode == "prose"):
            # numbers left outside the rows, a line without columns, where the row grammar guesses most, or a
            # letter's line with a tab or a double space in a sentence ("Esami: GB    6800/mmc, creatinina 0,9")
            segments.append(Segment(line.start, line.end, "contested", line.page))
    close()
    return segments


def bounded(segments: list[Segment], text: str, limit: int = _MAX_PARAGRAPH) -> list[Segment]:
    """Segments cut at whitespace to at most ``limit`` characters (one huge line has no line end to cut at)."""
    out = []
    for segment in segments:
        start = segment.start
        while segment.end - start > limit:
            cut = text.rfind(" ", start + limit // 2, start + limit)
            cut = cut if cut > start else start + limit
            out.append(Segment(start, cut, segment.kind, segment.page))
            start = cut
        out.append(Segment(start, segment.end, segment.kind, segment.page))
    return out


def _uncovered(line: Line, rows: list[tuple[int, int]]) -> str:
    """The line's text with the spans of its rows blanked."""
    chars = list(line.text)
    for start, end in rows:
        for i in range(max(start, line.start), min(end, line.end)):
            chars[i - line.start] = " "
    return "".join(chars)
