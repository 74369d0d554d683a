from corpora.images import load_dataset
from corpora.images.fake import write_fake_dataset
from multimodal.data import load_samples, vision_train_images
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
