"""Fuzz the image readers and the run loader: every input must end as a picture or a coded error.

    python benchmarks/fuzz_images.py [--images 3000] [--runs 300] [--seed 0] [--timeout 30] [--memory-mb 3072]
                                     [--json FILE]

Images: the cases of ``corpora.images.damaged`` (truncated, zero-byte, 1x1, CMYK, 16-bit, palette/alpha, bombs,
animations named .jpg, EXIF rotation, text and folders named .jpg...) plus ``--images`` mutations of drawn lesion
photos generated here (baseline and progressive JPEG at HAM10000's 600x450, PNG, 16-bit PNG, TIFF, WebP, GIF):
byte flips, truncation, deleted, repeated and inserted spans, rewritten PNG/JPEG/GIF sizes, PNG chunks with
repaired CRCs (so damage gets past the checksum into the decoder). Each goes through ``vision.data.read_image``,
a tiny trained run's ``iter_outputs`` (decode, preprocess, network), ``corpora``'s ``check_image`` (header and
full) and ``load_rgb``.

Run folders: a ``cnd_tiny`` run trained here, tampered in fixed ways (every config field wrong, weights missing,
empty, truncated, pickled, NaN/Inf, overflowing, negative BatchNorm variance, wrong shapes and dtypes, split.csv
broken) and ``--runs`` random ways (a config leaf replaced, weight bytes flipped or cut); each goes through
``vision.inference.load_run`` + a prediction, ``vision.evaluate.evaluate_run`` and the multimodal image cache.

Every input runs in a worker process with a time limit (``--timeout`` s per input) and an address-space limit
(``--memory-mb`` over what the worker holds at start); a worker that times out or dies is replaced. Outcomes per
target: ``ok``, ``coded:<code>``, ``uncaught:<type>``, ``timeout``, ``crash``. The exit status is 1 when any input
ends in one of the last three, and the JSON report lists them with their inputs' names.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import multiprocessing as mp
import random
import re
import shutil
import struct
import sys
import tempfile
import time
import traceback
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

BAD = ("uncaught", "timeout", "crash")


# -- outcomes ------------------------------------------------------------------------------------------------------

def outcome_of(exc: BaseException | None) -> str:
    from reportparse.errors import DermalabError

    if exc is None:
        return "ok"
    if isinstance(exc, DermalabError) and exc.code:
        return f"coded:{exc.code}"
    return f"uncaught:{type(exc).__name__}"



def _attempt(results: dict[str, str], state: dict, name: str, call: Callable[[], Any]) -> Any:
    """Run one target: record ``name``'s outcome (a string the call returns is its outcome; any other value is
    "ok") and keep the traceback of a failure; return the value, or None when it raised."""
    try:
        value = call()
    except Exception as exc:  # noqa: BLE001 - the outcome is what is measured
        results[name] = outcome_of(exc)
        state["last_traceback"] = traceback.format_exc()
        return None
    results[name] = value if isinstance(value, str) else "ok"
    return value

# -- image inputs --------------------------------------------------------------------------------------------------

def seed_images() -> dict[str, bytes]:
    """Drawn lesion photos in the formats a reader meets, generated here (nothing copied)."""
    import numpy as np

    from corpora.images.damaged import encode, lesion, png_bytes, tiff_rgb16_bytes

    photo = lesion(1, (600, 450))
    small = lesion(2, (96, 72))
    rgb16 = np.asarray(small, dtype=np.uint16) * 257
    rows = b"".join(b"\x00" + rgb16[y].astype(">u2").tobytes() for y in range(rgb16.shape[0]))
    return {
        "jpeg_baseline.jpg": encode(photo, "JPEG", quality=90),
        "jpeg_progressive.jpg": encode(photo, "JPEG", quality=85, progressive=True, optimize=True),
        "jpeg_444.jpg": encode(small, "JPEG", quality=95, subsampling=0),
        "jpeg_cmyk.jpg": encode(small.convert("CMYK"), "JPEG"),
        "png_rgb.png": encode(small, "PNG"),
        "png_palette.png": encode(small.convert("P"), "PNG"),
        "png_rgba.png": encode(small.convert("RGBA"), "PNG"),
        "png_rgb16.png": png_bytes(96, 72, 2, 16, rows),
        "tiff_rgb16.tif": tiff_rgb16_bytes(rgb16),
        "tiff_lzw.tif": encode(small, "TIFF", compression="tiff_lzw"),
        "webp.webp": encode(small, "WEBP", quality=80),
        "gif.gif": encode(small, "GIF"),
        "bmp.bmp": encode(small, "BMP"),
    }


def _png_chunks(data: bytes) -> list[tuple[bytes, bytes]] | None:
    if not data.startswith(b"\x89PNG\r\n\x1a\n"):
        return None
    chunks, at = [], 8
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at:at + 8])
        chunks.append((kind, data[at + 8:at + 8 + length]))
        at += 12 + length
    return chunks


def _png_join(chunks: list[tuple[bytes, bytes]]) -> bytes:
    out = b"\x89PNG\r\n\x1a\n"
    for kind, body in chunks:
        out += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
    return out


def _flip(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 1, 2, 4, 16, 64])):
        at = rng.randrange(len(out))
        out[at] = rng.choice([out[at] ^ (1 << rng.randrange(8)), rng.randrange(256), 0, 255])
    return bytes(out)


def _truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.choice([rng.randrange(len(data)), rng.randrange(min(len(data), 400)), len(data) - 1])]


def _splice(data: bytes, rng: random.Random) -> bytes:
    a = rng.randrange(len(data))
    b = min(len(data), a + rng.choice([1, 8, 64, 1024]))
    how = rng.choice(["delete", "repeat", "insert"])
    if how == "delete":
        return data[:a] + data[b:]
    if how == "repeat":
        return data[:b] + data[a:b] * rng.choice([2, 10, 100]) + data[b:]
    return data[:a] + bytes(rng.randrange(256) for _ in range(b - a)) + data[a:]


_SIDES = [0, 1, 15, 16, 17, 255, 4096, 7745, 7746, 9000, 20000, 65535, 2**31 - 1, 2**32 - 1]


def _resize_header(data: bytes, rng: random.Random) -> bytes:
    """Another width and height in the header, the rest as it was (a decompression bomb, or a lie)."""
    w, h = rng.choice(_SIDES), rng.choice(_SIDES)
    chunks = _png_chunks(data)
    if chunks and chunks[0][0] == b"IHDR":
        chunks[0] = (b"IHDR", struct.pack(">II", w, h) + chunks[0][1][8:])
        return _png_join(chunks)
    if data.startswith(b"GIF8"):
        return data[:6] + struct.pack("<HH", w & 0xFFFF, h & 0xFFFF) + data[10:]
    sof = re.search(rb"\xff[\xc0-\xc2]", data)
    if sof:  # JPEG start of frame: marker, length (2), precision (1), height (2), width (2)
        at = sof.start() + 5
        return data[:at] + struct.pack(">HH", h & 0xFFFF, w & 0xFFFF) + data[at + 4:]
    return _flip(data, rng)


def _png_chunk_damage(data: bytes, rng: random.Random) -> bytes:
    """Damage inside one PNG chunk, CRC repaired: IHDR fields, palette, zlib stream, ancillary chunks."""
    chunks = _png_chunks(data)
    if not chunks:
        return _flip(data, rng)
    i = rng.randrange(len(chunks))
    kind, body = chunks[i]
    choice = rng.choice(["flip", "cut", "drop", "double", "swap"])
    if choice == "flip" and body:
        body = _flip(body, rng)
    elif choice == "cut":
        body = body[:rng.randrange(len(body) + 1)]
    elif choice == "drop":
        del chunks[i]
        return _png_join(chunks)
    elif choice == "double":
        chunks.insert(i, (kind, body))
    else:
        j = rng.randrange(len(chunks))
        chunks[i], chunks[j] = chunks[j], chunks[i]
        return _png_join(chunks)
    chunks[i] = (kind, body)
    return _png_join(chunks)


MUTATORS: dict[str, Callable[[bytes, random.Random], bytes]] = {
    "flip": _flip, "truncate": _truncate, "splice": _splice, "resize_header": _resize_header,
    "png_chunk": _png_chunk_damage,
}


@dataclass(frozen=True)
class Input:
    name: str
    kind: str  # "image", "run" or "weights"
    path: str  # the image file, the tampered run directory, or a weights file
    expect: str | None = None  # catalogue cases: "ok" or a problem kind
    fixed: bool = False  # a named case (its outcomes are reported one by one), not a random mutation


def image_inputs(folder: Path, count: int, rng: random.Random) -> list[Input]:
    from corpora.images.damaged import damaged_cases

    inputs = []
    for case in damaged_cases():
        where = folder / f"case_{case.name}"
        where.mkdir()
        inputs.append(Input(f"case:{case.name}", "image", str(case.write(where)), case.expect, fixed=True))
    seeds = seed_images()
    names = sorted(seeds)
    for i in range(count):
        seed = names[i % len(names)]
        mutator = rng.choice(sorted(MUTATORS))
        data = seeds[seed]
        for _ in range(rng.choice([1, 1, 1, 2, 3])):
            data = MUTATORS[mutator](data, rng) or b"\x00"
        path = folder / f"mut_{i:05d}{Path(seed).suffix}"
        path.write_bytes(data)
        inputs.append(Input(f"{mutator}:{seed}", "image", str(path)))
    return inputs


# -- run folders ---------------------------------------------------------------------------------------------------

def make_tiny_run(folder: Path) -> tuple[Path, Path]:
    """A cnd_tiny run trained for one epoch on a drawn dataset, and one of its images."""
    from corpora.images import load_dataset
    from corpora.images.fake import write_fake_dataset
    from vision.train import TrainConfig, train

    dataset = load_dataset(write_fake_dataset(folder / "data", "ham10000", per_class=8, size=(48, 40)))
    run = folder / "tiny_run"
    train(TrainConfig(model="cnd_tiny", epochs=1, batch_size=8, input_size=(32, 32), tta=False), dataset, run,
          progress=False)
    return run, Path(dataset.records[0].image)


def _existing_run(run: Path) -> tuple[Path, Path]:
    """A run given with --run, and the first of its split's images."""
    from vision.checkpoint import read_split

    return run, Path(read_split(run, required=True)[0]["image"])


