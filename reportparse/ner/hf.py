"""A transformers token-classification backend for the named-entity recogniser.

Any Hugging Face token-classification model folder can drive it, e.g. an Italian or multilingual (biomedical) BERT
fine-tuned on the shared format of :mod:`reportparse.ner.data`.  Its ``config.id2label`` must use the BIO tags of
``LABELS`` (``O``, ``B-ANALYTE``, ``I-ANALYTE``, … ``I-QUALIFIER``); any other label is a coded error (E017).

**Nothing is downloaded at run time**: every ``from_pretrained`` call passes ``local_files_only=True``.  With
internet, fetch a public base model once and fine-tune it::

    huggingface-cli download dbmdz/bert-base-italian-xxl-cased --local-dir models/it-bert   # or: hf download …
    reportparse train-ner --backend transformers --base-model models/it-bert --out models/it-ner

then use the result from Python or in any spaCy pipeline::

    import spacy
    nlp = spacy.blank("it")
    nlp.add_pipe("reportparse_hf_ner", config={"model_dir": "models/it-ner"})
    doc = nlp("Emoglobina 13,5 g/dL (12,0-16,0)")
    [(s.text, s.label_) for s in doc.spans["rp_ner"]]

or ``HFTokenRecognizer.from_pretrained("models/it-ner").predict(text) -> [(start, end, label), ...]``.
To smoke-test without any download, build a tiny random model with
:func:`reportparse.ner.hf_train.build_tiny_model` and fine-tune it on a few sentences.

How a text becomes spans: the (fast) tokenizer cuts it into windows of ``max_length`` tokens that overlap by
``stride`` tokens; each window is classified; every word (as the tokenizer's pre-tokenizer splits words) takes its
tags from the window where it sits furthest from an edge; a word's tag is that of its first sub-token
(``aggregation="first"``), the mean of its sub-tokens (``"average"``) or its most confident sub-token (``"max"``);
BIO tags over words then give entities, whose character spans start and end on word boundaries.  A stray ``I-X``
opens an entity like ``B-X``.

transformers and torch are imported inside the functions that need them: ``import reportparse`` stays fast.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from ..errors import Errors, ReportParseError
from .data import LABELS

if TYPE_CHECKING:  # pragma: no cover
    import torch

__all__ = ["HFNerConfig", "HFTokenRecognizer", "HFNerComponent", "make_hf_ner", "bio_labels", "check_model_dir",
           "load_fast_tokenizer", "SPANS_KEY"]

SPANS_KEY = "rp_ner"
AGGREGATIONS = ("first", "average", "max")
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "vocab.json")
EntitySpan = tuple[int, int, str]


def bio_labels(labels: Sequence[str] = LABELS) -> list[str]:
    """``["O", "B-ANALYTE", "I-ANALYTE", …]``: the tag set of a model trained on ``labels`` (index = class id)."""
    return ["O", *(f"{prefix}-{label}" for label in labels for prefix in "BI")]


@dataclass(frozen=True)
class HFNerConfig:
    """How the recogniser reads a text.

    ``model_dir``: a local model folder (config, weights and a fast tokenizer).  ``max_length``: tokens per window,
    special tokens included (lowered to what the model accepts).  ``stride``: tokens shared by consecutive windows.
    ``batch_size``: windows per forward pass.  ``device``: ``"cpu"``, ``"cuda"``, ``"cuda:1"``, ``"mps"``.
    ``aggregation``: a word's tag from its ``"first"`` sub-token, the ``"average"`` of its sub-tokens, or the
    ``"max"`` (most confident) one.  ``min_score``: a word whose tag probability is below it counts as ``O``.
    """

    model_dir: str | Path
    max_length: int = 256
    stride: int = 64
    batch_size: int = 8
    device: str = "cpu"
    aggregation: str = "first"
    min_score: float = 0.0

    def __post_init__(self) -> None:
        checks = (("max_length", self.max_length >= 8, "use at least 8 tokens per window"),
                  ("stride", 0 <= self.stride < self.max_length, "use 0 <= stride < max_length"),
                  ("batch_size", self.batch_size >= 1, "use at least 1"),
                  ("aggregation", self.aggregation in AGGREGATIONS, f"use one of {', '.join(AGGREGATIONS)}"),
                  ("min_score", 0.0 <= self.min_score <= 1.0, "use a probability between 0 and 1"))
        for name, ok, hint in checks:
            if not ok:
                raise ReportParseError(Errors.E018, name=name, value=getattr(self, name), hint=hint)


def check_model_dir(path: str | Path) -> Path:
    """The folder as a Path, or E015 when it is missing or holds no ``config.json``."""
    folder = Path(path) if str(path) else None
    if folder is None:
        raise ReportParseError(Errors.E015, path="''", detail="no model folder given")
    if not folder.is_dir():
        raise ReportParseError(Errors.E015, path=folder, detail="no such folder")
    if not (folder / "config.json").is_file():
        raise ReportParseError(Errors.E015, path=folder, detail="no config.json in it")
    return folder


def load_fast_tokenizer(path: str | Path):
    """``AutoTokenizer`` from a local folder; E015 when it cannot be loaded, E016 when it is not a fast one."""
    from transformers import AutoTokenizer

    folder = check_model_dir(path)
    if not any((folder / name).is_file() for name in TOKENIZER_FILES) and not any(folder.glob("*.model")):
        raise ReportParseError(Errors.E015, path=folder, detail="no tokenizer files in it")
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ReportParseError(Errors.E015, path=folder, detail=f"tokenizer: {first_line(exc)}") from exc
    _require_fast(tokenizer, folder)
    return tokenizer


def first_line(exc: BaseException) -> str:
    """The first line of an exception's text (transformers' messages run over several lines)."""
    lines = str(exc).strip().splitlines()
    return lines[0].rstrip(":") if lines else type(exc).__name__


def _require_fast(tokenizer: Any, where: object) -> None:
    if not getattr(tokenizer, "is_fast", False):
        raise ReportParseError(Errors.E016, path=where, detail=type(tokenizer).__name__)


def _check_labels(id2label: dict, where: object) -> list[str]:
    """The model's tags by class id; E017 for a tag that is not O / B-LABEL / I-LABEL."""
    by_id = {int(k): str(v) for k, v in id2label.items()}
    tags = [by_id[i] for i in sorted(by_id)]
    known = set(bio_labels())
    for tag in tags:
        if tag not in known:
            raise ReportParseError(Errors.E017, label=tag, path=where, labels=", ".join(LABELS))
    return tags


