"""The family record, its registry, and what every family draws alike (decimal mark, flags, fonts, identity)."""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from typing import Callable

from ..layouts import Layout

__all__ = ["Family", "FAMILIES", "family", "base", "identity", "STANDARD_COLUMNS"]

# Column orders most families pick from when their trait is elsewhere.
STANDARD_COLUMNS: tuple[tuple[str, ...], ...] = (
    ("result", "unit", "range"),
    ("result", "flag", "unit", "range"),
    ("result", "unit", "flag", "range"),
    ("result", "range", "unit"),
    ("result", "unit", "range", "flag"),
)


@dataclass(frozen=True)
class Family:
    """A named stand-in for one lab's way of printing reports: ``draw(rng, lang)`` gives a layout with the
    family's trait and its own variation around it."""

    name: str
    trait: str
    description: str
    draw: Callable[[random.Random, str], Layout]

    def sample(self, rng: random.Random, lang: str) -> Layout:
        return replace(self.draw(rng, lang), family=self.name)


FAMILIES: dict[str, Family] = {}


def family(name: str, trait: str, description: str) -> Callable:
    """Register the decorated ``draw(rng, lang) -> Layout`` as family ``name``."""
    def register(draw: Callable[[random.Random, str], Layout]) -> Callable[[random.Random, str], Layout]:
        FAMILIES[name] = Family(name, trait, description, draw)
        return draw
    return register


def identity(rng: random.Random) -> str:
    return rng.choice(["box", "box+footer", "letterhead", "letterhead+footer", "box"])


def base(rng: random.Random, lang: str, **fields) -> Layout:
    """A layout with everything a family leaves to chance drawn here; ``fields`` fix the family's trait.
    Every draw happens whatever ``fields`` says, so a family's randomness does not depend on its own choices."""
    drawn = dict(
        decimal="," if (lang == "it" and rng.random() < 0.9) or (lang == "en" and rng.random() < 0.05) else ".",
        range_style=rng.choice(["dash", "dash", "tight", "div", "to", "brackets", "words"]),
        flag_style=rng.choice(["letter", "letter", "word", "arrow", "star", "none"]),
        ruled=rng.random() < 0.3,
        sections=rng.random() < 0.8,
        differential_abs=rng.random() < 0.7,
        censored=rng.random() < 0.7,
        sex_specific=rng.random() < 0.25,
        qualitative=rng.random() < 0.3,
        method_lines=rng.random() < 0.15,
        second_units=rng.random() < 0.2,
        interpretation_table=rng.random() < 0.2,
        rows_per_page=rng.choice([26, 34, 40, 48]),
        font=rng.choice(["Helvetica", "Times-Roman", "Courier"]),
        right_align_numbers=rng.random() < 0.4,
        identity=identity(rng),
        columns=rng.choice(STANDARD_COLUMNS),
    )
    drawn.update(fields)
    return Layout(**drawn)
