"""Held-out second-opinion letters (``it_second_opinion``, ``en_second_opinion``), written blind.

A consultant at a tertiary referral centre writes back to the referring dermatologist after seeing a patient who
came for a second opinion: the history with many numbers that are not lab values (age at onset, earlier doses,
PASI/DLQI and other scores, lesion sizes and Breslow thickness, biopsy and report numbers), the examination, the
outside laboratory results the patient brought (two dates, trends, serologies, a few results known only by
their judgement), an assessment and a plan with the centre's phone line.  The lab passages are written with the
letter's own forms (:mod:`.forms_blind`, registered ``only_for`` these templates) and the shared held-out ones.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from ..reports.identity import Person, make_person
from .builder import Doc, prepare_value
from .forms import Item, use
from .lexicon import ANALYTES
from .templates import (_diagnosis, _doctor, _findings, _history, _ident, _patient_line, _place_date, _pronoun,
                        _therapy, labs, mention_tests, plan_labs, template)

__all__: list[str] = []

_CENTRES = {
    "it": ["Centro di Riferimento Regionale per le Malattie Cutanee (SINTETICO)", "IRCCS Istituto Dermatologico Demo",
           "Clinica Dermatologica Universitaria - Centro Esempio", "Policlinico Universitario Demo - Dermatologia "
           "di terzo livello"],
    "en": ["Regional Skin Referral Centre (SYNTHETIC)", "Institute of Dermatology, Demo University Hospital",
           "Tertiary Dermatology Service, St Example's (demo)", "Northern Centre for Complex Skin Disease (demo)"],
}
_CLINICS = {"it": ["Ambulatorio Second Opinion", "Servizio di consulenza di secondo livello",
                   "Ambulatorio Malattie Cutanee Complesse"],
            "en": ["Second Opinion Clinic", "Complex Skin Disease Clinic", "Tertiary Referral Clinic"]}
_REFERRERS = {"it": ["Ospedale di zona", "Poliambulatorio territoriale", "Dermatologia dell'ASL inviante",
                     "Casa di Cura convenzionata"],
              "en": ["District General Hospital", "Community Dermatology Service", "the local dermatology unit"]}


def _slots(doc: Doc) -> dict[str, str]:
    rng = doc.rng
    it = doc.lang == "it"
    dec = doc.decimal if it else "."
    onset = rng.randint(12, max(13, doc.age - 2))
    kg, cm = rng.randint(52, 104), rng.randint(152, 192)
    return {"onset": str(onset), "pasi_hi": f"{rng.randint(14, 32)}{dec}{rng.randint(0, 9)}",
            "pasi": f"{rng.randint(1, 9)}{dec}{rng.randint(0, 9)}", "dlqi": str(rng.randint(6, 26)),
            "n": str(rng.randint(3, 14)), "year": str(doc.visit.year - rng.randint(1, 9)),
            "kg": str(kg), "cm": str(cm), "bmi": f"{kg / (cm / 100) ** 2:.1f}".replace(".", dec),
            "a": str(rng.randint(5, 14)), "b": str(rng.randint(3, 9)),
            "mit": str(rng.randint(1, 6)), "uas": str(rng.randint(12, 40)), "uct": str(rng.randint(2, 11)),
            "bpdai": str(rng.randint(15, 60)), "punch": rng.choice(["3", "4", "5"]),
            "hist": f"{doc.visit.year % 100}/{rng.randint(1000, 9999)}", "hairs": rng.choice(["100-150", "150-200",
                                                                                              "200-300"]),
            "week": str(rng.choice([12, 16, 24])), "cyc": f"{rng.choice([2, 3])}{dec}{rng.choice([0, 5])}"}


# Numbers that are not lab values, by scenario (marks make them negatives).
_EXTRA = {
    "it": {
        "psoriasis": ("Esordio della psoriasi a [[{onset} anni|age]]; PASI massimo documentato [[{pasi_hi}|score]], "
                      "all'ultimo controllo esterno [[{pasi}|score]], DLQI [[{dlqi}|score]].",
                      "Nel [[{year}|date]] ciclosporina [[{cyc} mg/kg/die|dose]] per [[{n} mesi|duration]], "
                      "sospesa per PA [[150/95 mmHg|vital]].",
                      "@Peso [[{kg} kg|vital]], altezza [[{cm} cm|vital]] (BMI [[{bmi}|vital]])."),
        "melanoma_followup": ("Revisione istologica (n. [[{hist}|id]]): spessore di Breslow confermato, mitosi "
                              "[[{mit}/mm²|score]], margini a [[{a} mm|size]].",
                              "@Nuova lesione pigmentata di [[{a} x {b} mm|size]] in regione scapolare, comparsa "
                              "da circa [[{n} mesi|duration]]."),
        "hair_loss": ("Riferisce la perdita di circa [[{hairs}|score]] capelli al giorno da [[{n} mesi|duration]].",
                      "Peso [[{kg} kg|vital]], ciclo regolare di [[28 giorni|duration]]."),
        "chronic_urticaria": ("UAS7 [[{uas}|score]], UCT [[{uct}|score]] su [[16|score]].",
                              "Antistaminico a dose quadrupla da [[{n} settimane|duration]]."),
        "bullous_pemphigoid": ("BPDAI [[{bpdai}|score]] alla prima valutazione esterna.",
                               "Peso [[{kg} kg|vital]]; piena autonomia fino a [[{n} mesi|duration]] fa."),
        "other": ("@DLQI [[{dlqi}|score]]/[[30|score]] alla nostra valutazione.",
                  "Biopsia cutanea (punch da [[{punch} mm|size]]) eseguita altrove, istologico n. [[{hist}|id]].",
                  "Fumo: [[{n} sigarette/die|score]] da circa [[{a} anni|duration]]."),
    },
    "en": {
        "psoriasis": ("Psoriasis began at the age of [[{onset}|age]]; worst recorded PASI [[{pasi_hi}|score]], "
                      "[[{pasi}|score]] at the last outside review, DLQI [[{dlqi}|score]].",
                      "In [[{year}|date]] ciclosporin [[{cyc} mg/kg/day|dose]] for [[{n} months|duration]], stopped "
                      "because of a BP of [[150/95 mmHg|vital]].",
                      "@Weight [[{kg} kg|vital]], height [[{cm} cm|vital]] (BMI [[{bmi}|vital]])."),
        "melanoma_followup": ("On review of the histology (ref. [[{hist}|id]]) the Breslow thickness stands, "
                              "mitotic rate [[{mit}/mm²|score]], margins [[{a} mm|size]].",
                              "@A new pigmented lesion of [[{a} x {b} mm|size]] over the left scapula, present for "
                              "about [[{n} months|duration]]."),
        "hair_loss": ("She estimates losing [[{hairs}|score]] hairs a day for [[{n} months|duration]].",
                      "Weight [[{kg} kg|vital]]; regular [[28-day|duration]] cycle."),
        "chronic_urticaria": ("UAS7 [[{uas}|score]], UCT [[{uct}|score]] out of [[16|score]].",
                              "Has been on fourfold-dose antihistamines for [[{n} weeks|duration]]."),
        "bullous_pemphigoid": ("BPDAI [[{bpdai}|score]] at the first outside assessment.",
                               "Weight [[{kg} kg|vital]]; lives alone and was independent until "
                               "[[{n} months|duration]] ago."),
        "other": ("@DLQI [[{dlqi}|score]]/[[30|score]] in our clinic.",
                  "A [[{punch} mm|size]] punch biopsy was taken elsewhere, histology ref. [[{hist}|id]].",
                  "Smokes [[{n}|score]] cigarettes a day ([[{a}|score]] pack-years)."),
    },
}


def _extras(doc: Doc) -> tuple[list[str], list[str]]:
    """The scenario's lines with numbers that are not lab values, slots filled: some for the history, and those
    for the examination (marked "@" in the table)."""
    sid = doc.scenario.id
    key = "psoriasis" if sid in ("psoriasis_methotrexate", "biologic_screening") else sid
    table = _EXTRA[doc.lang]
    options = table.get(key, table["other"])
    slots = _slots(doc)
    history = [o for o in options if not o.startswith("@")]
    exam = [o[1:].format(**slots) for o in options if o.startswith("@") and doc.rng.random() < 0.7]
    chosen = sorted(doc.rng.sample(range(len(history)), doc.rng.randint(1, len(history))))
    return [history[i].format(**slots) for i in chosen], exam


def _say_lines(doc: Doc, lines: list[str]) -> None:
    for line in lines:
        doc.b.t(" ")
        doc.b.say(line)


def _header(doc: Doc) -> None:
    rng, b = doc.rng, doc.b
    b.t(f"{rng.choice(_CENTRES[doc.lang])}\n{rng.choice(_CLINICS[doc.lang])}\n")
    b.t("Segreteria: tel. " if doc.lang == "it" else "Clinic office: ")
    _phone(doc)
    if rng.random() < 0.5:
        b.t(" - fax " if doc.lang == "it" else " - fax ")
        _phone(doc)
    b.t("\n\n")


def _phone(doc: Doc) -> None:
    rng = doc.rng
    text = (f"0{rng.choice(['2', '6', '11', '51', '55'])} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}"
            if doc.lang == "it" else f"0{rng.choice(['113', '161', '117'])} 496 0{rng.randint(100, 999)}")
    doc.b.neg(text, "phone")


def _earlier(doc: Doc, frames: tuple[str, ...], low: int, high: int) -> None:
    """A passage on an older outside report: the bloods' date moved back for it."""
    drawn = doc.drawn
    doc.drawn = drawn - dt.timedelta(days=doc.rng.randint(45, 200))
    labs(doc, low, high, frames=frames, panels=0.3)
    doc.drawn = drawn


