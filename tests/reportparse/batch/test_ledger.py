"""The ledger and parts: a chunk is in once or not at all, and the outputs are derived from what was committed."""

from __future__ import annotations

import csv
import json

import pytest

from reportparse.batch.folder import BatchFolder
from reportparse.batch.ledger import ChunkState, Ledger, commit_chunk, read_chunk, read_part
from reportparse.batch.output import is_done, write_results
from reportparse.batch.tasks import FileResult
from reportparse.errors import ReportParseError
from reportparse.records import LabValue, Patient, ReferenceRange, Report


def _report(source: str, value: float | int) -> dict:
    return Report(source=source, language="it", pages=1, patient=Patient("F", 41),
                  values=(LabValue("Emoglobina", analyte="hemoglobin", value=value, unit="g/dL",
                                   reference=ReferenceRange(12, 16, "12 - 16"), span=(0, 10)),)).to_dict()


def _ok(index: int, chunk: int, value: float = 13.5) -> FileResult:
    path = f"/in/r{index}.txt"
    return FileResult(index, chunk, path, f"sha{index}", report=_report(path, value), pages=1)


def _failed(index: int, chunk: int) -> FileResult:
    return FileResult(index, chunk, f"/in/r{index}.pdf", f"sha{index}", code="E003", message="encrypted")


@pytest.fixture
def folder(tmp_path):
    return BatchFolder(tmp_path)


def test_a_commit_writes_the_part_in_manifest_order_then_the_ledger_line(folder):
    ledger = Ledger(folder)
    record = commit_chunk(folder, ledger, 0, [_ok(1, 0), _failed(2, 0), _ok(0, 0)])
    assert (record.part, record.reports, record.pages) == ("chunk-000000.jsonl", 2, 2)
    assert [f.code for f in record.failed] == ["E003"]
    assert [row["index"] for row in read_part(folder, record)] == [0, 1]
    assert Ledger(folder).load() == {0: ChunkState((record,))}


def test_a_chunk_where_every_file_failed_has_no_part(folder):
    record = commit_chunk(folder, Ledger(folder), 3, [_failed(7, 3)])
    assert record.part is None and record.files == 1 and read_part(folder, record) == []


def test_a_torn_ledger_line_is_no_commit_and_is_cut_before_the_next(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0)])
    commit_chunk(folder, ledger, 1, [_ok(1, 1)])
    data = folder.ledger.read_bytes()
    folder.ledger.write_bytes(data[:-20])  # killed while appending chunk 1's line
    assert set(Ledger(folder).load()) == {0}
    records = Ledger(folder).open()  # chunk 1's part is not committed: removed, to be parsed again
    assert set(records) == {0} and folder.ledger.read_bytes().endswith(b"\n")
    assert [p.name for p in folder.parts.iterdir()] == ["chunk-000000.jsonl"]


def test_opening_removes_parts_and_temporary_files_no_commit_names(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0)])
    (folder.parts / "chunk-000001.jsonl").write_text("{}\n")  # killed between the rename and the ledger line
    (folder.parts / "chunk-000002.jsonl.tmp").write_text('{"ind')  # killed while writing a part
    ledger.open()
    assert sorted(p.name for p in folder.parts.iterdir()) == ["chunk-000000.jsonl"]


@pytest.mark.parametrize("damage", ["edit", "delete"])
def test_a_part_that_is_not_what_was_committed_is_damage(folder, damage):
    record = commit_chunk(folder, Ledger(folder), 0, [_ok(0, 0)])
    path = folder.parts / record.part
    if damage == "edit":
        path.write_text(path.read_text().replace("13.5", "31.5"))
    else:
        path.unlink()
    with pytest.raises(ReportParseError) as info:
        read_part(folder, record)
    assert info.value.code == "E063" and "another -o folder" in info.value.message


def test_a_chunk_committed_twice_or_a_line_that_is_not_json_is_damage(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0)])
    commit_chunk(folder, ledger, 0, [_ok(0, 0)])
    with pytest.raises(ReportParseError, match="committed twice"):
        ledger.load()
    folder.ledger.write_text("not json\n" + folder.ledger.read_text())
    with pytest.raises(ReportParseError) as info:
        ledger.load()
    assert info.value.code == "E063"


