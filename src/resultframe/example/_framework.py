"""The framework of the example: the wijkteams of Voorbeeldstad, 2025-2027.

Everything here is fictional: the municipality, its neighbourhoods, the provider
and the method. The shape is what a Dutch municipality agrees with its wijkteams:
results for residents (micro), for each neighbourhood (meso) and for the town
(macro), the process conditions of every kind that make them reachable, and a
quarterly review with the commissioner.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from resultframe.instruments import gas, zrm
from resultframe.model import (
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    FundingVariant,
    Indicator,
    Level,
    Means,
    Measure,
    Method,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Stakeholder,
    Target,
)

__all__ = [
    "AS_OF",
    "BASELINE_DAY",
    "CYCLE",
    "GAS_GOALS",
    "MUNICIPALITY",
    "NEIGHBOURHOODS",
    "START",
    "ZRM_DOMAINS",
    "build_framework",
]

START: Final = dt.date(2025, 1, 1)
"""The first day of the agreement and of the quarterly cycle."""
END: Final = dt.date(2027, 12, 31)
"""The last day of the agreement."""
BASELINE_DAY: Final = dt.date(2024, 12, 31)
"""The day of the zero measurement (nulmeting), the quarter before the agreement."""
AS_OF: Final = dt.date(2026, 9, 30)
"""The demo's day: the last day of the third quarter of 2026."""
CYCLE: Final = "kwartaal"
"""The id of the quarterly feedback cycle."""
MUNICIPALITY: Final = "voorbeeldstad"
"""The id of the macro subject, the municipality."""
NEIGHBOURHOODS: Final = {
    "wijk-centrum": "Centrum",
    "wijk-noord": "Noord",
    "wijk-oost": "Oost",
    "wijk-het-veld": "Het Veld",
}
"""The four neighbourhoods (meso subjects): id to name."""
ZRM_DOMAINS: Final = (
    "financien",
    "huisvesting",
    "geestelijke-gezondheid",
    "sociaal-netwerk",
    "maatschappelijke-participatie",
)
"""The ZRM 2017 domains the wijkteams score and steer on."""
GAS_GOALS: Final = 3
"""The number of goal slots of a resident's plan (GAS)."""


def _micro_results() -> tuple[Result, ...]:
    self_reliance = zrm.result(
        zrm.ZrmVersion.V2017,
        ZRM_DOMAINS,
        id="inwoner-zelfredzaam",
        statement=(
            "Residents supported by the wijkteam are at least adequately "
            "self-reliant in the life domains where they asked for help"
        ),
        baseline=Baseline(
            value=2,
            on=BASELINE_DAY,
            note="Typical score at intake; each resident's own first score counts",
        ),
        targets=(Target(value=4, by=END, note="Voldoende zelfredzaam"),),
        conditions=("c-methode", "c-zrm-meting", "c-deskundigheid"),
        contributes_to=("wijk-zelfredzaam",),
        responsible=("wijkteams",),
        description=(
            "Scored with the Zelfredzaamheid-Matrix 2017 at intake and every "
            "quarter, only in the domains discussed with the resident."
        ),
    )
    goals = Result(
        id="inwoner-doelen",
        statement="Residents reach the goals of their own support plan",
        level=Level.MICRO,
        kind=ResultKind.OUTCOME,
        for_whom=(Stakeholder.RESIDENT, Stakeholder.HOUSEHOLD),
        indicators=gas.indicators(
            GAS_GOALS,
            minus_three=True,
            baseline=Baseline(value=-1, on=BASELINE_DAY, note="GAS start level"),
            targets=(Target(value=0, by=END, note="The expected outcome"),),
        ),
        conditions=("c-methode", "c-kwaliteit", "c-zelfsturing"),
        contributes_to=("wijk-zelfredzaam",),
        responsible=("wijkteams",),
        description=(
            "Goal Attainment Scaling: each goal starts at -1 and is expected to "
            "reach 0 by the date agreed in the plan; -3 means worse than at the start."
        ),
    )
    return (self_reliance, goals)


def _meso_result() -> Result:
    return Result(
        id="wijk-zelfredzaam",
        statement=(
            "In every neighbourhood more residents who get support have their "
            "finances in order, and they are satisfied with that support"
        ),
        level=Level.MESO,
        kind=ResultKind.OUTCOME,
        for_whom=(Stakeholder.NEIGHBOURHOOD, Stakeholder.RESIDENT),
        indicators=(
            Indicator(
                id="wijk-financien-voldoende",
                name="Share of supported residents at least adequate in finances",
                measure=Measure.PERCENTAGE,
                unit="%",
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                derived_from=Derivation(
                    source="zrm2017-financien",
                    aggregation=Aggregation.SHARE_REACHING,
                    threshold=4,
                ),
                baseline=Baseline(
                    value=6, on=BASELINE_DAY, note="Nulmeting: share on 31-12-2024"
                ),
                targets=(
                    Target(value=38, by=dt.date(2025, 12, 31)),
                    Target(value=46, by=dt.date(2026, 12, 31)),
                    Target(value=55, by=END),
                ),
            ),
            Indicator(
                id="wijk-tevredenheid",
                name="Residents satisfied with the support (client survey)",
                measure=Measure.PERCENTAGE,
                unit="%",
                direction=Direction.INCREASE,
                question=Question.HOW_WELL,
                baseline=Baseline(value=74, on=BASELINE_DAY, note="Survey 2024"),
                targets=(Target(value=82, by=END),),
            ),
            Indicator(
                id="wijk-verhaal",
                name="The story of the neighbourhood, told by its wijkteam",
                measure=Measure.QUALITATIVE,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
            ),
        ),
        conditions=("c-mandaat", "c-formatie"),
        contributes_to=("gemeente-minder-maatwerk",),
        responsible=("wijkteams", "gemeente"),
    )


