"""Zelfredzaamheid-Matrix: scale, domains, indicators, onbesproken, profiles, versions."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Baseline,
    Level,
    Measure,
    Observation,
    Records,
    Target,
    UnknownId,
)
from resultframe.errors import InvalidValue, MixedVersions
from resultframe.instruments import zrm
from resultframe.instruments.zrm import ZrmVersion
from resultframe.model._checks import is_id

D = dt.date
V13, V17 = ZrmVersion.V2013, ZrmVersion.V2017


def test_scale_is_1_to_5_with_dutch_and_english_labels() -> None:
    assert zrm.SCALE.id == "zrm-1-5"
    assert zrm.SCALE.values == (1, 2, 3, 4, 5)
    assert zrm.SCALE.label(1) == "Acute problematiek"
    assert zrm.point_label(5, "en") == "Complete self-sufficiency"
    assert zrm.point_label(3) == "Beperkt zelfredzaam"
    with pytest.raises(InvalidValue):
        zrm.point_label(0)
    with pytest.raises(InvalidValue):
        zrm.point_label(3, "fr")


def test_versions_have_11_and_13_domains_with_stable_ascii_ids() -> None:
    d13, d17 = zrm.domains(V13), zrm.domains(V17)
    assert (len(d13), len(d17)) == (11, 13)
    for version, ds in ((V13, d13), (V17, d17)):
        assert len({d.id for d in ds}) == len(ds)
        for d in ds:
            assert d.id == f"zrm{version.value}-{d.key}"
            assert d.id.isascii()
            assert is_id(d.id)
            assert d.version is version
            assert d.label("nl")
            assert d.label("en")
    assert zrm.domain(V17, "middelengebruik").label("en") == "Substance use"
    assert zrm.domain(V13, "verslaving").label("nl") == "Verslaving"
    assert {d.key for d in d17} - {d.key for d in d13} == {
        "werk-opleiding",
        "tijdsbesteding",
        "middelengebruik",
        "basale-adl",
        "instrumentele-adl",
    }


def test_domain_lookup_refuses_the_other_version_and_unknown_keys() -> None:
    with pytest.raises(MixedVersions) as info:
        zrm.domain(V13, "zrm2017-financien")
    assert info.value.field == "domain"
    with pytest.raises(MixedVersions, match="zrm2017-tijdsbesteding"):
        zrm.domain(V13, "tijdsbesteding")  # a 2017-only domain, by its key
    with pytest.raises(UnknownId):
        zrm.domain(V17, "geluk")
    with pytest.raises(InvalidValue):
        zrm.domain("2017", "financien")  # type: ignore[arg-type]


def test_indicators_encode_the_version() -> None:
    all17 = zrm.indicators(V17)
    assert [i.id for i in all17] == [d.id for d in zrm.domains(V17)]
    assert all(i.measure is Measure.ORDINAL and i.scale == zrm.SCALE for i in all17)
    fin = zrm.indicators(
        V13,
        ["financien"],
        prefix="west:",
        baseline=Baseline(value=2, on=D(2025, 1, 1)),
        targets=(Target(value=4, by=D(2025, 12, 31)),),
    )
    assert fin[0].id == "west:zrm2013-financien"
    assert fin[0].name == "ZRM 2013: Financiën"
    assert zrm.domain_of(fin[0]) == zrm.domain(V13, "financien")
    assert zrm.same_version([*fin, "unrelated"]) is V13
    assert zrm.same_version(["unrelated"]) is None
    with pytest.raises(MixedVersions):
        zrm.same_version([*fin, all17[0]])
    with pytest.raises(MixedVersions):
        zrm.indicators(V13, [zrm.domain(V17, "justitie")])
    with pytest.raises(InvalidValue):  # a target off the scale
        zrm.indicators(V17, "financien", targets=(Target(value=6, by=D(2026, 1, 1)),))


def test_result_is_a_micro_outcome_for_residents() -> None:
    r = zrm.result(V17, ["financien", "huisvesting"], id="r1", statement="Grip")
    assert r.level is Level.MICRO
    assert [i.id for i in r.indicators] == ["zrm2017-financien", "zrm2017-huisvesting"]


# -- onbesproken ----------------------------------------------------------------------


def test_onbesproken_and_none_make_no_observation() -> None:
    row: dict[zrm.Domain | str, object] = {
        "financien": 2,
        "zrm2017-huisvesting": "Onbesproken",
        zrm.domain(V17, "justitie"): None,
        "sociaal-netwerk": 4.0,
    }
    obs = zrm.observations(V17, row, subject="r1", on=D(2025, 3, 1), source="form")
    assert [(o.indicator, o.value) for o in obs] == [
        ("zrm2017-financien", 2),
        ("zrm2017-sociaal-netwerk", 4),
    ]
    assert all(isinstance(o.value, int) for o in obs)
    assert zrm.not_discussed(V17, row) == ("zrm2017-huisvesting",)


@pytest.mark.parametrize("bad", [0, 6, 2.5, True, "drie", "3"])
def test_observations_refuse_values_that_are_not_scores(bad: object) -> None:
    with pytest.raises(InvalidValue, match="financien"):
        zrm.observations(V13, {"financien": bad}, subject="r1", on=D(2025, 1, 1))


def test_observations_refuse_domains_of_the_other_version() -> None:
    with pytest.raises(MixedVersions):
        zrm.observations(V13, {"zrm2017-financien": 3}, subject="r1", on=D(2025, 1, 1))
    with pytest.raises(InvalidValue):
        zrm.observations(V13, [1, 2], subject="r1", on=D(2025, 1, 1))  # type: ignore[arg-type]


# -- profiles and differences -----------------------------------------------------------


def _records() -> Records:
    first = zrm.observations(
        V17,
        {"financien": 2, "huisvesting": 3, "justitie": "onbesproken", "basale-adl": 5},
        subject="r1",
        on=D(2025, 1, 10),
    )
    second = zrm.observations(
        V17,
        {"financien": 4, "huisvesting": 2, "justitie": 3, "basale-adl": "onbesproken"},
        subject="r1",
        on=D(2025, 7, 10),
    )
    other = zrm.observations(V17, {"financien": 1}, subject="r2", on=D(2025, 7, 10))
    return Records(observations=[*first, *second, *other])


def test_profile_is_the_latest_score_per_domain() -> None:
    p = zrm.profile(_records(), "r1", D(2025, 3, 1), V17)
    assert p.version is V17
    assert len(p.scores) == 13
    assert p.score("financien") == 2
    assert p.score("justitie") is None  # onbesproken: no score
    assert p.score("zrm2017-werk-opleiding") is None
    later = zrm.profile(_records(), "r1", D(2025, 12, 31), V17)
    assert later.pairs()[0] == ("zrm2017-financien", 4)
    assert later.score("basale-adl") == 5  # not discussed in July: January's stands
    with pytest.raises(MixedVersions):
        later.score("zrm2013-financien")


def test_difference_between_two_measurements_by_hand() -> None:
    diff = dict(zrm.difference(_records(), "r1", D(2025, 1, 10), D(2025, 7, 10), V17))
    assert diff["zrm2017-financien"] == 2  # 4 - 2
    assert diff["zrm2017-huisvesting"] == -1  # 2 - 3
    assert diff["zrm2017-justitie"] is None  # onbesproken in January: no first score
    assert diff["zrm2017-basale-adl"] is None  # not scored again in July
    assert diff["zrm2017-werk-opleiding"] is None  # never scored
    assert len(diff) == 13


def test_difference_needs_a_later_second_day() -> None:
    with pytest.raises(InvalidValue, match="second"):
        zrm.difference(_records(), "r1", D(2025, 7, 10), D(2025, 7, 10), V17)


def test_comparing_2013_and_2017_profiles_is_an_error() -> None:
    recs = _records().add(
        zrm.observations(V13, {"financien": 3}, subject="r1", on=D(2024, 1, 1))
    )
    old = zrm.profile(recs, "r1", D(2024, 6, 1), V13)
    new = zrm.profile(recs, "r1", D(2025, 8, 1), V17)
    assert old.score("financien") == 3
    with pytest.raises(MixedVersions) as info:
        zrm.compare(old, new)
    assert isinstance(info.value, ValueError)
    assert "not comparable" in str(info.value)


def test_profile_refuses_values_that_are_not_scores() -> None:
    recs = Records(
        observations=[
            Observation(
                indicator="zrm2013-justitie", subject="r1", on=D(2025, 1, 1), value=9
            )
        ]
    )
    with pytest.raises(InvalidValue, match="justitie"):
        zrm.profile(recs, "r1", D(2025, 2, 1), V13)
    with pytest.raises(InvalidValue):
        zrm.profile([], "r1", D(2025, 2, 1), V13)  # type: ignore[arg-type]


def test_measurement_days() -> None:
    assert zrm.measurement_days(_records(), "r1", V17) == (
        D(2025, 1, 10),
        D(2025, 7, 10),
    )
    assert zrm.measurement_days(_records(), "r1", V13) == ()


@given(
    before=st.dictionaries(
        st.sampled_from(["financien", "huisvesting"]), st.integers(1, 5)
    ),
    after=st.dictionaries(
        st.sampled_from(["financien", "huisvesting"]), st.integers(1, 5)
    ),
)
def test_difference_is_after_minus_before_where_both_are_scored(
    before: dict[str, int], after: dict[str, int]
) -> None:
    rows = [
        *zrm.observations(V17, dict(before), subject="r1", on=D(2025, 1, 1)),
        *zrm.observations(V17, dict(after), subject="r1", on=D(2025, 6, 1)),
    ]
    diff = dict(
        zrm.difference(
            Records(observations=rows), "r1", D(2025, 1, 1), D(2025, 6, 1), V17
        )
    )
    for key in ("financien", "huisvesting"):
        expected = after[key] - before[key] if key in before and key in after else None
        assert diff[f"zrm2017-{key}"] == expected


def test_evolve_keeps_a_helper_indicator_valid() -> None:
    fin = zrm.indicators(V17, ["financien"])[0]
    evolved = attrs.evolve(fin, targets=(Target(value=3, by=D(2026, 1, 1)),))
    assert evolved.scale == zrm.SCALE


def test_profile_skips_onbesproken_stored_as_text() -> None:
    # A system that stored the answer as text: the earlier score still counts,
    # the text is never read as a score.
    recs = Records(
        observations=[
            Observation(
                indicator="zrm2013-justitie", subject="r1", on=D(2025, 1, 1), value=3
            ),
            Observation(
                indicator="zrm2013-justitie",
                subject="r1",
                on=D(2025, 2, 1),
                value="onbesproken",
            ),
        ]
    )
    assert zrm.profile(recs, "r1", D(2025, 3, 1), V13).score("justitie") == 3
    assert zrm.measurement_days(recs, "r1", V13) == (D(2025, 1, 1),)
