"""Seeded generator of Italian and English blood-analysis reports with gold annotations.

Reports are composed from analyte specifications (:mod:`.panels`), laid out by a
:class:`~.layouts.Layout` drawn from one of the layout families (:mod:`.families`, each a
stand-in for one lab's way of printing), and rendered as native PDF (:mod:`.render_pdf`),
fixed-width text, OCR-like text or markdown (:mod:`.render_text`).  Gold files follow the
``reports-dev`` format, plus the family and the fake identifiers printed
(:mod:`.identity`).  Every generated report is synthetic and says so.
"""

from .compose import compose_report
from .families import FAMILIES, HELD_OUT_FAMILIES, TUNING_FAMILIES, Family, select_families
from .generator import FORMATS, generate_corpus, write_report
from .layouts import Layout, sample_layout
from .model import GeneratedReport, PrintedRow

__all__ = ["compose_report", "generate_corpus", "write_report", "FORMATS", "Layout", "sample_layout",
           "GeneratedReport", "PrintedRow", "Family", "FAMILIES", "HELD_OUT_FAMILIES", "TUNING_FAMILIES",
           "select_families"]
