import pytest

from corpora.images import load_dataset
from corpora.images.fake import write_fake_dataset


@pytest.fixture(scope="session")
def fake_dataset(tmp_path_factory):
    root = tmp_path_factory.mktemp("fake") / "ham"
    return load_dataset(write_fake_dataset(root, "ham10000", per_class=16, size=(48, 40)))


@pytest.fixture(scope="session")
def tiny_run(fake_dataset, tmp_path_factory):
    from vision.train import TrainConfig, train

    run = tmp_path_factory.mktemp("runs") / "tiny"
    metrics = train(TrainConfig(model="cnd_tiny", epochs=2, batch_size=8, input_size=(32, 32), lr=1e-2),
                    fake_dataset, run, progress=False)
    return run, metrics
