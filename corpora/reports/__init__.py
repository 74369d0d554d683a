"""Seeded generator of Italian and English blood-analysis reports with gold annotations.

Reports are composed from analyte specifications (:mod:`.panels`), laid out by a sampled
:class:`~.layouts.Layout`, and rendered as native PDF (:mod:`.render_pdf`), fixed-width
text, OCR-like text or markdown (:mod:`.render_text`).  Gold files follow the
``reports-dev`` format.  Every generated report is synthetic and says so.
"""

from .compose import compose_report
from .generator import generate_corpus, write_report
from .layouts import Layout, sample_layout
from .model import GeneratedReport, PrintedRow

__all__ = ["compose_report", "generate_corpus", "write_report", "Layout", "sample_layout", "GeneratedReport",
           "PrintedRow"]
