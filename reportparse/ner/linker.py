"""From recognised entities to records: which value belongs to which name, unit, range and flag.

Rules on the entity sequence of one segment, in reading order:

* a VALUE takes the ANALYTE after it when a preposition leads there ("a value of 7.1% for HbA1c"); else the
  nearest ANALYTE before it in the same clause that has no value yet ("Hb 10,9 g/dL"), or the analyte of the
  value just before it in a series ("PCR salita da 2,43 a 5,81 mg/dL", which share the unit); else the next
  ANALYTE in the same clause;
* names listed before values ("AST and ALT were 21 and 20 U/L") take them in order; one qualitative result
  after a list ("HBsAg, anti-HCV e QuantiFERON negativi") is each name's;
* a UNIT right after a value is its unit; a UNIT right before a value with none after it is its unit too
  ("g/dL 13.5", a unit column before the result);
* a RANGE or FLAG after a value, before the next name, is that value's; a RANGE printed before the value in the
  same clause (limits before the result) waits for it; two RANGEs that are single numbers are the two limits;
* a QUALIFIER ("nella norma", "elevated") never makes a value: "creatinina nella norma" gives nothing.

A clause ends at a sentence end or a semicolon; a newline ends it in table lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from ..grammar.flags import parse_flag
from ..grammar.numbers import parse_number
from ..grammar.qualitative import match_qualitative
from ..records import LabRow
from ..table.draft import clean_name

__all__ = ["Entity", "link_entities", "is_prose_result", "CLAUSE_END", "PROSE_RESULT"]

# A semicolon, or a full stop before a capital or a line end: "v.n. 15-150" and "ref. 4-10" go on.
CLAUSE_END = regex.compile(r";|[.!?](?=[ \t]*\n|\s+\p{Lu})")
_COMPARATOR = regex.compile(r"^\s*(<=|>=|≤|≥|<|>)\s*")
_COMPARATORS = {"≤": "<=", "≥": ">="}
_SINGLE_NUMBER = regex.compile(r"^\s*[+\-]?\d[\d.,]*\s*$")
# Between a value (and its unit) and a name that follows it: "for", "per la", "dell'", "of the".
_OF = regex.compile(r"^[\s,]*(?:for|of|per|di|del|della|dello|dell['’]|delle|dei|degli|nel|nella|in)"
                    r"(?:\s+(?:the|la|il|lo|le|i|gli)\b|\s*l['’])?\s*$", regex.IGNORECASE)
# Between the names of a list: ", ", " and ", ", e ", "/" ("Na/K", "HDL/LDL").
_LIST = regex.compile(r"^\s*(?:[,/]\s*)?(?:and|e|ed|or|o)?\s*$", regex.IGNORECASE)
_DIGIT = regex.compile(r"\d")
_TITRE = regex.compile(r"^1\s?:\s?\d+$")  # "1:160", a dilution: the result as printed
# What a letter prints as a qualitative result; "normal", "elevated", "nella norma" judge a test, they are no result.
PROSE_RESULT = regex.compile(
    r"^(?:(?:debolmente |weakly )?(?:negativ|positiv)\p{L}*|(?:non[- ]?)?(?:reattiv|reactiv|rilevat|rilevabil)\p{L}*|"
    r"(?:not |non[- ]?)?detected|assent[ei]|absent|presente?|presenti|indeterminat\p{L}*|equivocal|dubbi[oa]|"
    r"borderline|tracce|traccia|traces?|nil)$", regex.IGNORECASE)
# Between two values of one analyte: "da 2,43 a 5,81", "45 → 12", "from 30 to 10"; of two names' values "141 / 4.4".
_SERIES = regex.compile(r"^\s*(?:a|to|e|and|poi|then|→|->|–|-|,|/)\s*$", regex.IGNORECASE)
# Before an earlier result of the same test: "36 U/L (down from 45)", "(was 18)", "(prev. 267)", "rispetto a 12".
_PREVIOUS = regex.compile(r"\(|\b(?:from|was|were|previously|prev|prior|before|vs|versus|da|era|erano|prima|"
                          r"precedente|precedentemente|rispetto)\b", regex.IGNORECASE)


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str
    text: str


@dataclass
class _Record:
    analyte: Entity
    value: Entity
    unit: Entity | None = None
    ranges: list[Entity] = field(default_factory=list)
    flag: Entity | None = None


def link_entities(entities: list[Entity], text: str, *, decimal: str, newline_ends_clause: bool,
                  page: int | None = None) -> list[LabRow]:
    """Records from the entities of one segment; ``text`` is the document text the offsets index."""
    entities = sorted(entities, key=lambda e: e.start)
    records: list[_Record] = []
    used: set[int] = set()  # analytes that have their value
    named: dict[int, Entity] = {}  # value start -> its analyte
    waiting: list[Entity] = []  # names of a list still waiting for their values, in order
    pending_ranges: list[Entity] = []
    pending_unit: Entity | None = None
    last: _Record | None = None

    def same_clause(a: Entity, b: Entity) -> bool:
        lo, hi = (a, b) if a.start <= b.start else (b, a)
        between = text[lo.end:hi.start + 1]  # with the next entity's first letter: a capital starts a sentence
        return not CLAUSE_END.search(between) and not (newline_ends_clause and "\n" in between[:-1])

    for i, entity in enumerate(entities):
        if entity.label == "ANALYTE":
            last, pending_unit = None, None
            pending_ranges = [r for r in pending_ranges if same_clause(r, entity)]
        elif entity.label == "VALUE":
            listed = _listed_names(i, entities, text, used, same_clause)
            if len(listed) > 1 and not _DIGIT.search(entity.text):
                # "HBsAg, anti-HCV e QuantiFERON negativi": one printed result for each name
                for name in listed:
                    used.add(name.start)
                    records.append(_Record(name, entity))
                last, named[entity.start] = records[-1], listed[-1]
                continue
            after = [] if listed or _DIGIT.search(entity.text) else _listed_after(i, entities, text, used, same_clause)
            if len(after) > 1 and _named_before(i, entities, text, used, named, same_clause) is None:
                # "negativi HBsAg, anti-HCV e test IGRA", "negative for QuantiFERON, anti-HCV and HBsAg"
                for name in after:
                    used.add(name.start)
                    records.append(_Record(name, entity))
                last, named[entity.start] = records[-1], after[-1]
                continue
            if waiting and _SERIES.match(_between_values(i, entities, text)):
                analyte = waiting.pop(0)  # "AST and ALT were 21 and 20 U/L": the next name of the list
            elif len(listed) > 1 and _series_length(i, entities, text) == len(listed):
                analyte, waiting = listed[0], listed[1:]
            else:
                waiting = []
                analyte = _analyte_for(i, entities, text, used, named, same_clause)
            if analyte is None:
                last = None
                continue
            used.add(analyte.start)
            named[entity.start] = analyte
            last = _Record(analyte, entity)
            if pending_unit is not None and same_clause(pending_unit, entity):
                last.unit = pending_unit
            last.ranges = [r for r in pending_ranges if same_clause(r, entity)][:2]
            pending_ranges, pending_unit = [], None
            records.append(last)
        elif entity.label == "UNIT":
            if last is not None and last.unit is None and same_clause(last.value, entity):
                last.unit = entity
            else:
                pending_unit = entity
        elif entity.label == "RANGE":
            if last is not None and len(last.ranges) < 2 and same_clause(last.value, entity) and (
                    not last.ranges or _SINGLE_NUMBER.match(entity.text)):
                last.ranges.append(entity)
            else:
                pending_ranges.append(entity)
        elif entity.label == "FLAG":
            if last is not None and last.flag is None and same_clause(last.value, entity):
                last.flag = entity
    _share_units(records, text)
    return [row for record in records if (row := _to_row(record, decimal, page)) is not None]


def is_prose_result(row: LabRow) -> bool:
    """A record a letter gives as a result: a number, or a result word ("negativo", "not detected", "1:160");
    a judgement the recogniser took for a value ("normal", "unremarkable") is not one."""
    printed = " ".join(row.result_text.split())
    return row.result_kind != "qualitative" or bool(PROSE_RESULT.match(printed) or _TITRE.match(printed))


def _analyte_for(i: int, entities: list[Entity], text: str, used: set[int], named: dict[int, Entity],
                 same_clause) -> Entity | None:
    """The name of ``entities[i]``, a VALUE: the three readings below, in this order."""
    return (_named_after(i, entities, text, used, same_clause)
            or _named_before(i, entities, text, used, named, same_clause)
            or _next_name(i, entities, used, same_clause))


def _named_after(i: int, entities: list[Entity], text: str, used: set[int], same_clause) -> Entity | None:
    """"a value of 7.1% for HbA1c", "22 UI/L per la GPT": the value, its unit, then a preposition and a name."""
    end, j = entities[i].end, i + 1
    while j < len(entities) and entities[j].label in ("UNIT", "RANGE", "FLAG"):
        end, j = entities[j].end, j + 1
    if j < len(entities) and entities[j].label == "ANALYTE" and entities[j].start not in used \
            and same_clause(entities[i], entities[j]) and _OF.match(text[end:entities[j].start]):
        return entities[j]
    return None


def _named_before(i: int, entities: list[Entity], text: str, used: set[int], named: dict[int, Entity],
                  same_clause) -> Entity | None:
    """The nearest name before the value that has no value yet; or, after a value of a series ("da 2,43 a 5,81",
    "45 → 12") or before an earlier result of the same test ("36 U/L (was 45)"), that value's name."""
    value = entities[i]
    for j in range(i - 1, -1, -1):
        other = entities[j]
        if other.label == "VALUE":
            between = _between_values(i, entities, text)
            if other.start in named and same_clause(other, value) and (
                    _SERIES.match(between) or _PREVIOUS.search(between)):
                return named[other.start]
            return None  # an earlier value stands between: its name is not this value's
        if other.label == "ANALYTE":
            return other if other.start not in used and same_clause(other, value) else None
    return None


