"""Blocks as one self-contained HTML file: inline CSS, charts inline as SVG.

The file fetches nothing: no scripts, no style sheets, no fonts, no images from
anywhere. Its Content-Security-Policy says so to the browser too
(``default-src 'none'``), the CSS is in a ``<style>`` element without
``@import`` or ``url()``, and every chart is an ``<svg>`` cleaned of external
references (:func:`resultframe.report._svg.sanitize`). All text from outside is
HTML-escaped.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Final

from resultframe.report import _svg
from resultframe.report._blocks import (
    Bullets,
    Cell,
    Fields,
    Figure,
    Heading,
    Paragraph,
    Table,
    clean,
    one_line,
)
from resultframe.report._phrases import phrase

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resultframe.report._blocks import Block

_POLICY: Final = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"

_CSS: Final = """
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328;
  line-height: 1.45; }
h1 { font-size: 1.8rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.35rem; border-bottom: 1px solid #d0d7de; padding-bottom: 0.2rem;
  margin-top: 2.2rem; }
h3 { font-size: 1.1rem; margin-top: 1.6rem; }
table { border-collapse: collapse; margin: 0.6rem 0 1rem; font-size: 0.92rem; }
th, td { border: 1px solid #d0d7de; padding: 0.25rem 0.55rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.15rem 1rem;
  margin: 0.5rem 0 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
.good { background: #dafbe1; }
.warn { background: #fff8c5; }
.bad { background: #ffebe9; }
.neutral { background: #f6f8fa; }
.muted { color: #656d76; font-size: 0.88rem; }
figure { margin: 1rem 0 1.5rem; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-weight: 600; margin-bottom: 0.4rem; }
figcaption span { display: block; font-weight: normal; color: #656d76;
  font-size: 0.88rem; }
"""


def _e(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _cell(tag: str, cell: Cell, numeric: bool) -> str:
    classes = [c for c in (cell.tone, "num" if numeric else None) if c]
    attr = f' class="{" ".join(classes)}"' if classes else ""
    return f"<{tag}{attr}>{_e(one_line(cell.text))}</{tag}>"


def _table(block: Table) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in block.header)
    rows = "\n".join(
        "<tr>"
        + "".join(_cell("td", c, i in block.numeric) for i, c in enumerate(row))
        + "</tr>"
        for row in block.rows
    )
    return (
        f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>"
    )


def _figure(block: Figure, lang: str, *, draw: bool) -> str:
    """A chart under its caption: the title (and what the lines mean) said once.

    The page says the chart's title in its caption, as text that wraps with the
    page; the drawing itself goes without it, so nothing is said twice.
    """
    head = block.spec.get("title")
    subtitle = head.get("subtitle") if isinstance(head, dict) else None
    if isinstance(subtitle, list):
        subtitle = " ".join(str(s) for s in subtitle)
    more = f"<span>{_e(str(subtitle))}</span>" if subtitle else ""
    caption = f"<figcaption>{_e(block.title)}{more}</figcaption>"
    if not draw:
        return f'<figure>{caption}<p class="muted">{_e(phrase("charts_need_extra", lang))}</p></figure>'
    untitled = {k: v for k, v in block.spec.items() if k != "title"}
    svg = _svg.inline(_svg.to_svg(untitled))
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_e(block.title)}" ', 1)
    return f"<figure>{caption}{svg}</figure>"


def render_html(blocks: Sequence[Block], lang: str, title: str) -> str:
    """Lay *blocks* out as one self-contained HTML document."""
    draw = _svg.available()
    body: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            body.append(f"<h{block.level}>{_e(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            css = ' class="muted"' if block.muted else ""
            body.append(f"<p{css}>{_e(block.text)}</p>")
        elif isinstance(block, Fields):
            items = "\n".join(
                f"<dt>{_e(key)}</dt>{_cell('dd', cell, numeric=False)}"
                for key, cell in block.rows
            )
            body.append(f"<dl>\n{items}\n</dl>")
        elif isinstance(block, Bullets):
            items = "\n".join(f"<li>{_e(item)}</li>" for item in block.items)
            body.append(f"<ul>\n{items}\n</ul>")
        elif isinstance(block, Table):
            body.append(_table(block))
        elif isinstance(block, Figure):
            body.append(_figure(block, lang, draw=draw))
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{_e(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
