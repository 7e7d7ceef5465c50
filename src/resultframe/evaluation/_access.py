"""Columnar access to records for evaluation: spans of rows, no object per row.

The only place where evaluation reads the column store of
:class:`~resultframe.model.records.Records`, through its internal API
(:mod:`resultframe.model._columns`).
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

import attrs

from resultframe.evaluation._sums import fsum
from resultframe.model._columns import DAY_BITS, DAY_MASK
from resultframe.model.enums import Level
from resultframe.model.records import columns_of

if TYPE_CHECKING:
    from collections.abc import Callable

    from resultframe.model.definitions import Baseline, Indicator
    from resultframe.model.facts import Goal
    from resultframe.model.records import Records

    ColumnSource: TypeAlias = Callable[[Records, str, dt.date], "Column"]
    """Where evaluation reads an indicator's rows up to a day: :func:`column`."""

__all__ = [
    "DAY_BITS",
    "DAY_MASK",
    "Column",
    "column",
    "goal_on",
    "known_goals",
    "to_date",
]


@attrs.frozen
class Column:
    """The rows of one indicator up to a day, one span of rows per subject.

    For subject ``subjects[i]`` the rows ``range(starts[i], stops[i])`` hold its
    observations on or before the day, by day: ``keys[r] & DAY_MASK`` is the
    day's ordinal and ``values[r]`` the value as a float. Subjects by id;
    the sequences are lists, or (from an engine) ranges or arrays and a view
    of an Arrow column.
    """

    subjects: Sequence[str]
    starts: Sequence[int]
    stops: Sequence[int]
    keys: array[int]
    values: array[float]
    kinds: array[int]
    strings: tuple[str, ...]

    def value_since(self, start: int, stop: int, after: int | None) -> float:
        """The sum of the span's values dated after day *after* (all if None)."""
        if after is not None:
            base = (self.keys[start] >> DAY_BITS) << DAY_BITS
            start = bisect_right(self.keys, base | after, start, stop)
        return fsum(self.values[start:stop])

    def last_on(self, start: int, stop: int, day: int) -> int:
        """The index of the span's last row dated on or before *day* (or start-1)."""
        base = (self.keys[start] >> DAY_BITS) << DAY_BITS
        return bisect_right(self.keys, base | day, start, stop) - 1


def column(records: Records, indicator: str, day: dt.date) -> Column:
    """Return the rows of *indicator* dated on or before *day*, by subject."""
    c = columns_of(records)
    spans = c.spans(indicator, day.toordinal())
    return Column(
        spans.subjects, spans.starts, spans.stops, c.keys, c.values, c.kinds, c.strings
    )


def known_goals(records: Records, day: dt.date) -> dict[str, dict[str, list[Goal]]]:
    """Goals known on *day*, by indicator and subject, each list by target day.

    A goal is known once its baseline's day has come; a goal without a baseline
    is always known (as :meth:`Records.as_of` keeps it).
    """
    out: dict[str, dict[str, list[Goal]]] = {}
    for g in records.goals:
        if g.baseline is None or g.baseline.on <= day:
            out.setdefault(g.indicator, {}).setdefault(g.subject, []).append(g)
    return out


def goal_on(goals: list[Goal], day: dt.date) -> Goal:
    """The goal that counts on *day*.

    The earliest whose target day is still on or after *day*, else the last one;
    *goals* are by target day.
    """
    for g in goals:
        if g.target.by >= day:
            return g
    return goals[-1]


def explicit_baseline(
    indicator: Indicator, level: Level, goal: Goal | None
) -> Baseline | None:
    """The baseline a subject's progress counts from, when one is given.

    The baseline of the subject's goal that counts (:func:`goal_on`), if it has
    one; else the indicator's own, except at the micro level, where each
    resident starts from their own first value. None: no baseline is given, the
    subject's first value (or, for a sum, nothing) is where it starts. The
    Python engine's judge and the plan of the engines both ask this.
    """
    if goal is not None and goal.baseline is not None:
        return goal.baseline
    if level is Level.MICRO:
        return None
    return indicator.baseline


def to_date(ordinal: int) -> dt.date:
    """The date of a day ordinal."""
    return dt.date.fromordinal(ordinal)
