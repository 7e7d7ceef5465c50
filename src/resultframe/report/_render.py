"""Rendering (weergeven): a report, an agenda or lint advice in a format and language."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resultframe.errors import InvalidValue
from resultframe.report import _args, _json
from resultframe.report._blocks import Figure
from resultframe.report._compose import report_blocks
from resultframe.report._html import render_html
from resultframe.report._markdown import render_markdown
from resultframe.report._model import Report
from resultframe.report._phrases import phrase
from resultframe.report._steering import agenda_blocks, lint_blocks
from resultframe.report._text import render_text
from resultframe.report._view import deviation_withheld
from resultframe.steering import Advice, AgendaItem

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records
    from resultframe.model.schedule import Period
    from resultframe.report._blocks import Block

__all__ = ["render", "render_agenda", "render_lint"]


def _lay_out(blocks: Sequence[Block], fmt: str, lang: str, title: str) -> str:
    if fmt == "text":
        return render_text(blocks)
    if fmt == "markdown":
        return render_markdown(blocks)
    return render_html(blocks, lang, title)


def render(
    report: Report,
    format: str = "text",  # noqa: A002 - the name the command line uses too
    lang: str = "en",
    *,
    charts: bool = True,
) -> str:
    """Render a report as ``text``, ``markdown``, ``html`` or ``json``, in ``en`` or ``nl``.

    Text is for a terminal (no colours), Markdown is GitHub-flavoured, HTML is
    one self-contained file (charts inline as SVG with the ``report`` extra),
    JSON a ``resultframe/report`` document.

    Args:
        report: What to render (see :func:`~resultframe.report.build_report`).
        format: ``"text"``, ``"markdown"``, ``"html"`` or ``"json"``.
        lang: ``"en"`` (English) or ``"nl"`` (Dutch).
        charts: Include the charts (HTML: as SVG; JSON: their Vega-Lite specs).

    Raises:
        InvalidValue: an unknown format or language, or *report* is not a
            :class:`~resultframe.report.Report`.
    """
    if not isinstance(report, Report):
        raise InvalidValue("report", _args.short(report), "expected a Report")
    fmt = _args.output_format(format)
    language = _args.lang(lang)
    draw = _args.flag("charts", charts) and fmt in {"html", "json"}
    blocks = report_blocks(report, language, figures=draw)
    if fmt == "json":
        specs: list[dict[str, Any]] = [
            {"title": b.title, "spec": b.spec} for b in blocks if isinstance(b, Figure)
        ]
        return _json.dumps(_json.report_document(report, language, specs))
    title = f"{report.framework.name} · {phrase('title', language)}"
    return _lay_out(blocks, fmt, language, title)


def _items(value: object) -> tuple[AgendaItem, ...]:
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise InvalidValue(
            "items", _args.short(value), "expected a sequence of AgendaItem"
        )
    items = tuple(value)
    for i, item in enumerate(items):
        if not isinstance(item, AgendaItem):
            raise InvalidValue(
                f"items[{i}]", _args.short(item), "expected an AgendaItem"
            )
    return items


def render_agenda(  # noqa: PLR0913
    framework: ResultsFramework,
    items: Sequence[AgendaItem],
    format: str = "text",  # noqa: A002
    lang: str = "en",
    *,
    period: Period | None = None,
    min_group: int = 10,
    records: Records | None = None,
) -> str:
    """Render a review's agenda (from :func:`resultframe.steering.agenda`).

    The figures of a deviation that stands for fewer than *min_group* residents
    together (a micro indicator) are withheld.

    Args:
        framework: The framework the items are about (for names).
        items: The agenda items.
        format: ``"text"``, ``"markdown"``, ``"html"`` or ``"json"``.
        lang: ``"en"`` or ``"nl"``.
        period: The period under review, said in the heading.
        min_group: The smallest group whose figures are shown.
        records: Where the names of neighbourhoods come from; without, their
            ids are shown.

    Raises:
        InvalidValue: an argument has the wrong type or value.
    """
    fw = _args.framework(framework)
    chosen = _items(items)
    fmt = _args.output_format(format)
    language = _args.lang(lang)
    when = _args.period(period)
    minimum = _args.count("min_group", min_group)
    names = (
        {s.id: s.name or s.id for s in _args.records(records).subjects}
        if records is not None
        else {}
    )

    def group_name(subject: str) -> str:
        return names.get(subject, subject)

    withheld = tuple(
        tuple(deviation_withheld(d, minimum) for d in item.deviations)
        if item.deviations
        else item.deviation is not None and deviation_withheld(item.deviation, minimum)
        for item in chosen
    )
    if fmt == "json":
        return _json.dumps(
            {
                "format": "resultframe/agenda",
                "version": _json.VERSION,
                "lang": language,
                "framework": {"id": fw.id, "name": fw.name},
                "period": _json.plain(when),
                "items": _json.agenda_items(
                    fw,
                    chosen,
                    withheld,
                    language,
                    minimum=minimum,
                    period=when,
                    group_name=group_name,
                ),
            }
        )
    blocks = agenda_blocks(
        fw,
        chosen,
        withheld,
        language,
        minimum=minimum,
        period=when,
        level=1,
        group_name=group_name,
    )
    title = f"{fw.name} · {phrase('agenda', language)}"
    return _lay_out(blocks, fmt, language, title)


def render_lint(
    advice: Sequence[Advice],
    format: str = "text",  # noqa: A002
    lang: str = "en",
) -> str:
    """Render lint advice (from :func:`resultframe.steering.lint`).

    Raises:
        InvalidValue: an argument has the wrong type or value.
    """
    if isinstance(advice, str | bytes) or not hasattr(advice, "__iter__"):
        raise InvalidValue(
            "advice", _args.short(advice), "expected a sequence of Advice"
        )
    chosen = tuple(advice)
    for i, a in enumerate(chosen):
        if not isinstance(a, Advice):
            raise InvalidValue(f"advice[{i}]", _args.short(a), "expected an Advice")
    fmt = _args.output_format(format)
    language = _args.lang(lang)
    if fmt == "json":
        return _json.dumps(_json.lint_document(chosen, language))
    return _lay_out(
        lint_blocks(chosen, language), fmt, language, phrase("lint", language)
    )