def _macro_result() -> Result:
    return Result(
        id="gemeente-minder-maatwerk",
        statement=(
            "Fewer inhabitants of Voorbeeldstad need customised Wmo support, "
            "because general support in the neighbourhood comes earlier"
        ),
        level=Level.MACRO,
        kind=ResultKind.IMPACT,
        for_whom=(Stakeholder.SOCIETY,),
        indicators=(
            Indicator(
                id="maatwerk-per-10k",
                name="Wmo customised arrangements per 10,000 inhabitants",
                measure=Measure.QUANTITY,
                unit="per 10,000",
                direction=Direction.DECREASE,
                question=Question.BETTER_OFF,
                baseline=Baseline(value=620, on=BASELINE_DAY, note="CBS-like, 2024"),
                targets=(
                    Target(value=600, by=dt.date(2026, 12, 31)),
                    Target(value=575, by=END),
                ),
            ),
        ),
        conditions=("c-samenwerking",),
        responsible=("gemeente",),
    )


def _conditions() -> tuple[ProcessCondition, ...]:
    quarterly = Cadence(months=3)
    half_year = Cadence(months=6)
    yearly = Cadence(months=12)
    return (
        ProcessCondition(
            id="c-methode",
            name="A recognised method for strengths-based support",
            kind=ConditionKind.PROVEN_METHOD,
            requirement="Every wijkteam works with the recognised method, checked "
            "by a yearly fidelity audit",
            method=Method(
                name="Krachtig in de Wijk (fictional)",
                recognition=Recognition.FIRST_INDICATIONS,
                recognised_until=dt.date(2028, 6, 30),
            ),
            reassess_every=yearly,
        ),
        ProcessCondition(
            id="c-kwaliteit",
            name="Case consultation and a quality framework",
            kind=ConditionKind.QUALITY_ASSURANCE,
            requirement="Monthly case consultation (intervisie) in every team; "
            "complaints handled within six weeks",
            reassess_every=half_year,
        ),
        ProcessCondition(
            id="c-zrm-meting",
            name="ZRM scored at intake and every quarter",
            kind=ConditionKind.EFFECT_MONITORING,
            requirement="At least 90% of open cases have a ZRM score less than "
            "four months old",
            reassess_every=quarterly,
        ),
        ProcessCondition(
            id="c-deskundigheid",
            name="Professionals trained in ZRM and GAS",
            kind=ConditionKind.COMPETENCE,
            requirement="Every professional has completed the ZRM and GAS training",
            reassess_every=yearly,
        ),
        ProcessCondition(
            id="c-mandaat",
            name="Wijkteams decide on support without prior approval",
            kind=ConditionKind.MANDATE,
            requirement="A wijkteam arranges support up to EUR 5,000 per household "
            "without approval by the municipality",
            reassess_every=half_year,
        ),
        ProcessCondition(
            id="c-zelfsturing",
            name="Teams plan and review their own work",
            kind=ConditionKind.SELF_STEERING,
            requirement="Each team sets its quarterly priorities from its own "
            "figures and reviews them with the team coach",
            reassess_every=half_year,
        ),
        ProcessCondition(
            id="c-formatie",
            name="Enough professionals for the caseload",
            kind=ConditionKind.RESOURCES,
            requirement="No more than 35 open cases per full-time professional",
            reassess_every=quarterly,
        ),
        ProcessCondition(
            id="c-samenwerking",
            name="Covenant with housing corporations and GPs",
            kind=ConditionKind.OTHER,
            requirement="Housing corporations and GP practices signal early and "
            "refer to the wijkteam",
            reassess_every=yearly,
        ),
    )


def build_framework() -> ResultsFramework:
    """Build the example framework (fresh objects on every call)."""
    return ResultsFramework(
        id="wijkteams-voorbeeldstad",
        name="Wijkteams Voorbeeldstad 2025-2027",
        agreement=Agreement(
            purpose=(
                "Residents of Voorbeeldstad who need support get it early, in their "
                "own neighbourhood, and become and stay self-reliant"
            ),
            context=(
                "Four neighbourhoods with about 60,000 inhabitants; a tight housing "
                "market and rising fixed costs; customised Wmo support grew by 6% "
                "a year before 2025"
            ),
            period=Period(start=START, end=END),
            means=(
                Means(
                    description="Wijkteam professionals (38 FTE) per year",
                    amount=Decimal(3420000),
                ),
                Means(
                    description="Budget for support within the wijkteams' mandate "
                    "per year",
                    amount=Decimal(250000),
                ),
                Means(description="ZRM and GAS training", amount=Decimal(40000)),
                Means(description="Office hours in community centres and GP practices"),
            ),
            funding=FundingVariant.TASK_BASED,
        ),
        results=(*_micro_results(), _meso_result(), _macro_result()),
        conditions=_conditions(),
        cycles=(
            FeedbackCycle(
                id=CYCLE,
                name="Quarterly review with the municipality",
                reports_to="gemeente",
                cadence=Cadence(months=3),
                starts_on=START,
            ),
        ),
        parties=(
            Party(
                id="gemeente",
                name="Gemeente Voorbeeldstad (social domain)",
                role=Role.COMMISSIONER,
            ),
            Party(
                id="wijkteams",
                name="Stichting Wijkteams Voorbeeldstad",
                role=Role.PROVIDER,
            ),
            Party(
                id="corporaties",
                name="Housing corporations of Voorbeeldstad",
                role=Role.PARTNER,
            ),
        ),
    )
