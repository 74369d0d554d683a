"""Inputs to pages of positioned words and the text the pipeline reads.

:mod:`.page` is the model (words with boxes, pages, documents), :mod:`.loaders` the
registry of input kinds, :mod:`.pdf` the PDF text layer, :mod:`.render` words to lines,
:mod:`.furniture` headers, footers and patient boxes.  Scans and photos are read by
:mod:`reportparse.ocr`, which registers the "image" loader here.
"""

from .loaders import LOADERS, Loader, decode_text, load_document, register_loader, report_suffixes
from .page import Document, Page, Word

__all__ = ["Document", "Page", "Word", "Loader", "LOADERS", "register_loader", "load_document", "decode_text",
           "report_suffixes"]

from ..ocr import loader as _ocr_loader  # noqa: E402,F401  (registers the "image" loader; it builds on .loaders)
