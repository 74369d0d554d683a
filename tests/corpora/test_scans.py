import dataclasses
import inspect
import json

import numpy as np
import pytest
from PIL import Image

from corpora.errors import CorporaError
from corpora.scans import (DAMAGES, PRESETS, SINGLE_DAMAGE_PRESETS, DamageSpec, damage_pages, generate_scans,
                           rasterise_pdf, read_pages, scan_folder, step, write_scan)
from corpora.scans import damage as dmg

DPI = 100  # low enough to keep the file fast, high enough for 8-9 pt text to stay text


@pytest.fixture(scope="module")
def doc():
    return next(generate_scans(1, lang="en", seed=3, preset="clean", dpi=DPI))


@pytest.fixture(scope="module")
def page(doc):
    return doc.pages[0]


def rng(seed=0):
    return np.random.default_rng(seed)


def grey(img):
    return np.asarray(img.convert("L"), dtype=np.float32)


def detail(img):
    """High-frequency energy: mean squared difference of neighbouring pixels."""
    g = grey(img)
    return float((np.diff(g, axis=0) ** 2).mean() + (np.diff(g, axis=1) ** 2).mean())


def changed(a, b):
    return np.abs(np.asarray(a, np.int16) - np.asarray(b, np.int16)).max(axis=2) > 8


# -- presets are data ----------------------------------------------------------------------------------------

def test_presets_are_frozen_data_naming_known_damages_with_accepted_parameters():
    required = {"clean", "moderate", "blur", "noise", "jpeg", "skew", "perspective", "lighting", "fax", "stamp",
                "handwriting", "photo", "fax_full"}
    assert required <= set(PRESETS) and set(SINGLE_DAMAGE_PRESETS) <= set(PRESETS)
    for name, spec in PRESETS.items():
        assert isinstance(spec, DamageSpec) and spec.name == name and spec.description
        hash(spec)  # frozen all the way down: tuples, no dicts
        for st in spec.steps:
            accepted = inspect.signature(DAMAGES[st.damage]).parameters
            assert set(st.kwargs) <= set(accepted), (name, st)
    for name in SINGLE_DAMAGE_PRESETS:
        assert len(PRESETS[name].steps) == 1 and PRESETS[name].dpi == PRESETS["clean"].dpi
    assert PRESETS["clean"].steps == () and PRESETS["clean"].dpi == 300
    moderate = PRESETS["moderate"]
    assert moderate.dpi == 200 and [s.damage for s in moderate.steps] == ["skew", "gaussian_noise", "jpeg"]
    assert dict(moderate.steps[0].params)["degrees"] == (-3.0, 3.0) and moderate.steps[2].kwargs["quality"] == 60
    with pytest.raises(dataclasses.FrozenInstanceError):
        moderate.dpi = 100


def test_unknown_preset_and_format_are_coded_errors(doc, tmp_path):
    with pytest.raises(CorporaError, match=r"^\[G005\] unknown damage preset 'nope'") as info:
        generate_scans(1, lang="en", preset="nope")  # at the call, not at the first report
    assert info.value.code == "G005"
    with pytest.raises(CorporaError, match=r"G005"):
        damage_pages(doc.pages, "nope", 0)
    with pytest.raises(CorporaError, match=r"^\[G007\] unknown scan image format 'bmp'"):
        write_scan(doc, tmp_path, "bmp")
    (tmp_path / "empty").mkdir()
    with pytest.raises(CorporaError, match=r"^\[G006\] no PDF in"):
        scan_folder(tmp_path / "empty", tmp_path / "out", "clean")


# -- each damage does what it says -----------------------------------------------------------------------------

def test_gaussian_and_motion_blur_remove_detail_motion_along_its_direction(page):
    blurred, drawn = dmg.gaussian_blur(page, rng(), DPI, sigma_mm=0.3)
    assert drawn == {"sigma_mm": 0.3} and detail(blurred) < 0.5 * detail(page)
    moved, drawn = dmg.motion_blur(page, rng(), DPI, length_mm=2.0, angle=0.0)
    g0, g1 = grey(page), grey(moved)
    along = (np.diff(g1, axis=1) ** 2).mean() / (np.diff(g0, axis=1) ** 2).mean()
    across = (np.diff(g1, axis=0) ** 2).mean() / (np.diff(g0, axis=0) ** 2).mean()
    assert moved.size == page.size and along < 0.6 and along < across


def test_gaussian_noise_has_the_drawn_sigma():
    flat = Image.new("RGB", (200, 150), (128, 128, 128))
    noisy, drawn = dmg.gaussian_noise(flat, rng(), DPI, sigma=(8.0, 12.0))
    assert 8.0 <= drawn["sigma"] <= 12.0
    assert grey(noisy).std() == pytest.approx(drawn["sigma"], rel=0.1)
    arr = np.asarray(noisy)
    assert (arr[..., 0] == arr[..., 2]).all()  # luminance noise: a grey page stays grey


