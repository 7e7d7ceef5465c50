"""Roll-up (aggregatie): meso and macro values computed from micro observations.

A meso or macro indicator with ``derived_from`` gets its values from the latest
observations, as of a day, of its source indicator for the subjects below each
higher subject (``part_of`` points one level up; a macro subject gathers the
subjects of all its meso subjects). Each :class:`Aggregate` carries ``n``,
``numerator`` and ``denominator``, so going from meso to macro is exact: the
parent's numbers are the sums of its children's (:func:`combine`), never a mean
of means. The median cannot be combined and is computed from the micro values at
every level.

Groups of fewer than ``min_group`` subjects (default 10, as CBS does) are
suppressed: their value **and** their counts are withheld. When exactly one
group among the children of a published parent is suppressed, the smallest other
child is suppressed too (complementary suppression), so that no suppressed value
can be recovered from the parent and the published children.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.errors import InvalidValue, UnknownId
from resultframe.evaluation import _access, _args, _kernels
from resultframe.evaluation._sums import fsum
from resultframe.evaluation.uncertainty import mean_interval, wilson_interval
from resultframe.model.definitions import Indicator
from resultframe.model.enums import Accumulation, Aggregation, Level
from resultframe.privacy import suppresses, too_few

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["UNKNOWN", "Aggregate", "Rollup", "combine", "rollup"]

UNKNOWN: Final = "unknown"
"""The dimension value of subjects that lack the dimension a roll-up is split by."""

_SHARES: Final = frozenset(
    {Aggregation.SHARE_IMPROVED, Aggregation.SHARE_REACHING, Aggregation.SHARE_TRUE}
)
_RATIOS: Final = _SHARES | {Aggregation.MEAN}


@attrs.frozen(kw_only=True)
class Aggregate:
    """The value of a derived indicator for one group (geaggregeerde waarde).

    ``value`` is ``numerator / denominator`` (times 100 for shares, which are
    percentages). For ``count`` and ``sum`` the denominator is 1; for ``mean``
    and the shares it is the number of subjects with a value; for ``median`` the
    numerator is the median itself. A suppressed aggregate withholds ``value``,
    ``n``, ``numerator`` and ``denominator`` (all None): for a small group the
    count is as telling as the value.

    Args:
        subject: The id of the higher subject (neighbourhood, municipality).
        level: Its level.
        aggregation: How the values were combined.
        n: The number of subjects with a value.
        numerator: See above.
        denominator: See above.
        value: The published value; None when suppressed, or when there is
            nothing to divide by (a mean or share of no subjects).
        suppressed: Whether the group is withheld for privacy.
        dimension: The dimension value of this cell when the roll-up is split by
            a dimension; None otherwise.
        squares: For ``mean``: the sum of the squares of the values, so that the
            interval of a mean re-aggregates exactly (it adds up like the
            numerator); None for other aggregations and when suppressed.
        interval: ``(low, high)`` of ``value`` at the evaluation's confidence
            (``evaluate(..., confidence=0.95)``): the Wilson interval of a share
            (in percent), Student's *t* interval of a mean; None without a
            confidence, for ``count``, ``sum`` and ``median``, for a mean of
            fewer than 2 values and when suppressed.
    """

    subject: str
    level: Level
    aggregation: Aggregation
    n: int | None
    numerator: float | None
    denominator: float | None
    value: float | None
    suppressed: bool = False
    dimension: str | None = None
    squares: float | None = None
    interval: tuple[float, float] | None = None


@attrs.frozen(kw_only=True)
class Rollup:
    """The roll-up of a derived indicator on a day, over the subject hierarchy.

    ``groups`` holds an :class:`Aggregate` for every subject above the source
    indicator's level that has subjects below it, lowest level first, then by
    subject id and dimension value.
    """

    indicator: str
    source: str
    aggregation: Aggregation
    on: dt.date
    min_group: int
    by: str | None
    groups: tuple[Aggregate, ...]

    def group(self, subject: str, dimension: str | None = None) -> Aggregate:
        """Return the aggregate of *subject* (and *dimension*, when split).

        Raises:
            UnknownId: the roll-up has no such group.
        """
        for g in self.groups:
            if g.subject == subject and g.dimension == dimension:
                return g
        key = subject if dimension is None else f"{subject}/{dimension}"
        raise UnknownId("group", key)

    def at(self, level: Level) -> tuple[Aggregate, ...]:
        """Return the aggregates of the subjects on *level*."""
        return tuple(g for g in self.groups if g.level is level)


def _value(
    aggregation: Aggregation, numerator: float, denominator: float
) -> float | None:
    if denominator == 0:
        return None
    if aggregation in _SHARES:
        return 100.0 * numerator / denominator
    return numerator / denominator


def interval_of(a: Aggregate, confidence: float) -> tuple[float, float] | None:
    """The interval of an aggregate's value at *confidence*, or None.

    A share (a count of successes among *n*, in percent): the Wilson interval of
    ``numerator`` of ``denominator``, times 100; exact after re-aggregation, as
    the counts add up. A mean (a ratio of sums): Student's *t* interval from
    ``n``, the sum (``numerator``) and ``squares``. None for ``count``, ``sum``
    and ``median``, a mean of fewer than 2 values, an empty share and a
    suppressed group.
    """
    if a.suppressed or a.n is None or a.numerator is None or a.denominator is None:
        return None
    if a.aggregation in _SHARES:
        if not a.denominator:
            return None
        low, high = wilson_interval(
            round(a.numerator), round(a.denominator), confidence
        )
        return 100.0 * low, 100.0 * high
    if a.aggregation is Aggregation.MEAN and a.squares is not None and a.n >= 2:
        return mean_interval(a.n, a.numerator, a.squares, confidence)
    return None


def with_intervals(roll: Rollup, confidence: float) -> Rollup:
    """*roll* with every group's :func:`interval_of` at *confidence*."""
    return attrs.evolve(
        roll,
        groups=tuple(
            attrs.evolve(g, interval=interval_of(g, confidence)) for g in roll.groups
        ),
    )


