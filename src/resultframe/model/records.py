"""Records: the immutable, persistent container of facts.

Observations are stored columnar and sorted by (indicator, subject, day), not as a
list of objects: one row costs a few dozen bytes, and the latest value of an
indicator for a subject on a day is a binary search. Iterating still yields
:class:`~resultframe.model.facts.Observation` objects, made on demand.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import operator
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from resultframe.errors import InvalidValue, Problem, UnknownId
from resultframe.model import _checks
from resultframe.model.facts import (
    ConditionAssessment,
    Goal,
    Observation,
    Review,
    Subject,
    Value,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from resultframe.model.framework import ResultsFramework

__all__ = ["Fact", "Records"]

Fact: TypeAlias = "Subject | Observation | Goal | ConditionAssessment | Review"
"""Any fact a :class:`Records` holds."""

_DAY_BITS: Final = 22  # date.max.toordinal() == 3_652_059 < 2**22
_DAY_MASK: Final = (1 << _DAY_BITS) - 1
# What kind of Python value a row holds; numbers are stored as float.
_FLOAT: Final = 0
_INT: Final = 1
_BOOL: Final = 2
_TEXT: Final = 3


def _kind_of(value: Value) -> int:
    if isinstance(value, bool):
        return _BOOL
    if isinstance(value, int):
        return _INT
    if isinstance(value, float):
        return _FLOAT
    return _TEXT


@attrs.frozen
class _Columns:
    """Sorted observation columns. Row *i* is one observation."""

    indicators: tuple[str, ...]  # code -> indicator id, sorted
    subjects: tuple[str, ...]  # code -> subject id, sorted
    keys: array[int]  # (indicator code * len(subjects) + subject code) << 22 | day
    values: array[float]  # the number, or the text's index into strings
    kinds: array[int]  # _FLOAT, _INT, _BOOL or _TEXT
    notes: array[int]  # index into strings (0 is "")
    sources: array[int]  # index into strings (0 is "")
    strings: tuple[str, ...]  # strings[0] == ""

    def __len__(self) -> int:
        return len(self.keys)

    def value(self, row: int) -> Value:
        kind = self.kinds[row]
        raw = self.values[row]
        if kind == _FLOAT:
            return raw
        if kind == _INT:
            return int(raw)
        if kind == _BOOL:
            return raw != 0.0
        return self.strings[int(raw)]

    def day(self, row: int) -> dt.date:
        return dt.date.fromordinal(self.keys[row] & _DAY_MASK)

    def indicator(self, row: int) -> str:
        return self.indicators[
            (self.keys[row] >> _DAY_BITS) // max(len(self.subjects), 1)
        ]

    def subject(self, row: int) -> str:
        return self.subjects[(self.keys[row] >> _DAY_BITS) % max(len(self.subjects), 1)]

    def observation(self, row: int) -> Observation:
        return Observation(
            indicator=self.indicator(row),
            subject=self.subject(row),
            on=self.day(row),
            value=self.value(row),
            note=self.strings[self.notes[row]],
            source=self.strings[self.sources[row]],
        )

    def row_tuple(self, row: int) -> tuple[str, str, int, int, Value, str, str]:
        return (
            self.indicator(row),
            self.subject(row),
            self.keys[row] & _DAY_MASK,
            self.kinds[row],
            self.value(row),
            self.strings[self.notes[row]],
            self.strings[self.sources[row]],
        )


def _sort_value(value: Value) -> tuple[int, float, float, str]:
    # The sign separates 0.0 from -0.0, which compare equal but are not the same.
    if isinstance(value, str):
        return (_TEXT, 0.0, 1.0, value)
    number = float(value)
    return (_kind_of(value), number, math.copysign(1.0, number), "")


_KIND_OF_TYPE: Final = {float: _FLOAT, int: _INT, bool: _BOOL, str: _TEXT}
_EXACT_FLOAT: Final = 2**53  # every whole number up to it is exact as a float


@attrs.frozen(kw_only=True)
class _Coded:
    """Valid observation rows as codes, in any order: what :func:`_pack` packs.

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


