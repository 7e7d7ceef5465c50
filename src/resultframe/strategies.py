"""Hypothesis strategies for every public model class (testing aids).

Each strategy draws only **valid** instances, built so that every invariant holds
(never by filtering): targets lie in the indicator's direction from the baseline,
dates strictly increase, ordinal values sit on the scale, subject ids never pass
the BSN eleven test. Keyword arguments take strategies where a caller may want
control, for example ``indicators(measure=st.just(Measure.ORDINAL))``.

:func:`frameworks` draws whole, non-trivial results frameworks across all three
levels, and :func:`records` draws facts that fit a given framework
(``records.check(framework) == ()``).

This module needs `Hypothesis <https://hypothesis.readthedocs.io>`_, which is not a
core dependency: install the ``test`` extra (``pip install "resultframe[test]"``).
Nothing else in resultframe imports it.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5, database=None)
... @given(frameworks())
... def test_every_level_has_a_result(framework):
...     assert all(framework.results_at(level) for level in Level)
>>> test_every_level_has_a_result()
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import string
from typing import TYPE_CHECKING, Final, TypeVar

from hypothesis import strategies as st

from resultframe.errors import InvalidValue
from resultframe.model import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
    Decision,
    DecisionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    FundingVariant,
    Goal,
    Indicator,
    Level,
    Means,
    Measure,
    Method,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Review,
    Role,
    Scale,
    ScalePoint,
    Stakeholder,
    Subject,
    Target,
    Value,
)
from resultframe.model.framework import _SOURCES
from resultframe.privacy import looks_like_bsn

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "agreements",
    "baselines",
    "cadences",
    "condition_assessments",
    "dates",
    "decisions",
    "derivations",
    "feedback_cycles",
    "frameworks",
    "goals",
    "ids",
    "indicators",
    "means",
    "methods",
    "observation_values",
    "observations",
    "parties",
    "periods",
    "process_conditions",
    "records",
    "results",
    "reviews",
    "scale_points",
    "scales",
    "subject_ids",
    "subjects",
    "targets",
]

_T = TypeVar("_T")
_E = TypeVar("_E", bound=enum.Enum)

_FIRST_DAY: Final = dt.date(2015, 1, 1)
_LAST_DAY: Final = dt.date(2035, 12, 31)
# Numbers stay within this bound, so sums and differences later stay finite.
_BOUND: Final = 1_000_000
_ALNUM: Final = string.ascii_letters + string.digits
_ID_REST: Final = _ALNUM + "._:-"
_HEX: Final = "0123456789abcdef"
_ID_FIRST: Final = str.maketrans("._:-", "0123")
_SUBJECT_FIRST: Final = str.maketrans(string.digits + "._:-", "abcdefghijklmn")
_NOT_QUALITATIVE: Final = tuple(m for m in Measure if m is not Measure.QUALITATIVE)

# -- building blocks ---------------------------------------------------------------
# Strategies are built once and reused: building them is not free, and composite
# strategies below draw many of them.


@functools.cache
def _texts(max_size: int = 12) -> st.SearchStrategy[str]:
    return st.text(max_size=max_size)


@functools.cache
def _nonblank(max_size: int = 12) -> st.SearchStrategy[str]:
    # One text, mended when blank: cheaper to draw than a first letter and a rest.
    return st.text(min_size=1, max_size=max_size).map(_mend_blank)


def _mend_blank(text: str) -> str:
    return text if text.strip() else "x" + text[1:]


@functools.cache
def _numbers(low: int, high: int) -> st.SearchStrategy[float]:
    return st.one_of(
        st.integers(low, high),
        st.floats(low, high, allow_nan=False, allow_infinity=False),
    )


@functools.cache
def _members(cls: type[_E]) -> st.SearchStrategy[_E]:
    return st.sampled_from(cls)


@functools.cache
def _maybe(strategy: st.SearchStrategy[_T]) -> st.SearchStrategy[_T | None]:
    """*strategy* or None (built once per strategy)."""
    return st.none() | strategy


@functools.cache
def _index(size: int) -> st.SearchStrategy[int]:
    return st.integers(0, size - 1)


def _choose(draw: st.DrawFn, items: Sequence[_T]) -> _T:
    """Draw one of *items* (not empty); shrinks towards the first."""
    return items[draw(_index(len(items)))]


def _or(
    strategy: st.SearchStrategy[_T] | None, default: st.SearchStrategy[_T]
) -> st.SearchStrategy[_T]:
    return default if strategy is None else strategy


def _check_size(name: str, value: int, least: int, most: int | None = None) -> None:
    if value < least or (most is not None and value > most):
        expected = f"from {least} to {most}" if most is not None else f"{least} or more"
        raise InvalidValue(name, value, f"expected a number {expected}")


def dates(
    *, min_value: dt.date = _FIRST_DAY, max_value: dt.date = _LAST_DAY
) -> st.SearchStrategy[dt.date]:
    """Days in a sane window, by default 1 January 2015 to 31 December 2035."""
    return st.dates(min_value=min_value, max_value=max_value)


_DATES: Final = dates()


@functools.cache
def ids(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Identifiers: a letter or digit, then letters, digits, ``.``, ``_``, ``:``, ``-``.

    An id of eight or nine digits may pass the BSN eleven test: use
    :func:`subject_ids` for subjects.

    Args:
        max_size: The longest id drawn (1 to 128, the model's limit).
    """
    _check_size("max_size", max_size, 1, 128)
    # One text, its first character mended: "._:-" may not come first.
    return st.text(alphabet=_ID_REST, min_size=1, max_size=max_size).map(
        lambda s: s[0].translate(_ID_FIRST) + s[1:]
    )


