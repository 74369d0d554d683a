"""How the trained recogniser takes part in a parse (a typed config, as :class:`~reportparse.ParseParams`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

__all__ = ["NerOptions", "DEFAULT_MODEL_DIR", "default_model"]

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "data" / "ner"


def default_model(lang: str) -> Path:
    """The pipeline shipped with the package for ``lang`` (trained by ``reportparse train-ner``)."""
    return DEFAULT_MODEL_DIR / lang


@dataclass(frozen=True)
class NerOptions:
    """``backend``: "spacy" (a pipeline saved by ``train-ner``), "transformers" (a local token-classification
    model folder) or "off" (rules only).  ``model``: that folder; None takes the one shipped for the language
    (spaCy only).  ``mode``: "auto" reads prose paragraphs and the table lines no rule read, and a whole document
    that is mostly prose; "table" only the lines no rule read; "prose" the whole document with the recogniser.
    ``prose_share`` and ``prose_max_table_rows``: in "auto", a document is read as prose when that share of its
    characters stands on prose lines and the rules read fewer than that many rows outside them (600 generated
    letters: share 0.12 at least, 0.67 median, at most 10 rows outside prose, 6 for 99%; 760 generated table
    reports: share up to 0.14, and at least 15 rows where the share passes 0.1; the nine real development reports:
    share up to 0.125, at least 9 rows).  Lines with columns that the rules read stay with the rules in any mode.
    ``backfill``: numbers printed before a concentration unit ("10,9 g/dL") that the recogniser did not tag are
    values too, and in prose a catalogue name before a value that has none and a result word after a name that
    has none (:mod:`reportparse.ner.backfill`); the linker still needs their test name in the clause."""

    backend: Literal["spacy", "transformers", "off"] = "spacy"
    model: str | None = None
    mode: Literal["auto", "table", "prose"] = "auto"
    prose_share: float = 0.1
    prose_max_table_rows: int = 12
    backfill: bool = True  # also what the recogniser left next to a unit, a value or a name (.backfill)

    def model_dir(self, lang: str) -> Path:
        """The model folder for ``lang``: ``model``, or the one shipped for the language."""
        return Path(self.model) if self.model else default_model(lang)

    def to_dict(self) -> dict[str, object]:
        return asdict(self)
