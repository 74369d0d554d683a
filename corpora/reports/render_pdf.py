"""Render a generated report as a native PDF with reportlab (text layer, no images).

Columns are placed from the widest printed cell; numbers may be right-aligned; rows may
be ruled; two-column layouts print two tables side by side; every page repeats the lab and
patient header.  DejaVu Sans is used when the system has it (arrows, ≤, ÷ need it);
otherwise the standard fonts, with arrows spelled as H/L.
"""

from __future__ import annotations

from pathlib import Path

from .model import GeneratedReport
from .plan import PlanLine, column_titles, paginate, plan_lines

__all__ = ["render_pdf"]

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_NUMERIC = {"result", "min", "max", "previous"}
_PAGE_W, _PAGE_H = 595.27, 841.89
_MARGIN = 36.0


def _fonts(preferred: str) -> tuple[str, str, str, bool]:
    """Regular, bold and italic font names, and whether they cover arrows and ≤."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if preferred != "Courier" and (_DEJAVU / "DejaVuSans.ttf").exists():
        family = "DejaVuSerif" if preferred.startswith("Times") else "DejaVuSans"
        names = (family, f"{family}-Bold", f"{family}-Italic" if family == "DejaVuSerif" else f"{family}-Oblique")
        for name in names:
            if name not in pdfmetrics.getRegisteredFontNames():
                path = _DEJAVU / f"{name}.ttf"
                if not path.exists():
                    break
                pdfmetrics.registerFont(TTFont(name, str(path)))
        else:
            return names[0], names[1], names[2], True
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold", "Courier": "Courier-Bold"}[preferred]
    italic = {"Helvetica": "Helvetica-Oblique", "Times-Roman": "Times-Italic", "Courier": "Courier-Oblique"}[preferred]
    return preferred, bold, italic, False


def _safe(text: str, unicode_ok: bool) -> str:
    if unicode_ok:
        return text
    return text.replace("↑", "H").replace("↓", "L").replace("≤", "<=").replace("≥", ">=").replace("²", "2")


def render_pdf(report: GeneratedReport, path: str | Path) -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    layout = report.layout
    regular, bold, italic, unicode_ok = _fonts(layout.font)
    size = 7.4 if layout.two_columns else 8.6
    leading = size * 1.45
    columns = ("name",) + layout.columns
    titles = column_titles(report.lang, layout.columns)
    plan = plan_lines(report)

    def width(text: str, font: str = regular) -> float:
        return stringWidth(_safe(text, unicode_ok), font, size)

    # Column widths from the widest cell, scaled to the table width.
    widths = {c: max([width(titles[c], bold)] + [width(l.cells.get(c, "")) for l in plan if l.kind == "row"])
              for c in columns}
    table_w = (_PAGE_W - 2 * _MARGIN - 18) / 2 if layout.two_columns else _PAGE_W - 2 * _MARGIN
    gap = 14.0
    # A table too wide for the page is set in a smaller font, as labs do, rather than overlapping columns.
    scale = min(1.0, (table_w - gap * (len(columns) - 1)) / sum(widths.values()))
    size, leading = size * scale, leading * scale
    xs, x = {}, 0.0
    for c in columns:
        xs[c] = x
        x += widths[c] * scale + gap
    per_page = layout.rows_per_page * (2 if layout.two_columns else 1)
    pages = paginate(plan, per_page)

    # invariant=1: no timestamps or random ids, so the same report gives the same bytes.
    pdf = canvas.Canvas(str(path), pagesize=A4, pageCompression=1, invariant=1)
    pdf.setTitle(f"Synthetic lab report {report.id}")
    pdf.setAuthor("dermalab corpora (synthetic)")
    for number, page in enumerate(pages, 1):
        y = _PAGE_H - _MARGIN
        pdf.setFont(bold, 12)
        pdf.drawCentredString(_PAGE_W / 2, y, report.lab)
        y -= 22
        pdf.setFont(regular, 8.5)
        label_w = max(stringWidth(f"{label}:", regular, 8.5) for label, _ in report.header) + 8
        for i, (label, value) in enumerate(report.header):
            col_x = _MARGIN + (0 if i % 2 == 0 else 270)
            pdf.drawString(col_x, y, f"{label}:")
            pdf.drawString(col_x + label_w, y, value)
            if i % 2 == 1:
                y -= 12
        y -= 16
        halves = [page[: (len(page) + 1) // 2], page[(len(page) + 1) // 2:]] if layout.two_columns else [page]
        top = y
        for h, lines in enumerate(halves):
            origin = _MARGIN + h * (table_w + 18)
            y = top
            pdf.setFont(bold, size)
            for c in columns:
                pdf.drawString(origin + xs[c], y, titles[c])
            y -= leading * 1.2
            for line in lines:
                y = _draw_line(pdf, line, origin, xs, widths, scale, y, size, leading, regular, bold, italic,
                               layout.right_align_numbers, layout.ruled, table_w, unicode_ok)
        pdf.setFont(italic, 7)
        footer = f"Pagina {number} di {len(pages)}" if report.lang == "it" else f"Page {number} of {len(pages)}"
        pdf.drawString(_MARGIN, _MARGIN - 10, report.footer)
        pdf.drawRightString(_PAGE_W - _MARGIN, _MARGIN - 10, footer)
        pdf.showPage()
    pdf.save()
    return Path(path)


def _draw_line(pdf, line: PlanLine, origin: float, xs, widths, scale, y, size, leading, regular, bold, italic,
               right_align: bool, ruled: bool, table_w: float, unicode_ok: bool) -> float:
    if line.kind == "title":
        y -= leading * 0.4
        pdf.setFont(bold, size + 0.6)
        pdf.drawString(origin, y, _safe(line.text, unicode_ok))
        return y - leading
    if line.kind in ("method", "comment"):
        pdf.setFont(italic if line.kind == "method" else regular, size - (0.8 if line.kind == "method" else 0))
        pdf.drawString(origin + (8 if line.kind == "method" else 0), y, _safe(line.text, unicode_ok))
        return y - leading
    pdf.setFont(regular, size)
    for c, text in line.cells.items():
        if not text or c not in xs:
            continue
        text = _safe(text, unicode_ok)
        if right_align and c in _NUMERIC:
            pdf.drawRightString(origin + xs[c] + widths[c] * scale, y, text)
        else:
            pdf.drawString(origin + xs[c], y, text)
    if ruled:
        pdf.setLineWidth(0.3)
        pdf.line(origin, y - 3, origin + table_w, y - 3)
    return y - leading
