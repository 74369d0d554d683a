"""Generated reports as damaged page images, with the gold of the native report they came from.

A report is composed by :func:`corpora.reports.generate_corpus`, rendered to a native PDF by the report
renderer, rasterised with pypdfium2 at the preset's dpi and damaged page by page (:func:`damage_pages`).
Output of :func:`write_scan`::

    OUT/raw/<id>.png           one-page report (fmt "auto" or "png"; "jpg" -> <id>.jpg)
    OUT/raw/<id>.tif           multi-page report, one multi-page TIFF (fmt "auto" or "tif")
    OUT/raw/<id>_p1.png, ...   multi-page report with fmt "png"/"jpg": one file per page
    OUT/gold/<id>.json         the reports-dev gold of the native report; "file" names the image
    OUT/manifest.jsonl         one line per report: preset, dpi, family, files, damage drawn per page

``reportparse evaluate`` matches a prediction to the gold whose ``file`` has the same stem as the prediction's
source, so one file per report (``auto``) scores as it is.  With per-page png/jpg files the gold's ``file``
is the first page and ``pages`` lists them all: a reader must join the pages into one report, as ``<id>``.
Images carry their dpi; TIFF pages that are pure black and white are stored 1-bit with CCITT G4 (as fax
servers store them), other TIFFs with lossless deflate; ``jpg`` files are saved at quality 95.
"""

from __future__ import annotations

import json
import tempfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from ..errors import CorporaError
from .damage import DAMAGES
from .presets import PRESETS, DamageSpec

__all__ = ["ScanDocument", "SCAN_FORMATS", "rasterise_pdf", "get_preset", "damage_pages", "generate_scans",
           "write_scan", "iter_folder_scans", "scan_folder", "read_pages", "reset_manifest"]

SCAN_FORMATS = ("auto", "tif", "png", "jpg")


@dataclass(frozen=True, eq=False)
class ScanDocument:
    """One report as damaged page images.  ``gold`` is in the reports-dev format (``file`` is set when written);
    ``damage`` has one dict per page: ``{"page": n, "steps": [{"damage": name, <drawn parameters>}, ...]}``."""

    id: str
    lang: str
    family: str | None
    preset: str
    dpi: int
    pages: tuple[Image.Image, ...]
    pdf: bytes
    gold: dict[str, Any]
    damage: tuple[dict[str, Any], ...]


