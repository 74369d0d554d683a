"""Checkpoints that never unpickle code: safetensors weights plus a JSON description.

A run directory holds ``model.safetensors`` (best weights), ``config.json`` (architecture,
classes, preprocessing, training recipe, split), and ``last_state.pt`` (optimizer and
scheduler for resuming, read with ``torch.load(weights_only=True)``).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import torch
import torch.nn as nn

from .errors import CheckpointError

__all__ = ["save_model", "load_state_dict_file", "load_model", "CheckpointError", "read_config", "write_split",
           "read_split"]

SPLIT_COLUMNS = ["image_id", "image", "label", "group", "split"]


def load_state_dict_file(path: str | Path) -> dict[str, torch.Tensor]:
    path = Path(path)
    if path.suffix == ".safetensors":
        from safetensors.torch import load_file

        return load_file(str(path))
    state = torch.load(path, map_location="cpu", weights_only=True)
    if isinstance(state, dict) and "state_dict" in state and isinstance(state["state_dict"], dict):
        state = state["state_dict"]
    return state


def save_model(model: nn.Module, run_dir: str | Path, config: dict[str, Any]) -> Path:
    from safetensors.torch import save_file

    run_dir = Path(run_dir)
    run_dir.mkdir(parents=True, exist_ok=True)
    model = getattr(model, "module", model)  # unwrap DDP
    state = {k: v.detach().contiguous().cpu() for k, v in model.state_dict().items()}
    save_file(state, str(run_dir / "model.safetensors"), metadata={"model": config.get("model", "")})
    (run_dir / "config.json").write_text(json.dumps(config, indent=1, default=str), encoding="utf-8")
    return run_dir / "model.safetensors"


def read_config(run_dir: str | Path) -> dict[str, Any]:
    path = Path(run_dir) / "config.json"
    if not path.is_file():
        raise CheckpointError(f"{run_dir} is not a vision run (no config.json)", code="V010")
    return json.loads(path.read_text(encoding="utf-8"))


def write_split(run_dir: str | Path, rows) -> Path:
    """``split.csv``: one (image_id, image, label, group, split) row per image of the run's dataset."""
    import csv

    path = Path(run_dir) / "split.csv"
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(SPLIT_COLUMNS)
        writer.writerows(rows)
    return path


def read_split(run_dir: str | Path, part: str = "all") -> list[dict[str, str]]:
    """Rows of a run's ``split.csv`` in ``part`` ('train', 'val', 'test' or 'all'); empty when there is none."""
    import csv

    path = Path(run_dir) / "split.csv"
    if not path.exists():
        return []
    with open(path, newline="", encoding="utf-8") as handle:
        return [row for row in csv.DictReader(handle) if part == "all" or row["split"] == part]


def load_model(run_dir: str | Path, *, expected_classes: list[str] | None = None) -> tuple[nn.Module, dict[str, Any]]:
    """Rebuild the model of a run and load its weights; refuse mismatching classes or shapes."""
    from .models import create_model

    run_dir = Path(run_dir)
    config = read_config(run_dir)
    classes = config["classes"]
    if expected_classes is not None and list(expected_classes) != list(classes):
        raise CheckpointError(f"the run predicts {classes}, not {list(expected_classes)}", code="V011")
    model = create_model(config["model"], num_classes=len(classes), **config.get("model_kwargs", {}))
    state = load_state_dict_file(run_dir / "model.safetensors")
    own = model.state_dict()
    bad = [k for k, v in state.items() if k in own and own[k].shape != v.shape]
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    if bad or missing or unexpected:
        raise CheckpointError(f"checkpoint does not fit {config['model']}: shape mismatch {bad[:3]}, "
                              f"missing {missing[:3]}, unexpected {unexpected[:3]}", code="V012")
    model.load_state_dict(state)
    model.eval()
    return model, config
