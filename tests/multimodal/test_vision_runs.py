"""multimodal loads vision runs through vision's loader, so a damaged run is one coded error here too (issue 13)."""

import pytest

from multimodal.data import vision_train_images
from multimodal.image_features import ImageFeatureCache
from vision.errors import CheckpointError, WeightsNotFoundError


def test_a_run_without_weights_is_refused_before_any_image_is_read(tmp_path):
    (tmp_path / "run").mkdir()
    with pytest.raises(WeightsNotFoundError, match=r"^\[V053\] the run .*run has no model.safetensors"):
        ImageFeatureCache(tmp_path / "run", tmp_path / "cache")


def test_a_run_without_its_split_does_not_silently_keep_its_training_images(tmp_path):
    (tmp_path / "run").mkdir()
    with pytest.raises(CheckpointError, match=r"^\[V058\] .*split.csv: missing"):
        vision_train_images(tmp_path / "run")


def test_images_that_cannot_be_opened_get_nan_rows_and_the_others_their_features(tmp_path):
    import numpy as np

    from corpora.images.damaged import lesion
    from vision.checkpoint import save_model
    from vision.models import create_model

    config = {"model": "cnd_tiny", "classes": ["nevus", "pigmented benign keratosis", "melanoma"],
              "preprocess": {"input_size": [32, 32], "mean": [0.5, 0.5, 0.5], "std": [0.25, 0.25, 0.25]}}
    save_model(create_model("cnd_tiny"), tmp_path / "run", config)
    lesion().save(tmp_path / "good.jpg")
    (tmp_path / "folder.jpg").mkdir()
    cache = ImageFeatureCache(tmp_path / "run", tmp_path / "cache")
    rows = cache.features([tmp_path / "good.jpg", tmp_path / "missing.jpg", tmp_path / "folder.jpg"])
    assert np.isfinite(rows[0]).all() and np.isnan(rows[1:]).all()
    assert len(np.load(cache.path).files) == 1  # only the readable image is cached
