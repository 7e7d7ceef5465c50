"""Evaluation: pure functions from a framework and its records to an answer.

Are we getting the results we agreed, and is the process that delivers them
healthy? Everything here is a function of ``(framework, records, as_of)``: no
clock, no globals, no I/O, and the same facts in any order give the same answer.

- :mod:`~resultframe.evaluation.progress`: progress, expected value and progress,
  deviation;
- :mod:`~resultframe.evaluation.indicators`: the status of an indicator per
  subject and as a whole (micro: the distribution over residents);
- :mod:`~resultframe.evaluation.rollup`: meso and macro values from micro
  observations, exact and with small groups suppressed;
- :mod:`~resultframe.evaluation.conditions` and
  :mod:`~resultframe.evaluation.verdict`: process conditions and the verdict;
- :mod:`~resultframe.evaluation.reasons`: the reason for every status, state and
  verdict;
- :mod:`~resultframe.evaluation.framework`: :func:`evaluate`, all of it at once;
- :mod:`~resultframe.evaluation.trend`: trend, forecast, turning the curve,
  effort and yield;
- :mod:`~resultframe.evaluation.uncertainty`: Wilson intervals of shares,
  intervals of means, the Reliable Change Index;
- :mod:`~resultframe.evaluation.disclosure`: disclosure control over everything
  published together, and its audit.
"""

from resultframe.evaluation.conditions import ConditionEvaluation, condition_status
from resultframe.evaluation.disclosure import (
    Audit,
    CellInterval,
    Publication,
    YieldTable,
    audit,
    protect,
    publication,
    round_count,
    withheld_statuses,
)
from resultframe.evaluation.framework import (
    Deviation,
    FrameworkEvaluation,
    ResultEvaluation,
    evaluate,
)
from resultframe.evaluation.indicators import (
    IndicatorEvaluation,
    SubjectEvaluation,
    evaluate_indicator,
    evaluate_subject,
)
from resultframe.evaluation.progress import (
    deviation,
    expected_progress,
    expected_value,
    progress,
)
from resultframe.evaluation.reasons import (
    Reason,
    ReasonCode,
    condition_reason,
    explain,
    indicator_reason,
    verdict_with_reason,
)
from resultframe.evaluation.rollup import UNKNOWN, Aggregate, Rollup, combine, rollup
from resultframe.evaluation.status import (
    PROBLEM_STATUSES,
    PRODUCT_STATUSES,
    ConditionState,
    IndicatorStatus,
    Verdict,
)
from resultframe.evaluation.trend import (
    EffortYield,
    Trend,
    curve_turned,
    effort_yield,
    forecast,
    trend,
)
from resultframe.evaluation.uncertainty import (
    mean_interval,
    reliable_change,
    reliable_counts,
    wilson_interval,
)
from resultframe.evaluation.verdict import verdict

__all__ = [
    "PROBLEM_STATUSES",
    "PRODUCT_STATUSES",
    "UNKNOWN",
    "Aggregate",
    "Audit",
    "CellInterval",
    "ConditionEvaluation",
    "ConditionState",
    "Deviation",
    "EffortYield",
    "FrameworkEvaluation",
    "IndicatorEvaluation",
    "IndicatorStatus",
    "Publication",
    "Reason",
    "ReasonCode",
    "ResultEvaluation",
    "Rollup",
    "SubjectEvaluation",
    "Trend",
    "Verdict",
    "YieldTable",
    "audit",
    "combine",
    "condition_reason",
    "condition_status",
    "curve_turned",
    "deviation",
    "effort_yield",
    "evaluate",
    "evaluate_indicator",
    "evaluate_subject",
    "expected_progress",
    "expected_value",
    "explain",
    "forecast",
    "indicator_reason",
    "mean_interval",
    "progress",
    "protect",
    "publication",
    "reliable_change",
    "reliable_counts",
    "rollup",
    "round_count",
    "trend",
    "verdict",
    "verdict_with_reason",
    "wilson_interval",
    "withheld_statuses",
]
