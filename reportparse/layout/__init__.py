"""Inputs to pages of positioned words and the text the pipeline reads.

:mod:`.page` is the model (words with boxes, pages, documents), :mod:`.loaders` the
registry of input kinds, :mod:`.pdf` the PDF text layer, :mod:`.render` words to lines,
:mod:`.furniture` headers, footers and patient boxes.
"""

from .loaders import LOADERS, Loader, decode_text, load_document, register_loader, report_suffixes
from .page import Document, Page, Word

__all__ = ["Document", "Page", "Word", "Loader", "LOADERS", "register_loader", "load_document", "decode_text",
           "report_suffixes"]
