"""Small scans made on the fly: a table report drawn with reportlab, rasterised with pdfium."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

from PIL import Image
from reportlab.pdfgen import canvas

# (name, result, unit, reference) per page; the expected values are the printed ones.
PAGE_IT = [("Emoglobina", "13,5", "g/dL", "12,0 - 16,0"), ("Glucosio", "92", "mg/dL", "70 - 100"),
           ("Creatinina", "0,85", "mg/dL", "0,50 - 1,10"), ("Sodio", "140", "mmol/L", "135 - 145"),
           ("Ferritina", "48", "ng/mL", "30 - 300")]
PAGE_IT_2 = [("Potassio", "4,2", "mmol/L", "3,5 - 5,1"), ("Colesterolo totale", "185", "mg/dL", "< 200"),
             ("Trigliceridi", "110", "mg/dL", "< 150")]
PAGE_EN = [("Haemoglobin", "13.5", "g/dL", "12.0 - 16.0"), ("Glucose", "92", "mg/dL", "70 - 100"),
           ("Sodium", "140", "mmol/L", "135 - 145")]
HEADERS = {"it": ("Esame", "Risultato", "Unità", "Valori di riferimento"),
           "en": ("Test", "Result", "Units", "Reference range")}
PAGE_SIZE = (595, 300)  # points: a strip of an A4 page keeps the images small and the OCR fast


def draw_table(c: canvas.Canvas, rows, lang: str = "it", title: str = "Laboratorio Analisi - referto") -> None:
    c.setFont("Helvetica-Bold", 12)
    c.drawString(40, PAGE_SIZE[1] - 40, title)
    c.setFont("Helvetica", 11)
    xs = (40, 230, 320, 420)
    y = PAGE_SIZE[1] - 75
    for x, text in zip(xs, HEADERS[lang]):
        c.drawString(x, y, text)
    for row in rows:
        y -= 22
        for x, text in zip(xs, row):
            c.drawString(x, y, text)


def table_pdf(path: Path, pages, lang: str = "it") -> Path:
    """A PDF with a text layer, one table per page."""
    c = canvas.Canvas(str(path), pagesize=PAGE_SIZE, invariant=1)
    for rows in pages:
        draw_table(c, rows, lang)
        c.showPage()
    c.save()
    return path


def rasterise(pdf: Path, dpi: int = 200) -> list[Image.Image]:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(pdf))
    images = [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L") for page in document]
    document.close()
    return images


def save_png(image: Image.Image, path: Path, dpi: int = 200) -> Path:
    image.save(path, dpi=(dpi, dpi))
    return path


def save_tiff(images: list[Image.Image], path: Path, dpi: int = 200) -> Path:
    # Copies: Pillow's PNG writer leaves its settings on the image (``encoderconfig``), and Pillow 13's libtiff
    # writer then passes them on to its encoder (a TypeError) once another test has saved the same image as PNG.
    frames = [image.copy() for image in images]
    frames[0].save(path, save_all=True, append_images=frames[1:], compression="tiff_deflate", dpi=(dpi, dpi))
    return path


def image_pdf(path: Path, images: list[Image.Image | None], text_pages: dict[int, list] | None = None) -> Path:
    """A PDF whose pages are images (scans), or, for the page numbers in ``text_pages``, tables with text."""
    c = canvas.Canvas(str(path), pagesize=PAGE_SIZE, invariant=1)
    for number, image in enumerate(images, start=1):
        if text_pages and number in text_pages:
            draw_table(c, text_pages[number])
        else:
            buffer = io.BytesIO()
            image.save(buffer, "PNG")
            buffer.seek(0)
            from reportlab.lib.utils import ImageReader

            c.drawImage(ImageReader(buffer), 0, 0, *PAGE_SIZE)
        c.showPage()
    c.save()
    return path


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def bomb_png(path: Path, side: int = 20000) -> Path:
    """A valid 1-bit PNG of ``side`` x ``side`` white pixels: a few hundred kilobytes that decode to 400 million
    pixels (a decompression bomb)."""
    row = b"\x00" + b"\xff" * ((side + 7) // 8)
    compressor = zlib.compressobj(9)
    body = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header) + _chunk(b"IDAT", body) + _chunk(b"IEND", b""))
    return path
