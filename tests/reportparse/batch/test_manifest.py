"""The manifest: inputs listed once by content hash, in output order, in chunks that never grow once listed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from reportparse.batch import BatchConfig, ParseOptions
from reportparse.batch.folder import BatchFolder
from reportparse.batch.manifest import iter_chunks, iter_entries, open_header, update_manifest
from reportparse.errors import ReportParseError
from reportparse.ner.options import NerOptions

SUFFIXES = {".txt", ".md", ".pdf"}


def _write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _update(inp: Path, out: Path, chunk_size: int = 2):
    config = BatchConfig(input=inp, out=out, chunk_size=chunk_size)
    folder = BatchFolder(out)
    out.mkdir(exist_ok=True)
    return update_manifest(folder, config, SUFFIXES, chunk_size), list(iter_entries(folder)), folder


def test_folder_is_listed_in_sorted_order_in_chunks(tmp_path):
    inp = tmp_path / "in"
    _write(inp / "b.md", "Emoglobina 13,5 g/dL")
    _write(inp / "a.txt", "Glucosio 90 mg/dL")
    _write(inp / "sub" / "c.txt", "Creatinina 0,9 mg/dL")
    _write(inp / "notes.jsonl", "{}")  # not a report file
    found, entries, folder = _update(inp, tmp_path / "out")
    assert [Path(e.path).relative_to(inp).as_posix() for e in entries] == ["a.txt", "b.md", "sub/c.txt"]
    assert all(Path(e.path).is_absolute() for e in entries)
    assert [e.chunk for e in entries] == [0, 0, 1]
    assert [e.index for e in entries] == [0, 1, 2]
    assert (found.seen, found.new, found.files) == (3, 3, 3)
    assert [[e.index for e in c.entries] for c in iter_chunks(folder)] == [[0, 1], [2]]


def test_a_rerun_lists_only_new_files_in_new_chunks(tmp_path):
    inp = tmp_path / "in"
    _write(inp / "a.txt", "Glucosio 90 mg/dL")
    out = tmp_path / "out"
    _update(inp, out)
    again, entries, _ = _update(inp, out)
    assert (again.new, len(entries)) == (0, 1)
    _write(inp / "b.txt", "Creatinina 0,9 mg/dL")
    added, entries, _ = _update(inp, out)
    assert added.new == 1
    assert [e.chunk for e in entries] == [0, 1]  # chunk 0 had room, but a listed chunk never grows


def test_files_with_the_same_bytes_are_one_report(tmp_path):
    inp = tmp_path / "in"
    _write(inp / "a.txt", "Glucosio 90 mg/dL")
    _write(inp / "copy.txt", "Glucosio 90 mg/dL")
    found, entries, folder = _update(inp, tmp_path / "out")
    assert (found.new, found.duplicates) == (1, 1)
    assert entries[1].dup_of == 0 and entries[1].chunk is None
    assert [len(c.entries) for c in iter_chunks(folder)] == [1]


def test_new_content_at_a_listed_path_is_listed_again(tmp_path):
    inp = tmp_path / "in"
    path = _write(inp / "a.txt", "Glucosio 90 mg/dL")
    out = tmp_path / "out"
    _update(inp, out)
    path.write_text("Glucosio 95 mg/dL", encoding="utf-8")
    os.utime(path, ns=(1, 1))  # the stat differs even within the clock's resolution
    found, entries, _ = _update(inp, out)
    assert found.new == 1 and entries[0].sha256 != entries[1].sha256


def test_a_list_file_keeps_its_order_and_reads_relative_paths_from_its_folder(tmp_path):
    a = _write(tmp_path / "data" / "a.txt", "Glucosio 90 mg/dL")
    b = _write(tmp_path / "data" / "b.txt", "Creatinina 0,9 mg/dL")
    listing = _write(tmp_path / "files.txt", f"# export of today\ndata/b.txt\n\n{a}\n")
    _, entries, _ = _update(listing, tmp_path / "out")
    assert [e.path for e in entries] == [str(b), str(a)]


@pytest.mark.parametrize("content", [b"%PDF-1.4\n...", b"\x00\x01binary"])
def test_a_report_is_not_taken_for_a_list(tmp_path, content):
    path = tmp_path / "report.pdf"
    path.write_bytes(content)
    with pytest.raises(ReportParseError) as info:
        _update(path, tmp_path / "out")
    assert info.value.code == "E064" and "reportparse parse" in info.value.message


def test_a_missing_input_is_refused(tmp_path):
    with pytest.raises(ReportParseError) as info:
        _update(tmp_path / "nowhere", tmp_path / "out")
    assert info.value.code == "E064"


def test_the_batch_folder_inside_the_input_is_not_listed(tmp_path):
    inp = tmp_path / "in"
    _write(inp / "a.txt", "Glucosio 90 mg/dL")
    _write(inp / "batch" / "old.txt", "left by a tool")
    _, entries, _ = _update(inp, inp / "batch")
    assert [Path(e.path).name for e in entries] == ["a.txt"]


def test_a_torn_last_line_is_cut_before_appending(tmp_path):
    inp = tmp_path / "in"
    _write(inp / "a.txt", "Glucosio 90 mg/dL")
    out = tmp_path / "out"
    _update(inp, out)
    with open(out / "manifest.jsonl", "ab") as handle:
        handle.write(b'{"index": 1, "path": "/half')  # killed mid-append
    _write(inp / "b.txt", "Creatinina 0,9 mg/dL")
    found, entries, _ = _update(inp, out)
    assert found.new == 1 and [e.index for e in entries] == [0, 1]


def test_the_header_refuses_another_input_or_other_options(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    folder = BatchFolder(out)
    first = BatchConfig(input=tmp_path / "in", out=out)
    open_header(folder, first)
    assert open_header(folder, first)["chunk_size"] == 64
    with pytest.raises(ReportParseError) as other_input:
        open_header(folder, BatchConfig(input=tmp_path / "other", out=out))
    assert other_input.value.code == "E060" and "reportparse batch" in other_input.value.message
    with pytest.raises(ReportParseError) as other_options:
        open_header(folder, BatchConfig(input=tmp_path / "in", out=out,
                                        parse=ParseOptions(lang="it", ner=NerOptions(backend="off"))))
    assert other_options.value.code == "E061"
    message = other_options.value.message
    assert "lang: started with 'auto', now 'it'" in message and "ner.backend" in message and "-o" in message
