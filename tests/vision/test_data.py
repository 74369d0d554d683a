import pytest
import torch

from vision.data import Preprocess, eval_transform, read_image, shades_of_gray, train_transform


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
