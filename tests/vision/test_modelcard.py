import json
import shutil

from vision.evaluate import evaluate_run
from vision.modelcard import refresh_model_card


def test_each_evaluation_adds_its_dataset_to_the_model_card(tiny_run, fake_dataset, tmp_path):
    run, _ = tiny_run
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    assert "## Evaluations" not in (copy / "MODEL_CARD.md").read_text()
    report = evaluate_run(copy, fake_dataset)  # all of another dataset, as for another clinic
    evaluate_run(copy, split="test", tta=True)
    card = (copy / "MODEL_CARD.md").read_text()
    assert "## Evaluations" in card
    assert f"| {report['data']} | {report['n']} | no | {report['accuracy']:.3f} |" in card
    assert "`eval_test_tta.json`" in card
    assert "## Data" in card and "## Limits" in card  # the rest of the card is still there


def test_a_damaged_report_or_a_run_without_metrics_leaves_the_card(tiny_run, tmp_path):
    run, _ = tiny_run
    copy = tmp_path / "run"
    shutil.copytree(run, copy)
    (copy / "eval_broken.json").write_text("{not json")
    (copy / "eval_list.json").write_text(json.dumps([1, 2]))
    assert refresh_model_card(copy) is not None
    assert "eval_broken" not in (copy / "MODEL_CARD.md").read_text()
    (copy / "metrics.json").unlink()
    before = (copy / "MODEL_CARD.md").read_text()
    assert refresh_model_card(copy) is None
    assert (copy / "MODEL_CARD.md").read_text() == before