def _median(xs: Sequence[float]) -> float:
    s = sorted(xs)
    mid = len(s) // 2
    if len(s) % 2:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def combine(
    parts: Iterable[Aggregate],
    *,
    subject: str,
    level: Level,
    dimension: str | None = None,
) -> Aggregate:
    """Combine the aggregates of groups into the aggregate of their union.

    Exact for every aggregation but the median: counts, sums, numerators and
    denominators add up, and the value is the ratio of the sums (never a mean
    of means). Combine before suppressing: a suppressed aggregate has no numbers
    left to add.

    >>> from resultframe import Aggregation, Level
    >>> a = Aggregate(subject="north", level=Level.MESO,
    ...     aggregation=Aggregation.MEAN, n=2, numerator=6.0, denominator=2.0,
    ...     value=3.0)
    >>> b = Aggregate(subject="south", level=Level.MESO,
    ...     aggregation=Aggregation.MEAN, n=4, numerator=16.0, denominator=4.0,
    ...     value=4.0)
    >>> combine([a, b], subject="town", level=Level.MACRO).value  # 22 / 6
    3.6666666666666665

    Raises:
        InvalidValue: no parts, parts of different aggregations, a suppressed
            part, median aggregates (a median cannot be combined), or a
            *subject*, *level* or *dimension* of the wrong type.
    """
    if isinstance(parts, str | bytes) or not hasattr(parts, "__iter__"):
        raise InvalidValue("parts", _args.short(parts), "expected aggregates")
    items = tuple(parts)
    if not items:
        raise InvalidValue("parts", (), "expected at least one aggregate")
    for i, p in enumerate(items):
        if not isinstance(p, Aggregate):
            raise InvalidValue(f"parts[{i}]", _args.short(p), "expected an Aggregate")
        if p.aggregation is not items[0].aggregation:
            raise InvalidValue(
                f"parts[{i}].aggregation",
                p.aggregation.value,
                f"expected {items[0].aggregation.value!r} like the first part",
            )
        if p.suppressed or p.n is None or p.numerator is None or p.denominator is None:
            raise InvalidValue(
                f"parts[{i}].suppressed",
                p.suppressed,
                "expected an unsuppressed aggregate (combine before suppressing)",
            )
    if not isinstance(level, Level):
        raise InvalidValue("level", _args.short(level), "expected a Level")
    if dimension is not None and not isinstance(dimension, str):
        raise InvalidValue(
            "dimension", _args.short(dimension), "expected None or a string"
        )
    aggregation = items[0].aggregation
    if aggregation is Aggregation.MEDIAN:
        raise InvalidValue(
            "parts",
            "median",
            "expected a combinable aggregation (a median is recomputed from the "
            "micro values, not combined)",
        )
    n = sum(p.n for p in items if p.n is not None)
    numerator = fsum(p.numerator for p in items if p.numerator is not None)
    squares = (
        fsum(p.squares for p in items if p.squares is not None)
        if all(p.squares is not None for p in items) and aggregation is Aggregation.MEAN
        else None
    )
    if aggregation in _RATIOS:
        denominator = fsum(p.denominator for p in items if p.denominator is not None)
    else:
        denominator = 1.0
    return Aggregate(
        subject=_args.text_id("subject", subject),
        level=level,
        aggregation=aggregation,
        n=n,
        numerator=numerator,
        denominator=denominator,
        value=_value(aggregation, numerator, denominator),
        dimension=dimension,
        squares=squares,
    )


