"""The agenda of a review and lint advice, as blocks (agenda, adviezen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

from resultframe.report._blocks import Block, Cell, Heading, Paragraph, Table, Tone
from resultframe.report._cells import name_of
from resultframe.report._phrases import NONE, day, percent, phrase, points
from resultframe.report.labels import label
from resultframe.steering import AgendaItem, AgendaReason

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from resultframe.evaluation import Deviation
    from resultframe.model.facts import Decision
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.schedule import Period
    from resultframe.steering import Advice


Withheld: TypeAlias = "bool | tuple[bool, ...]"
"""Whether an agenda item's figures are withheld: for all, or per deviation."""


def withheld_any(flag: Withheld) -> bool:
    """Whether any of an item's figures are withheld."""
    return flag if isinstance(flag, bool) else any(flag)


def agenda_text(  # noqa: PLR0913
    fw: ResultsFramework,
    item: AgendaItem,
    lang: str,
    *,
    withheld: Withheld,
    minimum: int,
    period: Period | None,
    group_name: Callable[[str], str] | None = None,
) -> str:
    """Why an agenda item is there, in *lang*, with figures unless withheld.

    A merged item tells each of its deviations, largest first (*withheld* is
    one flag for all of them or one per deviation), and then the earlier
    decisions about the same id that fall due.
    """
    text = _own_text(
        fw,
        item,
        lang,
        withheld=withheld,
        minimum=minimum,
        period=period,
        group_name=group_name,
    )
    follow = [_follow_up_text(fw, d, lang) for d in item.follow_ups]
    return "; ".join([text, *follow])


def _own_text(  # noqa: PLR0913
    fw: ResultsFramework,
    item: AgendaItem,
    lang: str,
    *,
    withheld: Withheld,
    minimum: int,
    period: Period | None,
    group_name: Callable[[str], str] | None = None,
) -> str:
    """What an item itself says, without the follow-ups merged into it."""
    reason = item.reason
    if reason in {AgendaReason.BEHIND, AgendaReason.AHEAD} and item.deviation:
        merged = item.deviations or (item.deviation,)
        each = (withheld,) * len(merged) if isinstance(withheld, bool) else withheld
        return "; ".join(
            _deviation_text(
                d, lang, withheld=hidden, minimum=minimum, group_name=group_name
            )
            for d, hidden in zip(merged, each, strict=True)
        )
    if reason is AgendaReason.CONDITION:
        results = "; ".join(
            r.statement for r in fw.results if item.about in r.conditions
        )
        state = label(item.state, lang) if item.state is not None else NONE
        return phrase("why_condition", lang, state=state, results=results or NONE)
    if reason is AgendaReason.UNSUSTAINED:
        return phrase("why_unsustained", lang)
    if reason is AgendaReason.DETERIORATED:
        if withheld_any(withheld):
            return phrase("why_deteriorated_withheld", lang, n=minimum)
        return phrase("why_deteriorated", lang, residents=item.residents)
    if reason is AgendaReason.NO_DATA:
        start = day(period.start, lang) if period is not None else NONE
        end = day(period.end, lang) if period is not None else NONE
        return phrase("why_no_data", lang, start=start, end=end)
    decision = item.decision
    if decision is None:  # pragma: no cover - every follow-up has its decision
        return item.why
    return _follow_up_text(fw, decision, lang)


def _follow_up_text(fw: ResultsFramework, decision: Decision, lang: str) -> str:
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


def _deviation_text(
    d: Deviation,
    lang: str,
    *,
    withheld: bool,
    minimum: int,
    group_name: Callable[[str], str] | None,
) -> str:
    direction = phrase("word_ahead" if d.ahead else "word_behind", lang)
    if d.subject is not None:
        group = group_name(d.subject) if group_name is not None else d.subject
    else:
        group = phrase("residents_n", lang, n=d.subjects)
    if withheld:
        return phrase(
            "why_deviation_withheld",
            lang,
            direction=phrase("word_ahead_of" if d.ahead else "word_behind_of", lang),
            n=minimum,
        )
    return phrase(
        "why_deviation",
        lang,
        group=group,
        progress=percent(d.progress, lang),
        expected=percent(d.expected_progress, lang),
        gap=points(abs(d.deviation), lang),
        direction=direction,
        tolerance=points(d.tolerance, lang),
    )


def suggestion(item: AgendaItem, lang: str) -> str:
    """What an item asks for first, then the decisions it suggests, in *lang*."""
    parts = [label(item.asks, lang)] if item.asks is not None else []
    parts += [label(k, lang) for k in item.suggests]
    return ", ".join(parts) or NONE


def agenda_rows(  # noqa: PLR0913
    fw: ResultsFramework,
    items: Sequence[AgendaItem],
    withheld: Sequence[Withheld],
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
                Cell(suggestion(item, lang)),
            )
        )
    return tuple(rows)


def agenda_blocks(  # noqa: PLR0913
    fw: ResultsFramework,
    items: Sequence[AgendaItem],
    withheld: Sequence[Withheld],
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