def windows(tokenizer: Any, texts: Sequence[str], max_length: int, stride: int) -> Any:
    """The texts cut into overlapping windows (a ``BatchEncoding`` with offsets, special-token masks and
    ``overflow_to_sample_mapping``); ``word_ids(i)`` of a window count words over its whole text."""
    tokenizer.truncation_side = "right"
    return tokenizer(list(texts), truncation=True, max_length=max_length, stride=stride,
                     return_overflowing_tokens=True, return_offsets_mapping=True, return_special_tokens_mask=True,
                     padding=False)


def pad_batch(rows: Sequence[dict[str, list[int]]], pad_id: int, device: Any = "cpu") -> dict[str, "torch.Tensor"]:
    """Right-pad token rows into tensors: ``input_ids`` with ``pad_id``, ``labels`` with -100, the rest with 0."""
    import torch

    width = max(len(row["input_ids"]) for row in rows)
    fill = {"input_ids": pad_id, "labels": -100}
    return {key: torch.tensor([row[key] + [fill.get(key, 0)] * (width - len(row[key])) for row in rows],
                              dtype=torch.long, device=device)
            for key in rows[0]}


class HFTokenRecognizer:
    """Entities of a text from a transformers token-classification model: ``predict(text) -> [(start, end,
    label)]`` with character offsets (end exclusive), sorted and never overlapping.

    Build it with :meth:`from_pretrained` (a local folder), or pass a loaded ``model`` and ``tokenizer`` (as training
    does to score the dev set through the same decoding).
    """

    def __init__(self, config: HFNerConfig, *, model: Any = None, tokenizer: Any = None) -> None:
        self.config = config
        if model is None or tokenizer is None:
            folder = check_model_dir(config.model_dir)
            tokenizer = tokenizer if tokenizer is not None else load_fast_tokenizer(folder)
            model = model if model is not None else self._load_model(folder, config.device)
        _require_fast(tokenizer, config.model_dir)
        self.model = model
        self.tokenizer = tokenizer
        self.tags = _check_labels(model.config.id2label, config.model_dir)
        self.max_length = self._max_length(config.max_length)
        inner = self.max_length - tokenizer.num_special_tokens_to_add()
        if config.stride >= inner:
            raise ReportParseError(Errors.E018, name="stride", value=config.stride,
                                   hint=f"use less than the {inner} text tokens of a {self.max_length}-token window")

    @classmethod
    def from_pretrained(cls, model_dir: str | Path, **options: Any) -> "HFTokenRecognizer":
        """Load a local model folder; ``options`` are the other :class:`HFNerConfig` fields."""
        return cls(HFNerConfig(model_dir=model_dir, **options))

    @staticmethod
    def _load_model(folder: Path, device: str) -> Any:
        from transformers import AutoModelForTokenClassification

        try:
            model = AutoModelForTokenClassification.from_pretrained(str(folder), local_files_only=True)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise ReportParseError(Errors.E015, path=folder, detail=f"model: {first_line(exc)}") from exc
        return model.to(device).eval()

    def _max_length(self, wanted: int) -> int:
        limits = [wanted, getattr(self.tokenizer, "model_max_length", wanted) or wanted,
                  getattr(self.model.config, "max_position_embeddings", wanted) or wanted]
        return int(min(limit for limit in limits if limit > 0))

    # -- prediction -------------------------------------------------------------------------------------------
    def predict(self, text: str) -> list[EntitySpan]:
        """``[(start, end, label), …]`` for one text."""
        return self.predict_many([text])[0]

    def predict_many(self, texts: Sequence[str]) -> list[list[EntitySpan]]:
        """Entities for each text; windows of all texts share the forward batches."""
        texts = list(texts)
        results: list[list[EntitySpan]] = [[] for _ in texts]
        todo = [i for i, text in enumerate(texts) if text.strip()]
        if not todo:
            return results
        encoding = windows(self.tokenizer, [texts[i] for i in todo], self.max_length, self.config.stride)
        probs = self._probabilities(encoding)
        by_text: dict[int, list[int]] = {}
        for w, sample in enumerate(encoding["overflow_to_sample_mapping"]):
            by_text.setdefault(sample, []).append(w)
        for sample, window_ids in by_text.items():
            text = texts[todo[sample]]
            words = self._word_scores(encoding, window_ids, probs)
            results[todo[sample]] = self._decode(text, words)
        return results

    def _probabilities(self, encoding: Any) -> list[Any]:
        """Softmax tag probabilities per window (a ``(tokens, tags)`` numpy array each)."""
        import torch

        device = next(self.model.parameters()).device
        keys = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in encoding]
        pad_id = self.tokenizer.pad_token_id if self.tokenizer.pad_token_id is not None else 0
        out: list[Any] = []
        was_training = self.model.training
        self.model.eval()
        try:
            with torch.inference_mode():
                for first in range(0, len(encoding["input_ids"]), self.config.batch_size):
                    rows = [{k: list(encoding[k][i]) for k in keys}
                            for i in range(first, min(first + self.config.batch_size, len(encoding["input_ids"])))]
                    logits = self.model(**pad_batch(rows, pad_id, device)).logits.float()
                    probs = torch.softmax(logits, dim=-1).cpu().numpy()
                    out.extend(probs[j, : len(row["input_ids"])] for j, row in enumerate(rows))
        finally:
            self.model.train(was_training)
        return out

    def _word_scores(self, encoding: Any, window_ids: Sequence[int],
                     probs: Sequence[Any]) -> list[tuple[int, int, Any]]:
        """``(start, end, tag probabilities)`` per word, each word read in the window where it is most central."""
        spans: dict[Any, list[int]] = {}
        best: dict[Any, tuple[int, Any]] = {}
        for w in window_ids:
            offsets, special = encoding["offset_mapping"][w], encoding["special_tokens_mask"][w]
            word_ids = encoding.word_ids(w)
            content = [i for i in range(len(offsets)) if not special[i] and offsets[i][1] > offsets[i][0]]
            if not content:
                continue
            lo, hi = content[0], content[-1]
            groups: dict[Any, list[int]] = {}
            for i in content:
                key = word_ids[i] if word_ids[i] is not None else ("token", *offsets[i])
                groups.setdefault(key, []).append(i)
            for key, positions in groups.items():
                start = min(offsets[i][0] for i in positions)
                end = max(offsets[i][1] for i in positions)
                known = spans.setdefault(key, [start, end])
                known[0], known[1] = min(known[0], start), max(known[1], end)
                centrality = min(positions[0] - lo, hi - positions[-1])
                if key not in best or centrality > best[key][0]:
                    best[key] = (centrality, self._aggregate(probs[w][positions]))
        return sorted(((spans[key][0], spans[key][1], score) for key, (_, score) in best.items()),
                      key=lambda word: word[:2])

    def _aggregate(self, token_probs: Any) -> Any:
        if self.config.aggregation == "average":
            return token_probs.mean(axis=0)
        if self.config.aggregation == "max":
            return token_probs[token_probs.max(axis=1).argmax()]
        return token_probs[0]

    def _decode(self, text: str, words: Sequence[tuple[int, int, Any]]) -> list[EntitySpan]:
        """BIO over words to ``(start, end, label)``; a stray ``I-X`` opens an entity."""
        entities: list[EntitySpan] = []
        current: list[Any] | None = None  # [start, end, label]
        for start, end, probs in words:
            best = int(probs.argmax())
            tag = self.tags[best] if probs[best] >= self.config.min_score else "O"
            prefix, _, label = tag.partition("-")
            if prefix == "I" and current is not None and current[2] == label:
                current[1] = end
                continue
            if current is not None:
                entities.append(_trimmed(text, *current))
                current = None
            if prefix in ("B", "I"):
                current = [start, end, label]
        if current is not None:
            entities.append(_trimmed(text, *current))
        return [e for e in entities if e[0] < e[1]]

    # -- spaCy ------------------------------------------------------------------------------------------------
    def spans(self, doc: Doc, entities: Iterable[EntitySpan]) -> list[Any]:
        """The entities as spaCy spans expanded to token boundaries (duplicates after expansion dropped)."""
        out, seen = [], set()
        for start, end, label in entities:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and (span.start, span.end, label) not in seen:
                seen.add((span.start, span.end, label))
                out.append(span)
        return out


