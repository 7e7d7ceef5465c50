"""The building blocks of a rendered report: headings, paragraphs, fields, tables.

A report is composed once as a sequence of blocks in one language
(:mod:`resultframe.report._compose`); each format (text, Markdown, HTML) renders
the same blocks its own way, so every format says the same things. All text in a
block is plain text: each renderer escapes it for its format.
"""

from __future__ import annotations

from typing import Any, Literal, TypeAlias

import attrs

__all__ = [
    "Block",
    "Bullets",
    "Cell",
    "Fields",
    "Figure",
    "Heading",
    "Paragraph",
    "Table",
    "Tone",
]

Tone: TypeAlias = Literal["good", "warn", "bad", "neutral"]
"""How a value reads: good news, a warning, bad news or neither."""


@attrs.frozen
class Cell:
    """A table cell or field value: plain text and, optionally, its tone."""

    text: str
    tone: Tone | None = None


@attrs.frozen
class Heading:
    """A heading: 1 is the title, 2 a section, 3 a part of one, 4 a small one."""

    text: str
    level: int


@attrs.frozen
class Paragraph:
    """A paragraph; ``muted`` for small print."""

    text: str
    muted: bool = False


@attrs.frozen
class Fields:
    """Labelled values, one per line (a definition list)."""

    rows: tuple[tuple[str, Cell], ...]


@attrs.frozen
class Bullets:
    """A list of items."""

    items: tuple[str, ...]


@attrs.frozen
class Table:
    """A table: a header row and rows of cells; ``numeric`` columns align right."""

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    numeric: frozenset[int] = frozenset()


@attrs.frozen(eq=False)
class Figure:
    """A chart: a Vega-Lite spec and its title (rendered only in HTML)."""

    title: str
    spec: dict[str, Any]


Block: TypeAlias = "Heading | Paragraph | Fields | Bullets | Table | Figure"


def clean(text: str) -> str:
    """Remove control characters (but newlines and tabs) from outside text.

    Names and notes come from outside: a terminal escape sequence or a NUL byte
    in them must not reach a terminal, a Markdown file or an HTML page.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        c for c in text if c in "\n\t" or not (ord(c) < 32 or 127 <= ord(c) < 160)
    )


def one_line(text: str) -> str:
    """*text* cleaned, with every run of white space made one space."""
    return " ".join(clean(text).split())
