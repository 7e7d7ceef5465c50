"""The vocabularies of evaluation: indicator status, condition state and verdict.

Values are lower-case English words, as in the model's enums; Dutch and English
labels for display live in :mod:`resultframe.report.labels`.
"""

from __future__ import annotations

import enum
from typing import Final

__all__ = [
    "JUDGED_STATUSES",
    "PROBLEM_STATUSES",
    "PRODUCT_STATUSES",
    "ConditionState",
    "IndicatorStatus",
    "Verdict",
]


class IndicatorStatus(str, enum.Enum):
    """Status of an indicator on a day (stand van een indicator).

    Target-based: ``achieved`` (progress of 1 or more), ``ahead`` and ``behind``
    (progress more than the tolerance above or below what the trajectory
    expects), ``on_track`` (within the tolerance) and ``deteriorated`` (worse than
    the baseline). Change-based, for an indicator without a target: ``improved``,
    ``stable``, ``worsened`` since the first observation. ``no_data`` when nothing
    was observed and ``narrative`` for a qualitative indicator (a story, not a
    number).
    """

    ACHIEVED = "achieved"
    AHEAD = "ahead"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    DETERIORATED = "deteriorated"
    IMPROVED = "improved"
    STABLE = "stable"
    WORSENED = "worsened"
    NO_DATA = "no_data"
    NARRATIVE = "narrative"


class ConditionState(str, enum.Enum):
    """State of a process condition on a day (stand van een procesconditie).

    The status of the latest assessment (``met``, ``partly_met``, ``not_met``),
    ``stale`` when that assessment is older than the condition's
    ``reassess_every``, or ``unassessed`` when it was never assessed.
    """

    MET = "met"
    PARTLY_MET = "partly_met"
    NOT_MET = "not_met"
    STALE = "stale"
    UNASSESSED = "unassessed"


class Verdict(str, enum.Enum):
    """Verdict on a result (oordeel): is the product there, and is it sustained?

    ``positive`` when the product is there and every linked condition is met,
    ``unsustained`` when the product is there but a condition is not (the
    process that delivers it is not kept alive), ``negative`` when an indicator
    is behind, deteriorated or worsened, ``undetermined`` without a product
    status to judge by.
    """

    POSITIVE = "positive"
    UNSUSTAINED = "unsustained"
    NEGATIVE = "negative"
    UNDETERMINED = "undetermined"


JUDGED_STATUSES: Final = frozenset(
    {
        IndicatorStatus.ACHIEVED,
        IndicatorStatus.AHEAD,
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.BEHIND,
        IndicatorStatus.DETERIORATED,
    }
)
"""Statuses of a subject judged against a target: those a mean progress and a
deviation are about."""

PRODUCT_STATUSES: Final = frozenset(
    {
        IndicatorStatus.ACHIEVED,
        IndicatorStatus.AHEAD,
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.IMPROVED,
    }
)
"""Statuses that show the product (the result) is there or on its way."""

PROBLEM_STATUSES: Final = frozenset(
    {
        IndicatorStatus.BEHIND,
        IndicatorStatus.DETERIORATED,
        IndicatorStatus.WORSENED,
    }
)
"""Statuses that make a result's verdict negative."""
