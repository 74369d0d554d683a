"""Fine-tune a transformers token-classification model on the shared NER format (``reportparse train-ner --backend
transformers --base-model DIR``), and build a tiny random model to smoke-test without a download.

Training is a plain torch loop (AdamW, linear warm-up then decay, gradient clipping), not ``transformers.Trainer``:
fewer dependencies and every step in sight.  Character entities become token tags through the tokenizer's offsets
(the first token of an entity ``B-X``, the following ones ``I-X``, special tokens -100); the dev set is scored after
each epoch by running :class:`~reportparse.ner.hf.HFTokenRecognizer` on its texts (the same windows and decoding as
at run time) and matching character spans exactly.  The best epoch (dev micro F1) is saved with ``save_pretrained``
beside ``metrics.json``.  The same seed gives the same run on the same machine.

How to smoke-test without a download::

    from reportparse.ner.hf_train import build_tiny_model, train_transformers
    build_tiny_model("models/tiny", [ex.text for ex in train])      # random 2-layer BERT + WordPiece vocab
    train_transformers(train, dev, "models/tiny", "models/tiny-ner", epochs=3, lr=3e-3)
"""

from __future__ import annotations

import bisect
import json
import math
import random
import string
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Sequence

from ..errors import Errors, ReportParseError
from .data import LABELS, NerExample, entity_scores
from .hf import (HFNerConfig, HFTokenRecognizer, first_line, bio_labels, check_model_dir, load_fast_tokenizer,
                 pad_batch, windows)

__all__ = ["train_transformers", "build_tiny_model", "entity_scores", "encode_examples"]


def encode_examples(tokenizer: Any, examples: Sequence[NerExample], label2id: dict[str, int], max_length: int,
                    stride: int) -> tuple[list[dict[str, list[int]]], int]:
    """Token windows with tag ids (``labels``) for training, and how many gold entities do not start and end on
    the tokenizer's word boundaries (the decoder snaps to words, so those can never match exactly)."""
    encoding = windows(tokenizer, [example.text for example in examples], max_length, stride)
    keys = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in encoding]
    features, bounds = [], [(set(), set()) for _ in examples]
    for w, sample in enumerate(encoding["overflow_to_sample_mapping"]):
        entities = sorted(examples[sample].entities)
        starts = [entity[0] for entity in entities]
        offsets, special = encoding["offset_mapping"][w], encoding["special_tokens_mask"][w]
        word_ids = encoding.word_ids(w)
        words: dict[Any, list[int]] = {}
        tags = []
        for i, ((start, end), is_special) in enumerate(zip(offsets, special)):
            if is_special or end <= start:
                tags.append(-100)
                continue
            span = words.setdefault(word_ids[i] if word_ids[i] is not None else ("token", start), [start, end])
            span[0], span[1] = min(span[0], start), max(span[1], end)
            k = bisect.bisect_right(starts, start) - 1
            entity = (entities[k] if k >= 0 and entities[k][1] > start else
                      entities[k + 1] if k + 1 < len(entities) and entities[k + 1][0] < end else None)
            tags.append(label2id["O"] if entity is None else
                        label2id[("B-" if start <= entity[0] else "I-") + entity[2]])
        for start, end in words.values():
            bounds[sample][0].add(start)
            bounds[sample][1].add(end)
        if any(tag != -100 for tag in tags):
            features.append({**{k: list(encoding[k][w]) for k in keys}, "labels": tags})
    off = sum(1 for example, (word_starts, word_ends) in zip(examples, bounds) for start, end, _ in example.entities
              if start not in word_starts or end not in word_ends)
    return features, off


def _seed_everything(seed: int) -> None:
    import numpy as np
    import torch

    random.seed(seed)
    np.random.seed(seed % 2**32)
    torch.manual_seed(seed)


def _load_base(base: Path, tags: list[str]) -> tuple[Any, list[str]]:
    """The base model with a token-classification head for ``tags``; a head already trained on the same tag set
    (in any order) is kept with its own order."""
    from transformers import AutoConfig, AutoModelForTokenClassification

    try:
        config = AutoConfig.from_pretrained(str(base), local_files_only=True)
        by_id = {int(k): str(v) for k, v in (config.id2label or {}).items()}
        existing = [by_id[i] for i in sorted(by_id)]
        if sorted(existing) == sorted(tags):
            return AutoModelForTokenClassification.from_pretrained(str(base), local_files_only=True), existing
        model = AutoModelForTokenClassification.from_pretrained(
            str(base), local_files_only=True, num_labels=len(tags), id2label=dict(enumerate(tags)),
            label2id={tag: i for i, tag in enumerate(tags)}, ignore_mismatched_sizes=True)
    except (OSError, ValueError, TypeError, KeyError) as exc:
        raise ReportParseError(Errors.E015, path=base, detail=f"model: {first_line(exc)}") from exc
    return model, tags


