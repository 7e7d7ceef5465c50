"""JSON documents: round trips, the canonical form, fingerprints, strictness and errors."""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionStatus,
    Direction,
    FeedbackCycle,
    Goal,
    Indicator,
    Level,
    Means,
    Measure,
    Observation,
    Party,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Scale,
    ScalePoint,
    Subject,
    Target,
)
from resultframe.errors import InvalidDocument, InvalidValue, ResultframeError
from resultframe.serialization import (
    canonical,
    dumps,
    fingerprint,
    from_dict,
    kind_of,
    loads,
    to_dict,
)


def small_framework(**changes: Any) -> ResultsFramework:
    """A framework with one ordinal indicator, a condition, a cycle and a party."""
    zrm = Scale(
        id="zrm",
        name="ZRM",
        points=tuple(ScalePoint(value=v, label=f"level {v}") for v in range(1, 6)),
    )
    indicator = Indicator(
        id="zrm-fin",
        name="Finances",
        measure=Measure.ORDINAL,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        scale=zrm,
        baseline=Baseline(value=2, on=dt.date(2025, 1, 1)),
        targets=(Target(value=3, by=dt.date(2025, 12, 31)),),
    )
    fields: dict[str, Any] = {
        "id": "wmo-2025",
        "name": "Wmo 2025",
        "agreement": Agreement(
            purpose="Residents manage their money",
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
            means=(Means(description="Budget", amount=decimal.Decimal("1250.50")),),
        ),
        "results": (
            Result(
                id="r-fin",
                statement="Residents keep their finances in order",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(indicator,),
            ),
        ),
        "cycles": (
            FeedbackCycle(
                id="q",
                name="Quarterly review",
                reports_to="gemeente",
                cadence=Cadence(months=3),
                starts_on=dt.date(2025, 1, 1),
            ),
        ),
        "parties": (Party(id="gemeente", name="Gemeente", role=Role.COMMISSIONER),),
    }
    return ResultsFramework(**{**fields, **changes})


def framework_data() -> dict[str, Any]:
    return to_dict(small_framework())


def errors_of(data: object, **options: Any) -> tuple[str, ...]:
    text = data if isinstance(data, str | bytes) else json.dumps(data)
    with pytest.raises(InvalidDocument) as info:
        loads(text, **options)
    return info.value.errors


# -- round trips ------------------------------------------------------------------


@given(rs.frameworks())
def test_loads_of_dumps_is_the_framework(framework: ResultsFramework) -> None:
    assert loads(dumps(framework), kind="framework") == framework


@given(rs.frameworks())
def test_dumps_of_loads_of_dumps_is_byte_identical_for_frameworks(
    framework: ResultsFramework,
) -> None:
    text = dumps(framework)
    assert dumps(loads(text)) == text


@given(st.data())
def test_loads_of_dumps_is_the_records(data: st.DataObject) -> None:
    framework = data.draw(rs.frameworks())
    records = data.draw(rs.records(framework))
    assert loads(dumps(records), kind="records") == records


@given(st.data())
def test_dumps_of_loads_of_dumps_is_byte_identical_for_records(
    data: st.DataObject,
) -> None:
    framework = data.draw(rs.frameworks())
    text = dumps(data.draw(rs.records(framework)))
    assert dumps(loads(text)) == text


@given(rs.frameworks())
def test_from_dict_of_to_dict_is_the_framework(framework: ResultsFramework) -> None:
    assert from_dict(to_dict(framework)) == framework


@given(rs.frameworks())
def test_pretty_json_loads_to_the_same_framework(framework: ResultsFramework) -> None:
    assert loads(dumps(framework, indent=2)) == framework


@given(rs.frameworks())
def test_fingerprint_is_the_sha256_of_the_canonical_document(
    framework: ResultsFramework,
) -> None:
    digest = fingerprint(framework)
    assert digest == hashlib.sha256(canonical(framework)).hexdigest()
    assert fingerprint(loads(dumps(framework), kind="framework")) == digest


