"""The sorted observation columns and the queries on them.

Row *i* of :class:`Columns` is one observation. Rows are sorted by their key, which
packs (indicator, subject, day) into one integer::

    key = (indicator code * len(subjects) + subject code) << DAY_BITS | day ordinal

so the rows of an indicator, and within it of a subject (a *pair*), are contiguous
and by day, and every query is a binary search over ``keys``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from array import array
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.model.facts import Observation, Value
from resultframe.privacy import allowing_bsn_like_ids

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

__all__ = [
    "BOOL",
    "DAY_BITS",
    "DAY_MASK",
    "FLOAT",
    "INT",
    "TEXT",
    "Columns",
    "Spans",
    "value_of",
]

DAY_BITS: Final = 22  # date.max.toordinal() == 3_652_059 < 2**22
"""The low bits of a key that hold the day's ordinal."""
DAY_MASK: Final = (1 << DAY_BITS) - 1
"""``key & DAY_MASK`` is the day's ordinal; ``key >> DAY_BITS`` the pair."""

# What kind of Python value a row holds (``Columns.kinds``); numbers are floats.
FLOAT: Final = 0
INT: Final = 1
BOOL: Final = 2
TEXT: Final = 3


def value_of(kind: int, raw: float, strings: Sequence[str]) -> Value:
    """The value of a row of *kind* stored as *raw* (a text's index into *strings*)."""
    if kind == FLOAT:
        return raw
    if kind == INT:
        return int(raw)
    if kind == BOOL:
        return raw != 0.0
    return strings[int(raw)]


@attrs.frozen
class Spans:
    """The subjects of an indicator with rows up to a day, and where their rows are.

    For subject ``subjects[i]`` (by id) the rows ``range(starts[i], stops[i])`` of
    the columns hold its observations on or before the day, by day.
    """

    subjects: list[str]
    starts: list[int]
    stops: list[int]


