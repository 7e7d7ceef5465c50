"""Building sorted columns: coding observation columns and packing coded rows.

:func:`encode` codes valid observation columns (ids and texts as codes into tables,
days as ordinals, values as numbers and kinds); :func:`pack` sorts coded rows and
packs them into :class:`~resultframe.model._columns.store.Columns`. Readers that
check and code rows a chunk at a time build a :class:`Coded` themselves (with
:func:`encode_values` for the values) and hand it to :func:`pack`.

Bulk data is the common case, so the work is done in whole-column operations (C
loops behind ``map``, ``sorted`` and ``array``) rather than row by row.
"""

from __future__ import annotations

import itertools
import math
import operator
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.model._columns.store import (
    BOOL,
    DAY_BITS,
    FLOAT,
    INT,
    TEXT,
    Columns,
    value_of,
)

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable, Iterator

    from resultframe.model.facts import Observation, Value

__all__ = [
    "EXACT_FLOAT",
    "Coded",
    "build",
    "encode",
    "encode_values",
    "observation_columns",
    "pack",
]

_KIND_OF_TYPE: Final = {float: FLOAT, int: INT, bool: BOOL, str: TEXT}
EXACT_FLOAT: Final = 2**53
"""Every whole number up to it is exact as a float: keys below it sort as floats."""


@attrs.frozen(kw_only=True)
class Coded:
    """Valid observation rows as codes, in any order: what :func:`pack` packs.

    Row *i* is indicator ``indicators[indicator[i]]``, subject
    ``subjects[subject[i]]``, the day of ordinal ``day[i]``, the value of kind
    ``kinds[i]`` and number ``numbers[i]`` (a text's index into ``strings``), note
    ``strings[notes[i]]`` and source ``strings[sources[i]]``. The code tables may
    hold ids no row uses, unless ``all_used``; ``strings[0]`` is ``""``.
    """

    indicators: Sequence[str]
    subjects: Sequence[str]
    indicator: Sequence[int]
    subject: Sequence[int]
    day: Sequence[int]
    numbers: Sequence[float]
    kinds: Sequence[int]
    notes: Sequence[int]
    sources: Sequence[int]
    strings: Sequence[str]
    all_used: bool = False


def build(  # noqa: PLR0913, PLR0917
    indicator: Sequence[str],
    subject: Sequence[str],
    day: Sequence[dt.date],
    value: Sequence[Value],
    note: Sequence[str],
    source: Sequence[str],
) -> Columns:
    """Sort rows and pack them into columns. The rows are assumed valid."""
    return pack(encode(indicator, subject, day, value, note, source))


def observation_columns(
    observations: Sequence[Observation],
) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any], list[Any]]:
    """The indicator, subject, day, value, note and source columns of *observations*.

    What :func:`build` takes, in the order of
    :meth:`~resultframe.model._columns.Columns.decoded`.
    """
    return (
        [o.indicator for o in observations],
        [o.subject for o in observations],
        [o.on for o in observations],
        [o.value for o in observations],
        [o.note for o in observations],
        [o.source for o in observations],
    )


def encode(  # noqa: PLR0913, PLR0917
    indicator: Sequence[str],
    subject: Sequence[str],
    day: Sequence[dt.date],
    value: Sequence[Value],
    note: Sequence[str],
    source: Sequence[str],
) -> Coded:
    """Code observation columns, in whole-column operations. Assumed valid."""
    indicators = sorted(set(indicator))
    subjects = sorted(set(subject))
    ind_code = {x: i for i, x in enumerate(indicators)}
    subj_code = {x: i for i, x in enumerate(subjects)}
    ordinals = {d: d.toordinal() for d in set(day)}
    strings: dict[str, int] = {"": 0}
    packed, kinds = encode_values(value, strings)

    def codes(column: Sequence[str]) -> array[int]:
        if not any(column):
            return array("l", bytes(array("l").itemsize * len(column)))
        for text in set(column):
            strings.setdefault(text, len(strings))
        return array("l", map(strings.__getitem__, column))

    return Coded(
        indicators=indicators,
        subjects=subjects,
        indicator=array("l", map(ind_code.__getitem__, indicator)),
        subject=array("l", map(subj_code.__getitem__, subject)),
        day=array("l", map(ordinals.__getitem__, day)),
        numbers=packed,
        kinds=kinds,
        notes=codes(note),
        sources=codes(source),
        strings=tuple(strings),
        all_used=True,
    )


