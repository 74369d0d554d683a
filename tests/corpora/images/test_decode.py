"""corpora's image reader: every file a dataset can hold ends as 8-bit RGB or one named problem (issue 13)."""

import numpy as np
import pytest
from PIL import Image

from corpora.errors import BrokenImageError
from corpora.images import load_dataset
from corpora.images.checks import check_image, check_images
from corpora.images.damaged import damaged_cases, encode, lesion, png_bytes
from corpora.images.decode import PROBLEMS, ImageLimits, ImageProblem, read_rgb
from corpora.images.fake import write_fake_dataset
from corpora.images.torch_dataset import load_rgb

CASES = damaged_cases()


def test_every_case_expects_a_known_outcome():
    assert {case.expect for case in CASES} <= {"ok", *PROBLEMS}
    assert set(PROBLEMS) <= {case.expect for case in CASES}  # every problem has a case


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_read_rgb_gives_a_picture_or_the_expected_problem(case, tmp_path):
    path = case.write(tmp_path)
    if case.expect == "ok":
        image = read_rgb(path)
        assert image.mode == "RGB" and image.size == case.size
        return
    with pytest.raises(ImageProblem) as info:
        read_rgb(path)
    assert info.value.kind == case.expect and info.value.detail and str(info.value).endswith(info.value.hint)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_check_image_and_load_rgb_agree_with_read_rgb(case, tmp_path):
    path = case.write(tmp_path)
    full = check_image(path, "full")
    header = check_image(path, "header")
    if case.expect == "ok":
        assert full is None and header is None
        assert load_rgb(path).mode == "RGB"
        return
    assert full is not None
    if case.expect != "damaged":  # the header check finds everything but damaged pixel data
        assert header is not None
    with pytest.raises(BrokenImageError, match=r"^\[D002\] cannot read image "):
        load_rgb(path)


def test_issue_13_a_tiny_png_declaring_20000x20000_pixels_is_refused_before_decoding(tmp_path):
    path = tmp_path / "bomb.png"
    path.write_bytes(png_bytes(20000, 20000, 2, 8, b""))
    assert path.stat().st_size < 100
    with pytest.raises(ImageProblem) as info:
        read_rgb(path)
    assert info.value.kind == "too_large" and "400,000,000 pixels" in info.value.detail


def test_our_pixel_limit_applies_below_pillows(tmp_path):
    path = tmp_path / "lesion.png"
    path.write_bytes(encode(lesion(), "PNG"))
    assert read_rgb(path).size == (64, 48)
    with pytest.raises(ImageProblem, match=r"64x48 = 3,072 pixels, over the limit of 3,000") as info:
        read_rgb(path, ImageLimits(max_pixels=3000))
    assert info.value.kind == "too_large"
    with pytest.raises(ImageProblem, match=r"under 50 on a side"):
        read_rgb(path, ImageLimits(min_side=50))


def test_16_bit_grey_keeps_its_high_byte(tmp_path):
    levels = np.arange(64 * 48, dtype=np.uint16).reshape(48, 64) * 21  # 0 ... 64491
    path = tmp_path / "grey16.png"
    Image.fromarray(levels).save(path)
    assert Image.open(path).mode == "I;16"
    pixels = np.asarray(read_rgb(path))
    assert np.array_equal(pixels[..., 0], (levels >> 8).astype(np.uint8))
    assert np.array_equal(pixels[..., 0], pixels[..., 2]) and pixels.max() == 64491 >> 8  # not clipped to white


def test_transparency_is_composited_on_black(tmp_path):
    rgba = np.zeros((48, 64, 4), dtype=np.uint8)
    rgba[..., :3] = 255  # white, but fully transparent on the left half
    rgba[:, 32:, 3] = 255
    path = tmp_path / "cutout.png"
    Image.fromarray(rgba, "RGBA").save(path)
    pixels = np.asarray(read_rgb(path))
    assert (pixels[:, :32] == 0).all() and (pixels[:, 32:] == 255).all()


def test_exif_orientation_is_applied(tmp_path):
    picture = lesion()
    exif = Image.Exif()
    exif[0x0112] = 6
    path = tmp_path / "rotated.jpg"
    picture.save(path, exif=exif, quality=95)
    plain = tmp_path / "plain.jpg"
    picture.save(plain, quality=95)
    upright = np.asarray(read_rgb(path), dtype=np.int16)
    expected = np.asarray(read_rgb(plain).transpose(Image.Transpose.ROTATE_270), dtype=np.int16)
    assert upright.shape == (64, 48, 3) and np.abs(upright - expected).max() <= 2


def test_a_dataset_keeps_every_good_image_and_lists_the_bad_ones(tmp_path):
    root = write_fake_dataset(tmp_path / "data", "class_folders", per_class=2, size=(48, 40))
    good = load_dataset(root, verify="full")
    folder = root / "Train" / "nevus"
    bad = {}
    for case in CASES:
        if case.expect not in ("ok", "unreadable_file"):  # folders and pipes are not listed as image files
            case_dir = tmp_path / "cases" / case.name
            case_dir.mkdir(parents=True)
            path = case.write(case_dir)
            if path.suffix.lower() in (".jpg", ".png", ".tif", ".webp", ".bmp"):
                bad[case.name] = path.replace(folder / f"{case.name}{path.suffix}")
    dataset = load_dataset(root, verify="full")
    assert len(dataset) == len(good) and len(bad) >= 12
    issues = {issue.item: issue for issue in dataset.issues if issue.code == "D002"}
    assert set(issues) == {str(p) for p in bad.values()}
    assert check_images(list(bad.values()), "header").keys() <= set(bad.values())
