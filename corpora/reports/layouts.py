"""Layout choices for a generated report, sampled per report so that no two look alike.

:func:`sample_layout` draws the layouts the parser was written against.  The fields after
``colon_after_name`` are the options of the layout families (:mod:`.families`): their defaults
reproduce the original layouts exactly, so a layout that leaves them alone renders byte for byte
as before (the bundled samples depend on it).
"""

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
    # -- family options (corpora.reports.families); the defaults keep the original layouts --------------------
    family: str = ""  # the family that drew this layout
    panels: tuple[str, ...] = ()  # panels printed; empty: drawn per report
    style: str = "table"  # table | portal | app | cards | keyvalue | kv_compact | categories | risk | csv | pipe | grid
    variant: int = 0  # a style's own variant (status words, labels, punctuation...), see restyle.py
    range_at: str = "after"  # block styles: the reference line "before" / "after" the result, or "" (none)
    cards_per_row: int = 1
    lead_columns: tuple[str, ...] = ()  # printed before the name: "loinc" | "code"
    code_style: str = "alpha"  # the lab's own test codes: alpha (EMO01) | digits (0123)
    name_marks: str = ""  # footnote / performing-site marks after the name: digits | letter | bracket | super
    titles: tuple[tuple[str, str], ...] = ()  # column header words replacing the usual ones
    column_header: str = "every_page"  # every_page | first_page | none
    rules: str = ""  # "" (``ruled`` decides) | none | sparse | boxed | grid
    landscape: bool = False
    font_size: float = 0.0  # 0: 8.6 pt (7.4 with two tables)
    char_space: float = 0.0  # extra points between characters (negative: condensed)
    col_gap: float = 0.0  # 0: 14 pt between table columns
    leaders: str = ""  # dot leaders after the name ("." or "_")
    text_sep: str = ""  # text rendering: "" aligned columns | "tab"
    text_two_columns: bool = False  # text rendering: two tables side by side, like the PDF
    identity: str = ""  # "" (the short patient block) | box | letterhead, each optionally "+footer"
    flag_normal: str = ""  # printed in the flag column for a result within range (e.g. "N")
    canonical_units: bool = False  # always the first unit of an analyte
    ref_block: str = ""  # references printed apart, keyed by name: "" | section | report
    ref_lines: bool = False  # sex-specific references over two lines
    comments: bool = False  # comment lines between rows
    bold_abnormal: bool = False  # abnormal results in bold (no flag), explained by a legend
    section_pages: bool = False  # every section starts a page
    cumulative: str = ""  # dated result columns d0..dN: "" | first | last (where the current one is)
    # -- corpora.reports.families.fresh ----------------------------------------------------------------------
    delta: str = ""  # "delta" column: change from the previous result, "pct" (+4,2%) | "bare" (+4,2)
    remarks: float = 0.0  # "remark" column: share of rows given a free-text interpretive comment
    graph: str = ""  # "graph" column: a range bar with a position marker, the marker character ("o", "X", "#")
    grid_per_line: int = 0  # style "grid": tests side by side on one line (name | value | name | value)
    grid_sep: str = ""  # style "grid": text printed between the tests of a line ("" | "|" | ";")
    # -- corpora.reports.families.fresh2 (applied by fresh2.restyle_fresh2) -----------------------------------
    header_groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a title over adjacent columns, a line above
    caps_names: bool = False  # test names printed in capitals (the gold name is the printed one)
    name_numbers: str = ""  # a running number before the name, in its cell: "dot" (1.) | "paren" (1)) | "dash" (1 -)
    number_restart: bool = False  # name_numbers start again at 1 in every section
    ref_in_result: str = ""  # the reference in the result cell: "paren" (98 (70-100)) | "bracket" | "label"
    site_codes: bool = False  # "site" column: the performing laboratory's code, explained under the report
    interp_words: tuple[str, ...] = ()  # "interp" column: the (normal, high, low) word printed for every result
    # -- corpora.reports.families.fresh3 (applied by fresh3.restyle_fresh3) -----------------------------------
    ref_under: str = ""  # the reference on the line under the result, in its cell: paren | bracket | label | bare
    section_headers: str = ""  # a column header under every section, worded per section: "line" (after the section
    #                            title) | "cell" (the section title in the name column's header cell)

    @property
    def legacy(self) -> bool:
        """True when no family option is set: the layout renders exactly as the original generator did."""
        return all(getattr(self, name) == default for name, default in _FAMILY_DEFAULTS.items())

    def describe(self) -> str:
        defaults = Layout()
        return ", ".join(f"{k}={v}" for k, v in asdict(self).items() if v != getattr(defaults, k)) or "default"


_FAMILY_DEFAULTS = {name: getattr(Layout(), name) for name in list(Layout.__dataclass_fields__)[
    list(Layout.__dataclass_fields__).index("family"):]}


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
