"""The arithmetic of evaluation, written once: progress, expected value, deviation, status.

Numbers and day ordinals only, no model objects, so that every path calls the
same functions: the public functions of :mod:`~resultframe.evaluation.progress`
(one indicator, one value), the per-subject loop of
:mod:`~resultframe.evaluation.indicators` (every subject of an indicator at once,
observed or derived) and the roll-up's ``share_improved`` and ``share_reaching``
(:mod:`~resultframe.evaluation.rollup`). Status codes are indices into
:data:`STATUSES`, so that a loop can count them in a list.

A loop that judges many subjects against the same targets on the same day asks
:func:`judge_on` once for a judge, and calls it per subject; the scalar
:func:`judge` is that same judge, made for one subject.

>>> expected(10.0, 100, sign=1, tdays=[200], tvals=[30.0], day=150)  # halfway
20.0
>>> progress(1, 0.0, 10.0, 30.0, 25.0)  # (25 - 10) / (30 - 10)
0.75
>>> code, p, e = judge(10.0, 100, 25.0, sign=1, band=0.0, tol=0.1,
...     tdays=[200], tvals=[30.0], day=150)
>>> STATUSES[code].value, p, e  # deviation 0.75 - 0.5 = 0.25 > 0.1
('ahead', 0.75, 0.5)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final, TypeAlias

from resultframe.evaluation import _access
from resultframe.evaluation._forms import plain_forms
from resultframe.evaluation.status import IndicatorStatus
from resultframe.model.enums import Direction

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    Judge = Callable[[float, int, float], tuple[int, float, float]]

STATUSES: Final = tuple(IndicatorStatus)
"""Every status, in the order of :class:`IndicatorStatus`; a code is an index."""
(
    ACHIEVED,
    AHEAD,
    ON_TRACK,
    BEHIND,
    DETERIORATED,
    IMPROVED,
    STABLE,
    WORSENED,
    NO_DATA,
    NARRATIVE,
) = range(len(STATUSES))


def direction_sign(direction: Direction) -> int:
    """Return +1 for ``increase``, -1 for ``decrease`` and 0 for ``maintain``."""
    if direction is Direction.INCREASE:
        return 1
    if direction is Direction.DECREASE:
        return -1
    return 0


# -- one rule, on numbers or on whole columns ----------------------------------------


class ScalarOps:
    """The choices the rules below make, for one subject's numbers.

    Each rule is written once, with these three choices and arithmetic, so that
    it runs on plain numbers (this class) and on whole columns of numbers
    (:func:`column_ops`, numpy) alike. A choice here takes both of its values
    already computed, as numpy's does; the rules keep every value they compute
    finite, so nothing computed and left unchosen can fail.
    """

    scalar: Final = True

    @staticmethod
    def where(cond: Any, yes: Any, no: Any) -> Any:  # noqa: ANN401
        """*yes* where *cond* holds, else *no*."""
        return yes if cond else no

    @staticmethod
    def select(conds: Sequence[Any], choices: Sequence[Any], default: Any) -> Any:  # noqa: ANN401
        """The choice of the first condition that holds, else *default*."""
        for cond, choice in zip(conds, choices, strict=True):
            if cond:
                return choice
        return default

    @staticmethod
    def not_(cond: Any) -> Any:  # noqa: ANN401
        """Whether *cond* does not hold."""
        return not cond


SCALAR: Final = ScalarOps()
"""The choices for plain numbers."""


class ColumnOps:
    """The choices of :class:`ScalarOps` for numpy columns (:func:`column_ops`)."""

    scalar: Final = False

    def __init__(self, np: Any) -> None:  # noqa: ANN401
        self.np = np
        self.where = np.where
        self.not_ = np.logical_not

    def select(self, conds: Sequence[Any], choices: Sequence[Any], default: Any) -> Any:  # noqa: ANN401
        np = self.np
        shape = np.broadcast_shapes(*(np.shape(c) for c in conds))
        return np.select([np.broadcast_to(c, shape) for c in conds], choices, default)


Ops: TypeAlias = "ScalarOps | ColumnOps"
"""The choices a rule is computed with: :data:`SCALAR` or :func:`column_ops`."""


def column_ops() -> ColumnOps | None:
    """The choices for whole numpy columns; None when numpy is not installed."""
    try:
        import numpy as np  # noqa: PLC0415
    except ImportError:  # pragma: no cover - numpy is in every extra that counts
        return None
    return ColumnOps(np)


# -- change and reach ------------------------------------------------------------------


def gain(sign: int, first: float, value: float) -> float:
    """How much better *value* is than *first* in the direction *sign* (±1).

    Positive is better, negative worse; 0 is no change.
    """
    return (value - first) * sign


def reaches(sign: int, band: float, value: float, target: float) -> bool:
    """Whether *value* is at or beyond *target* in the direction *sign*.

    For ``maintain`` (*sign* 0): whether it lies within *band* of *target*.
    """
    if sign == 0:
        return abs(value - target) <= band
    return gain(sign, target, value) >= 0


def change_status(sign: int, band: float, first: float, value: float) -> int:
    """The status code of a change from *first* to *value* (no target to judge by).

    ``improved``, ``stable`` or ``worsened`` in the direction *sign*; for
    ``maintain``: ``stable`` within *band* of *first*, else ``worsened``.
    """
    if sign == 0:
        return STABLE if reaches(0, band, value, first) else WORSENED
    d = gain(sign, first, value)
    if d > 0:
        return IMPROVED
    return WORSENED if d < 0 else STABLE


def worse_on(sign: int, band: float, ops: Ops = SCALAR) -> Callable[[Any, Any], Any]:
    """A test whether a value is worse than a subject's own start: ``(b, v)`` in.

    The ``worsened`` of :func:`change_status`, made once for a direction: in
    the direction *sign*, :func:`gain` below 0 (``v * sign < b * sign``); for
    ``maintain``, outside *band* of *b* (not :func:`reaches` it). Numbers, or
    columns of them with *ops* from :func:`column_ops`.
    """
    if sign == 0:
        return lambda b, v: ops.not_(abs(v - b) <= band)
    return lambda b, v: v * sign < b * sign


def worse(sign: int, band: float, b: float, v: float) -> bool:
    """Whether *v* is worse than the subject's own start *b*; see :func:`worse_on`."""
    return bool(PLAIN.worse_on(sign, band)(b, v))


