"""A trained run as an object: probabilities and embeddings for image paths (used by multimodal)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import numpy as np
import torch
import torch.nn as nn

from .checkpoint import load_model
from .data import BrokenImageError, Preprocess, eval_transform, read_image, shades_of_gray
from .decision import DecisionRule
from .errors import DermalabError, VisionError

__all__ = ["VisionRun", "ImageOutput", "load_run", "tta_views"]


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


@dataclass(frozen=True)
class ImageOutput:
    """What a run gave for one image: ``values`` (probabilities or an embedding), or the coded ``error`` that kept
    the image out."""

    path: str
    values: np.ndarray | None
    error: DermalabError | None = None


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

    @cached_property
    def decision_rule(self) -> DecisionRule:
        """The class offsets fitted on validation when the run was trained (``vision.decision``); the plain argmax
        for runs saved before rules existed."""
        return DecisionRule.from_dict(self.config.get("decision"), len(self.classes))

    def label(self, probs: np.ndarray) -> list[str]:
        """The class the run names for each row of ``probs``, by its decision rule."""
        return [self.classes[int(i)] for i in self.decision_rule.predict(np.atleast_2d(probs))]

    @property
    def name(self) -> str:
        return f"{self.config['model']}@{self.config.get('run_id', self.run_dir.name)}"

    def _tensor(self, path: str | Path, pre: Preprocess, transform) -> torch.Tensor:
        image = read_image(path, pre.resize_to)
        if pre.colour_constancy:
            image = shades_of_gray(image)
        return transform(image)

    def iter_outputs(self, paths: Sequence[str | Path], *, batch_size: int = 32, tta: bool = False,
                     embed: bool = False) -> Iterator[ImageOutput]:
        """One ``ImageOutput`` per path, in order, batch by batch: a folder of any size holds one batch of images
        in memory, and an image that cannot be used (``error``, with its code) never stops the others."""
        pre = self.preprocess
        transform = eval_transform(pre)
        for start in range(0, len(paths), batch_size):
            chunk = paths[start:start + batch_size]
            tensors: dict[int, torch.Tensor] = {}
            errors: dict[int, DermalabError] = {}
            for i, path in enumerate(chunk):
                try:
                    tensors[i] = self._tensor(path, pre, transform)
                except BrokenImageError as exc:
                    errors[i] = exc
            batches = [torch.stack(list(tensors.values()))] if tensors else []
            rows = dict(zip(tensors, predict_batches(self.model, batches, self.device, tta=tta, embed=embed)))
            for i, path in enumerate(chunk):
                if i in rows and not np.isfinite(rows[i]).all():  # never a NaN row with an argmax after it
                    errors[i] = VisionError(f"the network gave non-finite outputs for {path}; check the run with "
                                            "`python -m vision evaluate`", code="V056")
                yield ImageOutput(str(path), None if i in errors else rows[i], errors.get(i))

    def _run(self, paths: Sequence[str | Path], batch_size: int, tta: bool, embed: bool
             ) -> tuple[np.ndarray, dict[str, str]]:
        width = self.model.embedding_dim if embed else len(self.classes)
        full = np.full((len(paths), width), np.nan, dtype=np.float32)
        broken = {}
        for i, output in enumerate(self.iter_outputs(paths, batch_size=batch_size, tta=tta, embed=embed)):
            if output.error is None:
                full[i] = output.values
            else:
                broken[output.path] = str(output.error)
        return full, broken

    def predict_proba(self, paths: Sequence[str | Path], *, batch_size: int = 32, tta: bool = False
                      ) -> tuple[np.ndarray, dict[str, str]]:
        """Class probabilities (rows of NaN for images that could not be read, listed in the dict)."""
        return self._run(paths, batch_size, tta, embed=False)

    def embed(self, paths: Sequence[str | Path], *, batch_size: int = 32, tta: bool = False
              ) -> tuple[np.ndarray, dict[str, str]]:
        """Penultimate-layer embeddings (``forward_head(pre_logits=True)``)."""
        return self._run(paths, batch_size, tta, embed=True)


def _device(name: str) -> torch.device:
    """``name`` as a torch device that exists here (V049 for a typo or a GPU this machine does not have)."""
    try:
        device = torch.device(name)
        if device.type == "meta":
            raise ValueError("a meta device holds no values")
        torch.empty(0, device=device)
    except (RuntimeError, AssertionError, ValueError, NotImplementedError) as exc:  # CUDA builds assert, MPS raises
        raise VisionError(f"device {name!r} is not available here ({str(exc).splitlines()[0][:120]}); use 'cpu' "
                          "or one that torch lists (torch.cuda.device_count())", code="V049") from None
    return device


def load_run(run_dir: str | Path, device: str = "cpu") -> VisionRun:
    """A trained run ready to predict; every damaged or altered run file is a coded error (``load_model``)."""
    dev = _device(device)
    model, config = load_model(run_dir)
    model.to(dev).to(memory_format=torch.channels_last)
    return VisionRun(Path(run_dir), model, config, dev)
