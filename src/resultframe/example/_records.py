"""Synthetic records of the example: 3,000 residents in four neighbourhoods.

No real person's data: every resident is drawn from a seeded
:class:`random.Random`, known only by a made-up pseudonym (``inw-00001``, never a
number that could be a BSN), and the stories in the notes are invented. The same
seed gives the same records, fact for fact.

The draws are tuned so that the demo shows every kind of outcome: ZRM domains on
track, ahead and behind, neighbourhoods ahead and behind, a condition not met and
one partly met, a small age group that is suppressed, follow-ups falling due.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.example._framework import (
    AS_OF,
    BASELINE_DAY,
    CYCLE,
    GAS_GOALS,
    MUNICIPALITY,
    NEIGHBOURHOODS,
    ZRM_DOMAINS,
)
from resultframe.model import (
    Baseline,
    ConditionAssessment,
    ConditionStatus,
    Decision,
    DecisionKind,
    Goal,
    Level,
    Records,
    Review,
    Subject,
    Target,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

    from resultframe.model import ResultsFramework, Value

__all__ = ["SEED", "build_records"]

SEED: Final = 20250101
"""The seed of the draws."""

RESIDENTS: Final = {
    "wijk-centrum": 1050,
    "wijk-noord": 850,
    "wijk-oost": 750,
    "wijk-het-veld": 350,
}
"""How many residents each neighbourhood's wijkteam supports (3,000 in all)."""

AGE_GROUPS: Final = ("18-26", "27-44", "45-66", "67+")
_AGE_WEIGHTS: Final = {
    "wijk-centrum": (18, 34, 30, 18),
    "wijk-noord": (12, 30, 34, 24),
    "wijk-oost": (16, 36, 32, 16),
    # A village with few young adults: their group is too small to publish.
    "wijk-het-veld": (1.5, 22, 38, 38.5),
}

# Chance per quarter that a domain score goes up / down a point.
_UP: Final = {
    "financien": 0.34,
    "huisvesting": 0.09,
    "geestelijke-gezondheid": 0.27,
    "sociaal-netwerk": 0.42,
    "maatschappelijke-participatie": 0.25,
}
_DOWN: Final = 0.05
# How much faster (or slower) finances improve in each neighbourhood.
_FINANCES: Final = {
    "wijk-centrum": 1.12,
    "wijk-noord": 1.5,
    "wijk-oost": 0.8,
    "wijk-het-veld": 1.15,
}
_DISCUSSED: Final = {
    "financien": 0.75,
    "huisvesting": 0.4,
    "geestelijke-gezondheid": 0.45,
    "sociaal-netwerk": 0.45,
    "maatschappelijke-participatie": 0.4,
}
_SOURCE_ZRM: Final = "wijkteam registration"

_BETTER: Final = {
    "financien": (
        "Payment arrangement with the energy company",
        "Debts handed over to debt counselling; income now stable",
        "Applied for the allowance they were entitled to",
    ),
    "huisvesting": (
        "Moved to a social rental home through the urgency desk",
        "Eviction averted with the housing corporation",
    ),
    "geestelijke-gezondheid": (
        "Started with the practice nurse for mental health",
        "Sleeps better since the debts are settled",
    ),
    "sociaal-netwerk": (
        "Joined the walking group at the community centre",
        "Sister helps with the administration again",
        "Buddy from the volunteers' organisation",
    ),
    "maatschappelijke-participatie": (
        "Volunteers two mornings a week at the food bank",
        "Started a work-experience place",
    ),
}
_WORSE: Final = {
    "financien": ("New arrears after the job ended",),
    "huisvesting": (
        "On the waiting list for social housing; urgency refused",
        "Staying with friends since the landlord sold the house",
    ),
    "geestelijke-gezondheid": ("Waiting list for specialised mental health care",),
    "sociaal-netwerk": ("Partner left; little contact with family",),
    "maatschappelijke-participatie": ("Lost the day-time activity after moving",),
}
_GOALS: Final = (
    "Pays the rent on time every month",
    "Has an overview of income and expenses",
    "Goes to the day-time activity three times a week",
    "Has someone to call when things go wrong",
    "Children go to school every day",
    "Keeps the house clean and safe",
    "Has a job or a work-experience place",
    "Cooks a hot meal most days",
    "Handles the post without help",
    "Visits the GP when needed",
)

