"""Render a generated report as fixed-width text (like pdftotext or OCR output) or markdown."""

from __future__ import annotations

from itertools import zip_longest

from .model import GeneratedReport, Span
from .plan import PlanLine, paginate, plan_lines, report_titles, shows_column_header, table_columns

__all__ = ["render_text", "render_markdown", "free_text", "header_pairs"]

_NUMERIC = {"result", "min", "max", "previous", "low", "normal", "high", "d0", "d1", "d2", "d3"}


def _widths(lines: list[PlanLine], columns: tuple[str, ...], titles: dict[str, str]) -> dict[str, int]:
    widths = {c: len(titles.get(c, "")) for c in columns}
    for line in lines:
        if line.kind == "row":
            for c, text in line.cells.items():
                if c in widths:
                    widths[c] = max(widths[c], len(text))
    return widths


def _table_line(cells: dict[str, str], columns: tuple[str, ...], widths: dict[str, int], right: bool,
                sep: str = "", leaders: str = "") -> str:
    if sep == "tab":
        return "\t".join(cells.get(c, "") for c in columns).rstrip("\t")
    parts = []
    for c in columns:
        text = cells.get(c, "")
        width = widths[c]
        if leaders and c == "name" and text:
            text = f"{text} ".ljust(width, leaders)
        parts.append(text.rjust(width) if right and c in _NUMERIC else text.ljust(width))
    return "   ".join(parts).rstrip()


def free_text(spans: list[Span]) -> str:
    """A free line as text: each span at its column, at least two spaces after the one before."""
    out = ""
    for col, text, _ in spans:
        out = (out.ljust(col) if len(out) + 2 <= col or not out else out + "  ") + text
    return out.rstrip()


def header_pairs(items: list[str], width: int = 44) -> list[str]:
    """``label: value`` items two to a line where both fit, else one."""
    lines, i = [], 0
    while i < len(items):
        if i + 1 < len(items) and len(items[i]) <= width - 2 and len(items[i + 1]) <= width:
            lines.append(f"  {items[i]:<{width}}{items[i + 1]}")
            i += 2
        else:
            lines.append(f"  {items[i]}")
            i += 1
    return lines


def _header(report: GeneratedReport, page: int, pages: int) -> list[str]:
    pairs = report.header
    left = [f"{label}: {value}" for label, value in pairs[0::2]]
    right = [f"{label}: {value}" for label, value in pairs[1::2]]
    lines = [report.lab.center(90).rstrip(), ""]
    for a, b in zip(left, right + [""] * (len(left) - len(right))):
        lines.append(f"  {a:<44}{b}".rstrip())
    lines.append("")
    return lines


def _family_header(report: GeneratedReport, page: int, pages: int) -> list[str]:
    """The patient block of a family report: letterhead, identifiers, a box drawn as dashes."""
    layout = report.layout
    lines = [report.lab.center(90).rstrip()]
    if page > 1 and layout.column_header == "first_page":
        return lines + [""]
    lines += [" " * 56 + text for text in report.letterhead] + [""]
    box = layout.identity.startswith("box")
    if box:
        lines.append("-" * 88)
    lines += header_pairs([f"{label}: {value}" for label, value in report.header])
    if box:
        lines.append("-" * 88)
    lines.append("")
    return lines


def _widen_for_groups(groups: tuple[tuple[str, tuple[str, ...]], ...], widths: dict[str, int]) -> None:
    """Widen the last column of a header group whose title is wider than the columns beneath it."""
    for title, span in groups:
        room = sum(widths[c] for c in span) + 3 * (len(span) - 1)
        if len(title) > room:
            widths[span[-1]] += len(title) - room


def _group_line(groups: tuple[tuple[str, tuple[str, ...]], ...], columns: tuple[str, ...],
                widths: dict[str, int]) -> str:
    """The upper line of a two-level column header: each group title centred over its columns."""
    offsets, x = {}, 0
    for c in columns:
        offsets[c] = x
        x += widths[c] + 3
    line = ""
    for title, span in groups:
        start, end = offsets[span[0]], offsets[span[-1]] + widths[span[-1]]
        line = line.ljust(start) + title.center(end - start)
    return line.rstrip()


def _rule_mode(report: GeneratedReport) -> str:
    layout = report.layout
    return layout.rules or ("lines" if layout.ruled else "none")


def _body(report: GeneratedReport, page: list[PlanLine], number: int, columns: tuple[str, ...],
          titles: dict[str, str], widths: dict[str, int]) -> list[str]:
    layout = report.layout
    rules = _rule_mode(report)
    lines: list[str] = []
    if shows_column_header(layout, number):
        if rules == "boxed":
            lines.append("=" * len(_table_line(titles, columns, widths, False, layout.text_sep)))
        if layout.header_groups:
            lines.append(_group_line(layout.header_groups, columns, widths))
        lines.append(_table_line(titles, columns, widths, False, layout.text_sep))
        if rules != "none":
            lines.append("-" * len(lines[-1]))
    for line in page:
        if line.kind == "title":
            lines += ["", line.text]
            if rules == "sparse":
                lines.append("-" * len(line.text))
        elif line.kind == "method":
            lines.append("  " + line.text)
        elif line.kind == "comment":
            lines.append(line.text)
        elif line.kind == "free":
            lines.append(free_text(line.spans))
        else:
            lines.append(_table_line(line.cells, columns, widths, layout.right_align_numbers, layout.text_sep,
                                     layout.leaders))
            if rules == "grid":
                lines.append("-" * len(lines[-1]))
    if rules == "boxed" and lines:
        lines.append("=" * max(len(line) for line in lines))
    return lines


