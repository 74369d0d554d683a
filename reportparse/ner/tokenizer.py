"""The recogniser's tokenizer: spaCy's, with a number split from what is glued to it.

Entity spans must fall on token boundaries, and lab text glues values to units, comparators and labels
("12.5g/dL", "Colesterolo<200", "WBC:6.2").  Registered so a saved pipeline's config names it and
``spacy.load`` rebuilds it (``import reportparse.ner.tokenizer`` first, as :mod:`.recognizer` does).
"""

from __future__ import annotations

import re
from typing import Callable

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex, compile_suffix_regex

__all__ = ["LAB_INFIXES", "LAB_SUFFIXES", "create_lab_tokenizer"]

LAB_INFIXES = (
    r"(?<=\d)(?=[A-Za-zµμ%]|/(?!\d))",  # 12.5g/dL, 7,1%, 450.000/mmc; not a date (12/03/2023)
    r"[<>≤≥]=?",  # Colesterolo<200
    r"(?<=[A-Za-z]):(?=\d)",  # WBC:6.2
    r"(?<=\d)[-–÷](?=\d)",  # 15-150 as three tokens, so a range and its limits align alike
)

# A sentence's full stop after a unit ("8 ng/mL.", "45 U/L."), while "Dr." and "v.n." stay whole.
LAB_SUFFIXES = (r"(?<=[a-zµ][A-Z])\.", r"(?<=/[A-Za-z])\.", r"(?<=[↑↓*])\.")
# Abbreviation exceptions of one letter and a dot ("l.", "h.", "D.") would glue a sentence's full stop to a unit
# ("mg/l.") or a name ("vitamina D."); lab text needs the letter alone.
_ONE_LETTER_ABBREVIATION = re.compile(r"^[A-Za-z]\.$")


@spacy.registry.tokenizers("reportparse.lab_tokenizer.v1")
def create_lab_tokenizer() -> Callable[[Language], Tokenizer]:
    create_default = spacy.registry.tokenizers.get("spacy.Tokenizer.v1")()

    def make(nlp: Language) -> Tokenizer:
        tokenizer = create_default(nlp)
        infixes = list(nlp.Defaults.infixes or ()) + list(LAB_INFIXES)
        tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
        suffixes = list(nlp.Defaults.suffixes or ()) + list(LAB_SUFFIXES)
        tokenizer.suffix_search = compile_suffix_regex(suffixes).search
        tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if not _ONE_LETTER_ABBREVIATION.match(k)}
        return tokenizer
    return make
