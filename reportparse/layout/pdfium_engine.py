"""The pdfium engine: the glyphs of pdfium's text page (pypdfium2), with the boxes pdfminer would give them.

pdfium parses and interprets the page in C++; what is left in Python is one pass over the glyphs, two calls into
pdfium each (the glyph's text object and its origin), with everything else cached per text object and per font.
A glyph's box is built as pdfminer's ``LTChar`` builds it, so both engines feed the same words to the renderer:

- x from the origin to the origin plus the advance (``FPDFFont_GetGlyphWidth``), through the glyph's matrix;
  pdfium's own "loose" box widens some glyphs to their ink ("/" starts left of its origin), so it is not used;
- y from the baseline plus the font's descent to one font size above it; fonts that are not embedded and that
  pdfminer's metrics table knows (the standard 14, Arial, Times New Roman...) take their descent from the table,
  as in pdfminer (pdfium uses its substitute fonts' metrics: -224 for Helvetica, where the AFM says -207);
- the page's /Rotate and MediaBox origin applied last, with pdfminer's matrices.

Known differences from pdfminer (benchmarks/bench_pdf_engines.py and tests/reportparse/layout/test_pdf_engines.py
measure them; none changed a value on 500 generated reports, the samples or the development reports):

- pdfium keeps a font's /Widths as whole thousandths of an em (820.8 -> 820), and places glyphs by them, so
  along one string glyphs drift from pdfminer's by up to 0.001 em each (at most 0.75 pt on the generated
  reports, at the end of a long key-value line).
  pdfminer reads /Widths exactly and is right; the renderer's grid floors widths the same way for both engines
  (:func:`.pdf._char_width`), so the drift moves a word across a column of the text only on long strings;
- pdfium splits ligatures ("ﬁ" -> "fi": friendlier to the analyte lexicon), pdfminer keeps the ligature;
- on hostile files: a number past 32 bits in a content stream reads as 0 in pdfium (a glyph at x = 1e11 lands
  at the left edge), an absurd MediaBox is refused (then Letter), and a text object stops at 32,767 glyphs."""

from __future__ import annotations

import ctypes
import struct
import threading
from collections.abc import Collection
from functools import lru_cache

from ..errors import Errors, ReportParseError
from .limits import CharBudget
from .page import PageText, PdfChar
from .pdf_options import PdfOptions

__all__ = ["read_pdfium", "PDFIUM_LOCK"]

# pdfium is not thread-safe: one document at a time in a process (threads wait; batches use processes).
PDFIUM_LOCK = threading.RLock()

_BOLD = ("bold", "black", "heavy")
_NO_TEXT = frozenset("\x00\ufffe\uffff")  # pdfium's marks for a glyph without Unicode
_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


class _Api:
    """The pdfium functions called per glyph, re-declared with plain integer handles: pypdfium2's own declarations
    check pointer types on every call, which costs more than the call itself."""

    def __init__(self) -> None:
        import pypdfium2.raw as raw
        from ctypes import POINTER, c_char_p, c_double, c_float, c_int, c_size_t, c_uint, c_void_p

        def lean(func, restype, *argtypes):
            # The same calling convention as pypdfium2's declaration (its class), our own argument types.
            fresh = type(func)(ctypes.cast(func, c_void_p).value)
            fresh.restype, fresh.argtypes = restype, argtypes
            return fresh

        self.FS_MATRIX, self.FS_RECTF = raw.FS_MATRIX, raw.FS_RECTF
        self.text_object = lean(raw.FPDFText_GetTextObject, c_void_p, c_void_p, c_int)
        self.origin = lean(raw.FPDFText_GetCharOrigin, c_int, c_void_p, c_int, POINTER(c_double), POINTER(c_double))
        self.matrix = lean(raw.FPDFText_GetMatrix, c_int, c_void_p, c_int, POINTER(raw.FS_MATRIX))
        self.font_size = lean(raw.FPDFText_GetFontSize, c_double, c_void_p, c_int)
        self.loose_box = lean(raw.FPDFText_GetLooseCharBox, c_int, c_void_p, c_int, POINTER(raw.FS_RECTF))
        self.object_font = lean(raw.FPDFTextObj_GetFont, c_void_p, c_void_p)
        self.glyph_width = lean(raw.FPDFFont_GetGlyphWidth, c_int, c_void_p, c_uint, c_float, POINTER(c_float))
        self.descent = lean(raw.FPDFFont_GetDescent, c_int, c_void_p, c_float, POINTER(c_float))
        self.is_embedded = lean(raw.FPDFFont_GetIsEmbedded, c_int, c_void_p)
        self.base_name = lean(raw.FPDFFont_GetBaseFontName, c_size_t, c_void_p, c_char_p, c_size_t)


