"""Field validators shared by the model classes.

Each validator raises :class:`~resultframe.errors.InvalidValue`, whose message names
the field, the value and what was expected. They are attrs validators (called with
``instance, attribute, value``) so they run in ``__init__`` and in ``attrs.evolve``.
"""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from typing import TYPE_CHECKING, Any, Final

from resultframe.errors import InvalidValue

if TYPE_CHECKING:
    import enum
    from collections.abc import Callable

    Validator = Callable[[Any, Any, Any], None]

ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
"""The pattern every identifier matches (whole string)."""

ID_EXPECTATION: Final = (
    "an id of 1-128 characters: a letter or digit, then letters, digits, '.', '_', "
    "':' or '-'"
)


def _name(attribute: Any) -> str:  # noqa: ANN401
    return str(attribute.name).lstrip("_")


def is_id(value: object) -> bool:
    """Return whether *value* is a string matching :data:`ID_PATTERN`."""
    return isinstance(value, str) and ID_PATTERN.fullmatch(value) is not None


def check_id(field: str, value: object) -> None:
    """Raise :class:`InvalidValue` unless *value* is a valid id."""
    if not is_id(value):
        raise InvalidValue(field, value, f"expected {ID_EXPECTATION}")


def an_id(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate an identifier field."""
    check_id(_name(attribute), value)


def optional_id(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate an identifier field that may be None."""
    if value is not None:
        check_id(_name(attribute), value)


def text(*, empty: bool = True) -> Validator:
    """Validate a string field; with ``empty=False`` it must hold non-blank text."""

    def validate(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        if not isinstance(value, str):
            raise InvalidValue(_name(attribute), value, "expected a string")
        if not empty and not value.strip():
            raise InvalidValue(_name(attribute), value, "expected non-blank text")

    return validate


def optional_text(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate a field that holds a string or None."""
    if value is not None and not isinstance(value, str):
        raise InvalidValue(_name(attribute), value, "expected a string or None")


def instance(cls: type | tuple[type, ...], *, optional: bool = False) -> Validator:
    """Validate that the value is an instance of *cls* (or None when optional)."""
    classes = cls if isinstance(cls, tuple) else (cls,)
    names = " or ".join(c.__name__ for c in classes)
    if optional:
        names += " or None"

    def validate(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        if value is None and optional:
            return
        # bool is an int, and a datetime is a date; neither is accepted in their place.
        if isinstance(value, bool) and bool not in classes:
            raise InvalidValue(_name(attribute), value, f"expected {names}")
        if isinstance(value, dt.datetime) and dt.datetime not in classes:
            raise InvalidValue(
                _name(attribute), value, f"expected {names} (a date without time)"
            )
        if not isinstance(value, classes):
            raise InvalidValue(_name(attribute), value, f"expected {names}")

    return validate


def member(cls: type[enum.Enum], *, optional: bool = False) -> Validator:
    """Validate that the value is a member of the enum *cls*."""
    choices = ", ".join(repr(m.value) for m in cls)

    def validate(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        if value is None and optional:
            return
        if not isinstance(value, cls):
            extra = " or None" if optional else ""
            raise InvalidValue(
                _name(attribute),
                value,
                f"expected a {cls.__name__} (one of {choices}){extra}",
            )

    return validate


def check_number(field: str, value: object) -> None:
    """Raise unless *value* is a finite int or float (not a bool)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidValue(field, value, "expected a finite number")
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidValue(field, value, "expected a finite number")


def number(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate a finite number field."""
    check_number(_name(attribute), value)


def optional_number(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate a finite number field that may be None."""
    if value is not None:
        check_number(_name(attribute), value)


def fraction(*, optional: bool = False) -> Validator:
    """Validate a finite number from 0 to 1 inclusive."""

    def validate(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        if value is None and optional:
            return
        check_number(_name(attribute), value)
        if not 0 <= value <= 1:
            raise InvalidValue(_name(attribute), value, "expected a number from 0 to 1")

    return validate


def money(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
    """Validate an optional, finite, non-negative Decimal amount."""
    if value is None:
        return
    if not isinstance(value, decimal.Decimal) or not value.is_finite():
        raise InvalidValue(_name(attribute), value, "expected a finite Decimal or None")
    if value < 0:
        raise InvalidValue(_name(attribute), value, "expected an amount of 0 or more")


def tuple_of(
    item: Callable[[str, object], None] | type | tuple[type, ...],
    *,
    unique: bool = False,
) -> Validator:
    """Validate a tuple whose items pass *item* (a check function or a type).

    Item errors name the field with the item's index, as in ``indicators[2]``.
    """

    def validate(_instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        field = _name(attribute)
        if not isinstance(value, tuple):
            hint = " (use tuple(...))" if isinstance(value, list | set) else ""
            raise InvalidValue(field, value, f"expected a tuple{hint}")
        for i, x in enumerate(value):
            where = f"{field}[{i}]"
            if isinstance(item, type | tuple):
                classes = item if isinstance(item, tuple) else (item,)
                if not isinstance(x, classes) or (
                    isinstance(x, bool) and bool not in classes
                ):
                    names = " or ".join(c.__name__ for c in classes)
                    raise InvalidValue(where, x, f"expected {names}")
            else:
                item(where, x)
        if unique:
            seen: set[object] = set()
            for i, x in enumerate(value):
                if x in seen:
                    raise InvalidValue(f"{field}[{i}]", x, "expected no repeated items")
                seen.add(x)

    return validate


def check_member_of(cls: type[enum.Enum]) -> Callable[[str, object], None]:
    """Return an item check (for :func:`tuple_of`) for members of *cls*."""
    choices = ", ".join(repr(m.value) for m in cls)

    def check(field: str, value: object) -> None:
        if not isinstance(value, cls):
            raise InvalidValue(
                field, value, f"expected a {cls.__name__} (one of {choices})"
            )

    return check
