"""Page furniture: letterheads, patient boxes, headers and footers.

A line is furniture when it carries a personal identifier (NHS number with a valid check
digit, codice fiscale, e-mail, phone, a "DOB:"/"MRN:"-style label, "SURNAME, Given"), or
when the same line (digits aside) repeats near the top or bottom of several pages.
Furniture never becomes a lab value: that keeps wrong values out and names and ids out
of the output.  The demographics reader still sees these lines (sex, age, dates).
"""

from __future__ import annotations

from collections import defaultdict

import regex

from ..lexicons import fold, load_lexicons
from ..params import ParseParams
from ..table.lines import Line

__all__ = ["find_furniture", "nhs_number_valid", "identifier_kind"]

_PAGE_NUMBER = regex.compile(r"\b(?:page|pagina|pag|p)\.?\s*\d+\s*(?:of|di|/)\s*\d+|\b\d+\s*/\s*\d+\s*$", regex.IGNORECASE)
# After a "SURNAME, Given" match, a lab row goes on with decimals or a range ("PROTEIN, Total  7.1  6.0 - 8.3").
_LAB_TAIL = regex.compile(r"\d[.,]\d|\d\s*[-–]\s*\d")


def nhs_number_valid(digits: str) -> bool:
    """The NHS number mod-11 check: weights 10..2 on the first nine digits."""
    digits = "".join(ch for ch in digits if ch.isdigit())
    if len(digits) != 10:
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1)))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(digits[9])


def identifier_kind(text: str) -> str | None:
    """The kind of the first personal identifier in ``text`` (see ``identifiers.tsv``), or None."""
    for kind, pattern in load_lexicons().identifiers.items():
        for m in pattern.finditer(text):
            if kind == "nhs_number" and not nhs_number_valid(m.group()):
                continue
            if kind == "person_comma" and _LAB_TAIL.search(text, m.end()):
                continue
            return kind
    return None


def _in_band(position: int, count: int, params: ParseParams) -> bool:
    return position < params.furniture_top_lines or position >= count - params.furniture_bottom_lines


def find_furniture(lines: list[Line], params: ParseParams = ParseParams()) -> dict[int, str]:
    """Line index -> why it is furniture ("identifier:<kind>" or "repeated")."""
    found: dict[int, str] = {}
    by_page: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if line.text.strip():
            by_page[line.page].append(line)
    for line in lines:
        kind = identifier_kind(line.text) if line.text.strip() else None
        if kind:
            found[line.index] = f"identifier:{kind}"
    if len(by_page) < params.furniture_min_pages:
        return found
    pages_of: dict[str, set[int]] = defaultdict(set)
    keyed: list[tuple[Line, str]] = []
    for page, page_lines in by_page.items():
        for position, line in enumerate(page_lines):
            if _in_band(position, len(page_lines), params):
                # Page numbers change from page to page; values do too, so other digits stay.
                key = fold(_PAGE_NUMBER.sub("#", line.text))
                if len(key) >= 4:
                    pages_of[key].add(page)
                    keyed.append((line, key))
    for line, key in keyed:
        if len(pages_of[key]) >= params.furniture_min_pages and line.index not in found:
            found[line.index] = "repeated"
    return found
