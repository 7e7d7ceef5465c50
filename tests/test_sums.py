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


def test_progress_beyond_the_floats_both_ways_has_no_mean() -> None:
    # Baseline 0, target -2.225e-309 (a gap of a subnormal float): resident c
    # at -1 has progress (-1 - 0) / (-2.225e-309 - 0) = inf (achieved), resident
    # d at +1 has -inf (deteriorated). Their mean progress is nan, not an
    # error; the counts per status are exact.
    import datetime as dt  # noqa: PLC0415

    from resultframe import (  # noqa: PLC0415
        Accumulation,
        Agreement,
        Baseline,
        Direction,
        Indicator,
        IndicatorStatus,
        Level,
        Measure,
        Observation,
        Period,
        Question,
        Records,
        Result,
        ResultKind,
        ResultsFramework,
        Subject,
        Target,
    )
    from resultframe.evaluation import evaluate  # noqa: PLC0415

    day = dt.date(2015, 1, 1)
    ind = Indicator(
        id="m0",
        name="m0",
        measure=Measure.QUANTITY,
        direction=Direction.DECREASE,
        question=Question.HOW_MUCH,
        baseline=Baseline(value=0, on=day),
        targets=(Target(value=-2.225073858507203e-309, by=dt.date(2015, 1, 2)),),
        accumulation=Accumulation.SUM,
    )
    fw = ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=day, end=dt.date(2015, 12, 31))
        ),
        results=(
            Result(
                id="r",
                statement="s",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(ind,),
            ),
        ),
    )
    recs = Records(
        subjects=[Subject(id=s, level=Level.MICRO) for s in "cd"],
        observations=[
            Observation(indicator="m0", subject="c", on=day, value=-1),
            Observation(indicator="m0", subject="d", on=day, value=1),
        ],
    )
    got = evaluate(fw, recs, day).results[0].indicators[0]
    assert got.progress is not None
    assert math.isnan(got.progress)
    assert got.count(IndicatorStatus.ACHIEVED) == 1
    assert got.count(IndicatorStatus.DETERIORATED) == 1
