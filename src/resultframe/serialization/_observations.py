"""Checks of observation columns read from files, and the table of kept rows.

Ids, days and values repeat a lot in bulk data, so each distinct one is checked
once (ids and days are remembered across chunks) and coded: a row's id becomes
the number of the id, its day the day's ordinal. The columns themselves are only
mapped over in C (``map``, ``set``, ``array``), and walked row by row only to
report the rows that hold a bad item. The kept rows go into an
:class:`ObservationTable` of compact columns, a chunk at a time, so that no
column of a million objects is kept.
"""

from __future__ import annotations

import datetime as dt
import itertools
import operator
from array import array
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe._canonical import converter as _converter
from resultframe.model import Observation, Records, ResultsFramework, _checks
from resultframe.model._columns import Coded, encode_values, pack
from resultframe.model._fit import value_problem
from resultframe.model.records import records_from
from resultframe.serialization import _cells

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

__all__ = [
    "BAD",
    "BSN_MESSAGE",
    "FAILED",
    "CodedChunk",
    "ObservationChecker",
    "ObservationTable",
    "Problems",
]

Problems = dict[int, list[tuple[str, str]]]
"""Problems per row of a chunk: (column or path, message) pairs."""

BSN_MESSAGE: Final = _converter.BSN_MESSAGE
_SURROGATE: Final = _converter.NOT_UNICODE
_VALUE_TYPES: Final = frozenset({int, float, bool, str})
BAD: Final = -1
"""The code of an id or day that is not valid."""
FAILED: Final = object()
"""What a value cell that is not a valid value is typed as."""
_CELL_LIMIT: Final = 1 << 16  # distinct value cells remembered across batches


_RULES: Final[dict[str, _checks.Rule]] = {
    a.name: a.validator
    for a in attrs.fields(Observation)
    if isinstance(a.validator, _checks.Rule)
}


def _rule(column: str) -> _checks.Rule:
    """The rule declared on the Observation field that *column* holds."""
    return _RULES[column]


_encodable = _converter.is_unicode


def _missing(items: Sequence[Any], codes: list[Any]) -> set[Any]:
    """The distinct items whose code is None (not seen before)."""
    return set(
        itertools.compress(items, map(operator.is_, codes, itertools.repeat(None)))
    )


@attrs.frozen
class CodedChunk:
    """A chunk's rows as codes (meaningless for rows with problems).

    Attributes:
        indicator: The code of each row's indicator (see ``ObservationChecker.ids``).
        subject: The code of each row's subject.
        day: The ordinal of each row's day.
        value: Each row's value, typed.
    """

    indicator: list[int]
    subject: list[int]
    day: list[int]
    value: Sequence[Any]