def test_outputs_are_derived_from_the_parts_in_chunk_order(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 1, [_ok(2, 1, 11), _failed(3, 1)])
    commit_chunk(folder, ledger, 0, [_ok(0, 0, 12.5), _ok(1, 0, 14)])
    records = ledger.load()
    sizes = {0: 2, 1: 2}
    results = write_results(folder, "jsonl", records, sizes)
    lines = folder.output("jsonl").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["source"] for line in lines] == ["/in/r0.txt", "/in/r1.txt", "/in/r2.txt"]
    assert lines[0] == json.dumps(_report("/in/r0.txt", 12.5), ensure_ascii=False)  # as `reportparse parse`
    assert [json.loads(line)["code"] for line in folder.errors.read_text().splitlines()] == ["E003"]
    assert (results.reports, results.failed) == (3, 1) and is_done(folder, "jsonl", records)
    assert not is_done(folder, "csv", records)
    write_results(folder, "csv", records, sizes)
    with open(folder.output("csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["source"], r["value"], r["ref_low"]) for r in rows] == [
        ("/in/r0.txt", "12.5", "12"), ("/in/r1.txt", "14", "12"), ("/in/r2.txt", "11", "12")]


def test_parquet_output_has_one_schema_across_row_groups(folder, monkeypatch):
    pq = pytest.importorskip("pyarrow.parquet")
    from reportparse.batch import output

    monkeypatch.setattr(output, "_ROW_GROUP", 1)  # a row group a value: the groups must agree on types
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0, 12), _ok(1, 0, 13.5)])
    write_results(folder, "parquet", ledger.load(), {0: 2})
    table = pq.read_table(folder.output("parquet"))
    assert table.column("value").to_pylist() == [12.0, 13.5]
    assert str(table.schema.field("value").type) == "double" and str(table.schema.field("page").type) == "int64"


def test_a_ledger_that_disagrees_with_the_manifest_is_damage(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0)])
    with pytest.raises(ReportParseError) as info:
        write_results(folder, "jsonl", ledger.load(), {0: 2})
    assert info.value.code == "E063" and "chunk 0 has 2 files in the manifest and 1 in the ledger" in info.value.message


def test_a_retry_commits_the_files_that_now_parse_and_supersedes_the_failures(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0), _failed(1, 0), _failed(2, 0), _ok(3, 0)])
    retry = commit_chunk(folder, ledger, 0, [_ok(1, 0, 12.5), _failed(2, 0)], retry=1)
    assert retry.part == "chunk-000000.r1.jsonl" and (retry.reports, retry.files) == (1, 2)
    state = Ledger(folder).open()[0]
    assert (state.retries, state.reports, state.files) == (1, 3, 4) and [f.index for f in state.failed] == [2]
    assert [row["index"] for row in read_chunk(folder, state)] == [0, 1, 3]  # manifest order across parts
    assert sorted(p.name for p in folder.parts.iterdir()) == ["chunk-000000.jsonl", "chunk-000000.r1.jsonl"]
    write_results(folder, "jsonl", {0: state}, {0: 4})
    assert [json.loads(line)["source"] for line in folder.output("jsonl").read_text().splitlines()] == \
        ["/in/r0.txt", "/in/r1.txt", "/in/r3.txt"]
    assert [json.loads(line)["index"] for line in folder.errors.read_text().splitlines()] == [2]
    assert not is_done(folder, "jsonl", {0: ChunkState(state.commits[:1])})  # a retry since: rewrite


@pytest.mark.parametrize("files, retry", [([(1, "ok")], 1), ([(1, "ok"), (2, "failed")], 2),
                                          ([(0, "ok"), (1, "ok"), (2, "ok")], 1)])
def test_a_retry_that_is_not_of_the_failed_files_in_order_is_damage(folder, files, retry):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0), _failed(1, 0), _failed(2, 0)])
    results = [_ok(i, 0) if kind == "ok" else _failed(i, 0) for i, kind in files]
    commit_chunk(folder, ledger, 0, results, retry=retry)
    with pytest.raises(ReportParseError) as info:
        ledger.load()
    assert info.value.code == "E063" and "retry" in info.value.message


def test_a_retry_killed_before_its_ledger_line_leaves_the_failures_as_they_were(folder):
    ledger = Ledger(folder)
    commit_chunk(folder, ledger, 0, [_ok(0, 0), _failed(1, 0)])
    (folder.parts / "chunk-000000.r1.jsonl").write_text("{}\n")  # renamed, then killed before the line
    state = Ledger(folder).open()[0]
    assert state.retries == 0 and [f.index for f in state.failed] == [1]
    assert sorted(p.name for p in folder.parts.iterdir()) == ["chunk-000000.jsonl"]
