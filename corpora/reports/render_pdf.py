"""Render a generated report as a native PDF with reportlab (text layer, no images).

Columns are placed from the widest printed cell; numbers may be right-aligned; rows may
be ruled; two-column layouts print two tables side by side; every page repeats the lab and
patient header.  DejaVu Sans is used when the system has it (arrows, ≤, ÷ need it);
otherwise the standard fonts, with arrows spelled as H/L.

Family layouts add landscape pages, font size and letter spacing, boxed / gridded / sparse
rules, a column header on the first page only, nowhere, or on two levels (group titles over
their columns), dot leaders, bold results, free lines (portal printouts, cards, legends) and a
patient block with identifiers, letterhead and a footer on every page; their pages are filled
by height, so large print never runs off.
"""

from __future__ import annotations

from pathlib import Path

from .model import GeneratedReport, Span
from .plan import PlanLine, paginate, plan_lines, report_titles, shows_column_header, table_columns

__all__ = ["render_pdf"]

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
_NUMERIC = {"result", "min", "max", "previous"}
_PAGE_W, _PAGE_H = 595.27, 841.89
_MARGIN = 36.0


def _fonts(preferred: str) -> tuple[str, str, str, bool]:
    """Regular, bold and italic font names, and whether they cover arrows and ≤."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if preferred == "Condensed":  # a narrow face where the system has one, else Helvetica (set tighter by the layout)
        if (_DEJAVU / "DejaVuSansCondensed.ttf").exists():
            names = ("DejaVuSansCondensed", "DejaVuSansCondensed-Bold", "DejaVuSansCondensed-Oblique")
            for name in names:
                if name not in pdfmetrics.getRegisteredFontNames():
                    pdfmetrics.registerFont(TTFont(name, str(_DEJAVU / f"{name}.ttf")))
            return names[0], names[1], names[2], True
        preferred = "Helvetica"
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
    return text.replace("↑", "H").replace("↓", "L").replace("≤", "<=").replace("≥", ">=").replace("²", "2").replace("Δ", "Delta ")


def render_pdf(report: GeneratedReport, path: str | Path) -> Path:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    layout = report.layout
    regular, bold, italic, unicode_ok = _fonts(layout.font)
    size = layout.font_size or (7.4 if layout.two_columns else 8.6)
    leading = size * 1.45
    columns = table_columns(layout)
    titles = report_titles(report)
    plan = plan_lines(report)
    space = layout.char_space
    page_w, page_h = (_PAGE_H, _PAGE_W) if layout.landscape else (_PAGE_W, _PAGE_H)

    def width(text: str, font: str = regular) -> float:
        w = stringWidth(_safe(text, unicode_ok), font, size)
        return w + space * len(text) if space else w

    # Column widths from the widest cell, scaled to the table width.
    widths = {c: max([width(titles[c], bold)] + [width(l.cells.get(c, "")) for l in plan if l.kind == "row"])
              for c in columns}
    if layout.leaders:
        widths["name"] += width(layout.leaders * 4)
    table_w = (page_w - 2 * _MARGIN - 18) / 2 if layout.two_columns else page_w - 2 * _MARGIN
    gap = layout.col_gap or 14.0
    for title, span in layout.header_groups:  # a group title wider than its columns widens the last of them
        span_w = sum(widths[c] for c in span) + gap * (len(span) - 1)
        if width(title, bold) > span_w:
            widths[span[-1]] += width(title, bold) - span_w
    # A table too wide for the page is set in a smaller font, as labs do, rather than overlapping columns.
    scale = min(1.0, (table_w - gap * (len(columns) - 1)) / sum(widths.values()))
    size, leading = size * scale, leading * scale
    xs, x = {}, 0.0
    for c in columns:
        xs[c] = x
        x += widths[c] * scale + gap
    per_page = layout.rows_per_page * (2 if layout.two_columns else 1)
    if layout.legacy:
        pages = paginate(plan, per_page)
    else:
        fonts = (regular, bold, italic)
        header_h = page_h - _draw_family_header(None, report, 1, page_w, page_h, fonts, unicode_ok)
        room = page_h - header_h - leading * 1.2 - 2 * _MARGIN - 14 - (10 if report.page_footer else 0)
        if layout.header_groups:
            room -= leading * 1.1
        capacity = max(6, int(room / leading)) * (2 if layout.two_columns else 1)
        pages = paginate(plan, min(per_page, capacity), height=lambda line: _line_height(line, leading) / leading)

    # invariant=1: no timestamps or random ids, so the same report gives the same bytes.
    pdf = canvas.Canvas(str(path), pagesize=landscape(A4) if layout.landscape else A4, pageCompression=1,
                        invariant=1)
    pdf.setTitle(f"Synthetic lab report {report.id}")
    pdf.setAuthor("dermalab corpora (synthetic)")
    for number, page in enumerate(pages, 1):
        if layout.legacy:
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
        else:
            y = _draw_family_header(pdf, report, number, page_w, page_h, (regular, bold, italic), unicode_ok)
        if layout.two_columns:
            half = (len(page) + 1) // 2
            while not layout.legacy and 0 < half < len(page) and page[half].cont:
                half += 1
            halves = [page[:half], page[half:]]
        else:
            halves = [page]
        top = y
        for h, lines in enumerate(halves):
            origin = _MARGIN + h * (table_w + 18)
            y = top
            if layout.legacy:
                pdf.setFont(bold, size)
                for c in columns:
                    pdf.drawString(origin + xs[c], y, titles[c])
                y -= leading * 1.2
                for line in lines:
                    y = _draw_line(pdf, line, origin, xs, widths, scale, y, size, leading, regular, bold, italic,
                                   layout.right_align_numbers, layout.ruled, table_w, unicode_ok)
                continue
            table = _Table(origin, xs, {c: widths[c] * scale for c in columns}, table_w, size, leading,
                           (regular, bold, italic), unicode_ok, layout, space)
            y = table.draw(pdf, lines, titles if shows_column_header(layout, number) else None, y)
        pdf.setFont(italic, 7)
        footer = f"Pagina {number} di {len(pages)}" if report.lang == "it" else f"Page {number} of {len(pages)}"
        pdf.drawString(_MARGIN, _MARGIN - 10, report.footer)
        pdf.drawRightString(page_w - _MARGIN, _MARGIN - 10, footer)
        if report.page_footer:
            pdf.drawString(_MARGIN, _MARGIN, _safe(report.page_footer, unicode_ok))
        pdf.showPage()
    pdf.save()
    return Path(path)


def _line_height(line: PlanLine, leading: float) -> float:
    if line.kind == "title":
        return leading * 1.4
    if line.kind == "free":
        if not line.spans:
            return leading * 0.6
        return leading * 1.7 if any(style == "big" for _, _, style in line.spans) else leading
    return leading


def _text(pdf, x: float, y: float, text: str, space: float, right: bool = False) -> None:
    draw = pdf.drawRightString if right else pdf.drawString
    if space:
        draw(x, y, text, charSpace=space)
    else:
        draw(x, y, text)


def _draw_family_header(pdf, report: GeneratedReport, number: int, page_w: float, page_h: float,
                        fonts: tuple[str, str, str], unicode_ok: bool) -> float:
    """Lab name, letterhead and the patient block of a family report; with ``pdf`` None only measures.
    Returns the y where the table starts."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    regular, bold, _ = fonts
    layout = report.layout
    y = page_h - _MARGIN
    if pdf is not None:
        pdf.setFont(bold, 12)
        pdf.drawCentredString(page_w / 2, y, _safe(report.lab, unicode_ok))
    y -= 22
    if number > 1 and layout.column_header == "first_page":
        return y - 4
    if report.letterhead:
        for text in report.letterhead:
            if pdf is not None:
                pdf.setFont(regular, 8.5)
                pdf.drawString(page_w - _MARGIN - 200, y, _safe(text, unicode_ok))
            y -= 11
        y -= 8
    half = (page_w - 2 * _MARGIN) / 2
    items = [(f"{label}:", value) for label, value in report.header]
    label_w = max(stringWidth(label, regular, 8.5) for label, _ in items) + 8

    def fits(item: tuple[str, str]) -> bool:
        return label_w + stringWidth(_safe(item[1], unicode_ok), regular, 8.5) < half - 12

    rows, i = [], 0
    while i < len(items):
        if i + 1 < len(items) and fits(items[i]) and fits(items[i + 1]):
            rows.append([items[i], items[i + 1]])
            i += 2
        else:
            rows.append([items[i]])
            i += 1
    box = layout.identity.startswith("box")
    top = y + 10
    for row in rows:
        for k, (label, value) in enumerate(row):
            if pdf is not None:
                pdf.setFont(regular, 8.5)
                pdf.drawString(_MARGIN + k * half, y, label)
                pdf.drawString(_MARGIN + k * half + label_w, y, _safe(value, unicode_ok))
        y -= 12
    if box and pdf is not None:
        pdf.setLineWidth(0.6)
        pdf.rect(_MARGIN - 5, y + 6, page_w - 2 * _MARGIN + 10, top - y - 6)
    return y - (20 if box else 16)


