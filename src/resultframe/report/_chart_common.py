"""What every chart shares: the spec's frame, colours, and small helpers."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Any, Final

from resultframe.errors import InvalidValue
from resultframe.evaluation import (
    FrameworkEvaluation,
    IndicatorEvaluation,
    IndicatorStatus,
)
from resultframe.report import _args
from resultframe.report._phrases import vega_locale

if TYPE_CHECKING:
    import datetime as dt

SCHEMA: Final = "https://vega.github.io/schema/vega-lite/v5.json"
"""The ``$schema`` of every spec (an identifier; nothing is fetched from it)."""

SUPPRESSED: Final = "suppressed"
"""The status code of a group withheld for privacy in chart data."""

STATUS_COLOURS: Final[dict[str, str]] = {
    IndicatorStatus.ACHIEVED.value: "#1b7837",
    IndicatorStatus.AHEAD.value: "#5aae61",
    IndicatorStatus.ON_TRACK.value: "#a6dba0",
    IndicatorStatus.IMPROVED.value: "#b8e186",
    IndicatorStatus.STABLE.value: "#d9d9d9",
    IndicatorStatus.BEHIND.value: "#fdb863",
    IndicatorStatus.WORSENED.value: "#e08214",
    IndicatorStatus.DETERIORATED.value: "#b2182b",
    IndicatorStatus.NO_DATA.value: "#f0f0f0",
    IndicatorStatus.NARRATIVE.value: "#9e9ac8",
    SUPPRESSED: "#969696",
}
"""The colour of each status (and of *suppressed*), the same in every chart."""

LINE: Final = "#2166ac"
"""The colour of observed values."""
TRAJECTORY: Final = "#6e7781"
"""The colour of the expected trajectory."""
TARGET: Final = "#b35806"
"""The colour of targets."""
MAX_POINTS: Final = 40
"""The most days a chart over time rolls up on."""
WIDTH: Final = 1000
"""The width of every chart in pixels, legend and labels included: about the
width of the HTML report's content, which scales the SVG to fill it."""
FONT: Final = 12
"""The smallest text in a chart, in pixels (at :data:`WIDTH`)."""
LABEL_WIDTH: Final = 30
"""The most characters on one line of an axis label; longer names wrap."""
_TITLE_WIDTH: Final = 100


def lines(text: str) -> str | list[str]:
    """*text* as one line, or as several lines when it is long (Vega wraps nothing)."""
    wrapped = textwrap.wrap(" ".join(text.split()), _TITLE_WIDTH) or [""]
    return wrapped[0] if len(wrapped) == 1 else wrapped


def wrapped(name: str) -> str:
    """*name* with a line break wherever an axis label of it should wrap.

    Axes show it with :data:`WRAP_LABEL` (Vega cuts a long label short otherwise).
    """
    return "\n".join(textwrap.wrap(" ".join(name.split()), LABEL_WIDTH) or [""])


WRAP_LABEL: Final = "split(datum.label, '\\n')"
"""A Vega ``labelExpr`` that shows a :func:`wrapped` label on several lines."""


def base(title: str, subtitle: str, lang: str) -> dict[str, Any]:
    """A spec's frame: schema, title (and subtitle), width and the locale of *lang*.

    The chart is :data:`WIDTH` wide in all (``autosize: fit``), its text at
    least :data:`FONT` pixels; labels are never cut short.
    """
    head: dict[str, Any] = {"text": lines(title), "anchor": "start"}
    if subtitle:
        head["subtitle"] = lines(subtitle)
    return {
        "$schema": SCHEMA,
        "description": title,
        "title": head,
        "width": WIDTH,
        "autosize": {"type": "fit-x", "contains": "padding"},
        "config": {
            "locale": vega_locale(lang),
            "font": "sans-serif",
            "title": {
                "fontSize": FONT + 3,
                "subtitleFont": "sans-serif",
                "subtitleFontSize": FONT + 1,
                "subtitleColor": "#57606a",
            },
            "axis": {
                "labelFontSize": FONT,
                "titleFontSize": FONT + 1,
                "labelLimit": 0,
            },
            "legend": {
                "labelFontSize": FONT,
                "titleFontSize": FONT + 1,
                "labelLimit": 0,
            },
            "text": {"fontSize": FONT},
            "view": {"stroke": None},
        },
    }


def iso(day: dt.date) -> str:
    """A day as ISO text, as Vega reads dates."""
    return day.isoformat()


def number(value: float | bool | str) -> float | None:
    """An observed value as a number (a bool as 0 or 1), None for a text."""
    if isinstance(value, str):
        return None
    return float(value)


def find(evaluation: FrameworkEvaluation, indicator_id: str) -> IndicatorEvaluation:
    """The evaluation of one indicator in a framework's evaluation."""
    for r in evaluation.results:
        for i in r.indicators:
            if i.indicator == indicator_id:
                return i
    raise InvalidValue(
        "indicator_id",
        indicator_id,
        "expected an indicator the evaluation holds (one of the evaluated results)",
    )


def evaluation(value: object) -> FrameworkEvaluation:
    """Return *value* if it is a framework's evaluation."""
    if not isinstance(value, FrameworkEvaluation):
        raise InvalidValue(
            "evaluation", _args.short(value), "expected a FrameworkEvaluation"
        )
    return value


def rank(code: str) -> int:
    """The place of a status code in the order of :class:`IndicatorStatus`."""
    codes = [s.value for s in IndicatorStatus]
    return codes.index(code) if code in codes else len(codes)