# -- computing from micro values ------------------------------------------------------


@attrs.frozen
class _Source:
    """The observed indicator a derived one is computed from, and how."""

    indicator: Indicator
    level: Level
    aggregation: Aggregation
    threshold: float | None

    def improved(self, first: float, value: float) -> bool:
        """Whether *value* is better than *first* in the source's direction.

        For ``maintain``: closer to the source's final target (never without one).
        """
        sign = _kernels.direction_sign(self.indicator.direction)
        if sign:
            return _kernels.gain(sign, first, value) > 0
        target = self.indicator.final_target
        if target is None:
            return False
        return abs(value - target.value) < abs(first - target.value)

    def reaches(self, value: float) -> bool:
        """Whether *value* is at or beyond the threshold in the source's direction.

        For ``maintain``: within the source's band around the threshold.
        """
        threshold = self.threshold if self.threshold is not None else 0.0
        return _kernels.reaches(
            _kernels.direction_sign(self.indicator.direction),
            self.indicator.band or 0.0,
            value,
            threshold,
        )


def source_of(framework: ResultsFramework, indicator: Indicator) -> _Source:
    """Follow ``derived_from`` down to the observed indicator.

    A derived indicator whose source is derived itself is computed, with its own
    aggregation, from that source's source (and so on down).
    """
    derivation = indicator.derived_from
    if derivation is None:
        raise InvalidValue(
            "indicator",
            indicator.id,
            "expected a derived indicator (one with derived_from)",
        )
    source = framework.indicator(derivation.source)
    while source.derived_from is not None:
        source = framework.indicator(source.derived_from.source)
    return _Source(
        indicator=source,
        level=framework.level_of(source.id),
        aggregation=derivation.aggregation,
        threshold=derivation.threshold,
    )


def member_values(
    records: Records, source: _Source, day: dt.date
) -> dict[str, tuple[float, float]]:
    """Each source subject's value on *day* and its value on its first day.

    The value follows the source's accumulation: the latest observation, or the
    sum since the source's baseline day (all observations without a baseline).
    """
    col = _access.column(records, source.indicator.id, day)
    spans = zip(col.subjects, col.starts, col.stops, strict=True)
    return {s: _value_on(source, col, a, b) for s, a, b in spans}


def numbers(
    source: _Source, pairs: Sequence[tuple[float, float]]
) -> tuple[int, float, float]:
    """``(n, numerator, denominator)`` of (value, first value) pairs."""
    n = len(pairs)
    agg = source.aggregation
    if agg is Aggregation.COUNT:
        return n, float(n), 1.0
    if agg is Aggregation.SUM:
        return n, fsum(v for v, _ in pairs), 1.0
    if agg is Aggregation.MEAN:
        return n, fsum(v for v, _ in pairs), float(n)
    if agg is Aggregation.MEDIAN:
        if not n:
            return 0, 0.0, 0.0
        return n, _median([v for v, _ in pairs]), 1.0
    if agg is Aggregation.SHARE_IMPROVED:
        hits = sum(1 for v, f in pairs if source.improved(f, v))
    elif agg is Aggregation.SHARE_REACHING:
        hits = sum(1 for v, _ in pairs if source.reaches(v))
    else:  # share_true
        hits = sum(1 for v, _ in pairs if v != 0)
    return n, float(hits), float(n)


@attrs.frozen
class Tree:
    """The groups above a source level: who is below whom.

    ``members[g]`` are the source-level subjects below group ``g`` (at any
    depth), ``children[g]`` the groups one level below it, ``parent[g]`` the
    group one level up (if it is a group too).
    """

    levels: tuple[Level, ...]
    groups: dict[Level, list[str]]
    members: dict[str, list[str]]
    children: dict[str, list[str]]
    parent: dict[str, str]


