"""``reportparse_ner`` and ``reportparse_ner_rows``: the trained recogniser beside the rules.

``reportparse_ner`` runs a recogniser (a spaCy pipeline saved by ``reportparse train-ner``, or a transformers
token-classification folder) on the parts of the document the rules left (:mod:`reportparse.ner.segments`) and
puts its entities in ``doc._.rp_entities`` (character offsets) and ``doc.spans["rp_ner"]``, and the parts it read
in ``doc._.rp_segments``.
``reportparse_ner_rows`` links the entities into records (:mod:`reportparse.ner.linker`) with
``source="ner"``: rows the rules read in prose are replaced, the others kept, so a user can filter by source.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections import Counter
from functools import lru_cache
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from ..catalogue import load_catalogue
from ..errors import Errors, ReportParseError
from ..ner.backfill import catalogue_names, result_words, unit_anchored_values
from ..ner.linker import Entity, is_prose_result, link_entities
from ..ner.options import NerOptions
from ..ner.segments import SpanIndex, bounded, prose_lines, prose_share, select_segments
from ..records import LabRow
from ..table.draft import repeat_key
from .extensions import register_extensions
from .guard import guard_tokenizer

SPAN_KEY = "rp_ner"


class EntityRecognizer:
    def __init__(self, nlp: Language, name: str, options: NerOptions) -> None:
        register_extensions()
        self.name, self.lang, self.options = name, nlp.lang, options
        self.model_dir = options.model_dir(nlp.lang)
        self._predict = _load_backend(options.backend, str(self.model_dir), nlp.lang)
        self.is_known = load_catalogue().is_known

    def __call__(self, doc: Doc) -> Doc:
        lines = doc._.rp_lines or []
        covered = [row.span for row in (doc._.rp_rows or [])]
        prose = prose_lines(lines)
        mode = self.options.mode
        if mode == "auto" and prose_share(lines, prose) >= self.options.prose_share \
                and _rows_outside_prose(lines, covered, prose) < self.options.prose_max_table_rows:
            mode = "prose"
        explained = frozenset(i for table in doc._.rp_tables or () for i in (table.header_line, *table.range_lines)
                              if i is not None) | (doc._.rp_rejected or frozenset())
        # The recogniser reads the text as printed, as it was trained (list numbers and OCR look-alikes included);
        # Doc.text is rebuilt from the tokens at every call: read it once.
        text = doc.text
        segments = bounded(select_segments(lines, covered, doc._.rp_furniture or {}, mode, explained, prose), text)
        doc._.rp_segments = segments
        entities, spans = [], []
        texts = [text[s.start:s.end] for s in segments]
        for segment, segment_text, found in zip(segments, texts, self._predict(texts)):
            if self.options.backfill:
                found = self._backfill(segment_text, list(found), prose=segment.kind == "prose")
            for start, end, label in sorted(found):
                entities.append((segment.start + start, segment.start + end, label))
                # spans for inspection, on this pipeline's tokens ("mg/dL." is one); the exact offsets stay
                # in doc._.rp_entities, which the linker reads
                span = doc.char_span(segment.start + start, segment.start + end, label=label,
                                     alignment_mode="expand")
                if span is not None:
                    spans.append(span)
        doc._.rp_entities = entities
        doc.spans[SPAN_KEY] = spans
        return doc

    def _backfill(self, text: str, found: list, *, prose: bool) -> list:
        """What the recogniser left (.ner.backfill): values before a unit anywhere; in prose, names before
        values and result words after names."""
        found = [*found, *unit_anchored_values(text, found)]
        if prose:
            found = [*found, *catalogue_names(text, found, self.is_known)]
            found = [*found, *result_words(text, found)]
        return found


class NerRowLinker:
    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        self.is_known = load_catalogue().is_known

    def _evidence(self, rows) -> tuple[int, int]:
        """What a reading of a contested line has for it: its records, then how many of their names the
        catalogue knows ("hemoglobin" over "Her hemoglobin was")."""
        return len(rows), sum(self.is_known(r.name) for r in rows)

    def __call__(self, doc: Doc) -> Doc:
        segments = doc._.rp_segments or []
        if not segments:
            return doc
        text = doc._.rp_text or doc.text
        entities = sorted((Entity(start, end, label, text[start:end]) for start, end, label in
                           doc._.rp_entities or ()), key=lambda e: e.start)
        entity_starts = [e.start for e in entities]
        prose = SpanIndex((s.start, s.end) for s in segments if s.kind == "prose")
        rows = _Rows(r for r in (doc._.rp_rows or []) if not prose.holds(r.span[0]))  # the recogniser reads prose
        for segment in segments:
            # entities and rows found by bisection: a long document has thousands of segments
            first, last = bisect_left(entity_starts, segment.start), bisect_right(entity_starts, segment.end)
            inside = [e for e in entities[first:last] if e.end <= segment.end]
            found = link_entities(inside, text, decimal=doc._.rp_decimal or ".",
                                  newline_ends_clause=segment.kind != "prose", page=segment.page)
            if segment.kind == "prose":
                found = [r for r in found if is_prose_result(r)]
            else:
                # a table line: a record needs a unit or a name the catalogue knows ("| Extreme | <50 | ≥50 |" in
                # a legend is neither)
                found = [r for r in found if r.unit or self.is_known(r.name)]
            if segment.kind == "contested":
                ruled = rows.within(segment.start, segment.end)
                if self._evidence(found) <= self._evidence(rows.get(ruled)):
                    continue  # the rules read as much of the line: they keep it
                rows.remove(ruled)
            # a summary repeating a row is not a new value
            rows.add([r for r in found if not rows.has_key(_repeat_key(r))])
        doc._.rp_rows = sorted(rows.all(), key=lambda r: r.span[0])
        return doc


class _Rows:
    """The rows kept so far, with their repeat keys counted and indexed by where they start: what the linker asks
    of every segment, answered without a pass over all rows (a long document has thousands)."""

    def __init__(self, rows) -> None:
        self.rows: dict[int, LabRow] = {}  # number -> row, in the order they were added
        self.starts: list[tuple[int, int]] = []  # sorted (span start, number), removed rows included
        self.keys: Counter = Counter()
        self.add(list(rows))

    def add(self, rows: list[LabRow]) -> None:
        for row in rows:
            number = len(self.starts)
            self.rows[number] = row
            insort(self.starts, (row.span[0], number))
            self.keys[_repeat_key(row)] += 1

    def remove(self, numbers: list[int]) -> None:
        for number in numbers:
            self.keys[_repeat_key(self.rows.pop(number))] -= 1

    def within(self, start: int, end: int) -> list[int]:
        """The numbers of the rows kept whose span starts in ``[start, end)``."""
        first, last = bisect_left(self.starts, (start, -1)), bisect_left(self.starts, (end, -1))
        return [number for _, number in self.starts[first:last] if number in self.rows]

    def get(self, numbers: list[int]) -> list[LabRow]:
        return [self.rows[number] for number in numbers]

    def has_key(self, key: tuple[str, object, str]) -> bool:
        return self.keys[key] > 0

    def all(self) -> list[LabRow]:
        return list(self.rows.values())


def _rows_outside_prose(lines, covered: list[tuple[int, int]], prose: frozenset[int]) -> int:
    """Rows the rules read on lines that are not prose: many in a table report, a few at most in a letter."""
    starts = sorted((line.start, line.end, line.index not in prose) for line in lines)
    count = 0
    for start, _ in covered:
        i = bisect_right(starts, (start, float("inf"), True)) - 1
        count += i >= 0 and starts[i][2] and start <= starts[i][1]
    return count


def _repeat_key(row: LabRow) -> tuple[str, object, str]:
    return repeat_key(row.name, row.value if row.result_kind == "number" else row.result_text, row.unit)


def check_model(options: NerOptions, lang: str) -> None:
    """Raise E031 (or the backend's own code) now when the model cannot be loaded."""
    _load_backend(options.backend, str(options.model_dir(lang)), lang)


@lru_cache(maxsize=4)
def _load_backend(backend: str, model_dir: str, lang: str):
    """A function from texts to their entities ``[(start, end, label), ...]``, one list per text."""
    path = Path(model_dir)
    if backend == "transformers":
        from ..ner.hf import HFNerConfig, HFTokenRecognizer

        recognizer = HFTokenRecognizer(HFNerConfig(model_dir=path))
        return lambda texts: recognizer.predict_many(texts) if texts else []
    if not (path / "config.cfg").is_file():
        raise ReportParseError(Errors.E031, path=path, lang=lang, detail="no spaCy pipeline (config.cfg) there")
    import spacy

    from ..ner import tokenizer  # noqa: F401  (the tokenizer the saved config names)

    try:
        nlp = spacy.load(path)
    except (OSError, ValueError) as exc:
        raise ReportParseError(Errors.E031, path=path, lang=lang, detail=str(exc).splitlines()[0]) from exc
    guard_tokenizer(nlp.tokenizer)  # loading restores the saved expressions: bound them again

    def predict(texts: list[str]) -> list[list[tuple[int, int, str]]]:
        # each distinct text once: a header, footer or row printed on every page is read once
        unique = list(dict.fromkeys(texts))
        found = {text: [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                 for text, doc in zip(unique, nlp.pipe(unique))}
        return [list(found[text]) for text in texts]
    return predict
