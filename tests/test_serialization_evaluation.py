"""Evaluation documents: round trips, the schema, non-finite numbers, strictness."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import json
import math
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import (
    Aggregation,
    Agreement,
    Baseline,
    ConditionStatus,
    Direction,
    Indicator,
    Level,
    Measure,
    Observation,
    Period,
    Question,
    Recognition,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Subject,
    Target,
)
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.evaluation import (
    Aggregate,
    ConditionEvaluation,
    ConditionState,
    Deviation,
    FrameworkEvaluation,
    IndicatorEvaluation,
    IndicatorStatus,
    Reason,
    ReasonCode,
    ResultEvaluation,
    Rollup,
    SubjectEvaluation,
    Verdict,
    evaluate,
)
from resultframe.serialization import (
    MIGRATIONS,
    Migrations,
    dump_yaml,
    dumps,
    fingerprint,
    from_dict,
    json_schema,
    kind_of,
    load_yaml,
    loads,
    to_dict,
)

VALIDATOR = jsonschema.Draft202012Validator(json_schema("evaluation"))


@st.composite
def evaluations(draw: st.DrawFn) -> FrameworkEvaluation:
    """Evaluations of generated frameworks and records, as ``evaluate`` gives them."""
    framework = draw(
        rs.frameworks(max_results=4, max_conditions=3, max_cycles=2, max_parties=2)
    )
    records = draw(
        rs.records(
            framework,
            max_subjects=12,
            max_observations=30,
            max_goals=4,
            max_assessments=4,
            max_reviews=2,
        )
    )
    cycle = draw(st.none() | st.sampled_from([c.id for c in framework.cycles]))
    return evaluate(
        framework,
        records,
        draw(rs.dates()),
        # Small groups published too, so that roll-ups carry numbers.
        min_group=draw(st.integers(0, 3)),
        cycle=cycle,
        per_subject=True,
    )


# Any float, NaN and infinities included, or an int (a float field may hold one).
NUMBERS = st.floats() | st.integers(-(10**6), 10**6)


def _maybe(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.none() | strategy


def _pairs(enum: Any) -> st.SearchStrategy[tuple[tuple[Any, int], ...]]:
    return st.lists(
        st.tuples(st.sampled_from(enum), st.integers(0, 100)), max_size=3
    ).map(tuple)


SUBJECTS = st.builds(
    SubjectEvaluation,
    subject=rs.ids(),
    status=st.sampled_from(IndicatorStatus),
    value=_maybe(NUMBERS),
    on=_maybe(rs.dates()),
    baseline=_maybe(NUMBERS),
    baseline_on=_maybe(rs.dates()),
    target=_maybe(NUMBERS),
    progress=_maybe(NUMBERS),
    expected_progress=_maybe(NUMBERS),
    deviation=_maybe(NUMBERS),
)
AGGREGATES = st.builds(
    Aggregate,
    subject=rs.ids(),
    level=st.sampled_from(Level),
    aggregation=st.sampled_from(Aggregation),
    n=_maybe(st.integers(0, 100)),
    numerator=_maybe(NUMBERS),
    denominator=_maybe(NUMBERS),
    value=_maybe(NUMBERS),
    suppressed=st.booleans(),
    dimension=_maybe(st.text(max_size=5)),
)
ROLLUPS = st.builds(
    Rollup,
    indicator=rs.ids(),
    source=rs.ids(),
    aggregation=st.sampled_from(Aggregation),
    on=rs.dates(),
    min_group=st.integers(0, 20),
    by=_maybe(st.text(max_size=5)),
    groups=st.lists(AGGREGATES, max_size=2).map(tuple),
)
INDICATORS = st.builds(
    IndicatorEvaluation,
    indicator=rs.ids(),
    level=st.sampled_from(Level),
    status=st.sampled_from(IndicatorStatus),
    counts=_pairs(IndicatorStatus),
    tolerance=NUMBERS,
    progress=_maybe(NUMBERS),
    expected_progress=_maybe(NUMBERS),
    deviation=_maybe(NUMBERS),
    subjects=st.lists(SUBJECTS, max_size=2).map(tuple),
    rollup=_maybe(ROLLUPS),
)
REASONS = st.builds(
    Reason,
    code=st.sampled_from(ReasonCode),
    indicator=_maybe(rs.ids()),
    condition=_maybe(rs.ids()),
    progress=_maybe(NUMBERS),
    expected_progress=_maybe(NUMBERS),
    deviation=_maybe(NUMBERS),
    tolerance=_maybe(NUMBERS),
    on=_maybe(rs.dates()),
)
CONDITIONS = st.builds(
    ConditionEvaluation,
    condition=rs.ids(),
    state=st.sampled_from(ConditionState),
    assessed_on=_maybe(rs.dates()),
    assessed_status=_maybe(st.sampled_from(ConditionStatus)),
    stale_from=_maybe(rs.dates()),
    recognition=_maybe(st.sampled_from(Recognition)),
    recognition_expired=st.booleans(),
    reason=_maybe(REASONS),
)
DEVIATIONS = st.builds(
    Deviation,
    result=rs.ids(),
    indicator=rs.ids(),
    subject=_maybe(rs.ids()),
    status=st.sampled_from(IndicatorStatus),
    progress=NUMBERS,
    expected_progress=NUMBERS,
    deviation=NUMBERS,
    tolerance=NUMBERS,
    subjects=st.integers(0, 100),
)
ANY_EVALUATIONS = st.builds(
    FrameworkEvaluation,
    framework=rs.ids(),
    as_of=rs.dates(),
    min_group=st.integers(0, 20),
    cycle=_maybe(rs.ids()),
    results=st.lists(
        st.builds(
            ResultEvaluation,
            result=rs.ids(),
            level=st.sampled_from(Level),
            verdict=st.sampled_from(Verdict),
            indicators=st.lists(INDICATORS, max_size=2).map(tuple),
            conditions=st.lists(CONDITIONS, max_size=2).map(tuple),
            reason=_maybe(REASONS),
            indicator_reasons=st.lists(REASONS, max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    deviations=st.lists(DEVIATIONS, max_size=2).map(tuple),
    verdicts=_pairs(Verdict),
)
"""Any evaluation that can be built, NaN and infinities included (not only evaluate's)."""


def _numbers_in(value: object) -> list[float]:
    """Every int and float held anywhere in an attrs object."""
    cls = type(value)
    if attrs.has(cls):
        return [
            x for a in attrs.fields(cls) for x in _numbers_in(getattr(value, a.name))
        ]
    if isinstance(value, tuple):
        return [x for item in value for x in _numbers_in(item)]
    if isinstance(value, float | int) and not isinstance(value, bool):
        return [value]
    return []


# -- round trips ------------------------------------------------------------------


@given(evaluations())
def test_loads_of_dumps_is_the_evaluation_and_dumps_again_byte_for_byte(
    evaluation: FrameworkEvaluation,
) -> None:
    text = dumps(evaluation)
    back = loads(text, kind="evaluation")
    assert back == evaluation
    assert dumps(back) == text


@given(evaluations())
def test_every_evaluation_document_validates_and_from_dict_gives_it_back(
    evaluation: FrameworkEvaluation,
) -> None:
    data = to_dict(evaluation)
    assert data["format"] == "resultframe/evaluation"
    assert data["version"] == 2
    VALIDATOR.validate(data)
    assert from_dict(data, kind="evaluation") == evaluation


@given(ANY_EVALUATIONS)
def test_any_evaluation_round_trips_byte_for_byte_with_non_finite_numbers(
    evaluation: FrameworkEvaluation,
) -> None:
    text = dumps(evaluation)
    back = loads(text, kind="evaluation")
    assert dumps(back) == text
    numbers = _numbers_in(evaluation)
    assert len(_numbers_in(back)) == len(numbers)
    if not any(math.isnan(x) for x in numbers):
        # NaN equals nothing, not even itself; without it the objects are equal.
        assert back == evaluation


@given(ANY_EVALUATIONS)
def test_every_built_evaluation_document_validates_against_the_schema(
    evaluation: FrameworkEvaluation,
) -> None:
    VALIDATOR.validate(to_dict(evaluation))


# -- non-finite numbers -------------------------------------------------------------


def small_evaluation(**changes: Any) -> FrameworkEvaluation:
    """One micro result, behind, with one deviation."""
    indicator = IndicatorEvaluation(
        indicator="zrm-fin",
        level=Level.MICRO,
        status=IndicatorStatus.BEHIND,
        counts=((IndicatorStatus.BEHIND, 12), (IndicatorStatus.ON_TRACK, 3)),
        tolerance=0.1,
        progress=0.25,
        expected_progress=0.5,
        deviation=-0.25,
    )
    deviation = Deviation(
        result="r-fin",
        indicator="zrm-fin",
        subject=None,
        status=IndicatorStatus.BEHIND,
        progress=0.25,
        expected_progress=0.5,
        deviation=-0.25,
        tolerance=0.1,
        subjects=15,
    )
    fields: dict[str, Any] = {
        "framework": "wmo-2025",
        "as_of": dt.date(2025, 6, 30),
        "min_group": 10,
        "cycle": "kwartaal",
        "results": (
            ResultEvaluation(
                result="r-fin",
                level=Level.MICRO,
                verdict=Verdict.NEGATIVE,
                indicators=(indicator,),
                conditions=(
                    ConditionEvaluation(condition="c-1", state=ConditionState.MET),
                ),
            ),
        ),
        "deviations": (deviation,),
        "verdicts": ((Verdict.POSITIVE, 0), (Verdict.NEGATIVE, 1)),
    }
    return FrameworkEvaluation(**{**fields, **changes})


def test_evaluation_document_shape() -> None:
    data = to_dict(small_evaluation())
    assert list(data)[:2] == ["format", "version"]
    assert data["verdicts"] == [["positive", 0], ["negative", 1]]
    assert data["results"][0]["indicators"][0]["counts"] == [
        ["behind", 12],
        ["on_track", 3],
    ]
    # Defaults left out: no subjects, no rollup, no assessment of the condition.
    assert data["results"][0]["conditions"] == [{"condition": "c-1", "state": "met"}]
    assert "subjects" not in data["results"][0]["indicators"][0]
    # A float field written as an integer when whole, as in the model.
    assert data["deviations"][0]["subjects"] == 15
    assert kind_of(small_evaluation()) == "evaluation"


def test_non_finite_numbers_are_written_as_strings_and_read_back() -> None:
    deviation = Deviation(
        result="r-fin",
        indicator="zrm-fin",
        subject="wijk-noord",
        status=IndicatorStatus.BEHIND,
        progress=math.nan,
        expected_progress=math.inf,
        deviation=-math.inf,
        tolerance=0.1,
    )
    evaluation = small_evaluation(deviations=(deviation,))
    text = dumps(evaluation)
    written = json.loads(text)["deviations"][0]
    assert written["progress"] == "NaN"
    assert written["expected_progress"] == "Infinity"
    assert written["deviation"] == "-Infinity"
    back = loads(text).deviations[0]  # type: ignore[union-attr]
    assert math.isnan(back.progress)
    assert back.expected_progress == math.inf
    assert back.deviation == -math.inf
    assert dumps(loads(text)) == text


def test_evaluate_can_give_infinite_numbers_and_they_serialize() -> None:
    # Observations at the edge of the float range: 1e308 - (-1e308) overflows, so
    # the expected progress of resident r-2 is infinite and so is its deviation.
    start = dt.date(2025, 1, 1)
    framework = ResultsFramework(
        id="f",
        name="Extremes",
        agreement=Agreement(
            purpose="p", period=Period(start=start, end=dt.date(2026, 12, 31))
        ),
        results=(
            Result(
                id="r",
                statement="R",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(
                    Indicator(
                        id="i",
                        name="I",
                        measure=Measure.QUANTITY,
                        direction=Direction.INCREASE,
                        question=Question.HOW_MUCH,
                        baseline=Baseline(value=0, on=start),
                        targets=(Target(value=1e-300, by=dt.date(2026, 1, 1)),),
                    ),
                ),
            ),
        ),
    )
    records = Records(
        subjects=[Subject(id=f"r-{k}", level=Level.MICRO) for k in (1, 2)],
        observations=[
            Observation(indicator="i", subject="r-1", on=start, value=1e308),
            Observation(indicator="i", subject="r-2", on=start, value=-1e308),
        ],
    )
    evaluation = evaluate(framework, records, dt.date(2025, 7, 1), per_subject=True)
    r2 = evaluation.results[0].indicators[0].subject("r-2")
    assert r2.expected_progress == math.inf
    assert r2.deviation == -math.inf
    text = dumps(evaluation)
    assert '"deviation":"-Infinity"' in text
    assert loads(text) == evaluation
    VALIDATOR.validate(json.loads(text))


def test_non_finite_strings_only_where_an_evaluation_has_a_float() -> None:
    data = to_dict(small_evaluation())
    for value, expected in [
        (
            "nan",
            "expected a finite number, or 'NaN', 'Infinity' or '-Infinity', got 'nan'",
        ),
        (
            "inf",
            "expected a finite number, or 'NaN', 'Infinity' or '-Infinity', got 'inf'",
        ),
    ]:
        changed = copy.deepcopy(data)
        changed["deviations"][0]["progress"] = value
        with pytest.raises(InvalidDocument) as info:
            from_dict(changed)
        assert info.value.errors == (f"{expected} @ $.deviations[0].progress",)
    # A number too large for a float is not read as infinity.
    text = dumps(small_evaluation()).replace('"progress":0.25', '"progress":1e999', 1)
    with pytest.raises(InvalidDocument) as info:
        loads(text)
    assert info.value.errors == (
        (
            "expected a finite number, or 'NaN', 'Infinity' or '-Infinity', got inf "
            "@ $.deviations[0].progress"
        ),
    )
    # An int field takes no string either.
    changed = copy.deepcopy(data)
    changed["deviations"][0]["subjects"] = "Infinity"
    with pytest.raises(InvalidDocument) as info:
        from_dict(changed)
    assert info.value.errors == (
        "expected an integer, got 'Infinity' @ $.deviations[0].subjects",
    )


# -- strictness and errors -----------------------------------------------------------


def test_every_problem_of_an_evaluation_is_reported_with_its_path() -> None:
    data = to_dict(small_evaluation())
    data["min_group"] = 1.0
    data["results"][0]["level"] = "mikro"
    data["results"][0]["indicators"][0]["counts"][0] = ["behind", "12"]
    data["verdicts"][1] = ["negative"]
    data["deviations"][0]["colour"] = "red"
    del data["as_of"]
    with pytest.raises(InvalidDocument) as info:
        loads(json.dumps(data))
    assert info.value.errors == (
        "required key missing @ $.as_of",
        "expected an integer, got 1.0 @ $.min_group",
        "expected one of 'micro', 'meso', 'macro', got 'mikro' @ $.results[0].level",
        "expected an integer, got '12' @ $.results[0].indicators[0].counts[0][1]",
        (
            "unknown key (expected: result, indicator, subject, status, progress, "
            "expected_progress, deviation, tolerance, subjects, distinguishable) "
            "@ $.deviations[0].colour"
        ),
        "expected an array of 2 items, got an array of 1 items @ $.verdicts[1]",
    )


def test_the_kind_is_checked() -> None:
    text = dumps(small_evaluation())
    with pytest.raises(InvalidDocument) as info:
        loads(text, kind="framework")
    assert info.value.errors == (
        "expected 'resultframe/framework', got 'resultframe/evaluation' @ $.format",
    )
    with pytest.raises(InvalidValue):
        fingerprint(small_evaluation())  # type: ignore[arg-type]


def test_evaluation_documents_migrate_like_the_others() -> None:
    # A pretend version 3 that calls as_of "on"; version 2 is today's shape.
    def on_to_as_of(document: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in document.items() if k != "on"}
        return {**out, "as_of": document["on"]}

    registry = Migrations(
        {**MIGRATIONS.current, "evaluation": 3}, dict(MIGRATIONS.steps)
    ).with_step("evaluation", 2, on_to_as_of)
    old = to_dict(small_evaluation())
    old["on"] = old.pop("as_of")
    assert loads(json.dumps(old), migrations=registry) == small_evaluation()
    current = {**to_dict(small_evaluation()), "version": 3}
    assert loads(json.dumps(current), migrations=registry) == small_evaluation()
    with pytest.raises(InvalidDocument) as info:
        loads(json.dumps(current))
    assert info.value.errors == (
        (
            "version 3 of resultframe/evaluation is newer than this resultframe "
            "supports (2); upgrade resultframe to load it @ $.version"
        ),
    )


def test_evaluation_documents_in_yaml() -> None:
    evaluation = small_evaluation(
        deviations=(attrs.evolve(small_evaluation().deviations[0], progress=math.inf),)
    )
    assert load_yaml(dump_yaml(evaluation), kind="evaluation") == evaluation


def test_evaluation_schema_says_what_it_can() -> None:
    schema = json_schema("evaluation")
    assert schema["properties"]["format"] == {"const": "resultframe/evaluation"}
    assert schema["required"] == [
        "format",
        "version",
        "framework",
        "as_of",
        "min_group",
        "cycle",
        "results",
        "deviations",
        "verdicts",
    ]
    pair = schema["properties"]["verdicts"]["items"]
    assert pair["prefixItems"][0]["enum"] == [
        "positive",
        "unsustained",
        "negative",
        "undetermined",
    ]
    assert pair["items"] is False
    assert pair["minItems"] == 2
    progress = schema["$defs"]["SubjectEvaluation"]["properties"]["progress"]
    assert progress["anyOf"] == [
        {"type": "number"},
        {"type": "string", "enum": ["NaN", "Infinity", "-Infinity"]},
        {"type": "null"},
    ]
    assert all(d["additionalProperties"] is False for d in schema["$defs"].values())
    # The model's floats stay finite numbers only.
    target = json_schema("framework")["$defs"]["Target"]["properties"]["value"]
    assert target == {"type": "number"}


# -- robustness ----------------------------------------------------------------------

SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**64), 2**64)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=10)
    | st.sampled_from(["NaN", "Infinity", "-Infinity", "met", "micro"])
)
JSON = st.recursive(
    SCALARS,
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(value, dict):
        items = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return []
    return [path] + [p for key, item in items for p in _containers(item, (*path, key))]


@st.composite
def mutated(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """A copy of *document* with one key dropped or added, or one value replaced."""
    out = copy.deepcopy(document)
    container: Any = out
    for step in draw(st.sampled_from(_containers(out))):
        container = container[step]
    keys = (
        list(container) if isinstance(container, dict) else list(range(len(container)))
    )
    how = draw(st.sampled_from(["drop", "add", "replace"]))
    if how == "add" or not keys:
        if isinstance(container, dict):
            container[draw(st.text(max_size=8))] = draw(JSON)
        else:
            container.append(draw(JSON))
    elif how == "drop":
        del container[draw(st.sampled_from(keys))]
    else:
        container[draw(st.sampled_from(keys))] = draw(JSON)
    return out


@given(st.data())
def test_mutated_evaluation_documents_load_or_raise_and_agree_with_the_schema(
    data: st.DataObject,
) -> None:
    document = data.draw(mutated(to_dict(data.draw(evaluations()))))
    try:
        loads(json.dumps(document))
    except InvalidDocument as e:
        assert e.errors
        assert all(" @ $" in error for error in e.errors)
        loaded = False
    else:
        loaded = True
    if not VALIDATOR.is_valid(document):
        assert not loaded, "the schema rejects a document that loads"


@given(JSON)
def test_any_evaluation_payload_loads_or_raises_invalid_document(payload: Any) -> None:
    document = {"format": "resultframe/evaluation", "version": 2}
    if isinstance(payload, dict):
        document.update(payload)
    with contextlib.suppress(InvalidDocument):
        loads(json.dumps(document))
        assert VALIDATOR.is_valid(document)
