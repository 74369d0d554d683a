"""Scans and photos: Tesseract reads page images into words with boxes and confidences.

:mod:`.options` (``OcrOptions``), :mod:`.images` (opening files, rendering PDF pages), :mod:`.prepare` (named
preparation steps), :mod:`.engine` (Tesseract), :mod:`.words` (TSV to words and back), :mod:`.loader` (the
"image" loader and the PDF pages without a text layer; :mod:`reportparse.layout` imports it to register it).
This module stays light: ``import reportparse`` reads the options from here.
"""

from .options import OcrOptions

__all__ = ["OcrOptions"]
