"""Reasons in words (redenen): why a status, a state or a verdict, in one language.

The reason itself (:class:`~resultframe.evaluation.Reason`) is decided by the
evaluation; here it is only said: the rule in the reader's words, the indicator
or condition by its name, a deviation in percentage points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from resultframe.evaluation.reasons import ReasonCode
from resultframe.report._cells import name_of
from resultframe.report._phrases import NONE, day, percent, phrase, points
from resultframe.report.labels import label

if TYPE_CHECKING:
    from collections.abc import Iterable

    from resultframe.evaluation import Reason, Verdict
    from resultframe.model.framework import ResultsFramework
    from resultframe.report._view import ResultView

__all__ = ["hidden_figures", "reason_text", "shown", "verdict_text"]

_FIGURES = frozenset({ReasonCode.BEHIND, ReasonCode.AHEAD, ReasonCode.ON_TRACK})


def hidden_figures(views: Iterable[ResultView]) -> frozenset[str]:
    """The indicators whose progress the report does not show (too few residents)."""
    return frozenset(
        iv.indicator.id for rv in views for iv in rv.indicators if iv.progress is None
    )


def shown(reason: Reason | None, hidden: frozenset[str]) -> Reason | None:
    """*reason* without the figures of an indicator whose figures are withheld."""
    if reason is None or reason.indicator not in hidden:
        return reason
    return attrs.evolve(reason, progress=None, expected_progress=None, deviation=None)


def _rule(code: ReasonCode) -> str:
    """The code of the indicator or condition rule behind a verdict's code."""
    value = code.value
    for head in ("verdict_negative_", "verdict_unsustained_"):
        if value.startswith(head):
            rest = value.removeprefix(head)
            if rest == "recognition_expired" or head == "verdict_negative_":
                return rest
            return f"condition_{rest}"
    if code is ReasonCode.VERDICT_UNDETERMINED_NO_DATA:
        return ReasonCode.NO_DATA.value
    if code is ReasonCode.VERDICT_UNDETERMINED_SUPPRESSED:
        return ReasonCode.SUPPRESSED.value
    return value


def reason_text(fw: ResultsFramework, reason: Reason, lang: str) -> str:
    """The reason in words: ``ZRM Huisvesting ligt 35 procentpunt achter ...``."""
    rule = ReasonCode(_rule(reason.code))
    about = reason.indicator if reason.indicator is not None else reason.condition
    name = name_of(fw, about) if about is not None else NONE
    values: dict[str, object] = {
        "name": name,
        "day": day(reason.on, lang) if reason.on is not None else NONE,
        "pp": (
            points(abs(reason.deviation), lang)
            if reason.deviation is not None
            else NONE
        ),
    }
    key = f"reason_{rule.value}"
    if rule in _FIGURES and reason.deviation is None:
        key += "_plain"  # figures withheld: the rule without the numbers
    text = phrase(key, lang, **values)
    if (
        rule in _FIGURES
        and reason.progress is not None
        and reason.expected_progress is not None
        and reason.tolerance is not None
    ):
        figures = phrase(
            "reason_figures",
            lang,
            progress=percent(reason.progress, lang),
            expected=percent(reason.expected_progress, lang),
            tol=points(reason.tolerance, lang),
        )
        text += f" ({figures})"
    return text


def verdict_text(
    fw: ResultsFramework, verdict: Verdict, reason: Reason | None, lang: str
) -> str:
    """The verdict and its reason: ``negatief: ZRM Huisvesting ligt ...``."""
    why = reason_text(fw, reason, lang) if reason is not None else None
    return phrase(
        "verdict_because",
        lang,
        verdict=label(verdict, lang),
        reason=why if why is not None else phrase("reason_missing", lang),
    )
