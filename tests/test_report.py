"""Reports: what build_report gathers, what each format shows, privacy and safety."""

from __future__ import annotations

import datetime as dt
import html.parser
import json
import re
import socket
import sys
import urllib.request
from decimal import Decimal

import pytest

import resultframe
import resultframe.labels
from resultframe import (
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
    Decision,
    DecisionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    FundingVariant,
    Indicator,
    Level,
    Means,
    Measure,
    Method,
    Observation,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Review,
    Role,
    Stakeholder,
    Subject,
    Target,
    evaluate,
)
from resultframe.errors import InvalidRecords, InvalidValue, ResultframeError, UnknownId
from resultframe.evaluation import protect
from resultframe.instruments import zrm
from resultframe.report import (
    FORMATS,
    PHRASES,
    MissingExtra,
    NoteKind,
    Report,
    build_report,
    charts,
    render,
    render_agenda,
    render_lint,
)
from resultframe.steering import AgendaReason, agenda, lint

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)
AS_OF = dt.date(2025, 7, 10)
Q1 = Period(start=START, end=dt.date(2025, 3, 31))
Q2 = Period(start=dt.date(2025, 4, 1), end=dt.date(2025, 6, 30))

# Second ZRM finances score (15 June) of the residents of each neighbourhood; the
# first (15 January) is 2 for everyone. The neighbourhood means:
#   noord: 7 x 3 + 7 x 4 = 49 / 14 = 3.5      (published)
#   oost:  9 x 2 + 3 x 3 = 27 / 12 = 2.25     (published)
#   zuid:  9 x 3 + 2 x 4 = 35 / 11 = 3.1818   (complementary suppression: the
#                                              smallest group next to west)
#   west:  5 + 5 + 4     = 14 / 3  = 4.6667   (suppressed: 3 < 10)
SCORES = {
    "noord": [3] * 7 + [4] * 7,
    "oost": [2] * 9 + [3] * 3,
    "zuid": [3] * 9 + [4] * 2,
    "west": [5, 5, 4],
}
NAMES = {"noord": "Noord", "oost": "Oost", "zuid": "Zuid", "west": "West"}
# How the hidden means could be written in any format.
HIDDEN = ("4.67", "4,67", "4.666", "3.18", "3,18", "3.1818")


def wijk_framework() -> ResultsFramework:
    micro = zrm.result(
        zrm.ZrmVersion.V2017,
        ["financien"],
        id="r-zelf",
        statement="Inwoners hebben grip op hun geld",
        targets=(Target(value=4, by=END),),
        conditions=("c-methode", "c-monitor"),
        contributes_to=("r-wijk",),
        responsible=("p-team",),
    )
    mean = Indicator(
        id="i-gemiddeld",
        name="Gemiddelde score financiën",
        measure=Measure.QUANTITY,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        baseline=Baseline(value=2, on=START),
        targets=(Target(value=3.5, by=END),),
        derived_from=Derivation(
            source="zrm2017-financien", aggregation=Aggregation.MEAN
        ),
    )
    debt = Indicator(
        id="i-schulden",
        name="Huishoudens met schulden",
        measure=Measure.QUANTITY,
        direction=Direction.DECREASE,
        question=Question.BETTER_OFF,
        unit="huishoudens",
        baseline=Baseline(value=500, on=START),
        targets=(Target(value=350, by=END),),
    )
    return ResultsFramework(
        id="wijkteam",
        name="Wijkteam Zeestad",
        agreement=Agreement(
            purpose="Inwoners redden zich beter",
            context="Vier wijken, één wijkteam",
            period=Period(start=START, end=END),
            means=(Means(description="Budget wijkteam", amount=Decimal(1250000)),),
            funding=FundingVariant.TASK_BASED,
        ),
        results=(
            micro,
            Result(
                id="r-wijk",
                statement="Wijken gaan vooruit",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                for_whom=(Stakeholder.NEIGHBOURHOOD,),
                indicators=(mean,),
                conditions=("c-monitor",),
                contributes_to=("r-stad",),
                responsible=("p-team",),
            ),
            Result(
                id="r-stad",
                statement="Minder schulden in de stad",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
                for_whom=(Stakeholder.SOCIETY,),
                indicators=(debt,),
                conditions=("c-team",),
                responsible=("p-gemeente",),
            ),
        ),
        conditions=(
            ProcessCondition(
                id="c-methode",
                name="Bewezen methodiek",
                kind=ConditionKind.PROVEN_METHOD,
                method=Method(
                    name="Schuldhulp",
                    recognition=Recognition.WELL_FOUNDED,
                    recognised_until=dt.date(2027, 1, 1),
                ),
                reassess_every=Cadence(months=6),
            ),
            ProcessCondition(
                id="c-monitor",
                name="Effectmonitoring",
                kind=ConditionKind.EFFECT_MONITORING,
                reassess_every=Cadence(months=6),
            ),
            ProcessCondition(
                id="c-team",
                name="Schuldteam op sterkte",
                kind=ConditionKind.RESOURCES,
                reassess_every=Cadence(months=3),
            ),
        ),
        cycles=(
            FeedbackCycle(
                id="kwartaal",
                name="Kwartaaloverleg",
                reports_to="p-gemeente",
                cadence=Cadence(months=3),
                starts_on=START,
            ),
        ),
        parties=(
            Party(id="p-gemeente", name="Gemeente Zeestad", role=Role.COMMISSIONER),
            Party(id="p-team", name="Wijkteam", role=Role.PROVIDER),
        ),
    )


