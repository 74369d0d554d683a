import pytest
import torch
from torch import nn

from vision.errors import VisionError
from vision.mix import BatchMixer
from vision.train import TrainConfig, train


def _batch(n: int = 8) -> tuple[torch.Tensor, torch.Tensor]:
    images = torch.arange(n, dtype=torch.float32).view(n, 1, 1, 1).expand(n, 3, 10, 12).clone()
    return images, torch.arange(n) % 3


def test_cutmix_pastes_a_box_whose_area_is_the_partners_share():
    images, _ = _batch()
    order = torch.roll(torch.arange(8), 1)  # every image mixed with another
    mixer = BatchMixer(0.4, seed=1)
    for lam in (0.1, 0.5, 0.9):
        for _ in range(10):
            mixed, share = mixer._cutmix(images, order, lam)
            own = (mixed == images).float().mean(dim=(1, 2, 3))
            assert torch.allclose(own, torch.full((8,), share), atol=1e-6)  # share: the box once clipped
            assert torch.equal(mixed[mixed != images], images[order][mixed != images])


def test_each_batch_is_mixup_or_cutmix_and_mixup_blends_by_the_share():
    images, targets = _batch()
    mixer = BatchMixer(0.4, seed=2)
    kinds = set()
    for _ in range(30):
        mixed = mixer(images, targets)
        kinds.add(mixed.kind)
        assert 0.0 <= mixed.lam <= 1.0 and torch.equal(mixed.targets, targets)
        assert torch.equal(mixed.other, targets[mixed.order])
        if mixed.kind == "mixup":
            assert torch.allclose(mixed.images, images * mixed.lam + images[mixed.order] * (1 - mixed.lam))
    assert kinds == {"cutmix", "mixup"}


def test_the_loss_weighs_both_targets_by_the_share():
    images, targets = _batch()
    mixed = BatchMixer(0.4, seed=0)(images, targets)
    logits = torch.randn(8, 3)
    criterion = nn.CrossEntropyLoss()
    expected = mixed.lam * criterion(logits, targets) + (1 - mixed.lam) * criterion(logits, mixed.other)
    assert torch.allclose(mixed.loss(criterion, logits), expected)


def test_a_run_trains_with_mixing_and_records_it(fake_dataset, tmp_path):
    config = TrainConfig(model="cnd_tiny", epochs=1, batch_size=8, input_size=(32, 32), tta=False, mix=0.3)
    metrics = train(config, fake_dataset, tmp_path / "r", progress=False)
    assert metrics["epochs_run"] == 1
    assert '"mix": 0.3' in (tmp_path / "r" / "config.json").read_text()


def test_a_negative_alpha_is_a_coded_error(fake_dataset, tmp_path):
    with pytest.raises(VisionError) as info:
        train(TrainConfig(model="cnd_tiny", epochs=1, mix=-1.0), fake_dataset, tmp_path / "r", progress=False)
    assert info.value.code == "V060"
    with pytest.raises(VisionError):
        BatchMixer(0.0)
