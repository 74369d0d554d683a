"""Seeded generator of clinical prose that mentions lab values, with exact gold entity spans and relations.

Discharge letters, referrals, visit summaries, letters to the GP, e-mails between colleagues, consult notes and
letters to patients, in Italian and English (:mod:`.templates`), about dermatology patients (scenarios of
:mod:`.lexicon`: psoriasis on methotrexate, biologic screening, isotretinoin, pemphigoid, urticaria, hair loss,
melanoma follow-up...).  Values are drawn from the report generator's catalogue (:mod:`corpora.reports.panels`),
so they are plausible; names, units and phrasing are those of prose ("Hb 10,9 g/dL", "PLT 450.000/mmc",
"ferritin low at 8 ng/mL", "PCR negativa", "ANA positivi 1:160").

Every document gives (:func:`generate_prose`):

* ``example``: a :class:`reportparse.ner.data.NerExample`: entities ANALYTE, VALUE, UNIT, RANGE, FLAG, QUALIFIER
  and one relation per gold value;
* ``gold``: a record in the report gold format (``values`` with ``analyte`` as printed, ``value``, ``unit`` as
  printed, ``ref_low``/``ref_high``/``ref_text``, ``flag``, ``id``) that ``reportparse evaluate`` scores.

Conventions (what the spans say):

* ANALYTE is a test's printed name, wherever it names a test: with a value, with a judgement only
  ("emocromo nella norma"), in a plan ("ripetere emocromo e transaminasi") or as a panel heading that is a test
  name ("Emocromo: Hb ..."); only names with a value make gold values.
* VALUE is the printed result: a number ("10,9", "450.000"), a censored number ("< 1", ">90", gold is the printed
  text as in the report gold), a qualitative word ("negativa", "not detected"; gold is the word as printed) or an
  ANA titre ("1:160"; gold "1:160", and "positivi" before it is a QUALIFIER).  Several analytes may share one
  VALUE ("HBsAg, anti-HCV e Quantiferon negativi": three relations, three gold values) and one UNIT ("AST e ALT
  rispettivamente 45 e 60 U/L", "PCR scesa da 45 a 12 mg/L").
* UNIT is the unit as printed; gold ``unit`` is that text (None when the prose omits it).
* RANGE covers only the printed range ("15-150", "< 5"), never its label ("v.n.", "ref"); gold ``ref_text`` is
  that text and ``ref_low``/``ref_high`` its numbers.
* FLAG is a printed marker only: "(H)"/"(L)" (the letter is the span), "↑"/"↓", "*"; gold flag "H"/"L", and
  "abnormal" for "*", as in the report gold.  Words that judge a value ("elevated", "alto", "aumentata",
  "ridotta", "low", "nella norma") are QUALIFIER entities and the gold flag stays null: gold flags come only
  from printed markers.
* A judgement with no value ("creatinina ai limiti superiori", "renal function normal") is ANALYTE +
  QUALIFIER, with no relation and no gold value (listed in the gold's ``no_value_mentions``).
* Numbers that are not lab values are never entities: dates, ages ("68 anni"), doses ("metformina 500 mg"),
  scores (PASI, DLQI), sizes, vital signs, identifiers, phone numbers, list numbers.  They are recorded as
  ``meta["negatives"]`` of the example so tests can check that no entity covers them.

Held-out protocol: :data:`HELD_OUT_TEMPLATES` (four kinds per language: ``dermatology_consult``,
``patient_letter``, ``tumour_board`` and ``second_opinion``, the last two written blind after the recogniser was
built, with forms of their own in :mod:`.forms` and :mod:`.forms_blind`) write lab results
only with the held-out sentence forms of :mod:`.forms` (their own value phrasing, qualitative phrasing, judgement
words, range labels and frames), which the tuning templates never use; train on :data:`TUNING_TEMPLATES`, score
on the held-out ones.  Every document is SYNTHETIC and says so.
"""

from .forms import FORMS, form_ids
from .generator import ProseDocument, generate_prose, iter_prose, select_templates, write_document, write_prose
from .templates import HELD_OUT_TEMPLATES, TEMPLATES, TUNING_TEMPLATES, Template

__all__ = ["ProseDocument", "generate_prose", "iter_prose", "select_templates", "write_document", "write_prose",
           "TEMPLATES", "HELD_OUT_TEMPLATES", "TUNING_TEMPLATES", "Template", "FORMS", "form_ids"]