def _latest(doc: Doc, frames: tuple[str, ...]) -> None:
    """The latest outside report, with trends; now and then the transaminases side by side ("AST/ALT 45/60")."""
    items = plan_labs(doc, 2, 5, trend=0.6, panels=0.3)
    planned = {a for item in items for a in _analytes(item)}
    if doc.rng.random() < 0.5 and not {"ast", "alt"} & (planned | doc.mentioned):
        first = prepare_value(doc, "ast", ranges=False, flags=False, censor=False, drop_unit=False)
        second = prepare_value(doc, "alt", unit=first.unit_option, unit_text=first.unit, ranges=False, flags=False,
                               censor=False, drop_unit=False)
        if first.unit and second.unit == first.unit:
            items.insert(doc.rng.randint(0, len(items)), Item("pair", (first, second), "liver"))
    use(doc, "frame", items, only=frames)
    doc.lead_given, doc.verbs_ok = False, True


def _analytes(item: Item) -> list[str]:
    if item.kind in ("value",):
        return [item.arg.analyte.id]
    if item.kind in ("pair", "trend"):
        return [vm.analyte.id for vm in item.arg]
    if item.kind == "qual":
        return [item.arg.analyte.id]
    if item.kind == "qual_group":
        return [q.analyte.id for q in item.arg]
    return []


