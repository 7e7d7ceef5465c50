"""Records: the immutable, persistent container of facts.

Observations are stored columnar and sorted by (indicator, subject, day), not as a
list of objects (see :mod:`resultframe.model._columns`): one row costs a few dozen
bytes, and the latest value of an indicator for a subject on a day is a binary
search. Iterating still yields :class:`~resultframe.model.facts.Observation`
objects, made on demand.
"""

from __future__ import annotations

import datetime as dt
import enum
import types
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from resultframe.errors import InvalidValue, Problem, UnknownId
from resultframe.model._columns import (
    DAY_MASK,
    Columns,
    build,
    check_columns,
    observation_columns,
)
from resultframe.model._fit import check_facts
from resultframe.model.facts import (
    ConditionAssessment,
    Goal,
    Observation,
    Review,
    Subject,
    Value,
)
from resultframe.privacy import allowing_bsn_like_ids

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

    from resultframe.model.framework import ResultsFramework

__all__ = ["Fact", "Records"]

Fact: TypeAlias = "Subject | Observation | Goal | ConditionAssessment | Review"
"""Any fact a :class:`Records` holds."""


def _canonical(value: object) -> tuple[Any, ...]:
    """A sort key of a fact's value in which equal values are equal keys.

    ``repr`` would order ``0`` and ``0.0`` (equal, so the same fact) differently,
    and a round trip through a document may turn one into the other: the order of
    the facts, and so a re-dumped document, would change. Numbers compare as
    numbers here; every kind of value has its own rank, so keys of different kinds
    never meet in a comparison.
    """
    if value is None:
        return (0,)
    if isinstance(value, bool):
        return (1, value)
    if isinstance(value, int | float):
        return (2, float(value))
    if isinstance(value, str):
        return (3, value)
    if isinstance(value, dt.date):
        return (4, value.toordinal())
    if isinstance(value, enum.Enum):
        return (5, str(value.value))
    if isinstance(value, frozenset):
        return (6, tuple(sorted(_canonical(item) for item in value)))
    if isinstance(value, tuple):
        return (7, tuple(_canonical(item) for item in value))
    cls = type(value)
    if attrs.has(cls):
        return (
            8,
            tuple(
                _canonical(getattr(value, f.name)) for f in attrs.fields(cls) if f.eq
            ),
        )
    return (9, repr(value))  # pragma: no cover - facts hold nothing else


def _goal_key(g: Goal) -> tuple[Any, ...]:
    return (g.subject, g.indicator, g.target.by, _canonical(g))


def _assessment_key(a: ConditionAssessment) -> tuple[Any, ...]:
    return (a.condition, a.on, _canonical(a))


