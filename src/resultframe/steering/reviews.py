"""Recording reviews (terugkoppelingen vastleggen): append-only, one per period.

:func:`record_review` adds a :class:`~resultframe.Review` to
:class:`~resultframe.Records` after checking it against the framework. History is
never rewritten: the records given stay as they are, and a second review of the
same period is refused rather than replacing the first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from resultframe.errors import InvalidRecords, InvalidValue
from resultframe.model._reviews import review_problems
from resultframe.model.facts import Review
from resultframe.steering.agenda import check_args

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["record_review"]


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
    problems = list(
        review_problems(framework, [review], recorded=records.reviews, fingerprint=own)
    )
    if problems:
        raise InvalidRecords(problems)
    if review.framework_fingerprint is None:
        review = attrs.evolve(review, framework_fingerprint=own)
    return records.add(review)
