"""A report composed as blocks in one language (opbouw): what each section says.

Every fixed word comes from :mod:`resultframe.report._phrases` or
:mod:`resultframe.report.labels`; every figure from :mod:`resultframe.report._view`,
where the privacy rules are applied. The renderers only lay the blocks out.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

import resultframe
from resultframe.evaluation import Verdict
from resultframe.model.enums import Level, Measure
from resultframe.report import _view, charts
from resultframe.report._blocks import (
    Block,
    Bullets,
    Cell,
    Fields,
    Figure,
    Heading,
    Paragraph,
    Table,
)
from resultframe.report._cells import (
    STATE_TONE,
    VERDICT_TONE,
    name_of,
    num,
    signed,
    status_cell,
)
from resultframe.report._model import Note, NoteKind
from resultframe.report._phrases import (
    NONE,
    day,
    interval,
    like,
    money,
    number,
    percent,
    phrase,
    points,
)
from resultframe.report._reasons import hidden_figures, shown, verdict_text
from resultframe.report._steering import agenda_blocks
from resultframe.report.labels import label

if TYPE_CHECKING:
    from collections.abc import Callable

    from resultframe.model.schedule import Period
    from resultframe.report._model import Report

# -- the frame ---------------------------------------------------------------------


def _header(report: Report, lang: str) -> list[Block]:
    fw = report.framework
    out: list[Block] = [
        Heading(fw.name, 1),
        Paragraph(
            f"{phrase('title', lang)} · {phrase('as_of', lang, day=day(report.as_of, lang))}"
        ),
    ]
    if report.cycle is not None and report.period is not None:
        out.append(
            Paragraph(
                phrase(
                    "cycle_period",
                    lang,
                    cycle=report.cycle.name,
                    start=day(report.period.start, lang),
                    end=day(report.period.end, lang),
                )
            )
        )
    return out


def _summary(report: Report, lang: str) -> list[Block]:
    ev = report.evaluation
    behind = sum(1 for d in ev.deviations if not d.ahead)
    ahead = sum(1 for d in ev.deviations if d.ahead)
    rows = [
        (label(v, lang), Cell(str(n), VERDICT_TONE[v] if n else None))
        for v, n in ev.verdicts
    ]
    rows.append(
        (
            phrase("deviations", lang),
            Cell(phrase("deviations_n", lang, behind=behind, ahead=ahead)),
        )
    )
    if report.cycle is not None:
        rows.append(
            (
                phrase("agenda", lang),
                Cell(phrase("agenda_n", lang, n=len(report.agenda))),
            )
        )
    return [
        Heading(phrase("summary", lang), 2),
        Paragraph(phrase("results_n", lang, n=len(ev.results))),
        *_decide_first(report, lang),
        Fields(tuple(rows)),
    ]


_URGENCY = (Verdict.NEGATIVE, Verdict.UNSUSTAINED, Verdict.UNDETERMINED)


def _decide_first(report: Report, lang: str) -> list[Block]:
    """The results that need a decision, negative first, each with its reason."""
    fw = report.framework
    views = _view.results(report)
    hidden = hidden_figures(views)
    lines = [
        f"{view.result.statement} — "
        + verdict_text(
            fw, view.evaluation.verdict, shown(view.evaluation.reason, hidden), lang
        )
        for v in _URGENCY
        for view in views
        if view.evaluation.verdict is v
    ]
    if not lines:
        return [Paragraph(phrase("decide_none", lang))]
    return [Heading(phrase("decide_first", lang), 3), Bullets(tuple(lines))]


def _agreement(report: Report, lang: str) -> list[Block]:
    fw = report.framework
    a = fw.agreement
    missing = phrase("not_given", lang)
    means = "; ".join(
        m.description
        + (f" ({money(m.amount, m.currency, lang)})" if m.amount is not None else "")
        for m in a.means
    )
    parties = "; ".join(f"{p.name} ({label(p.role, lang)})" for p in fw.parties)
    rows = (
        (phrase("purpose", lang), Cell(a.purpose or missing)),
        (phrase("period", lang), Cell(_span(a.period, lang))),
        (phrase("context", lang), Cell(a.context or missing)),
        (phrase("means", lang), Cell(means or missing)),
        (
            phrase("funding", lang),
            Cell(label(a.funding, lang) if a.funding is not None else missing),
        ),
        (phrase("parties", lang), Cell(parties or missing)),
    )
    return [Heading(phrase("agreement", lang), 2), Fields(rows)]


def _span(period: Period, lang: str) -> str:
    return phrase(
        "span", lang, start=day(period.start, lang), end=day(period.end, lang)
    )


# -- results -----------------------------------------------------------------------


def _with_interval(
    text: str,
    bounds: tuple[float, float] | None,
    confidence: float | None,
    lang: str,
    write: Callable[[float], str],
) -> str:
    """*text* and, when there is one, its interval in brackets (ends by *write*)."""
    if bounds is None or confidence is None:
        return text
    low, high = (write(b) for b in bounds)
    return f"{text} ({interval(low, high, confidence, lang)})"


def _like(value: float, *, target: float | None, lang: str) -> str:
    return like(value, target, lang)


def _chance(distinguishable: bool | None, lang: str) -> str:
    if distinguishable is None:
        return NONE
    return phrase("beyond_chance" if distinguishable else "within_chance", lang)


def _indicator_rows(
    view: _view.IndicatorView, lang: str, minimum: int, confidence: float | None
) -> list[tuple[Cell, ...]]:
    ind = view.indicator
    name = ind.name + (f" ({ind.unit})" if ind.unit else "")
    target = num(view.target.value if view.target else None, lang)
    if view.level is Level.MICRO:
        if view.withheld:
            group = phrase("withheld", lang, n=minimum)
        elif view.with_data is not None:
            group = phrase("residents_n", lang, n=view.with_data)
        else:  # those without data withheld: every resident counted
            group = phrase("residents_n", lang, n=view.counted)
        baseline = (
            number(view.baseline.value, lang)
            if view.baseline is not None
            else phrase("per_resident", lang)
        )
        expected = observed = NONE
        if view.expected_progress is not None and view.progress is not None:
            expected = phrase(
                "progress_of", lang, pct=percent(view.expected_progress, lang)
            )
            observed = _with_interval(
                phrase("progress_of", lang, pct=percent(view.progress, lang)),
                view.progress_interval,
                confidence,
                lang,
                partial(percent, lang=lang),
            )
        if ind.measure is Measure.QUALITATIVE:
            baseline = target = NONE
        return [
            (
                Cell(name),
                Cell(group),
                Cell(baseline),
                Cell(expected),
                Cell(observed),
                Cell(target),
                status_cell(view.status, lang),
            )
        ]
    if not view.groups:
        return [
            (
                Cell(name),
                Cell(NONE),
                Cell(num(view.baseline.value if view.baseline else None, lang)),
                Cell(
                    like(view.expected, view.target.value, lang)
                    if view.expected is not None and view.target is not None
                    else NONE
                ),
                Cell(NONE),
                Cell(target),
                status_cell(view.status, lang),
            )
        ]
    rows: list[tuple[Cell, ...]] = []
    for i, g in enumerate(view.groups):
        if g.suppressed:
            cells = (Cell(NONE), Cell(NONE), Cell(phrase("suppressed", lang)))
        else:
            cells = (
                Cell(num(g.baseline, lang)),
                Cell(
                    like(g.expected, g.target, lang) if g.expected is not None else NONE
                ),
                Cell(
                    _with_interval(
                        num(g.observed, lang),
                        g.interval,
                        confidence,
                        lang,
                        partial(_like, target=g.target, lang=lang),
                    )
                ),
            )
        rows.append(
            (
                Cell(name if i == 0 else ""),
                Cell(g.name),
                *cells,
                Cell(num(g.target, lang) if not g.suppressed else target),
                status_cell(g.status, lang),
            )
        )
    return rows


def _distribution_line(
    view: _view.IndicatorView, lang: str, minimum: int, confidence: float | None
) -> str:
    if view.withheld:
        return f"{view.indicator.name}: {phrase('withheld', lang, n=minimum)}"
    shares = {s: (low, high) for s, low, high in view.shares}
    parts = [
        _with_interval(
            f"{label(s, lang)} {number(n, lang)}",
            shares.get(s),
            confidence,
            lang,
            partial(percent, lang=lang),
        )
        for s, n in view.counts
        if n
    ]
    if view.withheld_statuses:
        parts.append(
            phrase(
                "withheld_together",
                lang,
                statuses=" / ".join(label(s, lang) for s in view.withheld_statuses),
                n=number(view.withheld_count, lang),
            )
        )
    return f"{view.indicator.name}: {' · '.join(parts) if parts else NONE}"


def _conditions_table(view: _view.ResultView, lang: str) -> Block:
    if not view.conditions:
        return Paragraph(phrase("no_conditions", lang))
    rows = []
    for condition, ce in view.conditions:
        state = label(ce.state, lang)
        if ce.recognition_expired:
            state += f", {phrase('recognition_expired', lang)}"
        method = NONE
        if condition.method is not None:
            method = condition.method.name
            if ce.recognition is not None:
                method += f" ({label(ce.recognition, lang)})"
        rows.append(
            (
                Cell(condition.name),
                Cell(label(condition.kind, lang)),
                Cell(state, STATE_TONE[ce.state]),
                Cell(
                    day(ce.assessed_on, lang)
                    if ce.assessed_on
                    else phrase("never", lang)
                ),
                Cell(method),
            )
        )
    return Table(
        (
            phrase("condition", lang),
            phrase("kind", lang),
            phrase("status", lang),
            phrase("assessed_on", lang),
            phrase("method", lang),
        ),
        tuple(rows),
    )


def _result(
    report: Report, view: _view.ResultView, lang: str, *, figures: bool
) -> list[Block]:
    fw = report.framework
    r = view.result
    verdict = view.evaluation.verdict
    confidence = report.evaluation.confidence
    rows = [
        (phrase("level", lang), Cell(label(r.level, lang))),
        (phrase("kind", lang), Cell(label(r.kind, lang))),
    ]
    if r.for_whom:
        rows.append(
            (
                phrase("for_whom", lang),
                Cell(", ".join(label(s, lang) for s in r.for_whom)),
            )
        )
    rows.append(
        (phrase("verdict", lang), Cell(label(verdict, lang), VERDICT_TONE[verdict]))
    )
    if r.responsible:
        rows.append(
            (
                phrase("responsible", lang),
                Cell("; ".join(name_of(fw, p) for p in r.responsible)),
            )
        )
    if r.contributes_to:
        rows.append(
            (
                phrase("contributes_to", lang),
                Cell("; ".join(name_of(fw, x) for x in r.contributes_to)),
            )
        )
    why = shown(view.evaluation.reason, hidden_figures([view]))
    opening = Paragraph(verdict_text(fw, verdict, why, lang))
    out: list[Block] = [Heading(r.statement, 3), opening, Fields(tuple(rows))]
    if r.description:
        out.insert(2, Paragraph(r.description))
    if view.indicators:
        table_rows = [
            row
            for iv in view.indicators
            for row in _indicator_rows(iv, lang, report.min_group, confidence)
        ]
        out.append(
            Table(
                (
                    phrase("indicator", lang),
                    phrase("group", lang),
                    phrase("baseline", lang),
                    phrase("expected", lang),
                    phrase("observed", lang),
                    phrase("target", lang),
                    phrase("status", lang),
                ),
                tuple(table_rows),
                numeric=frozenset({2, 3, 4, 5}),
            )
        )
        micro = [iv for iv in view.indicators if iv.level is Level.MICRO]
        if micro:
            out.append(Heading(phrase("distribution_title", lang), 4))
            out.append(
                Bullets(
                    tuple(
                        _distribution_line(iv, lang, report.min_group, confidence)
                        for iv in micro
                    )
                )
            )
    else:
        out.append(Paragraph(phrase("no_indicators", lang)))
    if figures:
        out += _figures(report, view, lang)
    out.append(Heading(phrase("conditions", lang), 4))
    out.append(_conditions_table(view, lang))
    return out


def _figures(report: Report, view: _view.ResultView, lang: str) -> list[Block]:
    fw, ev = report.framework, report.evaluation
    numeric = [
        iv for iv in view.indicators if iv.indicator.measure is not Measure.QUALITATIVE
    ]
    if not numeric:
        return []
    if view.result.level is Level.MICRO:
        spec = charts.status_distribution(fw, ev, view.result.id, lang=lang)
        return [Figure(str(spec["description"]), spec)]
    out: list[Block] = []
    for iv in numeric:
        if iv.groups and len(iv.groups) > 1:
            spec = charts.neighbourhood_comparison(
                fw, ev, iv.indicator.id, records=report.records, lang=lang
            )
            out.append(Figure(str(spec["description"]), spec))
        if iv.groups:
            spec = charts.indicator_over_time(
                fw,
                report.records,
                iv.indicator.id,
                as_of=report.as_of,
                min_group=report.min_group,
                lang=lang,
            )
            out.append(Figure(str(spec["description"]), spec))
    return out


def _deviations(report: Report, lang: str) -> list[Block]:
    fw = report.framework
    views = _view.deviations(report)
    sure = report.evaluation.confidence is not None
    out: list[Block] = [
        Heading(phrase("deviations", lang), 2),
        Paragraph(phrase("deviations_intro", lang)),
    ]
    for ahead, key, empty in (
        (False, "behind", "none_behind"),
        (True, "ahead", "none_ahead"),
    ):
        chosen = [v for v in views if v.deviation.ahead is ahead]
        out.append(Heading(phrase(key, lang), 3))
        if not chosen:
            out.append(Paragraph(phrase(empty, lang)))
            continue
        rows = []
        for v in chosen:
            d = v.deviation
            group = (
                report.group_name(d.subject)
                if d.subject is not None
                else phrase("residents_n", lang, n=d.subjects)
            )
            if v.withheld:
                figures = (
                    Cell(phrase("withheld", lang, n=report.min_group)),
                    Cell(""),
                    Cell(""),
                )
                group = NONE
            else:
                figures = (
                    Cell(percent(d.progress, lang)),
                    Cell(percent(d.expected_progress, lang)),
                    Cell(signed(d.deviation, lang), "good" if ahead else "bad"),
                )
            rows.append(
                (
                    Cell(name_of(fw, d.indicator)),
                    Cell(group),
                    *figures,
                    Cell(points(d.tolerance, lang, short=True)),
                    *(
                        (Cell("" if v.withheld else _chance(d.distinguishable, lang)),)
                        if sure
                        else ()
                    ),
                )
            )
        out.append(
            Table(
                (
                    phrase("indicator", lang),
                    phrase("group", lang),
                    phrase("progress", lang),
                    phrase("expected_progress", lang),
                    phrase("deviation", lang),
                    phrase("tolerance", lang),
                    *((phrase("chance", lang),) if sure else ()),
                ),
                tuple(rows),
                numeric=frozenset({2, 3, 4, 5}),
            )
        )
    return out


# -- the stories behind the numbers ---------------------------------------------------


def _note_line(report: Report, note: Note, lang: str) -> str:
    fw = report.framework
    about = "; ".join(name_of(fw, x) for x in note.about)
    head = f"{day(note.on, lang)} · {phrase('note_' + note.kind.value, lang)}"
    if note.kind is NoteKind.DECISION and note.decision is not None:
        head += f" '{label(note.decision, lang)}'"
    if note.kind is NoteKind.ASSESSMENT and note.status is not None:
        head += f" ({label(note.status, lang)})"
    if note.subject is not None:
        about += f", {report.group_name(note.subject)}"
    text = f"{head} · {about}"
    if note.text:
        text += f": {note.text}"
    if note.follow_up_by is not None:
        text += f" ({phrase('follow_up_by', lang, day=day(note.follow_up_by, lang))})"
    if note.count > 1:
        text += f" ({phrase('times', lang, n=note.count)})"
    return text


def _notes(report: Report, lang: str) -> list[Block]:
    out: list[Block] = [Heading(phrase("notes", lang), 2)]
    window = report.notes_window
    if window is not None:
        out.append(
            Paragraph(
                phrase(
                    "notes_window",
                    lang,
                    start=day(window.start, lang),
                    end=day(window.end, lang),
                ),
                muted=True,
            )
        )
    if not report.include_observation_notes:
        out.append(Paragraph(phrase("notes_without_observations", lang), muted=True))
    if report.notes:
        out.append(Bullets(tuple(_note_line(report, n, lang) for n in report.notes)))
    else:
        out.append(Paragraph(phrase("notes_empty", lang)))
    return out


# -- whole documents ---------------------------------------------------------------------


def report_blocks(report: Report, lang: str, *, figures: bool) -> list[Block]:
    """The whole report as blocks; with *figures*, the charts' specs too."""
    out = _header(report, lang)
    out += _summary(report, lang)
    out += _agreement(report, lang)
    out.append(Heading(phrase("results", lang), 2))
    if report.evaluation.confidence is not None:
        level = number(round(report.evaluation.confidence * 100, 1), lang)
        out.append(Paragraph(phrase("intervals_intro", lang, level=level), muted=True))
    for view in _view.results(report):
        out += _result(report, view, lang, figures=figures)
    out += _deviations(report, lang)
    if report.cycle is not None:
        out += agenda_blocks(
            report.framework,
            report.agenda,
            report.agenda_withheld,
            lang,
            minimum=report.min_group,
            period=report.period,
            group_name=report.group_name,
        )
    out += _notes(report, lang)
    out.append(Paragraph(phrase("privacy", lang, n=report.min_group), muted=True))
    out.append(
        Paragraph(
            phrase("made_with", lang, version=resultframe.__version__), muted=True
        )
    )
    return out