def render_text(report: GeneratedReport) -> str:
    """Fixed-width text with cells aligned in columns; pages separated by form feeds."""
    layout = report.layout
    columns = table_columns(layout)
    titles = report_titles(report)
    plan = plan_lines(report)
    pages = paginate(plan, layout.rows_per_page * (2 if layout.text_two_columns else 1))
    widths = _widths(plan, columns, titles)
    if layout.leaders:
        widths["name"] += 3
    if layout.header_groups:
        _widen_for_groups(layout.header_groups, widths)
    out_pages = []
    for number, page in enumerate(pages, 1):
        if layout.legacy:
            lines = _header(report, number, len(pages))
            lines.append(_table_line(titles, columns, widths, False))
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
                    lines.append(_table_line(line.cells, columns, widths, layout.right_align_numbers))
        else:
            lines = _family_header(report, number, len(pages))
            if layout.text_two_columns:
                half = (len(page) + 1) // 2
                while 0 < half < len(page) and page[half].cont:
                    half += 1
                left = _body(report, page[:half], number, columns, titles, widths)
                right = _body(report, page[half:], number, columns, titles, widths)
                width = max((len(line) for line in left), default=0) + 6
                lines += [f"{a:<{width}}{b}".rstrip() for a, b in zip_longest(left, right, fillvalue="")]
            else:
                lines += _body(report, page, number, columns, titles, widths)
        lines += ["", f"{report.footer}    " + (f"Pagina {number} di {len(pages)}" if report.lang == "it"
                                                 else f"Page {number} of {len(pages)}")]
        if report.page_footer:
            lines.append(report.page_footer)
        out_pages.append("\n".join(lines))
    return "\f".join(out_pages) + "\n"


def _md_spans(spans: list[Span]) -> str:
    return "   ".join(f"**{text}**" if style in ("b", "big") else text for _, text, style in spans)


def render_markdown(report: GeneratedReport) -> str:
    """Markdown: patient block in bold labels, one pipe table per section; free lines as paragraphs, CSV and
    ASCII-table exports in fenced blocks."""
    layout = report.layout
    columns = table_columns(layout)
    titles = report_titles(report)
    fenced = layout.style in ("csv", "pipe")
    out = [f"# {report.lab}", ""]
    if report.letterhead:
        out += [f"{text}  " for text in report.letterhead] + [""]
    out += [f"**{label}:** {value}  " for label, value in report.header]
    out.append("")
    header = ["| " + " | ".join((titles[c] or "-") if layout.column_header != "none" else "" for c in columns) + " |",
              "|" + "|".join("---" for _ in columns) + "|"]
    if layout.header_groups and layout.column_header != "none":
        # As a converter writes merged header cells: the group titles (and the titles of the columns outside
        # any group) on the header row, the titles beneath the groups on the first row of the table.
        grouped = {c: (k == 0, title) for title, span in layout.header_groups for k, c in enumerate(span)}
        top = [(grouped[c][1] if grouped[c][0] else "") if c in grouped else (titles[c] or "-") for c in columns]
        sub = [titles[c] if c in grouped else "" for c in columns]
        header = ["| " + " | ".join(top) + " |", header[1], "| " + " | ".join(sub) + " |"]
    for section in report.sections:
        if section.title:
            out += [f"## {section.title}", ""]
        in_table = False
        block: list[str] = []
        for row in section.rows:
            if row.kind in ("method", "hidden"):
                continue
            if row.kind == "header":  # fresh3: a section's own column header starts its own table
                if in_table:
                    out.append("")
                out += ["| " + " | ".join(row.cells.get(c, "") for c in columns) + " |",
                        "|" + "|".join("---" for _ in columns) + "|"]
                in_table = True
                continue
            if row.lines:
                if in_table:
                    out.append("")
                    in_table = False
                if fenced:
                    block += [free_text(spans) for spans in row.lines]
                else:
                    out += [f"{_md_spans(spans)}  " if spans else "" for spans in row.lines]
                continue
            if not in_table:
                out += header
                in_table = True
            cells = dict(row.cells)
            for c in row.bold:
                cells[c] = f"**{cells[c]}**"
            if row.ref_lines:
                under = "result" if layout.ref_under else "range"
                cells[under] = "<br>".join([cells.get(under, "")] + row.ref_lines)
            out.append("| " + " | ".join(cells.get(c, "") for c in columns) + " |")
        if block:
            out += ["```"] + block + ["```"]
        out.append("")
        out += section.trailer + ([""] if section.trailer else [])
    for spans in report.legend:
        out.append(f"{_md_spans(spans)}  " if spans else "")
    if report.legend:
        out.append("")
    if report.page_footer:
        out.append(f"{report.page_footer}  ")
    out.append(f"*{report.footer}*")
    return "\n".join(out) + "\n"