@lru_cache(maxsize=1)
def _api() -> _Api:
    return _Api()


@lru_cache(maxsize=None)
def _standard_descent(name: str) -> float | None:
    """The Adobe metrics' descent (per unit of font size) of a standard 14 font, as pdfminer uses it."""
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS.get(name)
    return float(metrics[0]["Descent"]) / 1000 if metrics else None


class _Font:
    """What a glyph needs from its font: descent per unit of size, boldness, and advances cached by character."""

    __slots__ = ("handle", "descent", "bold", "widths")

    def __init__(self, api: _Api, handle: int) -> None:
        self.handle = handle
        buffer = ctypes.create_string_buffer(256)
        api.base_name(handle, buffer, 256)
        name = buffer.value.decode("latin-1")
        # pdfminer looks the font's BaseFont up in its table; an embedded font's name carries a subset tag
        # ("CKAHFO+Arial,Bold") that pdfium leaves out, and does not match.
        standard = None if api.is_embedded(handle) else _standard_descent(name)
        value = ctypes.c_float()
        if standard is not None:
            self.descent = standard
        else:
            self.descent = value.value if api.descent(handle, 1.0, value) else 0.0
        lowered = name.lower()
        self.bold = any(word in lowered for word in _BOLD)
        self.widths: dict[str, float] = {}


class _TextObject:
    """A text object's matrix (its horizontal scaling included), font size and font.  ``upright`` when neither
    the matrix nor the page turns or mirrors the text: then a glyph's box is its origin plus a few constants."""

    __slots__ = ("a", "b", "c", "d", "size", "font", "widths", "bold", "upright", "x_scale", "low", "height")

    def __init__(self, matrix, size: float, font: _Font, page_upright: bool) -> None:
        self.a, self.b, self.c, self.d = matrix.a, matrix.b, matrix.c, matrix.d
        self.size = size
        self.font = font
        self.widths = font.widths
        self.bold = font.bold
        self.upright = page_upright and self.b == 0 and self.c == 0 and self.a > 0 and self.d > 0
        self.x_scale = self.a * size  # advance per unit of width
        self.low = self.d * font.descent * size  # the box's bottom below the origin
        self.height = self.d * size


