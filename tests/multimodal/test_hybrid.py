"""HybridClassifier draws its initial weights and dropout masks from its own torch.Generator, never the global one."""

import numpy as np
import pytest
import torch

from multimodal import HybridClassifier

MODALITIES = {"image": [0, 1, 2], "labs": [3, 4]}


def _data(n=120, seed=0):
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 3, n)
    X = np.hstack([np.eye(3)[y] + rng.normal(0, 1, (n, 3)), rng.normal(0, 1, (n, 2)) + 0.5 * y[:, None]])
    X[rng.random(n) < 0.3, 3:] = np.nan  # some samples without labs
    return X, y


def _fit(random_state, X, y):
    return HybridClassifier(MODALITIES, epochs=15, dropout=0.5, random_state=random_state).fit(X, y)


@pytest.mark.parametrize("random_state", [0, 7, None])
def test_fit_leaves_the_global_torch_rng_as_it_was(random_state):
    X, y = _data()
    torch.manual_seed(1234)
    before = torch.random.get_rng_state()
    _fit(random_state, X, y)
    assert torch.equal(torch.random.get_rng_state(), before)


def test_same_random_state_same_predictions_whatever_the_global_rng():
    X, y = _data()
    torch.manual_seed(1)
    first = _fit(7, X, y).predict_proba(X)
    torch.manual_seed(2)
    torch.rand(100)
    second = _fit(7, X, y).predict_proba(X)
    other = _fit(8, X, y).predict_proba(X)
    assert np.array_equal(first, second)
    assert not np.allclose(first, other)


def test_a_numpy_random_state_is_accepted():
    X, y = _data()
    a = _fit(np.random.RandomState(3), X, y).predict_proba(X)
    b = _fit(np.random.RandomState(3), X, y).predict_proba(X)
    assert np.array_equal(a, b)