@attrs.define
class ObservationChecker:
    """Checks observation columns chunk by chunk, remembering what it has seen.

    Args:
        framework: When given, indicators must be in it and CSV values are typed
            by their indicator's measure.
        allow_bsn_like_ids: Accept subject ids that pass the BSN eleven test.
        cell_format: How CSV cells write numbers and days.
    """

    framework: ResultsFramework | None
    allow_bsn_like_ids: bool
    cell_format: _cells.CellFormat = attrs.field(factory=_cells.CellFormat)
    # Per column: each id seen -> its code (its index in ids), or BAD.
    _codes: dict[str, dict[str, int]] = attrs.field(
        factory=lambda: {"indicator": {}, "subject": {}}
    )
    ids: dict[str, list[str]] = attrs.field(
        factory=lambda: {"indicator": [], "subject": []}
    )
    _bad: dict[str, dict[str, str]] = attrs.field(
        factory=lambda: {"indicator": {}, "subject": {}}
    )
    # Each day's text -> its ordinal, or BAD (then its problem in _bad_days).
    _ordinals: dict[str, int] = attrs.field(factory=dict)
    _bad_days: dict[str, str] = attrs.field(factory=dict)
    # Each CSV value cell typed (or FAILED, then its problem in _cell_problems).
    _typed_cells: dict[Any, Any] = attrs.field(factory=dict)
    _cell_problems: dict[Any, str] = attrs.field(factory=dict)

    def _id_problem(
        self, column: str, value: str, broken: Mapping[str, str]
    ) -> str | None:
        if value in broken:  # the field's declared rule (Observation.<column>)
            if broken[value] in _rule(column).withheld():  # the BSN guard
                return broken[value]
            return f"{broken[value]}, got {_converter.describe(value)}"
        if (
            column == "indicator"
            and self.framework is not None
            and not self.framework.has_id("indicator", value)
        ):
            return f"no indicator with id {value!r} in the framework"
        return None

    def id_codes(self, column: str, col: Sequence[str]) -> list[int]:
        """Return the code of each id of *col*; check the ones not seen before."""
        codes, ids, bad = self._codes[column], self.ids[column], self._bad[column]
        found: list[Any] = list(map(codes.get, col))
        if None in found:
            missing = _missing(col, found)
            broken = _rule(column).problems(missing, types=(str,))
            for x in missing:
                problem = self._id_problem(column, x, broken)
                if problem is None:
                    codes[x] = len(ids)
                    ids.append(x)
                else:
                    codes[x] = BAD
                    bad[x] = problem
            found = list(map(codes.__getitem__, col))
        return found

    def day_codes(self, on: Sequence[str]) -> list[int]:
        """Return the ordinal of each day of *on*; read the ones not seen before."""
        ordinals = self._ordinals
        found: list[Any] = list(map(ordinals.get, on))
        if None in found:
            problem = _rule("on").problem_for((dt.date,))
            for text in _missing(on, found):
                try:
                    day = _cells.parse_day(text, self.cell_format)
                except _converter.Mismatch as e:
                    ordinals[text] = BAD
                    self._bad_days[text] = e.message
                    continue
                expected = None if problem is None else problem(day)
                if expected is None:
                    ordinals[text] = day.toordinal()
                else:
                    ordinals[text] = BAD
                    self._bad_days[text] = (
                        f"{expected}, got {_converter.describe(text)}"
                    )
            found = list(map(ordinals.__getitem__, on))
        return found

    def check(
        self,
        columns: Mapping[str, Sequence[Any]],
        problems: Problems,
        *,
        cells: bool,
    ) -> CodedChunk:
        """Check and code a chunk's columns; add what is wrong to *problems*.

        *problems* holds what was found before (rows that could not be read,
        wrong types); those rows are not checked again. A row's problems come
        in column order: indicator, subject, on, value, then texts that are not
        Unicode (value, note, source).

        Args:
            columns: ``indicator``, ``subject``, ``on``, ``value``, ``note`` and
                ``source``, one item per row; all texts but JSON values.
            problems: Problems per row, added to.
            cells: Whether values are CSV cells (text to type) or JSON values.
        """
        skip = frozenset(problems)

        def add(i: int, column: str, message: str) -> None:
            if i not in skip:
                problems.setdefault(i, []).append((column, message))

        def report(column: str, items: Iterable[Any], bad: Mapping[Any, str]) -> None:
            for i, x in enumerate(items):
                if x in bad:
                    add(i, column, bad[x])

        coded: dict[str, list[int]] = {}
        for column in ("indicator", "subject"):
            coded[column] = self.id_codes(column, columns[column])
            if self._bad[column] and BAD in coded[column]:
                report(column, columns[column], self._bad[column])
        days = self.day_codes(columns["on"])
        if self._bad_days and BAD in days:
            report("on", columns["on"], self._bad_days)
        values = self._values(columns, add, report, cells=cells)
        for name in ("note", "source"):
            texts = columns[name]
            for bad in self.text_problems(name, texts):
                report(name, texts, bad)
        return CodedChunk(coded["indicator"], coded["subject"], days, values)

    @staticmethod
    def text_problems(name: str, texts: Sequence[str]) -> list[dict[str, str]]:
        """What is wrong with the ``note`` or ``source`` texts *texts*.

        One mapping of bad text to message per check, in the order they are
        reported: texts that are not Unicode, then the field's declared rule.
        """
        found = []
        if not "".join(texts).isascii():
            broken = {x: _SURROGATE for x in set(texts) if not _encodable(x)}
            if broken:
                found.append(broken)
        bad = _rule(name).problems(texts, types=(str,))
        if bad:
            found.append(
                {x: f"{e}, got {_converter.describe(x)}" for x, e in bad.items()}
            )
        return found

    def _parse_cell(self, key: tuple[str, str]) -> Any:  # noqa: ANN401
        indicator, text = key
        framework = self.framework
        if framework is None or not framework.has_id("indicator", indicator):
            # an unknown indicator is reported itself
            return _cells.infer_value(text, self.cell_format)
        definition = framework.indicator(indicator)
        value = _cells.parser_for(definition.measure, self.cell_format)(text)
        # A value off the indicator's scale or range is refused as it is read,
        # by the rule Records.check applies.
        problem = value_problem(definition, value)
        if problem is not None:
            raise _cells.Bad(problem)
        return value

    def cell_values(self, keys: Sequence[Any]) -> list[Any]:
        """Type each value cell (a text, or an (indicator, text) pair).

        Each distinct cell is typed once and remembered (up to a limit); a cell
        that is not a valid value stands as ``FAILED``, its problem kept in
        ``_cell_problems``.
        """
        typed, problems = self._typed_cells, self._cell_problems
        if len(typed) > _CELL_LIMIT:
            typed.clear()
            problems.clear()
        found: list[Any] = list(map(typed.get, keys))
        if None in found:
            parse = (
                _cells.parser_for(None, self.cell_format)
                if self.framework is None
                else self._parse_cell
            )
            for key in _missing(keys, found):
                text = key if type(key) is str else key[1]
                if text == "":
                    typed[key] = FAILED
                    problems[key] = "required value missing"
                    continue
                try:
                    typed[key] = _cells.checked_value(parse(key))
                except _cells.Bad as e:
                    typed[key] = FAILED
                    problems[key] = e.message
            found = list(map(typed.__getitem__, keys))
        return found

    def _values(
        self,
        columns: Mapping[str, Sequence[Any]],
        add: Callable[[int, str, str], None],
        report: Callable[[str, Iterable[Any], Mapping[Any, str]], None],
        *,
        cells: bool,
    ) -> Sequence[Any]:
        """Type and check the values; report bad ones, and texts not Unicode.

        A CSV value is only kept when valid, so it is always Unicode; a JSON value
        that is a text with a lone surrogate is reported twice, as not valid and
        as not Unicode.
        """
        raw = columns["value"]
        rule = _rule("value")
        keys: Sequence[Any]
        values: Sequence[Any] = raw
        failed: dict[Any, str] = {}
        if (
            not cells
            and isinstance(rule, _checks.ObservationValue)
            and rule.all_pass(raw)
        ):
            pass  # every value valid: only the texts' Unicode is left to check
        elif cells:
            if self.framework is None:
                keys = raw
            else:
                keys = list(zip(columns["indicator"], raw, strict=True))
            values = self.cell_values(keys)
            if self._cell_problems and FAILED in values:
                failed = self._cell_problems
        else:
            # By type and value: 1, 1.0 and True are equal, but not equally valid.
            keys = list(zip(map(type, raw), raw, strict=True))
            for key in set(keys):
                try:
                    _cells.checked_value(key[1])
                except _cells.Bad as e:  # noqa: PERF203
                    failed[key] = e.message
        if failed:
            for i, key in enumerate(keys):
                if key in failed:
                    add(i, "value", failed[key])
        if not cells:
            texts = {x for x in set(values) if type(x) is str}
            broken = {x: _SURROGATE for x in texts if not _encodable(x)}
            if broken:
                report("value", values, broken)
        return values