def tree(records: Records, source_level: Level) -> Tree:
    """The hierarchy of groups above *source_level*, from ``part_of``."""
    levels = tuple(lv for lv in Level if lv > source_level)
    by_level: dict[Level, list[str]] = defaultdict(list)
    part_of: dict[str, str | None] = {}
    for s in records.subjects:
        by_level[s.level].append(s.id)
        part_of[s.id] = s.part_of
    members: dict[str, list[str]] = {}
    children: dict[str, list[str]] = {}
    below = by_level[source_level]
    groups: dict[Level, list[str]] = {}
    for level in levels:
        known = set(by_level[level])
        found: dict[str, list[str]] = defaultdict(list)
        for sid in below:
            p = part_of[sid]
            if p is not None and p in known:
                found[p].append(sid)
        ids = sorted(found)
        groups[level] = ids
        for g in ids:
            kids = found[g]
            if level is levels[0]:
                members[g] = kids
            else:
                children[g] = kids
                members[g] = [m for k in kids for m in members[k]]
        below = ids
    parent = {
        g: p
        for level in levels
        for g in groups[level]
        if (p := part_of[g]) is not None and p in members
    }
    return Tree(levels, groups, members, children, parent)


def _cell(  # noqa: PLR0913
    source: _Source,
    shape: Tree,
    g: str,
    depth: int,
    d: str | None,
    *,
    values: dict[str, tuple[float, float]],
    dims: dict[str, str] | None,
    child: Callable[[str], Aggregate],
) -> Aggregate:
    """The aggregate of group *g* (on ``shape.levels[depth]``) and dimension *d*.

    Above the first level the children's aggregates (*child*) are combined,
    except for the median, which is computed from the members' values.
    """
    agg = source.aggregation
    level = shape.levels[depth]
    if depth and agg is not Aggregation.MEDIAN:
        return combine(
            [child(k) for k in shape.children[g]], subject=g, level=level, dimension=d
        )
    pairs = [
        values[m]
        for m in shape.members[g]
        if m in values and (dims is None or dims[m] == d)
    ]
    n, num, den = numbers(source, pairs)
    return Aggregate(
        subject=g,
        level=level,
        aggregation=agg,
        n=n,
        numerator=num,
        denominator=den,
        value=_value(agg, num, den),
        dimension=d,
        squares=fsum(v * v for v, _ in pairs) if agg is Aggregation.MEAN else None,
    )


def _cells(
    source: _Source,
    shape: Tree,
    values: dict[str, tuple[float, float]],
    dims: dict[str, str] | None,
    dim_values: list[str | None],
) -> dict[tuple[str, str | None], Aggregate]:
    cells: dict[tuple[str, str | None], Aggregate] = {}
    for depth, level in enumerate(shape.levels):
        for g in shape.groups[level]:
            for d in dim_values:
                cells[g, d] = _cell(
                    source,
                    shape,
                    g,
                    depth,
                    d,
                    values=values,
                    dims=dims,
                    child=lambda k, d=d: cells[k, d],  # type: ignore[misc]
                )
    return cells


def _suppressed(
    cells: dict[tuple[str, str | None], Aggregate],
    shape: Tree,
    min_group: int,
    split: bool,
) -> set[tuple[str, str | None]]:
    """The cells to withhold: small ones, then complementary ones."""
    if not suppresses(min_group):
        return set()
    hidden = {
        k for k, a in cells.items() if a.n is not None and too_few(a.n, min_group)
    }
    sets: dict[tuple[str, str | None], list[tuple[str, str | None]]] = defaultdict(list)
    for key in cells:
        p = shape.parent.get(key[0])
        if p is not None and (p, key[1]) in cells:
            sets[p, key[1]].append(key)
    groups = list(sets.values())
    if split:
        # Cells of one subject across dimension values add up to the subject's
        # undivided total, which a plain roll-up publishes.
        across: dict[str, list[tuple[str, str | None]]] = defaultdict(list)
        for key in cells:
            across[key[0]].append(key)
        groups += across.values()

    def size(key: tuple[str, str | None]) -> tuple[int, str, str]:
        return (cells[key].n or 0, key[0], key[1] or "")

    changed = True
    while changed:
        changed = False
        for members in groups:
            shown = [k for k in members if k not in hidden]
            if shown and len(members) - len(shown) == 1:
                hidden.add(min(shown, key=size))
                changed = True
    return hidden