def _edit_config(change: Callable[[dict], Any]) -> Callable[[Path], None]:
    def apply(run: Path) -> None:
        config = json.loads((run / "config.json").read_text())
        change(config)
        (run / "config.json").write_text(json.dumps(config))
    return apply


def _set(path: list, value: Any) -> Callable[[dict], None]:
    def change(config: dict) -> None:
        target = config
        for key in path[:-1]:
            target = target[key]
        if value is _DELETE:
            target.pop(path[-1], None)
        else:
            target[path[-1]] = value
    return change


_DELETE = object()


def _write_file(name: str, data: bytes | Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(run: Path) -> None:
        path = run / name
        path.write_bytes(data(path.read_bytes()) if callable(data) else data)
    return apply


def _remove(name: str) -> Callable[[Path], None]:
    return lambda run: (run / name).unlink()


def _edit_weights(change: Callable[[dict], None]) -> Callable[[Path], None]:
    def apply(run: Path) -> None:
        from safetensors.torch import load_file, save_file

        state = load_file(str(run / "model.safetensors"))
        change(state)
        save_file(state, str(run / "model.safetensors"))
    return apply


def _weights_changes() -> dict[str, Callable[[dict], None]]:
    import torch

    def first(state: dict, suffix: str = "weight") -> str:
        return next(k for k in state if k.endswith(suffix))

    def fill(value: float, suffix: str = "weight") -> Callable[[dict], None]:
        return lambda s: s[first(s, suffix)].fill_(value)

    return {
        "weights_nan": fill(float("nan")),
        "weights_inf": fill(float("inf")),
        "weights_overflow": fill(3e38),
        "bn_negative_variance": fill(-1.0, "running_var"),
        "weights_wrong_shape": lambda s: s.__setitem__(first(s), torch.zeros(1, 1)),
        "weights_missing_tensor": lambda s: s.pop(first(s)),
        "weights_extra_tensor": lambda s: s.__setitem__("extra.weight", torch.zeros(3)),
        "weights_int_dtype": lambda s: s.__setitem__(first(s), s[first(s)].to(torch.int32)),
        "weights_half_dtype": lambda s: s.__setitem__(first(s), s[first(s)].half()),
        "weights_empty_state": lambda s: s.clear() or s.__setitem__("x", torch.zeros(1)),
    }


def _pickle_payload() -> bytes:
    import os

    import torch

    class Payload:
        def __reduce__(self):
            return (os.system, ("echo fuzz_images: this payload ran",))

    buffer = io.BytesIO()
    torch.save({"state_dict": {"w": Payload()}}, buffer)
    return buffer.getvalue()


def _split_changes() -> dict[str, Callable[[Path], None]]:
    def rewrite(change: Callable[[list[str]], list[str]]) -> Callable[[Path], None]:
        def apply(run: Path) -> None:
            path = run / "split.csv"
            path.write_text("\n".join(change(path.read_text().splitlines())) + "\n")
        return apply

    return {
        "split_missing": _remove("split.csv"),
        "split_empty": _write_file("split.csv", b""),
        "split_no_label_column": rewrite(lambda lines: [",".join(c for i, c in enumerate(line.split(",")) if i != 2)
                                                         for line in lines]),
        "split_short_rows": rewrite(lambda lines: [lines[0]] + [line.rsplit(",", 2)[0] for line in lines[1:]]),
        "split_binary": _write_file("split.csv", bytes(range(256)) * 4),
        "split_no_test_rows": rewrite(lambda lines: [line for line in lines if not line.endswith(",test")]),
    }


def run_tampering() -> dict[str, Callable[[Path], None]]:
    """Every fixed way a run folder is tampered with, by name."""
    cases: dict[str, Callable[[Path], None]] = {
        "intact": lambda run: None,
        "config_missing": _remove("config.json"),
        "config_empty": _write_file("config.json", b""),
        "config_not_json": _write_file("config.json", b"{\"model\": "),
        "config_list": _write_file("config.json", b"[]"),
        "config_null": _write_file("config.json", b"null"),
        "config_latin1": _write_file("config.json", "{\"model\": \"cnd_tïny\"}".encode("latin-1")),
        "config_deep": _write_file("config.json", b"[" * 100_000 + b"]" * 100_000),
        "config_is_folder": lambda run: ((run / "config.json").unlink(), (run / "config.json").mkdir()),
        "weights_missing": _remove("model.safetensors"),
        "weights_empty": _write_file("model.safetensors", b""),
        "weights_truncated": _write_file("model.safetensors", lambda d: d[:len(d) // 2]),
        "weights_header_cut": _write_file("model.safetensors", lambda d: d[:12]),
        "weights_garbage": _write_file("model.safetensors", bytes(random.Random(0).randrange(256)
                                                                   for _ in range(4096))),
        "weights_pickle": _write_file("model.safetensors", lambda d: _pickle_payload()),
        "weights_is_folder": lambda run: ((run / "model.safetensors").unlink(), (run / "model.safetensors").mkdir()),
    }
    for name, (path, value) in _config_changes().items():
        cases[name] = _edit_config(_set(path, value))
    for name, change in _weights_changes().items():
        cases[name] = _edit_weights(change)
    cases.update(_split_changes())
    return cases


def _config_changes() -> dict[str, tuple[list, Any]]:
    return {
        "model_deleted": (["model"], _DELETE), "model_number": (["model"], 5), "model_unknown": (["model"], "resnet"),
        "classes_deleted": (["classes"], _DELETE), "classes_string": (["classes"], "nevus"),
        "classes_numbers": (["classes"], [1, 2, 3]), "classes_empty": (["classes"], []),
        "classes_one": (["classes"], ["nevus"]), "classes_duplicate": (["classes"], ["a", "a", "b"]),
        "classes_many": (["classes"], [f"c{i}" for i in range(100_000)]),
        "classes_four": (["classes"], ["a", "b", "c", "d"]),
        "kwargs_weights": (["model_kwargs"], {"weights": "imagenet"}),
        "kwargs_num_classes": (["model_kwargs"], {"num_classes": 5}),
        "kwargs_huge_hidden": (["model_kwargs"], {"hidden": 10**9}),
        "kwargs_huge_channels": (["model_kwargs"], {"channels": [10**6, 10**6]}),
        "kwargs_negative_channels": (["model_kwargs"], {"channels": [-4, 8]}),
        "kwargs_unknown": (["model_kwargs"], {"bogus": 1}),
        "kwargs_string": (["model_kwargs"], "hidden=8"),
        "kwargs_bad_dropout": (["model_kwargs"], {"dropout": 5}),
        "preprocess_deleted": (["preprocess"], _DELETE), "preprocess_list": (["preprocess"], [32, 32]),
        "input_size_zero": (["preprocess", "input_size"], [0, 0]),
        "input_size_negative": (["preprocess", "input_size"], [-32, 32]),
        "input_size_huge": (["preprocess", "input_size"], [20000, 20000]),
        "input_size_2049": (["preprocess", "input_size"], [2049, 32]),
        "input_size_one": (["preprocess", "input_size"], [1, 1]),
        "input_size_float": (["preprocess", "input_size"], [32.5, 32]),
        "input_size_bool": (["preprocess", "input_size"], [True, True]),
        "input_size_strings": (["preprocess", "input_size"], ["32", "32"]),
        "input_size_three": (["preprocess", "input_size"], [32, 32, 32]),
        "input_size_scalar": (["preprocess", "input_size"], 32),
        "mean_short": (["preprocess", "mean"], [0.5, 0.5]),
        "mean_strings": (["preprocess", "mean"], ["a", "b", "c"]),
        "mean_nan": (["preprocess", "mean"], [float("nan")] * 3),
        "mean_out_of_range": (["preprocess", "mean"], [128, 128, 128]),
        "std_zero": (["preprocess", "std"], [0, 0, 0]),
        "std_negative": (["preprocess", "std"], [-0.2, 0.2, 0.2]),
        "std_tiny": (["preprocess", "std"], [1e-30, 1e-30, 1e-30]),
        "std_inf": (["preprocess", "std"], [float("inf")] * 3),
        "colour_constancy_string": (["preprocess", "colour_constancy"], "yes"),
        "colour_constancy_on": (["preprocess", "colour_constancy"], True),
    }


_LEAF_VALUES = [None, -1, 0, 1, 2.5, 1e308, -1e308, float("nan"), True, "", "x" * 10_000, [], {}, [1, 2],
                {"a": 1}, 2**70, "nevus", [0.5, 0.5, 0.5], [32, 32]]


def _leaves(value: Any, path: tuple = ()) -> list[tuple]:
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in _leaves(v, path + (k,))] + [path]
    if isinstance(value, list) and len(value) <= 8:
        return [p for i, v in enumerate(value) for p in _leaves(v, path + (i,))] + [path]
    return [path]


def random_tampering(rng: random.Random, config: dict, weights_size: int) -> tuple[str, Callable[[Path], None]]:
    """A config leaf replaced by an odd value, or weight bytes flipped or cut at random places."""
    how = rng.choice(["config", "config", "weights_flip", "weights_cut"])
    if how == "config":
        path = rng.choice([p for p in _leaves(config) if p])
        value = rng.choice(_LEAF_VALUES)
        return f"config:{'.'.join(map(str, path))}", _edit_config(_set(list(path), value))
    if how == "weights_flip":
        spots = [rng.randrange(weights_size) for _ in range(rng.choice([1, 4, 32]))]
        values = [rng.randrange(256) for _ in spots]

        def flip(data: bytes) -> bytes:
            out = bytearray(data)
            for at, v in zip(spots, values):
                out[at] = v
            return bytes(out)
        return "weights:flip", _write_file("model.safetensors", flip)
    cut = rng.randrange(weights_size)
    return "weights:cut", _write_file("model.safetensors", lambda d: d[:cut])


def weights_inputs(folder: Path, run: Path) -> list[Input]:
    """PyTorch files as ``--weights`` and the models' loaders read them: pickles with code, damaged, odd contents."""
    import torch
    from safetensors.torch import load_file

    state = load_file(str(run / "model.safetensors"))
    good = io.BytesIO()
    torch.save(state, good)
    odd = {"list": [1, 2, 3], "tensor": torch.zeros(3), "names_to_numbers": {"w": 1}, "nested": {"state_dict": state}}
    files = {"state_dict.pt": good.getvalue(), "pickle_payload.pt": _pickle_payload(),
             "truncated.pt": good.getvalue()[:len(good.getvalue()) // 2], "empty.pt": b"",
             "garbage.pt": bytes(random.Random(1).randrange(256) for _ in range(4096))}
    for name, value in odd.items():
        buffer = io.BytesIO()
        torch.save(value, buffer)
        files[f"{name}.pt"] = buffer.getvalue()
    inputs = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        inputs.append(Input(f"weights:{name}", "weights", str(folder / name), fixed=True))
    return inputs


def run_inputs(folder: Path, run: Path, count: int, rng: random.Random, fixed_cases: bool = True) -> list[Input]:
    config = json.loads((run / "config.json").read_text())
    size = (run / "model.safetensors").stat().st_size
    fixed = [(name, tamper) for name, tamper in run_tampering().items() if fixed_cases or name == "intact"]
    cases = fixed + [random_tampering(rng, config, size) for _ in range(count)]
    inputs = []
    for i, (name, tamper) in enumerate(cases):
        copy = folder / f"run_{i:04d}"
        shutil.copytree(run, copy, ignore=shutil.ignore_patterns("*.png", "*.md", "last_state.pt"))
        tamper(copy)
        inputs.append(Input(name, "run", str(copy), fixed=i < len(fixed)))
    return inputs


# -- the worker ----------------------------------------------------------------------------------------------------

def _image_targets(path: str, state: dict) -> dict[str, str]:
    from corpora.images.checks import check_image
    from corpora.images.torch_dataset import load_rgb
    from vision.data import read_image

    results: dict[str, str] = {}
    _attempt(results, state, "read_image", lambda: read_image(path, 40))
    _attempt(results, state, "read_image_full", lambda: read_image(path, reduce_on_decode=False))
    _attempt(results, state, "corpora_load_rgb", lambda: load_rgb(path))
    for mode in ("header", "full"):
        _attempt(results, state, f"check_image_{mode}",
                 lambda: "ok" if check_image(Path(path), mode) is None else "problem")

    def predict() -> str:
        (output,) = list(state["run"].iter_outputs([path]))
        return outcome_of(output.error)
    _attempt(results, state, "predict", predict)
    return results


def _run_targets(run_dir: str, state: dict) -> dict[str, str]:
    import numpy as np

    from multimodal.image_features import ImageFeatureCache
    from vision.evaluate import evaluate_run
    from vision.inference import load_run

    results: dict[str, str] = {}
    attempt = functools.partial(_attempt, results, state)
    run = attempt("load_run", lambda: load_run(run_dir))
    if run is not None:
        def predict() -> None:
            (output,) = list(run.iter_outputs([state["image"]]))
            if output.error is not None:
                raise output.error
            if not np.isfinite(output.values).all():
                raise FloatingPointError("non-finite probabilities were returned")
        attempt("predict", predict)
    attempt("evaluate", lambda: evaluate_run(run_dir))
    attempt("multimodal_cache", lambda: ImageFeatureCache(run_dir, Path(run_dir) / "cache").features([state["image"]]))
    return results


def _weights_targets(path: str, state: dict) -> dict[str, str]:
    from vision.checkpoint import load_state_dict_file

    results: dict[str, str] = {}
    # create_model(weights=FILE) goes on to the builders' own load_state_dict (vision/models/*): not measured here
    _attempt(results, state, "load_state_dict_file", lambda: load_state_dict_file(path))
    return results


TARGETS = {"image": _image_targets, "run": _run_targets, "weights": _weights_targets}


def _limit_memory(megabytes: int) -> None:
    import resource

    size = int(re.search(r"VmSize:\s+(\d+) kB", Path("/proc/self/status").read_text()).group(1)) * 1024
    limit = size + megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def worker(connection, run_dir: str, image: str, memory_mb: int) -> None:
    import warnings

    import torch

    from vision.inference import load_run

    warnings.simplefilter("ignore")
    torch.set_num_threads(1)
    state = {"run": load_run(run_dir), "image": image}
    _limit_memory(memory_mb)
    connection.send("ready")
    while True:
        task = connection.recv()
        if task is None:
            return
        state["last_traceback"] = ""
        item = Input(**task)
        results = TARGETS[item.kind](item.path, state)
        bad = any(r.startswith(BAD) for r in results.values())
        connection.send((results, state["last_traceback"] if bad else ""))


class Pool:
    """One worker process at a time, replaced after a timeout or a death."""

    def __init__(self, run_dir: Path, image: Path, timeout: float, memory_mb: int) -> None:
        self.args = (str(run_dir), str(image), memory_mb)
        self.timeout = timeout
        self.context = mp.get_context("spawn")  # a fresh interpreter: no threads inherited from this one
        self.process = None
        self.restarts = 0

    def _start(self) -> None:
        self.connection, child = self.context.Pipe()
        self.process = self.context.Process(target=worker, args=(child, *self.args), daemon=True)
        self.process.start()
        if not self.connection.poll(300) or self.connection.recv() != "ready":
            raise RuntimeError("the fuzz worker did not start")

    def _stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.process = None
        self.restarts += 1

    def run(self, item: Input) -> tuple[dict[str, str], str]:
        if self.process is None:
            self._start()
        self.connection.send(item.__dict__)
        try:
            ready = self.connection.poll(self.timeout)
        except (EOFError, OSError):
            ready = True
        if not ready:
            self._stop()
            return {"all": "timeout"}, ""
        try:
            return self.connection.recv()
        except (EOFError, OSError):
            code = self.process.exitcode
            self._stop()
            return {"all": "crash"}, f"worker exit code {code}"

    def close(self) -> None:
        if self.process is not None:
            self.connection.send(None)
            self.process.join(10)


# -- the report ----------------------------------------------------------------------------------------------------

def _expected_codes() -> dict[str, set[str]]:
    """Catalogue kinds to the outcomes vision may give (corpora answers 'problem' or coded D002)."""
    from vision.data import IMAGE_PROBLEM_CODES

    return {kind: {f"coded:{code}"} for kind, code in IMAGE_PROBLEM_CODES.items()} | {"ok": {"ok"}}


def fuzz(images: int, runs: int, seed: int, timeout: float, memory_mb: int, progress: bool = True,
         fixed_runs: bool = True, base_run: Path | None = None) -> dict:
    rng = random.Random(seed)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="fuzz_images_") as tmp:
        folder = Path(tmp)
        run, image = make_tiny_run(folder / "base") if base_run is None else _existing_run(base_run)
        (folder / "images").mkdir()
        (folder / "runs").mkdir()
        (folder / "weights").mkdir()
        inputs = (image_inputs(folder / "images", images, rng) + run_inputs(folder / "runs", run, runs, rng, fixed_runs)
                  + weights_inputs(folder / "weights", run))
        pool = Pool(run, image, timeout, memory_mb)
        counts: dict[str, Counter] = defaultdict(Counter)
        bad, surprises, named = [], [], {}
        expected = _expected_codes()
        try:
            for n, item in enumerate(inputs, 1):
                results, trace = pool.run(item)
                if item.fixed:
                    named[item.name] = results
                for target, outcome in results.items():
                    counts[f"{item.kind}:{target}"][outcome] += 1
                    if outcome.startswith(BAD):
                        bad.append({"input": item.name, "target": target, "outcome": outcome,
                                    "traceback": trace[-2000:]})
                if item.expect is not None and results.get("read_image") not in expected[item.expect]:
                    surprises.append({"input": item.name, "expected": item.expect, "got": results})
                if progress and n % 200 == 0:
                    print(f"{n}/{len(inputs)} inputs, {len(bad)} bad outcome(s)", file=sys.stderr)
        finally:
            pool.close()
    return {"images": sum(i.kind == "image" for i in inputs), "runs": sum(i.kind == "run" for i in inputs),
            "weights_files": sum(i.kind == "weights" for i in inputs),
            "seed": seed, "timeout_s": timeout, "memory_mb": memory_mb, "worker_restarts": pool.restarts,
            "seconds": round(time.perf_counter() - started, 1),
            "counts": {k: dict(sorted(v.items())) for k, v in sorted(counts.items())},
            "bad": bad, "catalogue_surprises": surprises, "fixed_cases": named}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--images", type=int, default=3000, help="mutated images (besides the catalogue cases)")
    parser.add_argument("--runs", type=int, default=300, help="randomly tampered runs (besides the fixed ones)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds per input")
    parser.add_argument("--memory-mb", type=int, default=3072, help="address space a worker may add")
    parser.add_argument("--no-fixed-runs", action="store_true",
                        help="only the intact run and the random tampering (the fixed cases have their own tests)")
    parser.add_argument("--run", type=Path, help="tamper with this run (it is copied, never changed) instead of "
                                                 "training a cnd_tiny run first")
    parser.add_argument("--json", help="also write the report here")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args(argv)
    report = fuzz(args.images, args.runs, args.seed, args.timeout, args.memory_mb, progress=not args.quiet,
                  fixed_runs=not args.no_fixed_runs, base_run=args.run)
    text = json.dumps(report, indent=1)
    if args.json:
        Path(args.json).write_text(text, encoding="utf-8")
    print(text)
    return 1 if report["bad"] or report["catalogue_surprises"] else 0


if __name__ == "__main__":
    sys.exit(main())
