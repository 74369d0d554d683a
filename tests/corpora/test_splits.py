from dataclasses import replace

import numpy as np
import pytest

from corpora.images import load_dataset
from corpora.images.fake import write_fake_dataset
from corpora.splits import (LeakageError, SplitError, check_no_leakage, group_ids, kfold, phash_groups,
                            train_val_test_split)


@pytest.fixture()
def dataset(tmp_path):
    return load_dataset(write_fake_dataset(tmp_path / "h", "ham10000", per_class=20, images_per_lesion=2))


def test_kfold_is_grouped_stratified_and_deterministic(dataset):
    folds = kfold(dataset, 5, seed=1)
    groups = group_ids(dataset.records)
    assert sorted(np.concatenate([te for _, te in folds]).tolist()) == list(range(len(dataset)))
    for train, test in folds:
        assert not set(groups[train]) & set(groups[test])
        assert len(set(np.asarray(dataset.labels)[test])) == 3
    again = kfold(dataset, 5, seed=1)
    assert all((a[1] == b[1]).all() for a, b in zip(folds, again))
    assert any((a[1] != b[1]).any() for a, b in zip(folds, kfold(dataset, 5, seed=2)))


def test_train_val_test(dataset):
    split = train_val_test_split(dataset, val=0.2, test=0.2, seed=0)
    groups = group_ids(dataset.records)
    check_no_leakage(groups, split.train, split.val, split.test)
    assert len(split.train) + len(split.val) + len(split.test) == len(dataset)
    assert len(split.test) > 0 and len(split.val) > 0
    train, val, test = split.datasets(dataset)
    assert len(train) == len(split.train)


def test_patients_join_lesions(dataset):
    records = [replace(r, patient_id="P1") if i < 4 else r for i, r in enumerate(dataset.records)]
    groups = group_ids(records)
    assert len(set(groups[:4])) == 1


def test_too_few_lesions_for_the_split_is_a_coded_error(tmp_path):
    small = load_dataset(write_fake_dataset(tmp_path / "s", "ham10000", per_class=4))
    with pytest.raises(SplitError, match=r"\[S001\].*lesions per class"):
        train_val_test_split(small, val=0.15, test=0.15)
    split = train_val_test_split(small, val=0.34, test=0.34)  # larger parts: fewer lesions needed per class
    assert len(split.train) and len(split.val) and len(split.test)


def test_leak_is_detected():
    with pytest.raises(LeakageError):
        check_no_leakage(np.array([0, 0, 1]), np.array([0]), np.array([1, 2]))


def test_phash_groups_join_duplicates(dataset, tmp_path):
    pytest.importorskip("imagehash")
    first = dataset.records[0]
    copy = tmp_path / "dup.jpg"
    copy.write_bytes(first.image.read_bytes())
    records = dataset.records + [replace(first, image=copy, image_id="DUP", lesion_id="OTHER")]
    extended = dataset.with_records(records)
    groups = phash_groups(extended)
    assert groups[0] == groups[-1]
    assert len(set(groups)) < len(set(group_ids(records)))


def test_real_ham10000_five_folds_share_no_lesion():
    from tests.conftest import SHARED

    root = SHARED / "ham10000-dev"
    if not root.is_dir():
        pytest.skip("../shared/data/ham10000-dev is not available")
    real = load_dataset(root, verify="none")
    folds = kfold(real, 5, seed=0)
    lesions = [{real.records[i].lesion_id for i in test} for _, test in folds]
    assert sum(len(a & b) for k, a in enumerate(lesions) for b in lesions[k + 1:]) == 0
    assert sum(len(test) for _, test in folds) == 6196
