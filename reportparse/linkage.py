"""Pseudonymous linkage: a keyed patient pseudonym, so that reports join to images without storing an identifier.

The pseudonym is HMAC-SHA256, keyed with a secret the user keeps, of the strongest patient identifier the report
prints (``reportparse.demographics.IDENTIFIER_RANK``: codice fiscale > NHS number > MRN / patient id > name with
birth date), as ``"<kind>:<normalised value>"``.  Same key and same identifier: same pseudonym; another key:
another pseudonym; without the key it cannot be recomputed from a guessed identifier.  The identifier is read in
memory by the pipeline, turned into the pseudonym by the API, and dropped; the key is never in a pipeline config,
a record, an output or a batch folder (a batch stores only :attr:`LinkageOptions.key_id`, a keyed fingerprint,
to refuse a resume with another key).

To give images the same pseudonym, compute it from your own records with :func:`pseudonymise` and the same key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .errors import Errors, ReportParseError

__all__ = ["LinkageOptions", "PatientIdentifier", "IDENTIFIER_RANK", "load_key", "pseudonym", "pseudonymise",
           "normalise_name", "MIN_KEY_BYTES"]

MIN_KEY_BYTES = 16  # 128 bits: below this a key could be searched for

IdentifierKind = Literal["codice_fiscale", "nhs_number", "mrn", "name_birth"]
# Strongest first: a national id names one person for life; a hospital number one person at one site; a name with
# a birth date is shared by namesakes and printed in many spellings.
IDENTIFIER_RANK: tuple[IdentifierKind, ...] = ("codice_fiscale", "nhs_number", "mrn", "name_birth")


@dataclass(frozen=True, slots=True)
class PatientIdentifier:
    """The strongest patient identifier a report prints, normalised (``reportparse.demographics.read_identifier``).
    In memory only: its repr hides the value, and no record or output holds it."""

    kind: IdentifierKind
    value: str = field(repr=False)


def normalise_name(name: str) -> str:
    """Accents and case folded, punctuation dropped, words sorted: "ROSSI, Mario" and "Mario Rossi" agree."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return " ".join(sorted(re.findall(r"[a-z]+", plain)))


@dataclass(frozen=True)
class LinkageOptions:
    """Linkage on, with ``key`` (at least 16 bytes of secret).  Its repr never shows the key."""

    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.key, (bytes, bytearray)):
            raise ReportParseError(Errors.E066, where="given", problem=f"a {type(self.key).__name__}, not bytes",
                                   minimum=MIN_KEY_BYTES)
        check_key(bytes(self.key), "given")

    @property
    def key_id(self) -> str:
        """A keyed fingerprint of the key (not the key): equal for equal keys, so a batch can refuse a resume with
        another key without storing it."""
        return hmac.new(bytes(self.key), b"reportparse linkage key id", hashlib.sha256).hexdigest()[:16]

    def to_dict(self) -> dict[str, str]:
        return {"key_id": self.key_id}


def check_key(key: bytes, where: str) -> None:
    if not key.strip():
        raise ReportParseError(Errors.E066, where=where, problem="empty", minimum=MIN_KEY_BYTES)
    if len(key) < MIN_KEY_BYTES:
        raise ReportParseError(Errors.E066, where=where, problem=f"{len(key)} bytes long", minimum=MIN_KEY_BYTES)


def load_key(path: str | Path) -> LinkageOptions:
    """Linkage with the key in the file at ``path``: its bytes, without the line end an editor or ``echo`` adds."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ReportParseError(Errors.E067, path=path, detail=exc.strerror or type(exc).__name__) from None
    key = raw.rstrip(b"\r\n")
    check_key(key, f"in {path}")
    return LinkageOptions(key)


def pseudonym(identifier: PatientIdentifier, link: LinkageOptions) -> str:
    """The hex HMAC-SHA256 of ``"<kind>:<value>"`` under the key: the kind keeps an MRN from colliding with
    another kind's identifier of the same text."""
    message = f"{identifier.kind}:{identifier.value}".encode("utf-8")
    return hmac.new(bytes(link.key), message, hashlib.sha256).hexdigest()


def pseudonymise(kind: str, value: str, link: LinkageOptions, *, birth: str | None = None) -> str:
    """The pseudonym a report printing this identifier gets, computed from your own records: ``kind`` one of
    codice_fiscale, nhs_number, mrn, name_birth (``value`` the name, ``birth`` its ISO date ``YYYY-MM-DD``)."""
    if kind not in IDENTIFIER_RANK:
        raise ValueError(f"kind must be one of {', '.join(IDENTIFIER_RANK)}, not {kind!r}")
    if kind == "codice_fiscale":
        text = "".join(value.split()).upper()
    elif kind == "nhs_number":
        text = "".join(ch for ch in value if ch.isdigit())
    elif kind == "mrn":
        text = value.strip().upper().rstrip(".")
    else:
        if not birth:
            raise ValueError("name_birth needs the birth date (birth='YYYY-MM-DD')")
        text = f"{normalise_name(value)}|{birth}"
    return pseudonym(PatientIdentifier(kind, text), link)  # type: ignore[arg-type]
