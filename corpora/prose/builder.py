"""Text built piece by piece with exact entity spans, and the lab mentions that go into it.

:class:`Builder` appends plain text, entities (with their label) and negatives (numbers that are not lab values:
dates, doses, ages, scores, identifiers), so every offset is known by construction.  :class:`Doc` is one document
being written: its random generator, language, patient, decimal style, the values drawn, and the gold values and
relations recorded as mentions are written.  :func:`prepare_value` draws how one numeric result is printed.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from dataclasses import dataclass, field
from typing import Any

from reportparse.ner.data import Relation

from ..reports.compose import draw_value
from ..reports.formatting import format_number
from .lexicon import ANALYTES, MONTHS, QUALIFIERS, QUALIFIERS_HELD, RANGE_LABELS, RANGE_LABELS_HELD, Name, \
    ProseAnalyte, Scenario, Unit, agree

__all__ = ["Builder", "Doc", "ValueMention", "prepare_value", "Span"]

Span = tuple[int, int]
_MARK = re.compile(r"\[\[(.+?)\|(\w+)\]\]")


def capitalize(text: str) -> str:
    """Upper-case the first letter of a sentence when its first word is all lower case ("eGFR" stays)."""
    word = re.match(r"[^\s]*", text).group()
    if text[:1].islower() and word == word.lower():
        return text[0].upper() + text[1:]
    return text


class Builder:
    """Append-only text with entity and negative spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.entities: list[tuple[int, int, str]] = []
        self.texts: dict[Span, str] = {}
        self.negatives: list[tuple[int, int, str]] = []
        self.cap_next = False

    def _append(self, text: str) -> Span:
        if self.cap_next and text.strip():
            text = capitalize(text)
            self.cap_next = False
        start = self.pos
        self.parts.append(text)
        self.pos += len(text)
        return start, self.pos

    def t(self, text: str) -> None:
        """Plain text (no marks)."""
        if text:
            self._append(text)

    def ent(self, text: str, label: str) -> Span:
        if not text or text != text.strip():
            raise ValueError(f"entity text {text!r} is empty or padded")
        span = self._append(text)
        self.entities.append((*span, label))
        self.texts[span] = self.text_at(span)
        return span

    def neg(self, text: str, kind: str) -> None:
        span = self._append(text)
        self.negatives.append((*span, kind))

    def say(self, text: str) -> None:
        """Text with ``[[number|kind]]`` marks: the marked parts are recorded as negatives."""
        last = 0
        for m in _MARK.finditer(text):
            self.t(text[last:m.start()])
            self.neg(m.group(1), m.group(2))
            last = m.end()
        self.t(text[last:])

    def text_at(self, span: Span) -> str:
        return self.text[span[0]:span[1]]

    @property
    def text(self) -> str:
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def ends_with(self, suffix: str) -> bool:
        return self.text.endswith(suffix)


@dataclass
class ValueMention:
    """How one numeric (or censored) result is printed."""

    analyte: ProseAnalyte
    name: Name
    value_text: str
    value_gold: float | str
    unit: str | None
    direction: str  # "H" / "L" / "N" against the reference interval (what a qualifier may say)
    range_text: str | None = None
    ref_low: float | None = None
    ref_high: float | None = None
    flag_text: str | None = None
    flag_gold: str | None = None
    star_glued: bool = False
    glue: bool = False  # unit glued to the number ("7,1%", "450.000/mmc")
    unit_option: Unit | None = None


