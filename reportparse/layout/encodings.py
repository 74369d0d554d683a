"""Which encoding a text file is in: told from its bytes, or refused with a reason.

In order: a byte-order mark (UTF-8, UTF-16, UTF-32); UTF-16 or UTF-32 without one, told by where the NUL bytes
fall (every second or every fourth byte of Latin text is NUL); UTF-8; UTF-8 with a few damaged bytes (they become
U+FFFD); Shift-JIS when it decodes cleanly into Japanese; Windows-1252 (Latin-1 with the printer's quotes and
dashes), whose accented letters stand alone between ASCII letters.  Non-ASCII bytes that come in runs but fit
none of these are a multi-byte encoding this cannot tell (EUC, GBK, Big5...): :class:`UnknownEncoding`.  NUL
bytes elsewhere are binary data, unless they are a few strays in text (a broken export): then they read as spaces.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

__all__ = ["Decoded", "UnknownEncoding", "NotText", "decode_bytes", "check_printable"]

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_SAMPLE = 4096  # bytes read to tell UTF-16/32 and to judge how much of a text is printable
_WIDE_NUL_SHARE = 0.6  # of the code units whose high bytes are NUL, for UTF-16/32 without a byte-order mark
_STRAY_NUL_SHARE, _STRAY_NULS = 0.01, 8  # NUL bytes in a text past which it is binary data (share, count)
_UNPRINTABLE_SHARE = 0.05  # of control characters or U+FFFD at either end of a text past which it is binary
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")  # all but tab, line feed, form feed, return
_DAMAGED_UTF8 = 2  # valid UTF-8 sequences per damaged byte for a file to still be UTF-8
_CJK_SHARE = 0.8  # of the non-ASCII characters, for a Shift-JIS reading to be Japanese
_RUN_SHARE = 0.5  # of the non-ASCII characters next to another one, past which a one-byte reading is wrong
_MIN_RUN_EVIDENCE = 8  # non-ASCII characters needed before their runs say anything
_C1 = re.compile(r"[\x80-\x9f]")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_CJK = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


class NotText(ValueError):
    """Binary data: the reason says what gave it away."""


class UnknownEncoding(ValueError):
    """Text in an encoding these rules cannot tell."""


def decode_bytes(data: bytes) -> Decoded:
    """The text of ``data`` and the encoding it was read in; :class:`NotText` or :class:`UnknownEncoding`.
    (What it returns may still be mostly unprintable: :func:`check_printable` says.)"""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(_decode_declared(data[len(bom):], encoding), f"{encoding} (byte-order mark)")
    wide = _wide_encoding(data[:_SAMPLE])
    if wide is not None:
        return Decoded(_decode_declared(data, wide), wide)
    nuls = data.count(0)
    if nuls > max(_STRAY_NULS, _STRAY_NUL_SHARE * len(data)):
        raise NotText(f"it holds {nuls:,} NUL bytes in {len(data):,}")
    try:
        decoded = _decode_bytes(data)
    except UnknownEncoding:
        # binary data is NotText, whatever its runs: judged by its C0 controls (C1 bytes are GBK's, Big5's...)
        check_printable(_C1.sub("", data.decode("latin-1")), "latin-1")
        raise
    return Decoded(decoded.text.replace("\x00", " "), decoded.encoding) if nuls else decoded


def check_printable(text: str, encoding: str) -> None:
    """:class:`NotText` when either end of ``text`` is mostly control characters or U+FFFD (bytes no encoding
    reads)."""
    for sample in (text[:_SAMPLE], text[-_SAMPLE:]):
        size = len(sample)
        if len(_CONTROL.findall(sample)) > _UNPRINTABLE_SHARE * size or \
                sample.count("\ufffd") > _UNPRINTABLE_SHARE * size:
            raise NotText(f"most of it is not printable text (read as {encoding})")


def _decode_declared(data: bytes, encoding: str) -> str:
    """Data in a known encoding; damaged code units become U+FFFD (the printable check judges how many)."""
    return data.decode(encoding, errors="replace")


def _wide_encoding(sample: bytes) -> str | None:
    """UTF-16 or UTF-32 without a byte-order mark, from where the NUL bytes of Latin text fall."""
    if len(sample) < 4 or 0 not in sample:
        return None
    units = len(sample) // 4
    zeros = [sum(1 for i in range(k, units * 4, 4) if sample[i] == 0) / units for k in range(4)]
    high, low = _WIDE_NUL_SHARE, 1 - _WIDE_NUL_SHARE
    if min(zeros[1:]) >= high and zeros[0] < low:
        return "utf-32-le"
    if min(zeros[:3]) >= high and zeros[3] < low:
        return "utf-32-be"
    if min(zeros[1], zeros[3]) >= high and max(zeros[0], zeros[2]) < low:
        return "utf-16-le"
    if min(zeros[0], zeros[2]) >= high and max(zeros[1], zeros[3]) < low:
        return "utf-16-be"
    return None


def _decode_bytes(data: bytes) -> Decoded:
    """UTF-8, damaged UTF-8, Shift-JIS or Windows-1252 (see the module's docstring)."""
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if len(_NON_ASCII.findall(lenient)) - damaged >= _DAMAGED_UTF8 * damaged:
        return Decoded(lenient, "utf-8 (damaged bytes replaced)")
    japanese = _strict(data, "shift_jis")
    if japanese is not None and _share(_CJK, japanese) >= _CJK_SHARE:
        return Decoded(japanese, "shift_jis")
    latin = _strict(data, "cp1252")
    if latin is None:
        latin = data.decode("latin-1")  # 0x81, 0x8D, 0x8F, 0x90, 0x9D: C1 controls, judged as such later
    if _in_runs(latin):
        raise UnknownEncoding("its non-ASCII bytes come in runs, as in a multi-byte encoding other than UTF-8 and "
                              "Shift-JIS (EUC, GBK, Big5...)")
    return Decoded(latin, "cp1252")


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _share(pattern: re.Pattern, text: str) -> float:
    """Share of the non-ASCII characters of ``text`` that ``pattern`` matches."""
    non_ascii = len(_NON_ASCII.findall(text))
    return len(pattern.findall(text)) / non_ascii if non_ascii else 0.0


def _in_runs(text: str) -> bool:
    """Most non-ASCII characters stand next to another: a one-byte reading of a multi-byte encoding."""
    positions = [m.start() for m in _NON_ASCII.finditer(text)]
    if len(positions) < _MIN_RUN_EVIDENCE:
        return False
    paired = set()
    for a, b in zip(positions, positions[1:]):
        if b == a + 1:
            paired.update((a, b))
    return len(paired) >= _RUN_SHARE * len(positions)
