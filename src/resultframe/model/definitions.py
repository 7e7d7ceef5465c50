"""Definitions: what a framework agrees on. Authored, versioned, rarely changed.

Every class here is frozen and keyword-only, and checks in its constructor every
rule that needs no other object. Rules that relate objects to each other (a
reference to an id, levels of contributing results) are checked by
:class:`~resultframe.model.framework.ResultsFramework`.
"""

from __future__ import annotations

import datetime as dt
import decimal

import attrs

from resultframe.errors import InvalidValue
from resultframe.model import _checks
from resultframe.model.enums import (
    Accumulation,
    Aggregation,
    ConditionKind,
    Direction,
    FundingVariant,
    Level,
    Measure,
    Question,
    Recognition,
    ResultKind,
    Role,
    Stakeholder,
)
from resultframe.model.schedule import Cadence, Period

__all__ = [
    "Agreement",
    "Baseline",
    "Derivation",
    "FeedbackCycle",
    "Indicator",
    "Means",
    "Method",
    "Party",
    "ProcessCondition",
    "Result",
    "Scale",
    "ScalePoint",
    "Target",
]

# Members the checks of every indicator use: a module constant is found faster
# than an enum member on its class.
_INCREASE = Direction.INCREASE
_DECREASE = Direction.DECREASE
_PERCENTAGE = Measure.PERCENTAGE
_BINARY = Measure.BINARY

_SHARES = frozenset(
    {Aggregation.SHARE_IMPROVED, Aggregation.SHARE_REACHING, Aggregation.SHARE_TRUE}
)


@attrs.frozen(kw_only=True)
class ScalePoint:
    """One point of an ordinal scale (schaalpunt): a whole number and its label."""

    value: int = attrs.field(validator=_checks.Instance(int))
    label: str = attrs.field(validator=_checks.Text(non_blank=True))