@functools.cache
def subject_ids(*, max_size: int = 12) -> st.SearchStrategy[str]:
    """Pseudonymous subject ids: they start with a letter and never look like a BSN.

    A prefix ``NL`` or ``BSN`` before digits could still make one (``nl111222333``):
    such ids are not drawn.

    Args:
        max_size: The longest id drawn (1 to 128).
    """
    _check_size("max_size", max_size, 1, 128)
    # A first character that is not a letter is mended into one.
    return (
        st.text(alphabet=_ID_REST, min_size=1, max_size=max_size)
        .map(lambda s: s[0].translate(_SUBJECT_FIRST) + s[1:])
        .filter(lambda s: not looks_like_bsn(s))
    )


def _unique(
    count: int, strategy: st.SearchStrategy[str]
) -> st.SearchStrategy[list[str]]:
    return st.lists(strategy, min_size=count, max_size=count, unique=True)


def _pick(draw: st.DrawFn, items: Sequence[_T], *, max_size: int = 3) -> list[_T]:
    """Draw a few distinct items of *items*, in their order (none if it is empty)."""
    if not items:
        return []
    chosen = draw(_indices(len(items), max_size))
    return [items[i] for i in chosen]


@functools.cache
def _indices(size: int, max_size: int) -> st.SearchStrategy[list[int]]:
    return st.lists(_index(size), max_size=max_size, unique=True)


# -- scales, baselines, targets -----------------------------------------------------


def scale_points(
    *, value: st.SearchStrategy[int] | None = None
) -> st.SearchStrategy[ScalePoint]:
    """Points of an ordinal scale (schaalpunten): a whole number and a label."""
    return st.builds(
        ScalePoint, value=_or(value, st.integers(-10, 10)), label=_nonblank()
    )


@st.composite
def scales(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    max_points: int = 7,
) -> Scale:
    """Ordinal scales (schalen) of 2 to *max_points* points, lowest first.

    Args:
        draw: Supplied by Hypothesis.
        ids: The scale's id (default: :func:`ids`).
        max_points: The most points (2 or more).
    """
    _check_size("max_points", max_points, 2)
    values = draw(
        st.lists(st.integers(-10, 10), min_size=2, max_size=max_points, unique=True)
    )
    labels = draw(st.lists(_nonblank(), min_size=len(values), max_size=len(values)))
    points = tuple(
        ScalePoint(value=v, label=x)
        for v, x in zip(sorted(values), labels, strict=True)
    )
    declared = draw(_maybe(st.tuples(_SPREADS, _RELIABILITIES)))
    sd, reliability = declared or (None, None)
    return Scale(
        id=draw(_or(ids, _ID)),
        name=draw(_nonblank()),
        points=points,
        sd=sd,
        reliability=reliability,
    )


def baselines(
    *,
    value: st.SearchStrategy[float] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Baseline]:
    """Baselines (nulmetingen) of any finite value."""
    return st.builds(
        Baseline,
        value=_or(value, _numbers(-_BOUND, _BOUND)),
        on=_or(on, _DATES),
        note=_texts(),
    )


def targets(
    *,
    value: st.SearchStrategy[float] | None = None,
    by: st.SearchStrategy[dt.date] | None = None,
) -> st.SearchStrategy[Target]:
    """Targets (streefwaarden) of any finite value."""
    return st.builds(
        Target,
        value=_or(value, _numbers(-_BOUND, _BOUND)),
        by=_or(by, _DATES),
        note=_texts(),
    )


# -- indicators ------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _levels(measure: Measure, scale: Scale | None) -> st.SearchStrategy[float]:
    """Values a baseline, target or threshold of an indicator may take."""
    if measure is Measure.ORDINAL and scale is not None:
        return st.sampled_from(scale.values)
    if measure is Measure.PERCENTAGE:
        return _numbers(0, 100)
    if measure is Measure.BINARY:
        return _numbers(0, 1)
    return _numbers(-_BOUND, _BOUND)


def _bands(measure: Measure, scale: Scale | None) -> st.SearchStrategy[float]:
    if measure is Measure.ORDINAL and scale is not None:
        return st.integers(0, scale.highest - scale.lowest)
    if measure is Measure.PERCENTAGE:
        return _numbers(0, 50)
    if measure is Measure.BINARY:
        return st.floats(0, 0.5)
    return _numbers(0, 10_000)


def _in_order(direction: Direction, values: list[float]) -> list[float]:
    """Order distinct values so that each lies in *direction* from the one before."""
    if direction is Direction.INCREASE:
        return sorted(values)
    if direction is Direction.DECREASE:
        return sorted(values, reverse=True)
    return values


@st.composite
def derivations(
    draw: st.DrawFn,
    *,
    source: st.SearchStrategy[str] | None = None,
    aggregation: st.SearchStrategy[Aggregation] | None = None,
    threshold: st.SearchStrategy[float] | None = None,
) -> Derivation:
    """Derivations: how a meso or macro indicator is computed from a lower one.

    Args:
        draw: Supplied by Hypothesis.
        source: The source indicator's id.
        aggregation: The aggregation.
        threshold: The threshold, drawn only for ``share_reaching``.
    """
    how = draw(_or(aggregation, _members(Aggregation)))
    limit = None
    if how is Aggregation.SHARE_REACHING:
        limit = draw(_or(threshold, _numbers(-_BOUND, _BOUND)))
    return Derivation(source=draw(_or(source, _ID)), aggregation=how, threshold=limit)


