"""Numbers in dermatology letters that are NOT lab values, as data and as small writers.

Real letters are full of numbers that are not blood results: the histology of a melanoma (Breslow "1,2 mm",
mitoses "2/mm²", margins, Clark level, pT1b, sentinel node "1/3"), its stage (AJCC stage IIB), imaging (a "12 x 8
mm" lesion, a "15 mm" node, SUVmax "4,5", a T-score), vital signs ("PA 130/80 mmHg", "FC 72 bpm", "SpO2 98%",
"T 37,8 °C"), anthropometrics ("peso 82 kg", "BMI 26,8 kg/m²"), clinical scores (PASI, BSA, DLQI, EASI, SCORAD,
NRS "7/10", UAS7, IGA, BPDAI, SALT...), treatments and their doses ("metotrexato 15 mg/settimana", "dupilumab
300 mg ogni 2 settimane", "12 sedute di NB-UVB a 1,2 J/cm²"), counts ("12 nevi atipici"), dermoscopy scores (TDS,
7-point checklist), durations and intervals ("da 6 mesi", "6/52"), dates, years, times, phone numbers, rooms and
beds, ages, pack-years, percentages and ratios that look like titres ("1:1 con vaselina", "1:10.000").

Many look like a lab result: a short name, a number, something unit-like ("BMI 26,8 kg/m²", "SpO2 98%", "mitosi
2/mm²", "regressione < 10%", "PASI passato da 18 a 4"), and some carry a lab test's name ("crema all'urea 10%",
"vitamina D3 25.000 UI", "permanganato di potassio 1:10.000", "acido folico 5 mg").  A recogniser learns that a
number is a VALUE only when it is a lab result if it sees these, in the same sentences as real results.

Phrases are data (the tables below, Italian and English): ``[[text|kind]]`` marks a negative (the builder records
it, :meth:`~.builder.Builder.say`), ``{slot}`` is a number drawn for the document (:data:`RANGES`,
:data:`CHOICES`, :data:`SPECIAL`; one draw per clause, so "peso 82 kg, BMI 26,8" agree) and ``{~0.05}`` a fixed
number printed in the document's decimal style.  The functions below write a clause (no full stop) or a
sentence; the lab-passage forms of :mod:`.forms_extra` put them next to, and inside the sentences of, lab values.
Nothing written here is ever an entity.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .builder import Doc
from .lexicon import MONTHS

__all__ = ["TOPICS", "BY_FAMILY", "LEADS", "INLINE", "BEFORE", "FAMILY_OF", "FAMILY_TOPICS", "CONTEXT_TOPICS",
           "SEROLOGY", "TREND_TAILS", "PLAN", "HEADINGS", "FRAME_WORDS", "RANGES", "CHOICES", "SPECIAL", "KINDS",
           "family", "fill", "write", "phrases", "score_topic", "clause", "sentence", "inline", "before", "pick_topic",
           "histopathology", "skin_cancer_history", "staging", "imaging", "instrumental", "vitals", "anthropometrics",
           "scores", "treatment", "courses",
           "counts", "dermoscopy", "timing", "when", "contacts", "location", "ages", "lifestyle", "response",
           "topicals", "screening", "numbered_plan", "serology_context", "trend_tail", "WRITERS"]

# == numbers ======================================================================================================
# name: (low, high, decimals); integers when decimals is 0.
RANGES: dict[str, tuple[float, float, int]] = {
    # vital signs
    "hr": (56, 112, 0), "spo2": (93, 100, 0), "temp": (36.2, 39.6, 1), "rr": (12, 26, 0), "qtc": (380, 468, 0),
    "news": (0, 7, 0), "abi": (0.55, 1.25, 2),
    # anthropometrics
    "weight": (46, 118, 0), "height": (150, 196, 0), "waist": (68, 124, 0), "loss": (2, 14, 0),
    # scores
    "pasi": (0.6, 32.0, 1), "pasi_base": (10.2, 38.0, 1), "pasi_low": (0.0, 3.0, 1), "bsa": (2, 65, 0),
    "dlqi": (0, 30, 0), "easi": (0.8, 52.0, 1), "easi_base": (16.0, 60.0, 1), "scorad": (12, 88, 0),
    "nrs": (1, 10, 0), "uas": (4, 42, 0),
    "uct": (0, 16, 0), "iga": (0, 4, 0), "bpdai": (6, 86, 0), "bpdai_itch": (2, 30, 0), "pdai": (4, 62, 0),
    "pdai_skin": (2, 40, 0), "pdai_muc": (1, 20, 0), "salt": (10, 100, 0), "pull": (4, 14, 0),
    "dens": (90, 240, 0), "sinclair": (1, 5, 0), "gags": (9, 38, 0), "pap": (6, 45, 0), "cumul": (40, 150, 0),
    "cdasi": (4, 42, 0), "clasi": (2, 28, 0), "mmt": (96, 150, 0), "napsi": (2, 48, 0), "poem": (3, 28, 0),
    "lrinec": (0, 9, 0), "regiscar": (2, 8, 0), "scorten": (0, 4, 0), "alden": (-3, 8, 0), "scorma": (10, 60, 0),
    "ihs4": (1, 22, 0), "skindex": (10, 80, 0), "abscesses": (1, 6, 0), "tunnels": (1, 4, 0),
    # histology, imaging, sizes
    "mitoses": (0, 9, 0), "margin": (1, 15, 0), "margin_deep": (1, 8, 0), "ki67": (3, 40, 0),
    "suv": (2.1, 14.5, 1), "node": (7, 34, 0), "spleen": (10.5, 16.5, 1), "liver": (12.0, 18.5, 1),
    "tscore": (-3.4, -0.6, 1), "lesion_mm": (4, 25, 0), "mm_change": (1, 4, 0), "cm": (1.5, 18.0, 1),
    "scc_cm": (0.6, 3.8, 1), "mantoux": (0, 18, 0),
    "tds": (2.1, 7.9, 2), "seven": (0, 8, 0), "colours": (2, 5, 0),
    # counts
    "nevi": (20, 160, 0), "atyp": (2, 18, 0), "les": (2, 14, 0), "blisters": (2, 20, 0), "wheals": (5, 60, 0),
    "sessions": (8, 40, 0), "cycles": (2, 12, 0), "episodes": (2, 8, 0), "bcc": (2, 6, 0),
    # time
    "weeks": (2, 16, 0), "week": (4, 52, 0), "months": (2, 18, 0), "years": (2, 25, 0), "days": (3, 14, 0),
    "day": (2, 12, 0), "d7": (2, 6, 0), "hours": (24, 72, 0),
    # lifestyle, percentages
    "py": (5, 45, 0), "cig": (5, 30, 0), "units": (2, 28, 0), "glasses": (2, 4, 0), "pct": (30, 95, 0),
    "adher": (60, 100, 0), "sport": (2, 8, 0),
    # treatment
    "juv": (0.3, 2.5, 1), "cumj": (12.0, 160.0, 1), "ins": (8, 40, 0), "clob": (10, 30, 0),
    # places, people
    "room": (1, 40, 0), "bed": (1, 28, 0), "amb": (1, 12, 0), "floor": (1, 6, 0), "ext": (2000, 7999, 0),
    "old": (58, 94, 0), "kid": (2, 14, 0), "kid2": (15, 30, 0),
}
# name: options (strings print as they are, numbers in the document's decimal style).
CHOICES: dict[str, tuple] = {
    "bp": ("110/70", "120/80", "125/80", "130/80", "130/85", "135/85", "140/90", "145/90", "150/95", "160/100",
           "100/60", "115/75"),
    "clark": ("II", "III", "IV", "V"), "scc_t": ("pT1", "pT2", "pT3"),
    "pt": ("pT1a", "pT1b", "pT2a", "pT2b", "pT3a", "pT3b", "pT4a", "pT4b"),
    "pn": ("N0", "pN0", "N1a", "pN1a", "N1b", "N2a"),
    "stage": ("IA", "IB", "IIA", "IIB", "IIC", "IIIA", "IIIB", "IIIC", "IIID"),
    "sln": ("0/1", "0/2", "0/3", "1/2", "1/3", "2/4", "1/1"), "sln_pos": ("1/1", "1/2", "1/3", "2/3", "2/4"),
    "pasi_resp": ("50", "75", "90", "100"), "hiscr": ("50", "75", "90"),
    "ludwig": ("I", "II", "III"), "hurley": ("I", "II", "III"),
    "ratio": ("1:1", "1:2", "1:4", "1:10"),
    "reg": ("10", "25", "50"),
    "time": ("08:00", "08:30", "09:15", "10:00", "10:45", "11:30", "12:15", "14:00", "15:30", "16:45"),
    "ward": ("7B", "12", "4", "21A", "9", "3C"), "bay": ("1", "2", "3", "4", "5", "6"),
    "mtx": (7.5, 10, 12.5, 15, 15, 17.5, 20, 25), "mtx_low": (5, 7.5, 10), "csa": (2.5, 3, 3, 3.5, 4, 5),
    "acit": (10, 25, 25, 35), "pred": (5, 7.5, 10, 12.5, 15, 20, 25, 30, 37.5, 50), "aza": (50, 100, 150),
    "hcq": (3, 4, 5), "upa": (15, 30), "abro": (100, 200), "iso": (10, 20, 20, 30, 40),
    "isokg": (0.3, 0.5, 0.5, 0.8, 1.0), "wide": (0.5, 1, 1, 2), "urea": (5, 10, 10, 20, 30), "sal": (2, 3, 5, 10),
}


def _number(doc: Doc, value: float) -> str:
    """A number as written: "15", "7,5", "0,05" (the document's decimal style)."""
    if float(value).is_integer():
        return str(int(value))
    decimals = len(repr(float(value)).split(".")[1])
    return doc.num(value, decimals)


def _randint(doc: Doc, name: str) -> int:
    low, high, _ = RANGES[name]
    return doc.rng.randint(int(low), int(high))


def _breslow(doc: Doc, cache: dict) -> str:
    value = doc.rng.uniform(0.2, 6.5)
    return doc.num(value, 2 if value < 1 and doc.rng.random() < 0.6 else 1)


def _size2(doc: Doc, low: int, high: int) -> str:
    a = doc.rng.randint(low, high)
    b = doc.rng.randint(max(1, low // 2), a)
    return f"{a}{doc.pick([' x ', ' x ', ' × ', 'x'])}{b}"


def _bmi(doc: Doc, cache: dict) -> str:
    weight = int(_value(doc, "weight", cache))
    height = int(_value(doc, "height", cache)) / 100
    return doc.num(weight / height ** 2, 1)


def _young(doc: Doc, cache: dict) -> str:
    return str(doc.rng.randint(3, max(4, min(doc.age - 2, 45))))


def _sib(doc: Doc, cache: dict) -> str:
    return str(max(4, doc.age + doc.rng.choice([-1, 1]) * doc.rng.randint(1, 9)))


def _past(doc: Doc, cache: dict) -> str:
    return doc.date(doc.visit - dt.timedelta(days=doc.rng.randint(20, 900)))


def _recent(doc: Doc, cache: dict) -> str:
    return doc.date(doc.visit - dt.timedelta(days=doc.rng.randint(3, 27)))


def _next(doc: Doc, cache: dict) -> str:
    return doc.date(doc.visit + dt.timedelta(days=doc.rng.randint(14, 180)))


def _short(doc: Doc, cache: dict) -> str:
    day = doc.visit - dt.timedelta(days=doc.rng.randint(5, 300))
    return f"{day.day:02d}/{day.month:02d}" if doc.rng.random() < 0.7 else f"{day.day}/{day.month}"


def _month_year(doc: Doc, cache: dict) -> str:
    day = doc.visit - dt.timedelta(days=doc.rng.randint(30, 1500))
    return f"{MONTHS[doc.lang][day.month - 1]} {day.year}"


def _phone(doc: Doc, cache: dict) -> str:
    rng = doc.rng
    if doc.lang == "it":
        prefix = rng.choice(["2", "6", "11", "51", "55", "81", "49"])
        return f"0{prefix} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
    return f"0{rng.randint(113, 191)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"


def _mobile(doc: Doc, cache: dict) -> str:
    rng = doc.rng
    if doc.lang == "it":
        return f"3{rng.randint(20, 49)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
    return f"07{rng.randint(700, 999)} {rng.randint(100000, 999999)}"


def _thousands(value: int) -> Callable[[Doc, dict], str]:
    def draw(doc: Doc, cache: dict) -> str:
        return doc.num(value * doc.rng.choice([1, 1, 2]), 0, thousands=True)
    return draw


# name: a function of (document, this clause's draws).
SPECIAL: dict[str, Callable[[Doc, dict], str]] = {
    "breslow": _breslow, "bmi": _bmi, "young": _young, "sib": _sib,
    "size2": lambda doc, cache: _size2(doc, 4, 28), "size2cm": lambda doc, cache: _size2(doc, 6, 30),
    "date_past": _past, "date_recent": _recent, "date_next": _next, "date_short": _short,
    "date_drawn": lambda doc, cache: doc.date(doc.drawn), "month_year": _month_year,
    "year": lambda doc, cache: str(doc.visit.year - doc.rng.randint(1, 12)),
    "year_old": lambda doc, cache: str(doc.visit.year - doc.rng.randint(14, 40)),
    "phone": _phone, "mobile": _mobile, "vitd_ui": _thousands(25000), "vitd_iu": _thousands(20000),
    "rx": lambda doc, cache: f"{doc.rng.randint(100000, 999999)}{doc.rng.randint(1000, 9999)}",
    "prat": lambda doc, cache: f"{doc.visit.year}/{doc.rng.randint(1000, 99999)}",
    "smoker": lambda doc, cache: "fumatrice" if doc.sex == "F" else "fumatore",
    "ex_smoker": lambda doc, cache: "ex fumatrice" if doc.sex == "F" else "ex fumatore",
    "vaccinated": lambda doc, cache: "vaccinata" if doc.sex == "F" else "vaccinato",
}

_SLOT = re.compile(r"\{(~?[\w.\-]+)\}")


def _value(doc: Doc, name: str, cache: dict) -> str:
    if name.startswith("~"):
        return _number(doc, float(name[1:]))
    if name not in cache:
        if name in SPECIAL:
            cache[name] = SPECIAL[name](doc, cache)
        elif name in RANGES:
            low, high, decimals = RANGES[name]
            cache[name] = doc.num(doc.rng.uniform(low, high), decimals) if decimals else str(_randint(doc, name))
        elif name in CHOICES:
            choice = doc.rng.choice(CHOICES[name])
            cache[name] = choice if isinstance(choice, str) else _number(doc, choice)
        else:
            raise KeyError(f"unknown number slot {{{name}}}")
    return cache[name]


def fill(doc: Doc, text: str, cache: dict | None = None) -> str:
    """``text`` with its ``{slot}`` numbers drawn (``cache``: draws shared with the rest of the clause)."""
    cache = {} if cache is None else cache
    return _SLOT.sub(lambda m: _value(doc, m.group(1), cache), text)


def write(doc: Doc, text: str, cache: dict | None = None) -> None:
    """Write a phrase: slots filled, ``[[text|kind]]`` marks recorded as negatives."""
    doc.b.say(fill(doc, text, cache))


# == phrases ======================================================================================================
# topic -> language -> phrases (clauses without a full stop, each with at least one negative).
TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "histology": {
        "it": ("Breslow [[{breslow} mm|histology]]", "spessore di Breslow [[{breslow} mm|histology]]",
               "spessore [[{breslow} mm|histology]]", "indice mitotico [[{mitoses}/mm²|histology]]",
               "[[{mitoses} mitosi/mm²|histology]]", "livello di Clark [[{clark}|histology]]",
               "Clark [[{clark}|histology]]", "non ulcerato, Breslow [[{breslow} mm|histology]]",
               "margini indenni, il più vicino a [[{margin} mm|histology]]",
               "margine laterale a [[{margin} mm|histology]] e profondo a [[{margin_deep} mm|histology]]",
               "linfonodo sentinella positivo in [[{sln_pos}|histology]] linfonodi",
               "linfonodo sentinella: [[{sln}|histology]] linfonodi metastatici", "Ki-67 [[{ki67}%|histology]]",
               "regressione [[< {reg}%|histology]]", "ampliamento con margini di [[{wide} cm|histology]]",
               "mitosi [[{mitoses}/mm2|histology]], ulcerazione assente"),
        "en": ("Breslow thickness [[{breslow} mm|histology]]", "Breslow [[{breslow} mm|histology]]",
               "Breslow depth [[{breslow}mm|histology]]", "mitotic rate [[{mitoses}/mm²|histology]]",
               "[[{mitoses} mitoses/mm2|histology]]", "Clark level [[{clark}|histology]]",
               "not ulcerated, Breslow [[{breslow} mm|histology]]",
               "closest peripheral margin [[{margin} mm|histology]]",
               "peripheral margin [[{margin} mm|histology]], deep margin [[{margin_deep} mm|histology]]",
               "sentinel node [[{sln_pos}|histology]] positive", "[[{sln}|histology]] sentinel nodes involved",
               "Ki-67 [[{ki67}%|histology]]", "regression [[< {reg}%|histology]]",
               "wide local excision with [[{wide} cm|histology]] margins",
               "mitoses [[{mitoses}/mm²|histology]], no ulceration"),
    },
    "skin_cancer_history": {
        "it": ("pregresso melanoma del dorso ([[{pt}|stage]], Breslow [[{breslow} mm|histology]]) asportato nel "
               "[[{year}|year]]", "melanoma in situ asportato nel [[{year}|year]]",
               "carcinoma basocellulare del naso asportato nel [[{year}|year]], margine minimo "
               "[[{margin} mm|histology]]",
               "carcinoma squamocellulare del cuoio capelluto di [[{scc_cm} cm|size]] ([[{scc_t}|stage]]) trattato nel "
               "[[{year}|year]]", "[[{bcc} carcinomi basocellulari|count]] asportati tra il [[{year_old}|year]] e il "
               "[[{year}|year]]",
               "nevo displastico asportato nel [[{year}|year]] con margini di [[{margin} mm|histology]]",
               "melanoma [[{pt}|stage]] asportato nel [[{year}|year]] con ampliamento di [[{wide} cm|histology]]"),
        "en": ("previous melanoma on the back ([[{pt}|stage]], Breslow [[{breslow} mm|histology]]) excised in "
               "[[{year}|year]]", "melanoma in situ excised in [[{year}|year]]",
               "basal cell carcinoma of the nose excised in [[{year}|year]], closest margin [[{margin} mm|histology]]",
               "squamous cell carcinoma of the scalp measuring [[{scc_cm} cm|size]] ([[{scc_t}|stage]]), treated in "
               "[[{year}|year]]",
               "[[{bcc} basal cell carcinomas|count]] excised between [[{year_old}|year]] and [[{year}|year]]",
               "dysplastic naevus excised in [[{year}|year]] with [[{margin} mm|histology]] margins",
               "[[{pt}|stage]] melanoma excised in [[{year}|year]], wide local excision with [[{wide} cm|histology]] "
               "margins"),
    },
    "staging": {
        "it": ("[[{pt}|stage]] [[{pn}|stage]] [[M0|stage]]", "melanoma [[{pt}|stage]]",
               "stadio [[{stage}|stage]] (AJCC [[8a ed.|stage]])",
               "stadio [[{stage}|stage]] secondo AJCC [[2017|year]]",
               "stadio patologico [[{stage}|stage]]", "[[{pt}|stage]] [[{pn}|stage]], stadio [[{stage}|stage]]",
               "stadiazione [[{pt}|stage]] [[{pn}|stage]] [[M0|stage]]",
               "stadio [[{stage}|stage]] dell'ottava edizione AJCC"),
        "en": ("[[{pt}|stage]] [[{pn}|stage]] [[M0|stage]]", "AJCC [[8th edition|stage]] stage [[{stage}|stage]]",
               "stage [[{stage}|stage]]", "pathological stage [[{stage}|stage]] ([[{pt}|stage]] [[{pn}|stage]])",
               "[[{pt}|stage]] melanoma", "stage [[{stage}|stage]] (AJCC [[v8|stage]])",
               "[[{pt}|stage]] [[{pn}|stage]], stage [[{stage}|stage]]"),
    },
    "imaging": {
        "it": ("TC total body del [[{date_past}|date]] negativa",
               "TC torace-addome del [[{date_past}|date]] senza evidenza di localizzazioni secondarie",
               "PET-TC del [[{date_past}|date]] con linfonodo ascellare captante (SUVmax [[{suv}|imaging]])",
               "PET con SUVmax [[{suv}|imaging]] in sede inguinale",
               "ecografia linfonodale del [[{date_past}|date]] con linfonodo inguinale di [[{node} mm|size]] a "
               "morfologia reattiva", "linfonodo ascellare di [[{node} mm|size]] all'ecografia",
               "RM encefalo del [[{date_past}|date]] negativa", "ecografia cutanea con lesione di [[{size2} mm|size]]",
               "ecografia delle stazioni linfonodali del [[{date_past}|date]] negativa"),
        "en": ("CT chest, abdomen and pelvis on [[{date_past}|date]] with no evidence of metastatic disease",
               "staging CT ([[{date_past}|date]]) clear",
               "PET-CT on [[{date_past}|date]] with an FDG-avid left axillary node, SUVmax [[{suv}|imaging]]",
               "SUVmax [[{suv}|imaging]] in a right inguinal node",
               "groin ultrasound ([[{date_past}|date]]) showing a [[{node} mm|size]] node with a preserved hilum",
               "a [[{node} mm|size]] axillary node on ultrasound", "MRI brain on [[{date_past}|date]] normal",
               "skin ultrasound showing a [[{size2} mm|size]] lesion",
               "nodal ultrasound on [[{date_past}|date]] unremarkable"),
    },
    "instrumental": {
        "it": ("RX torace del [[{date_past}|date]] negativo", "ecografia addome con milza di [[{spleen} cm|size]]",
               "ECG con ritmo sinusale, FC [[{hr} bpm|vital]] e QTc [[{qtc} ms|vital]]",
               "MOC con T-score [[{tscore}|imaging]] a livello lombare",
               "ecografia addome del [[{date_past}|date]] con fegato di [[{liver} cm|size]]",
               "ecocolordoppler venoso del [[{date_past}|date]] negativo per TVP",
               "capillaroscopia del [[{date_past}|date]] con pattern aspecifico"),
        "en": ("chest X-ray on [[{date_past}|date]] clear",
               "abdominal ultrasound with a spleen of [[{spleen} cm|size]]",
               "ECG in sinus rhythm, rate [[{hr}|vital]], QTc [[{qtc} ms|vital]]",
               "DEXA T-score [[{tscore}|imaging]] at the lumbar spine",
               "liver ultrasound on [[{date_past}|date]] with a liver span of [[{liver} cm|size]]",
               "venous Doppler on [[{date_past}|date]] negative for DVT",
               "capillaroscopy on [[{date_past}|date]] non-specific"),
    },
    "vitals": {
        "it": ("PA [[{bp} mmHg|vital]]", "PA [[{bp}|vital]]", "pressione arteriosa [[{bp} mmHg|vital]]",
               "FC [[{hr} bpm|vital]]", "FC [[{hr}/min|vital]]", "polso ritmico a [[{hr} bpm|vital]]",
               "SpO2 [[{spo2}%|vital]] in aria ambiente", "SatO2 [[{spo2}%|vital]]", "TC [[{temp} °C|vital]]",
               "T [[{temp} °C|vital]]", "temperatura [[{temp}°C|vital]]", "febbre fino a [[{temp} °C|vital]]",
               "FR [[{rr} atti/min|vital]]"),
        "en": ("BP [[{bp}|vital]]", "BP [[{bp} mmHg|vital]]", "blood pressure [[{bp} mmHg|vital]]", "HR [[{hr}|vital]]",
               "pulse [[{hr} bpm|vital]]", "heart rate [[{hr}/min|vital]]", "sats [[{spo2}%|vital]] on air",
               "SpO2 [[{spo2}%|vital]]", "temp [[{temp}°C|vital]]", "temperature [[{temp} °C|vital]]",
               "T [[{temp}|vital]]", "RR [[{rr}|vital]]", "NEWS2 [[{news}|score]]"),
    },
    "anthropometrics": {
        "it": ("peso [[{weight} kg|anthropometric]]", "peso corporeo [[{weight} kg|anthropometric]]",
               "altezza [[{height} cm|anthropometric]]", "statura [[{height} cm|anthropometric]]",
               "BMI [[{bmi} kg/m²|anthropometric]]", "BMI [[{bmi}|anthropometric]]",
               "IMC [[{bmi} kg/m2|anthropometric]]",
               "circonferenza vita [[{waist} cm|anthropometric]]",
               "calo ponderale di [[{loss} kg|anthropometric]] in [[{months} mesi|duration]]"),
        "en": ("weight [[{weight} kg|anthropometric]]", "weight [[{weight}kg|anthropometric]]",
               "height [[{height} cm|anthropometric]]", "BMI [[{bmi} kg/m²|anthropometric]]",
               "BMI [[{bmi}|anthropometric]]",
               "waist [[{waist} cm|anthropometric]]",
               "weight loss of [[{loss} kg|anthropometric]] over [[{months} months|duration]]"),
    },
    "counts": {
        "it": ("[[{nevi} nevi melanocitici|count]]", "oltre [[{nevi} nevi|count]]", "[[{atyp} nevi atipici|count]]",
               "[[{atyp} nevi clinicamente atipici|count]]", "[[{les} lesioni|count]] sospette",
               "[[{bcc} carcinomi basocellulari|count]] asportati in passato",
               "[[{les} cheratosi attiniche|count]] al volto",
               "[[{episodes} episodi|count]] di riacutizzazione nell'ultimo anno",
               "[[{les} lesioni|count]] trattate con crioterapia"),
        "en": ("[[{nevi} melanocytic naevi|count]]", "more than [[{nevi} naevi|count]]",
               "[[{atyp} atypical naevi|count]]",
               "[[{les} lesions|count]] of concern", "[[{bcc} basal cell carcinomas|count]] excised previously",
               "[[{les} actinic keratoses|count]] on the scalp", "[[{episodes} flares|count]] in the last year",
               "[[{les} lesions|count]] treated with cryotherapy"),
    },
    "dermoscopy": {
        "it": ("TDS [[{tds}|dermoscopy]]", "punteggio TDS [[{tds}|dermoscopy]]",
               "checklist a 7 punti: [[{seven}|dermoscopy]]",
               "7-point checklist [[{seven}|dermoscopy]]", "[[{colours} colori|dermoscopy]] in dermoscopia",
               "lesione di [[{size2} mm|size]] con reticolo atipico", "diametro [[{lesion_mm} mm|size]]",
               "lesione pigmentata di [[{lesion_mm} mm|size]]",
               "crescita di [[{mm_change} mm|size]] rispetto al controllo del [[{date_past}|date]]"),
        "en": ("TDS [[{tds}|dermoscopy]]", "total dermoscopy score [[{tds}|dermoscopy]]",
               "7-point checklist score [[{seven}|dermoscopy]]", "[[{colours} colours|dermoscopy]] on dermoscopy",
               "a [[{size2} mm|size]] lesion with an atypical network", "diameter [[{lesion_mm} mm|size]]",
               "a [[{lesion_mm} mm|size]] pigmented lesion",
               "grown by [[{mm_change} mm|size]] since [[{date_past}|date]]"),
    },
    "timing": {
        "it": ("da [[{months} mesi|duration]]", "da circa [[{years} anni|duration]]",
               "a [[{weeks} settimane|duration]] dall'avvio della terapia",
               "dopo [[{weeks} settimane|duration]] di terapia", "al giorno [[{day}|duration]] di ricovero",
               "in [[{day}ª giornata|duration]]", "alla settimana [[{week}|duration]]",
               "al mese [[{months}|duration]] di trattamento", "nelle ultime [[{weeks} settimane|duration]]",
               "a [[{months} mesi|duration]] dal controllo precedente", "da [[{weeks} settimane|duration]]"),
        "en": ("for [[{months} months|duration]]", "for about [[{years} years|duration]]",
               "[[{weeks} weeks|duration]] into treatment",
               "after [[{weeks} weeks|duration]] of treatment", "on day [[{day}|duration]] of admission",
               "at week [[{week}|duration]]", "at month [[{months}|duration]] of treatment",
               "over the last [[{weeks} weeks|duration]]", "at [[{weeks}/52|duration]]",
               "[[{d7}/7|duration]] into the admission", "[[{months} months|duration]] after the last check"),
    },
    "when": {
        "it": ("il [[{date_past}|date]]", "dal [[{date_past}|date]]", "nel [[{year}|year]]", "dal [[{year}|year]]",
               "a [[{month_year}|date]]", "del [[{date_short}|date]]", "prelievo delle ore [[{time}|time]]",
               "con controllo il [[{date_next}|date]]"),
        "en": ("on [[{date_past}|date]]", "since [[{date_past}|date]]", "in [[{year}|year]]", "since [[{year}|year]]",
               "in [[{month_year}|date]]", "on [[{date_short}|date]]", "taken at [[{time}|time]]",
               "with a review on [[{date_next}|date]]"),
    },
    "contacts": {
        "it": ("tel. [[{phone}|phone]]", "telefono [[{phone}|phone]]", "fax [[{phone}|phone]]",
               "cell. [[{mobile}|phone]]",
               "int. [[{ext}|phone]]", "segreteria [[{phone}|phone]] dalle [[9|time]] alle [[13|time]]",
               "pratica n. [[{prat}|id]]", "impegnativa n. [[{rx}|id]]"),
        "en": ("tel [[{phone}|phone]]", "fax [[{phone}|phone]]", "mobile [[{mobile}|phone]]", "ext. [[{ext}|phone]]",
               "bleep [[{ext}|phone]]", "secretary [[{phone}|phone]], [[9|time]]am to [[1|time]]pm",
               "appointment ref. [[{rx}|id]]", "e-referral UBRN [[{rx}|id]]"),
    },
    "location": {
        "it": ("stanza [[{room}|room]], letto [[{bed}|room]]", "letto [[{bed}|room]]", "camera [[{room}|room]]",
               "ambulatorio [[{amb}|room]], piano [[{floor}|room]]", "ambulatorio n. [[{amb}|room]]",
               "piano [[{floor}|room]], stanza [[{room}|room]]"),
        "en": ("Ward [[{ward}|room]], bed [[{bed}|room]]", "bay [[{bay}|room]], bed [[{bed}|room]]",
               "side room [[{room}|room]]", "clinic room [[{amb}|room]]",
               "level [[{floor}|room]], room [[{room}|room]]"),
    },
    "ages": {
        "it": ("madre deceduta a [[{old} anni|age]] per melanoma",
               "padre affetto da psoriasi dall'età di [[{young} anni|age]]",
               "fratello di [[{sib} anni|age]] con dermatite atopica", "figli di [[{kid} e {kid2} anni|age]]",
               "prime lesioni all'età di [[{young} anni|age]]", "sorella operata di melanoma a [[{old} anni|age]]"),
        "en": ("mother died aged [[{old}|age]] of melanoma", "father with psoriasis from age [[{young}|age]]",
               "a [[{sib}-year-old|age]] brother with eczema", "children aged [[{kid} and {kid2}|age]]",
               "first lesions at the age of [[{young}|age]]", "sister treated for melanoma at [[{old}|age]]"),
    },
    "lifestyle": {
        "it": ("{ex_smoker} ([[{py} pack-years|pack_years]])", "{smoker} di [[{cig} sigarette/die|pack_years]]",
               "fumo: [[{py} pacchetti/anno|pack_years]]",
               "{smoker} di [[{cig} sigarette al giorno|pack_years]] da [[{years} anni|duration]]",
               "ha smesso di fumare nel [[{year}|year]] ([[{py} pack-years|pack_years]])",
               "alcol [[{units} unità/settimana|alcohol]]", "[[{glasses} bicchieri di vino|alcohol]] al giorno",
               "attività fisica [[{sport} ore/settimana|duration]]"),
        "en": ("ex-smoker ([[{py} pack-years|pack_years]])", "smokes [[{cig} cigarettes a day|pack_years]]",
               "[[{py} pack-year|pack_years]] smoking history",
               "stopped smoking in [[{year}|year]] ([[{py} pack-years|pack_years]])",
               "alcohol [[{units} units/week|alcohol]]", "drinks [[{units} units|alcohol]] a week",
               "current smoker, [[{py} pack-years|pack_years]]", "exercises [[{sport} hours a week|duration]]"),
    },
    "topicals": {
        "it": ("crema all'urea [[{urea}%|percent]]", "vaselina salicilata al [[{sal}%|percent]]",
               "clobetasolo [[{~0.05}%|dose]] crema", "betametasone diluito [[{ratio}|ratio]] in crema base",
               "miscela [[1:1|ratio]] con vaselina", "permanganato di potassio [[1:10.000|ratio]]",
               "impacchi di acido borico al [[{~3}%|percent]]", "fotoprotezione SPF [[50+|dose]]",
               "emolliente [[2 volte/die|dose]]", "pasta all'ossido di zinco [[1:1|ratio]] con vaselina"),
        "en": ("urea [[{urea}%|percent]] cream", "salicylic acid [[{sal}%|percent]] in white soft paraffin",
               "clobetasol [[{~0.05}%|dose]] cream", "betamethasone diluted [[{ratio}|ratio]] in emollient",
               "mixed [[1:1|ratio]] with white soft paraffin", "potassium permanganate soaks [[1:10,000|ratio]]",
               "bleach baths at [[{~0.005}%|percent]]", "[[50:50|ratio]] white soft paraffin/liquid paraffin",
               "SPF [[50+|dose]] sunscreen", "emollient [[twice daily|dose]]"),
    },
    "screening": {
        "it": ("{vaccinated} per HBV nel [[{year_old}|year]]", "RX torace del [[{date_past}|date]] negativo",
               "Mantoux [[{mantoux} mm|size]] a [[{hours} ore|duration]]", "vaccino anti-zoster: [[2|count]] dosi",
               "ultimo richiamo antitetanico nel [[{year}|year]]",
               "contatto con un caso di TB [[{years} anni|duration]] fa", "viaggio in India nel [[{year}|year]]"),
        "en": ("vaccinated against HBV in [[{year_old}|year]]", "chest X-ray on [[{date_past}|date]] clear",
               "Mantoux [[{mantoux} mm|size]] at [[{hours} hours|duration]]", "shingles vaccine: [[2|count]] doses",
               "last tetanus booster in [[{year}|year]]", "contact with a TB case [[{years} years|duration]] ago",
               "travelled to India in [[{year}|year]]"),
    },
}

# Topics whose phrases depend on the disease: topic -> family -> language -> phrases ("generic" for the rest).
BY_FAMILY: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "scores": {
        "psoriasis": {
            "it": ("PASI [[{pasi}|score]]", "PASI [[{pasi}|score]] (basale [[{pasi_base}|score]])",
                   "BSA [[{bsa}%|score]]",
                   "DLQI [[{dlqi}|score]]", "sPGA [[{iga}|score]]", "PGA [[{iga}|score]]", "NAPSI [[{napsi}|score]]",
                   "risposta PASI [[{pasi_resp}|score]] alla settimana [[{week}|duration]]",
                   "PASI assoluto [[{pasi_low}|score]]",
                   "interessamento del [[{bsa}%|score]] della superficie corporea"),
            "en": ("PASI [[{pasi}|score]]", "PASI [[{pasi}|score]] (baseline [[{pasi_base}|score]])",
                   "BSA [[{bsa}%|score]]",
                   "DLQI [[{dlqi}|score]]", "sPGA [[{iga}|score]]", "PGA [[{iga}|score]]", "NAPSI [[{napsi}|score]]",
                   "PASI [[{pasi_resp}|score]] response at week [[{week}|duration]]",
                   "absolute PASI [[{pasi_low}|score]]",
                   "[[{bsa}%|score]] body surface area")},
        "eczema": {
            "it": ("EASI [[{easi}|score]]", "SCORAD [[{scorad}|score]]", "NRS prurito [[{nrs}/10|score]]",
                   "NRS del sonno [[{nrs}/10|score]]", "vIGA-AD [[{iga}|score]]", "IGA [[{iga}|score]]",
                   "POEM [[{poem}|score]]", "DLQI [[{dlqi}|score]]"),
            "en": ("EASI [[{easi}|score]]", "SCORAD [[{scorad}|score]]", "itch NRS [[{nrs}/10|score]]",
                   "sleep NRS [[{nrs}/10|score]]", "vIGA-AD [[{iga}|score]]", "IGA [[{iga}|score]]",
                   "POEM [[{poem}|score]]",
                   "DLQI [[{dlqi}|score]]", "peak pruritus NRS [[{nrs}|score]]")},
        "urticaria": {
            "it": ("UAS7 [[{uas}|score]]", "UAS7 [[{uas}/42|score]]", "UCT [[{uct}|score]]", "UCT [[{uct}/16|score]]",
                   "NRS prurito [[{nrs}/10|score]]", "[[{wheals} pomfi|count]] al giorno", "DLQI [[{dlqi}|score]]"),
            "en": ("UAS7 [[{uas}|score]]", "UAS7 of [[{uas}/42|score]]", "UCT [[{uct}|score]]",
                   "UCT [[{uct}/16|score]]",
                   "itch NRS [[{nrs}/10|score]]", "[[{wheals} wheals|count]] a day", "DLQI [[{dlqi}|score]]")},
        "bullous": {
            "it": ("BPDAI [[{bpdai}|score]]", "BPDAI attività [[{bpdai}|score]]",
                   "[[{blisters} nuove bolle|count]] al giorno",
                   "NRS prurito [[{nrs}/10|score]]", "BPDAI prurito [[{bpdai_itch}/30|score]]",
                   "interessamento del [[{bsa}%|score]] della superficie cutanea"),
            "en": ("BPDAI [[{bpdai}|score]]", "BPDAI activity score [[{bpdai}|score]]",
                   "[[{blisters} new blisters|count]] a day", "itch NRS [[{nrs}/10|score]]",
                   "BPDAI itch [[{bpdai_itch}/30|score]]", "[[{bsa}%|score]] of the skin surface involved")},
        "pemphigus": {
            "it": ("PDAI [[{pdai}|score]]", "PDAI cute [[{pdai_skin}|score]], mucose [[{pdai_muc}|score]]",
                   "[[{les} erosioni|count]] del cavo orale", "PDAI totale [[{pdai}|score]]"),
            "en": ("PDAI [[{pdai}|score]]", "PDAI skin [[{pdai_skin}|score]], mucosa [[{pdai_muc}|score]]",
                   "[[{les} oral erosions|count]]", "total PDAI [[{pdai}|score]]")},
        "hair": {
            "it": ("SALT [[{salt}%|score]]", "SALT score [[{salt}|score]]",
                   "pull test positivo con [[{pull} capelli|count]]",
                   "Ludwig [[{ludwig}|stage]]", "Sinclair [[{sinclair}|stage]]", "densità [[{dens} UF/cm²|count]]",
                   "diversità dei fusti [[> 20%|score]]"),
            "en": ("SALT [[{salt}%|score]]", "SALT score [[{salt}|score]]",
                   "positive pull test, [[{pull} hairs|count]]",
                   "Ludwig grade [[{ludwig}|stage]]", "Sinclair stage [[{sinclair}|stage]]",
                   "density [[{dens} FU/cm²|count]]", "hair shaft variability [[> 20%|score]]")},
        "acne": {
            "it": ("GAGS [[{gags}|score]]", "[[{les} noduli|count]] infiammatori", "[[{pap} papulo-pustole|count]]",
                   "dose cumulativa di isotretinoina [[{cumul} mg/kg|dose]]", "IGA [[{iga}|score]]"),
            "en": ("GAGS [[{gags}|score]]", "[[{les} inflammatory nodules|count]]",
                   "[[{pap} papules and pustules|count]]",
                   "cumulative isotretinoin dose [[{cumul} mg/kg|dose]]", "IGA [[{iga}|score]]")},
        "ctd": {
            "it": ("CDASI attività [[{cdasi}|score]]", "CLASI attività [[{clasi}|score]]",
                   "CLASI-A [[{clasi}|score]]", "MMT-8 [[{mmt}/150|score]]", "Raynaud da [[{years} anni|duration]]"),
            "en": ("CDASI activity [[{cdasi}|score]]", "CLASI activity [[{clasi}|score]]",
                   "CLASI-A [[{clasi}|score]]", "MMT-8 [[{mmt}/150|score]]",
                   "Raynaud's for [[{years} years|duration]]")},
        "infection": {
            "it": ("eritema di [[{size2cm} cm|size]]", "ulcera di [[{cm} cm|size]] al malleolo",
                   "NEWS [[{news}|score]]",
                   "LRINEC [[{lrinec}|score]]", "ABI [[{abi}|vital]]"),
            "en": ("erythema measuring [[{size2cm} cm|size]]", "a [[{cm} cm|size]] ulcer over the medial malleolus",
                   "NEWS2 [[{news}|score]]", "LRINEC [[{lrinec}|score]]", "ABPI [[{abi}|vital]]")},
        "drug": {
            "it": ("RegiSCAR [[{regiscar}|score]]", "SCORTEN [[{scorten}|score]]",
                   "esantema esteso al [[{bsa}%|score]] della superficie corporea", "ALDEN [[{alden}|score]]",
                   "latenza di [[{weeks} settimane|duration]] dall'introduzione del farmaco"),
            "en": ("RegiSCAR score [[{regiscar}|score]]", "SCORTEN [[{scorten}|score]]",
                   "rash over [[{bsa}%|score]] of the body surface", "ALDEN [[{alden}|score]]",
                   "latency of [[{weeks} weeks|duration]] from the start of the drug")},
        "mastocytosis": {
            "it": ("[[{les} lesioni|count]] maculo-papulari", "SCORMA [[{scorma}|score]]",
                   "[[{episodes} episodi|count]] di flushing al mese"),
            "en": ("[[{les} maculopapular lesions|count]]", "SCORMA [[{scorma}|score]]",
                   "[[{episodes} flushing episodes|count]] a month")},
        "generic": {
            "it": ("DLQI [[{dlqi}|score]]", "NRS prurito [[{nrs}/10|score]]", "NRS dolore [[{nrs}/10|score]]",
                   "Skindex-29 [[{skindex}|score]]"),
            "en": ("DLQI [[{dlqi}|score]]", "itch NRS [[{nrs}/10|score]]", "pain score [[{nrs}/10|score]]",
                   "Skindex-29 [[{skindex}|score]]")},
        "hs": {
            "it": ("IHS4 [[{ihs4}|score]]", "Hurley [[{hurley}|stage]]", "[[{les} noduli infiammatori|count]]",
                   "[[{abscesses} ascessi|count]] e [[{tunnels} tragitti fistolosi|count]]",
                   "NRS dolore [[{nrs}/10|score]]",
                   "HiSCR [[{hiscr}|score]] raggiunta", "DLQI [[{dlqi}|score]]"),
            "en": ("IHS4 [[{ihs4}|score]]", "Hurley stage [[{hurley}|stage]]", "[[{les} inflammatory nodules|count]]",
                   "[[{abscesses} abscesses|count]] and [[{tunnels} draining tunnels|count]]",
                   "pain NRS [[{nrs}/10|score]]",
                   "HiSCR [[{hiscr}|score]] achieved", "DLQI [[{dlqi}|score]]")},
    },
    "response": {
        "psoriasis": {
            "it": ("riduzione del PASI del [[{pct}%|percent]]",
                   "PASI passato da [[{pasi_base}|score]] a [[{pasi}|score]]",
                   "risposta PASI [[{pasi_resp}|score]]", "miglioramento del [[{pct}%|percent]]",
                   "aderenza alla terapia del [[{adher}%|percent]]"),
            "en": ("a [[{pct}%|percent]] reduction in PASI", "PASI down from [[{pasi_base}|score]] to [[{pasi}|score]]",
                   "PASI [[{pasi_resp}|score]] response", "[[{pct}%|percent]] improvement",
                   "adherence around [[{adher}%|percent]]")},
        "eczema": {
            "it": ("EASI passato da [[{easi_base}|score]] a [[{easi}|score]]", "risposta EASI [[{pasi_resp}|score]]",
                   "riduzione del prurito del [[{pct}%|percent]]", "aderenza alla terapia del [[{adher}%|percent]]"),
            "en": ("EASI down from [[{easi_base}|score]] to [[{easi}|score]]", "EASI [[{pasi_resp}|score]] response",
                   "itch better by [[{pct}%|percent]]", "adherence around [[{adher}%|percent]]")},
        "generic": {
            "it": ("miglioramento del [[{pct}%|percent]]", "aderenza alla terapia del [[{adher}%|percent]]",
                   "riduzione del prurito del [[{pct}%|percent]]", "[[{pct}%|percent]] delle lesioni in remissione"),
            "en": ("[[{pct}%|percent]] improvement", "adherence around [[{adher}%|percent]]",
                   "itch better by [[{pct}%|percent]]", "[[{pct}%|percent]] clearance")},
    },
    # drugs as noun phrases ("in corso di ...", "on ...")
    "treatment": {
        "psoriasis": {
            "it": ("metotrexato [[{mtx} mg/settimana|dose]]",
                   "methotrexate [[{mtx} mg|dose]] s.c. [[1 volta a settimana|dose]]",
                   "ciclosporina [[{csa} mg/kg/die|dose]]", "acitretina [[{acit} mg/die|dose]]",
                   "adalimumab [[40 mg|dose]] ogni [[2 settimane|dose]]", "secukinumab [[300 mg|dose]] al mese",
                   "risankizumab [[150 mg|dose]] ogni [[12 settimane|dose]]",
                   "apremilast [[30 mg|dose]] [[x 2/die|dose]]",
                   "fototerapia NB-UVB a [[{juv} J/cm²|dose]] [[3 volte/settimana|dose]]",
                   "acido folico [[5 mg|dose]] a settimana", "clobetasolo diluito [[{ratio}|ratio]] con emolliente"),
            "en": ("methotrexate [[{mtx} mg weekly|dose]]",
                   "methotrexate [[{mtx} mg|dose]] subcutaneously [[once a week|dose]]",
                   "ciclosporin [[{csa} mg/kg/day|dose]]", "acitretin [[{acit} mg daily|dose]]",
                   "adalimumab [[40 mg|dose]] every [[2 weeks|dose]]", "secukinumab [[300 mg|dose]] monthly",
                   "risankizumab [[150 mg|dose]] every [[12 weeks|dose]]", "apremilast [[30 mg twice daily|dose]]",
                   "narrowband UVB at [[{juv} J/cm²|dose]] [[three times a week|dose]]",
                   "folic acid [[5 mg|dose]] once weekly",
                   "clobetasol diluted [[{ratio}|ratio]] with emollient")},
        "eczema": {
            "it": ("dupilumab [[300 mg|dose]] ogni [[2 settimane|dose]]",
                   "dupilumab [[300 mg|dose]] ogni [[2 settimane|dose]] dopo carico di [[600 mg|dose]]",
                   "tralokinumab [[300 mg|dose]] ogni [[2 settimane|dose]]", "upadacitinib [[{upa} mg/die|dose]]",
                   "abrocitinib [[{abro} mg/die|dose]]", "ciclosporina [[{csa} mg/kg/die|dose]]",
                   "tacrolimus [[{~0.1}%|dose]] unguento [[2 volte/die|dose]]",
                   "permanganato di potassio [[1:10.000|ratio]] in impacchi"),
            "en": ("dupilumab [[300 mg|dose]] every [[2 weeks|dose]]",
                   "dupilumab [[300 mg|dose]] fortnightly after a [[600 mg|dose]] loading dose",
                   "tralokinumab [[300 mg|dose]] every [[2 weeks|dose]]", "upadacitinib [[{upa} mg daily|dose]]",
                   "abrocitinib [[{abro} mg daily|dose]]", "ciclosporin [[{csa} mg/kg/day|dose]]",
                   "tacrolimus [[{~0.1}%|dose]] ointment [[twice daily|dose]]",
                   "potassium permanganate [[1:10,000|ratio]] soaks")},
        "urticaria": {
            "it": ("bilastina [[20 mg|dose]] [[x 2/die|dose]]", "cetirizina [[10 mg|dose]] fino a [[4 cp/die|dose]]",
                   "omalizumab [[300 mg|dose]] ogni [[4 settimane|dose]]",
                   "omalizumab [[150 mg|dose]] ogni [[4 settimane|dose]]",
                   "rupatadina [[10 mg/die|dose]]", "montelukast [[10 mg|dose]] la sera"),
            "en": ("cetirizine [[10 mg|dose]] up to [[four times daily|dose]]",
                   "fexofenadine [[180 mg|dose]] [[twice daily|dose]]",
                   "omalizumab [[300 mg|dose]] every [[4 weeks|dose]]", "omalizumab [[150 mg|dose]] [[4-weekly|dose]]",
                   "bilastine [[20 mg daily|dose]]", "montelukast [[10 mg|dose]] at night")},
        "bullous": {
            "it": ("prednisone [[{pred} mg/die|dose]] a scalare di [[5 mg|dose]] ogni [[7 giorni|duration]]",
                   "prednisone [[{~0.5} mg/kg/die|dose]]",
                   "clobetasolo propionato [[{~0.05}%|dose]], [[{clob} g/die|dose]]",
                   "doxiciclina [[100 mg|dose]] [[x 2/die|dose]]", "metotrexato [[{mtx_low} mg/settimana|dose]]",
                   "dupilumab [[300 mg|dose]] ogni [[2 settimane|dose]]",
                   "clobetasolo diluito [[{ratio}|ratio]] in crema base"),
            "en": ("prednisolone [[{pred} mg daily|dose]] reducing by [[5 mg|dose]] every [[7 days|duration]]",
                   "prednisolone [[{~0.5} mg/kg/day|dose]]",
                   "clobetasol propionate [[{~0.05}%|dose]], [[{clob} g|dose]] a day",
                   "doxycycline [[200 mg daily|dose]]", "methotrexate [[{mtx_low} mg weekly|dose]]",
                   "dupilumab [[300 mg|dose]] every [[2 weeks|dose]]",
                   "clobetasol diluted [[{ratio}|ratio]] in emollient")},
        "pemphigus": {
            "it": ("rituximab [[1000 mg|dose]] ai giorni [[1 e 15|dose]]", "rituximab [[500 mg|dose]] di mantenimento",
                   "prednisone [[{pred} mg/die|dose]]", "micofenolato mofetile [[1 g|dose]] [[x 2/die|dose]]",
                   "azatioprina [[{aza} mg/die|dose]]"),
            "en": ("rituximab [[1 g|dose]] on days [[1 and 15|dose]]", "rituximab [[500 mg|dose]] maintenance",
                   "prednisolone [[{pred} mg daily|dose]]", "mycophenolate mofetil [[1 g twice daily|dose]]",
                   "azathioprine [[{aza} mg daily|dose]]")},
        "hair": {
            "it": ("minoxidil [[5%|dose]] soluzione [[1 ml x 2/die|dose]]", "minoxidil per os [[1 mg/die|dose]]",
                   "colecalciferolo [[{vitd_ui} UI|dose]] a settimana", "vitamina D3 [[{vitd_ui} UI|dose]] a settimana",
                   "ferro solfato [[105 mg/die|dose]]", "ferro bisglicinato [[30 mg|dose]] [[1 cp/die|dose]]",
                   "acido folico [[5 mg/die|dose]]", "vitamina B12 [[1000 µg|dose]] i.m. [[1 volta al mese|dose]]",
                   "baricitinib [[4 mg/die|dose]]"),
            "en": ("minoxidil [[5%|dose]] solution [[1 mL twice daily|dose]]",
                   "oral minoxidil [[{~2.5} mg daily|dose]]",
                   "colecalciferol [[{vitd_iu} IU|dose]] weekly", "vitamin D3 [[{vitd_iu} IU|dose]] once a week",
                   "ferrous sulfate [[200 mg|dose]] [[once daily|dose]]",
                   "ferrous fumarate [[210 mg twice daily|dose]]",
                   "folic acid [[5 mg daily|dose]]", "vitamin B12 [[1 mg|dose]] IM every [[3 months|dose]]",
                   "baricitinib [[4 mg daily|dose]]")},
        "acne": {
            "it": ("isotretinoina [[{iso} mg/die|dose]] (circa [[{isokg} mg/kg/die|dose]])",
                   "isotretinoina [[{iso} mg|dose]] a giorni alterni",
                   "doxiciclina [[100 mg/die|dose]] per [[3 mesi|duration]]",
                   "limeciclina [[300 mg/die|dose]]",
                   "adapalene [[{~0.3}%|dose]]/benzoile perossido [[{~2.5}%|dose]] gel",
                   "contraccettivo orale [[1 cp/die|dose]] per [[21 giorni|duration]]"),
            "en": ("isotretinoin [[{iso} mg daily|dose]] (about [[{isokg} mg/kg/day|dose]])",
                   "isotretinoin [[{iso} mg|dose]] on alternate days",
                   "lymecycline [[408 mg daily|dose]] for [[3 months|duration]]",
                   "doxycycline [[100 mg daily|dose]]",
                   "adapalene [[{~0.3}%|dose]]/benzoyl peroxide [[{~2.5}%|dose]] gel",
                   "combined pill [[1 tablet daily|dose]] for [[21 days|duration]]")},
        "ctd": {
            "it": ("idrossiclorochina [[200 mg|dose]] [[x 2/die|dose]]", "idrossiclorochina [[{hcq} mg/kg/die|dose]]",
                   "prednisone [[{pred} mg/die|dose]]", "metotrexato [[{mtx} mg/settimana|dose]]",
                   "immunoglobuline e.v. [[2 g/kg|dose]] ogni [[4 settimane|dose]]",
                   "micofenolato [[{~1.5} g/die|dose]]"),
            "en": ("hydroxychloroquine [[200 mg twice daily|dose]]", "hydroxychloroquine [[{hcq} mg/kg/day|dose]]",
                   "prednisolone [[{pred} mg daily|dose]]", "methotrexate [[{mtx} mg weekly|dose]]",
                   "IVIG [[2 g/kg|dose]] every [[4 weeks|dose]]", "mycophenolate [[{~1.5} g daily|dose]]")},
        "infection": {
            "it": ("amoxicillina/acido clavulanico [[875/125 mg|dose]] [[x 3/die|dose]]",
                   "cefazolina [[2 g|dose]] e.v. ogni [[8 ore|dose]]",
                   "enoxaparina [[4000 UI|dose]] s.c. [[1 fl/die|dose]]",
                   "insulina glargine [[{ins} UI|dose]] la sera", "metformina [[1000 mg|dose]] [[x 2/die|dose]]",
                   "teicoplanina [[400 mg|dose]] [[1 fl/die|dose]]"),
            "en": ("flucloxacillin [[1 g|dose]] [[four times daily|dose]]",
                   "IV cefazolin [[2 g|dose]] every [[8 hours|dose]]",
                   "enoxaparin [[40 mg|dose]] [[once daily|dose]]", "insulin glargine [[{ins} units|dose]] at night",
                   "metformin [[1 g twice daily|dose]]", "clindamycin [[450 mg|dose]] [[four times daily|dose]]")},
        "drug": {
            "it": ("metilprednisolone [[1 mg/kg/die|dose]] e.v.",
                   "prednisone [[{pred} mg/die|dose]] a scalare in [[{weeks} settimane|duration]]",
                   "cetirizina [[10 mg|dose]] [[x 2/die|dose]]", "ciclosporina [[{csa} mg/kg/die|dose]]"),
            "en": ("IV methylprednisolone [[1 mg/kg daily|dose]]",
                   "prednisolone [[{pred} mg daily|dose]] tapering over [[{weeks} weeks|duration]]",
                   "cetirizine [[10 mg twice daily|dose]]", "ciclosporin [[{csa} mg/kg/day|dose]]")},
        "hs": {
            "it": ("adalimumab [[40 mg|dose]] a settimana", "adalimumab [[80 mg|dose]] ogni [[2 settimane|dose]]",
                   "secukinumab [[300 mg|dose]] ogni [[2 settimane|dose]]",
                   "bimekizumab [[320 mg|dose]] ogni [[4 settimane|dose]]",
                   "clindamicina [[300 mg|dose]] e rifampicina [[300 mg|dose]] [[x 2/die|dose]] per "
                   "[[10 settimane|duration]]",
                   "doxiciclina [[100 mg/die|dose]]"),
            "en": ("adalimumab [[40 mg weekly|dose]]", "adalimumab [[80 mg|dose]] every [[2 weeks|dose]]",
                   "secukinumab [[300 mg|dose]] every [[2 weeks|dose]]",
                   "bimekizumab [[320 mg|dose]] every [[4 weeks|dose]]",
                   "clindamycin and rifampicin [[300 mg twice daily|dose]] for [[10 weeks|duration]]",
                   "doxycycline [[100 mg daily|dose]]")},
        "mastocytosis": {
            "it": ("cetirizina [[10 mg|dose]] [[x 2/die|dose]]", "famotidina [[20 mg|dose]] [[x 2/die|dose]]",
                   "sodio cromoglicato [[200 mg|dose]] [[x 4/die|dose]]", "montelukast [[10 mg/die|dose]]"),
            "en": ("cetirizine [[10 mg twice daily|dose]]", "famotidine [[20 mg twice daily|dose]]",
                   "sodium cromoglicate [[200 mg|dose]] [[four times daily|dose]]",
                   "montelukast [[10 mg|dose]] at night")},
        "melanoma": {
            "it": ("pembrolizumab [[200 mg|dose]] ogni [[3 settimane|dose]]",
                   "pembrolizumab [[400 mg|dose]] ogni [[6 settimane|dose]]",
                   "nivolumab [[480 mg|dose]] ogni [[4 settimane|dose]]",
                   "dabrafenib [[150 mg|dose]] [[x 2/die|dose]] e trametinib [[2 mg/die|dose]]"),
            "en": ("pembrolizumab [[200 mg|dose]] every [[3 weeks|dose]]",
                   "pembrolizumab [[400 mg|dose]] [[6-weekly|dose]]",
                   "nivolumab [[480 mg|dose]] every [[4 weeks|dose]]",
                   "dabrafenib [[150 mg twice daily|dose]] with trametinib [[2 mg daily|dose]]")},
        "generic": {
            "it": ("prednisone [[{pred} mg/die|dose]] a scalare di [[5 mg|dose]] ogni [[7 giorni|duration]]",
                   "metotrexato [[{mtx} mg/settimana|dose]]", "ciclosporina [[{csa} mg/kg/die|dose]]",
                   "[[2 compresse|dose]] al giorno di antistaminico", "doxiciclina [[100 mg/die|dose]]"),
            "en": ("prednisolone [[{pred} mg daily|dose]] reducing by [[5 mg|dose]] every [[7 days|duration]]",
                   "methotrexate [[{mtx} mg weekly|dose]]", "ciclosporin [[{csa} mg/kg/day|dose]]",
                   "[[2 tablets|dose]] of antihistamine a day", "doxycycline [[100 mg daily|dose]]")},
    },
    # completed courses ("dopo ...", "after ...")
    "courses": {
        "psoriasis": {
            "it": ("[[{sessions} sedute|count]] di fototerapia NB-UVB",
                   "[[{sessions} sedute|count]] di NB-UVB (dose cumulativa [[{cumj} J/cm²|dose]])",
                   "[[{months} mesi|duration]] di metotrexato"),
            "en": ("[[{sessions} sessions|count]] of narrowband UVB",
                   "[[{sessions} sessions|count]] of NB-UVB (cumulative dose [[{cumj} J/cm²|dose]])",
                   "[[{months} months|duration]] of methotrexate")},
        "melanoma": {
            "it": ("[[{cycles} cicli|count]] di pembrolizumab", "[[{cycles} somministrazioni|count]] di nivolumab",
                   "radioterapia [[30 Gy|dose]] in [[5 frazioni|count]]"),
            "en": ("[[{cycles} cycles|count]] of pembrolizumab", "[[{cycles} doses|count]] of adjuvant nivolumab",
                   "radiotherapy [[30 Gy|dose]] in [[5 fractions|count]]")},
        "eczema": {"it": ("[[{cycles} somministrazioni|count]] di dupilumab",),
                   "en": ("[[{cycles} doses|count]] of dupilumab",)},
        "urticaria": {"it": ("[[{cycles} somministrazioni|count]] di omalizumab",),
                      "en": ("[[{cycles} injections|count]] of omalizumab",)},
        "pemphigus": {"it": ("[[2 infusioni|count]] di rituximab da [[1 g|dose]]",),
                      "en": ("[[2 infusions|count]] of rituximab [[1 g|dose]]",)},
        "acne": {"it": ("[[{months} mesi|duration]] di isotretinoina",),
                 "en": ("[[{months} months|duration]] of isotretinoin",)},
        "generic": {
            "it": ("[[{days} giorni|duration]] di terapia antibiotica e.v.", "[[{cycles} cicli|count]] di terapia",
                   "un ciclo di prednisone di [[{weeks} settimane|duration]]",
                   "[[{weeks} settimane|duration]] di terapia topica"),
            "en": ("[[{days} days|duration]] of IV antibiotics", "[[{cycles} cycles|count]] of treatment",
                   "a [[{weeks}-week|duration]] course of prednisolone",
                   "[[{weeks} weeks|duration]] of topical treatment")},
    },
}

# Scenario -> disease family (scenarios of :mod:`.lexicon` and of the extra templates).
FAMILY_OF: dict[str, str] = {
    "psoriasis_methotrexate": "psoriasis", "biologic_screening": "psoriasis", "acne_isotretinoin": "acne",
    "bullous_pemphigoid": "bullous", "chronic_urticaria": "urticaria", "hair_loss": "hair",
    "melanoma_followup": "melanoma", "melanoma_tumour_board": "melanoma", "connective_tissue": "ctd",
    "cellulitis_diabetes": "infection", "drug_reaction": "drug", "mastocytosis": "mastocytosis",
    "pemphigus": "pemphigus", "monitoring_methotrexate": "psoriasis", "monitoring_ciclosporin": "psoriasis",
    "monitoring_acitretin": "psoriasis", "prebiologic_screening": "psoriasis",
}
# How likely each topic opens or sits beside a lab passage, by family (missing topics: GENERIC_WEIGHTS).
GENERIC_WEIGHTS: dict[str, float] = {
    "vitals": 1.5, "anthropometrics": 1.2, "scores": 2.0, "treatment": 2.0, "courses": 0.6, "counts": 0.4,
    "dermoscopy": 0.4, "lifestyle": 0.6, "ages": 0.3, "response": 0.6,
    "histology": 0.0, "staging": 0.0, "imaging": 0.0, "instrumental": 0.3, "skin_cancer_history": 1.2,
    "contacts": 0.4, "location": 0.4, "topicals": 1.0,
}
FAMILY_TOPICS: dict[str, dict[str, float]] = {
    "melanoma": {"histology": 5.0, "staging": 3.0, "imaging": 4.0, "dermoscopy": 2.5, "counts": 2.0, "scores": 0.0,
                 "ages": 1.0, "response": 0.0, "courses": 1.0, "skin_cancer_history": 1.5},
    "psoriasis": {"scores": 3.0, "response": 1.2, "lifestyle": 1.0, "anthropometrics": 1.6, "courses": 1.0},
    "eczema": {"scores": 3.0, "response": 1.0, "topicals": 1.2},
    "infection": {"vitals": 4.0, "anthropometrics": 1.0, "scores": 1.5},
    "drug": {"vitals": 2.5, "scores": 1.5},
    "acne": {"anthropometrics": 1.5, "scores": 2.0},
    "hair": {"scores": 2.0, "anthropometrics": 0.8},
    "bullous": {"scores": 2.5, "instrumental": 0.6, "topicals": 0.8},
    "pemphigus": {"scores": 2.0, "instrumental": 0.6},
    "mastocytosis": {"instrumental": 1.0, "counts": 0.8},
    "ctd": {"scores": 2.0, "instrumental": 0.5},
    "urticaria": {"scores": 3.0},
    "hs": {"scores": 3.0, "lifestyle": 1.5, "anthropometrics": 1.5},
}
# Topics that sit beside one value as a remark ("LDH 250 U/L (Breslow 1,2 mm)").
CONTEXT_TOPICS: dict[str, tuple[str, ...]] = {
    "melanoma": ("histology", "staging", "imaging", "dermoscopy", "counts"),
    "psoriasis": ("response", "lifestyle", "anthropometrics", "topicals"),
    "eczema": ("response", "anthropometrics", "topicals"),
    "hs": ("lifestyle", "anthropometrics", "response"),
    "mastocytosis": ("counts", "instrumental"),
    "bullous": ("instrumental", "response", "topicals"),
    "pemphigus": ("instrumental", "response"),
    "generic": ("response", "lifestyle", "instrumental", "anthropometrics", "skin_cancer_history"),
}

# Sentence openers per topic ("Esame istologico: Breslow 1,2 mm, Clark IV.").
LEADS: dict[str, dict[str, tuple[str, ...]]] = {
    "histology": {"it": ("Esame istologico: ", "All'istologico ", "Referto istologico del [[{date_past}|date]]: ",
                         "Istologia: "),
                  "en": ("Histology: ", "Histology showed ", "Pathology report ([[{date_past}|date]]): ",
                         "Histology - ")},
    "skin_cancer_history": {"it": ("In anamnesi ", "Anamnesi oncologica: ", "Da segnalare "),
                            "en": ("Past history: ", "PMH: ", "Of note, ")},
    "staging": {"it": ("Stadiazione: ", "Stadio: ", "Stadiazione AJCC: "),
                "en": ("Staging: ", "Stage: ", "AJCC staging: ")},
    "imaging": {"it": ("Imaging: ", "Stadiazione strumentale: ", "Agli esami di stadiazione "),
                "en": ("Imaging: ", "Staging imaging: ", "Imaging showed ")},
    "instrumental": {"it": ("Esami strumentali: ", "Agli esami strumentali ", "Strumentali: "),
                     "en": ("Investigations: ", "Other tests: ", "Tests: ")},
    "vitals": {"it": ("Parametri vitali: ", "All'ingresso ", "Alla visita ", "Parametri: ", "Obiettivamente "),
               "en": ("Observations: ", "Obs: ", "On arrival ", "Vital signs: ", "On examination ")},
    "anthropometrics": {"it": ("Dati antropometrici: ", "Alla visita ", ""),
                        "en": ("Anthropometrics: ", "Today ", "")},
    "scores": {"it": ("Clinimetria: ", "Alla valutazione clinimetrica ", "Attività di malattia: ", "Punteggi: ",
                      "Oggi "),
               "en": ("Disease activity: ", "Scores today: ", "Clinimetrics: ", "Today ", "On assessment ")},
    "treatment": {"it": ("In terapia con ", "Terapia in corso: ", "Assume ", "In trattamento con "),
                  "en": ("Currently on ", "Current treatment: ", "Takes ", "Treated with ")},
    "courses": {"it": ("Ha eseguito ", "Ha completato ", "Ha effettuato "),
                "en": ("Has completed ", "Has had ", "Completed ")},
    "counts": {"it": ("All'esame obiettivo ", "Alla mappatura nevica ", "Obiettivamente "),
               "en": ("On examination ", "Mole mapping: ", "Total body examination: ")},
    "dermoscopy": {"it": ("In dermoscopia ", "Dermoscopia: ", "Alla dermoscopia digitale "),
                   "en": ("Dermoscopy: ", "On dermoscopy ", "Digital dermoscopy: ")},
    "timing": {"it": ("Sintomatologia presente ", "Quadro clinico stabile "),
               "en": ("Symptoms present ", "Stable ")},
    "when": {"it": ("Ultimo controllo ", "Visita precedente "), "en": ("Last seen ", "Previous review ")},
    "contacts": {"it": ("Per comunicazioni: ", "Recapiti ambulatorio: ", "Contatti: "),
                 "en": ("Contact: ", "Queries to the secretary, ", "Clinic contact: ")},
    "location": {"it": ("Degenza: ", "Ricoverat@ in ", "Sede: "), "en": ("Location: ", "Inpatient on ", "Seen in ")},
    "ages": {"it": ("Anamnesi familiare: ", "Familiarità: "), "en": ("Family history: ", "FH: ")},
    "lifestyle": {"it": ("Anamnesi fisiologica: ", "Abitudini voluttuarie: ", "Stile di vita: "),
                  "en": ("Social history: ", "SH: ", "Lifestyle: ")},
    "response": {"it": ("Rispetto al controllo precedente ", "Riferisce ", "Si osserva "),
                 "en": ("Compared with the last visit ", "Reports ", "There has been ")},
    "topicals": {"it": ("Si consiglia ", "Prosegue ", "Topici: ", "In associazione "),
                 "en": ("Advised ", "Continues ", "Topicals: ", "Also ")},
    "screening": {"it": ("Anamnesi infettivologica e vaccinale: ", "Screening: ", "Da segnalare "),
                  "en": ("Infection and vaccine history: ", "Screening: ", "Of note, ")},
}
# Connectors after a value, before a clause of the topic ("Hb 10,9 g/dL con PASI 12", "ALT 88 U/L on ...").
_PAREN_OR_COMMA = {"it": (" (", ", ", "; "), "en": (" (", ", ", "; ")}
INLINE: dict[str, dict[str, tuple[str, ...]]] = {
    "scores": {"it": (" con ", ", ", "; ", " ("), "en": (" with ", ", ", "; ", " (")},
    "treatment": {"it": (" in corso di ", " in terapia con ", " dopo [[{weeks} settimane|duration]] di ",
                         " a [[{weeks} settimane|duration]] dall'inizio di ", ", in terapia con ", " (in corso di "),
                  "en": (" on ", " while on ", " after [[{weeks} weeks|duration]] of ",
                         " [[{weeks} weeks|duration]] into ",
                         ", on ", " (on ")},
    "courses": {"it": (" dopo ", ", dopo ", " al termine di "), "en": (" after ", ", after ", " following ")},
    "vitals": {"it": (", ", "; ", " (", " con "), "en": (", ", "; ", " (", " with ")},
    "timing": {"it": (" ", ", "), "en": (" ", ", ")},
    "when": {"it": (" ", ", "), "en": (" ", ", ")},
}
# After a clause, before the value it opens ("PA 130/80 mmHg, PCR 12 mg/L").
BEFORE: dict[str, tuple[str, ...]] = {"it": (", ", ", ", "; "), "en": (", ", ", ", "; ")}

# Context of a qualitative result (screening): analyte id -> language -> phrases.
SEROLOGY: dict[str, dict[str, tuple[str, ...]]] = {
    "quantiferon": {"it": ("RX torace del [[{date_past}|date]] negativo",
                           "Mantoux [[{mantoux} mm|size]] a [[{hours} ore|duration]]",
                           "contatto TB [[{years} anni|duration]] fa", "BCG nel [[{year_old}|year]]"),
                    "en": ("chest X-ray on [[{date_past}|date]] clear",
                           "Mantoux [[{mantoux} mm|size]] at [[{hours} hours|duration]]",
                           "TB contact [[{years} years|duration]] ago", "BCG in [[{year_old}|year]]")},
    "hbsag": {"it": ("{vaccinated} per HBV nel [[{year_old}|year]]",
                     "anti-HBs non noti, vaccinazione nel [[{year_old}|year]]",
                     "ultimo controllo nel [[{year}|year]]"),
              "en": ("vaccinated against HBV in [[{year_old}|year]]", "HBV vaccine course in [[{year_old}|year]]",
                     "last tested in [[{year}|year]]")},
    "hcv": {"it": ("ultimo test nel [[{year}|year]]", "trasfusione nel [[{year_old}|year]]"),
            "en": ("last tested in [[{year}|year]]", "blood transfusion in [[{year_old}|year]]")},
    "bhcg": {"it": ("UM il [[{date_recent}|date]]", "ciclo regolare di [[28 giorni|duration]]",
                    "contraccezione con [[2|count]] metodi"),
             "en": ("LMP [[{date_recent}|date]]", "regular [[28-day|duration]] cycle",
                    "[[2|count]] forms of contraception")},
    "ana": {"it": ("capillaroscopia del [[{date_past}|date]] nella norma", "Raynaud da [[{years} anni|duration]]"),
            "en": ("capillaroscopy on [[{date_past}|date]] normal", "Raynaud's for [[{years} years|duration]]")},
}
# After a trend ("ALT scesa da 88 a 45 U/L ..."): what happened meanwhile.
TREND_TAILS: dict[str, tuple[str, ...]] = {
    "it": (" dopo riduzione della dose a [[{mtx_low} mg/settimana|dose]]", " in [[{weeks} settimane|duration]]",
           " nell'arco di [[{months} mesi|duration]]", " dopo [[{cycles} cicli|count]] di terapia",
           " dopo la sospensione del farmaco il [[{date_past}|date]]", " dal [[{date_past}|date]]",
           ", con PASI passato da [[{pasi_base}|score]] a [[{pasi}|score]]", " (peso [[{weight} kg|anthropometric]])",
           " tra il [[{date_short}|date]] e oggi"),
    "en": (" after the dose was reduced to [[{mtx_low} mg weekly|dose]]", " over [[{weeks} weeks|duration]]",
           " over [[{months} months|duration]]", " after [[{cycles} cycles|count]] of treatment",
           " after the drug was stopped on [[{date_past}|date]]", " since [[{date_past}|date]]",
           ", with PASI down from [[{pasi_base}|score]] to [[{pasi}|score]]",
           " (weight [[{weight} kg|anthropometric]])",
           " between [[{date_short}|date]] and today"),
}
# Numbered plan items.
PLAN: dict[str, tuple[str, ...]] = {
    "it": ("controllo dermatologico tra [[{weeks} settimane|duration]]",
           "nuova dermoscopia digitale tra [[{months} mesi|duration]]",
           "fotoprotezione SPF [[50+|dose]]", "rivalutazione del PASI alla settimana [[{week}|duration]]",
           "ecografia linfonodale ogni [[6 mesi|duration]]", "TC total body ogni [[12 mesi|duration]]",
           "prossimo accesso il [[{date_next}|date]] alle ore [[{time}|time]]",
           "proseguire la terapia per altre [[{weeks} settimane|duration]]",
           "vaccinazione antinfluenzale entro [[{months} mesi|duration]]"),
    "en": ("dermatology review in [[{weeks} weeks|duration]]",
           "repeat digital dermoscopy in [[{months} months|duration]]",
           "SPF [[50+|dose]] sun protection", "reassess PASI at week [[{week}|duration]]",
           "nodal ultrasound every [[6 months|duration]]", "CT every [[12 months|duration]]",
           "next appointment [[{date_next}|date]] at [[{time}|time]]",
           "continue treatment for another [[{weeks} weeks|duration]]",
           "flu vaccine within [[{months} months|duration]]"),
}
PLAN_HEADS: dict[str, tuple[str, ...]] = {"it": ("Piano:", "Indicazioni:", "Si programma:"),
                                          "en": ("Plan:", "Recommendations:", "To do:")}
PLAN_NUMBERS: tuple[str, ...] = ("{n}) ", "{n}. ", "{n}) ")
# Headings of a line of negatives among panel headings (``neg.header`` frames).
HEADINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "vitals": {"it": ("Parametri vitali", "Parametri"), "en": ("Observations", "Obs")},
    "anthropometrics": {"it": ("Dati antropometrici", "Antropometria"), "en": ("Anthropometrics", "Body measurements")},
    "scores": {"it": ("Clinimetria", "Punteggi"), "en": ("Scores", "Disease activity")},
}
# Words of the frames of :mod:`.forms_extra` that put negatives in a lab passage.
FRAME_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {
        # after a clinical clause, before the lab items
        "then_labs": ("; agli esami ematochimici del [[{date_drawn}|date]]: ", "; agli esami si evidenzia ",
                      ", mentre agli esami risulta ",
                      "; in laboratorio ", "; esami del [[{date_drawn}|date]]: ", ". Agli esami ematochimici "),
        # "A 12 settimane dall'avvio di <drug>, gli esami mostrano ..."
        "time_leads": ("A [[{weeks} settimane|duration]] dall'avvio di ", "Dopo [[{months} mesi|duration]] di ",
                       "Al controllo della settimana [[{week}|duration]] di "),
        "time_then": (", gli esami mostrano ", ", agli esami: ", ", si rileva ",
                      "; agli esami del [[{date_drawn}|date]]: "),
        "lab_leads": ("Agli esami del [[{date_drawn}|date]] ", "Agli esami ematochimici si evidenzia ",
                      "Esami del [[{date_drawn}|date]]: ",
                      "Gli esami mostrano "),
        "bullet_leads": ("Parametri ed esami ([[{date_drawn}|date]]):", "Dati clinici e di laboratorio:",
                         "Controllo del [[{date_drawn}|date]]:",
                         "Esami e parametri:"),
        "semicolon_leads": ("Parametri ed esami: ", "Controllo del [[{date_drawn}|date]]: ", "Esami e clinimetria: ",
                            "Dati del [[{date_drawn}|date]]: "),
    },
    "en": {
        "then_labs": ("; bloods on [[{date_drawn}|date]]: ", "; bloods showed ", ", and bloods showed ", "; labs: ",
                      "; results from [[{date_drawn}|date]]: ",
                      ". Bloods showed "),
        "time_leads": ("[[{weeks} weeks|duration]] into ", "After [[{months} months|duration]] of ",
                       "At the week [[{week}|duration]] review on "),
        "time_then": (", bloods show ", ", bloods: ", ", results show ", "; bloods on [[{date_drawn}|date]]: "),
        "lab_leads": ("Bloods on [[{date_drawn}|date]] showed ", "Bloods showed ", "Results ([[{date_drawn}|date]]): ",
                      "Labs: "),
        "bullet_leads": ("Obs and bloods ([[{date_drawn}|date]]):", "Clinical and lab data:",
                         "Review [[{date_drawn}|date]]:", "Obs and results:"),
        "semicolon_leads": ("Obs and bloods: ", "Review [[{date_drawn}|date]]: ", "Scores and bloods: ",
                            "Data from [[{date_drawn}|date]]: "),
    },
}
# Topics of long phrases: at most two in a clause.
LONG_TOPICS = ("skin_cancer_history", "imaging", "instrumental", "treatment", "courses", "screening", "ages",
               "lifestyle", "contacts", "location")
