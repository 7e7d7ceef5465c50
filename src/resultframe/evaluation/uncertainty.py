"""Uncertainty (onzekerheid): how noisy a share, a mean or one resident's change is.

A neighbourhood of twelve residents of whom seven improved has a share improved of
58%, but the next twelve residents might as easily give 40% or 75%. The functions
here say how wide that uncertainty is, so that a council does not steer on noise:

- :func:`wilson_interval`: the Wilson score interval of a share (a proportion of
  successes among *n*), which stays inside 0-1 and keeps its coverage for small
  groups and shares near 0 or 1, where the textbook normal interval fails;
- :func:`mean_interval`: the interval of a mean (a ratio of sums) from its
  sufficient statistics *n*, the sum and the sum of squares, with Student's *t*;
- :func:`reliable_change`: the Reliable Change Index of Jacobson & Truax (1991),
  whether one person's change on an instrument exceeds what its measurement error
  explains, and :func:`reliable_counts`, how many residents of an evaluation
  changed reliably for the better or the worse.

All three are pure functions of numbers; they check their arguments and raise
:class:`~resultframe.errors.InvalidValue` naming the argument, the value and what
was expected.
"""

from __future__ import annotations

import math
import statistics
from typing import TYPE_CHECKING, Final

from resultframe.errors import InvalidValue
from resultframe.evaluation import _kernels
from resultframe.evaluation.status import IndicatorStatus
from resultframe.model import _checks

if TYPE_CHECKING:
    from resultframe.evaluation.indicators import IndicatorEvaluation
    from resultframe.model.definitions import Indicator

__all__ = [
    "RELIABLE_CHANGE_CRITICAL",
    "mean_interval",
    "reliable_change",
    "reliable_counts",
    "wilson_interval",
]

RELIABLE_CHANGE_CRITICAL: Final = 1.96
"""The absolute RCI beyond which a change counts as reliable (two-sided 5%, Jacobson & Truax)."""

_STANDARD_NORMAL: Final = statistics.NormalDist()
_CONFIDENCE: Final = _checks.Confidence()
_SPREAD: Final = _checks.Spread()
_RELIABILITY: Final = _checks.Reliability()


def check_confidence(value: object, field: str = "confidence") -> float:
    """Return *value* as a float if it is a confidence level, strictly in (0, 1).

    The rule is the model's declared ``Confidence`` rule, which also checks a
    feedback cycle's ``chance``.

    Raises:
        InvalidValue: anything else, naming *field*.
    """
    _CONFIDENCE.check(field, value)
    return float(value)  # type: ignore[arg-type]


