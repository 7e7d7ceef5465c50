"""Checks of the arguments of the public evaluation functions.

Every check raises :class:`~resultframe.errors.InvalidValue` naming the argument,
the value and what was expected, or :class:`~resultframe.errors.UnknownId` for an
id the framework does not have.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import TYPE_CHECKING

from resultframe.errors import InvalidValue
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Records

if TYPE_CHECKING:
    from resultframe.model.definitions import Indicator


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


def number(field: str, value: object) -> float:
    """Return *value* as a float if it is a finite number (a bool counts as 0/1)."""
    if not isinstance(value, int | float):
        raise InvalidValue(field, short(value), "expected a finite number")
    out = float(value)
    if not math.isfinite(out):
        raise InvalidValue(field, value, "expected a finite number")
    return out


def tolerance(value: object) -> float | None:
    """Return *value* if it is None or a number from 0 to 1."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(
            "tolerance", short(value), "expected None or a number from 0 to 1"
        )
    if not 0 <= value <= 1:
        raise InvalidValue("tolerance", value, "expected None or a number from 0 to 1")
    return float(value)


def min_group(value: object) -> int:
    """Return *value* if it is a whole number of 0 or more."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(
            "min_group", short(value), "expected a whole number of 0 or more"
        )
    return value


def flag(field: str, value: object) -> bool:
    """Return *value* if it is a bool."""
    if not isinstance(value, bool):
        raise InvalidValue(field, short(value), "expected True or False")
    return value


def text_id(field: str, value: object) -> str:
    """Return *value* if it is a string (whether it is known is checked later)."""
    if not isinstance(value, str):
        raise InvalidValue(field, short(value), "expected an id (a string)")
    return value


def dimension_key(value: object) -> str | None:
    """Return *value* if it is None or a non-empty string."""
    if value is None:
        return None
    if not isinstance(value, str) or not value:
        raise InvalidValue(
            "by", short(value), "expected None or a dimension key (a non-empty string)"
        )
    return value


def indicator(
    fw: ResultsFramework, value: object, field: str = "indicator"
) -> Indicator:
    """Return the framework's indicator with id *value*."""
    return fw.indicator(text_id(field, value))


def short(value: object) -> object:
    """Keep messages short: a big object is named by its type only."""
    if isinstance(value, str | int | float | bool | dt.date) or value is None:
        return value
    return f"<{type(value).__name__}>"
