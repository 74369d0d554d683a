"""``reportparse batch`` arguments: the help explains the folder and resuming; bad settings are coded refusals."""

from __future__ import annotations

import pytest

from reportparse.cli import main


def test_help_explains_the_folder_layout_and_how_to_resume(capsys):
    with pytest.raises(SystemExit):
        main(["batch", "--help"])
    text = capsys.readouterr().out
    for word in ("manifest.jsonl", "ledger.jsonl", "parts/", "errors.jsonl", "reports.jsonl",
                 "Run the same command again", "E061", "--scheduler", "dask worker", "shared"):
        assert word in text, word


@pytest.mark.parametrize("args, name", [(["--workers", "0"], "workers"), (["--time-limit", "0"], "time_s"),
                                        (["--memory-limit", "10"], "memory_mb"), (["--chunk-size", "0"], "chunk_size")])
def test_bad_settings_are_refused_with_a_code(tmp_path, capsys, args, name):
    assert main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), *args]) == 2
    err = capsys.readouterr().err
    assert "[E064]" in err and name in err
    assert not (tmp_path / "out").exists()


def test_a_folder_without_reports_says_so(tmp_path, capsys):
    (tmp_path / "in").mkdir()
    assert main(["batch", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-q"]) == 1
    assert "no report files found" in capsys.readouterr().err
