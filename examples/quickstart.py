"""A small but realistic results framework, with synthetic records, end to end.

The fictional municipality of Voorbeeldstad agrees with its neighbourhood teams
(wijkteams) on results about money problems ("Grip op geld") on three levels:

- micro: residents regain grip on their finances (a ZRM-like 1-5 score, a payment
  arrangement, coaching contacts);
- meso: in each neighbourhood fewer households live with unmanageable debts
  (indicators derived from the micro scores);
- macro: fewer inhabitants depend on income support (bijstand).

The script builds the framework, makes synthetic records for a few hundred
pseudonymous residents in two neighbourhoods (no real person data; the random
generator is seeded, so every run prints the same), checks the records against
the framework and evaluates it with :func:`resultframe.evaluate`: a verdict per
result, the status of every indicator (for residents: how many are on track,
behind, ahead...; for each neighbourhood: its rolled-up value), the process
conditions and the deviations that ask for a decision.

Run it with ``python examples/quickstart.py`` after ``python -m pip install .``.
For the full report of a larger example, run ``resultframe demo`` (the ``cli``
extra).
"""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from resultframe import (
    Accumulation,
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
    Goal,
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
    Scale,
    ScalePoint,
    Stakeholder,
    Subject,
    Target,
    evaluate,
    pseudonymize,
)

SEED = 2025
START = dt.date(2025, 1, 1)
AS_OF = dt.date(2025, 12, 31)
# A demo key. A real system reads its key from a key vault, never from the code.
DEMO_KEY = b"quickstart demo key - not a secret"
NEIGHBOURHOODS = {"noord": ("Noord", 160), "zuid": ("Zuid", 140)}

ZRM = Scale(
    id="zrm",
    name="Self-sufficiency (ZRM-like, 1-5)",
    points=tuple(
        ScalePoint(value=value, label=label)
        for value, label in enumerate(
            [
                "acute problems",
                "not self-sufficient",
                "limited self-sufficiency",
                "adequate self-sufficiency",
                "complete self-sufficiency",
            ],
            start=1,
        )
    ),
)


def build_framework() -> ResultsFramework:
    """Return the Grip op geld framework of Voorbeeldstad."""
    micro = Result(
        id="m-grip",
        statement="The resident regains grip on their finances",
        level=Level.MICRO,
        kind=ResultKind.OUTCOME,
        for_whom=(Stakeholder.RESIDENT, Stakeholder.HOUSEHOLD),
        indicators=(
            Indicator(
                id="zrm-fin",
                name="Self-sufficiency in finances",
                measure=Measure.ORDINAL,
                scale=ZRM,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
            ),
            Indicator(
                id="arrangement",
                name="Has a payment arrangement or debt settlement",
                measure=Measure.BINARY,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
            ),
            Indicator(
                id="contacts",
                name="Coaching contacts",
                measure=Measure.QUANTITY,
                unit="contacts",
                direction=Direction.INCREASE,
                question=Question.HOW_MUCH,
                accumulation=Accumulation.SUM,
            ),
        ),
        conditions=("c-method", "c-competence", "c-monitoring"),
        contributes_to=("n-grip",),
        responsible=("wijkteam",),
    )
    meso = Result(
        id="n-grip",
        statement="In each neighbourhood fewer households live with unmanageable debts",
        level=Level.MESO,
        kind=ResultKind.OUTCOME,
        for_whom=(Stakeholder.NEIGHBOURHOOD,),
        indicators=(
            Indicator(
                id="fin-adequate",
                name="Share of residents at least adequately self-sufficient",
                measure=Measure.PERCENTAGE,
                unit="%",
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                derived_from=Derivation(
                    source="zrm-fin",
                    aggregation=Aggregation.SHARE_REACHING,
                    threshold=4,
                ),
                baseline=Baseline(value=30, on=START),
                targets=(
                    Target(value=40, by=dt.date(2025, 12, 31)),
                    Target(value=50, by=dt.date(2026, 12, 31)),
                ),
            ),
            Indicator(
                id="with-arrangement",
                name="Share of residents with a payment arrangement",
                measure=Measure.PERCENTAGE,
                unit="%",
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                derived_from=Derivation(
                    source="arrangement", aggregation=Aggregation.SHARE_TRUE
                ),
            ),
            Indicator(
                id="mean-zrm-fin",
                name="Mean self-sufficiency in finances",
                measure=Measure.QUANTITY,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                derived_from=Derivation(source="zrm-fin", aggregation=Aggregation.MEAN),
            ),
        ),
        conditions=("c-mandate",),
        contributes_to=("g-income",),
        responsible=("wijkteam", "gemeente"),
    )
    macro = Result(
        id="g-income",
        statement="Fewer inhabitants of Voorbeeldstad depend on income support",
        level=Level.MACRO,
        kind=ResultKind.IMPACT,
        for_whom=(Stakeholder.SOCIETY,),
        indicators=(
            Indicator(
                id="bijstand-per-10k",
                name="Income support (bijstand) recipients per 10,000 inhabitants",
                measure=Measure.QUANTITY,
                unit="per 10,000",
                direction=Direction.DECREASE,
                question=Question.BETTER_OFF,
                baseline=Baseline(value=382, on=START),
                targets=(Target(value=360, by=dt.date(2026, 12, 31)),),
            ),
        ),
        responsible=("gemeente",),
    )
    return ResultsFramework(
        id="grip-op-geld",
        name="Grip op geld, Voorbeeldstad 2025-2026",
        agreement=Agreement(
            purpose="Residents with money problems regain grip on their finances",
            context="Rising fixed costs; long waiting lists for debt counselling",
            period=Period(start=START, end=dt.date(2026, 12, 31)),
            means=(
                Means(
                    description="Budget coaches in the wijkteams",
                    amount=Decimal(640000),
                ),
                Means(description="Early-warning data from housing corporations"),
            ),
            funding=FundingVariant.TASK_BASED,
        ),
        results=(micro, meso, macro),
        conditions=(
            ProcessCondition(
                id="c-method",
                name="A recognised method for early debt signalling",
                kind=ConditionKind.PROVEN_METHOD,
                requirement="Coaches work with a recognised intervention",
                method=Method(
                    name="Early debt signalling (fictional)",
                    recognition=Recognition.WELL_FOUNDED,
                    recognised_until=dt.date(2027, 6, 30),
                ),
                reassess_every=Cadence(months=6),
            ),
            ProcessCondition(
                id="c-competence",
                name="Trained budget coaches",
                kind=ConditionKind.COMPETENCE,
                requirement="Every coach has completed the budget-coaching course",
                reassess_every=Cadence(months=12),
            ),
            ProcessCondition(
                id="c-monitoring",
                name="ZRM scored at intake and every quarter",
                kind=ConditionKind.EFFECT_MONITORING,
                reassess_every=Cadence(months=3),
            ),
            ProcessCondition(
                id="c-mandate",
                name="Wijkteam decides on support without prior approval",
                kind=ConditionKind.MANDATE,
                reassess_every=Cadence(months=12),
            ),
        ),
        cycles=(
            FeedbackCycle(
                id="kwartaal",
                name="Quarterly review with the wijkteams",
                reports_to="gemeente",
                cadence=Cadence(months=3),
                starts_on=START,
                results=("m-grip", "n-grip"),
            ),
            FeedbackCycle(
                id="jaar",
                name="Annual report to the council",
                reports_to="raad",
                cadence=Cadence(months=12),
                starts_on=START,
            ),
        ),
        parties=(
            Party(id="gemeente", name="Gemeente Voorbeeldstad", role=Role.COMMISSIONER),
            Party(id="raad", name="Gemeenteraad Voorbeeldstad", role=Role.COMMISSIONER),
            Party(id="wijkteam", name="Wijkteams Voorbeeldstad", role=Role.PROVIDER),
        ),
    )


