"""A report as a list of printed lines, shared by the text and PDF renderers.

Each line is either a section title, a comment, or a table line whose cells are keyed by
column kind.  Wrapped names and values printed below their name become two lines here,
so both renderers reproduce exactly what the gold describes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import GeneratedReport

__all__ = ["PlanLine", "plan_lines", "column_titles", "paginate"]

_TITLES = {
    "it": {"name": "Esame", "result": "Risultato", "unit": "U.M.", "range": "Valori di riferimento", "flag": "",
           "min": "Min", "max": "Max", "previous": "Precedente"},
    "en": {"name": "Test Name", "result": "Result", "unit": "Units", "range": "Reference Range", "flag": "Flag",
           "min": "Min", "max": "Max", "previous": "Previous"},
}


@dataclass
class PlanLine:
    kind: str  # title | row | method | comment
    cells: dict[str, str] = field(default_factory=dict)
    text: str = ""


def column_titles(lang: str, columns: tuple[str, ...]) -> dict[str, str]:
    titles = _TITLES[lang]
    return {c: titles[c] for c in ("name",) + columns}


def plan_lines(report: GeneratedReport) -> list[PlanLine]:
    lines: list[PlanLine] = []
    for section in report.sections:
        if section.title:
            lines.append(PlanLine("title", text=section.title))
        for row in section.rows:
            if row.kind == "method":
                lines.append(PlanLine("method", text=row.cells["name"]))
                continue
            if row.below:
                lines.append(PlanLine("row", {"name": row.cells["name"]}))
                lines.append(PlanLine("row", {k: v for k, v in row.cells.items() if k != "name"}))
            elif row.name_lines:
                first = dict(row.cells, name=row.name_lines[0])
                lines.append(PlanLine("row", first))
                lines.append(PlanLine("row", {"name": row.name_lines[1]}))
            else:
                lines.append(PlanLine("row", dict(row.cells)))
        for text in section.trailer:
            lines.append(PlanLine("comment", text=text))
    return lines


def paginate(lines: list[PlanLine], per_page: int) -> list[list[PlanLine]]:
    """Split into pages, never leaving a wrapped name or a value line apart from its row."""
    pages: list[list[PlanLine]] = [[]]
    for i, line in enumerate(lines):
        continues = line.kind == "row" and not line.cells.get("name", "").strip() or (
            line.kind == "row" and set(line.cells) == {"name"} and i > 0 and lines[i - 1].kind == "row"
            and "result" in lines[i - 1].cells)
        if len(pages[-1]) >= per_page and not continues and line.kind != "method":
            pages.append([])
        pages[-1].append(line)
    return [p for p in pages if p]