@attrs.define
class ObservationTable:
    """The kept observations, coded in compact columns, a chunk at a time."""

    indicator: array[int] = attrs.field(factory=lambda: array("l"))
    subject: array[int] = attrs.field(factory=lambda: array("l"))
    day: array[int] = attrs.field(factory=lambda: array("l"))
    numbers: array[float] = attrs.field(factory=lambda: array("d"))
    kinds: array[int] = attrs.field(factory=lambda: array("b"))
    notes: array[int] = attrs.field(factory=lambda: array("l"))
    sources: array[int] = attrs.field(factory=lambda: array("l"))
    lines: array[int] = attrs.field(factory=lambda: array("q"))
    strings: dict[str, int] = attrs.field(factory=lambda: {"": 0})
    dropped: bool = False  # whether a row of a chunk was left out

    def add(
        self,
        coded: CodedChunk,
        columns: Mapping[str, Sequence[Any]],
        good: list[bool] | None,
        lines: Sequence[int] = (),
    ) -> None:
        """Add the rows of a checked chunk, or only the *good* ones, and their lines."""
        if good is not None:
            self.dropped = True

        def kept(items: Sequence[Any]) -> list[Any]:
            if good is None:
                return items if type(items) is list else list(items)
            return list(itertools.compress(items, good))

        # array.fromlist is the quick way to add a list to an array.
        self.indicator.fromlist(kept(coded.indicator))
        self.subject.fromlist(kept(coded.subject))
        self.day.fromlist(kept(coded.day))
        numbers, kinds = encode_values(kept(coded.value), self.strings)
        self.numbers.extend(numbers)
        self.kinds.extend(kinds)
        self.notes.fromlist(self._text_codes(kept(columns["note"])))
        self.sources.fromlist(self._text_codes(kept(columns["source"])))
        if lines:
            self.lines.fromlist(kept(lines))

    def _text_codes(self, texts: Sequence[str]) -> list[int]:
        strings = self.strings
        found: list[Any] = list(map(strings.get, texts))
        if None in found:
            for text in _missing(texts, found):
                strings[text] = len(strings)
            found = list(map(strings.__getitem__, texts))
        return found

    def records(self, checker: ObservationChecker) -> Records:
        """The kept observations as records."""
        # Every row kept was checked as Records.from_columns checks it, and coded
        # as the column store codes it (resultframe.model._columns).
        coded = Coded(
            indicators=checker.ids["indicator"],
            subjects=checker.ids["subject"],
            indicator=self.indicator,
            subject=self.subject,
            day=self.day,
            numbers=self.numbers,
            kinds=self.kinds,
            notes=self.notes,
            sources=self.sources,
            strings=tuple(self.strings),
            # Ids are coded as rows are checked: a dropped row may leave one unused.
            all_used=not self.dropped,
        )
        return records_from(pack(coded))