# Kinds of negatives written here (the second part of the marks).
KINDS = ("histology", "stage", "year", "date", "imaging", "size", "vital", "anthropometric", "duration", "count",
         "dermoscopy", "time", "phone", "id", "room", "age", "pack_years", "alcohol", "percent", "score", "dose",
         "ratio", "list")


# == choosing =====================================================================================================
def family(doc: Doc) -> str:
    """The disease family of the document (which scores and drugs its letters mention)."""
    if "atopic" in doc.diagnosis or "atopica" in doc.diagnosis:
        return "eczema"
    if "hidradenitis" in doc.diagnosis or "idrosadenite" in doc.diagnosis:
        return "hs"
    return FAMILY_OF.get(doc.scenario.id, "generic")


def phrases(doc: Doc, topic: str) -> tuple[str, ...]:
    """The phrases of ``topic`` for this document's language (and family, for scores, drugs and courses)."""
    if topic in BY_FAMILY:
        table = BY_FAMILY[topic]
        own = table.get(family(doc), {}).get(doc.lang, ())
        if own and (topic != "scores" or doc.rng.random() < 0.85):  # now and then DLQI, NRS: any disease
            return own
        return table["generic"][doc.lang]
    return TOPICS[topic][doc.lang]


def score_topic(doc: Doc) -> str:
    """What stands for a clinical score in this family: the scores, or for a melanoma its histology or stage."""
    if family(doc) == "melanoma":
        return doc.pick(("histology", "histology", "staging", "dermoscopy"))
    return "scores"