@dataclass
class Doc:
    """One document being written."""

    rng: random.Random
    lang: str
    held: bool  # a held-out template: only held-out forms
    scenario: Scenario
    sex: str
    age: int
    visit: dt.date
    drawn: dt.date  # when the bloods were taken
    decimal: str = ","
    thousands: bool = True  # counts may print a thousands separator
    range_rate: float = 0.25
    flag_rate: float = 0.05
    unit_drop: float = 0.05
    template: str = ""
    b: Builder = field(default_factory=Builder)
    values: dict[str, float] = field(default_factory=dict)
    gold: list[dict[str, Any]] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    forms: set[str] = field(default_factory=set)
    mentioned: set[str] = field(default_factory=set)
    identifiers: list[str] = field(default_factory=list)
    no_ranges: bool = False  # inside a parenthesis: ranges would nest
    no_value_mentions: list[dict[str, Any]] = field(default_factory=list)  # qualifier-only mentions
    wrap: int = 0  # wrap long lines at this width (0: as written)
    diagnosis: str = ""
    lead_given: bool = False  # the template printed the heading of the next lab passage
    verbs_ok: bool = True  # items may be clauses with a verb of their own
    body_end: int = 0  # where the SYNTHETIC footer starts (never wrapped)

    # -- numbers and dates --------------------------------------------------------------------------------
    def num(self, value: float, decimals: int, thousands: bool = False) -> str:
        return format_number(value, decimals, self.decimal, thousands and self.thousands)

    def date(self, day: dt.date, style: str | None = None) -> str:
        rng, lang = self.rng, self.lang
        if style is None:
            style = rng.choice(["num", "num", "num", "dots", "long"] if lang == "it" else
                               ["num", "num", "long", "long", "us", "short"])
        month = MONTHS[lang][day.month - 1]
        if style == "dots":
            return day.strftime("%d.%m.%Y")
        if style == "long":
            return f"{day.day} {month} {day.year}"
        if style == "us":
            return f"{month} {day.day}, {day.year}"
        if style == "short":
            return f"{day.day:02d}-{month[:3]}-{day.year}"
        return day.strftime("%d/%m/%Y")

    def value_of(self, analyte_id: str, shift: float | None = None) -> float:
        """The canonical value of an analyte for this patient (drawn once)."""
        if analyte_id not in self.values or shift is not None:
            spec = ANALYTES[analyte_id].spec
            s = self.scenario.shifts.get(analyte_id, 0.0) if shift is None else shift
            s = s * self.rng.uniform(0.5, 1.3) + self.rng.gauss(0, 0.3)
            value = draw_value(self.rng, spec, s)
            if shift is not None:
                return value
            self.values[analyte_id] = value
        return self.values[analyte_id]

    # -- choices --------------------------------------------------------------------------------------------
    def pick(self, options):
        return self.rng.choice(options)

    def qualifier(self, direction: str, name: Name | None = None, attributive: bool = False) -> str:
        table = (QUALIFIERS_HELD if self.held else QUALIFIERS)[self.lang][direction]
        if attributive:  # English, before the noun: "low ferritin", "normal renal function"
            table = tuple(q for q in table if " " not in q and q not in ("fine", "satisfactory", "unremarkable",
                                                                          "deficient")) or table[:1]
        text = self.rng.choice(table)
        return agree(text, name.gender, name.number) if self.lang == "it" and name is not None else text

    def range_label(self) -> str:
        return self.rng.choice((RANGE_LABELS_HELD if self.held else RANGE_LABELS)[self.lang])

    # -- recording ------------------------------------------------------------------------------------------
    def relate(self, vm: ValueMention, analyte: Span, value: Span, unit: Span | None, range_: Span | None,
               flag: Span | None) -> None:
        b = self.b
        self.relations.append(Relation(analyte, value, unit, range_, flag))
        self.gold.append({
            "analyte": b.texts[analyte], "value": vm.value_gold, "unit": b.texts[unit] if unit else None,
            "ref_low": vm.ref_low if range_ else None, "ref_high": vm.ref_high if range_ else None,
            "ref_text": b.texts[range_] if range_ else None, "flag": vm.flag_gold if flag else None,
            "id": vm.analyte.id})
        self.mentioned.add(vm.analyte.id)

    def relate_word(self, analyte_id: str, analyte: Span, value: Span, word_gold: str) -> None:
        """A qualitative result (or a titre): no unit, range or flag."""
        self.relations.append(Relation(analyte, value))
        self.gold.append({"analyte": self.b.texts[analyte], "value": word_gold, "unit": None, "ref_low": None,
                          "ref_high": None, "ref_text": None, "flag": None, "id": analyte_id})
        self.mentioned.add(analyte_id)


