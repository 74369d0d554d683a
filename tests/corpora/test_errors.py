import pickle

import numpy as np
import pytest

from corpora.errors import (BrokenImageError, CorporaError, DatasetNotFoundError, DermalabError, LeakageError,
                            SplitError, coded_message, run_command)


@pytest.mark.parametrize("cls, builtin", [(CorporaError, ValueError), (SplitError, ValueError),
                                          (LeakageError, ValueError), (DatasetNotFoundError, FileNotFoundError),
                                          (BrokenImageError, OSError)])
def test_every_corpora_error_is_a_dermalab_error_and_its_builtin(cls, builtin):
    error = cls("what to do", code="D100")
    assert isinstance(error, DermalabError) and isinstance(error, builtin)
    assert str(error) == "[D100] what to do" and coded_message(error) == "[D100] what to do"
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is cls and (again.code, again.message) == ("D100", "what to do")


def test_old_import_paths_still_work():
    import corpora.splits

    assert (corpora.splits.LeakageError, corpora.splits.SplitError) == (LeakageError, SplitError)


def test_raised_errors_keep_their_messages(tmp_path):
    from corpora.images.layouts import load_dataset
    from corpora.images.torch_dataset import load_rgb
    from corpora.splits import check_no_leakage

    (tmp_path / "empty").mkdir()
    with pytest.raises(CorporaError, match=r"^\[D100\] .*empty: no known dataset layout") as info:
        load_dataset(tmp_path / "empty")
    assert info.value.code == "D100"
    with pytest.raises(DatasetNotFoundError, match=r"^\[D101\] dataset .*nope is neither a folder"):
        load_dataset(tmp_path / "nope")
    with pytest.raises(CorporaError, match=r"^\[D102\] unknown layout 'bogus'"):
        load_dataset(tmp_path / "empty", layout="bogus")
    (tmp_path / "x.jpg").write_bytes(b"nope")
    with pytest.raises(BrokenImageError, match=r"^\[D002\] cannot read image .*x.jpg"):
        load_rgb(tmp_path / "x.jpg")
    with pytest.raises(LeakageError) as info:
        check_no_leakage(np.array([0, 0, 1]), np.array([0]), np.array([1, 2]))
    assert str(info.value) == "[S002] group 0 is in parts 0 and 1"


def test_coded_errors_become_one_line_and_status_2(capsys):
    def fail(args):
        raise SplitError("too few images", code="S001")

    assert run_command(fail, None) == 2
    assert capsys.readouterr().err == "error: [S001] too few images\n"


def test_key_errors_keep_their_message_unquoted():
    class NotFound(DermalabError, KeyError):
        pass

    assert coded_message(NotFound("unknown model 'x'", code="V001")) == "[V001] unknown model 'x'"


@pytest.mark.parametrize("error", [ValueError("an internal mistake"), ValueError("[S001] looks coded, is not"),
                                   BrokenImageError("Caught BrokenImageError in DataLoader worker process 0")])
def test_other_exceptions_keep_their_traceback(error):
    def bug(args):
        raise error

    with pytest.raises(type(error)):
        run_command(bug, None)
    assert coded_message(error) is None
    assert coded_message(RuntimeError("[V040] parity")) is None


def test_corpora_split_cli_reports_too_few_lesions(tmp_path, capsys):
    from corpora.cli import main
    from corpora.images.fake import write_fake_dataset

    data = write_fake_dataset(tmp_path / "small", "ham10000", per_class=4, size=(24, 20))
    assert main(["split", str(data), "--out", str(tmp_path / "split.csv"), "-q"]) == 2
    assert "[S001]" in capsys.readouterr().err