def _encode(  # noqa: PLR0913, PLR0917
    indicator: Sequence[str],
    subject: Sequence[str],
    day: Sequence[dt.date],
    value: Sequence[Value],
    note: Sequence[str],
    source: Sequence[str],
) -> _Coded:
    """Code observation columns, in whole-column operations. Assumed valid."""
    indicators = sorted(set(indicator))
    subjects = sorted(set(subject))
    ind_code = {x: i for i, x in enumerate(indicators)}
    subj_code = {x: i for i, x in enumerate(subjects)}
    ordinals = {d: d.toordinal() for d in set(day)}
    strings: dict[str, int] = {"": 0}
    packed, kinds = _encode_values(value, strings)

    def codes(column: Sequence[str]) -> array[int]:
        if not any(column):
            return array("l", bytes(array("l").itemsize * len(column)))
        for text in set(column):
            strings.setdefault(text, len(strings))
        return array("l", map(strings.__getitem__, column))

    return _Coded(
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


def _encode_values(
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


def _value_of(kind: int, raw: float, strings: Sequence[str]) -> Value:
    if kind == _FLOAT:
        return raw
    if kind == _INT:
        return int(raw)
    if kind == _BOOL:
        return raw != 0.0
    return strings[int(raw)]


def _build(  # noqa: PLR0913, PLR0917
    indicator: Sequence[str],
    subject: Sequence[str],
    day: Sequence[dt.date],
    value: Sequence[Value],
    note: Sequence[str],
    source: Sequence[str],
) -> _Columns:
    """Sort rows and pack them into columns. The rows are assumed valid."""
    return _pack(_encode(indicator, subject, day, value, note, source))


def _pack(c: _Coded) -> _Columns:
    """Sort coded rows and pack them into columns.

    Bulk data is the common case, so the work is done in whole-column operations
    (C loops behind ``map``, ``sorted`` and ``array``) rather than row by row.
    """
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
        ind_part[code] = (i * n_subjects) << _DAY_BITS
    subj_part = [0] * len(c.subjects)
    for i, code in enumerate(used_subjects):
        subj_part[code] = i << _DAY_BITS
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
    if (len(indicators) * n_subjects) << _DAY_BITS <= _EXACT_FLOAT:
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
    numbers, kinds, notes, sources = c.numbers, c.kinds, c.notes, c.sources
    strings = tuple(c.strings)

    def tie_order(r: int) -> tuple[tuple[int, float, float, str], str, str]:
        value = _value_of(kinds[r], numbers[r], strings)
        return (_sort_value(value), strings[notes[r]], strings[sources[r]])

    start = 0
    while start < len(ties):
        end = start
        while end + 1 < len(ties) and ties[end + 1] == ties[end] + 1:
            end += 1
        lo, hi = ties[start] - 1, ties[end] + 1
        order[lo:hi] = array("q", sorted(order[lo:hi], key=tie_order))
        start = end + 1

    def gather(column: Sequence[int], typecode: str) -> array[Any]:
        if n and column.count(column[0]) == n:
            return array(typecode, [column[0]]) * n
        return array(typecode, map(column.__getitem__, order))

    return _Columns(
        indicators=indicators,
        subjects=subjects,
        keys=sorted_keys,
        values=array("d", map(numbers.__getitem__, order)),
        kinds=gather(kinds, "b"),
        notes=gather(notes, "I"),
        sources=gather(sources, "I"),
        strings=strings,
    )


def _select(columns: _Columns, keep: Sequence[bool]) -> _Columns:
    """Return the columns of the rows where *keep* is true.

    A subset of sorted rows is still sorted, so the columns are filtered as they
    are; the code tables stay whole (codes of ids no longer used do no harm:
    equality and every query go by the rows).
    """
    c = columns
    return _Columns(
        indicators=c.indicators,
        subjects=c.subjects,
        keys=array("q", itertools.compress(c.keys, keep)),
        values=array("d", itertools.compress(c.values, keep)),
        kinds=array("b", itertools.compress(c.kinds, keep)),
        notes=array("I", itertools.compress(c.notes, keep)),
        sources=array("I", itertools.compress(c.sources, keep)),
        strings=c.strings,
    )


def _goal_key(g: Goal) -> tuple[Any, ...]:
    return (g.subject, g.indicator, g.target.by, repr(g))


def _assessment_key(a: ConditionAssessment) -> tuple[Any, ...]:
    return (a.condition, a.on, repr(a))


def _review_key(r: Review) -> tuple[Any, ...]:
    return (r.cycle, r.period.start, r.held_on, repr(r))


class Records:
    """Records: every fact recorded about subjects, conditions and reviews.

    A ``Records`` is immutable and persistent: :meth:`add` returns a new one and
    leaves the old one as it was. Facts are kept in a canonical order, so records
    built from the same facts in any order are equal.

    >>> import datetime as dt
    >>> from resultframe import Level, Observation, Subject
    >>> r = Records(subjects=[Subject(id="r1", level=Level.MICRO)])
    >>> r2 = r.add(Observation(indicator="zrm-fin", subject="r1",
    ...                        on=dt.date(2025, 3, 1), value=2))
    >>> len(r), len(r2)
    (0, 1)
    >>> r2.latest("zrm-fin", "r1", on=dt.date(2025, 12, 31)).value
    2

    Args:
        subjects: The subjects (residents, neighbourhoods, the municipality). A
            subject id may appear more than once only with identical content.
        observations: The observations.
        goals: Individual goals.
        assessments: Assessments of process conditions.
        reviews: Reviews held by feedback cycles.

    Raises:
        InvalidValue: an item is not the right kind of fact, or two different
            subjects share an id.
    """

    __slots__ = ("_assessments", "_columns", "_goals", "_hash", "_reviews", "_subjects")

    _columns: _Columns
    _subjects: dict[str, Subject]
    _goals: tuple[Goal, ...]
    _assessments: tuple[ConditionAssessment, ...]
    _reviews: tuple[Review, ...]
    _hash: int | None

    def __init__(
        self,
        *,
        subjects: Iterable[Subject] = (),
        observations: Iterable[Observation] = (),
        goals: Iterable[Goal] = (),
        assessments: Iterable[ConditionAssessment] = (),
        reviews: Iterable[Review] = (),
    ) -> None:
        obs = _typed("observations", observations, Observation)
        columns = _build(
            [o.indicator for o in obs],
            [o.subject for o in obs],
            [o.on for o in obs],
            [o.value for o in obs],
            [o.note for o in obs],
            [o.source for o in obs],
        )
        self._init(
            columns,
            _typed("subjects", subjects, Subject),
            _typed("goals", goals, Goal),
            _typed("assessments", assessments, ConditionAssessment),
            _typed("reviews", reviews, Review),
        )

    def _init(
        self,
        columns: _Columns,
        subjects: Iterable[Subject],
        goals: Iterable[Goal],
        assessments: Iterable[ConditionAssessment],
        reviews: Iterable[Review],
    ) -> None:
        by_id: dict[str, Subject] = {}
        for s in subjects:
            known = by_id.setdefault(s.id, s)
            if known != s:
                raise InvalidValue(
                    "subjects",
                    s.id,
                    "expected one subject per id (two different subjects share it)",
                )
        set_ = object.__setattr__
        set_(self, "_columns", columns)
        set_(self, "_subjects", dict(sorted(by_id.items())))
        set_(self, "_goals", tuple(sorted(goals, key=_goal_key)))
        set_(self, "_assessments", tuple(sorted(assessments, key=_assessment_key)))
        set_(self, "_reviews", tuple(sorted(reviews, key=_review_key)))
        set_(self, "_hash", None)

    @classmethod
    def _make(
        cls,
        columns: _Columns,
        subjects: Iterable[Subject],
        goals: Iterable[Goal],
        assessments: Iterable[ConditionAssessment],
        reviews: Iterable[Review],
    ) -> Records:
        new = cls.__new__(cls)
        new._init(columns, subjects, goals, assessments, reviews)  # noqa: SLF001
        return new

    @classmethod
    def from_columns(  # noqa: PLR0913
        cls,
        *,
        indicator: Sequence[str],
        subject: Sequence[str],
        on: Sequence[dt.date],
        value: Sequence[Value],
        note: Sequence[str] | None = None,
        source: Sequence[str] | None = None,
        subjects: Iterable[Subject] = (),
        goals: Iterable[Goal] = (),
        assessments: Iterable[ConditionAssessment] = (),
        reviews: Iterable[Review] = (),
    ) -> Records:
        """Build records from observation columns, without an object per row.

        Every column has one item per observation. Each item is checked as
        :class:`~resultframe.model.facts.Observation` checks it; all bad items are
        reported together.

        >>> import datetime as dt
        >>> r = Records.from_columns(
        ...     indicator=["zrm-fin", "zrm-fin"], subject=["r1", "r2"],
        ...     on=[dt.date(2025, 1, 6), dt.date(2025, 1, 7)], value=[2, 3])
        >>> len(r)
        2

        Raises:
            InvalidValue: the columns differ in length.
            InvalidRecords: items are not valid; ``.problems`` lists each one.
        """
        n = len(indicator)
        note = [""] * n if note is None else note
        source = [""] * n if source is None else source
        for name, column in (
            ("subject", subject),
            ("on", on),
            ("value", value),
            ("note", note),
            ("source", source),
        ):
            if len(column) != n:
                raise InvalidValue(
                    name,
                    f"{len(column)} items",
                    f"expected as many items as indicator ({n})",
                )
        _check_columns(indicator, subject, on, value, note, source)
        columns = _build(indicator, subject, on, value, note, source)
        return cls._make(
            columns,
            _typed("subjects", subjects, Subject),
            _typed("goals", goals, Goal),
            _typed("assessments", assessments, ConditionAssessment),
            _typed("reviews", reviews, Review),
        )

    @classmethod
    def _from_codes(  # noqa: PLR0913
        cls,
        *,
        indicators: Sequence[str],
        subjects: Sequence[str],
        indicator: Sequence[int],
        subject: Sequence[int],
        day: Sequence[int],
        numbers: Sequence[float],
        kinds: Sequence[int],
        notes: Sequence[int],
        sources: Sequence[int],
        strings: Sequence[str],
        all_used: bool,
    ) -> Records:
        """Build records of observations from rows already checked and coded.

        Only for the facts readers (``resultframe.serialization.facts``): they
        check every row they keep as :meth:`from_columns` would (ids with
        ``is_id``, days read as dates, values with ``check_value``, notes and
        sources as text) and code it as :func:`_encode` does, a chunk of rows at
        a time, so that nothing is checked twice and no column of a million
        objects is kept. ``all_used`` says that every id in *indicators* and
        *subjects* is used by a row. Tests hold the readers to building what
        :meth:`from_columns` builds from the same rows.
        """
        coded = _Coded(
            indicators=indicators,
            subjects=subjects,
            indicator=indicator,
            subject=subject,
            day=day,
            numbers=numbers,
            kinds=kinds,
            notes=notes,
            sources=sources,
            strings=strings,
            all_used=all_used,
        )
        return cls._make(_pack(coded), (), (), (), ())

    # -- immutability ------------------------------------------------------------

    def __setattr__(self, name: str, value: object) -> None:
        raise attrs.exceptions.FrozenInstanceError

    def __delattr__(self, name: str) -> None:
        raise attrs.exceptions.FrozenInstanceError

    # -- adding facts --------------------------------------------------------------

    def add(self, *facts: Fact | Iterable[Fact]) -> Records:
        """Return new records with *facts* added; these records stay as they are.

        Facts may be given one by one or as iterables of facts.

        Raises:
            InvalidValue: something is not a fact, or a subject conflicts with one
                already recorded under the same id.
        """
        flat: list[Fact] = []
        for item in facts:
            if isinstance(
                item, Subject | Observation | Goal | ConditionAssessment | Review
            ):
                flat.append(item)
            elif isinstance(item, str | bytes) or not hasattr(item, "__iter__"):
                raise InvalidValue(
                    "facts", item, "expected facts or iterables of facts"
                )
            else:
                flat.extend(item)
        observations = [f for f in flat if isinstance(f, Observation)]
        others = [f for f in flat if not isinstance(f, Observation)]
        for f in others:
            if not isinstance(f, Subject | Goal | ConditionAssessment | Review):
                raise InvalidValue(
                    "facts",
                    f,
                    "expected a Subject, Observation, Goal, "
                    "ConditionAssessment or Review",
                )
        columns = self._columns
        if observations:
            c = columns
            rows = range(len(c))
            columns = _build(
                [c.indicator(r) for r in rows] + [o.indicator for o in observations],
                [c.subject(r) for r in rows] + [o.subject for o in observations],
                [c.day(r) for r in rows] + [o.on for o in observations],
                [c.value(r) for r in rows] + [o.value for o in observations],
                [c.strings[c.notes[r]] for r in rows] + [o.note for o in observations],
                [c.strings[c.sources[r]] for r in rows]
                + [o.source for o in observations],
            )
        return Records._make(
            columns,
            [*self._subjects.values(), *(f for f in others if isinstance(f, Subject))],
            [*self._goals, *(f for f in others if isinstance(f, Goal))],
            [
                *self._assessments,
                *(f for f in others if isinstance(f, ConditionAssessment)),
            ],
            [*self._reviews, *(f for f in others if isinstance(f, Review))],
        )

    # -- views ---------------------------------------------------------------------

    def as_of(self, day: dt.date) -> Records:
        """Return what was known on *day*: no fact dated after it.

        Observations and assessments count by their day, reviews by the day they
        were held, goals by their baseline's day (a goal without a baseline has no
        day and is always kept). Subjects are always kept.
        """
        _check_day("day", day)
        limit = day.toordinal()
        c = self._columns
        keep = [k & _DAY_MASK <= limit for k in c.keys]
        columns = c if all(keep) else _select(c, keep)
        return Records._make(
            columns,
            self._subjects.values(),
            [g for g in self._goals if g.baseline is None or g.baseline.on <= day],
            [a for a in self._assessments if a.on <= day],
            [r for r in self._reviews if r.held_on <= day],
        )

    # -- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        """The number of observations."""
        return len(self._columns)

    def __iter__(self) -> Iterator[Observation]:
        """Iterate over the observations, by indicator, subject and day."""
        c = self._columns
        return (c.observation(r) for r in range(len(c)))

    @property
    def observations(self) -> tuple[Observation, ...]:
        """Every observation, by indicator, subject and day (made on demand)."""
        return tuple(self)

    @property
    def subjects(self) -> tuple[Subject, ...]:
        """The subjects, by id."""
        return tuple(self._subjects.values())

    @property
    def goals(self) -> tuple[Goal, ...]:
        """The individual goals, by subject, indicator and target day."""
        return self._goals

    @property
    def assessments(self) -> tuple[ConditionAssessment, ...]:
        """The condition assessments, by condition and day."""
        return self._assessments

    @property
    def reviews(self) -> tuple[Review, ...]:
        """The reviews, by cycle and period."""
        return self._reviews

    def subject(self, id: str) -> Subject:  # noqa: A002
        """Return the subject with *id*.

        Raises:
            UnknownId: no subject has that id (also a :class:`KeyError`).
        """
        try:
            return self._subjects[id]
        except (KeyError, TypeError):
            raise UnknownId("subject", id) from None

    def indicators_observed(self) -> tuple[str, ...]:
        """The ids of the indicators that have observations, sorted."""
        c = self._columns
        n = max(len(c.subjects), 1)
        keys = c.keys
        # One binary search per indicator code, not a pass over every row.
        seen = []
        for code, indicator in enumerate(c.indicators):
            pos = bisect_left(keys, (code * n) << _DAY_BITS)
            if pos < len(keys) and keys[pos] < ((code + 1) * n) << _DAY_BITS:
                seen.append(indicator)
        return tuple(seen)

    def _pair(self, indicator: str, subject: str) -> int | None:
        c = self._columns
        i = _index(c.indicators, indicator)
        s = _index(c.subjects, subject)
        if i is None or s is None:
            return None
        return i * max(len(c.subjects), 1) + s

    def _indicator_rows(self, indicator: str) -> range:
        c = self._columns
        i = _index(c.indicators, indicator)
        if i is None:
            return range(0)
        n = max(len(c.subjects), 1)
        lo = bisect_left(c.keys, (i * n) << _DAY_BITS)
        hi = bisect_left(c.keys, ((i + 1) * n) << _DAY_BITS)
        return range(lo, hi)

    def _pair_rows(self, indicator: str, subject: str) -> range:
        pair = self._pair(indicator, subject)
        if pair is None:
            return range(0)
        keys = self._columns.keys
        lo = bisect_left(keys, pair << _DAY_BITS)
        hi = bisect_left(keys, (pair + 1) << _DAY_BITS)
        return range(lo, hi)

    def latest(self, indicator: str, subject: str, on: dt.date) -> Observation | None:
        """Return the latest observation of *indicator* for *subject* on or before *on*.

        A binary search over the sorted columns. Of several observations on the
        same day, the last in canonical order is returned. None if there is none.
        """
        _check_day("on", on)
        pair = self._pair(indicator, subject)
        if pair is None:
            return None
        keys = self._columns.keys
        pos = bisect_right(keys, (pair << _DAY_BITS) | on.toordinal()) - 1
        if pos < 0 or keys[pos] >> _DAY_BITS != pair:
            return None
        return self._columns.observation(pos)

    def observations_of(
        self, indicator: str, subject: str | None = None
    ) -> tuple[Observation, ...]:
        """Return the observations of *indicator* in date order.

        With *subject*, only that subject's; without, every subject's, by day and
        then subject.
        """
        c = self._columns
        if subject is not None:
            return tuple(c.observation(r) for r in self._pair_rows(indicator, subject))
        rows = sorted(
            self._indicator_rows(indicator),
            key=lambda r: (c.keys[r] & _DAY_MASK, c.keys[r]),
        )
        return tuple(c.observation(r) for r in rows)

    def series(self, indicator: str, subject: str) -> tuple[tuple[dt.date, Value], ...]:
        """Return ``(day, value)`` pairs of *indicator* for *subject*, in date order."""
        c = self._columns
        return tuple(
            (c.day(r), c.value(r)) for r in self._pair_rows(indicator, subject)
        )

    def subjects_of(self, indicator: str) -> tuple[str, ...]:
        """Return the ids of the subjects with observations of *indicator*, sorted."""
        c = self._columns
        n = max(len(c.subjects), 1)
        rows = self._indicator_rows(indicator)
        codes = sorted({(c.keys[r] >> _DAY_BITS) % n for r in rows})
        return tuple(c.subjects[s] for s in codes)

    # -- bulk reading (no object per row) ----------------------------------------------

    def rows(
        self, indicator: str, *, until: dt.date | None = None
    ) -> Iterator[tuple[str, dt.date, Value]]:
        """Iterate ``(subject, day, value)`` rows of *indicator*, without objects.

        Rows come by subject id and then by day; with *until*, only rows dated on
        or before it. Much cheaper than :meth:`observations_of` for many rows.

        >>> import datetime as dt
        >>> r = Records.from_columns(
        ...     indicator=["zrm-fin"] * 3, subject=["r2", "r1", "r1"],
        ...     on=[dt.date(2025, 1, 6), dt.date(2025, 3, 1), dt.date(2025, 1, 7)],
        ...     value=[3, 4, 2])
        >>> [(s, d.isoformat(), v) for s, d, v in r.rows("zrm-fin")]
        [('r1', '2025-01-07', 2), ('r1', '2025-03-01', 4), ('r2', '2025-01-06', 3)]
        >>> len(list(r.rows("zrm-fin", until=dt.date(2025, 2, 1))))
        2

        Raises:
            InvalidValue: *until* is not a date.
        """
        limit = _DAY_MASK
        if until is not None:
            _check_day("until", until)
            limit = until.toordinal()
        return self._iter_rows(indicator, limit)

    def _iter_rows(
        self, indicator: str, limit: int
    ) -> Iterator[tuple[str, dt.date, Value]]:
        c = self._columns
        subjects, starts, stops = self._spans(indicator, limit)
        day_of = dt.date.fromordinal
        for subject, start, stop in zip(subjects, starts, stops, strict=True):
            for r in range(start, stop):
                yield subject, day_of(c.keys[r] & _DAY_MASK), c.value(r)

    def latest_values(
        self, indicator: str, on: dt.date
    ) -> tuple[tuple[str, Value], ...]:
        """Return ``(subject, value)``: each subject's latest value on or before *on*.

        By subject id; subjects without an observation by then are left out. Of
        several observations on the same day, the last in canonical order counts,
        as in :meth:`latest`.

        >>> import datetime as dt
        >>> r = Records.from_columns(
        ...     indicator=["zrm-fin"] * 3, subject=["r1", "r1", "r2"],
        ...     on=[dt.date(2025, 1, 7), dt.date(2025, 3, 1), dt.date(2025, 4, 1)],
        ...     value=[2, 4, 3])
        >>> r.latest_values("zrm-fin", on=dt.date(2025, 3, 31))
        (('r1', 4),)

        Raises:
            InvalidValue: *on* is not a date.
        """
        _check_day("on", on)
        c = self._columns
        subjects, _starts, stops = self._spans(indicator, on.toordinal())
        return tuple(
            (subject, c.value(stop - 1))
            for subject, stop in zip(subjects, stops, strict=True)
        )

    def _spans(
        self, indicator: str, limit: int
    ) -> tuple[list[str], list[int], list[int]]:
        """Return the subjects of *indicator* with rows dated on or before *limit*.

        *limit* is a day's ordinal. For each subject (by id) the rows
        ``range(start, stop)`` of the columns hold its observations up to *limit*,
        by day. One pair of binary searches per subject, nothing per row.
        """
        c = self._columns
        rows = self._indicator_rows(indicator)
        keys = c.keys
        table = c.subjects
        subjects: list[str] = []
        starts: list[int] = []
        stops: list[int] = []
        i, hi = rows.start, rows.stop
        if i == hi:
            return subjects, starts, stops
        # Codes of this indicator's pairs start at offset: subject = pair - offset.
        offset = (keys[i] >> _DAY_BITS) // max(len(table), 1) * max(len(table), 1)
        bits, mask, step = _DAY_BITS, _DAY_MASK, 1 << _DAY_BITS
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
        return subjects, starts, stops

    def _arrays(self) -> tuple[array[int], array[float], array[int], tuple[str, ...]]:
        """Return the raw ``keys``, ``values``, ``kinds`` and ``strings`` columns.

        A key's low bits (``key & _DAY_MASK``) are the day's ordinal; a value is
        the number as a float (a bool as 0.0 or 1.0; a text as its index into
        ``strings``). For evaluation, which reads them without making objects.
        """
        c = self._columns
        return c.keys, c.values, c.kinds, c.strings

    # -- checking against a framework -------------------------------------------------

    def check(self, framework: ResultsFramework) -> tuple[Problem, ...]:
        """Return every fact that does not fit *framework* (empty when all fit).

        Checked: unknown ids (indicators, subjects, conditions, cycles, parties);
        observation values of the wrong type for the indicator's measure or off its
        scale; direct observations of derived indicators; more than one observation
        on a day for a ``latest`` indicator; subjects on a level other than their
        indicator's result; ``part_of`` not one level up; goals that break their
        indicator's rules; reviews for a period their cycle does not have, and
        more than one review per cycle per period; decisions about unknown ids.
        """
        from resultframe.model._fit import check_records  # noqa: PLC0415

        return check_records(self, framework)

    # -- equality -----------------------------------------------------------------------

    def _canonical(self) -> tuple[Any, ...]:
        c = self._columns
        return (
            tuple(c.row_tuple(r) for r in range(len(c))),
            tuple(self._subjects.values()),
            self._goals,
            self._assessments,
            self._reviews,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Records):
            return NotImplemented
        if self is other:
            return True
        if len(self) != len(other):
            return False
        a, b = self._columns, other._columns
        if (a.indicators, a.subjects, a.strings) == (
            b.indicators,
            b.subjects,
            b.strings,
        ):
            # Same code tables: the columns can be compared as they are.
            same_rows = (a.keys, a.values, a.kinds, a.notes, a.sources) == (
                b.keys,
                b.values,
                b.kinds,
                b.notes,
                b.sources,
            )
            return same_rows and self._facts() == other._facts()
        return self._canonical() == other._canonical()

    def _facts(self) -> tuple[Any, ...]:
        return (
            tuple(self._subjects.values()),
            self._goals,
            self._assessments,
            self._reviews,
        )

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._canonical()))
        return self._hash  # type: ignore[return-value]

    def __repr__(self) -> str:
        # Never the facts themselves: they are about residents.
        return (
            f"<Records: {len(self)} observations, {len(self._subjects)} subjects, "
            f"{len(self._goals)} goals, {len(self._assessments)} assessments, "
            f"{len(self._reviews)} reviews>"
        )