_STORIES: Final = {
    "wijk-centrum": (
        "Many new residents in rented rooms; GP office hours show debts earlier.",
        "The urgency desk with the housing corporation works: two families stayed.",
        "Waiting times grew with the approval rules; residents come back worse off.",
    ),
    "wijk-noord": (
        "The budget café in the community centre draws twenty residents a week.",
        "Volunteers from the budget café now help neighbours with the post.",
        "Budget café and walking group run by residents themselves; we step back.",
    ),
    "wijk-oost": (
        "Two professionals left; waiting list of six weeks for a first talk.",
        "Caseload still high; we only see the most urgent cases.",
        "One vacancy filled; the backlog of ZRM scores is almost gone.",
    ),
    "wijk-het-veld": (
        "Small village, everyone knows us; few young adults ask for help.",
        "The village council helps to find volunteers for transport.",
        "Loneliness among older residents is the main theme this half year.",
    ),
}
_STORY_DAYS: Final = (dt.date(2025, 6, 30), dt.date(2025, 12, 31), dt.date(2026, 6, 30))

# Wmo customised arrangements per 10,000 inhabitants, each quarter's last day.
_MAATWERK: Final = (
    (dt.date(2024, 12, 31), 620),
    (dt.date(2025, 3, 31), 618),
    (dt.date(2025, 6, 30), 613),
    (dt.date(2025, 9, 30), 607),
    (dt.date(2025, 12, 31), 601),
    (dt.date(2026, 3, 31), 596),
    (dt.date(2026, 6, 30), 590),
    (dt.date(2026, 9, 30), 585),
)
# Share of residents satisfied with the support (quarterly pulse survey).
_SATISFIED: Final = {
    "wijk-centrum": (75, 76, 77, 78, 77, 78, 78),
    "wijk-noord": (76, 78, 79, 80, 81, 82, 83),
    "wijk-oost": (74, 75, 74, 75, 76, 75, 75),
    "wijk-het-veld": (78, 78, 79, 79, 80, 80, 81),
}
_SURVEY_DAYS: Final = (
    dt.date(2025, 3, 31),
    dt.date(2025, 6, 30),
    dt.date(2025, 9, 30),
    dt.date(2025, 12, 31),
    dt.date(2026, 3, 31),
    dt.date(2026, 6, 30),
    dt.date(2026, 9, 30),
)


class _Columns:
    """Observation columns, filled row by row (fed to Records.from_columns)."""

    def __init__(self) -> None:
        self.indicator: list[str] = []
        self.subject: list[str] = []
        self.on: list[dt.date] = []
        self.value: list[Value] = []
        self.note: list[str] = []
        self.source: list[str] = []

    def add(  # noqa: PLR0913
        self,
        indicator: str,
        subject: str,
        on: dt.date,
        value: Value,
        *,
        note: str = "",
        source: str = "",
    ) -> None:
        self.indicator.append(indicator)
        self.subject.append(subject)
        self.on.append(on)
        self.value.append(value)
        self.note.append(note)
        self.source.append(source)


def _days(rng: random.Random) -> list[dt.date]:
    """The days a resident is scored: intake, then about every quarter."""
    first = BASELINE_DAY.toordinal() - 91
    if rng.random() < 0.2:  # already supported at the zero measurement
        intake = first + rng.randrange(91)
    else:
        intake = (
            BASELINE_DAY.toordinal()
            + 1
            + rng.randrange(AS_OF.toordinal() - 60 - BASELINE_DAY.toordinal())
        )
    visits = rng.randint(3, 8)  # the case closes after the last one
    days = [intake]
    while len(days) < visits:
        nxt = days[-1] + 91 + rng.randint(-12, 12)
        if nxt > AS_OF.toordinal():
            break
        days.append(nxt)
    return [dt.date.fromordinal(d) for d in days]


