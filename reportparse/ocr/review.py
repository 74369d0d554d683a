"""What to check on a scan's values: coded warnings, the values themselves kept as read.

Tesseract's own confidence misses the worst OCR error in lab reports, a decimal mark it did not see ("7,4" read
as "74": confidence 0.43 there, but 0.80-0.87 for "61" from "6,1" and "699" from "69,9").  A value read by
OCR that lies far above a reference range that starts above 0, and inside it once divided by 10, 100 or 1000,
gets its own warning (20 generated reports read at 300 dpi: 4 of the 8 values with a lost decimal mark, and
none of the 637 values read right).
"""

from __future__ import annotations

from ..errors import Warnings
from ..records import LabValue, ParseWarning

__all__ = ["review_values", "lost_decimal"]

_SHIFTS = (10, 100, 1000)
_OUTLIER = 3  # a lost decimal mark puts a value at least this many times above its range's top


def lost_decimal(value: LabValue) -> int | None:
    """The power of ten that brings an OCR value outside its range back into it (None: not that case)."""
    low, high = value.ref_low, value.ref_high
    if value.ocr_confidence is None or value.value is None or low is None or high is None or value.comparator:
        return None
    # A range from 0 takes any value divided down; a value just above its range is a finding, not a misreading.
    if not 0 < low < high or value.value <= _OUTLIER * high:
        return None
    for shift in _SHIFTS:
        if low <= value.value / shift <= high:
            return shift
    return None


def review_values(values: tuple[LabValue, ...], min_confidence: float) -> list[ParseWarning]:
    """W006 for each value Tesseract was unsure of, W009 for each that looks a decimal mark short."""
    found = []
    for value in values:
        if value.ocr_confidence is not None and value.ocr_confidence < min_confidence:
            found.append(ParseWarning("W006", Warnings.W006.format(confidence=value.ocr_confidence, name=value.name,
                                                                   page=value.page or 1)))
        shift = lost_decimal(value)
        if shift:
            found.append(ParseWarning("W009", Warnings.W009.format(value=value.value, name=value.name,
                                                                   page=value.page or 1, shift=shift,
                                                                   low=value.ref_low, high=value.ref_high)))
    return found
