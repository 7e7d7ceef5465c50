"""The agenda of a review and lint advice, as blocks (agenda, adviezen)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from resultframe.report._blocks import Block, Cell, Heading, Paragraph, Table, Tone
from resultframe.report._cells import name_of
from resultframe.report._phrases import NONE, day, percent, phrase
from resultframe.report.labels import label
from resultframe.steering import AgendaItem, AgendaReason

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.schedule import Period
    from resultframe.steering import Advice


def agenda_text(  # noqa: PLR0913
    fw: ResultsFramework,
    item: AgendaItem,
    lang: str,
    *,
    withheld: bool,
    minimum: int,
    period: Period | None,
    group_name: Callable[[str], str] | None = None,
) -> str:
    """Why an agenda item is there, in *lang*, with figures unless withheld."""
    reason = item.reason
    d = item.deviation
    if reason in {AgendaReason.BEHIND, AgendaReason.AHEAD} and d is not None:
        direction = phrase("word_ahead" if d.ahead else "word_behind", lang)
        if d.subject is not None:
            group = group_name(d.subject) if group_name is not None else d.subject
        else:
            group = phrase("residents_n", lang, n=d.subjects)
        if withheld:
            return phrase(
                "why_deviation_withheld",
                lang,
                direction=phrase(
                    "word_ahead_of" if d.ahead else "word_behind_of", lang
                ),
                n=minimum,
            )
        return phrase(
            "why_deviation",
            lang,
            group=group,
            progress=percent(d.progress, lang),
            expected=percent(d.expected_progress, lang),
            gap=percent(abs(d.deviation), lang),
            direction=direction,
            tolerance=percent(d.tolerance, lang),
        )
    if reason is AgendaReason.CONDITION:
        results = "; ".join(
            r.statement for r in fw.results if item.about in r.conditions
        )
        state = label(item.state, lang) if item.state is not None else NONE
        return phrase("why_condition", lang, state=state, results=results or NONE)
    if reason is AgendaReason.UNSUSTAINED:
        return phrase("why_unsustained", lang)
    if reason is AgendaReason.NO_DATA:
        start = day(period.start, lang) if period is not None else NONE
        end = day(period.end, lang) if period is not None else NONE
        return phrase("why_no_data", lang, start=start, end=end)
    decision = item.decision
    if decision is None:  # pragma: no cover - every follow-up has its decision
        return item.why
    about = (
        "; ".join(name_of(fw, x) for x in decision.about)
        if decision.about
        else phrase("whole_cycle", lang)
    )
    text = phrase(
        "why_follow_up",
        lang,
        decision=label(decision.kind, lang),
        about=about,
        day=day(decision.follow_up_by, lang) if decision.follow_up_by else NONE,
    )
    return f"{text}: {decision.rationale}" if decision.rationale else text


def agenda_rows(  # noqa: PLR0913
    fw: ResultsFramework,
    items: Sequence[AgendaItem],
    withheld: Sequence[bool],
    lang: str,
    *,
    minimum: int,
    period: Period | None,
    group_name: Callable[[str], str] | None = None,
) -> tuple[tuple[Cell, ...], ...]:
    """The agenda as table rows: reason, about, why, suggested decisions."""
    rows = []
    for item, hidden in zip(items, withheld, strict=True):
        tone: Tone = (
            "bad"
            if item.reason is AgendaReason.BEHIND
            else ("good" if item.reason is AgendaReason.AHEAD else "warn")
        )
        rows.append(
            (
                Cell(label(item.reason, lang), tone),
                Cell(name_of(fw, item.about)),
                Cell(
                    agenda_text(
                        fw,
                        item,
                        lang,
                        withheld=hidden,
                        minimum=minimum,
                        period=period,
                        group_name=group_name,
                    )
                ),
                Cell(", ".join(label(k, lang) for k in item.suggests)),
            )
        )
    return tuple(rows)


def agenda_blocks(  # noqa: PLR0913
    fw: ResultsFramework,
    items: Sequence[AgendaItem],
    withheld: Sequence[bool],
    lang: str,
    *,
    minimum: int,
    period: Period | None,
    level: int = 2,
    group_name: Callable[[str], str] | None = None,
) -> list[Block]:
    """The agenda section: a heading, what it is for, and the items."""
    out: list[Block] = [Heading(phrase("agenda", lang), level)]
    if period is not None:
        out.append(
            Paragraph(
                phrase(
                    "agenda_intro",
                    lang,
                    start=day(period.start, lang),
                    end=day(period.end, lang),
                )
            )
        )
    if not items:
        out.append(Paragraph(phrase("agenda_empty", lang)))
        return out
    out.append(
        Table(
            (
                phrase("reason", lang),
                phrase("about", lang),
                phrase("why", lang),
                phrase("suggests", lang),
            ),
            agenda_rows(
                fw,
                items,
                withheld,
                lang,
                minimum=minimum,
                period=period,
                group_name=group_name,
            ),
        )
    )
    return out


def lint_blocks(advice: Sequence[Advice], lang: str) -> list[Block]:
    """Lint advice as blocks: a heading, a count and a table."""
    out: list[Block] = [Heading(phrase("lint", lang), 1)]
    if not advice:
        out.append(Paragraph(phrase("lint_empty", lang)))
        return out
    out.append(Paragraph(phrase("lint_n", lang, n=len(advice))))
    tones: dict[str, Tone] = {"error": "bad", "warning": "warn", "info": "neutral"}
    out.append(
        Table(
            (
                phrase("code", lang),
                phrase("severity", lang),
                phrase("about", lang),
                phrase("advice", lang),
            ),
            tuple(
                (
                    Cell(a.code),
                    Cell(label(a.severity, lang), tones.get(a.severity.value)),
                    Cell(a.about),
                    Cell(a.message(lang)),
                )
                for a in advice
            ),
        )
    )
    return out
