"""Reports give every verdict its reason, in the reader's language and in points."""

from __future__ import annotations

import json
import re

import pytest

from resultframe import example
from resultframe.report import build_report, render


def _demo(lang: str, min_group: int = 10) -> str:
    report = build_report(
        example.framework(lang=lang),
        example.records(lang=lang),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        min_group=min_group,
    )
    return render(report, "text", lang)


def test_the_dutch_demo_opens_the_negative_result_with_its_reason() -> None:
    text = " ".join(_demo("nl").split())
    # Huisvesting: progress 13% against 48% expected; 0.1265 - 0.4788 = -0.35,
    # 35 procentpunt behind with a tolerance of 10 procentpunt.
    assert (
        "negatief: ZRM 2017: Huisvesting ligt 35 procentpunt achter op het "
        "verwachte verloop (voortgang 13% tegen 48% verwacht, marge 10 procentpunt)"
    ) in text
    assert "niet geborgd: " in text
    summary = text[text.index("Samenvatting") : text.index("De afspraak")]
    assert "Vraagt eerst om een besluit" in summary
    # The negative result comes before the unsustained one.
    assert summary.index("negatief:") < summary.index("niet geborgd:")


def test_the_english_demo_says_the_same_in_english() -> None:
    text = " ".join(_demo("en").split())
    assert "negative: " in text
    assert "is 35 percentage points behind its expected course" in text
    assert "Needs a decision first" in text
    assert "procentpunt" not in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_result_opens_with_its_verdict_and_reason(lang: str) -> None:
    report = build_report(
        example.framework(lang=lang),
        example.records(lang=lang),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
    )
    data = json.loads(render(report, "json", lang))
    for result in data["results"]:
        assert result["reason"]["code"].startswith(f"verdict_{result['verdict']}")
        assert result["reason_text"].startswith(result["verdict_label"] + ": ")
        for indicator in result["indicators"]:
            assert indicator["reason"]["code"]
        for condition in result["conditions"]:
            assert condition["reason"]["code"]
    # No deviation of progress is written with "%" after a sign.
    assert not re.search(r"[+-]\d+ ?%", render(report, "text", lang))


def test_withheld_figures_stay_out_of_reasons() -> None:
    report = build_report(
        example.framework(),
        example.records(),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        min_group=100_000,
    )
    data = json.loads(render(report, "json", "nl"))
    first = data["results"][0]
    # Protected: the micro indicators are withheld, so no verdict can be given.
    assert first["verdict"] == "undetermined"
    assert first["reason"]["code"] == "verdict_undetermined_suppressed"
    assert first["reason"]["progress"] is None
    assert "afgeschermd" in first["reason_text"]
    reasons = [
        r
        for res in data["evaluation"]["results"]
        for r in [res.get("reason"), *res.get("indicator_reasons", [])]
        if r is not None and r.get("indicator", "").startswith("zrm")
    ]
    assert reasons
    assert all("progress" not in r for r in reasons)
