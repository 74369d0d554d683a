"""What clinical prose calls lab tests, how it prints their units and results, and what it says around them.

Numbers come from the report generator's catalogue (:data:`corpora.reports.panels.SPECS`: reference intervals and
value distributions in the canonical unit); this module adds the names clinicians write in letters ("Hb", "GB",
"PCR", "glicemia a digiuno", "LFTs"), the units they print (``/mmc``, ``g/L``, ``mmol/mol``), a few tests a
dermatologist orders that lab tables here do not print (ANA, QuantiFERON, anti-BP180, tryptase...), the judgement
words (QUALIFIER) in both languages, and the clinical scenarios that decide which tests a letter talks about.

Italian names carry gender and number so that adjectives agree ("ferritina ridott@" -> "ridotta", "GB
aumentat@" -> "aumentati"): in phrases, ``@`` is the o/a/i/e ending, ``#`` the e/i ending of adjectives in -e
("normal#"), ``%`` the verb ending a/ano ("risult%"), ``$`` è/sono.  Held-out phrasing (used only by the held-out
templates) lives in the ``*_HELD`` tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..reports.panels import SPECS, AnalyteSpec

__all__ = ["Name", "Unit", "ProseAnalyte", "ANALYTES", "PANEL_NAMES", "QUALIFIERS", "QUALIFIERS_HELD",
           "QUALITATIVE_WORDS", "RANGE_LABELS", "RANGE_LABELS_HELD", "Scenario", "SCENARIOS", "TUMOUR_BOARD", "agree",
           "article", "prep", "MONTHS"]


@dataclass(frozen=True)
class Name:
    text: str
    gender: str = "m"  # Italian grammar: "m" / "f"
    number: str = "s"  # "s" / "p" (English too: "platelets were")
    art: str = ""  # Italian definite article ("il", "l'", "la", "gli"...); computed when not given


@dataclass(frozen=True)
class Unit:
    texts: tuple[str, ...]  # printed spellings
    factor: float = 1.0  # printed = canonical * factor + offset
    decimals: int = 1
    step: float | None = None  # round the printed number to this step (cells per mm3: 100, 1000)
    thousands: bool = False  # printed with a thousands separator where the document uses one
    offset: float = 0.0
    weight: float = 1.0


@dataclass(frozen=True)
class ProseAnalyte:
    id: str  # the catalogue id written to gold
    it: tuple[Name, ...]
    en: tuple[Name, ...]
    units_it: tuple[Unit, ...] = ()
    units_en: tuple[Unit, ...] = ()
    spec: AnalyteSpec | None = None  # distribution and reference interval (canonical unit); None: qualitative
    kind: str = "numeric"  # "numeric" | "qualitative" | "titre" (ANA: a titre when positive)
    also_qualitative: bool = False  # a number usually, sometimes "PCR negativa"
    censor_below: float | None = None  # canonical: printed "< limit" under it
    censor_above: float | None = None  # printed "> limit" over it
    positive_rate: float = 0.08  # qualitative: how often the result is positive


def _names(*items: str) -> tuple[Name, ...]:
    """``"text|fs|art"`` -> Name (gender f/m, number s/p, optional article); English items are ``"text|p"``."""
    out = []
    for item in items:
        text, *rest = item.split("|")
        gn = rest[0] if rest else "s"
        gender, number = (gn[0], gn[1]) if len(gn) == 2 else ("m", gn)
        out.append(Name(text, gender, number, rest[1] if len(rest) > 1 else ""))
    return tuple(out)


def _u(texts: str, factor: float = 1.0, decimals: int = 1, **kw) -> Unit:
    return Unit(tuple(texts.split(" | ")), factor, decimals, **kw)


def _spec(sid: str, low: float | None, high: float | None, mean: float, sd: float, lognormal: bool = False,
          **kw) -> AnalyteSpec:
    return AnalyteSpec(sid, (), (), (), low, high, mean, sd, lognormal=lognormal, **kw)


_PER_MM3_WBC = dict(factor=1000.0, decimals=0, step=100, thousands=True)
_PER_MM3_PLT = dict(factor=1000.0, decimals=0, step=1000, thousands=True)
_CHOL_MMOL = 1 / 38.67

_LIST: list[ProseAnalyte] = [
    # -- blood count ---------------------------------------------------------------------------------------
    ProseAnalyte("hemoglobin", _names("Hb|fs|l'", "Hb|fs|l'", "emoglobina|fs", "HGB|fs|l'", "Hgb|fs|l'"),
                 _names("Hb", "Hb", "haemoglobin", "hemoglobin", "Hgb"),
                 (_u("g/dL | g/dl | g/dl | gr/dl"),),
                 (_u("g/dL | g/dl", weight=1.2), _u("g/L", 10.0, 0))),
    ProseAnalyte("wbc", _names("GB|mp|i", "globuli bianchi|mp", "leucociti|mp", "WBC|mp|i"),
                 _names("WBC|s", "white cell count|s", "WCC|s", "white blood cells|p", "leukocytes|p"),
                 (_u("/mmc | /mm3 | /µL", **_PER_MM3_WBC, weight=2), _u("x10^3/µL | x 10^3/µL | 10^3/µL", 1, 2),
                  _u("x10^9/L", 1, 1)),
                 (_u("x10^9/L | x 10^9/L | ×10^9/L | 10^9/L", 1, 1, weight=2), _u("K/uL | x10^3/µL", 1, 1),
                  _u("/mm3 | /µL", **_PER_MM3_WBC, weight=0.4))),
    ProseAnalyte("rbc", _names("GR|mp|i", "globuli rossi|mp", "eritrociti|mp"), _names("RBC|s", "red cell count|s"),
                 (_u("x10^6/µL | milioni/mmc", 1, 2),), (_u("x10^12/L | x 10^12/L | M/uL", 1, 2),)),
    ProseAnalyte("platelets", _names("PLT|fp|le", "piastrine|fp", "piastrine|fp"),
                 _names("platelets|p", "PLT|p", "platelet count|s", "Plt|p"),
                 (_u("/mmc | /mm3 | /µL", **_PER_MM3_PLT, weight=2), _u("x10^3/µL | 10^3/µL", 1, 0),
                  _u("x10^9/L", 1, 0)),
                 (_u("x10^9/L | x 10^9/L | ×10^9/L | 10^9/L", 1, 0, weight=2), _u("K/uL", 1, 0),
                  _u("/mm3", **_PER_MM3_PLT, weight=0.3))),
    ProseAnalyte("hematocrit", _names("Ht|ms|l'", "Hct|ms|l'", "ematocrito|ms"), _names("Hct", "haematocrit", "hematocrit"),
                 (_u("%"),), (_u("%", weight=2), _u("L/L", 0.01, 2))),
    ProseAnalyte("mcv", _names("MCV|ms|l'", "volume corpuscolare medio|ms"), _names("MCV", "mean cell volume"),
                 (_u("fL | fl", 1, 0),), (_u("fL | fl", 1, 0),)),
    ProseAnalyte("neutrophils_pct", _names("neutrofili|mp"), _names("neutrophils|p"), (_u("%"),), (_u("%"),)),
    ProseAnalyte("lymphocytes_pct", _names("linfociti|mp"), _names("lymphocytes|p"), (_u("%"),), (_u("%"),)),
    ProseAnalyte("eosinophils_abs", _names("eosinofili|mp", "eosinofili|mp", "conta eosinofili|fs"),
                 _names("eosinophils|p", "eosinophil count|s", "eosinophils|p"),
                 (_u("/mmc | /mm3 | /µL", 1000.0, 0, step=10, thousands=True, weight=2), _u("x10^3/µL", 1, 2)),
                 (_u("x10^9/L | x 10^9/L | 10^9/L", 1, 2, weight=2), _u("/µL | cells/µL", 1000.0, 0, step=10,
                                                                      thousands=True)),
                 spec=_spec("eosinophils_abs", 0.0, 0.5, 0.17, 0.6, lognormal=True)),
    ProseAnalyte("eosinophils_pct", _names("eosinofili|mp"), _names("eosinophils|p"), (_u("%"),), (_u("%"),)),
    ProseAnalyte("esr", _names("VES|fs|la", "VES|fs|la", "velocità di eritrosedimentazione|fs"), _names("ESR"),
                 (_u("mm/h | mm/1a ora | mm/h", 1, 0),), (_u("mm/hr | mm/h", 1, 0),)),
    ProseAnalyte("crp", _names("PCR|fs|la", "PCR|fs|la", "proteina C reattiva|fs"),
                 _names("CRP", "CRP", "C-reactive protein"),
                 (_u("mg/L | mg/l", 1, 1, weight=2), _u("mg/dl | mg/dL", 0.1, 2)),
                 (_u("mg/L | mg/l", 1, 0, weight=2), _u("mg/dL", 0.1, 1, weight=0.5)),
                 also_qualitative=True, censor_below=1.0),
    # -- chemistry -------------------------------------------------------------------------------------------
    ProseAnalyte("glucose", _names("glicemia|fs", "glicemia a digiuno|fs", "glicemia a digiuno|fs", "glucosio|ms"),
                 _names("fasting glucose", "glucose", "blood glucose", "fasting blood glucose", "FBG"),
                 (_u("mg/dl | mg/dL", 1, 0),), (_u("mg/dL", 1, 0), _u("mmol/L", 1 / 18.016, 1))),
    ProseAnalyte("hba1c", _names("HbA1c|fs|l'", "HbA1c|fs|l'", "emoglobina glicata|fs", "Hb glicata|fs|l'"),
                 _names("HbA1c", "HbA1c", "A1c", "glycated haemoglobin"),
                 (_u("%", weight=3), _u("mmol/mol", 10.929, 0, offset=-23.5)),
                 (_u("%"), _u("mmol/mol", 10.929, 0, offset=-23.5))),
    ProseAnalyte("creatinine", _names("creatinina|fs", "creatinina|fs", "creatininemia|fs"),
                 _names("creatinine", "creatinine", "serum creatinine", "Cr"),
                 (_u("mg/dl | mg/dL", 1, 2), _u("mg/dl", 1, 1)), (_u("mg/dL", 1, 2), _u("µmol/L | umol/L", 88.4, 0))),
    ProseAnalyte("egfr", _names("eGFR|ms|l'", "filtrato glomerulare stimato|ms", "VFG|ms|il"), _names("eGFR"),
                 (_u("mL/min/1,73m² | ml/min/1,73 m2 | ml/min", 1, 0),),
                 (_u("mL/min/1.73m2 | mL/min/1.73 m² | mL/min", 1, 0),),
                 censor_above=90.0),
    ProseAnalyte("urea", _names("azotemia|fs", "urea|fs|l'"), _names("urea"), (_u("mg/dl | mg/dL", 1, 0),),
                 (_u("mmol/L", 1 / 6.006, 1),)),
    ProseAnalyte("uric_acid", _names("uricemia|fs", "acido urico|ms|l'"), _names("uric acid", "urate"),
                 (_u("mg/dl | mg/dL"),), (_u("mg/dL"), _u("µmol/L", 59.48, 0))),
    ProseAnalyte("ast", _names("AST|fs|l'", "GOT|fs|la", "AST|fs|l'"), _names("AST", "AST", "SGOT"),
                 (_u("U/L | UI/L | U/l", 1, 0),), (_u("U/L | IU/L", 1, 0),)),
    ProseAnalyte("alt", _names("ALT|fs|l'", "GPT|fs|la", "ALT|fs|l'"), _names("ALT", "ALT", "SGPT"),
                 (_u("U/L | UI/L | U/l", 1, 0),), (_u("U/L | IU/L", 1, 0),)),
    ProseAnalyte("ggt", _names("GGT|fs|la", "gamma-GT|fs|la", "γGT|fs|la"), _names("GGT", "gamma-GT"),
                 (_u("U/L | UI/L", 1, 0),), (_u("U/L | IU/L", 1, 0),)),
    ProseAnalyte("alp", _names("fosfatasi alcalina|fs", "ALP|fs|l'"), _names("ALP", "alkaline phosphatase", "alk phos"),
                 (_u("U/L | UI/L", 1, 0),), (_u("U/L | IU/L", 1, 0),)),
    ProseAnalyte("ldh", _names("LDH|fs|l'", "LDH|fs|l'", "lattato deidrogenasi|fs"),
                 _names("LDH", "LDH", "lactate dehydrogenase"),
                 (_u("U/L | UI/L", 1, 0),), (_u("U/L | IU/L", 1, 0),)),
    ProseAnalyte("bilirubin_total", _names("bilirubina totale|fs", "bilirubina|fs"), _names("bilirubin", "total bilirubin"),
                 (_u("mg/dl | mg/dL", 1, 2), _u("mg/dl", 1, 1)), (_u("mg/dL", 1, 1), _u("µmol/L | umol/L", 17.1, 0))),
    ProseAnalyte("albumin", _names("albumina|fs", "albuminemia|fs"), _names("albumin"),
                 (_u("g/dl | g/dL"),), (_u("g/dL"), _u("g/L", 10.0, 0))),
    ProseAnalyte("sodium", _names("sodio|ms", "Na|ms|il", "sodiemia|fs"), _names("sodium", "Na"),
                 (_u("mmol/L | mEq/L", 1, 0),), (_u("mmol/L", 1, 0),)),
    ProseAnalyte("potassium", _names("potassio|ms", "K|ms|il", "potassiemia|fs"), _names("potassium", "K+", "K"),
                 (_u("mmol/L | mEq/L"),), (_u("mmol/L"),)),
    ProseAnalyte("calcium", _names("calcemia|fs", "calcio|ms"), _names("calcium"),
                 (_u("mg/dl | mg/dL"),), (_u("mg/dL"), _u("mmol/L", 0.2495, 2))),
    ProseAnalyte("iron", _names("sideremia|fs", "ferro|ms", "sideremia|fs"), _names("serum iron", "iron"),
                 (_u("µg/dl | mcg/dl | µg/dL", 1, 0),), (_u("µg/dL | ug/dL", 1, 0), _u("µmol/L", 0.179, 0))),
    ProseAnalyte("ferritin", _names("ferritina|fs"), _names("ferritin"),
                 (_u("ng/ml | ng/mL | ng/ml", 1, 0), _u("µg/L", 1, 0, weight=0.3)),
                 (_u("ng/mL", 1, 0), _u("µg/L | ug/L", 1, 0))),
    ProseAnalyte("cholesterol_total", _names("colesterolo totale|ms", "colesterolemia|fs", "colesterolo|ms"),
                 _names("total cholesterol", "cholesterol", "TC"),
                 (_u("mg/dl | mg/dL", 1, 0),), (_u("mg/dL", 1, 0), _u("mmol/L", _CHOL_MMOL, 1))),
    ProseAnalyte("hdl", _names("colesterolo HDL|ms", "HDL|ms|l'"), _names("HDL", "HDL cholesterol"),
                 (_u("mg/dl | mg/dL", 1, 0),), (_u("mg/dL", 1, 0), _u("mmol/L", _CHOL_MMOL, 1))),
    ProseAnalyte("ldl", _names("colesterolo LDL|ms", "LDL|ms|l'"), _names("LDL", "LDL cholesterol"),
                 (_u("mg/dl | mg/dL", 1, 0),), (_u("mg/dL", 1, 0), _u("mmol/L", _CHOL_MMOL, 1))),
    ProseAnalyte("triglycerides", _names("trigliceridi|mp", "trigliceridemia|fs", "trigliceridi|mp"),
                 _names("triglycerides|p", "TG|p", "triglycerides|p"),
                 (_u("mg/dl | mg/dL", 1, 0),), (_u("mg/dL", 1, 0), _u("mmol/L", 1 / 88.57, 1))),
    ProseAnalyte("tsh", _names("TSH|ms|il"), _names("TSH"),
                 (_u("µUI/ml | mUI/L | µUI/mL | mU/L", 1, 2), _u("µUI/ml", 1, 1)),
                 (_u("mIU/L | mU/L | µIU/mL", 1, 1), _u("mIU/L", 1, 2))),
    ProseAnalyte("ft4", _names("FT4|ms|l'", "fT4|ms|l'"), _names("free T4", "FT4"),
                 (_u("ng/dl | ng/dL", 1, 2), _u("pg/ml", 10.0, 1)), (_u("pmol/L", 12.87, 1), _u("ng/dL", 1, 2))),
    ProseAnalyte("vitamin_d_25oh", _names("vitamina D|fs|la", "25-OH vitamina D|fs|la", "25(OH)D|fs|la", "vitamina D|fs|la"),
                 _names("vitamin D", "25-OH vitamin D", "25(OH)D", "vitamin D"),
                 (_u("ng/ml | ng/mL", 1, 0, weight=2), _u("ng/ml", 1, 1)), (_u("ng/mL", 1, 0), _u("nmol/L", 2.496, 0))),
    ProseAnalyte("vitamin_b12", _names("vitamina B12|fs|la", "cobalamina|fs"), _names("vitamin B12", "B12"),
                 (_u("pg/ml | pg/mL", 1, 0),), (_u("pg/mL | ng/L", 1, 0),)),
    ProseAnalyte("folate", _names("folati|mp", "folatemia|fs", "acido folico|ms|l'"), _names("folate", "serum folate"),
                 (_u("ng/ml | ng/mL"),), (_u("ng/mL | µg/L"),),
                 spec=_spec("folate", 3.0, 17.0, 7.5, 0.4, lognormal=True)),
    ProseAnalyte("ige_total", _names("IgE totali|fp|le", "IgE|fp|le"), _names("total IgE", "IgE"),
                 (_u("UI/ml | kU/L | UI/mL", 1, 0),), (_u("IU/mL | kU/L", 1, 0),)),
    ProseAnalyte("inr", _names("INR|ms|l'"), _names("INR"), (_u("", 1, 2),), (_u("", 1, 1),)),
    ProseAnalyte("ck", _names("CPK|fs|la", "CK|fs|la", "creatinchinasi|fs"), _names("CK", "creatine kinase", "CPK"),
                 (_u("U/L | UI/L", 1, 0),), (_u("U/L | IU/L", 1, 0),),
                 spec=_spec("ck", 30.0, 200.0, 105.0, 0.35, lognormal=True)),
    ProseAnalyte("anti_tpo", _names("anticorpi anti-TPO|mp|gli", "AbTPO|mp|gli", "anti-TPO|mp|gli"),
                 _names("anti-TPO antibodies|p", "TPO antibodies|p", "anti-TPO|s"),
                 (_u("UI/ml | UI/mL", 1, 0),), (_u("IU/mL | kIU/L", 1, 0),),
                 spec=_spec("anti_tpo", None, 34.0, 12.0, 1.0, lognormal=True)),
    ProseAnalyte("bp180", _names("anticorpi anti-BP180|mp|gli", "anti-BP180|mp|gli"),
                 _names("BP180 antibodies|p", "anti-BP180|s", "BP180 ELISA|s"),
                 (_u("U/ml | U/mL | UR/ml", 1, 0),), (_u("U/mL | RU/mL", 1, 0),),
                 spec=_spec("bp180", None, 9.0, 4.0, 0.8, lognormal=True)),
    ProseAnalyte("dsg3", _names("anticorpi anti-desmogleina 3|mp|gli", "anti-Dsg3|mp|gli"),
                 _names("desmoglein 3 antibodies|p", "anti-Dsg3|s"),
                 (_u("U/ml | U/mL", 1, 0),), (_u("U/mL | RU/mL", 1, 0),),
                 spec=_spec("dsg3", None, 20.0, 6.0, 0.8, lognormal=True)),
    ProseAnalyte("s100b", _names("S100B|fs|la", "proteina S100B|fs", "S100B|fs|la"),
                 _names("S100B", "S100B protein", "S100B"),
                 (_u("µg/L | ug/L | µg/l", 1, 2),), (_u("µg/L | ug/L", 1, 2),),
                 spec=_spec("s100b", None, 0.15, 0.07, 0.45, lognormal=True)),
    ProseAnalyte("tryptase", _names("triptasi|fs", "triptasi sierica|fs"), _names("tryptase", "serum tryptase"),
                 (_u("µg/L | ng/ml"),), (_u("µg/L | ng/mL"),),
                 spec=_spec("tryptase", None, 11.4, 5.0, 0.4, lognormal=True)),
    # -- qualitative -----------------------------------------------------------------------------------------
    ProseAnalyte("ana", _names("ANA|mp|gli", "anticorpi antinucleo|mp|gli", "ANA|mp|gli"),
                 _names("ANA|s", "antinuclear antibodies|p", "ANA|s"), kind="titre", positive_rate=0.45),
    ProseAnalyte("hbsag", _names("HBsAg|ms|l'"), _names("HBsAg", "hepatitis B surface antigen"), kind="qualitative",
                 positive_rate=0.03),
    ProseAnalyte("hcv", _names("anti-HCV|mp|gli", "HCV Ab|mp|gli", "anticorpi anti-HCV|mp|gli"),
                 _names("HCV antibody", "hepatitis C antibody", "anti-HCV"), kind="qualitative", positive_rate=0.03),
    ProseAnalyte("quantiferon", _names("Quantiferon|ms|il", "QuantiFERON-TB Gold|ms|il", "test IGRA|ms|il"),
                 _names("QuantiFERON", "QuantiFERON-TB Gold", "IGRA"), kind="qualitative", positive_rate=0.1),
    ProseAnalyte("bhcg", _names("beta-hCG|fs|la", "β-hCG|fs|la"), _names("beta-hCG", "serum beta-hCG", "pregnancy test"),
                 kind="qualitative", positive_rate=0.0),
]
ANALYTES: dict[str, ProseAnalyte] = {
    a.id: replace(a, spec=SPECS[a.id]) if a.spec is None and a.kind == "numeric" else a for a in _LIST}

# Panels and organ functions judged as a whole: only ever with a qualifier ("emocromo nella norma").
PANEL_NAMES: dict[str, dict[str, tuple[Name, ...]]] = {
    "cbc": {"it": _names("emocromo|ms", "emocromo|ms", "esame emocromocitometrico|ms"),
            "en": _names("FBC", "full blood count", "CBC", "blood count")},
    "renal": {"it": _names("funzionalità renale|fs", "indici di funzionalità renale|mp", "funzione renale|fs"),
              "en": _names("renal function", "U&Es|p", "kidney function")},
    "liver": {"it": _names("funzionalità epatica|fs", "indici di funzionalità epatica|mp", "transaminasi|fp|le"),
              "en": _names("LFTs|p", "liver function tests|p", "liver enzymes|p")},
    "inflammation": {"it": _names("indici di flogosi|mp", "indici infiammatori|mp"),
                     "en": _names("inflammatory markers|p", "inflammatory markers|p")},
    "lipids": {"it": _names("assetto lipidico|ms", "profilo lipidico|ms"), "en": _names("lipid profile", "lipids|p")},
    "thyroid": {"it": _names("funzionalità tiroidea|fs", "funzione tiroidea|fs"),
                "en": _names("thyroid function", "TFTs|p")},
    "electrolytes": {"it": _names("elettroliti|mp", "elettroliti sierici|mp"), "en": _names("electrolytes|p")},
}

# Judgements: direction -> phrases (Italian with agreement marks).  A word here is a QUALIFIER, never a value,
# and never a gold flag.
QUALIFIERS: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {"H": ("aumentat@", "elevat@", "alt@", "lievemente aumentat@", "ai limiti superiori", "aumentat@",
                 "incrementat@", "elevat@"),
           "L": ("ridott@", "bass@", "ridott@", "ai limiti inferiori", "lievemente ridott@", "carente"),
           "N": ("nella norma", "nella norma", "normal#", "nei limiti della norma", "regolar#", "nei limiti")},
    "en": {"H": ("elevated", "raised", "high", "mildly raised", "increased", "elevated", "at the upper limit of normal"),
           "L": ("low", "reduced", "low", "decreased", "mildly low", "deficient"),
           "N": ("normal", "within normal limits", "unremarkable", "normal", "satisfactory", "within normal range")},
}
QUALIFIERS_HELD: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {"H": ("sopra la norma", "oltre i limiti", "sopra i valori di riferimento", "superiore alla norma"),
           "L": ("sotto la norma", "al di sotto dei valori di riferimento", "inferiore alla norma", "deficitari@"),
           "N": ("entro i limiti di norma", "senza alterazioni", "non alterat@", "in range", "nei range")},
    "en": {"H": ("above range", "on the high side", "above normal", "above the reference range"),
           "L": ("below range", "on the low side", "a touch low", "below the reference range"),
           "N": ("in range", "fine", "all in range", "not deranged", "as expected")},
}
# Qualitative results (VALUE): ("negative", "positive", "indeterminate") words per language.
QUALITATIVE_WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "it": {"neg": ("negativ@",), "pos": ("positiv@",), "ind": ("indeterminat@",)},
    "en": {"neg": ("negative", "negative", "not detected", "non-reactive"), "pos": ("positive", "detected", "reactive"),
           "ind": ("indeterminate", "equivocal")},
}
# Labels printed before a range (outside the RANGE span); "" prints the range bare in brackets.
RANGE_LABELS: dict[str, tuple[str, ...]] = {
    "it": ("v.n.", "v.n.", "VN", "valori normali", "rif.", "range", "valori di riferimento", "", "n.v.", "v.n. "),
    "en": ("ref", "ref.", "normal range", "reference range", "NR", "", "range", "RI", "ref"),
}
RANGE_LABELS_HELD: dict[str, tuple[str, ...]] = {
    "it": ("v.r.", "intervallo di riferimento", "norma", "range di normalità"),
    "en": ("RR", "lab range", "ref. interval", "normal values"),
}

MONTHS = {"it": ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                 "ottobre", "novembre", "dicembre"),
          "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                 "November", "December")}


def agree(text: str, gender: str, number: str) -> str:
    """Fill the agreement marks of an Italian phrase for a noun of ``gender``/``number``."""
    plural = number == "p"
    o = {("m", "s"): "o", ("f", "s"): "a", ("m", "p"): "i", ("f", "p"): "e"}[(gender, number)]
    return (text.replace("@", o).replace("#", "i" if plural else "e").replace("%", "ano" if plural else "a")
            .replace("$", "sono" if plural else "è"))


def article(name: Name) -> str:
    """The Italian definite article of ``name`` ("" for English names)."""
    if name.art:
        return name.art
    word = name.text.lower()
    vowel = word[:1] in "aeiouàèéìòù"
    impure = word[:2] in ("gn", "ps", "pn") or word[:1] in "zxy" or (word[:1] == "s" and word[1:2] not in "aeiou")
    if name.gender == "f":
        return "le" if name.number == "p" else ("l'" if vowel else "la")
    if name.number == "p":
        return "gli" if vowel or impure else "i"
    return "l'" if vowel else ("lo" if impure else "il")


_PREP = {"di": {"il": "del", "lo": "dello", "l'": "dell'", "la": "della", "i": "dei", "gli": "degli", "le": "delle"},
         "a": {"il": "al", "lo": "allo", "l'": "all'", "la": "alla", "i": "ai", "gli": "agli", "le": "alle"},
         "in": {"il": "nel", "lo": "nello", "l'": "nell'", "la": "nella", "i": "nei", "gli": "negli", "le": "nelle"}}


def prep(preposition: str, name: Name) -> str:
    """Italian preposition joined to the article of ``name``: ("di", ferritina) -> "della"."""
    return _PREP[preposition][article(name)]


@dataclass(frozen=True)
class Scenario:
    """Why the patient is seen, which tests the letter talks about, and how they are likely to come out.

    Phrases may hold ``[[text|kind]]`` marks: a number that is not a lab value (dose, score, size, vital sign),
    recorded as a negative so tests can check that no VALUE covers it; ``{n}`` slots are drawn numbers."""

    id: str
    analytes: tuple[str, ...]  # in order of how often a letter mentions them
    shifts: dict[str, float] = field(default_factory=dict)  # in SDs of the catalogue distribution
    positives: dict[str, float] = field(default_factory=dict)  # qualitative: chance of a positive result
    sex: str | None = None
    ages: tuple[int, int] = (18, 85)
    diagnosis: dict[str, tuple[str, ...]] = field(default_factory=dict)
    history: dict[str, tuple[str, ...]] = field(default_factory=dict)
    findings: dict[str, tuple[str, ...]] = field(default_factory=dict)
    therapy: dict[str, tuple[str, ...]] = field(default_factory=dict)
    plan: dict[str, tuple[str, ...]] = field(default_factory=dict)


SCENARIOS: tuple[Scenario, ...] = (
    Scenario(
        "psoriasis_methotrexate", ("alt", "ast", "hemoglobin", "wbc", "platelets", "creatinine", "ggt", "egfr", "crp"),
        shifts={"alt": 1.3, "ast": 0.9, "ggt": 0.8, "wbc": -0.5},
        diagnosis={"it": ("psoriasi a placche moderata-grave", "psoriasi volgare in trattamento con methotrexate",
                          "psoriasi a placche con artropatia"),
                   "en": ("moderate-to-severe plaque psoriasis", "chronic plaque psoriasis on methotrexate",
                          "psoriasis with psoriatic arthritis")},
        history={"it": ("Psoriasi nota da circa [[{n15}|duration]] anni, trattata in passato con topici e fototerapia "
                        "NB-UVB.", "In terapia con methotrexate dal [[{date_past}|date]], ben tollerato.",
                        "Riferisce consumo di alcol occasionale; non epatopatie note."),
                 "en": ("Psoriasis for about [[{n15}|duration]] years, previously treated with topicals and narrowband "
                        "UVB.", "Started methotrexate on [[{date_past}|date]] and has tolerated it well.",
                        "Drinks alcohol occasionally; no known liver disease.")},
        findings={"it": ("placche eritemato-desquamative ai gomiti, alle ginocchia e in regione sacrale, PASI "
                         "[[{pasi}|score]], BSA [[{bsa}%|score]]", "lesioni psoriasiche in netto miglioramento, PASI "
                         "[[{pasi}|score]]"),
                      "en": ("well-demarcated erythematous scaly plaques on the elbows, knees and sacrum, PASI "
                             "[[{pasi}|score]], BSA [[{bsa}%|score]]", "psoriasis much improved, PASI [[{pasi}|score]]")},
        therapy={"it": ("methotrexate [[15 mg|dose]] s.c. una volta a settimana", "acido folico [[5 mg|dose]] il giorno "
                        "dopo il methotrexate", "calcipotriolo/betametasone gel [[1 applicazione/die|dose]]"),
                 "en": ("methotrexate [[15 mg|dose]] subcutaneously once weekly", "folic acid [[5 mg|dose]] once weekly, "
                        "the day after methotrexate", "calcipotriol/betamethasone gel [[once daily|dose]]")}),
    Scenario(
        "biologic_screening", ("quantiferon", "hbsag", "hcv", "hemoglobin", "wbc", "platelets", "creatinine", "alt",
                               "ast", "crp"),
        positives={"quantiferon": 0.08},
        diagnosis={"it": ("psoriasi a placche grave candidata a terapia biologica", "idrosadenite suppurativa "
                          "(Hurley II) candidata ad adalimumab"),
                   "en": ("severe plaque psoriasis, for biologic therapy", "hidradenitis suppurativa (Hurley stage II), "
                          "for adalimumab")},
        history={"it": ("Fallimento di methotrexate e ciclosporina.", "Non storia di tubercolosi né contatti noti.",
                        "Vaccinazioni da aggiornare."),
                 "en": ("Has failed methotrexate and ciclosporin.", "No history of tuberculosis or known contacts.",
                        "Vaccinations to be updated.")},
        findings={"it": ("placche diffuse al tronco e agli arti, PASI [[{pasi}|score]], DLQI [[{dlqi}|score]]",
                         "noduli e tragitti fistolosi ascellari e inguinali"),
                  "en": ("widespread plaques on trunk and limbs, PASI [[{pasi}|score]], DLQI [[{dlqi}|score]]",
                         "inflamed nodules and sinus tracts in both axillae and groins")},
        therapy={"it": ("adalimumab [[80 mg|dose]] alla prima somministrazione, poi [[40 mg|dose]] ogni [[2 "
                        "settimane|dose]]", "secukinumab [[300 mg|dose]] s.c. alle settimane [[0, 1, 2, 3 e 4|dose]]"),
                 "en": ("adalimumab [[80 mg|dose]] loading dose, then [[40 mg|dose]] every [[2 weeks|dose]]",
                        "secukinumab [[300 mg|dose]] at weeks [[0, 1, 2, 3 and 4|dose]], then monthly")}),
    Scenario(
        "acne_isotretinoin", ("triglycerides", "cholesterol_total", "alt", "ast", "bhcg", "ck", "ldl", "hdl"),
        shifts={"triglycerides": 1.2, "cholesterol_total": 0.8, "ldl": 0.6, "ck": 0.8}, ages=(16, 35),
        diagnosis={"it": ("acne nodulo-cistica del volto e del dorso", "acne papulo-pustolosa moderata resistente "
                          "alle terapie topiche"),
                   "en": ("nodulocystic acne of the face and back", "moderate papulopustular acne unresponsive to "
                          "topical treatment")},
        history={"it": ("Precedenti cicli di doxiciclina [[100 mg/die|dose]] senza beneficio duraturo.",
                        "Pratica attività sportiva intensa.", "Peso [[{weight} kg|vital]]."),
                 "en": ("Previous courses of lymecycline [[408 mg daily|dose]] without lasting benefit.",
                        "Exercises regularly at the gym.", "Weight [[{weight} kg|vital]].")},
        findings={"it": ("papule, pustole e noduli al volto e al dorso, cicatrici atrofiche", "cheilite secca"),
                  "en": ("papules, pustules and nodules on the face and upper back with atrophic scarring",
                         "dry lips")},
        therapy={"it": ("isotretinoina [[20 mg/die|dose]]", "isotretinoina [[0,5 mg/kg/die|dose]]",
                        "crema idratante labbra al bisogno"),
                 "en": ("isotretinoin [[20 mg daily|dose]]", "isotretinoin [[0.5 mg/kg/day|dose]]",
                        "emollient lip balm as needed")}),
    Scenario(
        "bullous_pemphigoid", ("eosinophils_abs", "bp180", "glucose", "hba1c", "wbc", "hemoglobin", "creatinine",
                               "ige_total", "crp"),
        shifts={"eosinophils_abs": 2.5, "bp180": 4.5, "glucose": 1.5, "hba1c": 2.0, "ige_total": 2.0},
        ages=(68, 92),
        diagnosis={"it": ("pemfigoide bolloso", "pemfigoide bolloso in paziente diabetico"),
                   "en": ("bullous pemphigoid", "bullous pemphigoid in a patient with type 2 diabetes")},
        history={"it": ("Diabete mellito tipo 2 in terapia con metformina [[500 mg|dose]] [[x 2/die|dose]] e "
                        "sitagliptin [[100 mg|dose]].", "Prurito intenso da circa [[{n6}|duration]] mesi.",
                        "Ipertensione arteriosa in terapia con ramipril [[5 mg|dose]]."),
                 "en": ("Type 2 diabetes on metformin [[500 mg twice daily|dose]] and sitagliptin "
                        "[[100 mg daily|dose]].", "Intense itch for about [[{n6}|duration]] months.",
                        "Hypertension on ramipril [[5 mg|dose]].")},
        findings={"it": ("bolle tese a contenuto sieroso su base eritematosa a tronco e arti, erosioni",
                         "placche orticarioidi e bolle tese alle cosce, BPDAI [[{pasi}|score]]"),
                  "en": ("tense serous blisters on an erythematous base over the trunk and limbs, with erosions",
                         "urticated plaques and tense bullae on the thighs, BPDAI [[{pasi}|score]]")},
        therapy={"it": ("prednisone [[0,5 mg/kg/die|dose]] con successivo scalo", "clobetasolo propionato "
                        "[[0,05%|dose]] crema [[1 volta/die|dose]]", "doxiciclina [[100 mg|dose]] [[x 2/die|dose]]"),
                 "en": ("prednisolone [[0.5 mg/kg/day|dose]], tapering", "clobetasol propionate [[0.05%|dose]] cream "
                        "[[once daily|dose]]", "doxycycline [[200 mg daily|dose]]")}),
    Scenario(
        "chronic_urticaria", ("ige_total", "tsh", "anti_tpo", "crp", "esr", "eosinophils_abs", "ft4", "wbc"),
        shifts={"ige_total": 1.5, "anti_tpo": 1.5, "tsh": 0.8, "esr": 0.5},
        diagnosis={"it": ("orticaria cronica spontanea", "orticaria cronica spontanea con angioedema"),
                   "en": ("chronic spontaneous urticaria", "chronic spontaneous urticaria with angioedema")},
        history={"it": ("Pomfi quotidiani da oltre [[{n6}|duration]] mesi, talora angioedema palpebrale.",
                        "Nessuna correlazione con alimenti o farmaci.", "UAS7 [[{uas}|score]]."),
                 "en": ("Daily wheals for more than [[{n6}|duration]] months, occasional eyelid angioedema.",
                        "No relation to food or drugs.", "UAS7 [[{uas}|score]].")},
        findings={"it": ("pomfi eritemato-edematosi sparsi al tronco, dermografismo positivo",),
                  "en": ("scattered wheals on the trunk, positive dermographism",)},
        therapy={"it": ("bilastina [[20 mg|dose]] fino a [[4 cp/die|dose]]", "cetirizina [[10 mg|dose]] [[x 2/die|dose]]",
                        "omalizumab [[300 mg|dose]] s.c. ogni [[4 settimane|dose]]"),
                 "en": ("cetirizine [[10 mg|dose]] up to [[four times daily|dose]]", "fexofenadine [[180 mg daily|dose]]",
                        "omalizumab [[300 mg|dose]] every [[4 weeks|dose]]")}),
    Scenario(
        "hair_loss", ("ferritin", "vitamin_d_25oh", "tsh", "hemoglobin", "folate", "vitamin_b12", "iron", "ft4"),
        shifts={"ferritin": -1.8, "vitamin_d_25oh": -1.0, "hemoglobin": -0.8, "iron": -0.8}, sex="F", ages=(18, 60),
        diagnosis={"it": ("telogen effluvium", "alopecia androgenetica femminile con componente di telogen effluvium"),
                   "en": ("telogen effluvium", "female pattern hair loss with superimposed telogen effluvium")},
        history={"it": ("Caduta diffusa dei capelli da circa [[{n6}|duration]] mesi, dopo un episodio febbrile.",
                        "Ciclo mestruale abbondante.", "Dieta vegetariana da [[{n15}|duration]] anni."),
                 "en": ("Diffuse shedding for about [[{n6}|duration]] months after a febrile illness.",
                        "Heavy periods.", "Vegetarian for [[{n15}|duration]] years.")},
        findings={"it": ("pull test positivo, tricoscopia con diversità del diametro dei fusti inferiore al "
                         "[[20%|score]]",), "en": ("positive pull test; trichoscopy shows hair shaft variability under "
                                                   "[[20%|score]]",)},
        therapy={"it": ("colecalciferolo [[25.000 UI|dose]] a settimana", "ferro solfato [[105 mg/die|dose]]",
                        "minoxidil [[5%|dose]] soluzione [[1 ml x 2/die|dose]]"),
                 "en": ("colecalciferol [[20,000 IU|dose]] weekly", "ferrous sulfate [[200 mg|dose]] once daily",
                        "topical minoxidil [[5%|dose]] [[1 mL twice daily|dose]]")}),
    Scenario(
        "melanoma_followup", ("ldh", "hemoglobin", "wbc", "platelets", "ast", "alt", "tsh", "creatinine"),
        shifts={"ldh": 0.6, "tsh": 0.5},
        diagnosis={"it": ("melanoma cutaneo pT2a N0 in follow-up", "melanoma in stadio III in terapia adiuvante con "
                          "pembrolizumab"),
                   "en": ("stage IIA cutaneous melanoma under surveillance", "stage III melanoma on adjuvant "
                          "pembrolizumab")},
        history={"it": ("Asportazione di melanoma del dorso (Breslow [[{breslow} mm|size]]) nel [[{year}|date]].",
                        "Linfonodo sentinella negativo.", "Nessun nuovo sintomo riferito."),
                 "en": ("Excision of a melanoma on the back (Breslow [[{breslow} mm|size]]) in [[{year}|date]].",
                        "Sentinel node biopsy was negative.", "No new symptoms.")},
        findings={"it": ("cicatrice chirurgica indenne, nessuna adenopatia palpabile, nevo atipico di [[{size} mm|size]] "
                         "alla coscia", "numerosi nevi melanocitari, il maggiore di [[{size} mm|size]]"),
                  "en": ("healthy scar, no palpable lymphadenopathy, an atypical naevus of [[{size} mm|size]] on the "
                         "thigh", "multiple naevi, the largest [[{size} mm|size]] across")},
        therapy={"it": ("pembrolizumab [[200 mg|dose]] e.v. ogni [[3 settimane|dose]]",
                        "fotoprotezione [[SPF 50+|dose]]"),
                 "en": ("pembrolizumab [[200 mg|dose]] IV every [[3 weeks|dose]]", "sun protection [[SPF 50+|dose]]")}),
    Scenario(
        "connective_tissue", ("ana", "ck", "ldh", "esr", "crp", "alt", "ast", "hemoglobin", "wbc"),
        shifts={"ck": 2.0, "ldh": 1.5, "esr": 1.2, "crp": 0.8, "ast": 0.8}, positives={"ana": 0.8},
        diagnosis={"it": ("sospetta dermatomiosite", "lupus eritematoso cutaneo subacuto"),
                   "en": ("suspected dermatomyositis", "subacute cutaneous lupus erythematosus")},
        history={"it": ("Astenia e debolezza muscolare prossimale da [[{n6}|duration]] settimane.",
                        "Fotosensibilità.", "Artralgie alle mani."),
                 "en": ("Fatigue and proximal muscle weakness for [[{n6}|duration]] weeks.", "Photosensitivity.",
                        "Joint pains in the hands.")},
        findings={"it": ("eritema eliotropo, papule di Gottron al dorso delle mani", "lesioni anulari eritemato-"
                         "squamose al décolleté"),
                  "en": ("heliotrope rash and Gottron papules over the knuckles", "annular scaly erythematous "
                         "plaques on the upper chest")},
        therapy={"it": ("idrossiclorochina [[200 mg|dose]] [[x 2/die|dose]]", "prednisone [[25 mg/die|dose]]",
                        "fotoprotezione [[SPF 50+|dose]]"),
                 "en": ("hydroxychloroquine [[200 mg twice daily|dose]]", "prednisolone [[25 mg daily|dose]]",
                        "sun protection [[SPF 50+|dose]]")}),
    Scenario(
        "cellulitis_diabetes", ("crp", "wbc", "glucose", "hba1c", "creatinine", "egfr", "esr", "neutrophils_pct",
                                "hemoglobin"),
        shifts={"crp": 3.5, "wbc": 2.0, "glucose": 2.5, "hba1c": 4.0, "esr": 1.5, "neutrophils_pct": 1.8,
                "creatinine": 0.8}, ages=(45, 88),
        diagnosis={"it": ("erisipela dell'arto inferiore destro in paziente diabetico", "cellulite della gamba "
                          "sinistra con ulcera"),
                   "en": ("cellulitis of the right lower leg in a patient with diabetes", "left leg cellulitis "
                          "complicating a venous ulcer")},
        history={"it": ("Diabete mellito tipo 2 in terapia con metformina [[1000 mg|dose]] [[x 2/die|dose]].",
                        "Febbre fino a [[{temp} °C|vital]] da [[{n6}|duration]] giorni.",
                        "PA [[{bp} mmHg|vital]], FC [[{hr} bpm|vital]]."),
                 "en": ("Type 2 diabetes on metformin [[1 g twice daily|dose]].",
                        "Fever up to [[{temp} °C|vital]] for [[{n6}|duration]] days.",
                        "BP [[{bp} mmHg|vital]], HR [[{hr}|vital]].")},
        findings={"it": ("eritema caldo, edematoso e dolente della gamba con margini netti", "ulcera di "
                         "[[{size} cm|size]] al malleolo mediale"),
                  "en": ("hot, swollen, tender erythema of the lower leg with a sharp edge", "an ulcer of "
                         "[[{size} cm|size]] over the medial malleolus")},
        therapy={"it": ("amoxicillina/acido clavulanico [[875/125 mg|dose]] [[x 3/die|dose]]", "metformina "
                        "[[500 mg|dose]] [[x 2/die|dose]]", "enoxaparina [[4000 UI|dose]] s.c. [[1 fl/die|dose]]"),
                 "en": ("flucloxacillin [[1 g four times daily|dose]]", "metformin [[500 mg twice daily|dose]]",
                        "enoxaparin [[40 mg|dose]] subcutaneously [[once daily|dose]]")}),
    Scenario(
        "drug_reaction", ("eosinophils_abs", "alt", "ast", "wbc", "creatinine", "ldh", "crp", "ggt"),
        shifts={"eosinophils_abs": 3.5, "alt": 3.0, "ast": 2.5, "wbc": 1.5, "creatinine": 1.2, "ldh": 1.0},
        ages=(30, 85),
        diagnosis={"it": ("sospetta DRESS da allopurinolo", "reazione cutanea a farmaci con eosinofilia"),
                   "en": ("suspected DRESS due to allopurinol", "drug reaction with eosinophilia")},
        history={"it": ("Inizio di allopurinolo [[300 mg/die|dose]] circa [[{n6}|duration]] settimane prima.",
                        "Febbre [[{temp} °C|vital]] e linfoadenopatie laterocervicali."),
                 "en": ("Started allopurinol [[300 mg daily|dose]] about [[{n6}|duration]] weeks earlier.",
                        "Fever of [[{temp} °C|vital]] and cervical lymphadenopathy.")},
        findings={"it": ("esantema morbilliforme confluente al tronco, edema del volto",),
                  "en": ("confluent morbilliform eruption on the trunk with facial oedema",)},
        therapy={"it": ("cetirizina [[10 mg/die|dose]]", "metilprednisolone [[1 mg/kg/die|dose]] e.v."),
                 "en": ("cetirizine [[10 mg daily|dose]]", "methylprednisolone [[1 mg/kg daily|dose]] IV")}),
    Scenario(
        "mastocytosis", ("tryptase", "hemoglobin", "platelets", "wbc", "ige_total", "alt"),
        shifts={"tryptase": 3.0},
        diagnosis={"it": ("mastocitosi cutanea (orticaria pigmentosa)",), "en": ("cutaneous mastocytosis (urticaria "
                                                                                  "pigmentosa)",)},
        history={"it": ("Macule brunastre al tronco da [[{n15}|duration]] anni, episodi di flushing.",),
                 "en": ("Brown macules on the trunk for [[{n15}|duration]] years, episodes of flushing.",)},
        findings={"it": ("macule bruno-rossastre al tronco, segno di Darier positivo",),
                  "en": ("red-brown macules on the trunk, positive Darier sign",)},
        therapy={"it": ("cetirizina [[10 mg/die|dose]]", "adrenalina autoiniettabile [[0,3 mg|dose]] al bisogno"),
                 "en": ("cetirizine [[10 mg daily|dose]]", "adrenaline auto-injector [[300 micrograms|dose]]")}),
    Scenario(
        "pemphigus", ("dsg3", "glucose", "hemoglobin", "wbc", "creatinine", "alt", "vitamin_d_25oh"),
        shifts={"dsg3": 4.0, "glucose": 1.0, "vitamin_d_25oh": -0.8}, ages=(35, 80),
        diagnosis={"it": ("pemfigo volgare mucocutaneo",), "en": ("mucocutaneous pemphigus vulgaris",)},
        history={"it": ("Erosioni del cavo orale da [[{n6}|duration]] mesi, poi bolle flaccide al tronco.",),
                 "en": ("Oral erosions for [[{n6}|duration]] months, then flaccid blisters on the trunk.",)},
        findings={"it": ("erosioni della mucosa orale, bolle flaccide al tronco, segno di Nikolsky positivo, PDAI "
                         "[[{pasi}|score]]",),
                  "en": ("oral erosions and flaccid blisters on the trunk, Nikolsky sign positive, PDAI "
                         "[[{pasi}|score]]",)},
        therapy={"it": ("rituximab [[1000 mg|dose]] e.v. ai giorni [[1 e 15|dose]]", "prednisone [[0,5 mg/kg/die|dose]]"),
                 "en": ("rituximab [[1 g|dose]] IV on days [[1 and 15|dose]]", "prednisolone [[0.5 mg/kg daily|dose]]")}),
)


# Held-out tumour-board summaries (templates ``*_tumour_board``) only: the melanoma follow-up with the tests a
# multidisciplinary meeting reviews (S100B, liver and kidney function).  Not in SCENARIOS, so no other template
# draws it.
TUMOUR_BOARD: Scenario = replace(
    next(s for s in SCENARIOS if s.id == "melanoma_followup"), id="melanoma_tumour_board",
    analytes=("ldh", "s100b", "hemoglobin", "wbc", "platelets", "ast", "alt", "creatinine", "alp", "ggt",
              "bilirubin_total", "egfr", "albumin"),
    shifts={"ldh": 0.7, "s100b": 0.6, "alp": 0.3, "ggt": 0.3})
