"""Chart 1: an indicator over time, with its trajectory and its targets (verloop)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from resultframe.errors import InvalidValue
from resultframe.evaluation import rollup
from resultframe.model.definitions import Baseline, Indicator
from resultframe.model.enums import Accumulation, Level, Measure
from resultframe.model.schedule import Cadence
from resultframe.report import _args
from resultframe.report import _chart_common as common
from resultframe.report._phrases import phrase

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["indicator_over_time", "timeline"]


def timeline(
    framework: ResultsFramework, indicator: Indicator, as_of: dt.date
) -> tuple[dt.date, ...]:
    """The days a derived indicator is rolled up on for a chart over time.

    The last day of each period of the framework's first feedback cycle (each
    quarter from the agreement's start without one), from the baseline (or the
    agreement's start) up to *as_of*, and *as_of* itself; at most the last 40.
    """
    start = (
        indicator.baseline.on
        if indicator.baseline is not None
        else framework.agreement.period.start
    )
    if framework.cycles:
        cadence = framework.cycles[0].cadence
        anchor = framework.cycles[0].starts_on
    else:
        cadence, anchor = Cadence(months=3), framework.agreement.period.start
    ends: list[dt.date] = []
    if as_of >= anchor:
        # Only the last periods: a daily cycle over years has thousands.
        last = cadence.steps_until(anchor, as_of)
        ends = [
            cadence.step(anchor, k) - dt.timedelta(days=1)
            for k in range(max(1, last - common.MAX_POINTS), last + 1)
        ]
    days = {d for d in ends if start <= d <= as_of} | {as_of}
    if start <= as_of:
        days.add(start)
    return tuple(sorted(days)[-common.MAX_POINTS :])


def _trajectory(
    indicator: Indicator, baseline: Baseline | None
) -> list[dict[str, Any]]:
    if baseline is None:
        return []
    points = [(baseline.on, baseline.value)]
    points += [(t.by, t.value) for t in indicator.targets if t.by > baseline.on]
    if len(points) < 2:
        return []
    return [{"date": common.iso(d), "value": v} for d, v in points]


def _over_time_rows(  # noqa: PLR0913
    framework: ResultsFramework,
    known: Records,
    indicator: Indicator,
    *,
    level: Level,
    subject: str | None,
    days: tuple[dt.date, ...],
    min_group: int,
) -> list[dict[str, Any]]:
    names = {s.id: s.name or s.id for s in known.subjects}
    rows: list[dict[str, Any]] = []
    if indicator.derived_from is not None:
        for day in days:
            roll = rollup(framework, known, indicator.id, day, min_group=min_group)
            for g in roll.at(level):
                if subject is not None and g.subject != subject:
                    continue
                rows.append(
                    {
                        "date": common.iso(day),
                        "group": names.get(g.subject, g.subject),
                        "value": None if g.suppressed else g.value,
                        "suppressed": g.suppressed,
                    }
                )
        return rows
    levels = {s.id: s.level for s in known.subjects}
    chosen = (
        [subject]
        if subject is not None
        else [s for s in known.subjects_of(indicator.id) if levels.get(s) is level]
    )
    since = indicator.baseline.on if indicator.baseline is not None else None
    for s in chosen:
        total = 0.0
        for day, value in known.series(indicator.id, s):
            v = common.number(value)
            if v is None:
                continue
            if indicator.accumulation is Accumulation.SUM:
                if since is not None and day <= since:
                    continue
                total += v
                v = total
            rows.append(
                {
                    "date": common.iso(day),
                    "group": names.get(s, s),
                    "value": v,
                    "suppressed": False,
                }
            )
    return rows


def _subject_baseline(
    known: Records, indicator: Indicator, subject: str, rows: list[dict[str, Any]]
) -> tuple[Baseline | None, tuple[Any, ...]]:
    """A resident's own baseline and targets: from a goal, else the first value."""
    for g in known.goals:
        if g.subject == subject and g.indicator == indicator.id:
            base = g.baseline or indicator.baseline
            return base, (g.target,)
    if indicator.baseline is not None:
        return indicator.baseline, indicator.targets
    if rows and rows[0]["value"] is not None:
        first = Baseline(
            value=rows[0]["value"], on=dt.date.fromisoformat(rows[0]["date"])
        )
        return first, indicator.targets
    return None, indicator.targets


