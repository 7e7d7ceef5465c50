"""``resultframe convert`` and ``resultframe evaluate --engine``: same report."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest

from resultframe import example
from resultframe.cli import main
from resultframe.serialization import dump_yaml, read_parquet, write_csv

if TYPE_CHECKING:
    from pathlib import Path

pytest.importorskip("duckdb", reason="the duckdb extra is not installed")

AS_OF = "2026-06-30"


def _files(tmp_path: Path) -> list[str]:
    fw, recs = example.framework(), example.records()
    (tmp_path / "fw.yaml").write_text(dump_yaml(fw), encoding="utf-8")
    paths = []
    for kind in ("subjects", "observations", "goals", "assessments"):
        path = tmp_path / f"{kind}.csv"
        write_csv(recs, path, kind, framework=fw)
        paths.append(str(path))
    return [str(tmp_path / "fw.yaml"), *paths]


def test_a_converted_directory_gives_the_python_engines_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fw, *facts = _files(tmp_path)
    facts_dir = tmp_path / "facts"
    assert main(["convert", fw, *facts, "--to", str(facts_dir)]) == 0
    assert (facts_dir / "observations").is_dir()
    capsys.readouterr()
    # The whole report, its charts over time of the neighbourhoods' and the
    # municipality's own indicators and, when asked for, the notes on the
    # residents' observations included: the engine reads those rows from the
    # directory, and only those.
    for extra in ([], ["--observation-notes"]):
        common = ["--as-of", AS_OF, "--format", "json", *extra]
        assert main(["evaluate", fw, *facts, *common]) == 0
        python = json.loads(capsys.readouterr().out)
        duckdb_args = [str(facts_dir), "--engine", "duckdb", *common]
        assert main(["evaluate", fw, *duckdb_args]) == 0
        duck = json.loads(capsys.readouterr().out)
        assert duck == python
        over_time = [c for c in duck["charts"] if c["title"].endswith("over time")]
        assert over_time
        assert all(c["spec"]["layer"][0]["data"]["values"] for c in over_time)
        notes = [n for n in duck["notes"]["items"] if n["kind"] == "observation"]
        assert bool(notes) == bool(extra)


def test_the_engine_also_evaluates_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["evaluate", *_files(tmp_path), "--as-of", AS_OF, "--format", "json"]
    assert main(args) == 0
    python = capsys.readouterr().out
    assert main([*args, "--engine", "duckdb"]) == 0
    assert capsys.readouterr().out == python


def test_convert_writes_the_directory_read_parquet_reads(tmp_path: Path) -> None:
    # One layout: what `convert` writes is what write_parquet writes, so
    # read_parquet gives back every fact - texts of qualitative indicators too
    # (the engines' former layout kept a number and a kind only).
    fw, *facts = _files(tmp_path)
    out = tmp_path / "facts"
    assert main(["convert", fw, *facts, "--to", str(out)]) == 0
    recs = example.records()
    back = read_parquet(out)
    assert back.observations == recs.observations
    assert back.subjects == recs.subjects
    assert back.goals == recs.goals
    assert back.assessments == recs.assessments
    assert any(isinstance(o.value, str) for o in back.observations)
    others = read_parquet(out, observations=False)
    assert (len(others), others.subjects) == (0, recs.subjects)
    # Converting into a directory that holds observations already is refused.
    assert main(["convert", fw, *facts, "--to", str(out)]) == 1


def test_a_partitioned_directory_evaluates_as_the_records_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fw, *facts = _files(tmp_path)
    out = tmp_path / "facts"
    args = ["--partition-by", "leeftijd", "--partition-by", "year"]
    assert main(["convert", fw, *facts, "--to", str(out), *args]) == 0
    assert any(p.name.startswith("leeftijd=") for p in (out / "observations").iterdir())
    capsys.readouterr()
    common = ["--as-of", AS_OF, "--format", "json"]
    assert main(["evaluate", fw, *facts, *common]) == 0
    python = json.loads(capsys.readouterr().out)
    assert main(["evaluate", fw, str(out), "--engine", "duckdb", *common]) == 0
    duck = json.loads(capsys.readouterr().out)
    assert duck["evaluation"] == python["evaluation"]


def test_a_memory_limit_is_for_duckdb_and_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["evaluate", *_files(tmp_path), "--as-of", AS_OF, "--format", "json"]
    assert main(args) == 0
    python = capsys.readouterr().out
    assert main([*args, "--engine", "duckdb", "--memory-limit", "256MB"]) == 0
    assert capsys.readouterr().out == python
    # Only DuckDB takes a limit: a usage error (exit 2) on the other engines.
    assert main([*args, "--memory-limit", "256MB"]) == 2
    assert "--memory-limit: only with --engine duckdb" in capsys.readouterr().err
    # A limit that is not an amount names the option's field and what it expects.
    assert main([*args, "--engine", "duckdb", "--memory-limit", "lots"]) == 1
    err = capsys.readouterr().err
    assert "memory_limit" in err
    assert "'4GB' or '512MiB'" in err