def test_salt_and_pepper_sets_a_small_share_black_or_white():
    flat = Image.new("RGB", (300, 300), (128, 128, 128))
    specked, drawn = dmg.salt_pepper(flat, rng(), 254, amount=0.01, size_mm=0.2)  # 2 px specks
    values = grey(specked)
    hit = values != 128
    assert set(np.unique(values[hit])) == {0.0, 255.0}
    assert hit.mean() == pytest.approx(0.01, rel=0.1)  # amount: the share of the page's 2x2 speck cells
    assert hit.sum() == pytest.approx(4 * drawn["specks"], rel=0.05)


def test_jpeg_at_q60_is_smaller_than_at_q95_and_changes_pixels(page):
    noisy, _ = dmg.gaussian_noise(page, rng(), DPI, sigma=6.0)
    q60, drawn = dmg.jpeg(noisy, rng(), DPI, quality=60)
    _, best = dmg.jpeg(noisy, rng(), DPI, quality=95)
    assert drawn["quality"] == 60 and drawn["bytes"] < 0.6 * best["bytes"]
    diff = np.abs(grey(q60) - grey(noisy))
    assert diff.max() > 10 and diff.mean() < 8  # artefacts, not a different page


def _skew_angle(img, candidates=np.arange(-5.0, 5.01, 0.1)):
    """The angle that makes text lines horizontal: the sharpest row profile of the ink, each ink pixel's row
    sheared back by x * tan(angle) (a counter-clockwise rotation lifts the right end of a line)."""
    ys, xs = np.nonzero(grey(img) < 128)
    xs = xs - img.width / 2
    scores = [np.var(np.bincount(np.round(ys + xs * np.tan(np.radians(a))).astype(int) + img.width))
              for a in candidates]
    return float(candidates[int(np.argmax(scores))])


@pytest.mark.parametrize("degrees", [-2.5, 1.5])
def test_skew_by_d_degrees_is_measured_by_the_projection_profile(page, degrees):
    skewed, drawn = dmg.skew(page, rng(), DPI, degrees=degrees)
    assert drawn == {"degrees": degrees} and skewed.size == page.size
    assert _skew_angle(page) == pytest.approx(0.0, abs=0.05)
    assert _skew_angle(skewed) == pytest.approx(degrees, abs=0.3)
    assert np.asarray(skewed)[0, 0].tolist() == [255, 255, 255]  # white scanner bed in the corner


