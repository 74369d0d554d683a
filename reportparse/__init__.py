"""reportparse: blood-analysis reports (Italian and English; PDF, text, OCR, markdown) to typed lab values.

>>> import reportparse
>>> report = reportparse.parse_text("Emoglobina   13,5   g/dL   12,0 - 16,0", lang="it")
>>> report.values[0].value, report.values[0].ucum, report.values[0].interpretation
(13.5, 'g/dL', 'N')
"""

from .api import extract_text, load_pipeline, parse_file, parse_text
from .catalogue import Analyte, Catalogue, load_catalogue
from .errors import Errors, ReportParseError, Warnings
from .records import LabValue, ParseWarning, Patient, ReferenceRange, Report

__all__ = [
    "parse_file", "parse_text", "load_pipeline", "extract_text",
    "Report", "LabValue", "ReferenceRange", "Patient", "ParseWarning",
    "ReportParseError", "Errors", "Warnings",
    "Catalogue", "Analyte", "load_catalogue",
]
__version__ = "0.1.0"
