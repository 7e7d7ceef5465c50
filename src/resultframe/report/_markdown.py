"""Blocks as GitHub-flavoured Markdown: headings, lists and pipe tables.

Text from outside is escaped: every ASCII punctuation character that Markdown
could read as markup is backslash-escaped, so a name or a note can never become
a link, an image, raw HTML or a table cell boundary. Charts are left out.
"""

from __future__ import annotations

import re
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

# What CommonMark and GitHub may read as markup, raw HTML, an entity or math
# inside a line; "|" ends a table cell. A link or image needs "[", so "(" and "!"
# are safe once "[" is escaped.
_SPECIAL: Final = re.compile(r"([\\`*_\[\]<>#|~&$])")
_LINE_START: Final = re.compile(r"^([-+])(?=[\s-]|$)|^(\d{1,9})([.)])(?=\s|$)")


def escape(text: str) -> str:
    r"""Make outside *text* one line of literal Markdown text.

    >>> print(escape("<b>5 * 3</b> | [x](y)"))
    \<b\>5 \* 3\</b\> \| \[x\](y)
    >>> print(escape("- 1. not a list"))
    \- 1. not a list
    """
    out = _SPECIAL.sub(r"\\\1", one_line(text))
    # "- ", "+ ", "---" or "1. " at the start of a line would make a list or a rule.
    return _LINE_START.sub(_escape_start, out)


def _escape_start(match: re.Match[str]) -> str:
    if match.group(1):
        return "\\" + match.group(1)
    return f"{match.group(2)}\\{match.group(3)}"


def _table(block: Table) -> list[str]:
    head = "| " + " | ".join(escape(h) for h in block.header) + " |"
    rule = (
        "|"
        + "|".join(
            " ---: " if i in block.numeric else " --- "
            for i in range(len(block.header))
        )
        + "|"
    )
    rows = ["| " + " | ".join(escape(c.text) for c in row) + " |" for row in block.rows]
    return [head, rule, *rows]


def render_markdown(blocks: Sequence[Block]) -> str:
    """Lay *blocks* out as GitHub-flavoured Markdown, ending in a newline."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + escape(block.text))
        elif isinstance(block, Paragraph):
            text = escape(block.text)
            parts.append(f"*{text}*" if block.muted and text else text)
        elif isinstance(block, Fields):
            parts.append(
                "\n".join(
                    f"- **{escape(key)}:** {escape(cell.text)}"
                    for key, cell in block.rows
                )
            )
        elif isinstance(block, Bullets):
            parts.append("\n".join(f"- {escape(item)}" for item in block.items))
        elif isinstance(block, Table):
            parts.append("\n".join(_table(block)))
        elif isinstance(block, Figure):
            continue
    return "\n\n".join(p for p in parts if p) + "\n"
