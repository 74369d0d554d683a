"""Training-data augmentation: copies of examples whose surroundings change and whose entities stay.

A recogniser trained on generated text learns the generator's phrasing along with the entities; real letters are
written by people it never read.  Each augmented copy keeps every entity's text and label and changes what is
around them, so the model has to recognise a value by its shape and its neighbours, not by a memorised frame:

* ``word_swap``: a word between entities becomes another word of the same language drawn from the words between
  entities of the whole training set ("Hb risulta 10,9" -> "Hb ottobre 10,9");
* ``glue_unit``: the space between a value and its unit goes ("10,9 g/dL" -> "10,9g/dL");
* ``name_case``: a test name is printed in upper or lower case ("FERRITINA", "hb").

Relations follow their entities to the new offsets.  Only the training part is augmented (never the dev part
that picks the best checkpoint).
"""

from __future__ import annotations

import random
from dataclasses import dataclass

import regex

from .data import NerExample, Relation

__all__ = ["AugmentOptions", "augment_examples"]

_WORD = regex.compile(r"\p{L}{2,}")


@dataclass(frozen=True)
class AugmentOptions:
    """How many augmented copies, and how much each changes."""

    share: float = 0.0  # augmented copies per training example (0.5: one copy for half of them)
    word_swap: float = 0.15  # chance that a word between entities is replaced
    glue_unit: float = 0.3  # chance that the space between a value and its unit goes
    name_case: float = 0.15  # chance that a test name changes case
    seed: int = 0


def augment_examples(examples: list[NerExample], options: AugmentOptions) -> list[NerExample]:
    """``examples`` followed by their augmented copies (none when ``options.share`` is 0)."""
    if options.share <= 0 or not examples:
        return list(examples)
    rng = random.Random(options.seed)
    vocabulary = _context_words(examples)
    copies = []
    for _ in range(int(options.share)):
        copies.extend(_augment(x, options, rng, vocabulary[x.lang]) for x in examples)
    fraction = options.share - int(options.share)
    copies.extend(_augment(x, options, rng, vocabulary[x.lang]) for x in examples if rng.random() < fraction)
    return list(examples) + copies


def _context_words(examples: list[NerExample]) -> dict[str, list[str]]:
    words: dict[str, set[str]] = {}
    for example in examples:
        bag = words.setdefault(example.lang, set())
        for gap in _gaps(example):
            bag.update(_WORD.findall(example.text[gap[0]:gap[1]]))
    return {lang: sorted(bag) for lang, bag in words.items()}


def _gaps(example: NerExample) -> list[tuple[int, int]]:
    gaps, last = [], 0
    for start, end, _ in sorted(example.entities):
        gaps.append((last, start))
        last = end
    gaps.append((last, len(example.text)))
    return gaps


def _augment(example: NerExample, options: AugmentOptions, rng: random.Random, vocabulary: list[str]) -> NerExample:
    entities = sorted(example.entities)
    text, parts, moved, last = example.text, [], {}, 0
    position = 0
    previous_label = None
    for start, end, label in entities:
        gap = _swap_words(text[last:start], options.word_swap, rng, vocabulary)
        if previous_label == "VALUE" and label == "UNIT" and gap == " " and rng.random() < options.glue_unit:
            gap = ""
        parts.append(gap)
        position += len(gap)
        surface = text[start:end]
        if label == "ANALYTE" and rng.random() < options.name_case:
            surface = surface.upper() if rng.random() < 0.5 else surface.lower()
        parts.append(surface)
        moved[(start, end)] = (position, position + len(surface))
        position += len(surface)
        last, previous_label = end, label
    parts.append(_swap_words(text[last:], options.word_swap, rng, vocabulary))

    def span(old):
        return moved[old] if old is not None else None

    relations = tuple(Relation(span(r.analyte), span(r.value), span(r.unit), span(r.range), span(r.flag))
                      for r in example.relations)
    return NerExample("".join(parts), example.lang, tuple((*moved[(s, e)], label) for s, e, label in entities),
                      relations, source=f"{example.source}+augmented" if example.source else "augmented")


def _swap_words(gap: str, chance: float, rng: random.Random, vocabulary: list[str]) -> str:
    if not chance or not vocabulary:
        return gap
    return _WORD.sub(lambda m: rng.choice(vocabulary) if rng.random() < chance else m.group(), gap)