def rasterise_pdf(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Every page of ``pdf`` as an RGB image at ``dpi`` (pypdfium2, anti-aliased as a scanner's optics are)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        pages = []
        for page in document:
            pages.append(page.render(scale=dpi / 72.0).to_pil().convert("RGB"))
            page.close()
        return pages
    finally:
        document.close()


def get_preset(preset: str | DamageSpec) -> DamageSpec:
    """The preset called ``preset`` (a :class:`DamageSpec` is returned as it is); unknown names raise G005."""
    if isinstance(preset, DamageSpec):
        return preset
    if preset not in PRESETS:
        raise CorporaError(f"unknown damage preset {preset!r}; use one of {', '.join(PRESETS)} "
                           "(python -m corpora scans --list-presets describes them)", code="G005")
    return PRESETS[preset]


def damage_pages(pages: Sequence[Image.Image], preset: str | DamageSpec, seed: int | Sequence[int], *,
                 dpi: int | None = None) -> tuple[tuple[Image.Image, ...], tuple[dict[str, Any], ...]]:
    """``pages`` (taken to be at ``dpi``, the preset's by default) through the preset's steps, and the parameters
    drawn per page.  Page i draws from its own generator spawned from ``seed``, so a page's damage does not
    depend on how many pages come before it."""
    spec = get_preset(preset)
    dpi = dpi or spec.dpi
    out, damage = [], []
    for number, (page, seq) in enumerate(zip(pages, np.random.SeedSequence(seed).spawn(len(pages))), start=1):
        rng = np.random.default_rng(seq)
        img, steps = page.convert("RGB"), []
        for st in spec.steps:
            img, drawn = DAMAGES[st.damage](img, rng, dpi, **st.kwargs)
            steps.append({"damage": st.damage, **drawn})
        out.append(img)
        damage.append({"page": number, "steps": steps})
    return tuple(out), tuple(damage)


def _doc_seed(seed: int, doc_id: str, preset: str) -> list[int]:
    """A document's damage seed: the run's seed, its id (a report is damaged the same in any selection) and the
    preset (presets draw independently: the same first draw for every preset would correlate the per-damage table)."""
    return [seed, zlib.crc32(doc_id.encode("utf-8")), zlib.crc32(preset.encode("utf-8"))]


def _scan_gold(gold: dict[str, Any], spec: DamageSpec, dpi: int, source: str) -> dict[str, Any]:
    data = dict(gold)
    data["notes"] = (data.get("notes", "") + f" Rendered to images at {dpi} dpi and damaged (preset {spec.name}); "
                     "gold is the report as printed.").strip()
    data["scan"] = {"preset": spec.name, "dpi": dpi, "source_pdf": source}
    return data


def generate_scans(n: int, *, lang: str, seed: int = 0, preset: str | DamageSpec = "moderate",
                   families: Iterable[str] | None = None, exclude_families: Iterable[str] | None = None,
                   dpi: int | None = None) -> Iterator[ScanDocument]:
    """``n`` generated reports as damaged scans; deterministic by seed.  The reports are those of
    ``generate_corpus(n, lang=lang, seed=seed, formats=("pdf",), families=..., exclude_families=...)`` (same ids,
    same gold); ``dpi`` overrides the preset's.  Unknown presets raise G005 here, not at the first report."""
    from ..reports.generator import generate_corpus

    spec = get_preset(preset)
    reports = generate_corpus(n, lang=lang, seed=seed, formats=("pdf",), families=families,
                              exclude_families=exclude_families)
    return _scans(reports, spec, dpi or spec.dpi, seed)


def _scans(reports: Iterable[Any], spec: DamageSpec, dpi: int, seed: int) -> Iterator[ScanDocument]:
    from ..reports.render_pdf import render_pdf

    with tempfile.TemporaryDirectory(prefix="dermalab-scans-") as tmp:
        for report, _ in reports:
            pdf = render_pdf(report, Path(tmp) / f"{report.id}.pdf").read_bytes()
            pages, damage = damage_pages(rasterise_pdf(pdf, dpi), spec, _doc_seed(seed, report.id, spec.name), dpi=dpi)
            gold = _scan_gold(report.gold(_default_name(report.id, len(pages))), spec, dpi, f"{report.id}.pdf")
            yield ScanDocument(report.id, report.lang, report.layout.family, spec.name, dpi, pages, pdf, gold, damage)


def _default_name(doc_id: str, pages: int) -> str:
    return f"{doc_id}.{'tif' if pages > 1 else 'png'}"


def _is_black_and_white(img: Image.Image) -> bool:
    g = np.asarray(img.convert("L"))
    return bool(((g == 0) | (g == 255)).all()) and _is_grey(img)


def _is_grey(img: Image.Image) -> bool:
    arr = np.asarray(img.convert("RGB"))
    return bool((arr[..., 0] == arr[..., 1]).all() and (arr[..., 1] == arr[..., 2]).all())


def _save_tiff(pages: Sequence[Image.Image], path: Path, dpi: int) -> None:
    if all(_is_black_and_white(p) for p in pages):
        frames = [p.convert("L").convert("1", dither=Image.Dither.NONE) for p in pages]
        options = {"compression": "group4"}
    else:
        mode = "L" if all(_is_grey(p) for p in pages) else "RGB"
        frames, options = [p.convert(mode) for p in pages], {"compression": "tiff_deflate"}
    frames[0].save(path, save_all=True, append_images=frames[1:], dpi=(dpi, dpi), **options)


def _save_image(page: Image.Image, path: Path, dpi: int) -> None:
    if path.suffix == ".jpg":
        page.convert("RGB").save(path, quality=95, dpi=(dpi, dpi))
    else:
        page.convert("L" if _is_grey(page) else "RGB").save(path, dpi=(dpi, dpi), compress_level=3)


def write_scan(doc: ScanDocument, out_dir: str | Path, fmt: str = "auto") -> list[Path]:
    """Write ``doc``'s images to ``out_dir/raw``, its gold to ``out_dir/gold`` (when it has one) and append a
    line to ``out_dir/manifest.jsonl``; returns the paths written (images, then gold).  ``fmt``: "auto" (png for
    one page, one multi-page TIFF for several), "tif", "png" or "jpg"; anything else raises G007."""
    if fmt not in SCAN_FORMATS:
        raise CorporaError(f"unknown scan image format {fmt!r}; use one of {', '.join(SCAN_FORMATS)}", code="G007")
    out_dir = Path(out_dir)
    raw = out_dir / "raw"
    raw.mkdir(parents=True, exist_ok=True)
    ext = ("tif" if len(doc.pages) > 1 else "png") if fmt == "auto" else fmt
    if ext == "tif":
        images = [raw / f"{doc.id}.tif"]
        _save_tiff(doc.pages, images[0], doc.dpi)
    else:
        images = [raw / (f"{doc.id}.{ext}" if len(doc.pages) == 1 else f"{doc.id}_p{k}.{ext}")
                  for k in range(1, len(doc.pages) + 1)]
        for page, path in zip(doc.pages, images):
            _save_image(page, path, doc.dpi)
    written = list(images)
    gold_path = None
    if doc.gold:
        (out_dir / "gold").mkdir(parents=True, exist_ok=True)
        gold = {**doc.gold, "file": images[0].name}
        if len(images) > 1:
            gold["pages"] = [p.name for p in images]
        gold_path = out_dir / "gold" / f"{doc.id}.json"
        gold_path.write_text(json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
        written.append(gold_path)
    line = {"id": doc.id, "files": [f"raw/{p.name}" for p in images],
            "gold": f"gold/{gold_path.name}" if gold_path else None, "lang": doc.lang, "family": doc.family,
            "preset": doc.preset, "dpi": doc.dpi, "pages": len(doc.pages), "damage": list(doc.damage)}
    with open(out_dir / "manifest.jsonl", "a", encoding="utf-8") as handle:
        handle.write(json.dumps(line, ensure_ascii=False) + "\n")
    return written


def read_pages(path: str | Path) -> list[Image.Image]:
    """The pages of an image file written by :func:`write_scan` (every frame of a TIFF), as RGB."""
    from PIL import ImageSequence

    with Image.open(path) as img:
        return [frame.convert("RGB") for frame in ImageSequence.Iterator(img)]


def iter_folder_scans(pdf_dir: str | Path, preset: str | DamageSpec, dpi: int | None = None, seed: int = 0,
                      gold_dir: str | Path | None = None) -> Iterator[ScanDocument]:
    """The PDFs of ``pdf_dir`` (e.g. ``corpora/samples/reports/raw``) rasterised and damaged, each with the gold
    of ``gold_dir/<stem>.json`` when there is one.  A folder without PDFs raises G006."""
    spec = get_preset(preset)
    pdfs = sorted(Path(pdf_dir).glob("*.pdf"))
    if not pdfs:
        raise CorporaError(f"no PDF in {pdf_dir}: --from-pdf needs a folder of .pdf files", code="G006")
    dpi = dpi or spec.dpi
    return _folder_scans(pdfs, spec, dpi, seed, Path(gold_dir) if gold_dir else None)


def _folder_scans(pdfs: list[Path], spec: DamageSpec, dpi: int, seed: int,
                  gold_dir: Path | None) -> Iterator[ScanDocument]:
    for path in pdfs:
        pdf = path.read_bytes()
        pages, damage = damage_pages(rasterise_pdf(pdf, dpi), spec, _doc_seed(seed, path.stem, spec.name), dpi=dpi)
        gold_file = gold_dir / f"{path.stem}.json" if gold_dir else None
        gold = json.loads(gold_file.read_text(encoding="utf-8")) if gold_file and gold_file.exists() else {}
        if gold:
            gold = _scan_gold({**gold, "file": _default_name(path.stem, len(pages))}, spec, dpi, path.name)
        yield ScanDocument(path.stem, gold.get("lang", ""), gold.get("family"), spec.name, dpi, pages, pdf, gold,
                           damage)


def scan_folder(pdf_dir: str | Path, out_dir: str | Path, preset: str | DamageSpec = "moderate",
                dpi: int | None = None, seed: int = 0, gold_dir: str | Path | None = None,
                fmt: str = "auto") -> list[Path]:
    """Rasterise and damage every PDF of ``pdf_dir`` into ``out_dir`` (see :func:`write_scan`), copying the gold
    with the matching stem from ``gold_dir``; the folder's manifest is rewritten.  Returns the paths written."""
    if fmt not in SCAN_FORMATS:
        raise CorporaError(f"unknown scan image format {fmt!r}; use one of {', '.join(SCAN_FORMATS)}", code="G007")
    docs = iter_folder_scans(pdf_dir, preset, dpi, seed, gold_dir)
    reset_manifest(out_dir)
    return [path for doc in docs for path in write_scan(doc, out_dir, fmt)]


def reset_manifest(out_dir: str | Path) -> None:
    """Start ``out_dir/manifest.jsonl`` afresh (write_scan appends to it)."""
    (Path(out_dir) / "manifest.jsonl").unlink(missing_ok=True)

