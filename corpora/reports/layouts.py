"""Layout choices for a generated report, sampled per report so that no two look alike."""

from __future__ import annotations

import random
from dataclasses import asdict, dataclass

__all__ = ["Layout", "sample_layout", "COLUMN_ORDERS"]

# Column orders after the name; "range" may be replaced by "min", "max".
COLUMN_ORDERS: tuple[tuple[str, ...], ...] = (
    ("result", "unit", "range"),
    ("result", "flag", "unit", "range"),
    ("result", "unit", "flag", "range"),
    ("result", "range", "unit"),
    ("result", "unit", "min", "max"),
    ("result", "min", "max", "unit"),
    ("result", "unit", "range", "flag"),
    ("result", "unit", "range", "previous"),
    ("result", "flag", "unit", "range", "previous"),
    ("unit", "result", "range"),
)


@dataclass(frozen=True)
class Layout:
    columns: tuple[str, ...] = ("result", "unit", "range")
    unit_placement: str = "column"  # column | glued | label | in_range
    range_style: str = "dash"  # dash | tight | div | to | brackets | words
    decimal: str = ","
    flag_style: str = "letter"  # letter | word | arrow | star | none
    ruled: bool = False
    two_columns: bool = False
    values_below_name: bool = False
    wrap_names: bool = False
    method_lines: bool = False
    sections: bool = True
    second_units: bool = False
    differential_abs: bool = True
    sex_specific: bool = False
    censored: bool = True
    qualitative: bool = False
    interpretation_table: bool = False
    rows_per_page: int = 40
    font: str = "Helvetica"
    right_align_numbers: bool = False
    colon_after_name: bool = False

    def describe(self) -> str:
        defaults = Layout()
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items() if v != getattr(defaults, k)) or "default"


def sample_layout(rng: random.Random, lang: str) -> Layout:
    columns = rng.choice(COLUMN_ORDERS)
    unit_placement = "column"
    if "unit" in columns and rng.random() < 0.35:
        unit_placement = rng.choice(["glued", "label", "in_range"])
    if unit_placement != "column":
        columns = tuple(c for c in columns if c != "unit") or ("result", "range")
    two_columns = rng.random() < 0.15 and "previous" not in columns and len(columns) <= 3
    return Layout(
        columns=columns,
        unit_placement=unit_placement,
        range_style=rng.choice(["dash", "dash", "tight", "div", "to", "brackets", "words"]),
        decimal="," if (lang == "it" and rng.random() < 0.9) or (lang == "en" and rng.random() < 0.05) else ".",
        flag_style=rng.choice(["letter", "letter", "word", "arrow", "star", "none"]),
        ruled=rng.random() < 0.4,
        two_columns=two_columns,
        values_below_name=rng.random() < 0.15 and not two_columns,
        wrap_names=rng.random() < 0.25 and not two_columns,
        method_lines=rng.random() < 0.3 and not two_columns,
        sections=rng.random() < 0.8,
        second_units=rng.random() < 0.3,
        differential_abs=rng.random() < 0.7,
        sex_specific=rng.random() < 0.3,
        censored=rng.random() < 0.7,
        qualitative=rng.random() < 0.4,
        interpretation_table=rng.random() < 0.3,
        rows_per_page=rng.choice([18, 26, 34, 60]),
        font=rng.choice(["Helvetica", "Times-Roman", "Courier"]),
        right_align_numbers=rng.random() < 0.4,
        colon_after_name=rng.random() < 0.15,
    )
