"""CSV and JSON Lines facts: round trips, every bad row reported, streaming."""

from __future__ import annotations

import datetime as dt
import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    Agreement,
    Direction,
    Indicator,
    Level,
    Measure,
    Observation,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Scale,
    ScalePoint,
    Subject,
)
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import (
    infer_value,
    read_csv,
    read_jsonl,
    write_csv,
    write_jsonl,
)

if TYPE_CHECKING:
    from pathlib import Path

    from resultframe.serialization import ReadResult
    from resultframe.serialization.facts import FactKind

OBSERVATIONS = "indicator,subject,on,value,note,source\n"
AGREEMENT = Agreement(
    purpose="Test", period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))
)
KINDS: tuple[FactKind, ...] = ("observations", "subjects", "goals", "assessments")


def only(kind: FactKind, records: Records) -> Records:
    """The facts of one kind from *records*, as records of their own."""
    if kind == "observations":
        return Records(observations=records.observations)
    return Records(**{kind: getattr(records, kind)})


def csv_text(records: Records, kind: FactKind, **options: Any) -> str:
    out = io.StringIO()
    write_csv(records, out, kind, **options)
    return out.getvalue()


def jsonl_text(records: Records, kind: FactKind) -> str:
    out = io.StringIO()
    write_jsonl(records, out, kind)
    return out.getvalue()


def csv_errors(text: str, **options: Any) -> tuple[str, ...]:
    with pytest.raises(InvalidDocument) as info:
        read_csv(io.StringIO(text), **options)
    return info.value.errors


# -- round trips ------------------------------------------------------------------


def has_nul(records: Records, kind: FactKind) -> bool:
    """Whether a fact of *kind* has a text with U+0000 (CSV cannot hold it)."""

    def nul(value: object) -> bool:
        if isinstance(value, dict):
            return any(map(nul, value.values()))
        return isinstance(value, str) and "\0" in value

    lines = jsonl_text(records, kind).split("\n")
    return any(nul(json.loads(line)) for line in lines if line)


@given(st.data(), st.sampled_from(KINDS))
def test_read_csv_of_write_csv_is_the_facts_given_the_framework(
    data: st.DataObject, kind: FactKind
) -> None:
    framework = data.draw(rs.frameworks())
    records = data.draw(rs.records(framework))
    if has_nul(records, kind):
        with pytest.raises(InvalidValue, match="U\\+0000"):
            csv_text(records, kind, framework=framework)
        return
    text = csv_text(records, kind, framework=framework)
    back = read_csv(io.StringIO(text), kind, framework=framework)
    assert back.records == only(kind, records)
    assert back.rejected == ()


@given(st.data())
def test_read_csv_of_write_csv_without_framework_is_the_facts_or_refused(
    data: st.DataObject,
) -> None:
    records = data.draw(rs.records(data.draw(rs.frameworks())))
    try:
        text = csv_text(records, "observations")
    except InvalidValue as e:
        # Only a text with U+0000, or one that would read back as a number or
        # bool, is refused.
        if has_nul(records, "observations"):
            assert "U+0000" in str(e)
            return
        assert "pass the framework" in str(e)
        assert any(
            isinstance(o.value, str) and infer_value(o.value) != o.value
            for o in records
        )
        return
    assert read_csv(io.StringIO(text)).records == only("observations", records)


@given(st.data(), st.sampled_from(KINDS))
def test_read_jsonl_of_write_jsonl_is_the_facts(
    data: st.DataObject, kind: FactKind
) -> None:
    records = data.draw(rs.records(data.draw(rs.frameworks())))
    back = read_jsonl(io.StringIO(jsonl_text(records, kind)), kind)
    assert back.records == only(kind, records)


@given(st.data(), st.integers(min_value=1, max_value=7))
def test_chunk_size_does_not_change_what_is_read(
    data: st.DataObject, chunk_rows: int
) -> None:
    records = data.draw(rs.records(data.draw(rs.frameworks())))
    text = jsonl_text(records, "observations") + "not json\n"
    whole = read_jsonl(io.StringIO(text), on_error="collect")
    chunked = read_jsonl(io.StringIO(text), on_error="collect", chunk_rows=chunk_rows)
    assert chunked == whole
    assert len(whole.rejected) == 1


@pytest.mark.parametrize("text", ["12", "true", "false", "1e3", "-0.5"])
def test_texts_that_read_as_numbers_need_the_framework(text: str) -> None:
    framework = ResultsFramework(
        id="f",
        name="F",
        agreement=AGREEMENT,
        results=(
            Result(
                id="r",
                statement="S",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(
                    Indicator(
                        id="story",
                        name="Story",
                        measure=Measure.QUALITATIVE,
                        direction=Direction.MAINTAIN,
                        question=Question.HOW_WELL,
                    ),
                ),
            ),
        ),
    )
    records = Records(
        observations=[
            Observation(
                indicator="story", subject="r-1", on=dt.date(2025, 1, 1), value=text
            )
        ]
    )
    with pytest.raises(InvalidValue) as info:
        csv_text(records, "observations")
    assert "pass the framework" in str(info.value)
    written = csv_text(records, "observations", framework=framework)
    back = read_csv(io.StringIO(written), framework=framework)
    assert back.records == records


