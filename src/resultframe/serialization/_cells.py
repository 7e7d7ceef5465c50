"""Observation values in CSV cells: how the readers type them, how writers write them.

A CSV cell is text. Without a framework the readers type a ``value`` cell by
:func:`infer_value`; with one, by the measure of the observation's indicator
(:func:`parser_for`). The writers write each value so that it reads back the
same (:func:`value_text`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from resultframe._canonical import converter as _converter
from resultframe.model import Measure, Observation, _checks

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "Bad",
    "checked_value",
    "infer_value",
    "number",
    "parser_for",
    "value_text",
]

_INT: Final = re.compile(r"[-+]?[0-9]+")
_FLOAT: Final = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_VALUE: Final = cast("_checks.Rule", attrs.fields(Observation).value.validator)
"""The rule declared on an observation's value."""
_LONGEST_INT: Final = 24  # more digits cannot be within ±2**53 (nor leading zeros)


def _int(text: str) -> int:
    if len(text) > _LONGEST_INT:
        raise Bad(
            f"expected a whole number within ±2**53, got {_converter.describe(text)}"
        )
    return int(text)


class Bad(Exception):
    """A cell or value that cannot be read; the message says what was expected."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def infer_value(text: str) -> float | int | bool | str:
    """Type a CSV ``value`` cell without a framework: the rule of the readers.

    ``true`` and ``false`` are bools, whole numbers are ints, decimal numbers
    (with a point, optionally an exponent) are floats; anything else is text.

    >>> [infer_value(t) for t in ("true", "3", "-0.5", "1e3", "1,5", "goed")]
    [True, 3, -0.5, 1000.0, '1,5', 'goed']
    """
    if text == "true":
        return True
    if text == "false":
        return False
    if _INT.fullmatch(text):
        return _int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def number(text: str) -> float:
    """Read a number cell: digits, optionally a decimal point and an exponent.

    Raises:
        Bad: the cell is not such a number (a decimal comma, a thousands
            separator or a unit are refused).
    """
    if _INT.fullmatch(text):
        return _int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    raise Bad(
        "expected a number (digits and a decimal point, no thousands separators), "
        f"got {_converter.describe(text)}"
    )


def _ordinal(text: str) -> int:
    if _INT.fullmatch(text):
        return _int(text)
    raise Bad(
        f"expected a whole number (a scale point), got {_converter.describe(text)}"
    )


def _binary(text: str) -> bool:
    if text in ("true", "false"):
        return text == "true"
    raise Bad(f"expected true or false, got {_converter.describe(text)}")


def _text(text: str) -> str:
    return text


_PARSERS: Final[dict[Measure, Callable[[str], float | int | bool | str]]] = {
    Measure.QUANTITY: number,
    Measure.PERCENTAGE: number,
    Measure.ORDINAL: _ordinal,
    Measure.BINARY: _binary,
    Measure.QUALITATIVE: _text,
}


def parser_for(measure: Measure | None) -> Callable[[str], float | int | bool | str]:
    """Return how a ``value`` cell of an indicator with *measure* is read.

    A number for quantity and percentage, a whole number for ordinal, ``true`` or
    ``false`` for binary, the text as it is for qualitative; :func:`infer_value`
    without a measure.
    """
    return infer_value if measure is None else _PARSERS[measure]


def checked_value(value: Any) -> Any:  # noqa: ANN401
    """Return *value* if it is a valid observation value, else raise :class:`Bad`."""
    expected = _VALUE.problem(value)
    if expected is not None:
        raise Bad(f"{expected}, got {_converter.describe(value)}")
    if type(value) is str and not value.isascii():
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise Bad(
                "expected text of Unicode characters, got a lone surrogate"
            ) from None
    return value


def value_text(value: float | bool | str) -> str:
    """Return the cell text of an observation value (``true``, ``3``, ``0.5``, text)."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)