def _count(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidValue(field, value, "expected a whole number of 0 or more")
    return value


def _finite(field: str, value: object) -> float:
    if (
        isinstance(value, bool)
        or not isinstance(value, int | float)
        or not math.isfinite(value)
    ):
        raise InvalidValue(field, value, "expected a finite number")
    return float(value)


def z_quantile(confidence: float) -> float:
    """The two-sided standard normal quantile of *confidence* (1.96 for 0.95).

    >>> round(z_quantile(0.95), 4)
    1.96
    """
    # From the tail, (1 - confidence) / 2: 0.5 + confidence / 2 rounds to 1
    # for a confidence within 2**-53 of 1, where the quantile is infinite.
    return -_STANDARD_NORMAL.inv_cdf(_tail(confidence))


def _tail(confidence: float) -> float:
    """The probability above the two-sided quantile: ``(1 - confidence) / 2``."""
    return (1 - check_confidence(confidence)) / 2


def t_quantile(confidence: float, df: int) -> float:
    """The two-sided quantile of Student's *t* with *df* degrees of freedom.

    Exact for 1 and 2 degrees of freedom (closed forms); from 3 on the
    Cornish-Fisher expansion of the *t* quantile in the normal one (Abramowitz &
    Stegun 26.7.5), whose error at 95% confidence is below 0.004 at 3 degrees
    of freedom and below 0.001 from 5 on (2.5703 for 2.5706 at 5).

    >>> round(t_quantile(0.95, 9), 3)
    2.262
    """
    q = _tail(confidence)  # the upper tail; the quantile's probability is 1 - q
    if isinstance(df, bool) or not isinstance(df, int) or df < 1:
        raise InvalidValue("df", df, "expected a whole number of 1 or more")
    if df == 1:
        return math.tan(math.pi * (0.5 - q))
    if df == 2:
        a = 4 * (1 - q) * q
        return (1 - 2 * q) * math.sqrt(2 / a)
    z = -_STANDARD_NORMAL.inv_cdf(q)
    n = float(df)
    return (
        z
        + (z**3 + z) / (4 * n)
        + (5 * z**5 + 16 * z**3 + 3 * z) / (96 * n**2)
        + (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / (384 * n**3)
        + (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z)
        / (92160 * n**4)
    )


def wilson_interval(
    successes: int, n: int, confidence: float = 0.95
) -> tuple[float, float]:
    """The Wilson score interval of the share *successes* / *n*.

    Args:
        successes: How many of the group count (improved, reaching, true).
        n: The size of the group; at least 1.
        confidence: The confidence level, between 0 and 1.

    Returns:
        ``(low, high)``, with ``0 <= low <= successes/n <= high <= 1``.

    Raises:
        InvalidValue: For counts that are not whole numbers, *successes* above
            *n*, an empty group or a confidence outside (0, 1).

    Seven of twelve residents improved: the share is 0.583, and the 95% interval
    runs from 0.320 to 0.807 (z = 1.96; centre (7/12 + 1.96²/24) / (1 + 1.96²/12)
    = 0.5636; half-width 1.96 / 1.3201 x sqrt(0.2431/12 + 1.96²/576) = 0.2432):

    >>> low, high = wilson_interval(7, 12)
    >>> round(low, 3), round(high, 3)
    (0.32, 0.807)
    """
    successes = _count("successes", successes)
    n = _count("n", n)
    if n == 0:
        raise InvalidValue("n", n, "expected a group of at least 1")
    if successes > n:
        raise InvalidValue("successes", successes, f"expected at most n ({n})")
    z = z_quantile(confidence)
    share = successes / n
    z2 = z * z
    denominator = 1 + z2 / n
    centre = (share + z2 / (2 * n)) / denominator
    half = z / denominator * math.sqrt(share * (1 - share) / n + z2 / (4 * n * n))
    # At 0 and n the bound equals the share exactly; rounding must not cross it.
    low = 0.0 if successes == 0 else min(share, max(0.0, centre - half))
    high = 1.0 if successes == n else max(share, min(1.0, centre + half))
    return low, high


def mean_interval(
    n: int, total: float, total_of_squares: float, confidence: float = 0.95
) -> tuple[float, float]:
    """The interval of a mean from its sufficient statistics, with Student's *t*.

    A mean that rolls up is a ratio of sums (``total / n``); with the sum of
    squares beside it, the sample variance follows without the single values,
    so the interval re-aggregates as exactly as the mean does.

    Args:
        n: The number of values; at least 2 (one value has no spread).
        total: Their sum.
        total_of_squares: The sum of their squares.
        confidence: The confidence level, between 0 and 1.

    Returns:
        ``(low, high)`` around ``total / n``: mean ± t x s / sqrt(n).

    Ten ZRM scores summing to 30 with squares summing to 100: mean 3, sample
    variance (100 - 30²/10) / 9 = 1.111, s = 1.054, t(0.95, 9) = 2.262, half-width
    2.262 x 1.054 / sqrt(10) = 0.754:

    >>> low, high = mean_interval(10, 30.0, 100.0)
    >>> round(low, 2), round(high, 2)
    (2.25, 3.75)
    """
    n = _count("n", n)
    if n < 2:
        raise InvalidValue("n", n, "expected at least 2 values")
    total = _finite("total", total)
    total_of_squares = _finite("total_of_squares", total_of_squares)
    mean = total / n
    # max(0, ...): the difference of two sums can dip below 0 by rounding alone.
    variance = max(0.0, (total_of_squares - total * mean) / (n - 1))
    half = t_quantile(confidence, n - 1) * math.sqrt(variance / n)
    return mean - half, mean + half


def reliable_change(
    before: float, after: float, sd: float, reliability: float
) -> float:
    """The Reliable Change Index of one person's change (Jacobson & Truax, 1991).

    ``RCI = (after - before) / S_diff`` with ``S_diff = sqrt(2) x SE`` and the
    standard error of measurement ``SE = sd x sqrt(1 - reliability)``. A change
    with ``|RCI| > 1.96`` (:data:`RELIABLE_CHANGE_CRITICAL`) is larger than the
    instrument's measurement error explains in 95% of cases: a *reliable*
    improvement or deterioration (which one depends on the indicator's direction).

    Args:
        before: The earlier score.
        after: The later score.
        sd: The standard deviation of the instrument in the reference group.
        reliability: Its reliability (test-retest or Cronbach's alpha), at least
            0 and below 1.

    Raises:
        InvalidValue: For a non-finite score, an *sd* of 0 or less, or a
            *reliability* outside [0, 1).

    A score from 40 to 52 on an instrument with sd 10 and reliability 0.8:
    SE = 10 x sqrt(0.2) = 4.472, S_diff = 6.325, RCI = 12 / 6.325 = 1.897, not
    reliable:

    >>> round(reliable_change(40, 52, sd=10, reliability=0.8), 3)
    1.897
    """
    before = _finite("before", before)
    after = _finite("after", after)
    _SPREAD.check("sd", sd)
    _RELIABILITY.check("reliability", reliability)
    s_diff = math.sqrt(2) * sd * math.sqrt(1 - reliability)
    return (after - before) / s_diff


def reliable_counts(
    evaluation: IndicatorEvaluation,
    indicator: Indicator,
    *,
    sd: float | None = None,
    reliability: float | None = None,
    confidence: float = 0.95,
) -> tuple[int, int]:
    """How many subjects changed *reliably*: ``(improved, deteriorated)``.

    For each subject of *evaluation* with a baseline and a value, the
    :func:`reliable_change` from its baseline to its value, turned to the
    indicator's direction; beyond the normal quantile of *confidence* (1.96 for
    0.95) it is a reliable improvement, below its negative a reliable
    deterioration. The instrument's *sd* and *reliability* are those its scale
    declares (:class:`~resultframe.Scale`), unless given here; the library
    ships no values for the ZRM or GAS (none is documented with them).

    Args:
        evaluation: The indicator's evaluation, with its subjects kept
            (``per_subject=True``).
        indicator: The indicator evaluated (``increase`` or ``decrease``).
        sd: The instrument's standard deviation; by default its scale's.
        reliability: Its reliability, from 0 to below 1; by default its scale's.
        confidence: The confidence level of the critical value.

    Raises:
        InvalidValue: *indicator* is not the one evaluated or has no direction
            to improve in (``maintain``), the subjects were not kept, *sd* or
            *reliability* is neither given nor declared by the scale, or *sd*,
            *reliability* or *confidence* is out of range.

    Three residents from 2 to 3, 1 to 3 and 3 to 2 on an instrument with sd 1
    and reliability 0.8 (S_diff = sqrt(2) x sqrt(0.2) = 0.632): RCI 1.58, 3.16
    and -1.58; only the second is beyond 1.96.
    """
    sign = _kernels.direction_sign(indicator.direction)
    if indicator.id != evaluation.indicator:
        raise InvalidValue(
            "indicator", indicator.id, f"expected {evaluation.indicator!r}"
        )
    if not sign:
        raise InvalidValue(
            "indicator.direction",
            indicator.direction.value,
            "expected increase or decrease (maintain has no way to improve)",
        )
    scale = indicator.scale
    if sd is None and scale is not None:
        sd = scale.sd
    if reliability is None and scale is not None:
        reliability = scale.reliability
    if sd is None or reliability is None:
        field = "sd" if sd is None else "reliability"
        raise InvalidValue(
            field,
            None,
            f"expected a {field}, given or declared by the scale of "
            f"indicator {indicator.id!r}",
        )
    _SPREAD.check("sd", sd)
    _RELIABILITY.check("reliability", reliability)
    counted = evaluation.n - evaluation.count(IndicatorStatus.NO_DATA)
    if counted and not evaluation.subjects:
        raise InvalidValue(
            "evaluation.subjects",
            (),
            "expected the subjects kept (evaluate with per_subject=True)",
        )
    critical = z_quantile(confidence)
    up = down = 0
    for s in evaluation.subjects:
        if s.baseline is None or s.value is None:
            continue
        rci = reliable_change(s.baseline, s.value, sd, reliability) * sign
        if rci > critical:
            up += 1
        elif rci < -critical:
            down += 1
    return up, down
