"""Realistic fake identifiers for the patient block, letterhead and page footer of a generated report.

Full names, birth dates, Italian codici fiscali (valid check character), NHS numbers (valid mod-11 check digit,
printed ``943 476 5919``), hospital numbers, street addresses, phone numbers and request ids, drawn from small
lists and valid formats; none belongs to anyone (UK phone numbers come from Ofcom's ranges kept for drama).
Every string printed is recorded as ``(kind, text)`` in ``report.identifiers`` and listed in the gold file, so a
test can check that none reaches a parser's output.  Identifiers are never gold values.

Where they go is the layout's ``identity``: ``box`` (a framed patient block with every identifier),
``letterhead`` (the patient's name and address as on a letter, the rest in the block), each optionally
``+footer`` (``ROSSI, Mario Luigi - NHS 943 476 5919 - B25.0419876`` at the foot of every page).
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field

from .model import GeneratedReport

__all__ = ["Person", "make_person", "dress_patient", "codice_fiscale", "cf_check_char", "nhs_check_digit",
           "format_nhs"]

_IT_SURNAMES = ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco",
                "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa", "Giordano", "Rizzo", "Lombardi", "Moretti",
                "Barbieri", "Fontana", "Santoro", "Mariani", "Rinaldi", "Caruso", "Ferrara", "Galli", "D'Angelo",
                "Leone", "Longo", "Gentile", "Martinelli", "Vitale", "Serra", "Coppola", "De Santis", "Marchetti"]
_IT_GIVEN = {"M": ["Mario", "Luigi", "Giuseppe", "Francesco", "Antonio", "Alessandro", "Andrea", "Marco", "Matteo",
                   "Lorenzo", "Davide", "Paolo", "Stefano", "Giovanni", "Roberto", "Nicolò", "Pietro", "Carlo"],
             "F": ["Anna", "Maria", "Giulia", "Francesca", "Chiara", "Sara", "Laura", "Valentina", "Elena", "Silvia",
                   "Alessandra", "Martina", "Federica", "Paola", "Roberta", "Lucia", "Beatrice", "Caterina"]}
_EN_SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Robinson",
                "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Thomas", "Clarke",
                "Jackson", "Wood", "Harris", "Edwards", "Turner", "Martin", "Cooper", "Hill", "Ward", "Hughes",
                "O'Brien", "Khan", "Morris", "Baker", "Harrison", "Lewis", "Scott", "Young"]
_EN_GIVEN = {"M": ["James", "John", "Robert", "Michael", "David", "William", "Thomas", "Daniel", "Oliver", "George",
                   "Harry", "Samuel", "Joseph", "Edward", "Peter", "Richard", "Andrew", "Christopher"],
             "F": ["Mary", "Jane", "Elizabeth", "Sarah", "Emma", "Olivia", "Sophie", "Charlotte", "Emily", "Lucy",
                   "Hannah", "Grace", "Rebecca", "Catherine", "Margaret", "Alice", "Eleanor", "Victoria"]}
_IT_STREETS = ["Via Giuseppe Garibaldi", "Via Roma", "Corso Vittorio Emanuele II", "Viale dei Mille", "Piazza Cavour",
               "Via Alessandro Manzoni", "Via Giuseppe Verdi", "Via Dante Alighieri", "Corso Italia", "Via Mazzini",
               "Via della Repubblica", "Viale Europa", "Via San Francesco", "Via dei Tigli", "Largo Augusto"]
# (town, province, postcode, cadastral code used in the codice fiscale)
_IT_TOWNS = [("Milano", "MI", "20121", "F205"), ("Roma", "RM", "00184", "H501"), ("Torino", "TO", "10121", "L219"),
             ("Napoli", "NA", "80132", "F839"), ("Bologna", "BO", "40121", "A944"), ("Firenze", "FI", "50122", "D612"),
             ("Padova", "PD", "35121", "G224"), ("Bari", "BA", "70121", "A662"), ("Verona", "VR", "37121", "L781"),
             ("Genova", "GE", "16121", "D969"), ("Palermo", "PA", "90133", "G273")]
_EN_STREETS = ["Oakfield Road", "Victoria Street", "Church Lane", "Mill Lane", "Park Avenue", "Station Road",
               "Queen's Drive", "Elm Grove", "Manor Way", "Highfield Crescent", "The Crescent", "Orchard Close"]
_EN_TOWNS = [("Leeds", "LS6 2AB"), ("Manchester", "M14 5RT"), ("Bristol", "BS7 8PL"), ("York", "YO10 3DD"),
             ("Leicester", "LE2 1XY"), ("Cardiff", "CF24 4HQ"), ("Norwich", "NR2 3AX"), ("Sheffield", "S10 2TN"),
             ("Nottingham", "NG7 1FB"), ("Exeter", "EX4 4QJ")]
_MONTHS = "ABCDEHLMPRST"  # codice fiscale month letters
_CF_ODD = dict(zip("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8,
                    12, 14, 16, 10, 22, 25, 24, 23]))
_CF_EVEN = {**{str(d): d for d in range(10)}, **{chr(65 + i): i for i in range(26)}}


def cf_check_char(first15: str) -> str:
    """The check character of a codice fiscale from its first 15 characters."""
    total = sum((_CF_ODD if i % 2 == 0 else _CF_EVEN)[c] for i, c in enumerate(first15.upper()))
    return chr(65 + total % 26)


def _letters(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in plain.upper() if c.isalpha())


def codice_fiscale(surname: str, given: str, birth: dt.date, sex: str, town_code: str) -> str:
    """The codice fiscale of a person born in the town with cadastral code ``town_code``."""
    def split(text: str) -> tuple[list[str], list[str]]:
        letters = _letters(text)
        return [c for c in letters if c not in "AEIOU"], [c for c in letters if c in "AEIOU"]

    consonants, vowels = split(surname)
    part_surname = "".join((consonants + vowels + ["X"] * 3)[:3])
    consonants, vowels = split(given)
    if len(consonants) >= 4:
        part_given = consonants[0] + consonants[2] + consonants[3]
    else:
        part_given = "".join((consonants + vowels + ["X"] * 3)[:3])
    day = birth.day + (40 if sex == "F" else 0)
    body = f"{part_surname}{part_given}{birth.year % 100:02d}{_MONTHS[birth.month - 1]}{day:02d}{town_code}"
    return body + cf_check_char(body)


def nhs_check_digit(nine: str) -> int | None:
    """The NHS number check digit (weights 10..2, mod 11) of nine digits; None when no number has them."""
    remainder = sum(int(d) * (10 - i) for i, d in enumerate(nine)) % 11
    check = 11 - remainder
    return 0 if check == 11 else (None if check == 10 else check)


def format_nhs(number: str) -> str:
    return f"{number[:3]} {number[3:6]} {number[6:]}"


@dataclass
class Person:
    surname: str
    given: list[str]
    sex: str
    birth: dt.date
    address: list[str]  # street line, town line
    phone: str
    mrn: str
    accession: str
    codice_fiscale: str = ""
    nhs: str = ""  # ten digits, unformatted
    names: dict[str, str] = field(default_factory=dict)  # printed forms of the name


def _nhs_number(rng: random.Random) -> str:
    while True:
        nine = str(rng.randint(4, 7)) + "".join(str(rng.randint(0, 9)) for _ in range(8))
        check = nhs_check_digit(nine)
        if check is not None:
            return nine + str(check)


def make_person(rng: random.Random, lang: str, sex: str, birth: dt.date, collected: dt.date) -> Person:
    it = lang == "it"
    surname = rng.choice(_IT_SURNAMES if it else _EN_SURNAMES)
    pool = (_IT_GIVEN if it else _EN_GIVEN)[sex]
    given = rng.sample(pool, rng.choice([1, 1, 2]))
    if it:
        town, province, postcode, cadastral = rng.choice(_IT_TOWNS)
        address = [f"{rng.choice(_IT_STREETS)} {rng.randint(1, 180)}", f"{postcode} {town} ({province})"]
        phone = (f"+39 3{rng.randint(20, 99)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}"
                 if rng.random() < 0.6 else f"0{rng.choice(['2', '6', '11', '51', '55'])} {rng.randint(1000, 9999)} "
                                            f"{rng.randint(1000, 9999)}")
        mrn = rng.choice([f"{collected.year}/{rng.randint(1, 99999):06d}", f"PZ{rng.randint(10 ** 6, 10 ** 7 - 1)}",
                          f"{rng.randint(10 ** 7, 10 ** 8 - 1)}"])
        accession = rng.choice([f"{collected.year}-{rng.randint(10 ** 6, 10 ** 7 - 1)}",
                                f"{collected.year % 100}A{rng.randint(10 ** 5, 10 ** 6 - 1)}",
                                f"ACC {rng.randint(10 ** 7, 10 ** 8 - 1)}"])
        person = Person(surname, given, sex, birth, address, phone, mrn, accession)
        person.codice_fiscale = codice_fiscale(surname, "".join(given), birth, sex, cadastral)
    else:
        town, postcode = rng.choice(_EN_TOWNS)
        address = [f"{rng.randint(1, 220)} {rng.choice(_EN_STREETS)}", f"{town} {postcode}"]
        phone = rng.choice([f"07700 900{rng.randint(0, 999):03d}", f"0113 496 0{rng.randint(0, 999):03d}",
                            f"0161 496 0{rng.randint(0, 999):03d}"])
        mrn = rng.choice([f"H{rng.randint(10 ** 6, 10 ** 7 - 1)}", f"MRN{rng.randint(10 ** 7, 10 ** 8 - 1)}",
                          f"RX{rng.randint(10 ** 6, 10 ** 7 - 1)}"])
        accession = rng.choice([f"{rng.choice('BCLK')}{collected.year % 100}.{rng.randint(10 ** 6, 10 ** 7 - 1)}",
                                f"ACC-{collected.year % 100}-{rng.randint(10 ** 5, 10 ** 6 - 1)}",
                                f"{rng.randint(10 ** 9, 10 ** 10 - 1)}"])
        person = Person(surname, given, sex, birth, address, phone, mrn, accession)
        if rng.random() < 0.75:
            person.nhs = _nhs_number(rng)
    first = " ".join(given)
    person.names = {"comma": f"{surname.upper()}, {first}", "upper": f"{surname.upper()} {first.upper()}",
                    "surname_first": f"{surname} {first}", "given_first": f"{first} {surname}"}
    return person


def _birth_text(rng: random.Random, lang: str, birth: dt.date) -> str:
    if lang == "it":
        return birth.strftime(rng.choice(["%d/%m/%Y", "%d/%m/%Y", "%d.%m.%Y"]))
    return birth.strftime(rng.choice(["%d/%m/%Y", "%d-%b-%Y", "%d %b %Y"]))


def dress_patient(report: GeneratedReport, rng: random.Random, birth: dt.date) -> None:
    """Replace the short patient block of ``report`` by the identifiers its layout's ``identity`` asks for."""
    mode = report.layout.identity
    if not mode:
        return
    lang, it = report.lang, report.lang == "it"
    person = make_person(rng, lang, report.sex, birth, report.collected)
    ids: list[tuple[str, str]] = []

    def show(kind: str, text: str) -> str:
        ids.append((kind, text))
        return text

    name = show("name", person.names[rng.choice(["comma", "upper", "surname_first"] if it
                                                 else ["comma", "upper", "given_first"])])
    dob = show("birth_date", _birth_text(rng, lang, birth))
    collected = report.collected.strftime("%d/%m/%Y") if it or rng.random() < 0.5 \
        else report.collected.strftime("%d-%b-%Y")
    if it:
        pairs = [(rng.choice(["Paziente", "Cognome e nome", "Assistito"]), name),
                 (rng.choice(["Data di nascita", "Nato/a il"]), dob), ("Sesso", report.sex),
                 ("Età", f"{report.age} anni"),
                 (rng.choice(["Codice fiscale", "C.F."]), show("codice_fiscale", person.codice_fiscale)),
                 (rng.choice(["N. cartella", "ID paziente"]), show("mrn", person.mrn)),
                 ("Data prelievo", collected),
                 (rng.choice(["Richiesta n.", "N. accettazione"]), show("accession", person.accession))]
        address_label, phone_label = rng.choice(["Indirizzo", "Residenza"]), rng.choice(["Telefono", "Tel."])
    else:
        pairs = [(rng.choice(["Patient Name", "Patient", "Name"]), name),
                 (rng.choice(["DOB", "Date of Birth"]), dob), ("Sex", "Male" if report.sex == "M" else "Female"),
                 ("Age", f"{report.age} Years")]
        if person.nhs:
            pairs.append((rng.choice(["NHS No.", "NHS Number"]), show("nhs", format_nhs(person.nhs))))
        pairs += [(rng.choice(["Hospital No.", "MRN"]), show("mrn", person.mrn)), ("Collected", collected),
                  (rng.choice(["Accession No.", "Specimen ID", "Lab No."]), show("accession", person.accession))]
        address_label, phone_label = "Address", rng.choice(["Tel", "Phone"])
    if mode.startswith("letterhead"):
        courtesy = ("Gent.mo Sig." if report.sex == "M" else "Gent.ma Sig.ra") if it else \
            ("Mr" if report.sex == "M" else rng.choice(["Mrs", "Ms"]))
        full = show("name", person.names["given_first"])
        report.letterhead = [f"{courtesy} {full}" if not it else courtesy] + ([full] if it else []) + [
            show("address", line) for line in person.address] + [show("phone", person.phone)]
    else:
        address = show("address", ", ".join(person.address))
        pairs += [(address_label, address), (phone_label, show("phone", person.phone))]
    if mode.endswith("+footer"):
        national = (f"CF {person.codice_fiscale}" if it else
                    (f"NHS {format_nhs(person.nhs)}" if person.nhs else f"MRN {person.mrn}"))
        report.page_footer = show("footer", f"{person.names['comma']} - {national} - {person.accession}")
        ids.append(("name", person.names["comma"]))
    report.header = pairs
    report.identifiers = ids
    report.footer = ("SYNTHETIC - referto sintetico generato per test, non valido ai fini diagnostici" if it
                     else "SYNTHETIC report generated for testing - not for clinical use")
