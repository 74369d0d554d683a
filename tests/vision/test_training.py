import json

import numpy as np
import pytest

from vision import load_run
from vision.checkpoint import CheckpointError, load_model, save_model
from vision.train import TrainConfig, train


def test_two_epoch_run_writes_everything(tiny_run):
    run, metrics = tiny_run
    for name in ("model.safetensors", "config.json", "metrics.json", "curves.png", "confusion_matrix.png",
                 "MODEL_CARD.md", "split.csv", "last_state.pt"):
        assert (run / name).exists(), name
    assert metrics["epochs_run"] == 2 and len(metrics["history"]) == 2
    for key in ("accuracy", "balanced_accuracy", "melanoma_auc", "melanoma_sensitivity_at_90_specificity", "ece"):
        assert key in metrics["test"]
    config = json.loads((run / "config.json").read_text())
    assert config["classes"] == ["nevus", "pigmented benign keratosis", "melanoma"]
    assert config["split"]["grouped_by"] == "lesion_id + patient_id" and config["pretrained"] is False


def test_split_is_lesion_grouped(tiny_run):
    run, _ = tiny_run
    rows = [line.split(",") for line in (run / "split.csv").read_text().splitlines()[1:]]
    part_of_group = {}
    for *_, group, part in rows:
        assert part_of_group.setdefault(group, part) == part


def test_resume_continues_where_it_stopped(fake_dataset, tmp_path):
    config = TrainConfig(model="cnd_tiny", epochs=2, batch_size=8, input_size=(32, 32), tta=False)
    train(config, fake_dataset, tmp_path / "r", progress=False)
    config.epochs = 3
    metrics = train(config, fake_dataset, tmp_path / "r", resume=True, progress=False)
    assert [h["epoch"] for h in metrics["history"]] == [1, 2, 3]


def test_deterministic_by_seed(fake_dataset, tmp_path):
    config = TrainConfig(model="cnd_tiny", epochs=1, batch_size=8, input_size=(32, 32), tta=False)
    a = train(config, fake_dataset, tmp_path / "a", progress=False)
    b = train(config, fake_dataset, tmp_path / "b", progress=False)
    assert a["history"][0]["train_loss"] == b["history"][0]["train_loss"]


def test_checkpoint_round_trip_and_rejection(tiny_run, tmp_path):
    run, _ = tiny_run
    model, config = load_model(run)
    with pytest.raises(CheckpointError, match="V011"):
        load_model(run, expected_classes=["a", "b", "c"])
    bad = dict(config, model_kwargs={"channels": (8, 16), "convs_per_block": 1, "hidden": 8})
    save_model(model, tmp_path / "bad", config)
    (tmp_path / "bad" / "config.json").write_text(json.dumps(bad))
    with pytest.raises(CheckpointError, match="V012"):
        load_model(tmp_path / "bad")
    with pytest.raises(CheckpointError, match="V010"):
        load_model(tmp_path)


def test_predict_skips_broken_images(tiny_run, fake_dataset, tmp_path):
    run, _ = tiny_run
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"\xff\xd8\xff not really a jpeg")
    paths = [fake_dataset[0].image, broken, fake_dataset[1].image]
    probs, errors = load_run(run).predict_proba(paths, tta=True)
    assert np.isnan(probs[1]).all() and not np.isnan(probs[[0, 2]]).any()
    assert list(errors) == [str(broken)] and "V020" in errors[str(broken)]
    assert np.allclose(probs[[0, 2]].sum(1), 1, atol=1e-5)
    embeddings, _ = load_run(run).embed(paths)
    assert embeddings.shape == (3, 8)


def test_cli_predict_and_evaluate(tiny_run, fake_dataset, tmp_path, capsys):
    from vision.cli import main

    run, _ = tiny_run
    out = tmp_path / "p.csv"
    assert main(["predict", str(run), str(fake_dataset.root / "images"), "-o", str(out)]) == 0
    assert out.read_text().count("\n") == len(fake_dataset) + 1
    assert main(["evaluate", str(run), "--tta"]) == 0
    assert "balanced_accuracy" in capsys.readouterr().out


def test_export_parity(tiny_run):
    pytest.importorskip("onnxruntime")
    from vision.export import export_run

    run, _ = tiny_run
    result = export_run(run)
    assert result["onnx"]["ok"] and result["torchscript"]["ok"]
    assert result["onnx"]["max_abs_diff"] < 1e-4


def test_inception_trains_end_to_end(fake_dataset, tmp_path):
    metrics = train(TrainConfig(model="cnd_inception_v3_tiny", epochs=1, batch_size=8, max_batches=2, tta=False,
                                train_layers="last"), fake_dataset, tmp_path / "inc", progress=False)
    assert metrics["epochs_run"] == 1 and 0 <= metrics["test"]["accuracy"] <= 1


def test_ddp_with_torchrun_on_cpu(tmp_path):
    """Two gloo processes: the DistributedSampler / DDP path trains and rank 0 writes the run."""
    import subprocess
    import sys

    from corpora.images.fake import write_fake_dataset

    data = write_fake_dataset(tmp_path / "d", "ham10000", per_class=8, size=(40, 32))
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node=2", "-m", "vision", "train",
           "--data", str(data), "--model", "cnd_tiny", "--input-size", "32", "32", "--epochs", "1", "--batch-size", "4",
           "--out", str(tmp_path / "run"), "-q", "--no-tta"]
    subprocess.run(cmd, check=True, capture_output=True, timeout=300)
    assert json.loads((tmp_path / "run" / "config.json").read_text())["world_size"] == 2