def _printed(value: float, unit: Unit) -> float:
    printed = value * unit.factor + unit.offset
    if unit.step:
        return max(unit.step, round(printed / unit.step) * unit.step)
    rounded = round(printed, unit.decimals)
    return rounded if rounded > 0 else 10 ** -unit.decimals


def _bound(doc: Doc, value: float, unit: Unit) -> tuple[float, str]:
    """A reference limit as a person writes it: "15", "0,5", "4.000" (trailing zeros dropped)."""
    printed = value * unit.factor + unit.offset
    printed = round(printed / unit.step) * unit.step if unit.step else round(printed, unit.decimals)
    text = doc.num(printed, unit.decimals if not unit.step else 0, unit.thousands)
    if doc.decimal in text and unit.decimals:
        text = text.rstrip("0").rstrip(doc.decimal)
    return printed, text


def _range_text(doc: Doc, lo: str | None, hi: str | None) -> str:
    rng = doc.rng
    if lo is not None and hi is not None:
        return rng.choice([f"{lo}-{hi}", f"{lo}-{hi}", f"{lo} - {hi}", f"{lo}–{hi}"])
    if hi is not None:
        options = [f"< {hi}", f"<{hi}", f"< {hi}", f"≤ {hi}"] + ([f"fino a {hi}"] if doc.lang == "it" else
                                                               [f"up to {hi}"])
        return rng.choice(options)
    return rng.choice([f"> {lo}", f">{lo}", f"≥ {lo}"])


def choose_unit(doc: Doc, analyte: ProseAnalyte) -> Unit:
    units = analyte.units_it if doc.lang == "it" else analyte.units_en
    return doc.rng.choices(units, weights=[u.weight for u in units])[0]


def prepare_value(doc: Doc, analyte_id: str, *, name: Name | None = None, unit: Unit | None = None,
                  unit_text: str | None = None, value: float | None = None, ranges: bool = True,
                  flags: bool = True, censor: bool = True, drop_unit: bool | None = None) -> ValueMention:
    """Draw how the result of ``analyte_id`` is printed in this document."""
    rng, analyte = doc.rng, ANALYTES[analyte_id]
    spec = analyte.spec
    name = name or rng.choice(analyte.it if doc.lang == "it" else analyte.en)
    unit = unit or choose_unit(doc, analyte)
    canonical = doc.value_of(analyte_id) if value is None else value
    number = _printed(canonical, unit)
    decimals = 0 if unit.step else unit.decimals
    value_text = doc.num(number, decimals, unit.thousands and rng.random() < 0.85)
    value_gold: float | str = float(number)
    low, high = spec.sex_ranges.get(doc.sex, (spec.low, spec.high))
    plow, lo_text = _bound(doc, low, unit) if low is not None and low > 0 else (None, None)
    phigh, hi_text = _bound(doc, high, unit) if high is not None else (None, None)
    direction = "H" if phigh is not None and number > phigh else ("L" if plow is not None and number < plow else "N")
    if censor and analyte.censor_below is not None and canonical < analyte.censor_below:
        _, limit = _bound(doc, analyte.censor_below, unit)
        value_text = value_gold = rng.choice(["< ", "<"]) + limit
        direction = "N"
    elif censor and analyte.censor_above is not None and canonical > analyte.censor_above:
        _, limit = _bound(doc, analyte.censor_above, unit)
        value_text = value_gold = rng.choice(["> ", ">"]) + limit
        direction = "N"
    text = unit_text or rng.choice(unit.texts)
    if drop_unit is None:
        drop_unit = rng.random() < doc.unit_drop
    vm = ValueMention(analyte, name, value_text, value_gold, None if drop_unit or not text else text, direction,
                      unit_option=unit)
    if vm.unit:
        vm.glue = vm.unit.startswith("/") or (vm.unit == "%" and rng.random() < 0.6) or (
            vm.unit[0].isalpha() and vm.unit[0] not in "xXKMU" and rng.random() < 0.04)
    if ranges and not doc.no_ranges and (lo_text or hi_text) and rng.random() < doc.range_rate:
        vm.range_text = _range_text(doc, lo_text, hi_text)
        vm.ref_low, vm.ref_high = plow, phigh
    if flags and direction != "N" and isinstance(value_gold, float) and rng.random() < doc.flag_rate:
        style = rng.choice(["paren", "paren", "arrow", "star"])
        if style == "paren":
            vm.flag_text, vm.flag_gold = direction, direction
        elif style == "arrow":
            vm.flag_text, vm.flag_gold = ("↑" if direction == "H" else "↓"), direction
        else:
            vm.flag_text, vm.flag_gold, vm.star_glued = "*", "abnormal", rng.random() < 0.5
    return vm


