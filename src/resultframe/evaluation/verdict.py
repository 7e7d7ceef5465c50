"""The verdict on a result: is the product there, and is the process kept alive?

A result only counts as positive when, besides the product, it keeps the
conditions for the process that delivers it (seed 2, §3). In order:

1. any indicator ``behind``, ``deteriorated`` or ``worsened``: **negative**;
2. else any indicator ``no_data``: **undetermined** - a product that has not been
   measured is not there, whatever the other indicators say;
3. else no indicator ``achieved``, ``ahead``, ``on_track`` or ``improved`` (only
   ``stable``, ``narrative``, or no indicators): **undetermined**;
4. else every linked condition ``met`` (not stale, not unassessed): **positive**
   - also when the result links no conditions at all (the linter flags such a
   result);
5. else **unsustained**.

>>> from resultframe.evaluation import ConditionState, IndicatorStatus
>>> verdict([IndicatorStatus.ON_TRACK], [ConditionState.MET]).value
'positive'
>>> verdict([IndicatorStatus.ON_TRACK], [ConditionState.STALE]).value
'unsustained'
>>> verdict([IndicatorStatus.ACHIEVED, IndicatorStatus.NO_DATA], []).value
'undetermined'
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING

from resultframe.errors import InvalidValue
from resultframe.evaluation import _args
from resultframe.evaluation.status import (
    PROBLEM_STATUSES,
    PRODUCT_STATUSES,
    ConditionState,
    IndicatorStatus,
    Verdict,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["Rule", "decide", "verdict"]


def _members(field: str, items: object, cls: type) -> list[object]:
    if isinstance(items, str | bytes) or not hasattr(items, "__iter__"):
        raise InvalidValue(
            field, _args.short(items), f"expected an iterable of {cls.__name__}"
        )
    out = list(items)
    for i, x in enumerate(out):
        if not isinstance(x, cls):
            raise InvalidValue(
                f"{field}[{i}]", _args.short(x), f"expected a {cls.__name__}"
            )
    return out


class Rule(enum.Enum):
    """Which clause of the verdict's rule decided it (in the order above)."""

    PROBLEM = 1
    NO_DATA = 2
    NO_PRODUCT = 3
    SUSTAINED = 4
    UNSUSTAINED = 5


def decide(
    statuses: Iterable[IndicatorStatus], conditions: Iterable[ConditionState]
) -> tuple[Verdict, Rule]:
    """The verdict and the clause of the rule that decided it (see :func:`verdict`).

    Raises:
        InvalidValue: an item is not an IndicatorStatus or ConditionState.
    """
    found = set(_members("statuses", statuses, IndicatorStatus))
    states = _members("conditions", conditions, ConditionState)
    if found & PROBLEM_STATUSES:
        return Verdict.NEGATIVE, Rule.PROBLEM
    if IndicatorStatus.NO_DATA in found:
        return Verdict.UNDETERMINED, Rule.NO_DATA
    if not found & PRODUCT_STATUSES:
        return Verdict.UNDETERMINED, Rule.NO_PRODUCT
    if all(s is ConditionState.MET for s in states):
        return Verdict.POSITIVE, Rule.SUSTAINED
    return Verdict.UNSUSTAINED, Rule.UNSUSTAINED


def verdict(
    statuses: Iterable[IndicatorStatus], conditions: Iterable[ConditionState]
) -> Verdict:
    """The verdict (oordeel) on a result from its indicators and its conditions.

    :func:`~resultframe.evaluation.verdict_with_reason` gives its reason too.

    Args:
        statuses: The status of each of the result's indicators.
        conditions: The state of each process condition linked to the result.

    Raises:
        InvalidValue: an item is not an IndicatorStatus or ConditionState.
    """
    return decide(statuses, conditions)[0]
