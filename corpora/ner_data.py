"""Training data for reportparse's trained recogniser, from the generators of this package.

Registered under the ``reportparse.training_data`` entry point, so ``reportparse train-ner`` finds it without
reportparse importing corpora (reportparse stays a leaf package).  Only the tuning layout families and the tuning
prose templates are used: the held-out ones are what the benchmarks score.
"""

from __future__ import annotations

import random

from reportparse.ner.data import NerExample

__all__ = ["training_examples"]


def training_examples(lang: str, reports: int, prose: int, seed: int) -> list[NerExample]:
    """Lines of ``reports`` generated table reports and ``prose`` generated documents, shuffled by seed."""
    from .prose import HELD_OUT_TEMPLATES, TEMPLATES, generate_prose
    from .reports.families import HELD_OUT_FAMILIES
    from .reports.ner_examples import report_examples

    examples = list(report_examples(reports, lang=lang, seed=seed, exclude_families=list(HELD_OUT_FAMILIES)))
    templates = [name for name, t in TEMPLATES.items() if t.lang == lang and name not in HELD_OUT_TEMPLATES]
    examples.extend(doc.example for doc in generate_prose(prose, lang=lang, seed=seed, templates=templates))
    random.Random(seed).shuffle(examples)
    return examples
