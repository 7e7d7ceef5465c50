"""Trends and yield: turning the curve, and what effort yields for whom.

:func:`trend` fits a straight line through a dated series by least squares;
:func:`forecast` extends it to a day. "Turning the curve" (Results-Based
Accountability) means doing better than the forecast of the baseline trend:
:func:`curve_turned`. :func:`effort_yield` relates the change on an outcome
indicator to the effort spent on an effort indicator, per group of subjects
("wat levert welke inzet op, voor wie").

>>> import datetime as dt
>>> series = [(dt.date(2025, 1, 1), 10.0), (dt.date(2025, 1, 11), 12.0),
...           (dt.date(2025, 1, 21), 14.0)]
>>> t = trend(series)
>>> t.slope, t.value_on(dt.date(2025, 1, 31))   # 2 per 10 days
(0.2, 16.0)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidValue
from resultframe.evaluation import _access, _args
from resultframe.evaluation._kernels import direction_sign
from resultframe.evaluation._sums import fsum
from resultframe.evaluation.rollup import UNKNOWN
from resultframe.model.enums import Accumulation, Measure
from resultframe.privacy import too_few

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resultframe.model.definitions import Indicator
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["EffortYield", "Trend", "curve_turned", "effort_yield", "forecast", "trend"]


@attrs.frozen(kw_only=True)
class Trend:
    """A straight line through a dated series (trendlijn).

    ``value_on(day) = intercept + slope * (day - origin).days``.

    Args:
        slope: Change per day.
        intercept: The line's value on *origin*.
        origin: The series' first day.
        n: The number of points it was fitted to.
    """

    slope: float
    intercept: float
    origin: dt.date
    n: int

    def value_on(self, day: dt.date) -> float:
        """The line's value on *day*."""
        d = _args.day("day", day)
        return self.intercept + self.slope * (d - self.origin).days


def _points(series: object) -> list[tuple[dt.date, float]]:
    if isinstance(series, str | bytes) or not hasattr(series, "__iter__"):
        raise InvalidValue(
            "series", _args.short(series), "expected (day, number) pairs"
        )
    out: list[tuple[dt.date, float]] = []
    for i, item in enumerate(series):
        if not isinstance(item, tuple) or len(item) != 2:
            raise InvalidValue(
                f"series[{i}]", _args.short(item), "expected a (day, number) pair"
            )
        day = _args.day(f"series[{i}][0]", item[0])
        out.append((day, _args.number(f"series[{i}][1]", item[1])))
    return out


def _fit(points: list[tuple[dt.date, float]]) -> Trend:
    days = {d for d, _ in points}
    if len(days) < 2:
        raise InvalidValue(
            "series",
            f"{len(points)} point(s) on {len(days)} day(s)",
            "expected at least two points on different days to fit a trend",
        )
    origin = min(days)
    xs = [(d - origin).days for d, _ in points]
    ys = [v for _, v in points]
    n = len(points)
    mx = fsum(xs) / n
    my = fsum(ys) / n
    sxx = fsum((x - mx) ** 2 for x in xs)
    sxy = fsum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    return Trend(slope=slope, intercept=my - slope * mx, origin=origin, n=n)


def trend(series: Iterable[tuple[dt.date, float]]) -> Trend:
    """Fit a straight line through ``(day, value)`` points by least squares.

    Raises:
        InvalidValue: fewer than two points on different days, or a point is
            not a (date, finite number) pair.
    """
    return _fit(_points(series))


def forecast(series: Iterable[tuple[dt.date, float]], day: dt.date) -> float:
    """The value on *day* of the trend through *series* (prognose).

    Raises:
        InvalidValue: as :func:`trend`, or *day* is not a date.
    """
    d = _args.day("day", day)
    return _fit(_points(series)).value_on(d)


