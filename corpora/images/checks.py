"""Find unreadable and truncated images without stopping at the first one."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterable

from .decode import DEFAULT_LIMITS, ImageLimits, ImageProblem, check_file_image

__all__ = ["check_image", "check_images"]


def check_image(path: Path, mode: str = "full", limits: ImageLimits = DEFAULT_LIMITS) -> str | None:
    """None when the image is fine, else why not. ``mode``: 'header' (fast: file, format, size, frames and
    Pillow's structural check) or 'full' (decodes; JPEG at 1/8 scale, which still reads every scan: truncation is
    caught at a fraction of the cost). The limits are ``corpora.images.decode``'s (60 M pixels, 16 a side)."""
    try:
        check_file_image(path, mode, limits)
    except ImageProblem as problem:
        return str(problem)
    return None


def check_images(paths: Iterable[Path], mode: str = "full", progress: bool = False) -> dict[Path, str]:
    """Problems by path, checked in a few threads (decoding releases the GIL)."""
    paths = list(paths)
    if mode == "none" or not paths:
        return {}
    from tqdm import tqdm

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(tqdm(pool.map(lambda p: check_image(p, mode), paths), total=len(paths), unit="img",
                            disable=not progress, desc="checking images"))
    return {p: r for p, r in zip(paths, results) if r is not None}