def _trimmed(text: str, start: int, end: int, label: str) -> EntitySpan:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end, label)


class HFNerComponent:
    """spaCy component: the recogniser's entities as the span group ``doc.spans["rp_ner"]`` (``doc.ents`` is left
    to the other components).  The pipeline config keeps ``model_dir``: the model folder is read again whenever
    the pipeline is loaded."""

    def __init__(self, nlp: Language, name: str, recognizer: HFTokenRecognizer, spans_key: str = SPANS_KEY) -> None:
        self.name = name
        self.recognizer = recognizer
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        return self._set(doc, self.recognizer.predict(doc.text))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterable[Doc]:
        batch: list[Doc] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, docs: list[Doc]) -> Iterable[Doc]:
        for doc, entities in zip(docs, self.recognizer.predict_many([doc.text for doc in docs])):
            yield self._set(doc, entities)

    def _set(self, doc: Doc, entities: list[EntitySpan]) -> Doc:
        doc.spans[self.spans_key] = self.recognizer.spans(doc, entities)
        return doc


_CONFIG_DEFAULTS = {f.name: f.default for f in fields(HFNerConfig) if f.name != "model_dir"}


@Language.factory(
    "reportparse_hf_ner",
    assigns=["doc.spans"],
    default_config={"model_dir": "", **_CONFIG_DEFAULTS, "spans_key": SPANS_KEY},
)
def make_hf_ner(nlp: Language, name: str, model_dir: str, max_length: int, stride: int, batch_size: int,
                device: str, aggregation: str, min_score: float, spans_key: str) -> HFNerComponent:
    """Entities from a local transformers token-classification model folder, as ``doc.spans["rp_ner"]``."""
    config = HFNerConfig(model_dir=model_dir, max_length=max_length, stride=stride, batch_size=batch_size,
                         device=device, aggregation=aggregation, min_score=min_score)
    return HFNerComponent(nlp, name, HFTokenRecognizer(config), spans_key=spans_key)