def emit_value(doc: Doc, vm: ValueMention, in_paren: bool = False) -> tuple[Span, Span | None, Span | None]:
    """The number, its unit and its flag: "10,9 g/dL", "7,1%", "12* mg/L", "88 U/L (H)", "1.9 ↓" ("88 U/L H"
    inside a parenthesis already open)."""
    b = doc.b
    value = b.ent(vm.value_text, "VALUE")
    unit = flag = None
    if vm.flag_text == "*" and vm.star_glued:
        flag = b.ent("*", "FLAG")
    if vm.unit:
        b.t("" if vm.glue and flag is None else " ")
        unit = b.ent(vm.unit, "UNIT")
    if vm.flag_text and flag is None:
        flag = emit_flag(doc, vm, in_paren)
    return value, unit, flag


def emit_flag(doc: Doc, vm: ValueMention, in_paren: bool) -> Span:
    """The flag after the value and its unit: "(H)", or " H", " ↑", " *" (also "H" inside an open parenthesis)."""
    b = doc.b
    if vm.flag_text in ("H", "L") and not in_paren:
        b.t(" (")
        flag = b.ent(vm.flag_text, "FLAG")
        b.t(")")
        return flag
    b.t(" ")
    return b.ent(vm.flag_text, "FLAG")


def emit_range(doc: Doc, vm: ValueMention, inner: bool = False) -> Span | None:
    """The printed reference after a value: " (v.n. 15-150)", " [15-150]"; ``inner``: "; v.n. 15-150" inside
    a parenthesis already open."""
    if not vm.range_text or doc.no_ranges:
        return None
    b, label = doc.b, doc.range_label()
    if inner:
        label = label.strip() or doc.pick(["v.n.", "rif."] if doc.lang == "it" else ["ref", "NR"])
        b.t(f"{doc.pick([', ', '; '])}{label} ")
        return b.ent(vm.range_text, "RANGE")
    if not label:
        open_, close = doc.pick([("(", ")"), ("(", ")"), ("[", "]")])
        b.t(f" {open_}")
        span = b.ent(vm.range_text, "RANGE")
        b.t(close)
        return span
    label = label.strip()
    b.t(f" ({label}{doc.pick([' ', ' ', ': ']) if not label.endswith('.') else ' '}")
    span = b.ent(vm.range_text, "RANGE")
    b.t(")")
    return span


def direction_of(vm: ValueMention) -> str:
    return vm.direction


def a_an(word: str) -> str:
    """English indefinite article before ``word`` (letters of an acronym read by name)."""
    if word[:2].isupper() or word.isupper() or word in ("Hb", "Hgb", "Hct", "HbA1c"):
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    return "an" if word[:1].lower() in "aeiou" and not word.lower().startswith(("ur", "uni")) else "a"


def is_number(text: str, decimal: str) -> float | None:
    """The number a VALUE span prints (None for words, titres and censored values)."""
    plain = text.replace(" ", "")
    if not re.fullmatch(r"\d[\d.,]*", plain):
        return None
    plain = plain.replace(".", "").replace(",", ".") if decimal == "," else plain.replace(",", "")
    try:
        value = float(plain)
    except ValueError:
        return None
    return value if math.isfinite(value) else None
