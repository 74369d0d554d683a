import numpy as np
import pytest
import torch
from PIL import Image

from vision.data import CachedImages, Preprocess, eval_transform, read_image, shades_of_gray, train_transform


@pytest.mark.parametrize("shape", [(3, 228, 304), (3, 228, 228), (3, 1024, 768), (3, 90, 120)])
def test_eval_transform_covers_any_aspect_without_padding(shape):
    x = torch.full(shape, 200, dtype=torch.uint8)
    out = eval_transform(Preprocess((150, 200)))(x)
    assert tuple(out.shape) == (3, 150, 200)
    assert torch.allclose(out, out[:, :1, :1].expand_as(out))  # uniform input stays uniform: no black borders


def test_train_transform_shape_and_dtype():
    out = train_transform(Preprocess((64, 80)))(torch.randint(0, 255, (3, 120, 160), dtype=torch.uint8))
    assert out.shape == (3, 64, 80) and out.dtype == torch.float32


def test_shades_of_gray_neutralises_a_colour_cast():
    image = torch.stack([torch.full((8, 8), 200), torch.full((8, 8), 100), torch.full((8, 8), 50)]).to(torch.uint8)
    balanced = shades_of_gray(image).float().mean(dim=(1, 2))
    assert balanced.max() - balanced.min() < 2


def test_read_image_errors_are_coded(tmp_path):
    bad = tmp_path / "x.jpg"
    bad.write_bytes(b"nope")
    with pytest.raises(OSError, match="V020"):
        read_image(bad)


# -- colour constancy, reduce-on-decode and the threaded cache ---------------------------------------------------

def _float64_shades_of_gray(image: torch.Tensor, p: int = 6) -> torch.Tensor:
    """The textbook formula on every pixel in float64 (the reference)."""
    x = image.to(torch.float64)
    illuminant = x.pow(p).mean(dim=(1, 2)).pow(1 / p)
    illuminant = illuminant / illuminant.norm().clamp_min(1e-6) * np.sqrt(3)
    return (x / illuminant.clamp_min(1e-6)[:, None, None]).clamp(0, 255).to(torch.uint8)


