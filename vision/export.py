"""Export a run to ONNX and TorchScript, checking that both give the same outputs as PyTorch."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import torch

from .checkpoint import load_model
from .data import Preprocess
from .errors import ExportError

__all__ = ["export_run"]


def export_run(run_dir: str | Path, *, onnx: bool = True, torchscript: bool = True, atol: float = 1e-4,
               opset: int = 17) -> dict[str, Any]:
    run_dir = Path(run_dir)
    model, config = load_model(run_dir)
    model.eval()
    h, w = Preprocess.from_dict(config["preprocess"]).input_size
    example = torch.randn(2, 3, h, w)
    with torch.no_grad():
        reference = model(example).numpy()
    result: dict[str, Any] = {"input_size": [h, w], "classes": config["classes"]}
    if torchscript:
        path = run_dir / "model.torchscript.pt"
        traced = torch.jit.trace(model, example)
        traced.save(str(path))
        loaded = torch.jit.load(str(path))
        with torch.no_grad():
            diff = float(np.abs(loaded(example).numpy() - reference).max())
        result["torchscript"] = {"path": str(path), "max_abs_diff": diff, "ok": diff <= atol}
    if onnx:
        import onnxruntime as ort

        path = run_dir / "model.onnx"
        torch.onnx.export(model, (example,), str(path), input_names=["image"], output_names=["logits"],
                          dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}}, opset_version=opset,
                          dynamo=False)
        session = ort.InferenceSession(str(path), providers=["CPUExecutionProvider"])
        out = session.run(None, {"image": example.numpy()})[0]
        diff = float(np.abs(out - reference).max())
        result["onnx"] = {"path": str(path), "max_abs_diff": diff, "ok": diff <= atol, "opset": opset}
    failed = [k for k in ("onnx", "torchscript") if k in result and not result[k]["ok"]]
    if failed:
        raise ExportError(f"export parity failed for {failed}: {result}", code="V040")
    return result
