"""Checking observation columns before they are coded: every bad item, at once."""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING, Any

from resultframe.errors import InvalidRecords, InvalidValue, Problem
from resultframe.model import _checks
from resultframe.model.facts import MAX_EXACT_INT, check_value

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["check_columns"]


def check_columns(  # noqa: PLR0913, PLR0917
    indicator: Sequence[object],
    subject: Sequence[object],
    on: Sequence[object],
    value: Sequence[object],
    note: Sequence[object],
    source: Sequence[object],
) -> None:
    """Raise :class:`InvalidRecords` listing every bad item of the columns.

    Whole columns are checked first through their distinct values and types; only
    a column that fails is walked row by row to report each bad item.
    """
    problems: list[tuple[int, Problem]] = []

    def report(rows: Iterable[tuple[int, object]], field: str, bad: Any) -> None:  # noqa: ANN401
        for row, x in rows:
            message = bad(x)
            if message is not None:
                problems.append(
                    (row, Problem(about=f"row {row}", field=field, message=message))
                )

    for field, column in (("indicator", indicator), ("subject", subject)):
        try:
            distinct: Iterable[object] = set(column)
        except TypeError:  # unhashable items: walk the column
            distinct = column
        if not all(_checks.is_id(x) for x in distinct):
            report(
                enumerate(column),
                field,
                lambda x: (
                    None
                    if _checks.is_id(x)
                    else f"expected {_checks.ID_EXPECTATION}, got {x!r}"
                ),
            )
    if set(map(type, on)) - {dt.date}:
        report(
            enumerate(on),
            "on",
            lambda x: None if type(x) is dt.date else f"expected a date, got {x!r}",
        )
    types = set(map(type, value))
    numbers: Sequence[object] = value
    filled = True
    if str in types:
        numbers = [v for v in value if type(v) is not str]
        filled = all(v.strip() for v in {v for v in value if type(v) is str})
    # Whole-column checks: a NaN or an infinity makes the sum non-finite, and once
    # all are finite the smallest and largest bound every whole number.
    finite = bounded = True
    if numbers and types <= {int, float, bool, str}:
        try:
            finite = math.isfinite(float(sum(numbers)))  # type: ignore[arg-type]
        except OverflowError:
            finite = False
        bounded = int not in types or (
            finite
            and min(numbers) >= -MAX_EXACT_INT  # type: ignore[type-var,operator]
            and max(numbers) <= MAX_EXACT_INT  # type: ignore[type-var,operator]
        )
    if not (types <= {int, float, bool, str} and finite and bounded and filled):

        def bad_value(x: object) -> str | None:
            try:
                check_value("value", x)
            except InvalidValue as e:
                return f"{e.expected}, got {x!r}"
            return None

        report(enumerate(value), "value", bad_value)
    for field, column in (("note", note), ("source", source)):
        if set(map(type, column)) - {str}:
            report(
                enumerate(column),
                field,
                lambda x: (
                    None if isinstance(x, str) else f"expected a string, got {x!r}"
                ),
            )
    if problems:
        problems.sort(key=lambda p: p[0])
        raise InvalidRecords(p for _, p in problems)