class _Glyphs:
    """One page's pass over its glyphs, with the page's caches."""

    def __init__(self, api: _Api, textpage: int, fonts: dict[int, _Font], transform: tuple[float, ...]) -> None:
        self.api = api
        self.textpage = textpage
        self.fonts = fonts
        self.objects: dict[int, _TextObject] = {}
        self.transform = transform
        self.page_upright = transform[:4] == (1, 0, 0, 1)

    def _object(self, handle: int, index: int) -> _TextObject:
        api = self.api
        matrix = api.FS_MATRIX()
        api.matrix(self.textpage, index, matrix)
        font_handle = api.object_font(handle)
        font = self.fonts.get(font_handle)
        if font is None:
            font = self.fonts[font_handle] = _Font(api, font_handle)
        found = self.objects[handle] = _TextObject(matrix, api.font_size(self.textpage, index), font,
                                                   self.page_upright)
        return found

    def _width(self, obj: _TextObject, char: str, index: int) -> float:
        """The glyph's advance per unit of font size: the font's width for the character (cached), else (a
        character the font cannot map back to a code) the extent of pdfium's box along the text."""
        value = ctypes.c_float()
        if self.api.glyph_width(obj.font.handle, ord(char), 1.0, value) and value.value > 0:
            obj.widths[char] = value.value
            return value.value
        box = self.api.FS_RECTF()
        self.api.loose_box(self.textpage, index, box)
        scale = (obj.a * obj.a + obj.b * obj.b) ** 0.5 * obj.size
        span = box.right - box.left if abs(obj.a) >= abs(obj.b) else box.top - box.bottom
        return abs(span) / scale if scale else 0.0

    def _box(self, obj: _TextObject, ox: float, oy: float, width: float) -> tuple[float, float, float, float]:
        """pdfminer's box of a glyph: (0, descent)-(advance, descent + size) through the glyph's matrix and the
        page's, the four corners' bounds."""
        a, b, c, d = obj.a, obj.b, obj.c, obj.d
        advance = width * obj.size
        low = obj.font.descent * obj.size
        high = low + obj.size
        ta, tb, tc, td, te, tf = self.transform
        xs = (ox + c * low, ox + a * advance + c * low, ox + c * high, ox + a * advance + c * high)
        ys = (oy + d * low, oy + b * advance + d * low, oy + d * high, oy + b * advance + d * high)
        px = [ta * u + tc * v + te for u, v in zip(xs, ys)]
        py = [tb * u + td * v + tf for u, v in zip(xs, ys)]
        return min(px), max(px), min(py), max(py)

    def read(self, text: str) -> list[PdfChar]:
        """The page's glyphs; the loop runs once per glyph, so it keeps to locals and precomputed constants."""
        chars: list[PdfChar] = []
        append = chars.append
        text_object, origin, objects = self.api.text_object, self.api.origin, self.objects
        textpage = self.textpage
        te, tf = self.transform[4], self.transform[5]
        x, y = ctypes.c_double(), ctypes.c_double()
        x_ref, y_ref = ctypes.byref(x), ctypes.byref(y)
        # The glyph appended last: "ﬁ" comes as "f" and "i" at one origin, and stays one glyph as in pdfminer.
        last_handle, last_x, last_y = None, None, None
        for index, char in enumerate(text):
            if char.isspace() or char in _NO_TEXT:
                continue
            handle = text_object(textpage, index)
            if not handle:  # pdfium's own character (a space or line break it inferred), not a glyph
                continue
            obj = objects.get(handle)
            if obj is None:
                obj = self._object(handle, index)
            origin(textpage, index, x_ref, y_ref)
            ox, oy = x.value, y.value
            if oy == last_y and ox == last_x and handle == last_handle:
                chars[-1] = chars[-1]._replace(text=chars[-1].text + char)
                continue
            width = obj.widths.get(char)
            if width is None:
                width = self._width(obj, char, index)
            if obj.upright:
                x0 = ox + te
                y0 = oy + obj.low + tf
                x1, y1 = x0 + obj.x_scale * width, y0 + obj.height
            else:
                x0, x1, y0, y1 = self._box(obj, ox, oy, width)
            if x1 > x0:
                append(PdfChar(char, x0, x1, y0, y1, y1 - y0, obj.bold))
                last_handle, last_x, last_y = handle, ox, oy
        return chars


def _page_transform(mediabox: tuple[float, float, float, float], rotation: int) -> tuple[float, ...]:
    """pdfminer's matrix from PDF space to the page as shown (its ``PDFPageInterpreter.process_page``)."""
    x0, y0, x1, y1 = mediabox
    if rotation == 90:
        return (0, -1, 1, 0, -y0, x1)
    if rotation == 180:
        return (-1, 0, 0, -1, x1, y1)
    if rotation == 270:
        return (0, 1, -1, 0, y1, -x0)
    return (1, 0, 0, 1, -x0, -y0)


def _page_text(raw, textpage, count: int) -> str:
    """The characters of a text page in one call, one per glyph index (UTF-16 pairs would shift the indices:
    then one call per character)."""
    buffer = ctypes.create_string_buffer((count + 1) * 2)
    raw.FPDFText_GetText(textpage, 0, count, ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)))
    text = buffer.raw[:count * 2].decode("utf-16-le", errors="replace")
    if len(text) == count and "\ufffd" not in text:
        return text
    return "".join(chr(raw.FPDFText_GetUnicode(textpage, i)) for i in range(count))


