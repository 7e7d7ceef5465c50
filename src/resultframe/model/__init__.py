"""The model: definitions (what is agreed) and facts (what is recorded).

Every class is a frozen, keyword-only attrs class that checks its own invariants in
its constructor. :class:`ResultsFramework` checks the references between
definitions; :meth:`Records.check` checks that facts fit a framework.
"""

from resultframe.model.definitions import (
    Agreement,
    Baseline,
    Derivation,
    FeedbackCycle,
    Indicator,
    Means,
    Method,
    Party,
    ProcessCondition,
    Result,
    Scale,
    ScalePoint,
    Target,
)
from resultframe.model.enums import (
    Accumulation,
    Aggregation,
    ConditionKind,
    ConditionStatus,
    DecisionKind,
    Direction,
    FundingVariant,
    Level,
    Measure,
    Question,
    Recognition,
    ResultKind,
    Role,
    Stakeholder,
)
from resultframe.model.facts import (
    ConditionAssessment,
    Decision,
    Goal,
    Observation,
    Review,
    Subject,
    Value,
)
from resultframe.model.framework import ResultsFramework
from resultframe.model.records import Fact, Records
from resultframe.model.schedule import Cadence, Period

__all__ = [
    "Accumulation",
    "Aggregation",
    "Agreement",
    "Baseline",
    "Cadence",
    "ConditionAssessment",
    "ConditionKind",
    "ConditionStatus",
    "Decision",
    "DecisionKind",
    "Derivation",
    "Direction",
    "Fact",
    "FeedbackCycle",
    "FundingVariant",
    "Goal",
    "Indicator",
    "Level",
    "Means",
    "Measure",
    "Method",
    "Observation",
    "Party",
    "Period",
    "ProcessCondition",
    "Question",
    "Recognition",
    "Records",
    "Result",
    "ResultKind",
    "ResultsFramework",
    "Review",
    "Role",
    "Scale",
    "ScalePoint",
    "Stakeholder",
    "Subject",
    "Target",
    "Value",
]