def _zrm(
    rng: random.Random, cols: _Columns, pid: str, hood: str, days: list[dt.date]
) -> None:
    discussed = [d for d in ZRM_DOMAINS if rng.random() < _DISCUSSED[d]]
    if not discussed:
        discussed = ["financien"]
    for domain in discussed:
        indicator = f"zrm2017-{domain}"
        up = _UP[domain] * (_FINANCES[hood] if domain == "financien" else 1.0)
        score = rng.choices((1, 2, 3, 4), weights=(2, 6, 5, 1))[0]
        previous = score
        for i, day in enumerate(days):
            if i:
                draw = rng.random()
                if draw < (up if score < 4 else up / 3):
                    score = min(5, score + 1)
                elif draw > 1 - _DOWN:
                    score = max(1, score - 1)
            note = ""
            if i and score != previous and rng.random() < 0.08:
                stories = _BETTER if score > previous else _WORSE
                note = rng.choice(stories[domain])
            cols.add(indicator, pid, day, score, note=note, source=_SOURCE_ZRM)
            previous = score


def _gas(
    rng: random.Random,
    cols: _Columns,
    goals: list[Goal],
    pid: str,
    days: list[dt.date],
) -> None:
    n = rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
    chosen = rng.sample(_GOALS, n)
    for slot in range(1, min(n, GAS_GOALS) + 1):
        indicator = f"gas-goal-{slot}"
        intake = days[0]
        goals.append(
            Goal(
                subject=pid,
                indicator=indicator,
                baseline=Baseline(value=-1, on=intake),
                target=Target(
                    value=0,
                    by=intake + dt.timedelta(days=rng.choice((182, 273, 365))),
                    note=chosen[slot - 1],  # what the goal is, in the plan's words
                ),
            )
        )
        level = -1
        cols.add(indicator, pid, intake, level)
        for day in days[1:]:
            draw = rng.random()
            if level < 0 and draw < 0.42:
                level += 1
            elif level >= 0 and draw < 0.2:
                level = min(2, level + 1)
            elif draw > 0.95:
                level = max(-3, level - 1)
            cols.add(indicator, pid, day, level)


def _residents(rng: random.Random, cols: _Columns) -> tuple[list[Subject], list[Goal]]:
    subjects: list[Subject] = []
    goals: list[Goal] = []
    number = 0
    for hood, count in RESIDENTS.items():
        for _ in range(count):
            number += 1
            pid = f"inw-{number:05d}"
            age = rng.choices(AGE_GROUPS, weights=_AGE_WEIGHTS[hood])[0]
            subjects.append(
                Subject(
                    id=pid,
                    level=Level.MICRO,
                    part_of=hood,
                    dimensions=frozenset({("leeftijd", age)}),
                )
            )
            days = _days(rng)
            _zrm(rng, cols, pid, hood, days)
            _gas(rng, cols, goals, pid, days)
    return subjects, goals


def _places(cols: _Columns) -> list[Subject]:
    subjects = [Subject(id=MUNICIPALITY, level=Level.MACRO, name="Voorbeeldstad")]
    for hood, name in NEIGHBOURHOODS.items():
        subjects.append(
            Subject(id=hood, level=Level.MESO, name=name, part_of=MUNICIPALITY)
        )
        for day, value in zip(_SURVEY_DAYS, _SATISFIED[hood], strict=True):
            cols.add("wijk-tevredenheid", hood, day, value, source="pulse survey")
        for day, story in zip(_STORY_DAYS, _STORIES[hood], strict=True):
            cols.add("wijk-verhaal", hood, day, story, source="wijkteam")
    for day, value in _MAATWERK:
        cols.add(
            "maatwerk-per-10k",
            MUNICIPALITY,
            day,
            value,
            source="CBS-like statistics (synthetic)",
        )
    return subjects