# -- typing of values -------------------------------------------------------------


def test_values_without_a_framework_follow_the_rule() -> None:
    text = OBSERVATIONS + "\n".join(
        f"i,s,2025-01-0{n},{v},," for n, v in enumerate(["true", "3", "2.5", "goed"], 1)
    )
    values = [o.value for o in read_csv(io.StringIO(text)).records]
    assert values == [True, 3, 2.5, "goed"]
    assert [type(v) for v in values] == [bool, int, float, str]


def test_values_with_a_framework_follow_the_measure() -> None:
    framework = small_framework()
    text = OBSERVATIONS + (
        "count,s,2025-01-01,3,,\n"
        'count,s,2025-01-02,"1,5",,\n'
        "flag,s,2025-01-01,true,,\n"
        "flag,s,2025-01-02,misschien,,\n"
        "story,s,2025-01-01,3,,\n"
        "zrm,s,2025-01-01,3.0,,\n"
        "unknown,s,2025-01-01,3,,\n"
    )
    result = read_csv(io.StringIO(text), framework=framework, on_error="collect")
    kept = {o.indicator: o.value for o in result.records}
    assert kept == {"count": 3, "flag": True, "story": "3"}
    assert [e for r in result.rejected for e in r.errors] == [
        (
            "expected a number (digits and a decimal point, no thousands separators), "
            "got '1,5'; for a decimal comma, set the decimal separator to ',' "
            "@ line 3, column 'value'"
        ),
        (
            "expected true or false (or ja/nee, WAAR/ONWAAR, 1/0), got 'misschien' "
            "@ line 5, column 'value'"
        ),
        "expected a whole number (a scale point), got '3.0' @ line 7, column 'value'",
        "no indicator with id 'unknown' in the framework @ line 8, column 'indicator'",
    ]


def small_framework() -> ResultsFramework:
    def indicator(id_: str, measure: Measure, **extra: Any) -> Indicator:
        direction = (
            Direction.MAINTAIN if measure is Measure.QUALITATIVE else Direction.INCREASE
        )
        return Indicator(
            id=id_,
            name=id_,
            measure=measure,
            direction=direction,
            question=Question.BETTER_OFF,
            **extra,
        )

    scale = Scale(
        id="zrm",
        name="ZRM",
        points=tuple(ScalePoint(value=v, label=str(v)) for v in range(1, 6)),
    )
    return ResultsFramework(
        id="f",
        name="F",
        agreement=AGREEMENT,
        results=(
            Result(
                id="r",
                statement="S",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(
                    indicator("count", Measure.QUANTITY),
                    indicator("flag", Measure.BINARY),
                    indicator("story", Measure.QUALITATIVE),
                    indicator("zrm", Measure.ORDINAL, scale=scale),
                ),
            ),
        ),
    )


# -- bad rows ---------------------------------------------------------------------


BAD = OBSERVATIONS + (
    "zrm-fin,r-001,2025-03-01,2,,\n"  # line 2: good
    "zrm-fin,r-001,2025-13-01,2,,\n"  # line 3: no such month
    "zrm fin,111222333,2025-03-01,,,\n"  # line 4: three problems
    "zrm-fin,r-002,2025-03-01\n"  # line 5: too few cells
    "\n"  # line 6: blank, skipped
    'zrm-fin,r-003,2025-03-02,"1e999",,\n'  # line 7: not finite
    "zrm-fin,r-004,2025-03-02,4,,\n"  # line 8: good
)


def test_every_bad_row_is_reported_with_its_line_and_reason() -> None:
    assert csv_errors(BAD) == (
        "expected a calendar date as 'YYYY-MM-DD', got '2025-13-01' @ line 3, column 'on'",
        (
            "expected an id of 1-128 characters: a letter or digit, then letters, "
            "digits, '.', '_', ':' or '-', got 'zrm fin' @ line 4, column 'indicator'"
        ),
        (
            "expected a pseudonym, got an id that passes the BSN eleven test; pseudonymize "
            "it (resultframe.pseudonymize), or, if it is not a BSN, allow it: "
            "allow_bsn_like_ids=True on a loader, reader or Records.from_columns, "
            "allow_bsn_like_id=True on a Subject, or within "
            "resultframe.privacy.allowing_bsn_like_ids() @ line 4, column 'subject'"
        ),
        "required value missing @ line 4, column 'value'",
        "expected 6 cells (as in the header), got 3 @ line 5",
        "expected a finite number, got inf @ line 7, column 'value'",
    )


