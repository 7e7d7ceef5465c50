"""Reports show the intervals of ``build_report(..., confidence=)`` (issue: uncertainty).

Twelve residents on a score with target 5 by 31 December 2025, reported on 31
March 2025: ten rose from 1 to 5 (achieved), two fell from 3 to 2 (worse than
their start). Hand-computed at 95% (z = 1.96, z² = 3.8416):

- achieved 10/12: p = 0.8333, z²/n = 0.3201; centre (0.8333 + 0.1601)/1.3201 =
  0.7525, half-width 1.96/1.3201 x sqrt(0.8333 x 0.1667/12 + 3.8416/576) =
  1.4847 x 0.1351 = 0.2005: 55% to 95%;
- worse 2/12: the mirror image, 5% to 45%;
- mean progress (10 x 1 + 2 x -0.5)/12 = 0.75; squares 10 + 2 x 0.25 = 10.5,
  s² = (10.5 - 9²/12)/11 = 0.3409, s/sqrt(12) = 0.1686, t(11) = 2.201: 0.75 ±
  0.371, 38% to 112%. It excludes the expected 89/364 = 0.2445: the deviation
  of +51 pp is beyond chance.
"""

from __future__ import annotations

import datetime as dt
import json

import attrs
import jsonschema
import pytest

from resultframe import (
    Agreement,
    Cadence,
    Direction,
    FeedbackCycle,
    Indicator,
    InvalidValue,
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
)
from resultframe.cli import main
from resultframe.report import build_report, render
from resultframe.report.schema import report_schema

D = dt.date
DAY = D(2025, 3, 31)

FRAMEWORK = ResultsFramework(
    id="fw",
    name="Scores",
    agreement=Agreement(
        purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
    ),
    results=(
        Result(
            id="r",
            statement="Residents score higher",
            level=Level.MICRO,
            kind=ResultKind.OUTCOME,
            indicators=(
                Indicator(
                    id="score",
                    name="Score",
                    measure=Measure.QUANTITY,
                    direction=Direction.INCREASE,
                    question=Question.BETTER_OFF,
                    targets=(Target(value=5, by=D(2025, 12, 31)),),
                ),
            ),
        ),
    ),
    parties=(Party(id="p-town", name="Gemeente", role=Role.COMMISSIONER),),
    cycles=(
        FeedbackCycle(
            id="q",
            name="Quarterly",
            reports_to="p-town",
            cadence=Cadence(months=3),
            starts_on=D(2025, 1, 1),
        ),
    ),
)
PAIRS = {f"r{k:02}": (1, 5) for k in range(10)} | {"r10": (3, 2), "r11": (3, 2)}
RECORDS = Records(
    subjects=tuple(Subject(id=r, level=Level.MICRO) for r in PAIRS),
    observations=tuple(
        Observation(subject=r, indicator="score", on=d, value=v)
        for r, pair in PAIRS.items()
        for d, v in zip((D(2025, 1, 1), D(2025, 3, 1)), pair, strict=True)
    ),
)


def test_a_report_with_a_confidence_shows_every_interval_in_both_languages() -> None:
    # min_group 2: with the default 10, the 2 worse than their start are
    # withheld, and the 10 achieved with them (12 - 10 would give them away).
    report = build_report(FRAMEWORK, RECORDS, DAY, confidence=0.95, min_group=2)
    en = render(report, "text", "en")
    assert "progress 75% (95% CI 38% to 112%)" in en
    assert "achieved 10 (95% CI 55% to 95%)" in en
    assert "worse than the baseline 2 (95% CI 5% to 45%)" in en
    assert "beyond chance" in en
    nl = render(report, "text", "nl")
    assert "voortgang 75% (95%-bi 38% tot 112%)" in nl
    assert "behaald 10 (95%-bi 55% tot 95%)" in nl
    assert "buiten de toevalsmarge" in nl
    for fmt in ("markdown", "html"):
        assert "95% CI 38% to 112%" in render(report, fmt, "en")


def test_without_a_confidence_a_report_shows_no_interval() -> None:
    report = build_report(FRAMEWORK, RECORDS, DAY)
    text = render(report, "text", "en")
    assert "CI" not in text
    assert "chance" not in text.lower()


def test_a_cycle_that_declares_chance_gives_its_reports_intervals() -> None:
    fw = attrs.evolve(
        FRAMEWORK, cycles=(attrs.evolve(FRAMEWORK.cycles[0], chance=0.9),)
    )
    report = build_report(fw, RECORDS, DAY, cycle="q")
    assert report.evaluation.confidence == 0.9
    assert "90% CI" in render(report, "text", "en")


def test_a_withheld_group_shows_no_interval() -> None:
    # With min_group 13 the twelve residents are too few: no counts, no
    # progress, and no interval of either, in any format.
    report = build_report(FRAMEWORK, RECORDS, DAY, min_group=13, confidence=0.95)
    for fmt in ("text", "markdown", "html"):
        assert "CI " not in render(report, fmt, "en").replace("95% CI (", "")
    doc = json.loads(render(report, "json", "en"))
    (ind,) = doc["results"][0]["indicators"]
    assert (ind["progress_interval"], ind["shares"], ind["distinguishable"]) == (
        None,
        [],
        None,
    )
    ev = doc["evaluation"]["results"][0]["indicators"][0]
    assert "progress_interval" not in ev
    assert "shares" not in ev


def test_withheld_counts_get_no_interval() -> None:
    # the default min_group 10: achieved 10 and worse 2 are shown only together
    report = build_report(FRAMEWORK, RECORDS, DAY, confidence=0.95)
    en = render(report, "text", "en")
    assert "together 12 (each withheld)" in en
    assert "55% to 95%" not in en
    assert "5% to 45%" not in en
    assert "progress 75% (95% CI 38% to 112%)" in en


def test_the_json_report_carries_the_intervals_and_validates() -> None:
    report = build_report(FRAMEWORK, RECORDS, DAY, confidence=0.95, min_group=2)
    doc = json.loads(render(report, "json", "en"))
    jsonschema.Draft202012Validator(report_schema()).validate(doc)
    (ind,) = doc["results"][0]["indicators"]
    low, high = ind["progress_interval"]
    assert (round(low, 3), round(high, 3)) == (0.379, 1.121)
    assert ind["distinguishable"] is True
    shares = {
        s["status"]: (round(s["low"], 2), round(s["high"], 2)) for s in ind["shares"]
    }
    assert shares == {"achieved": (0.55, 0.95), "deteriorated": (0.05, 0.45)}
    (deviation,) = doc["deviations"]
    assert deviation["distinguishable"] is True


@pytest.mark.parametrize("bad", [0, 1, 1.5, -0.5])
def test_build_report_refuses_a_confidence_that_is_no_level(bad: float) -> None:
    with pytest.raises(InvalidValue, match="confidence"):
        build_report(FRAMEWORK, RECORDS, DAY, confidence=bad)


def test_the_demo_shows_95_percent_intervals_unless_told_otherwise(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo"]) == 0
    assert "95% CI" in capsys.readouterr().out
    assert main(["demo", "--confidence", "0.8", "--lang", "nl"]) == 0
    assert "80%-bi" in capsys.readouterr().out
    assert main(["demo", "--confidence", "2"]) == 2
    assert "--confidence: expected a level between 0 and 1" in capsys.readouterr().err
