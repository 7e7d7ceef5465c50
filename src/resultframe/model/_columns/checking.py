"""Checking observation columns before they are coded: every bad item, at once."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import attrs

from resultframe.errors import InvalidRecords, Problem
from resultframe.model import _checks
from resultframe.model.facts import Observation

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["check_columns"]


def _messages(rule: _checks.Rule) -> Any:  # noqa: ANN401
    """The problem of a value under *rule*, naming the value unless it is withheld."""
    withheld = rule.withheld()

    def message(x: object) -> str | None:
        expected = rule.problem(x)
        if expected is None or expected in withheld:
            return expected
        return f"{expected}, got {x!r}"

    return message


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
        # The rule the Observation field declares (the subject's: an id, no BSN).
        id_rule = attrs.fields_dict(Observation)[field].validator
        assert isinstance(id_rule, _checks.Rule)  # noqa: S101 - the field declares one
        try:
            distinct: Iterable[object] = set(column)
        except TypeError:  # unhashable items: walk the column
            distinct = column
        if not all(id_rule.problem(x) is None for x in distinct):
            report(enumerate(column), field, _messages(id_rule))
    if set(map(type, on)) - {dt.date}:
        report(
            enumerate(on),
            "on",
            lambda x: None if type(x) is dt.date else f"expected a date, got {x!r}",
        )
    # The whole column at once (the rule's own quick look); one by one if it fails.
    if not _checks.OBSERVATION_VALUE.all_pass(value):

        def bad_value(x: object) -> str | None:
            expected = _checks.OBSERVATION_VALUE.problem(x)
            return None if expected is None else f"{expected}, got {x!r}"

        report(enumerate(value), "value", bad_value)
    for field, column in (("note", note), ("source", source)):
        rule = attrs.fields_dict(Observation)[field].validator
        assert isinstance(rule, _checks.Rule)  # noqa: S101 - the field declares one
        if set(map(type, column)) - {str} or rule.problem_for((str,)) is not None:

            def bad_text(x: object, rule: _checks.Rule = rule) -> str | None:
                expected = rule.problem(x)
                return None if expected is None else f"{expected}, got {x!r}"

            report(enumerate(column), field, bad_text)
    if problems:
        problems.sort(key=lambda p: p[0])
        raise InvalidRecords(p for _, p in problems)
