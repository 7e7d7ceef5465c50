"""Observation values in CSV cells: how the readers type them, how writers write them.

A CSV cell is text. Without a framework the readers type a ``value`` cell by
:func:`infer_value`; with one, by the measure of the observation's indicator
(:func:`parser_for`). The writers write each value so that it reads back the
same (:func:`value_text`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Final, cast

import attrs

from resultframe._canonical import converter as _converter
from resultframe.model import Measure, Observation, _checks

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "DATE_FORMATS",
    "Bad",
    "CellFormat",
    "binary",
    "checked_value",
    "infer_value",
    "number",
    "parse_day",
    "parser_for",
    "value_text",
]

_INT: Final = re.compile(r"[-+]?[0-9]+")
_FLOAT: Final = re.compile(r"[-+]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_VALUE: Final = cast("_checks.Rule", attrs.fields(Observation).value.validator)
"""The rule declared on an observation's value."""
_LONGEST_INT: Final = 24  # more digits cannot be within ±2**53 (nor leading zeros)
# With a decimal comma: digits, optionally a comma and digits, optionally an exponent.
_COMMA_PLAIN: Final = re.compile(r"[-+]?[0-9]+(,[0-9]+)?([eE][-+]?[0-9]+)?")
# Points between groups of three digits, and either a decimal comma or two or more
# points: "1.234,5", "1.234.567". One point and no comma ("1.234") is ambiguous.
_COMMA_GROUPED: Final = re.compile(
    r"[-+]?[1-9][0-9]{0,2}((\.[0-9]{3})+,[0-9]+|(\.[0-9]{3}){2,})([eE][-+]?[0-9]+)?"
)
_COMMA_AMBIGUOUS: Final = re.compile(r"[-+]?[1-9][0-9]{0,2}\.[0-9]{3}")
_DMY: Final = re.compile(r"([0-9]{1,2})-([0-9]{1,2})-([0-9]{4})")
DATE_FORMATS: Final = ("yyyy-mm-dd", "d-m-yyyy")
"""The ways days may be written in CSV cells (``d-m-yyyy`` also reads ``dd-mm-yyyy``)."""
_TRUE: Final = frozenset({"true", "ja", "waar", "1"})
_FALSE: Final = frozenset({"false", "nee", "onwaar", "0"})


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


@attrs.frozen
class CellFormat:
    """How numbers and days are written in the cells of a CSV file.

    Attributes:
        decimal: The decimal separator, ``"."`` or ``","``.
        date_format: One of :data:`DATE_FORMATS`.
    """

    decimal: str = "."
    date_format: str = "yyyy-mm-dd"


_POINT: Final = CellFormat()


def _comma_number(text: str) -> float | None:
    """Read a number written with a decimal comma; None if it is not a number.

    Raises:
        Bad: the text is a number whose meaning is unclear (``1.234``).
    """
    if _COMMA_PLAIN.fullmatch(text):
        if "," not in text and "e" not in text.lower():
            return _int(text)
        return float(text.replace(",", "."))
    if _COMMA_GROUPED.fullmatch(text):
        plain = text.replace(".", "")
        if "," not in plain and "e" not in plain.lower():
            return _int(plain)
        return float(plain.replace(",", "."))
    if _COMMA_AMBIGUOUS.fullmatch(text):
        raise Bad(
            f"ambiguous number {_converter.describe(text)}: with a decimal comma the "
            "point may separate thousands or be a decimal point; write it without "
            "the point, or with a decimal comma"
        )
    if _FLOAT.fullmatch(text) and not _INT.fullmatch(text):
        return float(text)  # a decimal point that cannot separate thousands
    return None


def infer_value(
    text: str, cell_format: CellFormat = _POINT
) -> float | int | bool | str:
    """Type a CSV ``value`` cell without a framework: the rule of the readers.

    ``true`` and ``false`` are bools, whole numbers are ints, decimal numbers
    (with a point, optionally an exponent) are floats; anything else is text.
    With a decimal comma, numbers are read as :func:`number` reads them.

    >>> [infer_value(t) for t in ("true", "3", "-0.5", "1e3", "1,5", "goed")]
    [True, 3, -0.5, 1000.0, '1,5', 'goed']
    >>> infer_value("1.234,5", CellFormat(decimal=","))
    1234.5

    Raises:
        Bad: with a decimal comma, the text is an ambiguous number (``1.234``).
    """
    if text == "true":
        return True
    if text == "false":
        return False
    if cell_format.decimal == ",":
        found = _comma_number(text)
        return text if found is None else found
    if _INT.fullmatch(text):
        return _int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


