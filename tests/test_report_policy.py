"""A report that explains itself: a given evaluation, number conventions, agenda."""

from __future__ import annotations

import pytest

from resultframe import example
from resultframe.errors import InvalidValue
from resultframe.evaluation import evaluate
from resultframe.report import build_report, render


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
