"""Layout families: named stand-ins for the labs whose reports the parser has never seen.

The parser was tuned on the layouts of :func:`~corpora.reports.layouts.sample_layout`, so scores on them say
little about a new lab.  A family is one recognisable way of printing (a code column before the name, a portal
printout, dashboard cards, category columns, references in a separate block...) with its own variation around
it; ``FAMILIES[name].sample(rng, lang)`` draws a layout of it.

Leave-family-out protocol: :data:`HELD_OUT_FAMILIES` are never used for tuning the parser.  Nobody reads their
reports while working on the parser; only their benchmark numbers (``benchmarks/bench_families.py``) are looked
at, as the estimate of how the parser does on a lab it was not written for.  Each held-out family has a tuning
sibling with the same broad trait, so a trait is never entirely unseen, only that lab's way of printing it.
"""

from __future__ import annotations

from collections.abc import Iterable

from . import blocks, fresh, tables  # noqa: F401  (registering their families)
from .base import FAMILIES, Family, family

# The order generate_corpus cycles in: table families first (classic leads), then blocks and exports, then the
# fresh families (registered last, so the families before them keep their places in the cycle).
_ordered = sorted(FAMILIES.items(), key=lambda item: not item[1].draw.__module__.endswith(".tables"))
FAMILIES.clear()
FAMILIES.update(_ordered)

__all__ = ["Family", "FAMILIES", "HELD_OUT_FAMILIES", "TUNING_FAMILIES", "select_families", "family"]

# Never used for tuning the parser: the five families of fresh.py, each with a tuning sibling of the same trait.
# The earlier held-out five (lab_codes, app_printout, kv_compact, cumulative, condensed) had been looked at and
# are tuning families now.
HELD_OUT_FAMILIES: tuple[str, ...] = ("limits_before", "delta_check", "remarks_column", "summary_grid", "range_graph")
TUNING_FAMILIES: tuple[str, ...] = tuple(name for name in FAMILIES if name not in HELD_OUT_FAMILIES)


def select_families(families: Iterable[str] | None = None, exclude: Iterable[str] | None = None) -> list[str]:
    """The family names to cycle over: ``families`` (all when None) in their order, less ``exclude``."""
    from ...errors import CorporaError

    names = list(dict.fromkeys(families)) if families is not None else list(FAMILIES)
    excluded = set(exclude or ())
    for name in [*names, *sorted(excluded)]:
        if name not in FAMILIES:
            raise CorporaError(f"unknown family {name!r}; known: {', '.join(FAMILIES)} "
                               "(python -m corpora families lists them)", code="G001")
    chosen = [name for name in names if name not in excluded]
    if not chosen:
        raise CorporaError("no family left to generate: the exclusions remove every family selected", code="G002")
    return chosen