def rollup(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    indicator_id: str,
    as_of: dt.date,
    *,
    min_group: int = 10,
    by: str | None = None,
) -> Rollup:
    """Roll a derived indicator up over the subject hierarchy, as of a day.

    Args:
        framework: The framework the indicator belongs to.
        records: The facts; only those dated on or before *as_of* count.
        indicator_id: A meso or macro indicator with ``derived_from``.
        as_of: The day.
        min_group: Groups with fewer subjects with a value are suppressed
            (default 10); 0 or 1 switches suppression off.
        by: Split every group by this dimension of the source subjects; subjects
            without it form the group :data:`UNKNOWN`.

    Raises:
        UnknownId: the framework has no such indicator.
        InvalidValue: the indicator is not derived, or an argument has the
            wrong type.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    indicator = _args.indicator(fw, indicator_id)
    day = _args.day("as_of", as_of)
    minimum = _args.min_group(min_group)
    key = _args.dimension_key(by)
    source = source_of(fw, indicator)
    return compute(recs, indicator, source, day, min_group=minimum, by=key)


def compute(  # noqa: PLR0913
    records: Records,
    indicator: Indicator,
    source: _Source,
    day: dt.date,
    *,
    min_group: int,
    by: str | None,
) -> Rollup:
    """:func:`rollup` without argument checks."""
    shape = tree(records, source.level)
    values = member_values(records, source, day)
    dims: dict[str, str] | None = None
    dim_values: list[str | None] = [None]
    if by is not None:
        dims = {}
        for level in shape.levels[:1]:
            for g in shape.groups[level]:
                for m in shape.members[g]:
                    dims[m] = records.subject(m).dimension(by) or UNKNOWN
        dim_values = [*sorted(set(dims.values()))]
    cells = _cells(source, shape, values, dims, dim_values)
    hidden = _suppressed(cells, shape, min_group, split=by is not None)
    groups = []
    for k, a in cells.items():
        if k in hidden:
            a = attrs.evolve(  # noqa: PLW2901
                a,
                n=None,
                numerator=None,
                denominator=None,
                value=None,
                squares=None,
                suppressed=True,
            )
        groups.append(a)
    return Rollup(
        indicator=indicator.id,
        source=source.indicator.id,
        aggregation=source.aggregation,
        on=day,
        min_group=min_group,
        by=by,
        groups=tuple(groups),
    )


def first_published(  # noqa: PLR0913
    records: Records,
    source: _Source,
    shape: Tree,
    *,
    level: Level,
    day: dt.date,
    min_group: int,
) -> dict[str, tuple[int, float]]:
    """The first published value of each group on *level*, and its day.

    A group's first published value is its roll-up on the first day on which
    enough of its subjects (``min_group``, at least 1) have a value: the series
    of a derived indicator starts there. Groups that never reach it are left
    out.
    """
    col = _access.column(records, source.indicator.id, day)
    span = {
        s: (a, b) for s, a, b in zip(col.subjects, col.starts, col.stops, strict=True)
    }
    need = max(min_group, 1)
    mask = _access.DAY_MASK
    keys = col.keys
    depth = shape.levels.index(level)
    out: dict[str, tuple[int, float]] = {}
    for g in shape.groups[level]:
        firsts = sorted(keys[span[m][0]] & mask for m in shape.members[g] if m in span)
        if len(firsts) < need:
            continue
        when = firsts[need - 1]
        values: dict[str, tuple[float, float]] = {}
        for m in shape.members[g]:
            if m not in span:
                continue
            start, stop = span[m]
            last = col.last_on(start, stop, when)
            if last < start:
                continue
            values[m] = _value_on(source, col, start, last + 1)
        # The group's roll-up on that day, computed as compute() does: above the
        # first level from the children's aggregates.
        value = _cell_on(source, shape, g, depth, values).value
        if value is not None:
            out[g] = (when, value)
    return out


def _cell_on(
    source: _Source,
    shape: Tree,
    g: str,
    depth: int,
    values: dict[str, tuple[float, float]],
) -> Aggregate:
    """The aggregate of group *g* from *values*, its subtree only."""
    return _cell(
        source,
        shape,
        g,
        depth,
        None,
        values=values,
        dims=None,
        child=lambda k: _cell_on(source, shape, k, depth - 1, values),
    )


def _value_on(
    source: _Source, col: _access.Column, start: int, stop: int
) -> tuple[float, float]:
    """(value, first value) of one subject's rows ``start:stop``."""
    is_sum = source.indicator.accumulation is Accumulation.SUM
    baseline = source.indicator.baseline
    after = baseline.on.toordinal() if is_sum and baseline is not None else None
    return (
        _kernels.span_value(col, start, stop, is_sum=is_sum, after=after),
        _kernels.span_first(col, start, stop, is_sum=is_sum, after=after),
    )