def wijk_records() -> Records:
    facts: list[object] = [Subject(id="stad", level=Level.MACRO, name="Zeestad")]
    n = 0
    for hood, scores in SCORES.items():
        facts.append(
            Subject(id=hood, level=Level.MESO, part_of="stad", name=NAMES[hood])
        )
        for score in scores:
            n += 1
            rid = f"inw-{n:03d}"
            facts.append(Subject(id=rid, level=Level.MICRO, part_of=hood))
            for on, value in ((dt.date(2025, 1, 15), 2), (dt.date(2025, 6, 15), score)):
                facts += zrm.observations(
                    zrm.ZrmVersion.V2017, {"financien": value}, subject=rid, on=on
                )
    facts += [
        Observation(
            indicator="zrm2017-financien",
            subject="inw-001",  # noord: the same score, a day later, with a note
            on=dt.date(2025, 6, 16),
            value=3,
            note="Heeft weer overzicht over de post",
        ),
        Observation(indicator="i-schulden", subject="stad", on=START, value=500),
        Observation(
            indicator="i-schulden", subject="stad", on=dt.date(2025, 4, 1), value=480
        ),
        Observation(
            indicator="i-schulden",
            subject="stad",
            on=dt.date(2025, 7, 1),
            value=470,
            note="Telling van de kredietbank",
        ),
        ConditionAssessment(
            condition="c-methode",
            on=dt.date(2025, 4, 10),
            status=ConditionStatus.MET,
            note="Alle consulenten getraind",
        ),
        ConditionAssessment(
            condition="c-monitor",
            on=dt.date(2025, 5, 1),
            status=ConditionStatus.PARTLY_MET,
            note="Registratie nog onvolledig",
        ),
        Review(
            cycle="kwartaal",
            period=Q1,
            held_on=dt.date(2025, 4, 10),
            note="Goed gesprek over de wijken",
            decisions=(
                Decision(
                    kind=DecisionKind.ADJUST_APPROACH,
                    about=("i-gemiddeld",),
                    rationale="Meer huisbezoeken in Oost",
                    follow_up_by=dt.date(2025, 8, 15),
                ),
            ),
        ),
    ]
    return Records().add(facts)  # type: ignore[arg-type]


FW = wijk_framework()
RECS = wijk_records()


@pytest.fixture(scope="module")
def report() -> Report:
    return build_report(FW, RECS, AS_OF, cycle="kwartaal")