def test_collect_returns_the_good_rows_and_the_rejected_ones() -> None:
    result = read_csv(io.StringIO(BAD), on_error="collect")
    assert (result.rows, result.accepted, len(result.rejected)) == (6, 2, 4)
    assert [r.line for r in result.rejected] == [3, 4, 5, 7]
    assert result.rejected[2].text == "zrm-fin,r-002,2025-03-01"
    assert "r-002" not in repr(result.rejected[2])  # subject data stays out of repr
    assert [o.subject for o in result.records] == ["r-001", "r-004"]


def test_the_cap_counts_what_it_does_not_list() -> None:
    result = read_csv(io.StringIO(BAD), on_error="collect", max_reported=1)
    assert [r.line for r in result.rejected] == [3]
    assert result.more_rejected == 3
    assert result.accepted == 2
    errors = csv_errors(BAD, max_reported=1)
    assert errors[-1] == ("... and 3 more rejected rows")


@given(st.data())
def test_no_row_is_dropped_silently(data: st.DataObject) -> None:
    records = data.draw(rs.records(data.draw(rs.frameworks())))
    lines = jsonl_text(records, "observations").split("\n")[:-1]
    junk = st.sampled_from(["", "{}", "[]", "{", '{"value": 1}', "null", " "])
    for _ in range(data.draw(st.integers(0, 5))):
        lines.insert(data.draw(st.integers(0, len(lines))), data.draw(junk))
    text = "\n".join(lines) + "\n"
    result = read_jsonl(io.StringIO(text), on_error="collect", max_reported=None)
    non_blank = sum(1 for line in lines if line.strip())
    assert result.rows == non_blank
    assert result.accepted + len(result.rejected) == result.rows
    assert len(result.records) == result.accepted


def test_jsonl_rows_are_checked_like_documents() -> None:
    text = (
        '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1}\n'
        '{"indicator": 3, "subject": "s", "on": "2025-01-01", "value": [1]}\n'
        '{"indicator": "i", "indicator": "j", "subject": "s", "on": "2025-01-01", "value": 1}\n'
        "not json\n"
        '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": 1, "x": 1}\n'
        '{"indicator": "i", "subject": "s", "on": "2025-01-01", "value": "1"}\n'
    )
    with pytest.raises(InvalidDocument) as info:
        read_jsonl(io.StringIO(text))
    assert info.value.errors == (
        "expected a string, got 3 @ line 2, $.indicator",
        (
            "expected a number, true, false or a text, got an array of 1 items "
            "@ line 2, $.value"
        ),
        "key 'indicator' occurs more than once in this object @ line 3, $",
        "invalid JSON: Expecting value (column 1) @ line 4",
        (
            "unknown key (expected: indicator, subject, on, value, note, source) "
            "@ line 5, $.x"
        ),
    )
    # "1" is a text in JSON: a string, not the number 1.
    result = read_jsonl(io.StringIO(text), on_error="collect")
    assert [o.value for o in result.records] == [1, "1"]


def test_header_problems_always_raise() -> None:
    assert csv_errors("") == (
        (
            "expected a header row with the columns indicator, subject, on, value, note, "
            "source @ line 1"
        ),
    )
    assert csv_errors("indicator,subject,day,value,value\n", on_error="collect") == (
        (
            "unknown column 'day' (expected: indicator, subject, on, value, note, source) "
            "@ line 1"
        ),
        "column 'value' appears more than once @ line 1",
        "required column 'on' missing @ line 1",
    )


def test_other_facts_report_columns() -> None:
    text = (
        "subject,indicator,target.value,target.by,baseline.value,baseline.on\n"
        "r-1,zrm,4,2025-12-31,2,2025-01-01\n"
        "r-2,zrm,four,2025-12-31,,\n"
        "r-3,zrm,4,2025-12-31,2,\n"
    )
    with pytest.raises(InvalidDocument) as info:
        read_csv(io.StringIO(text), "goals")
    assert info.value.errors == (
        "expected a number, got 'four' @ line 3, column 'target.value'",
        "required key missing @ line 4, column 'baseline.on'",
    )
    subjects = (
        "id,level,part_of,name,dimensions.age\n"
        "r-1,micro,wijk-1,,18-27\n"
        "wijk-1,meso,gem,Noord,\n"
        "r-2,mikro,,,\n"
    )
    result = read_csv(io.StringIO(subjects), "subjects", on_error="collect")
    assert result.records.subject("r-1").dimension("age") == "18-27"
    assert result.records.subject("wijk-1").name == "Noord"
    assert result.rejected[0].errors == (
        "expected one of 'micro', 'meso', 'macro', got 'mikro' @ line 4, column 'level'",
    )


