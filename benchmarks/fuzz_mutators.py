"""Mutators for the fuzz harness (``fuzz_reports.py``): small named functions in a registry, each turning a seed
report into a damaged or extreme input, deterministically from the random generator it is given.

A mutator takes ``(seed, rng, ctx)`` and returns a :class:`Case` (bytes, a file suffix, and how the file is to be
put on disk: a plain file, or a symbolic link loop, a FIFO, a folder...).  ``kinds`` says which seeds it takes:
"pdf", "text" or both.  ``weight`` is how often it is drawn relative to the others (the huge ones are rarer).
``ctx.scale`` (0-1] shrinks the sizes of the extreme inputs for a quick run.

PDFs are also built here from text (:func:`build_pdf`: a page tree, a font, one content stream a page, optionally
compressed, optionally with object streams and an xref stream), so that object streams, thousands of pages and
huge content streams can be made and then broken.
"""

from __future__ import annotations

import random
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["Seed", "Case", "Context", "Mutator", "MUTATORS", "mutator", "build_pdf"]


@dataclass(frozen=True)
class Seed:
    name: str
    kind: str  # "pdf" or "text"
    suffix: str  # ".pdf", ".txt", ".md"
    data: bytes
    text: str = ""  # the report's text, for PDFs too (what build_pdf lays out)


@dataclass(frozen=True)
class Case:
    data: bytes
    suffix: str
    fs: str = "file"  # "file", "symlink_loop", "dangling_symlink", "folder", "fifo", "device", "long_name"
    note: str = ""


@dataclass(frozen=True)
class Context:
    seeds: tuple[Seed, ...]
    scale: float = 1.0  # shrinks the extreme sizes (quick runs)

    def size(self, rng: random.Random, low: int, high: int) -> int:
        """A size between ``low`` and ``high``, both scaled, drawn log-uniformly."""
        lo, hi = max(1, int(low * self.scale)), max(1, int(high * self.scale))
        return int(round(lo * (hi / lo) ** rng.random())) if hi > lo else lo


MutateFunc = Callable[[Seed, random.Random, Context], Case]


@dataclass(frozen=True)
class Mutator:
    name: str
    kinds: tuple[str, ...]
    func: MutateFunc
    weight: float = 1.0


MUTATORS: dict[str, Mutator] = {}


def mutator(name: str, kinds: tuple[str, ...] = ("pdf", "text"), weight: float = 1.0) -> Callable[[MutateFunc],
                                                                                                      MutateFunc]:
    def register(func: MutateFunc) -> MutateFunc:
        MUTATORS[name] = Mutator(name, kinds, func, weight)
        return func
    return register


# -- a minimal PDF writer ------------------------------------------------------------------------------------------