# -- what build_report gathers -----------------------------------------------------


def test_report_holds_the_evaluation_of_the_cycle_on_the_day(report: Report) -> None:
    # protected: nothing of a group too small to publish reaches a report
    assert report.evaluation == protect(evaluate(FW, RECS, AS_OF, cycle="kwartaal"))
    assert report.evaluation.protected
    assert report.as_of == AS_OF
    assert report.cycle == FW.cycle("kwartaal")
    assert report.min_group == 10


def test_default_period_is_the_last_one_ended_by_the_day(report: Report) -> None:
    # 10 July lies in Q3; the last quarter that ended by then is Q2.
    assert report.period == Q2
    assert report.agenda == agenda(FW, RECS, "kwartaal", Q2)


def test_default_period_is_the_first_while_it_runs() -> None:
    r = build_report(FW, RECS, dt.date(2025, 2, 1), cycle="kwartaal")
    assert r.period == Q1


def test_a_period_ending_on_the_day_is_the_one_reviewed() -> None:
    r = build_report(FW, RECS, Q2.end, cycle="kwartaal")
    assert r.period == Q2


def test_an_explicit_period_is_used() -> None:
    r = build_report(FW, RECS, AS_OF, cycle="kwartaal", period=Q1)
    assert r.period == Q1
    assert r.agenda == agenda(FW, RECS.as_of(AS_OF), "kwartaal", Q1)


def test_without_cycle_there_is_no_agenda() -> None:
    r = build_report(FW, RECS, AS_OF)
    assert r.agenda == ()
    assert r.cycle is None
    assert r.period is None
    assert r.notes_window == Period(start=START, end=AS_OF)


def test_facts_after_the_day_are_not_used() -> None:
    later = RECS.add(
        Observation(
            indicator="i-schulden",
            subject="stad",
            on=dt.date(2025, 8, 1),
            value=1,
            note="Later",
        )
    )
    assert build_report(FW, later, AS_OF) == build_report(FW, RECS, AS_OF)


def test_records_that_do_not_fit_are_refused() -> None:
    bad = RECS.add(
        Observation(indicator="nope", subject="stad", on=START, value=1),
    )
    with pytest.raises(InvalidRecords):
        build_report(FW, bad, AS_OF)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"framework": "fw"}, "framework"),
        ({"records": []}, "records"),
        ({"as_of": "2025-07-10"}, "as_of"),
        ({"as_of": dt.datetime(2025, 7, 10, 12, 0)}, "as_of"),  # noqa: DTZ001
        ({"cycle": 3}, "cycle"),
        ({"period": "Q1"}, "period"),
        ({"min_group": -1}, "min_group"),
        ({"min_group": True}, "min_group"),
        ({"include_observation_notes": "yes"}, "include_observation_notes"),
        ({"cycle": "kwartaal", "period": Period(start=START, end=START)}, "period"),
        ({"cycle": "kwartaal", "as_of": dt.date(2024, 12, 1)}, "as_of"),
    ],
)
def test_wrong_arguments_name_the_field(kwargs: dict[str, object], field: str) -> None:
    args: dict[str, object] = {"framework": FW, "records": RECS, "as_of": AS_OF}
    args |= kwargs
    with pytest.raises(InvalidValue) as info:
        build_report(**args)  # type: ignore[arg-type]
    assert info.value.field == field
    assert "expected" in str(info.value)


def test_an_unknown_cycle_is_an_unknown_id() -> None:
    with pytest.raises(UnknownId, match="cycle"):
        build_report(FW, RECS, AS_OF, cycle="maand")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"format": "pdf"}, "format"),
        ({"lang": "de"}, "lang"),
        ({"charts": "no"}, "charts"),
    ],
)
def test_render_refuses_unknown_format_or_language(
    report: Report, kwargs: dict[str, object], field: str
) -> None:
    with pytest.raises(InvalidValue) as info:
        render(report, **kwargs)  # type: ignore[arg-type]
    assert info.value.field == field