def _between_values(i: int, entities: list[Entity], text: str) -> str:
    """The text between ``entities[i]`` and the VALUE before it, units blanked ("2,43 mg/dL a 5,81" -> " a ")."""
    j = i - 1
    while j >= 0 and entities[j].label != "VALUE":
        j -= 1
    if j < 0:
        return "\0"  # no value before: matches nothing
    between = text[entities[j].end:entities[i].start]
    for unit in entities[j + 1:i]:
        between = between.replace(unit.text, " ")
    return between


def _series_length(i: int, entities: list[Entity], text: str) -> int:
    """How many values in a row from ``entities[i]``, joined as a series ("21 and 20 U/L" gives 2)."""
    count, j = 1, i + 1
    while j < len(entities) and entities[j].label in ("UNIT", "VALUE"):
        if entities[j].label == "VALUE":
            if not _SERIES.match(_between_values(j, entities, text)):
                break
            count += 1
        j += 1
    return count


def _listed_names(i: int, entities: list[Entity], text: str, used: set[int], same_clause) -> list[Entity]:
    """The names of a list right before the value ("AST and ALT were", "HBsAg, anti-HCV e QuantiFERON"), in
    order; fewer than two when there is no list."""
    j = i - 1
    if j < 0 or entities[j].label != "ANALYTE" or not same_clause(entities[j], entities[i]):
        return []
    names = [entities[j]]
    while j > 0 and entities[j - 1].label == "ANALYTE" and _LIST.match(text[entities[j - 1].end:entities[j].start]):
        j -= 1
        names.insert(0, entities[j])
    # "normal TSH, leukocytes 5.9": TSH is done
    qualified = j > 0 and entities[j - 1].label == "QUALIFIER" and text[entities[j - 1].end:names[0].start] == " "
    return names if not qualified and all(n.start not in used for n in names) else []