def train_transformers(train: list[NerExample], dev: list[NerExample], base_model: str | Path, out: str | Path, *,
                       epochs: int = 3, lr: float = 5e-5, batch_size: int = 8, max_length: int = 256, seed: int = 0,
                       progress: bool = True, stride: int | None = None, warmup_ratio: float = 0.1,
                       weight_decay: float = 0.01, device: str | None = None) -> dict[str, Any]:
    """Fine-tune the local model folder ``base_model`` on ``train``, keep the epoch with the best dev micro F1
    (the last one when ``dev`` is empty), save it with its tokenizer to ``out`` and return the metrics (also
    written to ``out/metrics.json``): per-epoch mean loss and dev scores (:func:`entity_scores`), ``best_epoch``,
    ``dev`` (the scores of the saved model) and ``first_step_loss``.

    ``stride`` (tokens shared by consecutive windows of a long text) defaults to ``max_length // 4``; ``device``
    to CUDA when available, else the CPU.
    """
    import torch
    from tqdm.auto import tqdm

    for name, value, ok, hint in (("epochs", epochs, epochs >= 1, "train at least 1 epoch"),
                                  ("lr", lr, lr > 0, "use a positive learning rate"),
                                  ("batch_size", batch_size, batch_size >= 1, "use at least 1"),
                                  ("warmup_ratio", warmup_ratio, 0 <= warmup_ratio < 1, "use 0 <= ratio < 1")):
        if not ok:
            raise ReportParseError(Errors.E018, name=name, value=value, hint=hint)
    train = [example for example in train if example.text.strip()]
    dev = [example for example in dev if example.text.strip()]
    if not train:
        raise ReportParseError(Errors.E019, what="training")
    base, out = check_model_dir(base_model), Path(out)
    device = device or ("cuda" if torch.cuda.is_available() else "cpu")
    stride = max_length // 4 if stride is None else stride
    eval_config = HFNerConfig(model_dir=str(out), max_length=max_length, stride=stride,
                              batch_size=max(batch_size, 8), device=device)

    _seed_everything(seed)
    tokenizer = load_fast_tokenizer(base)
    model, tags = _load_base(base, bio_labels())
    model.to(device)
    label2id = {tag: i for i, tag in enumerate(tags)}
    recognizer = HFTokenRecognizer(eval_config, model=model, tokenizer=tokenizer)  # checks window sizes early
    features, train_off = encode_examples(tokenizer, train, label2id, recognizer.max_length, stride)
    _, dev_off = encode_examples(tokenizer, dev, label2id, recognizer.max_length, stride) if dev else ([], 0)
    if not features:
        raise ReportParseError(Errors.E019, what="tokenisable training")

    decay = [p for n, p in model.named_parameters() if p.requires_grad and not _no_decay(n)]
    no_decay = [p for n, p in model.named_parameters() if p.requires_grad and _no_decay(n)]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": weight_decay},
                                   {"params": no_decay, "weight_decay": 0.0}], lr=lr)
    steps_per_epoch = math.ceil(len(features) / batch_size)
    total = epochs * steps_per_epoch
    warmup = int(warmup_ratio * total)

    def schedule(step: int) -> float:  # linear warm-up to lr, then linear decay to 0
        if step < warmup:
            return (step + 1) / (warmup + 1)
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, schedule)
    pad_id = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else 0
    order = torch.Generator().manual_seed(seed)

    metrics: dict[str, Any] = {
        "backend": "transformers", "base_model": str(base), "labels": list(LABELS), "tags": tags, "seed": seed,
        "epochs": epochs, "lr": lr, "batch_size": batch_size, "max_length": recognizer.max_length, "stride": stride,
        "device": str(device), "train_examples": len(train), "train_windows": len(features),
        "dev_examples": len(dev), "entities_off_word_boundaries": {"train": train_off, "dev": dev_off},
        "first_step_loss": None, "history": [], "best_epoch": None, "dev": None,
    }
    best_f1 = -1.0
    bar = tqdm(total=total, desc="train-ner", unit="batch", disable=not progress)
    try:
        for epoch in range(1, epochs + 1):
            model.train()
            losses = []
            permutation = torch.randperm(len(features), generator=order).tolist()
            for first in range(0, len(permutation), batch_size):
                rows = [features[i] for i in permutation[first:first + batch_size]]
                loss = model(**pad_batch(rows, pad_id, device)).loss
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
                optimizer.step()
                scheduler.step()
                losses.append(float(loss.detach().cpu()))
                if metrics["first_step_loss"] is None:
                    metrics["first_step_loss"] = losses[0]
                bar.update(1)
                bar.set_postfix(epoch=epoch, loss=f"{losses[-1]:.4f}")
            scores = None
            if dev:
                predicted = recognizer.predict_many([example.text for example in dev])
                scores = entity_scores([example.entities for example in dev], predicted)
            metrics["history"].append({"epoch": epoch, "loss": sum(losses) / len(losses), "dev": scores})
            f1 = scores["f1"] if scores is not None else float(epoch)
            if f1 > best_f1:
                best_f1, metrics["best_epoch"], metrics["dev"] = f1, epoch, scores
                out.mkdir(parents=True, exist_ok=True)
                model.save_pretrained(str(out))
                tokenizer.save_pretrained(str(out))
    finally:
        bar.close()
    (out / "metrics.json").write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return metrics


