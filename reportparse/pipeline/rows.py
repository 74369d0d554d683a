"""``reportparse_rows``: read result rows from the document's lines, cells and tables."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..params import ParseParams
from ..table.rows import RowContext, read_rows
from .extensions import register_extensions
from .layout import ensure_layout
from .tables import ensure_tables


class RowReader:
    """Read the rows, and mark their parts as spans.

    ``doc.spans["lab_parts"]`` holds ANALYTE / RESULT / UNIT / REFERENCE spans: the same
    labels a trained NER component would predict, so one can replace or check the other.
    """

    def __init__(self, nlp: Language, name: str, params: ParseParams | None = None) -> None:
        register_extensions()
        self.name = name
        self.lang = nlp.lang
        self.params = params or ParseParams()
        self.catalogue = load_catalogue()

    def __call__(self, doc: Doc) -> Doc:
        ensure_layout(doc, self.lang, self.params)
        ensure_tables(doc, self.lang, self.params)
        ctx = RowContext(doc._.rp_decimal, self.catalogue.is_known, self.params, doc._.rp_tables,
                         doc._.rp_furniture or {})
        rows = read_rows(doc._.rp_lines, doc._.rp_text, ctx)
        doc._.rp_rows = rows
        doc._.rp_rejected = frozenset(ctx.rejected)
        parts = []
        for value in rows:
            for label, span in _parts(value):
                if span and span[1] > span[0]:
                    part = doc.char_span(span[0], span[1], label=label, alignment_mode="expand")
                    if part is not None:
                        parts.append(part)
        doc.spans["lab_parts"] = parts
        return doc


def _parts(row):
    yield "ANALYTE", row.name_span
    yield "RESULT", row.result_span
    if row.unit_span:
        yield "UNIT", row.unit_span
    for span in row.ref_spans[:1]:
        yield "REFERENCE", span