def pick_topic(doc: Doc, allowed: tuple[str, ...] | None = None) -> str:
    """A topic for this document's family, weighted (``allowed``: among these)."""
    weights = {**GENERIC_WEIGHTS, **FAMILY_TOPICS.get(family(doc), {})}
    names = [t for t in (allowed or tuple(weights)) if weights.get(t, 0.3) > 0] or list(allowed or ("vitals",))
    return doc.rng.choices(names, weights=[weights.get(t, 0.3) or 0.3 for t in names])[0]


# First words that name the same measurement: a clause never gives it twice ("PA 130/80, pressione arteriosa ...").
SAME: dict[str, str] = {
    "pressione": "pa", "bp": "pa", "blood": "pa", "polso": "fc", "hr": "fc", "pulse": "fc", "heart": "fc",
    "temperatura": "t", "tc": "t", "temp": "t", "temperature": "t", "febbre": "t", "sato2": "spo2", "sats": "spo2",
    "weight": "peso", "statura": "altezza", "height": "altezza", "imc": "bmi", "spessore": "breslow",
    "livello": "clark", "indice": "mitosi", "[[{mitoses}": "mitosi", "mitotic": "mitosi", "mitoses": "mitosi",
}
# Topics of short measurements: up to two beside a value ("Hb 10,9 g/dL, PA 130/80 mmHg e FC 72 bpm").
SHORT_TOPICS = ("vitals", "anthropometrics", "scores")