def number(text: str, cell_format: CellFormat = _POINT) -> float:
    """Read a number cell.

    With a decimal point (the default): digits, optionally a decimal point and
    an exponent; no thousands separators. With a decimal comma: digits,
    optionally a comma and decimals (``3,5``); points may separate thousands
    only in groups of three and only when that is unambiguous (``1.234,5`` or
    ``1.234.567``); ``1.234`` is refused, as it could be either; a single point
    that cannot separate thousands (``3.5``) is a decimal point.

    Raises:
        Bad: the cell is not such a number (a unit, a stray separator), or its
            meaning is ambiguous.
    """
    if cell_format.decimal == ",":
        found = _comma_number(text)
        if found is not None:
            return found
        raise Bad(
            "expected a number with a decimal comma (such as 3,5 or 1.234,5), "
            f"got {_converter.describe(text)}"
        )
    if _INT.fullmatch(text):
        return _int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    hint = ""
    if _COMMA_PLAIN.fullmatch(text):
        hint = "; for a decimal comma, set the decimal separator to ','"
    raise Bad(
        "expected a number (digits and a decimal point, no thousands separators), "
        f"got {_converter.describe(text)}{hint}"
    )


def parse_day(text: str, cell_format: CellFormat = _POINT) -> dt.date:
    """Read a day cell as *cell_format* says (``d-m-yyyy`` also reads ISO days).

    Raises:
        _converter.Mismatch: the cell is not such a day.
    """
    if cell_format.date_format == "d-m-yyyy":
        found = _DMY.fullmatch(text)
        if found is not None:
            try:
                return dt.date(int(found[3]), int(found[2]), int(found[1]))
            except ValueError:
                raise _converter.Mismatch(
                    f"expected a calendar date as 'd-m-yyyy', got "
                    f"{_converter.describe(text)}"
                ) from None
        if not text[:4].isdigit():
            raise _converter.Mismatch(
                "expected a date as 'd-m-yyyy' (such as 1-3-2025) or 'yyyy-mm-dd', "
                f"got {_converter.describe(text)}"
            )
    try:
        return _converter.parse_date(text)
    except _converter.Mismatch as e:
        if _DMY.fullmatch(text) is None:
            raise
        msg = f"{e.message}; for days written d-m-yyyy, set the date format to d-m-yyyy"
        raise _converter.Mismatch(msg) from None


def _ordinal(text: str) -> int:
    if _INT.fullmatch(text):
        return _int(text)
    raise Bad(
        f"expected a whole number (a scale point), got {_converter.describe(text)}"
    )


def binary(text: str) -> bool:
    """Read a binary cell: true/false, ja/nee, waar/onwaar (any case), 1/0."""
    folded = text.lower()
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    raise Bad(
        "expected true or false (or ja/nee, WAAR/ONWAAR, 1/0), got "
        f"{_converter.describe(text)}"
    )


def _text(text: str) -> str:
    return text


_PARSERS: Final[dict[Measure, Callable[[str], float | int | bool | str]]] = {
    Measure.QUANTITY: number,
    Measure.PERCENTAGE: number,
    Measure.ORDINAL: _ordinal,
    Measure.BINARY: binary,
    Measure.QUALITATIVE: _text,
}


def parser_for(
    measure: Measure | None, cell_format: CellFormat = _POINT
) -> Callable[[str], float | int | bool | str]:
    """Return how a ``value`` cell of an indicator with *measure* is read.

    A number for quantity and percentage, a whole number for ordinal, ``true`` or
    ``false`` for binary (see :func:`binary`), the text as it is for qualitative;
    :func:`infer_value` without a measure.
    """
    if measure is None:
        return infer_value if cell_format == _POINT else _with(infer_value, cell_format)
    if measure in (Measure.QUANTITY, Measure.PERCENTAGE) and cell_format != _POINT:
        return _with(number, cell_format)
    return _PARSERS[measure]


def _with(
    parse: Callable[[str, CellFormat], float | int | bool | str],
    cell_format: CellFormat,
) -> Callable[[str], float | int | bool | str]:
    return lambda text: parse(text, cell_format)


def checked_value(value: Any) -> Any:  # noqa: ANN401
    """Return *value* if it is a valid observation value, else raise :class:`Bad`."""
    expected = _VALUE.problem(value)
    if expected is not None:
        raise Bad(f"{expected}, got {_converter.describe(value)}")
    if type(value) is str and not _converter.is_unicode(value):
        raise Bad(_converter.NOT_UNICODE)
    return value


def value_text(value: float | bool | str, decimal: str = ".") -> str:
    """Return the cell text of an observation value (``true``, ``3``, ``0.5``, text).

    With a decimal comma, a decimal number is written ``0,5``.
    """
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, float):
        return repr(value) if decimal == "." else repr(value).replace(".", ",")
    return str(value)