def _photo(w: int, h: int, seed: int = 0, cast=(1.1, 0.9, 0.75)) -> np.ndarray:
    """A smooth skin-like HWC uint8 picture with a dark blob and a colour cast."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    blob = np.exp(-(((xx - w / 2) / (w / 5)) ** 2 + ((yy - h / 2) / (h / 5)) ** 2))
    base = np.array([215, 165, 145], np.float32) * (1 - 0.6 * blob[..., None])
    base += 20 * np.sin(xx / 7 + seed)[..., None] * np.sin(yy / 11)[..., None] + rng.normal(0, 6, (h, w, 3))
    return np.clip(base * np.asarray(cast, np.float32), 0, 255).astype(np.uint8)


@pytest.mark.parametrize("p", [1, 6, 12])
@pytest.mark.parametrize("layout", ["chw", "hwc_view"])
def test_shades_of_gray_matches_the_float64_reference(p, layout):
    for seed, (h, w) in enumerate([(57, 83), (228, 304), (1, 1)]):
        hwc = torch.from_numpy(_photo(w, h, seed))
        image = hwc.permute(2, 0, 1)  # the memory layout read_image returns
        if layout == "chw":
            image = image.contiguous()
        out = shades_of_gray(image, p)
        ref = _float64_shades_of_gray(image, p)
        assert out.dtype == torch.uint8 and out.shape == image.shape
        assert out.permute(1, 2, 0).is_contiguous() == image.permute(1, 2, 0).is_contiguous()  # same layout
        diff = (out.int() - ref.int()).abs()
        assert diff.max() <= 1  # only where level / gain lands on an integer within float32 rounding
        assert (diff > 0).float().mean() < 1e-3
        assert torch.equal(image, hwc.permute(2, 0, 1))  # the input is left alone


def test_shades_of_gray_edge_cases_and_other_dtypes():
    black = torch.zeros(3, 5, 7, dtype=torch.uint8)
    assert torch.equal(shades_of_gray(black), black)
    saturated = torch.full((3, 4, 4), 255, dtype=torch.uint8)
    assert torch.equal(shades_of_gray(saturated), saturated)
    image = torch.from_numpy(_photo(40, 30)).permute(2, 0, 1)
    as_float = shades_of_gray(image.float())  # other dtypes: the formula on the whole tensor
    assert as_float.dtype == torch.uint8 and (as_float.int() - shades_of_gray(image).int()).abs().max() <= 1


def _write(path, array: np.ndarray, **save) -> str:
    Image.fromarray(array).save(path, **save)
    return str(path)


def test_read_image_colour_constancy_is_shades_of_gray_of_the_resized_image(tmp_path):
    path = _write(tmp_path / "a.jpg", _photo(300, 220, 3), quality=92)
    plain = read_image(path, 100)
    balanced = read_image(path, 100, colour_constancy=True)
    assert torch.equal(balanced, shades_of_gray(plain))
    assert torch.equal(read_image(path, colour_constancy=True), shades_of_gray(read_image(path)))  # no resize
    assert balanced.stride() == plain.stride()
    means = balanced.float().mean(dim=(1, 2))
    assert means.max() - means.min() < plain.float().mean(dim=(1, 2)).std()  # the cast is evened out


def _drafted_scales(monkeypatch) -> list[int]:
    from PIL import JpegImagePlugin

    scales, draft = [], JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        result = draft(self, mode, size)
        scales.append(self.decoderconfig[0] if self.decoderconfig else 1)
        return result

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)
    return scales


@pytest.mark.parametrize("size, short_side, scale", [((1600, 1200), 100, 4), ((1001, 751), 150, 2), ((480, 640), 64, 2),
                                                     ((600, 450), 228, 1)])
def test_read_image_reduce_on_decode_keeps_the_size(tmp_path, monkeypatch, size, short_side, scale):
    w, h = size
    path = _write(tmp_path / "big.jpg", _photo(w, h, 1), quality=90)
    expected = (3, round(h * short_side / min(w, h)), round(w * short_side / min(w, h)))
    scales = _drafted_scales(monkeypatch)
    fast = read_image(path, short_side)
    assert scales == [scale]  # decoded at 1/scale: at least twice the target, never below it
    full = read_image(path, short_side, reduce_on_decode=False)
    assert tuple(fast.shape) == tuple(full.shape) == expected and fast.dtype == torch.uint8
    diff = (fast.int() - full.int()).abs()
    if scale == 1:
        assert diff.max() == 0
    assert diff.float().mean() < 0.5 and diff.max() <= 4  # rounding-level: a smooth photo, 2x margin
    assert torch.equal(read_image(path), torch.from_numpy(np.array(Image.open(path).convert("RGB"))).permute(2, 0, 1))


def test_read_image_other_modes_become_rgb(tmp_path):
    grey = _write(tmp_path / "g.jpg", _photo(400, 300)[..., 0], quality=90)
    png = _write(tmp_path / "p.png", np.dstack([_photo(80, 60), np.full((60, 80), 255, np.uint8)]))
    assert tuple(read_image(grey, 50).shape) == (3, 50, 67)
    assert tuple(read_image(png, 30, colour_constancy=True).shape) == (3, 30, 40)


def test_cached_images_keeps_the_order_with_workers(tmp_path):
    paths, targets = [], []
    for i in range(23):
        colour = np.array([(37 * i) % 256, (91 * i) % 256, (53 * i + 7) % 256], np.uint8)
        if i == 9:
            (tmp_path / "09.jpg").write_bytes(b"not a jpeg")
            paths.append(tmp_path / "09.jpg")
        else:
            paths.append(tmp_path / f"{i:02d}.png")
            _write(paths[-1], np.broadcast_to(colour, (30 + i % 3, 40, 3)).copy())
        targets.append(i % 3)
    for cc in (False, True):
        pre = Preprocess((16, 16), colour_constancy=cc)
        one = CachedImages(paths, targets, pre, workers=1)
        for workers in (2, 5, None):
            many = CachedImages(paths, targets, pre, workers=workers)
            assert many.keep == one.keep == [i for i in range(23) if i != 9]
            assert many.kept_targets == one.kept_targets == [t for i, t in enumerate(targets) if i != 9]
            assert list(many.broken) == list(one.broken) == [str(paths[9])] and "V020" in many.broken[str(paths[9])]
            assert len(many) == 22 and all(torch.equal(a, b) for a, b in zip(one.images, many.images))
        if not cc:  # each image is its own file's colour, in the order of the paths
            firsts = [tuple(image[:, 0, 0].tolist()) for image in one.images]
            assert firsts == [((37 * i) % 256, (91 * i) % 256, (53 * i + 7) % 256) for i in one.keep]


def test_degrade_loses_resolution_and_keeps_shape():
    from vision.data import RandomDownscale

    torch.manual_seed(0)
    image = torch.randint(0, 255, (3, 120, 160), dtype=torch.uint8)  # noise: all its energy is fine detail
    out = RandomDownscale(1.0)(image)
    assert out.shape == image.shape and out.dtype == torch.uint8
    assert out.float().std() < 0.8 * image.float().std()  # the fine detail is gone
    assert torch.equal(RandomDownscale(0.0)(image), image)
    degraded = train_transform(Preprocess((64, 80)), degrade=1.0)(image)
    assert degraded.shape == (3, 64, 80) and degraded.dtype == torch.float32
