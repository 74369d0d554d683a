"""The transformers NER backend end to end on a tiny random BERT built in tmp_path (no download): fine-tuning,
reloading, the spaCy component, sliding windows over long texts, coded errors and determinism."""

from __future__ import annotations

import json
import random
from types import SimpleNamespace

import pytest
import spacy

from reportparse import ReportParseError
from reportparse.ner.data import LABELS, NerExample
from reportparse.ner.hf import HFNerConfig, HFTokenRecognizer, bio_labels  # registers reportparse_hf_ner
from reportparse.ner.hf_train import build_tiny_model, encode_examples, entity_scores, train_transformers

ANALYTES = ["Emoglobina", "Glicemia", "Creatinina", "Ferritina", "Piastrine", "Colesterolo totale",
            "Hemoglobin", "Glucose", "Creatinine", "Ferritin", "Platelets", "Total cholesterol"]
VALUES = ["13,5", "98", "0,92", "45", "250.000", "187", "13.5", "101", "1.1", "320", "150", "212", "< 0,5"]
UNITS = ["g/dL", "mg/dL", "ng/mL", "/mmc", "mmol/L", "U/L"]
RANGES = ["12-16", "70-100", "0,6-1,2", "15-150", "150-450", "< 200"]

# (parts) with None for text between entities; one sentence per template
TEMPLATES = [
    lambda a, v, u, r, f: [(a, "ANALYTE"), (" ", None), (v, "VALUE"), (" ", None), (u, "UNIT"), (" (", None),
                           (r, "RANGE"), (")", None)],
    lambda a, v, u, r, f: [(a, "ANALYTE"), (": ", None), (v, "VALUE"), (" ", None), (u, "UNIT"), (" v.n. ", None),
                           (r, "RANGE"), (" ", None), (f, "FLAG")],
    lambda a, v, u, r, f: [(a, "ANALYTE"), (" ", None), (v, "VALUE"), (" ", None), (u, "UNIT"), (" ref ", None),
                           (r, "RANGE")],
    lambda a, v, u, r, f: [("Il valore di ", None), (a.lower(), "ANALYTE"), (" risulta ", None),
                           ("nella norma", "QUALIFIER"), (".", None)],
]


def _sentence(parts) -> NerExample:
    text, entities = "", []
    for chunk, label in parts:
        if label:
            entities.append((len(text), len(text) + len(chunk), label))
        text += chunk
    return NerExample(text=text, lang="it", entities=tuple(entities))


def _examples(n: int, seed: int) -> list[NerExample]:
    rng = random.Random(seed)
    return [_sentence(TEMPLATES[i % len(TEMPLATES)](rng.choice(ANALYTES), rng.choice(VALUES), rng.choice(UNITS),
                                                  rng.choice(RANGES), rng.choice(["H", "L", "*"])))
            for i in range(n)]


TRAIN = _examples(48, seed=1)
OPTIONS = dict(epochs=3, lr=1e-2, batch_size=4, max_length=64, seed=0, progress=False)


