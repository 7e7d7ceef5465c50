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

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Final

from resultframe.evaluation import _access
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


def worse_on(sign: int, band: float) -> Callable[[float, float], bool]:
    """A test whether a value is worse than a subject's own start: ``(b, v)`` in.

    The ``worsened`` of :func:`change_status`, made once for a direction: in
    the direction *sign*, :func:`gain` below 0 (``v * sign < b * sign``); for
    ``maintain``, outside *band* of *b* (not :func:`reaches` it).
    """
    if sign == 0:
        return lambda b, v: not abs(v - b) <= band
    return lambda b, v: v * sign < b * sign


def worse(sign: int, band: float, b: float, v: float) -> bool:
    """Whether *v* is worse than the subject's own start *b*; see :func:`worse_on`."""
    return worse_on(sign, band)(b, v)


# -- progress, expected value, deviation -----------------------------------------------


def stays(sign: int, b: float, t: float) -> bool:
    """Whether there is no way to go from baseline *b* to target *t*, only a place.

    True for ``maintain`` (*sign* 0) and for a baseline that already meets the
    target (:func:`reaches`).
    """
    return sign == 0 or reaches(sign, 0.0, b, t)


def way(b: float, t: float, v: float) -> float:
    """How far *v* has come on the way from *b* to *t*: ``(v - b) / (t - b)``."""
    return (v - b) / (t - b)


def progress(sign: int, band: float, b: float, t: float, v: float) -> float:
    """Progress of *v* from baseline *b* to target *t*.

    On a way to go (:func:`way`): ``(v - b) / (t - b)``, with the direction in
    the sign of ``t - b``. Where it :func:`stays`: 1 while *v* reaches the
    target (within *band* for ``maintain``), else 0.
    """
    if stays(sign, b, t):
        return 1.0 if reaches(sign, band, v, t) else 0.0
    return way(b, t, v)


def deviation(p: float, e: float) -> float:
    """Deviation: progress *p* minus expected progress *e*."""
    return p - e


def path_on(
    tdays: Sequence[int], tvals: Sequence[float], day: int, sign: int = 0
) -> Callable[[float, int], float]:
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

    What depends only on the targets and the day is found once, so a loop over
    many baselines pays one call per baseline.
    """
    n = len(tdays)
    final = tvals[-1]
    first_day = tdays[0]
    seg = bisect_left(tdays, day)  # the first target on or after the day
    # The interim target least far in the direction: a baseline short of it
    # has every interim target ahead of it, and nothing to leave out.
    scaled = [v * sign for v in tvals]
    floor = min(scaled[:-1]) if sign and n > 1 else None

    def at(b: float, bday: int) -> float:
        k0 = 0 if bday < first_day else bisect_right(tdays, bday)
        if k0 == n:
            return final
        if day <= bday:
            return b
        if floor is not None and b * sign >= floor:
            return ahead_of(b, bday, k0)
        j = max(k0, seg)
        if j == n:
            return final
        d1 = tdays[j]
        v1 = tvals[j]
        if day == d1:
            return v1
        if j == k0:
            d0, v0 = bday, b
        else:
            d0, v0 = tdays[j - 1], tvals[j - 1]
        return v0 + (v1 - v0) * (day - d0) / (d1 - d0)

    def ahead_of(b: float, bday: int, k0: int) -> float:
        """The path from ``(bday, b)`` through the targets from *k0* on.

        Interim targets not ahead of *b* are skipped (``v * sign <= b * sign``,
        which is :func:`gain` ``<= 0``, as ``floor`` compares); when none is,
        the same points and arithmetic as the path above.
        """
        d0, v0 = bday, b
        bs = b * sign
        last = n - 1
        for k in range(k0, n):
            v1 = tvals[k]
            if k < last and scaled[k] <= bs:
                continue
            d1 = tdays[k]
            if day == d1:
                return v1
            if day < d1:
                return v0 + (v1 - v0) * (day - d0) / (d1 - d0)
            d0, v0 = d1, v1
        return final

    return at


def expected_on(
    sign: int, tdays: Sequence[int], tvals: Sequence[float], day: int
) -> Callable[[float, int], float]:
    """The expected value on *day*, as a function of the baseline ``(b, bday)``.

    The :func:`path_on` the targets (interim targets behind *b* left out); but when *b* already meets the final
    target (in direction *sign*; never for ``maintain``), *b* itself: stay
    there.
    """
    path = path_on(tdays, tvals, day, sign)
    if sign == 0:
        return path
    final = tvals[-1]

    def at(b: float, bday: int) -> float:
        if stays(sign, b, final):
            return b
        return path(b, bday)

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
    """The expected value on *day* from baseline ``(bday, b)``; see :func:`expected_on`."""
    return expected_on(sign, tdays, tvals, day)(b, bday)


# -- status ----------------------------------------------------------------------------


def target_status(p: float, d: float, tol: float) -> int:
    """The status code of progress *p* with deviation *d*, judged with *tol*.

    ``achieved`` from progress 1, ``deteriorated`` below 0, else ``ahead`` or
    ``behind`` outside ``± tol`` and ``on_track`` within.
    """
    if p >= 1:
        return ACHIEVED
    if p < 0:
        return DETERIORATED
    if d > tol:
        return AHEAD
    if d < -tol:
        return BEHIND
    return ON_TRACK


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

    The judge returns ``(status code, progress, expected progress)`` of value
    *v* from baseline ``(bday, b)`` to the final target:

    - ``maintain``: ``behind`` outside the band, else ``achieved`` from the final
      target's day on and ``on_track`` before it;
    - a baseline that already meets the final target: ``achieved`` while *v*
      meets it too (progress 1), else ``behind`` (progress 0, expected 1);
    - otherwise :func:`target_status` of the progress and its deviation from
      the expected progress.
    """
    t = tvals[-1]
    due = day >= tdays[-1]
    path = path_on(tdays, tvals, day, sign)
    ev_at = expected_on(sign, tdays, tvals, day)

    def judge_one(b: float, bday: int, v: float) -> tuple[int, float, float]:
        if stays(sign, b, t):
            p = progress(sign, band, b, t, v)
            e = progress(sign, band, b, t, ev_at(b, bday))
            if sign == 0:
                return ((ACHIEVED if due else ON_TRACK) if p else BEHIND), p, e
            return (ACHIEVED if p else BEHIND), p, e
        # On the way: progress is way() (what progress() would call).
        p = way(b, t, v)
        e = way(b, t, path(b, bday))
        return target_status(p, deviation(p, e), tol), p, e

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
    """``(status code, progress, expected progress)`` of one value; see :func:`judge_on`."""
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
        code = target_status(mp, deviation(mp, me), tol)
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
