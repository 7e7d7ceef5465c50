"""The ``resultframe`` command: run a framework and its data without writing Python.

::

    resultframe demo                                   # the bundled example
    resultframe init framework.yaml                    # a starter framework
    resultframe validate framework.yaml [RECORDS...]   # valid? do the facts fit?
    resultframe lint framework.yaml                    # advice on the design
    resultframe evaluate framework.yaml obs.csv --as-of 2026-09-30
    resultframe agenda framework.yaml obs.csv --cycle kwartaal --period 2026Q3
    resultframe schema framework                       # the JSON Schema
    resultframe pseudonymize export.csv --column bsn -o clean.csv

Reports take ``--format text|json|markdown|html``, ``--lang en|nl`` and
``--output FILE``. Exit codes: 0 when all is well, 1 when the input has problems
(each printed to stderr with its file and path or line, never a traceback), 2 for
a usage error (argparse's own message).

The ``cli`` extra installs PyYAML (for YAML frameworks) and rich. rich is only
used when writing to a terminal: a progress bar while reading large facts files,
a table for ``validate``, coloured errors. Output to a file or a pipe is plain
text, the same with or without rich. See ``docs/cli.md``.

The modules here only read arguments and print: :mod:`~resultframe.cli._parser`
(the arguments), one module per group of commands (:mod:`~resultframe.cli.validate`,
:mod:`~resultframe.cli.reports`, :mod:`~resultframe.cli.files`,
:mod:`~resultframe.cli.pseudonymize`), and what they share
(:mod:`~resultframe.cli._common`, :mod:`~resultframe.cli._input`,
:mod:`~resultframe.cli._periods`). Reading files - which loader for which
suffix, the kind of a facts file, merging records - is
:mod:`resultframe.serialization.files`.
"""

from __future__ import annotations

import codecs
import sys
from pathlib import Path

from resultframe.cli._common import FORMATS as FORMATS
from resultframe.cli._common import LANGS as LANGS
from resultframe.cli._common import (
    PROG,
    Failure,
    Usage,
    fail,
    os_message,
    problem_lines,
    usage_error,
)
from resultframe.cli._input import PROGRESS_BYTES as PROGRESS_BYTES
from resultframe.cli._input import load_framework as load_framework
from resultframe.cli._input import load_records as load_records
from resultframe.cli._parser import parser
from resultframe.cli._periods import period_day as period_day
from resultframe.cli.validate import render_summary as render_summary
from resultframe.errors import ResultframeError
from resultframe.serialization.messages import text

__all__ = ["main"]


def _output_is_an_input(args: object) -> str | None:
    """The --output path if it names one of the command's input files, else None."""
    output = getattr(args, "output", None)
    if output is None:
        return None
    inputs = [getattr(args, "framework", None), getattr(args, "input", None)]
    inputs += list(getattr(args, "records", None) or ())
    target = Path(output)
    for name in inputs:
        if name is None:
            continue
        path = Path(name)
        try:
            same = path.exists() and target.exists() and path.samefile(target)
        except OSError:
            same = False
        if same or path.resolve() == target.resolve():
            return str(output)
    return None


def main(argv: list[str] | None = None) -> int:
    """Run the ``resultframe`` command with *argv* (default: ``sys.argv[1:]``).

    Returns:
        The exit code: 0 fine, 1 the input has problems, 2 usage error.
    """
    top = parser()
    try:
        args = top.parse_args(argv)
    except SystemExit as e:  # usage error (2), or --help / --version (0)
        return e.code if isinstance(e.code, int) else 2
    lang = getattr(args, "lang", "en")
    if getattr(args, "min_group", 10) < 0:
        top.print_usage(sys.stderr)
        sys.stderr.write(usage_error(text("usage.min_group", lang), lang))
        return 2
    if getattr(args, "max_problems", 0) < 0:
        top.print_usage(sys.stderr)
        sys.stderr.write(usage_error(text("usage.max_problems", lang), lang))
        return 2
    encoding = getattr(args, "encoding", "utf-8")
    try:
        codecs.lookup(encoding)
    except LookupError:
        top.print_usage(sys.stderr)
        message = text("usage.encoding", lang, name=repr(encoding))
        sys.stderr.write(usage_error(message, lang))
        return 2
    clash = _output_is_an_input(args)
    if clash is not None:
        top.print_usage(sys.stderr)
        sys.stderr.write(usage_error(text("usage.output", lang, path=clash), lang))
        return 2
    try:
        return int(args.run(args))
    except Usage as e:
        top.print_usage(sys.stderr)
        sys.stderr.write(usage_error(str(e), lang))
        return 2
    except Failure as e:
        return fail(e.lines, lang=lang)
    except ResultframeError as e:
        return fail(problem_lines(e, None), lang=lang)
    except OSError as e:
        return fail([os_message(e)], lang=lang)
    except KeyboardInterrupt:
        sys.stderr.write(f"{PROG}: interrupted\n")
        return 130
