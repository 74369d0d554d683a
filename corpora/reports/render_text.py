"""Render a generated report as fixed-width text (like pdftotext or OCR output) or markdown."""

from __future__ import annotations

from .model import GeneratedReport
from .plan import PlanLine, column_titles, paginate, plan_lines

__all__ = ["render_text", "render_markdown"]

_NUMERIC = {"result", "min", "max", "previous"}


def _widths(lines: list[PlanLine], columns: tuple[str, ...], titles: dict[str, str]) -> dict[str, int]:
    widths = {c: len(titles.get(c, "")) for c in ("name",) + columns}
    for line in lines:
        if line.kind == "row":
            for c, text in line.cells.items():
                if c in widths:
                    widths[c] = max(widths[c], len(text))
    return widths


def _table_line(cells: dict[str, str], columns: tuple[str, ...], widths: dict[str, int], right: bool) -> str:
    parts = []
    for c in ("name",) + columns:
        text = cells.get(c, "")
        width = widths[c]
        parts.append(text.rjust(width) if right and c in _NUMERIC else text.ljust(width))
    return "   ".join(parts).rstrip()


def _header(report: GeneratedReport, page: int, pages: int) -> list[str]:
    pairs = report.header
    left = [f"{label}: {value}" for label, value in pairs[0::2]]
    right = [f"{label}: {value}" for label, value in pairs[1::2]]
    lines = [report.lab.center(90).rstrip(), ""]
    for a, b in zip(left, right + [""] * (len(left) - len(right))):
        lines.append(f"  {a:<44}{b}".rstrip())
    lines.append("")
    return lines


def render_text(report: GeneratedReport) -> str:
    """Fixed-width text with cells aligned in columns; pages separated by form feeds."""
    layout = report.layout
    titles = column_titles(report.lang, layout.columns)
    plan = plan_lines(report)
    pages = paginate(plan, layout.rows_per_page)
    widths = _widths(plan, layout.columns, titles)
    out_pages = []
    for number, page in enumerate(pages, 1):
        lines = _header(report, number, len(pages))
        lines.append(_table_line(titles, layout.columns, widths, False))
        if layout.ruled:
            lines.append("-" * len(lines[-1]))
        for line in page:
            if line.kind == "title":
                lines += ["", line.text]
            elif line.kind == "method":
                lines.append("  " + line.text)
            elif line.kind == "comment":
                lines.append(line.text)
            else:
                lines.append(_table_line(line.cells, layout.columns, widths, layout.right_align_numbers))
        lines += ["", f"{report.footer}    " + (f"Pagina {number} di {len(pages)}" if report.lang == "it"
                                                 else f"Page {number} of {len(pages)}")]
        out_pages.append("\n".join(lines))
    return "\f".join(out_pages) + "\n"


def render_markdown(report: GeneratedReport) -> str:
    """Markdown: patient block in bold labels, one pipe table per section."""
    layout = report.layout
    columns = ("name",) + layout.columns
    titles = column_titles(report.lang, layout.columns)
    out = [f"# {report.lab}", ""]
    out += [f"**{label}:** {value}  " for label, value in report.header]
    out.append("")
    for section in report.sections:
        if section.title:
            out += [f"## {section.title}", ""]
        out.append("| " + " | ".join(titles[c] or "-" for c in columns) + " |")
        out.append("|" + "|".join("---" for _ in columns) + "|")
        for row in section.rows:
            if row.kind == "method":
                continue
            cells = dict(row.cells)
            out.append("| " + " | ".join(cells.get(c, "") for c in columns) + " |")
        out.append("")
        out += section.trailer + ([""] if section.trailer else [])
    out.append(f"*{report.footer}*")
    return "\n".join(out) + "\n"
