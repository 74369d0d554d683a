import json

import numpy as np
import pytest

from vision.decision import DecisionRule, balanced_accuracy, fit_decision_rule
from vision.errors import VisionError


def _leaning_probs(n=600, seed=0, lean=1.2):
    """Three separable-ish classes whose probabilities lean towards class 0 (as a majority class pulls them)."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 3, n)
    logits = rng.normal(0, 1, (n, 3))
    logits[np.arange(n), labels] += 2.0
    logits[:, 0] += lean
    p = np.exp(logits)
    return p / p.sum(1, keepdims=True), labels


def test_the_rule_recovers_balanced_accuracy_lost_to_a_lean():
    probs, labels = _leaning_probs()
    rule = fit_decision_rule(probs, labels)
    plain = balanced_accuracy(probs.argmax(1), labels, 3)
    assert rule.offsets[0] == 0.0
    assert rule.offsets[1] > 0.5 and rule.offsets[2] > 0.5  # it undoes the lean towards class 0
    assert rule.scores["before"] == pytest.approx(plain)
    assert rule.scores["after"] > plain + 0.05
    fresh, fresh_labels = _leaning_probs(seed=1)  # and the gain holds on data it was not fitted on
    assert balanced_accuracy(rule.predict(fresh), fresh_labels, 3) > balanced_accuracy(fresh.argmax(1), fresh_labels,
                                                                                       3) + 0.03


def test_a_rule_that_cannot_help_stays_the_argmax():
    probs, labels = _leaning_probs(lean=0.0)
    perfect = np.eye(3)[labels] * 0.9 + 0.1 / 3
    rule = fit_decision_rule(perfect, labels)
    assert rule.offsets == (0.0, 0.0, 0.0)
    assert (rule.predict(perfect) == perfect.argmax(1)).all()


def test_probabilities_of_zero_do_not_break_the_rule():
    probs = np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]])
    rule = fit_decision_rule(probs, np.array([0, 1, 2]))
    assert list(rule.predict(probs)) == [0, 1, 2]


def test_rule_round_trips_and_refuses_altered_entries():
    rule = DecisionRule((0.0, 0.3, -0.2), scores={"before": 0.7, "after": 0.75})
    again = DecisionRule.from_dict(json.loads(json.dumps(rule.to_dict())), 3)
    assert again == rule
    assert DecisionRule.from_dict(None, 3).offsets == (0.0, 0.0, 0.0)  # runs saved before rules
    for bad in ({"offsets": [0.0, 0.1]}, {"offsets": [0, "x", 1]}, {"offsets": [0.0, float("nan"), 0.0]},
                "offsets", {"offsets": [True, 0, 0]}):
        with pytest.raises(VisionError) as err:
            DecisionRule.from_dict(bad, 3)
        assert err.value.code == "V061"
    with pytest.raises(VisionError) as err:
        rule.predict(np.ones((2, 4)) / 4)
    assert err.value.code == "V061"


def test_training_fits_the_rule_on_validation_and_predict_uses_it(tiny_run, fake_dataset, tmp_path):
    import csv
    import shutil

    from vision.cli import main
    from vision.inference import load_run

    run, metrics = tiny_run
    config = json.loads((run / "config.json").read_text())
    rule = DecisionRule.from_dict(config["decision"], 3)
    assert config["decision"]["fitted_on"] == "val"
    assert metrics["test"]["decision_rule"]["offsets"] == list(rule.offsets)
    assert metrics["val"]["decision_rule"]["balanced_accuracy"] == pytest.approx(rule.scores["after"])
    assert "decision rule fitted on validation" in (run / "MODEL_CARD.md").read_text()

    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    forced = dict(config, decision={"offsets": [0.0, 50.0, 0.0], "fitted_on": "val"})  # always the second class
    (copy / "config.json").write_text(json.dumps(forced))
    out = tmp_path / "p.csv"
    assert main(["predict", str(copy), str(fake_dataset.root / "images"), "-o", str(out)]) == 0
    assert {row["predicted"] for row in csv.DictReader(out.open())} == {"pigmented benign keratosis"}

    del forced["decision"]  # a run from before rules: fit-rule writes one, from the validation split
    (copy / "config.json").write_text(json.dumps(forced))
    assert load_run(copy).decision_rule.offsets == (0.0, 0.0, 0.0)
    assert main(["fit-rule", str(copy), "-q"]) == 0
    assert json.loads((copy / "config.json").read_text())["decision"]["fitted_on"] == "val"
    assert main(["evaluate", str(copy)]) == 0


def test_an_altered_rule_is_refused_when_the_run_loads(tiny_run, tmp_path):
    import shutil

    from vision.checkpoint import CheckpointError, load_model

    run, _ = tiny_run
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    config = json.loads((copy / "config.json").read_text())
    (copy / "config.json").write_text(json.dumps(dict(config, decision={"offsets": [0.0]})))
    with pytest.raises((VisionError, CheckpointError)) as err:
        load_model(copy)
    assert err.value.code == "V061"
