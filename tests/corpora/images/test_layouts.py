import csv
import shutil

import pytest

from corpora.images import CLASSES, detect_layout, load_dataset
from corpora.images.fake import write_fake_dataset

LAYOUTS = ["ham10000", "isic2019", "class_folders", "isic_archive"]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_each_layout_loads(tmp_path, layout):
    root = write_fake_dataset(tmp_path / layout, layout, per_class=4)
    assert detect_layout(root) == layout
    dataset = load_dataset(root)
    assert dataset.layout == layout and len(dataset) == 12 and dataset.issues == []
    assert {r.label for r in dataset} == set(CLASSES)
    assert all(r.image.exists() and r.source == layout for r in dataset)
    if layout != "class_folders":
        assert all(r.lesion_id for r in dataset)
        assert {r.sex for r in dataset} <= {"male", "female", None}
    if layout == "isic2019":
        assert not any(r.image_id.endswith("_downsampled") for r in dataset)
    if layout == "isic_archive":
        assert all(r.patient_id for r in dataset)


def test_ham_metadata_fields(tmp_path):
    dataset = load_dataset(write_fake_dataset(tmp_path / "h", "ham10000", per_class=3))
    record = dataset[0]
    assert record.diagnosis in ("nv", "bkl", "mel") and record.site in (None, "posterior torso", "head/neck",
                                                                          "lower extremity", "torso",
                                                                          "upper extremity", "anterior torso")
    assert all(r.age is None or 0 <= r.age <= 120 for r in dataset)


def test_problems_are_counted_not_fatal(tmp_path):
    root = write_fake_dataset(tmp_path / "h", "ham10000", per_class=4)
    images = sorted((root / "images").glob("*.jpg"))
    data = images[0].read_bytes()
    images[0].write_bytes(data[: len(data) // 2])  # truncated JPEG
    images[1].write_bytes(b"this is not an image")  # unreadable
    images[2].unlink()  # row without image
    shutil.copy(images[3], root / "images" / "ORPHAN_0001.jpg")  # image without row
    rows = list(csv.reader(open(root / "HAM10000_metadata.csv")))
    rows.append(rows[5])  # duplicate id
    rows.append(["HAM_9", "ISIC_9", "bcc", "histo", "50", "male", "back"])  # other diagnosis
    rows.append(["HAM_8", "ISIC_8", "", "histo", "50", "male", "back"])  # missing diagnosis
    with open(root / "HAM10000_metadata.csv", "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    dataset = load_dataset(root)
    assert dataset.issue_counts() == {"D001": 1, "D002": 2, "D003": 1, "D004": 1, "D005": 1, "D006": 1}
    assert len(dataset) == 12 - 3
    kept = load_dataset(root, others="keep")
    assert "other" in kept.classes and kept.issue_counts()["D001"] == 2  # the kept "other" row has no image


def test_isic2019_rows_without_a_single_label(tmp_path):
    root = write_fake_dataset(tmp_path / "i", "isic2019", per_class=2)
    path = root / "ISIC_2019_Training_GroundTruth.csv"
    rows = list(csv.reader(open(path)))
    rows[1][1:] = ["0.0"] * (len(rows[1]) - 1)
    with open(path, "w", newline="") as handle:
        csv.writer(handle).writerows(rows)
    assert load_dataset(root).issue_counts() == {"D007": 1}


def test_unknown_folder(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(ValueError, match="D100"):
        load_dataset(tmp_path / "empty")
    with pytest.raises(FileNotFoundError, match="D101"):
        load_dataset(tmp_path / "nope")


def test_torch_view(tmp_path):
    dataset = load_dataset(write_fake_dataset(tmp_path / "h", "ham10000", per_class=2, size=(32, 24)))
    view = dataset.torch()
    x, y = view[0]
    assert tuple(x.shape) == (3, 24, 32) and 0.0 <= float(x.min()) and float(x.max()) <= 1.0
    assert y == CLASSES.index(dataset[0].label)


def test_real_ham10000(tmp_path):
    from tests.conftest import SHARED

    root = SHARED / "ham10000-dev"
    if not root.is_dir():
        pytest.skip("../shared/data/ham10000-dev is not available")
    dataset = load_dataset(root, verify="header")
    assert len(dataset) == 6196 and dataset.issues == []
    assert dataset.describe()["per_class"] == {"nevus": 4661, "pigmented benign keratosis": 758, "melanoma": 777}


def test_dataset_by_name(tmp_path, monkeypatch):
    write_fake_dataset(tmp_path / "store" / "my-clinic", "class_folders", per_class=2)
    monkeypatch.setenv("DERMALAB_DATA", str(tmp_path / "store"))
    assert len(load_dataset("my-clinic")) == 6
