"""Whether records fit a framework: the rules behind :meth:`Records.check`.

Observations are checked per indicator on the sorted columns: the common case (all
rows fine) is decided from the set of value kinds, the smallest and largest value
and the set of subjects, and only when that finds something are rows reported one
by one.
"""

from __future__ import annotations

import itertools
import operator
from collections import Counter
from typing import TYPE_CHECKING

from resultframe.errors import Problem
from resultframe.model.enums import Accumulation, Direction, Level, Measure
from resultframe.model.records import _BOOL, _DAY_BITS, _FLOAT, _INT, _TEXT

if TYPE_CHECKING:
    from collections.abc import Iterator

    from resultframe.model.definitions import Indicator
    from resultframe.model.facts import Goal
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records, _Columns

__all__ = ["check_records"]

_KINDS: dict[Measure, frozenset[int]] = {
    Measure.QUANTITY: frozenset({_FLOAT, _INT}),
    Measure.PERCENTAGE: frozenset({_FLOAT, _INT}),
    Measure.ORDINAL: frozenset({_FLOAT, _INT}),
    Measure.BINARY: frozenset({_BOOL}),
    Measure.QUALITATIVE: frozenset({_TEXT}),
}
_EXPECTED: dict[Measure, str] = {
    Measure.QUANTITY: "a number",
    Measure.PERCENTAGE: "a number from 0 to 100",
    Measure.ORDINAL: "a whole number on the indicator's scale",
    Measure.BINARY: "a bool (true or false)",
    Measure.QUALITATIVE: "a text",
}
_UP = {Level.MICRO: Level.MESO, Level.MESO: Level.MACRO}


def check_records(records: Records, framework: ResultsFramework) -> tuple[Problem, ...]:
    """Return every fact of *records* that does not fit *framework*."""
    problems: list[Problem] = []
    problems += _subject_problems(records)
    problems += _observation_problems(records, framework)
    problems += _goal_problems(records, framework)
    problems += _assessment_problems(records, framework)
    problems += _review_problems(records, framework)
    return tuple(problems)


def _obs_about(c: _Columns, row: int) -> str:
    return f"observation {c.indicator(row)}/{c.subject(row)}@{c.day(row).isoformat()}"


def _value_fits(indicator: Indicator, kind: int, value: float) -> bool:
    if kind not in _KINDS[indicator.measure]:
        return False
    if indicator.measure is Measure.PERCENTAGE:
        return 0 <= value <= 100
    if indicator.measure is Measure.ORDINAL:
        return indicator.scale is not None and value in indicator.scale
    return True


def _observation_problems(
    records: Records, framework: ResultsFramework
) -> Iterator[Problem]:
    c = records._columns  # noqa: SLF001
    n_subjects = max(len(c.subjects), 1)
    # The codes of observed subjects that are recorded, by their level: a subject
    # fits an indicator when its code is in the set of the indicator's level.
    fitting: dict[Level, set[int]] = {level: set() for level in Level}
    recorded = {s.id: s.level for s in records.subjects}
    for code, sid in enumerate(c.subjects):
        if sid in recorded:
            fitting[recorded[sid]].add(code)
    for indicator_id in records.indicators_observed():
        rows = records._indicator_rows(indicator_id)  # noqa: SLF001
        lo, hi = rows.start, rows.stop
        if not framework.has_id("indicator", indicator_id):
            yield Problem(
                about=f"observations of {indicator_id}",
                field="indicator",
                message=(
                    f"{hi - lo} observation(s) of indicator {indicator_id!r}, which "
                    "this framework does not have"
                ),
                code="unknown_id",
            )
            continue
        indicator = framework.indicator(indicator_id)
        level = framework.level_of(indicator_id)
        if indicator.derived_from is not None:
            yield Problem(
                about=f"observations of {indicator_id}",
                field="indicator",
                message=(
                    f"{hi - lo} observation(s) of indicator {indicator_id!r}, which is "
                    f"derived from {indicator.derived_from.source!r}; it gets its "
                    "values by roll-up, not by observation"
                ),
                code="derived_observed",
            )
        yield from _value_problems(c, indicator, lo, hi)
        # Subjects: known, and on the indicator's level.
        # One C-level pass: the distinct (indicator, subject) pairs of the rows.
        pairs = set(map(operator.rshift, c.keys[lo:hi], itertools.repeat(_DAY_BITS)))
        codes = set(map(operator.mod, pairs, itertools.repeat(n_subjects)))
        for code in sorted(codes - fitting[level]):
            sid = c.subjects[code]
            try:
                subject = records.subject(sid)
            except KeyError:
                yield Problem(
                    about=f"observations of {indicator_id}",
                    field="subject",
                    message=f"no subject with id {sid!r} in these records",
                    code="unknown_id",
                )
                continue
            if subject.level is not level:
                yield Problem(
                    about=f"observations of {indicator_id}",
                    field="subject",
                    message=(
                        f"subject {sid!r} is on level {subject.level.value!r}; "
                        f"indicator {indicator_id!r} is on level {level.value!r}"
                    ),
                    code="wrong_level",
                )
        if indicator.accumulation is Accumulation.LATEST:
            keys = c.keys
            # Equal neighbours in the sorted keys are observations on one day.
            if not any(map(operator.eq, keys[lo + 1 : hi], keys[lo : hi - 1])):
                continue
            for r in range(lo + 1, hi):
                if keys[r] == keys[r - 1] and (r == lo + 1 or keys[r - 2] != keys[r]):
                    yield Problem(
                        about=_obs_about(c, r),
                        field="on",
                        message=(
                            "more than one observation on this day for an indicator "
                            "that takes the latest value; which one counts is unclear"
                        ),
                        code="duplicate_observation",
                    )


