"""How PDF text layers are read: which engine, and the limits a document must keep to (a typed config, as
:class:`~reportparse.ParseParams` and :class:`~reportparse.OcrOptions`).

The limits stop damaged and hostile files (decompression bombs, content streams that draw millions of glyphs,
glyphs placed a billion points off the page) with a coded error instead of minutes of work and gigabytes of
memory; a genuine report is far below every one of them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Literal

from ..errors import Errors, ReportParseError

__all__ = ["PdfOptions", "PDF_ENGINE_CHOICES", "AUTO_ORDER"]

PDF_ENGINE_CHOICES = ("auto", "pdfminer", "pdfium")
# "auto" reads with the first engine and gives the pages where it finds no text to the second.  pdfium first, by
# measurement (benchmarks/bench_pdf_engines.py, 500 generated reports): the same values as pdfminer on 500 of 500
# (and on every sample and development report), glyphs 4.9x as fast, parse_file end to end 1.9x; and it reads
# fonts pdfminer cannot map (an encoding CMap embedded in the file, CID fonts without a ToUnicode map).
AUTO_ORDER = ("pdfium", "pdfminer")
_MIB = 1 << 20


@dataclass(frozen=True)
class PdfOptions:
    """``engine``: "pdfminer" (pure Python, the reference), "pdfium" (pypdfium2, fast) or "auto" (:data:`AUTO_ORDER`:
    the fast engine, and the other one for pages where it finds no text, before a page is called blank or scanned).

    Limits (coded errors E051-E054 and E065 past them): ``max_pages`` pages per document; ``max_page_chars``
    glyphs per page and ``max_chars`` per document; ``max_stream_bytes`` bytes one compressed stream (content,
    font, CMap, object stream; not images) may inflate to, ``max_inflated_bytes`` all of them together.
    ``offpage_margin``: glyphs further outside the page box than this many page sizes (the larger side, at
    least Letter's width) are dropped: a viewer never shows them, and one at x = 1e11 would make a line of a
    hundred billion spaces.  Text that merely runs off the edge, as some reports print it, is kept.
    ``max_page_operators`` / ``max_operators``: content-stream operators per page (forms included) and per
    document that pdfminer interprets (E065): each costs it Python time (about 40 us a ``Tm``), and a page that
    draws nothing (430,000 ``Tm``) took 18 s; the development and sample pages run 760-1,550, and pdfium (native)
    needs no such bound."""

    engine: Literal["auto", "pdfminer", "pdfium"] = "auto"
    max_pages: int = 2_000
    max_page_chars: int = 50_000
    max_chars: int = 1_000_000
    max_stream_bytes: int = 32 * _MIB
    max_inflated_bytes: int = 256 * _MIB
    offpage_margin: float = 1.0
    max_page_operators: int = 100_000
    max_operators: int = 500_000

    def __post_init__(self) -> None:
        for name, ok, hint in self._checks():
            if not ok:
                raise ReportParseError(Errors.E050, name=name, value=getattr(self, name), hint=hint)

    def _checks(self):
        def count(value: object) -> bool:
            return isinstance(value, int) and not isinstance(value, bool) and value >= 1

        from .engines import PDF_ENGINES  # the registry: engines registered later are valid too

        names = ("auto", *PDF_ENGINES)
        return (
            ("engine", self.engine in names, "use " + ", ".join(repr(name) for name in names)),
            ("max_pages", count(self.max_pages), "give a whole number of pages, 1 or more"),
            ("max_page_chars", count(self.max_page_chars), "give a whole number of characters, 1 or more"),
            ("max_chars", count(self.max_chars), "give a whole number of characters, 1 or more"),
            ("max_stream_bytes", count(self.max_stream_bytes), "give a whole number of bytes, 1 or more"),
            ("max_inflated_bytes", count(self.max_inflated_bytes), "give a whole number of bytes, 1 or more"),
            ("max_page_operators", count(self.max_page_operators), "give a whole number of operators, 1 or more"),
            ("max_operators", count(self.max_operators), "give a whole number of operators, 1 or more"),
            ("offpage_margin", isinstance(self.offpage_margin, (int, float)) and self.offpage_margin >= 0,
             "give a number of page sizes, 0 or more"),
        )

    @property
    def engines(self) -> tuple[str, ...]:
        """The engines to read with, in order: one, or both for "auto"."""
        return AUTO_ORDER if self.engine == "auto" else (self.engine,)

    def replace(self, **changes: object) -> PdfOptions:
        return replace(self, **changes)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