def _pdf_string(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


def page_content(lines: list[str], size: float = 9.0, top: float = 800.0) -> bytes:
    """A content stream that prints ``lines`` from the top of an A4 page, one text line each."""
    ops = [b"BT", f"/F1 {size:g} Tf {size * 1.25:g} TL 40 {top:g} Td".encode()]
    ops += [_pdf_string(line) + b" Tj T*" for line in lines]
    ops.append(b"ET")
    return b"\n".join(ops)


def build_pdf(contents: list[bytes], *, compress: bool = True, object_streams: bool = False,
              page_extra: bytes = b"", trailer_extra: bytes = b"") -> bytes:
    """A PDF with one page per content stream: catalog, page tree, Helvetica, pages.  With ``object_streams``
    the dictionaries go into one object stream and the cross-reference table is an xref stream (PDF 1.5)."""
    n_pages = len(contents)
    font, first_page = 3, 4
    dicts: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Count %d /Kids [%s] >>" % (
            n_pages, b" ".join(b"%d 0 R" % (first_page + 2 * i) for i in range(n_pages))),
        font: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    }
    streams: dict[int, bytes] = {}
    for i, content in enumerate(contents):
        page, stream = first_page + 2 * i, first_page + 2 * i + 1
        dicts[page] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >>"
                       b" /Contents %d 0 R %s>>" % (stream, page_extra))
        streams[stream] = content
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def stream_object(number: int, head: bytes, data: bytes) -> None:
        if compress:
            data = zlib.compress(data, 6)
            head += b" /Filter /FlateDecode"
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n<< %s /Length %d >>\nstream\n" % (number, head, len(data)) + data +
                   b"\nendstream\nendobj\n")

    for number, content in streams.items():
        stream_object(number, b"", content)
    size = max([*dicts, *streams]) + 1
    if not object_streams:
        for number, body in sorted(dicts.items()):
            offsets[number] = len(out)
            out.extend(b"%d 0 obj\n%s\nendobj\n" % (number, body))
        xref = len(out)
        out.extend(b"xref\n0 %d\n0000000000 65535 f \n" % size)
        out.extend(b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, size)))
        out.extend(b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (size, trailer_extra, xref))
        return bytes(out)
    objstm, xref_number = size, size + 1
    header, body = [], bytearray()
    in_stream: dict[int, int] = {}
    for index, (number, obj) in enumerate(sorted(dicts.items())):
        header.append(b"%d %d" % (number, len(body)))
        body.extend(obj + b"\n")
        in_stream[number] = index
    head = b" ".join(header) + b"\n"
    stream_object(objstm, b"/Type /ObjStm /N %d /First %d" % (len(dicts), len(head)), head + bytes(body))
    rows = [b"\x00" + (0).to_bytes(4, "big") + (65535).to_bytes(2, "big")]
    for number in range(1, xref_number + 1):
        if number in in_stream:
            rows.append(b"\x02" + objstm.to_bytes(4, "big") + in_stream[number].to_bytes(2, "big"))
        elif number == xref_number:
            rows.append(b"\x01" + len(out).to_bytes(4, "big") + b"\x00\x00")
        else:
            rows.append(b"\x01" + offsets.get(number, 0).to_bytes(4, "big") + b"\x00\x00")
    xref = len(out)
    data = zlib.compress(b"".join(rows))
    out.extend(b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d %s>>\n"
               b"stream\n" % (xref_number, xref_number + 1, len(data), trailer_extra) + data +
               b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % xref)
    return bytes(out)


def _text_pages(text: str, lines_per_page: int = 60) -> list[list[str]]:
    lines = text.replace("\f", "\n").split("\n")
    return [lines[i:i + lines_per_page] for i in range(0, max(1, len(lines)), lines_per_page)] or [[""]]


def pdf_from_text(text: str, **options) -> bytes:
    return build_pdf([page_content(page) for page in _text_pages(text)], **options)


# -- helpers -------------------------------------------------------------------------------------------------------

def _text_of(seed: Seed) -> str:
    return seed.text or seed.data.decode("utf-8", errors="replace")


def _lines(seed: Seed) -> list[str]:
    return [line for line in _text_of(seed).split("\n") if line.strip()] or ["Emoglobina 12,5 g/dL 13,5 - 17,5"]


def _value_line(seed: Seed, rng: random.Random) -> str:
    """A line of the seed with a number in it (a result row, most often)."""
    lines = [line for line in _lines(seed) if re.search(r"\d", line)] or _lines(seed)
    return rng.choice(lines)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", errors="surrogatepass")


def _same_kind(seed: Seed, text: str) -> Case:
    """The text back in the seed's form: a PDF seed gets a PDF of the text, a text seed the text."""
    if seed.kind == "pdf":
        return Case(pdf_from_text(text), ".pdf")
    return Case(_encode(text), seed.suffix)


# -- bytes: any seed -----------------------------------------------------------------------------------------------

