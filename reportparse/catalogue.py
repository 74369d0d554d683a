"""The analyte catalogue: canonical ids, LOINC codes, names per language, default units.

Data lives in ``data/catalogue/`` (TSV, one file per language for the names) so that a
lab can add its own spellings without touching code.  Lookup is forgiving in the ways
printed names vary — case, accents, punctuation, word order ("Bilirubin, Total"),
specimen prefixes ("P-", "S-", "Sg-"), method or abbreviation in parentheses — and
resolves the ambiguous names of a differential (% or absolute) and of urinalysis rows by
unit and by section.

An analyte may have several LOINC codes, one per LOINC property (glucose: 2345-7 in mg/dL,
14749-6 in mmol/L); :meth:`Analyte.code_for` picks the one the printed unit calls for
(``loinc_by_property.tsv``), and none when the unit contradicts every code.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import regex

from .grammar.units import UNITS, loinc_properties
from .lexicons import fold_accents as _fold

__all__ = ["Analyte", "Catalogue", "normalize_name", "load_catalogue"]


@dataclass(frozen=True, slots=True)
class Analyte:
    id: str
    loinc: str | None
    category: str
    specimen: str
    unit: str | None  # default unit, UCUM
    group: str | None
    names: dict[str, tuple[str, ...]]  # language -> printed names
    property: str | None = None  # LOINC property of ``loinc`` (MCnc, SCnc, NFr...)
    codes: dict[str, str] = field(default_factory=dict)  # LOINC property -> code, the default first

    def code_for(self, ucum: str | None, *, qualitative: bool = False) -> str | None:
        """The LOINC code whose property fits the printed unit; None rather than a code it contradicts.

        Without a telling unit, a qualitative result takes the presence (PrThr) code when there is one, and
        otherwise the default code is kept only when the analyte has no other."""
        if not self.codes:
            return None
        wanted = loinc_properties(ucum) if ucum else None
        if wanted is None:
            if qualitative and "PrThr" in self.codes:
                return self.codes["PrThr"]
            return self.loinc if len(self.codes) == 1 else None
        fitting = [code for prop, code in self.codes.items() if prop in wanted]
        return fitting[0] if len(fitting) == 1 else None


_SPECIMEN_PREFIX = regex.compile(r"^(?:s|p|sg|b|u|cu|du|pl|se|ws|wb|sa)\s*-\s*(?=\p{L})", regex.IGNORECASE)
_SPECIMEN_WORDS = regex.compile(
    r"\b(?:serum|siero|sierico|sierica|plasma|plasmatico|plasmatica|blood|sangue|whole blood|edta|su siero|"
    r"in siero|s|p)\b",
    regex.IGNORECASE,
)


@lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Lookup key of a printed name: folded case and accents, punctuation as spaces."""
    s = _fold(name).replace("γ", "gamma").replace("%", " pct ").replace("#", " abs ")
    s = regex.sub(r"[^\p{L}\p{N}]+", " ", s)
    return " ".join(s.split())


def _token_key(key: str) -> str:
    return " ".join(sorted(set(key.split())))


