"""A report that explains itself: a given evaluation, number conventions, agenda."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from resultframe import example
from resultframe.cli import main
from resultframe.errors import InvalidValue
from resultframe.evaluation import evaluate, protect
from resultframe.example._texts import FRAMEWORK_NL, RECORDS_NL, framework_texts
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
    # What a report shows is the given evaluation with nothing left of groups
    # too small to publish (protect is applied, never a second evaluation).
    assert report.evaluation == protect(given)
    assert report.evaluation.protected
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
    # A no-break space between the sign and the amount: "€ 3.420.000,00".
    assert money(Decimal(3420000), "EUR", "nl") == "€\u00a03.420.000,00"
    assert money(Decimal(3420000), "EUR", "en") == "€3,420,000.00"
    assert money(Decimal("-12.5"), "USD", "en") == "-USD\u00a012.50"
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


# -- the example in two languages -------------------------------------------------------


def _words(*texts: str) -> set[str]:
    return {w.lower() for t in texts for w in re.findall(r"[^\W\d_]{3,}", t)}


def _english_only() -> set[str]:
    """Words of the example's English texts that its Dutch texts never use."""
    english = _words(
        *framework_texts(example.framework("en")).values(), *RECORDS_NL.keys()
    )
    dutch = _words(*FRAMEWORK_NL.values(), *RECORDS_NL.values())
    return english - dutch


def test_every_text_of_the_example_has_its_dutch_version() -> None:
    en, nl = example.framework("en"), example.framework("nl")
    assert set(framework_texts(en)) == set(FRAMEWORK_NL)
    same = {k for k, v in framework_texts(nl).items() if v == framework_texts(en)[k]}
    assert same == {"name", "party:wijkteams.name"}  # proper names
    # The same ids and figures: the evaluations agree but for the texts.
    ev_en = evaluate(en, example.records("en"), example.AS_OF, cycle=example.CYCLE)
    ev_nl = evaluate(nl, example.records("nl"), example.AS_OF, cycle=example.CYCLE)
    assert ev_en == ev_nl
    assert example.records("nl").check(nl) == ()


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_the_dutch_demo_has_no_english_words_from_the_example(fmt: str) -> None:
    english = _english_only()
    assert {"residents", "support", "neighbourhood", "story"} <= english
    report = build_report(
        example.framework("nl"),
        example.records("nl"),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        include_observation_notes=True,
    )
    page = render(report, fmt, "nl", charts=False)
    if fmt == "html":
        page = re.sub(r"<[^>]+>", " ", page.split("<body", 1)[1])
    assert sorted(_words(page) & english) == []


def test_the_english_demo_shows_the_english_texts() -> None:
    report = build_report(
        example.framework("en"),
        example.records("en"),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
    )
    text = render(report, "text", "en")
    assert "Residents reach the goals of their own support plan" in text
    assert "ondersteuningsplan" not in text


def test_the_example_refuses_an_unknown_language() -> None:
    with pytest.raises(InvalidValue, match="lang"):
        example.framework("de")


def test_the_demo_command_speaks_the_language_asked_for(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--lang", "nl"]) == 0
    dutch = capsys.readouterr().out
    assert "Inwoners bereiken de doelen van hun eigen ondersteuningsplan" in dutch
    assert "Kwartaalgesprek met de gemeente" in dutch
    assert main(["demo", "--lang", "en"]) == 0
    english = capsys.readouterr().out
    assert "Quarterly review with the municipality" in english
