"""The limits a parse keeps to: inputs beyond them end in a coded error (E042-E049), never a hang or a crash.

A lab report is a few kilobytes of text (the bundled text samples 1.5-3.5 KB, the generated ones 4 KB on average, the
longest real report we have 35,000 characters over 11 pages); the limits sit far above that and below what one
worker reads in bounded time and memory.  Parse time grows linearly with the text (``tests/reportparse/
test_fuzz.py`` checks it, ``benchmarks/fuzz_reports.py`` looks for exceptions): at ``max_text_chars`` the
slowest shape measured, a table of distinct rows, takes about 10 s of CPU (a letter 3 s); spaCy's own limit
(``nlp.max_length``, 10 million here) is never reached.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Limits", "LIMITS"]


@dataclass(frozen=True)
class Limits:
    # Whole inputs
    max_file_bytes: int = 256 * 1024 * 1024  # a file larger than this is not read at all
    max_text_chars: int = 250_000  # about 75 pages; the longest report seen: 35,000 characters in 11 pages
    # The spaCy tokenizer (reportparse.pipeline.guard): bounds that keep it linear on any text
    max_token_chars: int = 1_000  # a run without spaces longer than this is kept as one token: no word is that long
    suffix_window: int = 32  # characters a suffix is looked for in (spaCy's suffixes are a few characters)


LIMITS = Limits()
