"""Figures, statuses and names as they appear in a report's cells."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resultframe.evaluation import ConditionState, IndicatorStatus, Verdict
from resultframe.report._blocks import Cell, Tone
from resultframe.report._phrases import NONE, number, phrase, points
from resultframe.report.labels import label

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework

_GOOD = frozenset(
    {
        IndicatorStatus.ACHIEVED,
        IndicatorStatus.AHEAD,
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.IMPROVED,
    }
)
_BAD = frozenset(
    {IndicatorStatus.BEHIND, IndicatorStatus.DETERIORATED, IndicatorStatus.WORSENED}
)
VERDICT_TONE: dict[Verdict, Tone] = {
    Verdict.POSITIVE: "good",
    Verdict.UNSUSTAINED: "warn",
    Verdict.NEGATIVE: "bad",
    Verdict.UNDETERMINED: "neutral",
}
STATE_TONE: dict[ConditionState, Tone] = {
    ConditionState.MET: "good",
    ConditionState.PARTLY_MET: "warn",
    ConditionState.NOT_MET: "bad",
    ConditionState.STALE: "warn",
    ConditionState.UNASSESSED: "warn",
}


def status_cell(status: IndicatorStatus | None, lang: str) -> Cell:
    """A status as a cell; None is a suppressed group."""
    if status is None:
        return Cell(phrase("suppressed", lang), "neutral")
    tone: Tone = "good" if status in _GOOD else "bad" if status in _BAD else "neutral"
    return Cell(label(status, lang), tone)


def num(value: float | None, lang: str) -> str:
    """A number for a cell; an en dash for none."""
    return NONE if value is None else number(value, lang)


def signed(value: float, lang: str) -> str:
    """A difference of fractions in percentage points with its sign: ``+12 pp``."""
    return points(value, lang, sign=True, short=True)


def name_of(fw: ResultsFramework, ident: str) -> str:
    """The name of the object with id *ident* in *fw* (its id if it has none)."""
    for kind in ("indicator", "condition", "result", "cycle", "party"):
        if fw.has_id(kind, ident):
            if kind == "result":
                return fw.result(ident).statement
            obj = getattr(fw, kind)(ident)
            return str(obj.name)
    return ident
