"""Document kinds: discharge letters, referrals, visit summaries, letters to the GP, e-mails, consult notes and
letters to the patient, in Italian and English, each drawing its own variation around its structure.

A template writes a whole document into a :class:`~.builder.Doc`: letterhead, patient identifiers, greeting,
history and findings, therapy with doses, follow-up, signature, and one or more lab passages planned by
:func:`plan_labs` and written by a frame of :mod:`.forms`.  ``HELD_OUT_TEMPLATES`` (two per language) draw only
the held-out forms, so their phrasing of lab results is unseen by a recogniser trained on the others.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import Callable

from ..reports.identity import Person, format_nhs, make_person
from .builder import Doc, prepare_value
from .forms import Item, NormMention, QualMention, use
from .lexicon import ANALYTES, PANEL_NAMES, SCENARIOS, TUMOUR_BOARD, Name, Scenario

__all__ = ["Template", "TEMPLATES", "HELD_OUT_TEMPLATES", "TUNING_TEMPLATES", "compose", "plan_labs", "PANEL_OF"]

PANEL_OF = {
    **dict.fromkeys(("hemoglobin", "wbc", "rbc", "platelets", "hematocrit", "mcv", "neutrophils_pct",
                     "lymphocytes_pct", "eosinophils_abs", "eosinophils_pct"), "cbc"),
    **dict.fromkeys(("creatinine", "egfr", "urea", "uric_acid", "sodium", "potassium", "calcium"), "renal"),
    **dict.fromkeys(("ast", "alt", "ggt", "alp", "ldh", "bilirubin_total", "albumin"), "liver"),
    **dict.fromkeys(("glucose", "hba1c", "cholesterol_total", "hdl", "ldl", "triglycerides"), "metabolic"),
    **dict.fromkeys(("crp", "esr"), "inflammation"),
    **dict.fromkeys(("iron", "ferritin", "folate", "vitamin_b12"), "iron"),
    **dict.fromkeys(("tsh", "ft4", "anti_tpo"), "thyroid"),
    **dict.fromkeys(("ana", "bp180", "dsg3", "ige_total", "tryptase", "ck"), "immunology"),
    **dict.fromkeys(("hbsag", "hcv", "quantiferon"), "serology"),
}
_PANEL_ORDER = ("cbc", "renal", "liver", "metabolic", "inflammation", "iron", "thyroid", "immunology", "serology",
                "other")
_PAIRS = (("ast", "alt"), ("hdl", "ldl"), ("sodium", "potassium"))
_TITRES = ("1:80", "1:160", "1:160", "1:320", "1:640", "1:1280")


@dataclass(frozen=True)
class Template:
    name: str
    lang: str
    kind: str  # the document kind, the same in both languages ("discharge_letter")
    held_out: bool
    description: str
    build: Callable[[Doc, Person], None]
    settings: dict = field(default_factory=dict)  # range_rate, flag_rate, unit_drop, wrap


TEMPLATES: dict[str, Template] = {}


def template(kind: str, lang: str, description: str, *, held_out: bool = False, **settings) -> Callable:
    def register(build: Callable[[Doc, Person], None]) -> Callable[[Doc, Person], None]:
        name = f"{lang}_{kind}"
        TEMPLATES[name] = Template(name, lang, kind, held_out, description, build, settings)
        return build
    return register


# -- labs ---------------------------------------------------------------------------------------------------------
def plan_labs(doc: Doc, low: int, high: int, *, trend: float = 0.0, panels: float = 0.3) -> list[Item]:
    """Which tests a passage talks about and how: values, qualitative results, judgements without a value, a
    pair sharing a unit, a trend; in the scenario's order or grouped by panel."""
    rng, scenario = doc.rng, doc.scenario
    candidates = [a for a in scenario.analytes if a not in doc.mentioned and (a != "bhcg" or doc.sex == "F")]
    if not candidates:
        candidates = [a for a in ("hemoglobin", "wbc", "platelets", "creatinine", "alt") if a not in doc.mentioned]
    k = min(len(candidates), rng.randint(low, high))
    weights = [1 / (1 + 0.35 * i) for i in range(len(candidates))]
    chosen: list[str] = []
    while len(chosen) < k:
        pick = rng.choices(candidates, weights=weights)[0]
        if pick not in chosen:
            chosen.append(pick)
    if rng.random() < 0.6:
        chosen.sort(key=lambda a: _PANEL_ORDER.index(PANEL_OF.get(a, "other")))
    items: list[Item] = []
    done: set[str] = set()
    names = {}
    for aid in chosen:
        if aid in done:
            continue
        done.add(aid)
        analyte, panel = ANALYTES[aid], PANEL_OF.get(aid, "other")
        partner = next((b for x, b in _PAIRS if x == aid and b in chosen and b not in done), None)
        if partner and rng.random() < 0.35:
            first = prepare_value(doc, aid, ranges=False, flags=False, censor=False, drop_unit=False)
            unit_text = first.unit
            second = prepare_value(doc, partner, unit=first.unit_option, unit_text=unit_text, ranges=False,
                                   flags=False, censor=False, drop_unit=False)
            if unit_text and second.unit == unit_text:
                done.add(partner)
                items.append(Item("pair", (first, second), panel))
                continue
        if analyte.kind in ("qualitative", "titre"):
            items.append(Item("qual", _qual(doc, aid), panel))
            continue
        if aid == "crp" and doc.value_of(aid) < 5 and rng.random() < 0.15:
            items.append(Item("qual", QualMention(analyte, _name(doc, aid), "neg", plain=True), panel))
            continue
        if trend and rng.random() < trend and doc.scenario.shifts.get(aid, 0) > 0.5:
            earlier = doc.value_of(aid, shift=doc.scenario.shifts[aid] * rng.uniform(1.0, 1.6))
            first = prepare_value(doc, aid, value=earlier, ranges=False, flags=False, censor=False, drop_unit=False)
            last = prepare_value(doc, aid, name=first.name, unit=first.unit_option, unit_text=first.unit,
                                 ranges=False, flags=False, censor=False, drop_unit=False)
            if first.value_text != last.value_text and isinstance(last.value_gold, float):
                items.append(Item("trend", (first, last) if rng.random() < 0.8 else (last, first), panel))
                continue
        vm = prepare_value(doc, aid)
        names[aid] = vm.name
        if isinstance(vm.value_gold, float) and (
                (vm.direction == "N" and rng.random() < 0.3) or (vm.direction != "N" and rng.random() < 0.08)):
            items.append(Item("norm", NormMention([vm.name], vm.direction), panel))
            doc.mentioned.add(aid)
            continue
        items.append(Item("value", vm, panel))
    # qualitative results with the same outcome, side by side: "HBsAg, anti-HCV e Quantiferon negativi"
    quals = [i for i in items if i.kind == "qual" and i.arg.titre is None and i.arg.analyte.id != "crp"]
    if len(quals) >= 2 and rng.random() < 0.6 and len({q.arg.outcome for q in quals}) == 1:
        at = items.index(quals[0])
        items = [i for i in items if i not in quals]
        items.insert(at, Item("qual_group", [q.arg for q in quals], quals[0].panel))
    # two judgements in one: "creatinina e transaminasi nella norma"
    norms = [i for i in items if i.kind == "norm" and i.arg.direction == "N"]
    if len(norms) >= 2 and rng.random() < 0.4:
        items.remove(norms[1])
        norms[0].arg.names.extend(norms[1].arg.names)
    if rng.random() < panels:
        used = {i.panel for i in items}
        free = [p for p in ("cbc", "renal", "liver", "inflammation", "thyroid", "electrolytes", "lipids")
                if p not in used]
        if free:
            panel = rng.choice(free)
            item = Item("norm", NormMention([rng.choice(PANEL_NAMES[panel][doc.lang])], "N"), panel)
            items.insert(rng.randint(0, len(items)) if rng.random() < 0.3 else len(items), item)
    for item in items:
        if item.kind == "norm":
            doc.no_value_mentions.append({"analytes": [n.text for n in item.arg.names], "direction": item.arg.direction})
    return items or [Item("value", prepare_value(doc, "hemoglobin"), "cbc")]


