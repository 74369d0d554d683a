import pytest

from corpora.errors import coded_message, run_command


def test_coded_errors_become_one_line_and_status_2(capsys):
    def fail(args):
        raise ValueError("[S001] too few images")

    assert run_command(fail, None) == 2
    assert capsys.readouterr().err == "error: [S001] too few images\n"


def test_key_errors_keep_their_message_unquoted():
    assert coded_message(KeyError("[V001] unknown model 'x'")) == "[V001] unknown model 'x'"


def test_other_exceptions_keep_their_traceback():
    def bug(args):
        raise ValueError("an internal mistake")

    with pytest.raises(ValueError, match="internal"):
        run_command(bug, None)
    assert coded_message(RuntimeError("[V040] parity")) is None


def test_corpora_split_cli_reports_too_few_lesions(tmp_path, capsys):
    from corpora.cli import main
    from corpora.images.fake import write_fake_dataset

    data = write_fake_dataset(tmp_path / "small", "ham10000", per_class=4, size=(24, 20))
    assert main(["split", str(data), "--out", str(tmp_path / "split.csv"), "-q"]) == 2
    assert "[S001]" in capsys.readouterr().err
