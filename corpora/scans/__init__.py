"""Generated reports as degraded scans and phone photos, with gold, so OCR quality is measured, not guessed.

Native report PDFs (:mod:`corpora.reports`) are rasterised with pypdfium2 and damaged page by page by small
seeded functions (:mod:`.damage`: blur, motion blur, noise, specks, JPEG, skew, perspective, uneven light,
binarisation, low resolution, paper, stamps, handwriting, fax header) in the order a preset lists them
(:mod:`.presets`, data only).  :mod:`.generator` writes the images with the report's gold and a manifest of
every parameter drawn; ``python -m corpora scans`` is its command line.
"""

from .damage import DAMAGES
from .generator import (SCAN_FORMATS, ScanDocument, damage_pages, generate_scans, get_preset, iter_folder_scans,
                        rasterise_pdf, read_pages, reset_manifest, scan_folder, write_scan)
from .presets import PRESETS, SINGLE_DAMAGE_PRESETS, DamageSpec, Step, step

__all__ = ["DAMAGES", "PRESETS", "SINGLE_DAMAGE_PRESETS", "SCAN_FORMATS", "DamageSpec", "Step", "step", "ScanDocument",
           "rasterise_pdf", "get_preset", "damage_pages", "generate_scans", "write_scan", "iter_folder_scans",
           "scan_folder", "read_pages", "reset_manifest"]