def _key(text: str) -> str:
    word = text.split()[0].lower().strip(",:;(")
    return SAME.get(word, word)


def _used(doc: Doc) -> set[str]:
    """Phrases (and their first words) this document already wrote: a letter does not give "MOC con T-score ..."
    twice, nor two PASI scores in two places."""
    return vars(doc).setdefault("_negative_phrases", set())


def _agree(doc: Doc, text: str) -> str:
    """Italian participle agreement with the patient ("Eseguit@" -> "Eseguita")."""
    return text.replace("@", "a" if doc.sex == "F" else "o")


# == writers ======================================================================================================
def clause(doc: Doc, topic: str, k: int | None = None, plain: bool = False) -> None:
    """One to three phrases of ``topic``, joined ("PA 130/80 mmHg, FC 72 bpm e SpO2 98%"); no full stop.
    ``plain``: phrases without brackets where there are enough (the clause is inside brackets already)."""
    options = list(phrases(doc, topic))
    if plain:
        options = [t for t in options if "(" not in t] or options
    if k is None:
        k = doc.rng.choice((1, 1, 2) if topic in LONG_TOPICS else (1, 1, 2, 2, 3))
    k = min(len(options), k)
    used = _used(doc)
    for fresh in ([t for t in options if t not in used and _key(t) not in used],
                  [t for t in options if t not in used]):
        if len(fresh) >= k:
            options = fresh
            break
    chosen: list[str] = []
    for text in doc.rng.sample(options, len(options)):
        if len(chosen) == k:
            break
        if all(_key(text) != _key(c) for c in chosen):  # not "PASI 12, PASI 4 (basale 18)"
            chosen.append(text)
    used.update(chosen)
    used.update(_key(text) for text in chosen)
    cache: dict = {}
    last = " e " if doc.lang == "it" else " and "
    for i, text in enumerate(chosen):
        if i:
            doc.b.t(last if i == len(chosen) - 1 and doc.rng.random() < 0.6 else ", ")
        write(doc, _agree(doc, text), cache)