def _listed_after(i: int, entities: list[Entity], text: str, used: set[int], same_clause) -> list[Entity]:
    """The names of a list right after a result word, in order ("negativi HBsAg, anti-HCV e IGRA"); a name
    followed by a value of its own is not the word's ("negativo HBsAg e ALT 45")."""
    j = i + 1
    if j >= len(entities) or entities[j].label != "ANALYTE" or not same_clause(entities[i], entities[j]):
        return []
    between = text[entities[i].end:entities[j].start]
    if between.strip(" \t\n:") and not _OF.match(between):
        return []
    names = [entities[j]]
    while j + 1 < len(entities) and entities[j + 1].label == "ANALYTE" \
            and _LIST.match(text[entities[j].end:entities[j + 1].start]):
        j += 1
        names.append(entities[j])
    if j + 1 < len(entities) and entities[j + 1].label == "VALUE" and same_clause(entities[j], entities[j + 1]):
        names.pop()
    return names if all(n.start not in used for n in names) else []


def _next_name(i: int, entities: list[Entity], used: set[int], same_clause) -> Entity | None:
    """A value printed before its name, with no preposition ("7,1% HbA1c")."""
    for other in entities[i + 1:]:
        if other.label == "VALUE":
            return None
        if other.label == "ANALYTE":
            return other if other.start not in used and same_clause(entities[i], other) else None
    return None