@attrs.frozen
class Columns:
    """Sorted observation columns. Row *i* is one observation.

    Built by :func:`~resultframe.model._columns.pack`; never changed after.
    ``values[r]`` is the number as a float (a bool as 0.0 or 1.0, a text as its
    index into ``strings``) and ``kinds[r]`` says which (:data:`FLOAT`,
    :data:`INT`, :data:`BOOL` or :data:`TEXT`). The code tables may hold ids no
    row uses (after :meth:`select`); every query goes by the rows.
    """

    indicators: tuple[str, ...]  # code -> indicator id, sorted
    subjects: tuple[str, ...]  # code -> subject id, sorted
    keys: array[int]  # see the module docstring
    values: array[float]  # the number, or the text's index into strings
    kinds: array[int]  # FLOAT, INT, BOOL or TEXT
    notes: array[int]  # index into strings (0 is "")
    sources: array[int]  # index into strings (0 is "")
    strings: tuple[str, ...]  # strings[0] == ""

    # -- one row ------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.keys)

    def value(self, row: int) -> Value:
        """The value of *row* as the Python value it was recorded as."""
        return value_of(self.kinds[row], self.values[row], self.strings)

    def day(self, row: int) -> dt.date:
        """The day of *row*."""
        return dt.date.fromordinal(self.keys[row] & DAY_MASK)

    def indicator(self, row: int) -> str:
        """The indicator id of *row*."""
        return self.indicators[(self.keys[row] >> DAY_BITS) // self._n_subjects]

    def subject(self, row: int) -> str:
        """The subject id of *row*."""
        return self.subjects[(self.keys[row] >> DAY_BITS) % self._n_subjects]

    def observation(self, row: int) -> Observation:
        """*row* as an :class:`~resultframe.model.facts.Observation`.

        Its subject id passed the BSN guard when it entered (or the caller allowed
        it then), so it is not refused again here.
        """
        with allowing_bsn_like_ids():
            return Observation(
                indicator=self.indicator(row),
                subject=self.subject(row),
                on=self.day(row),
                value=self.value(row),
                note=self.strings[self.notes[row]],
                source=self.strings[self.sources[row]],
            )

    def row_tuple(self, row: int) -> tuple[str, str, int, int, Value, str, str]:
        """*row* as a tuple that does not depend on the code tables."""
        return (
            self.indicator(row),
            self.subject(row),
            self.keys[row] & DAY_MASK,
            self.kinds[row],
            self.value(row),
            self.strings[self.notes[row]],
            self.strings[self.sources[row]],
        )

    @property
    def _n_subjects(self) -> int:
        return max(len(self.subjects), 1)

    # -- whole columns ------------------------------------------------------------

    def decoded(
        self,
    ) -> tuple[list[Any], list[Any], list[Any], list[Any], list[Any], list[Any]]:
        """The rows as indicator, subject, day, value, note and source columns."""
        rows = range(len(self))
        strings = self.strings
        return (
            [self.indicator(r) for r in rows],
            [self.subject(r) for r in rows],
            [self.day(r) for r in rows],
            [self.value(r) for r in rows],
            [strings[self.notes[r]] for r in rows],
            [strings[self.sources[r]] for r in rows],
        )

    def same_rows(self, other: Columns) -> bool:
        """Whether *other* holds the same rows (its code tables may differ)."""
        if len(self) != len(other):
            return False
        tables = (self.indicators, self.subjects, self.strings)
        if tables == (other.indicators, other.subjects, other.strings):
            # Same code tables: the columns can be compared as they are.
            return (self.keys, self.values, self.kinds, self.notes, self.sources) == (
                other.keys,
                other.values,
                other.kinds,
                other.notes,
                other.sources,
            )
        return self.canonical() == other.canonical()

    def canonical(self) -> tuple[tuple[Any, ...], ...]:
        """Every row as :meth:`row_tuple`: equal for equal rows, for hashing."""
        return tuple(self.row_tuple(r) for r in range(len(self)))

    def until(self, ordinal: int) -> Columns:
        """The rows dated on or before the day of *ordinal* (these if all are)."""
        keep = [k & DAY_MASK <= ordinal for k in self.keys]
        return self if all(keep) else self.select(keep)

    def select(self, keep: Sequence[bool]) -> Columns:
        """The rows where *keep* is true.

        A subset of sorted rows is still sorted, so the columns are filtered as they
        are; the code tables stay whole (codes of ids no longer used do no harm:
        equality and every query go by the rows).
        """
        return Columns(
            indicators=self.indicators,
            subjects=self.subjects,
            keys=array("q", itertools.compress(self.keys, keep)),
            values=array("d", itertools.compress(self.values, keep)),
            kinds=array("b", itertools.compress(self.kinds, keep)),
            notes=array("I", itertools.compress(self.notes, keep)),
            sources=array("I", itertools.compress(self.sources, keep)),
            strings=self.strings,
        )

    # -- queries ------------------------------------------------------------------

    def indicators_observed(self) -> tuple[str, ...]:
        """The ids of the indicators that have rows, sorted."""
        n = self._n_subjects
        keys = self.keys
        # One binary search per indicator code, not a pass over every row.
        seen = []
        for code, indicator in enumerate(self.indicators):
            pos = bisect_left(keys, (code * n) << DAY_BITS)
            if pos < len(keys) and keys[pos] < ((code + 1) * n) << DAY_BITS:
                seen.append(indicator)
        return tuple(seen)

    def indicator_rows(self, indicator: str) -> range:
        """The rows of *indicator* (by subject, then day); empty if it has none."""
        i = _index(self.indicators, indicator)
        if i is None:
            return range(0)
        n = self._n_subjects
        lo = bisect_left(self.keys, (i * n) << DAY_BITS)
        hi = bisect_left(self.keys, ((i + 1) * n) << DAY_BITS)
        return range(lo, hi)

    def pair_rows(self, indicator: str, subject: str) -> range:
        """The rows of *indicator* for *subject*, by day."""
        pair = self._pair(indicator, subject)
        if pair is None:
            return range(0)
        lo = bisect_left(self.keys, pair << DAY_BITS)
        hi = bisect_left(self.keys, (pair + 1) << DAY_BITS)
        return range(lo, hi)

    def latest_row(self, indicator: str, subject: str, ordinal: int) -> int | None:
        """The last row of *indicator* for *subject* on or before day *ordinal*.

        Of several rows on that day, the last in canonical order. None if none.
        """
        pair = self._pair(indicator, subject)
        if pair is None:
            return None
        keys = self.keys
        pos = bisect_right(keys, (pair << DAY_BITS) | ordinal) - 1
        if pos < 0 or keys[pos] >> DAY_BITS != pair:
            return None
        return pos

    def subject_codes(self, rows: range) -> set[int]:
        """The codes (into ``subjects``) of the subjects of *rows*."""
        keys = self.keys[rows.start : rows.stop]
        pairs = set(map(operator.rshift, keys, itertools.repeat(DAY_BITS)))
        return set(map(operator.mod, pairs, itertools.repeat(self._n_subjects)))

    def repeated_days(self, rows: range) -> Iterator[int]:
        """The second row of each run of rows in *rows* with one pair and one day."""
        keys, lo, hi = self.keys, rows.start, rows.stop
        # Equal neighbours in the sorted keys are rows of one pair on one day.
        if not any(map(operator.eq, keys[lo + 1 : hi], keys[lo : hi - 1])):
            return
        for r in range(lo + 1, hi):
            if keys[r] == keys[r - 1] and (r == lo + 1 or keys[r - 2] != keys[r]):
                yield r

    def spans(self, indicator: str, limit: int) -> Spans:
        """The subjects of *indicator* with rows dated on or before day *limit*.

        *limit* is a day's ordinal. One pair of binary searches per subject,
        nothing per row.
        """
        rows = self.indicator_rows(indicator)
        keys = self.keys
        table = self.subjects
        subjects: list[str] = []
        starts: list[int] = []
        stops: list[int] = []
        i, hi = rows.start, rows.stop
        if i == hi:
            return Spans(subjects, starts, stops)
        # Codes of this indicator's pairs start at offset: subject = pair - offset.
        n = self._n_subjects
        offset = (keys[i] >> DAY_BITS) // n * n
        bits, mask, step = DAY_BITS, DAY_MASK, 1 << DAY_BITS
        left, right = bisect_left, bisect_right
        add_subject, add_start, add_stop = subjects.append, starts.append, stops.append
        while i < hi:
            pair = keys[i] >> bits
            base = pair << bits
            following = base + step
            # Most subjects have a handful of rows: search a short window first.
            j = i + 8
            end = left(keys, following, i, j if j < hi and keys[j] >= following else hi)
            stop = (
                end
                if keys[end - 1] & mask <= limit
                else right(keys, base | limit, i, end)
            )
            if stop > i:
                add_subject(table[pair - offset])
                add_start(i)
                add_stop(stop)
            i = end
        return Spans(subjects, starts, stops)

    def _pair(self, indicator: str, subject: str) -> int | None:
        i = _index(self.indicators, indicator)
        s = _index(self.subjects, subject)
        if i is None or s is None:
            return None
        return i * self._n_subjects + s


def _index(table: tuple[str, ...], item: object) -> int | None:
    if not isinstance(item, str):
        return None
    pos = bisect_left(table, item)
    return pos if pos < len(table) and table[pos] == item else None