class Catalogue:
    """Analytes by id, and a name index over every language."""

    def __init__(self, analytes: list[Analyte], groups: dict[str, dict[str, tuple[str, ...]]]) -> None:
        self.analytes = {a.id: a for a in analytes}
        self._property_of = {code: prop for a in analytes for prop, code in a.codes.items()}
        self._groups: dict[str, list[str]] = {}
        for analyte in analytes:
            if analyte.group:
                self._groups.setdefault(analyte.group, []).append(analyte.id)
        self._exact: dict[str, list[str]] = {}
        self._tokens: dict[str, list[str]] = {}
        for analyte in analytes:
            for names in analyte.names.values():
                for name in names:
                    self._index(name, analyte.id)
        for group, by_lang in groups.items():
            for names in by_lang.values():
                for name in names:
                    self._index(name, group)

    def _index(self, name: str, target: str) -> None:
        key = normalize_name(name)
        if not key:
            return
        self._exact.setdefault(key, [])
        if target not in self._exact[key]:
            self._exact[key].append(target)
        tkey = _token_key(key)
        self._tokens.setdefault(tkey, [])
        if target not in self._tokens[tkey]:
            self._tokens[tkey].append(target)

    def __len__(self) -> int:
        return len(self.analytes)

    def __getitem__(self, analyte_id: str) -> Analyte:
        return self.analytes[analyte_id]

    def _candidates(self, name: str) -> list[str]:
        key = normalize_name(name)
        if not key:
            return []
        tries = [key]
        stripped = normalize_name(_SPECIMEN_PREFIX.sub("", name.strip()))
        tries.append(stripped)
        without_specimen = " ".join(_SPECIMEN_WORDS.sub(" ", stripped).split())
        tries.append(without_specimen)
        # "Packed Cell Volume (PCV)": the name outside parentheses, then the abbreviation inside.
        outer = regex.sub(r"\([^)]*\)?", " ", _SPECIMEN_PREFIX.sub("", name.strip()))
        tries.append(normalize_name(outer))
        tries.append(" ".join(_SPECIMEN_WORDS.sub(" ", normalize_name(outer)).split()))
        for inner in regex.findall(r"\(([^)]*)\)", name):
            tries.append(normalize_name(inner))
        for t in tries:
            if t and t in self._exact:
                return self._exact[t]
        for t in tries:
            if t and _token_key(t) in self._tokens:
                return self._tokens[_token_key(t)]
        return []

    def lookup(self, name: str, *, unit: str | None = None, specimen: str | None = None) -> Analyte | None:
        """Catalogue entry for a printed name; ``unit`` and ``specimen`` ('urine') disambiguate."""
        candidates = self._candidates(name)
        if not candidates:
            return None
        ucum = UNITS.ucum(unit) if unit else None
        resolved: list[str] = []
        for target in candidates:
            if target in self._groups:
                resolved.extend(self._resolve_group(target, name, ucum))
            else:
                resolved.append(target)
        in_urine = specimen == "urine"
        preferred = [t for t in resolved if (self.analytes[t].specimen == "urine") == in_urine]
        chosen = (preferred or resolved)[0]
        return self.analytes[chosen]

    def _resolve_group(self, group: str, name: str, ucum: str | None) -> list[str]:
        members = self._groups[group]
        pct = [m for m in members if m.endswith("_pct")]
        absolute = [m for m in members if m.endswith("_abs")]
        folded = _fold(name)
        if ucum == "%" or "%" in name:
            return pct
        if ucum is not None or "#" in name or regex.search(r"\babs|assolut|count|conta", folded):
            return absolute
        return pct + absolute

    def is_known(self, name: str) -> bool:
        return bool(self._candidates(name))

    def code_property(self, code: str) -> str | None:
        """LOINC property of a catalogue code ('MCnc'...), None for a code the catalogue does not hold."""
        return self._property_of.get(code)


def _read_tsv(filename: str) -> list[list[str]]:
    text = resources.files("reportparse").joinpath("data", "catalogue", filename).read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        rows.append(line.split("\t"))
    return rows


def _codes_by_property() -> dict[str, dict[str, str]]:
    """analyte id -> {LOINC property: code} from loinc_by_property.tsv (codes besides the default one)."""
    table: dict[str, dict[str, str]] = {}
    for row in _read_tsv("loinc_by_property.tsv"):
        analyte_id, prop, code = (c.strip() for c in row[:3])
        table.setdefault(analyte_id, {})[prop] = code
    return table


@lru_cache(maxsize=1)
def load_catalogue(languages: tuple[str, ...] = ("en", "it")) -> Catalogue:
    """The bundled catalogue (cached)."""
    core = _read_tsv("analytes.tsv")
    names: dict[str, dict[str, tuple[str, ...]]] = {}
    for lang in languages:
        for row in _read_tsv(f"names_{lang}.tsv"):
            analyte_id, printed = row[0], row[1]
            names.setdefault(analyte_id, {})[lang] = tuple(n.strip() for n in printed.split("|") if n.strip())
    others = _codes_by_property()
    analytes = []
    ids = set()
    for row in core:
        row = row + [""] * (7 - len(row))
        analyte_id, loinc, category, specimen, unit, group, prop = (c.strip() for c in row[:7])
        ids.add(analyte_id)
        code = None if loinc in ("", "-") else loinc
        prop = None if prop in ("", "-") else prop
        codes = {prop or "?": code} if code else {}
        codes.update(others.get(analyte_id, {}))
        analytes.append(Analyte(analyte_id, code, category, specimen, unit or None, group or None,
                                names.get(analyte_id, {}), prop, codes))
    groups = {key: value for key, value in names.items() if key not in ids}
    return Catalogue(analytes, groups)
