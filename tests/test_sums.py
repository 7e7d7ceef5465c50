"""Exact sums: the float nearest the sum of the values, in any order."""

from __future__ import annotations

import math
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from resultframe.evaluation._sums import fsum

finite = st.floats(allow_nan=False, allow_infinity=False)


def _nearest(values: list[float]) -> float:
    exact = sum(map(Fraction, values), Fraction(0))
    try:
        return float(exact)
    except OverflowError:
        return math.inf if exact > 0 else -math.inf


@given(st.lists(finite, max_size=12), st.randoms(use_true_random=False))
def test_a_sum_is_exact_in_any_order(values: list[float], rng: object) -> None:
    shuffled = list(values)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    assert fsum(values) == fsum(shuffled) == _nearest(values)


def test_a_sum_that_overflows_on_the_way_is_still_exact() -> None:
    # math.fsum raises "intermediate overflow" here: 1.7e308 + 1.7e308 is past
    # the largest float (about 1.797e308) before -1.7e308 brings it back.
    assert fsum([1.7e308, 1.7e308, -1.7e308]) == 1.7e308
    # The tiniest float survives beside the huge ones that cancel.
    assert fsum([1.7e308, 1.7e308, -1.7e308, -1.7e308, 5e-324]) == 5e-324
    # A sum beyond the floats is infinite, with its sign.
    assert fsum([-1.7e308, -1.7e308]) == -math.inf


@given(st.lists(finite, max_size=6), st.sampled_from([[math.inf], [-math.inf]]))
def test_infinite_values_sum_as_floats_do(
    values: list[float], inf: list[float]
) -> None:
    # One infinity wins over finite values; inf and -inf together have no sum
    # (nan), where math.fsum raises ValueError.
    assert fsum(values + inf) == inf[0]
    assert math.isnan(fsum([*values, math.inf, -math.inf]))