def encode_values(
    values: Sequence[Value], strings: dict[str, int]
) -> tuple[array[float], array[int]]:
    """Return the numbers and kinds of valid *values*; code new texts in *strings*.

    A number is stored as a float (a bool as 0.0 or 1.0), a text as its code.
    """
    types = set(map(type, values))
    if str in types:
        numbers: list[float] = []
        for v in values:
            if isinstance(v, str):
                numbers.append(strings.setdefault(v, len(strings)))
            else:
                numbers.append(v)
        packed = array("d", numbers)
    else:
        packed = array("d", map(float, values))
    if len(types) == 1:
        kinds = array("b", [_KIND_OF_TYPE[types.pop()]]) * len(values)
    else:
        kinds = array("b", map(_KIND_OF_TYPE.__getitem__, map(type, values)))
    return packed, kinds


def _kind_of(value: Value) -> int:
    if isinstance(value, bool):
        return BOOL
    if isinstance(value, int):
        return INT
    if isinstance(value, float):
        return FLOAT
    return TEXT


def _sort_value(value: Value) -> tuple[int, float, float, str]:
    # The sign separates 0.0 from -0.0, which compare equal but are not the same.
    if isinstance(value, str):
        return (TEXT, 0.0, 1.0, value)
    number = float(value)
    return (_kind_of(value), number, math.copysign(1.0, number), "")


def _numpy() -> Any:  # noqa: ANN401 - the numpy module, or None
    """The numpy module if installed (it comes with the ``arrow`` extra), else None."""
    if not WHOLE_COLUMN_SORT:
        return None
    try:
        import numpy as np  # noqa: PLC0415 - optional, imported when rows are packed
    except ImportError:
        return None
    return np


WHOLE_COLUMN_SORT = True
"""Whether :func:`pack` may sort with numpy when it is installed (tests turn it off)."""


def _tie_order(
    c: Coded, strings: tuple[str, ...]
) -> Callable[[int], tuple[tuple[int, float, float, str], str, str]]:
    """The full order of rows with equal keys (same indicator, subject and day)."""
    numbers, kinds, notes, sources = c.numbers, c.kinds, c.notes, c.sources

    def tie_order(r: int) -> tuple[tuple[int, float, float, str], str, str]:
        value = value_of(int(kinds[r]), float(numbers[r]), strings)
        return (_sort_value(value), strings[int(notes[r])], strings[int(sources[r])])

    return tie_order


def _runs(ties: Sequence[int]) -> Iterator[tuple[int, int]]:
    """The (start, stop) of each run of equal keys, from the rows equal to the last."""
    start = 0
    while start < len(ties):
        end = start
        while end + 1 < len(ties) and ties[end + 1] == ties[end] + 1:
            end += 1
        yield ties[start] - 1, ties[end] + 1
        start = end + 1