# -- progress, expected value, deviation -----------------------------------------------


def stays(sign: int, b: Any, t: Any) -> Any:  # noqa: ANN401
    """Whether there is no way to go from baseline *b* to target *t*, only a place.

    True for ``maintain`` (*sign* 0) and for a baseline that already meets the
    target (:func:`reaches`).
    """
    return sign == 0 or reaches(sign, 0.0, b, t)


def way(b: Any, t: Any, v: Any, ops: Ops = SCALAR, *, stay: Any = False) -> Any:  # noqa: ANN401
    """How far *v* has come on the way from *b* to *t*: ``(v - b) / (t - b)``.

    Where *stay* holds (the subject :func:`stays`, with no way to go) the
    result is not used, and is ``v - b`` instead, so that a column of
    subjects can be divided at once.
    """
    return (v - b) / ops.where(stay, 1.0, t - b)


def progress(sign: int, band: float, b: float, t: float, v: float) -> float:
    """Progress of *v* from baseline *b* to target *t*.

    On a way to go (:func:`way`): ``(v - b) / (t - b)``, with the direction in
    the sign of ``t - b``. Where it :func:`stays`: 1 while *v* reaches the
    target (within *band* for ``maintain``), else 0.
    """
    if stays(sign, b, t):
        return 1.0 if reaches(sign, band, v, t) else 0.0
    return float(PLAIN.way(b, t, v))


def deviation(p: Any, e: Any) -> Any:  # noqa: ANN401
    """Deviation: progress *p* minus expected progress *e*."""
    return p - e


def path_value(  # noqa: PLR0913
    b: Any,  # noqa: ANN401
    bday: Any,  # noqa: ANN401
    *,
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
    sign: int = 0,
    ops: Ops = SCALAR,
) -> Any:  # noqa: ANN401
    """The value on *day* of the path from a baseline ``(b, bday)`` through targets.

    The path runs from ``(bday, b)`` through the targets dated after *bday*
    (*tdays* strictly increasing, *tvals* not empty): ``b`` on and before
    *bday*, linear between neighbouring points, the final target's value from
    its day on. When no target lies after *bday*, the final target's value
    throughout.

    With a direction *sign* (±1), an interim target that does not lie ahead of
    *b* in that direction (:func:`gain` 0 or below) is left out, so that the
    path never runs back to or behind the baseline: a subject who stands still
    is never ahead of it.

    *b* and *bday* are numbers, or columns of them with *ops* from
    :func:`column_ops`: the path walks the targets once for every subject.
    """
    last = len(tdays) - 1
    final = tvals[last]
    no_target = bday >= tdays[last]  # none after the baseline: the final value
    before = day <= bday
    out = ops.where(no_target, final, ops.where(before, b, final))
    done = no_target | before
    d0, v0 = bday, b  # the point the path last passed
    ahead = b * sign
    for k, (tk, vk) in enumerate(zip(tdays, tvals, strict=True)):
        if ops.scalar and done:
            break
        passed = ops.not_(done) & (bday < tk)
        if sign and k < last:
            passed = passed & (vk * sign > ahead)  # an interim target ahead of b
        on_way = passed & (day <= tk)
        between = v0 + (vk - v0) * (day - d0) / ops.where(on_way, tk - d0, 1)
        out = ops.where(on_way, ops.where(day == tk, vk, between), out)
        done = done | on_way
        d0 = ops.where(passed, tk, d0)
        v0 = ops.where(passed, vk, v0)
    return out