def indicator_over_time(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    indicator_id: str,
    *,
    as_of: dt.date,
    subject: str | None = None,
    days: tuple[dt.date, ...] | None = None,
    min_group: int = 10,
    lang: str = "en",
) -> dict[str, Any]:
    """An indicator over time (verloop), with its trajectory and its targets.

    Observed values are a line per group; the trajectory from the baseline
    through the dated targets is a dashed line; each target is a diamond. A
    derived indicator is rolled up on each of *days* (default: see
    :func:`timeline`) with *min_group*: a suppressed group shows as a dashed
    vertical rule marked *suppressed*, never as a value. A ``sum`` indicator
    shows its running total.

    Args:
        framework: The framework.
        records: The facts; only those dated on or before *as_of* are used.
        indicator_id: The indicator.
        as_of: The last day shown.
        subject: Show only this subject. Required for a micro indicator: a
            resident is shown only when asked for by id.
        days: The days to roll a derived indicator up on.
        min_group: The smallest group shown (default 10).
        lang: ``"en"`` or ``"nl"``.

    Raises:
        InvalidValue: the indicator is qualitative, a micro indicator has no
            *subject*, the subject is on another level, or an argument has the
            wrong type.
        UnknownId: no such indicator or subject.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    day = _args.day("as_of", as_of)
    language = _args.lang(lang)
    minimum = _args.count("min_group", min_group)
    indicator = fw.indicator(_args.text_id("indicator_id", indicator_id))
    level = fw.level_of(indicator.id)
    if indicator.measure is Measure.QUALITATIVE:
        raise InvalidValue(
            "indicator_id", indicator.id, "expected an indicator with numbers"
        )
    known = recs.as_of(day)
    who = _args.optional_id("subject", subject)
    if who is None and level is Level.MICRO:
        raise InvalidValue(
            "subject",
            None,
            "expected a resident's id: a micro indicator is shown over time for "
            "one resident at a time, on request",
        )
    if who is not None and known.subject(who).level is not level:
        raise InvalidValue(
            "subject", who, f"expected a subject on the indicator's {level.value} level"
        )
    chosen_days = (
        tuple(_args.day("days", d) for d in days)
        if days is not None
        else timeline(fw, indicator, day)
    )
    rows = _over_time_rows(
        fw,
        known,
        indicator,
        level=level,
        subject=who,
        days=chosen_days,
        min_group=minimum,
    )
    baseline: Baseline | None = indicator.baseline
    targets = indicator.targets
    if who is not None and indicator.derived_from is None:
        baseline, targets = _subject_baseline(known, indicator, who, rows)
    elif baseline is None and who is not None:
        published = [r for r in rows if r["value"] is not None]
        if published:
            baseline = Baseline(
                value=published[0]["value"],
                on=dt.date.fromisoformat(published[0]["date"]),
            )
    path = _trajectory(_with_targets(indicator, targets), baseline)
    title = phrase("chart_over_time", language, indicator=indicator.name)
    subtitle = ""
    if path or targets:
        subtitle = phrase("legend_over_time" if path else "legend_targets", language)
    spec = common.base(title, subtitle, language)
    spec["height"] = 260
    spec["layer"] = _layers(indicator, rows, path, targets, language)
    return spec


def _axes(indicator: Indicator, lang: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The x axis (days) and y axis (values, on the scale if there is one)."""
    unit = f" ({indicator.unit})" if indicator.unit else ""
    x = {
        "field": "date",
        "type": "temporal",
        "scale": {"type": "utc"},
        "title": phrase("axis_day", lang),
        "axis": {"format": "%b %Y"},
    }
    y: dict[str, Any] = {
        "field": "value",
        "type": "quantitative",
        "title": phrase("axis_value", lang) + unit,
        "scale": {"zero": False},
    }
    if indicator.scale is not None:
        y["scale"] = {"domain": [indicator.scale.lowest, indicator.scale.highest]}
    # Any other axis fits the data (and the targets and trajectory drawn):
    # a percentage that moves between 74 and 82 is not pressed against 100.
    return x, y


