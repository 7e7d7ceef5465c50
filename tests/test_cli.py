"""The ``resultframe`` command: every command, bad input, usage errors, no tracebacks."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import subprocess
import sys
from html.parser import HTMLParser
from typing import TYPE_CHECKING

import pytest

from resultframe import (
    Baseline,
    ConditionAssessment,
    ConditionStatus,
    Decision,
    DecisionKind,
    Goal,
    Level,
    Observation,
    Period,
    Records,
    ResultsFramework,
    Review,
    Subject,
    Target,
    cli,
    example,
)
from resultframe.cli import _common as cli_common
from resultframe.cli import _input as cli_input
from resultframe.cli import _periods as cli_periods
from resultframe.cli import validate as cli_validate
from resultframe.serialization import (
    dumps,
    fingerprint,
    json_schema,
    load_yaml,
    write_csv,
    write_jsonl,
)
from resultframe.serialization.files import sniff_csv, sniff_jsonl

if TYPE_CHECKING:
    import types
    from pathlib import Path

AS_OF = dt.date(2026, 6, 30)


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    """Run the command in-process; return the exit code, stdout and stderr."""
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def starter() -> ResultsFramework:
    framework = load_yaml(example.starter_yaml(), kind="framework")
    assert isinstance(framework, ResultsFramework)
    return framework


def small_records(framework: ResultsFramework) -> Records:
    """Two neighbourhoods of 12 residents, scored twice in the first half of 2026."""
    subjects = [
        Subject(id=h, level=Level.MESO, name=h.title()) for h in ("noord", "zuid")
    ]
    observations = []
    goals = []
    for k in range(24):
        resident = f"r-{k:03d}"
        hood = "noord" if k < 12 else "zuid"
        subjects.append(Subject(id=resident, level=Level.MICRO, part_of=hood))
        first = 1 + k % 3
        observations += [
            Observation(
                indicator="finances",
                subject=resident,
                on=dt.date(2026, 1, 10),
                value=first,
            ),
            Observation(
                indicator="finances",
                subject=resident,
                on=dt.date(2026, 5, 12),
                value=min(5, first + (k % 4 > 0) + (hood == "noord")),
                note="Payment arrangement" if k == 0 else "",
            ),
        ]
        if k % 5 == 0:
            goals.append(
                Goal(
                    subject=resident,
                    indicator="finances",
                    baseline=Baseline(value=first, on=dt.date(2026, 1, 10)),
                    target=Target(value=first + 1, by=dt.date(2026, 12, 31)),
                )
            )
    assessments = [
        ConditionAssessment(
            condition="proven-method",
            on=dt.date(2026, 1, 15),
            status=ConditionStatus.MET,
        ),
        ConditionAssessment(
            condition="trained-staff",
            on=dt.date(2026, 2, 1),
            status=ConditionStatus.NOT_MET,
            note="Two new professionals wait for the training",
        ),
    ]
    review = Review(
        cycle="quarterly",
        period=Period(start=dt.date(2026, 1, 1), end=dt.date(2026, 3, 31)),
        held_on=dt.date(2026, 4, 14),
        decisions=(
            Decision(
                kind=DecisionKind.ADJUST_CONDITIONS,
                about=("trained-staff",),
                rationale="Plan the training",
                follow_up_by=dt.date(2026, 6, 1),
            ),
        ),
        framework_fingerprint=fingerprint(framework),
    )
    records = Records(
        subjects=subjects,
        observations=observations,
        goals=goals,
        assessments=assessments,
        reviews=[review],
    )
    assert records.check(framework) == ()
    return records


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A framework in YAML and JSON, and its records as documents and facts files."""
    root = tmp_path_factory.mktemp("cli")
    framework = starter()
    records = small_records(framework)
    paths = {
        "framework": root / "framework.yaml",
        "framework_json": root / "framework.json",
        "records_json": root / "records.json",
        "reviews": root / "reviews.json",
        "observations": root / "observations.csv",
        "subjects": root / "subjects.csv",
        "goals": root / "goals.csv",
        "assessments": root / "assessments.csv",
        "observations_jsonl": root / "observations.jsonl",
        "subjects_jsonl": root / "subjects.jsonl",
    }
    paths["framework"].write_text(example.starter_yaml(), encoding="utf-8")
    paths["framework_json"].write_text(dumps(framework), encoding="utf-8")
    paths["records_json"].write_text(dumps(records), encoding="utf-8")
    paths["reviews"].write_text(
        dumps(Records(reviews=records.reviews)), encoding="utf-8"
    )
    for kind in ("observations", "subjects", "goals", "assessments"):
        write_csv(records, paths[kind], kind, framework=framework)
    write_jsonl(records, paths["observations_jsonl"])
    write_jsonl(records, paths["subjects_jsonl"], "subjects")
    return paths


