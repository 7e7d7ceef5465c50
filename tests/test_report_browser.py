"""The HTML reports in a real browser: headless Chromium, driven over its pipe.

Each report of the bundled example (Dutch and English) is opened in Debian's
Chromium, headless. The test fails on any message the page gives in the console
(a Content-Security-Policy violation, an error, a warning) and when a chart has
an empty bounding box. Chromium is driven through the DevTools protocol over
``--remote-debugging-pipe`` with the standard library only (no driver, no
browser download); the test is skipped, saying why, when no Chromium is found.
``.ci/run`` installs it (``apt-get install chromium``), so CI runs it.

Run as a script, it writes the screenshots shown in the docs::

    PYTHONPATH=src python tests/test_report_browser.py docs/_static
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from resultframe import example
from resultframe.cli.reports import DEMO_CONFIDENCE
from resultframe.report import build_report, charts, render

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
_BOXES = """JSON.stringify(Array.from(document.querySelectorAll('figure svg'), s => {
  const r = s.getBoundingClientRect();
  return {label: s.getAttribute('aria-label'), width: r.width, height: r.height};
}))"""


def find_chromium() -> str | None:
    """The path of a Chromium on this machine, if any (``$CHROMIUM`` first)."""
    named = os.environ.get("CHROMIUM")
    if named:
        return shutil.which(named)
    for name in _CANDIDATES:
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """A headless Chromium spoken to over the DevTools pipe (fds 3 and 4)."""

    def __init__(self, binary: str, profile: str) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        # The child reads commands on fd 3 and writes answers on fd 4; our
        # pipes are not inheritable (PEP 446), so the child gets only those.
        self._proc = subprocess.Popen(  # noqa: S603 - a fixed program and arguments
            [
                binary,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--remote-debugging-pipe",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            close_fds=False,
            preexec_fn=_pipes(to_child_r, from_child_w),  # noqa: PLW1509
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(to_child_r)
        os.close(from_child_w)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []

    def send(self, method: str, session: str | None = None, **params: Any) -> Any:
        """Send one command and return its result (events seen meanwhile are kept)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session is not None:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            answer = self._read()
            if answer.get("id") == self._next:
                if "error" in answer:
                    msg = f"{method}: {answer['error']}"
                    raise RuntimeError(msg)
                return answer.get("result", {})
            self.events.append(answer)

    def wait_for(self, method: str) -> dict[str, Any]:
        """Read until the event *method* arrives; return it."""
        for event in self.events:
            if event.get("method") == method:
                return event
        while True:
            event = self._read()
            self.events.append(event)
            if event.get("method") == method:
                return event

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                msg = "Chromium closed the pipe"
                raise RuntimeError(msg)
            self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\0", 1)
        parsed: dict[str, Any] = json.loads(line)
        return parsed

    def close(self) -> None:
        """End the browser this object started."""
        with contextlib.suppress(RuntimeError):
            self.send("Browser.close")
        try:
            self._proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._proc.kill()
            self._proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


def _pipes(read_end: int, write_end: int) -> Any:
    def place() -> None:
        # In the child: the commands on fd 3, the answers on fd 4 (copied out of
        # the way first, in case a pipe end is itself fd 3 or 4).
        r, w = os.dup(read_end), os.dup(write_end)
        os.dup2(r, 3)
        os.dup2(w, 4)

    return place


def open_page(
    browser: Browser, path: Path, width: int = 1200
) -> tuple[str, list[dict[str, Any]]]:
    """Open *path*; return the session and the console messages it gave."""
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)[
        "sessionId"
    ]
    for domain in ("Page", "Runtime", "Log"):
        browser.send(f"{domain}.enable", session)
    browser.send(
        "Emulation.setDeviceMetricsOverride",
        session,
        width=width,
        height=900,
        deviceScaleFactor=1,
        mobile=False,
    )
    browser.events.clear()
    browser.send("Page.navigate", session, url=path.as_uri())
    browser.wait_for("Page.loadEventFired")
    messages = [
        e
        for e in browser.events
        if e.get("method")
        in {"Runtime.consoleAPICalled", "Runtime.exceptionThrown", "Log.entryAdded"}
    ]
    return session, messages