def _layers(
    indicator: Indicator,
    rows: list[dict[str, Any]],
    path: list[dict[str, Any]],
    targets: tuple[Any, ...],
    lang: str,
) -> list[dict[str, Any]]:
    """Observed lines, the trajectory, the targets and the suppressed days."""
    x, y = _axes(indicator, lang)
    observed = [r for r in rows if not r["suppressed"]]
    suppressed = [r for r in rows if r["suppressed"]]
    group_title = phrase("group", lang)
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": observed},
            "mark": {"type": "line", "point": True, "color": common.LINE},
            "encoding": {
                "x": x,
                "y": y,
                "color": {"field": "group", "type": "nominal", "title": group_title},
                "tooltip": [
                    {"field": "group", "type": "nominal", "title": group_title},
                    {"field": "date", "type": "temporal", "title": x["title"]},
                    {"field": "value", "type": "quantitative", "title": y["title"]},
                ],
            },
        }
    ]
    if path:
        layers.append(
            {
                "data": {"values": path},
                "mark": {
                    "type": "line",
                    "strokeDash": [6, 4],
                    "color": common.TRAJECTORY,
                },
                "encoding": {"x": x, "y": y},
            }
        )
    if targets:
        layers.append(
            {
                "data": {
                    "values": [
                        {"date": common.iso(t.by), "value": t.value} for t in targets
                    ]
                },
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 90,
                    "color": common.TARGET,
                },
                "encoding": {"x": x, "y": y},
            }
        )
    if suppressed:
        layers += _suppressed_marks(suppressed, x, lang)
    return layers


def _suppressed_marks(
    rows: list[dict[str, Any]], x: dict[str, Any], lang: str
) -> list[dict[str, Any]]:
    """A dotted rule per day on which a group is suppressed, its groups in a tooltip."""
    by_day: dict[str, list[str]] = {}
    for r in rows:
        by_day.setdefault(r["date"], []).append(r["group"])
    word = phrase("suppressed", lang)
    values = [
        {"date": d, "groups": ", ".join(sorted(gs)), "label": word}
        for d, gs in sorted(by_day.items())
    ]
    tooltip = [
        {"field": "date", "type": "temporal", "title": x["title"]},
        {"field": "groups", "type": "nominal", "title": word},
    ]
    return [
        {
            "data": {"values": values},
            "mark": {"type": "rule", "strokeDash": [2, 3], "color": "#969696"},
            "encoding": {"x": x, "tooltip": tooltip},
        },
        {
            "data": {"values": values},
            "mark": {
                "type": "text",
                "angle": 270,
                "align": "left",
                "baseline": "bottom",
                "dx": 4,
                "dy": -2,
                "fontSize": common.FONT,
                "color": "#636363",
            },
            "encoding": {
                "x": x,
                "y": {"value": {"expr": "height"}},
                "text": {"field": "label"},
                "tooltip": tooltip,
            },
        },
    ]


def _with_targets(indicator: Indicator, targets: tuple[Any, ...]) -> Indicator:
    if targets == indicator.targets:
        return indicator
    return Indicator(
        id=indicator.id,
        name=indicator.name,
        measure=Measure.QUANTITY,
        direction=indicator.direction,
        question=indicator.question,
        targets=tuple(targets),
        band=indicator.band,
    )