def csv_facts(files: dict[str, Path]) -> list[Path]:
    return [files[k] for k in ("observations", "subjects", "goals", "assessments")]


# -- init, validate, schema ---------------------------------------------------------------


def test_init_writes_the_starter(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "mine.yaml"
    code, out, _ = run(capsys, "init", target)
    assert code == 0
    assert target.read_text(encoding="utf-8") == example.starter_yaml()
    assert f"validate {target}" in out
    code, out, _ = run(capsys, "validate", target)
    assert code == 0
    assert "my-framework: valid" in out


def test_init_refuses_to_overwrite_without_force(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "framework.yaml"
    target.write_text("mine", encoding="utf-8")
    code, _, err = run(capsys, "init", target)
    assert code == 1
    assert "--force" in err
    assert target.read_text(encoding="utf-8") == "mine"
    code, _, _ = run(capsys, "init", target, "--force")
    assert code == 0
    assert target.read_text(encoding="utf-8") == example.starter_yaml()


def test_init_default_path(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init")[0] == 0
    assert (tmp_path / "framework.yaml").is_file()


def test_validate_text(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(capsys, "validate", files["framework"])
    assert code == 0
    assert err == ""
    assert "results      2 (1 micro, 1 meso)" in out
    assert fingerprint(starter()) in out


def test_validate_json_counts(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", files["framework_json"], "--format", "json")
    assert code == 0
    summary = json.loads(out)
    assert summary["framework"] == "my-framework"
    assert (summary["results"], summary["indicators"]) == (2, 2)
    assert (summary["conditions"], summary["cycles"], summary["parties"]) == (2, 1, 2)
    assert summary["results_per_level"] == {"micro": 1, "meso": 1}
    assert summary["fingerprint"] == fingerprint(starter())
    assert "records" not in summary


def test_validate_markdown_and_html(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, _ = run(capsys, "validate", files["framework"], "--format", "markdown")
    assert code == 0
    assert out.startswith("# Framework my-framework: valid")
    assert "| indicators | 2 |" in out
    code, out, _ = run(
        capsys, "validate", files["framework"], "--format", "html", "--lang", "nl"
    )
    assert code == 0
    assert '<html lang="nl">' in out
    assert "Resultatenkader my-framework: geldig" in out


def test_validate_with_facts_of_every_kind(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys,
        "validate",
        files["framework"],
        *csv_facts(files),
        files["reviews"],
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    # 24 residents x 2 scores; 2 neighbourhoods + 24 residents; 5 goals (k % 5 == 0)
    assert json.loads(out)["records"] == {
        "observations": 48,
        "subjects": 26,
        "goals": 5,
        "assessments": 2,
        "reviews": 1,
        "fit": True,
    }


def test_validate_reads_json_lines_and_documents_alike(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    _, from_csv, _ = run(
        capsys, "validate", files["framework"], *csv_facts(files), files["reviews"]
    )
    _, from_document, _ = run(
        capsys, "validate", files["framework"], files["records_json"]
    )
    code, from_jsonl, _ = run(
        capsys,
        "validate",
        files["framework"],
        files["observations_jsonl"],
        files["subjects_jsonl"],
        files["goals"],
        files["assessments"],
        files["reviews"],
    )
    assert code == 0
    assert from_csv == from_document == from_jsonl


def test_validate_records_that_do_not_fit(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    # Observations without their subjects: every resident is unknown.
    code, _, err = run(capsys, "validate", files["framework"], files["observations"])
    assert code == 1
    # Each problem at the first line of the rows it is about.
    assert f"{files['observations']}:2:subject: " in err
    assert "no subject with id 'r-000' in these records" in err
    assert "[unknown_id]" in err
    assert "r-000" in err  # the user asked: the row that does not fit is named
    assert err.rstrip().endswith("problems in the input")


def test_schema(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, _ = run(capsys, "schema", "records")
    assert code == 0
    assert json.loads(out) == json_schema("records")
    target = tmp_path / "framework.schema.json"
    code, out, err = run(capsys, "schema", "framework", "--output", target)
    assert (code, out) == (0, "")
    assert f"wrote {target}" in err
    assert json.loads(target.read_text(encoding="utf-8")) == json_schema("framework")


# -- bad input: exit 1, readable, no traceback ------------------------------------------------


def test_broken_yaml(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "format: resultframe/framework\nversion: 1\nid: x\n  name: [oops\n",
        encoding="utf-8",
    )
    code, out, err = run(capsys, "validate", broken)
    assert (code, out) == (1, "")
    assert f"{broken}: invalid YAML" in err
    assert "line 4" in err


def test_unknown_id_in_framework(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = example.starter_yaml().replace(
        "conditions: [proven-method, trained-staff]",
        "conditions: [proven-method, trained-stuff]",
    )
    wrong = tmp_path / "wrong.yaml"
    wrong.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "lint", wrong)
    assert code == 1
    line = next(n for n, t in enumerate(text.splitlines(), 1) if "trained-stuff" in t)
    assert (
        f"{wrong}: no condition with id 'trained-stuff' in this framework "
        f"@ $.results[0].conditions[1] (line {line})"
    ) in err
    assert "1 problem in the input" in err


def test_csv_with_bad_rows(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "indicator,subject,on,value\n"
        "finances,r-000,2026-02-01,2\n"
        "finances,r-000,2026-13-01,3\n"
        "finances,r-001,2026-02-01,seven\n"
        "nothing,r-002,2026-02-01,2\n"
        "finances,r-003,2026-02-01,2.5\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", files["framework"], bad, files["subjects"])
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith(f"resultframe: {bad}:3:on: ")
    assert lines[1].startswith(f"resultframe: {bad}:4:value: ")
    assert "no indicator with id 'nothing'" in lines[2]
    assert lines[2].startswith(f"resultframe: {bad}:5:indicator: ")
    assert lines[2].endswith("[unknown_id]")
    assert lines[3].startswith(f"resultframe: {bad}:6:value: ")
    assert lines[4] == "resultframe: 4 problems in the input"


def test_semicolon_csv_from_a_spreadsheet(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    text = files["observations"].read_text(encoding="utf-8").replace(",", ";")
    dutch = tmp_path / "export.csv"
    dutch.write_text("\ufeff" + text, encoding="utf-8")  # with a byte order mark
    code, _, err = run(capsys, "validate", files["framework"], dutch, files["subjects"])
    assert (code, err) == (0, "")


def test_problems_of_every_file_are_listed(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("indicator,subject,on,value\nfinances,r-1,2026-01-01,x\n", "utf-8")
    code, _, err = run(
        capsys, "validate", files["framework"], bad, tmp_path / "missing.csv"
    )
    assert code == 1
    assert f"{bad}:2:value: " in err
    assert f"{tmp_path / 'missing.csv'}: No such file or directory" in err
    assert "2 problems in the input" in err


def test_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = run(capsys, "validate", tmp_path / "nothing.yaml")
    assert code == 1
    assert f"{tmp_path / 'nothing.yaml'}: No such file or directory" in err


def test_wrong_suffixes(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    text = tmp_path / "framework.txt"
    text.write_text("", encoding="utf-8")
    code, _, err = run(capsys, "validate", text)
    assert code == 1
    assert "expected a framework as .yaml, .yml or .json, got '.txt'" in err
    code, _, err = run(capsys, "validate", files["framework"], text)
    assert code == 1
    assert "expected records as .json" in err


def test_not_utf8(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    latin = tmp_path / "latin1.csv"
    latin.write_bytes(
        "indicator,subject,on,value,note\nfinances,r-000,2026-02-01,2,café\n".encode(
            "latin-1"
        )
    )
    code, _, err = run(capsys, "validate", files["framework"], latin)
    assert code == 1
    assert f"{latin}:2: not valid UTF-8 text (byte 0xE9)" in err
    assert '"CSV UTF-8"' in err
    assert "[encoding]" in err
    code, _, err = run(
        capsys, "validate", files["framework"], latin, "--encoding=cp1252"
    )
    assert f"{latin}:2:subject: no subject with id 'r-000'" in err


def test_invalid_records_document(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    wrong = tmp_path / "records.json"
    wrong.write_text('{"format": "resultframe/records", "version": 1, "goals": 3}')
    code, _, err = run(capsys, "validate", files["framework"], wrong)
    assert code == 1
    assert f"{wrong}: expected an array, got 3 @ $.goals" in err


def test_output_into_a_missing_directory(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.txt"
    code, _, err = run(capsys, "validate", files["framework"], "--output", target)
    assert code == 1
    assert "No such file or directory" in err


def test_bad_input_through_the_interpreter(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: [unclosed\n", encoding="utf-8")
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "resultframe", "validate", str(broken)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"{broken}: invalid YAML" in done.stderr


# -- usage errors: exit 2 -------------------------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["frobnicate"],
        ["validate"],
        ["evaluate", "f.yaml", "r.csv"],  # --as-of is required
        ["evaluate", "f.yaml", "r.csv", "--as-of", "30-06-2026"],
        ["evaluate", "f.yaml", "r.csv", "--as-of", "2026-06-30", "--min-group", "-1"],
        ["agenda", "f.yaml", "r.csv"],  # --cycle is required
        ["lint", "f.yaml", "--format", "pdf"],
        ["lint", "f.yaml", "--lang", "de"],
        ["schema", "spreadsheet"],
    ],
)
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert "usage: resultframe" in err


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("demo", "init", "validate", "lint", "evaluate", "agenda", "schema"):
        assert command in out
    code, out, _ = run(capsys, "--version")
    assert code == 0
    assert out.startswith("resultframe 0.")


# -- periods and facts files ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-07-15", dt.date(2026, 7, 15)),
        ("2026Q3", dt.date(2026, 7, 1)),
        ("2026-q4", dt.date(2026, 10, 1)),
        ("2026-07", dt.date(2026, 7, 1)),
        ("2026-07-01/2026-09-30", dt.date(2026, 7, 1)),
    ],
)
def test_period_names(text: str, day: dt.date) -> None:
    assert cli.period_day(text) == day


@pytest.mark.parametrize("text", ["2026Q5", "2026-13", "Q3", "last quarter"])
def test_bad_period_names(text: str) -> None:
    with pytest.raises(cli_common.Usage, match="--period: expected a day"):
        cli.period_day(text)


def test_default_period_is_the_last_one_ended() -> None:
    cycle = starter().cycle("quarterly")
    # On 1 July the second quarter has just ended.
    assert (
        str(cli_periods.period_of(cycle, None, dt.date(2026, 7, 1)))
        == "2026-04-01/2026-06-30"
    )
    assert (
        str(cli_periods.period_of(cycle, None, dt.date(2026, 6, 30)))
        == "2026-01-01/2026-03-31"
    )
    with pytest.raises(cli_common.Failure, match="has ended yet"):
        cli_periods.period_of(cycle, None, dt.date(2026, 2, 1))
    with pytest.raises(cli_common.Usage, match="lies before cycle"):
        cli_periods.period_of(cycle, "2025Q4", dt.date(2026, 7, 1))


def test_facts_files_are_told_apart_by_their_header(files: dict[str, Path]) -> None:
    for kind in ("observations", "subjects", "goals", "assessments"):
        assert sniff_csv(str(files[kind])) == (kind, ",")
    assert sniff_jsonl(str(files["observations_jsonl"])) == "observations"
    assert sniff_jsonl(str(files["subjects_jsonl"])) == "subjects"


def test_progress_bar_while_reading(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("rich")
    monkeypatch.setattr(cli_input, "wants_progress", lambda _path: True)
    code, out, _ = run(
        capsys,
        "validate",
        files["framework"],
        files["observations_jsonl"],
        files["subjects"],
        "--format",
        "json",
    )
    assert code == 0
    assert json.loads(out)["records"]["observations"] == 48


def test_progress_bar_only_for_large_files_on_a_terminal(
    files: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = str(files["observations"])
    assert not cli_input.wants_progress(path)  # stderr is not a terminal here
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert not cli_input.wants_progress(path)  # a small file
    monkeypatch.setattr(cli_input, "PROGRESS_BYTES", 0)
    assert cli_input.wants_progress(path) is (cli_common.has_rich())
    monkeypatch.setitem(sys.modules, "rich.progress", None)
    assert not cli_input.wants_progress(path)


def test_table_on_a_terminal_with_rich(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pytest.importorskip("rich")
    monkeypatch.setattr(cli_validate, "terminal_table", lambda: True)
    code, out, _ = run(capsys, "validate", files["framework"])
    assert code == 0
    assert "my-framework" in out
    assert fingerprint(starter())[:32] in out


def test_plain_text_without_rich(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _, expected, _ = run(capsys, "validate", files["framework"])
    monkeypatch.setitem(sys.modules, "rich", None)  # import rich fails
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    code, out, _ = run(capsys, "validate", files["framework"])
    assert (code, out) == (0, expected)
    code, _, err = run(capsys, "validate", files["framework"], "nothing.csv")
    assert code == 1
    assert err.startswith("resultframe: nothing.csv: ")


# -- commands that report (resultframe.report) ------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_lint(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    code, _, err = run(capsys, "lint", files["framework"])
    assert (code, err) == (0, "")
    code, out, _ = run(capsys, "lint", files["framework"], "--format", "json")
    assert code == 0
    json.loads(out)


def test_lint_error_advice_exits_1(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A result without indicators gets RF101, an error.
    text = example.starter_yaml()
    start = text.index("  indicators:\n  - id: share-adequate")
    end = text.index("# What must be in place")
    bare = tmp_path / "bare.yaml"
    bare.write_text(text[:start] + "\n" + text[end:], encoding="utf-8")
    code, out, _ = run(capsys, "lint", bare)
    assert code == 1
    assert "RF101" in out


def test_evaluate_every_format(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], tmp_path: Path
) -> None:
    base = ["evaluate", files["framework"], files["records_json"], "--as-of", AS_OF]
    code, out, err = run(capsys, *base)
    assert (code, err) == (0, "")
    assert "neighbourhood-self-reliant" in out or "More residents" in out
    code, out, _ = run(capsys, *base, "--format", "json")
    assert code == 0
    json.loads(out)
    code, out, _ = run(capsys, *base, "--format", "markdown", "--lang", "nl")
    assert code == 0
    assert out.lstrip().startswith("#")
    target = tmp_path / "report.html"
    code, out, _ = run(capsys, *base, "--format", "html", "--output", target)
    assert (code, out) == (0, "")
    parser = _Tags()
    parser.feed(target.read_text(encoding="utf-8"))
    assert "html" in parser.tags


def test_evaluate_never_shows_residents(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    for fmt in ("text", "json", "markdown", "html"):
        code, out, _ = run(
            capsys,
            "evaluate",
            files["framework"],
            *csv_facts(files),
            "--as-of",
            AS_OF,
            "--format",
            fmt,
        )
        assert code == 0
        assert "r-00" not in out


def test_observation_notes_only_when_asked(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    base = ["evaluate", files["framework"], files["records_json"], "--as-of", AS_OF]
    code, out, _ = run(capsys, *base)
    assert code == 0
    assert "Payment arrangement" not in out
    code, out, _ = run(capsys, *base, "--observation-notes")
    assert code == 0
    assert "Payment arrangement" in out


def test_evaluate_for_a_cycle_and_period(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, _, err = run(
        capsys,
        "evaluate",
        files["framework"],
        files["records_json"],
        "--as-of",
        AS_OF,
        "--cycle",
        "quarterly",
        "--period",
        "2026Q2",
    )
    assert (code, err) == (0, "")


def test_evaluate_before_the_cycle_starts(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys,
        "evaluate",
        files["framework"],
        files["records_json"],
        "--as-of",
        "2025-06-30",
        "--cycle",
        "quarterly",
    )
    assert (code, out) == (1, "")
    problems = [x for x in err.splitlines() if "warning:" not in x]
    assert problems[0].startswith(
        "resultframe: as_of: expected a day on or after the start"
    )


def test_evaluate_records_that_do_not_fit(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path]
) -> None:
    code, out, err = run(
        capsys,
        "evaluate",
        files["framework"],
        files["observations"],
        "--as-of",
        AS_OF,
    )
    assert (code, out) == (1, "")
    assert "no subject with id" in err


@pytest.mark.parametrize(
    "options", [("agenda",), ("evaluate", "--as-of", "2026-06-30")]
)
def test_unknown_cycle(
    capsys: pytest.CaptureFixture[str], files: dict[str, Path], options: tuple[str, ...]
) -> None:
    command, *rest = options
    code, out, err = run(
        capsys,
        command,
        files["framework"],
        files["records_json"],
        "--cycle",
        "monthly",
        *rest,
    )
    assert (code, out) == (1, "")
    expected = "no cycle with id 'monthly' (cycles: quarterly)"
    assert f"{files['framework']}: {expected}" in err


def test_agenda(capsys: pytest.CaptureFixture[str], files: dict[str, Path]) -> None:
    base = ["agenda", files["framework"], files["records_json"], "--cycle", "quarterly"]
    code, out, err = run(capsys, *base, "--period", "2026Q2")
    assert (code, err) == (0, "")
    # trained-staff was not met, and its follow-up fell due on 1 June
    words = " ".join(out.split())  # tables wrap long cells
    assert starter().condition("trained-staff").name in words
    assert "Plan the training" in words
    code, out, _ = run(capsys, *base, "--period", "2026-05-17", "--format", "json")
    assert code == 0
    json.loads(out)


def test_html_without_the_report_extra_leaves_charts_out(
    capsys: pytest.CaptureFixture[str],
    files: dict[str, Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # As if vl-convert-python were not installed: the import of it fails.
    real_import = importlib.import_module

    def no_vl_convert(name: str, package: str | None = None) -> types.ModuleType:
        if name == "vl_convert":
            raise ModuleNotFoundError(name=name)
        return real_import(name, package)

    monkeypatch.setattr(importlib, "import_module", no_vl_convert)
    code, out, err = run(
        capsys,
        "evaluate",
        files["framework"],
        files["records_json"],
        "--as-of",
        AS_OF,
        "--format",
        "html",
    )
    assert code == 0
    assert "charts left out" in err
    assert "vl-convert-python" in err
    assert "<svg" not in out
    assert "<html" in out


def test_demo_in_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "json"):
        code, out, err = run(capsys, "demo", "--format", fmt)
        assert (code, err) == (0, "")
        assert "inw-0" not in out  # residents are never shown
    code, out, _ = run(capsys, "demo", "--lang", "nl", "--format", "markdown")
    assert code == 0


def test_demo_through_the_interpreter(tmp_path: Path) -> None:
    target = tmp_path / "demo.html"
    done = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "resultframe",
            "demo",
            "--format",
            "html",
            "-o",
            str(target),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    parser = _Tags()
    parser.feed(target.read_text(encoding="utf-8"))
    assert "html" in parser.tags