@attrs.frozen(kw_only=True)
class Scale:
    """An ordered scale of points (schaal), such as the ZRM's 1-5 or GAS's -2..+2.

    Points are given lowest first; their values strictly increase. An
    instrument whose standard deviation (``sd``, in the reference group) and
    reliability (test-retest or Cronbach's alpha, from 0 to below 1) are known
    may declare both; :func:`~resultframe.evaluation.reliable_counts` then
    counts the residents who changed *reliably* (Jacobson & Truax, 1991).

    >>> s = Scale(id="yes-no-maybe", name="Agreement", points=(
    ...     ScalePoint(value=1, label="no"), ScalePoint(value=2, label="maybe"),
    ...     ScalePoint(value=3, label="yes")))
    >>> s.label(2), 4 in s
    ('maybe', False)
    """

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    points: tuple[ScalePoint, ...] = attrs.field(validator=_checks.TupleOf(ScalePoint))
    sd: float | None = attrs.field(
        default=None, validator=_checks.Spread(optional=True)
    )
    reliability: float | None = attrs.field(
        default=None, validator=_checks.Reliability(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if len(self.points) < 2:
            raise InvalidValue("points", self.points, "expected at least two points")
        if (self.sd is None) is not (self.reliability is None):
            missing, given = (
                ("reliability", "sd")
                if self.reliability is None
                else ("sd", "reliability")
            )
            raise InvalidValue(
                missing,
                None,
                f"expected a {missing} as well, since the scale declares its {given} "
                f"(reliable change needs both)",
            )
        for i in range(1, len(self.points)):
            if self.points[i].value <= self.points[i - 1].value:
                raise InvalidValue(
                    f"points[{i}].value",
                    self.points[i].value,
                    f"expected a value above the previous point's "
                    f"{self.points[i - 1].value} (points are lowest first)",
                )

    @property
    def values(self) -> tuple[int, ...]:
        """The values of the points, lowest first."""
        return tuple(p.value for p in self.points)

    @property
    def lowest(self) -> int:
        """The lowest value on the scale."""
        return self.points[0].value

    @property
    def highest(self) -> int:
        """The highest value on the scale."""
        return self.points[-1].value

    def __contains__(self, value: object) -> bool:
        if isinstance(value, bool):
            return False
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return isinstance(value, int) and value in self.values

    def label(self, value: int) -> str:
        """Return the label of the point with *value*.

        Raises:
            InvalidValue: no point has that value.
        """
        for p in self.points:
            if p.value == value:
                return p.label
        raise InvalidValue("value", value, f"expected one of {list(self.values)}")


@attrs.frozen(kw_only=True)
class Baseline:
    """Baseline (nulmeting): the value an indicator starts from, and when."""

    value: float = attrs.field(validator=_checks.Number())
    on: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    note: str = attrs.field(default="", validator=_checks.Text())


@attrs.frozen(kw_only=True)
class Target:
    """Target (streefwaarde): the value an indicator should reach by a day."""

    value: float = attrs.field(validator=_checks.Number())
    by: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    note: str = attrs.field(default="", validator=_checks.Text())


@attrs.frozen(kw_only=True)
class Derivation:
    """How a meso or macro indicator is computed from lower-level observations.

    Args:
        source: The id of the indicator on a lower level whose observations are
            aggregated.
        aggregation: How they are combined.
        threshold: For ``share_reaching`` only: the value a subject must reach
            (in the source indicator's direction) to count.
    """

    source: str = attrs.field(validator=_checks.Id())
    aggregation: Aggregation = attrs.field(validator=_checks.Member(Aggregation))
    threshold: float | None = attrs.field(
        default=None, validator=_checks.Number(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.aggregation is Aggregation.SHARE_REACHING and self.threshold is None:
            raise InvalidValue(
                "threshold", None, "expected a number for aggregation 'share_reaching'"
            )
        if self.aggregation is not Aggregation.SHARE_REACHING and (
            self.threshold is not None
        ):
            raise InvalidValue(
                "threshold",
                self.threshold,
                f"expected None for aggregation {self.aggregation.value!r} "
                "(only 'share_reaching' has a threshold)",
            )

    @property
    def measure(self) -> Measure:
        """The measure an indicator derived this way has (shares are percentages)."""
        return Measure.PERCENTAGE if self.aggregation in _SHARES else Measure.QUANTITY


def _in_direction(direction: Direction, start: float, end: float) -> bool:
    if direction is _INCREASE:
        return end > start
    if direction is _DECREASE:
        return end < start
    return True


@attrs.frozen(kw_only=True)
class Indicator:
    """Indicator: what is measured to see whether a result is reached.

    Rules checked on construction:

    - an ``ordinal`` indicator has a ``scale``, and only ordinal indicators have one;
      its baseline and targets are points on the scale;
    - a ``qualitative`` indicator has no baseline, targets, band or derivation;
    - a ``percentage`` baseline or target lies from 0 to 100, a ``binary`` one from 0
      to 1 (the share of true);
    - target dates strictly increase and lie after the baseline date;
    - for ``increase`` and ``decrease``, every target lies strictly in that direction
      from the baseline, and each target is at least as far as the one before;
    - ``maintain`` needs a ``band`` (the half-width of the range around the target);
      other directions have none;
    - ``accumulation="sum"`` only for ``quantity`` indicators;
    - a derived indicator has the measure its aggregation gives (shares are
      ``percentage``, the others ``quantity``).
    """

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    measure: Measure = attrs.field(validator=_checks.Member(Measure))
    direction: Direction = attrs.field(validator=_checks.Member(Direction))
    question: Question = attrs.field(validator=_checks.Member(Question))
    unit: str = attrs.field(default="", validator=_checks.Text())
    scale: Scale | None = attrs.field(
        default=None, validator=_checks.Instance(Scale, optional=True)
    )
    baseline: Baseline | None = attrs.field(
        default=None, validator=_checks.Instance(Baseline, optional=True)
    )
    targets: tuple[Target, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(Target)
    )
    tolerance: float = attrs.field(default=0.10, validator=_checks.Fraction())
    band: float | None = attrs.field(
        default=None, validator=_checks.Number(optional=True)
    )
    accumulation: Accumulation = attrs.field(
        default=Accumulation.LATEST, validator=_checks.Member(Accumulation)
    )
    derived_from: Derivation | None = attrs.field(
        default=None, validator=_checks.Instance(Derivation, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        self._check_measure()
        self._check_targets()
        self._check_band()

    def _check_measure(self) -> None:
        if self.measure is Measure.ORDINAL and self.scale is None:
            raise InvalidValue(
                "scale", None, "expected a Scale for an ordinal indicator"
            )
        if self.measure is not Measure.ORDINAL and self.scale is not None:
            raise InvalidValue(
                "scale",
                self.scale.id,
                f"expected None for a {self.measure.value} indicator "
                "(only ordinal indicators have a scale)",
            )
        if self.measure is Measure.QUALITATIVE:
            for field in ("baseline", "band", "derived_from"):
                if getattr(self, field) is not None:
                    raise InvalidValue(
                        field,
                        getattr(self, field),
                        "expected None for a qualitative indicator (it has no numbers)",
                    )
            if self.targets:
                raise InvalidValue(
                    "targets",
                    self.targets,
                    "expected no targets for a qualitative indicator (it has no numbers)",
                )
        if (
            self.accumulation is Accumulation.SUM
            and self.measure is not Measure.QUANTITY
        ):
            raise InvalidValue(
                "accumulation",
                self.accumulation.value,
                f"expected 'latest' for a {self.measure.value} indicator "
                "(only quantities can be summed over time)",
            )
        if (
            self.derived_from is not None
            and self.measure is not self.derived_from.measure
        ):
            raise InvalidValue(
                "measure",
                self.measure.value,
                f"expected {self.derived_from.measure.value!r} for an indicator derived "
                f"by {self.derived_from.aggregation.value!r}",
            )

    def _value_problem(self, value: float) -> str | None:
        """What *value* is not, as a baseline or target of this indicator; or None."""
        if self.measure is _PERCENTAGE and not 0 <= value <= 100:
            return "expected a percentage from 0 to 100"
        if self.measure is _BINARY and not 0 <= value <= 1:
            return "expected a share of true from 0 to 1"
        if self.scale is not None and value not in self.scale:
            return f"expected a point of scale {self.scale.id!r}: {list(self.scale.values)}"
        return None

    def _check_targets(self) -> None:
        if self.baseline is not None:
            problem = self._value_problem(self.baseline.value)
            if problem is not None:
                raise InvalidValue("baseline.value", self.baseline.value, problem)
        previous: Target | None = None
        for i, target in enumerate(self.targets):
            # The field's name is made only for an error: this runs for every load.
            problem = self._value_problem(target.value)
            if problem is not None:
                raise InvalidValue(f"targets[{i}].value", target.value, problem)
            if previous is not None and target.by <= previous.by:
                raise InvalidValue(
                    f"targets[{i}].by",
                    target.by,
                    f"expected a day after the previous target's {previous.by} "
                    "(target dates strictly increase)",
                )
            if self.baseline is not None:
                if target.by <= self.baseline.on:
                    raise InvalidValue(
                        f"targets[{i}].by",
                        target.by,
                        f"expected a day after the baseline's {self.baseline.on}",
                    )
                if not _in_direction(self.direction, self.baseline.value, target.value):
                    raise InvalidValue(
                        f"targets[{i}].value",
                        target.value,
                        f"expected a value in the indicator's direction "
                        f"({self.direction.value}) from the baseline "
                        f"{self.baseline.value}",
                    )
            if (
                previous is not None
                and target.value != previous.value
                and not _in_direction(self.direction, previous.value, target.value)
            ):
                raise InvalidValue(
                    f"targets[{i}].value",
                    target.value,
                    f"expected a value at least as far in the indicator's direction "
                    f"({self.direction.value}) as the previous target {previous.value}",
                )
            previous = target

    def _check_band(self) -> None:
        if self.direction is Direction.MAINTAIN:
            if self.measure is Measure.QUALITATIVE:
                return
            if self.band is None:
                raise InvalidValue(
                    "band",
                    None,
                    "expected a number for a 'maintain' indicator (the allowed "
                    "distance from the target)",
                )
            if self.band < 0:
                raise InvalidValue("band", self.band, "expected a band of 0 or more")
        elif self.band is not None:
            raise InvalidValue(
                "band",
                self.band,
                f"expected None for direction {self.direction.value!r} "
                "(only 'maintain' has a band)",
            )

    @property
    def final_target(self) -> Target | None:
        """The last target, or None without targets."""
        return self.targets[-1] if self.targets else None


@attrs.frozen(kw_only=True)
class Method:
    """A named intervention (methodiek, interventie) and its recognition.

    Args:
        name: The intervention's name.
        recognition: Its recognition level by the Dutch recognition committees, if
            any.
        recognised_until: The last day the recognition is valid (recognitions run
            three or five years). Only with a recognition.
    """

    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    recognition: Recognition | None = attrs.field(
        default=None, validator=_checks.Member(Recognition, optional=True)
    )
    recognised_until: dt.date | None = attrs.field(
        default=None, validator=_checks.Instance(dt.date, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.recognition is None and self.recognised_until is not None:
            raise InvalidValue(
                "recognised_until",
                self.recognised_until,
                "expected None when the method has no recognition",
            )

    def recognised_on(self, day: dt.date) -> Recognition | None:
        """Return the recognition valid on *day*, or None if none (or expired)."""
        if self.recognition is None:
            return None
        if self.recognised_until is not None and day > self.recognised_until:
            return None
        return self.recognition


@attrs.frozen(kw_only=True)
class ProcessCondition:
    """Process condition (procesconditie): what must be in place for a result.

    Args:
        id: The condition's id.
        name: A short name.
        kind: Which kind of condition this is.
        requirement: What counts as met, in words.
        method: The intervention, for proven-method conditions.
        reassess_every: How often it must be assessed; an assessment older than
            this is stale.
    """

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    kind: ConditionKind = attrs.field(validator=_checks.Member(ConditionKind))
    requirement: str = attrs.field(default="", validator=_checks.Text())
    method: Method | None = attrs.field(
        default=None, validator=_checks.Instance(Method, optional=True)
    )
    reassess_every: Cadence | None = attrs.field(
        default=None, validator=_checks.Instance(Cadence, optional=True)
    )


@attrs.frozen(kw_only=True)
class Party:
    """A party to the agreement (partij): who realises and who steers."""

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    role: Role = attrs.field(validator=_checks.Member(Role))


@attrs.frozen(kw_only=True)
class Means:
    """Means (middelen) available to realise the results: money, people, facilities.

    ``amount`` is a :class:`~decimal.Decimal` (never a float) in ``currency``.
    """

    description: str = attrs.field(validator=_checks.Text(non_blank=True))
    amount: decimal.Decimal | None = attrs.field(
        default=None, validator=_checks.Money()
    )
    currency: str = attrs.field(default="EUR", validator=_checks.Text())

    def __attrs_post_init__(self) -> None:
        if not (
            len(self.currency) == 3
            and self.currency.isascii()
            and self.currency.isalpha()
            and self.currency.isupper()
        ):
            raise InvalidValue(
                "currency", self.currency, "expected an ISO 4217 code such as 'EUR'"
            )


@attrs.frozen(kw_only=True)
class Agreement:
    """The agreement (afspraak): what to realise, in which context, with which means.

    ``purpose`` and ``context`` may be empty while a framework is being drafted; the
    linter points that out.
    """

    purpose: str = attrs.field(validator=_checks.Text())
    period: Period = attrs.field(validator=_checks.Instance(Period))
    context: str = attrs.field(default="", validator=_checks.Text())
    means: tuple[Means, ...] = attrs.field(default=(), validator=_checks.TupleOf(Means))
    funding: FundingVariant | None = attrs.field(
        default=None, validator=_checks.Member(FundingVariant, optional=True)
    )


@attrs.frozen(kw_only=True)
class Result:
    """Result (resultaat): the product of a process, for someone, on a level.

    Args:
        id: The result's id.
        statement: The result in one sentence, as agreed.
        level: Micro, meso or macro.
        kind: Output, outcome or impact.
        for_whom: Who the result is for.
        indicators: How the result is measured.
        conditions: Ids of the process conditions that make it reachable.
        contributes_to: Ids of results on the same or a higher level it helps reach.
        responsible: Ids of the parties responsible for it.
        description: More words, if needed.
    """

    id: str = attrs.field(validator=_checks.Id())
    statement: str = attrs.field(validator=_checks.Text(non_blank=True))
    level: Level = attrs.field(validator=_checks.Member(Level))
    kind: ResultKind = attrs.field(validator=_checks.Member(ResultKind))
    for_whom: tuple[Stakeholder, ...] = attrs.field(
        default=(),
        validator=_checks.TupleOf(_checks.Member(Stakeholder), unique=True),
    )
    indicators: tuple[Indicator, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(Indicator)
    )
    conditions: tuple[str, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_checks.Id(), unique=True)
    )
    contributes_to: tuple[str, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_checks.Id(), unique=True)
    )
    responsible: tuple[str, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_checks.Id(), unique=True)
    )
    description: str = attrs.field(default="", validator=_checks.Text())

    def __attrs_post_init__(self) -> None:
        if self.id in self.contributes_to:
            raise InvalidValue(
                "contributes_to", self.id, "expected ids of other results (not itself)"
            )
        seen: set[str] = set()
        for i, indicator in enumerate(self.indicators):
            if indicator.id in seen:
                raise InvalidValue(
                    f"indicators[{i}].id",
                    indicator.id,
                    "expected a unique indicator id",
                )
            seen.add(indicator.id)


@attrs.frozen(kw_only=True)
class FeedbackCycle:
    """Feedback cycle (terugkoppelcyclus): results fed back, on a cadence, to who steers.

    Periods are counted from ``starts_on``: period *k* runs from ``starts_on + k
    cadences`` to the day before ``starts_on + (k+1) cadences``. The review of a
    period falls due on the day after the period ends.

    >>> cycle = FeedbackCycle(id="q", name="Quarterly review", reports_to="gemeente",
    ...     cadence=Cadence(months=3), starts_on=dt.date(2025, 1, 31))
    >>> [str(p) for p in cycle.periods(until=dt.date(2025, 8, 1))]
    ['2025-01-31/2025-04-29', '2025-04-30/2025-07-30', '2025-07-31/2025-10-30']
    >>> cycle.next_due(dt.date(2025, 5, 1))
    datetime.date(2025, 7, 31)

    Args:
        id: The cycle's id.
        name: A short name.
        reports_to: The id of the party results are fed back to.
        cadence: How long each period is.
        starts_on: The first day of the first period (the anchor).
        results: Ids of the results in scope; empty means all results.
        tolerance: Overrides the indicators' tolerance in this cycle, if given.
        chance: A confidence level (0.95, say) at which the cycle's agenda
            leaves out deviations that chance explains: the framework is
            evaluated with that confidence, and a deviation whose progress
            interval holds the expected progress is not raised (see
            ``docs/steering.md``). None (the default) raises every deviation
            outside tolerance.
    """

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    reports_to: str = attrs.field(validator=_checks.Id())
    cadence: Cadence = attrs.field(validator=_checks.Instance(Cadence))
    starts_on: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    results: tuple[str, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_checks.Id(), unique=True)
    )
    tolerance: float | None = attrs.field(
        default=None, validator=_checks.Fraction(optional=True)
    )
    chance: float | None = attrs.field(
        default=None, validator=_checks.Confidence(optional=True)
    )

    def period(self, index: int) -> Period:
        """Return period number *index* (the first period is 0)."""
        if isinstance(index, bool) or not isinstance(index, int) or index < 0:
            raise InvalidValue("index", index, "expected a whole number of 0 or more")
        start = self.cadence.step(self.starts_on, index)
        end = self.cadence.step(self.starts_on, index + 1) - dt.timedelta(days=1)
        return Period(start=start, end=end)

    def index_on(self, day: dt.date) -> int:
        """Return the number of the period that contains *day*.

        Raises:
            InvalidValue: *day* lies before the cycle starts.
        """
        _checks.Instance(dt.date).check("day", day)
        if day < self.starts_on:
            raise InvalidValue(
                "day",
                day,
                f"expected a day on or after the cycle's start {self.starts_on}",
            )
        return self.cadence.steps_until(self.starts_on, day)

    def period_on(self, day: dt.date) -> Period:
        """Return the period that contains *day*.

        Raises:
            InvalidValue: *day* lies before the cycle starts.
        """
        return self.period(self.index_on(day))

    def periods(self, until: dt.date) -> tuple[Period, ...]:
        """Return every period that starts on or before *until*, in order.

        The last period contains *until*; it may end after it. Empty when *until*
        lies before the cycle starts.
        """
        _checks.Instance(dt.date).check("until", until)
        if until < self.starts_on:
            return ()
        last = self.cadence.steps_until(self.starts_on, until)
        return tuple(self.period(k) for k in range(last + 1))

    def has_period(self, period: Period) -> bool:
        """Return whether *period* is exactly one of this cycle's periods."""
        if period.start < self.starts_on:
            return False
        return self.period_on(period.start) == period

    def next_due(self, after: dt.date) -> dt.date:
        """Return the first day after *after* on which a period's review falls due.

        A review falls due on the day after its period ends, which is the first day
        of the next period.
        """
        _checks.Instance(dt.date).check("after", after)
        if after < self.starts_on:
            return self.cadence.step(self.starts_on, 1)
        return self.cadence.step(self.starts_on, self.index_on(after) + 1)

    def covers(self, result_id: str) -> bool:
        """Return whether the result with *result_id* is in this cycle's scope."""
        return not self.results or result_id in self.results
