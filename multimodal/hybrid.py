"""The intermediate-fusion "hybrid network": image-backbone embedding and a tabular MLP, trained jointly.

The image branch takes the backbone's penultimate embedding (``vision`` runs' ``embed``,
cached by :mod:`.image_features`); the tabular branch takes lab and clinical features with
their missing-modality mask; both are projected, concatenated and classified, and all of
it is trained together with a class-weighted loss.  The CNN itself stays frozen here: its
embeddings are computed once, which keeps the hybrid trainable on a CPU.
"""

from __future__ import annotations

import math
import numbers
import warnings

import numpy as np
import torch
import torch.nn as nn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils import check_random_state
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import check_is_fitted, validate_data

from .errors import MultimodalError

__all__ = ["HybridNet", "HybridClassifier"]


def _dropout(x: torch.Tensor, p: float, training: bool, generator: torch.Generator | None) -> torch.Tensor:
    """``F.dropout`` drawing its mask from ``generator`` (the same mask F.dropout draws from that state)."""
    if not training or p == 0:
        return x
    if generator is None:
        return nn.functional.dropout(x, p, True)
    if p >= 1:
        return x * 0.0
    return x * torch.empty_like(x).bernoulli_(1 - p, generator=generator).div_(1 - p)


class HybridNet(nn.Module):
    """Image branch and tabular branch, projected, concatenated and classified.

    ``generator`` (a ``torch.Generator``) draws the initial weights, and ``forward(..., generator=...)`` the
    dropout masks, so a seeded fit never touches torch's global generator; without one both use it, as usual.
    """

    def __init__(self, image_dim: int, tabular_dim: int, num_classes: int, hidden: int = 64, dropout: float = 0.2,
                 generator: torch.Generator | None = None):
        super().__init__()
        self.dropout = dropout
        meta = {"device": "meta"}  # allocated without the default initialisation, which draws from the global RNG
        self.image = nn.Linear(image_dim, hidden, **meta)
        self.tabular = nn.ModuleList([nn.Linear(tabular_dim, hidden, **meta), nn.Linear(hidden, hidden, **meta)]) \
            if tabular_dim else None
        self.head = nn.Linear(hidden * (2 if tabular_dim else 1), num_classes, **meta)
        self.to_empty(device="cpu")
        self.reset_parameters(generator)

    def reset_parameters(self, generator: torch.Generator | None = None) -> None:
        """nn.Linear's default initialisation, in construction order, drawn from ``generator``."""
        generator = generator if generator is not None else torch.default_generator
        with torch.no_grad():
            for layer in self.modules():
                if isinstance(layer, nn.Linear):
                    nn.init.kaiming_uniform_(layer.weight, a=math.sqrt(5), generator=generator)
                    bound = 1 / math.sqrt(layer.in_features) if layer.in_features else 0.0
                    layer.bias.uniform_(-bound, bound, generator=generator)

    def forward(self, image: torch.Tensor, tabular: torch.Tensor | None,
                generator: torch.Generator | None = None) -> torch.Tensor:
        z = _dropout(torch.relu(self.image(image)), self.dropout, self.training, generator)
        if self.tabular is not None:
            t = _dropout(torch.relu(self.tabular[0](tabular)), self.dropout, self.training, generator)
            z = torch.cat([z, torch.relu(self.tabular[1](t))], dim=1)
        return self.head(z)


def _torch_generator(random_state) -> torch.Generator:
    """A local generator seeded from a scikit-learn ``random_state`` (None: seed 0, so fits repeat)."""
    if random_state is None:
        seed = 0
    elif isinstance(random_state, numbers.Integral):
        seed = int(random_state)
    else:
        seed = int(check_random_state(random_state).randint(np.iinfo(np.int32).max))
    return torch.Generator().manual_seed(seed)


