"""Write generated reports to disk (PDF, text, markdown, OCR-like text) with their gold files."""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from .compose import compose_report
from .families import FAMILIES, select_families
from .layouts import Layout
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
    families: Iterable[str] | None = None,
    exclude_families: Iterable[str] | None = None,
) -> Iterator[tuple[GeneratedReport, str]]:
    """Yield ``n`` (report, format) pairs; deterministic by seed.

    Report ``i`` is drawn from family ``i % len(selected)`` of ``families`` (all registered families when None)
    less ``exclude_families``, unknown names raising G001.  Each report draws from its own generator, seeded by
    seed, language, family and how many of that family came before, so a family's k-th report is the same
    whichever other families are selected.  Each family goes through ``formats`` in turn.  With ``layout``
    every report uses that layout instead, drawn as before families existed."""
    if layout is not None:
        if families is not None or exclude_families is not None:
            raise ValueError("give either a layout or families, not both")
        return _layout_reports(n, lang, seed, formats, layout)
    return _family_reports(n, lang, seed, formats, select_families(families, exclude_families))


def _layout_reports(n: int, lang: str, seed: int, formats: tuple[str, ...],
                    layout: Layout) -> Iterator[tuple[GeneratedReport, str]]:
    rng = random.Random(f"{seed}-{lang}")
    for i in range(n):
        fmt = formats[i % len(formats)]
        chosen = replace(layout, two_columns=False) if fmt == "md" and layout.two_columns else layout
        yield compose_report(rng, lang, chosen, report_id=f"{lang}{seed:03d}_{i:04d}"), fmt


def _family_reports(n: int, lang: str, seed: int, formats: tuple[str, ...],
                    names: list[str]) -> Iterator[tuple[GeneratedReport, str]]:
    for i in range(n):
        j, k = i % len(names), i // len(names)
        name = names[j]
        fmt = formats[(j + k) % len(formats)]
        rng = random.Random(f"{seed}-{lang}-{name}-{k}")
        chosen = FAMILIES[name].sample(rng, lang)
        if fmt == "md" and chosen.two_columns:
            chosen = replace(chosen, two_columns=False)
        yield compose_report(rng, lang, chosen, report_id=f"{lang}{seed:03d}_{i:04d}_{name}"), fmt