def test_render_refuses_what_is_not_a_report() -> None:
    with pytest.raises(InvalidValue, match="expected a Report"):
        render(FW)  # type: ignore[arg-type]


# -- what a report says ------------------------------------------------------------


def test_text_report_shows_the_agreement_results_and_figures(report: Report) -> None:
    text = render(report, "text", "en")
    for expected in (
        "Wijkteam Zeestad",
        "As of 10 July 2025",
        "Feedback cycle Kwartaaloverleg, period 1 April 2025 to 30 June 2025",
        "Inwoners redden zich beter",  # purpose
        "Vier wijken, één wijkteam",  # context
        "Budget wijkteam (€1,250,000.00)",  # means
        "Task-based",  # funding
        "Gemeente Zeestad (commissioner)",
        "Wijken gaan vooruit",
        "not sustained",  # r-wijk: noord achieved, c-monitor partly met
        "Bewezen methodiek",
        "Schuldhulp (Well founded)",
        "not assessed",  # c-team
    ):
        assert expected in text, expected


def test_meso_rows_show_baseline_expected_observed_and_target(report: Report) -> None:
    text = render(report, "text", "en")
    # 1 January to 31 December is 364 days; 10 July is day 190: the expected mean
    # is 2 + 1.5 * 190 / 364 = 2.7830 -> "2.8". Noord's mean 3.5 reaches the
    # target; Oost's 2.25 is (2.25 - 2) / 1.5 = 17% of the way against 52%.
    noord = next(line for line in text.splitlines() if " Noord " in line)
    assert noord.split()[-6:] == ["Noord", "2", "2.8", "3.5", "3.5", "achieved"]
    oost = next(line for line in text.splitlines() if " Oost " in line)
    assert oost.split()[-7:] == [
        "Oost",
        "2",
        "2.8",
        "2.25",
        "3.5",
        "behind",
        "schedule",
    ]


def test_micro_rows_show_residents_together(report: Report) -> None:
    text = render(report, "text", "en")
    # 40 residents, each from 2 towards 4: progress (score - 2) / 2, the mean of
    # (7*0.5 + 7*1) + (9*0 + 3*0.5) + (9*0.5 + 2*1) + (1.5 + 1.5 + 1) over 40 =
    # (10.5 + 1.5 + 6.5 + 4) / 40 = 22.5 / 40 = 56%; expected 190 / 364 = 52%
    # (each resident's baseline is their first score, 15 January: (190 - 14) /
    # (364 - 14) = 50%).
    row = next(line for line in text.splitlines() if "40 residents" in line)
    assert "progress 50%" in row
    assert "progress 56%" in row
    # 12 reach 4 (7 in noord, 2 in zuid, 3 in west), 9 are behind schedule, 19 on
    # track: 9 is fewer than 10 and would follow from 40 - 12 - 19, so the
    # smallest other count, 12, is withheld with it: together 21.
    assert "on track 19" in text
    assert "achieved / behind schedule together 21 (each" in text
    assert "achieved 12" not in text


def test_deviations_both_ways_are_listed(report: Report) -> None:
    text = render(report, "text", "en")
    behind = text.split("Behind the trajectory")[1].split("Ahead of the trajectory")[0]
    ahead = text.split("Ahead of the trajectory")[1].split("Agenda")[0]
    # Debts: 470 is (500 - 470) / 150 = 20% of the way, 52% expected: -32%.
    assert "Huishoudens met schulden" in behind
    assert "-32 pp" in behind
    # Oost: 0.1667 against 190 / 364 = 0.5220: -0.3553, "-36%". Noord: 1 against
    # 0.5220: +48%.
    assert "Oost" in behind
    assert "-36 pp" in behind
    assert "Noord" in ahead
    assert "+48 pp" in ahead


