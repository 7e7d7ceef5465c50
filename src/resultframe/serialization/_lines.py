"""Where the kept rows of a facts file stood, to point problems found later at lines.

A reader keeps the line of each row it keeps (an array of numbers beside the
coded columns). :meth:`Records.check <resultframe.Records.check>` finds problems
between rows (an unknown subject, a duplicate observation, a value outside the
scale) and names the facts they are about; :func:`locate` turns each such
problem into the files and lines of those facts, so that one list holds the
rows a reader rejected and the problems between the rows it kept.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.serialization.messages import text, translate

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from resultframe.errors import Problem
    from resultframe.serialization._observations import (
        ObservationChecker,
        ObservationTable,
    )
    from resultframe.serialization.facts import ReadResult

__all__ = ["Located", "SourceLines", "locate", "locate_errors", "row_code"]

_ONE: Final = re.compile(r"observation ([^/]+)/([^@]+)@(\d{4}-\d{2}-\d{2})")
_ALL: Final = re.compile(r"observations of (\S+)")
_SUBJECT_IN: Final = re.compile(r"subject (?:with id )?'([^']+)'")
_FACT: Final = re.compile(r"(subject|goal|assessment) (\S+)")
_AT_LINE: Final = re.compile(r"(.*) @ line (\d+)(?:, column '([^']*)'|, (\$\S*))?")


@attrs.frozen(kw_only=True)
class Located:
    """One problem of the input, at its file, line and column.

    Attributes:
        file: The file (as given).
        line: The line (the header is line 1), or None for a whole document.
        column: The column (CSV) or JSON path, or None for the whole row.
        code: A stable code for the kind of problem.
        message: What is wrong.
    """

    file: str
    line: int | None
    column: str | None
    code: str
    message: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.message} [{self.code}]"

    def in_language(self, lang: str) -> Located:
        """The problem with its message in *lang* (``en`` or ``nl``); same code."""
        return attrs.evolve(self, message=translate(self.message, lang))

    def as_dict(self) -> dict[str, Any]:
        """The problem as JSON data: file, line, column, code, message."""
        return {
            "file": self.file,
            "line": self.line,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


@attrs.define(eq=False)
class SourceLines:
    """The line of each row a reader kept, found by what the row is about."""

    kind: str
    _observations: dict[tuple[str, str], list[tuple[int, int]]] | None = None
    _table: Any = None
    _ids: Any = None
    _facts: dict[str, list[int]] = attrs.field(factory=dict)

    @classmethod
    def of_observations(
        cls, table: ObservationTable, checker: ObservationChecker
    ) -> SourceLines:
        """The lines of kept observations (indexed when first asked)."""
        return cls("observations", table=table, ids=checker.ids)

    @classmethod
    def of_facts(
        cls, kind: str, facts: Sequence[Any], lines: Sequence[int]
    ) -> SourceLines:
        """The lines of kept subjects, goals or assessments, by their reference."""
        index: dict[str, list[int]] = defaultdict(list)
        for fact, line in zip(facts, lines, strict=True):
            index[_reference(kind, fact)].append(line)
        return cls(kind, facts=dict(index))

    def observation_lines(
        self, indicator: str, subject: str | None = None, on: dt.date | None = None
    ) -> list[int]:
        """The lines of the observations of *indicator* (and *subject*, on *on*)."""
        if self.kind != "observations":
            return []
        if self._observations is None:
            self._observations = self._index()
        if subject is None:
            found = [
                line
                for (i, _), rows in self._observations.items()
                if i == indicator
                for _, line in rows
            ]
        else:
            rows = self._observations.get((indicator, subject), [])
            day = None if on is None else on.toordinal()
            found = [line for d, line in rows if day is None or d == day]
        return sorted(found)

    def _index(self) -> dict[tuple[str, str], list[tuple[int, int]]]:
        table, ids = self._table, self._ids
        index: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
        if table is None or len(table.lines) != len(table.day):
            return index
        indicators, subjects = ids["indicator"], ids["subject"]
        for i, s, d, line in zip(
            table.indicator, table.subject, table.day, table.lines, strict=True
        ):
            index[indicators[i], subjects[s]].append((d, line))
        return index

    def fact_lines(self, reference: str) -> list[int]:
        """The lines of the facts a problem's ``about`` names (``subject r-1``)."""
        return self._facts.get(reference, [])