def sentence(doc: Doc, topic: str | None = None, k: int | None = None) -> None:
    """A sentence of its own: an opener of the topic and a clause ("Parametri vitali: PA 130/80 mmHg, FC 72 bpm.")."""
    topic = topic or pick_topic(doc)
    doc.b.cap_next = True
    write(doc, _agree(doc, doc.pick(LEADS[topic][doc.lang])))
    clause(doc, topic, k)
    doc.b.t(".")


def inline(doc: Doc, topic: str, paren_ok: bool = True, k: int | None = None) -> None:
    """A clause of ``topic`` right after a lab value, with its connector ("... con PASI 12", "... (peso 82 kg)")."""
    options = INLINE.get(topic, _PAREN_OR_COMMA)[doc.lang]
    if not paren_ok:
        options = tuple(o for o in options if "(" not in o) or (", ",)
    connector = doc.pick(options)
    write(doc, connector)
    if k is None:
        k = doc.rng.choice((1, 1, 2)) if topic in SHORT_TOPICS else 1
    clause(doc, topic, k, plain="(" in connector)
    if "(" in connector:
        doc.b.t(")")


def before(doc: Doc, topic: str, k: int | None = None) -> None:
    """A clause of ``topic`` and the connector to the value that follows ("PA 130/80 mmHg, ")."""
    if k is None:
        k = doc.rng.choice((1, 1, 2)) if topic in SHORT_TOPICS else 1
    clause(doc, topic, k)
    doc.b.t(doc.pick(BEFORE[doc.lang]))


