"""Charts 2 and 3: residents over statuses, and groups compared (wijkvergelijking)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resultframe.errors import InvalidValue
from resultframe.evaluation import FrameworkEvaluation, IndicatorStatus
from resultframe.model.enums import Level
from resultframe.report import _args, _view
from resultframe.report import _chart_common as common
from resultframe.report._phrases import phrase
from resultframe.report.labels import label

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["neighbourhood_comparison", "status_distribution"]


def status_distribution(
    framework: ResultsFramework,
    evaluation: FrameworkEvaluation,
    result_id: str,
    *,
    lang: str = "en",
) -> dict[str, Any]:
    """The distribution of residents over statuses: a stacked bar per indicator.

    Each bar is 100% of the subjects counted for one indicator of the result
    (residents for a micro result, groups for a meso or macro one). A micro
    indicator with fewer residents with data than the evaluation's
    ``min_group`` is one grey bar marked *suppressed*, without counts; the
    counts withheld one by one (:func:`~resultframe.evaluation.withheld_statuses`,
    applied whether or not the evaluation was protected) are one grey part
    together.

    Raises:
        UnknownId: the evaluation holds no such result.
        InvalidValue: an argument has the wrong type.
    """
    fw = _args.framework(framework)
    ev = common.evaluation(evaluation)
    language = _args.lang(lang)
    re = ev.result(_args.text_id("result_id", result_id))
    result = fw.result(re.result)
    rows: list[dict[str, Any]] = []
    for order, ie in enumerate(re.indicators):
        name = common.wrapped(fw.indicator(ie.indicator).name)
        counts = _view.distribution(ie, ev.min_group)
        if counts is None:
            rows.append(
                {
                    "indicator": name,
                    "order": order,
                    "status": phrase("suppressed", language),
                    "code": common.SUPPRESSED,
                    "count": None,
                    "share": 100.0,
                }
            )
            continue
        total = counts.total
        rows += [
            {
                "indicator": name,
                "order": order,
                "status": label(s, language),
                "code": s.value,
                "count": c,
                "share": 100.0 * c / total,
            }
            for s, c in counts.counts
            if c
        ]
        if counts.withheld_statuses:
            # Counts withheld one by one: one grey part for them together.
            rows.append(
                {
                    "indicator": name,
                    "order": order,
                    "status": phrase("suppressed", language),
                    "code": common.SUPPRESSED,
                    "count": counts.withheld_count,
                    "share": 100.0 * counts.withheld_count / total,
                }
            )
    codes = [s.value for s in IndicatorStatus] + [common.SUPPRESSED]
    present = [c for c in codes if any(r["code"] == c for r in rows)]
    names = {r["code"]: r["status"] for r in rows}
    share = "axis_share" if re.level is Level.MICRO else "axis_share_groups"
    spec = common.base(
        phrase("chart_distribution", language, result=result.statement), "", language
    )
    spec["height"] = {"step": 32}
    spec["data"] = {"values": rows}
    spec["mark"] = {"type": "bar"}
    spec["encoding"] = {
        "y": {
            "field": "indicator",
            "type": "nominal",
            "sort": {"field": "order"},
            "title": phrase("indicator", language),
            "axis": {"labelExpr": common.WRAP_LABEL},
        },
        "x": {
            "field": "share",
            "type": "quantitative",
            "stack": "zero",
            "scale": {"domain": [0, 100]},
            "axis": {"values": list(range(0, 101, 10))},
            "title": phrase(share, language),
        },
        "color": {
            "field": "status",
            "type": "nominal",
            "title": phrase("status", language),
            "scale": {
                "domain": [names[c] for c in present],
                "range": [common.STATUS_COLOURS[c] for c in present],
            },
        },
        "order": {"field": "rank", "type": "quantitative"},
        "tooltip": [
            {"field": "indicator", "type": "nominal"},
            {"field": "status", "type": "nominal", "title": phrase("status", language)},
            {
                "field": "count",
                "type": "quantitative",
                "title": phrase("count", language),
            },
        ],
    }
    for r in rows:
        r["rank"] = codes.index(r["code"])
    return spec


# -- 3. groups compared ----------------------------------------------------------------


def neighbourhood_comparison(  # noqa: PLR0913
    framework: ResultsFramework,
    evaluation: FrameworkEvaluation,
    indicator_id: str,
    *,
    records: Records | None = None,
    level: Level | None = None,
    lang: str = "en",
) -> dict[str, Any]:
    """A meso or macro indicator per group (wijkvergelijking), suppressed groups shown.

    One bar per group (a neighbourhood), coloured by its status; a group the
    roll-up suppressed has no bar but the word *suppressed*, never a zero. A
    dashed rule marks the final target and a dotted one the expected value on
    the evaluation's day (when the indicator has its own baseline).

    Args:
        framework: The framework.
        evaluation: The evaluation the values come from (its roll-up and its
            suppression, taken as they are).
        indicator_id: A meso or macro indicator the evaluation holds.
        records: Where the groups' names come from; without, their ids show.
        level: For a derived indicator, compare the groups on this level of
            its roll-up (such as the neighbourhoods of a macro indicator);
            default the indicator's own level.
        lang: ``"en"`` or ``"nl"``.

    Raises:
        InvalidValue: a micro indicator, a level the roll-up does not have, or
            an argument of the wrong type.
    """
    fw = _args.framework(framework)
    ev = common.evaluation(evaluation)
    language = _args.lang(lang)
    ie = common.find(ev, _args.text_id("indicator_id", indicator_id))
    indicator = fw.indicator(ie.indicator)
    if ie.level is Level.MICRO:
        raise InvalidValue(
            "indicator_id",
            ie.indicator,
            "expected a meso or macro indicator (residents are not compared)",
        )
    names = (
        {s.id: s.name or s.id for s in _args.records(records).subjects}
        if records is not None
        else {}
    )
    chosen = ie.level if level is None else level
    if not isinstance(chosen, Level):
        raise InvalidValue("level", _args.short(level), "expected None or a Level")
    rows: list[dict[str, Any]] = []
    if chosen is ie.level:
        suppressed = (
            {g.subject for g in ie.rollup.at(chosen) if g.suppressed}
            if ie.rollup is not None
            else set()
        )
        for s in ie.subjects:
            hidden = s.subject in suppressed
            status = common.SUPPRESSED if hidden else s.status.value
            rows.append(
                {
                    "group": common.wrapped(names.get(s.subject, s.subject)),
                    "value": None if hidden else s.value,
                    "suppressed": hidden,
                    "code": status,
                    "status": phrase("suppressed", language)
                    if hidden
                    else label(s.status, language),
                }
            )
    else:
        if ie.rollup is None or not ie.rollup.at(chosen):
            raise InvalidValue(
                "level", chosen.value, "expected a level the indicator's roll-up has"
            )
        rows += [
            {
                "group": common.wrapped(names.get(g.subject, g.subject)),
                "value": None if g.suppressed else g.value,
                "suppressed": g.suppressed,
                "code": common.SUPPRESSED if g.suppressed else "published",
                "status": phrase("suppressed", language) if g.suppressed else "",
            }
            for g in ie.rollup.at(chosen)
        ]
    unit = f" ({indicator.unit})" if indicator.unit else ""
    x: dict[str, Any] = {
        "field": "value",
        "type": "quantitative",
        "title": phrase("axis_value", language) + unit,
    }
    # The axis fits the data, the target and the expected value (bars start at
    # zero, so a bar's length is its value).
    y = {
        "field": "group",
        "type": "nominal",
        "title": phrase("group", language),
        "axis": {"labelExpr": common.WRAP_LABEL},
    }
    present = [r for r in rows if not r["suppressed"]]
    codes = sorted({r["code"] for r in present}, key=common.rank)
    colour: dict[str, Any] = (
        {
            "field": "status",
            "type": "nominal",
            "title": phrase("status", language),
            "scale": {
                "domain": [
                    next(r["status"] for r in present if r["code"] == c) for c in codes
                ],
                "range": [common.STATUS_COLOURS.get(c, common.LINE) for c in codes],
            },
        }
        if chosen is ie.level
        else {"value": common.LINE}
    )
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": present},
            "mark": {"type": "bar"},
            "encoding": {
                "x": x,
                "y": y,
                "color": colour,
                "tooltip": [
                    {"field": "group", "type": "nominal", "title": y["title"]},
                    {"field": "value", "type": "quantitative", "title": x["title"]},
                    {
                        "field": "status",
                        "type": "nominal",
                        "title": phrase("status", language),
                    },
                ],
            },
        }
    ]
    # Every bar's value at its end, so a bar of 0 is seen too (as "0").
    layers.append(
        {
            "data": {"values": present},
            "mark": {
                "type": "text",
                "align": "left",
                "dx": 4,
                "color": "#1f2328",
                "fontSize": common.FONT,
            },
            "encoding": {
                "x": {"field": "value", "type": "quantitative"},
                "y": y,
                "text": {"field": "value", "type": "quantitative", "format": ",.1~f"},
            },
        }
    )
    hidden_rows = [
        {"group": r["group"], "status": r["status"]} for r in rows if r["suppressed"]
    ]
    if hidden_rows:
        layers.append(
            {
                "data": {"values": hidden_rows},
                "mark": {
                    "type": "text",
                    "align": "left",
                    "dx": 8,
                    "color": "#636363",
                    "fontStyle": "italic",
                    "fontSize": common.FONT,
                },
                "encoding": {
                    "y": y,
                    "x": {"datum": 0, "type": "quantitative"},
                    "text": {"field": "status"},
                },
            }
        )
    legend = [label(chosen, language)]
    final = indicator.final_target
    expected = _view.expected_on(indicator, ev.as_of)
    for value, what, key, dash, stroke in (
        (
            final.value if final else None,
            "series_target",
            "legend_target",
            [6, 4],
            common.TARGET,
        ),
        (expected, "expected", "legend_expected", [2, 2], common.TRAJECTORY),
    ):
        if value is None:
            continue
        words = phrase(what, language)
        legend.append(phrase(key, language))
        layers.append(
            {
                "data": {"values": [{"value": value, "what": words}]},
                "mark": {
                    "type": "rule",
                    "strokeDash": dash,
                    "strokeWidth": 2,
                    "color": stroke,
                },
                "encoding": {
                    "x": {"field": "value", "type": "quantitative"},
                    "tooltip": [
                        {"field": "what", "type": "nominal"},
                        {"field": "value", "type": "quantitative"},
                    ],
                },
            }
        )
    spec = common.base(
        phrase("chart_comparison", language, indicator=indicator.name),
        "; ".join(legend),
        language,
    )
    spec["height"] = {"step": 32}
    spec["layer"] = layers
    return spec
