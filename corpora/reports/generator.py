"""Write generated reports to disk (PDF, text, markdown, OCR-like text) with their gold files."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Iterator

from .compose import compose_report
from .layouts import Layout, sample_layout
from .model import GeneratedReport
from .noise import ocr_noise
from .render_pdf import render_pdf
from .render_text import render_markdown, render_text

__all__ = ["write_report", "generate_corpus", "FORMATS"]

# "ocr" is the text rendering degraded by OCR-like noise (saved as .txt).
FORMATS = ("pdf", "txt", "md", "ocr")


def write_report(report: GeneratedReport, out_dir: str | Path, fmt: str) -> tuple[Path, Path]:
    """Render ``report`` as ``fmt`` into ``out_dir/raw`` and its gold into ``out_dir/gold``."""
    out_dir = Path(out_dir)
    (out_dir / "raw").mkdir(parents=True, exist_ok=True)
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    raw = out_dir / "raw" / f"{report.id}.{'txt' if fmt == 'ocr' else fmt}"
    if fmt == "pdf":
        render_pdf(report, raw)
    elif fmt == "md":
        raw.write_text(render_markdown(report), encoding="utf-8")
    elif fmt == "txt":
        raw.write_text(render_text(report), encoding="utf-8")
    elif fmt == "ocr":
        raw.write_text(ocr_noise(render_text(report), random.Random(report.id)), encoding="utf-8")
    else:
        raise ValueError(f"unknown format {fmt!r}; use one of {FORMATS}")
    gold = out_dir / "gold" / f"{report.id}.json"
    data = report.gold(raw.name)
    if fmt == "ocr":
        data["notes"] += " Text degraded with OCR-like noise; gold is the report as printed before noise."
    gold.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return raw, gold


def generate_corpus(
    n: int,
    *,
    lang: str,
    seed: int = 0,
    formats: tuple[str, ...] = FORMATS,
    layout: Layout | None = None,
) -> Iterator[tuple[GeneratedReport, str]]:
    """Yield ``n`` (report, format) pairs, each with its own sampled layout; deterministic by seed."""
    rng = random.Random(f"{seed}-{lang}")
    for i in range(n):
        fmt = formats[i % len(formats)]
        chosen = layout or sample_layout(rng, lang)
        if fmt == "md" and chosen.two_columns:
            chosen = Layout(**{**chosen.__dict__, "two_columns": False})
        yield compose_report(rng, lang, chosen, report_id=f"{lang}{seed:03d}_{i:04d}"), fmt
