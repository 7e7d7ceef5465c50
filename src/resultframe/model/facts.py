"""Facts: what is recorded over time about subjects, conditions and reviews.

Facts come from the embedding system in large numbers. Each class checks its own
fields; whether a fact fits a framework (known ids, value types, scale points) is
checked by :meth:`resultframe.Records.check`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any, Final, TypeAlias

import attrs

from resultframe._bsn import withheld_repr
from resultframe.errors import InvalidValue
from resultframe.model import _checks
from resultframe.model.definitions import Baseline, Target
from resultframe.model.enums import ConditionStatus, DecisionKind, Level
from resultframe.model.schedule import Period

__all__ = [
    "ConditionAssessment",
    "Decision",
    "Goal",
    "Observation",
    "Review",
    "Subject",
    "Value",
]

Value: TypeAlias = "float | int | bool | str"
"""The value of an observation: a number, a bool (binary) or a text (qualitative)."""

MAX_EXACT_INT: Final = _checks.MAX_EXACT_INT
_FINGERPRINT: Final = re.compile(r"[0-9a-f]{64}")


def check_value(field: str, value: object) -> None:
    """Raise unless *value* is a valid observation value (:class:`ObservationValue`)."""
    _checks.OBSERVATION_VALUE.check(field, value)


def _dimensions(
    _instance: object,
    attribute: attrs.Attribute[Any],
    value: Any,  # noqa: ANN401
) -> None:
    if not isinstance(value, frozenset):
        hint = " (use frozenset(mapping.items()))" if isinstance(value, dict) else ""
        raise InvalidValue(
            attribute.name, value, f"expected a frozenset of (key, value) pairs{hint}"
        )
    keys: set[str] = set()
    for pair in sorted(value, key=repr):
        if (
            not isinstance(pair, tuple)
            or len(pair) != 2
            or not all(isinstance(x, str) and x for x in pair)
        ):
            raise InvalidValue(
                attribute.name,
                pair,
                "expected a pair of non-empty strings (key, value)",
            )
        if pair[0] in keys:
            raise InvalidValue(
                attribute.name, pair[0], "expected each dimension key only once"
            )
        keys.add(pair[0])


@attrs.frozen(kw_only=True)
class Subject:
    """Subject: whom a result is measured on - a resident, a neighbourhood, the town.

    A micro subject is a resident, known only by a pseudonym; it has no name. A meso
    or macro subject (a neighbourhood, an institution, the municipality) may have
    one. ``part_of`` is the id of the subject one level up (a resident's
    neighbourhood, a neighbourhood's municipality); roll-ups follow it.

    Args:
        id: A pseudonymous id. An id that passes the BSN eleven test is refused
            unless ``allow_bsn_like_id=True``; use :func:`resultframe.pseudonymize`.
        level: The subject's level.
        part_of: The id of the subject it belongs to, one level up.
        name: A display name, for meso and macro subjects only.
        dimensions: Attributes to disaggregate by, as ``frozenset`` of
            ``(key, value)`` pairs, such as ``frozenset({("age_group", "18-27")})``.
        allow_bsn_like_id: Accept an ``id`` and ``part_of`` that pass the eleven
            test (it is not stored in documents and does not take part in
            equality). Observations and goals of such a subject are built inside
            :func:`resultframe.privacy.allowing_bsn_like_ids`.
    """

    id: str = attrs.field(validator=_checks.SubjectId(), repr=withheld_repr)
    level: Level = attrs.field(validator=_checks.Member(Level))
    part_of: str | None = attrs.field(
        default=None, validator=_checks.SubjectId(optional=True), repr=withheld_repr
    )
    name: str | None = attrs.field(default=None, validator=_checks.Text(optional=True))
    dimensions: frozenset[tuple[str, str]] = attrs.field(
        default=frozenset(), validator=_dimensions
    )
    allow_bsn_like_id: bool = attrs.field(
        default=False,
        eq=False,
        repr=False,
        validator=_checks.Instance(bool),
    )

    def __attrs_post_init__(self) -> None:
        if self.name is not None and self.level is Level.MICRO:
            raise InvalidValue(
                "name",
                "<withheld>",
                "expected None for a micro subject (residents are known by pseudonym "
                "only)",
            )
        if self.part_of == self.id:
            raise InvalidValue("part_of", self.part_of, "expected another subject's id")
        if self.part_of is not None and self.level is Level.MACRO:
            raise InvalidValue(
                "part_of",
                self.part_of,
                "expected None for a macro subject (nothing lies above macro)",
            )

    def dimension(self, key: str) -> str | None:
        """Return the value of dimension *key*, or None if the subject has none."""
        for k, v in self.dimensions:
            if k == key:
                return v
        return None


@attrs.frozen(kw_only=True)
class Observation:
    """Observation (meting): one value of one indicator for one subject on one day.

    The value's type follows the indicator's measure: a number for quantity,
    percentage and ordinal (a scale point), a bool for binary, a text for
    qualitative. ``note`` is the story behind the number. A ``subject`` that passes
    the BSN eleven test is refused outside
    :func:`resultframe.privacy.allowing_bsn_like_ids`.
    """

    indicator: str = attrs.field(validator=_checks.Id())
    subject: str = attrs.field(validator=_checks.SubjectId(), repr=withheld_repr)
    on: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    value: Value = attrs.field(
        validator=_checks.ObservationValue(),
    )
    note: str = attrs.field(default="", validator=_checks.Text())
    source: str = attrs.field(default="", validator=_checks.Text())


@attrs.frozen(kw_only=True)
class Goal:
    """An individual goal (persoonlijk doel) from a resident's plan.

    It overrides the indicator's baseline and target for that subject. A
    ``subject`` that passes the BSN eleven test is refused outside
    :func:`resultframe.privacy.allowing_bsn_like_ids`.
    """

    subject: str = attrs.field(validator=_checks.SubjectId(), repr=withheld_repr)
    indicator: str = attrs.field(validator=_checks.Id())
    target: Target = attrs.field(validator=_checks.Instance(Target))
    baseline: Baseline | None = attrs.field(
        default=None, validator=_checks.Instance(Baseline, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.baseline is not None and self.target.by <= self.baseline.on:
            raise InvalidValue(
                "target.by",
                self.target.by,
                f"expected a day after the baseline's {self.baseline.on}",
            )


@attrs.frozen(kw_only=True)
class ConditionAssessment:
    """An assessment (toetsing) of whether a process condition is in place."""

    condition: str = attrs.field(validator=_checks.Id())
    on: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    status: ConditionStatus = attrs.field(validator=_checks.Member(ConditionStatus))
    note: str = attrs.field(default="", validator=_checks.Text())
    assessed_by: str | None = attrs.field(
        default=None, validator=_checks.Id(optional=True)
    )


@attrs.frozen(kw_only=True)
class Decision:
    """A decision taken in a review (bijsturingsbesluit).

    Args:
        kind: What was decided.
        about: Ids of the results, indicators or conditions it is about; empty
            means the cycle as a whole.
        rationale: Why.
        follow_up_by: When it must be followed up, if it must.
    """

    kind: DecisionKind = attrs.field(validator=_checks.Member(DecisionKind))
    about: tuple[str, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(_checks.Id(), unique=True)
    )
    rationale: str = attrs.field(default="", validator=_checks.Text())
    follow_up_by: dt.date | None = attrs.field(
        default=None, validator=_checks.Instance(dt.date, optional=True)
    )


@attrs.frozen(kw_only=True)
class Review:
    """One turn of a feedback cycle: a review held for a period (terugkoppeling).

    Args:
        cycle: The id of the feedback cycle.
        period: The cycle's period the review is about.
        held_on: When it was held (on or after the period's first day).
        decisions: What was decided.
        note: Minutes or a summary.
        framework_fingerprint: The SHA-256 fingerprint (64 hex digits) of the
            framework version the review was held against, if known.
    """

    cycle: str = attrs.field(validator=_checks.Id())
    period: Period = attrs.field(validator=_checks.Instance(Period))
    held_on: dt.date = attrs.field(validator=_checks.Instance(dt.date))
    decisions: tuple[Decision, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(Decision)
    )
    note: str = attrs.field(default="", validator=_checks.Text())
    framework_fingerprint: str | None = attrs.field(
        default=None, validator=_checks.Text(optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.held_on < self.period.start:
            raise InvalidValue(
                "held_on",
                self.held_on,
                f"expected a day on or after the period's start {self.period.start}",
            )
        if self.framework_fingerprint is not None and not _FINGERPRINT.fullmatch(
            self.framework_fingerprint
        ):
            raise InvalidValue(
                "framework_fingerprint",
                self.framework_fingerprint,
                "expected 64 lower-case hex digits (a SHA-256 digest)",
            )