def _make_indicator(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    id: str,  # noqa: A002
    measure: Measure,
    direction: Direction,
    scale: Scale | None,
    derivation: Derivation | None,
    accumulation: Accumulation,
    max_targets: int,
) -> Indicator:
    """Draw an indicator from concrete choices; see :func:`indicators`."""
    if derivation is not None:
        measure = derivation.measure
    if measure is not Measure.ORDINAL:
        scale = None
    if measure is not Measure.QUANTITY:
        accumulation = Accumulation.LATEST
    baseline: Baseline | None = None
    steps: tuple[Target, ...] = ()
    band: float | None = None
    if measure is not Measure.QUALITATIVE:
        has_baseline = draw(st.booleans())
        room = max_targets
        if scale is not None:
            room = min(room, len(scale.points) - int(has_baseline))
        count = draw(st.integers(0, max(room, 0))) + int(has_baseline)
        # Distinct values, put in the indicator's direction, on distinct days in
        # increasing order: the baseline first, then the targets.
        values = _in_order(
            direction,
            draw(
                st.lists(
                    _levels(measure, scale), min_size=count, max_size=count, unique=True
                )
            ),
        )
        days = sorted(
            draw(st.lists(_DATES, min_size=count, max_size=count, unique=True))
        )
        # One note, on the first of them, keeps the number of draws down.
        notes = [draw(_texts()), *[""] * (count - 1)] if count else []
        rows = list(zip(values, days, notes, strict=True))
        if has_baseline:
            value, on, note = rows.pop(0)
            baseline = Baseline(value=value, on=on, note=note)
        steps = tuple(Target(value=v, by=d, note=n) for v, d, n in rows)
        if direction is Direction.MAINTAIN:
            band = draw(_bands(measure, scale))
    return Indicator(
        id=id,
        name=draw(_nonblank()),
        measure=measure,
        direction=direction,
        question=draw(_members(Question)),
        unit=draw(_UNITS),
        scale=scale,
        baseline=baseline,
        targets=steps,
        tolerance=draw(st.floats(0, 1)),
        band=band,
        accumulation=accumulation,
        derived_from=derivation,
    )


@st.composite
def indicators(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    measure: st.SearchStrategy[Measure] | None = None,
    direction: st.SearchStrategy[Direction] | None = None,
    scale: st.SearchStrategy[Scale] | None = None,
    derived_from: st.SearchStrategy[Derivation | None] | None = None,
    accumulation: st.SearchStrategy[Accumulation] | None = None,
    max_targets: int = 3,
) -> Indicator:
    """Indicators with a baseline and targets that keep every rule of the model.

    Values are drawn distinct and then ordered in the indicator's direction, on
    days that strictly increase: an ``increase`` indicator's targets lie above the
    baseline and never go down. Percentages lie from 0 to 100, binary values from 0
    to 1, ordinal values on the scale; ``maintain`` gets a band; qualitative
    indicators get no numbers.

    Args:
        draw: Supplied by Hypothesis.
        ids: The indicator's id (default: :func:`ids`).
        measure: The measure. Not used for a derived indicator: it has its
            aggregation's measure.
        direction: The direction.
        scale: The scale, drawn only for ordinal indicators.
        derived_from: A derivation or None (default: None, not derived).
        accumulation: ``sum`` is kept only for quantities; others get ``latest``.
        max_targets: The most targets drawn.
    """
    derivation = draw(_or(derived_from, st.none()))
    chosen = draw(_or(measure, _members(Measure)))
    if derivation is not None:
        chosen = derivation.measure
    return _make_indicator(
        draw,
        id=draw(_or(ids, _ID)),
        measure=chosen,
        direction=draw(_or(direction, _members(Direction))),
        scale=draw(_or(scale, scales())) if chosen is Measure.ORDINAL else None,
        derivation=derivation,
        accumulation=draw(_or(accumulation, _members(Accumulation))),
        max_targets=max_targets,
    )


# -- conditions, parties, agreement -------------------------------------------------


@st.composite
def methods(
    draw: st.DrawFn, *, recognition: st.SearchStrategy[Recognition | None] | None = None
) -> Method:
    """Methods (interventions), with or without a recognition level.

    Args:
        draw: Supplied by Hypothesis.
        recognition: The recognition level or None; a recognised method may have
            a last day of recognition.
    """
    level = draw(_or(recognition, _maybe(_members(Recognition))))
    until = None if level is None else draw(_maybe(_DATES))
    return Method(name=draw(_nonblank()), recognition=level, recognised_until=until)


def cadences(
    *, max_months: int = 24, max_weeks: int = 8, max_days: int = 60
) -> st.SearchStrategy[Cadence]:
    """Cadences (frequenties) of months, weeks and days, never all zero."""

    def build(mwd: tuple[int, int, int]) -> Cadence:
        months, weeks, days = mwd
        if not any(mwd):
            months = 1
        return Cadence(months=months, weeks=weeks, days=days)

    return st.tuples(
        st.integers(0, max_months), st.integers(0, max_weeks), st.integers(0, max_days)
    ).map(build)


_CADENCES: Final = cadences()


def process_conditions(
    *,
    ids: st.SearchStrategy[str] | None = None,
    kind: st.SearchStrategy[ConditionKind] | None = None,
    method: st.SearchStrategy[Method | None] | None = None,
) -> st.SearchStrategy[ProcessCondition]:
    """Process conditions (procescondities), some with a method and a cadence."""
    return st.builds(
        ProcessCondition,
        id=_or(ids, _ID),
        name=_nonblank(),
        kind=_or(kind, _members(ConditionKind)),
        requirement=_texts(),
        method=_or(method, _maybe(_METHODS)),
        reassess_every=_maybe(_CADENCES),
    )


