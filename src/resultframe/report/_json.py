"""A report as a JSON document of plain data (``resultframe/report``, version 1).

The document holds what the other formats show - with the same privacy rules -
as codes and numbers, each status and verdict also with its label in the
report's language, plus the evaluation itself and the charts' Vega-Lite specs.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import json
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.model.enums import Level
from resultframe.privacy import too_few
from resultframe.report import _view
from resultframe.report._reasons import (
    hidden_figures,
    reason_text,
    shown,
    verdict_text,
)
from resultframe.report._steering import Withheld, agenda_text, withheld_any
from resultframe.report.labels import label

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from resultframe.evaluation import Reason
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.schedule import Period
    from resultframe.report._model import Report
    from resultframe.steering import Advice, AgendaItem

VERSION: Final = 1
"""The version of the report document."""


def plain(value: object) -> Any:  # noqa: ANN401 - JSON data of any shape
    """*value* as JSON data: attrs classes as objects, enums as values, days as ISO."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    cls: Any = type(value)
    if attrs.has(cls):
        return {
            f.name: plain(getattr(value, f.name))
            for f in attrs.fields(cls)
            if not f.name.startswith("_")
        }
    if isinstance(value, tuple | list | frozenset | set):
        items = [plain(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, frozenset | set) else items
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _evaluation(report: Report) -> dict[str, Any]:
    """The evaluation document, micro figures of too few residents withheld."""
    from resultframe._canonical import to_dict  # noqa: PLC0415 - JSON only

    data = to_dict(report.evaluation)
    micro = [
        iv
        for rv in _view.results(report)
        for iv in rv.indicators
        if iv.level is Level.MICRO
    ]
    _redact(
        data,
        counts={iv.indicator.id for iv in micro if iv.withheld},
        figures={iv.indicator.id for iv in micro if iv.progress is None},
        minimum=report.min_group,
    )
    return data


_FIGURES: Final = ("progress", "expected_progress", "deviation")


def _redact(data: object, *, counts: set[str], figures: set[str], minimum: int) -> None:
    """Blank, in place, what the report withholds of micro indicators and deviations.

    *counts* holds the micro indicators whose distribution is withheld, *figures*
    those whose progress is; a deviation of fewer than *minimum* residents
    together loses its figures.
    """
    if isinstance(data, list):
        for item in data:
            _redact(item, counts=counts, figures=figures, minimum=minimum)
        return
    if not isinstance(data, dict):
        return
    micro = data.get("level") == Level.MICRO.value
    ident = data.get("indicator")
    if "code" in data and ident in figures:
        # A reason about a micro indicator whose figures are withheld.
        for key in _FIGURES:
            data.pop(key, None)
    if micro and ident in figures:
        for key in _FIGURES:
            if key in data:
                data[key] = None
    if micro and ident in counts:
        if "counts" in data:
            data["counts"] = type(data["counts"])()
        data["withheld"] = True
    # A deviation of a micro indicator (no subject) stands for its residents
    # together; documents leave "subjects" out when it is 1.
    subjects = data.get("subjects", 1)
    if (
        "deviation" in data
        and "subject" in data
        and data["subject"] is None
        and isinstance(subjects, int)
        and too_few(subjects, minimum)
    ):
        for key in _FIGURES:
            data[key] = None
        data["withheld"] = True
    for value in data.values():
        _redact(value, counts=counts, figures=figures, minimum=minimum)


def _indicator(
    report: Report, view: _view.IndicatorView, lang: str, why: Reason | None
) -> dict[str, Any]:
    ind = view.indicator
    return {
        "id": ind.id,
        "name": ind.name,
        "unit": ind.unit,
        "measure": ind.measure.value,
        "direction": ind.direction.value,
        "question": ind.question.value,
        "level": view.level.value,
        "status": view.status.value,
        "status_label": label(view.status, lang),
        "baseline": plain(ind.baseline),
        "targets": plain(ind.targets),
        "expected": view.expected,
        "withheld": view.withheld,
        "with_data": view.with_data,
        "counts": {s.value: n for s, n in view.counts},
        "withheld_statuses": [s.value for s in view.withheld_statuses],
        "withheld_count": view.withheld_count,
        "progress": view.progress,
        "expected_progress": view.expected_progress,
        "deviation": view.deviation,
        "progress_interval": plain(view.progress_interval),
        "distinguishable": view.distinguishable,
        "shares": [
            {"status": st.value, "low": low, "high": high}
            for st, low, high in view.shares
        ],
        "reason": plain(why),
        "reason_text": (
            reason_text(report.framework, why, lang) if why is not None else None
        ),
        "groups": [
            {
                "subject": g.subject,
                "name": g.name,
                "suppressed": g.suppressed,
                "status": g.status.value if g.status is not None else None,
                "status_label": label(g.status, lang) if g.status is not None else None,
                "baseline": g.baseline,
                "baseline_on": plain(g.baseline_on),
                "expected": g.expected,
                "observed": g.observed,
                "observed_on": plain(g.observed_on),
                "target": g.target,
                "progress": g.progress,
                "expected_progress": g.expected_progress,
                "deviation": g.deviation,
                "interval": plain(g.interval),
                "distinguishable": g.distinguishable,
            }
            for g in view.groups
        ],
    } | ({"min_group": report.min_group} if view.withheld else {})


def _result(report: Report, view: _view.ResultView, lang: str) -> dict[str, Any]:
    r = view.result
    verdict = view.evaluation.verdict
    hidden = hidden_figures([view])
    why = shown(view.evaluation.reason, hidden)
    return {
        "id": r.id,
        "statement": r.statement,
        "description": r.description,
        "level": r.level.value,
        "kind": r.kind.value,
        "for_whom": [s.value for s in r.for_whom],
        "responsible": list(r.responsible),
        "contributes_to": list(r.contributes_to),
        "verdict": verdict.value,
        "verdict_label": label(verdict, lang),
        "reason": plain(why),
        "reason_text": verdict_text(report.framework, verdict, why, lang),
        "indicators": [
            _indicator(
                report,
                iv,
                lang,
                shown(view.evaluation.indicator_reason(iv.indicator.id), hidden),
            )
            for iv in view.indicators
        ],
        "conditions": [
            {
                "id": c.id,
                "name": c.name,
                "kind": c.kind.value,
                "state": ce.state.value,
                "state_label": label(ce.state, lang),
                "assessed_on": plain(ce.assessed_on),
                "method": c.method.name if c.method is not None else None,
                "recognition": plain(ce.recognition),
                "recognition_expired": ce.recognition_expired,
                "reason": plain(ce.reason),
                "reason_text": (
                    reason_text(report.framework, ce.reason, lang)
                    if ce.reason is not None
                    else None
                ),
            }
            for c, ce in view.conditions
        ],
    }


def agenda_items(  # noqa: PLR0913
    fw: ResultsFramework,
    items: Sequence[AgendaItem],
    withheld: Sequence[Withheld],
    lang: str,
    *,
    minimum: int,
    period: Period | None,
    group_name: Callable[[str], str] | None = None,
) -> list[dict[str, Any]]:
    """Agenda items as data, with the reason's text in *lang*."""
    out = []
    for item, flags in zip(items, withheld, strict=True):
        hidden = withheld_any(flags)
        d = item.deviation
        entry: dict[str, Any] = {
            "reason": item.reason.value,
            "reason_label": label(item.reason, lang),
            "about": item.about,
            "result": item.result,
            "subject": None if hidden else item.subject,
            "text": agenda_text(
                fw,
                item,
                lang,
                withheld=flags,
                minimum=minimum,
                period=period,
                group_name=group_name,
            ),
            "suggests": [k.value for k in item.suggests],
            "asks": plain(item.asks),
            "residents": None if hidden else item.residents,
            "weight": item.weight,
            "state": plain(item.state),
            "decision": plain(item.decision),
            "withheld": hidden,
        }
        if d is not None and not hidden:
            entry |= {
                "progress": d.progress,
                "expected_progress": d.expected_progress,
                "deviation": d.deviation,
                "tolerance": d.tolerance,
                "subjects": d.subjects,
            }
        out.append(entry)
    return out


def report_document(
    report: Report, lang: str, charts: list[dict[str, Any]]
) -> dict[str, Any]:
    """The report as a ``resultframe/report`` document."""
    fw = report.framework
    a = fw.agreement
    ev = report.evaluation
    return {
        "format": "resultframe/report",
        "version": VERSION,
        "lang": lang,
        "framework": {"id": fw.id, "name": fw.name},
        "as_of": report.as_of.isoformat(),
        "min_group": report.min_group,
        "cycle": {"id": report.cycle.id, "name": report.cycle.name}
        if report.cycle is not None
        else None,
        "period": plain(report.period),
        "agreement": {
            "purpose": a.purpose,
            "context": a.context,
            "period": plain(a.period),
            "funding": plain(a.funding),
            "means": plain(a.means),
            "parties": [
                {"id": p.id, "name": p.name, "role": p.role.value} for p in fw.parties
            ],
        },
        "summary": {
            "verdicts": {v.value: n for v, n in ev.verdicts},
            "behind": sum(1 for d in ev.deviations if not d.ahead),
            "ahead": sum(1 for d in ev.deviations if d.ahead),
            "agenda": len(report.agenda),
        },
        "results": [_result(report, v, lang) for v in _view.results(report)],
        "deviations": [
            {
                "result": v.deviation.result,
                "indicator": v.deviation.indicator,
                "subject": v.deviation.subject,
                "direction": "ahead" if v.deviation.ahead else "behind",
                "status": v.deviation.status.value,
                "tolerance": v.deviation.tolerance,
                "withheld": v.withheld,
            }
            | (
                {}
                if v.withheld
                else {
                    "progress": v.deviation.progress,
                    "expected_progress": v.deviation.expected_progress,
                    "deviation": v.deviation.deviation,
                    "subjects": v.deviation.subjects,
                    "distinguishable": v.deviation.distinguishable,
                }
            )
            for v in _view.deviations(report)
        ],
        "agenda": agenda_items(
            fw,
            report.agenda,
            report.agenda_withheld,
            lang,
            minimum=report.min_group,
            period=report.period,
            group_name=report.group_name,
        ),
        "notes": {
            "from": plain(report.notes_window.start) if report.notes_window else None,
            "to": plain(report.notes_window.end) if report.notes_window else None,
            "observation_notes": report.include_observation_notes,
            "items": [plain(n) for n in report.notes],
        },
        "evaluation": _evaluation(report),
        "charts": charts,
    }


def lint_document(advice: Sequence[Advice], lang: str) -> dict[str, Any]:
    """Lint advice as a ``resultframe/lint`` document."""
    return {
        "format": "resultframe/lint",
        "version": VERSION,
        "lang": lang,
        "advice": [
            {
                "code": a.code,
                "severity": a.severity.value,
                "severity_label": label(a.severity, lang),
                "about": a.about,
                "message": a.message(lang),
            }
            for a in advice
        ],
    }


def dumps(document: dict[str, Any]) -> str:
    """A document as JSON text: readable, UTF-8, ending in a newline."""
    return json.dumps(document, ensure_ascii=False, indent=2, allow_nan=False) + "\n"
