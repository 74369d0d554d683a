import pickle

import pytest

from corpora.errors import run_command
from vision.errors import (CODES, BrokenImageError, CheckpointError, DermalabError, ExportError, ModelNotFoundError,
                           VisionError, WeightsNotFoundError)

CLASSES = [(VisionError, ValueError), (CheckpointError, ValueError), (BrokenImageError, OSError),
           (ModelNotFoundError, KeyError), (WeightsNotFoundError, FileNotFoundError), (ExportError, RuntimeError)]


@pytest.mark.parametrize("cls, builtin", CLASSES)
def test_every_vision_error_is_a_dermalab_error_and_its_builtin(cls, builtin):
    error = cls("what to do", code="V015")
    assert isinstance(error, DermalabError) and isinstance(error, builtin)
    assert str(error) == "[V015] what to do" and error.message == "what to do"
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cls and str(again) == str(error)


@pytest.mark.parametrize("cls, builtin", CLASSES)
def test_each_vision_error_is_one_line_and_status_2(cls, builtin, capsys):
    def fail(args):
        raise cls("what to do", code="V010")

    assert run_command(fail, None) == 2
    assert capsys.readouterr().err == "error: [V010] what to do\n"


def test_codes_are_vision_codes():
    assert all(code[0] == "V" and len(code) == 4 for code in CODES)


def test_old_import_paths_still_work():
    import vision.checkpoint
    import vision.data

    assert vision.checkpoint.CheckpointError is CheckpointError and vision.data.BrokenImageError is BrokenImageError


def test_raised_errors_keep_their_messages(tmp_path):
    from vision.checkpoint import read_config
    from vision.data import read_image
    from vision.ema import check_decay
    from vision.models import create_model
    from vision.models.inception import load_imagenet_state_dict
    from vision.models.registry import get_model_config

    with pytest.raises(VisionError) as info:
        check_decay(1.5)
    assert (info.value.code, str(info.value)) == ("V015", "[V015] the EMA decay must lie in (0, 1), not 1.5")
    with pytest.raises(ModelNotFoundError) as info:
        get_model_config("resnet")
    assert str(info.value).startswith("[V001] unknown model 'resnet'; available: ")  # no KeyError quotes
    with pytest.raises(VisionError, match=r"^\[V002\] CND has no ImageNet weights"):
        create_model("cnd", weights="imagenet")
    with pytest.raises(WeightsNotFoundError, match=r"^\[V003\] weights file .*missing.pth not found$"):
        load_imagenet_state_dict(str(tmp_path / "missing.pth"))
    with pytest.raises(CheckpointError, match=r"^\[V010\] .* is not a vision run \(no config.json\)$"):
        read_config(tmp_path)
    (tmp_path / "x.jpg").write_bytes(b"nope")
    with pytest.raises(BrokenImageError, match=r"^\[V020\] cannot read image .*x.jpg"):
        read_image(tmp_path / "x.jpg")
