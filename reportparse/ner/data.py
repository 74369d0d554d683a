"""The training and evaluation format shared by every recogniser backend.

One example per line of a JSONL file::

    {"text": "Hb 10,9 g/dL, PLT 450.000/mmc", "lang": "it", "source": "prose:referral",
     "entities": [[0, 2, "ANALYTE"], [3, 7, "VALUE"], [8, 12, "UNIT"], ...],
     "relations": [{"analyte": [0, 2], "value": [3, 7], "unit": [8, 12], "range": null, "flag": null}]}

Offsets are character offsets into ``text`` (end exclusive); entities never overlap.  A relation ties one VALUE
to its ANALYTE and, where printed, its UNIT, RANGE and FLAG (each a ``[start, end]`` of an entity, or null).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

__all__ = ["LABELS", "Relation", "NerExample", "read_examples", "write_examples", "entity_scores"]

# ANALYTE: a test's printed name ("emoglobina", "Hb", "ferritin").
# VALUE: a result: a number, a censored number ("< 0,5"), or a qualitative result ("negativa", "positive").
# UNIT: the printed unit of a value ("g/dL", "mg/dl", "/mmc", "%").
# RANGE: a printed reference ("15-150", "< 200", "v.n. 70-100").
# FLAG: a printed marker beside a value ("H", "L", "*", "↑").
# QUALIFIER: a judgement that is not a value ("nella norma", "elevated", "ai limiti superiori").
LABELS: tuple[str, ...] = ("ANALYTE", "VALUE", "UNIT", "RANGE", "FLAG", "QUALIFIER")

Span = tuple[int, int]
Entity = tuple[int, int, str]  # (start, end, label)


@dataclass(frozen=True)
class Relation:
    analyte: Span
    value: Span
    unit: Span | None = None
    range: Span | None = None
    flag: Span | None = None

    def to_dict(self) -> dict[str, list[int] | None]:
        return {k: (list(v) if v is not None else None) for k, v in
                (("analyte", self.analyte), ("value", self.value), ("unit", self.unit), ("range", self.range),
                 ("flag", self.flag))}

    @classmethod
    def from_dict(cls, data: dict) -> "Relation":
        def span(key: str) -> Span | None:
            v = data.get(key)
            return (int(v[0]), int(v[1])) if v is not None else None
        return cls(span("analyte"), span("value"), span("unit"), span("range"), span("flag"))  # type: ignore[arg-type]


@dataclass(frozen=True)
class NerExample:
    text: str
    lang: str
    entities: tuple[tuple[int, int, str], ...]
    relations: tuple[Relation, ...] = ()
    source: str = ""
    meta: dict = field(default_factory=dict, compare=False)

    def __post_init__(self) -> None:
        last = 0
        for start, end, label in sorted(self.entities):
            if label not in LABELS:
                raise ValueError(f"unknown entity label {label!r}; known: {', '.join(LABELS)}")
            if not 0 <= start < end <= len(self.text) or start < last:
                raise ValueError(f"entity ({start}, {end}, {label}) is outside the text or overlaps another")
            last = end

    def to_dict(self) -> dict:
        return {"text": self.text, "lang": self.lang, "source": self.source,
                "entities": [list(e) for e in self.entities], "relations": [r.to_dict() for r in self.relations],
                **({"meta": self.meta} if self.meta else {})}

    @classmethod
    def from_dict(cls, data: dict) -> "NerExample":
        return cls(text=data["text"], lang=data.get("lang", "it"),
                   entities=tuple((int(s), int(e), str(lab)) for s, e, lab in data.get("entities", [])),
                   relations=tuple(Relation.from_dict(r) for r in data.get("relations", [])),
                   source=data.get("source", ""), meta=data.get("meta", {}))


def read_examples(path: str | Path) -> Iterator[NerExample]:
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield NerExample.from_dict(json.loads(line))


def write_examples(examples: Iterable[NerExample], path: str | Path) -> int:
    count = 0
    with open(path, "w", encoding="utf-8") as handle:
        for example in examples:
            handle.write(json.dumps(example.to_dict(), ensure_ascii=False) + "\n")
            count += 1
    return count


def entity_scores(gold: Sequence[Iterable[Entity]], predicted: Sequence[Iterable[Entity]],
                  labels: Sequence[str] = LABELS) -> dict[str, Any]:
    """Entity-level precision, recall and F1 (exact ``(start, end, label)`` match), micro over all labels and per
    label: ``{"precision", "recall", "f1", "gold", "predicted", "correct", "per_label": {label: {…}}}``."""
    counts = {label: [0, 0, 0] for label in labels}  # gold, predicted, correct
    for gold_entities, predicted_entities in zip(gold, predicted, strict=True):
        gold_set, predicted_set = set(map(tuple, gold_entities)), set(map(tuple, predicted_entities))
        for entities, slot in ((gold_set, 0), (predicted_set, 1), (gold_set & predicted_set, 2)):
            for entity in entities:
                counts.setdefault(entity[2], [0, 0, 0])[slot] += 1
    per_label = {label: _prf(*c) for label, c in counts.items()}
    return {**_prf(*(sum(c[i] for c in counts.values()) for i in range(3))), "per_label": per_label}


def _prf(gold: int, predicted: int, correct: int) -> dict[str, Any]:
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 6), "recall": round(recall, 6), "f1": round(f1, 6),
            "gold": gold, "predicted": predicted, "correct": correct}