def _name(doc: Doc, aid: str) -> Name:
    analyte = ANALYTES[aid]
    return doc.rng.choice(analyte.it if doc.lang == "it" else analyte.en)


def _qual(doc: Doc, aid: str) -> QualMention:
    analyte, rng = ANALYTES[aid], doc.rng
    rate = doc.scenario.positives.get(aid, analyte.positive_rate)
    roll = rng.random()
    outcome = "pos" if roll < rate else ("ind" if aid == "quantiferon" and roll < rate + 0.04 else "neg")
    titre = rng.choice(_TITRES) if analyte.kind == "titre" and outcome == "pos" else None
    if analyte.kind == "titre" and outcome == "ind":
        outcome = "neg"
    # "reactive", "detected" belong to serology; ANA is positive or negative
    return QualMention(analyte, _name(doc, aid), outcome, titre, plain=analyte.kind == "titre")


def labs(doc: Doc, low: int, high: int, *, frames: tuple[str, ...] | None = None, trend: float = 0.0,
         panels: float = 0.3, heading: str | None = None) -> None:
    """One lab passage; ``heading``: the template's own lead ("Esami in visione: "), which replaces the frame's."""
    items = plan_labs(doc, low, high, trend=trend, panels=panels)
    if heading:
        doc.b.t(heading)
        doc.lead_given = True
    use(doc, "frame", items, only=frames)
    doc.lead_given, doc.verbs_ok = False, True


def mention_tests(doc: Doc, count: int) -> None:
    """Test names in a plan ("ripetere emocromo e transaminasi"): ANALYTE entities without a value."""
    pool = [a for a in doc.scenario.analytes if ANALYTES[a].kind == "numeric"]
    chosen = doc.rng.sample(pool, min(count, len(pool)))
    for i, aid in enumerate(chosen):
        if i:
            doc.b.t((" e " if doc.lang == "it" else " and ") if i == len(chosen) - 1 else ", ")
        doc.b.ent(_name(doc, aid).text, "ANALYTE")


# -- shared blocks ------------------------------------------------------------------------------------------------
_HOSPITALS = {
    "it": ["Azienda Ospedaliera Universitaria Demo (SINTETICO)", "Ospedale San Giorgio - Presidio dimostrativo",
           "Policlinico Esempio", "ASST Demo Nord - Ospedale Civile", "Casa di Cura Villa Esempio"],
    "en": ["Northfield General Hospital (SYNTHETIC)", "Riverside University Hospitals NHS Trust (demo)",
           "St Example's Hospital", "Demo Community Dermatology Service", "Westbrook Royal Infirmary (demo)"],
}
_DEPTS = {"it": ["U.O.C. Dermatologia", "Clinica Dermatologica", "Ambulatorio di Dermatologia",
                 "S.C. Dermatologia e Venereologia", "U.O.S. Dermatologia Oncologica"],
          "en": ["Department of Dermatology", "Dermatology Outpatients", "Skin Cancer Unit", "Dermatology Department"]}
_CITIES = ["Milano", "Roma", "Torino", "Bologna", "Padova", "Firenze", "Napoli", "Verona", "Genova", "Bari"]
_SYNTHETIC = {"it": "[SYNTHETIC - documento sintetico generato per test, non valido ai fini clinici]",
              "en": "[SYNTHETIC document generated for testing - not for clinical use]"}


def _doctor(doc: Doc) -> str:
    rng = doc.rng
    sex = rng.choice("MF")
    person = make_person(rng, doc.lang, sex, dt.date(1970, 1, 1), doc.visit)
    given, surname = person.given[0], person.surname
    if doc.lang == "it":
        title = rng.choice(["Dott.", "Dr."] if sex == "M" else ["Dott.ssa", "Dr.ssa"])
        return f"{rng.choice([title, title, 'Prof.'] if sex == 'M' else [title, title, 'Prof.ssa'])} {given} {surname}"
    return f"Dr {given} {surname}"


def _ident(doc: Doc, text: str, kind: str = "id") -> None:
    doc.identifiers.append(text)
    doc.b.neg(text, kind)