def _value_problems(
    c: _Columns, indicator: Indicator, lo: int, hi: int
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
            yield Problem(
                about=_obs_about(c, r),
                field="value",
                message=(
                    f"expected {_EXPECTED[indicator.measure]} for a "
                    f"{indicator.measure.value} indicator, got {c.value(r)!r}"
                    + _scale_hint(indicator)
                ),
                code="wrong_value",
            )


def _scale_hint(indicator: Indicator) -> str:
    if indicator.scale is None:
        return ""
    return f" (scale {indicator.scale.id!r}: {list(indicator.scale.values)})"


def _subject_problems(records: Records) -> Iterator[Problem]:
    for subject in records.subjects:
        if subject.part_of is None:
            continue
        about = f"subject {subject.id}"
        try:
            parent = records.subject(subject.part_of)
        except KeyError:
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


def _goal_problems(records: Records, framework: ResultsFramework) -> Iterator[Problem]:
    for goal in records.goals:
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
        try:
            subject = records.subject(goal.subject)
        except KeyError:
            yield Problem(
                about=about,
                field="subject",
                message=f"no subject with id {goal.subject!r} in these records",
                code="unknown_id",
            )
        else:
            if subject.level is not level:
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
        kind = _INT if float(value).is_integer() else _FLOAT
        if indicator.measure is Measure.BINARY:
            fits = 0 <= value <= 1
        else:
            fits = _value_fits(indicator, kind, value)
        if not fits:
            yield Problem(
                about=about,
                field=field,
                message=(
                    f"expected {_EXPECTED[indicator.measure]} for a "
                    f"{indicator.measure.value} indicator, got {value!r}"
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
    records: Records, framework: ResultsFramework
) -> Iterator[Problem]:
    for a in records.assessments:
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


def _review_problems(
    records: Records, framework: ResultsFramework
) -> Iterator[Problem]:
    counts = Counter((r.cycle, r.period) for r in records.reviews)
    reported: set[object] = set()
    for review in records.reviews:
        about = f"review {review.cycle}@{review.period}"
        if not framework.has_id("cycle", review.cycle):
            yield Problem(
                about=about,
                field="cycle",
                message=f"no cycle with id {review.cycle!r} in this framework",
                code="unknown_id",
            )
        else:
            cycle = framework.cycle(review.cycle)
            if not cycle.has_period(review.period):
                yield Problem(
                    about=about,
                    field="period",
                    message=(
                        f"{review.period} is not a period of cycle {cycle.id!r} "
                        f"(cadence {cycle.cadence}, from {cycle.starts_on})"
                    ),
                    code="wrong_period",
                )
        key = (review.cycle, review.period)
        if counts[key] > 1 and key not in reported:
            reported.add(key)
            yield Problem(
                about=about,
                field="period",
                message=(
                    f"{counts[key]} reviews for this period; a cycle holds one review "
                    "per period"
                ),
                code="duplicate_review",
            )
        for i, decision in enumerate(review.decisions):
            for j, ref in enumerate(decision.about):
                if not any(
                    framework.has_id(kind, ref)
                    for kind in ("result", "indicator", "condition", "cycle")
                ):
                    yield Problem(
                        about=about,
                        field=f"decisions[{i}].about[{j}]",
                        message=(
                            f"no result, indicator, condition or cycle with id {ref!r} "
                            "in this framework"
                        ),
                        code="unknown_id",
                    )