def parties(
    *,
    ids: st.SearchStrategy[str] | None = None,
    role: st.SearchStrategy[Role] | None = None,
) -> st.SearchStrategy[Party]:
    """Parties (partijen) to an agreement."""
    return st.builds(
        Party,
        id=_or(ids, _ID),
        name=_nonblank(),
        role=_or(role, _members(Role)),
    )


def means() -> st.SearchStrategy[Means]:
    """Means (middelen): a description and an amount of money, or none."""
    amounts = st.decimals(
        min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False
    )
    return st.builds(
        Means,
        description=_nonblank(),
        amount=st.none() | amounts,
        currency=st.sampled_from(("EUR", "USD", "GBP")),
    )


@st.composite
def periods(
    draw: st.DrawFn,
    *,
    start: st.SearchStrategy[dt.date] | None = None,
    max_days: int = 3 * 366,
) -> Period:
    """Periods of 1 to *max_days* days, both ends included.

    Args:
        draw: Supplied by Hypothesis.
        start: The first day.
        max_days: The most days in a period (1 or more).
    """
    _check_size("max_days", max_days, 1)
    first = draw(_or(start, _DATES))
    length = draw(st.integers(0, max_days - 1))
    return Period(start=first, end=first + dt.timedelta(days=length))


def agreements(
    *, period: st.SearchStrategy[Period] | None = None
) -> st.SearchStrategy[Agreement]:
    """Agreements (afspraken): purpose, context, means and a period."""
    return st.builds(
        Agreement,
        purpose=_texts(24),
        period=_or(period, periods()),
        context=_texts(24),
        means=st.lists(means(), max_size=2).map(tuple),
        funding=_maybe(_members(FundingVariant)),
    )


# -- results and cycles ------------------------------------------------------------


@st.composite
def results(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    level: st.SearchStrategy[Level] | None = None,
    indicators: st.SearchStrategy[Indicator] | None = None,
    conditions: st.SearchStrategy[str] | None = None,
    contributes_to: st.SearchStrategy[str] | None = None,
    responsible: st.SearchStrategy[str] | None = None,
    max_indicators: int = 3,
) -> Result:
    """Results (resultaten) on any level, with indicators of distinct ids.

    Args:
        draw: Supplied by Hypothesis.
        ids: The result's id.
        level: The level.
        indicators: The indicators (those with an id already drawn are skipped).
        conditions: Ids of the conditions referred to.
        contributes_to: Ids of the results it contributes to (never its own).
        responsible: Ids of the responsible parties.
        max_indicators: The most indicators.
    """
    rid = draw(_or(ids, _ID))
    own = _or(indicators, _INDICATORS)
    return Result(
        id=rid,
        statement=draw(_nonblank(24)),
        level=draw(_or(level, _members(Level))),
        kind=draw(_members(ResultKind)),
        for_whom=tuple(draw(st.lists(_members(Stakeholder), max_size=3, unique=True))),
        indicators=tuple(
            draw(st.lists(own, max_size=max_indicators, unique_by=lambda i: i.id))
        ),
        conditions=tuple(draw(st.lists(_or(conditions, _ID), max_size=3, unique=True))),
        contributes_to=tuple(
            draw(
                st.lists(
                    _or(contributes_to, _ID).filter(lambda x: x != rid),
                    max_size=3,
                    unique=True,
                )
            )
        ),
        responsible=tuple(
            draw(st.lists(_or(responsible, _ID), max_size=3, unique=True))
        ),
        description=draw(_texts()),
    )


def _make_cycle(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    id: str,  # noqa: A002
    reports_to: str,
    cadence: Cadence,
    starts_on: dt.date,
    results: Sequence[str],
) -> FeedbackCycle:
    return FeedbackCycle(
        id=id,
        name=draw(_nonblank()),
        reports_to=reports_to,
        cadence=cadence,
        starts_on=starts_on,
        results=tuple(results),
        tolerance=draw(_maybe(_FRACTIONS)),
        chance=draw(_maybe(_CONFIDENCES)),
    )


@st.composite
def feedback_cycles(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    reports_to: st.SearchStrategy[str] | None = None,
    cadence: st.SearchStrategy[Cadence] | None = None,
    starts_on: st.SearchStrategy[dt.date] | None = None,
    results: st.SearchStrategy[str] | None = None,
) -> FeedbackCycle:
    """Feedback cycles (terugkoppelcycli) with a cadence and an anchor day.

    Args:
        draw: Supplied by Hypothesis.
        ids: The cycle's id.
        reports_to: The id of the party it reports to.
        cadence: The cadence (default: :func:`cadences`).
        starts_on: The anchor day.
        results: Ids of the results in scope (a list of them is drawn; empty
            means all).
    """
    return _make_cycle(
        draw,
        id=draw(_or(ids, _ID)),
        reports_to=draw(_or(reports_to, _ID)),
        cadence=draw(_or(cadence, _CADENCES)),
        starts_on=draw(_or(starts_on, _DATES)),
        results=draw(st.lists(_or(results, _ID), max_size=3, unique=True)),
    )


# -- frameworks --------------------------------------------------------------------


def _derivation_for(draw: st.DrawFn, source: Indicator) -> Derivation:
    how = draw(
        st.sampled_from([a for a in Aggregation if source.measure in _SOURCES[a]])
    )
    limit = None
    if how is Aggregation.SHARE_REACHING:
        limit = draw(_levels(source.measure, source.scale))
    return Derivation(source=source.id, aggregation=how, threshold=limit)