@given(rs.frameworks())
def test_canonical_form_has_sorted_keys_and_no_whitespace(
    framework: ResultsFramework,
) -> None:
    text = canonical(framework).decode("utf-8")
    data = json.loads(text)
    assert text == json.dumps(
        data, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


# -- the format -------------------------------------------------------------------


def test_framework_document_shape() -> None:
    data = framework_data()
    assert data["format"] == "resultframe/framework"
    assert data["version"] == 1
    # Defaults are left out: the indicator has no unit, tolerance 0.10 (default).
    indicator = data["results"][0]["indicators"][0]
    assert "unit" not in indicator
    assert "tolerance" not in indicator
    assert indicator["baseline"] == {"value": 2, "on": "2025-01-01"}
    assert data["cycles"][0]["cadence"] == "P3M"
    assert data["agreement"]["means"][0]["amount"] == "1250.50"


def test_integral_floats_are_written_as_integers_so_equal_frameworks_match() -> None:
    # Baseline 2.0 == 2: the same document, the same fingerprint.
    a = small_framework()
    indicator = a.results[0].indicators[0]
    b_indicator = Indicator(
        id=indicator.id,
        name=indicator.name,
        measure=indicator.measure,
        direction=indicator.direction,
        question=indicator.question,
        scale=indicator.scale,
        baseline=Baseline(value=2.0, on=dt.date(2025, 1, 1)),
        targets=(Target(value=3.0, by=dt.date(2025, 12, 31)),),
    )
    result = a.results[0]
    b = small_framework(
        results=(
            Result(
                id=result.id,
                statement=result.statement,
                level=result.level,
                kind=result.kind,
                indicators=(b_indicator,),
            ),
        )
    )
    assert a == b
    assert canonical(a) == canonical(b)
    assert fingerprint(a) == fingerprint(b)


def test_fingerprint_changes_with_any_change() -> None:
    a = small_framework()
    b = small_framework(name="Wmo 2025 (revised)")
    assert fingerprint(a) != fingerprint(b)
    assert len(fingerprint(a)) == 64


def test_records_keep_observations_as_columns() -> None:
    records = Records(
        subjects=[
            Subject(
                id="r-001", level=Level.MICRO, dimensions=frozenset({("wijk", "noord")})
            )
        ],
        observations=[
            Observation(
                indicator="zrm-fin", subject="r-001", on=dt.date(2025, 3, 1), value=2
            ),
            Observation(
                indicator="zrm-fin",
                subject="r-001",
                on=dt.date(2025, 6, 1),
                value=3.0,
                note="new job",
            ),
        ],
    )
    data = to_dict(records)
    assert data["subjects"] == [
        {"id": "r-001", "level": "micro", "dimensions": {"wijk": "noord"}}
    ]
    assert data["observations"] == {
        "indicator": ["zrm-fin", "zrm-fin"],
        "subject": ["r-001", "r-001"],
        "on": ["2025-03-01", "2025-06-01"],
        "value": [2, 3.0],
        "note": ["", "new job"],
    }
    # An int stays an int and a float a float: they are different facts.
    back = loads(dumps(records), kind="records")
    assert [type(o.value) for o in back] == [int, float]


def test_kind_of_and_wrong_objects() -> None:
    assert kind_of(small_framework()) == "framework"
    assert kind_of(Records()) == "records"
    with pytest.raises(InvalidValue):
        kind_of("a framework")
    with pytest.raises(InvalidValue):
        fingerprint(Records())  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        loads("{}", kind="evaluations")  # type: ignore[call-overload]


# -- strictness -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        # "3" is not 3.
        (
            lambda d: d["results"][0]["indicators"][0]["scale"]["points"][0].update(
                value="1"
            ),
            "expected an integer, got '1' @ $.results[0].indicators[0].scale.points[0].value",
        ),
        # 1.0 is not an integer where a scale point is required.
        (
            lambda d: d["results"][0]["indicators"][0]["scale"]["points"][0].update(
                value=1.0
            ),
            "expected an integer, got 1.0 @ $.results[0].indicators[0].scale.points[0].value",
        ),
        # "0.5" is not a number.
        (
            lambda d: d["results"][0]["indicators"][0].update(tolerance="0.5"),
            "expected a number, got '0.5' @ $.results[0].indicators[0].tolerance",
        ),
        # true is not a number either.
        (
            lambda d: d["results"][0]["indicators"][0].update(tolerance=True),
            "expected a number, got true @ $.results[0].indicators[0].tolerance",
        ),
        # Dates are YYYY-MM-DD, nothing else.
        (
            lambda d: d["agreement"]["period"].update(start="2025-1-1"),
            "expected a date as 'YYYY-MM-DD', got '2025-1-1' @ $.agreement.period.start",
        ),
        (
            lambda d: d["agreement"]["period"].update(start="2025-02-30"),
            "expected a calendar date as 'YYYY-MM-DD', got '2025-02-30' @ $.agreement.period.start",
        ),
        # Money is a decimal string, never a float.
        (
            lambda d: d["agreement"]["means"][0].update(amount=1250.5),
            (
                "expected an amount as a decimal string such as '1250.00', got 1250.5 "
                "@ $.agreement.means[0].amount"
            ),
        ),
        # Enums by value.
        (
            lambda d: d["parties"][0].update(role="Commissioner"),
            (
                "expected one of 'commissioner', 'provider', 'professional', 'resident', "
                "'partner', got 'Commissioner' @ $.parties[0].role"
            ),
        ),
        # No unknown keys.
        (
            lambda d: d["parties"][0].update(email="x@example.org"),
            "unknown key (expected: id, name, role) @ $.parties[0].email",
        ),
        # Required keys.
        (
            lambda d: d["parties"][0].pop("name"),
            "required key missing @ $.parties[0].name",
        ),
        # Cadences are ISO 8601 durations.
        (
            lambda d: d["cycles"][0].update(cadence="quarterly"),
            (
                "expected an ISO 8601 duration such as 'P3M', 'P1Y' or 'P2W', got "
                "'quarterly' @ $.cycles[0].cadence"
            ),
        ),
    ],
)
def test_strict_loading_refuses_with_the_path(change: Any, expected: str) -> None:
    data = framework_data()
    change(data)
    assert errors_of(data) == (expected,)


