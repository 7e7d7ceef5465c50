"""Progress (voortgang): where a value lies on the way from baseline to target.

``progress(v) = (v - b) / (t - b)`` with ``b`` the baseline and ``t`` the final
target: 0 is the baseline, 1 the target, below 0 worse than the baseline. The sign
of ``t - b`` carries the direction, so one formula serves ``increase`` and
``decrease``. A ``maintain`` indicator has progress 1 while the value lies within
``t ± band`` and 0 outside.

The expected value on a day runs piecewise-linearly from the baseline through each
dated target: the baseline value up to the baseline day, the last target's value
after its day. :func:`expected_progress` is the progress of the expected value, and
:func:`deviation` is progress minus expected progress.

These functions check their arguments and call the kernels of
:mod:`resultframe.evaluation._kernels`, the one place where this arithmetic is
written; the evaluation of many subjects at once calls the same kernels.

>>> import datetime as dt
>>> from resultframe import (Baseline, Direction, Indicator, Measure, Question,
...     Target)
>>> waiting = Indicator(id="wait", name="Waiting days", measure=Measure.QUANTITY,
...     direction=Direction.DECREASE, question=Question.HOW_WELL,
...     baseline=Baseline(value=60, on=dt.date(2025, 1, 1)),
...     targets=(Target(value=40, by=dt.date(2025, 12, 31)),))
>>> progress(waiting, 50)          # (50 - 60) / (40 - 60)
0.5
>>> expected_value(waiting, dt.date(2025, 7, 2))  # 60 - 20 * 182 / 364
50.0
>>> deviation(waiting, 45, dt.date(2025, 7, 2))   # 0.75 - 0.5
0.25
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resultframe.errors import InvalidValue
from resultframe.evaluation import _args, _kernels
from resultframe.evaluation._kernels import direction_sign
from resultframe.model.definitions import Baseline, Indicator, Target
from resultframe.model.enums import Direction, Measure

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Sequence

__all__ = ["deviation", "expected_progress", "expected_value", "progress"]


def _resolve_targets(
    indicator: Indicator, targets: Sequence[Target] | None
) -> tuple[Target, ...]:
    if targets is None:
        chosen = indicator.targets
    else:
        if isinstance(targets, str | bytes) or not hasattr(targets, "__iter__"):
            raise InvalidValue("targets", targets, "expected a sequence of Target")
        chosen = tuple(targets)
        for i, t in enumerate(chosen):
            if not isinstance(t, Target):
                raise InvalidValue(f"targets[{i}]", t, "expected a Target")
            if i and t.by <= chosen[i - 1].by:
                raise InvalidValue(
                    f"targets[{i}].by",
                    t.by,
                    f"expected a day after the previous target's {chosen[i - 1].by}",
                )
    if not chosen:
        raise InvalidValue(
            "targets",
            (),
            f"expected at least one target (indicator {indicator.id!r} has none)",
        )
    return chosen


def _resolve(
    indicator: object,
    baseline: Baseline | None,
    targets: Sequence[Target] | None,
) -> tuple[Indicator, Baseline | None, tuple[Target, ...]]:
    if not isinstance(indicator, Indicator):
        raise InvalidValue("indicator", _args.short(indicator), "expected an Indicator")
    if indicator.measure is Measure.QUALITATIVE:
        raise InvalidValue(
            "indicator",
            indicator.id,
            "expected a numeric indicator (a qualitative one has no progress)",
        )
    if baseline is not None and not isinstance(baseline, Baseline):
        raise InvalidValue("baseline", baseline, "expected a Baseline or None")
    chosen = baseline if baseline is not None else indicator.baseline
    return indicator, chosen, _resolve_targets(indicator, targets)


def _needed(indicator: Indicator, baseline: Baseline | None) -> Baseline:
    if baseline is None:
        raise InvalidValue(
            "baseline",
            None,
            f"expected a Baseline (indicator {indicator.id!r} has none)",
        )
    return baseline


def progress(
    indicator: Indicator,
    value: float,
    *,
    baseline: Baseline | None = None,
    targets: Sequence[Target] | None = None,
) -> float:
    """Progress (voortgang) of *value* from the baseline to the final target.

    ``(value - b) / (t - b)``: 0 at the baseline, 1 at the target, in the
    indicator's direction. For ``maintain``: 1 within ``t ± band``, else 0. When
    the baseline already meets the target (possible with a given baseline, such
    as a resident who starts at the goal), progress is 1 while the value meets
    the target and 0 when it does not.

    Args:
        indicator: The indicator.
        value: The value to place (a bool counts as 0 or 1).
        baseline: Use this baseline instead of the indicator's (a goal's).
        targets: Use these targets instead of the indicator's; the last one is
            the final target.

    Raises:
        InvalidValue: the indicator is qualitative, has no baseline (except for
            ``maintain``) or no target, or an argument has the wrong type.
    """
    ind, base, chosen = _resolve(indicator, baseline, targets)
    if ind.direction is not Direction.MAINTAIN:
        base = _needed(ind, base)
    v = _args.number("value", value)
    t = chosen[-1].value
    b = base.value if base is not None else t
    return _kernels.progress(direction_sign(ind.direction), ind.band or 0.0, b, t, v)


def expected_value(
    indicator: Indicator,
    day: dt.date,
    *,
    baseline: Baseline | None = None,
    targets: Sequence[Target] | None = None,
) -> float:
    """The value expected on *day* (verwachte waarde) on the way to the targets.

    Piecewise-linear from ``(baseline.on, baseline.value)`` through each target
    dated after the baseline; the baseline value on and before the baseline day,
    the final target's value from the final target's day on. If no target lies
    after the baseline day, the final target's value is expected throughout; if
    the baseline already meets the final target (in the indicator's direction),
    the baseline value is expected throughout: stay there.

    Raises:
        InvalidValue: the indicator is qualitative, has no baseline or no target,
            or an argument has the wrong type.
    """
    ind, maybe, chosen = _resolve(indicator, baseline, targets)
    base = _needed(ind, maybe)
    d = _args.day("day", day)
    return _expected(ind, base, chosen, d)


def _expected(
    indicator: Indicator, base: Baseline, chosen: tuple[Target, ...], day: dt.date
) -> float:
    return _kernels.expected(
        base.value,
        base.on.toordinal(),
        sign=direction_sign(indicator.direction),
        tdays=[t.by.toordinal() for t in chosen],
        tvals=[t.value for t in chosen],
        day=day.toordinal(),
    )


def expected_progress(
    indicator: Indicator,
    day: dt.date,
    *,
    baseline: Baseline | None = None,
    targets: Sequence[Target] | None = None,
) -> float:
    """The progress expected on *day*: the progress of :func:`expected_value`.

    Raises:
        InvalidValue: as :func:`expected_value`.
    """
    ind, maybe, chosen = _resolve(indicator, baseline, targets)
    base = _needed(ind, maybe)
    ev = _expected(ind, base, chosen, _args.day("day", day))
    return _kernels.progress(
        direction_sign(ind.direction), ind.band or 0.0, base.value, chosen[-1].value, ev
    )


def deviation(
    indicator: Indicator,
    value: float,
    day: dt.date,
    *,
    baseline: Baseline | None = None,
    targets: Sequence[Target] | None = None,
) -> float:
    """Deviation (afwijking) on *day*: progress of *value* minus expected progress.

    Positive is ahead of the trajectory, negative behind; outside ``±
    tolerance`` it asks for a decision (bijsturing), in either direction.

    Raises:
        InvalidValue: as :func:`expected_value`, or *value* is not a number.
    """
    return float(
        _kernels.deviation(
            progress(indicator, value, baseline=baseline, targets=targets),
            expected_progress(indicator, day, baseline=baseline, targets=targets),
        )
    )