def test_bsn_like_ids_need_permission() -> None:
    text = "id,level\n111222333,micro\n"
    errors = csv_errors(text, kind="subjects")
    assert errors == (
        (
            "expected a pseudonym, got an id that passes the BSN eleven test; "
            "pseudonymize it (resultframe.pseudonymize), or, if it is not a BSN, allow "
            "it: allow_bsn_like_ids=True on a loader, reader or Records.from_columns, "
            "allow_bsn_like_id=True on a Subject, or within "
            "resultframe.privacy.allowing_bsn_like_ids() @ line 2, column 'id'"
        ),
    )
    assert "111222333" not in " ".join(errors)
    allowed = read_csv(io.StringIO(text), "subjects", allow_bsn_like_ids=True)
    assert allowed.records.subjects[0].id == "111222333"


# -- files, options, progress -----------------------------------------------------


def test_paths_byte_order_marks_and_dutch_delimiters(tmp_path: Path) -> None:
    path = tmp_path / "metingen.csv"
    path.write_text(
        "\ufeffindicator;subject;on;value\nzrm-fin;r-001;2025-03-01;2\n",
        encoding="utf-8",
    )
    result = read_csv(path, delimiter=";")
    assert [o.value for o in result.records] == [2]
    out = tmp_path / "out.csv"
    assert write_csv(result.records, out, delimiter=";") == 1
    assert read_csv(out, delimiter=";").records == result.records
    jsonl = tmp_path / "out.jsonl"
    assert write_jsonl(result.records, jsonl) == 1
    assert read_jsonl(str(jsonl)).records == result.records


def test_progress_is_reported_after_each_chunk() -> None:
    text = OBSERVATIONS + "".join(f"i,s,2025-01-{d:02},{d},,\n" for d in range(1, 11))
    seen: list[int] = []
    result = read_csv(io.StringIO(text), progress=seen.append, chunk_rows=4)
    assert seen == [4, 8, 10]
    assert result.rows == 10


def test_invalid_options_are_refused() -> None:
    source = io.StringIO(OBSERVATIONS)
    for options in (
        {"kind": "events"},
        {"on_error": "ignore"},
        {"max_reported": -1},
        {"chunk_rows": 0},
        {"delimiter": ";;"},
        {"allow_bsn_like_ids": "yes"},
    ):
        with pytest.raises(InvalidValue):
            read_csv(source, **options)
    with pytest.raises(InvalidValue):
        read_csv(12)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        write_csv(Records(), io.BytesIO())  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        write_csv([], io.StringIO())  # type: ignore[arg-type]


@pytest.mark.parametrize("note", ["\r", "\n", "\r\n", "a,b", '"', "\u2028", " x "])
def test_line_breaks_and_quotes_in_texts_survive_csv(note: str) -> None:
    records = Records(
        observations=[
            Observation(
                indicator="i", subject="s", on=dt.date(2025, 1, 1), value=1, note=note
            )
        ]
    )
    assert read_csv(io.StringIO(csv_text(records, "observations"))).records == records


def test_a_text_with_the_nul_character_cannot_be_written_to_csv() -> None:
    # Python 3.10's csv module can neither write nor read U+0000: refused on
    # every version alike, naming the fact and the column, never the text.
    note = "private\x00text"
    records = Records(
        observations=[
            Observation(
                indicator="i", subject="s", on=dt.date(2025, 1, 1), value=1, note=note
            )
        ],
        subjects=[Subject(id="wijk-1", level=Level.MESO, name="Noord\x00")],
    )
    with pytest.raises(InvalidValue) as info:
        csv_text(records, "observations")
    assert info.value.field == "observations[0].note"
    assert "private" not in str(info.value)
    with pytest.raises(InvalidValue) as info:
        csv_text(records, "subjects")
    assert info.value.field == "subjects[0].name"
    # JSON Lines holds it.
    out = io.StringIO()
    write_jsonl(records, out)
    back = read_jsonl(io.StringIO(out.getvalue())).records
    assert back.observations_of("i")[0].note == note


def test_empty_name_cannot_be_written_to_csv() -> None:
    subject = Subject(id="wijk-1", level=Level.MESO, name="")
    with pytest.raises(InvalidValue):
        csv_text(Records(subjects=[subject]), "subjects")


def result_summary(result: ReadResult) -> tuple[int, int]:
    return result.rows, result.accepted


def test_jsonl_lines_longer_than_the_limit_are_rejected() -> None:
    line = json.dumps(
        {"indicator": "i", "subject": "s", "on": "2025-01-01", "value": "x" * 50}
    )
    result = read_jsonl(io.StringIO(line + "\n"), on_error="collect", max_line_bytes=20)
    assert result_summary(result) == (1, 0)
    assert result.rejected[0].errors == (
        "line longer than the limit of 20 characters @ line 1",
    )