class HybridClassifier(ClassifierMixin, BaseEstimator):
    """scikit-learn wrapper of :class:`HybridNet` over the same column-grouped matrix as LateFusionClassifier."""

    def __init__(self, modalities: dict[str, list[int]] | None = None, hidden: int = 64, epochs: int = 150,
                 lr: float = 3e-3, weight_decay: float = 1e-3, dropout: float = 0.2,
                 random_state: int | None = None) -> None:
        self.modalities = modalities
        self.hidden = hidden
        self.epochs = epochs
        self.lr = lr
        self.weight_decay = weight_decay
        self.dropout = dropout
        self.random_state = random_state

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.allow_nan = True
        return tags

    def _split(self, X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        image = np.nan_to_num(X[:, self.image_cols_], nan=0.0)
        parts = []
        for cols in self.tabular_cols_:
            block = X[:, cols]
            present = (~np.isnan(block).all(axis=1)).astype(float)[:, None]
            block = np.where(np.isnan(block), self.medians_[tuple(cols)], block)
            block = (block - self.means_[tuple(cols)]) / self.scales_[tuple(cols)]
            parts += [block * present, present]
        tab = np.hstack(parts) if parts else np.zeros((len(X), 0))
        return (image - self.image_mean_) / self.image_scale_, tab

    def fit(self, X, y) -> HybridClassifier:
        X, y = validate_data(self, X, y, ensure_all_finite="allow-nan", dtype=float)
        check_classification_targets(y)
        self.classes_, y_enc = np.unique(y, return_inverse=True)
        if len(self.classes_) < 2:
            raise MultimodalError("HybridClassifier needs at least two classes (got one class)", code="M003")
        mods = self.modalities or {"image": list(range(X.shape[1]))}
        self.image_cols_ = np.asarray(mods.get("image", list(range(X.shape[1]))), dtype=int)
        self.tabular_cols_ = [np.asarray(c, dtype=int) for n, c in mods.items() if n != "image"]
        image = np.nan_to_num(X[:, self.image_cols_], nan=0.0)
        self.image_mean_, self.image_scale_ = image.mean(0), image.std(0) + 1e-6
        self.medians_, self.means_, self.scales_ = {}, {}, {}
        for cols in self.tabular_cols_:
            block = X[:, cols]
            with warnings.catch_warnings():  # an all-NaN column has no median: it becomes 0
                warnings.simplefilter("ignore", RuntimeWarning)
                med = np.nan_to_num(np.nanmedian(block, axis=0)) if len(block) else np.zeros(len(cols))
            filled = np.where(np.isnan(block), med, block)
            self.medians_[tuple(cols)], self.means_[tuple(cols)] = med, filled.mean(0)
            self.scales_[tuple(cols)] = filled.std(0) + 1e-6
        img, tab = self._split(X)
        generator = _torch_generator(self.random_state)  # torch's global RNG is left as it was
        self.net_ = HybridNet(img.shape[1], tab.shape[1], len(self.classes_), self.hidden, self.dropout, generator)
        counts = np.bincount(y_enc, minlength=len(self.classes_)).astype(float)
        weight = torch.as_tensor(counts.sum() / (len(counts) * np.maximum(counts, 1)), dtype=torch.float32)
        loss_fn = nn.CrossEntropyLoss(weight=weight)
        opt = torch.optim.AdamW(self.net_.parameters(), lr=self.lr, weight_decay=self.weight_decay)
        xi, xt = torch.as_tensor(img, dtype=torch.float32), torch.as_tensor(tab, dtype=torch.float32)
        target = torch.as_tensor(y_enc)
        self.net_.train()
        for _ in range(self.epochs):  # full batch: cohorts are small
            opt.zero_grad()
            loss = loss_fn(self.net_(xi, xt if tab.shape[1] else None, generator), target)
            loss.backward()
            opt.step()
        self.net_.eval()
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_is_fitted(self, "net_")
        X = validate_data(self, X, reset=False, ensure_all_finite="allow-nan", dtype=float)
        img, tab = self._split(X)
        with torch.no_grad():
            logits = self.net_(torch.as_tensor(img, dtype=torch.float32),
                               torch.as_tensor(tab, dtype=torch.float32) if tab.shape[1] else None)
        return torch.softmax(logits, 1).numpy()

    def predict(self, X) -> np.ndarray:
        check_is_fitted(self, "net_")
        return self.classes_[self.predict_proba(X).argmax(1)]