@pytest.fixture(scope="module", autouse=True)
def one_torch_thread():
    """A 32-wide model gains nothing from threads, and spinning threads crawl when the suite runs with -n 2."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    return build_tiny_model(tmp_path_factory.mktemp("tiny"), [ex.text for ex in TRAIN])


@pytest.fixture(scope="module")
def trained(tiny, tmp_path_factory):
    out = tmp_path_factory.mktemp("ner")
    return out, train_transformers(TRAIN, TRAIN[:16], tiny, out, **OPTIONS)


def test_training_writes_a_reloadable_model_with_per_label_metrics(trained):
    out, metrics = trained
    assert {"config.json", "tokenizer.json", "metrics.json"} <= {p.name for p in out.iterdir()}
    assert json.loads((out / "metrics.json").read_text()) == json.loads(json.dumps(metrics))
    assert len(metrics["history"]) == 3 and metrics["best_epoch"] in (1, 2, 3)
    assert set(metrics["dev"]["per_label"]) == set(LABELS)
    assert all(0.0 <= s["f1"] <= 1.0 for s in metrics["dev"]["per_label"].values())
    assert metrics["entities_off_word_boundaries"] == {"train": 0, "dev": 0}
    recognizer = HFTokenRecognizer.from_pretrained(out)
    assert recognizer.tags == bio_labels()
    # the texts it was trained on: the numbers are learnt, and so are most entities
    predicted = recognizer.predict_many([ex.text for ex in TRAIN])
    scores = entity_scores([ex.entities for ex in TRAIN], predicted)
    assert scores["per_label"]["VALUE"]["f1"] > 0.5 and scores["f1"] > 0.4, scores


def test_training_changes_the_predictions(tiny, trained):
    texts = [ex.text for ex in TRAIN[:8]]
    before = HFTokenRecognizer.from_pretrained(tiny).predict_many(texts)
    after = HFTokenRecognizer.from_pretrained(trained[0]).predict_many(texts)
    assert before != after


def test_same_seed_same_run(tiny, trained, tmp_path):
    _, first = trained
    again = train_transformers(TRAIN, TRAIN[:16], tiny, tmp_path / "again", **OPTIONS)
    assert again["first_step_loss"] == first["first_step_loss"]
    assert again["history"] == first["history"]
    other = train_transformers(TRAIN, [], tiny, tmp_path / "other", **{**OPTIONS, "seed": 1, "epochs": 1})
    assert other["first_step_loss"] != first["first_step_loss"] and other["dev"] is None


def test_spacy_component_sets_a_span_group(trained):
    nlp = spacy.blank("it")
    nlp.add_pipe("reportparse_hf_ner", config={"model_dir": str(trained[0]), "max_length": 64, "stride": 16})
    text = "Emoglobina 13,5 g/dL (12-16)\nGlicemia: 101 mg/dL v.n. 70-100 H"
    doc = nlp(text)
    spans = list(doc.spans["rp_ner"])
    assert spans and doc.ents == ()
    assert {span.label_ for span in spans} <= set(LABELS)
    assert "VALUE" in {span.label_ for span in spans}
    starts, ends = {t.idx for t in doc}, {t.idx + len(t) for t in doc}
    assert all(span.start_char in starts and span.end_char in ends for span in spans)
    piped = list(nlp.pipe([text, "Ferritina 45 ng/mL"]))  # batched windows give the same spans
    assert [(s.start, s.end, s.label_) for s in piped[0].spans["rp_ner"]] == [(s.start, s.end, s.label_) for s in spans]
    alone = nlp("Ferritina 45 ng/mL")
    assert [(s.text, s.label_) for s in piped[1].spans["rp_ner"]] == [(s.text, s.label_) for s in alone.spans["rp_ner"]]


def test_long_text_goes_through_sliding_windows(trained):
    recognizer = HFTokenRecognizer.from_pretrained(trained[0], max_length=32, stride=8, batch_size=4)
    text = "\n".join(ex.text for ex in TRAIN)
    assert len(recognizer.tokenizer(text)["input_ids"]) > 10 * recognizer.max_length
    entities = recognizer.predict(text)
    assert entities == sorted(entities)
    assert all(0 <= s < e <= len(text) and label in LABELS and text[s:e] == text[s:e].strip()
               for s, e, label in entities)
    assert all(a[1] <= b[0] for a, b in zip(entities, entities[1:]))
    assert max(e for _, e, _ in entities) > 0.9 * len(text)  # the last window is read too
    values = {text[s:e] for s, e, label in entities if label == "VALUE"}
    assert len(values & set(VALUES)) >= 3


class _DigitsModel:
    """A stand-in token classifier that tags every token made of digits B-VALUE wherever it sits: its windowed
    reading must equal the one-window reading exactly."""

    def __init__(self, tokenizer):
        import torch

        tags = bio_labels()
        self.config = SimpleNamespace(id2label=dict(enumerate(tags)), max_position_embeddings=512)
        self.table = torch.zeros(len(tokenizer), len(tags))
        self.table[:, tags.index("O")] = 5.0
        for token, i in tokenizer.get_vocab().items():
            if token.lstrip("#").isdigit():
                self.table[i] = torch.nn.functional.one_hot(torch.tensor(tags.index("B-VALUE")), len(tags)) * 5.0
        self.training = False

    def parameters(self):
        return iter([self.table])

    def eval(self):
        return self

    def train(self, mode=True):
        return self

    def __call__(self, input_ids, **_):
        return SimpleNamespace(logits=self.table[input_ids])


@pytest.mark.parametrize("max_length, stride", [(12, 3), (12, 0), (9, 6)])
def test_window_seams_neither_lose_nor_repeat_words(tiny, max_length, stride):
    import re

    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny), local_files_only=True)
    text = "\n".join(ex.text for ex in TRAIN[:20])
    expected = [(m.start(), m.end(), "VALUE") for m in re.finditer(r"\d+", text)]
    config = HFNerConfig(model_dir=tiny, max_length=max_length, stride=stride, batch_size=3)
    recognizer = HFTokenRecognizer(config, model=_DigitsModel(tokenizer), tokenizer=tokenizer)
    assert recognizer.predict(text) == expected
    assert recognizer.predict_many(["", text, "nessun numero"]) == [[], expected, []]


def test_missing_or_wrong_model_folder_is_a_coded_error(tmp_path):
    with pytest.raises(ReportParseError) as info:
        HFTokenRecognizer.from_pretrained(tmp_path / "nope")
    assert info.value.code == "E015" and "local-dir" in str(info.value)
    with pytest.raises(ReportParseError) as info:
        spacy.blank("it").add_pipe("reportparse_hf_ner", config={"model_dir": str(tmp_path)})
    assert info.value.code == "E015" and "config.json" in str(info.value)
    (tmp_path / "config.json").write_text(json.dumps({"model_type": "bert"}))
    with pytest.raises(ReportParseError) as info:
        HFTokenRecognizer.from_pretrained(tmp_path)
    assert info.value.code == "E015" and "tokenizer" in str(info.value)


def test_unknown_labels_slow_tokenizers_and_bad_settings_are_coded_errors(tmp_path, tiny):
    other = build_tiny_model(tmp_path / "other", ["Emoglobina 13,5"], labels=("DRUG",))
    with pytest.raises(ReportParseError) as info:
        HFTokenRecognizer.from_pretrained(other)
    assert info.value.code == "E017" and "B-DRUG" in str(info.value)
    # fine-tuning gives such a model a new head with the reportparse tags
    train_transformers(TRAIN[:8], [], other, tmp_path / "retagged", **{**OPTIONS, "epochs": 1})
    assert HFTokenRecognizer.from_pretrained(tmp_path / "retagged").tags == bio_labels()
    model = HFTokenRecognizer.from_pretrained(tiny).model
    with pytest.raises(ReportParseError) as info:
        HFTokenRecognizer(HFNerConfig(model_dir=tiny), model=model, tokenizer=SimpleNamespace(is_fast=False))
    assert info.value.code == "E016"
    for bad in ({"stride": 300}, {"aggregation": "mean"}, {"batch_size": 0}):
        with pytest.raises(ReportParseError) as info:
            HFNerConfig(model_dir=tiny, **bad)
        assert info.value.code == "E018"
    with pytest.raises(ReportParseError) as info:
        train_transformers([], [], tiny, tmp_path / "x", progress=False)
    assert info.value.code == "E019"


def test_character_entities_become_bio_token_tags(tiny):
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(tiny), local_files_only=True)
    tags = bio_labels()
    example = _sentence([("Colesterolo totale", "ANALYTE"), (" ", None), ("13,5", "VALUE"), (" ", None),
                         ("g/dL", "UNIT")])
    (feature,), off = encode_examples(tokenizer, [example], {t: i for i, t in enumerate(tags)}, 64, 16)
    got = [(tok, tags[t] if t >= 0 else None)
           for tok, t in zip(tokenizer.convert_ids_to_tokens(feature["input_ids"]), feature["labels"])]
    assert got[0][1] is None and got[-1][1] is None and off == 0
    assert [t for _, t in got[1:-1]] == ["B-ANALYTE", "I-ANALYTE", "B-VALUE", "I-VALUE", "I-VALUE",
                                         "B-UNIT", "I-UNIT", "I-UNIT"], got


def test_entity_scores():
    gold = [[(0, 2, "ANALYTE"), (3, 7, "VALUE")], [(0, 4, "VALUE")]]
    predicted = [[(0, 2, "ANALYTE"), (3, 6, "VALUE")], [(0, 4, "VALUE"), (5, 6, "FLAG")]]
    scores = entity_scores(gold, predicted)
    assert (scores["correct"], scores["gold"], scores["predicted"]) == (2, 3, 4)
    assert scores["per_label"]["VALUE"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "predicted": 2,
                                            "correct": 1}
    assert scores["per_label"]["FLAG"]["precision"] == 0.0 and scores["per_label"]["ANALYTE"]["f1"] == 1.0