def test_agenda_section_lists_each_item_with_suggestions(report: Report) -> None:
    text = render(report, "text", "en")
    section = text.split("\nAgenda\n")[1].split("The stories behind the numbers")[0]
    section = " ".join(section.split())
    assert "What the review of 1 April 2025 to 30 June 2025 must decide on." in section
    # The decision of Q1's review is to be followed up by 15 August: in Q3, so
    # not on Q2's agenda.
    assert AgendaReason.FOLLOW_UP not in {item.reason for item in report.agenda}
    md = render(report, "markdown", "en")
    rows = md.split("\n## Agenda\n")[1].split("\n## ")[0]
    for item in report.agenda:
        assert f"| {resultframe.labels.label(item.reason, 'en')} |" in rows


def test_stories_include_reviews_decisions_and_assessments(report: Report) -> None:
    # The notes of Q2 up to the day: the review of Q1 was held on 10 April.
    assert [(n.kind, n.on) for n in report.notes] == [
        (NoteKind.REVIEW, dt.date(2025, 4, 10)),
        (NoteKind.DECISION, dt.date(2025, 4, 10)),
        (NoteKind.ASSESSMENT, dt.date(2025, 4, 10)),
        (NoteKind.ASSESSMENT, dt.date(2025, 5, 1)),
    ]
    early = build_report(FW, RECS, dt.date(2025, 4, 9), cycle="kwartaal")
    assert [n.kind for n in early.notes] == []  # Q1's notes: none by then
    text = " ".join(render(report, "text", "en").split())
    assert "Goed gesprek over de wijken" in text
    assert "Meer huisbezoeken in Oost (follow up by 15 August 2025)" in text
    assert "Registratie nog onvolledig" in text
    assert "Notes on observations are left out" in text
    assert "Telling van de kredietbank" not in text
    assert "overzicht over de post" not in text


def test_observation_notes_only_on_request_and_never_with_a_resident() -> None:
    r = build_report(FW, RECS, AS_OF, include_observation_notes=True)
    observed = [n for n in r.notes if n.kind is NoteKind.OBSERVATION]
    assert {(n.about, n.subject, n.text) for n in observed} == {
        (("zrm2017-financien",), None, "Heeft weer overzicht over de post"),
        (("i-schulden",), "stad", "Telling van de kredietbank"),
    }
    for fmt in FORMATS:
        out = render(r, fmt, "en", charts=False)
        assert "overzicht over de post" in out
        assert "inw-001" not in out


def test_identical_observation_notes_are_merged_with_a_count() -> None:
    same = [
        Observation(
            indicator="zrm2017-financien",
            subject=f"inw-{i:03d}",
            on=dt.date(2025, 6, 20),
            value=3,
            note="Budgetcursus gevolgd",
        )
        for i in (2, 3, 4)
    ]
    r = build_report(FW, RECS.add(same), AS_OF, include_observation_notes=True)
    merged = [n for n in r.notes if n.text == "Budgetcursus gevolgd"]
    assert [(n.count, n.subject) for n in merged] == [(3, None)]
    assert "(3 times)" in render(r, "text", "en")


# -- privacy -----------------------------------------------------------------------


def test_suppressed_groups_are_shown_as_suppressed_never_as_values(
    report: Report,
) -> None:
    for fmt in FORMATS:
        for lang in ("en", "nl"):
            out = render(report, fmt, lang, charts=fmt == "json")
            for hidden in HIDDEN:
                assert hidden not in out, (fmt, lang, hidden)
    drawn = render(report, "html", "nl")  # the charts' SVG too
    assert "<svg" in drawn
    for hidden in HIDDEN:
        assert hidden not in drawn
    text = render(report, "text", "en")
    for hood in ("West", "Zuid"):
        row = next(line for line in text.splitlines() if f" {hood} " in line)
        assert "suppressed" in row
    # Without suppression the same rows show the means: the check above bites.
    everything = render(build_report(FW, RECS, AS_OF, min_group=0), "text", "en")
    assert "4.67" in everything
    assert "3.18" in everything


