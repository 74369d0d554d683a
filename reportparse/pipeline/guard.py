"""Bounds on spaCy's tokenizer that keep it linear on any text.

spaCy strips prefixes and suffixes from a whitespace-free run one at a time, and looks for each suffix with a
regular expression anchored at the end, which still tries every position of the run: 20 KB of nested brackets
took 20 s.  Two bounds keep every run linear without changing how real text is split
(``tests/reportparse/pipeline/test_guard.py``):

* the suffix is looked for in the last ``Limits.suffix_window`` characters (a wider window only when the match
  reaches the window's start, as a run of dots does), and
* a run longer than ``Limits.max_token_chars`` is one token, left unsplit (spaCy also hashes and copies the whole
  run once per affix it strips), and is not a URL: spaCy's ``like_url``, computed for every new word, is
  quadratic in its length (a 125,000-character run took 12 s).

Both stand in for the tokenizer's own callables and keep their ``pattern``, so ``Tokenizer.to_bytes`` still
saves the original expressions; the URL bound wraps the vocabulary's ``LIKE_URL`` getter.
"""

from __future__ import annotations

from typing import Callable

from spacy.attrs import LIKE_URL
from spacy.tokenizer import Tokenizer

from ..limits import LIMITS, Limits

__all__ = ["guard_tokenizer"]

_LOOKBEHIND = 8  # characters before a match a suffix pattern may look at ("(?<=[0-9])km")


class TailSearch:
    """``suffix_search`` that reads the end of a string only."""

    def __init__(self, search: Callable, window: int) -> None:
        self.full = search
        self.pattern = getattr(getattr(search, "__self__", None), "pattern", None)
        self.window = window

    def search(self, string: str):
        window = self.window
        while len(string) > window:
            found = self.full(string[-window:])
            if found is None or found.start() >= _LOOKBEHIND:
                return found  # spaCy reads the match's length only
            window *= 4  # the match may go on before the window ("......"), or need what stands before it
        return self.full(string)


class LongRun:
    """``token_match`` that also keeps a run longer than ``limit`` characters whole."""

    def __init__(self, match: Callable | None, limit: int) -> None:
        self.inner = match
        self.pattern = getattr(getattr(match, "__self__", None), "pattern", None)
        self.limit = limit

    def match(self, string: str):
        if len(string) > self.limit:
            return True
        return self.inner(string) if self.inner is not None else None


class ShortOnly:
    """A lexical attribute getter read only for words up to ``limit`` characters; longer ones get ``default``."""

    def __init__(self, getter: Callable, limit: int, default: object = False) -> None:
        self.getter, self.limit, self.default = getter, limit, default

    def __call__(self, text: str):
        return self.default if len(text) > self.limit else self.getter(text)


def guard_tokenizer(tokenizer: Tokenizer, limits: Limits = LIMITS) -> Tokenizer:
    """Put the bounds on ``tokenizer`` and its vocabulary (once; a guarded one is left as it is); return it."""
    getters = tokenizer.vocab.lex_attr_getters
    if LIKE_URL in getters and not isinstance(getters[LIKE_URL], ShortOnly):
        getters[LIKE_URL] = ShortOnly(getters[LIKE_URL], limits.max_token_chars)
    search = tokenizer.suffix_search
    if search is not None and not isinstance(getattr(search, "__self__", None), TailSearch):
        tokenizer.suffix_search = TailSearch(search, limits.suffix_window).search
    match = tokenizer.token_match
    if not isinstance(getattr(match, "__self__", None), LongRun):
        tokenizer.token_match = LongRun(match, limits.max_token_chars).match
    return tokenizer
