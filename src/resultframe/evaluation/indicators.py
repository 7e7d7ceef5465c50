"""Indicators on a day: the status of each subject, and of the indicator as a whole.

Each subject is judged on its own (:class:`SubjectEvaluation`):

- **baseline**: the subject's goal's baseline; else, on the meso and macro level,
  the indicator's baseline; else the subject's first observation (for a ``sum``
  indicator: 0 on the day before its first observation, so every observation
  counts);
- **target**: the goal's target, else the indicator's targets dated after that
  baseline (if none remain, the final target is expected throughout);
- **value**: the latest observation on or before the day, or for a ``sum``
  indicator the baseline's amount plus the sum of the observations after the
  baseline day up to the day;
- **status**: see :class:`~resultframe.evaluation.status.IndicatorStatus`; without
  any target, the change from the first observation to the value gives
  ``improved``, ``stable`` or ``worsened``.

An indicator's evaluation (:class:`IndicatorEvaluation`) counts its subjects per
status and sums them up in one status, from the mean progress and the mean
expected progress of the subjects judged against a target. A derived meso or
macro indicator is judged per higher subject on its roll-up value.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from math import isfinite
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe._bsn import withheld_repr
from resultframe.errors import UnknownId
from resultframe.evaluation import _access, _args, _kernels
from resultframe.evaluation._sums import fsum
from resultframe.evaluation.rollup import (
    Rollup,
    compute,
    first_published,
    source_of,
    tree,
    with_intervals,
)
from resultframe.evaluation.status import IndicatorStatus
from resultframe.evaluation.uncertainty import mean_interval, wilson_interval
from resultframe.model.enums import Accumulation, Direction, Level, Measure

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from resultframe.evaluation.rollup import Aggregate
    from resultframe.model.definitions import Indicator
    from resultframe.model.facts import Goal
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = [
    "IndicatorEvaluation",
    "SubjectEvaluation",
    "evaluate_indicator",
    "evaluate_subject",
]

_STATUSES: Final = _kernels.STATUSES
_NARRATIVE: Final = _kernels.NARRATIVE
_NO_DATA: Final = _kernels.NO_DATA


@attrs.frozen(kw_only=True)
class SubjectEvaluation:
    """The status of an indicator for one subject on a day.

    Args:
        subject: The subject's id.
        status: Its status.
        value: The value judged: the latest observation, the sum since the
            baseline (``sum`` indicators) or the roll-up value (derived
            indicators). None without data and for qualitative indicators.
        on: The day of the latest observation counted (the roll-up's day for a
            derived indicator).
        baseline: The baseline value used; for a change-based status, the value
            on the first day.
        baseline_on: The baseline's day (the first day, change-based).
        target: The final target used; None when change-based.
        progress: Progress of the value from baseline to target.
        expected_progress: Progress expected on the day.
        deviation: ``progress - expected_progress``.
        distinguishable: With a confidence, for a derived indicator's group:
            whether the interval of its progress (from the interval of its
            roll-up value) excludes the expected progress, so that chance does
            not explain the deviation. None without a confidence or interval.
    """

    subject: str = attrs.field(repr=withheld_repr)
    status: IndicatorStatus
    value: float | None = None
    on: dt.date | None = None
    baseline: float | None = None
    baseline_on: dt.date | None = None
    target: float | None = None
    progress: float | None = None
    expected_progress: float | None = None
    deviation: float | None = None
    distinguishable: bool | None = None


@attrs.frozen(kw_only=True)
class IndicatorEvaluation:
    """An indicator on a day: its subjects counted per status, and one status.

    ``status`` sums the indicator up for the verdict. With subjects judged
    against a target, it is found from the mean progress and mean expected
    progress over them (as one subject's status is from its own), and for a
    ``maintain`` indicator it is ``achieved`` only when every such subject is.
    With only change-based subjects it is ``improved`` or ``worsened`` when more
    subjects improved than worsened or the other way round, else ``stable``.
    ``no_data`` without data, ``narrative`` for a qualitative indicator with
    observations.

    Args:
        indicator: The indicator's id.
        level: Its level.
        status: The summary status.
        counts: ``(status, number of subjects)`` for every status, zeros
            included, in the order of :class:`IndicatorStatus`.
        tolerance: The tolerance the statuses were judged with.
        progress: Mean progress of the subjects judged against a target.
        expected_progress: Their mean expected progress.
        deviation: ``progress - expected_progress``.
        subjects: One :class:`SubjectEvaluation` per subject: always for meso and
            macro indicators, for micro ones only on request (``per_subject``).
        rollup: For a derived indicator, the roll-up it was judged on.
        deteriorated: How many subjects with data are worse than their own
            start, in the indicator's direction (for ``maintain``: outside the
            band of it), whatever the summary says: a mean can hide them. None
            when :func:`~resultframe.evaluation.protect` withheld it (fewer
            than ``min_group`` residents of a micro indicator).
        progress_interval: With a confidence (``evaluate(..., confidence=)``):
            Student's *t* interval of the mean progress, from the number of
            subjects judged against a target, the sum of their progress and the
            sum of its squares (None for fewer than 2, and when progress is
            so far from 0 that its sums overflow).
        distinguishable: With a confidence: whether ``progress_interval``
            excludes the mean expected progress (the deviation is more than
            chance explains). None without an interval.
        shares: With a confidence: ``(status, low, high)``, the Wilson interval
            of the share of subjects with that status (fractions, 0-1) among
            every subject counted, for every status with a subject.
        suppressed: Withheld by :func:`~resultframe.evaluation.protect`: too
            few residents to publish any figure of. Status ``no_data``, every
            count 0, no progress, no subjects.
        withheld_statuses: Statuses whose counts
            :func:`~resultframe.evaluation.protect` withheld, one by one, from a
            micro indicator it publishes (a count of fewer than ``min_group``
            residents, and the counts that would give it away by subtraction:
            :func:`~resultframe.evaluation.withheld_statuses`). Their counts
            are 0 in ``counts``; together they are ``withheld_count``.
        withheld_count: The residents of ``withheld_statuses`` together (at
            least ``min_group``; :attr:`n` includes them).
    """

    indicator: str
    level: Level
    status: IndicatorStatus
    counts: tuple[tuple[IndicatorStatus, int], ...]
    tolerance: float
    progress: float | None = None
    expected_progress: float | None = None
    deviation: float | None = None
    subjects: tuple[SubjectEvaluation, ...] = ()
    rollup: Rollup | None = None
    suppressed: bool = False
    deteriorated: int | None = 0
    progress_interval: tuple[float, float] | None = None
    distinguishable: bool | None = None
    shares: tuple[tuple[IndicatorStatus, float, float], ...] = ()
    withheld_statuses: tuple[IndicatorStatus, ...] = ()
    withheld_count: int = 0

    @property
    def n(self) -> int:
        """The number of subjects counted (with or without data)."""
        return sum(c for _, c in self.counts) + self.withheld_count

    def count(self, status: IndicatorStatus) -> int:
        """The number of subjects with *status* (0 for a withheld status)."""
        for s, c in self.counts:
            if s is status:
                return c
        return 0

    def subject(self, subject_id: str) -> SubjectEvaluation:
        """The evaluation of one subject (if subjects were kept).

        Raises:
            UnknownId: no such subject in :attr:`subjects`.
        """
        for s in self.subjects:
            if s.subject == subject_id:
                return s
        raise UnknownId("subject", subject_id)


class _Rule:
    """The numbers an indicator is judged by on one day, and its judge.

    ``judge`` judges against the indicator's own targets (None without any); a
    goal's target gets a judge of its own (:func:`_kernels.judge_on`).
    """

    __slots__ = ("band", "day", "judge", "sign", "sum", "tdays", "tol", "tvals")

    def __init__(self, indicator: Indicator, day: dt.date, tol: float) -> None:
        self.sign = _kernels.direction_sign(indicator.direction)
        self.band = indicator.band or 0.0
        self.tol = tol
        self.day = day.toordinal()
        self.sum = indicator.accumulation is Accumulation.SUM
        self.tdays = [t.by.toordinal() for t in indicator.targets]
        self.tvals = [t.value for t in indicator.targets]
        self.judge: _kernels.Judge | None = (
            _kernels.judge_on(
                self.tdays,
                self.tvals,
                self.day,
                sign=self.sign,
                band=self.band,
                tol=tol,
            )
            if self.tdays
            else None
        )

    def judge_goal(self, goal: Goal) -> _kernels.Judge:
        """A judge against a goal's target instead of the indicator's."""
        return _kernels.judge_on(
            [goal.target.by.toordinal()],
            [goal.target.value],
            self.day,
            sign=self.sign,
            band=self.band,
            tol=self.tol,
        )


class _Tally:
    """Counts per status and sums of progress, as subjects are judged."""

    __slots__ = ("counts", "expected", "kept", "n", "progress", "squares", "worse")

    def __init__(self, keep: bool) -> None:
        self.counts = [0] * len(_STATUSES)
        self.n = 0
        self.progress = 0.0
        self.expected = 0.0
        self.squares = 0.0
        self.worse = 0
        self.kept: list[SubjectEvaluation] | None = [] if keep else None

    def sums(self, ps: list[float], es: list[float]) -> None:
        """Sum up the progress *ps* and expected progress *es* of those judged.

        Exact sums (:func:`math.fsum`): the order in which subjects were judged,
        one by one or by whole columns, changes nothing.
        """
        self.n = len(ps)
        self.progress = fsum(ps)
        self.expected = fsum(es)
        self.squares = fsum([p * p for p in ps])

    def summary(
        self,
        indicator: Indicator,
        level: Level,
        tol: float,
        rollup: Rollup | None,
        confidence: float | None = None,
    ) -> IndicatorEvaluation:
        counts = self.counts
        mp = me = md = None
        if indicator.measure is Measure.QUALITATIVE:
            code = _NARRATIVE if counts[_NARRATIVE] else _NO_DATA
        else:
            if self.n:
                mp = self.progress / self.n
                me = self.expected / self.n
                md = _kernels.deviation(mp, me)
            code = _kernels.summary_status(
                counts,
                self.n,
                mp or 0.0,
                me or 0.0,
                tol,
                maintain=indicator.direction is Direction.MAINTAIN,
            )
        out = IndicatorEvaluation(
            indicator=indicator.id,
            level=level,
            status=_STATUSES[code],
            counts=tuple(zip(_STATUSES, counts, strict=True)),
            tolerance=tol,
            progress=mp,
            expected_progress=me,
            deviation=md,
            deteriorated=self.worse,
            subjects=tuple(self.kept) if self.kept is not None else (),
            rollup=rollup,
        )
        if confidence is None:
            return out
        return self.uncertain(out, confidence)

    def uncertain(
        self, out: IndicatorEvaluation, confidence: float
    ) -> IndicatorEvaluation:
        """*out* with its intervals at *confidence*."""
        total = sum(self.counts)
        shares = tuple(
            (s, *wilson_interval(c, total, confidence))
            for s, c in zip(_STATUSES, self.counts, strict=True)
            if c
        )
        interval = None
        apart = None
        if (
            self.n >= 2
            and out.expected_progress is not None
            and isfinite(self.progress)
            and isfinite(self.squares)
        ):
            interval = mean_interval(self.n, self.progress, self.squares, confidence)
            apart = not interval[0] <= out.expected_progress <= interval[1]
        subjects = out.subjects
        if out.rollup is not None:
            roll = with_intervals(out.rollup, confidence)
            cells = {g.subject: g for g in roll.at(out.level)}
            subjects = tuple(_apart(s, cells.get(s.subject)) for s in subjects)
            out = attrs.evolve(out, rollup=roll)
        return attrs.evolve(
            out,
            shares=shares,
            progress_interval=interval,
            distinguishable=apart,
            subjects=subjects,
        )


def _apart(s: SubjectEvaluation, cell: Aggregate | None) -> SubjectEvaluation:
    """Whether a group's progress interval excludes its expected progress.

    The value's interval maps onto progress by :func:`_kernels.way` (progress is
    linear in the value); a group whose baseline meets its target has no way and
    no interval.
    """
    if (
        cell is None
        or cell.interval is None
        or s.progress is None
        or s.expected_progress is None
        or s.baseline is None
        or s.target is None
        or s.baseline == s.target
    ):
        return s
    ends = [_kernels.way(s.baseline, s.target, x) for x in cell.interval]
    low, high = min(ends), max(ends)
    return attrs.evolve(s, distinguishable=not low <= s.expected_progress <= high)


def observed(  # noqa: PLR0913
    indicator: Indicator,
    level: Level,
    records: Records,
    day: dt.date,
    *,
    tol: float,
    goals: dict[str, list[Goal]],
    keep: bool,
    only: str | None = None,
    confidence: float | None = None,
    columns: _access.ColumnSource | None = None,
) -> IndicatorEvaluation:
    """Judge an indicator that is observed (not derived), subject by subject.

    *columns* gives the indicator's rows instead of *records* (an engine's
    sufficient statistics, :mod:`resultframe.engines`).
    """
    col = (columns or _access.column)(records, indicator.id, day)
    if only is not None:
        i = bisect_left(col.subjects, only)
        found = i < len(col.subjects) and col.subjects[i] == only
        col = attrs.evolve(
            col,
            subjects=col.subjects[i : i + 1] if found else [],
            starts=col.starts[i : i + 1] if found else [],
            stops=col.stops[i : i + 1] if found else [],
        )
        goals = {only: goals[only]} if only in goals else {}
    tally = _Tally(keep)
    if indicator.measure is Measure.QUALITATIVE:
        kept = tally.kept
        for subject, stop in zip(col.subjects, col.stops, strict=True):
            tally.counts[_NARRATIVE] += 1
            if kept is not None:
                kept.append(
                    SubjectEvaluation(
                        subject=subject,
                        status=IndicatorStatus.NARRATIVE,
                        on=_access.to_date(col.keys[stop - 1] & _access.DAY_MASK),
                    )
                )
    else:
        _judge_all(
            _Rule(indicator, day, tol), indicator, level, col, goals=goals, tally=tally
        )
    _no_data(tally, col.subjects, goals)
    return tally.summary(indicator, level, tol, None, confidence)


def _judge_all(  # noqa: PLR0913, PLR0915
    rule: _Rule,
    indicator: Indicator,
    level: Level,
    col: _access.Column,
    *,
    goals: dict[str, list[Goal]],
    tally: _Tally,
) -> None:
    """Judge every subject of *col*; the hot loop of evaluation.

    All arithmetic is the kernels' (:mod:`~resultframe.evaluation._kernels`):
    this loop only finds each subject's baseline, value and targets.
    """
    counts = tally.counts
    kept = tally.kept
    keys, values = col.keys, col.values
    mask = _access.DAY_MASK
    dates: dict[int, dt.date] = {}

    def date_of(ordinal: int) -> dt.date:
        d = dates.get(ordinal)
        if d is None:
            d = dates[ordinal] = _access.to_date(ordinal)
        return d

    is_sum = rule.sum
    own = _access.explicit_baseline(indicator, level, None)
    own_b = own.value if own is not None else 0.0
    own_day = own.on.toordinal() if own is not None else 0
    ind_tvals = rule.tvals
    ind_judge = rule.judge
    today = today_date(rule)
    value_of = _kernels.span_sum if is_sum else _kernels.span_latest
    worse_than = _kernels.PLAIN.worse_on(rule.sign, rule.band)
    ps: list[float] = []
    es: list[float] = []
    worse = 0
    ops = column_ops() if not is_sum and ind_judge is not None else None
    rows: Iterable[tuple[str, int, int]] = zip(
        col.subjects, col.starts, col.stops, strict=True
    )
    by_columns: list[SubjectEvaluation] = []
    if ops is not None:
        # Every subject without a goal at once, judged by the same rules on
        # whole columns; the loop below judges those with a goal.
        own_goal = _with_goals(col.subjects, goals)
        worse = _judge_columns(
            rule,
            col,
            own_goal,
            ops,
            tally=(counts, ps, es),
            start=None if own is None else (own_b, own_day),
            kept=None if kept is None else (by_columns, date_of),
        )
        rows = [(col.subjects[i], col.starts[i], col.stops[i]) for i in own_goal]
    for subject, start, stop in rows:
        goal = goals.get(subject) if goals else None
        first_day = keys[start] & mask
        judge, tvals = ind_judge, ind_tvals
        explicit = own is not None
        b, bday = own_b, own_day
        if goal is not None:
            g = _access.goal_on(goal, today)
            judge, tvals = rule.judge_goal(g), [g.target.value]
            base = _access.explicit_baseline(indicator, level, g)
            if base is not None and base is not own:  # the goal's
                explicit = True
                b, bday = base.value, base.on.toordinal()
        after = bday if explicit else None
        if not explicit:
            if is_sum:
                b, bday = 0.0, first_day - 1
            else:
                b, bday = values[start], first_day
        v = value_of(col, start, stop, after)
        if judge is None:
            first = _kernels.span_first(col, start, stop, is_sum=is_sum, after=after)
            if is_sum and explicit:
                v = _kernels.accumulated(b, v)
                first = _kernels.accumulated(b, first)
            code = _kernels.change_status(rule.sign, rule.band, first, v)
            counts[code] += 1
            worse += code == _kernels.WORSENED
            if kept is not None:
                kept.append(
                    SubjectEvaluation(
                        subject=subject,
                        status=_STATUSES[code],
                        value=v,
                        on=date_of(keys[stop - 1] & mask),
                        baseline=first,
                        baseline_on=date_of(first_day),
                    )
                )
            continue
        if is_sum and explicit:
            v = _kernels.accumulated(b, v)
        code, p, e = judge(b, bday, v)
        worse += worse_than(b, v)
        ps.append(p)
        es.append(e)
        counts[code] += 1
        if kept is not None:
            kept.append(
                SubjectEvaluation(
                    subject=subject,
                    status=_STATUSES[code],
                    value=v,
                    on=date_of(keys[stop - 1] & mask),
                    baseline=b,
                    baseline_on=date_of(bday),
                    target=tvals[-1],
                    progress=p,
                    expected_progress=e,
                    deviation=_kernels.deviation(p, e),
                )
            )
    if by_columns and kept is not None:
        kept.extend(by_columns)
        kept.sort(key=lambda e: e.subject)
    tally.sums(ps, es)
    tally.worse = worse


def column_ops() -> _kernels.ColumnOps | None:
    """The choices to judge whole columns with (None: judge one by one)."""
    return _kernels.column_ops()


def _with_goals(subjects: Sequence[str], goals: dict[str, list[Goal]]) -> list[int]:
    """The indices in *subjects* (sorted) of those with a goal, in order."""
    found = []
    for s in goals:
        i = bisect_left(subjects, s)
        if i < len(subjects) and subjects[i] == s:
            found.append(i)
    return sorted(found)


def _ints(np: Any, seq: Sequence[int]) -> Any:  # noqa: ANN401
    """*seq* as a numpy column of int64 (a range without a list in between)."""
    if isinstance(seq, range):
        return np.arange(seq.start, seq.stop, seq.step, dtype=np.int64)
    return np.asarray(seq, dtype=np.int64)


def _judge_columns(  # noqa: PLR0913
    rule: _Rule,
    col: _access.Column,
    own_goal: list[int],
    ops: _kernels.ColumnOps,
    *,
    tally: tuple[list[int], list[float], list[float]],
    start: tuple[float, int] | None,
    kept: tuple[list[SubjectEvaluation], Callable[[int], dt.date]] | None,
) -> int:
    """Judge at once every subject of *col* but *own_goal*, on whole columns.

    Each starts from *start* (the indicator's own baseline) or else its own
    first value, and is judged on its latest value against the indicator's
    targets, by :func:`_kernels.judged` and :func:`_kernels.worse_on` on numpy
    columns: the rules the loop of :func:`_judge_all` calls one subject at a
    time. Adds to the *tally*'s counts, progress and expected progress, and
    to the list of *kept* evaluations (with a day's date); returns how many
    are worse than their start.
    """
    np = ops.np
    counts, ps, es = tally
    starts, stops = _ints(np, col.starts), _ints(np, col.stops)
    chosen: Any = slice(None)
    if own_goal:
        chosen = np.ones(len(starts), dtype=bool)
        chosen[own_goal] = False
        starts, stops = starts[chosen], stops[chosen]
    if not len(starts):
        return 0
    keys = np.frombuffer(col.keys, dtype=np.int64)
    values = np.frombuffer(col.values, dtype=np.float64)
    if start is None:
        b = values[starts]
        bday = keys[starts] & _access.DAY_MASK
    else:
        b = np.full(len(starts), start[0], dtype=np.float64)
        bday = np.full(len(starts), start[1], dtype=np.int64)
    v = values[stops - 1]
    with np.errstate(over="ignore"):  # to inf, as the same division of floats
        code, p, e = _kernels.judged(
            b,
            bday,
            v,
            tdays=rule.tdays,
            tvals=rule.tvals,
            day=rule.day,
            sign=rule.sign,
            band=rule.band,
            tol=rule.tol,
            ops=ops,
        )
        d = _kernels.deviation(p, e)
    for k, c in enumerate(np.bincount(code, minlength=len(counts)).tolist()):
        counts[k] += c
    ps.extend(p.tolist())
    es.extend(e.tolist())
    if kept is not None:
        out, date_of = kept
        target = rule.tvals[-1]
        last = (keys[stops - 1] & _access.DAY_MASK).tolist()
        subjects = list(col.subjects)
        if own_goal:
            subjects = [
                s for s, free in zip(subjects, chosen.tolist(), strict=True) if free
            ]
        out.extend(
            SubjectEvaluation(
                subject=subject,
                status=_STATUSES[c],
                value=vi,
                on=date_of(on),
                baseline=bi,
                baseline_on=date_of(bd),
                target=target,
                progress=pi,
                expected_progress=ei,
                deviation=di,
            )
            for subject, c, vi, on, bi, bd, pi, ei, di in zip(
                subjects,
                code.tolist(),
                v.tolist(),
                last,
                b.tolist(),
                bday.tolist(),
                ps[-len(starts) :],
                es[-len(starts) :],
                d.tolist(),
                strict=True,
            )
        )
    worse = _kernels.worse_on(rule.sign, rule.band, ops)
    return int(np.count_nonzero(worse(b, v)))


def today_date(rule: _Rule) -> dt.date:
    """The day a rule judges on, as a date."""
    return _access.to_date(rule.day)


def _no_data(
    tally: _Tally, subjects: Sequence[str], goals: dict[str, list[Goal]]
) -> None:
    """Count the subjects with a goal but no observation yet (*subjects* sorted)."""
    if not goals:
        return
    seen = {subjects[i] for i in _with_goals(subjects, goals)}
    missing = sorted(s for s in goals if s not in seen)
    tally.counts[_NO_DATA] += len(missing)
    if tally.kept is not None and missing:
        tally.kept.extend(
            SubjectEvaluation(subject=s, status=IndicatorStatus.NO_DATA)
            for s in missing
        )
        tally.kept.sort(key=lambda e: e.subject)


def derived(  # noqa: PLR0913
    framework: ResultsFramework,
    indicator: Indicator,
    records: Records,
    day: dt.date,
    *,
    level: Level,
    tol: float,
    min_group: int,
    only: str | None = None,
    roll: Rollup | None = None,
    confidence: float | None = None,
) -> IndicatorEvaluation:
    """Judge a derived indicator per higher subject, on its roll-up values.

    *roll* is the roll-up to judge on when it is given (a publication's, with
    more groups withheld); else it is computed.

    A suppressed group has no data. The baseline is the indicator's; without
    one, each group's first published value (see
    :func:`~resultframe.evaluation.rollup.first_published`) serves, as the
    first observation does for an observed indicator.
    """
    source = source_of(framework, indicator)
    if roll is None:
        roll = compute(records, indicator, source, day, min_group=min_group, by=None)
    cells = [a for a in roll.at(level) if only is None or a.subject == only]
    rule = _Rule(indicator, day, tol)
    base = indicator.baseline
    firsts: dict[str, tuple[int, float]] = {}
    if base is None or not rule.tdays:
        shape = tree(records, source.level)
        firsts = first_published(
            records, source, shape, level=level, day=day, min_group=min_group
        )
    tally = _Tally(keep=True)
    kept = tally.kept if tally.kept is not None else []
    ps: list[float] = []
    es: list[float] = []
    for a in cells:
        v = a.value
        first = firsts.get(a.subject)
        start: tuple[int, float] | None = first
        if base is not None and rule.tdays:
            start = (base.on.toordinal(), base.value)
        if v is None or start is None:
            tally.counts[_NO_DATA] += 1
            kept.append(
                SubjectEvaluation(subject=a.subject, status=IndicatorStatus.NO_DATA)
            )
            continue
        bday, b = start
        if rule.judge is not None:
            code, p, e = rule.judge(b, bday, v)
            tally.worse += _kernels.worse(rule.sign, rule.band, b, v)
            ps.append(p)
            es.append(e)
            kept.append(
                SubjectEvaluation(
                    subject=a.subject,
                    status=_STATUSES[code],
                    value=v,
                    on=day,
                    baseline=b,
                    baseline_on=_access.to_date(bday),
                    target=rule.tvals[-1],
                    progress=p,
                    expected_progress=e,
                    deviation=_kernels.deviation(p, e),
                )
            )
        else:
            code = _kernels.change_status(rule.sign, rule.band, b, v)
            tally.worse += code == _kernels.WORSENED
            kept.append(
                SubjectEvaluation(
                    subject=a.subject,
                    status=_STATUSES[code],
                    value=v,
                    on=day,
                    baseline=b,
                    baseline_on=_access.to_date(bday),
                )
            )
        tally.counts[code] += 1
    tally.sums(ps, es)
    return tally.summary(indicator, level, tol, roll, confidence)


def evaluate_indicator(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    indicator_id: str,
    as_of: dt.date,
    *,
    tolerance: float | None = None,
    per_subject: bool = False,
    min_group: int = 10,
) -> IndicatorEvaluation:
    """Evaluate one indicator on a day: its subjects per status, and one status.

    Only facts dated on or before *as_of* count (goals once their baseline's day
    has come). The records are assumed to fit the framework; :func:`evaluate`
    checks that first.

    Args:
        framework: The framework.
        records: The facts.
        indicator_id: The indicator.
        as_of: The day.
        tolerance: Judge with this tolerance instead of the indicator's (a
            feedback cycle's override).
        per_subject: Keep one :class:`SubjectEvaluation` per micro subject
            (meso and macro subjects are always kept).
        min_group: Smallest published group of a derived indicator's roll-up.

    Raises:
        UnknownId: the framework has no such indicator.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    indicator = _args.indicator(fw, indicator_id)
    day = _args.day("as_of", as_of)
    tol = _args.tolerance(tolerance)
    keep = _args.flag("per_subject", per_subject)
    minimum = _args.min_group(min_group)
    goals = _access.known_goals(recs, day)
    return evaluate_one(
        fw,
        recs,
        indicator,
        day,
        tol=indicator.tolerance if tol is None else tol,
        goals=goals.get(indicator.id, {}),
        keep=keep,
        min_group=minimum,
    )


def evaluate_one(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    indicator: Indicator,
    day: dt.date,
    *,
    tol: float,
    goals: dict[str, list[Goal]],
    keep: bool,
    min_group: int,
    only: str | None = None,
    confidence: float | None = None,
    columns: _access.ColumnSource | None = None,
) -> IndicatorEvaluation:
    """:func:`evaluate_indicator` without argument checks.

    *columns*: see :func:`observed`.
    """
    level = framework.level_of(indicator.id)
    if indicator.derived_from is not None:
        return derived(
            framework,
            indicator,
            records,
            day,
            level=level,
            tol=tol,
            min_group=min_group,
            only=only,
            confidence=confidence,
        )
    return observed(
        indicator,
        level,
        records,
        day,
        tol=tol,
        goals=goals,
        keep=keep or level is not Level.MICRO,
        only=only,
        confidence=confidence,
        columns=columns,
    )


def evaluate_subject(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    indicator_id: str,
    subject_id: str,
    as_of: dt.date,
    *,
    tolerance: float | None = None,
    min_group: int = 10,
) -> SubjectEvaluation:
    """Evaluate an indicator for one subject on a day.

    A subject without data (or, for a derived indicator, a suppressed group) is
    ``no_data``.

    Raises:
        UnknownId: no such indicator in the framework, or no such subject in
            the records.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    indicator = _args.indicator(fw, indicator_id)
    subject = recs.subject(_args.text_id("subject_id", subject_id)).id
    day = _args.day("as_of", as_of)
    tol = _args.tolerance(tolerance)
    minimum = _args.min_group(min_group)
    goals = _access.known_goals(recs, day).get(indicator.id, {})
    result = evaluate_one(
        fw,
        recs,
        indicator,
        day,
        tol=indicator.tolerance if tol is None else tol,
        goals=goals,
        keep=True,
        min_group=minimum,
        only=subject,
    )
    for s in result.subjects:
        if s.subject == subject:
            return s
    return SubjectEvaluation(subject=subject, status=IndicatorStatus.NO_DATA)
