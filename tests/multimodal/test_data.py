from pathlib import Path

import numpy as np

import reportparse
from corpora.images import load_dataset
from corpora.images.fake import write_fake_dataset
from multimodal import ClinicalFeaturizer, LabFeaturizer, SampleFeaturizer
from multimodal.data import Sample, build_matrix, fusion_inputs, load_samples, vision_train_images
from vision.checkpoint import write_split


def test_images_a_vision_run_trained_on_are_left_out_even_from_another_copy(tmp_path):
    """A run trained on another machine lists other paths for the same images: the ids still exclude them."""
    root = write_fake_dataset(tmp_path / "ham", "ham10000", per_class=4, size=(24, 20))
    records = load_dataset(root).records
    trained = records[:5]
    (tmp_path / "run").mkdir()
    write_split(tmp_path / "run", [(r.image_id, f"/elsewhere/images/{r.image_id}.jpg", r.label, 0, "train")
                                   for r in trained] + [(records[5].image_id, "x.jpg", records[5].label, 1, "test")])
    samples = load_samples(root, exclude=vision_train_images(tmp_path / "run"))
    kept = {s.image.stem for s in samples}
    assert len(samples) == len(records) - 5 and len(vision_train_images(tmp_path / "run")) == 5
    assert not kept & {r.image_id for r in trained} and records[5].image_id in kept


def test_build_matrix_is_the_sample_featurizer_fitted_on_all_samples():
    """build_matrix (final model, features.json) and the per-fold SampleFeaturizer give the same layout."""
    report = reportparse.parse_text("Hemoglobin   13.0   g/dL   12.0 - 15.5\n", lang="en")
    samples = [Sample(Path(f"{i}.jpg"), "nevus", i, {"age": 50, "sex": "female", "site": "torso"},
                      report if i % 2 else None) for i in range(4)]
    image = np.full((4, 3), 1 / 3)
    X, modalities, names = build_matrix(samples, image, LabFeaturizer(), ClinicalFeaturizer())
    featurizer = SampleFeaturizer(LabFeaturizer(), ClinicalFeaturizer()).fit(fusion_inputs(samples, image))
    assert np.array_equal(X, featurizer.transform(fusion_inputs(samples, image)), equal_nan=True)
    assert modalities == featurizer.modalities_ and names == list(featurizer.get_feature_names_out())
    assert names[:5] == ["image__0", "image__1", "image__2", "labs__hemoglobin", "labs__hemoglobin__relative"]
    assert list(modalities) == ["image", "labs", "clinical"] and np.isnan(X[0, modalities["labs"]]).all()
