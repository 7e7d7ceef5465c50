"""Exact sums that overflow to infinity instead of raising.

:func:`math.fsum` is exact, but raises :class:`OverflowError` when a partial sum
leaves the range of a float (finite values near ``1.8e308``), even when the sum
itself does not. Evaluation is total over every finite input, so such a sum is
made exactly with fractions instead: the float nearest to it, or ``inf`` /
``-inf`` when it is beyond the range of a float. Exact either way, so the order
of the values never shows.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["fsum"]


def fsum(values: Iterable[float]) -> float:
    """The exact sum of finite *values*, rounded; ``inf``/``-inf`` beyond floats.

    With infinite values, their sum as in floating point: ``nan`` for ``inf``
    and ``-inf`` together.

    >>> fsum([0.1] * 10)
    1.0
    >>> fsum([1.7e308, 1.7e308])
    inf
    >>> fsum([1.7e308, 1.7e308, -1.7e308])
    1.7e+308
    >>> fsum([math.inf, 1.0]), fsum([math.inf, -math.inf])
    (inf, nan)
    """
    items = values if isinstance(values, list | tuple) else list(values)
    try:
        return math.fsum(items)
    except ValueError:
        # inf and -inf among the values (a progress beyond the floats both
        # ways): no sum, as in floating point; math.fsum raises instead.
        return math.nan
    except OverflowError:
        infinite = {v for v in items if math.isinf(v)}
        if infinite:  # finite partial sums overflowed beside an infinity
            return math.nan if len(infinite) == 2 else infinite.pop()
        exact = sum(map(Fraction, items), Fraction(0))
        try:
            return float(exact)
        except OverflowError:
            return math.inf if exact > 0 else -math.inf