def _review_key(r: Review) -> tuple[Any, ...]:
    return (r.cycle, r.period.start, r.held_on, _canonical(r))


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

    _columns: Columns
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
        self._init(
            build(*observation_columns(obs)),
            _typed("subjects", subjects, Subject),
            _typed("goals", goals, Goal),
            _typed("assessments", assessments, ConditionAssessment),
            _typed("reviews", reviews, Review),
        )

    def _init(
        self,
        columns: Columns,
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
        columns: Columns,
        subjects: Iterable[Subject] = (),
        goals: Iterable[Goal] = (),
        assessments: Iterable[ConditionAssessment] = (),
        reviews: Iterable[Review] = (),
    ) -> Records:
        new = cls.__new__(cls)
        cls._init(new, columns, subjects, goals, assessments, reviews)
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
        allow_bsn_like_ids: bool = False,
    ) -> Records:
        """Build records from observation columns, without an object per row.

        Every column has one item per observation. Each item is checked as
        :class:`~resultframe.model.facts.Observation` checks it; all bad items are
        reported together. A subject id that passes the BSN eleven test is
        refused (its row named, its value never) unless ``allow_bsn_like_ids``
        is True or :func:`resultframe.privacy.allowing_bsn_like_ids` is in force.

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
        if not isinstance(allow_bsn_like_ids, bool):
            raise InvalidValue(
                "allow_bsn_like_ids", allow_bsn_like_ids, "expected a bool"
            )
        if allow_bsn_like_ids:
            with allowing_bsn_like_ids():
                check_columns(indicator, subject, on, value, note, source)
        else:
            check_columns(indicator, subject, on, value, note, source)
        columns = build(indicator, subject, on, value, note, source)
        return cls._make(
            columns,
            _typed("subjects", subjects, Subject),
            _typed("goals", goals, Goal),
            _typed("assessments", assessments, ConditionAssessment),
            _typed("reviews", reviews, Review),
        )

    @classmethod
    def from_arrow(  # noqa: PLR0913
        cls,
        *,
        observations: Any = None,  # noqa: ANN401
        subjects: Any = None,  # noqa: ANN401
        goals: Any = None,  # noqa: ANN401
        assessments: Any = None,  # noqa: ANN401
        reviews: Iterable[Review] = (),
        allow_bsn_like_ids: bool = False,
    ) -> Records:
        """Build records from Arrow tables (the ``arrow`` extra).

        Takes the tables :meth:`to_arrow` gives (a ``pyarrow.Table`` or
        ``RecordBatch`` per fact kind; reviews as objects) and checks every item
        as :meth:`from_columns` does, a whole column at a time: ids, texts and
        values through the rules declared on the fields (each distinct value
        once), subject ids through the BSN guard, then the rows are sorted.

        Raises:
            MissingExtra: pyarrow is not installed.
            InvalidValue: a table lacks a column or a column has the wrong type.
            InvalidRecords: items are not valid; ``.problems`` names each row.
        """
        from resultframe.model import _arrow  # noqa: PLC0415 - an optional extra

        return _arrow.from_arrow(
            observations=observations,
            subjects=subjects,
            goals=goals,
            assessments=assessments,
            reviews=_typed("reviews", reviews, Review),
            allow_bsn_like_ids=allow_bsn_like_ids,
        )

    def to_arrow(self) -> dict[str, Any]:
        """One ``pyarrow.Table`` per fact kind (the ``arrow`` extra).

        Keys ``observations``, ``subjects``, ``goals`` and ``assessments``; the
        layout is described in ``docs/scale.md``. Reviews are not tabular: pass
        :attr:`reviews` to :meth:`from_arrow` as they are.

        Raises:
            MissingExtra: pyarrow is not installed.
        """
        from resultframe.model import _arrow  # noqa: PLC0415 - an optional extra

        return _arrow.to_arrow(self)

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
            old, new = columns.decoded(), observation_columns(observations)
            columns = build(*(a + b for a, b in zip(old, new, strict=True)))
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
        # What this records hold, filtered: unique, checked and in order already,
        # so nothing is checked or sorted again (the subjects are shared: no
        # Records changes its own after construction).
        new = Records.__new__(Records)
        set_ = object.__setattr__
        set_(new, "_columns", self._columns.until(day.toordinal()))
        set_(new, "_subjects", self._subjects)
        set_(
            new,
            "_goals",
            tuple(g for g in self._goals if g.baseline is None or g.baseline.on <= day),
        )
        set_(new, "_assessments", tuple(a for a in self._assessments if a.on <= day))
        set_(new, "_reviews", tuple(r for r in self._reviews if r.held_on <= day))
        set_(new, "_hash", None)
        return new

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
        return self._columns.indicators_observed()

    def latest(self, indicator: str, subject: str, on: dt.date) -> Observation | None:
        """Return the latest observation of *indicator* for *subject* on or before *on*.

        A binary search over the sorted columns. Of several observations on the
        same day, the last in canonical order is returned. None if there is none.
        """
        _check_day("on", on)
        row = self._columns.latest_row(indicator, subject, on.toordinal())
        return None if row is None else self._columns.observation(row)

    def observations_of(
        self, indicator: str, subject: str | None = None
    ) -> tuple[Observation, ...]:
        """Return the observations of *indicator* in date order.

        With *subject*, only that subject's; without, every subject's, by day and
        then subject.
        """
        c = self._columns
        if subject is not None:
            return tuple(map(c.observation, c.pair_rows(indicator, subject)))
        keys = c.keys
        rows = sorted(
            c.indicator_rows(indicator), key=lambda r: (keys[r] & DAY_MASK, keys[r])
        )
        return tuple(map(c.observation, rows))

    def series(self, indicator: str, subject: str) -> tuple[tuple[dt.date, Value], ...]:
        """Return ``(day, value)`` pairs of *indicator* for *subject*, in date order."""
        c = self._columns
        return tuple((c.day(r), c.value(r)) for r in c.pair_rows(indicator, subject))

    def subjects_of(self, indicator: str) -> tuple[str, ...]:
        """Return the ids of the subjects with observations of *indicator*, sorted."""
        c = self._columns
        codes = c.subject_codes(c.indicator_rows(indicator))
        return tuple(c.subjects[s] for s in sorted(codes))

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
        limit = DAY_MASK
        if until is not None:
            _check_day("until", until)
            limit = until.toordinal()
        return self._iter_rows(indicator, limit)

    def _iter_rows(
        self, indicator: str, limit: int
    ) -> Iterator[tuple[str, dt.date, Value]]:
        c = self._columns
        spans = c.spans(indicator, limit)
        keys, value, day_of = c.keys, c.value, dt.date.fromordinal
        for subject, start, stop in zip(
            spans.subjects, spans.starts, spans.stops, strict=True
        ):
            for r in range(start, stop):
                yield subject, day_of(keys[r] & DAY_MASK), value(r)

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
        spans = c.spans(indicator, on.toordinal())
        return tuple(
            (subject, c.value(stop - 1))
            for subject, stop in zip(spans.subjects, spans.stops, strict=True)
        )

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
        return check_facts(
            framework,
            columns=self._columns,
            subjects=self._subjects,
            goals=self._goals,
            assessments=self._assessments,
            reviews=self._reviews,
        )

    # -- equality -----------------------------------------------------------------------

    def _facts(self) -> tuple[Any, ...]:
        return (
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
        return self._columns.same_rows(other._columns) and (
            self._facts() == other._facts()
        )

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(
                self, "_hash", hash((self._columns.canonical(), self._facts()))
            )
        return self._hash  # type: ignore[return-value]

    def __repr__(self) -> str:
        # Never the facts themselves: they are about residents.
        return (
            f"<Records: {len(self)} observations, {len(self._subjects)} subjects, "
            f"{len(self._goals)} goals, {len(self._assessments)} assessments, "
            f"{len(self._reviews)} reviews>"
        )


# -- the column store, for resultframe's own modules (not in __all__) -------------------


def columns_of(records: Records) -> Columns:
    """The column store of *records*' observations, to read (internal).

    For the modules that read observations without an object per row: evaluation
    (``evaluation._access``). What a :class:`~resultframe.model._columns.Columns`
    offers is described in :mod:`resultframe.model._columns`.
    """
    return records._columns  # noqa: SLF001  (this module's own class)


def subjects_by_id(records: Records) -> Mapping[str, Subject]:
    """*records*' subjects by id, in the order of their ids (internal, read-only).

    For the modules that look subjects up by the million (the engines) without
    a dict of their own.
    """
    return types.MappingProxyType(records._subjects)  # noqa: SLF001


def records_from(columns: Columns) -> Records:
    """Records holding just the observations of *columns* (internal).

    For the facts readers (``serialization._observations``), which check every
    row they keep as :meth:`Records.from_columns` would and code it a chunk at a
    time (:func:`~resultframe.model._columns.pack`), so that nothing is checked
    twice and no column of a million objects is kept. Tests hold the readers to
    building what :meth:`Records.from_columns` builds from the same rows.
    """
    return Records._make(columns)


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
