import pytest
import torch
import torch.nn as nn

from vision.ema import WeightAverage


def test_average_follows_the_weights_with_a_warmed_up_decay():
    model = nn.Sequential(nn.Linear(2, 2), nn.BatchNorm1d(2))
    ema = WeightAverage(model, decay=0.99)
    start = model[0].weight.detach().clone()
    with torch.no_grad():
        model[0].weight.add_(1.0)
    model.train()(torch.randn(4, 2))  # moves BatchNorm's running stats and counter
    ema.update(model)
    decay = 2 / 11  # (1 + t) / (10 + t) at t = 1, below the cap
    assert torch.allclose(ema.module[0].weight, decay * start + (1 - decay) * model[0].weight)
    assert ema.module[1].num_batches_tracked == model[1].num_batches_tracked
    assert not any(p.requires_grad for p in ema.module.parameters())


def test_state_round_trip_and_bad_decay():
    model = nn.Linear(2, 2)
    ema = WeightAverage(model, 0.9)
    ema.update(model)
    other = WeightAverage(nn.Linear(2, 2), 0.9)
    other.load_state_dict(ema.state_dict())
    assert other.updates == 1 and torch.equal(other.module.weight, ema.module.weight)
    with pytest.raises(ValueError, match="V015"):
        WeightAverage(model, 1.0)