def _serology(doc: Doc, frames: tuple[str, ...]) -> bool:
    """Infection screen (and sometimes ANA) the patient brought, when not mentioned yet."""
    pool = [a for a in ("hbsag", "hcv", "quantiferon") if a not in doc.mentioned]
    if "ana" not in doc.mentioned and doc.rng.random() < 0.4:
        pool.append("ana")
    if not pool:
        return False
    scenario = doc.scenario
    doc.scenario = replace(scenario, analytes=tuple(pool))
    labs(doc, len(pool), len(pool), frames=frames, panels=0.0)
    doc.scenario = scenario
    return True


def _last(doc: Doc, frames: tuple[str, ...]) -> None:
    """The serology passage (most letters), and one result with a number when none had one so far."""
    if doc.rng.random() < 0.8 or not doc.gold:
        doc.b.t("\n")
        _serology(doc, frames)
    if not doc.gold:
        left = [a for a in doc.scenario.analytes if a not in doc.mentioned and a != "bhcg" and
                ANALYTES[a].kind == "numeric"] or ["hemoglobin"]
        doc.b.t("\n")
        use(doc, "frame", [Item("value", prepare_value(doc, left[0]), "other")], only=frames)
        doc.lead_given, doc.verbs_ok = False, True


def _recipient(doc: Doc) -> None:
    rng = doc.rng
    colleague = make_person(rng, doc.lang, rng.choice("MF"), dt.date(1968, 1, 1), doc.visit)
    if doc.lang == "it":
        title = "Dott." if colleague.sex == "M" else "Dott.ssa"
        doc.b.t(f"Alla c.a. {title} {colleague.surname}\n{rng.choice(_REFERRERS['it'])}\n")
    else:
        doc.b.t(f"Dr {colleague.given[0][0]}. {colleague.surname}\nConsultant Dermatologist, "
                f"{rng.choice(_REFERRERS['en'])}\n")
    doc.b.t("\n")


