"""A report as a list of printed lines, shared by the text and PDF renderers.

Each line is either a section title, a comment, or a table line whose cells are keyed by
column kind.  Wrapped names and values printed below their name become two lines here,
so both renderers reproduce exactly what the gold describes.  Families add free lines
(spans placed at character columns: portal printouts, cards, legends), references over
several lines, and page breaks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from typing import Callable

from .layouts import Layout
from .model import GeneratedReport, Span

__all__ = ["PlanLine", "plan_lines", "column_titles", "table_columns", "report_titles", "paginate"]

_TITLES = {
    "it": {"name": "Esame", "result": "Risultato", "unit": "U.M.", "range": "Valori di riferimento", "flag": "",
           "min": "Min", "max": "Max", "previous": "Precedente"},
    "en": {"name": "Test Name", "result": "Result", "unit": "Units", "range": "Reference Range", "flag": "Flag",
           "min": "Min", "max": "Max", "previous": "Previous"},
}
_MORE_TITLES = {
    "it": {"loinc": "LOINC", "code": "Codice", "date": "Data", "method": "Metodo", "specimen": "Campione",
           "low": "Basso", "normal": "Normale", "high": "Alto"},
    "en": {"loinc": "LOINC", "code": "Code", "date": "Date", "method": "Method", "specimen": "Specimen",
           "low": "Low", "normal": "Normal", "high": "High"},
}


@dataclass
class PlanLine:
    kind: str  # title | row | method | comment | free | break
    cells: dict[str, str] = field(default_factory=dict)
    text: str = ""
    spans: list[Span] = field(default_factory=list)  # free lines
    cont: bool = False  # belongs with the line before it (one block)
    bold: tuple[str, ...] = ()  # cells in bold
    keep: bool = False  # kept on one page with the line after it (a section's own column header, its title)


def column_titles(lang: str, columns: tuple[str, ...], lead: tuple[str, ...] = (),
                  overrides: tuple[tuple[str, str], ...] = ()) -> dict[str, str]:
    if not lead and not overrides and all(c in _TITLES[lang] for c in columns):
        titles = _TITLES[lang]
        return {c: titles[c] for c in ("name",) + columns}
    titles = {**_TITLES[lang], **_MORE_TITLES[lang], **dict(overrides)}
    return {c: titles.get(c, "") for c in lead + ("name",) + columns}


def table_columns(layout: Layout) -> tuple[str, ...]:
    """Every table column in print order: codes, the name, then the layout's columns."""
    return layout.lead_columns + ("name",) + layout.columns


def report_titles(report: GeneratedReport) -> dict[str, str]:
    layout = report.layout
    titles = column_titles(report.lang, layout.columns, layout.lead_columns, layout.titles)
    return {**titles, **report.titles} if report.titles else titles


def shows_column_header(layout: Layout, page: int) -> bool:
    return layout.column_header == "every_page" or (layout.column_header == "first_page" and page == 1)


def plan_lines(report: GeneratedReport) -> list[PlanLine]:
    lines: list[PlanLine] = []
    for number, section in enumerate(report.sections):
        if report.layout.section_pages and number:
            lines.append(PlanLine("break"))
        if section.title:
            lines.append(PlanLine("title", text=section.title, keep=bool(report.layout.section_headers)))
        for row in section.rows:
            if row.kind == "hidden":
                continue
            if row.lines:
                lines += [PlanLine("free", spans=spans, cont=j > 0) for j, spans in enumerate(row.lines)]
                continue
            if row.kind == "comment":
                lines.append(PlanLine("comment", text=row.cells["name"]))
                continue
            if row.kind == "method":
                lines.append(PlanLine("method", text=row.cells["name"]))
                continue
            if row.below:
                lines.append(PlanLine("row", {"name": row.cells["name"]}))
                lines.append(PlanLine("row", {k: v for k, v in row.cells.items() if k != "name"}, bold=row.bold))
            elif row.name_lines:
                first = dict(row.cells, name=row.name_lines[0])
                lines.append(PlanLine("row", first, bold=row.bold))
                lines.append(PlanLine("row", {"name": row.name_lines[1]}))
            else:
                lines.append(PlanLine("row", dict(row.cells), bold=row.bold, keep=row.kind == "header"))
            under = "result" if report.layout.ref_under else "range"  # fresh3: the reference under the result
            lines += [PlanLine("row", {under: text}) for text in row.ref_lines]
        for text in section.trailer:
            lines.append(PlanLine("comment", text=text))
    lines += [PlanLine("free", spans=spans) for spans in report.legend]
    return lines


def paginate(lines: list[PlanLine], per_page: int | float,
             height: Callable[[PlanLine], float] | None = None) -> list[list[PlanLine]]:
    """Split into pages, never leaving a wrapped name or a value line apart from its row.

    ``height`` (lines of the page a plan line takes; one each when None) lets big free lines count for more;
    a "break" line starts a new page; a line to ``keep`` with the next starts one where the two would not fit."""
    pages: list[list[PlanLine]] = [[]]
    used = 0.0
    for i, line in enumerate(lines):
        if line.kind == "break":
            if pages[-1]:
                pages.append([])
                used = 0.0
            continue
        continues = line.kind == "row" and not line.cells.get("name", "").strip() or (
            line.kind == "row" and set(line.cells) == {"name"} and i > 0 and lines[i - 1].kind == "row"
            and "result" in lines[i - 1].cells) or line.cont
        # A line kept with the next (a section's header, its title) goes over only with the line it is kept with.
        j, kept = i, 0.0
        while lines[j].keep and j + 1 < len(lines):
            j += 1
            kept += height(lines[j]) if height is not None else 1
        full = len(pages[-1]) + kept >= per_page if height is None else used + height(line) + kept > per_page
        if full and not continues and line.kind != "method":
            pages.append([])
            used = 0.0
        pages[-1].append(line)
        used += height(line) if height is not None else 1
    return [p for p in pages if p]
