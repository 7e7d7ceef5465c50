"""The report of the bundled example: the demo's HTML is safe, complete and offline."""

from __future__ import annotations

import html.parser
import json
import re
import socket
import urllib.request

import pytest

from resultframe import example
from resultframe.report import Report, build_report, render


class _Page(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.unbalanced: list[str] = []
        self.tags: dict[str, int] = {}
        self.references: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name.endswith(("href", "src")) or "url(" in (value or ""):
                self.references.append(f"{name}={value}")
        if tag != "meta":
            self.stack.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag != "meta":
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.unbalanced.append(tag)


@pytest.fixture(scope="module")
def demo() -> Report:
    return build_report(
        example.framework(),
        example.records(),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
    )


def test_demo_html_parses_has_svg_charts_and_requests_nothing(
    demo: Report, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        msg = f"network use while rendering: {args!r}"
        raise AssertionError(msg)

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    document = render(demo, "html", "nl")
    page = _Page()
    page.feed(document)
    page.close()
    assert page.unbalanced == []
    assert page.stack == []
    assert page.tags.get("svg", 0) >= 3
    assert page.references == []
    assert "script" not in page.tags
    assert "link" not in page.tags
    assert not re.search(r"https?://|@import", document)


def test_demo_report_shows_every_part(demo: Report) -> None:
    text = render(demo, "text", "en")
    cycle = example.framework().cycle(example.CYCLE)
    covered = [r for r in example.framework().results if cycle.covers(r.id)]
    assert [r.result for r in demo.evaluation.results] == [r.id for r in covered]
    for r in covered:
        assert r.statement.split()[0] in text
    for part in (
        "The agreement",
        "Results",
        "Deviations",
        "Behind the trajectory",
        "Ahead of the trajectory",
        "Agenda",
        "The stories behind the numbers",
    ):
        assert f"\n{part}\n" in text
    assert demo.agenda
    assert demo.notes


def test_demo_report_names_no_resident(demo: Report) -> None:
    resident = re.compile(r"inw-\d{5}")
    for fmt in ("text", "markdown", "json"):
        assert not resident.search(render(demo, fmt, "nl")), fmt
    doc = json.loads(render(demo, "json", "en", charts=False))
    assert doc["format"] == "resultframe/report"