def _images(page) -> int:
    """Images and forms the page draws, nested ones too (pdfminer counts its figures as images)."""
    from pypdfium2.raw import FPDF_PAGEOBJ_FORM, FPDF_PAGEOBJ_IMAGE

    return sum(1 for _ in page.get_objects(filter=(FPDF_PAGEOBJ_IMAGE, FPDF_PAGEOBJ_FORM)))


def _open(data: bytes, source: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == _PASSWORD_ERROR:
            raise ReportParseError(Errors.E003, path=source, detail="pdfium: a password is needed") from None
        raise ReportParseError(Errors.E004, path=source, detail=f"pdfium: {exc}") from None


def _decimal(value: float) -> float:
    """The shortest decimal a single-precision number stands for (pdfium keeps boxes in float32: 595.2756 comes
    back as 595.2755737...; pdfminer, and the file, say 595.2756)."""
    single = struct.unpack("f", struct.pack("f", value))[0]
    for digits in range(6, 10):
        shortest = float(f"{single:.{digits}g}")
        if struct.unpack("f", struct.pack("f", shortest))[0] == single:
            return shortest
    return float(value)


def _mediabox(page) -> tuple[float, float, float, float]:
    """The page's MediaBox; pdfium reads it from the page alone, so an inherited one (or one pdfium refuses,
    as [0 0 1e11 1e11]) comes from the page's bounding box (MediaBox within CropBox, inherited)."""
    box = page.get_mediabox(fallback_ok=False)
    if box is None or box[2] <= box[0] or box[3] <= box[1]:  # absent, or one pdfium refused (all zeros)
        box = page.get_bbox()
    return tuple(box)


def _read_page(api: _Api, raw, page, fonts: dict[int, _Font], budget: CharBudget) -> PageText:
    mediabox = tuple(_decimal(value) for value in _mediabox(page))
    rotation = page.get_rotation()
    transform = _page_transform(mediabox, rotation)
    textpage = raw.FPDFText_LoadPage(page.raw)
    if not textpage:
        raise ReportParseError(Errors.E004, path=budget.source,
                               detail=f"pdfium could not read the text of page {budget.page_number}")
    try:
        count = raw.FPDFText_CountChars(textpage)
        budget.add(max(count, 0))
        handle = ctypes.cast(textpage, ctypes.c_void_p).value
        chars = _Glyphs(api, handle, fonts, transform).read(_page_text(raw, textpage, count)) if count > 0 else []
    finally:
        raw.FPDFText_ClosePage(textpage)
    x0, y0, x1, y1 = mediabox
    width, height = x1 - x0, y1 - y0
    if rotation in (90, 270):
        width, height = height, width
    return PageText(chars, width, height, 0 if chars else _images(page))


def read_pdfium(data: bytes, source: str, options: PdfOptions,
                pages: Collection[int] | None = None) -> list[PageText]:
    """The glyphs of every page (or of the 0-based ``pages``), in page order."""
    with PDFIUM_LOCK:
        return _read_document(data, source, options, pages)


def _read_document(data: bytes, source: str, options: PdfOptions, pages: Collection[int] | None) -> list[PageText]:
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    api = _api()
    document = _open(data, source)
    budget = CharBudget(source, options)
    read: list[PageText] = []
    try:
        total = len(document)
        if total > options.max_pages:
            raise ReportParseError(Errors.E051, path=source, pages=total, limit=options.max_pages)
        fonts: dict[int, _Font] = {}  # font handles live as long as the document
        for index in range(total):
            if pages is not None and index not in pages:
                continue
            budget.start_page(index + 1)
            page = document[index]
            try:
                read.append(_read_page(api, raw, page, fonts, budget))
            finally:
                page.close()
    except pdfium.PdfiumError as exc:
        raise ReportParseError(Errors.E004, path=source, detail=f"pdfium: {exc}") from None
    finally:
        document.close()
    return read