def _assessments() -> list[ConditionAssessment]:
    met, partly, not_met = (
        ConditionStatus.MET,
        ConditionStatus.PARTLY_MET,
        ConditionStatus.NOT_MET,
    )
    rows: list[tuple[str, dt.date, ConditionStatus, str, str]] = [
        ("c-methode", dt.date(2025, 1, 15), met, "", "gemeente"),
        (
            "c-methode",
            dt.date(2026, 1, 20),
            met,
            "Fidelity audit: 11 of 12 teams work by the method",
            "gemeente",
        ),
        ("c-kwaliteit", dt.date(2025, 1, 15), met, "", "gemeente"),
        ("c-kwaliteit", dt.date(2025, 7, 10), met, "", "gemeente"),
        ("c-kwaliteit", dt.date(2026, 1, 20), met, "", "gemeente"),
        ("c-kwaliteit", dt.date(2026, 7, 8), met, "", "gemeente"),
        (
            "c-deskundigheid",
            dt.date(2025, 2, 3),
            partly,
            "6 new professionals not trained yet",
            "wijkteams",
        ),
        ("c-deskundigheid", dt.date(2025, 9, 1), met, "", "wijkteams"),
        ("c-deskundigheid", dt.date(2026, 9, 1), met, "", "wijkteams"),
        ("c-mandaat", dt.date(2025, 1, 15), met, "", "gemeente"),
        ("c-mandaat", dt.date(2025, 7, 10), met, "", "gemeente"),
        (
            "c-mandaat",
            dt.date(2026, 1, 20),
            partly,
            "New procurement rules: approval needed above EUR 1,500",
            "gemeente",
        ),
        (
            "c-mandaat",
            dt.date(2026, 7, 8),
            not_met,
            "Approval needed above EUR 500 since May; teams wait three weeks",
            "gemeente",
        ),
        (
            "c-zelfsturing",
            dt.date(2025, 3, 3),
            partly,
            "Two teams still plan top-down",
            "wijkteams",
        ),
        ("c-zelfsturing", dt.date(2025, 9, 1), met, "", "wijkteams"),
        ("c-zelfsturing", dt.date(2026, 3, 2), met, "", "wijkteams"),
        ("c-zelfsturing", dt.date(2026, 9, 1), met, "", "wijkteams"),
        ("c-samenwerking", dt.date(2025, 3, 3), met, "", "gemeente"),
        (
            "c-samenwerking",
            dt.date(2026, 3, 2),
            met,
            "Covenant renewed; GP practices in all four neighbourhoods take part",
            "gemeente",
        ),
    ]
    for quarter, day in enumerate(
        (
            dt.date(2025, 1, 10),
            dt.date(2025, 4, 10),
            dt.date(2025, 7, 10),
            dt.date(2025, 10, 10),
            dt.date(2026, 1, 12),
            dt.date(2026, 4, 10),
            dt.date(2026, 7, 10),
        )
    ):
        monitoring = (
            (partly, "82% of open cases scored on time") if quarter == 1 else (met, "")
        )
        rows.append(("c-zrm-meting", day, *monitoring, "wijkteams"))
        resources = (
            (partly, "41 cases per FTE in Oost; two vacancies")
            if quarter >= 5
            else (met, "")
        )
        rows.append(("c-formatie", day, *resources, "wijkteams"))
    return [
        ConditionAssessment(
            condition=c, on=on, status=status, note=note, assessed_by=by
        )
        for c, on, status, note, by in rows
    ]


