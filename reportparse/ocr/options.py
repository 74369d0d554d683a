"""How scans and photos are read (a typed config, as :class:`~reportparse.ParseParams` and ``NerOptions``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

from ..errors import Errors, ReportParseError

__all__ = ["OcrOptions", "OCR_MODES", "TESSERACT_LANGUAGES", "HELPER_LANGUAGES", "DEFAULT_STEPS"]

OCR_MODES = ("auto", "always", "never")
# reportparse language -> Tesseract traineddata name; "auto" reads with both packs.
TESSERACT_LANGUAGES = {"it": ("ita",), "en": ("eng",), "auto": ("ita", "eng")}
# Packs added after the report's own when they are installed (``OcrOptions.helper_packs``): each language's
# model reads the other's unit glyphs better than alone (g/dl, U/l, x10^3/µL in Italian reports; bench_ocr).
HELPER_LANGUAGES = {"it": ("eng",), "en": ("ita",), "auto": ()}
# Kept by measurement (benchmarks/bench_ocr.py): see the README's "Scans and photos (OCR)".
DEFAULT_STEPS = ("grayscale", "background", "normalise", "leaders", "orientation", "deskew")
# Page segmentation modes that return words (0 is orientation only, 2 does no recognition).
_PSMS = (1, 3, 4, 5, 6, 7, 11, 12, 13)


@dataclass(frozen=True)
class OcrOptions:
    """``mode``: "auto" reads images and the PDF pages without a text layer with OCR; "always" also the pages that
    have one (when the text layer is garbage); "never" reads text layers only (a scanned PDF is E006).
    ``lang``: the report language ("auto", "it", "en"); it picks the Tesseract packs (both for "auto").
    ``helper_packs``: also read with the other language's pack when it is installed (never required).
    ``dpi``: resolution PDF pages are rendered at; ``psm``: Tesseract's page segmentation mode.
    ``prepare``: image preparation steps by name, in order (``reportparse.ocr.prepare.STEPS``).
    ``min_confidence``: values whose words Tesseract is less sure of get a W006 warning (kept, never dropped).
    ``min_text_chars``: in "auto", a PDF page with fewer glyphs than this (a scanner's stamp) is read by OCR.
    ``timeout``: seconds per page before Tesseract is stopped; ``max_pixels``: larger images are refused
    (decompression bombs); ``min_side``: smaller images are refused.  ``tesseract``: the program (name or path);
    ``threads``: OpenMP threads per Tesseract run (1 is fastest on a few cores and with --jobs)."""

    mode: Literal["auto", "always", "never"] = "auto"
    lang: str = "auto"
    helper_packs: bool = True
    dpi: int = 300
    psm: int = 6
    prepare: tuple[str, ...] = DEFAULT_STEPS
    min_confidence: float = 0.6
    min_text_chars: int = 16
    timeout: float = 60.0
    max_pixels: int = 60_000_000
    min_side: int = 32
    tesseract: str = "tesseract"
    threads: int = 1

    def __post_init__(self) -> None:
        for name, ok, hint in self._checks():
            if not ok:
                raise ReportParseError(Errors.E040, name=name, value=getattr(self, name), hint=hint)

    def _checks(self):
        from .prepare import STEPS  # the registry of step names

        unknown = [s for s in self.prepare if s not in STEPS]
        return (
            ("mode", self.mode in OCR_MODES, "use 'auto', 'always' or 'never'"),
            ("lang", self.lang in TESSERACT_LANGUAGES, "use 'auto', 'it' or 'en'"),
            ("dpi", isinstance(self.dpi, int) and 70 <= self.dpi <= 1200, "give a whole number from 70 to 1200"),
            ("psm", self.psm in _PSMS, f"use one of {', '.join(map(str, _PSMS))} (Tesseract's page segmentation)"),
            ("prepare", not unknown, f"unknown step(s) {unknown}; known: {', '.join(STEPS)}"),
            ("min_confidence", 0.0 <= self.min_confidence <= 1.0, "give a share from 0 to 1"),
            ("min_text_chars", self.min_text_chars >= 0, "give a count of 0 or more"),
            ("timeout", self.timeout > 0, "give seconds above 0"),
            ("max_pixels", self.max_pixels >= 1_000_000, "give at least 1,000,000 pixels"),
            ("min_side", self.min_side >= 1, "give at least 1 pixel"),
            ("threads", self.threads >= 0, "give 0 (Tesseract's default) or more"),
        )

    @property
    def languages(self) -> tuple[str, ...]:
        """Tesseract packs for ``lang``."""
        return TESSERACT_LANGUAGES[self.lang]

    @property
    def helper_languages(self) -> tuple[str, ...]:
        """Packs read with when installed, after :attr:`languages`."""
        return HELPER_LANGUAGES[self.lang] if self.helper_packs else ()

    def for_language(self, lang: str) -> OcrOptions:
        """These options for a parse in ``lang``: an explicit ``lang`` here wins over the parse's "auto"."""
        if self.lang == "auto" and lang in ("it", "en"):
            return replace(self, lang=lang)
        return self

    def replace(self, **changes: object) -> OcrOptions:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
