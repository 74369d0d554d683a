"""A trained run as an object: probabilities and embeddings for image paths (used by multimodal)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np
import torch
import torch.nn as nn

from .checkpoint import load_model
from .data import BrokenImageError, Preprocess, eval_transform, read_image, shades_of_gray

__all__ = ["VisionRun", "load_run", "tta_views"]


def tta_views(x: torch.Tensor) -> list[torch.Tensor]:
    """Identity and the three flips: lesions have no orientation."""
    return [x, x.flip(-1), x.flip(-2), x.flip(-1).flip(-2)]


@torch.no_grad()
def predict_batches(model: nn.Module, batches: Iterable[torch.Tensor], device: torch.device, tta: bool = False,
                    embed: bool = False) -> np.ndarray:
    model.eval()
    out = []
    for x in batches:
        x = x.to(device).contiguous(memory_format=torch.channels_last)
        views = tta_views(x) if tta else [x]
        if embed:
            parts = [model.forward_head(model.forward_features(v), pre_logits=True) for v in views]
            out.append(torch.stack(parts).mean(0).float().cpu())
        else:
            parts = [torch.softmax(model(v), dim=1) for v in views]
            out.append(torch.stack(parts).mean(0).float().cpu())
    return torch.cat(out).numpy() if out else np.zeros((0, 0), dtype=np.float32)


@dataclass
class VisionRun:
    run_dir: Path
    model: nn.Module
    config: dict[str, Any]
    device: torch.device

    @property
    def classes(self) -> list[str]:
        return list(self.config["classes"])

    @property
    def preprocess(self) -> Preprocess:
        return Preprocess.from_dict(self.config["preprocess"])

    @property
    def name(self) -> str:
        return f"{self.config['model']}@{self.config.get('run_id', self.run_dir.name)}"

    def _tensors(self, paths: Sequence[str | Path]) -> tuple[list[torch.Tensor | None], dict[str, str]]:
        pre = self.preprocess
        transform = eval_transform(pre)
        tensors, broken = [], {}
        for path in paths:
            try:
                image = read_image(path, pre.resize_to)
            except BrokenImageError as exc:
                broken[str(path)] = str(exc)
                tensors.append(None)
                continue
            if pre.colour_constancy:
                image = shades_of_gray(image)
            tensors.append(transform(image))
        return tensors, broken

    def _run(self, paths: Sequence[str | Path], batch_size: int, tta: bool, embed: bool
             ) -> tuple[np.ndarray, dict[str, str]]:
        tensors, broken = self._tensors(paths)
        ok = [t for t in tensors if t is not None]
        batches = (torch.stack(ok[i:i + batch_size]) for i in range(0, len(ok), batch_size))
        values = predict_batches(self.model, batches, self.device, tta=tta, embed=embed)
        width = self.model.embedding_dim if embed else len(self.classes)
        full = np.full((len(paths), width), np.nan, dtype=np.float32)
        full[[i for i, t in enumerate(tensors) if t is not None]] = values.reshape(len(ok), width)
        return full, broken

    def predict_proba(self, paths: Sequence[str | Path], *, batch_size: int = 32, tta: bool = False
                      ) -> tuple[np.ndarray, dict[str, str]]:
        """Class probabilities (rows of NaN for images that could not be read, listed in the dict)."""
        return self._run(paths, batch_size, tta, embed=False)

    def embed(self, paths: Sequence[str | Path], *, batch_size: int = 32, tta: bool = False
              ) -> tuple[np.ndarray, dict[str, str]]:
        """Penultimate-layer embeddings (``forward_head(pre_logits=True)``)."""
        return self._run(paths, batch_size, tta, embed=True)


def load_run(run_dir: str | Path, device: str = "cpu") -> VisionRun:
    model, config = load_model(run_dir)
    dev = torch.device(device)
    model.to(dev).to(memory_format=torch.channels_last)
    return VisionRun(Path(run_dir), model, config, dev)