def _reference(kind: str, fact: Any) -> str:  # noqa: ANN401
    """How :meth:`Records.check` names a fact in a problem's ``about``."""
    if kind == "subjects":
        return f"subject {fact.id}"
    if kind == "goals":
        return f"goal {fact.subject}/{fact.indicator}@{fact.target.by.isoformat()}"
    return f"assessment {fact.condition}@{fact.on.isoformat()}"


def _observation_lines(problem: Problem, lines: SourceLines) -> list[int]:
    one = _ONE.fullmatch(problem.about)
    if one is not None:
        day = dt.date.fromisoformat(one[3])
        return lines.observation_lines(one[1], one[2], day)
    every = _ALL.fullmatch(problem.about)
    if every is None:
        return []
    subject = (
        _SUBJECT_IN.search(problem.message) if problem.field == "subject" else None
    )
    return lines.observation_lines(every[1], None if subject is None else subject[1])


def _problem_lines(problem: Problem, lines: SourceLines) -> list[int]:
    if problem.about.startswith("observation"):
        return _observation_lines(problem, lines)
    return lines.fact_lines(problem.about)


def locate(
    problems: Iterable[Problem],
    files: Mapping[str, ReadResult],
    *,
    documents: Sequence[str] = (),
) -> list[Located]:
    """Point each problem of :meth:`Records.check` at the file and line of its fact.

    A problem about one row (a value outside the scale) stands at that row; one
    about many rows (an unknown subject observed 40 times) stands at the first,
    saying how many; a duplicate observation stands at its second row, naming
    the first. A problem about a fact of a records document stands at that
    document (no line); with several documents, at the first of them.
    """
    found: list[Located] = []
    fallback = documents[0] if documents else next(iter(files), "records")
    for problem in problems:
        places = [
            (name, line)
            for name, result in files.items()
            if result.lines is not None
            for line in _problem_lines(problem, result.lines)
        ]
        message = problem.message
        if not places:
            found.append(
                Located(
                    file=fallback,
                    line=None,
                    column=None,
                    code=problem.code,
                    message=f"{problem}",
                )
            )
            continue
        name, line = places[0]
        if problem.code == "duplicate_observation" and len(places) > 1:
            first = (
                text("located.line", "en", line=line)
                if places[1][0] == name
                else f"{name}:{line}"
            )
            name, line = places[1]
            message = text("located.also", "en", message=message, first=first)
        elif len(places) > 1:
            message = text("located.rows", "en", message=message, n=len(places))
        found.append(
            Located(
                file=name,
                line=line,
                column=problem.field or None,
                code=problem.code,
                message=message,
            )
        )
    return found


_WRONG_VALUE: Final = re.compile(r" for an? \w+ indicator, got ")
_ROW_CODES: Final = (
    ("not valid ", "encoding"),
    ("ambiguous number", "ambiguous_number"),
    ("no indicator with id", "unknown_id"),
    ("invalid CSV", "invalid_csv"),
    ("expected ", "invalid_value"),
)


def row_code(column: str, message: str) -> str:
    """The stable code of a problem of a rejected row (``encoding``, ``invalid_value``)."""
    if column == "value" and _WRONG_VALUE.search(message):
        # A value of the wrong kind for its indicator, found while reading: the
        # code Records.check gives the same problem.
        return "wrong_value"
    for start, code in _ROW_CODES:
        if message.startswith(start):
            if code == "invalid_value" and column == "(row)":
                return "invalid_row"
            return code
    return "invalid_row" if column == "(row)" else "invalid_value"


def locate_errors(path: str, errors: Iterable[str]) -> list[Located]:
    """The problems of a file refused whole (:class:`InvalidDocument` ``.errors``).

    A message ending ``@ line N, column 'x'`` (or ``@ line N, $.path``) stands
    at that line and column; its code is ``invalid_header`` on line 1 (unless
    the bytes are the problem) and that of a rejected row otherwise. Any other
    message is about the whole file: ``invalid_file``, no line.
    """
    found = []
    for message in errors:
        at = _AT_LINE.fullmatch(message)
        if at is None:
            found.append(
                Located(
                    file=path,
                    line=None,
                    column=None,
                    code="invalid_file",
                    message=message,
                )
            )
            continue
        header = at[2] == "1" and not at[1].startswith("not valid ")
        found.append(
            Located(
                file=path,
                line=int(at[2]),
                column=at[3] or at[4],
                code="invalid_header"
                if header
                else row_code("(row)" if at[3] is None else at[3], at[1]),
                message=at[1],
            )
        )
    return found
