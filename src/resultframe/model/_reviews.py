"""Whether reviews fit a framework: one check for records and for recording.

:func:`review_problems` is behind both ``Records.check`` and
:func:`resultframe.steering.record_review`, with one set of messages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from resultframe.errors import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from resultframe.model.facts import Review
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.schedule import Period

__all__ = ["review_problems"]

_DECIDED_ABOUT = ("result", "indicator", "condition", "cycle")


def review_problems(
    framework: ResultsFramework,
    reviews: Iterable[Review],
    *,
    recorded: Iterable[Review] = (),
    fingerprint: str | None = None,
) -> Iterator[Problem]:
    """Yield every problem of *reviews* against *framework*, review by review.

    Checked: the cycle is the framework's and has the review's period; one review
    per cycle per period, among *recorded* and *reviews* together (reported once
    per period, at its first review of *reviews*); decisions are about ids of the
    framework; with *fingerprint*, a review that names a framework fingerprint
    names that one. Only *reviews* are checked, *recorded* are the reviews held
    before them.
    """
    held: dict[tuple[str, Period], list[Review]] = {}
    for review in recorded:
        held.setdefault((review.cycle, review.period), []).append(review)
    reviews = list(reviews)
    for review in reviews:
        held.setdefault((review.cycle, review.period), []).append(review)
    reported: set[tuple[str, Period]] = set()
    for review in reviews:
        about = f"review {review.cycle}@{review.period}"
        if not framework.has_id("cycle", review.cycle):
            yield Problem(
                about=about,
                field="cycle",
                message=f"no cycle with id {review.cycle!r} in this framework",
                code="unknown_id",
            )
        else:
            cycle = framework.cycle(review.cycle)
            if not cycle.has_period(review.period):
                yield Problem(
                    about=about,
                    field="period",
                    message=(
                        f"{review.period} is not a period of cycle {cycle.id!r} "
                        f"(cadence {cycle.cadence}, from {cycle.starts_on})"
                    ),
                    code="wrong_period",
                )
        key = (review.cycle, review.period)
        same = held[key]
        if len(same) > 1 and key not in reported:
            reported.add(key)
            yield Problem(
                about=about,
                field="period",
                message=(
                    f"cycle {review.cycle!r} already held its review of "
                    f"{review.period} on {same[0].held_on}; a cycle holds one "
                    "review per period and history is never rewritten"
                ),
                code="duplicate_review",
            )
        for i, decision in enumerate(review.decisions):
            for j, ref in enumerate(decision.about):
                if not any(framework.has_id(kind, ref) for kind in _DECIDED_ABOUT):
                    yield Problem(
                        about=about,
                        field=f"decisions[{i}].about[{j}]",
                        message=(
                            f"no result, indicator, condition or cycle with id "
                            f"{ref!r} in this framework"
                        ),
                        code="unknown_id",
                    )
        if (
            fingerprint is not None
            and review.framework_fingerprint is not None
            and review.framework_fingerprint != fingerprint
        ):
            yield Problem(
                about=about,
                field="framework_fingerprint",
                message=(
                    f"the review was held against framework version "
                    f"{review.framework_fingerprint[:12]}..., not this framework "
                    f"({fingerprint[:12]}...)"
                ),
                code="fingerprint_mismatch",
            )
