"""The few patient facts a report may carry into the output: sex, age, collection date.

Names, ids, addresses and birth dates are read only to compute an age and, for pseudonymous linkage, to find the
strongest patient identifier printed (:func:`read_identifier`); that identifier stays in memory, is turned into a
keyed pseudonym by the API (``reportparse.linkage``) and dropped: it is never returned in a record.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import regex

from .layout.furniture import nhs_number_valid
from .lexicons import load_lexicons
from .linkage import IDENTIFIER_RANK, PatientIdentifier, normalise_name
from .table.lines import Line

__all__ = ["Demographics", "read_demographics", "read_identifier", "parse_date"]

_SEX_WORDS = {
    "m": "M", "male": "M", "maschio": "M", "maschile": "M", "uomo": "M", "man": "M",
    "f": "F", "female": "F", "femmina": "F", "femminile": "F", "donna": "F", "woman": "F",
}
_SEX_VALUE = r"\b(?P<sex>female|male|femmina|maschio|femminile|maschile|donna|uomo|f|m)\b"
# "Sesso Cliente: M" has a word between label and value; "Sex: Female" must not read as "Fe" + "male".
_SEX = regex.compile(r"\b(?:sesso|sex|gender|genere)\b\s*[:.]?\s*(?:\p{L}+\s*[:.]\s*|\p{L}+\s+)?" + _SEX_VALUE,
                     regex.IGNORECASE)
_AGE_SEX = regex.compile(
    r"\b(?:age|et[aà])\s*/\s*(?:sex|gender|sesso)\s*[:.]?\s*(?P<age>\d{1,3})\s*(?:years?|yrs?|y|anni|a)?\.?\s*/\s*"
    + _SEX_VALUE,
    regex.IGNORECASE,
)
_AGE = regex.compile(r"\b(?:age|et[aà])\b\s*[:.]?\s*(?P<age>\d{1,3})(?:[.,]\d)?\s*(?:years?|yrs?|y|anni|aa|a)?\b",
                     regex.IGNORECASE)
_TITLE = regex.compile(r"\b(?P<title>mr|mrs|ms|miss|sig\.ra|sig\.na|sig|signor|signora)\b\.?\s+\p{Lu}",
                       regex.IGNORECASE)
_TITLE_SEX = {"mr": "M", "sig": "M", "signor": "M", "mrs": "F", "ms": "F", "miss": "F", "sig.ra": "F",
              "sig.na": "F", "signora": "F"}

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11,
    "dec": 12, "gen": 1, "mag": 5, "giu": 6, "lug": 7, "ago": 8, "set": 9, "ott": 10, "dic": 12,
}
_NUMERIC_DATE = regex.compile(r"(?<!\d)(?P<a>\d{1,2})[/.\-](?P<b>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})(?!\d)")
_ISO_DATE = regex.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")
_TEXT_DATE = regex.compile(
    r"(?:(?P<d1>\d{1,2})[\s\-]+(?P<m1>[a-z]{3,9})\.?[\s\-,]+(?P<y1>\d{4})|(?P<m2>[a-z]{3,9})\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))",
    regex.IGNORECASE,
)
_COLLECTED = regex.compile(
    r"\b(?:collected|collection\s+date|date\s+collected|sample\s+(?:date|collected)|specimen\s+collected|"
    r"drawn|data\s+(?:del\s+)?prelievo|prelievo\s+del|prelevato\s+il|campione(?:/i)?\s+del|data\s+campione|"
    r"data\s+accettazione|accettato\s+il|pervenuto\s+il)\b",
    regex.IGNORECASE,
)
_REPORTED = regex.compile(r"\b(?:reported|report\s+date|result\s+date|data\s+referto|data|date|del)\b",
                          regex.IGNORECASE)
_BIRTH = regex.compile(r"\b(?:data\s+di\s+nascita|nato\s+il|nata\s+il|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*date|born)\b",
                       regex.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Demographics:
    sex: str | None
    age: float | None
    collected: dt.date | None
    identifier: PatientIdentifier | None = field(default=None, repr=False)


def parse_date(text: str, *, day_first: bool = True) -> dt.date | None:
    """First date in ``text``: ``15/05/2021``, ``2021-05-15``, ``July 15, 2025``, ``15-Jul-2025``."""
    candidates: list[tuple[int, dt.date]] = []
    for m in _ISO_DATE.finditer(text):
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if d:
            candidates.append((m.start(), d))
    for m in _NUMERIC_DATE.finditer(text):
        a, b, y = int(m["a"]), int(m["b"]), int(m["y"])
        y = y + 2000 if y < 100 and y < 50 else (y + 1900 if y < 100 else y)
        day, month = (a, b) if (day_first and b <= 12) or a > 12 else (b, a)  # 12/29/2018 is month first
        d = _safe_date(y, month, day)
        if d:
            candidates.append((m.start(), d))
    for m in _TEXT_DATE.finditer(text):
        day, month, year = (m["d1"], m["m1"], m["y1"]) if m["d1"] else (m["d2"], m["m2"], m["y2"])
        month_no = _MONTHS.get(month[:3].casefold())
        if month_no:
            d = _safe_date(int(year), month_no, int(day))
            if d:
                candidates.append((m.start(), d))
    return min(candidates, key=lambda c: c[0])[1] if candidates else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _below(lines: list[Line], index: int, col0: int, col1: int) -> str | None:
    """Text of the next line's cell under columns [col0, col1] (labels printed above values)."""
    for nxt in lines[index + 1: index + 3]:
        for cell in nxt.cells:
            if cell.col0 <= col1 + 2 and col0 <= cell.col1 + 2:
                return cell.text
    return None


