"""No image and no run folder breaks vision (issue 13): each failure is one coded line, a batch never loses a good
image, and a tampered run is refused when it is loaded."""

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from corpora.images.damaged import damaged_cases, png_bytes
from vision.checkpoint import load_model, load_state_dict_file, read_config, read_split
from vision.cli import main
from vision.data import IMAGE_PROBLEM_CODES, read_image
from vision.errors import CODES, BrokenImageError, CheckpointError, DermalabError, VisionError
from vision.inference import load_run

ROOT = Path(__file__).resolve().parents[2]
CASES = damaged_cases()


# -- images --------------------------------------------------------------------------------------------------------

def test_every_problem_has_a_vision_code():
    assert all(code in CODES for code in IMAGE_PROBLEM_CODES.values())
    assert len(set(IMAGE_PROBLEM_CODES.values())) == len(IMAGE_PROBLEM_CODES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_image_gives_a_tensor_or_the_problems_code(case, tmp_path):
    path = case.write(tmp_path)
    if case.expect == "ok":
        image = read_image(path, 32)
        assert image.dtype == torch.uint8 and image.shape[0] == 3 and min(image.shape[1:]) == 32
        w, h = case.size
        assert (image.shape[2] > image.shape[1]) == (w > h)  # upright: EXIF-rotated cases come out portrait
        return
    with pytest.raises(BrokenImageError) as info:
        read_image(path, 32)
    assert info.value.code == IMAGE_PROBLEM_CODES[case.expect]
    assert str(info.value).startswith(f"[{info.value.code}] cannot read image {path}: ") and "\n" not in str(info.value)


def _predict(run, inputs, tmp_path, capsys, *extra):
    out = tmp_path / "predictions.csv"
    status = main(["predict", str(run), *map(str, inputs), "-o", str(out), *map(str, extra)])
    err = capsys.readouterr().err
    rows = list(csv.DictReader(out.open())) if out.exists() else []
    return status, rows, err


def test_issue_13_a_folder_with_a_decompression_bomb_still_gets_its_csv(tiny_run, fake_dataset, tmp_path, capsys):
    run, _ = tiny_run
    folder = tmp_path / "images"
    folder.mkdir()
    for record in fake_dataset.records[:3]:
        shutil.copy(record.image, folder / record.image.name)
    (folder / "bomb.png").write_bytes(png_bytes(20000, 20000, 2, 8, b""))
    status, rows, err = _predict(run, [folder], tmp_path, capsys, "--skipped", tmp_path / "skipped.csv")
    assert status == 0 and len(rows) == 3 and "Traceback" not in err
    assert f"skipped {folder / 'bomb.png'}: [V041] cannot read image" in err
    assert "predicted 3 of 4 image(s)" in err
    skipped = list(csv.DictReader((tmp_path / "skipped.csv").open()))
    assert [(r["image"], r["code"]) for r in skipped] == [(str(folder / "bomb.png"), "V041")]


def test_predict_keeps_every_good_image_and_lists_every_bad_one_with_its_code(tiny_run, tmp_path, capsys):
    run, _ = tiny_run
    folder = tmp_path / "images"
    folder.mkdir()
    paths = {}
    for case in CASES:
        (folder / case.name).mkdir()
        paths[case.name] = case.write(folder / case.name)
    # a folder named on the command line is walked (this one holds nothing), not read as an image
    expected = {str(paths[c.name]): c.expect for c in CASES if c.name != "folder_named_jpg"}
    status, rows, err = _predict(run, list(paths.values()), tmp_path, capsys, "--skipped", tmp_path / "skipped.csv",
                                 "--batch-size", "4")
    assert status == 0 and "Traceback" not in err
    assert {r["image"] for r in rows} == {p for p, e in expected.items() if e == "ok"}
    assert all(np.isclose(sum(float(v) for k, v in r.items() if k.startswith("p_")), 1, atol=1e-4) for r in rows)
    skipped = {r["image"]: r["code"] for r in csv.DictReader((tmp_path / "skipped.csv").open())}
    assert skipped == {p: IMAGE_PROBLEM_CODES[e] for p, e in expected.items() if e != "ok"}
    for path, code in skipped.items():
        assert f"skipped {path}: [{code}] " in err


def test_predict_walks_folders_for_image_files_only(tiny_run, fake_dataset, tmp_path, capsys):
    run, _ = tiny_run
    folder = tmp_path / "images"
    (folder / "nested.jpg").mkdir(parents=True)  # a folder named like an image is walked, not read
    shutil.copy(fake_dataset.records[0].image, folder / "nested.jpg" / "a.jpg")
    (folder / "notes.txt").write_text("not an image")
    status, rows, err = _predict(run, [folder], tmp_path, capsys)
    assert status == 0 and [Path(r["image"]).name for r in rows] == ["a.jpg"] and "skipped" not in err


def test_predict_with_nothing_to_read_is_one_coded_line(tiny_run, tmp_path, capsys):
    run, _ = tiny_run
    (tmp_path / "empty").mkdir()
    assert main(["predict", str(run), str(tmp_path / "empty")]) == 2
    assert capsys.readouterr().err == f"error: [V059] no image files in {tmp_path / 'empty'}\n"
    (tmp_path / "broken.jpg").write_bytes(b"")
    status, rows, err = _predict(run, [tmp_path / "broken.jpg"], tmp_path, capsys)
    assert status == 1 and rows == [] and "[V043]" in err


def test_predict_refuses_an_unwritable_output_and_a_missing_device(tiny_run, fake_dataset, tmp_path, capsys):
    run, _ = tiny_run
    image = str(fake_dataset.records[0].image)
    assert main(["predict", str(run), image, "-o", str(tmp_path / "no" / "such" / "dir.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: [V048] cannot write the output ") and err.count("\n") == 1
    assert main(["predict", str(run), image, "--device", "cudax"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: [V049] device 'cudax' is not available here") and err.count("\n") == 1


# -- run folders ---------------------------------------------------------------------------------------------------

def _copy(tiny_run, tmp_path) -> Path:
    run = tmp_path / "run"
    shutil.copytree(tiny_run[0], run)
    return run


def _config(run: Path, **changes) -> None:
    config = json.loads((run / "config.json").read_text())
    for key, value in changes.items():
        if key in ("input_size", "mean", "std"):
            config["preprocess"][key] = value
        else:
            config[key] = value
    (run / "config.json").write_text(json.dumps(config))


def _weights(run: Path, change) -> None:
    from safetensors.torch import load_file, save_file

    state = load_file(str(run / "model.safetensors"))
    change(state)
    save_file(state, str(run / "model.safetensors"))


def _first(state, suffix="weight"):
    return next(k for k in state if k.endswith(suffix) and k.startswith("features"))


TAMPERING = {
    "config_not_json": ("V050", lambda run: (run / "config.json").write_text('{"model": ')),
    "config_empty": ("V050", lambda run: (run / "config.json").write_text("")),
    "config_list": ("V050", lambda run: (run / "config.json").write_text("[]")),
    "classes_not_strings": ("V051", lambda run: _config(run, classes=[1, 2, 3])),
    "model_not_a_string": ("V051", lambda run: _config(run, model=["cnd_tiny"])),
    "model_kwargs_weights": ("V051", lambda run: _config(run, model_kwargs={"weights": "imagenet"})),
    "model_kwargs_bad_value": ("V051", lambda run: _config(run, model_kwargs={"dropout": 5})),
    "model_kwargs_huge": ("V012", lambda run: _config(run, model_kwargs={"hidden": 10**9})),
    "unknown_model": ("V001", lambda run: _config(run, model="resnet")),
    "input_size_zero": ("V052", lambda run: _config(run, input_size=[0, 0])),
    "input_size_negative": ("V052", lambda run: _config(run, input_size=[-32, 32])),
    "input_size_20000": ("V052", lambda run: _config(run, input_size=[20000, 20000])),
    "input_size_too_small_for_the_network": ("V057", lambda run: _config(run, input_size=[1, 1])),
    "mean_wrong_length": ("V052", lambda run: _config(run, mean=[0.5, 0.5])),
    "std_zero": ("V052", lambda run: _config(run, std=[0, 0, 0])),
    "weights_missing": ("V053", lambda run: (run / "model.safetensors").unlink()),
    "weights_truncated": ("V054", lambda run: (run / "model.safetensors").write_bytes(
        (run / "model.safetensors").read_bytes()[:300])),
    "weights_nan": ("V056", lambda run: _weights(run, lambda s: s[_first(s)].fill_(float("nan")))),
    "weights_inf": ("V056", lambda run: _weights(run, lambda s: s[_first(s)].fill_(float("inf")))),
    "negative_batchnorm_variance": ("V056", lambda run: _weights(run, lambda s: s[_first(s, "running_var")].fill_(-1))),
    "weights_wrong_shape": ("V012", lambda run: _weights(run, lambda s: s.__setitem__(_first(s), torch.zeros(2, 2)))),
    "weights_integer": ("V012", lambda run: _weights(run, lambda s: s.__setitem__(_first(s), s[_first(s)].int()))),
}


@pytest.mark.parametrize("name", sorted(TAMPERING))
def test_a_tampered_run_is_refused_when_loaded(name, tiny_run, tmp_path):
    code, tamper = TAMPERING[name]
    run = _copy(tiny_run, tmp_path)
    tamper(run)
    with pytest.raises(DermalabError) as info:
        load_run(run)
    assert info.value.code == code and "\n" not in str(info.value)


@pytest.mark.parametrize("command", ["predict", "evaluate"])
def test_issue_13_nan_weights_end_in_one_coded_line_not_nan_probabilities(command, tiny_run, fake_dataset, tmp_path,
                                                                          capsys):
    run = _copy(tiny_run, tmp_path)
    _weights(run, lambda s: s[_first(s)].fill_(float("nan")))
    argv = [command, str(run)] + ([str(fake_dataset.records[0].image)] if command == "predict" else [])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: [V056] ") and err.count("\n") == 1


def test_issue_13_an_absurd_input_size_is_refused_with_its_limit(tiny_run, tmp_path):
    run = _copy(tiny_run, tmp_path)
    _config(run, input_size=[20000, 20000])
    with pytest.raises(CheckpointError, match=r"^\[V052\] .*input_size must be \[height, width\], each a whole "
                                              r"number from 1 to 2048, not \[20000, 20000\]"):
        read_config(run)


def test_pickle_payloads_are_refused_with_our_message(tmp_path):
    import os

    class Payload:
        def __reduce__(self):
            return (os.system, ("echo this must never run",))

    torch.save({"w": Payload()}, tmp_path / "weights.pt")
    with pytest.raises(CheckpointError, match=r"^\[V055\] .*weights.pt is not a plain tensor file: the safe loader "
                                              r"refused it \(.*GLOBAL (posix|os)\.system.*\)\. It may hold code"):
        load_state_dict_file(tmp_path / "weights.pt")
    torch.save([1, 2], tmp_path / "list.pt")
    with pytest.raises(CheckpointError, match=r"^\[V054\] .*holds no state dict"):
        load_state_dict_file(tmp_path / "list.pt")


def test_a_split_without_its_columns_is_refused(tiny_run, tmp_path, capsys):
    run = _copy(tiny_run, tmp_path)
    lines = (run / "split.csv").read_text().splitlines()
    (run / "split.csv").write_text("\n".join(",".join(line.split(",")[:2]) for line in lines) + "\n")
    with pytest.raises(CheckpointError, match=r"^\[V058\] .*split.csv: no column\(s\) \['label', 'group', 'split'\]"):
        read_split(run)
    assert main(["evaluate", str(run)]) == 2
    assert capsys.readouterr().err.startswith("error: [V058] ")
    (run / "split.csv").unlink()
    assert read_split(run) == []
    with pytest.raises(CheckpointError, match=r"^\[V058\] .*split.csv: missing"):
        read_split(run, required=True)


def test_an_intact_run_still_loads_and_predicts(tiny_run, fake_dataset):
    model, config = load_model(tiny_run[0])
    probs, broken = load_run(tiny_run[0]).predict_proba([r.image for r in fake_dataset.records[:5]], batch_size=2)
    assert broken == {} and np.allclose(probs.sum(1), 1, atol=1e-5)


def test_a_non_finite_output_is_never_written_as_a_prediction(tiny_run, fake_dataset):
    run = load_run(tiny_run[0])
    with torch.no_grad():
        run.model.classifier.bias.fill_(float("nan"))  # after loading: the per-image guard is the last line
    (output,) = list(run.iter_outputs([fake_dataset.records[0].image]))
    assert output.values is None and isinstance(output.error, VisionError) and output.error.code == "V056"


# -- the fuzz harness ----------------------------------------------------------------------------------------------

def test_a_bounded_fuzz_run_ends_every_input_in_a_picture_or_a_code(tiny_run, tmp_path):
    report = tmp_path / "fuzz.json"
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "fuzz_images.py"), "--images", "40", "--runs",
                           "2", "--no-fixed-runs", "--run", str(tiny_run[0]), "--seed", "3", "--timeout", "60",
                           "--json", str(report), "-q"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    result = json.loads(report.read_text())
    assert done.returncode == 0, (result["bad"], result["catalogue_surprises"])
    assert result["images"] == 40 + len(CASES) and result["runs"] == 3
    outcomes = {o for counts in result["counts"].values() for o in counts}
    assert not any(o.startswith(("uncaught", "timeout", "crash")) for o in outcomes)
    assert "ok" in result["counts"]["image:predict"] and "coded:V044" in result["counts"]["image:read_image"]
