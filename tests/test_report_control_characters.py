"""Every C0 control character in every text of a framework: the report still renders.

The chart renderer aborts the whole Python process (a panic, not an exception) on
a character XML cannot hold, so the rendering runs in a subprocess: a crash shows
up as its exit status instead of taking the test run down with it.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

pytest.importorskip("vl_convert")

SCRIPT = textwrap.dedent(
    """
    from resultframe import example
    from resultframe.report import build_report, render
    from resultframe.serialization import from_dict, to_dict

    # Free texts of the model (ids must match their pattern and stay as they are).
    TEXTS = {"name", "statement", "description", "purpose", "context", "requirement",
             "note", "label", "rationale", "unit"}
    C0 = "".join(chr(i) for i in range(32))

    def dirty(node, key=None):
        if isinstance(node, dict):
            return {k: dirty(v, k) for k, v in node.items()}
        if isinstance(node, list):
            return [dirty(v, key) for v in node]
        if isinstance(node, str) and key in TEXTS:
            return "A" + C0 + node + C0
        return node

    framework = from_dict(dirty(to_dict(example.framework())), kind="framework")
    assert C0 in framework.name and C0 in framework.results[0].statement
    report = build_report(framework, example.records(), example.AS_OF,
                          cycle=example.CYCLE)
    for lang in ("en", "nl"):
        html = render(report, "html", lang=lang)
        assert "<svg" in html, "charts are drawn"
        bad = sorted({hex(ord(c)) for c in html if ord(c) < 32 and c not in "\\t\\n\\r"})
        assert not bad, bad
        for fmt in ("text", "markdown"):
            out = render(report, fmt, lang=lang)
            bad = sorted({hex(ord(c)) for c in out if ord(c) < 32 and c not in "\\t\\n"})
            assert not bad, (fmt, bad)
    print("ok")
    """
)


def test_every_c0_character_in_every_text_field_renders_safely() -> None:
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip() == "ok"