def test_every_problem_is_reported_at_once() -> None:
    data = framework_data()
    data["name"] = " "
    data["parties"][0]["role"] = "boss"
    data["results"][0]["indicators"][0]["targets"][0]["by"] = "2024-12-31"
    data["cycles"][0]["reports_to"] = "nobody"
    errors = errors_of(data)
    assert errors == (
        "expected non-blank text, got ' ' @ $.name",
        (
            "expected a day after the baseline's 2025-01-01, got 2024-12-31 "
            "@ $.results[0].indicators[0].targets[0].by"
        ),
        (
            "expected one of 'commissioner', 'provider', 'professional', 'resident', "
            "'partner', got 'boss' @ $.parties[0].role"
        ),
    )
    # Broken references are found once every object is valid on its own.
    data = framework_data()
    data["cycles"][0]["reports_to"] = "nobody"
    data["results"][0]["conditions"] = ["c-method"]
    assert errors_of(data) == (
        "no condition with id 'c-method' in this framework @ $.results[0].conditions[0]",
        "no party with id 'nobody' in this framework @ $.cycles[0].reports_to",
    )


def test_repeated_ids_are_reported_where_they_repeat() -> None:
    data = framework_data()
    data["parties"].append(dict(data["parties"][0]))
    assert errors_of(data) == (
        (
            "id 'gemeente' is used 2 times (by party); ids must be unique across the "
            "framework @ $.parties[1].id"
        ),
    )


def test_json_that_is_not_strict_json_is_refused() -> None:
    text = dumps(small_framework())
    assert errors_of(text.replace('"version":1', '"version":1,"version":1')) == (
        "key 'version' occurs more than once in this object @ $",
    )
    assert errors_of('{"format": NaN}') == (
        "invalid JSON: NaN is not a JSON number (only finite numbers are allowed) @ $",
    )
    assert errors_of('{"format": Infinity}')[0].startswith("invalid JSON: Infinity")
    assert errors_of("{")[0].startswith("invalid JSON: Expecting property name")
    assert errors_of(b"\xff\xfe") == ("not UTF-8 text: invalid byte at offset 0 @ $",)
    # 1e999 parses as infinity in Python; the model refuses it.
    data = framework_data()
    data["results"][0]["indicators"][0]["baseline"]["value"] = 12345
    text = json.dumps(data).replace("12345", "1e999")
    assert errors_of(text) == (
        "expected a finite number, got inf @ $.results[0].indicators[0].baseline.value",
    )


def test_size_and_depth_limits() -> None:
    text = dumps(small_framework())
    errors = errors_of(text, max_bytes=100)
    assert errors == (
        (
            f"document of {len(text)} bytes is larger than the limit of 100 bytes "
            "(pass a larger max_bytes to load it) @ $"
        ),
    )
    assert loads(text, max_bytes=len(text)) == small_framework()
    # Depth counts the document itself as 1: $.agreement.means[0] is at 4.
    assert errors_of(text, max_depth=3) == (
        "nested deeper than the limit of 3 levels @ $.agreement.means[0]",
        "nested deeper than the limit of 3 levels @ $.results[0].indicators",
    )
    assert loads(text, max_depth=8) == small_framework()
    assert errors_of("[" * 100_000 + "]" * 100_000) == (
        "invalid JSON: nested too deeply to parse @ $",
    )
    with pytest.raises(InvalidValue):
        loads(text, max_bytes=0)


def test_envelope_problems() -> None:
    assert errors_of([]) == (
        (
            "expected a document: an object with 'format' and 'version', got an array "
            "of 0 items @ $"
        ),
    )
    assert errors_of({}) == (
        "required key missing @ $.format",
        "required key missing @ $.version",
    )
    assert errors_of({"format": "resultframe/frame", "version": 1}) == (
        (
            "expected one of 'resultframe/framework', 'resultframe/records', "
            "'resultframe/evaluation', got 'resultframe/frame' @ $.format"
        ),
    )
    records = dumps(Records())
    with pytest.raises(InvalidDocument) as info:
        loads(records, kind="framework")
    assert info.value.errors == (
        "expected 'resultframe/framework', got 'resultframe/records' @ $.format",
    )
    assert errors_of({"format": "resultframe/records", "version": "1"}) == (
        "expected the version as a whole number, got '1' @ $.version",
    )
    assert errors_of({"format": "resultframe/records", "version": 2}) == (
        (
            "version 2 of resultframe/records is newer than this resultframe supports "
            "(1); upgrade resultframe to load it @ $.version"
        ),
    )


