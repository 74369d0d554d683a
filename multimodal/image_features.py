"""Image-branch features from a trained ``vision`` run, computed once and cached on disk.

The cache key is the SHA-256 of the image file's bytes and a fingerprint of the model
(its weights file), so renaming files or re-running fusion experiments never re-runs the
CNN, and a retrained model never serves stale features.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Sequence

import numpy as np

from .errors import MultimodalError

__all__ = ["ImageFeatureCache", "file_digest"]


def file_digest(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_UNREAD = "unreadable:"  # cache keys of files that could not be hashed: kept for this object's life only


def _digest_or_path(path: str | Path) -> str:
    try:
        return file_digest(path)
    except OSError:  # missing, a folder, no permission: the run reports it (vision's V046) with a NaN row
        return f"{_UNREAD}{path}"


class ImageFeatureCache:
    """``features(paths)`` → probabilities ('proba') or embeddings ('embedding') of a vision run."""

    def __init__(self, run_dir: str | Path, cache_dir: str | Path, kind: str = "proba", tta: bool = False,
                 device: str = "cpu", batch_size: int = 32) -> None:
        if kind not in ("proba", "embedding"):
            raise MultimodalError("kind must be 'proba' or 'embedding'", code="M001")
        self.run_dir, self.kind, self.tta, self.device, self.batch_size = Path(run_dir), kind, tta, device, batch_size
        from vision.checkpoint import weights_file

        model_hash = file_digest(weights_file(self.run_dir))[:16]  # V053 for a run without weights
        self.path = Path(cache_dir) / f"{model_hash}_{kind}{'_tta' if tta else ''}.npz"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store: dict[str, np.ndarray] = dict(np.load(self.path)) if self.path.exists() else {}
        self._run = None
        self.computed = 0  # images that went through the CNN in this object's life

    @property
    def run(self):
        if self._run is None:
            from vision import load_run

            self._run = load_run(self.run_dir, self.device)
        return self._run

    def features(self, paths: Sequence[str | Path], progress: bool = False) -> np.ndarray:
        """One row per path; rows of NaN for unreadable images (a file that cannot even be opened is passed to the
        run as it is, which names its problem, and is not cached)."""
        digests = [_digest_or_path(p) for p in paths]
        todo = [i for i, d in enumerate(digests) if d not in self._store]
        if todo:
            from tqdm import tqdm

            run = self.run
            method = run.predict_proba if self.kind == "proba" else run.embed
            step = 256
            for start in tqdm(range(0, len(todo), step), disable=not progress, desc="image features", unit="batch"):
                chunk = todo[start:start + step]
                values, _ = method([paths[i] for i in chunk], batch_size=self.batch_size, tta=self.tta)
                for i, row in zip(chunk, values):
                    self._store[digests[i]] = row.astype(np.float32)
            self.computed += len(todo)
            np.savez(self.path, **{k: v for k, v in self._store.items() if not k.startswith(_UNREAD)})
        return np.stack([self._store[d] for d in digests]) if digests else np.zeros((0, 0))