class _Table:
    """Draws the table part of a family report's page: header, rows, free lines, rules."""

    def __init__(self, origin, xs, widths, table_w, size, leading, fonts, unicode_ok, layout, space) -> None:
        self.origin, self.xs, self.widths, self.table_w = origin, xs, widths, table_w
        self.size, self.leading, self.fonts, self.unicode_ok = size, leading, fonts, unicode_ok
        self.layout, self.space = layout, space
        self.rules = layout.rules or ("lines" if layout.ruled else "none")

    def draw(self, pdf, lines: list[PlanLine], titles: dict[str, str] | None, y: float) -> float:
        regular, bold, _ = self.fonts
        top = y + self.leading
        if titles is not None and self.layout.header_groups:
            pdf.setFont(bold, self.size)
            pdf.setLineWidth(0.4)
            for title, span in self.layout.header_groups:
                left = self.origin + self.xs[span[0]]
                right = self.origin + self.xs[span[-1]] + self.widths[span[-1]]
                pdf.drawCentredString((left + right) / 2, y, _safe(title, self.unicode_ok))
                pdf.line(left, y - 3, right, y - 3)
            y -= self.leading * 1.1
        if titles is not None:
            pdf.setFont(bold, self.size)
            for c, x in self.xs.items():
                _text(pdf, self.origin + x, y, _safe(titles[c], self.unicode_ok), self.space)
            if self.rules != "none":
                pdf.setLineWidth(0.5)
                pdf.line(self.origin, y - 3, self.origin + self.table_w, y - 3)
            y -= self.leading * 1.2
        for line in lines:
            y = self.line(pdf, line, y)
        bottom = y + self.leading * 0.6
        if self.rules in ("boxed", "grid") and lines:
            pdf.setLineWidth(0.6)
            pdf.rect(self.origin - 3, bottom, self.table_w + 6, top - bottom)
        if self.rules == "grid" and lines:
            pdf.setLineWidth(0.3)
            gaps = list(self.xs.values())[1:]
            for x in gaps:
                pdf.line(self.origin + x - 5, bottom, self.origin + x - 5, top)
        return y

    def line(self, pdf, line: PlanLine, y: float) -> float:
        regular, bold, italic = self.fonts
        size, leading, origin = self.size, self.leading, self.origin
        if line.kind == "title":
            y -= leading * 0.4
            if self.rules == "sparse":
                pdf.setLineWidth(0.4)
                pdf.line(origin, y + leading * 0.9, origin + self.table_w, y + leading * 0.9)
            pdf.setFont(bold, size + 0.6)
            _text(pdf, origin, y, _safe(line.text, self.unicode_ok), self.space)
            return y - leading
        if line.kind in ("method", "comment"):
            pdf.setFont(italic if line.kind == "method" else regular, size - (0.8 if line.kind == "method" else 0))
            _text(pdf, origin + (8 if line.kind == "method" else 0), y, _safe(line.text, self.unicode_ok), self.space)
            return y - leading
        if line.kind == "free":
            return self.free(pdf, line.spans, y)
        for c, text in line.cells.items():
            if not text or c not in self.xs:
                continue
            font = bold if c in line.bold else regular
            pdf.setFont(font, size)
            text = _safe(text, self.unicode_ok)
            x = origin + self.xs[c]
            if self.layout.right_align_numbers and c in _NUMERIC:
                _text(pdf, x + self.widths[c], y, text, self.space, right=True)
                continue
            if self.layout.leaders and c == "name":
                from reportlab.pdfbase.pdfmetrics import stringWidth

                end = x + stringWidth(text, font, size) + self.space * len(text) + 3
                dots = int((x + self.widths[c] + 4 - end) / (stringWidth(self.layout.leaders, font, size) + 1.2))
                text = f"{text} {self.layout.leaders * max(dots, 0)}"
            _text(pdf, x, y, text, self.space)
        if self.rules in ("lines", "grid"):
            pdf.setLineWidth(0.3)
            pdf.line(origin, y - 3, origin + self.table_w, y - 3)
        return y - leading

    def free(self, pdf, spans: list[Span], y: float) -> float:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        regular, bold, italic = self.fonts
        size, leading = self.size, self.leading
        if not spans:
            return y - leading * 0.6
        big = any(style == "big" for _, _, style in spans)
        if big:
            y -= leading * 0.5
        unit = stringWidth("0", regular, size) + self.space
        end = None
        for col, text, style in spans:
            font, font_size = {"b": (bold, size), "big": (bold, size * 1.6), "i": (italic, size)}.get(style,
                                                                                                  (regular, size))
            text = _safe(text, self.unicode_ok)
            x = self.origin + col * unit
            if end is not None:
                x = max(x, end + 10)
            pdf.setFont(font, font_size)
            _text(pdf, x, y, text, self.space)
            end = x + stringWidth(text, font, font_size) + self.space * len(text)
        return y - leading * (1.2 if big else 1.0)


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