def test_perspective_shows_the_desk_around_a_warped_page(page):
    warped, drawn = dmg.perspective(page, rng(1), DPI, inset=0.05, keystone=0.05)
    desk = tuple(drawn["desk"])
    arr = np.asarray(warped)
    for y, x in ((0, 0), (0, -1), (-1, 0), (-1, -1)):
        assert tuple(arr[y, x]) == desk
    (tlx, tly), (trx, _), (brx, _), (blx, _) = drawn["corners"]
    assert trx - tlx < brx - blx  # keystone: the far (top) edge is narrower
    assert tuple(arr[arr.shape[0] // 2, arr.shape[1] // 2]) != desk


def test_lighting_darkens_unevenly_and_smoothly():
    white = Image.new("RGB", (400, 560), (255, 255, 255))
    lit, drawn = dmg.lighting(white, rng(), DPI, gradient=0.3, vignette=0.2, shadow=0.3, warmth=0.05)
    g = grey(lit)
    assert g.max() - g.min() > 40 and g.mean() < 235
    assert np.abs(np.diff(g, axis=1)).max() < 6  # a light field, not texture
    arr = np.asarray(lit, dtype=float)
    assert arr[..., 2].mean() < arr[..., 0].mean()  # warm light


@pytest.mark.parametrize("dither", [False, True])
def test_binarise_leaves_two_grey_levels(page, dither):
    lit, _ = dmg.lighting(page, rng(), DPI, gradient=0.2, vignette=0.1, shadow=0.2, warmth=0.0)
    bw, drawn = dmg.binarise(lit, rng(), DPI, threshold=0.5, dither=dither)
    assert set(np.unique(np.asarray(bw))) == {0, 255} and drawn["dither"] is dither


def test_downscale_keeps_the_size_and_loses_detail_fax_rows_come_in_pairs(page):
    low, drawn = dmg.downscale(page, rng(), DPI, to_dpi=50.0)
    assert low.size == page.size and detail(low) < 0.7 * detail(page)
    fax, drawn = dmg.downscale(page, rng(), DPI, to_dpi=float(DPI), vertical_dpi=DPI / 2, restore="nearest")
    g = grey(fax)[: page.height // 2 * 2]
    assert drawn["vertical_dpi"] == DPI / 2 and (g[0::2] == g[1::2]).mean() > 0.98


def test_paper_yellows_and_textures_without_hiding_the_print(page):
    aged, _ = dmg.paper(page, rng(), DPI, yellowing=0.12, texture=0.04)
    arr = np.asarray(aged, dtype=float)
    assert arr[..., 2].mean() < arr[..., 1].mean() < arr[..., 0].mean()
    assert np.abs(grey(aged) - grey(page)).mean() < 15
    assert (grey(aged) < 100).mean() == pytest.approx((grey(page) < 100).mean(), rel=0.1)


def _chroma(img):
    arr = np.asarray(img, dtype=np.int16)
    return arr.max(axis=2) - arr.min(axis=2)


def test_stamp_inks_a_coloured_fraction_of_the_page_over_the_text(page):
    stamped, drawn = dmg.stamp(page, rng(2), DPI, count=1, opacity=0.8, diameter_mm=35.0)
    inked = changed(page, stamped)
    assert 0.003 < inked.mean() < 0.08
    assert (_chroma(stamped)[inked] > 20).mean() > 0.5  # ink colour, not grey
    (info,) = drawn["stamps"]
    cx, cy = info["centre"]
    boxes = dmg.word_boxes(page, DPI)
    nearest = min(np.hypot((x0 + x1) / 2 - cx, (y0 + y1) / 2 - cy) for x0, y0, x1, y1 in boxes)
    assert nearest < dmg._px(35.0, DPI)  # over the printed text, not in an empty margin
    assert info["shape"] in {"round", "box"} and 0 < info["opacity"] <= 1


def test_handwriting_marks_touch_only_a_small_fraction_near_printed_values(page):
    marked, drawn = dmg.handwriting(page, rng(4), DPI, marks=5, width_mm=0.5)
    inked = changed(page, marked)
    assert 0.0001 < inked.mean() < 0.03  # five 0.5 mm strokes at 100 dpi: ~0.05% of the page
    assert len(drawn["marks"]) == 5
    assert {m["kind"] for m in drawn["marks"]} <= {"circle", "underline", "tick", "scribble"}
    ys, xs = np.nonzero(inked)
    assert ys.min() > 0 and xs.min() > 0  # pen marks on the page, around boxes of print


def test_fax_header_writes_only_the_top_band(page):
    headed, drawn = dmg.fax_header(page, rng(), DPI)
    rows = np.nonzero(changed(page, headed).any(axis=1))[0]
    assert len(rows) and rows.max() < dmg._px(7.0, DPI) and "/" in drawn["text"]


def test_every_damage_returns_an_rgb_page_of_the_same_size_and_json_ready_parameters(page):
    for name, func in DAMAGES.items():
        out, drawn = func(page, rng(), DPI)
        assert out.mode == "RGB" and out.size == page.size, name
        json.dumps(drawn)


# -- determinism, gold, files, CLI -----------------------------------------------------------------------------

def test_damage_is_deterministic_by_seed_and_per_page(doc):
    a, da = damage_pages(doc.pages, "moderate", 7, dpi=DPI)
    b, db = damage_pages(doc.pages, "moderate", 7, dpi=DPI)
    c, dc = damage_pages(doc.pages, "moderate", 8, dpi=DPI)
    assert da == db and all(np.array_equal(np.asarray(x), np.asarray(y)) for x, y in zip(a, b))
    assert dc != da and not np.array_equal(np.asarray(a[0]), np.asarray(c[0]))
    first, _ = damage_pages(doc.pages[:1], "moderate", 7, dpi=DPI)
    assert np.array_equal(np.asarray(first[0]), np.asarray(a[0]))  # a page draws from its own generator
    custom = DamageSpec("mine", DPI, (step("skew", degrees=1.0),), "a spec of one's own")
    _, dd = damage_pages(doc.pages[:1], custom, 0)
    assert dd[0]["steps"] == [{"damage": "skew", "degrees": 1.0}]


def test_generated_scans_are_deterministic_and_carry_the_native_report_gold(doc):
    from corpora.reports.generator import generate_corpus

    again = next(generate_scans(1, lang="en", seed=3, preset="clean", dpi=DPI))
    assert np.array_equal(np.asarray(again.pages[0]), np.asarray(doc.pages[0])) and again.gold == doc.gold
    report, fmt = next(generate_corpus(1, lang="en", seed=3, formats=("pdf",)))
    native = report.gold(f"{report.id}.pdf")
    assert doc.id == report.id and doc.family == report.layout.family and fmt == "pdf"
    assert doc.gold["values"] == native["values"] and doc.gold["patient"] == native["patient"]
    assert doc.gold["scan"] == {"preset": "clean", "dpi": DPI, "source_pdf": f"{report.id}.pdf"}
    assert doc.pdf.startswith(b"%PDF-") and len(doc.pages) == len(rasterise_pdf(doc.pdf, 36))


def _two_pages(doc):
    if len(doc.pages) > 1:
        return doc
    return dataclasses.replace(doc, pages=(doc.pages[0], doc.pages[0].rotate(180)),
                               damage=doc.damage + ({"page": 2, "steps": []},))


def test_multipage_tiff_round_trips_and_the_gold_stem_is_the_image_stem(doc, tmp_path):
    from reportparse.evaluate import load_gold

    two = _two_pages(doc)
    image, gold = write_scan(two, tmp_path)  # auto: several pages -> one TIFF
    assert image.name == f"{two.id}.tif" and gold.name == f"{two.id}.json"
    pages = read_pages(image)
    assert len(pages) == 2 and all(np.array_equal(np.asarray(p), np.asarray(q)) for p, q in zip(pages, two.pages))
    with Image.open(image) as tif:
        assert tif.info["dpi"] == pytest.approx((DPI, DPI))
    assert list(load_gold(tmp_path / "gold")) == [image.stem]
    line = json.loads((tmp_path / "manifest.jsonl").read_text())
    assert line["files"] == [f"raw/{image.name}"] and line["pages"] == 2 and line["preset"] == "clean"
    assert len(line["damage"]) == 2 and line["family"] == doc.family


def test_black_and_white_tiff_is_stored_one_bit(doc, tmp_path):
    bw = dataclasses.replace(doc, pages=tuple(dmg.binarise(p, rng(), DPI, threshold=0.5)[0] for p in doc.pages))
    (image, _) = write_scan(bw, tmp_path, "tif")
    with Image.open(image) as tif:
        assert tif.mode == "1" and tif.info.get("compression") == "group4"
    assert np.array_equal(np.asarray(read_pages(image)[0]), np.asarray(bw.pages[0]))


def test_png_and_jpg_write_one_file_per_page(doc, tmp_path):
    two = _two_pages(doc)
    *images, gold = write_scan(two, tmp_path, "jpg")
    assert [p.name for p in images] == [f"{two.id}_p1.jpg", f"{two.id}_p2.jpg"]
    data = json.loads(gold.read_text())
    assert data["file"] == images[0].name and data["pages"] == [p.name for p in images]
    one = dataclasses.replace(doc, pages=doc.pages[:1], damage=doc.damage[:1])
    assert [p.name for p in write_scan(one, tmp_path / "one", "png")] == [f"{doc.id}.png", f"{doc.id}.json"]


def test_cli_writes_scans_gold_and_manifest(tmp_path, capsys):
    from corpora.cli import main

    out = tmp_path / "s"
    assert main(["scans", "--out", str(out), "--n", "2", "--lang", "en", "--dpi", str(DPI), "-q"]) == 0
    golds = sorted(p.stem for p in (out / "gold").glob("*.json"))
    images = sorted(p.stem for p in (out / "raw").iterdir())
    assert len(golds) == 2 and golds == images
    lines = [json.loads(x) for x in (out / "manifest.jsonl").read_text().splitlines()]
    assert [x["preset"] for x in lines] == ["moderate", "moderate"] and all(x["dpi"] == DPI for x in lines)
    assert lines[0]["damage"][0]["steps"][0]["damage"] == "skew"
    assert main(["scans", "--out", str(out), "--n", "2", "--lang", "en", "--dpi", str(DPI), "-q"]) == 0
    assert len((out / "manifest.jsonl").read_text().splitlines()) == 2  # rewritten, not appended to
    assert main(["scans", "--out", str(tmp_path / "x"), "--preset", "nope", "-q"]) == 2
    assert "[G005]" in capsys.readouterr().err
    assert main(["scans", "--list-presets"]) == 0
    assert "fax_full" in capsys.readouterr().out


def test_cli_damages_the_bundled_sample_pdfs_with_their_gold(tmp_path):
    from corpora.cli import main
    from corpora.reports.samples import SAMPLES_DIR

    samples = SAMPLES_DIR / "raw" if (SAMPLES_DIR / "raw").is_dir() else SAMPLES_DIR
    gold_dir = samples.parent / "gold"
    out = tmp_path / "f"
    assert main(["scans", "--out", str(out), "--from-pdf", str(samples), "--gold", str(gold_dir),
                 "--preset", "fax", "--dpi", "72", "-q"]) == 0
    stems = sorted(p.stem for p in samples.glob("*.pdf"))
    assert sorted(p.stem for p in (out / "raw").iterdir()) == stems
    assert sorted(p.stem for p in (out / "gold").glob("*.json")) == stems
    for stem in stems:
        copied = json.loads((out / "gold" / f"{stem}.json").read_text())
        original = json.loads((gold_dir / f"{stem}.json").read_text())
        assert copied["values"] == original["values"] and copied["scan"]["preset"] == "fax"
        assert copied["file"].rsplit(".", 1)[0] == stem