# == Italian ======================================================================================================
@template("second_opinion", "it", "lettera di secondo parere da un centro di riferimento: storia con molti numeri non "
          "di laboratorio, esami esterni di più date con andamenti e sierologie, valutazione e proposta (HELD-OUT: "
          "solo forme held-out, scritte alla cieca)", held_out=True, range_rate=0.35, flag_rate=0.06, unit_drop=0.1,
          wrap=0.3)
def _it_second_opinion(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _header(doc)
    _place_date(doc)
    _recipient(doc)
    b.t(rng.choice(["SECONDO PARERE DERMATOLOGICO\n", "Risposta a richiesta di second opinion\n",
                    "Consulenza dermatologica di secondo livello\n"]))
    _patient_line(doc, person)
    b.t("\nGentile Collega,\n")
    doc.identifiers.append(person.surname)
    b.t("ho visitato in data ")
    b.neg(doc.date(doc.visit), "date")
    b.t(f" {_pronoun(doc, 'la Sig.ra', 'il Sig.')} {person.surname}, ")
    b.neg(f"{doc.age} anni", "age")
    b.t(f", che si è {_pronoun(doc, 'rivolta', 'rivolto')} al nostro Centro per un secondo parere in merito a "
        f"{_diagnosis(doc)}; ")
    b.t(rng.choice([f"{_pronoun(doc, 'è seguita', 'è seguito')} dal Collega dal ", "in carico al Collega dal "]))
    b.neg(str(doc.visit.year - rng.randint(1, 12)), "date")
    b.t(".\n\nStoria clinica: ")
    _history(doc, rng.randint(1, 3))
    history, exam = _extras(doc)
    _say_lines(doc, history)
    b.t("\n\nEsame obiettivo: ")
    _findings(doc)
    _say_lines(doc, exam)
    b.t("\n\n" + rng.choice(["Documentazione esterna in visione\n", "Esami portati in visione\n",
                             "Accertamenti eseguiti altrove\n"]))
    _earlier(doc, ("per_data", "righe"), 2, 4)
    b.t("\n")
    _latest(doc, ("commento", "per_data", "righe"))
    _last(doc, ("per_data", "commento"))
    b.t("\n\nValutazione: " + rng.choice([
        f"il quadro clinico e la documentazione in visione sono a mio avviso compatibili con {_diagnosis(doc)}. ",
        f"concordo con la diagnosi di {_diagnosis(doc)} posta dal Collega. ",
        f"ritengo che la diagnosi di {_diagnosis(doc)} sia corretta, pur con alcune riserve. "]))
    b.t(rng.choice(["Non ritengo necessario ripetere ", "Non vedo indicazione a ripetere a breve "]))
    mention_tests(doc, rng.randint(1, 2))
    b.t(rng.choice([", già eseguiti di recente.", " al di fuori del monitoraggio programmato."]))
    bullets = rng.random() < 0.4
    b.t("\n\nProposta:" + ("" if bullets else " "))
    _therapy(doc, bullets=bullets)
    if not b.ends_with("\n"):
        b.t("\n")
    b.t(rng.choice(["Suggerirei di ricontrollare ", "Consiglio di rivedere "]))
    mention_tests(doc, rng.randint(1, 3))
    b.t(" fra ")
    b.neg(rng.choice(["8 settimane", "3 mesi", "6 settimane", "4 mesi"]), "duration")
    b.t(rng.choice([" presso il laboratorio di zona", " anche all'esterno"]) + "; ")
    b.t(f"{_pronoun(doc, 'la rivedremo', 'lo rivedremo')} volentieri il ")
    b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(60, 200)), "num"), "date")
    b.t(".\nPer comunicazioni urgenti il nostro ambulatorio risponde al ")
    _phone(doc)
    b.t(" (lun-ven, ore ")
    b.neg(rng.choice(["9-13", "8.30-12.30", "14-16"]), "time")
    b.t(")")
    if rng.random() < 0.5:
        b.t(f"; recapito {_pronoun(doc, 'della paziente', 'del paziente')}: ")
        _ident(doc, person.phone, "phone")
    b.t(".\n\n" + rng.choice(["Con i migliori saluti,", "Cordialmente,", "Resto a disposizione; un cordiale saluto."])
        + "\n")
    role = rng.choice(["Responsabile Ambulatorio Second Opinion", "Dirigente Medico",
                       "Professore Associato di Dermatologia"])
    b.t(f"{_doctor(doc)}\n{role}\n")