def boxes(browser: Browser, session: str) -> list[dict[str, Any]]:
    """The bounding box of every chart on the page (evaluated by DevTools)."""
    value = browser.send(
        "Runtime.evaluate", session, expression=_BOXES, returnByValue=True
    )["result"]["value"]
    found: list[dict[str, Any]] = json.loads(value)
    return found


def screenshot(browser: Browser, session: str, height: int) -> bytes:
    """A PNG of the top *height* pixels of the page."""
    metrics = browser.send("Page.getLayoutMetrics", session)["cssContentSize"]
    clip = {
        "x": 0,
        "y": 0,
        "width": metrics["width"],
        "height": min(height, metrics["height"]),
        "scale": 1,
    }
    data = browser.send(
        "Page.captureScreenshot",
        session,
        format="png",
        clip=clip,
        captureBeyondViewport=True,
    )["data"]
    return base64.b64decode(data)


def _demo_page(lang: str, directory: Path) -> Path:
    report = build_report(
        example.framework(lang),
        example.records(lang),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
        # As `resultframe demo` shows it: with 95% intervals.
        confidence=DEMO_CONFIDENCE,
    )
    path = directory / f"report-{lang}.html"
    path.write_text(render(report, "html", lang), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Any:
    binary = find_chromium()
    if binary is None:
        pytest.skip(
            "no Chromium found (install Debian's: apt-get install chromium, or "
            "set CHROMIUM to its path); .ci/run installs it"
        )
    if not charts.available():
        pytest.skip("charts need vl-convert-python (the cli or report extra)")
    chromium = Browser(binary, str(tmp_path_factory.mktemp("chromium-profile")))
    yield chromium
    chromium.close()


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_html_report_opens_cleanly_and_every_chart_has_a_box(
    browser: Browser, lang: str, tmp_path: Path
) -> None:
    page = _demo_page(lang, tmp_path)
    session, messages = open_page(browser, page)
    assert messages == [], f"the page gave console messages: {messages}"
    found = boxes(browser, session)
    assert len(found) == page.read_text(encoding="utf-8").count("<figure>") >= 5
    for box in found:
        assert box["width"] > 0, box
        assert box["height"] > 0, box
    # The charts span the content: as wide as the widest table or more.
    widths = {round(b["width"]) for b in found}
    assert min(widths) >= 1000, widths
    assert screenshot(browser, session, 600).startswith(b"\x89PNG")


def test_a_script_in_the_page_is_refused_and_reported(
    browser: Browser, tmp_path: Path
) -> None:
    # The test can fail: a script against the report's CSP gives a message.
    page = _demo_page("en", tmp_path)
    text = page.read_text(encoding="utf-8")
    page.write_text(
        text.replace("</body>", "<script>console.log('ran')</script></body>"),
        encoding="utf-8",
    )
    _session, messages = open_page(browser, page)
    assert messages, "a blocked script must show up as a console message"


def main(directory: str) -> None:
    """Write the screenshots of the Dutch and the English report to *directory*."""
    binary = find_chromium()
    if binary is None:
        sys.exit("no Chromium found: apt-get install chromium")
    out = Path(directory)
    with tempfile.TemporaryDirectory() as work:
        chromium = Browser(binary, str(Path(work) / "profile"))
        try:
            for lang in ("nl", "en"):
                session, messages = open_page(chromium, _demo_page(lang, Path(work)))
                if messages:
                    sys.exit(f"console messages: {messages}")
                png = screenshot(chromium, session, 2400)
                (out / f"report-{lang}.png").write_bytes(png)
        finally:
            chromium.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/_static")
