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
    facts_kind,
    load_framework_file,
    load_records_file,
    merge_records,
    sniff_csv,
    sniff_jsonl,
)

if TYPE_CHECKING:
    from pathlib import Path


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
