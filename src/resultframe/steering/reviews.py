"""Recording reviews (terugkoppelingen vastleggen): append-only, one per period.

:func:`record_review` adds a :class:`~resultframe.Review` to
:class:`~resultframe.Records` after checking it against the framework. History is
never rewritten: the records given stay as they are, and a second review of the
same period is refused rather than replacing the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidRecords, InvalidValue, Problem
from resultframe.model.facts import Review
from resultframe.steering.agenda import check_args

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["record_review"]

_KINDS = ("result", "indicator", "condition", "cycle")


def _problems(
    fw: ResultsFramework, records: Records, review: Review, fingerprint: str
) -> list[Problem]:
    about = f"review {review.cycle}@{review.period}"
    problems: list[Problem] = []
    if not fw.has_id("cycle", review.cycle):
        problems.append(
            Problem(
                about=about,
                field="cycle",
                message=f"no cycle with id {review.cycle!r} in this framework",
                code="unknown_id",
            )
        )
    else:
        cycle = fw.cycle(review.cycle)
        if not cycle.has_period(review.period):
            problems.append(
                Problem(
                    about=about,
                    field="period",
                    message=(
                        f"{review.period} is not a period of cycle {cycle.id!r} "
                        f"(cadence {cycle.cadence}, from {cycle.starts_on})"
                    ),
                    code="wrong_period",
                )
            )
    earlier = next(
        (
            r
            for r in records.reviews
            if r.cycle == review.cycle and r.period == review.period
        ),
        None,
    )
    if earlier is not None:
        problems.append(
            Problem(
                about=about,
                field="period",
                message=(
                    f"cycle {review.cycle!r} already held its review of "
                    f"{review.period} on {earlier.held_on}; a cycle holds one "
                    "review per period and history is never rewritten"
                ),
                code="duplicate_review",
            )
        )
    for i, decision in enumerate(review.decisions):
        for j, ref in enumerate(decision.about):
            if not any(fw.has_id(kind, ref) for kind in _KINDS):
                problems.append(
                    Problem(
                        about=about,
                        field=f"decisions[{i}].about[{j}]",
                        message=(
                            f"no result, indicator, condition or cycle with id {ref!r} "
                            "in this framework"
                        ),
                        code="unknown_id",
                    )
                )
    if (
        review.framework_fingerprint is not None
        and review.framework_fingerprint != fingerprint
    ):
        problems.append(
            Problem(
                about=about,
                field="framework_fingerprint",
                message=(
                    f"the review was held against framework version "
                    f"{review.framework_fingerprint[:12]}..., not this framework "
                    f"({fingerprint[:12]}...)"
                ),
                code="fingerprint_mismatch",
            )
        )
    return problems


def record_review(
    framework: ResultsFramework, records: Records, review: Review
) -> Records:
    """Return new records with *review* added (een terugkoppeling vastleggen).

    The review must be for a cycle of *framework*, for one of that cycle's
    periods, the first for that period, and its decisions must be about ids of the
    framework (results, indicators, conditions or cycles). Without a
    ``framework_fingerprint`` the review gets the fingerprint of *framework*
    (:func:`resultframe.serialization.fingerprint`); with one, it must be that.
    *records* stay as they are.

    Raises:
        InvalidRecords: the review does not fit; ``.problems`` lists every reason.
        InvalidValue: an argument has the wrong type.
    """
    check_args(framework, records)
    if not isinstance(review, Review):
        raise InvalidValue("review", type(review).__name__, "expected a Review")
    from resultframe._canonical import fingerprint  # noqa: PLC0415

    own = fingerprint(framework)
    problems = _problems(framework, records, review, own)
    if problems:
        raise InvalidRecords(problems)
    if review.framework_fingerprint is None:
        review = attrs.evolve(review, framework_fingerprint=own)
    return records.add(review)
