"""Checks of the arguments of the report functions.

The checks a report shares with evaluation (framework, records, day, id, flag)
are evaluation's own; the ones defined here are the report's. Each check raises
:class:`~resultframe.errors.InvalidValue` naming the argument, the value and what
was expected.
"""

from __future__ import annotations

from typing import Final

from resultframe.errors import InvalidValue
from resultframe.evaluation._args import (
    day,
    flag,
    framework,
    records,
    short,
    text_id,
)
from resultframe.model.schedule import Period
from resultframe.report.labels import LANGUAGES

__all__ = [
    "FORMATS",
    "count",
    "day",
    "flag",
    "framework",
    "lang",
    "optional_id",
    "output_format",
    "period",
    "records",
    "short",
    "text_id",
]

FORMATS: Final = ("text", "markdown", "html", "json")
"""The formats a report renders to."""


def optional_id(field: str, value: object) -> str | None:
    """Return *value* if it is None or a string."""
    if value is not None and not isinstance(value, str):
        raise InvalidValue(field, short(value), "expected None or an id (a string)")
    return value


def period(value: object) -> Period | None:
    """Return *value* if it is None or a Period."""
    if value is not None and not isinstance(value, Period):
        raise InvalidValue("period", short(value), "expected None or a Period")
    return value


def count(field: str, value: object) -> int:
    """Return *value* if it is a whole number of 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(field, short(value), "expected a whole number of 0 or more")
    return value


def output_format(value: object) -> str:
    """Return *value* if it is one of :data:`FORMATS`."""
    if not isinstance(value, str) or value not in FORMATS:
        raise InvalidValue(
            "format", short(value), f"expected one of {', '.join(FORMATS)}"
        )
    return value


def lang(value: object) -> str:
    """Return *value* if it is a language reports exist in."""
    if not isinstance(value, str) or value not in LANGUAGES:
        raise InvalidValue(
            "lang", short(value), f"expected one of {', '.join(LANGUAGES)}"
        )
    return value
