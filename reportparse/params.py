"""Tolerances of the layout and table readers, as one typed object (pdfminer's ``LAParams`` is the model).

Pass a changed copy to :func:`reportparse.load_pipeline` (``params=``) or to the components'
``params`` config; the defaults are what the benchmarks measure.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

__all__ = ["ParseParams"]


@dataclass(frozen=True)
class ParseParams:
    # Words into rows and cells (PDF text layers, OCR word boxes), in units of the font size
    word_gap: float = 0.18  # glyphs further apart than this start a new word
    cell_gap: float = 0.9  # words further apart than this start a new cell
    row_overlap: float = 0.5  # vertical overlap with the word on the left that keeps a word in its row
    # Page furniture (headers, footers, patient boxes)
    furniture_top_lines: int = 10  # non-empty lines from the top of a page where letterheads and patient boxes sit
    furniture_bottom_lines: int = 6  # ... and from the bottom, where footers sit
    furniture_min_pages: int = 2  # a line repeated on this many pages inside those bands is furniture
    # Tables
    column_slack: int = 2  # characters a cell may stand outside its column and still belong to it
    header_min_roles: int = 2  # header cells that must name a role for a line to be a table header
    content_min_rows: int = 2  # rows a header-less table needs before its columns are read from content
    content_share: float = 0.6  # share of a column's cells that must agree on a kind to give it a role
    # Records across lines
    name_above_max_lines: int = 2  # a name printed this many lines above its values still owns them
    reference_below_max_lines: int = 3  # a "Range: a - b" line this close below a value is its reference
    disabled_rules: tuple[str, ...] = ()  # row rules switched off by name (reportparse.table.rules)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def replace(self, **changes: object) -> ParseParams:
        return replace(self, **changes)
