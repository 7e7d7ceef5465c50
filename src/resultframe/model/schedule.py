"""Time in the model: periods, cadences and the calendar arithmetic behind them.

Steps of a cadence are always counted from an anchor date, never chained: the
*k*-th step from 31 January with a cadence of one month is ``31 January + k
months``, clamped to the end of the month (28 or 29 February, 31 March, 30 April,
...), so a schedule never drifts.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from typing import Final

import attrs

from resultframe.errors import InvalidValue
from resultframe.model import _checks

__all__ = ["Cadence", "Period", "add_months"]

_ISO_DURATION: Final = re.compile(
    r"P(?!$)(?:(?P<years>\d+)Y)?(?:(?P<months>\d+)M)?(?:(?P<weeks>\d+)W)?"
    r"(?:(?P<days>\d+)D)?"
)


def add_months(day: dt.date, months: int) -> dt.date:
    """Return *day* plus a number of calendar months, clamped to the month's end.

    >>> add_months(dt.date(2025, 1, 31), 1)
    datetime.date(2025, 2, 28)
    >>> add_months(dt.date(2025, 1, 31), 2)
    datetime.date(2025, 3, 31)
    """
    index = day.year * 12 + (day.month - 1) + months
    year, month = divmod(index, 12)
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise InvalidValue(
            "months", months, "expected a step that stays within years 1-9999"
        )
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _non_negative_int(
    _instance: object, attribute: attrs.Attribute[int], value: object
) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(
            attribute.name, value, "expected a whole number of 0 or more"
        )


@attrs.frozen(kw_only=True)
class Period:
    """A span of days, both ends included (looptijd, periode).

    >>> q1 = Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 3, 31))
    >>> dt.date(2025, 3, 31) in q1, q1.days
    (True, 90)
    """

    start: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    end: dt.date = attrs.field(validator=_checks.Instance(dt.date))

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise InvalidValue(
                "end", self.end, f"expected a day on or after start {self.start}"
            )

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        """The number of days in the period, both ends counted."""
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        return f"{self.start.isoformat()}/{self.end.isoformat()}"


@attrs.frozen(kw_only=True)
class Cadence:
    """How often something recurs (frequentie): months, weeks and days.

    In documents a cadence is an ISO 8601 duration such as ``P3M`` (a quarter),
    ``P1Y`` (twelve months) or ``P2W``. A cadence may mix units (``P1M15D``): a
    step of *k* is *k* times the months, then *k* times the weeks and days.

    >>> Cadence.parse("P3M")
    Cadence(months=3, weeks=0, days=0)
    >>> str(Cadence(weeks=2))
    'P2W'
    """

    months: int = attrs.field(default=0, validator=_non_negative_int)
    weeks: int = attrs.field(default=0, validator=_non_negative_int)
    days: int = attrs.field(default=0, validator=_non_negative_int)

    def __attrs_post_init__(self) -> None:
        if self.months == self.weeks == self.days == 0:
            raise InvalidValue(
                "cadence",
                str(self),
                "expected at least one of months, weeks, days above 0",
            )

    @classmethod
    def parse(cls, text: str) -> Cadence:
        """Read an ISO 8601 duration of years, months, weeks and days (``P3M``).

        Years count as twelve months. Hours, minutes and seconds are refused: the
        model has days, not times.

        Raises:
            InvalidValue: *text* is not such a duration.
        """
        match = _ISO_DURATION.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise InvalidValue(
                "cadence",
                text,
                "expected an ISO 8601 duration of years, months, weeks and days, "
                "such as 'P3M', 'P1Y' or 'P2W'",
            )
        parts = {k: int(v) if v else 0 for k, v in match.groupdict().items()}
        return cls(
            months=parts["years"] * 12 + parts["months"],
            weeks=parts["weeks"],
            days=parts["days"],
        )

    def __str__(self) -> str:
        out = "P"
        if self.months:
            out += f"{self.months}M"
        if self.weeks:
            out += f"{self.weeks}W"
        if self.days:
            out += f"{self.days}D"
        return out if out != "P" else "P0D"

    @property
    def approximate_days(self) -> float:
        """The average length of one step in days (a month counts 30.436875 days)."""
        return self.months * 30.436875 + self.weeks * 7 + self.days

    def step(self, anchor: dt.date, k: int) -> dt.date:
        """Return the day *k* steps from *anchor*, counted from the anchor (no drift).

        >>> Cadence(months=1).step(dt.date(2025, 1, 31), 2)
        datetime.date(2025, 3, 31)

        Raises:
            InvalidValue: the day would fall outside the years 1-9999.
        """
        day = add_months(anchor, self.months * k) if self.months else anchor
        extra = (self.weeks * 7 + self.days) * k
        if extra:
            try:
                day += dt.timedelta(days=extra)
            except OverflowError:
                raise InvalidValue(
                    "step", k, "expected a step that stays within years 1-9999"
                ) from None
        return day

    def steps_until(self, anchor: dt.date, day: dt.date) -> int:
        """Return the largest *k* with ``step(anchor, k) <= day`` (k may be negative)."""
        k = int((day - anchor).days // self.approximate_days)
        while self.step(anchor, k) > day:
            k -= 1
        while self.step(anchor, k + 1) <= day:
            k += 1
        return k