def _scale_for(draw: st.DrawFn, pool: list[Scale]) -> Scale:
    """A scale already in *pool* or a new one (added to it); never two with one id."""
    reuse: bool = draw(st.booleans()) if pool else False
    if reuse:
        return _choose(draw, pool)
    scale = draw(_SCALES)
    for known in pool:
        if known.id == scale.id:
            return known
    pool.append(scale)
    return scale


def _framework_indicators(
    draw: st.DrawFn,
    *,
    levels: list[Level],
    counts: list[int],
    ids: list[str],
    derived_at: int,
) -> list[list[Indicator]]:
    """Draw the indicators of each result, lowest level first.

    The first (micro) result's first two indicators have different measures, the
    first of them numeric or binary; result *derived_at* gets a derived indicator.
    """
    made: list[list[Indicator]] = []
    scale_pool: list[Scale] = []
    next_id = iter(ids)
    for i, level in enumerate(levels):
        own: list[Indicator] = []
        sources = [
            ind
            for j, lower in enumerate(made)
            if levels[j] < level
            for ind in lower
            if ind.measure is not Measure.QUALITATIVE
        ]
        for slot in range(counts[i]):
            if i == 0 and slot == 0:
                measure = draw(st.sampled_from(_NOT_QUALITATIVE))
            elif i == 0 and slot == 1:
                measure = draw(
                    st.sampled_from([m for m in Measure if m is not own[0].measure])
                )
            else:
                measure = draw(_members(Measure))
            derived = bool(sources) and (
                (i == derived_at and slot == 0) or draw(st.booleans())
            )
            derivation = (
                _derivation_for(draw, _choose(draw, sources)) if derived else None
            )
            own.append(
                _make_indicator(
                    draw,
                    id=next(next_id),
                    measure=measure,
                    direction=draw(_members(Direction)),
                    scale=_scale_for(draw, scale_pool)
                    if measure is Measure.ORDINAL and derivation is None
                    else None,
                    derivation=derivation,
                    accumulation=draw(_members(Accumulation)),
                    max_targets=2,
                )
            )
        made.append(own)
    return made


@st.composite
def frameworks(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    max_results: int = 6,
    max_indicators: int = 3,
    max_conditions: int = 4,
    max_cycles: int = 3,
    max_parties: int = 4,
) -> ResultsFramework:
    """Valid, non-trivial results frameworks (resultatenkaders) on all three levels.

    Every framework drawn has:

    - at least one micro, one meso and one macro result;
    - indicators of at least two measures, and at least one meso or macro indicator
      derived from a lower-level indicator by an aggregation that fits its measure;
    - process conditions of at least two kinds, one a proven method with a
      recognition level, each referred to by a result;
    - parties including a commissioner, and feedback cycles reporting to them;
    - ``contributes_to`` only to results on the same or a higher level, acyclic;
    - ids unique across the framework.

    Args:
        draw: Supplied by Hypothesis.
        max_results: The most results (3 or more).
        max_indicators: The most indicators per result (2 or more).
        max_conditions: The most process conditions (2 or more).
        max_cycles: The most feedback cycles (1 or more).
        max_parties: The most parties (1 or more).
    """
    _check_size("max_results", max_results, 3)
    _check_size("max_indicators", max_indicators, 2)
    _check_size("max_conditions", max_conditions, 2)
    _check_size("max_cycles", max_cycles, 1)
    _check_size("max_parties", max_parties, 1)
    extra = draw(st.lists(_members(Level), max_size=max_results - 3))
    levels = sorted([Level.MICRO, Level.MESO, Level.MACRO, *extra])
    counts = draw(
        st.lists(
            st.integers(0, max_indicators), min_size=len(levels), max_size=len(levels)
        )
    )
    counts[0] = max(counts[0], 2)
    derived_at = draw(
        st.sampled_from([i for i, lvl in enumerate(levels) if lvl is not Level.MICRO])
    )
    counts[derived_at] = max(counts[derived_at], 1)
    n_conditions = draw(st.integers(2, max_conditions))
    n_cycles = draw(st.integers(1, max_cycles))
    n_parties = draw(st.integers(1, max_parties))
    sizes = [1, len(levels), n_conditions, n_cycles, n_parties, sum(counts)]
    pool = draw(_unique(sum(sizes), _ID))
    cut = [sum(sizes[:k]) for k in range(len(sizes) + 1)]
    framework_id = pool[0]
    result_ids, condition_ids, cycle_ids, party_ids, indicator_ids = (
        pool[cut[k] : cut[k + 1]] for k in range(1, len(sizes))
    )

    roles = [Role.COMMISSIONER] + [draw(_members(Role)) for _ in range(n_parties - 1)]
    the_parties = [
        Party(id=p, name=draw(_nonblank()), role=r)
        for p, r in zip(party_ids, roles, strict=True)
    ]
    others = [k for k in ConditionKind if k is not ConditionKind.PROVEN_METHOD]
    kinds = [ConditionKind.PROVEN_METHOD, draw(st.sampled_from(others))]
    kinds += [draw(_members(ConditionKind)) for _ in range(n_conditions - 2)]
    the_conditions = [
        ProcessCondition(
            id=c,
            name=draw(_nonblank()),
            kind=k,
            requirement=draw(_texts()),
            method=draw(_RECOGNISED if i == 0 else _maybe(_METHODS)),
            reassess_every=draw(_maybe(_CADENCES)),
        )
        for i, (c, k) in enumerate(zip(condition_ids, kinds, strict=True))
    ]
    made = _framework_indicators(
        draw,
        levels=levels,
        counts=counts,
        ids=indicator_ids,
        derived_at=derived_at,
    )
    refers = [_pick(draw, condition_ids, max_size=2) for _ in levels]
    for c in condition_ids:
        if not any(c in r for r in refers):
            refers[draw(st.integers(0, len(levels) - 1))].append(c)
    the_results = [
        Result(
            id=result_ids[i],
            statement=draw(_nonblank(24)),
            level=level,
            kind=draw(_members(ResultKind)),
            for_whom=tuple(
                draw(st.lists(_members(Stakeholder), max_size=2, unique=True))
            ),
            indicators=tuple(made[i]),
            conditions=tuple(refers[i]),
            # Results are in level order: contributing only to later ones keeps
            # the graph acyclic and pointing to the same or a higher level.
            contributes_to=tuple(_pick(draw, result_ids[i + 1 :], max_size=2)),
            responsible=tuple(_pick(draw, party_ids, max_size=2)),
            description=draw(_texts()),
        )
        for i, level in enumerate(levels)
    ]
    the_cycles = [
        _make_cycle(
            draw,
            id=c,
            reports_to=party_ids[0] if k == 0 else _choose(draw, party_ids),
            cadence=draw(_CADENCES),
            starts_on=draw(_DATES),
            results=_pick(draw, result_ids, max_size=2),
        )
        for k, c in enumerate(cycle_ids)
    ]
    return ResultsFramework(
        id=framework_id,
        name=draw(_nonblank()),
        agreement=draw(_AGREEMENTS),
        results=tuple(draw(st.permutations(the_results))),
        conditions=tuple(draw(st.permutations(the_conditions))),
        cycles=tuple(the_cycles),
        parties=tuple(draw(st.permutations(the_parties))),
    )


