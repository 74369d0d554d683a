
import pytest
import torch

from vision import create_model, list_models
from vision.models import inception


@pytest.mark.parametrize("name, size", [("cnd_tiny", 32), ("cnd", 64), ("cnd_inception_v3_tiny", 75)])
def test_forward_backward_and_backbone_contract(name, size):
    model = create_model(name, num_classes=3)
    x = torch.randn(2, 3, size, size)
    model.train()
    out = model(x)
    logits = out[0] if isinstance(out, tuple) else out
    assert logits.shape == (2, 3)
    logits.sum().backward()
    model.eval()
    features = model.forward_features(x)
    assert features.ndim == 4 and features.shape[1] == model.num_features
    assert model.forward_head(features, pre_logits=True).shape == (2, model.embedding_dim)
    assert model.forward_head(features).shape == (2, 3)
    model.reset_classifier(5)
    assert model(x).shape == (2, 5)


def test_cnd_accepts_the_paper_input_and_other_sizes():
    model = create_model("cnd").eval()
    for h, w in ((200, 200), (150, 200), (96, 128)):
        assert model(torch.randn(1, 3, h, w)).shape == (1, 3)


def test_inception_aux_head_at_299():
    model = create_model("cnd_inception_v3").train()
    logits, aux = model(torch.randn(2, 3, 299, 299))
    assert logits.shape == aux.shape == (2, 3)


@pytest.mark.parametrize("policy, trainable", [("head", {"fc", "AuxLogits"}), ("last", {"fc", "AuxLogits", "Mixed_7a",
                                                                                          "Mixed_7b", "Mixed_7c"})])
def test_freeze_policy(policy, trainable):
    model = create_model("cnd_inception_v3_tiny", train_layers=policy)
    learning = {n.split(".")[1] for n, p in model.named_parameters() if p.requires_grad}
    assert learning == trainable
    model = create_model("cnd_inception_v3_tiny", train_layers="all")
    assert all(p.requires_grad for p in model.parameters())
    with pytest.raises(ValueError, match="V005"):
        create_model("cnd_inception_v3_tiny", train_layers="some")


def test_imagenet_weights_unavailable_falls_back_loudly(monkeypatch):
    def offline():
        raise OSError("no network")

    monkeypatch.setattr(inception, "_download_imagenet", offline)
    with pytest.warns(UserWarning, match="V004"):
        model = create_model("cnd_inception_v3_tiny", weights="imagenet")
    assert model.pretrained is False


def test_imagenet_weights_from_a_local_file(tmp_path):
    from torchvision.models import inception_v3

    reference = inception_v3(weights=None, aux_logits=True, init_weights=False)
    path = tmp_path / "inception_v3_google.pth"
    torch.save(reference.state_dict(), path)
    model = create_model("cnd_inception_v3_tiny", weights=str(path))
    assert model.pretrained is True and model.backbone.transform_input is True
    assert torch.equal(model.backbone.Conv2d_1a_3x3.conv.weight, reference.Conv2d_1a_3x3.conv.weight)


def test_registry():
    assert {"cnd", "cnd_tiny", "cnd_inception_v3", "cnd_inception_v3_tiny"} <= set(list_models())
    with pytest.raises(KeyError, match="V001"):
        create_model("resnet9000")
    with pytest.raises(ValueError, match="V002"):
        create_model("cnd", weights="imagenet")
