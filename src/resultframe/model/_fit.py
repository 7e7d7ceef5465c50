"""Whether records fit a framework: the rules behind :meth:`Records.check`.

Observations are checked per indicator on the sorted columns: the common case (all
rows fine) is decided from the set of value kinds, the smallest and largest value
and the set of subjects, and only when that finds something are rows reported one
by one. Reviews are checked by :func:`~resultframe.model._reviews.review_problems`,
which :func:`resultframe.steering.record_review` uses too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resultframe.errors import Problem
from resultframe.model._columns import BOOL, FLOAT, INT, TEXT
from resultframe.model._reviews import review_problems
from resultframe.model.enums import Accumulation, Direction, Level, Measure

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Iterator, Mapping

    from resultframe.model._columns import Columns
    from resultframe.model.definitions import Indicator
    from resultframe.model.facts import ConditionAssessment, Goal, Review, Subject
    from resultframe.model.framework import ResultsFramework

__all__ = [
    "check_facts",
    "duplicate_problem",
    "indicator_problems",
    "subject_problem",
    "value_fits",
    "wrong_value_problem",
]

_KINDS: dict[Measure, frozenset[int]] = {
    Measure.QUANTITY: frozenset({FLOAT, INT}),
    Measure.PERCENTAGE: frozenset({FLOAT, INT}),
    Measure.ORDINAL: frozenset({FLOAT, INT}),
    Measure.BINARY: frozenset({BOOL}),
    Measure.QUALITATIVE: frozenset({TEXT}),
}
_EXPECTED: dict[Measure, str] = {
    Measure.QUANTITY: "a number",
    Measure.PERCENTAGE: "a number from 0 to 100",
    Measure.ORDINAL: "a whole number on the indicator's scale",
    Measure.BINARY: "a bool (true or false)",
    Measure.QUALITATIVE: "a text",
}
_UP = {Level.MICRO: Level.MESO, Level.MESO: Level.MACRO}


def check_facts(  # noqa: PLR0913
    framework: ResultsFramework,
    *,
    columns: Columns,
    subjects: Mapping[str, Subject],
    goals: Iterable[Goal],
    assessments: Iterable[ConditionAssessment],
    reviews: Iterable[Review],
    observations: Iterable[Problem] | None = None,
) -> tuple[Problem, ...]:
    """Return every fact that does not fit *framework*.

    The facts are those of a ``Records``: its observation *columns*, its
    *subjects* by id, its goals, assessments and reviews. *observations* are
    the problems of observations found elsewhere (an engine's columnar check),
    in place of those of *columns*.
    """
    problems: list[Problem] = []
    problems += _subject_problems(subjects)
    problems += (
        _observation_problems(columns, subjects, framework)
        if observations is None
        else observations
    )
    problems += _goal_problems(goals, subjects, framework)
    problems += _assessment_problems(assessments, framework)
    problems += review_problems(framework, reviews)
    return tuple(problems)


def _value_fits(indicator: Indicator, kind: int, value: float) -> bool:
    if kind not in _KINDS[indicator.measure]:
        return False
    if indicator.measure is Measure.PERCENTAGE:
        return 0 <= value <= 100
    if indicator.measure is Measure.ORDINAL:
        return indicator.scale is not None and value in indicator.scale
    return True


def _observation_problems(
    c: Columns, subjects: Mapping[str, Subject], framework: ResultsFramework
) -> Iterator[Problem]:
    if not len(c):
        return  # nothing observed: no subject to look up
    # The codes of observed subjects that are recorded, by their level: a subject
    # fits an indicator when its code is in the set of the indicator's level.
    fitting: dict[Level, set[int]] = {level: set() for level in Level}
    recorded = {sid: s.level for sid, s in subjects.items()}
    for code, sid in enumerate(c.subjects):
        if sid in recorded:
            fitting[recorded[sid]].add(code)
    for indicator_id in c.indicators_observed():
        rows = c.indicator_rows(indicator_id)
        lo, hi = rows.start, rows.stop
        yield from indicator_problems(framework, indicator_id, hi - lo)
        if not framework.has_id("indicator", indicator_id):
            continue
        indicator = framework.indicator(indicator_id)
        level = framework.level_of(indicator_id)
        yield from _value_problems(c, indicator, lo, hi)
        # Subjects: known, and on the indicator's level.
        for code in sorted(c.subject_codes(rows) - fitting[level]):
            sid = c.subjects[code]
            found = subject_problem(framework, indicator_id, sid, subjects.get(sid))
            if found is not None:
                yield found
        if indicator.accumulation is Accumulation.LATEST:
            for r in c.repeated_days(rows):
                yield duplicate_problem(c.indicator(r), c.subject(r), c.day(r))


def observation_about(
    indicator: str | None, subject: str | None, day: dt.date | None
) -> str:
    """How a problem names one observation: ``observation i/s@2025-03-01``.

    A part the row left empty (a row read from elsewhere) is shown as ``?``.
    """
    on = "?" if day is None else day.isoformat()
    return f"observation {indicator or '?'}/{subject or '?'}@{on}"


def indicator_problems(
    framework: ResultsFramework, indicator_id: str, n: int
) -> Iterator[Problem]:
    """The problems of *n* observations of *indicator_id* as such.

    An indicator the framework does not have, or one derived by roll-up.
    """
    if not framework.has_id("indicator", indicator_id):
        yield Problem(
            about=f"observations of {indicator_id}",
            field="indicator",
            message=(
                f"{n} observation(s) of indicator {indicator_id!r}, which "
                "this framework does not have"
            ),
            code="unknown_id",
        )
        return
    indicator = framework.indicator(indicator_id)
    if indicator.derived_from is not None:
        yield Problem(
            about=f"observations of {indicator_id}",
            field="indicator",
            message=(
                f"{n} observation(s) of indicator {indicator_id!r}, which is "
                f"derived from {indicator.derived_from.source!r}; it gets its "
                "values by roll-up, not by observation"
            ),
            code="derived_observed",
        )


def subject_problem(
    framework: ResultsFramework, indicator_id: str, sid: str, subject: Subject | None
) -> Problem | None:
    """The problem of observations of *indicator_id* about subject *sid*, if any.

    The subject must be recorded (*subject* is None when it is not) and on the
    indicator's level.
    """
    level = framework.level_of(indicator_id)
    if subject is None:
        return Problem(
            about=f"observations of {indicator_id}",
            field="subject",
            message=f"no subject with id {sid!r} in these records",
            code="unknown_id",
        )
    if subject.level is not level:
        return Problem(
            about=f"observations of {indicator_id}",
            field="subject",
            message=(
                f"subject {sid!r} is on level {subject.level.value!r}; "
                f"indicator {indicator_id!r} is on level {level.value!r}"
            ),
            code="wrong_level",
        )
    return None


def duplicate_problem(indicator: str, subject: str, day: dt.date) -> Problem:
    """The problem of more than one value on *day* of a latest-value indicator."""
    return Problem(
        about=observation_about(indicator, subject, day),
        field="on",
        message=(
            "more than one observation on this day for an indicator "
            "that takes the latest value; which one counts is unclear"
        ),
        code="duplicate_observation",
    )


def value_fits(indicator: Indicator, kind: int, number: float) -> bool:
    """Whether a value of *kind* (the column store's code) and *number* fits."""
    return _value_fits(indicator, kind, number)


def wrong_value_problem(
    indicator: Indicator, subject: str, day: dt.date, value: object
) -> Problem:
    """The problem of an observation whose *value* does not fit *indicator*."""
    return Problem(
        about=observation_about(indicator.id, subject, day),
        field="value",
        message=_wrong_value(indicator, value),
        code="wrong_value",
    )


def _value_problems(
    c: Columns, indicator: Indicator, lo: int, hi: int
) -> Iterator[Problem]:
    kinds = set(c.kinds[lo:hi])
    allowed = _KINDS[indicator.measure]
    if kinds <= allowed:
        values = c.values[lo:hi]
        if indicator.measure is Measure.PERCENTAGE:
            if min(values) >= 0 and max(values) <= 100:
                return
        elif indicator.measure is Measure.ORDINAL:
            scale = indicator.scale
            if scale is not None and all(v in scale for v in set(values)):
                return
        else:
            return
    for r in range(lo, hi):
        if not _value_fits(indicator, c.kinds[r], c.values[r]):
            yield wrong_value_problem(indicator, c.subject(r), c.day(r), c.value(r))


def _wrong_value(indicator: Indicator, value: object) -> str:
    return (
        f"expected {_EXPECTED[indicator.measure]} for "
        f"{_a(indicator.measure)} indicator, got {value!r}" + _scale_hint(indicator)
    )


def value_problem(indicator: Indicator, value: object) -> str | None:
    """What is wrong with one observation *value* for *indicator*, or None.

    The rule of :meth:`Records.check` for a single value (its type by the
    measure, a percentage from 0 to 100, an ordinal value on the scale), for the
    readers that check a value as they read it.
    """
    if isinstance(value, bool):
        kind = BOOL
    elif isinstance(value, int):
        kind = INT
    elif isinstance(value, float):
        kind = FLOAT
    else:
        kind = TEXT
    number = float(value) if kind != TEXT else 0.0  # type: ignore[arg-type]
    if _value_fits(indicator, kind, number):
        return None
    return _wrong_value(indicator, value)


def _a(measure: Measure) -> str:
    """The measure's name after its article: ``a binary``, ``an ordinal``."""
    article = "an" if measure.value[0] in "aeiou" else "a"
    return f"{article} {measure.value}"


def _scale_hint(indicator: Indicator) -> str:
    if indicator.scale is None:
        return ""
    return f" (scale {indicator.scale.id!r}: {list(indicator.scale.values)})"


def _subject_problems(subjects: Mapping[str, Subject]) -> Iterator[Problem]:
    for subject in subjects.values():
        if subject.part_of is None:
            continue
        about = f"subject {subject.id}"
        parent = subjects.get(subject.part_of)
        if parent is None:
            yield Problem(
                about=about,
                field="part_of",
                message=f"no subject with id {subject.part_of!r} in these records",
                code="unknown_id",
            )
            continue
        expected = _UP.get(subject.level)
        if parent.level is not expected:
            yield Problem(
                about=about,
                field="part_of",
                message=(
                    f"subject {parent.id!r} is on level {parent.level.value!r}; a "
                    f"{subject.level.value} subject is part of a subject one level up"
                ),
                code="wrong_level",
            )


def _goal_problems(
    goals: Iterable[Goal],
    subjects: Mapping[str, Subject],
    framework: ResultsFramework,
) -> Iterator[Problem]:
    for goal in goals:
        about = f"goal {goal.subject}/{goal.indicator}@{goal.target.by.isoformat()}"
        if not framework.has_id("indicator", goal.indicator):
            yield Problem(
                about=about,
                field="indicator",
                message=f"no indicator with id {goal.indicator!r} in this framework",
                code="unknown_id",
            )
            continue
        indicator = framework.indicator(goal.indicator)
        level = framework.level_of(goal.indicator)
        subject = subjects.get(goal.subject)
        if subject is None:
            yield Problem(
                about=about,
                field="subject",
                message=f"no subject with id {goal.subject!r} in these records",
                code="unknown_id",
            )
        elif subject.level is not level:
            yield Problem(
                about=about,
                field="subject",
                message=(
                    f"subject {goal.subject!r} is on level {subject.level.value!r}; "
                    f"indicator {goal.indicator!r} is on level {level.value!r}"
                ),
                code="wrong_level",
            )
        yield from _goal_value_problems(about, goal, indicator)


def _goal_value_problems(
    about: str, goal: Goal, indicator: Indicator
) -> Iterator[Problem]:
    if indicator.measure is Measure.QUALITATIVE:
        yield Problem(
            about=about,
            field="indicator",
            message=f"indicator {indicator.id!r} is qualitative; a goal needs numbers",
            code="wrong_measure",
        )
        return
    points = [("target.value", goal.target.value)]
    if goal.baseline is not None:
        points.append(("baseline.value", goal.baseline.value))
    for field, value in points:
        kind = INT if float(value).is_integer() else FLOAT
        if indicator.measure is Measure.BINARY:
            fits = 0 <= value <= 1
        else:
            fits = _value_fits(indicator, kind, value)
        if not fits:
            yield Problem(
                about=about,
                field=field,
                message=(
                    f"expected {_EXPECTED[indicator.measure]} for "
                    f"{_a(indicator.measure)} indicator, got {value!r}"
                    + _scale_hint(indicator)
                ),
                code="wrong_value",
            )
    if goal.baseline is not None:
        b, t = goal.baseline.value, goal.target.value
        wrong = (indicator.direction is Direction.INCREASE and not t > b) or (
            indicator.direction is Direction.DECREASE and not t < b
        )
        if wrong:
            yield Problem(
                about=about,
                field="target.value",
                message=(
                    f"expected a value in the indicator's direction "
                    f"({indicator.direction.value}) from the goal's baseline {b}, got {t}"
                ),
                code="wrong_direction",
            )


def _assessment_problems(
    assessments: Iterable[ConditionAssessment], framework: ResultsFramework
) -> Iterator[Problem]:
    for a in assessments:
        about = f"assessment {a.condition}@{a.on.isoformat()}"
        if not framework.has_id("condition", a.condition):
            yield Problem(
                about=about,
                field="condition",
                message=f"no condition with id {a.condition!r} in this framework",
                code="unknown_id",
            )
        if a.assessed_by is not None and not framework.has_id("party", a.assessed_by):
            yield Problem(
                about=about,
                field="assessed_by",
                message=f"no party with id {a.assessed_by!r} in this framework",
                code="unknown_id",
            )