def _letterhead(doc: Doc) -> None:
    rng, b = doc.rng, doc.b
    b.t(f"{rng.choice(_HOSPITALS[doc.lang])}\n{rng.choice(_DEPTS[doc.lang])}\n")
    if rng.random() < 0.6:
        if doc.lang == "it":
            b.t(rng.choice(["Tel. ", "Segreteria: tel. "]))
            b.neg(f"0{rng.choice(['2', '6', '11', '51'])} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "phone")
        else:
            b.t(rng.choice(["Tel: ", "Secretary: "]))
            b.neg(f"0113 496 0{rng.randint(100, 999)}", "phone")
        b.t("\n")
    b.t("\n")


def _place_date(doc: Doc) -> None:
    if doc.lang == "it":
        doc.b.t(f"{doc.pick(_CITIES)}, ")
    else:
        doc.b.t(doc.pick(["", "Date: ", "Dictated: "]))
    doc.b.neg(doc.date(doc.visit), "date")
    doc.b.t("\n\n")


def _age(doc: Doc, style: str | None = None) -> None:
    if doc.lang == "it":
        doc.b.neg(doc.pick([f"{doc.age} anni", f"{doc.age} anni", f"{doc.age} aa"]) if style is None else style, "age")
    else:
        doc.b.neg(style or f"{doc.age}-year-old", "age")


def _birth(person: Person, doc: Doc) -> str:
    return doc.date(person.birth, "num" if doc.rng.random() < 0.7 else None)


def _patient_line(doc: Doc, person: Person) -> None:
    b, rng, it = doc.b, doc.rng, doc.lang == "it"
    name = person.names[rng.choice(["comma", "upper", "surname_first"] if it else ["comma", "given_first", "upper"])]
    doc.identifiers.append(name)
    if it:
        b.t(f"{rng.choice(['Paziente', 'Paziente', 'Oggetto: paziente', 'Sig./Sig.ra'])}: " if rng.random() < 0.8
            else "Paziente ")
        b.t(f"{name}, {'nata' if doc.sex == 'F' else 'nato'} il ")
        _ident(doc, _birth(person, doc), "date")
        if rng.random() < 0.6:
            b.t(" (")
            _age(doc)
            b.t(")")
        if rng.random() < 0.6:
            b.t(", C.F. ")
            _ident(doc, person.codice_fiscale)
        if rng.random() < 0.4:
            b.t(rng.choice([" - Cartella n. ", ", ID "]))
            _ident(doc, person.mrn)
    else:
        b.t(rng.choice(["Re: ", "RE: ", "Patient: ", "Name: "]))
        b.t(f"{name}, DOB ")
        _ident(doc, _birth(person, doc), "date")
        if person.nhs and rng.random() < 0.8:
            b.t(rng.choice([", NHS No. ", ", NHS number "]))
            _ident(doc, format_nhs(person.nhs))
        if rng.random() < 0.6:
            b.t(rng.choice([", Hospital No. ", ", MRN "]))
            _ident(doc, person.mrn)
    b.t("\n")


def _sig(doc: Doc, name: str, role: str | None = None) -> None:
    doc.b.t(f"{name}\n")
    if role:
        doc.b.t(f"{role}\n")


def _say(doc: Doc, text: str) -> None:
    """Scenario text: ``{n6}``-style slots filled with drawn numbers (their marks make them negatives)."""
    rng = doc.rng
    slots = {"n6": rng.randint(2, 9), "n15": rng.randint(2, 20), "pasi": rng.choice([3.2, 6, 8.4, 12, 14.6, 18, 22]),
             "bsa": rng.randint(3, 40), "dlqi": rng.randint(4, 25), "uas": rng.randint(10, 42),
             "weight": rng.randint(48, 95), "size": rng.randint(3, 12), "breslow": rng.choice(["0,8", "1,2", "1,6",
                                                                                              "2,4", "3,1"]),
             "year": rng.randint(2012, 2021), "temp": rng.choice(["38,2", "38,5", "39", "37,8", "38,9"]),
             "bp": rng.choice(["130/80", "145/90", "120/75", "160/95"]), "hr": rng.randint(64, 118),
             "date_past": f"{doc.date(doc.visit - dt.timedelta(days=rng.randint(60, 900)))}"}
    if doc.lang == "en":
        slots["breslow"] = slots["breslow"].replace(",", ".")
        slots["temp"] = slots["temp"].replace(",", ".")
    if doc.decimal == "." and doc.lang == "it":
        slots["breslow"], slots["temp"] = slots["breslow"].replace(",", "."), slots["temp"].replace(",", ".")
    if isinstance(slots["pasi"], float):
        slots["pasi"] = doc.num(slots["pasi"], 1)
    doc.b.say(text.format(**slots))


def _history(doc: Doc, count: int = 2) -> None:
    options = list(doc.scenario.history[doc.lang])
    chosen = sorted(doc.rng.sample(range(len(options)), min(count, len(options))))
    for i, text in enumerate(options[j] for j in chosen):
        if i:
            doc.b.t(" ")
        _say(doc, text)


def _findings(doc: Doc) -> None:
    text = doc.pick(doc.scenario.findings[doc.lang])
    doc.b.cap_next = True
    _say(doc, text)
    doc.b.t(".")


def _diagnosis(doc: Doc) -> str:
    if not doc.diagnosis:
        doc.diagnosis = doc.pick(doc.scenario.diagnosis[doc.lang])
    return doc.diagnosis


def _therapy(doc: Doc, bullets: bool, heading: str | None = None) -> None:
    options = list(doc.scenario.therapy[doc.lang])
    chosen = list({text.split()[0]: text for text in doc.rng.sample(options, doc.rng.randint(1, len(options)))}.values())
    if heading:
        doc.b.t(heading)
    if bullets:
        mark = doc.pick(["- ", "• ", "- "])
        for text in chosen:
            doc.b.t(f"\n{mark}")
            _say(doc, text)
        doc.b.t("\n")
    else:
        for i, text in enumerate(chosen):
            doc.b.t("; " if i else "")
            _say(doc, text)
        doc.b.t(".\n")


def _follow_up(doc: Doc) -> None:
    rng, b = doc.rng, doc.b
    if doc.lang == "it":
        b.t(rng.choice(["Si consiglia controllo di ", "Ripetere ", "Si raccomanda di ricontrollare ",
                        "Controllo di "]))
        mention_tests(doc, rng.randint(1, 3))
        b.t(" tra ")
        b.neg(rng.choice(["4 settimane", "2 mesi", "3 mesi", "6 settimane", "15 giorni"]), "duration")
        if rng.random() < 0.5:
            b.t(" e visita dermatologica di controllo il ")
            b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(20, 120))), "date")
        b.t(".\n")
    else:
        b.t(rng.choice(["Please repeat ", "We will recheck ", "I would suggest repeating ", "Repeat "]))
        mention_tests(doc, rng.randint(1, 3))
        b.t(" in ")
        b.neg(rng.choice(["4 weeks", "2 months", "3 months", "6 weeks", "two weeks"]), "duration")
        if rng.random() < 0.5:
            b.t(" and I will review her in clinic on " if doc.sex == "F" else " and I will review him in clinic on ")
            b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(20, 120))), "date")
        b.t(".\n")