@mutator("byte_flip")
def byte_flip(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    data = bytearray(seed.data)
    for _ in range(rng.choice((1, 2, 5, 20, 100))):
        i = rng.randrange(len(data))
        data[i] ^= 1 << rng.randrange(8)
    return Case(bytes(data), seed.suffix)


@mutator("byte_set")
def byte_set(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Bytes set to values parsers special-case: NUL, 0xFF, quotes, brackets, backslash, newlines."""
    data = bytearray(seed.data)
    for _ in range(rng.choice((1, 3, 10, 50))):
        data[rng.randrange(len(data))] = rng.choice(b"\x00\xff\x80\x7f()<>[]{}\\/%\r\n\f\t\"'|#")
    return Case(bytes(data), seed.suffix)


@mutator("truncate")
def truncate(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    cut = rng.choice((0, 1, 5, 9, rng.randrange(len(seed.data)), len(seed.data) - rng.randrange(1, 200)))
    return Case(seed.data[:max(0, cut)], seed.suffix)


@mutator("delete_span")
def delete_span(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    start = rng.randrange(len(seed.data))
    return Case(seed.data[:start] + seed.data[start + rng.choice((1, 16, 256, 4096)):], seed.suffix)


@mutator("repeat_span")
def repeat_span(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    start = rng.randrange(len(seed.data))
    span = seed.data[start:start + rng.choice((1, 8, 64, 1024))]
    return Case(seed.data[:start] + span * ctx.size(rng, 2, 2000) + seed.data[start:], seed.suffix)


@mutator("insert_random")
def insert_random(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    start = rng.randrange(len(seed.data) + 1)
    junk = bytes(rng.randrange(256) for _ in range(rng.choice((1, 16, 512, 4096))))
    return Case(seed.data[:start] + junk + seed.data[start:], seed.suffix)


@mutator("splice")
def splice(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """The head of this seed and the tail of another (a PDF cut into a text, two reports joined)."""
    other = rng.choice(ctx.seeds)
    a, b = rng.randrange(len(seed.data) + 1), rng.randrange(len(other.data) + 1)
    return Case(seed.data[:a] + other.data[b:], rng.choice((seed.suffix, other.suffix)))


@mutator("wrong_suffix")
def wrong_suffix(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    return Case(seed.data, rng.choice((".pdf", ".txt", ".md", ".text", ".markdown", ".csv", ".docx", ".png",
                                       ".jpg", ".tif", "", ".PDF", ".TXT")))


@mutator("empty_like")
def empty_like(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    data = rng.choice((b"", b" ", b"\n\n\n", b"\t \r\n\f", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff\x00 ",
                       b"\x00", b"\x00" * 4096, b"%PDF-", b"%PDF-1.4\n", b"%PDF-1.4\n%%EOF\n", b"\f" * 1000))
    return Case(data, seed.suffix)


@mutator("random_bytes")
def random_bytes(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    data = bytes(rng.randrange(256) for _ in range(rng.choice((16, 1024, 65536))))
    return Case(rng.choice((b"", b"%PDF-1.4\n")) + data, seed.suffix)


# -- text ----------------------------------------------------------------------------------------------------------

_ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be", "latin-1", "cp1252",
              "shift_jis", "utf-8-sig", "mac_roman", "cp437", "utf-7")


@mutator("reencode", kinds=("text",))
def reencode(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    encoding = rng.choice(_ENCODINGS)
    return Case(_text_of(seed).encode(encoding, errors="replace"), seed.suffix, note=encoding)


@mutator("japanese_text", kinds=("text",))
def japanese_text(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """A Japanese lab report (Shift-JIS, EUC-JP, UTF-8 or UTF-16): not a language reportparse reads."""
    rows = ["検査結果報告書", "患者名: 山田 太郎", "ヘモグロビン   13.5   g/dL   13.0 - 17.0",
            "白血球数       6.2    10^3/µL   3.5 - 9.0", "クレアチニン   0.9    mg/dL  0.6 - 1.1", "所見: 異常なし"]
    text = "\n".join(rng.sample(rows, len(rows)) * rng.choice((1, 5, 50)))
    encoding = rng.choice(("shift_jis", "euc_jp", "utf-8", "utf-16", "iso2022_jp", "cp932"))
    return Case(text.encode(encoding, errors="replace"), seed.suffix, note=encoding)


@mutator("nul_bytes", kinds=("text",))
def nul_bytes(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    data = bytearray(seed.data)
    for _ in range(rng.choice((1, 3, 30, len(data) // 10 + 1))):
        data.insert(rng.randrange(len(data) + 1), 0)
    return Case(bytes(data), seed.suffix)


@mutator("control_chars", kinds=("text",))
def control_chars(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """C0/C1 controls and the characters Python's splitlines() takes as line ends but split("\\n") does not."""
    chars = list(_text_of(seed))
    pool = ["\x0b", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029", "\r", "\x7f", "\x1b", "\x08", "\x07",
            "\x01", "\x9b", "\ufeff", "\u200b", "\u00ad", "\x0c"]
    for _ in range(rng.choice((1, 5, 50, 500))):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
    return _same_kind(seed, "".join(chars))


@mutator("unicode_junk", kinds=("text",))
def unicode_junk(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Combining marks, right-to-left and zero-width marks, emoji, fullwidth and other-script digits, characters
    NFKC expands, lone surrogates (invalid UTF-8)."""
    pool = ["\u0301", "\u0300" * 50, "\u202e", "\u200f", "\u2066", "\U0001F600", "１２，５", "١٢٫٥", "१२", "²³",
            "ﷺ", "ﬀ", "㎎/㎗", "µ", "μ", "\ud800", "\udfff", "\uffff", "\U0010FFFF", "𝟏𝟐,𝟓", "Ⅻ", "½", "⁄",
            "\u0000", "\ufffd", "A\u0308" * 20]
    chars = list(_text_of(seed))
    for _ in range(rng.choice((1, 10, 100))):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(pool))
    return _same_kind(seed, "".join(chars))


@mutator("number_junk", kinds=("pdf", "text"))
def number_junk(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Numbers replaced by extreme or malformed ones: 400 digits, 1e308, 1.2.3.4, -0, NaN, a lone comma."""
    pool = ["9" * 400, "1e308", "1E-400", "1.2.3.4", "1,2,3,4,5", "-0", "NaN", "inf", "∞", "0,000000000001",
            "123456789012345678901234567890", ".", ",", "-", "--5", "5-", "<", "> =", "1/0", "0x1F", "1_000",
            "10^999", "x10E99", "12,5-", "±3", "1 000 000,000.5", "99999999999999999999,9"]
    text = re.sub(r"\d+(?:[.,]\d+)?", lambda m: rng.choice(pool) if rng.random() < 0.3 else m.group(),
                  _text_of(seed))
    return _same_kind(seed, text)


@mutator("line_endings", kinds=("text",))
def line_endings(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    ending = rng.choice(("\r\n", "\r", "\n\r", "\r\r\n", "\f", "\v", "\x85", "\u2028"))
    text = _text_of(seed).replace("\n", ending) if rng.random() < 0.7 else \
        "".join(line + rng.choice(("\n", "\r\n", "\r")) for line in _text_of(seed).split("\n"))
    return Case(_encode(text), seed.suffix, note=repr(ending))


@mutator("form_feeds", kinds=("text",))
def form_feeds(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Thousands of pages: a form feed after every line, or pages of one line repeated."""
    if rng.random() < 0.5:
        text = "\f".join(_text_of(seed).split("\n"))
    else:
        text = "\f".join([_value_line(seed, rng)] * ctx.size(rng, 1000, 10000))
    return Case(_encode(text), seed.suffix)


@mutator("long_line", kinds=("pdf", "text"), weight=0.7)
def long_line(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """One line of 20 KB to 1.2 MB: the report's lines joined, or one row repeated, or a word without spaces."""
    size = ctx.size(rng, 20_000, 1_200_000)
    style = rng.randrange(3)
    unit = (" ".join(_lines(seed)) if style == 0 else _value_line(seed, rng) + " " if style == 1 else
            re.sub(r"\s+", "", _value_line(seed, rng)))
    line = (unit * (size // max(1, len(unit)) + 1))[:size]
    text = "\n".join([*_lines(seed)[:5], line, *_lines(seed)[5:]])
    if seed.kind == "pdf":
        return Case(build_pdf([page_content([line[:ctx.size(rng, 2000, 100_000)]])]), ".pdf", note=f"{size}")
    return Case(_encode(text), seed.suffix, note=f"{size}")


@mutator("identical_rows", kinds=("pdf", "text"), weight=0.7)
def identical_rows(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """One result row printed 1,000 to 50,000 times."""
    row, n = _value_line(seed, rng), ctx.size(rng, 1000, 50_000)
    if seed.kind == "pdf":
        return Case(pdf_from_text("\n".join([row] * min(n, 20_000))), ".pdf", note=f"{n}")
    return Case(_encode("\n".join(_lines(seed)[:8] + [row] * n)), seed.suffix, note=f"{n}")


@mutator("deep_nesting", kinds=("pdf", "text"))
def deep_nesting(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Brackets nested 1,000 to 100,000 deep, inside a row or on their own, with or without spaces."""
    depth = ctx.size(rng, 1000, 100_000)
    opening, closing = rng.choice((("(", ")"), ("[", "]"), ("{", "}"), ("<", ">"), ("((", "))"), ("( ", " )"),
                                   ("«", "»"), ("|", "|"), ("(1-2", ")")))
    nest = opening * depth + rng.choice(("", "12,5 g/dL", "x")) + closing * depth
    lines = _lines(seed)
    at = rng.randrange(len(lines) + 1)
    text = "\n".join(lines[:at] + [rng.choice(("", "Emoglobina 12,5 ")) + nest] + lines[at:])
    if seed.kind == "pdf":
        return Case(build_pdf([page_content(lines[:20] + [nest[:ctx.size(rng, 1000, 60_000)]])]), ".pdf")
    return Case(_encode(text), seed.suffix, note=f"{depth}")


@mutator("huge_text", kinds=("text",), weight=0.15)
def huge_text(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """The report repeated to 300 KB - 60 MB (past the text limit: a coded error, fast)."""
    size = ctx.size(rng, 300_000, 60_000_000)
    data = _encode(_text_of(seed)) + b"\n"
    return Case((data * (size // len(data) + 1))[:size], seed.suffix, note=f"{size}")


@mutator("markdown_junk", kinds=("text",))
def markdown_junk(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Tables of thousands of pipes, headings of hundreds of #, fences never closed, HTML."""
    junk = rng.choice(("|" * ctx.size(rng, 100, 20_000), "#" * 500 + " Emocromo", "```\n" + _value_line(seed, rng),
                       "| a | b |\n|---|---|\n" + "| 1 | 2 |\n" * ctx.size(rng, 100, 5000),
                       "<table><tr><td>" * 1000, "> " * 1000 + _value_line(seed, rng), "- " * 2000 + "x",
                       "|" + "|".join(["Emoglobina", "12,5", "g/dL", "13-17"] * ctx.size(rng, 10, 3000)) + "|"))
    lines = _lines(seed)
    at = rng.randrange(len(lines) + 1)
    return Case(_encode("\n".join(lines[:at] + [junk] + lines[at:])), rng.choice((".md", seed.suffix)))


@mutator("shuffle_words", kinds=("pdf", "text"))
def shuffle_words(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Words moved within their lines and lines moved within the report: every cell in the wrong column."""
    lines = _lines(seed)
    out = []
    for line in lines:
        words = line.split()
        if rng.random() < 0.5:
            rng.shuffle(words)
        out.append((" " * rng.choice((1, 2, 4))).join(words))
    if rng.random() < 0.5:
        rng.shuffle(out)
    return _same_kind(seed, "\n".join(out))


@mutator("column_noise", kinds=("pdf", "text"))
def column_noise(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Spaces added and removed inside lines (columns merge or split), tabs for spaces."""
    def noisy(line: str) -> str:
        line = re.sub(r" {2,}", lambda m: rng.choice((" ", "\t", m.group() * 3, "")), line)
        return re.sub(r"(?<=\S) (?=\S)", lambda m: rng.choice((" ", " ", " ", "   ", "")), line)
    return _same_kind(seed, "\n".join(noisy(line) for line in _text_of(seed).split("\n")))


# -- PDF structure -------------------------------------------------------------------------------------------------

@mutator("broken_xref", kinds=("pdf",))
def broken_xref(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    data = seed.data
    choice = rng.randrange(5)
    if choice == 0:  # startxref points elsewhere
        data = re.sub(rb"startxref\s+\d+", b"startxref\n%d" % rng.choice((0, 1, 999_999_999, rng.randrange(len(data)))),
                      data)
    elif choice == 1:  # offsets in the table damaged
        data = re.sub(rb"\d{10} \d{5} n", lambda m: b"%010d 00000 n" % rng.randrange(len(data) * 2)
                      if rng.random() < 0.3 else m.group(), data)
    elif choice == 2:  # no table at all
        data = re.sub(rb"xref\s.*?trailer", b"trailer", data, flags=re.S)
    elif choice == 3:  # no trailer
        data = re.sub(rb"trailer\s*<<.*?>>", b"", data, flags=re.S)
    else:  # the table's size and first number wrong
        data = re.sub(rb"xref\s+0 (\d+)", lambda m: b"xref\n%d %d" % (rng.randrange(-5, 5), rng.choice(
            (0, 1, 10**9))), data)
    return Case(data, ".pdf", note=f"variant {choice}")


_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


@mutator("corrupt_stream", kinds=("pdf",))
def corrupt_stream(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """One stream's data garbled, cut, or its /Length or /Filter changed."""
    data = seed.data
    streams = list(_STREAM.finditer(data))
    if not streams:
        return byte_flip(seed, rng, ctx)
    m = rng.choice(streams)
    a, b = m.span(1)
    choice = rng.randrange(4)
    if choice == 0:
        body = bytearray(data[a:b])
        for _ in range(rng.choice((1, 10, 100))):
            if body:
                body[rng.randrange(len(body))] = rng.randrange(256)
        data = data[:a] + bytes(body) + data[b:]
    elif choice == 1:
        data = data[:a] + data[a:b][:rng.randrange(max(1, b - a))] + data[b:]
    elif choice == 2:
        head = data.rfind(b"/Length", 0, a)
        data = data[:head] + re.sub(rb"/Length \d+", b"/Length %d" % rng.choice((0, 1, 10**12, -5)),
                                    data[head:a], count=1) + data[a:]
    else:
        head = data.rfind(b"<<", 0, a)
        data = data[:head] + re.sub(rb"/FlateDecode", rng.choice((b"/LZWDecode", b"/DCTDecode", b"/JBIG2Decode",
                                                                  b"/Crypt", b"/Bogus", b"/ASCII85Decode")),
                                    data[head:a], count=1) + data[a:]
    return Case(data, ".pdf", note=f"variant {choice}")


@mutator("object_stream", kinds=("pdf", "text"))
def object_stream(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """The report as a PDF 1.5 with an object stream and an xref stream, then one of them damaged."""
    data = pdf_from_text(_text_of(seed), object_streams=True)
    choice = rng.randrange(6)
    if choice == 0:
        data = re.sub(rb"/N \d+", b"/N %d" % rng.choice((0, 10**9, -1, 2)), data, count=1)
    elif choice == 1:
        data = re.sub(rb"/First \d+", b"/First %d" % rng.choice((0, 3, 10**9)), data, count=1)
    elif choice == 2:  # the object stream's bytes garbled
        m = list(_STREAM.finditer(data))[-2]
        body = bytearray(data[m.start(1):m.end(1)])
        for _ in range(rng.choice((1, 8, 64))):
            body[rng.randrange(len(body))] = rng.randrange(256)
        data = data[:m.start(1)] + bytes(body) + data[m.end(1):]
    elif choice == 3:  # the xref stream's bytes garbled
        m = list(_STREAM.finditer(data))[-1]
        body = bytearray(data[m.start(1):m.end(1)])
        body[rng.randrange(len(body))] ^= 0xFF
        data = data[:m.start(1)] + bytes(body) + data[m.end(1):]
    elif choice == 4:  # field widths that do not add up
        data = data.replace(b"/W [1 4 2]", rng.choice((b"/W [1 2 2]", b"/W [0 0 0]", b"/W [9 9 9]", b"/W [1 4]")))
    return Case(data, ".pdf", note=f"variant {choice}")


@mutator("huge_content_stream", kinds=("pdf", "text"), weight=0.5)
def huge_content_stream(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """One page whose content stream shows 10,000 to 1,000,000 strings, or moves the pen as often."""
    n = ctx.size(rng, 10_000, 1_000_000)
    row = _pdf_string(_value_line(seed, rng)[:60])
    op = rng.choice((row + b" Tj T*", b"(x) Tj", b"1 0 0 1 0 0 Tm", b"0 -1 Td (1) Tj", b"q Q"))
    content = b"BT /F1 9 Tf 11 TL 40 800 Td\n" + b"\n".join([op] * n) + b"\nET"
    return Case(build_pdf([content], compress=rng.random() < 0.8), ".pdf", note=f"{n} x {op.decode('latin-1')}")


@mutator("thousands_of_pages", kinds=("pdf", "text"), weight=0.4)
def thousands_of_pages(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    n = ctx.size(rng, 1000, 6000)
    page = page_content(_lines(seed)[:rng.choice((1, 5, 40))])
    return Case(build_pdf([page] * n), ".pdf", note=f"{n}")


@mutator("deep_pdf_nesting", kinds=("pdf", "text"))
def deep_pdf_nesting(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Arrays or dictionaries nested 1,000 to 200,000 deep in the page dictionary or in the content stream."""
    depth = ctx.size(rng, 1000, 200_000)
    opening, closing = rng.choice(((b"[", b"]"), (b"<< /A ", b" >>"), (b"[<< /K ", b">>]")))
    nest = opening * depth + b"1" + closing * depth
    lines = _lines(seed)[:30]
    if rng.random() < 0.5:
        return Case(build_pdf([page_content(lines)], page_extra=b"/Junk " + nest + b" "), ".pdf", note=f"{depth}")
    content = page_content(lines).replace(b"ET", b"ET\n" + nest + b" pop")
    return Case(build_pdf([content]), ".pdf", note=f"{depth} in content")


@mutator("far_glyphs", kinds=("pdf", "text"))
def far_glyphs(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Text placed at x or y = 1e11, scaled by 1e-30 or 1e30, with a NaN-like or negative font size."""
    lines = _lines(seed)[:30]
    move = rng.choice((b"1e11 0 Td", b"0 1e11 Td", b"1e30 0 0 1e30 0 0 Tm", b"1e-30 0 0 1e-30 0 0 Tm",
                       b"0 0 0 0 0 0 Tm", b"99999999999 -99999999999 Td", b"/F1 -9 Tf", b"/F1 0 Tf",
                       b"/F1 1e30 Tf", b"-1 0 0 -1 595 842 Tm", b"1e308 1e308 Td"))
    content = page_content(lines)
    at = content.find(b"Tj")
    content = content[:at + 2] + b"\n" + move + b"\n" + content[at + 2:]
    return Case(build_pdf([content]), ".pdf", note=move.decode())


@lru_cache(maxsize=8)
def _inflating(size: int) -> bytes:
    """A zlib stream of ``size`` spaces (1 KB a MB), made without compressing them all: after a full flush,
    every megabyte of spaces deflates to the same block, so the stream is that block repeated and the checksum."""
    chunk = b" " * (1 << 20)
    compressor = zlib.compressobj(9)
    head = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()  # the last, empty block and the checksum of two megabytes, replaced below
    megabytes, checksum = size >> 20, 1
    for _ in range(megabytes):
        checksum = zlib.adler32(chunk, checksum)
    return head + block * (megabytes - 1) + tail[:-4] + checksum.to_bytes(4, "big")


@mutator("zip_bomb", kinds=("pdf", "text"), weight=0.3)
def zip_bomb(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """A content stream that inflates to 64 MB - 4 GB of spaces."""
    size = rng.choice((64, 256, 1024, 4096)) << 20
    size = max(1 << 20, int(size * ctx.scale))
    bomb = _inflating(size)
    data = build_pdf([b"BT (x) Tj ET"], compress=False)
    data = data.replace(b"<<  /Length 12 >>\nstream\nBT (x) Tj ET",
                        b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(bomb) + bomb)
    return Case(data, ".pdf", note=f"{size >> 20} MB")


@mutator("pdf_dict_junk", kinds=("pdf",))
def pdf_dict_junk(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Dictionary values that are wrong but well formed: page counts, boxes, types, references to nothing,
    a page tree that contains itself."""
    data = seed.data
    edits = [
        (rb"/Count \d+", rng.choice((b"/Count -1", b"/Count 999999999", b"/Count 0", b"/Count /Bad"))),
        (rb"/MediaBox \[[^\]]*\]", rng.choice((b"/MediaBox [0 0 0 0]", b"/MediaBox [0 0 1e30 1e30]",
                                                b"/MediaBox [1 2]", b"/MediaBox 5 0 R", b"/MediaBox [-1e9 -1e9 1 1]"))),
        (rb"/Type /Page\b", rng.choice((b"/Type /Pages", b"/Type /Catalog", b"/Type /Font", b"/Type /X"))),
        (rb"/Kids \[", rng.choice((b"/Kids [2 0 R ", b"/Kids [999 0 R ", b"/Kids [1 0 R "))),
        (rb"/Root \d+ 0 R", rng.choice((b"/Root 999 0 R", b"/Root 2 0 R", b"/Root null"))),
        (rb"/Contents \d+ 0 R", rng.choice((b"/Contents 999 0 R", b"/Contents [3 0 R 3 0 R]", b"/Contents 1 0 R"))),
        (rb"/Font \d+ 0 R", b"/Font 999 0 R"),
        (rb"/Parent \d+ 0 R", rng.choice((b"/Parent 3 0 R", b"/Parent 999 0 R"))),
        (rb"/Rotate \d+", rng.choice((b"/Rotate 45", b"/Rotate -270", b"/Rotate 1e9"))),
    ]
    pattern, replacement = rng.choice(edits)
    return Case(re.sub(pattern, replacement, data, count=rng.choice((1, 0))), ".pdf",
                note=replacement.decode("latin-1"))


@mutator("encrypted", kinds=("pdf",), weight=0.3)
def encrypted(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """An /Encrypt entry in the trailer (a bogus one, or one with an unknown handler)."""
    entry = rng.choice((b"/Encrypt << /Filter /Standard /V 1 /R 2 /O <00> /U <00> /P -4 >>",
                        b"/Encrypt << /Filter /Bogus /V 9 >>", b"/Encrypt 999 0 R",
                        b"/Encrypt << /Filter /Standard /V 5 /R 6 /O <00> /U <00> /P -4 /Length 256 >>"))
    return Case(seed.data.replace(b"trailer\n<<", b"trailer\n<< " + entry, 1), ".pdf")


@mutator("text_as_pdf", kinds=("text",), weight=0.5)
def text_as_pdf(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """A text report behind a PDF header (the loader sniffs it as a PDF)."""
    return Case(b"%PDF-1.4\n" + seed.data, rng.choice((".pdf", ".txt")))


# -- the file system -----------------------------------------------------------------------------------------------

@mutator("file_system", weight=0.3)
def file_system(seed: Seed, rng: random.Random, ctx: Context) -> Case:
    """Paths that are not plain files: a symbolic link loop, a link to nothing, a folder, a FIFO, a device,
    a name longer than the file system allows."""
    return Case(seed.data, seed.suffix, fs=rng.choice(("symlink_loop", "dangling_symlink", "folder", "fifo",
                                                       "device", "long_name", "symlink")))


