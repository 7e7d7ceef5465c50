"""What is probably a mistake in facts that fit a framework: warnings, not errors.

Facts can be valid and fit the framework and still be wrong: observations
outside the agreement's period, negative values of a quantity that is never
negative, a day of evaluation far from every fact, targets after the
agreement ends, groups below the privacy floor. :func:`likely_mistakes` lists
them in words, for a program to show as warnings.

>>> from resultframe import Records, example
>>> likely_mistakes(example.framework(), Records(), min_group=5)
['--min-group 5 is below the privacy floor of 10: small groups of residents may be recognisable']
"""

from __future__ import annotations

import bisect
import datetime as dt
from typing import TYPE_CHECKING, Final

from resultframe.model import Measure

if TYPE_CHECKING:
    from resultframe.model import Indicator, Records, ResultsFramework

__all__ = ["FAR_DAYS", "PRIVACY_FLOOR", "likely_mistakes"]

PRIVACY_FLOOR: Final = 10
"""Groups smaller than this are shown only with a warning (``--min-group``)."""
FAR_DAYS: Final = 366
"""A day of evaluation more than this many days after the facts gets a warning."""


def likely_mistakes(
    framework: ResultsFramework,
    records: Records,
    *,
    as_of: dt.date | None = None,
    min_group: int | None = None,
) -> list[str]:
    """What is probably a mistake in the records or the options (not an error).

    Args:
        framework: The framework the records fit.
        records: The records.
        as_of: The day of evaluation (``--as-of``), if any.
        min_group: The smallest group shown (``--min-group``), if any.
    """
    found: list[str] = []
    if min_group is not None and min_group < PRIVACY_FLOOR:
        found.append(
            f"--min-group {min_group} is below the privacy floor of {PRIVACY_FLOOR}: "
            "small groups of residents may be recognisable"
        )
    agreed = framework.agreement.period
    first: dt.date | None = None
    last: dt.date | None = None
    for indicator_id in records.indicators_observed():
        days = sorted(day for _, day, _ in records.rows(indicator_id))
        if not days:
            continue
        lo, hi = days[0], days[-1]
        first = lo if first is None else min(first, lo)
        last = hi if last is None else max(last, hi)
        outside = bisect.bisect_left(days, agreed.start) + (
            len(days) - bisect.bisect_right(days, agreed.end)
        )
        if outside:
            found.append(
                f"{outside} observation(s) of {indicator_id!r} lie outside the "
                f"agreement's period ({agreed.start} to {agreed.end})"
            )
        if not framework.has_id("indicator", indicator_id):
            continue
        indicator = framework.indicator(indicator_id)
        if indicator.measure is Measure.QUANTITY and _never_negative(indicator):
            negative = sum(
                1
                for _, _, v in records.rows(indicator_id)
                if not isinstance(v, bool | str) and v < 0
            )
            if negative:
                found.append(
                    f"{negative} negative value(s) of {indicator_id!r}, whose "
                    "baseline and targets are all 0 or more"
                )
    found += [
        f"goal {goal.subject}/{goal.indicator}: target by {goal.target.by}, "
        f"after the agreement ends ({agreed.end})"
        for goal in records.goals
        if goal.target.by > agreed.end
    ]
    for indicator in framework.indicators:
        found += [
            f"indicator {indicator.id!r}: target by {t.by}, after the agreement "
            f"ends ({agreed.end})"
            for t in indicator.targets
            if t.by > agreed.end
        ]
    if as_of is not None and first is not None and last is not None:
        if as_of > last + dt.timedelta(days=FAR_DAYS):
            found.append(
                f"--as-of {as_of} is more than a year after the last observation "
                f"({last})"
            )
        elif as_of < first:
            found.append(
                f"--as-of {as_of} lies before the first observation ({first}): "
                "no fact counts"
            )
    return found


def _never_negative(indicator: Indicator) -> bool:
    """Whether an indicator's baseline and targets are all 0 or more."""
    numbers = [t.value for t in indicator.targets]
    if indicator.baseline is not None:
        numbers.append(indicator.baseline.value)
    return bool(numbers) and min(numbers) >= 0