def _reviews(framework: ResultsFramework, fingerprint: str) -> list[Review]:
    cycle = framework.cycle(CYCLE)
    periods = cycle.periods(until=AS_OF)[:-1]  # the last one is yet to be reviewed
    decisions: list[tuple[Decision, ...]] = [
        (
            Decision(
                kind=DecisionKind.ADJUST_CONDITIONS,
                about=("c-zrm-meting",),
                rationale="Not every intake is scored: add the ZRM to the intake form",
                follow_up_by=dt.date(2025, 9, 30),
            ),
        ),
        (Decision(kind=DecisionKind.CONTINUE, rationale="On course"),),
        (
            Decision(
                kind=DecisionKind.ADJUST_APPROACH,
                about=("zrm2017-huisvesting",),
                rationale="Housing lags behind: start an urgency desk with the "
                "housing corporations",
                follow_up_by=dt.date(2026, 3, 31),
            ),
        ),
        (
            Decision(
                kind=DecisionKind.SPREAD_SUCCESS,
                about=("maatwerk-per-10k",),
                rationale="Office hours in GP practices prevent customised support: "
                "open them in every practice",
                follow_up_by=dt.date(2026, 6, 30),
            ),
            Decision(kind=DecisionKind.CONTINUE, about=("inwoner-doelen",)),
        ),
        (
            Decision(
                kind=DecisionKind.ESCALATE,
                about=("c-mandaat",),
                rationale="The new approval rules slow the teams down: to the alderman",
                follow_up_by=dt.date(2026, 9, 15),
            ),
        ),
        (
            Decision(
                kind=DecisionKind.ADJUST_CONDITIONS,
                about=("c-formatie",),
                rationale="Fill the two vacancies in Oost before the autumn",
                follow_up_by=dt.date(2026, 9, 30),
            ),
            Decision(
                kind=DecisionKind.ADJUST_APPROACH,
                about=("wijk-financien-voldoende",),
                rationale="Oost lags behind on finances: the budget café of Noord "
                "starts in Oost too",
                follow_up_by=dt.date(2026, 12, 31),
            ),
        ),
    ]
    notes = (
        "First quarter: intake of the residents who were already supported.",
        "",
        "Housing is the domain where residents do not move forward.",
        "A good year; the GP office hours are a success.",
        "Concerns about the mandate of the teams.",
        "Caseload in Oost too high.",
    )
    return [
        Review(
            cycle=CYCLE,
            period=period,
            held_on=period.end + dt.timedelta(days=21),
            decisions=decided,
            note=note,
            framework_fingerprint=fingerprint,
        )
        for period, decided, note in zip(periods, decisions, notes, strict=True)
    ]


def build_records(
    framework: ResultsFramework,
    fingerprint: str,
    texts: Mapping[str, str] | None = None,
) -> Records:
    """Draw the example's records (deterministic: the same every time).

    With *texts* (English text to its translation), every note, story and
    source is written in that language; the draws, ids and numbers stay.
    """
    rng = random.Random(SEED)  # noqa: S311 - synthetic data, not security
    cols = _Columns()
    subjects, goals = _residents(rng, cols)
    subjects += _places(cols)
    assessments = _assessments()
    reviews = _reviews(framework, fingerprint)
    if texts is not None:

        def t(text: str) -> str:
            return texts.get(text, text)

        cols.note = [t(x) for x in cols.note]
        cols.source = [t(x) for x in cols.source]
        cols.value = [t(x) if isinstance(x, str) else x for x in cols.value]
        goals = [
            attrs.evolve(g, target=attrs.evolve(g.target, note=t(g.target.note)))
            for g in goals
        ]
        assessments = [attrs.evolve(a, note=t(a.note)) for a in assessments]
        reviews = [
            attrs.evolve(
                r,
                note=t(r.note),
                decisions=tuple(
                    attrs.evolve(d, rationale=t(d.rationale)) for d in r.decisions
                ),
            )
            for r in reviews
        ]
    return Records.from_columns(
        indicator=cols.indicator,
        subject=cols.subject,
        on=cols.on,
        value=cols.value,
        note=cols.note,
        source=cols.source,
        subjects=subjects,
        goals=goals,
        assessments=assessments,
        reviews=reviews,
    )
