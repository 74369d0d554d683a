"""More TUNING document kinds: drug-monitoring notes for systemic therapy, telephone / video follow-up notes and
pre-biologic screening notes, in Italian and English.

Each is written like the other templates (letterhead, patient identifiers, free text full of numbers that are not
lab values: doses, dates, times, durations, weights, blood pressure, scores, phone numbers, and sentences of
:mod:`.negatives`: smoking and alcohol, vaccines and TB tests, instrumental exams, completed courses, numbered plans)
with one or more lab passages.  Their lab passages draw any tuning frame, the frames of :mod:`.forms_extra` first, and some items are
planned on purpose (a trend against the previous check, a pair of transaminases, the serology of a screening), so
trends, pairs and groups of qualitative results are common.  Phrase lists are data at the top.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..reports.identity import Person
from . import negatives
from .builder import Doc, prepare_value
from .forms import Item, QualMention, use
from .lexicon import ANALYTES, SCENARIOS
from .templates import (PANEL_OF, TEMPLATES, _diagnosis, _doctor, _follow_up, _history, _letterhead, _patient_line,
                        _pronoun, _qual, _sig, _therapy, labs, template)

__all__ = ["DRUGS", "MONITORING", "SCREENING", "EXTRA_TEMPLATES"]

# == data ==========================================================================================================
_BY_ID = {s.id: s for s in SCENARIOS}

# Systemic drugs that need blood monitoring: what is checked, what tends to drift, how the drug is written.
DRUGS: dict[str, dict] = {
    "methotrexate": {
        "analytes": ("alt", "ast", "wbc", "hemoglobin", "platelets", "creatinine", "egfr", "ggt", "albumin", "crp"),
        "shifts": {"alt": 1.4, "ast": 1.0, "ggt": 0.9, "wbc": -0.6, "platelets": -0.4},
        "trend": ("alt", "ggt", "ast"), "pair": ("ast", "alt"),
        "it": ("methotrexate [[15 mg|dose]] s.c. [[1 volta a settimana|dose]]",
               "methotrexate [[20 mg|dose]] per os il lunedì", "methotrexate [[10 mg|dose]] a settimana con acido "
               "folico [[5 mg|dose]] il giorno successivo"),
        "en": ("methotrexate [[15 mg|dose]] subcutaneously [[once weekly|dose]]",
               "methotrexate [[20 mg|dose]] orally on Mondays", "methotrexate [[10 mg weekly|dose]] with folic acid "
               "[[5 mg|dose]] the following day"),
        "cumulative": True,
        "diagnosis": {"it": ("psoriasi a placche moderata-grave", "psoriasi con artropatia psoriasica"),
                      "en": ("moderate-to-severe plaque psoriasis", "psoriasis with psoriatic arthritis")},
    },
    "ciclosporin": {
        "analytes": ("creatinine", "egfr", "potassium", "sodium", "uric_acid", "triglycerides", "cholesterol_total",
                     "bilirubin_total", "alt", "hemoglobin"),
        "shifts": {"creatinine": 1.3, "potassium": 0.8, "uric_acid": 1.0, "triglycerides": 1.2,
                   "cholesterol_total": 0.7, "egfr": -0.8},
        "trend": ("creatinine", "triglycerides", "uric_acid"), "pair": ("sodium", "potassium"),
        "it": ("ciclosporina [[3 mg/kg/die|dose]] ([[100 mg|dose]] [[x 2/die|dose]])",
               "ciclosporina [[150 mg|dose]] mattina e [[100 mg|dose]] sera", "ciclosporina [[2,5 mg/kg/die|dose]]"),
        "en": ("ciclosporin [[3 mg/kg/day|dose]] ([[100 mg twice daily|dose]])",
               "ciclosporin [[150 mg|dose]] in the morning and [[100 mg|dose]] at night",
               "ciclosporin [[2.5 mg/kg/day|dose]]"),
        "cumulative": False,
        "diagnosis": {"it": ("psoriasi a placche grave in fase di riacutizzazione", "dermatite atopica grave"),
                      "en": ("severe plaque psoriasis flare", "severe atopic dermatitis")},
    },
    "acitretin": {
        "analytes": ("triglycerides", "cholesterol_total", "hdl", "ldl", "alt", "ast", "ggt", "glucose"),
        "shifts": {"triglycerides": 1.6, "cholesterol_total": 1.0, "ldl": 0.9, "alt": 0.9, "ggt": 0.7},
        "trend": ("triglycerides", "cholesterol_total", "alt"), "pair": ("hdl", "ldl"),
        "it": ("acitretina [[25 mg/die|dose]]", "acitretina [[10 mg|dose]] a giorni alterni",
               "acitretina [[25 mg|dose]] [[1 cp/die|dose]] a stomaco pieno"),
        "en": ("acitretin [[25 mg daily|dose]]", "acitretin [[10 mg|dose]] on alternate days",
               "acitretin [[25 mg|dose]] once daily with food"),
        "cumulative": False,
        "diagnosis": {"it": ("psoriasi palmo-plantare", "psoriasi pustolosa palmo-plantare"),
                      "en": ("palmoplantar psoriasis", "palmoplantar pustular psoriasis")},
    },
}
_PSORIASIS = _BY_ID["psoriasis_methotrexate"]
MONITORING = {drug: replace(_PSORIASIS, id=f"monitoring_{drug}", analytes=spec["analytes"], shifts=spec["shifts"],
                            ages=(22, 82), diagnosis=spec["diagnosis"])
              for drug, spec in DRUGS.items()}
# Screening before a biologic: serology first, then the usual bloods.
SCREENING = replace(_BY_ID["biologic_screening"], id="prebiologic_screening",
                    analytes=("quantiferon", "hbsag", "hcv", "ana", "hemoglobin", "wbc", "platelets", "alt", "ast",
                              "creatinine", "crp", "glucose", "cholesterol_total", "triglycerides"),
                    positives={"quantiferon": 0.08, "hbsag": 0.02, "hcv": 0.03})
BIOLOGICS = {
    "it": ("adalimumab [[80 mg|dose]] alla prima somministrazione, poi [[40 mg|dose]] ogni [[2 settimane|dose]]",
           "secukinumab [[300 mg|dose]] s.c. alle settimane [[0, 1, 2, 3 e 4|dose]]",
           "risankizumab [[150 mg|dose]] alle settimane [[0 e 4|dose]], poi ogni [[12 settimane|dose]]",
           "guselkumab [[100 mg|dose]] alle settimane [[0 e 4|dose]], poi ogni [[8 settimane|dose]]"),
    "en": ("adalimumab [[80 mg|dose]] loading dose, then [[40 mg|dose]] every [[2 weeks|dose]]",
           "secukinumab [[300 mg|dose]] at weeks [[0, 1, 2, 3 and 4|dose]], then monthly",
           "risankizumab [[150 mg|dose]] at weeks [[0 and 4|dose]], then every [[12 weeks|dose]]",
           "guselkumab [[100 mg|dose]] at weeks [[0 and 4|dose]], then every [[8 weeks|dose]]"),
}
PHRASES = {
    "it": {
        "monitor_title": ("AMBULATORIO TERAPIE SISTEMICHE - SCHEDA DI MONITORAGGIO", "Monitoraggio terapia "
                          "immunosoppressiva", "Nota di monitoraggio farmacologico", "CONTROLLO TERAPIA SISTEMICA"),
        "tolerance": ("Tollerabilità buona, non effetti collaterali riferiti.", "Riferisce lieve nausea il giorno "
                      "successivo all'assunzione.", "Riferita astenia nelle [[24-48 ore|duration]] successive alla "
                      "dose.", "Non infezioni intercorrenti negli ultimi [[3 mesi|duration]]."),
        "monitor_heads": ("Esami di monitoraggio del {date}:", "Controllo ematochimico ({date}):",
                          "Esami di controllo:", "Andamento degli esami:"),
        "monitor_plan": ("Si prosegue la terapia alla dose in corso.", "Si riduce la dose a {dose}.",
                         "Si sospende temporaneamente il farmaco e si ricontrollano gli esami.",
                         "Si prosegue invariato, con raccomandazione di evitare alcolici."),
        "reduced": ("[[10 mg|dose]] a settimana", "[[2 mg/kg/die|dose]]", "[[10 mg/die|dose]]"),
        "tele_title": ("TELEVISITA DERMATOLOGICA", "Nota di teleconsulto", "CONSULTO TELEFONICO - DERMATOLOGIA",
                       "Televisita di controllo"),
        "tele_mode": ("videochiamata con {pat}", "contatto telefonico con {pat}", "contatto telefonico con il "
                      "caregiver", "videochiamata tramite piattaforma aziendale"),
        "tele_reported": ("Riferisce prurito NRS [[{nrs}/10|score]], in miglioramento.", "Riferisce riduzione delle "
                          "lesioni, foto inviate il [[{date}|date]].", "Riferisce [[{n} episodi|count]] di "
                          "riacutizzazione nell'ultimo mese.", "Nessun accesso in Pronto Soccorso nel periodo."),
        "tele_heads": ("Esami inviati tramite portale il {date}:", "Esami trasmessi via e-mail ({date}):",
                       "Esami comunicati telefonicamente ({date}):", "Esami caricati sul fascicolo sanitario:"),
        "tele_close": ("Prossimo contatto telefonico tra [[{weeks} settimane|duration]].",
                       "Nuova televisita il [[{next}|date]] alle ore [[{time}|time]].",
                       "Si invia ricetta dematerializzata n. [[{rx}|id]] tramite SMS."),
        "screen_title": ("SCREENING PRE-TERAPIA BIOLOGICA", "Valutazione pre-biologico", "CHECK-LIST PRE-TERAPIA "
                         "BIOLOGICA", "Screening infettivologico pre-trattamento"),
        "screen_history": ("Non storia di tubercolosi né contatti noti.",
                           "Vaccinazione anti-pneumococcica eseguita il "
                           "[[{date_past}|date]].", "Vaccino anti-zoster ricombinante: [[2|count]] dosi.",
                           "Nessuna neoplasia negli ultimi [[5 anni|duration]].",
                           "Non infezioni ricorrenti."),
        "screen_imaging": ("RX torace del [[{date_past}|date]]: non lesioni pleuro-parenchimali in atto.",
                           "RX torace ([[{date_past}|date]]) nei limiti per età.",
                           "Ecografia addome del [[{date_past}|date]]: steatosi epatica lieve."),
        "screen_serology": ("Sierologia:", "Screening infettivologico:", "Esami sierologici ({date}):",
                            "Screening infettivo del {date}:"),
        "screen_labs": ("Altri esami:", "Esami ematochimici:", "Ematochimici del {date}:"),
        "screen_close": ("Non controindicazioni all'avvio della terapia biologica.", "In attesa di valutazione "
                         "infettivologica prima dell'avvio.", "Si programma la prima somministrazione il "
                         "[[{next}|date]]."),
    },
    "en": {
        "monitor_title": ("SYSTEMIC THERAPY MONITORING", "Drug Monitoring Clinic - Dermatology", "Monitoring note: "
                          "systemic treatment", "DMARD MONITORING REVIEW"),
        "tolerance": ("Tolerating it well with no side effects.", "Mild nausea on the day after the dose.",
                      "Some tiredness for [[24-48 hours|duration]] after each dose.",
                      "No infections in the last [[3 months|duration]]."),
        "monitor_heads": ("Monitoring bloods ({date}):", "Bloods {date}:", "Shared-care bloods:",
                          "Trend in monitoring bloods:"),
        "monitor_plan": ("Continue at the current dose.", "Dose reduced to {dose}.", "Drug withheld for now; repeat "
                         "bloods before restarting.", "Continue unchanged; advised to keep alcohol to a minimum."),
        "reduced": ("[[10 mg weekly|dose]]", "[[2 mg/kg/day|dose]]", "[[10 mg daily|dose]]"),
        "tele_title": ("TELEPHONE CONSULTATION", "Video consultation - Dermatology", "Telephone follow-up note",
                       "Remote review"),
        "tele_mode": ("video call with the patient", "telephone call with the patient", "telephone call with {her} "
                      "daughter", "video call via the hospital platform"),
        "tele_reported": ("Itch now [[{nrs}/10|score]], improving.", "Skin better; photos sent on [[{date}|date]].",
                          "[[{n}|count]] flares in the last month.", "No A&E attendances since the last review."),
        "tele_heads": ("Bloods viewed on the results portal ({date}):", "Results from the GP surgery ({date}):",
                       "Bloods read out by the patient:", "Latest results on the system:"),
        "tele_close": ("Next telephone review in [[{weeks} weeks|duration]].",
                       "Video review booked for [[{next}|date]] at [[{time}|time]].",
                       "Prescription sent electronically, reference [[{rx}|id]]."),
        "screen_title": ("PRE-BIOLOGIC SCREENING", "Pre-biologic assessment", "BIOLOGIC START CHECKLIST",
                         "Screening before biologic therapy"),
        "screen_history": ("No history of TB or known contacts.", "Pneumococcal vaccine given on "
                           "[[{date_past}|date]].", "Shingles vaccine: [[2|count]] doses.",
                           "No malignancy in the last [[5 years|duration]].", "No recurrent infections."),
        "screen_imaging": ("Chest X-ray on [[{date_past}|date]]: clear.", "CXR ([[{date_past}|date]]) unremarkable "
                           "for age.", "Chest radiograph [[{date_past}|date]]: no active disease."),
        "screen_serology": ("Serology:", "Infection screen:", "Screening bloods ({date}):", "Virology ({date}):"),
        "screen_labs": ("Other bloods:", "Baseline bloods:", "Bloods {date}:"),
        "screen_close": ("No contraindication to starting the biologic.", "Awaiting an infectious diseases opinion "
                         "before starting.", "First dose booked for [[{next}|date]]."),
    },
}
# Frames the new kinds prefer (the new ones of forms_extra and a few of the base module).
FRAMES = {"it": ("x_righe", "x_separati", "x_numerati", "x_parentesi", "x_con", "x_segnalo", "bullets", "sentences"),
          "en": ("x_lines", "x_separated", "x_numbered", "x_parenthetical", "x_with", "x_noting", "bullets",
                 "sentences")}
EXTRA_TEMPLATES: list[str] = []


def _tmpl(kind: str, lang: str, description: str, **settings):
    """A TUNING template; refuse a kind already registered for this language."""
    name = f"{lang}_{kind}"
    if name in TEMPLATES:
        raise RuntimeError(f"template {name} is already registered")
    EXTRA_TEMPLATES.append(name)
    return template(kind, lang, description, held_out=False, **settings)


# == helpers =======================================================================================================
def _slots(doc: Doc) -> dict[str, str]:
    rng = doc.rng
    return {"date": doc.date(doc.drawn), "date_past": doc.date(doc.visit - dt.timedelta(days=rng.randint(20, 300))),
            "next": doc.date(doc.visit + dt.timedelta(days=rng.randint(14, 120))),
            "nrs": str(rng.randint(2, 9)), "n": str(rng.randint(2, 5)), "weeks": str(rng.choice([2, 4, 6, 8])),
            "time": f"{rng.randint(8, 17):02d}:{rng.choice(['00', '15', '30', '45'])}",
            "rx": f"{rng.randint(100000, 999999)}{rng.randint(1000, 9999)}",
            "pat": _pronoun(doc, "la paziente", "il paziente") if doc.lang == "it" else "the patient",
            "her": _pronoun(doc, "her", "his")}


def _phrase(doc: Doc, key: str, **extra: str) -> None:
    """A phrase of :data:`PHRASES` with its slots filled (marked numbers become negatives)."""
    doc.b.say(doc.pick(PHRASES[doc.lang][key]).format(**{**_slots(doc), **extra}))


def _heading(doc: Doc, key: str) -> None:
    """A lab heading of :data:`PHRASES` ending in ":"; the date in it is a negative."""
    text = doc.pick(PHRASES[doc.lang][key])
    doc.b.say(text.replace("{date}", f"[[{doc.date(doc.drawn)}|date]]"))
    doc.lead_given = True


def _passage(doc: Doc, items: list[Item], frames: tuple[str, ...] | None = None) -> None:
    """Write planned items with a frame (after a heading when ``doc.lead_given``)."""
    use(doc, "frame", items, only=frames or FRAMES[doc.lang])
    doc.lead_given, doc.verbs_ok = False, True


def _trend(doc: Doc, aid: str) -> Item | None:
    """The current result against an earlier one, further from normal (as plan_labs draws it)."""
    rng = doc.rng
    shift = doc.scenario.shifts.get(aid, 0.0) or 0.8
    earlier = doc.value_of(aid, shift=shift * rng.uniform(1.0, 1.8))
    first = prepare_value(doc, aid, value=earlier, ranges=False, flags=False, censor=False, drop_unit=False)
    last = prepare_value(doc, aid, name=first.name, unit=first.unit_option, unit_text=first.unit, ranges=False,
                         flags=False, censor=False, drop_unit=False)
    if first.value_text == last.value_text or not isinstance(last.value_gold, float):
        return None
    return Item("trend", (first, last), PANEL_OF.get(aid, "other"))


def _pair(doc: Doc, aid: str, partner: str) -> Item | None:
    """Two results the lab prints with the same unit (each keeps its own decimals: "Na 139 e K 4,1 mmol/L")."""
    first = prepare_value(doc, aid, ranges=False, flags=False, censor=False, drop_unit=False)
    units = ANALYTES[partner].units_it if doc.lang == "it" else ANALYTES[partner].units_en
    unit = next((u for u in units if first.unit in u.texts), first.unit_option)
    second = prepare_value(doc, partner, unit=unit, unit_text=first.unit, ranges=False, flags=False,
                           censor=False, drop_unit=False)
    if not first.unit or second.unit != first.unit:
        return None
    return Item("pair", (first, second), PANEL_OF.get(aid, "other"))


def _monitoring_items(doc: Doc, drug: str) -> list[Item]:
    """A trend or two for the tests the drug is known to move, and the pair the lab prints side by side."""
    rng, spec = doc.rng, DRUGS[drug]
    items: list[Item] = []
    for aid in rng.sample(spec["trend"], rng.randint(1, 2)):
        item = _trend(doc, aid)
        if item:
            items.append(item)
            doc.mentioned.add(aid)
    a, b = spec["pair"]
    if a not in doc.mentioned and b not in doc.mentioned and rng.random() < 0.7:
        item = _pair(doc, a, b)
        if item:
            items.append(item)
    if not items:
        items.append(Item("value", prepare_value(doc, spec["trend"][0]), PANEL_OF.get(spec["trend"][0], "other")))
    return items


def _serology_items(doc: Doc) -> list[Item]:
    """HBsAg, anti-HCV and QuantiFERON (and beta-hCG for a woman, sometimes), grouped when they agree; a baseline
    ANA (before an anti-TNF) now and then."""
    aids = ["hbsag", "hcv", "quantiferon"]
    doc.rng.shuffle(aids)
    if doc.sex == "F" and doc.rng.random() < 0.4:
        aids.append("bhcg")
    quals: list[QualMention] = [_qual(doc, aid) for aid in aids]
    if len({q.outcome for q in quals}) == 1 and doc.rng.random() < 0.7:
        items = [Item("qual_group", quals, "serology")]
    else:
        items = [Item("qual", q, "serology") for q in quals]
    if doc.rng.random() < 0.5:
        items.append(Item("qual", _qual(doc, "ana"), "immunology"))
    return items


def _vitals(doc: Doc) -> None:
    rng, b = doc.rng, doc.b
    if doc.lang == "it":
        b.say(f"Peso [[{rng.randint(50, 105)} kg|vital]], PA [[{rng.choice(['120/80', '135/85', '140/90', '125/70'])} "
              f"mmHg|vital]], FC [[{rng.randint(58, 96)} bpm|vital]].")
    else:
        b.say(f"Weight [[{rng.randint(50, 105)} kg|vital]], BP [[{rng.choice(['120/80', '135/85', '140/90', '125/70'])}"
              f"|vital]], pulse [[{rng.randint(58, 96)}|vital]].")


def _score(doc: Doc) -> None:
    rng = doc.rng
    now, base = doc.num(rng.choice([1.2, 2.4, 3.6, 4.8, 6.0, 7.2]), 1), rng.randint(12, 28)
    if doc.lang == "it":
        doc.b.say(f"PASI [[{now}|score]] (basale [[{base}|score]]), BSA [[{rng.randint(1, 12)}%|score]].")
    else:
        doc.b.say(f"PASI [[{now}|score]] (baseline [[{base}|score]]), BSA [[{rng.randint(1, 12)}%|score]].")


def _header_block(doc: Doc, person: Person, title_key: str, date_label: str, when: str = "") -> None:
    """Letterhead, title, the date (and, for a call, its time and length), the patient."""
    b, it = doc.b, doc.lang == "it"
    _letterhead(doc)
    b.t(doc.pick(PHRASES[doc.lang][title_key]) + "\n")
    b.t(date_label)
    b.neg(doc.date(doc.visit), "date")
    if when:
        b.t(", ore " if it else " at ")
        b.neg(when, "time")
        b.t(" - durata " if it else ", duration ")
        minutes = doc.pick([10, 15, 20, 25])
        b.neg(f"{minutes} minuti" if it else f"{minutes} minutes", "duration")
    b.t("\n")
    _patient_line(doc, person)


# == Italian =======================================================================================================
@_tmpl("drug_monitoring", "it", "scheda di monitoraggio di una terapia sistemica (methotrexate, ciclosporina, "
       "acitretina): farmaco e dosi, tollerabilità, andamento degli esami rispetto al controllo precedente, piano",
       range_rate=0.35, flag_rate=0.3, unit_drop=0.1, wrap=0.2, scenario=MONITORING["methotrexate"])
def _it_monitoring(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    drug = rng.choice(sorted(DRUGS))
    doc.scenario = MONITORING[drug]
    _header_block(doc, person, "monitor_title", rng.choice(["Data: ", "Data controllo: ", "Visita del "]))
    b.t(f"Diagnosi: {_diagnosis(doc)}\n")
    b.t("Terapia in corso: ")
    doc.b.say(doc.pick(DRUGS[drug]["it"]))
    b.t(" dal ")
    b.neg(doc.date(doc.visit - dt.timedelta(days=rng.randint(90, 1200))), "date")
    if DRUGS[drug]["cumulative"] and rng.random() < 0.6:
        b.t(", dose cumulativa ")
        b.neg(f"{doc.num(rng.choice([0.6, 1.2, 1.8, 2.4, 3.1]), 1)} g", "dose")
    b.t(".\n")
    _vitals(doc)
    b.t(" ")
    _score(doc)
    b.t(" ")
    negatives.sentence(doc, rng.choice(("lifestyle", "instrumental", "courses")))
    b.t("\n")
    _phrase(doc, "tolerance")
    b.t("\n\n")
    _heading(doc, "monitor_heads")
    b.t(rng.choice(["\n", " "]))
    doc.lead_given = True
    _passage(doc, _monitoring_items(doc, drug))
    b.t("\n")
    labs(doc, 2, 5, frames=FRAMES["it"], panels=0.35,
         heading=rng.choice(["Altri esami: ", "Restanti esami: ", "Inoltre: ", None]))
    b.t("\n\nValutazione e piano: ")
    b.say(doc.pick(PHRASES["it"]["monitor_plan"]).format(dose=doc.pick(PHRASES["it"]["reduced"])))
    b.t(" ")
    _follow_up(doc)
    if rng.random() < 0.5:
        negatives.numbered_plan(doc)
        b.t("\n")
    b.t("\n")
    _sig(doc, _doctor(doc), rng.choice(["Dermatologo", "Medico referente terapie sistemiche", None]))


@_tmpl("telephone_followup", "it", "nota di televisita o consulto telefonico: modalità, durata, sintomi riferiti, "
       "esami letti a distanza, indicazioni e prossimo contatto", range_rate=0.15, flag_rate=0.25, unit_drop=0.25,
       wrap=0.3)
def _it_telephone(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    slots = _slots(doc)
    _header_block(doc, person, "tele_title", "Data: ", slots["time"])
    b.t("Recapito: ")
    _phone(doc)
    b.t(f"\nModalità: {doc.pick(PHRASES['it']['tele_mode']).format(**slots)}.\n")
    b.t(f"Motivo: follow-up per {_diagnosis(doc)}.\n")
    b.t("Riferito: ")
    _history(doc, 1)
    b.t(" ")
    _phrase(doc, "tele_reported")
    b.t(" ")
    negatives.sentence(doc, negatives.score_topic(doc))
    b.t("\n\n")
    if rng.random() < 0.6:
        _heading(doc, "tele_heads")
        b.t(rng.choice(["\n", " "]))
    labs(doc, 2, 7, frames=FRAMES["it"], panels=0.35, trend=0.3)
    b.t("\n\nIndicazioni: ")
    _therapy(doc, bullets=False)
    _follow_up(doc)
    _phrase(doc, "tele_close")
    if rng.random() < 0.5:
        b.t(" ")
        negatives.sentence(doc, "contacts")
    b.t("\n")
    _sig(doc, _doctor(doc))


@_tmpl("prebiologic_screening", "it", "screening prima di una terapia biologica: farmaco previsto, anamnesi "
       "infettivologica e vaccinale, imaging, sierologia e esami di base, conclusioni", range_rate=0.25,
       flag_rate=0.08, wrap=0.2, scenario=SCREENING)
def _it_screening(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _header_block(doc, person, "screen_title", rng.choice(["Data: ", "Data valutazione: "]))
    b.t(f"Diagnosi: {_diagnosis(doc)}\nFarmaco previsto: ")
    b.say(doc.pick(BIOLOGICS["it"]))
    b.t(".\n")
    _vitals(doc)
    b.t(" BMI ")
    b.neg(doc.num(rng.uniform(19, 34), 1), "vital")
    b.t(". ")
    negatives.sentence(doc, "lifestyle")
    b.t("\nAnamnesi: ")
    for i, j in enumerate(sorted(rng.sample(range(len(PHRASES["it"]["screen_history"])), 2))):
        b.t(" " if i else "")
        b.say(PHRASES["it"]["screen_history"][j].format(**_slots(doc)))
    b.t("\n")
    _phrase(doc, "screen_imaging")
    b.t(" ")
    negatives.sentence(doc, "screening")
    b.t("\n\n")
    _heading(doc, "screen_serology")
    b.t(rng.choice(["\n", " "]))
    doc.lead_given = True
    _passage(doc, _serology_items(doc))
    b.t("\n")
    if rng.random() < 0.6:
        _heading(doc, "screen_labs")
        b.t(rng.choice(["\n", " "]))
    labs(doc, 3, 7, frames=FRAMES["it"], panels=0.4)
    b.t("\n\nConclusioni: ")
    _phrase(doc, "screen_close")
    b.t("\n")
    _sig(doc, _doctor(doc), rng.choice(["Dermatologo", "Referente ambulatorio biologici", None]))


def _phone(doc: Doc) -> None:
    rng = doc.rng
    if doc.lang == "it":
        doc.b.neg(f"3{rng.randint(20, 49)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}", "phone")
    else:
        doc.b.neg(f"07{rng.randint(700, 999)} {rng.randint(100000, 999999)}", "phone")


# == English =======================================================================================================
@_tmpl("drug_monitoring", "en", "systemic therapy monitoring note (methotrexate, ciclosporin, acitretin): drug and "
       "dose, tolerability, monitoring bloods against the previous check, plan", range_rate=0.35, flag_rate=0.3,
       unit_drop=0.1, wrap=0.2, scenario=MONITORING["methotrexate"])
def _en_monitoring(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    drug = rng.choice(sorted(DRUGS))
    doc.scenario = MONITORING[drug]
    _header_block(doc, person, "monitor_title", rng.choice(["Date: ", "Seen: ", "Clinic date: "]))
    b.t(f"Diagnosis: {_diagnosis(doc)}\nCurrent treatment: ")
    doc.b.say(doc.pick(DRUGS[drug]["en"]))
    b.t(", started ")
    b.neg(doc.date(doc.visit - dt.timedelta(days=rng.randint(90, 1200))), "date")
    if DRUGS[drug]["cumulative"] and rng.random() < 0.6:
        b.t(", cumulative dose ")
        b.neg(f"{doc.num(rng.choice([0.6, 1.2, 1.8, 2.4, 3.1]), 1)} g", "dose")
    b.t(".\n")
    _vitals(doc)
    b.t(" ")
    _score(doc)
    b.t(" ")
    negatives.sentence(doc, rng.choice(("lifestyle", "instrumental", "courses")))
    b.t("\n")
    _phrase(doc, "tolerance")
    b.t("\n\n")
    _heading(doc, "monitor_heads")
    b.t(rng.choice(["\n", " "]))
    doc.lead_given = True
    _passage(doc, _monitoring_items(doc, drug))
    b.t("\n")
    labs(doc, 2, 5, frames=FRAMES["en"], panels=0.35,
         heading=rng.choice(["Other results: ", "Also: ", None]))
    b.t("\n\nPlan: ")
    b.say(doc.pick(PHRASES["en"]["monitor_plan"]).format(dose=doc.pick(PHRASES["en"]["reduced"])))
    b.t(" ")
    _follow_up(doc)
    if rng.random() < 0.5:
        negatives.numbered_plan(doc)
        b.t("\n")
    b.t("\n")
    _sig(doc, _doctor(doc), rng.choice(["Consultant Dermatologist", "Dermatology Specialist Nurse", None]))


@_tmpl("telephone_followup", "en", "telephone or video follow-up note: mode, duration, reported symptoms, results read "
       "remotely, advice and next contact", range_rate=0.15, flag_rate=0.25, unit_drop=0.25, wrap=0.3)
def _en_telephone(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    slots = _slots(doc)
    _header_block(doc, person, "tele_title", "Date: ", slots["time"])
    b.t("Contact number: ")
    _phone(doc)
    b.t(f"\nMode: {doc.pick(PHRASES['en']['tele_mode']).format(**slots)}.\n")
    b.t(f"Reason: follow-up of {_diagnosis(doc)}.\n")
    b.t("Reported: ")
    _history(doc, 1)
    b.t(" ")
    _phrase(doc, "tele_reported")
    b.t(" ")
    negatives.sentence(doc, negatives.score_topic(doc))
    b.t("\n\n")
    if rng.random() < 0.6:
        _heading(doc, "tele_heads")
        b.t(rng.choice(["\n", " "]))
    labs(doc, 2, 7, frames=FRAMES["en"], panels=0.35, trend=0.3)
    b.t("\n\nAdvice: ")
    _therapy(doc, bullets=False)
    _follow_up(doc)
    _phrase(doc, "tele_close")
    if rng.random() < 0.5:
        b.t(" ")
        negatives.sentence(doc, "contacts")
    b.t("\n")
    _sig(doc, _doctor(doc))


@_tmpl("prebiologic_screening", "en", "screening before a biologic: planned drug, infection and vaccine history, "
       "imaging, serology and baseline bloods, conclusion", range_rate=0.25, flag_rate=0.08, wrap=0.2,
       scenario=SCREENING)
def _en_screening(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _header_block(doc, person, "screen_title", rng.choice(["Date: ", "Assessed: "]))
    b.t(f"Diagnosis: {_diagnosis(doc)}\nPlanned treatment: ")
    b.say(doc.pick(BIOLOGICS["en"]))
    b.t(".\n")
    _vitals(doc)
    b.t(" BMI ")
    b.neg(doc.num(rng.uniform(19, 34), 1), "vital")
    b.t(". ")
    negatives.sentence(doc, "lifestyle")
    b.t("\nHistory: ")
    for i, j in enumerate(sorted(rng.sample(range(len(PHRASES["en"]["screen_history"])), 2))):
        b.t(" " if i else "")
        b.say(PHRASES["en"]["screen_history"][j].format(**_slots(doc)))
    b.t("\n")
    _phrase(doc, "screen_imaging")
    b.t(" ")
    negatives.sentence(doc, "screening")
    b.t("\n\n")
    _heading(doc, "screen_serology")
    b.t(rng.choice(["\n", " "]))
    doc.lead_given = True
    _passage(doc, _serology_items(doc))
    b.t("\n")
    if rng.random() < 0.6:
        _heading(doc, "screen_labs")
        b.t(rng.choice(["\n", " "]))
    labs(doc, 3, 7, frames=FRAMES["en"], panels=0.4)
    b.t("\n\nConclusion: ")
    _phrase(doc, "screen_close")
    b.t("\n")
    _sig(doc, _doctor(doc), rng.choice(["Consultant Dermatologist", "Biologics Nurse Specialist", None]))

