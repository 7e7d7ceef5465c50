"""Exact sums that overflow to infinity instead of raising.

:func:`math.fsum` is exact, but raises :class:`OverflowError` when a partial sum
leaves the range of a float (finite values near ``1.8e308``). Evaluation is
total over every finite input, so an overflowing sum becomes ``inf`` (or
``-inf``, or ``nan`` when both occur), as IEEE arithmetic would give it.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["fsum"]


def fsum(values: Iterable[float]) -> float:
    """The exact sum of *values*; ``inf``/``-inf``/``nan`` when it overflows.

    >>> fsum([0.1] * 10)
    1.0
    >>> fsum([1.7e308, 1.7e308])
    inf
    """
    items = values if isinstance(values, list | tuple) else list(values)
    try:
        return math.fsum(items)
    except OverflowError:
        return sum(items, 0.0)
