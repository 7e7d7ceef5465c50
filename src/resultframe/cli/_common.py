"""What every command shares: the names of formats, failures and how they print."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from resultframe.errors import (
    InvalidDocument,
    InvalidFramework,
    InvalidRecords,
    ResultframeError,
)
from resultframe.serialization.messages import text, translate

if TYPE_CHECKING:
    from collections.abc import Sequence

PROG: Final = "resultframe"
FORMATS: Final = ("text", "json", "markdown", "html")
LANGS: Final = ("en", "nl")


class Failure(Exception):
    """The input has problems: one readable line per problem."""

    def __init__(self, *lines: str) -> None:
        self.lines = lines
        super().__init__("\n".join(self.lines))


class Usage(Exception):
    """An option's value is not valid: a usage error (exit code 2)."""


def console(*, stderr: bool = False) -> Any:  # noqa: ANN401
    """A rich console (rich must be installed)."""
    from rich.console import Console  # noqa: PLC0415

    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def has_rich() -> bool:
    """Whether rich is installed."""
    try:
        import rich  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def emit(content: str, output: str | None, lang: str = "en") -> None:
    """Write *content* to *output* (a file) or to stdout; say so in *lang*."""
    if not content.endswith("\n"):
        content += "\n"
    if output is None:
        sys.stdout.write(content)
        return
    Path(output).write_text(content, encoding="utf-8")
    sys.stderr.write(f"{PROG}: {text('cli.wrote', lang, path=output)}\n")


def os_message(error: OSError, path: str | None = None) -> str:
    """One line for a file that cannot be read or written."""
    where = error.filename if error.filename is not None else path
    reason = error.strerror or str(error)
    return f"{where}: {reason}" if where is not None else reason


def fail(lines: Sequence[str], count: int | None = None, lang: str = "en") -> int:
    """Print the problems to stderr (in *lang*) and return exit code 1.

    *count* is the number of problems when *lines* list only some of them.
    """
    n = len(lines) if count is None else count
    summary = text("cli.problem" if n == 1 else "cli.problems", lang, n=n)
    lines = [translate(line, lang) for line in lines]
    if sys.stderr.isatty() and has_rich():
        from rich.markup import escape  # noqa: PLC0415

        out = console(stderr=True)
        for line in lines:
            out.print(f"[bold red]{PROG}:[/] {escape(line)}")
        out.print(f"[bold red]{PROG}:[/] {summary}")
    else:
        for line in lines:
            sys.stderr.write(f"{PROG}: {line}\n")
        sys.stderr.write(f"{PROG}: {summary}\n")
    return 1


def warn(lines: Sequence[str], lang: str = "en") -> None:
    """Print warnings to stderr (in *lang*): probably mistakes; the command goes on."""
    for line in lines:
        warning = text("warning.warning", lang, message=translate(line, lang))
        sys.stderr.write(f"{PROG}: {warning}\n")


def usage_error(message: str, lang: str = "en") -> str:
    """The line of a usage error of ours (exit 2), in *lang*."""
    return f"{PROG}: {text('cli.error', lang, message=translate(message, lang))}\n"


def problem_lines(error: ResultframeError, where: str | None) -> list[str]:
    """One line per problem of *error*, each after *where* (a file), if given."""
    if isinstance(error, InvalidDocument):
        lines = list(error.errors)
    elif isinstance(error, InvalidRecords | InvalidFramework):
        lines = [str(p) for p in error.problems]
    else:
        lines = [str(error)]
    return lines if where is None else [f"{where}: {line}" for line in lines]


def where(paths: Sequence[str]) -> str:
    """How to name the records of *paths* in a problem: the file, if only one."""
    return paths[0] if len(paths) == 1 else "records"