def test_no_resident_id_appears_in_any_format(report: Report) -> None:
    for fmt in FORMATS:
        out = render(report, fmt, "nl", charts=fmt == "json")
        assert not re.search(r"inw-\d", out), fmt


def test_micro_figures_of_too_few_residents_are_withheld() -> None:
    # 40 residents are fewer than 50: counts and progress are withheld; every
    # neighbourhood (at most 14) is suppressed.
    r = build_report(FW, RECS, AS_OF, min_group=50)
    text = render(r, "text", "en")
    assert "figures withheld: fewer than 50" in text
    assert "40 residents" not in text
    assert "progress 56%" not in text
    doc = json.loads(render(r, "json", "en"))
    micro = doc["results"][0]["indicators"][0]
    assert micro["withheld"] is True
    assert micro["counts"] == {}
    assert micro["progress"] is None
    assert doc["evaluation"]["results"][0]["indicators"][0]["counts"] == []
    withheld = doc["evaluation"]["results"][0]["indicators"][0]
    assert withheld.get("progress") is None
    assert withheld["suppressed"] is True
    assert withheld["status"] == "no_data"
    assert doc["evaluation"]["protected"] is True
    micro_deviations = [
        d for d in doc["evaluation"]["deviations"] if d["subject"] is None
    ]
    assert all(d["progress"] is None for d in micro_deviations)


def test_agenda_figures_of_groups_below_the_report_threshold_are_withheld() -> None:
    # The agenda judges with the default threshold of 10: Oost (12 residents) is
    # on it. A report for groups of 13 or more withholds Oost's figures.
    r = build_report(FW, RECS, AS_OF, cycle="kwartaal", min_group=13)
    oost = [
        (item, hidden)
        for item, hidden in zip(r.agenda, r.agenda_withheld, strict=True)
        if item.subject == "oost"
    ]
    assert oost
    assert all(hidden for _, hidden in oost)
    doc = json.loads(render(r, "json", "en", charts=False))
    for entry in doc["agenda"]:
        assert entry["subject"] != "oost"
    section = render(r, "text", "en").split("\nAgenda\n")[1]
    assert "Oost" not in section.split("The stories behind the numbers")[0]


# -- formats -----------------------------------------------------------------------