def _topic_writer(topic: str) -> Callable[..., None]:
    def write_topic(doc: Doc, k: int | None = None) -> None:
        clause(doc, topic, k)
    write_topic.__name__ = topic
    write_topic.__doc__ = f"A clause of {topic} numbers (:data:`TOPICS` / :data:`BY_FAMILY`)."
    return write_topic


histopathology = _topic_writer("histology")
skin_cancer_history = _topic_writer("skin_cancer_history")
staging = _topic_writer("staging")
imaging = _topic_writer("imaging")
instrumental = _topic_writer("instrumental")
vitals = _topic_writer("vitals")
anthropometrics = _topic_writer("anthropometrics")
scores = _topic_writer("scores")
treatment = _topic_writer("treatment")
courses = _topic_writer("courses")
counts = _topic_writer("counts")
dermoscopy = _topic_writer("dermoscopy")
timing = _topic_writer("timing")
when = _topic_writer("when")
contacts = _topic_writer("contacts")
location = _topic_writer("location")
ages = _topic_writer("ages")
lifestyle = _topic_writer("lifestyle")
response = _topic_writer("response")
topicals = _topic_writer("topicals")
screening = _topic_writer("screening")
# topic -> its writer (every topic of TOPICS and BY_FAMILY)
WRITERS: dict[str, Callable[..., None]] = {
    "histology": histopathology, "skin_cancer_history": skin_cancer_history, "staging": staging, "imaging": imaging,
    "instrumental": instrumental,
    "vitals": vitals,
    "anthropometrics": anthropometrics, "scores": scores, "treatment": treatment, "courses": courses,
    "counts": counts, "dermoscopy": dermoscopy, "timing": timing, "when": when, "contacts": contacts,
    "location": location, "ages": ages, "lifestyle": lifestyle, "response": response, "topicals": topicals,
    "screening": screening,
}


