"""Positive Health: the six dimensions, the 0-10 scale, indicators and profiles."""

from __future__ import annotations

import datetime as dt

import pytest

from resultframe import Measure, Observation, Records, UnknownId
from resultframe.errors import InvalidValue
from resultframe.instruments import positive_health as ph
from resultframe.model._checks import is_id

D = dt.date


def test_six_dimensions_with_stable_ids_and_both_labels() -> None:
    assert [d.id for d in ph.DIMENSIONS] == [
        "ph-lichaamsfuncties",
        "ph-mentaal-welbevinden",
        "ph-zingeving",
        "ph-kwaliteit-van-leven",
        "ph-meedoen",
        "ph-dagelijks-functioneren",
    ]
    assert all(is_id(d.id) and d.label("en") and d.label("nl") for d in ph.DIMENSIONS)
    assert ph.dimension("meedoen").label("en") == "Participation"
    with pytest.raises(UnknownId):
        ph.dimension("geluk")
    with pytest.raises(InvalidValue):
        ph.DIMENSIONS[0].label("de")


def test_scale_runs_from_0_to_10() -> None:
    assert ph.SCALE.values == tuple(range(11))


def test_indicators_are_ordinal_0_to_10() -> None:
    made = ph.indicators()
    assert len(made) == 6
    assert all(i.measure is Measure.ORDINAL and i.scale == ph.SCALE for i in made)
    assert [i.id for i in ph.indicators("zingeving", prefix="x:")] == ["x:ph-zingeving"]
    with pytest.raises(InvalidValue):
        ph.indicators([])


def test_profile_is_the_latest_score_per_dimension() -> None:
    recs = Records(
        observations=[
            Observation(
                indicator="ph-meedoen", subject="r1", on=D(2025, 1, 1), value=4
            ),
            Observation(
                indicator="ph-meedoen", subject="r1", on=D(2025, 5, 1), value=7
            ),
            Observation(
                indicator="ph-zingeving", subject="r1", on=D(2025, 2, 1), value=8.0
            ),
        ]
    )
    web = dict(ph.profile(recs, "r1", D(2025, 3, 1)))
    assert web["ph-meedoen"] == 4
    assert web["ph-zingeving"] == 8
    assert isinstance(web["ph-zingeving"], int)
    assert web["ph-lichaamsfuncties"] is None
    assert dict(ph.profile(recs, "r1", D(2025, 6, 1)))["ph-meedoen"] == 7


def test_profile_refuses_values_off_the_scale() -> None:
    recs = Records(
        observations=[
            Observation(
                indicator="ph-meedoen", subject="r1", on=D(2025, 1, 1), value=11
            )
        ]
    )
    with pytest.raises(InvalidValue, match="ph-meedoen"):
        ph.profile(recs, "r1", D(2025, 3, 1))