def _pronoun(doc: Doc, she: str, he: str) -> str:
    return she if doc.sex == "F" else he


# == Italian ======================================================================================================
@template("discharge_letter", "it", "lettera di dimissione dal reparto: anamnesi, esami all'ingresso, decorso con "
          "andamento degli esami, terapia alla dimissione", range_rate=0.3, flag_rate=0.04, wrap=0.5)
def _it_discharge(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    _place_date(doc)
    gp = make_person(rng, "it", "M", dt.date(1965, 1, 1), doc.visit)
    b.t(rng.choice(["Al Medico Curante\n", "Egregio Collega\n", f"Al Dott. {gp.surname}\n"]))
    b.t("Oggetto: " + rng.choice(["lettera di dimissione", "relazione clinica di dimissione", "dimissione"]) + "\n")
    _patient_line(doc, person)
    admitted = doc.drawn
    b.t("Ricovero dal ")
    b.neg(doc.date(admitted, "num"), "date")
    b.t(" al ")
    b.neg(doc.date(doc.visit, "num"), "date")
    b.t("\n\n")
    b.t(rng.choice(["Gentile Collega,\n", "Caro Collega,\n", "Egregio Collega,\n"]))
    b.t(f"si dimette in data odierna {_pronoun(doc, 'la Sua paziente', 'il Suo paziente')}, "
        f"{_pronoun(doc, 'ricoverata', 'ricoverato')} per {_diagnosis(doc)}.\n\n")
    b.t("Anamnesi: ")
    _history(doc, rng.randint(1, 3))
    b.t("\n\nEsame obiettivo all'ingresso: ")
    _findings(doc)
    b.t("\n\n")
    labs(doc, 3, 7, frames=("intro", "header", "bullets", "semicolon"), panels=0.4)
    b.t("\n\nDecorso clinico: " + rng.choice([
        "durante la degenza si è assistito a progressivo miglioramento del quadro cutaneo. ",
        "la paziente ha risposto rapidamente alla terapia impostata. " if doc.sex == "F" else
        "il paziente ha risposto rapidamente alla terapia impostata. ",
        "decorso regolare, in assenza di complicanze. "]).rstrip())
    if rng.random() < 0.8:
        b.t(" ")
        labs(doc, 1, 3, frames=("sentences", "intro"), trend=0.8, panels=0.2)
    b.t(f"\n\nDiagnosi alla dimissione: {_diagnosis(doc)}.\n\n")
    _therapy(doc, bullets=True, heading="Terapia alla dimissione:")
    b.t("\n")
    _follow_up(doc)
    b.t("\n" + rng.choice(["Cordiali saluti.", "Distinti saluti,", "Restando a disposizione, porgo cordiali saluti."])
        + "\n\n")
    _sig(doc, _doctor(doc), rng.choice(["Dirigente Medico", "Il Medico di reparto", "Il Direttore"]))


@template("referral", "it", "lettera di invio a uno specialista (reumatologo, endocrinologo, ematologo...): motivo, "
          "esami recenti, quesito", range_rate=0.3, flag_rate=0.03, wrap=0.5)
def _it_referral(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _place_date(doc)
    specialist = rng.choice(["Reumatologia", "Endocrinologia", "Ematologia", "Gastroenterologia", "Immunologia"])
    b.t(rng.choice([f"Alla c.a. dell'Ambulatorio di {specialist}\n", f"Spett.le U.O. {specialist}\n",
                    "Al Collega Specialista\n"]))
    b.t(rng.choice(["Oggetto: richiesta di consulenza\n", "Oggetto: invio paziente\n", ""]))
    b.t("\nGentile Collega,\n")
    name = person.names[rng.choice(["given_first", "surname_first"])]
    doc.identifiers.append(name)
    b.t(f"Le invio {_pronoun(doc, 'la Sig.ra', 'il Sig.')} {name}, di ")
    _age(doc, f"{doc.age} anni")
    b.t(f", {_pronoun(doc, 'affetta', 'affetto')} da {_diagnosis(doc)}, per "
        + rng.choice(["valutazione specialistica", "inquadramento diagnostico", "valutazione delle alterazioni "
                      "ematochimiche riscontrate", "parere in merito alla prosecuzione della terapia"]) + ". ")
    _history(doc, rng.randint(1, 2))
    b.t(" " if rng.random() < 0.6 else "\n")
    labs(doc, 2, 6, frames=("intro", "sentences", "semicolon"), panels=0.25)
    b.t(" " + rng.choice(["Chiedo cortese valutazione e indicazioni terapeutiche.",
                          "Le chiedo gentilmente un parere sull'opportunità di proseguire la terapia in atto.",
                          "Resto in attesa di un Suo cortese riscontro."]))
    b.t("\n\n" + rng.choice(["Ringraziando per la collaborazione, porgo cordiali saluti.", "Cordiali saluti,",
                             "Grazie, un cordiale saluto."]) + "\n")
    _sig(doc, _doctor(doc), rng.choice(["Medico di Medicina Generale", "Dermatologo", None]))


@template("visit_summary", "it", "referto di visita dermatologica ambulatoriale a campi: anamnesi, obiettività, esami "
          "in visione, conclusioni, terapia", range_rate=0.25, flag_rate=0.1, wrap=0.2)
def _it_visit(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    b.t(rng.choice(["REFERTO DI VISITA DERMATOLOGICA", "VISITA DERMATOLOGICA DI CONTROLLO",
                    "Referto ambulatoriale - Dermatologia"]) + "\n")
    b.t("Data visita: ")
    b.neg(doc.date(doc.visit, "num"), "date")
    b.t("\n")
    _patient_line(doc, person)
    if rng.random() < 0.5:
        b.t("Età: ")
        _age(doc)
        b.t("\n")
    b.t(f"\nMotivo della visita: {rng.choice(['controllo', 'prima visita', 'rivalutazione terapia', 'follow-up'])} "
        f"per {_diagnosis(doc)}.\n")
    b.t("Anamnesi: ")
    _history(doc, rng.randint(1, 3))
    b.t("\nEsame obiettivo: ")
    _findings(doc)
    b.t("\n")
    labs(doc, 2, 7, frames=("intro", "semicolon", "bullets", "header", "sentences"), panels=0.35,
         heading=rng.choice(["Esami in visione: ", "Esami ematochimici: ", "Esami: "]))
    b.t(f"\nConclusioni: {_diagnosis(doc)}.\n")
    _therapy(doc, bullets=rng.random() < 0.4, heading="Terapia: ")
    if not b.ends_with("\n"):
        b.t("\n")
    _follow_up(doc)
    b.t("\nIl medico: " if rng.random() < 0.5 else "\n")
    _sig(doc, _doctor(doc))


@template("gp_letter", "it", "lettera del dermatologo al medico curante dopo la visita, in prosa continua",
          range_rate=0.2, flag_rate=0.03, wrap=0.6)
def _it_gp(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    _place_date(doc)
    gp = make_person(rng, "it", rng.choice("MF"), dt.date(1960, 1, 1), doc.visit)
    b.t(rng.choice([f"Egregio Dott. {gp.surname},\n", "Caro Collega,\n", f"Gentile Dott.ssa {gp.surname},\n"]))
    name = person.names["given_first"]
    doc.identifiers.append(name)
    b.t(f"ho rivisto in data odierna {_pronoun(doc, 'la Sig.ra', 'il Sig.')} {name} ({_pronoun(doc, 'nata', 'nato')} il ")
    _ident(doc, _birth(person, doc), "date")
    b.t(f"), in follow-up per {_diagnosis(doc)}. ")
    _history(doc, rng.randint(1, 2))
    b.t(" All'esame obiettivo: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["it"]))
    b.t(". ")
    labs(doc, 2, 6, frames=("intro", "sentences"), panels=0.4)
    b.t(" " + rng.choice(["In considerazione del quadro clinico e laboratoristico propongo di proseguire con ",
                          "Ho pertanto impostato ", "Consiglio di proseguire "]))
    _therapy(doc, bullets=False)
    _follow_up(doc)
    b.t("\n" + rng.choice(["Cordiali saluti", "Un cordiale saluto", "Resto a disposizione per chiarimenti."]) + "\n")
    _sig(doc, _doctor(doc), rng.choice(["Specialista in Dermatologia", "Dermatologo", None]))


@template("email_note", "it", "e-mail informale tra colleghi con gli esami copiati in elenco, spesso senza unità",
          range_rate=0.1, flag_rate=0.25, unit_drop=0.3, wrap=0.0)
def _it_email(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    colleague = make_person(rng, "it", rng.choice("MF"), dt.date(1975, 1, 1), doc.visit)
    b.t(f"Oggetto: {rng.choice(['esami', 'aggiornamento', 'R: esami', 'paziente'])} {person.surname}\n\n")
    doc.identifiers.append(person.surname)
    b.t(f"{rng.choice(['Ciao', 'Caro', 'Buongiorno'])} {colleague.given[0]},\n")
    b.t(rng.choice([f"ti aggiorno {_pronoun(doc, 'sulla sig.ra', 'sul sig.')} {person.surname} (",
                    f"ti giro gli esami di {_pronoun(doc, 'quella paziente', 'quel paziente')} con {_diagnosis(doc)} ("]))
    _age(doc, f"{doc.age} anni" if rng.random() < 0.5 else f"{doc.age}aa")
    b.t("). ")
    if rng.random() < 0.5:
        _history(doc, 1)
        b.t(" ")
    b.t("Ha fatto gli esami il ")
    b.neg(doc.date(doc.drawn, "num"), "date")
    b.t(":\n" if rng.random() < 0.5 else ". ")
    labs(doc, 3, 8, frames=("bullets", "semicolon", "intro", "sentences"), panels=0.3)
    b.t("\n" + rng.choice(["Che ne pensi? Io proseguirei con ", "Pensavo di continuare con ", "Per ora lascio "]))
    _therapy(doc, bullets=False)
    b.t(rng.choice(["Fammi sapere.\n", "Sentiamoci quando puoi.\n", "Grazie!\n"]))
    b.t(f"{rng.choice(['Ciao', 'A presto', 'Un saluto'])}\n{_doctor(doc).split(' ', 1)[1].split()[0]}\n")


@template("dermatology_consult", "it", "consulenza dermatologica in reparto, stile telegrafico a campi (HELD-OUT: "
          "solo forme held-out)", held_out=True, range_rate=0.3, flag_rate=0.08, wrap=0.1)
def _it_consult(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    b.t(rng.choice(["CONSULENZA DERMATOLOGICA", "Richiesta di consulenza dermatologica - risposta"]) + "\n")
    ward = rng.choice(["Medicina Interna", "Geriatria", "Reumatologia", "Oncologia", "Pronto Soccorso"])
    b.t(f"Reparto richiedente: {ward}")
    b.t(" - letto ")
    _ident(doc, str(rng.randint(1, 40)))
    b.t("\nData: ")
    b.neg(doc.date(doc.visit, "num"), "date")
    b.t(" ore ")
    b.neg(f"{rng.randint(8, 19)}:{rng.choice(['00', '15', '30', '45'])}", "time")
    b.t("\n")
    _patient_line(doc, person)
    b.t("Quesito: " + rng.choice(["eruzione cutanea diffusa, ", "lesioni bollose, ", "prurito e lesioni cutanee, ",
                                  "valutazione lesioni, "]) + "si richiede inquadramento.\n")
    b.t("Anamnesi: ")
    _history(doc, rng.randint(1, 2))
    b.t("\nObiettività: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["it"]))
    b.t(".\n")
    labs(doc, 3, 7, frames=("emerge", "paren", "numbered"), trend=0.4, panels=0.3)
    b.t(f"\nConclusioni: quadro compatibile con {_diagnosis(doc)}.\n")
    _therapy(doc, bullets=rng.random() < 0.5, heading="Indicazioni: ")
    if not b.ends_with("\n"):
        b.t("\n")
    b.t("Si resta a disposizione per rivalutazione.\nIl consulente dermatologo\n")
    _sig(doc, _doctor(doc))


@template("patient_letter", "it", "lettera al paziente con l'esito degli esami in linguaggio semplice (HELD-OUT: solo "
          "forme held-out)", held_out=True, range_rate=0.2, flag_rate=0.0, wrap=0.5)
def _it_patient(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    courtesy = _pronoun(doc, "Gent.ma Sig.ra", "Gent.mo Sig.")
    name = person.names["given_first"]
    doc.identifiers.append(name)
    b.t(f"{courtesy}\n{name}\n")
    for line in person.address:
        _ident(doc, line, "address")
        b.t("\n")
    b.t("\n")
    _place_date(doc)
    b.t(f"{_pronoun(doc, 'Gentile Signora', 'Gentile Signor')} {person.surname},\n")
    b.t("le scriviamo per comunicarle l'esito degli esami del sangue eseguiti il ")
    b.neg(doc.date(doc.drawn), "date")
    b.t(f" nell'ambito dei controlli per {_diagnosis(doc)}.\n")
    labs(doc, 2, 6, frames=("lay", "numbered"), panels=0.4)
    b.t("\n" + rng.choice([
        "Nel complesso il quadro è rassicurante e può proseguire la terapia in corso: ",
        "Alla luce di questi risultati le consigliamo di proseguire con ",
        "Le chiediamo di continuare ad assumere "]))
    _therapy(doc, bullets=False)
    b.t("Per qualsiasi dubbio può contattare l'ambulatorio al numero ")
    b.neg(f"0{rng.choice(['2', '6', '11'])} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "phone")
    b.t(rng.choice([", dal lunedì al venerdì.\n", ".\n"]))
    b.t("\nCordiali saluti\n")
    _sig(doc, _doctor(doc), "Ambulatorio di Dermatologia")


# == English ======================================================================================================
@template("discharge_letter", "en", "inpatient discharge summary: presenting complaint, history, admission bloods, "
          "progress with trends, medications on discharge", range_rate=0.3, flag_rate=0.04, wrap=0.4)
def _en_discharge(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    b.t(rng.choice(["DISCHARGE SUMMARY", "Discharge Letter", "Inpatient Discharge Summary"]) + "\n")
    _place_date(doc)
    gp = make_person(rng, "en", rng.choice("MF"), dt.date(1965, 1, 1), doc.visit)
    b.t(f"To: Dr {gp.given[0][0]}. {gp.surname}, General Practitioner\n")
    _patient_line(doc, person)
    b.t("Admitted: ")
    b.neg(doc.date(doc.drawn), "date")
    b.t(rng.choice(["   Discharged: ", "\nDischarged: "]))
    b.neg(doc.date(doc.visit), "date")
    b.t(f"\n\nDear Dr {gp.surname},\n\n")
    b.t(f"This {_pronoun(doc, 'woman', 'man')} was admitted under the dermatology team with {_diagnosis(doc)}.\n\n")
    b.t("History: ")
    _history(doc, rng.randint(1, 3))
    b.t("\n\nOn examination: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["en"]))
    b.t(".\n\n")
    labs(doc, 3, 7, frames=("intro", "header", "bullets", "semicolon", "possessive"), panels=0.4)
    b.t("\n\nProgress: " + rng.choice([
        "the rash improved steadily over the admission. ", "there were no complications during the admission. ",
        f"{_pronoun(doc, 'she', 'he')} responded quickly to treatment. "]).rstrip())
    if rng.random() < 0.8:
        b.t(" ")
        labs(doc, 1, 3, frames=("sentences", "intro"), trend=0.8, panels=0.2)
    b.t(f"\n\nDiagnosis: {_diagnosis(doc)}.\n\n")
    _therapy(doc, bullets=True, heading="Medications on discharge:")
    b.t("\n")
    _follow_up(doc)
    b.t("\n" + rng.choice(["Yours sincerely,", "Kind regards,", "With best wishes,"]) + "\n\n")
    _sig(doc, _doctor(doc), rng.choice(["Consultant Dermatologist", "Dermatology Registrar", "Specialty Trainee"]))


@template("referral", "en", "GP referral letter to a specialist clinic: reason, recent bloods, question",
          range_rate=0.3, flag_rate=0.03, wrap=0.5)
def _en_referral(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _place_date(doc)
    specialist = rng.choice(["Dermatology", "Rheumatology", "Endocrinology", "Haematology", "Immunology"])
    b.t(f"{specialist} {rng.choice(['Outpatients', 'Clinic', 'Department'])}\n")
    _patient_line(doc, person)
    b.t("\nDear Colleague,\n\n")
    b.t("Thank you for seeing this ")
    _age(doc)
    b.t(f" {_pronoun(doc, 'woman', 'man')} with {_diagnosis(doc)}, "
        + rng.choice(["for your assessment", "whom I would be grateful if you could review",
                      "for advice on further management"]) + ". ")
    _history(doc, rng.randint(1, 2))
    b.t(" " if rng.random() < 0.6 else "\n")
    labs(doc, 2, 6, frames=("intro", "sentences", "possessive", "semicolon"), panels=0.25)
    b.t(" " + rng.choice(["I would be grateful for your opinion.", "I would value your advice on further management.",
                          "Many thanks for seeing her." if doc.sex == "F" else "Many thanks for seeing him."]))
    b.t("\n\n" + rng.choice(["Kind regards,", "Yours faithfully,", "Best wishes,"]) + "\n")
    _sig(doc, _doctor(doc), rng.choice(["General Practitioner", "GP Partner", None]))


@template("visit_summary", "en", "structured outpatient clinic note: reason, history, examination, results, "
          "impression, plan", range_rate=0.25, flag_rate=0.1, wrap=0.2)
def _en_visit(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    b.t(rng.choice(["OUTPATIENT CLINIC NOTE", "Dermatology Clinic - Visit Summary", "CLINIC ATTENDANCE"]) + "\n")
    b.t("Date seen: ")
    b.neg(doc.date(doc.visit), "date")
    b.t("\n")
    _patient_line(doc, person)
    if rng.random() < 0.5:
        b.t("Age: ")
        _age(doc, str(doc.age))
        b.t("\n")
    b.t(f"\nReason for visit: {rng.choice(['review', 'new referral', 'treatment review', 'follow-up'])} - "
        f"{_diagnosis(doc)}.\n")
    b.t("History: ")
    _history(doc, rng.randint(1, 3))
    b.t("\nExamination: ")
    _findings(doc)
    b.t("\n")
    labs(doc, 2, 7, frames=("intro", "semicolon", "bullets", "header", "sentences"), panels=0.35,
         heading=rng.choice(["Results: ", "Investigations: ", "Bloods: "]))
    b.t(f"\nImpression: {_diagnosis(doc)}.\n")
    _therapy(doc, bullets=rng.random() < 0.4, heading="Plan: ")
    if not b.ends_with("\n"):
        b.t("\n")
    _follow_up(doc)
    b.t("\n")
    _sig(doc, _doctor(doc), rng.choice(["Consultant Dermatologist", "Dermatology Registrar", None]))


@template("gp_letter", "en", "clinic letter from the dermatologist to the GP in running prose (UK style, cc patient)",
          range_rate=0.2, flag_rate=0.03, wrap=0.6)
def _en_gp(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    _place_date(doc)
    gp = make_person(rng, "en", rng.choice("MF"), dt.date(1960, 1, 1), doc.visit)
    b.t(f"Dear Dr {gp.surname},\n\n")
    _patient_line(doc, person)
    b.t(f"\nDiagnosis: {_diagnosis(doc)}\n\n")
    title = _pronoun(doc, rng.choice(["Mrs", "Ms"]), "Mr")
    b.t(f"I reviewed {title} {person.surname} in clinic today. ")
    doc.identifiers.append(person.surname)
    _history(doc, rng.randint(1, 2))
    b.t(" On examination there were ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["en"]))
    b.t(". ")
    labs(doc, 2, 6, frames=("possessive", "intro", "sentences"), panels=0.4)
    b.t(" " + rng.choice(["In view of this I have suggested ", "We have agreed to continue ", "I have started "]))
    _therapy(doc, bullets=False)
    _follow_up(doc)
    b.t("\nYours sincerely,\n\n")
    _sig(doc, _doctor(doc), rng.choice(["Consultant Dermatologist", "Specialty Doctor in Dermatology"]))
    b.t(f"cc: {title} {person.surname}\n")


@template("email_note", "en", "informal e-mail between colleagues with results pasted as a list, often without units",
          range_rate=0.1, flag_rate=0.25, unit_drop=0.3, wrap=0.0)
def _en_email(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    colleague = make_person(rng, "en", rng.choice("MF"), dt.date(1975, 1, 1), doc.visit)
    b.t(f"Subject: {rng.choice(['bloods', 'update', 'RE: results', 'quick question re'])} {person.surname}\n\n")
    doc.identifiers.append(person.surname)
    b.t(f"{rng.choice(['Hi', 'Dear', 'Hello'])} {colleague.given[0]},\n")
    b.t(rng.choice([f"Quick update on {person.surname} (",
                    f"Just forwarding the bloods for the {_diagnosis(doc)} patient ("]))
    _age(doc, f"{doc.age}{rng.choice(['F', 'yo', ' y/o'])}" if doc.sex == "F" else f"{doc.age}{rng.choice(['M', 'yo'])}")
    b.t("). ")
    if rng.random() < 0.5:
        _history(doc, 1)
        b.t(" ")
    b.t("Bloods from ")
    b.neg(doc.date(doc.drawn), "date")
    b.t(":\n" if rng.random() < 0.5 else ". ")
    labs(doc, 3, 8, frames=("bullets", "semicolon", "intro", "sentences"), panels=0.3)
    b.t("\n" + rng.choice(["What do you think? I'd carry on with ", "Plan for now is ", "I'm inclined to continue "]))
    _therapy(doc, bullets=False)
    b.t(rng.choice(["Let me know.\n", "Happy to discuss.\n", "Thanks!\n"]))
    b.t(f"{rng.choice(['Best', 'Cheers', 'Thanks'])}\n{_doctor(doc).split()[1]}\n")


@template("dermatology_consult", "en", "inpatient dermatology consult note, terse fields and numbered "
          "recommendations (HELD-OUT: held-out forms only)", held_out=True, range_rate=0.3, flag_rate=0.08, wrap=0.1)
def _en_consult(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    b.t(rng.choice(["DERMATOLOGY CONSULT", "Dermatology inpatient review", "Inpatient Dermatology Consultation"]) + "\n")
    b.t(f"Requesting team: {rng.choice(['General Medicine', 'Care of the Elderly', 'Rheumatology', 'Oncology', 'ED'])}")
    b.t(", bed ")
    _ident(doc, str(rng.randint(1, 40)))
    b.t("\nSeen: ")
    b.neg(doc.date(doc.visit), "date")
    b.t(" at ")
    b.neg(f"{rng.randint(8, 19)}:{rng.choice(['00', '15', '30', '45'])}", "time")
    b.t("\n")
    _patient_line(doc, person)
    b.t("Reason for referral: " + rng.choice(["widespread rash", "blistering eruption", "itchy rash", "skin lesions"])
        + ", ?cause.\n")
    b.t("Background: ")
    _history(doc, rng.randint(1, 2))
    b.t("\nFindings: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["en"]))
    b.t(".\n")
    labs(doc, 3, 7, frames=("notable", "paren", "numbered"), trend=0.4, panels=0.3)
    b.t(f"\nImpression: {_diagnosis(doc)}.\n")
    b.t("Recommendations:")
    options = list(doc.scenario.therapy["en"])
    for i, text in enumerate(rng.sample(options, rng.randint(1, len(options))), 1):
        b.t("\n")
        b.neg(f"{i}.", "list")
        b.t(" ")
        _say(doc, text)
    b.t("\nHappy to review again if concerned.\n")
    _sig(doc, _doctor(doc), rng.choice(["Dermatology Registrar", "Consultant Dermatologist"]))


@template("patient_letter", "en", "letter to the patient explaining blood results in plain language (HELD-OUT: "
          "held-out forms only)", held_out=True, range_rate=0.2, flag_rate=0.0, wrap=0.5)
def _en_patient(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    title = _pronoun(doc, rng.choice(["Mrs", "Ms"]), "Mr")
    name = person.names["given_first"]
    doc.identifiers.append(name)
    b.t(f"{title} {name}\n")
    for line in person.address:
        _ident(doc, line, "address")
        b.t("\n")
    b.t("\n")
    _place_date(doc)
    b.t(f"Dear {title} {person.surname},\n\n")
    b.t("I am writing with the results of the blood tests you had on ")
    b.neg(doc.date(doc.drawn), "date")
    b.t(f" as part of your care for {_diagnosis(doc)}.\n")
    labs(doc, 2, 6, frames=("lay", "numbered"), panels=0.4)
    b.t("\n" + rng.choice(["Overall these results are reassuring and you can carry on with ",
                           "In light of these results please continue ", "Please keep taking "]))
    _therapy(doc, bullets=False)
    b.t("If you have any questions, please call the clinic on ")
    b.neg(f"0113 496 0{rng.randint(100, 999)}", "phone")
    b.t(".\n\nYours sincerely,\n\n")
    _sig(doc, _doctor(doc), "Dermatology Department")


# == held out, written blind: melanoma tumour-board summaries (their own forms, see forms._register_board) =====
@template("tumour_board", "it", "verbale di discussione multidisciplinare (GOM melanoma): presenti, storia, "
          "imaging, esami in prosa e in breve elenco, decisione del gruppo (HELD-OUT: solo forme held-out)",
          held_out=True, range_rate=0.35, flag_rate=0.05, unit_drop=0.15, wrap=0.2, scenario=TUMOUR_BOARD)
def _it_board(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    b.t(rng.choice(["GRUPPO ONCOLOGICO MULTIDISCIPLINARE - MELANOMA", "Riunione multidisciplinare melanoma e tumori "
                    "cutanei", "GOM Melanoma - verbale di discussione"]) + "\n")
    b.t("Seduta del ")
    b.neg(doc.date(doc.visit, "num"), "date")
    b.t("\nPresenti: " + ", ".join(rng.sample(["dermatologo", "oncologo medico", "chirurgo plastico", "radiologo",
                                                "anatomopatologo", "radioterapista", "infermiere case manager"], 4))
        + "\n")
    _patient_line(doc, person)
    b.t(f"Diagnosi: {_diagnosis(doc)}\n\nSintesi clinica: ")
    _history(doc, rng.randint(1, 3))
    b.t(" All'ultima visita: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["it"]))
    b.t(".\n")
    b.t(rng.choice(["TC torace-addome-pelvi con mdc del ", "PET-TC del ", "Ecografia delle stazioni linfonodali del "]))
    b.neg(doc.date(doc.visit - dt.timedelta(days=rng.randint(5, 30)), "num"), "date")
    b.t(rng.choice([": negativa per localizzazioni secondarie.\n", ": quadro stabile rispetto al precedente.\n",
                    ": non evidenza di ripresa di malattia.\n"]))
    labs(doc, 2, 4, frames=("board",), trend=0.5, panels=0.2)
    b.t("\n")
    labs(doc, 2, 5, frames=("inline",), panels=0.15)
    b.t("\n\nDecisione del gruppo: " + rng.choice(["si conferma l'indicazione a proseguire ",
                                                   "il gruppo concorda nel proseguire ", "si propone "]))
    _therapy(doc, bullets=False)
    _follow_up(doc)
    b.t("Prossima discussione collegiale: ")
    b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(60, 180)), "num"), "date")
    b.t(".\n\nIl coordinatore del GOM\n")
    _sig(doc, _doctor(doc))


@template("tumour_board", "en", "melanoma multidisciplinary team (MDT) outcome summary: attendees, history, imaging, "
          "bloods in running text and in a short inline list, the board's decision (HELD-OUT: held-out forms only)",
          held_out=True, range_rate=0.35, flag_rate=0.05, unit_drop=0.15, wrap=0.2, scenario=TUMOUR_BOARD)
def _en_board(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _letterhead(doc)
    b.t(rng.choice(["SKIN CANCER MDT - OUTCOME SUMMARY", "Melanoma Multidisciplinary Team Meeting",
                    "Specialist Skin MDT outcome"]) + "\n")
    b.t("Meeting date: ")
    b.neg(doc.date(doc.visit), "date")
    b.t("\nPresent: " + ", ".join(rng.sample(["dermatology", "medical oncology", "plastic surgery", "radiology",
                                              "histopathology", "clinical oncology", "skin cancer nurse specialist"],
                                             4)) + "\n")
    _patient_line(doc, person)
    b.t(f"Diagnosis: {_diagnosis(doc)}\n\nClinical summary: ")
    _history(doc, rng.randint(1, 3))
    b.t(" At the last clinic: ")
    b.cap_next = False
    _say(doc, doc.pick(doc.scenario.findings["en"]))
    b.t(".\n")
    b.t(rng.choice(["CT chest, abdomen and pelvis on ", "PET-CT on ", "Ultrasound of the regional nodes on "]))
    b.neg(doc.date(doc.visit - dt.timedelta(days=rng.randint(5, 30))), "date")
    b.t(rng.choice([" showed no evidence of recurrence.\n", ": no new disease.\n", " was reported as stable.\n"]))
    labs(doc, 2, 4, frames=("board",), trend=0.5, panels=0.2)
    b.t("\n")
    labs(doc, 2, 5, frames=("inline",), panels=0.15)
    b.t("\n\nOutcome: " + rng.choice(["the board recommends continuing ", "agreed to continue ",
                                       "for ongoing surveillance with "]))
    _therapy(doc, bullets=False)
    _follow_up(doc)
    b.t("Next MDT discussion: ")
    b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(60, 180))), "date")
    b.t(".\n\n")
    _sig(doc, _doctor(doc), rng.choice(["MDT Lead", "MDT Coordinator", "Consultant Dermatologist"]))


# More templates register themselves from their own modules (imported here: they use the blocks above).
from . import templates_blind, templates_extra  # noqa: E402,F401

HELD_OUT_TEMPLATES: tuple[str, ...] = tuple(name for name, t in TEMPLATES.items() if t.held_out)
TUNING_TEMPLATES: tuple[str, ...] = tuple(name for name, t in TEMPLATES.items() if not t.held_out)


# -- composing ----------------------------------------------------------------------------------------------------
def compose(tmpl: Template, rng: random.Random) -> Doc:
    """Draw a patient and a scenario and write one document of ``tmpl``."""
    lang = tmpl.lang
    scenario: Scenario = rng.choice(SCENARIOS)
    scenario = tmpl.settings.get("scenario", scenario)  # a template tied to one scenario (after the same draw)
    sex = scenario.sex or rng.choice("MF")
    age = rng.randint(*scenario.ages)
    visit = dt.date(2016, 1, 1) + dt.timedelta(days=rng.randint(0, 3300))
    drawn = visit - dt.timedelta(days=rng.randint(1, 40))
    decimal = "," if lang == "it" and rng.random() < 0.88 else "."
    thousands = rng.random() < (0.8 if decimal == "," else (0.5 if lang == "en" else 0.0))
    settings = tmpl.settings
    doc = Doc(rng=rng, lang=lang, held=tmpl.held_out, scenario=scenario, sex=sex, age=age, visit=visit, drawn=drawn,
              decimal=decimal, thousands=thousands, range_rate=settings.get("range_rate", 0.25),
              flag_rate=settings.get("flag_rate", 0.05), unit_drop=settings.get("unit_drop", 0.05),
              template=tmpl.name)
    birth = dt.date(visit.year - age, rng.randint(1, 12), rng.randint(1, 28))
    if (birth.month, birth.day) > (visit.month, visit.day):
        birth = birth.replace(year=birth.year - 1)
    person = make_person(rng, lang, sex, birth, visit)
    tmpl.build(doc, person)
    if not doc.b.ends_with("\n"):
        doc.b.t("\n")
    doc.body_end = doc.b.pos
    doc.b.t(_SYNTHETIC[lang] + "\n")
    doc.wrap = rng.randint(64, 96) if rng.random() < settings.get("wrap", 0.0) else 0
    return doc