# -- facts -------------------------------------------------------------------------


@functools.cache
def _dimensions() -> st.SearchStrategy[frozenset[tuple[str, str]]]:
    keys = st.sampled_from(("age_group", "gender", "district", "household"))
    values = st.text(alphabet="abcdefgh-0123456789", min_size=1, max_size=6)
    return st.dictionaries(keys, values, max_size=2).map(lambda d: frozenset(d.items()))


def _make_subject(
    draw: st.DrawFn,
    *,
    id: str,  # noqa: A002
    level: Level,
    part_of: str | None,
    dimensions: st.SearchStrategy[frozenset[tuple[str, str]]] | None = None,
) -> Subject:
    name = None if level is Level.MICRO else draw(_maybe(_nonblank()))
    return Subject(
        id=id,
        level=level,
        part_of=part_of,
        name=name,
        dimensions=draw(_or(dimensions, _dimensions())),
    )


@st.composite
def subjects(
    draw: st.DrawFn,
    *,
    ids: st.SearchStrategy[str] | None = None,
    level: st.SearchStrategy[Level] | None = None,
    part_of: st.SearchStrategy[str | None] | None = None,
) -> Subject:
    """Subjects: residents (micro), neighbourhoods (meso), municipalities (macro).

    Args:
        draw: Supplied by Hypothesis.
        ids: The subject's id (default: :func:`subject_ids`; an id that passes
            the BSN eleven test is refused by :class:`~resultframe.Subject`).
        level: The level.
        part_of: The id of the subject one level up, or None. Not drawn for macro
            subjects (nothing lies above macro).
    """
    lvl = draw(_or(level, _members(Level)))
    parent = None
    if lvl is not Level.MACRO:
        parent = draw(_or(part_of, _maybe(subject_ids())))
    sid = draw(_or(ids, subject_ids()).filter(lambda x: x != parent))
    return _make_subject(draw, id=sid, level=lvl, part_of=parent)


def observation_values(indicator: Indicator | None = None) -> st.SearchStrategy[Value]:
    """Observation values; for an *indicator*, values that fit its measure.

    A bool for binary, a point of the scale for ordinal, a number from 0 to 100 for
    percentage, a finite number for quantity, a non-blank text for qualitative.
    Without an indicator: any valid value.
    """
    if indicator is None:
        return _ANY_VALUE
    return _values_for(indicator.measure, indicator.scale)


@functools.lru_cache(maxsize=256)
def _values_for(measure: Measure, scale: Scale | None) -> st.SearchStrategy[Value]:
    if measure is Measure.BINARY:
        return st.booleans()
    if measure is Measure.QUALITATIVE:
        return _nonblank()
    if measure is Measure.ORDINAL and scale is not None:
        return st.sampled_from(scale.values)
    if measure is Measure.PERCENTAGE:
        return _numbers(0, 100)
    return _numbers(-_BOUND, _BOUND)


def observations(  # noqa: PLR0913
    *,
    indicator: st.SearchStrategy[str] | None = None,
    subject: st.SearchStrategy[str] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
    value: st.SearchStrategy[Value] | None = None,
    note: st.SearchStrategy[str] | None = None,
    source: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Observation]:
    """Observations (metingen) of any valid value, or of the values given."""
    return st.builds(
        Observation,
        indicator=_or(indicator, _ID),
        subject=_or(subject, subject_ids()),
        on=_or(on, _DATES),
        value=_or(value, _ANY_VALUE),
        note=_or(note, _texts()),
        source=_or(source, _texts(6)),
    )


def _make_goal(  # noqa: PLR0913
    draw: st.DrawFn,
    *,
    subject: str,
    indicator: str,
    values: st.SearchStrategy[float],
    direction: Direction,
    on: st.SearchStrategy[dt.date],
) -> Goal:
    if not draw(st.booleans()):
        return Goal(
            subject=subject,
            indicator=indicator,
            target=Target(value=draw(values), by=draw(on), note=draw(_texts())),
        )
    first, second = _in_order(
        direction, draw(st.lists(values, min_size=2, max_size=2, unique=True))
    )
    start = draw(on)
    by = start + dt.timedelta(days=draw(st.integers(1, 3 * 366)))
    return Goal(
        subject=subject,
        indicator=indicator,
        baseline=Baseline(value=first, on=start, note=draw(_texts())),
        target=Target(value=second, by=by, note=draw(_texts())),
    )


