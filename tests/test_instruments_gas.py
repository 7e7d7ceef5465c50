"""Goal Attainment Scaling: scales, the T-score and its properties, T over time."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from resultframe import Measure, Observation, Records
from resultframe.errors import InvalidValue
from resultframe.instruments import gas

D = dt.date

scores_st = st.lists(st.integers(-2, 2), min_size=1, max_size=12)
weight_st = st.floats(0.1, 100, allow_nan=False, allow_infinity=False)
rho_st = st.floats(0, 0.99, allow_nan=False, allow_infinity=False)


def scores_and_weights() -> st.SearchStrategy[tuple[list[int], list[float]]]:
    return scores_st.flatmap(
        lambda xs: st.tuples(
            st.just(xs), st.lists(weight_st, min_size=len(xs), max_size=len(xs))
        )
    )


# -- scales ---------------------------------------------------------------------------


def test_scales_hold_the_levels() -> None:
    assert gas.SCALE.values == (-2, -1, 0, 1, 2)
    assert gas.SCALE_WITH_MINUS_THREE.values == (-3, -2, -1, 0, 1, 2)
    assert gas.SCALE.id != gas.SCALE_WITH_MINUS_THREE.id
    assert gas.SCALE.label(0) == "verwachte uitkomst"
    assert gas.level_label(0, "en") == "expected outcome"
    assert gas.level_label(-3, "nl") == "slechter dan bij de start"


@pytest.mark.parametrize(("value", "lang"), [(3, "nl"), (True, "en"), (0, "de")])
def test_level_label_refuses_unknown(value: int, lang: str) -> None:
    with pytest.raises(InvalidValue):
        gas.level_label(value, lang)


# -- T-score by hand ------------------------------------------------------------------


def test_t_score_unweighted_by_hand() -> None:
    # scores [1, 0, -1, 2], all w = 1: sum(w*x) = 2, sum(w^2) = 4, (sum w)^2 = 16
    # denominator = sqrt(0.7*4 + 0.3*16) = sqrt(2.8 + 4.8) = sqrt(7.6) = 2.75681
    # T = 50 + 10 * 2 / 2.75681 = 50 + 7.25476 = 57.25476
    assert gas.t_score([1, 0, -1, 2]) == pytest.approx(57.25476, abs=1e-5)


def test_t_score_weighted_by_hand() -> None:
    # scores [2, -1], weights [3, 1]: sum(w*x) = 6 - 1 = 5
    # sum(w^2) = 9 + 1 = 10, (sum w)^2 = 16
    # denominator = sqrt(0.7*10 + 0.3*16) = sqrt(7 + 4.8) = sqrt(11.8) = 3.43511
    # T = 50 + 10 * 5 / 3.43511 = 50 + 14.55556 = 64.55556
    assert gas.t_score([2, -1], [3, 1]) == pytest.approx(64.55556, abs=1e-5)


def test_t_score_with_other_rho_by_hand() -> None:
    # scores [-2, -2], rho = 0: denominator = sqrt(1*2) = 1.41421
    # T = 50 + 10 * (-4) / 1.41421 = 50 - 28.28427 = 21.71573
    assert gas.t_score([-2, -2], rho=0) == pytest.approx(21.71573, abs=1e-5)


def test_t_score_minus_three_only_when_allowed() -> None:
    with pytest.raises(InvalidValue, match=r"scores\[1\].*allow_minus_three"):
        gas.t_score([0, -3])
    # one goal at -3: 50 + 10 * -3 = 20
    assert gas.t_score([-3], allow_minus_three=True) == pytest.approx(20.0)


def test_t_score_accepts_whole_floats() -> None:
    assert gas.t_score([1.0, 1]) == gas.t_score([1, 1])


@pytest.mark.parametrize(
    ("scores", "weights", "rho", "field"),
    [
        ([], None, 0.3, "scores"),
        ("12", None, 0.3, "scores"),
        ([3], None, 0.3, "scores[0]"),
        ([0.5], None, 0.3, "scores[0]"),
        ([True], None, 0.3, "scores[0]"),
        ([1, 2], [1], 0.3, "weights"),
        ([1, 2], [1, -1], 0.3, "weights[1]"),
        ([1, 2], [0, 0], 0.3, "weights"),
        ([1, 2], [1, math.nan], 0.3, "weights[1]"),
        ([1], None, 1.0, "rho"),
        ([1], None, -0.1, "rho"),
    ],
)
def test_t_score_errors_name_the_field(
    scores: object, weights: object, rho: float, field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        gas.t_score(scores, weights, rho)  # type: ignore[arg-type]
    assert info.value.field == field


def test_zero_weight_leaves_a_goal_out() -> None:
    # [2, -2] with weights [1, 0] is the one goal 2: 50 + 10 * 2 = 70
    assert gas.t_score([2, -2], [1, 0]) == pytest.approx(70.0)


# -- T-score properties ----------------------------------------------------------------


@given(x=st.integers(-2, 2), w=weight_st, rho=rho_st)
def test_one_goal_scores_50_plus_10x_whatever_its_weight(
    x: int, w: float, rho: float
) -> None:
    assert gas.t_score([x], [w], rho) == pytest.approx(50 + 10 * x)


@given(pair=scores_and_weights(), c=st.floats(0.01, 100), rho=rho_st)
def test_scaling_all_weights_leaves_t_unchanged(
    pair: tuple[list[int], list[float]], c: float, rho: float
) -> None:
    xs, ws = pair
    assert gas.t_score(xs, [c * w for w in ws], rho) == pytest.approx(
        gas.t_score(xs, ws, rho)
    )


def test_weights_near_the_largest_float_give_the_t_score_of_their_ratios() -> None:
    # Scores 2 and 1, rho 0.3 (the default). Weights 1 and 1: T = 50 + 10 * 3 /
    # sqrt(0.7 * 2 + 0.3 * 4) = 50 + 30 / sqrt(2.6) = 68.6052...; weights
    # 1.7e308 twice (or 1e200) are the same ratios and give the same T, where
    # their products and squares overflowed (an OverflowError, or 50.0).
    expected = 50 + 30 / math.sqrt(2.6)
    for big in (1.7e308, 1e200):
        assert gas.t_score([2, 1], [big, big]) == pytest.approx(expected)
    # One weight 1.7e308 beside 1: the other goal weighs 1/1.7e308, nothing: 70.
    assert gas.t_score([2, 1], [1.7e308, 1.0]) == pytest.approx(70.0)


@given(
    pair=scores_and_weights(),
    c=st.floats(1e-300, 1e300, allow_nan=False, allow_infinity=False),
    rho=rho_st,
)
def test_scaling_weights_over_the_whole_float_range_leaves_t_unchanged(
    pair: tuple[list[int], list[float]], c: float, rho: float
) -> None:
    xs, ws = pair
    scaled = [c * w for w in ws]
    assume(all(math.isfinite(w) and w > 0 for w in scaled))
    assert gas.t_score(xs, scaled, rho) == pytest.approx(gas.t_score(xs, ws, rho))


@given(pair=scores_and_weights(), rho=rho_st)
@example(pair=([0], [1.0]), rho=0.3)
def test_t_is_symmetric_around_50_when_scores_are_negated(
    pair: tuple[list[int], list[float]], rho: float
) -> None:
    xs, ws = pair
    negated = gas.t_score([-x for x in xs], ws, rho)
    assert negated == pytest.approx(100 - gas.t_score(xs, ws, rho))


@given(pair=scores_and_weights(), data=st.data(), rho=rho_st)
def test_t_rises_when_any_one_score_rises(
    pair: tuple[list[int], list[float]], data: st.DataObject, rho: float
) -> None:
    xs, ws = pair
    i = data.draw(st.integers(0, len(xs) - 1))
    assume(xs[i] < 2)
    higher = [*xs]
    higher[i] = data.draw(st.integers(xs[i] + 1, 2))
    assert gas.t_score(higher, ws, rho) > gas.t_score(xs, ws, rho)


@given(xs=scores_st)
def test_share_met_counts_levels_of_zero_or_more(xs: list[int]) -> None:
    share = gas.share_met(xs)
    assert 0 <= share <= 1
    assert share * len(xs) == pytest.approx(sum(x >= 0 for x in xs))


def test_share_met_by_hand() -> None:
    # [-1, 0, 1, -2, 2]: 0, 1 and 2 are met or exceeded: 3 / 5 = 0.6
    assert gas.share_met([-1, 0, 1, -2, 2]) == pytest.approx(0.6)
    with pytest.raises(InvalidValue):
        gas.share_met([])
    with pytest.raises(InvalidValue):
        gas.share_met([-3])
    assert gas.share_met([-3, 0], allow_minus_three=True) == pytest.approx(0.5)


# -- indicators and T over time ---------------------------------------------------------


def test_indicators_are_ordinal_goals_on_the_scale() -> None:
    ids = gas.indicators(3)
    assert [i.id for i in ids] == ["gas-goal-1", "gas-goal-2", "gas-goal-3"]
    assert all(i.measure is Measure.ORDINAL and i.scale == gas.SCALE for i in ids)
    variant = gas.indicators(["goal-a"], minus_three=True)
    assert variant[0].scale == gas.SCALE_WITH_MINUS_THREE


@pytest.mark.parametrize("goals", [0, True, "gas-goal-1", []])
def test_indicators_refuse_bad_goal_counts(goals: object) -> None:
    with pytest.raises(InvalidValue):
        gas.indicators(goals)  # type: ignore[arg-type]


def _obs(goal: str, day: dt.date, value: int, subject: str = "r1") -> Observation:
    return Observation(indicator=goal, subject=subject, on=day, value=value)


def test_t_scores_over_time_by_hand() -> None:
    records = Records(
        observations=[
            _obs("gas-goal-1", D(2025, 1, 1), -2),
            _obs("gas-goal-2", D(2025, 1, 1), -1),
            _obs("gas-goal-1", D(2025, 4, 1), 1),
            _obs("gas-goal-3", D(2025, 4, 1), 0),
            _obs("gas-goal-1", D(2025, 4, 1), 2, subject="r2"),
        ]
    )
    weights = {"gas-goal-1": 2.0}
    series = gas.t_scores(
        records, "r1", ["gas-goal-1", "gas-goal-2", "gas-goal-3"], weights=weights
    )
    # 1 January: goals 1 (w 2, x -2) and 2 (w 1, x -1): sum(w*x) = -5,
    # sum(w^2) = 5, (sum w)^2 = 9: sqrt(0.7*5 + 0.3*9) = sqrt(6.2) = 2.48998
    # T = 50 - 50 / 2.48998 = 50 - 20.08048 = 29.91952
    # 1 April: goal 1 now 1, goal 2 still -1, goal 3 is 0 (w 1):
    # sum(w*x) = 2 - 1 + 0 = 1, sum(w^2) = 6, (sum w)^2 = 16:
    # sqrt(0.7*6 + 0.3*16) = sqrt(9) = 3; T = 50 + 10/3 = 53.33333
    assert [d for d, _ in series] == [D(2025, 1, 1), D(2025, 4, 1)]
    assert series[0][1] == pytest.approx(29.91952, abs=1e-5)
    assert series[1][1] == pytest.approx(53.33333, abs=1e-5)


def test_t_scores_refuse_bad_records() -> None:
    with pytest.raises(InvalidValue):
        gas.t_scores([], "r1", ["g"])  # type: ignore[arg-type]
    records = Records(observations=[_obs("g", D(2025, 1, 1), 5)])
    with pytest.raises(InvalidValue, match="from -2 to 2"):
        gas.t_scores(records, "r1", ["g"])
    assert gas.t_scores(records, "nobody", ["g"]) == ()