# == English ======================================================================================================
@template("second_opinion", "en", "second-opinion letter from a tertiary referral centre to the referring "
          "dermatologist: history with many non-lab numbers, outside results from several dates with trends and "
          "serology, assessment and plan (HELD-OUT: held-out forms only, written blind)", held_out=True,
          range_rate=0.35, flag_rate=0.06, unit_drop=0.1, wrap=0.3)
def _en_second_opinion(doc: Doc, person: Person) -> None:
    rng, b = doc.rng, doc.b
    _header(doc)
    _place_date(doc)
    _recipient(doc)
    _patient_line(doc, person)
    b.t(rng.choice(["Second opinion\n", "Re: request for a second opinion\n", ""]))
    title = _pronoun(doc, rng.choice(["Mrs", "Ms"]), "Mr")
    doc.identifiers.append(person.surname)
    article = "an" if doc.age in (8, 11, 18) or 80 <= doc.age <= 89 else "a"
    b.t(f"\nDear Colleague,\n\nThank you for asking me to see {title} {person.surname}, {article} ")
    b.neg(f"{doc.age}-year-old", "age")
    b.t(f" {_pronoun(doc, 'woman', 'man')} under your care since ")
    b.neg(str(doc.visit.year - rng.randint(1, 12)), "date")
    b.t(f", for a second opinion on {_diagnosis(doc)}")
    b.t(". I saw " + _pronoun(doc, "her", "him") + " in the " + rng.choice(["tertiary clinic", "referral clinic"])
        + " on ")
    b.neg(doc.date(doc.visit), "date")
    b.t(".\n\nHistory: ")
    _history(doc, rng.randint(1, 3))
    history, exam = _extras(doc)
    _say_lines(doc, history)
    b.t("\n\nExamination: ")
    _findings(doc)
    _say_lines(doc, exam)
    b.t("\n\n" + rng.choice(["Results brought from elsewhere\n", "Outside investigations\n",
                             "Investigations from the referring hospital\n"]))
    _earlier(doc, ("by_date", "lines"), 2, 4)
    b.t("\n")
    _latest(doc, ("commentary", "by_date", "lines"))
    _last(doc, ("by_date", "commentary"))
    b.t("\n\nAssessment: " + rng.choice([
        f"taken together, the clinical picture and the outside results fit with {_diagnosis(doc)}. ",
        f"I agree with your working diagnosis of {_diagnosis(doc)}. ",
        f"I think the diagnosis of {_diagnosis(doc)} is right, with some reservations. "]))
    opener, tail = rng.choice([("I do not think ", " need repeating outside routine monitoring."),
                               ("I see no reason why ", " should be rechecked any sooner than planned.")])
    b.t(opener)
    mention_tests(doc, rng.randint(1, 2))
    b.t(tail)
    bullets = rng.random() < 0.4
    b.t("\n\nPlan:" + ("" if bullets else " "))
    _therapy(doc, bullets=bullets)
    if not b.ends_with("\n"):
        b.t("\n")
    b.t(rng.choice(["I would suggest rechecking ", "It would be worth repeating "]))
    mention_tests(doc, rng.randint(1, 3))
    b.t(" in ")
    b.neg(rng.choice(["8 weeks", "3 months", "6 weeks", "four months"]), "duration")
    b.t(rng.choice([" locally", " at your hospital"]) + ", and I would be happy to see " + _pronoun(doc, "her", "him")
        + " again on ")
    b.neg(doc.date(doc.visit + dt.timedelta(days=rng.randint(60, 200))), "date")
    b.t(".\nFor anything urgent our clinic office is on ")
    _phone(doc)
    b.t(" (Monday to Friday, ")
    b.neg(rng.choice(["9-1", "9am-1pm", "2-4pm"]), "time")
    b.t(")")
    if rng.random() < 0.5:
        b.t(f"; {_pronoun(doc, 'her', 'his')} own number is ")
        _ident(doc, person.phone, "phone")
    b.t(".\n\n" + rng.choice(["Yours sincerely,", "With best wishes,", "Kind regards,"]) + "\n\n")
    role = rng.choice(["Consultant Dermatologist", "Lead, Second Opinion Clinic", "Professor of Dermatology"])
    b.t(f"{_doctor(doc)}\n{role}\n")
    b.t(f"cc: {title} {person.surname}\n")
