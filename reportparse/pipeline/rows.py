"""``reportparse_rows``: read result rows from the document's lines and cells."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..grammar.numbers import detect_decimal_mark
from ..table.lines import clean_text, split_lines
from ..table.rows import RowContext, read_rows
from .extensions import register_extensions


class RowReader:
    """Split the text into lines and cells, read the rows, and mark their parts as spans.

    ``doc.spans["lab_parts"]`` holds ANALYTE / RESULT / UNIT / REFERENCE / FLAG spans: the
    same labels a trained NER component would predict, so one can replace or check the other.
    """

    def __init__(self, nlp: Language, name: str, decimal: str = "auto") -> None:
        register_extensions()
        self.name = name
        self.decimal = decimal
        self.default_decimal = "," if nlp.lang == "it" else "."
        self.catalogue = load_catalogue()

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        decimal = detect_decimal_mark(text, self.default_decimal) if self.decimal == "auto" else self.decimal
        lines = split_lines(text)
        # Rows are read on a copy with markdown emphasis blanked: same length, same offsets.
        raw = read_rows(lines, clean_text(text)[0], RowContext(decimal, self.catalogue.is_known))
        doc._.rp_lines = lines
        doc._.rp_decimal = decimal
        doc._.rp_raw_values = raw
        parts = []
        for value in raw:
            for label, span in _parts(value):
                if span and span[1] > span[0]:
                    part = doc.char_span(span[0], span[1], label=label, alignment_mode="expand")
                    if part is not None:
                        parts.append(part)
        doc.spans["lab_parts"] = parts
        return doc


def _parts(value):
    yield "ANALYTE", value.name_span
    yield "RESULT", (value.result.start, value.result.end)
    if value.unit_span:
        yield "UNIT", value.unit_span
    for span in value.ref_spans[:1]:
        yield "REFERENCE", span