def test_one_cycle_schedule_shape():
    from vision.train import one_cycle_lr

    assert one_cycle_lr(0.0, 1.0) == pytest.approx(1 / 25)
    assert one_cycle_lr(0.15, 1.0) == pytest.approx(1.0)
    assert one_cycle_lr(1.0, 1.0) == pytest.approx(1 / 25 / 1e4)
    values = [one_cycle_lr(p / 100, 1.0) for p in range(15, 101)]
    assert all(a >= b for a, b in zip(values, values[1:]))


def test_device_batches_ema_and_time_budget(fake_dataset, tmp_path):
    """The GPU path (batches augmented on the device) runs on CPU too; a time budget ends training early on a
    cooled-down learning rate; the EMA weights are what is saved."""
    config = TrainConfig(model="cnd_tiny", epochs=100_000, batch_size=8, input_size=(32, 32), tta=False,
                         augment_on="device", ema=0.9, time_budget=0.05, patience=1000)
    metrics = train(config, fake_dataset, tmp_path / "dev", progress=False)
    assert 1 <= metrics["epochs_run"] < 100_000
    assert metrics["history"][-1]["trained_s"] >= 3 * 0.99
    # The last step ran late in the schedule (how late depends on the step time of a loaded machine).
    assert metrics["history"][-1]["lr"] < config.lr / 3
    assert json.loads((tmp_path / "dev" / "config.json").read_text())["augment_on"] == "device"
    load_model(tmp_path / "dev")


def test_device_batches_are_deterministic_and_balanced_sampler_works(fake_dataset, tmp_path):
    config = TrainConfig(model="cnd_tiny", epochs=1, batch_size=8, input_size=(32, 32), tta=False,
                         augment_on="device", balance="sampler")
    a = train(config, fake_dataset, tmp_path / "a", progress=False)
    b = train(config, fake_dataset, tmp_path / "b", progress=False)
    assert a["history"][0]["train_loss"] == b["history"][0]["train_loss"]


def test_cli_model_kwargs_and_ensemble(fake_dataset, tmp_path, capsys):
    from vision.cli import main

    common = ["--data", str(fake_dataset.root), "--input-size", "32", "32", "--epochs", "1", "--batch-size", "8",
              "-q", "--no-tta"]
    assert main(["train", "--model", "cnd_tiny", "--out", str(tmp_path / "a"), *common]) == 0
    assert main(["train", "--model", "cnd_tiny", "--model-kwargs", "channels=(4,8,8)", "hidden=6",
                 "--out", str(tmp_path / "b"), *common]) == 0
    config = json.loads((tmp_path / "b" / "config.json").read_text())
    assert config["model_kwargs"] == {"channels": [4, 8, 8], "hidden": 6}
    capsys.readouterr()
    assert main(["evaluate", str(tmp_path / "a"), str(tmp_path / "b")]) == 2
    assert main(["evaluate", str(tmp_path / "a"), str(tmp_path / "b"), "--out", str(tmp_path / "ens")]) == 0
    report = json.loads((tmp_path / "ens" / "ensemble_test.json").read_text())
    assert len(report["runs"]) == 2 and 0 <= report["balanced_accuracy"] <= 1
    assert (tmp_path / "ens" / "ensemble_test_confusion.png").exists()


def test_evaluate_a_split_part_found_by_id_in_another_copy(tiny_run, fake_dataset, tmp_path):
    """A run trained elsewhere: its split.csv paths do not exist here, its test images are found by id."""
    import shutil

    from vision.checkpoint import read_split, write_split
    from vision.evaluate import evaluate_run

    run, _ = tiny_run
    test_ids = {row["image_id"] for row in read_split(run, "test")}
    report = evaluate_run(run, fake_dataset, split="test")
    assert report["n"] == len(test_ids) and report["data"].endswith("_test")
    assert evaluate_run(run, fake_dataset)["n"] == len(fake_dataset)
    elsewhere = tmp_path / "elsewhere"
    shutil.copytree(run, elsewhere)
    write_split(elsewhere, [(f"other_{row['image_id']}", row["image"], row["label"], row["group"], row["split"])
                            for row in read_split(run)])
    with pytest.raises(CheckpointError, match="V016"):
        evaluate_run(elsewhere, fake_dataset, split="test")


def test_cli_reports_coded_errors_without_a_traceback(tmp_path, capsys):
    from corpora.images.fake import write_fake_dataset
    from vision.cli import main

    data = write_fake_dataset(tmp_path / "small", "ham10000", per_class=4, size=(40, 32))
    assert main(["train", "--data", str(data), "--model", "cnd_tiny", "--out", str(tmp_path / "r"), "-q"]) == 2
    assert "[S001]" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path / "nothing")]) == 2
    assert "[V010]" in capsys.readouterr().err


@pytest.mark.parametrize("options, code", [(["--model-kwargs", "bogus=1"], "V006"), (["--ema", "1.5"], "V015"),
                                           (["--time-budget", "-1"], "V032"), (["--model", "resnet"], "V001")])
def test_cli_rejects_bad_training_options(fake_dataset, tmp_path, capsys, options, code):
    from vision.cli import main

    args = ["train", "--data", str(fake_dataset.root), "--model", "cnd_tiny", "--epochs", "1", "--out",
            str(tmp_path / "r"), "-q", *options]
    assert main(args) == 2
    assert f"[{code}]" in capsys.readouterr().err
