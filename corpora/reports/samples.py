"""The bundled sample reports: hand-picked layouts covering the difficulties real reports show.

``python -m corpora samples`` rewrites ``corpora/samples/reports`` from this list; a test
checks that the committed files are exactly what it produces.
"""

from __future__ import annotations

import random
from pathlib import Path

from .compose import compose_report
from .generator import write_report
from .layouts import Layout

__all__ = ["SAMPLES", "write_samples", "SAMPLES_DIR"]

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "samples" / "reports"

# (id, language, format, layout, panels, patient sex)
SAMPLES: list[tuple[str, str, str, Layout, tuple[str, ...], str]] = [
    ("it01_two_tables_minmax", "it", "pdf",
     Layout(columns=("result", "min", "max"), unit_placement="label", two_columns=True, colon_after_name=True,
            flag_style="none", sections=False, rows_per_page=60, font="Times-Roman"),
     ("chemistry", "electrolytes", "iron", "lipids"), "F"),
    ("it02_multipage_previous", "it", "pdf",
     Layout(columns=("result", "flag", "unit", "range", "previous"), flag_style="word", range_style="div",
            method_lines=True, sex_specific=True, qualitative=True, rows_per_page=24, right_align_numbers=True,
            ruled=True),
     ("cbc", "differential", "chemistry", "inflammation", "urine"), "M"),
    ("it03_ocr_two_units", "it", "txt",
     Layout(columns=("result", "unit", "range"), range_style="brackets", second_units=True, values_below_name=True,
            flag_style="star", rows_per_page=60),
     ("chemistry", "cbc", "differential", "lipids"), "F"),
    ("it04_markdown_glued", "it", "md",
     Layout(columns=("result", "range"), unit_placement="glued", flag_style="star", range_style="to",
            interpretation_table=True),
     ("cbc", "lipids", "thyroid", "other"), "M"),
    ("en01_flags_wrapped", "en", "pdf",
     Layout(columns=("result", "flag", "unit", "range"), decimal=".", flag_style="letter", wrap_names=True,
            interpretation_table=True, ruled=True, font="Helvetica"),
     ("cbc", "differential", "lipids", "thyroid"), "M"),
    ("en02_unit_in_reference", "en", "pdf",
     Layout(columns=("result", "range"), unit_placement="in_range", decimal=".", range_style="to",
            flag_style="arrow", sex_specific=True, qualitative=True, rows_per_page=30),
     ("cbc", "chemistry", "inflammation", "urine"), "F"),
    ("en03_unit_first_text", "en", "txt",
     Layout(columns=("unit", "result", "range"), decimal=".", flag_style="letter", right_align_numbers=True,
            censored=True, method_lines=True),
     ("cbc", "chemistry", "electrolytes", "other"), "M"),
    ("en04_markdown_status", "en", "md",
     Layout(columns=("result", "unit", "range", "flag"), decimal=".", flag_style="word", censored=True),
     ("chemistry", "electrolytes", "iron", "inflammation"), "F"),
    ("en05_minmax_text", "en", "txt",
     Layout(columns=("result", "unit", "min", "max"), decimal=".", flag_style="none", sections=True),
     ("cbc", "differential", "chemistry"), "M"),
]


def write_samples(out_dir: str | Path = SAMPLES_DIR, seed: int = 2026) -> list[Path]:
    written = []
    for sample_id, lang, fmt, layout, panels, sex in SAMPLES:
        rng = random.Random(f"{seed}-{sample_id}")
        report = compose_report(rng, lang, layout, report_id=sample_id, sex=sex, panels=panels)
        raw, _ = write_report(report, out_dir, fmt)
        written.append(raw)
    return written
