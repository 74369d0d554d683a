"""One anatomical-site vocabulary for HAM10000 ``localization`` and ISIC ``anatom_site_general``.

The harmonised values are ISIC's general sites; HAM10000's finer ones fold into them
(face/ear/scalp/neck → head/neck, back → posterior torso, chest/abdomen → anterior torso,
acral → palms/soles, genital → oral/genital, hand → upper extremity, foot → lower extremity).
"trunk"/"torso" without a side stays "torso".  Missing or "unknown" stays None.
"""

from __future__ import annotations

__all__ = ["SITES", "harmonise_site"]

SITES: tuple[str, ...] = ("head/neck", "anterior torso", "posterior torso", "lateral torso", "torso",
                          "upper extremity", "lower extremity", "palms/soles", "oral/genital")
_MAP = {
    "face": "head/neck", "ear": "head/neck", "scalp": "head/neck", "neck": "head/neck", "head/neck": "head/neck",
    "head": "head/neck", "head neck": "head/neck",
    "chest": "anterior torso", "abdomen": "anterior torso", "anterior torso": "anterior torso",
    "back": "posterior torso", "posterior torso": "posterior torso",
    "lateral torso": "lateral torso",
    "trunk": "torso", "torso": "torso",
    "upper extremity": "upper extremity", "hand": "upper extremity", "arm": "upper extremity",
    "lower extremity": "lower extremity", "foot": "lower extremity", "leg": "lower extremity",
    "acral": "palms/soles", "palms/soles": "palms/soles", "palms soles": "palms/soles",
    "genital": "oral/genital", "oral/genital": "oral/genital", "oral genital": "oral/genital",
}


def harmonise_site(text: str | None) -> str | None:
    if text is None:
        return None
    key = " ".join(str(text).strip().casefold().replace("_", " ").split())
    return _MAP.get(key)
