"""Tesseract through its command line: a PNG on standard input, TSV (words with boxes and confidences) out.

Why the program and not pytesseract: pytesseract writes each image to a temporary file and runs this same
program, then parses the same TSV.  Calling it directly saves that round trip and a dependency, and keeps in
our hands what matters here: the timeout, the environment (``OMP_THREAD_LIMIT``: Tesseract's own threads make
it about four times slower on two cores) and turning its failures into coded errors that name the Debian
package to install.
"""

from __future__ import annotations

import io
import os
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from PIL import Image

from ..errors import Errors, ReportParseError
from .options import OcrOptions

__all__ = ["check_engine", "recognise", "detect_orientation", "Orientation", "DEBIAN_PACKAGES"]

DEBIAN_PACKAGES = {"ita": "tesseract-ocr-ita", "eng": "tesseract-ocr-eng", "osd": "tesseract-ocr-osd"}


@dataclass(frozen=True, slots=True)
class Orientation:
    rotate: int  # degrees to turn the page counter-clockwise to read it (0, 90, 180, 270), as Tesseract says
    confidence: float  # Tesseract's orientation confidence (above ~2 is a clear answer)


@lru_cache(maxsize=8)
def _installed_languages(program: str) -> frozenset[str]:
    """Traineddata names Tesseract can load (``--list-langs``); FileNotFoundError when the program is missing."""
    proc = subprocess.run([program, "--list-langs"], capture_output=True, timeout=30, check=False)
    lines = (proc.stdout + proc.stderr).decode("utf-8", "replace").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def _needed_languages(options: OcrOptions) -> tuple[str, ...]:
    return options.languages + (("osd",) if "orientation" in options.prepare else ())


def check_engine(options: OcrOptions, source: str = "<input>") -> None:
    """Raise E034 when Tesseract is missing, E035 when a language pack it needs is; cheap after the first call."""
    try:
        installed = _installed_languages(options.tesseract)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReportParseError(Errors.E034, path=source, detail=f"{options.tesseract}: {_reason(exc)}") from None
    missing = [lang for lang in _needed_languages(options) if lang not in installed]
    if missing:
        raise ReportParseError(Errors.E035, path=source, languages="+".join(options.languages),
                               missing=", ".join(missing),
                               packages=" ".join(DEBIAN_PACKAGES.get(m, f"tesseract-ocr-{m}") for m in missing))


def _reason(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or type(exc).__name__


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", compress_level=1)  # fast; Tesseract decodes it in a few milliseconds
    return buffer.getvalue()


def _run(args: list[str], image: Image.Image, options: OcrOptions, source: str,
         page: int) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if options.threads:
        env["OMP_THREAD_LIMIT"] = str(options.threads)
    try:
        return subprocess.run([options.tesseract, "stdin", "stdout", *args], input=_png(image), capture_output=True,
                              timeout=options.timeout, env=env, check=False)
    except (FileNotFoundError, PermissionError) as exc:
        raise ReportParseError(Errors.E034, path=source, detail=f"{options.tesseract}: {_reason(exc)}") from None
    except subprocess.TimeoutExpired:
        raise ReportParseError(Errors.E036, path=source, page=page,
                               detail=f"stopped after {options.timeout:g} s") from None


def _last_error(stderr: bytes) -> str:
    lines = [line.strip() for line in stderr.decode("utf-8", "replace").splitlines() if line.strip()]
    useful = [line for line in lines if not line.startswith(("Warning", "Estimating resolution"))]
    return (useful or lines or ["exit status without a message"])[-1]


def reading_languages(options: OcrOptions) -> tuple[str, ...]:
    """The packs Tesseract reads with: the report's own, then the installed helper packs."""
    try:
        installed = _installed_languages(options.tesseract)
    except (OSError, subprocess.SubprocessError):
        installed = frozenset()
    return options.languages + tuple(h for h in options.helper_languages if h in installed)


def recognise(image: Image.Image, options: OcrOptions, *, dpi: int, source: str = "<input>", page: int = 1) -> str:
    """Tesseract's TSV for one page image (a header line, then one row per page, block, paragraph, line, word)."""
    args = ["-l", "+".join(reading_languages(options)), "--psm", str(options.psm), "--dpi", str(int(round(dpi))), "tsv"]
    proc = _run(args, image, options, source, page)
    if proc.returncode != 0:
        message = _last_error(proc.stderr)
        if "loading language" in proc.stderr.decode("utf-8", "replace"):
            _installed_languages.cache_clear()
            check_engine(options, source)  # names the missing pack
        raise ReportParseError(Errors.E036, path=source, page=page, detail=message)
    return proc.stdout.decode("utf-8", "replace")


def detect_orientation(image: Image.Image, options: OcrOptions, *, dpi: int, source: str = "<input>",
                       page: int = 1) -> Orientation | None:
    """Tesseract's orientation and script detection (``--psm 0``); None when it cannot tell (too little text)."""
    proc = _run(["--psm", "0", "--dpi", str(int(round(dpi)))], image, options, source, page)
    if proc.returncode != 0:  # "Too few characters": a blank page or a photo without text
        return None
    fields = dict(line.split(":", 1) for line in proc.stdout.decode("utf-8", "replace").splitlines() if ":" in line)
    try:
        return Orientation(int(fields["Rotate"].strip()) % 360, float(fields["Orientation confidence"].strip()))
    except (KeyError, ValueError):
        return None
