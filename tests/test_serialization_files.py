"""Files: loaders by suffix, the kind of a facts file, bytes counted, records merged."""

from __future__ import annotations

import datetime as dt
import io
from typing import TYPE_CHECKING

import pytest

from resultframe import Level, Observation, Records, ResultsFramework, Subject, example
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import dumps, load_yaml, write_csv, write_jsonl
from resultframe.serialization.files import (
    CountingReader,
    CsvOptions,
    check_files,
    facts_kind,
    load_framework_file,
    load_records_file,
    merge_records,
    read_records_file,
    sniff_csv,
    sniff_jsonl,
)
from resultframe.serialization.mistakes import PRIVACY_FLOOR, likely_mistakes

if TYPE_CHECKING:
    from pathlib import Path

    from resultframe.serialization import ReadResult


def _starter() -> ResultsFramework:
    framework = load_yaml(example.starter_yaml(), kind="framework")
    assert isinstance(framework, ResultsFramework)
    return framework


def _records(first: int, n: int) -> Records:
    """*n* residents from number *first* on, each with one finances score."""
    ids = [f"r-{k:03d}" for k in range(first, first + n)]
    return Records(
        subjects=[Subject(id=i, level=Level.MICRO) for i in ids],
        observations=[
            Observation(
                indicator="finances", subject=i, on=dt.date(2026, 1, 10), value=3
            )
            for i in ids
        ],
    )


@pytest.mark.parametrize(
    ("columns", "kind"),
    [
        ({"indicator", "subject", "on", "value"}, "observations"),
        ({"id", "level", "part_of"}, "subjects"),
        ({"subject", "indicator", "target.value", "target.by"}, "goals"),
        ({"subject", "indicator", "target"}, "goals"),
        ({"condition", "on", "status"}, "assessments"),
        (set(), "observations"),
    ],
)
def test_facts_kind_from_the_columns(columns: set[str], kind: str) -> None:
    assert facts_kind(columns) == kind


def test_sniffing_a_semicolon_csv_and_a_broken_jsonl(tmp_path: Path) -> None:
    csv = tmp_path / "subjects.csv"
    csv.write_text("\n\nid;level\nr-001;micro\n", encoding="utf-8")  # blank lines first
    assert sniff_csv(csv) == ("subjects", ";")
    jsonl = tmp_path / "broken.jsonl"
    jsonl.write_text("{not json\n", encoding="utf-8")
    assert sniff_jsonl(jsonl) == "observations"  # the reader reports the line


def test_counting_reader_counts_every_byte() -> None:
    data = "ééé\n".encode() * 1000  # 7 bytes a line: 7,000 bytes
    counting = CountingReader(io.BytesIO(data))
    text = io.TextIOWrapper(io.BufferedReader(counting), encoding="utf-8")
    assert text.read() == "ééé\n" * 1000
    assert counting.count == 7000


def test_loaders_by_suffix(tmp_path: Path) -> None:
    framework = _starter()
    records = _records(0, 5)
    (tmp_path / "framework.json").write_text(dumps(framework), encoding="utf-8")
    assert load_framework_file(tmp_path / "framework.json") == framework
    (tmp_path / "records.json").write_text(dumps(records), encoding="utf-8")
    loaded = load_records_file(tmp_path / "records.json", framework)
    assert list(loaded) == list(records)
    write_jsonl(records, tmp_path / "obs.ndjson")
    assert list(load_records_file(tmp_path / "obs.ndjson", framework)) == list(records)
    with pytest.raises(InvalidDocument, match=r"got '\.txt'"):
        load_framework_file(tmp_path / "framework.txt")
    with pytest.raises(
        InvalidDocument, match=r"\.csv or \.jsonl \(facts\), got '\.xlsx'"
    ):
        load_records_file(tmp_path / "records.xlsx", framework)


@pytest.mark.parametrize("suffix", ["csv", "jsonl"])
def test_progress_reports_rows_and_bytes(tmp_path: Path, suffix: str) -> None:
    framework = _starter()
    records = _records(0, 40)
    path = tmp_path / f"observations.{suffix}"
    if suffix == "csv":
        write_csv(records, path)
    else:
        write_jsonl(records, path)
    calls: list[tuple[int, int]] = []
    with_bar = load_records_file(
        path, framework, progress=lambda rows, done: calls.append((rows, done))
    )
    assert list(with_bar) == list(load_records_file(path, framework)) == list(records)
    # At the end of the file: all 40 rows, every byte of the file.
    assert calls[-1] == (40, path.stat().st_size)


def test_merge_adds_the_others_to_the_largest() -> None:
    small, large = _records(0, 2), _records(2, 5)
    merged = merge_records([small, large])
    assert len(merged) == 7  # 2 + 5 observations
    assert {s.id for s in merged.subjects} == {f"r-{k:03d}" for k in range(7)}
    assert merge_records([large]) is large
    with pytest.raises(InvalidValue, match="parts"):
        merge_records([])
    with pytest.raises(InvalidValue, match="parts"):
        merge_records([large, "r-001"])  # type: ignore[list-item]


