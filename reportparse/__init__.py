"""reportparse: blood-analysis reports (Italian and English; PDF, scans and photos, text, markdown) to typed lab values.

>>> import reportparse
>>> report = reportparse.parse_text("Emoglobina   13,5   g/dL   12,0 - 16,0", lang="it")
>>> report.values[0].value, report.values[0].ucum, report.values[0].interpretation
(13.5, 'g/dL', 'N')
"""

from importlib import import_module

from .errors import DermalabError, Errors, ReportParseError, Warnings
from .layout.pdf_options import PdfOptions
from .ner.options import NerOptions
from .ocr.options import OcrOptions
from .params import ParseParams
from .records import LabRow, LabValue, ParseWarning, Patient, ReferenceRange, Report

# spaCy and the catalogue load on first use: ``reportparse.errors`` is the base of every package's
# coded errors and must stay cheap to import.
_LAZY = {"parse_file": ".api", "parse_text": ".api", "load_pipeline": ".api", "extract_text": ".api",
         "Analyte": ".catalogue", "Catalogue": ".catalogue", "load_catalogue": ".catalogue",
         "to_fhir": ".export", "to_frame": ".export", "omop_rows": ".export", "LinkageOptions": ".linkage",
         "load_key": ".linkage"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'reportparse' has no attribute {name!r}")

__all__ = [
    "parse_file", "parse_text", "load_pipeline", "extract_text",
    "Report", "LabValue", "LabRow", "ParseParams", "NerOptions", "OcrOptions", "PdfOptions", "ReferenceRange", "Patient", "ParseWarning",
    "DermalabError", "ReportParseError", "Errors", "Warnings",
    "Catalogue", "Analyte", "load_catalogue",
    "to_fhir", "to_frame", "omop_rows", "LinkageOptions", "load_key",
]
__version__ = "0.1.0"