def _resident_facts(
    rng: random.Random, pseudonym: str
) -> tuple[list[Observation], list[Goal]]:
    """Draw one resident's synthetic observations and goal."""
    intake = START + dt.timedelta(days=rng.randrange(0, 120))
    score = rng.choices([1, 2, 3, 4], weights=[2, 5, 4, 1])[0]
    arranged = False
    observations: list[Observation] = []
    day = intake
    while day <= AS_OF:
        observations.append(
            Observation(indicator="zrm-fin", subject=pseudonym, on=day, value=score)
        )
        observations.append(
            Observation(
                indicator="arrangement", subject=pseudonym, on=day, value=arranged
            )
        )
        observations.append(
            Observation(
                indicator="contacts",
                subject=pseudonym,
                on=day,
                value=rng.randint(1, 6),
                source="wijkteam registration",
            )
        )
        # The next quarter: most residents move up a point or stay, some fall back.
        score = min(5, max(1, score + rng.choices([-1, 0, 1], weights=[1, 4, 4])[0]))
        arranged = arranged or rng.random() < 0.2
        day += dt.timedelta(days=91)
    goals: list[Goal] = []
    first = observations[0].value
    if isinstance(first, int) and first < ZRM.highest and rng.random() < 0.5:
        goals.append(
            Goal(
                subject=pseudonym,
                indicator="zrm-fin",
                baseline=Baseline(value=first, on=intake),
                target=Target(value=first + 1, by=intake + dt.timedelta(days=365)),
            )
        )
    return observations, goals


