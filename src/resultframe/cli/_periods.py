"""Days, periods and cycles as written on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import re
from typing import TYPE_CHECKING, Final

from resultframe.cli._common import Failure, Usage

if TYPE_CHECKING:
    from resultframe.model import FeedbackCycle, Period, ResultsFramework

_QUARTER: Final = re.compile(r"(\d{4})-?[Qq]([1-4])")
_MONTH: Final = re.compile(r"(\d{4})-(\d{2})")


def day(text: str) -> dt.date:
    """An argparse type: a day written YYYY-MM-DD."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        msg = f"expected a day as YYYY-MM-DD, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None


def cycle_of(framework: ResultsFramework, cycle_id: str, path: str) -> FeedbackCycle:
    """The cycle *cycle_id* of *framework* (read from *path*).

    Raises:
        Failure: the framework has no such cycle.
    """
    if not framework.has_id("cycle", cycle_id):
        known = ", ".join(c.id for c in framework.cycles) or "none"
        raise Failure(f"{path}: no cycle with id {cycle_id!r} (cycles: {known})")
    return framework.cycle(cycle_id)


def period_day(text: str) -> dt.date:
    """The day a ``--period`` names: ``2026-07-01``, ``2026Q3`` or ``2026-07``.

    A day names the period that contains it; ``2026Q3`` is the first day of that
    calendar quarter, ``2026-07`` the first day of that month; a period written
    as ``START/END`` names its start.

    Raises:
        Usage: the text is none of these.
    """
    text = text.strip().split("/", 1)[0]
    quarter = _QUARTER.fullmatch(text)
    month = _MONTH.fullmatch(text)
    try:
        if quarter:
            return dt.date(int(quarter[1]), 3 * int(quarter[2]) - 2, 1)
        if month:
            return dt.date(int(month[1]), int(month[2]), 1)
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    msg = (
        f"--period: expected a day (2026-07-01), a quarter (2026Q3) or a month "
        f"(2026-07), got {text!r}"
    )
    raise Usage(msg)


def period_of(cycle: FeedbackCycle, text: str | None, today: dt.date) -> Period:
    """The period of *cycle* that *text* names; by default the last one ended.

    Raises:
        Failure: no period has ended yet.
        Usage: *text* names no period of *cycle*.
    """
    if text is None:
        ended = [p for p in cycle.periods(until=today) if p.end < today]
        if not ended:
            raise Failure(
                f"no period of cycle {cycle.id!r} has ended yet (it starts "
                f"{cycle.starts_on}); pass --period"
            )
        return ended[-1]
    on = period_day(text)
    if on < cycle.starts_on:
        msg = f"--period: {text!r} lies before cycle {cycle.id!r} starts ({cycle.starts_on})"
        raise Usage(msg)
    try:
        return cycle.period_on(on)
    except (OverflowError, ValueError):
        msg = f"--period: {text!r} lies beyond the last day the calendar can hold"
        raise Usage(msg) from None