def numbered_plan(doc: Doc, count: int | None = None) -> None:
    """A numbered plan on lines of its own ("Piano:\\n1) controllo tra 6 settimane;\\n2) ..."); the list numbers
    are negatives too."""
    items = doc.rng.sample(PLAN[doc.lang], count or doc.rng.randint(2, 4))
    style = doc.pick(PLAN_NUMBERS)
    doc.b.t(doc.pick(PLAN_HEADS[doc.lang]))
    for i, text in enumerate(items):
        doc.b.t("\n")
        head, tail = style.split("{n}")
        doc.b.t(head)
        doc.b.neg(str(i + 1), "list")
        doc.b.t(tail)
        write(doc, text)
        doc.b.t("." if i == len(items) - 1 else ";")


def serology_context(doc: Doc, analyte_id: str) -> bool:
    """A remark after a qualitative result ("Quantiferon negativo (RX torace del 12/03/2023 negativo)"); False
    when there is none for this test."""
    options = SEROLOGY.get(analyte_id, {}).get(doc.lang)
    if not options:
        return False
    paren = doc.rng.random() < 0.5
    doc.b.t(" (" if paren else doc.pick([", ", "; "]))
    write(doc, _agree(doc, doc.pick(options)))
    if paren:
        doc.b.t(")")
    return True


def trend_tail(doc: Doc) -> None:
    """What happened while a result moved (" dopo riduzione della dose a 10 mg/settimana", " over 6 weeks")."""
    write(doc, doc.pick(TREND_TAILS[doc.lang]))