def read_demographics(lines: list[Line], lang: str) -> Demographics:
    sex = age = None
    collected = reported = birth = None
    title_sex = None
    head = lines[:80]
    for index, line in enumerate(head):
        text = line.text
        if sex is None or age is None:
            m = _AGE_SEX.search(text)
            if m:
                age = age if age is not None else float(m["age"])
                sex = sex or _SEX_WORDS[m["sex"].casefold()]
        if sex is None:
            m = _SEX.search(text)
            if m:
                sex = _SEX_WORDS[m["sex"].casefold()]
            else:
                for cell in line.cells:
                    if regex.match(r"(?:sesso|sex|gender)\b", cell.text, regex.IGNORECASE) and len(cell.text) < 20:
                        below = _below(lines, index, cell.col0, cell.col1)
                        token = regex.search(r"\b(M|F|male|female|maschio|femmina)\b", below or "", regex.IGNORECASE)
                        if token:
                            sex = _SEX_WORDS[token.group(1).casefold()]
        if title_sex is None:
            m = _TITLE.search(text)
            if m:
                title_sex = _TITLE_SEX.get(m["title"].casefold().rstrip("."))
        if age is None:
            m = _AGE.search(text)
            if m and 0 < int(m["age"]) < 120:
                age = float(m["age"])
        for pattern, slot in ((_BIRTH, "birth"), (_COLLECTED, "collected"), (_REPORTED, "reported")):
            m = pattern.search(text)
            if not m:
                continue
            found = parse_date(text[m.end(): m.end() + 40], day_first=True)
            if found is None:
                for cell in line.cells:
                    if cell.start - line.start <= m.start() < cell.end - line.start:
                        found = parse_date(_below(lines, index, cell.col0, cell.col1) or "")
            if found is None:
                continue
            if slot == "birth" and birth is None:
                birth = found
            elif slot == "collected" and collected is None:
                collected = found
            elif slot == "reported" and reported is None and not _BIRTH.search(text):
                reported = found
            break
    collected = collected or reported
    if age is None and birth and collected and birth < collected:
        years = collected.year - birth.year - ((collected.month, collected.day) < (birth.month, birth.day))
        age = float(years)
    return Demographics(sex or title_sex, age, collected, read_identifier(head, birth))


# --- the patient identifier, for keyed pseudonyms -------------------------------------------------------------

# The lexicon's codice fiscale pattern (data/lexicons/identifiers.tsv), here in either case.
_CF = regex.compile(load_lexicons().identifiers["codice_fiscale"].pattern, regex.IGNORECASE)
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                    12, 14, 16, 10, 22, 25, 24, 23]))
_NHS = regex.compile(r"\bnhs\b(?:\s*(?:no|number|num)\b)?\.?\s*[:.]?\s*(?P<v>\d{3}[ -]?\d{3}[ -]?\d{4})(?![\d.,])",
                     regex.IGNORECASE)
_MRN = regex.compile(
    r"\b(?:mrn|hospital\s+(?:no|number)|patient\s+id|medical\s+record\s+(?:no|number)|unit\s+(?:no|number)|"
    r"n\.?\s*cartella|id\s+paziente|codice\s+paziente)\b\.?\s*[:.]?\s*"
    r"(?P<v>(?=[A-Z0-9/.\-]*\d)[A-Z0-9][A-Z0-9/.\-]{3,})", regex.IGNORECASE)
_NAME = regex.compile(
    r"\b(?:patient\s+name|nome\s+paziente|cognome\s+e\s+nome|nome\s+e\s+cognome|nominativo|assistito|"
    r"paziente|patient|name)\s*:\s*(?P<v>\p{L}[\p{L}'’\-]*(?:,?\s\p{L}[\p{L}'’\-]*){1,4})(?=\s{2,}|\s*$)",
    regex.IGNORECASE)
_MARKUP = str.maketrans({"*": " ", "|": " ", "_": " "})  # markdown emphasis and table pipes, same offsets


def _cf_valid(code: str) -> bool:
    even = {**{str(d): d for d in range(10)}, **{chr(65 + i): i for i in range(26)}}
    total = sum((_CF_ODD if i % 2 == 0 else even)[c] for i, c in enumerate(code[:15]))
    return chr(65 + total % 26) == code[15]


def read_identifier(lines: list[Line], birth: dt.date | None = None) -> PatientIdentifier | None:
    """The strongest patient identifier printed in ``lines`` (IDENTIFIER_RANK): a codice fiscale with a valid check
    character, an NHS number after its label with a valid check digit, a hospital number / MRN / patient id after
    its label, or else a labelled name with the birth date.  Normalised so that layouts agree: upper case without
    spaces (codice fiscale, MRN), digits only (NHS number), ``normalise_name(name) + "|" + ISO birth date``."""
    found: dict[str, str] = {}
    for line in lines:
        text = line.text.translate(_MARKUP)
        if "codice_fiscale" not in found:
            for m in _CF.finditer(text):
                code = m.group().upper()
                if _cf_valid(code):
                    found["codice_fiscale"] = code
                    break
        if "nhs_number" not in found:
            m = _NHS.search(text)
            if m and nhs_number_valid(m["v"]):
                found["nhs_number"] = "".join(ch for ch in m["v"] if ch.isdigit())
        if "mrn" not in found:
            m = _MRN.search(text)
            if m:
                found["mrn"] = m["v"].upper().rstrip(".")
        if "name" not in found:
            m = _NAME.search(text)
            name = normalise_name(m["v"]) if m else ""
            if name.count(" ") >= 1:
                found["name"] = name
    if "name" in found and birth is not None:
        found["name_birth"] = f"{found['name']}|{birth.isoformat()}"
    for kind in IDENTIFIER_RANK:
        if kind in found:
            return PatientIdentifier(kind, found[kind])
    return None
