"""Strict JSON parsing: size and depth limits, no NaN, no repeated keys.

Python's :mod:`json` accepts ``NaN`` and ``Infinity`` and keeps the last of two
equal keys; documents here must not depend on either. Every problem is reported as
``message @ $.path``.
"""

from __future__ import annotations

import json
from typing import Any, Final

from resultframe.errors import InvalidDocument, InvalidValue

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "Repeated",
    "check_limits",
    "dump_canonical",
    "parse",
    "parse_value",
    "structure_problems",
]

DEFAULT_MAX_BYTES: Final = 64 * 1024 * 1024
"""The largest document loaded unless a caller allows more: 64 MiB."""
DEFAULT_MAX_DEPTH: Final = 64
"""The deepest nesting of arrays and objects accepted unless a caller allows more."""


class Repeated(dict[str, Any]):
    """An object in which a key occurs more than once; found by the depth walk."""

    repeated: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        repeated = []
        for key, _ in pairs:
            if key in seen:
                repeated.append(key)
            seen.add(key)
        flagged = Repeated(out)
        flagged.repeated = tuple(repeated)
        return flagged
    return out


def constant(name: str) -> object:
    msg = f"{name} is not a JSON number (only finite numbers are allowed)"
    raise ValueError(msg)


_DECODER: Final = json.JSONDecoder(object_pairs_hook=_pairs, parse_constant=constant)


def size_of(data: str | bytes | bytearray) -> int:
    if isinstance(data, str):
        # A character takes one to four bytes in UTF-8; count exactly only when
        # that could matter.
        return len(data) if data.isascii() else len(data.encode("utf-8", "replace"))
    return len(data)


def check_limits(max_bytes: int, max_depth: int) -> None:
    """Raise :class:`InvalidValue` unless the limits are positive whole numbers."""
    for name, value in (("max_bytes", max_bytes), ("max_depth", max_depth)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InvalidValue(name, value, "expected a whole number of 1 or more")


def parse_value(text: str) -> Any:  # noqa: ANN401
    """Parse one JSON text strictly; raise :class:`ValueError` with a clear message.

    Used for single JSON Lines rows; repeated keys come back as a flagged object
    that :func:`structure_problems` reports.
    """
    try:
        return _DECODER.decode(text)
    except json.JSONDecodeError as e:
        msg = f"invalid JSON: {e.msg} (column {e.colno})"
        raise ValueError(msg) from None
    except RecursionError:
        msg = "invalid JSON: nested too deeply to parse"
        raise ValueError(msg) from None
    except ValueError as e:
        msg = f"invalid JSON: {e}"
        raise ValueError(msg) from None


def parse(
    data: str | bytes | bytearray,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Any:  # noqa: ANN401
    """Parse a JSON document strictly.

    Raises:
        InvalidDocument: the text is too large, not UTF-8, not JSON, has NaN or
            Infinity, repeats a key in an object or nests too deeply.
        InvalidValue: *data* is not text or bytes, or a limit is not valid.
    """
    check_limits(max_bytes, max_depth)
    if not isinstance(data, str | bytes | bytearray):
        raise InvalidValue(
            "data", type(data).__name__, "expected JSON text as str or bytes"
        )
    size = size_of(data)
    if size > max_bytes:
        raise InvalidDocument(
            [
                (
                    f"document of {size} bytes is larger than the limit of {max_bytes} "
                    "bytes (pass a larger max_bytes to load it) @ $"
                )
            ]
        )
    if isinstance(data, bytes | bytearray):
        try:
            text = bytes(data).decode("utf-8")
        except UnicodeDecodeError as e:
            raise InvalidDocument(
                [f"not UTF-8 text: invalid byte at offset {e.start} @ $"]
            ) from None
    else:
        text = data
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as e:
        raise InvalidDocument(
            [f"invalid JSON: {e.msg} (line {e.lineno}, column {e.colno}) @ $"]
        ) from None
    except RecursionError:
        raise InvalidDocument(
            ["invalid JSON: nested too deeply to parse @ $"]
        ) from None
    except ValueError as e:
        raise InvalidDocument([f"invalid JSON: {e} @ $"]) from None
    problems = structure_problems(value, max_depth)
    if problems:
        raise InvalidDocument(problems)
    return value


def structure_problems(value: object, max_depth: int, path: str = "$") -> list[str]:
    """Return the repeated keys and too-deep nesting in parsed JSON *value*.

    A quick pass level by level finds whether there is any problem (an array of
    scalars costs one pass in C); only then a second pass finds where.
    """
    level: list[Any] = [value]
    depth = 1
    clean = True
    while level:
        if depth > max_depth:
            clean = False
            break
        below: list[Any] = []
        for item in level:
            kind = type(item)
            if kind is list:
                kinds = set(map(type, item))
                if dict in kinds or list in kinds or Repeated in kinds:
                    below.extend(x for x in item if type(x) in _CONTAINERS)
            elif kind is dict or kind is Repeated:
                if kind is Repeated:
                    clean = False
                below.extend(x for x in item.values() if type(x) in _CONTAINERS)
        level = below
        depth += 1
    return [] if clean else _locate_problems(value, max_depth, path)


_CONTAINERS: Final = frozenset({dict, list, Repeated})


def _locate_problems(value: object, max_depth: int, path: str) -> list[str]:
    problems: list[str] = []
    stack: list[tuple[object, str, int]] = [(value, path, 1)]
    while stack:
        item, where, depth = stack.pop()
        if depth > max_depth:
            problems.append(
                f"nested deeper than the limit of {max_depth} levels @ {where}"
            )
            continue
        if type(item) is list:
            children = [(x, f"{where}[{i}]") for i, x in enumerate(item)]
        else:
            if type(item) is Repeated:
                problems.extend(
                    f"key {key!r} occurs more than once in this object @ {where}"
                    for key in item.repeated
                )
            children = [(x, f"{where}.{k}") for k, x in item.items()]  # type: ignore[attr-defined]
        stack.extend(
            (x, at, depth + 1) for x, at in reversed(children) if type(x) in _CONTAINERS
        )
    return problems


def dump_canonical(data: object, *, indent: int | None = None) -> str:
    """Write JSON data in canonical form: sorted keys, no whitespace, UTF-8 text.

    With *indent*, the same document pretty-printed (for people, not fingerprints).
    """
    separators = (",", ":") if indent is None else (",", ": ")
    return json.dumps(
        data,
        sort_keys=True,
        separators=separators,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
    )
