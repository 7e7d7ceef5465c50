"""Checks of the arguments of the report functions.

Each check raises :class:`~resultframe.errors.InvalidValue` naming the argument,
the value and what was expected.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from resultframe.errors import InvalidValue
from resultframe.labels import LANGUAGES
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Records
from resultframe.model.schedule import Period

FORMATS: Final = ("text", "markdown", "html", "json")
"""The formats a report renders to."""


def short(value: object) -> object:
    """Keep messages short: a big object is named by its type only."""
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        return value
    return f"<{type(value).__name__}>"


def framework(value: object) -> ResultsFramework:
    """Return *value* if it is a results framework."""
    if not isinstance(value, ResultsFramework):
        raise InvalidValue("framework", short(value), "expected a ResultsFramework")
    return value


def records(value: object) -> Records:
    """Return *value* if it is records."""
    if not isinstance(value, Records):
        raise InvalidValue("records", short(value), "expected a Records")
    return value


def day(field: str, value: object) -> dt.date:
    """Return *value* if it is a date (not a datetime)."""
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        raise InvalidValue(field, short(value), "expected a date (without time)")
    return value


def optional_id(field: str, value: object) -> str | None:
    """Return *value* if it is None or a string."""
    if value is not None and not isinstance(value, str):
        raise InvalidValue(field, short(value), "expected None or an id (a string)")
    return value


def text_id(field: str, value: object) -> str:
    """Return *value* if it is a string."""
    if not isinstance(value, str):
        raise InvalidValue(field, short(value), "expected an id (a string)")
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


def flag(field: str, value: object) -> bool:
    """Return *value* if it is True or False."""
    if not isinstance(value, bool):
        raise InvalidValue(field, short(value), "expected True or False")
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