def test_sniffing_in_the_file_s_encoding(tmp_path: Path) -> None:
    # A header in Windows-1252 with an é (0xE9, not UTF-8) and one in UTF-16.
    cp1252 = tmp_path / "subjects.csv"
    cp1252.write_bytes("id;level;wijk \xe9\r\nr-001;micro;x\r\n".encode("latin-1"))
    assert sniff_csv(cp1252, "cp1252") == ("subjects", ";")
    utf16 = tmp_path / "observations.csv"
    utf16.write_bytes("indicator\tsubject\ton\tvalue\n".encode("utf-16"))  # BOM
    assert sniff_csv(utf16) == ("observations", "\t")
    assert sniff_csv(cp1252, "no-such-encoding") == ("subjects", ";")  # read refuses


def test_read_records_file_keeps_the_good_rows(tmp_path: Path) -> None:
    framework = _starter()
    path = tmp_path / "observations.csv"
    # A Dutch export: ';', decimal comma, d-m-yyyy, Windows-1252 (the é).
    path.write_bytes(
        "indicator;subject;on;value;note\r\n"
        "finances;r-000;10-1-2026;3;caf\xe9\r\n"
        "finances;r-001;32-1-2026;3;\r\n"
        "finances;r-002;10-1-2026;4;\r\n".encode("latin-1")
    )
    options = CsvOptions(encoding="cp1252", date_format="d-m-yyyy")
    result = read_records_file(path, framework, options=options)
    assert not isinstance(result, Records)
    assert [o.subject for o in result.records] == ["r-000", "r-002"]
    assert [row.line for row in result.rejected] == [3]  # the 32nd of January
    with pytest.raises(InvalidDocument, match="line 3"):
        load_records_file(path, framework, options=options)
    # With a progress bar the reader gets the binary file: the same rows.
    calls: list[tuple[int, int]] = []
    counted = read_records_file(
        path,
        framework,
        options=options,
        progress=lambda rows, done: calls.append((rows, done)),
    )
    assert not isinstance(counted, Records)
    assert list(counted.records) == list(result.records)
    assert calls[-1][1] == path.stat().st_size
    document = tmp_path / "records.json"
    document.write_text(dumps(_records(0, 1)), encoding="utf-8")
    assert isinstance(read_records_file(document, framework), Records)


def test_check_files_locates_every_problem_of_every_file(tmp_path: Path) -> None:
    framework = _starter()
    good = tmp_path / "subjects.csv"
    good.write_text("id,level\nr-000,micro\n", encoding="utf-8")
    bad = tmp_path / "observations.csv"
    bad.write_text(
        "indicator,subject,on,value\n"
        "finances,r-000,2026-01-10,3\n"
        "finances,r-009,2026-01-10,3\n"  # no such subject
        "finances,r-000,2026-01-11,x\n",  # not a number
        encoding="utf-8",
    )
    missing = tmp_path / "missing.csv"
    other = tmp_path / "facts.xlsx"
    read: list[str] = []

    def reading(path: str) -> Records | ReadResult:
        read.append(path)
        return read_records_file(path, framework)

    paths = [str(p) for p in (missing, bad, good, other)]
    records, found = check_files(paths, framework, read=reading)
    assert read == paths
    assert len(records) == 2  # the two rows of bad.csv that were read
    assert [(p.file, p.line, p.column, p.code) for p in found] == [
        (str(missing), None, None, "unreadable"),
        (str(bad), 3, "subject", "unknown_id"),
        (str(bad), 4, "value", "invalid_value"),
        (str(other), None, None, "invalid_file"),
    ]
    _, none = check_files([str(good)], framework)
    assert none == []


def test_check_files_of_nothing_readable(tmp_path: Path) -> None:
    records, found = check_files([str(tmp_path / "gone.csv")], _starter())
    assert len(records) == 0
    assert [p.code for p in found] == ["unreadable"]


def test_likely_mistakes() -> None:
    framework = _starter()  # agreed for 2026-01-01 to 2026-12-31
    records = _records(0, 3)  # three scores on 2026-01-10
    on = dt.date(2026, 1, 10)
    assert likely_mistakes(framework, records, as_of=on, min_group=PRIVACY_FLOOR) == []
    early = records.add(
        Observation(
            indicator="finances", subject="r-000", on=dt.date(2025, 12, 1), value=2
        )
    )
    assert likely_mistakes(framework, early, as_of=dt.date(2025, 11, 30)) == [
        (
            "1 observation(s) of 'finances' lie outside the agreement's period "
            "(2026-01-01 to 2026-12-31)"
        ),
        (
            "--as-of 2025-11-30 lies before the first observation (2025-12-01): "
            "no fact counts"
        ),
    ]
    # 2026-01-10 + 366 days = 2027-01-11: one day later is too far.
    assert likely_mistakes(framework, records, as_of=dt.date(2027, 1, 11)) == []
    assert likely_mistakes(framework, records, as_of=dt.date(2027, 1, 12)) == [
        "--as-of 2027-01-12 is more than a year after the last observation (2026-01-10)"
    ]
    assert likely_mistakes(framework, Records(), min_group=9) == [
        (
            "--min-group 9 is below the privacy floor of 10: small groups of "
            "residents may be recognisable"
        )
    ]
