"""What Dutch spreadsheets and case systems export: read through the API and the command.

The files in ``tests/data/dutch/`` are shaped like real exports: Excel's plain
"CSV" (Windows-1252, ``;``, CRLF, ``d-m-yyyy``, decimal comma), "CSV UTF-8" (a
byte order mark), "Unicode text" (UTF-16 with a byte order mark, tabs), and a
file with a problem on nearly every line.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Records, ResultsFramework, cli
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import (
    load_yaml,
    locate,
    read_csv,
    read_jsonl,
    write_csv,
)
from resultframe.serialization._cells import (
    Bad,
    CellFormat,
    binary,
    number,
    parse_day,
    value_text,
)
from resultframe.serialization.files import CsvOptions, check_files

if TYPE_CHECKING:
    from resultframe.serialization import ReadResult

DATA = Path(__file__).parent / "data" / "dutch"
COMMA = CellFormat(decimal=",")
DMY = CellFormat(date_format="d-m-yyyy")


@pytest.fixture(scope="module")
def framework() -> ResultsFramework:
    found = load_yaml((DATA / "framework.yaml").read_text("utf-8"), kind="framework")
    assert isinstance(found, ResultsFramework)
    return found


def values(result: ReadResult) -> dict[tuple[str, str, dt.date], Any]:
    return {(o.indicator, o.subject, o.on): o.value for o in result.records}


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


# -- encodings -------------------------------------------------------------------------


def test_windows_1252_with_its_encoding(framework: ResultsFramework) -> None:
    result = read_csv(
        DATA / "observations-cp1252.csv",
        framework=framework,
        delimiter=";",
        encoding="cp1252",
        date_format="d-m-yyyy",
    )
    assert result.rejected == ()
    notes = {o.note for o in result.records}
    assert "schuld € 1.200 afgelost" in notes  # €, read from byte 0x80
    assert "coöperatief" in notes
    subjects = read_csv(
        DATA / "subjects-cp1252.csv", "subjects", delimiter=";", encoding="cp1252"
    )
    names = {s.name for s in subjects.records.subjects}
    assert names == {"Noord (Zoë)", "Zuid-Oost café", None}


def test_windows_1252_read_as_utf8_rejects_only_its_rows() -> None:
    result = read_csv(
        DATA / "observations-cp1252.csv",
        delimiter=";",
        date_format="d-m-yyyy",
        on_error="collect",
    )
    # Lines 2 and 3 hold € and ö; the other five rows are kept.
    assert [r.line for r in result.rejected] == [2, 3]
    assert result.accepted == 5
    first = result.rejected[0].errors
    assert first == (
        (
            'not valid UTF-8 text (byte 0x80); save the file as "CSV UTF-8", or read '
            "it with the encoding it was saved in (encoding cp1252 for what Excel "
            "saves by default) @ line 2"
        ),
    )
    with pytest.raises(InvalidDocument, match=r"byte 0xF6.*@ line 3"):
        read_csv(DATA / "observations-cp1252.csv", delimiter=";")


def test_utf8_with_a_byte_order_mark_and_crlf(framework: ResultsFramework) -> None:
    result = read_csv(
        DATA / "observations-utf8-bom.csv",
        framework=framework,
        delimiter=";",
        date_format="d-m-yyyy",
    )
    # The mark is not part of the first column's name; CRLF ends no cell.
    assert values(result)[("finances", "r-002", dt.date(2026, 2, 1))] == 4
    assert {o.note for o in result.records} == {"één gesprek", ""}
    # The mark wins over the encoding given.
    again = read_csv(
        DATA / "observations-utf8-bom.csv",
        framework=framework,
        delimiter=";",
        date_format="d-m-yyyy",
        encoding="cp1252",
    )
    assert again.records == result.records


def test_utf16_with_a_byte_order_mark(framework: ResultsFramework) -> None:
    result = read_csv(
        DATA / "observations-utf16.csv",
        framework=framework,
        delimiter="\t",
        decimal=",",
    )
    assert values(result)[("support-hours", "r-001", dt.date(2026, 3, 1))] == 2.75
    assert "geëvalueerd" in {o.note for o in result.records}


def test_binary_file_objects_are_read_and_left_open() -> None:
    raw = io.BytesIO(b"\xef\xbb\xbfindicator,subject,on,value\nzrm,r-1,2026-01-01,3\n")
    result = read_csv(raw)
    assert [o.value for o in result.records] == [3]
    assert not raw.closed
    lines = io.BytesIO(b"indicator,subject,on,value\nzrm,r-1,2026-01-01,3\n")
    assert (
        len(
            read_jsonl(
                io.BytesIO(
                    b'{"indicator":"zrm","subject":"r-1","on":"2026-01-01","value":3}\n'
                )
            ).records
        )
        == 1
    )
    assert read_csv(lines, encoding="cp1252").rejected == ()  # no mark: as given


def test_utf16_that_is_cut_off_is_refused_whole() -> None:
    text = "indicator,subject,on,value\nzrm,r-1,2026-01-01,3\n".encode("utf-16")
    with pytest.raises(InvalidDocument, match="not valid UTF-16"):
        read_csv(io.BytesIO(text + b"\x41"))  # an odd byte at the end


def test_unknown_encodings_are_refused() -> None:
    with pytest.raises(InvalidValue, match="encoding"):
        read_csv(DATA / "observations-cp1252.csv", encoding="klingon")


# -- decimal comma ---------------------------------------------------------------------


def test_decimal_comma_is_the_default_with_semicolons(
    framework: ResultsFramework,
) -> None:
    result = read_csv(
        DATA / "observations-cp1252.csv",
        framework=framework,
        delimiter=";",
        encoding="cp1252",
        date_format="d-m-yyyy",
    )
    found = values(result)
    assert found[("support-hours", "r-001", dt.date(2026, 1, 31))] == 3.5
    # 1.234,5: a point between groups of three and a decimal comma.
    assert found[("support-hours", "r-002", dt.date(2026, 2, 28))] == 1234.5
    text = "indicator;subject;on;value\nsupport-hours;r-1;2026-01-01;3,5\n"
    point = read_csv(
        io.StringIO(text),
        framework=framework,
        delimiter=";",
        decimal=".",
        on_error="collect",
    )
    assert "set the decimal separator to ','" in point.rejected[0].errors[0]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", 3.5),
        ("-0,25", -0.25),
        ("12", 12),
        ("1.234,5", 1234.5),  # thousands and decimals
        ("1.234.567", 1234567),  # two points: thousands only
        ("0.500", 0.5),  # no group starts with 0: a decimal point
        ("3.5", 3.5),  # not a group of three: a decimal point
        ("1,5e3", 1500.0),
    ],
)
def test_numbers_with_a_decimal_comma(text: str, expected: float) -> None:
    got = number(text, COMMA)
    assert (got, type(got)) == (expected, type(expected))


@pytest.mark.parametrize("text", ["1.234", "-12.500", "999.000"])
def test_one_point_before_three_digits_is_ambiguous(text: str) -> None:
    with pytest.raises(Bad, match="ambiguous number"):
        number(text, COMMA)


@pytest.mark.parametrize("text", ["1.23.456", "12.34,5", "1,234.5", "3,5,0", "€ 3"])
def test_numbers_that_are_not_numbers_with_a_decimal_comma(text: str) -> None:
    with pytest.raises(Bad, match="expected a number with a decimal comma"):
        number(text, COMMA)


@given(st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53))
def test_value_text_with_a_decimal_comma_reads_back(x: float) -> None:
    assert number(value_text(x, ","), COMMA) == x


@given(st.integers(1000, 2**53), st.integers(0, 99))
def test_thousands_groups_read_as_their_number(n: int, cents: int) -> None:
    grouped = f"{n:,}".replace(",", ".")
    if grouped.count(".") >= 2:
        assert number(grouped, COMMA) == n
    else:
        with pytest.raises(Bad, match="ambiguous"):
            number(grouped, COMMA)
    assert number(f"{grouped},{cents:02d}", COMMA) == float(f"{n}.{cents:02d}")


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_semicolon_csv_written_reads_back(data: st.DataObject) -> None:
    framework = data.draw(rs.frameworks())
    records = data.draw(rs.records(framework))
    out = io.StringIO()
    try:
        write_csv(records, out, framework=framework, delimiter=";")
    except InvalidValue as e:
        assert "U+0000" in str(e)
        return
    back = read_csv(io.StringIO(out.getvalue()), framework=framework, delimiter=";")
    assert back.records == Records(observations=records.observations)


def test_decimal_options_are_checked() -> None:
    with pytest.raises(InvalidValue, match="decimal"):
        read_csv(io.StringIO(""), decimal=";")
    with pytest.raises(InvalidValue, match="other than the delimiter"):
        read_csv(io.StringIO(""), decimal=",")
    with pytest.raises(InvalidValue, match="date_format"):
        read_csv(io.StringIO(""), date_format="mm/dd/yyyy")


# -- days and yes/no -------------------------------------------------------------------


@given(st.dates(dt.date(1000, 1, 1), dt.date(9999, 12, 31)))
def test_dutch_days_read_as_the_day(day: dt.date) -> None:
    assert parse_day(f"{day.day}-{day.month}-{day.year:04d}", DMY) == day
    assert parse_day(f"{day.day:02d}-{day.month:02d}-{day.year:04d}", DMY) == day
    assert parse_day(day.isoformat(), DMY) == day


def test_days_that_are_no_days_are_refused() -> None:
    from resultframe._canonical.converter import Mismatch  # noqa: PLC0415

    with pytest.raises(Mismatch, match="calendar date as 'd-m-yyyy'"):
        parse_day("31-2-2026", DMY)
    with pytest.raises(Mismatch, match="set the date format to d-m-yyyy"):
        parse_day("1-2-2026")
    with pytest.raises(Mismatch, match="'d-m-yyyy'"):
        parse_day("2/1/2026", DMY)


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        (("ja", "Ja", "JA", "waar", "WAAR", "Waar", "1", "true", "TRUE"), True),
        (("nee", "Nee", "NEE", "onwaar", "ONWAAR", "0", "false", "False"), False),
    ],
)
def test_yes_and_no(texts: tuple[str, ...], expected: bool) -> None:
    assert {binary(t) for t in texts} == {expected}


def test_yes_and_no_in_a_file(framework: ResultsFramework) -> None:
    result = read_csv(
        DATA / "observations-utf8-bom.csv",
        framework=framework,
        delimiter=";",
        date_format="d-m-yyyy",
    )
    found = values(result)
    assert found[("has-plan", "r-003", dt.date(2026, 3, 1))] is True  # WAAR
    assert found[("has-plan", "r-002", dt.date(2026, 3, 1))] is False  # onwaar
    with pytest.raises(Bad, match="ja/nee"):
        binary("misschien")


# -- every problem, at its line --------------------------------------------------------


EXPECTED = [
    ("subjects-problems.csv", 5, "part_of", "unknown_id"),
    ("observations-problems.csv", 3, "on", "duplicate_observation"),
    ("observations-problems.csv", 4, "subject", "unknown_id"),
    ("observations-problems.csv", 5, "subject", "wrong_level"),
    ("observations-problems.csv", 6, "value", "wrong_value"),
    ("observations-problems.csv", 7, "value", "ambiguous_number"),
    ("observations-problems.csv", 8, "value", "invalid_value"),
    ("observations-problems.csv", 9, "on", "invalid_value"),
    ("observations-problems.csv", 10, None, "encoding"),
]


def test_every_problem_with_its_line(framework: ResultsFramework) -> None:
    files = [
        str(DATA / "subjects-problems.csv"),
        str(DATA / "observations-problems.csv"),
    ]
    _, found = check_files(files, framework, options=CsvOptions(date_format="d-m-yyyy"))
    assert [(Path(p.file).name, p.line, p.column, p.code) for p in found] == EXPECTED
    duplicate = found[1]
    assert duplicate.message.endswith("(also line 2)")


def test_validate_lists_every_problem_as_json(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(
        capsys,
        "validate",
        DATA / "framework.yaml",
        DATA / "subjects-problems.csv",
        DATA / "observations-problems.csv",
        "--date-format",
        "d-m-yyyy",
        "--format",
        "json",
        "--max-problems",
        "3",
    )
    assert code == 1
    data = json.loads(out)
    assert (data["count"], data["listed"]) == (9, 3)  # the count is of all
    assert list(data["problems"][0]) == ["file", "line", "column", "code", "message"]
    assert [p["line"] for p in data["problems"]] == [5, 3, 4]


def test_validate_text_lists_file_line_and_column(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys,
        "validate",
        DATA / "framework.yaml",
        DATA / "subjects-problems.csv",
        DATA / "observations-problems.csv",
        "--date-format=d-m-yyyy",
        "--max-problems=2",
    )
    assert code == 1
    lines = err.splitlines()
    problems = DATA / "observations-problems.csv"
    assert lines[1].startswith(f"resultframe: {problems}:3:on: more than one")
    assert lines[2] == "resultframe: ... and 7 more (--max-problems lists more)"
    assert lines[3] == "resultframe: 9 problems in the input"


# -- the command, on real exports ------------------------------------------------------


def test_the_command_reads_every_export(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "validate",
        DATA / "framework.yaml",
        DATA / "subjects-cp1252.csv",
        DATA / "observations-cp1252.csv",
        DATA / "observations-utf8-bom.csv",
        DATA / "observations-utf16.csv",
        "--encoding",
        "cp1252",
        "--date-format",
        "d-m-yyyy",
        "--decimal",
        ",",
        "--format",
        "json",
    )
    assert (code, err) == (0, "")
    assert json.loads(out)["records"]["observations"] == 13  # 7 + 4 + 2


def test_the_command_names_the_encoding_option(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(
        capsys,
        "validate",
        DATA / "framework.yaml",
        DATA / "subjects-cp1252.csv",
        "--encoding",
        "klingon",
    )
    assert code == 2
    assert "--encoding: unknown encoding 'klingon'" in err


def test_pseudonymize_refuses_an_unknown_encoding_as_a_usage_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # Was a LookupError traceback (exit 1) once the key was found.
    key = tmp_path / "key"
    key.write_bytes(b"k" * 32)
    code, _, err = run(
        capsys,
        "pseudonymize",
        DATA / "subjects-cp1252.csv",
        "--column",
        "id",
        "--output",
        tmp_path / "clean.csv",
        "--key-file",
        key,
        "--encoding",
        "klingon",
    )
    assert code == 2
    assert "--encoding: unknown encoding 'klingon'" in err
    assert not (tmp_path / "clean.csv").exists()


@pytest.mark.parametrize("period", ["2026Q9", "9999-12", "2025Q4", "Q3"])
def test_bad_periods_are_usage_errors(
    capsys: pytest.CaptureFixture[str], period: str
) -> None:
    code, _, err = run(
        capsys,
        "agenda",
        DATA / "framework.yaml",
        DATA / "observations-utf8-bom.csv",
        "--cycle",
        "quarterly",
        "--period",
        period,
    )
    assert code == 2
    assert "usage:" in err
    assert "--period" in err


# -- warnings --------------------------------------------------------------------------


def test_warnings_for_probable_mistakes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    observations = tmp_path / "observations.csv"
    observations.write_text(
        "indicator;subject;on;value\n"
        "support-hours;r-001;2025-12-01;-3\n"  # before the agreement; negative
        "support-hours;r-002;2026-02-01;2,5\n",
        encoding="utf-8",
    )
    code, _, err = run(
        capsys,
        "evaluate",
        DATA / "framework.yaml",
        DATA / "subjects-cp1252.csv",
        observations,
        "--encoding=cp1252",
        "--as-of=2028-06-30",
        "--min-group=5",
    )
    assert code == 0
    warnings = [line for line in err.splitlines() if ": warning: " in line]
    assert len(warnings) == 4
    assert "below the privacy floor of 10" in warnings[0]
    assert "1 observation(s) of 'support-hours' lie outside the agreement" in err
    assert "1 negative value(s) of 'support-hours'" in err
    assert "--as-of 2028-06-30 is more than a year after" in err


def test_targets_after_the_agreement_are_warned_of(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    text = (DATA / "framework.yaml").read_text("utf-8")
    late = tmp_path / "framework.yaml"
    late.write_text(
        text.replace("{value: 8, by: '2026-12-31'}", "{value: 8, by: '2027-06-30'}"),
        "utf-8",
    )
    code, _, err = run(
        capsys, "validate", late, DATA / "subjects-cp1252.csv", "--encoding=cp1252"
    )
    assert code == 0
    assert (
        "warning: indicator 'support-hours': target by 2027-06-30, after the agreement ends (2026-12-31)"
        in err
    )


@given(
    st.lists(
        st.tuples(st.sampled_from(["r-001", "r-002", "r-404"]), st.integers(1, 4)),
        min_size=1,
        max_size=30,
    )
)
def test_located_problems_stand_at_the_rows_they_are_about(
    rows: list[tuple[str, int]],
) -> None:
    framework = load_yaml(
        (DATA / "framework.yaml").read_text("utf-8"), kind="framework"
    )
    assert isinstance(framework, ResultsFramework)
    text = "indicator,subject,on,value\n" + "".join(
        f"finances,{s},2026-01-0{d},3\n" for s, d in rows
    )
    facts = read_csv(io.StringIO(text), framework=framework)
    subjects = read_csv(io.StringIO("id,level\nr-001,micro\nr-002,micro\n"), "subjects")
    records = facts.records.add(subjects.records.subjects)
    found = locate(records.check(framework), {"o.csv": facts, "s.csv": subjects})
    key_at = dict(enumerate(rows, start=2))
    lines_of: dict[tuple[str, int], list[int]] = {}
    for line, row in key_at.items():
        lines_of.setdefault(row, []).append(line)
    duplicates = {
        (p.line, int(p.message.rsplit("line ", 1)[1].rstrip(")")))
        for p in found
        if p.code == "duplicate_observation"
    }
    # One problem per key observed more than once: at its second line, naming the first.
    assert duplicates == {
        (lines[1], lines[0]) for lines in lines_of.values() if len(lines) > 1
    }
    unknown = [p for p in found if p.code == "unknown_id"]
    missing = [line for line, (s, _) in key_at.items() if s == "r-404"]
    assert [p.line for p in unknown] == missing[:1]
    if len(missing) > 1:
        assert unknown[0].message.endswith(f"({len(missing)} rows; the first here)")


def test_header_problems_have_their_code(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    header = tmp_path / "header.csv"
    header.write_bytes(b"indicator;subject;on;waarde\r\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("indicator;subject;on;value;opmerking é\r\n".encode("cp1252"))
    code, out, _ = run(
        capsys, "validate", DATA / "framework.yaml", header, latin, "--format=json"
    )
    assert code == 1
    found = [
        (Path(p["file"]).name, p["line"], p["code"])
        for p in json.loads(out)["problems"]
    ]
    assert ("header.csv", 1, "invalid_header") in found
    assert ("latin.csv", 1, "encoding") in found


def test_json_lines_with_a_line_in_another_encoding() -> None:
    good = '{"indicator": "zrm", "subject": "r-1", "on": "2026-01-01", "value": 3}\n'
    bad = '{"indicator": "zrm", "subject": "r-2", "on": "2026-01-01", "value": "één"}\n'
    data = good.encode() + bad.encode("cp1252") + good.replace("r-1", "r-3").encode()
    result = read_jsonl(io.BytesIO(data), on_error="collect")
    assert [o.subject for o in result.records] == ["r-1", "r-3"]
    assert [(r.line, r.problems[0][1][:27]) for r in result.rejected] == [
        (2, "not valid UTF-8 text (byte ")
    ]
    both = read_jsonl(io.BytesIO(data), encoding="cp1252")
    assert [o.value for o in both.records] == [3, "één", 3]