@st.composite
def goals(
    draw: st.DrawFn,
    *,
    subject: st.SearchStrategy[str] | None = None,
    indicator: st.SearchStrategy[str] | None = None,
    value: st.SearchStrategy[float] | None = None,
    direction: st.SearchStrategy[Direction] | None = None,
) -> Goal:
    """Individual goals (persoonlijke doelen), with or without a baseline.

    With a baseline, the target lies in *direction* from it (``increase``: above,
    ``decrease``: below, ``maintain``: anywhere) and falls due after it.

    Args:
        draw: Supplied by Hypothesis.
        subject: The subject's id.
        indicator: The indicator's id.
        value: The values of baseline and target (it must be able to give two
            different values).
        direction: The indicator's direction the goal follows.
    """
    return _make_goal(
        draw,
        subject=draw(_or(subject, subject_ids())),
        indicator=draw(_or(indicator, _ID)),
        values=_or(value, _numbers(-_BOUND, _BOUND)),
        direction=draw(_or(direction, _members(Direction))),
        on=_DATES,
    )


def condition_assessments(
    *,
    condition: st.SearchStrategy[str] | None = None,
    on: st.SearchStrategy[dt.date] | None = None,
    assessed_by: st.SearchStrategy[str | None] | None = None,
) -> st.SearchStrategy[ConditionAssessment]:
    """Assessments (toetsingen) of process conditions."""
    return st.builds(
        ConditionAssessment,
        condition=_or(condition, _ID),
        on=_or(on, _DATES),
        status=_members(ConditionStatus),
        note=_texts(),
        assessed_by=_or(assessed_by, _maybe(_ID)),
    )