def _no_decay(name: str) -> bool:
    return name.endswith("bias") or "LayerNorm" in name or "layer_norm" in name or ".norm" in name


def build_tiny_model(out_dir: str | Path, vocab_texts: Iterable[str], labels: Sequence[str] = LABELS, *,
                     vocab_size: int = 1000, hidden_size: int = 32, layers: int = 2, heads: int = 2,
                     lowercase: bool = True, seed: int = 0) -> Path:
    """A tiny random BERT token classifier (tags :func:`~reportparse.ner.hf.bio_labels` of ``labels``) with a
    WordPiece vocabulary made from ``vocab_texts`` (the ``tokenizers`` library's BERT normaliser and pre-tokeniser,
    wrapped as ``BertTokenizerFast``), saved to ``out_dir`` like any downloaded model folder.  The same texts and
    seed give the same files.

    It is how to smoke-test the transformers backend without a download: build it from the training texts,
    fine-tune it with :func:`train_transformers`, load the result with ``reportparse_hf_ner``.
    """
    import torch
    from tokenizers import Tokenizer, decoders, models, normalizers, pre_tokenizers, processors
    from transformers import BertConfig, BertForTokenClassification, BertTokenizerFast

    out = Path(out_dir)
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    normalizer = normalizers.BertNormalizer(lowercase=lowercase, strip_accents=False)
    pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    # The vocabulary is counted here rather than by tokenizers' WordPieceTrainer, whose ties (and so the vocabulary
    # and the model built on it) change from run to run: every character alone and as a continuation (digits and
    # ASCII punctuation always), then whole words by frequency.
    counts: Counter[str] = Counter()
    for text in vocab_texts:
        counts.update(word for word, _ in pre_tokenizer.pre_tokenize_str(normalizer.normalize_str(text)))
    chars = sorted({c for word in counts for c in word} | set(string.digits + string.punctuation))
    vocab = [*special, *chars, *(f"##{c}" for c in chars)]
    vocab += [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0])) if len(w) > 1]
    vocab = vocab[:max(vocab_size, 5 + 2 * len(chars))]
    backend = Tokenizer(models.WordPiece({token: i for i, token in enumerate(vocab)}, unk_token="[UNK]",
                                         continuing_subword_prefix="##"))
    backend.normalizer = normalizer
    backend.pre_tokenizer = pre_tokenizer
    cls_id, sep_id = backend.token_to_id("[CLS]"), backend.token_to_id("[SEP]")
    backend.post_processor = processors.TemplateProcessing(
        single="[CLS] $A [SEP]", pair="[CLS] $A [SEP] $B:1 [SEP]:1",
        special_tokens=[("[CLS]", cls_id), ("[SEP]", sep_id)])
    backend.decoder = decoders.WordPiece()
    tokenizer = BertTokenizerFast(tokenizer_object=backend, unk_token="[UNK]", sep_token="[SEP]",
                                  pad_token="[PAD]", cls_token="[CLS]", mask_token="[MASK]",
                                  do_lower_case=lowercase, strip_accents=False, model_max_length=512)

    tags = bio_labels(labels)
    config = BertConfig(vocab_size=backend.get_vocab_size(), hidden_size=hidden_size, num_hidden_layers=layers,
                        num_attention_heads=heads, intermediate_size=hidden_size * 2, max_position_embeddings=512,
                        pad_token_id=backend.token_to_id("[PAD]"), num_labels=len(tags),
                        id2label=dict(enumerate(tags)), label2id={tag: i for i, tag in enumerate(tags)})
    torch.manual_seed(seed)
    model = BertForTokenClassification(config)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(out))
    tokenizer.save_pretrained(str(out))
    return out
