"""Leakage-free splits: stratified by class, grouped by lesion (and patient where known).

Images of one lesion, and lesions of one patient, always land on the same side.  Optional
perceptual-hash grouping also joins near-duplicate images filed under different ids.
Deterministic by seed; :func:`check_no_leakage` proves it for any split.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np

from .errors import LeakageError, SplitError
from .images.records import ImageDataset, ImageRecord

__all__ = ["group_ids", "Split", "train_val_test_split", "kfold", "check_no_leakage", "phash_groups", "LeakageError",
           "SplitError"]


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_ids(records: Sequence[ImageRecord], extra_links: Sequence[tuple[int, int]] = ()) -> np.ndarray:
    """One integer group per record: same lesion or same patient (or linked) → same group.

    A record without lesion and patient id is a group of its own.
    """
    uf = _UnionFind(len(records))
    first: dict[tuple[str, str], int] = {}
    for i, record in enumerate(records):
        for kind, key in (("lesion", record.lesion_id), ("patient", record.patient_id)):
            if key:
                if (kind, key) in first:
                    uf.union(first[(kind, key)], i)
                else:
                    first[(kind, key)] = i
    for a, b in extra_links:
        uf.union(a, b)
    roots = [uf.find(i) for i in range(len(records))]
    _, groups = np.unique(roots, return_inverse=True)
    return groups


@dataclass(frozen=True)
class Split:
    train: np.ndarray
    val: np.ndarray
    test: np.ndarray
    seed: int

    def datasets(self, dataset: ImageDataset) -> tuple[ImageDataset, ImageDataset, ImageDataset]:
        return dataset.subset(self.train), dataset.subset(self.val), dataset.subset(self.test)


def _labels(dataset: ImageDataset) -> np.ndarray:
    return np.asarray(dataset.labels)


def kfold(dataset: ImageDataset, k: int = 5, *, seed: int = 0, groups: np.ndarray | None = None
          ) -> list[tuple[np.ndarray, np.ndarray]]:
    """k (train, test) index pairs; StratifiedGroupKFold over lesion/patient groups, checked for leakage."""
    from sklearn.model_selection import StratifiedGroupKFold

    groups = group_ids(dataset.records) if groups is None else groups
    splitter = StratifiedGroupKFold(n_splits=k, shuffle=True, random_state=seed)
    folds = [(np.asarray(tr), np.asarray(te)) for tr, te in splitter.split(np.zeros(len(dataset)), _labels(dataset),
                                                                               groups)]
    for train, test in folds:
        check_no_leakage(groups, train, test)
    return folds


def train_val_test_split(dataset: ImageDataset, *, val: float = 0.15, test: float = 0.15, seed: int = 0,
                         groups: np.ndarray | None = None) -> Split:
    """Grouped, stratified train / validation / test split (fractions of images, approximately)."""
    groups = group_ids(dataset.records) if groups is None else groups
    labels = _labels(dataset)
    all_idx = np.arange(len(dataset))
    rest, test_idx = _one_fold(all_idx, labels, groups, test, seed)
    train_idx, val_idx = _one_fold(rest, labels, groups, val / (1 - test), seed + 1)
    check_no_leakage(groups, train_idx, val_idx, test_idx)
    return Split(np.sort(train_idx), np.sort(val_idx), np.sort(test_idx), seed)


def _one_fold(idx: np.ndarray, labels: np.ndarray, groups: np.ndarray, fraction: float, seed: int
              ) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.model_selection import StratifiedGroupKFold

    n_splits = max(2, round(1 / fraction))
    splitter = StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    try:
        keep, held = next(splitter.split(np.zeros(len(idx)), labels[idx], groups[idx]))
    except ValueError as exc:
        counts = {int(c): int(len(np.unique(groups[idx][labels[idx] == c]))) for c in np.unique(labels[idx])}
        raise SplitError(f"too few images to hold out {fraction:.0%} by lesion: lesions per class {counts}, "
                         f"and a held-out part of this size needs at least {n_splits} per class ({exc}). Add images, "
                         "or ask for larger held-out fractions", code="S001") from None
    return idx[keep], idx[held]


def check_no_leakage(groups: np.ndarray, *parts: np.ndarray) -> None:
    """Raise :class:`LeakageError` when any group has members in two parts."""
    owner: dict[int, int] = {}
    for p, part in enumerate(parts):
        for g in np.unique(groups[np.asarray(part, dtype=int)]):
            if owner.setdefault(int(g), p) != p:
                raise LeakageError(f"group {int(g)} is in parts {owner[int(g)]} and {p}", code="S002")


def phash_groups(dataset: ImageDataset, max_distance: int = 4, *, progress: bool = False) -> np.ndarray:
    """Lesion/patient groups, further joined where images are near-duplicates (pHash Hamming distance).

    Needs the ``hash`` extra (imagehash).
    """
    import imagehash
    from PIL import Image
    from tqdm import tqdm

    hashes = np.zeros(len(dataset), dtype=np.uint64)
    for i, record in enumerate(tqdm(dataset.records, disable=not progress, desc="hashing", unit="img")):
        with Image.open(record.image) as image:
            bits = imagehash.phash(image).hash.flatten()
        hashes[i] = np.uint64(int("".join("1" if b else "0" for b in bits), 2))
    links = []
    for start in range(0, len(hashes), 512):
        block = hashes[start:start + 512, None] ^ hashes[None, :]
        distance = np.bitwise_count(block) if hasattr(np, "bitwise_count") else _popcount(block)
        a, b = np.nonzero(distance <= max_distance)
        a = a + start
        links.extend((int(i), int(j)) for i, j in zip(a, b) if i < j)
    return group_ids(dataset.records, links)


def _popcount(x: np.ndarray) -> np.ndarray:
    x = x.astype(np.uint64)
    count = np.zeros(x.shape, dtype=np.uint8)
    for shift in range(64):
        count += ((x >> np.uint64(shift)) & np.uint64(1)).astype(np.uint8)
    return count