def test_invalid_document_is_a_value_error_and_a_resultframe_error() -> None:
    with pytest.raises(InvalidDocument) as info:
        loads("[]")
    assert isinstance(info.value, ValueError)
    assert isinstance(info.value, ResultframeError)
    assert str(info.value).startswith("invalid document: 1 problem\n  - expected")


# -- records documents ------------------------------------------------------------


def records_data() -> dict[str, Any]:
    return {
        "format": "resultframe/records",
        "version": 1,
        "subjects": [{"id": "r-001", "level": "micro", "part_of": "wijk-noord"}],
        "observations": {
            "indicator": ["zrm-fin", "zrm-fin"],
            "subject": ["r-001", "r-001"],
            "on": ["2025-03-01", "2025-06-01"],
            "value": [2, 3],
        },
        "goals": [
            {
                "subject": "r-001",
                "indicator": "zrm-fin",
                "target": {"value": 4, "by": "2025-12-31"},
            }
        ],
        "assessments": [{"condition": "c-method", "on": "2025-02-01", "status": "met"}],
    }


def test_records_document_loads() -> None:
    records = loads(json.dumps(records_data()), kind="records")
    assert len(records) == 2
    assert records.subject("r-001").part_of == "wijk-noord"
    assert records.goals[0].target.value == 4
    assert records.assessments[0].status is ConditionStatus.MET


def test_records_errors_point_into_the_columns() -> None:
    data = records_data()
    data["observations"]["on"][1] = "1 June 2025"
    data["observations"]["value"][0] = None
    data["observations"]["note"] = ["only one"]
    data["goals"][0]["target"]["by"] = "2025-13-01"
    # Every problem of every part, the columns' own included (a note column of
    # the wrong length does not hide the problems of the other columns).
    assert errors_of(data) == (
        "expected a calendar date as 'YYYY-MM-DD', got '2025-13-01' @ $.goals[0].target.by",
        "expected 2 items (as many as indicator), got 1 @ $.observations.note",
        "expected a date as 'YYYY-MM-DD', got '1 June 2025' @ $.observations.on[1]",
        "expected a number, a bool or a text, got None @ $.observations.value[0]",
    )
    del data["observations"]["note"]
    data["goals"][0]["target"]["by"] = "2025-12-31"
    assert errors_of(data) == (
        "expected a date as 'YYYY-MM-DD', got '1 June 2025' @ $.observations.on[1]",
        "expected a number, a bool or a text, got None @ $.observations.value[0]",
    )
    data["observations"]["on"][1] = "2025-06-01"
    assert errors_of(data) == (
        "expected a number, a bool or a text, got None @ $.observations.value[0]",
    )


def test_records_refuse_bsn_like_subject_ids_unless_allowed() -> None:
    bsn_like = "111222333"  # passes the eleven test
    data = records_data()
    data["subjects"][0]["id"] = bsn_like
    data["observations"]["subject"] = [bsn_like, bsn_like]
    data["goals"][0]["subject"] = bsn_like
    errors = errors_of(data)
    # Every row is named (the observation columns after the other parts).
    assert [e.rpartition(" @ ")[2] for e in errors] == [
        "$.subjects[0].id",
        "$.goals[0].subject",
        "$.observations.subject[0]",
        "$.observations.subject[1]",
    ]
    assert bsn_like not in " ".join(errors)  # the value is never repeated
    records = loads(json.dumps(data), kind="records", allow_bsn_like_ids=True)
    assert records.subject(bsn_like).id == bsn_like
    # The option is not stored: the document of the records is the same.
    assert "allow_bsn_like_id" not in dumps(records)


def test_conflicting_subjects_are_refused() -> None:
    data = records_data()
    data["subjects"].append({"id": "r-001", "level": "micro"})
    assert errors_of(data) == (
        (
            "expected one subject per id: another subject with this id differs "
            "@ $.subjects[1].id"
        ),
    )


def test_goal_and_assessment_round_trip() -> None:
    records = Records(
        goals=[
            Goal(
                subject="r-001",
                indicator="zrm-fin",
                baseline=Baseline(value=1, on=dt.date(2025, 1, 1), note="intake"),
                target=Target(value=3.5, by=dt.date(2025, 12, 31)),
            )
        ],
        assessments=[
            ConditionAssessment(
                condition="c", on=dt.date(2025, 1, 1), status=ConditionStatus.PARTLY_MET
            )
        ],
    )
    assert loads(dumps(records)) == records
