"""Blocks as plain text for a terminal (platte tekst): headings underlined, tables aligned.

No colours and no dependencies: a program that wants colour (the command line)
adds it. Charts are left out; text from outside has its control characters
removed, so it cannot steer the terminal.
"""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING, Final

from resultframe.report._blocks import (
    Bullets,
    Fields,
    Figure,
    Heading,
    Paragraph,
    Table,
    one_line,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from resultframe.report._blocks import Block

WIDTH: Final = 88
"""The width text is wrapped to."""

_TABLE_WIDTH: Final = 120
_MIN_COLUMN: Final = 8
_UNDERLINE: Final = {1: "=", 2: "-", 3: "~"}


def _wrap(text: str, width: int, indent: str = "", first: str = "") -> list[str]:
    return textwrap.wrap(
        one_line(text),
        width=width,
        initial_indent=first,
        subsequent_indent=indent,
        break_long_words=True,
        break_on_hyphens=False,
    ) or [first.rstrip()]


def _widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[int]:
    widths = [
        max([len(header[i])] + [len(r[i]) for r in rows]) for i in range(len(header))
    ]
    widths = [max(w, 1) for w in widths]
    # Narrow the widest columns until the table fits.
    while sum(widths) + 2 * (len(widths) - 1) > _TABLE_WIDTH:
        i = max(range(len(widths)), key=widths.__getitem__)
        if widths[i] <= _MIN_COLUMN:
            break
        widths[i] -= 1
    return widths


def _table(block: Table) -> list[str]:
    header = [one_line(h) for h in block.header]
    rows = [[one_line(c.text) for c in row] for row in block.rows]
    widths = _widths(header, rows)
    out = []
    for cells, is_header in [(header, True), *((r, False) for r in rows)]:
        wrapped = [
            textwrap.wrap(c, width=w, break_long_words=True) or [""]
            for c, w in zip(cells, widths, strict=True)
        ]
        for k in range(max(len(w) for w in wrapped)):
            parts = []
            for i, (lines, w) in enumerate(zip(wrapped, widths, strict=True)):
                part = lines[k] if k < len(lines) else ""
                right = i in block.numeric and not is_header
                parts.append(part.rjust(w) if right else part.ljust(w))
            out.append("  ".join(parts).rstrip())
        if is_header:
            out.append("  ".join("-" * w for w in widths))
    return out


def render_text(blocks: Sequence[Block]) -> str:
    """Lay *blocks* out as plain text, ending in a newline."""
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            text = one_line(block.text)
            if lines and block.level < 3:
                lines.append("")
            lines += _wrap(text, WIDTH)
            if block.level in _UNDERLINE:
                lines.append(_UNDERLINE[block.level] * min(len(text), WIDTH))
        elif isinstance(block, Paragraph):
            lines += _wrap(block.text, WIDTH)
        elif isinstance(block, Fields):
            width = max(len(one_line(k)) for k, _ in block.rows) + 2
            for key, cell in block.rows:
                first = (one_line(key) + ":").ljust(width)
                lines += _wrap(cell.text, WIDTH, indent=" " * width, first=first)
        elif isinstance(block, Bullets):
            for item in block.items:
                lines += _wrap(item, WIDTH, indent="  ", first="- ")
        elif isinstance(block, Table):
            lines += _table(block)
        elif isinstance(block, Figure):
            continue
        lines.append("")
    while lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines) + "\n"
