import json

from corpora.cli import main
from corpora.images.fake import write_fake_dataset


def test_describe_and_split(tmp_path, capsys):
    root = write_fake_dataset(tmp_path / "h", "ham10000", per_class=10)
    assert main(["describe", str(root), "--folds", "3", "--json", "-q"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["images"] == 30 and info["folds"]["lesions_shared_between_folds"] == 0
    out = tmp_path / "split.csv"
    assert main(["split", str(root), "--out", str(out), "--folds", "3", "-q"]) == 0
    assert out.read_text().count("fold") == 30


def test_reports_and_cohort(tmp_path, capsys):
    assert main(["reports", "--n", "4", "--lang", "en", "--out", str(tmp_path / "r"), "-q"]) == 0
    assert len(list((tmp_path / "r" / "gold").glob("*.json"))) == 4
    root = write_fake_dataset(tmp_path / "h", "isic_archive", per_class=3)
    assert main(["cohort", "--images", str(root), "--out", str(tmp_path / "c"), "-q"]) == 0
    assert (tmp_path / "c" / "manifest.csv").exists()
