"""Roll-up: aggregation over the subject hierarchy, exactness and suppression."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Derivation,
    Direction,
    Indicator,
    InvalidValue,
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
    UnknownId,
)
from resultframe.evaluation import UNKNOWN, Aggregate, Rollup, combine, rollup

if TYPE_CHECKING:
    from collections.abc import Mapping

D = dt.date
DAY = D(2025, 7, 2)
_SHARES = {
    Aggregation.SHARE_IMPROVED,
    Aggregation.SHARE_REACHING,
    Aggregation.SHARE_TRUE,
}


def _source(
    measure: Measure = Measure.QUANTITY,
    direction: Direction = Direction.INCREASE,
    accumulation: Accumulation = Accumulation.LATEST,
    baseline: Baseline | None = None,
) -> Indicator:
    return Indicator(
        id="src",
        name="source",
        measure=measure,
        direction=direction,
        question=Question.BETTER_OFF,
        accumulation=accumulation,
        baseline=baseline,
        band=1.0 if direction is Direction.MAINTAIN else None,
        targets=(Target(value=4, by=D(2025, 12, 31)),)
        if direction is Direction.MAINTAIN
        else (),
    )


def _framework(
    aggregation: Aggregation,
    source: Indicator | None = None,
    threshold: float | None = None,
) -> ResultsFramework:
    src = source if source is not None else _source()
    derivation = Derivation(source="src", aggregation=aggregation, threshold=threshold)
    derived = Indicator(
        id="agg",
        name="aggregate",
        measure=derivation.measure,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        derived_from=derivation,
    )
    top = Indicator(
        id="top",
        name="top",
        measure=derivation.measure,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        derived_from=Derivation(
            source="agg", aggregation=aggregation, threshold=threshold
        ),
    )
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
        ),
        results=(
            Result(
                id="a",
                statement="s",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=(src,),
            ),
            Result(
                id="b",
                statement="s",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                indicators=(derived,),
            ),
            Result(
                id="c",
                statement="s",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
                # a derived source is followed down; share_true needs a binary one
                indicators=(top,) if aggregation is not Aggregation.SHARE_TRUE else (),
            ),
        ),
    )


# Seven residents: four in north, three in south; first and latest scores.
SCORES = {
    "r01": ("north", 2, 3),
    "r02": ("north", 1, 1),
    "r03": ("north", 3, 5),
    "r04": ("north", 1, 3),
    "r05": ("south", 2, 4),
    "r06": ("south", 4, 4),
    "r07": ("south", 3, 2),
}
PLACES = [
    Subject(id="town", level=Level.MACRO),
    Subject(id="north", level=Level.MESO, part_of="town"),
    Subject(id="south", level=Level.MESO, part_of="town"),
]


def _records(scores: Mapping[str, tuple[str, float, float]] = SCORES) -> Records:
    people = [
        Subject(id=r, level=Level.MICRO, part_of=w) for r, (w, _, _) in scores.items()
    ]
    obs = []
    for r, (_, a, b) in scores.items():
        obs.append(
            Observation(indicator="src", subject=r, on=D(2025, 1, 1), value=float(a))
        )
        obs.append(
            Observation(indicator="src", subject=r, on=D(2025, 6, 1), value=float(b))
        )
    return Records(subjects=[*PLACES, *people], observations=obs)


def _values(r: Rollup) -> dict[str, float | None]:
    return {g.subject: g.value for g in r.groups}


# -- every aggregation, by hand -------------------------------------------------------


@pytest.mark.parametrize(
    ("aggregation", "threshold", "expected"),
    [
        # north latest (3, 1, 5, 3), south (4, 4, 2)
        (Aggregation.COUNT, None, {"north": 4, "south": 3, "town": 7}),
        (Aggregation.SUM, None, {"north": 12, "south": 10, "town": 22}),
        (Aggregation.MEAN, None, {"north": 3, "south": 10 / 3, "town": 22 / 7}),
        # median from the micro values at every level: town [1,2,3,3,4,4,5] -> 3,
        # not the mean of the medians 3 and 4
        (Aggregation.MEDIAN, None, {"north": 3, "south": 4, "town": 3}),
        # improved: r01, r03, r04 | r05: 3/4, 1/3, 4/7
        (
            Aggregation.SHARE_IMPROVED,
            None,
            {"north": 75, "south": 100 / 3, "town": 400 / 7},
        ),
        # reaching 4 or more: r03 | r05, r06: 1/4, 2/3, 3/7
        (
            Aggregation.SHARE_REACHING,
            4.0,
            {"north": 25, "south": 200 / 3, "town": 300 / 7},
        ),
    ],
)
def test_every_aggregation_by_hand(
    aggregation: Aggregation, threshold: float | None, expected: dict[str, float]
) -> None:
    r = rollup(
        _framework(aggregation, threshold=threshold),
        _records(),
        "agg",
        DAY,
        min_group=0,
    )
    assert _values(r) == pytest.approx(expected)
    assert [g.level for g in r.groups] == [Level.MESO, Level.MESO, Level.MACRO]
    assert r.source == "src"
    assert r.aggregation is aggregation


def test_numerator_and_denominator_make_the_value() -> None:
    r = rollup(
        _framework(Aggregation.SHARE_IMPROVED), _records(), "agg", DAY, min_group=0
    )
    town = r.group("town")
    assert (town.n, town.numerator, town.denominator) == (7, 4, 7)
    r = rollup(_framework(Aggregation.SUM), _records(), "agg", DAY, min_group=0)
    assert (r.group("north").numerator, r.group("north").denominator) == (12, 1)


def test_share_true_counts_true_values() -> None:
    flags = {"r01": ("north", 0, 1), "r02": ("north", 1, 0), "r05": ("south", 0, 1)}
    src = _source(Measure.BINARY)
    people = [
        Subject(id=r, level=Level.MICRO, part_of=w) for r, (w, _, _) in flags.items()
    ]
    obs = [
        Observation(indicator="src", subject=r, on=D(2025, 6, 1), value=bool(b))
        for r, (_, _, b) in flags.items()
    ]
    recs = Records(subjects=[*PLACES, *people], observations=obs)
    r = rollup(_framework(Aggregation.SHARE_TRUE, src), recs, "agg", DAY, min_group=0)
    # north: r01 true, r02 false: 50%; south: 100%; town 2/3
    assert _values(r) == pytest.approx({"north": 50, "south": 100, "town": 200 / 3})


def test_decrease_and_maintain_sources_improve_in_their_direction() -> None:
    down = _framework(Aggregation.SHARE_IMPROVED, _source(direction=Direction.DECREASE))
    # lower is better: r02 stays, r07 improves (3 -> 2): north 0/4, south 1/3
    r = rollup(down, _records(), "agg", DAY, min_group=0)
    assert _values(r) == pytest.approx({"north": 0, "south": 100 / 3, "town": 100 / 7})
    keep = _framework(Aggregation.SHARE_IMPROVED, _source(direction=Direction.MAINTAIN))
    # closer to the target 4 than at first: r01 (2->3), r04 (1->3), r05 (2->4);
    # r03 (3->5) stays 1 away, r07 (3->2) moves away
    r = rollup(keep, _records(), "agg", DAY, min_group=0)
    assert _values(r) == pytest.approx({"north": 50, "south": 100 / 3, "town": 300 / 7})


def test_a_sum_source_contributes_its_accumulated_value() -> None:
    hours = _source(
        accumulation=Accumulation.SUM, baseline=Baseline(value=0, on=D(2025, 1, 1))
    )
    # After the baseline day only the June values count: north 3+1+5+3
    r = rollup(_framework(Aggregation.SUM, hours), _records(), "agg", DAY, min_group=0)
    assert _values(r) == {"north": 12, "south": 10, "town": 22}


def test_later_observations_are_not_used() -> None:
    r = rollup(
        _framework(Aggregation.SUM), _records(), "agg", D(2025, 3, 1), min_group=0
    )
    # only the January scores: north 2+1+3+1, south 2+4+3
    assert _values(r) == {"north": 7, "south": 9, "town": 16}


def test_a_derived_source_is_followed_down_to_the_observed_one() -> None:
    r = rollup(_framework(Aggregation.MEAN), _records(), "top", DAY, min_group=0)
    assert r.source == "src"
    assert r.group("town").value == pytest.approx(22 / 7)


# -- suppression ---------------------------------------------------------------------


def test_small_groups_are_suppressed_with_their_counts() -> None:
    r = rollup(_framework(Aggregation.MEAN), _records(), "agg", DAY, min_group=4)
    south = r.group("south")  # 3 residents < 4
    assert south.suppressed
    assert (south.value, south.n, south.numerator, south.denominator) == (None,) * 4
    # north (4) alone would give south away as town - north: suppressed too
    assert r.group("north").suppressed
    # town still counts both
    assert r.group("town").n == 7
    assert r.group("town").value == pytest.approx(22 / 7)


def test_the_default_suppresses_groups_under_ten() -> None:
    r = rollup(_framework(Aggregation.COUNT), _records(), "agg", DAY)
    assert all(g.suppressed for g in r.groups)
    assert r.min_group == 10


@pytest.mark.parametrize("minimum", [0, 1])
def test_min_group_zero_or_one_switches_suppression_off(minimum: int) -> None:
    r = rollup(_framework(Aggregation.COUNT), _records(), "agg", DAY, min_group=minimum)
    assert not any(g.suppressed for g in r.groups)


def test_complementary_suppression_takes_the_smallest_sibling_ties_by_id() -> None:
    # Three neighbourhoods of 2, 5 and 5 residents; min_group 3.
    places = [*PLACES, Subject(id="east", level=Level.MESO, part_of="town")]
    scores = {f"a{i}": ("south", 1, 2) for i in range(2)}
    scores |= {f"b{i}": ("north", 1, 2) for i in range(5)}
    scores |= {f"c{i}": ("east", 1, 2) for i in range(5)}
    recs = _records(scores).add(places)
    r = rollup(_framework(Aggregation.COUNT), recs, "agg", DAY, min_group=3)
    hidden = {g.subject for g in r.groups if g.suppressed}
    # south (2) is small; east and north tie at 5, east comes first by id
    assert hidden == {"south", "east"}
    assert r.group("north").value == 5
    assert r.group("town").value == 12


def test_an_only_child_is_suppressed_with_its_parent() -> None:
    scores = {f"p{i}": ("north", 1, 2) for i in range(3)}
    r = rollup(_framework(Aggregation.COUNT), _records(scores), "agg", DAY, min_group=5)
    assert {g.subject for g in r.groups} == {"north", "town"}  # south has no one
    assert all(g.suppressed for g in r.groups)


# -- disaggregation --------------------------------------------------------------------


def _aged(
    scores: Mapping[str, tuple[str, float, float]], ages: dict[str, str]
) -> Records:
    recs = _records(scores)
    people = [
        Subject(
            id=r,
            level=Level.MICRO,
            part_of=w,
            dimensions=frozenset({("age", ages[r])}) if r in ages else frozenset(),
        )
        for r, (w, _, _) in scores.items()
    ]
    return Records(subjects=[*PLACES, *people], observations=recs.observations)


def test_by_splits_every_group_and_keeps_subjects_without_the_dimension() -> None:
    ages = {"r01": "young", "r02": "young", "r03": "old", "r05": "old", "r06": "young"}
    recs = _aged(SCORES, ages)  # r04 and r07 have no age
    r = rollup(_framework(Aggregation.COUNT), recs, "agg", DAY, min_group=0, by="age")
    cells = {(g.subject, g.dimension): g.value for g in r.groups}
    assert cells == {
        ("north", "old"): 1,
        ("north", UNKNOWN): 1,
        ("north", "young"): 2,
        ("south", "old"): 1,
        ("south", UNKNOWN): 1,
        ("south", "young"): 1,
        ("town", "old"): 2,
        ("town", UNKNOWN): 2,
        ("town", "young"): 3,
    }
    assert r.by == "age"
    assert r.group("town", "young").n == 3


def test_split_cells_are_suppressed_across_dimension_values_too() -> None:
    # north: 6 young, 1 old; south: 6 young, 6 old; min_group 3.
    scores = {f"n{i}": ("north", 1, 2) for i in range(7)}
    scores |= {f"s{i}": ("south", 1, 2) for i in range(12)}
    ages = {f"n{i}": "young" for i in range(6)} | {"n6": "old"}
    ages |= {f"s{i}": "young" if i < 6 else "old" for i in range(12)}
    r = rollup(
        _framework(Aggregation.COUNT),
        _aged(scores, ages),
        "agg",
        DAY,
        min_group=3,
        by="age",
    )
    hidden = {(g.subject, g.dimension) for g in r.groups if g.suppressed}
    # (north, old) = 1 is small. Its siblings under (town, old): (south, old) goes
    # too. Across north's own cells, (north, young) would reveal it from north's
    # total: hidden too; then (south, young) under (town, young).
    assert hidden == {
        ("north", "old"),
        ("south", "old"),
        ("north", "young"),
        ("south", "young"),
    }


# -- combine ----------------------------------------------------------------------------


def _agg(subject: str, n: int, numerator: float, denominator: float) -> Aggregate:
    return Aggregate(
        subject=subject,
        level=Level.MESO,
        aggregation=Aggregation.SHARE_REACHING,
        n=n,
        numerator=numerator,
        denominator=denominator,
        value=100 * numerator / denominator,
    )


def test_combine_is_a_ratio_of_sums_not_a_mean_of_means() -> None:
    # 1 of 2 (50%) and 9 of 10 (90%): 10 of 12 = 83.3%, not (50 + 90) / 2 = 70%
    town = combine(
        [_agg("a", 2, 1, 2), _agg("b", 10, 9, 10)], subject="town", level=Level.MACRO
    )
    assert (town.n, town.numerator, town.denominator) == (12, 10, 12)
    assert town.value == pytest.approx(250 / 3)
    assert (town.subject, town.level, town.suppressed) == ("town", Level.MACRO, False)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"subject": 3}, "subject"),
        ({"level": "macro"}, "level"),
        ({"dimension": 7}, "dimension"),
    ],
)
def test_combine_names_a_wrong_argument(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"subject": "town", "level": Level.MACRO}
    args.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        combine([_agg("a", 2, 1, 2)], **args)  # type: ignore[arg-type]
    assert info.value.field == field


@pytest.mark.parametrize(
    "parts",
    [
        [],
        ["north"],
        [
            _agg("a", 2, 1, 2),
            Aggregate(
                subject="b",
                level=Level.MESO,
                aggregation=Aggregation.SUM,
                n=1,
                numerator=1,
                denominator=1,
                value=1,
            ),
        ],
        [
            Aggregate(
                subject="b",
                level=Level.MESO,
                aggregation=Aggregation.SUM,
                n=None,
                numerator=None,
                denominator=None,
                value=None,
                suppressed=True,
            )
        ],
        [
            Aggregate(
                subject="b",
                level=Level.MESO,
                aggregation=Aggregation.MEDIAN,
                n=1,
                numerator=1,
                denominator=1,
                value=1,
            )
        ],
    ],
)
def test_combine_refuses_what_cannot_be_combined(parts: list[object]) -> None:
    with pytest.raises(InvalidValue):
        combine(parts, subject="town", level=Level.MACRO)  # type: ignore[arg-type]


# -- arguments ---------------------------------------------------------------------------


def test_rollup_of_an_indicator_that_is_not_derived_is_refused() -> None:
    with pytest.raises(InvalidValue, match="derived"):
        rollup(_framework(Aggregation.SUM), _records(), "src", DAY)


def test_rollup_of_an_unknown_indicator_is_an_unknown_id() -> None:
    with pytest.raises(UnknownId):
        rollup(_framework(Aggregation.SUM), _records(), "nope", DAY)


def test_an_unknown_group_is_an_unknown_id() -> None:
    r = rollup(_framework(Aggregation.SUM), _records(), "agg", DAY)
    with pytest.raises(UnknownId):
        r.group("west")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"min_group": -1}, "min_group"),
        ({"min_group": True}, "min_group"),
        ({"by": ""}, "by"),
        ({"by": 3}, "by"),
        ({"as_of": None}, "as_of"),
    ],
)
def test_wrong_arguments_are_named(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"as_of": DAY}
    args.update(kwargs)
    with pytest.raises(InvalidValue) as info:
        rollup(_framework(Aggregation.SUM), _records(), "agg", **args)  # type: ignore[arg-type]
    assert info.value.field == field


# -- properties ---------------------------------------------------------------------------

_AGGREGATIONS = [
    Aggregation.COUNT,
    Aggregation.SUM,
    Aggregation.MEAN,
    Aggregation.SHARE_IMPROVED,
    Aggregation.SHARE_REACHING,
]


@st.composite
def _populations(draw: st.DrawFn) -> Records:
    """Two towns, one to four neighbourhoods each, up to 40 residents with ages."""
    towns = ["t1", "t2"]
    hoods = [f"w{i}" for i in range(draw(st.integers(2, 6)))]
    subjects = [Subject(id=t, level=Level.MACRO) for t in towns]
    subjects += [
        Subject(id=w, level=Level.MESO, part_of=draw(st.sampled_from(towns)))
        for w in hoods
    ]
    people = [f"p{i:02d}" for i in range(draw(st.integers(0, 40)))]
    for p in people:
        age = draw(st.sampled_from([None, "young", "old"]))
        subjects.append(
            Subject(
                id=p,
                level=Level.MICRO,
                part_of=draw(st.sampled_from(hoods)),
                dimensions=frozenset({("age", age)}) if age else frozenset(),
            )
        )
    rows = draw(
        st.lists(
            st.tuples(
                st.sampled_from(people) if people else st.nothing(),
                st.integers(0, 200),
                st.integers(-5, 5) | st.floats(-5, 5),
            ),
            max_size=80,
            unique_by=lambda r: (r[0], r[1]),
        )
        if people
        else st.just([])
    )
    obs = [
        Observation(
            indicator="src",
            subject=p,
            on=D(2025, 1, 1) + dt.timedelta(days=k),
            value=float(v),
        )
        for p, k, v in rows
    ]
    return Records(subjects=subjects, observations=obs)


def _straight(
    recs: Records, aggregation: Aggregation, town: str, day: dt.date
) -> tuple[int, float, float]:
    """(n, numerator, denominator) of a town, straight from its residents."""
    hoods = {s.id for s in recs.subjects if s.part_of == town}
    values = []
    for s in recs.subjects:
        if s.level is Level.MICRO and s.part_of in hoods:
            series = [(d, v) for d, v in recs.series("src", s.id) if d <= day]
            if series:
                values.append((float(series[0][1]), float(series[-1][1])))
    n = len(values)
    if aggregation is Aggregation.COUNT:
        return n, n, 1
    if aggregation is Aggregation.SUM:
        return n, math.fsum(v for _, v in values), 1
    if aggregation is Aggregation.MEAN:
        return n, math.fsum(v for _, v in values), n
    if aggregation is Aggregation.SHARE_IMPROVED:
        return n, sum(1 for f, v in values if v > f), n
    return n, sum(1 for _, v in values if v >= 1.0), n  # share reaching 1


@given(_populations(), st.sampled_from(_AGGREGATIONS), st.integers(0, 220))
def test_rolling_straight_to_macro_equals_rolling_up_level_by_level(
    recs: Records, aggregation: Aggregation, offset: int
) -> None:
    day = D(2025, 1, 1) + dt.timedelta(days=offset)
    threshold = 1.0 if aggregation is Aggregation.SHARE_REACHING else None
    r = rollup(
        _framework(aggregation, threshold=threshold), recs, "agg", day, min_group=0
    )
    for town in r.at(Level.MACRO):
        n, numerator, denominator = _straight(recs, aggregation, town.subject, day)
        assert town.n == n
        assert town.denominator == denominator
        assert town.numerator == pytest.approx(numerator, abs=1e-9)
        if denominator:
            scale = 100 if aggregation in _SHARES else 1
            assert town.value == pytest.approx(
                scale * numerator / denominator, abs=1e-9
            )


@given(
    _populations(),
    st.sampled_from([*_AGGREGATIONS, Aggregation.MEDIAN]),
    st.integers(2, 8),
    st.sampled_from([None, "age"]),
)
def test_no_suppressed_value_can_be_derived_from_its_parent_and_published_siblings(
    recs: Records, aggregation: Aggregation, minimum: int, by: str | None
) -> None:
    threshold = 1.0 if aggregation is Aggregation.SHARE_REACHING else None
    fw = _framework(aggregation, threshold=threshold)
    r = rollup(fw, recs, "agg", DAY, min_group=minimum, by=by)
    full = rollup(fw, recs, "agg", DAY, min_group=0, by=by)
    parent = {s.id: s.part_of for s in recs.subjects}
    siblings: dict[tuple[str | None, str | None], list[Aggregate]] = defaultdict(list)
    across: dict[str, list[Aggregate]] = defaultdict(list)
    for g in r.groups:
        siblings[parent[g.subject], g.dimension].append(g)
        across[g.subject].append(g)
        raw = full.group(g.subject, g.dimension)
        # small groups are always suppressed, and a suppressed group shows nothing
        assert g.suppressed or (raw.n is not None and raw.n >= minimum)
        if g.suppressed:
            assert (g.value, g.n, g.numerator, g.denominator) == (None,) * 4
        else:
            assert g == raw
    # Under a published parent, one suppressed child alone could be recovered as
    # the parent minus its published siblings: never exactly one.
    published = {(g.subject, g.dimension) for g in r.groups if not g.suppressed}
    for (p, d), group in siblings.items():
        if (p, d) in published:
            assert sum(g.suppressed for g in group) != 1
    if by is not None:
        # A subject's cells add up to its undivided total in a plain roll-up.
        plain = rollup(fw, recs, "agg", DAY, min_group=minimum)
        for subject, group in across.items():
            if not plain.group(subject).suppressed:
                assert sum(g.suppressed for g in group) != 1


def test_a_sum_beyond_the_float_range_is_infinite_not_an_error() -> None:
    # 1.7e308 + 1.7e308 = 3.4e308 > 1.8e308, the largest float: the exact sum
    # (math.fsum) overflows; evaluation gives inf, as float arithmetic does.
    huge = {"a": ("north", 0.0, 1.7e308), "b": ("north", 0.0, 1.7e308)}
    r = rollup(_framework(Aggregation.SUM), _records(huge), "agg", DAY, min_group=0)
    assert _values(r)["north"] == math.inf
    assert _values(r)["town"] == math.inf