def decisions(
    *, about: st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[Decision]:
    """Decisions taken in a review (bijsturingsbesluiten)."""
    return st.builds(
        Decision,
        kind=_members(DecisionKind),
        about=st.lists(_or(about, _ID), max_size=3, unique=True).map(tuple),
        rationale=_texts(),
        follow_up_by=_maybe(_DATES),
    )


@st.composite
def reviews(
    draw: st.DrawFn,
    *,
    cycle: st.SearchStrategy[str] | None = None,
    period: st.SearchStrategy[Period] | None = None,
    decisions: st.SearchStrategy[Decision] | None = None,
) -> Review:
    """Reviews (terugkoppelingen), held on or after their period's first day.

    Args:
        draw: Supplied by Hypothesis.
        cycle: The cycle's id.
        period: The period reviewed.
        decisions: The decisions taken (a short list of them is drawn).
    """
    return _make_review(
        draw,
        cycle=draw(_or(cycle, _ID)),
        period=draw(_or(period, periods())),
        decisions=st.lists(_or(decisions, _DECISIONS), max_size=2),
    )


def _make_review(
    draw: st.DrawFn,
    *,
    cycle: str,
    period: Period,
    decisions: st.SearchStrategy[list[Decision]],
) -> Review:
    return Review(
        cycle=cycle,
        period=period,
        held_on=period.start + dt.timedelta(days=draw(_LATENESS)),
        decisions=tuple(draw(decisions)),
        note=draw(_texts()),
        framework_fingerprint=draw(_FINGERPRINTS),
    )


_ID: Final = ids()
_ANY_VALUE: Final[st.SearchStrategy[Value]] = st.one_of(
    st.booleans(), _numbers(-_BOUND, _BOUND), _nonblank()
)
_INDICATORS: Final = indicators()
_FINGERPRINTS: Final = _maybe(st.text(alphabet=_HEX, min_size=64, max_size=64))
_FRACTIONS: Final = st.floats(0, 1)
_CONFIDENCES: Final = st.floats(0, 1, exclude_min=True, exclude_max=True)
_SPREADS: Final = st.floats(0, 1e6, exclude_min=True)
_RELIABILITIES: Final = st.floats(0, 1, exclude_max=True)
_UNITS: Final = st.sampled_from(("", "%", "persons", "EUR", "hours/week", "€", "uur"))
_LATENESS: Final = st.integers(0, 180)
_METHODS: Final = methods()
_RECOGNISED: Final = methods(recognition=_members(Recognition))
_AGREEMENTS: Final = agreements()
_SCALES: Final = scales(max_points=5)
_DECISIONS: Final = decisions()


# -- records for a framework ------------------------------------------------------


def _hierarchy(draw: st.DrawFn, max_subjects: int) -> list[Subject]:
    """Municipalities, neighbourhoods part of them, residents part of those."""
    n_macro = draw(st.integers(1, 2))
    n_meso = draw(st.integers(1, 4))
    n_micro = draw(st.integers(1, max(1, max_subjects - n_macro - n_meso)))
    names = draw(_unique(n_macro + n_meso + n_micro, subject_ids(max_size=8)))
    macro = names[:n_macro]
    meso = names[n_macro : n_macro + n_meso]
    micro = names[n_macro + n_meso :]
    # A few sets of dimensions, shared by the subjects (as groups share them).
    dims = st.sampled_from(draw(st.lists(_dimensions(), min_size=1, max_size=3)))
    out = [
        _make_subject(draw, id=s, level=Level.MACRO, part_of=None, dimensions=dims)
        for s in macro
    ]
    out += [
        _make_subject(
            draw, id=s, level=Level.MESO, part_of=_choose(draw, macro), dimensions=dims
        )
        for s in meso
    ]
    out += [
        _make_subject(
            draw, id=s, level=Level.MICRO, part_of=_choose(draw, meso), dimensions=dims
        )
        for s in micro
    ]
    return out


def _observations_for(
    draw: st.DrawFn,
    *,
    framework: ResultsFramework,
    by_level: dict[Level, list[str]],
    days: st.SearchStrategy[dt.date],
    max_observations: int,
) -> list[Observation]:
    observable = [i for i in framework.indicators if i.derived_from is None]
    if not observable or max_observations < 1:
        return []
    # Small pools of notes and sources: a draw per observation is costly enough.
    notes = st.sampled_from(draw(st.lists(_texts(8), min_size=1, max_size=3)))
    sources = st.sampled_from(["", *draw(st.lists(_texts(6), max_size=2))])
    rows = st.one_of(
        *(
            st.builds(
                Observation,
                indicator=st.just(i.id),
                subject=st.sampled_from(by_level[framework.level_of(i.id)]),
                on=days,
                value=observation_values(i),
                note=notes,
                source=sources,
            )
            for i in observable
        )
    )
    drawn = draw(st.lists(rows, max_size=max_observations))
    # At most one observation per indicator, subject and day where the latest
    # value counts: keep the first of each.
    seen: set[tuple[str, str, dt.date]] = set()
    kept: list[Observation] = []
    for o in drawn:
        if framework.indicator(o.indicator).accumulation is Accumulation.LATEST:
            key = (o.indicator, o.subject, o.on)
            if key in seen:
                continue
            seen.add(key)
        kept.append(o)
    return kept


def _goals_for(
    draw: st.DrawFn,
    framework: ResultsFramework,
    micro: list[str],
    days: st.SearchStrategy[dt.date],
    max_goals: int,
) -> list[Goal]:
    candidates = [
        i
        for r in framework.results_at(Level.MICRO)
        for i in r.indicators
        if i.measure is not Measure.QUALITATIVE
    ]
    if not candidates or not micro:
        return []
    chosen = draw(st.lists(st.sampled_from(candidates), max_size=max_goals))
    return [
        _make_goal(
            draw,
            subject=_choose(draw, micro),
            indicator=i.id,
            values=_levels(i.measure, i.scale),
            direction=i.direction,
            on=days,
        )
        for i in chosen
    ]


def _reviews_for(
    draw: st.DrawFn, framework: ResultsFramework, max_reviews: int
) -> list[Review]:
    if not framework.cycles:
        return []
    about = [
        *(r.id for r in framework.results),
        *(i.id for i in framework.indicators),
        *(c.id for c in framework.conditions),
        *(c.id for c in framework.cycles),
    ]
    turns = draw(
        st.lists(
            st.tuples(st.integers(0, len(framework.cycles) - 1), st.integers(0, 11)),
            max_size=max_reviews,
            unique=True,
        )
    )
    about_these = st.lists(decisions(about=st.sampled_from(about)), max_size=2)
    return [
        _make_review(
            draw,
            cycle=framework.cycles[c].id,
            period=framework.cycles[c].period(k),
            decisions=about_these,
        )
        for c, k in turns
    ]


@st.composite
def records(  # noqa: PLR0913
    draw: st.DrawFn,
    framework: ResultsFramework,
    *,
    max_subjects: int = 30,
    max_observations: int = 100,
    max_goals: int = 10,
    max_assessments: int = 10,
    max_reviews: int = 10,
    dates: st.SearchStrategy[dt.date] | None = None,
) -> Records:
    """Records whose every fact fits *framework*: ``check(framework) == ()``.

    Subjects form a hierarchy: one or two municipalities (macro), neighbourhoods
    (meso) part of them, residents (micro) part of those. Observations are of
    indicators that are not derived, on subjects of their result's level, with
    values that fit the measure, and at most one per indicator, subject and day
    for indicators that take the latest value. Goals are on micro indicators,
    assessments of the framework's conditions (by one of its parties, or by no one
    named), reviews for real periods of its cycles (at most one per cycle and
    period) with decisions about its ids.

    Observations, goals and assessments share a small pool of days, so that facts
    often fall on the same day.

    Args:
        draw: Supplied by Hypothesis.
        framework: The framework the facts fit.
        max_subjects: The most subjects (3 or more).
        max_observations: The most observations.
        max_goals: The most goals.
        max_assessments: The most condition assessments.
        max_reviews: The most reviews.
        dates: Where the pool of days is drawn from (default: 2015 to 2035).
    """
    _check_size("max_subjects", max_subjects, 3)
    pool = draw(st.lists(_or(dates, _DATES), min_size=1, max_size=8, unique=True))
    days = st.sampled_from(sorted(pool))
    people = _hierarchy(draw, max_subjects)
    by_level = {lvl: [s.id for s in people if s.level is lvl] for lvl in Level}
    assessors = [p.id for p in framework.parties]
    assessments: list[ConditionAssessment] = []
    if framework.conditions:
        assessments = draw(
            st.lists(
                condition_assessments(
                    condition=st.sampled_from([c.id for c in framework.conditions]),
                    on=days,
                    assessed_by=st.none() | st.sampled_from(assessors)
                    if assessors
                    else st.none(),
                ),
                max_size=max_assessments,
            )
        )
    return Records(
        subjects=people,
        observations=_observations_for(
            draw,
            framework=framework,
            by_level=by_level,
            days=days,
            max_observations=max_observations,
        ),
        goals=_goals_for(draw, framework, by_level[Level.MICRO], days, max_goals),
        assessments=assessments,
        reviews=_reviews_for(draw, framework, max_reviews),
    )