def _index(table: tuple[str, ...], item: object) -> int | None:
    if not isinstance(item, str):
        return None
    pos = bisect_left(table, item)
    return pos if pos < len(table) and table[pos] == item else None


def _check_day(field: str, day: object) -> None:
    if not isinstance(day, dt.date) or isinstance(day, dt.datetime):
        raise InvalidValue(field, day, "expected a date")


def _typed(field: str, items: Iterable[Any], cls: type) -> list[Any]:
    if isinstance(items, str | bytes) or not hasattr(items, "__iter__"):
        raise InvalidValue(field, items, f"expected an iterable of {cls.__name__}")
    out = list(items)
    for i, item in enumerate(out):
        if not isinstance(item, cls):
            raise InvalidValue(f"{field}[{i}]", item, f"expected a {cls.__name__}")
    return out


def _check_columns(  # noqa: PLR0913, PLR0917
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
    from resultframe.errors import InvalidRecords  # noqa: PLC0415
    from resultframe.model._checks import is_id  # noqa: PLC0415

    problems: list[tuple[int, Problem]] = []

    def report(rows: Iterable[tuple[int, object]], field: str, bad: Any) -> None:  # noqa: ANN401
        for row, x in rows:
            message = bad(x)
            if message is not None:
                problems.append(
                    (row, Problem(about=f"row {row}", field=field, message=message))
                )

    for field, column in (("indicator", indicator), ("subject", subject)):
        try:
            distinct: Iterable[object] = set(column)
        except TypeError:  # unhashable items: walk the column
            distinct = column
        if not all(is_id(x) for x in distinct):
            report(
                enumerate(column),
                field,
                lambda x: (
                    None
                    if is_id(x)
                    else f"expected {_checks.ID_EXPECTATION}, got {x!r}"
                ),
            )
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
