"""Chart 4: one resident's ZRM profile on two days (ZRM-profiel)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resultframe.errors import InvalidValue
from resultframe.instruments import zrm
from resultframe.report import _args
from resultframe.report import _chart_common as common
from resultframe.report._phrases import phrase

if TYPE_CHECKING:
    import datetime as dt

    from resultframe.model.records import Records

__all__ = ["zrm_profile"]


def zrm_profile(  # noqa: PLR0913
    records: Records,
    subject: str,
    first: dt.date,
    second: dt.date,
    *,
    version: zrm.ZrmVersion = zrm.ZrmVersion.V2017,
    prefix: str = "",
    lang: str = "en",
) -> dict[str, Any]:
    """One resident's ZRM profile on two days: a score per life domain (ZRM-profiel).

    Each domain is a row; the latest score on or before each day is a dot,
    and a grey line joins the two. A domain without a score (never scored, or
    "onbesproken") has no dot: it is not a zero. This shows one resident's
    scores, so it is made only for the *subject* the caller names.

    Args:
        records: The facts.
        subject: The resident's pseudonymous id.
        first: The first day.
        second: The second day, after *first*.
        version: The ZRM version of the indicators.
        prefix: The prefix of the indicators' ids (see
            :func:`resultframe.instruments.zrm.indicators`).
        lang: ``"en"`` or ``"nl"``.

    Raises:
        InvalidValue: *second* is not after *first*, or an argument has the
            wrong type.
        UnknownId: the records have no such subject.
    """
    recs = _args.records(records)
    who = _args.text_id("subject", subject)
    a = _args.day("first", first)
    b = _args.day("second", second)
    language = _args.lang(lang)
    if b <= a:
        raise InvalidValue("second", b, f"expected a day after first ({a})")
    recs.subject(who)
    days = (
        (a, zrm.profile(recs, who, a, version, prefix=prefix)),
        (b, zrm.profile(recs, who, b, version, prefix=prefix)),
    )
    points: list[dict[str, Any]] = []
    lines: list[dict[str, Any]] = []
    for order, d in enumerate(zrm.domains(version)):
        name = d.label(language)
        scores = [(day, p.score(d)) for day, p in days]
        points += [
            {
                "domain": name,
                "order": order,
                "date": common.iso(day),
                "score": v,
                "label": zrm.point_label(v, language),
            }
            for day, v in scores
            if v is not None
        ]
        if all(v is not None for _, v in scores):
            lines.append(
                {
                    "domain": name,
                    "order": order,
                    "from": scores[0][1],
                    "to": scores[1][1],
                }
            )
    y = {
        "field": "domain",
        "type": "nominal",
        "sort": {"field": "order"},
        "title": phrase("axis_domain", language),
    }
    x = {
        "field": "score",
        "type": "quantitative",
        "scale": {"domain": [1, 5]},
        "axis": {"values": [1, 2, 3, 4, 5], "format": "d"},
        "title": (
            f"{phrase('axis_score', language)} (1 = {zrm.point_label(1, language)}, "
            f"5 = {zrm.point_label(5, language)})"
        ),
    }
    spec = common.base(
        phrase("chart_zrm", language) + f" ZRM {version.value}", who, language
    )
    spec["height"] = {"step": 22}
    spec["layer"] = [
        {
            "data": {"values": lines},
            "mark": {"type": "rule", "color": "#bdbdbd", "strokeWidth": 2},
            "encoding": {"y": y, "x": {**x, "field": "from"}, "x2": {"field": "to"}},
        },
        {
            "data": {"values": points},
            "mark": {"type": "point", "filled": True, "size": 90},
            "encoding": {
                "y": y,
                "x": x,
                "color": {
                    "field": "date",
                    "type": "ordinal",
                    "title": phrase("axis_day", language),
                    "scale": {"range": ["#9ecae1", "#08519c"]},
                },
                "tooltip": [
                    {"field": "domain", "type": "nominal", "title": y["title"]},
                    {
                        "field": "date",
                        "type": "nominal",
                        "title": phrase("axis_day", language),
                    },
                    {
                        "field": "score",
                        "type": "quantitative",
                        "title": phrase("axis_score", language),
                    },
                    {"field": "label", "type": "nominal"},
                ],
            },
        },
    ]
    return spec
