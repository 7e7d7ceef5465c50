"""Charts: Vega-Lite specs as plain data, privacy in them, and SVG without requests."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import Any

import pytest

from resultframe import (
    Accumulation,
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    Derivation,
    Direction,
    FeedbackCycle,
    Goal,
    Indicator,
    Level,
    Measure,
    Observation,
    Party,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Subject,
    Target,
    evaluate,
)
from resultframe.errors import InvalidValue, UnknownId
from resultframe.instruments import zrm
from resultframe.report import MissingExtra, charts
from resultframe.report._svg import sanitize

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
AS_OF = dt.date(2025, 7, 10)
V2017 = zrm.ZrmVersion.V2017

# Residents per neighbourhood and their finances score on 15 June (all 2 on 15
# January). Means: akker (12) 3.0 published; beek (10) 2.5 and centrum (2) 4.5
# suppressed (centrum is too small, beek is the smallest other group).
HOODS = {
    "akker": ("Akker", [3] * 12),
    "beek": ("Beek", [2, 3] * 5),
    "centrum": ("Centrum", [4, 5]),
}


def framework() -> ResultsFramework:
    mean = Indicator(
        id="i-mean",
        name="Mean finances",
        measure=Measure.QUANTITY,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        baseline=Baseline(value=2, on=START),
        targets=(
            Target(value=2.75, by=dt.date(2025, 6, 30)),
            Target(value=3.5, by=END),
        ),
        derived_from=Derivation(
            source="zrm2017-financien", aggregation=Aggregation.MEAN
        ),
    )
    calls = Indicator(
        id="i-calls",
        name="Calls to the helpdesk",
        measure=Measure.QUANTITY,
        direction=Direction.INCREASE,
        question=Question.HOW_MUCH,
        accumulation=Accumulation.SUM,
        targets=(Target(value=100, by=END),),
    )
    story = Indicator(
        id="i-story",
        name="Story",
        measure=Measure.QUALITATIVE,
        direction=Direction.MAINTAIN,
        question=Question.HOW_WELL,
    )
    return ResultsFramework(
        id="fw",
        name="Charts",
        agreement=Agreement(purpose="Test", period=Period(start=START, end=END)),
        results=(
            zrm.result(
                V2017,
                ["financien", "huisvesting", "justitie"],
                id="r-micro",
                statement="Residents manage",
                targets=(Target(value=4, by=END),),
            ),
            Result(
                id="r-meso",
                statement="Neighbourhoods move",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                indicators=(mean, story),
            ),
            Result(
                id="r-macro",
                statement="The town",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
                indicators=(calls,),
            ),
        ),
        cycles=(
            FeedbackCycle(
                id="q",
                name="Quarterly",
                reports_to="p",
                cadence=Cadence(months=3),
                starts_on=START,
            ),
        ),
        parties=(Party(id="p", name="Town", role=Role.COMMISSIONER),),
    )


def records() -> Records:
    facts: list[Any] = [Subject(id="town", level=Level.MACRO, name="Town")]
    n = 0
    for hood, (name, scores) in HOODS.items():
        facts.append(Subject(id=hood, level=Level.MESO, part_of="town", name=name))
        for score in scores:
            n += 1
            rid = f"res-{n:02d}"
            facts.append(Subject(id=rid, level=Level.MICRO, part_of=hood))
            facts += zrm.observations(
                V2017,
                {"financien": 2, "huisvesting": 3},
                subject=rid,
                on=dt.date(2025, 1, 15),
            )
            facts += zrm.observations(
                V2017, {"financien": score}, subject=rid, on=dt.date(2025, 6, 15)
            )
    facts += [
        Goal(
            subject="res-01",
            indicator="zrm2017-financien",
            baseline=Baseline(value=2, on=dt.date(2025, 1, 15)),
            target=Target(value=5, by=dt.date(2025, 9, 30)),
        ),
        Observation(
            indicator="i-calls", subject="town", on=dt.date(2025, 2, 1), value=5
        ),
        Observation(
            indicator="i-calls", subject="town", on=dt.date(2025, 3, 1), value=7
        ),
        Observation(
            indicator="i-calls", subject="town", on=dt.date(2025, 4, 1), value=6
        ),
    ]
    return Records().add(facts)


FW = framework()
RECS = records()
EV = evaluate(FW, RECS, AS_OF)


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        return set(data) | {k for v in data.values() for k in _keys(v)}
    if isinstance(data, list):
        return {k for v in data for k in _keys(v)}
    return set()


def _datasets(spec: dict[str, Any]) -> list[list[dict[str, Any]]]:
    layers = spec.get("layer", [spec])
    return [layer["data"]["values"] for layer in layers]


ALL_SPECS = {
    "over_time": lambda: charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF),
    "distribution": lambda: charts.status_distribution(FW, EV, "r-micro"),
    "comparison": lambda: charts.neighbourhood_comparison(
        FW, EV, "i-mean", records=RECS
    ),
    "zrm": lambda: charts.zrm_profile(RECS, "res-01", dt.date(2025, 2, 1), AS_OF),
}


@pytest.mark.parametrize("make", ALL_SPECS.values(), ids=ALL_SPECS.keys())
def test_specs_are_plain_vega_lite_5_with_inline_data(make: Any) -> None:
    spec = make()
    assert json.loads(json.dumps(spec)) == spec  # plain data, nothing else
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    assert "url" not in _keys(spec)  # no data fetched from anywhere
    for values in _datasets(spec):
        assert isinstance(values, list)
    assert spec["config"]["locale"]["number"]["decimal"] == "."


def test_dutch_specs_use_dutch_words_and_numbers() -> None:
    spec = charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF, lang="nl")
    assert spec["title"]["text"] == "Mean finances in de tijd"
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert spec["config"]["locale"]["time"]["months"][2] == "maart"


def test_over_time_shows_published_groups_and_marks_suppressed_ones() -> None:
    spec = charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF)
    observed, path, targets, rule, label = _datasets(spec)
    # Days: the baseline's 1 January, the quarters' ends 31 March and 30 June, and
    # the day itself. On 1 January nobody has a score yet: every group has fewer
    # than 10 and is suppressed. Akker's mean is 2 until 15 June, then 3.
    assert [(r["date"], r["group"], r["value"]) for r in observed] == [
        ("2025-03-31", "Akker", 2.0),
        ("2025-06-30", "Akker", 3.0),
        ("2025-07-10", "Akker", 3.0),
    ]
    assert rule == label
    assert [(r["date"], r["groups"]) for r in rule] == [
        ("2025-01-01", "Akker, Beek, Centrum"),
        ("2025-03-31", "Beek, Centrum"),
        ("2025-06-30", "Beek, Centrum"),
        ("2025-07-10", "Beek, Centrum"),
    ]
    assert "2.5" not in json.dumps(spec)  # Beek's mean
    assert "4.5" not in json.dumps(spec)  # Centrum's mean
    assert path == [
        {"date": "2025-01-01", "value": 2},
        {"date": "2025-06-30", "value": 2.75},
        {"date": "2025-12-31", "value": 3.5},
    ]
    assert targets == [
        {"date": "2025-06-30", "value": 2.75},
        {"date": "2025-12-31", "value": 3.5},
    ]


def test_over_time_without_suppression_shows_every_group() -> None:
    spec = charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF, min_group=0)
    observed = _datasets(spec)[0]
    last = {r["group"]: r["value"] for r in observed if r["date"] == "2025-07-10"}
    assert last == {"Akker": 3.0, "Beek": 2.5, "Centrum": 4.5}


def test_over_time_of_a_resident_only_on_request() -> None:
    with pytest.raises(InvalidValue) as info:
        charts.indicator_over_time(FW, RECS, "zrm2017-financien", as_of=AS_OF)
    assert info.value.field == "subject"
    spec = charts.indicator_over_time(
        FW, RECS, "zrm2017-financien", as_of=AS_OF, subject="res-01"
    )
    observed, path, targets = _datasets(spec)
    assert [(r["date"], r["value"]) for r in observed] == [
        ("2025-01-15", 2.0),
        ("2025-06-15", 3.0),
    ]
    # The resident's goal: from 2 on 15 January to 5 by 30 September.
    assert path == [
        {"date": "2025-01-15", "value": 2},
        {"date": "2025-09-30", "value": 5},
    ]
    assert targets == [{"date": "2025-09-30", "value": 5}]


def test_over_time_of_a_sum_is_its_running_total() -> None:
    spec = charts.indicator_over_time(FW, RECS, "i-calls", as_of=AS_OF)
    observed = _datasets(spec)[0]
    assert [r["value"] for r in observed] == [5.0, 12.0, 18.0]  # 5, 5+7, 5+7+6


def test_over_time_refuses_what_it_cannot_draw() -> None:
    with pytest.raises(InvalidValue, match="numbers"):
        charts.indicator_over_time(FW, RECS, "i-story", as_of=AS_OF)
    with pytest.raises(InvalidValue, match="meso level"):
        charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF, subject="res-01")
    with pytest.raises(UnknownId):
        charts.indicator_over_time(FW, RECS, "i-nope", as_of=AS_OF)
    with pytest.raises(InvalidValue, match="lang"):
        charts.indicator_over_time(FW, RECS, "i-mean", as_of=AS_OF, lang="fr")


def test_distribution_shares_add_up_to_100_per_indicator() -> None:
    spec = charts.status_distribution(FW, EV, "r-micro")
    rows = spec["data"]["values"]
    by_indicator: dict[str, float] = {}
    for r in rows:
        by_indicator[r["indicator"]] = by_indicator.get(r["indicator"], 0) + r["share"]
    # Justitie was never scored: no residents, no bar.
    assert set(by_indicator) == {"ZRM 2017: Financiën", "ZRM 2017: Huisvesting"}
    assert all(abs(s - 100) < 1e-9 for s in by_indicator.values())
    fin = {
        r["code"]: r["count"] for r in rows if r["indicator"] == "ZRM 2017: Financiën"
    }
    assert sum(fin.values()) == 24


def test_distribution_of_too_few_residents_is_one_suppressed_bar() -> None:
    ev = evaluate(FW, RECS, AS_OF, min_group=25)
    rows = charts.status_distribution(FW, ev, "r-micro")["data"]["values"]
    # Financiën and Huisvesting: 24 residents each, fewer than 25. Justitie has
    # nobody to count, so no bar.
    assert [(r["indicator"], r["code"], r["count"], r["share"]) for r in rows] == [
        ("ZRM 2017: Financiën", "suppressed", None, 100.0),
        ("ZRM 2017: Huisvesting", "suppressed", None, 100.0),
    ]


def test_comparison_shows_suppressed_groups_as_suppressed_not_zero() -> None:
    spec = charts.neighbourhood_comparison(FW, EV, "i-mean", records=RECS)
    bars, values, words, target, expected = _datasets(spec)
    assert [(r["group"], r["value"]) for r in bars] == [("Akker", 3.0)]
    assert values == bars  # each bar's value written at its end (a 0 shows too)
    assert words == [
        {"group": "Beek", "status": "suppressed"},
        {"group": "Centrum", "status": "suppressed"},
    ]
    assert target == [{"value": 3.5, "what": "target"}]
    # On 10 July (day 10 of 184 after 30 June): 2.75 + 0.75 * 10 / 184 = 2.7908.
    assert expected[0]["value"] == pytest.approx(2.75 + 0.75 * 10 / 184)


def test_comparison_on_another_level_of_the_rollup() -> None:
    spec = charts.neighbourhood_comparison(FW, EV, "i-mean", level=Level.MACRO)
    bars = _datasets(spec)[0]
    # The town: (12 * 3 + 5 * 2 + 5 * 3 + 4 + 5) / 24 = 70 / 24.
    assert [(r["group"], r["value"]) for r in bars] == [
        ("town", pytest.approx(70 / 24))
    ]
    with pytest.raises(InvalidValue, match="level"):
        charts.neighbourhood_comparison(FW, EV, "i-mean", level=Level.MICRO)


def test_comparison_refuses_residents() -> None:
    with pytest.raises(InvalidValue, match="residents are not compared"):
        charts.neighbourhood_comparison(FW, EV, "zrm2017-financien")
    with pytest.raises(InvalidValue, match="evaluation holds"):
        charts.neighbourhood_comparison(FW, EV, "i-nope")


def test_zrm_profile_has_a_dot_per_scored_domain_and_day() -> None:
    spec = charts.zrm_profile(RECS, "res-01", dt.date(2025, 2, 1), AS_OF, lang="nl")
    lines, points = _datasets(spec)
    assert [(p["domain"], p["date"], p["score"]) for p in points] == [
        ("Financiën", "2025-02-01", 2),
        ("Financiën", "2025-07-10", 3),
        ("Huisvesting", "2025-02-01", 3),
        ("Huisvesting", "2025-07-10", 3),
    ]
    assert points[1]["label"] == "Beperkt zelfredzaam"
    assert lines == [
        {"domain": "Financiën", "order": 0, "from": 2, "to": 3},
        {"domain": "Huisvesting", "order": 3, "from": 3, "to": 3},
    ]
    assert spec["title"]["subtitle"] == "res-01"  # asked for by id


def test_zrm_profile_checks_its_arguments() -> None:
    with pytest.raises(InvalidValue, match="second"):
        charts.zrm_profile(RECS, "res-01", AS_OF, AS_OF)
    with pytest.raises(UnknownId):
        charts.zrm_profile(RECS, "nobody", START, AS_OF)
    with pytest.raises(InvalidValue, match="version"):
        charts.zrm_profile(RECS, "res-01", START, AS_OF, version="2017")  # type: ignore[arg-type]


# -- SVG ----------------------------------------------------------------------------


def test_to_svg_renders_a_spec_with_nothing_external() -> None:
    svg = charts.to_svg(ALL_SPECS["comparison"]())
    assert svg.startswith("<svg")
    assert "Akker" in svg
    assert "suppressed" in svg
    assert "href" not in svg
    assert "<script" not in svg
    sanitize(svg)  # already clean: cleaning again changes nothing
    assert sanitize(svg) == svg


def test_to_svg_refuses_data_from_a_url() -> None:
    spec = {
        "data": {"url": "https://example.org/data.csv"},
        "mark": "bar",
        "encoding": {"x": {"field": "a", "type": "nominal"}},
    }
    with pytest.raises(InvalidValue, match="spec"):
        charts.to_svg(spec)


def test_to_svg_refuses_what_is_not_a_spec() -> None:
    with pytest.raises(InvalidValue, match="spec"):
        charts.to_svg("bar")  # type: ignore[arg-type]


def test_to_svg_without_the_extra_names_the_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)
    with pytest.raises(MissingExtra) as info:
        charts.to_svg({"mark": "bar"})
    assert "pip install 'resultframe[report]'" in str(info.value)


@pytest.mark.parametrize(
    ("dirty", "gone"),
    [
        ("<svg><script>alert(1)</script><g/></svg>", "<script"),
        ('<svg><image xlink:href="https://x.org/a.png" width="1"/></svg>', "<image"),
        ('<svg><a href="http://x.org"><text>t</text></a></svg>', "http"),
        ('<svg><g onload="alert(1)"/></svg>', "onload"),
        ('<svg><rect fill="url(https://x.org/p.svg#g)"/></svg>', "x.org"),
        ('<svg><style>@import "https://x.org/a.css";</style></svg>', "@import"),
        (
            "<svg><style>@font-face { font-family: f; src: url(x.woff) }</style></svg>",
            "@font-face",
        ),
        ("<svg><foreignObject><p>x</p></foreignObject></svg>", "foreignObject"),
    ],
)
def test_sanitize_removes_what_could_fetch_or_run(dirty: str, gone: str) -> None:
    clean = sanitize(dirty)
    assert gone not in clean
    assert clean.startswith("<svg>")


def test_sanitize_keeps_references_inside_the_svg() -> None:
    svg = '<svg><clipPath id="c"/><g clip-path="url(#c)"><use href="#c"/></g></svg>'
    assert sanitize(svg) == svg


def test_sanitize_refuses_broken_svg() -> None:
    with pytest.raises(InvalidValue, match="well-formed"):
        sanitize("<svg><g></svg>")
