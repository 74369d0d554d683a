"""Entity-annotated training lines from generated reports, for the trained recogniser.

A generated report knows what each row prints (:class:`~.model.PrintedRow` cells and its gold); this module finds
those strings in the rendered text, in print order, and marks them: the name (ANALYTE), the result (VALUE), its
unit (UNIT), the reference (RANGE; min and max cells each a RANGE), a printed flag (FLAG).  One example is the
window of lines a record is printed on (one line in a table, up to three for a name above its values).  A row
whose strings are not all found (OCR noise changed them) gives no example rather than a half-labelled one.

Lines of the same report that hold digits but no record (patient box, dates, footers, page numbers) are negative
examples: no entity at all, so the recogniser learns that a number is not always a value.
"""

from __future__ import annotations

import random
from typing import Iterator

import regex

from reportparse.ner.data import NerExample, Relation

from .generator import generate_corpus
from .model import GeneratedReport, PrintedRow
from .noise import ocr_noise
from .render_text import render_text

__all__ = ["report_examples", "table_examples"]

_NUMBER = regex.compile(r"(?:[<>≤≥]=?\s?)?[+\-]?\d[\d.,']*")
_WINDOW = 3  # lines from a name to its values
Span = tuple[int, int]


def _find(text: str, needle: str, start: int, end: int) -> Span | None:
    """``needle`` standing alone (not inside a longer word or number) in ``text[start:end]``."""
    needle = needle.strip()
    if not needle:
        return None
    pattern = r"(?<![\w.,])" + regex.escape(needle) + r"(?![\w]|[.,]\d)"
    m = regex.compile(pattern).search(text, start, end)
    return (m.start(), m.end()) if m else None


def _printed_value(row: PrintedRow) -> str | None:
    """The result as printed, without a unit or flag glued to it ("9.23 x10E3/uL High" -> "9.23")."""
    cell = (row.cells.get("result") or "").strip()
    gold = row.gold or {}
    if isinstance(gold.get("value"), str):
        return str(gold["value"]) if cell.casefold().startswith(str(gold["value"]).casefold()) or not cell else None
    m = _NUMBER.match(cell)
    return m.group().rstrip(".,") if m else None


def _row_entities(text: str, row: PrintedRow, start: int, limit: int) -> tuple[list, Relation, int] | None:
    gold = row.gold or {}
    name = (row.cells.get("name") or gold.get("analyte") or "").strip()
    value = _printed_value(row)
    if not name or not value:
        return None
    name_span = _find(text, name, start, limit)
    if name_span is None:
        return None
    window_end = name_span[1]
    for _ in range(_WINDOW):
        nl = text.find("\n", window_end + 1)
        window_end = len(text) if nl < 0 else nl
    value_span = _find(text, value, name_span[1], window_end)
    if value_span is None:
        return None
    entities = [(name_span[0], name_span[1], "ANALYTE"), (value_span[0], value_span[1], "VALUE")]
    relation = {"analyte": name_span, "value": value_span}
    cursor = value_span[1]
    line_end = text.find("\n", value_span[1])
    line_end = len(text) if line_end < 0 else line_end
    unit = gold.get("unit")
    if unit:
        unit_span = _find(text, unit, cursor, line_end) or _find(text, unit, name_span[1], value_span[0])
        if unit_span is None:
            return None
        entities.append((unit_span[0], unit_span[1], "UNIT"))
        relation["unit"] = unit_span
    ranges = [row.cells.get("range")] if row.cells.get("range") else [row.cells.get("min"), row.cells.get("max")]
    ranges = [r.strip().strip("[]()").strip() for r in ranges if r and r.strip().strip("[]()").strip()]
    if ranges and gold.get("ref_text"):
        for printed in ranges:
            # The reference may stand before the value (limits before the result) or after it, on this line or
            # the next ones (portal printouts).
            span = _find(text, printed, name_span[1], window_end)
            if span is None:
                if _NUMBER.search(printed) and _find(text, _NUMBER.search(printed).group(), name_span[1],
                                                     window_end):
                    return None  # printed here but changed by noise: no half-labelled example
                continue  # printed elsewhere (a block of references)
            entities.append((span[0], span[1], "RANGE"))
            relation.setdefault("range", span)
    flag = (row.cells.get("flag") or "").strip()
    if gold.get("flag") and flag:
        span = _find(text, flag, value_span[1], line_end)
        if span is not None:
            entities.append((span[0], span[1], "FLAG"))
            relation["flag"] = span
    entities.sort()
    if any(a[1] > b[0] for a, b in zip(entities, entities[1:])):
        return None
    return entities, Relation(**relation), max(e[1] for e in entities)


def table_examples(report: GeneratedReport, text: str, rng: random.Random, negatives: float = 0.3,
                   source: str = "") -> list[NerExample]:
    """One example per record found in ``text`` (lines it spans), plus negative lines with digits."""
    examples: list[NerExample] = []
    covered: set[int] = set()  # line starts used by records
    cursor = 0
    for section in report.sections:
        for row in section.rows:
            if row.kind != "value" or row.gold is None:
                continue
            found = _row_entities(text, row, cursor, len(text))
            if found is None:
                continue
            entities, relation, end = found
            first = text.rfind("\n", 0, entities[0][0]) + 1
            last = text.find("\n", end)
            last = len(text) if last < 0 else last
            window = text[first:last]
            shift = [(s - first, e - first, label) for s, e, label in entities]
            examples.append(NerExample(window, report.lang, tuple(shift), (_shift(relation, first),), source))
            covered.update(range(first, last + 1))
            cursor = entities[0][1]
    printed = {s.casefold() for row in report.gold_values for s in (row.get("analyte") or "",) if s}
    offset = 0
    for line in text.split("\n"):
        if (offset not in covered and regex.search(r"\d", line) and rng.random() < negatives
                and not any(p in line.casefold() for p in printed)):
            examples.append(NerExample(line, report.lang, (), (), source + ":negative"))
        offset += len(line) + 1
    return examples


def _shift(relation: Relation, by: int) -> Relation:
    def move(span: Span | None) -> Span | None:
        return (span[0] - by, span[1] - by) if span is not None else None
    return Relation(move(relation.analyte), move(relation.value), move(relation.unit), move(relation.range),
                    move(relation.flag))


def report_examples(n: int, *, lang: str, seed: int = 0, families: list[str] | None = None,
                    exclude_families: list[str] | None = None, ocr_share: float = 0.3) -> Iterator[NerExample]:
    """Examples from ``n`` generated reports of the given families, rendered as text (some with OCR noise)."""
    rng = random.Random(f"ner-{seed}-{lang}")
    for report, _ in generate_corpus(n, lang=lang, seed=seed, formats=("txt",), families=families,
                                     exclude_families=exclude_families):
        text = render_text(report)
        if rng.random() < ocr_share:
            text = ocr_noise(text, random.Random(report.id))
        family = report.layout.family or "layout"
        yield from table_examples(report, text.replace("\f", "\n"), rng, source=f"table:{family}")
