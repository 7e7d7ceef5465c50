"""Records: the immutable, persistent container of facts.

Observations are stored columnar and sorted by (indicator, subject, day), not as a
list of objects: one row costs a few dozen bytes, and the latest value of an
indicator for a subject on a day is a binary search. Iterating still yields
:class:`~resultframe.model.facts.Observation` objects, made on demand.
"""

from __future__ import annotations

import datetime as dt
from array import array
from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any, Final, TypeAlias

import attrs

from resultframe.errors import InvalidValue, Problem, UnknownId
from resultframe.model.facts import (
    ConditionAssessment,
    Goal,
    Observation,
    Review,
    Subject,
    Value,
    check_value,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Sequence

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


def _sort_value(value: Value) -> tuple[int, float, str]:
    if isinstance(value, str):
        return (_TEXT, 0.0, value)
    return (_kind_of(value), float(value), "")


def _build(  # noqa: PLR0913
    indicator: Sequence[str],
    subject: Sequence[str],
    day: Sequence[dt.date],
    value: Sequence[Value],
    note: Sequence[str],
    source: Sequence[str],
) -> _Columns:
    """Sort rows and pack them into columns. The rows are assumed valid."""
    indicators = tuple(sorted(set(indicator)))
    subjects = tuple(sorted(set(subject)))
    n_subjects = max(len(subjects), 1)
    ind_code = {x: i for i, x in enumerate(indicators)}
    subj_code = {x: i for i, x in enumerate(subjects)}
    keys = [
        ((ind_code[i] * n_subjects + subj_code[s]) << _DAY_BITS) | d.toordinal()
        for i, s, d in zip(indicator, subject, day, strict=True)
    ]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    # Rows with equal keys (same indicator, subject and day) get a full order too,
    # so the result never depends on the order the facts came in.
    i = 0
    n = len(order)
    while i < n:
        j = i + 1
        while j < n and keys[order[j]] == keys[order[i]]:
            j += 1
        if j - i > 1:
            order[i:j] = sorted(
                order[i:j],
                key=lambda r: (_sort_value(value[r]), note[r], source[r]),
            )
        i = j
    strings: dict[str, int] = {"": 0}
    values = array("d", bytes(8 * n))
    kinds = array("b", bytes(n))
    notes = array("I", bytes(4 * n))
    sources = array("I", bytes(4 * n))
    for pos, row in enumerate(order):
        v = value[row]
        if isinstance(v, str):
            kinds[pos] = _TEXT
            values[pos] = strings.setdefault(v, len(strings))
        else:
            kinds[pos] = _kind_of(v)
            values[pos] = float(v)
        if note[row]:
            notes[pos] = strings.setdefault(note[row], len(strings))
        if source[row]:
            sources[pos] = strings.setdefault(source[row], len(strings))
    return _Columns(
        indicators=indicators,
        subjects=subjects,
        keys=array("q", [keys[r] for r in order]),
        values=values,
        kinds=kinds,
        notes=notes,
        sources=sources,
        strings=tuple(strings),
    )


def _select(columns: _Columns, rows: Iterable[int]) -> _Columns:
    """Return the columns of the given rows (in order) with compacted code tables."""
    rows = list(rows)
    return _build(
        [columns.indicator(r) for r in rows],
        [columns.subject(r) for r in rows],
        [columns.day(r) for r in rows],
        [columns.value(r) for r in rows],
        [columns.strings[columns.notes[r]] for r in rows],
        [columns.strings[columns.sources[r]] for r in rows],
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
        rows = [r for r, k in enumerate(c.keys) if k & _DAY_MASK <= limit]
        columns = c if len(rows) == len(c) else _select(c, rows)
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
        seen = {(k >> _DAY_BITS) // max(len(c.subjects), 1) for k in c.keys}
        return tuple(c.indicators[i] for i in sorted(seen))

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
        return self._canonical() == other._canonical()

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


def _check_columns(  # noqa: PLR0913
    indicator: Sequence[object],
    subject: Sequence[object],
    on: Sequence[object],
    value: Sequence[object],
    note: Sequence[object],
    source: Sequence[object],
) -> None:
    from resultframe.errors import InvalidRecords  # noqa: PLC0415
    from resultframe.model._checks import is_id  # noqa: PLC0415

    problems: list[Problem] = []
    id_cache: dict[str, bool] = {}

    def valid_id(x: object) -> bool:
        # Ids repeat a lot in bulk columns; remember the answer per string.
        if not isinstance(x, str):
            return False
        ok = id_cache.get(x)
        if ok is None:
            ok = id_cache[x] = is_id(x)
        return ok

    for row, (i, s, d, v, nt, src) in enumerate(
        zip(indicator, subject, on, value, note, source, strict=True)
    ):
        about = f"row {row}"
        if not valid_id(i):
            problems.append(
                Problem(
                    about=about, field="indicator", message=f"expected an id, got {i!r}"
                )
            )
        if not valid_id(s):
            problems.append(
                Problem(
                    about=about, field="subject", message=f"expected an id, got {s!r}"
                )
            )
        if not isinstance(d, dt.date) or isinstance(d, dt.datetime):
            problems.append(
                Problem(about=about, field="on", message=f"expected a date, got {d!r}")
            )
        try:
            check_value("value", v)
        except InvalidValue as e:
            problems.append(
                Problem(about=about, field="value", message=e.expected + f", got {v!r}")
            )
        for name, x in (("note", nt), ("source", src)):
            if not isinstance(x, str):
                problems.append(
                    Problem(
                        about=about, field=name, message=f"expected a string, got {x!r}"
                    )
                )
    if problems:
        raise InvalidRecords(problems)
