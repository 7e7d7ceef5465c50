"""Checks of observation columns read from files, a chunk of rows at a time.

Ids, days and values repeat a lot in bulk data, so each distinct one is checked
once (and remembered across chunks); the columns themselves are only mapped over.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.model import ResultsFramework
from resultframe.model._checks import is_id
from resultframe.privacy import looks_like_bsn
from resultframe.serialization import _cells, _converter

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["BSN_MESSAGE", "ObservationChecker", "Problems"]

Problems = dict[int, list[tuple[str, str]]]
"""Problems per row of a chunk: (column or path, message) pairs."""

BSN_MESSAGE: Final = _converter.BSN_MESSAGE


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@attrs.define
class ObservationChecker:
    """Checks observation columns chunk by chunk, remembering what it has seen.

    Args:
        framework: When given, indicators must be in it and CSV values are typed
            by their indicator's measure.
        allow_bsn_like_ids: Accept subject ids that pass the BSN eleven test.
    """

    framework: ResultsFramework | None
    allow_bsn_like_ids: bool
    _ids: dict[tuple[str, str], str | None] = attrs.field(factory=dict)
    _days: dict[str, dt.date | str] = attrs.field(factory=dict)

    def _id_problem(self, column: str, value: str) -> str | None:
        key = (column, value)
        if key in self._ids:
            return self._ids[key]
        problem: str | None = None
        if not is_id(value):
            problem = (
                "expected an id of 1-128 letters, digits, '.', '_', ':' or '-' "
                f"(starting with a letter or digit), got {_converter.describe(value)}"
            )
        elif (
            column == "subject"
            and not self.allow_bsn_like_ids
            and looks_like_bsn(value)
        ):
            problem = BSN_MESSAGE
        elif (
            column == "indicator"
            and self.framework is not None
            and not self.framework.has_id("indicator", value)
        ):
            problem = f"no indicator with id {value!r} in the framework"
        self._ids[key] = problem
        return problem

    def _day(self, text: str) -> None:
        if text not in self._days:
            try:
                self._days[text] = _converter.parse_date(text)
            except _converter.Mismatch as e:
                self._days[text] = e.message

    def check(
        self,
        columns: dict[str, list[Any] | None],
        problems: Problems,
        *,
        cells: bool,
    ) -> tuple[list[Any], list[Any]]:
        """Check a chunk's columns; return its days and values, add to *problems*.

        *problems* holds what was found before (rows that could not be read,
        wrong types); those rows are not checked again.

        Args:
            columns: ``indicator``, ``subject``, ``on``, ``value``, ``note`` and
                ``source``, one item per row; ``note`` and ``source`` may be None.
            problems: Problems per row, added to.
            cells: Whether values are CSV cells (text to type) or JSON values.
        """
        skip = frozenset(problems)

        def add(i: int, column: str, message: str) -> None:
            if i not in skip:
                problems.setdefault(i, []).append((column, message))

        for column in ("indicator", "subject"):
            col = columns[column] or []
            distinct = {x for x in col if type(x) is str}
            bad = {
                x: p for x in distinct if (p := self._id_problem(column, x)) is not None
            }
            if bad:
                for i, x in enumerate(col):
                    if x in bad:
                        add(i, column, bad[x])
        on = columns["on"] or []
        for text in {x for x in on if type(x) is str}:
            self._day(text)
        days = list(map(self._days.get, on))
        for i, day in enumerate(days):
            if type(day) is str:
                add(i, "on", day)
        values = self._values(columns, add, cells=cells)
        for name in ("value", "note", "source"):
            texts = values if name == "value" else columns[name]
            if texts and not "".join(x for x in texts if type(x) is str).isascii():
                for i, x in enumerate(texts):
                    if type(x) is str and not _encodable(x):
                        add(
                            i,
                            name,
                            "expected text of Unicode characters, got a lone surrogate",
                        )
        return days, values

    def _parse_cell(self, key: tuple[str, str]) -> Any:  # noqa: ANN401
        indicator, text = key
        framework = self.framework
        if framework is None or not framework.has_id("indicator", indicator):
            return _cells.infer_value(text)  # an unknown indicator is reported itself
        return _cells.parser_for(framework.indicator(indicator).measure)(text)

    def _values(
        self,
        columns: dict[str, list[Any] | None],
        add: Callable[[int, str, str], None],
        *,
        cells: bool,
    ) -> list[Any]:
        raw = columns["value"] or []
        failed: dict[Any, str] = {}
        parsed: dict[Any, Any] = {}
        keys: list[Any]
        if cells:
            if self.framework is None:
                keys = raw
                parse: Callable[[Any], Any] = _cells.infer_value
            else:
                keys = list(zip(columns["indicator"] or [], raw, strict=True))
                parse = self._parse_cell
            for key in set(keys):
                text = key if type(key) is str else key[1]
                if text == "":
                    failed[key] = "required value missing"
                    continue
                try:
                    parsed[key] = _cells.checked_value(parse(key))
                except _cells.Bad as e:
                    failed[key] = e.message
            values = list(map(parsed.get, keys))
        else:
            # By type and value: 1, 1.0 and True are equal, but not equally valid.
            keys = list(zip(map(type, raw), raw, strict=True))
            for key in set(keys):
                try:
                    _cells.checked_value(key[1])
                except _cells.Bad as e:  # noqa: PERF203
                    failed[key] = e.message
            values = raw
        if failed:
            for i, key in enumerate(keys):
                if key in failed:
                    add(i, "value", failed[key])
        return values