def build_records(framework: ResultsFramework, seed: int = SEED) -> Records:
    """Return synthetic records for Voorbeeldstad: deterministic for a seed."""
    rng = random.Random(seed)
    subjects = [Subject(id="voorbeeldstad", level=Level.MACRO, name="Voorbeeldstad")]
    observations: list[Observation] = []
    goals: list[Goal] = []
    case = 0
    for hood, (name, residents) in NEIGHBOURHOODS.items():
        subjects.append(
            Subject(id=hood, level=Level.MESO, name=name, part_of="voorbeeldstad")
        )
        for _ in range(residents):
            case += 1
            # A case number turned into a keyed pseudonym, as a real system would
            # do with its own case numbers before handing them to resultframe.
            pseudonym = pseudonymize(f"demo-case-{case:05d}", DEMO_KEY)
            age = rng.choice(["18-27", "28-44", "45-66", "67+"])
            subjects.append(
                Subject(
                    id=pseudonym,
                    level=Level.MICRO,
                    part_of=hood,
                    dimensions=frozenset({("age_group", age)}),
                )
            )
            obs, resident_goals = _resident_facts(rng, pseudonym)
            observations += obs
            goals += resident_goals
    for quarter, value in enumerate([382, 379, 373, 370]):
        observations.append(
            Observation(
                indicator="bijstand-per-10k",
                subject="voorbeeldstad",
                on=Cadence(months=3).step(START, quarter + 1) - dt.timedelta(days=1),
                value=value,
                source="CBS-like monthly statistics (synthetic)",
            )
        )
    assessments = [
        ConditionAssessment(
            condition=condition,
            on=on,
            status=status,
            assessed_by="gemeente",
        )
        for condition, on, status in [
            ("c-method", dt.date(2025, 1, 10), ConditionStatus.MET),
            ("c-method", dt.date(2025, 7, 8), ConditionStatus.MET),
            ("c-competence", dt.date(2025, 2, 3), ConditionStatus.PARTLY_MET),
            ("c-monitoring", dt.date(2025, 10, 6), ConditionStatus.MET),
            ("c-mandate", dt.date(2025, 3, 1), ConditionStatus.NOT_MET),
        ]
    ]
    quarterly = framework.cycle("kwartaal")
    reviews = [
        Review(
            cycle="kwartaal",
            period=period,
            held_on=period.end + dt.timedelta(days=14),
            decisions=(
                Decision(
                    kind=DecisionKind.ADJUST_CONDITIONS,
                    about=("c-mandate",),
                    rationale="Coaches wait weeks for approvals; widen their mandate",
                    follow_up_by=period.end + dt.timedelta(days=91),
                )
                if index == 0
                else Decision(kind=DecisionKind.CONTINUE),
            ),
        )
        for index, period in enumerate(quarterly.periods(until=dt.date(2025, 9, 30)))
    ]
    return Records(
        subjects=subjects,
        observations=observations,
        goals=goals,
        assessments=assessments,
        reviews=reviews,
    )


def print_evaluation(framework: ResultsFramework, records: Records) -> None:
    """Evaluate the framework on AS_OF and print what it says."""
    evaluation = evaluate(framework, records, AS_OF)
    names = {s.id: s.name for s in records.subjects if s.name}
    print(f"Evaluation on {AS_OF.isoformat()} (resultframe.evaluate):")
    for result in evaluation.results:
        print(f"  {result.result} ({result.level.value}): {result.verdict.value}")
        for indicator in result.indicators:
            line = f"    {indicator.indicator}: {indicator.status.value}"
            if indicator.level is Level.MICRO:
                counts = ", ".join(f"{n} {s.value}" for s, n in indicator.counts if n)
                line += f" - residents: {counts}"
            print(line)
            for subject in indicator.subjects:
                value = "-" if subject.value is None else f"{subject.value:.1f}"
                print(
                    f"      {names.get(subject.subject, subject.subject)}: {value} "
                    f"({subject.status.value})"
                )
        for condition in result.conditions:
            print(f"    condition {condition.condition}: {condition.state.value}")
    ahead = sum(1 for d in evaluation.deviations if d.ahead)
    behind = len(evaluation.deviations) - ahead
    print(f"Deviations outside tolerance: {behind} behind, {ahead} ahead")


def main() -> None:
    """Build, check and summarise."""
    framework = build_framework()
    levels = ", ".join(
        f"{len(framework.results_at(level))} {level.value}" for level in Level
    )
    print(f"Framework {framework.id!r}: integrity OK")
    print(
        f"  results: {levels}; {len(framework.indicators)} indicators, "
        f"{len(framework.conditions)} process conditions, "
        f"{len(framework.cycles)} feedback cycles, {len(framework.parties)} parties"
    )

    records = build_records(framework)
    facts = (
        len(records.subjects)
        + len(records)
        + len(records.goals)
        + len(records.assessments)
        + len(records.reviews)
    )
    print(f"Records: {facts} facts")
    print(
        f"  {len(records.subjects)} subjects, {len(records)} observations, "
        f"{len(records.goals)} goals, {len(records.assessments)} assessments, "
        f"{len(records.reviews)} reviews"
    )

    problems = records.check(framework)
    print(f"check(framework): {problems!r}" if not problems else "check(framework):")
    for problem in problems:
        print(f"  - {problem}")

    print_evaluation(framework, records)

    for cycle in framework.cycles:
        print(f"Next review of {cycle.name!r}: due {cycle.next_due(AS_OF).isoformat()}")


if __name__ == "__main__":
    main()