def _share_units(records: list[_Record], text: str) -> None:
    """"da 30 a 10 mm/h": the values of a series take the unit printed after the last of them; "36 U/L (was 45)",
    "202 mg/dl in crescita da 156": an earlier result and the result it follows share the unit one of them prints."""
    for first, second in zip(records[::-1][1:], records[::-1]):
        if first.unit is None and second.unit is not None and first.value is not second.value \
                and _SERIES.match(text[first.value.end:second.value.start]):
            first.unit = second.unit
    for current, earlier in zip(records, records[1:]):
        if earlier.analyte is not current.analyte or earlier.value is current.value or \
                (earlier.unit is None) == (current.unit is None):
            continue
        between = text[(current.unit or current.value).end:earlier.value.start]
        if _PREVIOUS.search(between):  # "11.2, down from 12.5 g/dL" too: either way round
            current.unit = current.unit or earlier.unit
            earlier.unit = earlier.unit or current.unit


def _to_row(record: _Record, decimal: str, page: int | None) -> LabRow | None:
    name, label_unit = clean_name(" ".join(record.analyte.text.split()))
    name = name.strip(" ([{:,;-–")
    if not name:
        return None
    printed = " ".join(record.value.text.split())
    comparator = None
    m = _COMPARATOR.match(printed)
    if m:
        comparator = _COMPARATORS.get(m.group(1), m.group(1))
        number = parse_number(printed[m.end():], decimal)
        kind = "censored"
    else:
        number = parse_number(printed, decimal)
        kind = "number"
    if number is None:
        words = regex.search(r"\p{L}", printed)
        if not (match_qualitative(printed, 0) or words or _TITRE.match(printed)) or (words and _DIGIT.search(printed)):
            return None  # a result word, or a titre ("1:160"); not a misread number ("l.027", "5,7mg")
        kind, comparator = "qualitative", None
    ref_low = ref_high = None
    ref_text = None
    if len(record.ranges) == 2 and all(_SINGLE_NUMBER.match(r.text) for r in record.ranges):
        ref_low, ref_high = (parse_number(r.text, decimal) for r in record.ranges)
        if ref_low is not None and ref_high is not None and ref_low > ref_high:
            ref_low, ref_high = ref_high, ref_low
        ref_text = " ".join(r.text.strip() for r in record.ranges)
    elif record.ranges:
        ref_text = " ".join(record.ranges[0].text.split())
    ends = [e.end for e in (record.value, record.unit, record.flag, *record.ranges) if e is not None]
    starts = [e.start for e in (record.analyte, record.value, record.unit, *record.ranges) if e is not None]
    return LabRow(
        name=name, name_span=(record.analyte.start, record.analyte.end), result_kind=kind, result_text=printed,
        result_span=(record.value.start, record.value.end), value=number, comparator=comparator,
        unit=record.unit.text.strip() if record.unit else label_unit,
        unit_span=(record.unit.start, record.unit.end) if record.unit else None,
        ref_text=ref_text, ref_spans=tuple((r.start, r.end) for r in record.ranges), ref_low=ref_low,
        ref_high=ref_high, flag=parse_flag(record.flag.text.strip()) if record.flag else None, page=page,
        span=(min(starts), max(ends)), source="ner",
    )