def path_on(
    tdays: Sequence[int], tvals: Sequence[float], day: int, sign: int = 0
) -> Callable[[float, int], float]:
    """:func:`path_value` on *day*, as a function of the baseline ``(b, bday)``."""
    form = PLAIN.path_value

    def at(b: float, bday: int) -> float:
        return form(b, bday, tdays=tdays, tvals=tvals, day=day, sign=sign)  # type: ignore[no-any-return]

    return at


def expected_value(  # noqa: PLR0913
    b: Any,  # noqa: ANN401
    bday: Any,  # noqa: ANN401
    *,
    sign: int,
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
    ops: Ops = SCALAR,
) -> Any:  # noqa: ANN401
    """The expected value on *day* from baseline ``(bday, b)``.

    The :func:`path_value` through the targets (interim targets behind *b* left
    out); but when *b* already meets the final target (in direction *sign*;
    never for ``maintain``), *b* itself: stay there.
    """
    path = path_value(b, bday, tdays=tdays, tvals=tvals, day=day, sign=sign, ops=ops)
    if sign == 0:
        return path
    return ops.where(stays(sign, b, tvals[-1]), b, path)


def expected_on(
    sign: int, tdays: Sequence[int], tvals: Sequence[float], day: int
) -> Callable[[float, int], float]:
    """:func:`expected_value` on *day*, as a function of the baseline ``(b, bday)``."""
    form = PLAIN.expected_value

    def at(b: float, bday: int) -> float:
        return form(b, bday, sign=sign, tdays=tdays, tvals=tvals, day=day)  # type: ignore[no-any-return]

    return at


def expected(  # noqa: PLR0913
    b: float,
    bday: int,
    *,
    sign: int,
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
) -> float:
    """The expected value on *day* from baseline ``(bday, b)``; see :func:`expected_value`."""
    return expected_on(sign, tdays, tvals, day)(b, bday)


# -- status ----------------------------------------------------------------------------


def target_status(p: Any, d: Any, tol: float, ops: Ops = SCALAR) -> Any:  # noqa: ANN401
    """The status code of progress *p* with deviation *d*, judged with *tol*.

    ``achieved`` from progress 1, ``deteriorated`` below 0, else ``ahead`` or
    ``behind`` outside ``± tol`` and ``on_track`` within. A deviation that is
    no number (NaN: the mean of progress ``inf`` and ``-inf``) is within no
    bound, so it is not ``on_track`` but ``behind``: a status that cannot be
    shown is not reported as good.
    """
    return ops.select(
        (p >= 1, p < 0, d > tol, d < -tol, abs(d) <= tol),
        (ACHIEVED, DETERIORATED, AHEAD, BEHIND, ON_TRACK),
        BEHIND,
    )


def judged(  # noqa: PLR0913
    b: Any,  # noqa: ANN401
    bday: Any,  # noqa: ANN401
    v: Any,  # noqa: ANN401
    *,
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
    sign: int,
    band: float,
    tol: float,
    ops: Ops = SCALAR,
) -> tuple[Any, Any, Any]:
    """``(status code, progress, expected progress)`` of *v* from ``(bday, b)``.

    Judged against the final target of *tdays*/*tvals* on *day*:

    - ``maintain``: ``behind`` outside the band, else ``achieved`` from the final
      target's day on and ``on_track`` before it;
    - a baseline that already meets the final target: ``achieved`` while *v*
      meets it too (progress 1), else ``behind`` (progress 0, expected 1);
    - otherwise :func:`target_status` of the progress and its deviation from
      the expected progress.

    Numbers, or columns of them with *ops* from :func:`column_ops`.
    """
    t = tvals[-1]
    path = path_value(b, bday, tdays=tdays, tvals=tvals, day=day, sign=sign, ops=ops)
    if sign == 0:  # maintain: a place to stay, within the band
        p = ops.where(reaches(0, band, v, t), 1.0, 0.0)
        e = ops.where(reaches(0, band, path, t), 1.0, 0.0)
        kept = ACHIEVED if day >= tdays[-1] else ON_TRACK
        return ops.where(reaches(0, band, v, t), kept, BEHIND), p, e
    stay = stays(sign, b, t)  # the baseline meets the final target
    met = reaches(sign, band, v, t)
    p_way = way(b, t, v, ops, stay=stay)
    e_way = way(b, t, path, ops, stay=stay)
    code = ops.where(
        stay,
        ops.where(met, ACHIEVED, BEHIND),
        target_status(p_way, deviation(p_way, e_way), tol, ops),
    )
    # Staying, the expected value is b itself (expected_value): progress 1.
    return (
        code,
        ops.where(stay, ops.where(met, 1.0, 0.0), p_way),
        ops.where(stay, 1.0, e_way),
    )