class _Checker(html.parser.HTMLParser):
    """Collects what an HTML document asks for, and checks its tags balance."""

    VOID = frozenset({"meta", "br", "hr", "img", "link", "input", "col", "area"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: set[str] = set()
        self.problems: list[str] = []
        self.urls: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        for name, value in attrs:
            if name in {"src", "href", "xlink:href", "action", "srcset", "data"}:
                self.urls.append(value or "")
            if value and "url(" in value:
                self.urls.append(value)
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in self.VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes <{self.stack[-1:]}>")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(document: str) -> _Checker:
    checker = _Checker()
    checker.feed(document)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    return checker


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fail on any attempt to open a connection or a URL."""
    attempts: list[str] = []

    def refuse(*args: object, **kwargs: object) -> None:
        attempts.append(repr(args))
        msg = "network use during rendering"
        raise AssertionError(msg)

    class NoSocket(socket.socket):
        def __init__(self, *args: object, **kwargs: object) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def test_html_is_one_self_contained_file_with_svg_charts(
    report: Report, no_network: list[str]
) -> None:
    document = render(report, "html", "en")
    assert no_network == []
    checker = parse_html(document)
    assert document.startswith("<!DOCTYPE html>")
    assert "svg" in checker.tags
    # One chart per result: the distribution of residents, the neighbourhoods
    # compared and Wijken over time, Schulden over time.
    assert document.count("<svg") == 4
    assert checker.urls == []
    assert "script" not in checker.tags
    assert "link" not in checker.tags
    assert "@import" not in document
    assert not re.search(r"url\(\s*['\"]?(?!#)", document)
    assert "default-src 'none'" in document
    assert not re.search(r"https?://", document)


def test_html_without_the_report_extra_says_how_to_get_charts(
    report: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "vl_convert", None)  # import fails
    document = render(report, "html", "nl")
    parse_html(document)
    assert "<svg" not in document
    assert "python -m pip install vl-convert-python" in document
    with pytest.raises(MissingExtra, match=r"pip install 'resultframe\[report\]'"):
        charts.to_svg({"mark": "bar"})
    with pytest.raises(ImportError):
        charts.to_svg({"mark": "bar"})
    with pytest.raises(ResultframeError):
        charts.to_svg({"mark": "bar"})


def test_markdown_has_github_tables(report: Report) -> None:
    md = render(report, "markdown", "en")
    assert md.startswith("# Wijkteam Zeestad\n")
    assert (
        "| Indicator | Group | Baseline | Expected | Observed | Target | Status |" in md
    )
    assert "| --- | --- | ---: | ---: | ---: | ---: | --- |" in md
    assert (
        "| Gemiddelde score financiën | Noord | 2 | 2.8 | 3.5 | 3.5 | achieved |" in md
    )
    # Every row of a table has as many cells as its header.
    width = 0
    for line in md.splitlines():
        cells = line.count(" | ") if line.startswith("| ") else 0
        width = width or cells
        assert cells in {0, width}, line
        if not cells:
            width = 0


def test_json_is_a_versioned_document_of_plain_data(report: Report) -> None:
    doc = json.loads(render(report, "json", "en"))
    assert doc["format"] == "resultframe/report"
    assert doc["version"] == 1
    assert doc["as_of"] == "2025-07-10"
    assert doc["period"] == {"start": "2025-04-01", "end": "2025-06-30"}
    assert doc["evaluation"]["format"] == "resultframe/evaluation"
    assert doc["summary"]["verdicts"] == {
        v.value: n for v, n in report.evaluation.verdicts
    }
    hood = doc["results"][1]["indicators"][0]["groups"]
    assert [(g["name"], g["observed"], g["suppressed"]) for g in hood] == [
        ("Noord", 3.5, False),
        ("Oost", 2.25, False),
        ("West", None, True),
        ("Zuid", None, True),
    ]
    assert {c["title"] for c in doc["charts"]} == {
        "Distribution over statuses: Inwoners hebben grip op hun geld",
        "Gemiddelde score financiën per group",
        "Gemiddelde score financiën over time",
        "Huishoudens met schulden over time",
    }
    assert len(doc["agenda"]) == len(report.agenda)


def test_dutch_and_english_say_the_same_in_their_own_words(report: Report) -> None:
    for fmt in ("text", "markdown", "html"):
        en = render(report, fmt, "en", charts=False)
        nl = render(report, fmt, "nl", charts=False)
        assert en != nl
        for heading in (
            "summary",
            "agreement",
            "results",
            "deviations",
            "agenda",
            "notes",
        ):
            assert PHRASES[heading][0] in en
            assert PHRASES[heading][1] in nl


def _fragments(template: str) -> list[str]:
    """The fixed words of a phrase: what is left between its placeholders."""
    parts = re.split(r"\{[a-z_]+\}", template)
    return [p.strip(" .,:;()'") for p in parts if re.search(r"[A-Za-z]{4}", p)]


def test_no_english_phrase_appears_in_the_dutch_report(report: Report) -> None:
    outputs = {fmt: render(report, fmt, "nl", charts=fmt == "json") for fmt in FORMATS}
    outputs["html-charts"] = render(report, "html", "nl")
    for key, (en, nl) in PHRASES.items():
        if en == nl:
            continue
        for fragment in _fragments(en):
            if fragment.lower() in nl.lower():
                continue
            pattern = re.compile(rf"(?<![\w-]){re.escape(fragment)}(?![\w-])")
            for fmt, out in outputs.items():
                words = "\n".join(_words(json.loads(out))) if fmt == "json" else out
                assert not pattern.search(words), (key, fragment, fmt)


# Where a JSON report holds text for people; the rest are codes ("ahead").
_CHART_WORDS = frozenset(
    {"text", "title", "description", "subtitle", "status", "label", "what"}
)


def _words(
    data: object, key: str = "", words: frozenset[str] = frozenset()
) -> list[str]:
    """The strings of JSON data meant for people: texts, labels, chart words."""
    if isinstance(data, str):
        return [data] if key in words | {"text"} or key.endswith("_label") else []
    if isinstance(data, list):
        return [s for item in data for s in _words(item, key, words)]
    if isinstance(data, dict):
        return [
            s
            for k, v in data.items()
            for s in _words(v, k, _CHART_WORDS if k == "charts" else words)
        ]
    return []


def test_every_phrase_exists_in_both_languages() -> None:
    for key, pair in PHRASES.items():
        en, nl = pair
        assert en.strip()
        assert nl.strip()
        assert sorted(re.findall(r"\{\w+\}", en)) == sorted(
            re.findall(r"\{\w+\}", nl)
        ), key


# -- agendas and lint on their own -----------------------------------------------


def test_render_agenda_in_every_format() -> None:
    items = agenda(FW, RECS, "kwartaal", Q2)
    text = render_agenda(FW, items, "text", "nl", period=Q2)
    assert text.startswith("Agenda\n======\n")
    assert "Waarover de terugkoppeling van 1 april 2025 tot en met 30 juni 2025" in text
    assert "achter op schema" in text
    doc = json.loads(render_agenda(FW, items, "json", "en", period=Q2))
    assert doc["format"] == "resultframe/agenda"
    assert [e["reason"] for e in doc["items"]] == [i.reason.value for i in items]
    assert all(e["text"] for e in doc["items"])
    parse_html(render_agenda(FW, items, "html", "en"))
    md = render_agenda(FW, (), "markdown", "en")
    assert "Nothing on the agenda." in md


def test_render_agenda_withholds_micro_figures_of_few_residents() -> None:
    # On 30 September the residents are expected (272 - 14) / 350 = 74% of the
    # way and are 56%: 40 residents behind.
    q3 = Period(start=dt.date(2025, 7, 1), end=dt.date(2025, 9, 30))
    items = agenda(FW, RECS, "kwartaal", q3)
    micro = [i for i in items if i.deviation is not None and i.subject is None]
    assert micro
    shown = render_agenda(FW, micro, "markdown", "en", min_group=10)
    hidden = render_agenda(FW, micro, "markdown", "en", min_group=41)
    assert "40 residents" in shown
    assert "40 residents" not in hidden
    assert "figures withheld (a group of fewer than 41)" in hidden


def test_render_agenda_checks_its_arguments() -> None:
    with pytest.raises(InvalidValue, match="items"):
        render_agenda(FW, "items")  # type: ignore[arg-type]
    with pytest.raises(InvalidValue, match=r"items\[0\]"):
        render_agenda(FW, [1])  # type: ignore[list-item]
    with pytest.raises(InvalidValue, match="framework"):
        render_agenda(None, ())  # type: ignore[arg-type]


def test_render_lint_in_both_languages() -> None:
    bare = ResultsFramework(
        id="kaal",
        name="Kaal",
        agreement=Agreement(purpose="", period=Period(start=START, end=END)),
    )
    advice = lint(bare)
    en = render_lint(advice, "text", "en")
    nl = render_lint(advice, "text", "nl")
    assert "Advice on the framework" in en
    assert "Adviezen over het resultatenkader" in nl
    for a in advice:
        assert a.code in en
        assert a.message("nl")[:30] in " ".join(nl.split())
    doc = json.loads(render_lint(advice, "json", "nl"))
    assert [x["code"] for x in doc["advice"]] == [a.code for a in advice]
    assert doc["advice"][0]["message"] == advice[0].message_nl
    assert "No advice" in render_lint((), "markdown", "en")
    parse_html(render_lint(advice, "html", "nl"))
    with pytest.raises(InvalidValue, match=r"advice\[0\]"):
        render_lint(["RF101"])  # type: ignore[list-item]