def curve_turned(
    framework: ResultsFramework,
    records: Records,
    indicator: str,
    subject: str,
    as_of: dt.date,
) -> bool | None:
    """Whether the curve has turned: the latest value beats the baseline forecast.

    The baseline trend is fitted through the subject's observations up to and
    including the indicator's baseline day; without a baseline, through the
    first half of its observations up to *as_of* (the first ``ceil(n / 2)``).
    The latest observation on or before *as_of* must come after those points.
    It beats the forecast when it lies beyond it in the indicator's direction
    (strictly); for ``maintain``, when it lies closer to the final target (or,
    without targets, the baseline value or the first observation) than the
    forecast does.

    Returns:
        True or False; None when it cannot be told: fewer than two baseline
        points on different days, no observation after them, or a qualitative
        indicator.

    Raises:
        UnknownId: no such indicator or subject.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    ind = _args.indicator(fw, indicator)
    sid = recs.subject(_args.text_id("subject", subject)).id
    day = _args.day("as_of", as_of)
    if ind.measure is Measure.QUALITATIVE:
        return None
    col = _access.column(recs, ind.id, day)
    points: list[tuple[dt.date, float]] = []
    if sid in col.subjects:
        i = col.subjects.index(sid)
        mask = _access.DAY_MASK
        points = [
            (_access.to_date(col.keys[r] & mask), col.values[r])
            for r in range(col.starts[i], col.stops[i])
        ]
    if ind.baseline is not None:
        before = [p for p in points if p[0] <= ind.baseline.on]
    else:
        before = points[: math.ceil(len(points) / 2)]
    after = points[len(before) :]
    if not after or len({d for d, _ in before}) < 2:
        return None
    last_day, last = after[-1]
    expected = _fit(before).value_on(last_day)
    sign = direction_sign(ind.direction)
    if sign:
        return (last - expected) * sign > 0
    ref = _reference(ind, points[0][1])
    return abs(last - ref) < abs(expected - ref)


def _reference(indicator: Indicator, first: float) -> float:
    if indicator.final_target is not None:
        return indicator.final_target.value
    if indicator.baseline is not None:
        return indicator.baseline.value
    return first


@attrs.frozen(kw_only=True)
class EffortYield:
    """What effort yielded for one group of subjects (opbrengst van inzet).

    ``ratio = outcome_change / effort``: the change on the outcome indicator
    (latest minus first observation, summed over the group's subjects) per unit
    of effort (the effort indicator's value, summed over the same subjects).

    Args:
        group: The group: a dimension value, or the id of the subject one level
            up (:data:`~resultframe.evaluation.rollup.UNKNOWN` when missing).
        n: Subjects with both an outcome and an effort value; None when
            suppressed.
        outcome_change: Total change on the outcome; None when suppressed.
        effort: Total effort; None when suppressed.
        ratio: Change per unit of effort; None when suppressed or when the
            effort is 0.
        suppressed: Fewer than ``min_group`` subjects.
    """

    group: str
    n: int | None
    outcome_change: float | None
    effort: float | None
    ratio: float | None
    suppressed: bool = False


def _subject_values(
    records: Records, indicator: Indicator, day: dt.date
) -> dict[str, tuple[float, float]]:
    """Each subject's (first value, value) on *day*, by the indicator's accumulation."""
    col = _access.column(records, indicator.id, day)
    values = col.values
    out: dict[str, tuple[float, float]] = {}
    is_sum = indicator.accumulation is Accumulation.SUM
    after = (
        indicator.baseline.on.toordinal()
        if is_sum and indicator.baseline is not None
        else None
    )
    for s, a, b in zip(col.subjects, col.starts, col.stops, strict=True):
        if is_sum:
            out[s] = (values[a], col.value_since(a, b, after))
        else:
            out[s] = (values[a], values[b - 1])
    return out


def effort_yield(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    outcome: str,
    effort: str,
    as_of: dt.date,
    *,
    by: str | None = None,
    min_group: int = 10,
) -> tuple[EffortYield, ...]:
    """What effort yields for whom: change on an outcome per unit of effort.

    For each subject with observations of both indicators on or before *as_of*:
    its outcome change is its latest outcome value minus its first, and its
    effort the effort indicator's value (the sum since the baseline for a
    ``sum`` indicator, else the latest). Per group, ``ratio = Σ change / Σ
    effort``. The change is not turned around for a ``decrease`` outcome: there
    a negative ratio is good.

    Args:
        framework: The framework.
        records: The facts.
        outcome: The outcome indicator (``better_off``, typically).
        effort: The effort indicator (``how_much``: hours, contacts), on the
            same level.
        as_of: The day.
        by: Group by this subject dimension; by default by ``part_of``.
        min_group: Groups with fewer subjects are suppressed (0 or 1: none).

    Returns:
        One :class:`EffortYield` per group, by group.

    Raises:
        UnknownId: no such indicator.
        InvalidValue: the indicators are on different levels or not numeric, or
            an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    out_ind = _args.indicator(fw, outcome, "outcome")
    eff_ind = _args.indicator(fw, effort, "effort")
    day = _args.day("as_of", as_of)
    key = _args.dimension_key(by)
    minimum = _args.min_group(min_group)
    for field, ind in (("outcome", out_ind), ("effort", eff_ind)):
        if ind.measure is Measure.QUALITATIVE or ind.derived_from is not None:
            raise InvalidValue(
                field,
                ind.id,
                "expected an observed, numeric indicator (not qualitative or derived)",
            )
    if fw.level_of(out_ind.id) is not fw.level_of(eff_ind.id):
        raise InvalidValue(
            "effort",
            eff_ind.id,
            f"expected an indicator on the outcome's level "
            f"({fw.level_of(out_ind.id).value})",
        )
    outcomes = _subject_values(recs, out_ind, day)
    efforts = _subject_values(recs, eff_ind, day)
    groups: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for sid in sorted(outcomes.keys() & efforts.keys()):
        try:
            subject = recs.subject(sid)
        except KeyError:
            continue
        if key is not None:
            group = subject.dimension(key) or UNKNOWN
        else:
            group = subject.part_of or UNKNOWN
        first, last = outcomes[sid]
        groups[group].append((last - first, efforts[sid][1]))
    result = []
    for group in sorted(groups):
        rows = groups[group]
        if too_few(len(rows), minimum):
            result.append(
                EffortYield(
                    group=group,
                    n=None,
                    outcome_change=None,
                    effort=None,
                    ratio=None,
                    suppressed=True,
                )
            )
            continue
        change = fsum(c for c, _ in rows)
        spent = fsum(e for _, e in rows)
        result.append(
            EffortYield(
                group=group,
                n=len(rows),
                outcome_change=change,
                effort=spent,
                ratio=change / spent if spent else None,
            )
        )
    return tuple(result)
