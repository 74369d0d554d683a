"""Train the recogniser on generated data: ``reportparse train-ner --lang it --out DIR``.

The data are lines of generated table reports (the tuning layout families; :mod:`corpora.reports.ner_examples`)
and generated clinical prose (the tuning templates; :mod:`corpora.prose`), with their entity spans, found through
the ``reportparse.training_data`` entry point (corpora registers it), or a JSONL file of examples (``--data``).
Held-out families and templates are never trained on: the benchmarks score them.  The spaCy backend trains the config
in ``configs/spacy_ner.cfg`` with ``spacy train``; the transformers backend fine-tunes a local model directory
(:mod:`.hf_train`).
"""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from .augment import AugmentOptions, augment_examples
from .data import NerExample, entity_scores, read_examples

__all__ = ["NerTrainConfig", "CONFIG_PATH", "training_examples", "to_docbin", "train_ner", "evaluate_spans"]

CONFIG_PATH = Path(__file__).parent / "configs" / "spacy_ner.cfg"
DATA_PROVIDERS = "reportparse.training_data"  # entry point group of functions (lang, reports, prose, seed) -> examples


@dataclass(frozen=True)
class NerTrainConfig:
    """What ``train-ner`` trains on and for how long."""

    lang: str
    out: Path
    backend: str = "spacy"  # or "transformers"
    base_model: Path | None = None  # transformers: a local model directory
    reports: int = 400  # generated table reports (tuning families) for training
    prose: int = 1000  # generated prose documents (tuning templates) for training
    dev_share: float = 0.1
    seed: int = 0
    max_steps: int = 6000  # spaCy
    dropout: float = 0.1  # spaCy
    epochs: int = 3  # transformers
    progress: bool = True
    data: Path | None = None  # a JSONL file of examples (reportparse.ner.data) instead of generated data
    augment: AugmentOptions = AugmentOptions(share=0.5)  # augmented copies of the training part (.augment)


def training_examples(lang: str, reports: int, prose: int, seed: int) -> list[NerExample]:
    """Examples from the installed data provider (``reportparse.training_data`` entry point: corpora's
    generators, :func:`corpora.ner_data.training_examples`)."""
    from importlib.metadata import entry_points

    from ..errors import Errors, ReportParseError

    providers = list(entry_points(group=DATA_PROVIDERS))
    if not providers:
        raise ReportParseError(Errors.E032, group=DATA_PROVIDERS)
    return list(providers[0].load()(lang, reports, prose, seed))


def to_docbin(examples: Iterable[NerExample], nlp) -> tuple[object, dict[str, int]]:
    """spaCy's training format; entities that do not fall on token boundaries are counted, and their example
    dropped rather than trained on with a hole in it."""
    from spacy.tokens import DocBin

    docbin, stats = DocBin(), {"examples": 0, "entities": 0, "misaligned": 0}
    for example in examples:
        doc = nlp.make_doc(example.text)
        spans = [doc.char_span(s, e, label=label) for s, e, label in example.entities]
        if any(span is None for span in spans):
            stats["misaligned"] += 1
            continue
        doc.ents = spans
        docbin.add(doc)
        stats["examples"] += 1
        stats["entities"] += len(spans)
    return docbin, stats


def train_ner(config: NerTrainConfig) -> dict:
    """Generate the data, train, save the pipeline to ``config.out`` and return its evaluation."""
    if config.data is not None:
        examples = _read_data(config.data, config.lang)
        random.Random(config.seed).shuffle(examples)
    else:
        examples = training_examples(config.lang, config.reports, config.prose, config.seed)
    cut = max(1, int(len(examples) * config.dev_share))
    dev, train = examples[:cut], augment_examples(examples[cut:], config.augment)
    if config.backend == "transformers":
        from .hf_train import train_transformers

        if config.base_model is None:
            from ..errors import Errors, ReportParseError
            raise ReportParseError(Errors.E030)
        return train_transformers(train, dev, config.base_model, config.out, epochs=config.epochs, seed=config.seed,
                                  progress=config.progress)
    return _train_spacy(config, train, dev)


def _read_data(path: Path, lang: str) -> list[NerExample]:
    from ..errors import Errors, ReportParseError

    try:
        examples = [e for e in read_examples(path) if e.lang == lang]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise ReportParseError(Errors.E033, path=path, detail=f"{type(exc).__name__}: {exc}") from None
    if len(examples) < 2:
        raise ReportParseError(Errors.E033, path=path, detail=f"{len(examples)} example(s) in {lang!r}, need 2 or more")
    return examples


def _train_spacy(config: NerTrainConfig, train: list[NerExample], dev: list[NerExample]) -> dict:
    import spacy
    from spacy.cli.train import train as spacy_train

    from . import tokenizer  # noqa: F401  (registers the tokenizer the config names)

    nlp = spacy.blank(config.lang, config={"nlp": {"tokenizer": {"@tokenizers": "reportparse.lab_tokenizer.v1"}}})
    out = Path(config.out)
    with tempfile.TemporaryDirectory(prefix="reportparse-ner-") as tmp:
        stats = {}
        for name, part in (("train", train), ("dev", dev)):
            docbin, stats[name] = to_docbin(part, nlp)
            docbin.to_disk(Path(tmp) / f"{name}.spacy")
        print(f"training data: {stats['train']['examples']} examples, {stats['train']['entities']} entities "
              f"({stats['train']['misaligned']} dropped: entity off token boundaries); dev {stats['dev']['examples']}")
        overrides = {"paths.train": str(Path(tmp) / "train.spacy"), "paths.dev": str(Path(tmp) / "dev.spacy"),
                     "nlp.lang": config.lang, "system.seed": config.seed, "training.max_steps": config.max_steps,
                     "training.dropout": config.dropout,
                     "training.logger.progress_bar": config.progress}
        spacy_train(CONFIG_PATH, Path(tmp) / "output", overrides=overrides)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(Path(tmp) / "output" / "model-best", out)
    trained = spacy.load(out)
    metrics = {"backend": "spacy", "lang": config.lang, "seed": config.seed, "data": stats,
               "dev": evaluate_spans(trained, dev)}
    (out / "training.json").write_text(json.dumps(metrics, indent=1), encoding="utf-8")
    return metrics


def evaluate_spans(nlp, examples: list[NerExample]) -> dict:
    """Entity P/R/F1 of a spaCy pipeline, exact character spans, micro and per label (:func:`.data.entity_scores`,
    the transformers backend's scores too)."""
    predicted = [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(x.text for x in examples)]
    return entity_scores([x.entities for x in examples], predicted)
