"""A report that explains itself: a given evaluation, number conventions, agenda."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from resultframe import example
from resultframe.errors import InvalidValue
from resultframe.evaluation import evaluate
from resultframe.report import build_report, render
from resultframe.report._phrases import day, money, number, phrase, points


def test_build_report_renders_the_evaluation_it_is_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fw, recs = example.framework(), example.records()
    given = evaluate(fw, recs, example.AS_OF, cycle=example.CYCLE)

    def refuse(*args: object, **kwargs: object) -> None:
        msg = "build_report evaluated a second time"
        raise AssertionError(msg)

    monkeypatch.setattr("resultframe.report._model.evaluate", refuse)
    report = build_report(
        fw, recs, example.AS_OF, cycle=example.CYCLE, evaluation=given
    )
    assert report.evaluation is given
    assert render(report, "text", "en")


def test_build_report_refuses_an_evaluation_of_another_day_or_cycle() -> None:
    fw, recs = example.framework(), example.records()
    other_day = evaluate(fw, recs, example.AS_OF.replace(day=1), cycle=example.CYCLE)
    with pytest.raises(InvalidValue) as info:
        build_report(fw, recs, example.AS_OF, evaluation=other_day)
    message = str(info.value)
    assert "as_of" in message
    assert "cycle" in message
    with pytest.raises(InvalidValue, match="evaluation"):
        build_report(fw, recs, example.AS_OF, evaluation="ev")  # type: ignore[arg-type]


# -- number conventions ---------------------------------------------------------------


def test_money_and_numbers_follow_each_language() -> None:
    assert money(Decimal(3420000), "EUR", "nl") == "€ 3.420.000,00"
    assert money(Decimal(3420000), "EUR", "en") == "€3,420,000.00"
    assert money(Decimal("-12.5"), "USD", "en") == "-USD 12.50"
    assert number(43.9, "nl") == "43,9"
    assert number(43.9, "en") == "43.9"
    assert day(dt.date(2026, 9, 30), "nl") == "30 september 2026"
    assert day(dt.date(2026, 9, 30), "en") == "30 September 2026"
    # From 40% to 52%: 12 percentage points, never "12%".
    assert points(0.52 - 0.40, "nl") == "12 procentpunt"
    assert points(0.52 - 0.40, "en") == "12 percentage points"
    assert points(0.01, "en") == "1 percentage point"
    assert points(-0.07, "nl", sign=True, short=True) == "-7 pp"
    assert points(0.0, "en", sign=True, short=True) == "0 pp"
    assert phrase("residents_n", "nl", n=2377) == "2.377 inwoners"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_difference_of_percentages_is_written_with_a_percent_sign(lang: str) -> None:
    report = build_report(
        example.framework(),
        example.records(),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
    )
    text = render(report, "text", lang)
    # A signed percentage ("+12%", "-7%") is a difference: it must be in pp.
    assert not re.search(r"[+\-\u2212]\d+%", text)
    word = "procentpunt" if lang == "nl" else "percentage points"
    assert word in text