def judge_on(  # noqa: PLR0913
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
    *,
    sign: int,
    band: float,
    tol: float,
) -> Judge:
    """A judge of values against fixed targets on *day*: ``(b, bday, v)`` in.

    :func:`judged`, for one subject's numbers at a time (its plain form).
    """
    form = PLAIN.judged

    def judge_one(b: float, bday: int, v: float) -> tuple[int, float, float]:
        return form(  # type: ignore[no-any-return]
            b, bday, v, tdays=tdays, tvals=tvals, day=day, sign=sign, band=band, tol=tol
        )

    return judge_one


def judge(  # noqa: PLR0913
    b: float,
    bday: int,
    v: float,
    *,
    sign: int,
    band: float,
    tol: float,
    tdays: Sequence[int],
    tvals: Sequence[float],
    day: int,
) -> tuple[int, float, float]:
    """``(status code, progress, expected progress)`` of one value; see :func:`judged`."""
    return judge_on(tdays, tvals, day, sign=sign, band=band, tol=tol)(b, bday, v)


def summary_status(  # noqa: PLR0913
    counts: Sequence[int],
    n: int,
    mp: float,
    me: float,
    tol: float,
    *,
    maintain: bool,
) -> int:
    """The status code of an indicator as a whole, from its subjects.

    With *n* subjects judged against a target (mean progress *mp*, mean expected
    progress *me*): :func:`target_status` of the means, but ``on_track`` instead
    of ``achieved`` for a ``maintain`` indicator unless every such subject is
    achieved. Without: ``improved`` or ``worsened`` when more subjects improved
    than worsened or the other way round, ``stable`` when as many, ``no_data``
    when none changed either way or stayed stable. *counts* are per status code.
    """
    if n:
        code: int = target_status(mp, deviation(mp, me), tol)
        if maintain and code == ACHIEVED and counts[ACHIEVED] != n:
            return ON_TRACK
        return code
    if counts[IMPROVED] + counts[STABLE] + counts[WORSENED]:
        up, down = counts[IMPROVED], counts[WORSENED]
        return IMPROVED if up > down else WORSENED if down > up else STABLE
    return NO_DATA


# -- accumulation ----------------------------------------------------------------------


def span_latest(
    col: _access.Column,
    start: int,  # noqa: ARG001
    stop: int,
    after: int | None,  # noqa: ARG001
) -> float:
    """The latest value of one subject's rows ``start:stop`` of *col*."""
    return col.values[stop - 1]


def span_sum(col: _access.Column, start: int, stop: int, after: int | None) -> float:
    """The sum of the values of rows ``start:stop`` dated after day *after*.

    Every value when *after* is None.
    """
    return col.value_since(start, stop, after)


def span_value(
    col: _access.Column, start: int, stop: int, *, is_sum: bool, after: int | None
) -> float:
    """The value of one subject's rows ``start:stop`` of *col*.

    The latest value, or for a ``sum`` indicator the sum of the values dated
    after day *after* (:func:`span_latest`, :func:`span_sum`).
    """
    return (span_sum if is_sum else span_latest)(col, start, stop, after)


def accumulated(b: float, added: float) -> float:
    """A ``sum`` indicator's value: baseline amount *b* plus the amount *added*.

    *b* is the amount accumulated by the baseline day, *added* the sum of the
    values dated after it.
    """
    return b + added


def span_first(
    col: _access.Column, start: int, stop: int, *, is_sum: bool, after: int | None
) -> float:
    """The value of one subject's rows ``start:stop`` on its first day.

    The first value, or for a ``sum`` indicator the sum of the first day's
    values, 0 when that day is on or before day *after* (it does not count).
    """
    if not is_sum:
        return col.values[start]
    first_day = col.keys[start] & _access.DAY_MASK
    if after is not None and first_day <= after:
        return 0.0
    return span_sum(col, start, col.last_on(start, stop, first_day) + 1, after)


PLAIN: Final = plain_forms(
    way, path_value, expected_value, target_status, judged, worse_on
)
"""The rules above for one subject's plain numbers, generated from their source
(:mod:`~resultframe.evaluation._forms`): each ``ops`` choice a conditional
expression of Python's own. Exactly what the rules give with :data:`SCALAR`."""
