import pytest
import torch

from vision.augment import BatchAugment, normalise, stack_images
from vision.data import Preprocess


def _images(n=4, h=30, w=40):
    return torch.randint(0, 256, (n, 3, h, w), dtype=torch.uint8, generator=torch.Generator().manual_seed(0))


def test_stack_images_fits_odd_shapes_to_the_common_one():
    images = list(_images(3)) + [torch.zeros(3, 40, 40, dtype=torch.uint8)]
    stacked = stack_images(images)
    assert stacked.shape == (4, 3, 30, 40) and stacked.dtype == torch.uint8
    assert torch.equal(stacked[0], images[0])
    with pytest.raises(ValueError, match="V031"):
        stack_images([])


def test_output_shape_and_determinism_by_generator():
    pre = Preprocess((24, 32))
    augment = BatchAugment(pre)
    x = _images(6)
    a = augment(x, torch.Generator().manual_seed(1))
    b = augment(x, torch.Generator().manual_seed(1))
    c = augment(x, torch.Generator().manual_seed(2))
    assert a.shape == (6, 3, 24, 32) and a.dtype == torch.float32
    assert torch.equal(a, b) and not torch.equal(a, c)
    assert torch.isfinite(a).all()


def test_without_jitter_and_full_crop_it_is_a_resize_or_a_flip():
    """strength 0 and a crop of the whole image: each output is the image itself or one of its flips."""
    pre = Preprocess((30, 40), mean=(0, 0, 0), std=(1, 1, 1))
    augment = BatchAugment(pre, strength=0.0, scale=(1.0, 1.0), ratio=(4 / 3, 4 / 3))
    x = _images(8)
    out = augment(x, torch.Generator().manual_seed(0))
    source = x.float() / 255
    for image, result in zip(source, out):
        candidates = [image, image.flip(-1), image.flip(-2), image.flip(-1).flip(-2)]
        assert min((result - c).abs().max().item() for c in candidates) < 1e-4


def test_colour_jitter_keeps_values_in_range_and_changes_colour():
    pre = Preprocess((30, 40), mean=(0, 0, 0), std=(1, 1, 1))
    x = _images(8)
    plain = BatchAugment(pre, strength=0.0, scale=(1.0, 1.0), ratio=(4 / 3, 4 / 3))(x, torch.Generator().manual_seed(0))
    jittered = BatchAugment(pre, strength=1.0, scale=(1.0, 1.0), ratio=(4 / 3, 4 / 3))
    out = jittered(x, torch.Generator().manual_seed(0))
    assert out.min() >= 0 and out.max() <= 1
    assert (out.mean((1, 2, 3)) - plain.mean((1, 2, 3))).abs().max() > 1e-3


def test_normalise_matches_torchvision():
    from torchvision.transforms import v2

    pre = Preprocess((30, 40))
    x = _images(2)
    expected = v2.Normalize(pre.mean, pre.std)(v2.ToDtype(torch.float32, scale=True)(x))
    assert torch.allclose(normalise(x, pre), expected, atol=1e-6)


def test_degrade_blurs_a_share_of_the_batch_deterministically():
    pre = Preprocess((30, 40), mean=(0, 0, 0), std=(1, 1, 1))
    x = _images(16)
    plain = BatchAugment(pre, strength=0.0, scale=(1.0, 1.0), ratio=(4 / 3, 4 / 3))
    degraded = BatchAugment(pre, strength=0.0, scale=(1.0, 1.0), ratio=(4 / 3, 4 / 3), degrade=1.0)
    a = plain(x, torch.Generator().manual_seed(3))
    b = degraded(x, torch.Generator().manual_seed(3))
    assert torch.equal(b, degraded(x, torch.Generator().manual_seed(3)))
    # the same crops and flips, but every image lost its finest detail (pixel-to-pixel differences shrink)
    detail = lambda t: (t[..., 1:] - t[..., :-1]).abs().mean().item()  # noqa: E731
    assert detail(b) < 0.8 * detail(a)