def _tables(
    c: Coded, used: Sequence[int], used_subjects: Sequence[int]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The code tables of the columns: the ids used, in the order given."""
    return (
        tuple(map(c.indicators.__getitem__, used)),
        tuple(map(c.subjects.__getitem__, used_subjects)),
    )


def pack(c: Coded) -> Columns:
    """Sort coded rows and pack them into columns.

    With numpy installed the rows are sorted a whole column at a time (a stable
    ``argsort`` of 64-bit keys); without it by Python's ``sorted``. Both give the
    same columns (a property test holds them together).
    """
    np = _numpy()
    if np is not None and len(c.indicator):
        return _pack_numpy(np, c)
    return _pack_pure(c)


def _pack_numpy(np: Any, c: Coded) -> Columns:  # noqa: ANN401
    """:func:`pack` in whole-column numpy operations."""
    # The codes as they are (int32 from Arrow, int64 from array("l")): no copy.
    indicator = np.asarray(c.indicator)
    subject = np.asarray(c.subject)
    if c.all_used:
        used: Sequence[int] = range(len(c.indicators))
        used_subjects: Sequence[int] = range(len(c.subjects))
    else:
        # The codes in use, by counting (one pass; np.unique sorts or hashes).
        used = np.flatnonzero(
            np.bincount(indicator, minlength=len(c.indicators))
        ).tolist()
        used_subjects = np.flatnonzero(
            np.bincount(subject, minlength=len(c.subjects))
        ).tolist()
    used = sorted(used, key=c.indicators.__getitem__)
    used_subjects = sorted(used_subjects, key=c.subjects.__getitem__)
    indicators, subjects = _tables(c, used, used_subjects)
    n_subjects = max(len(subjects), 1)
    n = len(indicator)
    keys_out, order = _sorted_keys(
        np, c, indicator, subject, (used, used_subjects, n_subjects)
    )
    del indicator, subject
    keys = np.frombuffer(keys_out, dtype=np.int64)
    # Rows with equal keys get the full order of the pure path (one definition).
    ties = (np.flatnonzero(keys[1:] == keys[:-1]) + 1).tolist()
    del keys
    strings = tuple(c.strings)
    if ties:
        if order is None:
            order = np.arange(n, dtype=np.int64)
        tie_order = _tie_order(c, strings)
        for lo, hi in _runs(ties):
            order[lo:hi] = sorted(order[lo:hi].tolist(), key=tie_order)

    def gather(column: Sequence[Any], typecode: str, dtype: Any) -> array[Any]:  # noqa: ANN401
        """The column in the rows' order, made straight into an array of its own."""
        values = np.asarray(column, dtype=dtype)
        out = _zeros(typecode, n)
        into = np.frombuffer(out, dtype=dtype)
        if order is not None:
            np.take(values, order, out=into)
        else:
            into[:] = values
        return out

    return Columns(
        indicators=indicators,
        subjects=subjects,
        keys=keys_out,
        values=gather(c.numbers, "d", np.float64),
        kinds=gather(c.kinds, "b", np.int8),
        notes=gather(c.notes, "I", np.uint32),
        sources=gather(c.sources, "I", np.uint32),
        strings=strings,
    )


_BLOCK: Final = 1 << 16
"""Rows per block where a whole column would need a temporary copy."""


def _zeros(typecode: str, n: int) -> array[Any]:
    """An array of *n* zeros, allocated once (no list or bytes of that size first)."""
    return array(typecode, [0]) * n


def _sorted_keys(
    np: Any,  # noqa: ANN401
    c: Coded,
    indicator: Any,  # noqa: ANN401
    subject: Any,  # noqa: ANN401
    tables: tuple[Sequence[int], Sequence[int], int],
) -> tuple[array[int], Any]:
    """The rows' keys, sorted, and the order that sorts them (None: they were).

    The key of a row: (indicator code * len(subjects) + subject code) << 22 |
    day, in 64 bits, so past 2**31 (indicator, subject) pairs too. Computed
    into the column store's own array (rows that come sorted, as from a
    Parquet directory, need no other), a block at a time: no temporary column.
    """
    used, used_subjects, n_subjects = tables
    n = len(indicator)
    keys_out = _zeros("q", n)
    keys = np.frombuffer(keys_out, dtype=np.int64)
    by_indicator = np.zeros(len(c.indicators), dtype=np.int64)
    by_indicator[np.asarray(used, dtype=np.int64)] = (
        np.arange(len(used), dtype=np.int64) * n_subjects
    )
    by_subject = np.zeros(len(c.subjects), dtype=np.int64)
    by_subject[np.asarray(used_subjects, dtype=np.int64)] = np.arange(
        len(used_subjects), dtype=np.int64
    )
    day = np.asarray(c.day)
    for a in range(0, n, _BLOCK):
        b = min(a + _BLOCK, n)
        block = keys[a:b]
        np.take(by_indicator, indicator[a:b], out=block)
        block += by_subject[subject[a:b]]
        block <<= DAY_BITS
        block |= day[a:b]
    if n < 2 or bool(np.all(keys[1:] >= keys[:-1])):
        return keys_out, None
    # A stable sort: rows with equal keys keep the order they came in.
    order = np.argsort(keys, kind="stable")
    sorted_out = _zeros("q", n)
    np.take(keys, order, out=np.frombuffer(sorted_out, dtype=np.int64))
    return sorted_out, order


def _pack_pure(c: Coded) -> Columns:
    """:func:`pack` in Python: ``sorted`` and ``array``."""
    n = len(c.indicator)
    # The code tables of the columns: the ids used, sorted.
    used = sorted(
        range(len(c.indicators)) if c.all_used else set(c.indicator),
        key=c.indicators.__getitem__,
    )
    indicators = tuple(map(c.indicators.__getitem__, used))
    used_subjects = sorted(
        range(len(c.subjects)) if c.all_used else set(c.subject),
        key=c.subjects.__getitem__,
    )
    subjects = tuple(map(c.subjects.__getitem__, used_subjects))
    n_subjects = max(len(subjects), 1)
    # The key of a row is (indicator code * len(subjects) + subject code) << 22 |
    # day ordinal: the sum of one part per column, looked up by the row's codes.
    ind_part = [0] * len(c.indicators)
    for i, code in enumerate(used):
        ind_part[code] = (i * n_subjects) << DAY_BITS
    subj_part = [0] * len(c.subjects)
    for i, code in enumerate(used_subjects):
        subj_part[code] = i << DAY_BITS
    keys = array(
        "q",
        map(
            operator.add,
            map(
                operator.add,
                map(ind_part.__getitem__, c.indicator),
                map(subj_part.__getitem__, c.subject),
            ),
            c.day,
        ),
    )
    # A stable sort of the row numbers by key: rows with equal keys keep the order
    # they came in (and are put in full order below). Keys below 2**53 are exact as
    # floats, which sort much faster than large integers.
    if (len(indicators) * n_subjects) << DAY_BITS <= EXACT_FLOAT:
        by_key = sorted(range(n), key=list(map(float, keys)).__getitem__)
    else:  # more than 2**31 (indicator, subject) pairs
        by_key = sorted(range(n), key=keys.__getitem__)
    # Row numbers in an array: the columns are gathered by them, and reading a
    # compact array in order costs far less than a list of scattered int objects.
    order = array("q", by_key)
    del by_key
    sorted_keys = array("q", map(keys.__getitem__, order))
    del keys
    # Rows with equal keys (same indicator, subject and day) get a full order too,
    # so the result never depends on the order the facts came in.
    ties = list(
        itertools.compress(
            range(1, n),
            map(operator.eq, itertools.islice(sorted_keys, 1, None), sorted_keys),
        )
    )
    strings = tuple(c.strings)
    tie_order = _tie_order(c, strings)
    for lo, hi in _runs(ties):
        order[lo:hi] = array("q", sorted(order[lo:hi], key=tie_order))
    numbers, kinds, notes, sources = c.numbers, c.kinds, c.notes, c.sources

    def gather(column: Sequence[int], typecode: str) -> array[Any]:
        if n and column.count(column[0]) == n:
            return array(typecode, [column[0]]) * n
        return array(typecode, map(column.__getitem__, order))

    return Columns(
        indicators=indicators,
        subjects=subjects,
        keys=sorted_keys,
        values=array("d", map(numbers.__getitem__, order)),
        kinds=gather(kinds, "b"),
        notes=gather(notes, "I"),
        sources=gather(sources, "I"),
        strings=strings,
    )
