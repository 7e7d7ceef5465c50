"""The results framework (resultatenkader): the aggregate root of the definitions."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, TypeVar

import attrs

from resultframe.errors import InvalidFramework, Problem, UnknownId
from resultframe.model import _checks
from resultframe.model.definitions import (
    Agreement,
    FeedbackCycle,
    Indicator,
    Party,
    ProcessCondition,
    Result,
    Scale,
)
from resultframe.model.enums import Aggregation, Level, Measure

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = ["ResultsFramework"]

_T = TypeVar("_T")

# Which source measures each aggregation can combine.
_NUMERIC = frozenset({Measure.QUANTITY, Measure.PERCENTAGE, Measure.ORDINAL})
_SOURCES: dict[Aggregation, frozenset[Measure]] = {
    Aggregation.COUNT: frozenset(Measure) - {Measure.QUALITATIVE},
    Aggregation.SUM: _NUMERIC | {Measure.BINARY},
    Aggregation.MEAN: _NUMERIC | {Measure.BINARY},
    Aggregation.MEDIAN: _NUMERIC,
    Aggregation.SHARE_IMPROVED: _NUMERIC,
    Aggregation.SHARE_REACHING: _NUMERIC,
    Aggregation.SHARE_TRUE: frozenset({Measure.BINARY}),
}


@attrs.frozen
class _Index:
    results: dict[str, Result]
    indicators: dict[str, Indicator]
    result_of: dict[str, Result]
    conditions: dict[str, ProcessCondition]
    cycles: dict[str, FeedbackCycle]
    parties: dict[str, Party]
    contributors: dict[str, tuple[str, ...]]


@attrs.frozen(kw_only=True)
class ResultsFramework:
    """A results framework (resultatenkader): the agreed results and how to steer.

    Construction checks every reference between its parts and raises
    :class:`~resultframe.errors.InvalidFramework` listing **all** problems found.

    Args:
        id: The framework's id.
        name: Its name.
        agreement: What, in which context, with which means.
        results: The results, on any level, each with its indicators.
        conditions: The process conditions results refer to.
        cycles: The feedback cycles that steer on the results.
        parties: Who realises and who steers.

    Raises:
        InvalidFramework: references do not resolve, ids repeat, levels do not fit
            or results contribute to each other in a circle.
    """

    id: str = attrs.field(validator=_checks.Id())
    name: str = attrs.field(validator=_checks.Text(non_blank=True))
    agreement: Agreement = attrs.field(validator=_checks.Instance(Agreement))
    results: tuple[Result, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(Result)
    )
    conditions: tuple[ProcessCondition, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(ProcessCondition)
    )
    cycles: tuple[FeedbackCycle, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(FeedbackCycle)
    )
    parties: tuple[Party, ...] = attrs.field(
        default=(), validator=_checks.TupleOf(Party)
    )
    _index: _Index = attrs.field(init=False, repr=False, eq=False, hash=False)

    def __attrs_post_init__(self) -> None:
        # Who contributes to whom, in one pass over the results (not one per result).
        contributors: dict[str, list[str]] = {r.id: [] for r in self.results}
        for s in self.results:
            for rid in s.contributes_to:
                if rid in contributors:
                    contributors[rid].append(s.id)
        index = _Index(
            results={r.id: r for r in self.results},
            indicators={i.id: i for r in self.results for i in r.indicators},
            result_of={i.id: r for r in self.results for i in r.indicators},
            conditions={c.id: c for c in self.conditions},
            cycles={c.id: c for c in self.cycles},
            parties={p.id: p for p in self.parties},
            contributors={rid: tuple(ids) for rid, ids in contributors.items()},
        )
        object.__setattr__(self, "_index", index)
        problems = list(self._problems())
        if problems:
            raise InvalidFramework(problems)

    # -- integrity -------------------------------------------------------------

    def _problems(self) -> Iterator[Problem]:
        yield from self._duplicate_ids()
        yield from self._scale_conflicts()
        idx = self._index
        for result in self.results:
            for i, cid in enumerate(result.conditions):
                if cid not in idx.conditions:
                    yield _unknown(result.id, f"conditions[{i}]", "condition", cid)
            for i, pid in enumerate(result.responsible):
                if pid not in idx.parties:
                    yield _unknown(result.id, f"responsible[{i}]", "party", pid)
            for i, rid in enumerate(result.contributes_to):
                target = idx.results.get(rid)
                if target is None:
                    yield _unknown(result.id, f"contributes_to[{i}]", "result", rid)
                elif target.level < result.level:
                    yield Problem(
                        about=result.id,
                        field=f"contributes_to[{i}]",
                        message=(
                            f"result {rid!r} is on level {target.level.value!r}, below "
                            f"this result's {result.level.value!r}; a result contributes "
                            "to results on the same or a higher level"
                        ),
                        code="wrong_level",
                    )
            for indicator in result.indicators:
                if indicator.derived_from is not None:
                    yield from self._derivation_problems(result, indicator)
        yield from self._cycles_in_contributions()
        for cycle in self.cycles:
            if cycle.reports_to not in idx.parties:
                yield _unknown(cycle.id, "reports_to", "party", cycle.reports_to)
            for i, rid in enumerate(cycle.results):
                if rid not in idx.results:
                    yield _unknown(cycle.id, f"results[{i}]", "result", rid)

    def _duplicate_ids(self) -> Iterator[Problem]:
        owners: list[tuple[str, str]] = [(self.id, "framework")]
        owners += [(r.id, "result") for r in self.results]
        owners += [(i.id, "indicator") for r in self.results for i in r.indicators]
        owners += [(c.id, "condition") for c in self.conditions]
        owners += [(c.id, "cycle") for c in self.cycles]
        owners += [(p.id, "party") for p in self.parties]
        counts = Counter(oid for oid, _ in owners)
        if len(counts) == len(owners):
            return  # every id once
        # The kinds of object using each repeated id, in order of first use.
        kinds: dict[str, set[str]] = {}
        for oid, kind in owners:
            if counts[oid] > 1:
                kinds.setdefault(oid, set()).add(kind)
        for oid, used_by in kinds.items():
            yield Problem(
                about=oid,
                field="id",
                message=(
                    f"id {oid!r} is used {counts[oid]} times (by "
                    f"{', '.join(sorted(used_by))}); ids must be unique across the "
                    "framework"
                ),
                code="duplicate_id",
            )

    def _scale_conflicts(self) -> Iterator[Problem]:
        scales: dict[str, Scale] = {}
        for result in self.results:
            for indicator in result.indicators:
                scale = indicator.scale
                if scale is None:
                    continue
                known = scales.setdefault(scale.id, scale)
                if known != scale:
                    yield Problem(
                        about=indicator.id,
                        field="scale",
                        message=(
                            f"scale {scale.id!r} differs from another scale with the "
                            "same id in this framework; give different scales "
                            "different ids"
                        ),
                        code="scale_conflict",
                    )

    def _derivation_problems(
        self, result: Result, indicator: Indicator
    ) -> Iterator[Problem]:
        derivation = indicator.derived_from
        if derivation is None:
            return
        field = "derived_from.source"
        source = self._index.indicators.get(derivation.source)
        if source is None:
            yield _unknown(indicator.id, field, "indicator", derivation.source)
            return
        source_level = self._index.result_of[source.id].level
        if not source_level < result.level:
            yield Problem(
                about=indicator.id,
                field=field,
                message=(
                    f"indicator {source.id!r} is on level {source_level.value!r}, not "
                    f"below this indicator's {result.level.value!r}; an indicator is "
                    "derived from a lower level"
                ),
                code="wrong_level",
            )
        allowed = _SOURCES[derivation.aggregation]
        if source.measure not in allowed:
            names = ", ".join(sorted(m.value for m in allowed))
            yield Problem(
                about=indicator.id,
                field=field,
                message=(
                    f"indicator {source.id!r} is {source.measure.value!r}; aggregation "
                    f"{derivation.aggregation.value!r} needs one of: {names}"
                ),
                code="wrong_measure",
            )

    def _cycles_in_contributions(self) -> Iterator[Problem]:
        graph = {
            r.id: [t for t in r.contributes_to if t in self._index.results]
            for r in self.results
        }
        state: dict[str, int] = {}  # 1: on the path, 2: done
        found: list[list[str]] = []

        for start, children_of_start in graph.items():
            if state.get(start):
                continue
            path: list[str] = []
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(children_of_start))]
            state[start] = 1
            path.append(start)
            while stack:
                node, children = stack[-1]
                for child in children:
                    if state.get(child) == 1:
                        found.append([*path[path.index(child) :], child])
                    elif not state.get(child):
                        state[child] = 1
                        path.append(child)
                        stack.append((child, iter(graph[child])))
                        break
                else:
                    state[node] = 2
                    path.pop()
                    stack.pop()
        for circle in found:
            yield Problem(
                about=circle[0],
                field="contributes_to",
                message=(
                    "results contribute to each other in a circle: "
                    + " -> ".join(circle)
                ),
                code="circular_contribution",
            )

    # -- lookups ---------------------------------------------------------------

    def result(self, id: str) -> Result:  # noqa: A002
        """Return the result with *id*.

        Raises:
            UnknownId: no result has that id (also a :class:`KeyError`).
        """
        return _lookup(self._index.results, "result", id)

    def indicator(self, id: str) -> Indicator:  # noqa: A002
        """Return the indicator with *id*, from any result.

        Raises:
            UnknownId: no indicator has that id.
        """
        return _lookup(self._index.indicators, "indicator", id)

    def result_of(self, indicator_id: str) -> Result:
        """Return the result an indicator belongs to.

        Raises:
            UnknownId: no indicator has that id.
        """
        return _lookup(self._index.result_of, "indicator", indicator_id)

    def level_of(self, indicator_id: str) -> Level:
        """Return the level of an indicator (the level of its result)."""
        return self.result_of(indicator_id).level

    def condition(self, id: str) -> ProcessCondition:  # noqa: A002
        """Return the process condition with *id*.

        Raises:
            UnknownId: no condition has that id.
        """
        return _lookup(self._index.conditions, "condition", id)

    def cycle(self, id: str) -> FeedbackCycle:  # noqa: A002
        """Return the feedback cycle with *id*.

        Raises:
            UnknownId: no cycle has that id.
        """
        return _lookup(self._index.cycles, "cycle", id)

    def party(self, id: str) -> Party:  # noqa: A002
        """Return the party with *id*.

        Raises:
            UnknownId: no party has that id.
        """
        return _lookup(self._index.parties, "party", id)

    def results_at(self, level: Level) -> tuple[Result, ...]:
        """Return the results on *level*, in framework order."""
        return tuple(r for r in self.results if r.level is level)

    def contributions(self, result_id: str) -> tuple[Result, ...]:
        """Return the results that contribute to the result with *result_id*.

        Raises:
            UnknownId: no result has that id.
        """
        ids = _lookup(self._index.contributors, "result", result_id)
        return tuple(self._index.results[i] for i in ids)

    @property
    def indicators(self) -> tuple[Indicator, ...]:
        """Every indicator of every result, in framework order."""
        return tuple(self._index.indicators.values())

    def has_id(self, kind: str, id: str) -> bool:  # noqa: A002
        """Return whether this framework has an object of *kind* with *id*.

        *kind* is ``result``, ``indicator``, ``condition``, ``cycle`` or ``party``.
        """
        tables: dict[str, Mapping[str, object]] = {
            "result": self._index.results,
            "indicator": self._index.indicators,
            "condition": self._index.conditions,
            "cycle": self._index.cycles,
            "party": self._index.parties,
        }
        return id in tables.get(kind, {})


def _lookup(table: dict[str, _T], kind: str, id: str) -> _T:  # noqa: A002
    try:
        return table[id]
    except (KeyError, TypeError):
        raise UnknownId(kind, id) from None


def _unknown(about: str, field: str, kind: str, ref: str) -> Problem:
    return Problem(
        about=about,
        field=field,
        message=f"no {kind} with id {ref!r} in this framework",
        code="unknown_id",
    )
