"""Disclosure control over a whole publication (statistische geheimhouding).

Tables released together are protected together. A :class:`Publication` holds
every table of one release — plain roll-ups, roll-ups split by a dimension
(``by=``) and effort-yield groups — and decides which cells to withhold over all
of them at once:

1. **Primary suppression.** Every cell of fewer than ``min_group`` subjects (10
   by default, CBS practice) is withheld, in every table it occurs in, together
   with every cell the single-table roll-up already withholds.
2. **Complementary suppression, to a fixed point.** Wherever published figures
   add up — a parent and its children, a subject's total and its cells split by
   a dimension, two splits of the same people — a relation with exactly one
   withheld cell would give that cell away by subtraction, so the smallest
   published cell of the relation is withheld too. A withheld parent counts as
   a withheld cell like any other. This repeats until no relation changes.
3. **Audit-driven suppression.** Relations between tables of different
   dimensions also constrain cells through the people they share (a count is
   never negative). The audit (:func:`audit`) computes, for every withheld cell,
   the smallest and the largest count consistent with everything published;
   while a small cell's interval is narrower than the promised *protection*,
   one more cell next to it is withheld.

The promise (checked by :func:`audit`): for every cell withheld because its group
is small, the counts consistent with everything published span at least
``protection`` (by default ``min_group``): an interval ``[low, high]`` with
``high - low >= protection``. So its count cannot be narrowed to fewer than
``protection + 1`` values and ``high`` always reaches the threshold: the published
figures do not even show that the group is small.

**Rounding** (``round_to=5``, as CBS does for youth care and the Wmo) rounds every
published count to the nearest multiple, and shares and means are computed after
rounding, so that two releases whose totals differ by one resident do not show
that resident. The audit treats a rounded count as the interval of counts that
round to it.

The attacker is assumed to know the structure of the tables — which cells add
up to which, every group and dimension value there is — but not which
combinations are empty; and, when everyone counted in one table is counted in
another (the same residents, or effort yield of residents who all have the
outcome), that too.

The audit has an exact method for purely hierarchical publications (every two
cells are either disjoint or nested: one roll-up, plain or split, without other
tables): interval propagation over the tree, no dependencies. For anything else
it solves linear programs with SciPy's HiGHS (the ``audit`` extra), as τ-ARGUS
does.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from collections import defaultdict
from typing import TYPE_CHECKING, Any, Final, Literal

import attrs

from resultframe.errors import InvalidValue, MissingExtra
from resultframe.evaluation import _access, _args
from resultframe.evaluation.framework import (
    Deviation,
    FrameworkEvaluation,
    deviations_of,
)
from resultframe.evaluation.indicators import (
    IndicatorEvaluation,
    SubjectEvaluation,
    derived,
)
from resultframe.evaluation.reasons import explained
from resultframe.evaluation.rollup import (
    UNKNOWN,
    Aggregate,
    Rollup,
    combine,
    rollup,
    source_of,
    tree,
)
from resultframe.evaluation.status import JUDGED_STATUSES, IndicatorStatus, Verdict
from resultframe.evaluation.trend import EffortYield, effort_yield
from resultframe.model.enums import Aggregation, Level
from resultframe.privacy import gives_away, suppresses, too_few

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = [
    "Audit",
    "CellInterval",
    "Publication",
    "YieldTable",
    "audit",
    "protect",
    "publication",
    "round_count",
    "withheld_statuses",
]

MAX_COMBINATIONS: Final = 200_000
"""The largest number of combinations of groups, dimension values and populations
a publication may span (the audit reasons about each)."""

Method = Literal["auto", "exact", "linprog"]
_INF: Final = math.inf


def round_count(n: int, base: int) -> int:
    """Round a count to the nearest multiple of *base*, halves up (CBS practice).

    >>> [round_count(n, 5) for n in (0, 2, 3, 7, 8, 12, 13)]
    [0, 0, 5, 5, 10, 10, 15]
    """
    return base * ((2 * n + base) // (2 * base))


def _rounding_interval(r: int, base: int) -> tuple[float, float]:
    """The counts that :func:`round_count` rounds to *r*."""
    return float(max(0, r - base // 2)), float(r + (base + 1) // 2 - 1)


@attrs.frozen(kw_only=True)
class YieldTable:
    """Effort-yield groups as published (see :func:`~resultframe.evaluation.effort_yield`).

    ``groups`` holds one :class:`~resultframe.evaluation.EffortYield` for every
    group that could occur (every dimension value, or every group one level
    up), withheld ones marked ``suppressed`` — an absent row would tell that a
    group is empty.
    """

    outcome: str
    effort: str
    by: str | None
    groups: tuple[EffortYield, ...]


@attrs.frozen(kw_only=True)
class CellInterval:
    """The counts a withheld cell could have, given everything published.

    Args:
        table: The table's name (``rollup:<indicator>[/by=<key>]`` or
            ``effort_yield:<outcome>/<effort>[/by=<key>]``).
        group: The subject or group.
        dimension: The dimension value of a split cell; None otherwise.
        low: The smallest count consistent with the publication.
        high: The largest (``inf`` when nothing bounds it).
        primary: Withheld because the group is small (else to protect another
            cell). Internal: never publish it.
    """

    table: str
    group: str
    dimension: str | None
    low: float
    high: float
    primary: bool

    @property
    def width(self) -> float:
        """``high - low``."""
        return self.high - self.low


@attrs.frozen(kw_only=True)
class Audit:
    """The audit of a publication: each withheld cell's feasible interval.

    For the publisher only (it says which cells are small).

    Args:
        protection: The width every small cell's interval must reach.
        method: ``exact`` (hierarchical tables) or ``linprog`` (HiGHS).
        cells: One :class:`CellInterval` per withheld cell.
    """

    protection: int
    method: Literal["exact", "linprog"]
    cells: tuple[CellInterval, ...]

    @property
    def failures(self) -> tuple[CellInterval, ...]:
        """The small cells whose interval is narrower than the protection."""
        return tuple(c for c in self.cells if c.primary and c.width < self.protection)

    @property
    def passed(self) -> bool:
        """Whether no small cell can be narrowed below the protection."""
        return not self.failures


# -- the table system ------------------------------------------------------------------


@attrs.frozen
class _Cell:
    table: int
    group: str
    dimension: str | None
    slice: int  # cells of one slice partition the table's people (a level of a table)
    n: int


@attrs.frozen(eq=False)
class _System:
    """Every cell of a publication, as sets of combinations ("atoms") of people.

    An atom is a combination of a lowest group, a value of every dimension used
    and the populations (indicators) a person is counted in; a cell is the sum of
    its atoms, each atom a count of 0 or more that nobody outside knows.
    """

    names: tuple[str, ...]
    cells: tuple[_Cell, ...]
    atoms: tuple[frozenset[int], ...]  # per cell: its atoms
    relations: tuple[tuple[int, ...], ...]


def _cell_label(system: _System, i: int) -> tuple[int, str, str]:
    c = system.cells[i]
    return (c.n, system.names[c.table], f"{c.group}/{c.dimension or ''}")


@attrs.frozen
class _RollupSpec:
    indicator: str
    by: str | None


@attrs.frozen
class _YieldSpec:
    outcome: str
    effort: str
    by: str | None


def _specs(
    rollups: Iterable[str | tuple[str, str | None]],
    effort_yields: Iterable[tuple[str, str] | tuple[str, str, str | None]],
) -> tuple[list[_RollupSpec], list[_YieldSpec]]:
    out_r: list[_RollupSpec] = []
    out_y: list[_YieldSpec] = []
    for i, item in enumerate(_items("rollups", rollups)):
        if isinstance(item, str):
            out_r.append(_RollupSpec(item, None))
        elif isinstance(item, tuple) and len(item) == 2:
            ind = _args.text_id(f"rollups[{i}][0]", item[0])
            out_r.append(_RollupSpec(ind, _args.dimension_key(item[1])))
        else:
            raise InvalidValue(
                f"rollups[{i}]",
                _args.short(item),
                "expected an indicator id or an (indicator id, dimension) pair",
            )
    for i, item in enumerate(_items("effort_yields", effort_yields)):
        if not isinstance(item, tuple) or len(item) not in (2, 3):
            raise InvalidValue(
                f"effort_yields[{i}]",
                _args.short(item),
                "expected an (outcome, effort) or (outcome, effort, dimension) tuple",
            )
        outcome = _args.text_id(f"effort_yields[{i}][0]", item[0])
        effort = _args.text_id(f"effort_yields[{i}][1]", item[1])
        by = _args.dimension_key(item[2]) if len(item) == 3 else None
        out_y.append(_YieldSpec(outcome, effort, by))
    return out_r, out_y


def _items(field: str, value: object) -> list[object]:
    if isinstance(value, str | bytes) or not hasattr(value, "__iter__"):
        raise InvalidValue(field, _args.short(value), "expected a list of tables")
    return list(value)


@attrs.frozen(kw_only=True)
class Publication:
    """Every table released together, with withheld cells decided over all of them.

    Build one with :func:`publication`. ``rollups`` and ``effort_yields`` are the
    tables as they may be published: withheld cells are ``suppressed`` with
    every figure None, published counts rounded when ``round_to`` is set. It
    keeps no figure of a withheld cell, only the structure of the tables and
    which withheld cells are small (for :func:`audit`).

    Args:
        as_of: The day of every table.
        min_group: Groups smaller than this are withheld.
        protection: The width every small cell's feasible interval keeps.
        round_to: Published counts are multiples of this; None: exact.
        rollups: The roll-ups, in the order asked for.
        effort_yields: The effort-yield tables, in the order asked for.
        evaluation: The evaluation released with the tables, protected: its
            derived indicators judged on the publication's roll-ups (groups
            it withholds have no data), then :func:`protect` applied.
    """

    as_of: dt.date
    min_group: int
    protection: int
    round_to: int | None
    rollups: tuple[Rollup, ...]
    effort_yields: tuple[YieldTable, ...]
    evaluation: FrameworkEvaluation | None = None
    _system: _System = attrs.field(repr=False, eq=False, alias="system")
    _hidden: frozenset[int] = attrs.field(repr=False, eq=False, alias="hidden")
    _primary: frozenset[int] = attrs.field(repr=False, eq=False, alias="primary")

    @property
    def suppressed(self) -> int:
        """The number of withheld cells over all tables."""
        return len(self._hidden)


def publication(  # noqa: PLR0913
    framework: ResultsFramework,
    records: Records,
    as_of: dt.date,
    *,
    rollups: Iterable[str | tuple[str, str | None]] = (),
    effort_yields: Iterable[tuple[str, str] | tuple[str, str, str | None]] = (),
    min_group: int = 10,
    protection: int | None = None,
    round_to: int | None = None,
    method: Method = "auto",
    evaluation: FrameworkEvaluation | None = None,
) -> Publication:
    """Build every table of a release and withhold cells over all of them.

    Args:
        framework: The framework.
        records: The facts.
        as_of: The day of every table.
        rollups: Derived indicators to roll up: an id (plain) or an ``(id,
            dimension)`` pair (split by that dimension; ``(id, None)`` is plain).
        effort_yields: ``(outcome, effort)`` (grouped one level up) or
            ``(outcome, effort, dimension)`` tuples.
        min_group: Groups smaller than this are withheld (default 10; 0 or 1:
            none, and nothing is protected).
        protection: The width every small cell's feasible interval must keep
            (default: *min_group*).
        round_to: Round published counts to multiples of this (CBS: 5); None
            publishes exact counts.
        method: How the audit that drives suppression computes intervals:
            ``exact`` (hierarchical tables only), ``linprog`` (needs SciPy: the
            ``audit`` extra) or ``auto`` (exact when it can).
        evaluation: An evaluation released with the tables: the plain roll-up
            of each of its derived indicators joins the publication (unless
            listed already), and ``Publication.evaluation`` is the evaluation
            as it may be published: derived indicators judged again on the
            publication's roll-ups, then :func:`protect` applied.

    Raises:
        UnknownId: an indicator the framework does not have.
        InvalidValue: a table that cannot be built (see
            :func:`~resultframe.evaluation.rollup` and
            :func:`~resultframe.evaluation.effort_yield`), tables over different
            levels, too many combinations, or an argument of the wrong type.
        MissingExtra: the tables are not hierarchical and SciPy is missing.
    """
    fw = _args.framework(framework)
    recs = _args.records(records)
    day = _args.day("as_of", as_of)
    minimum = _args.min_group(min_group)
    width = minimum if protection is None else _positive("protection", protection)
    base = None if round_to is None else _positive("round_to", round_to)
    how = _method(method)
    r_specs, y_specs = _specs(rollups, effort_yields)
    if evaluation is not None:
        if not isinstance(evaluation, FrameworkEvaluation):
            raise InvalidValue(
                "evaluation", _args.short(evaluation), "expected a FrameworkEvaluation"
            )
        if evaluation.as_of != day:
            raise InvalidValue(
                "evaluation",
                evaluation.as_of.isoformat(),
                f"expected an evaluation of the publication's day ({day.isoformat()})",
            )
        if evaluation.min_group != minimum:
            raise InvalidValue(
                "evaluation",
                f"min_group={evaluation.min_group}",
                f"expected an evaluation with the publication's min_group ({minimum})",
            )
        for r in evaluation.results:
            for ie in r.indicators:
                spec = _RollupSpec(ie.indicator, None)
                if ie.rollup is not None and spec not in r_specs:
                    r_specs.append(spec)
    raw_r = [rollup(fw, recs, s.indicator, day, min_group=0, by=s.by) for s in r_specs]
    own_r = [
        rollup(fw, recs, s.indicator, day, min_group=minimum, by=s.by) for s in r_specs
    ]
    raw_y = [
        effort_yield(fw, recs, s.outcome, s.effort, day, by=s.by, min_group=0)
        for s in y_specs
    ]
    system = _build(
        fw,
        recs,
        day=day,
        r_specs=r_specs,
        y_specs=y_specs,
        raw_r=raw_r,
        raw_y=raw_y,
    )
    hidden: set[int] = set()
    primary: set[int] = set()
    if suppresses(minimum):
        primary = {i for i, c in enumerate(system.cells) if too_few(c.n, minimum)}
        hidden = set(primary)
        for t, table in enumerate(own_r):
            gone = {(g.subject, g.dimension) for g in table.groups if g.suppressed}
            hidden |= {
                i
                for i, c in enumerate(system.cells)
                if c.table == t and (c.group, c.dimension) in gone
            }
        _suppress(
            system, hidden, primary=primary, protection=width, base=base, method=how
        )
    published = tuple(
        _protected_rollup(system, t, table, hidden=hidden, base=base, minimum=minimum)
        for t, table in enumerate(raw_r)
    )
    safe = None
    if evaluation is not None:
        plain = {t.indicator: t for t in published if t.by is None}
        safe = protect(_judged_on(fw, recs, evaluation, plain))
    return Publication(
        as_of=day,
        min_group=minimum,
        protection=width,
        round_to=base,
        rollups=published,
        evaluation=safe,
        effort_yields=tuple(
            _protected_yields(
                system,
                len(raw_r) + k,
                spec=spec,
                raw=rows,
                hidden=hidden,
                base=base,
            )
            for k, (spec, rows) in enumerate(zip(y_specs, raw_y, strict=True))
        ),
        # The counts of withheld cells are not kept: only what is published.
        system=attrs.evolve(
            system,
            cells=tuple(
                attrs.evolve(c, n=-1) if i in hidden else c
                for i, c in enumerate(system.cells)
            ),
        ),
        hidden=frozenset(hidden),
        primary=frozenset(primary),
    )


def _positive(field: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise InvalidValue(
            field, _args.short(value), "expected a whole number of 1 or more"
        )
    return value


def _method(value: object) -> Method:
    if value == "auto":
        return "auto"
    if value == "exact":
        return "exact"
    if value == "linprog":
        return "linprog"
    raise InvalidValue(
        "method", _args.short(value), "expected 'auto', 'exact' or 'linprog'"
    )


def _build(  # noqa: PLR0913, PLR0915
    fw: ResultsFramework,
    recs: Records,
    *,
    day: dt.date,
    r_specs: Sequence[_RollupSpec],
    y_specs: Sequence[_YieldSpec],
    raw_r: Sequence[Rollup],
    raw_y: Sequence[tuple[EffortYield, ...]],
) -> _System:
    """The cells of every table and the atoms each is the sum of."""
    levels: set[Level] = set()
    pops: list[tuple[str, ...]] = []
    names: list[str] = []
    pop_of: list[int] = []
    for s in r_specs:
        source = source_of(fw, fw.indicator(s.indicator))
        levels.add(source.level)
        key = ("value", source.indicator.id)
        names.append(f"rollup:{s.indicator}" + (f"/by={s.by}" if s.by else ""))
        pop_of.append(_index(pops, key))
    for y in y_specs:
        levels.add(fw.level_of(y.outcome))
        names.append(
            f"effort_yield:{y.outcome}/{y.effort}" + (f"/by={y.by}" if y.by else "")
        )
        pop_of.append(_index(pops, ("yield", y.outcome, y.effort)))
    if len(levels) > 1:
        raise InvalidValue(
            "rollups",
            ", ".join(sorted(lv.value for lv in levels)),
            "expected tables over the subjects of one level",
        )
    if not levels:
        return _System((), (), (), ())
    level = levels.pop()
    shape = tree(recs, level)
    people = [s for s in recs.subjects if s.level is level]
    impossible = _impossible(recs, day, pops, frozenset(s.id for s in people))
    lowest = set(shape.groups[shape.levels[0]]) if shape.levels else set()
    firsts = sorted({s.part_of or UNKNOWN for s in people})
    used = [s.by for s in r_specs] + [s.by for s in y_specs]
    keys = sorted({k for k in used if k is not None})
    domains = [sorted({s.dimension(k) or UNKNOWN for s in people}) for k in keys]
    size = (2 ** len(pops) - 1) * len(firsts) * math.prod(len(d) for d in domains)
    if size > MAX_COMBINATIONS:
        raise InvalidValue(
            "rollups",
            f"{size} combinations",
            f"expected tables spanning at most {MAX_COMBINATIONS} combinations of "
            "groups, dimension values and indicators",
        )
    cells: list[_Cell] = []
    index: dict[tuple[int, str, str | None], int] = {}
    slices: dict[tuple[int, int], int] = {}

    def add(t: int, group: str, dim: str | None, depth: int, n: int) -> None:
        sl = slices.setdefault((t, depth), len(slices))
        index[t, group, dim] = len(cells)
        cells.append(_Cell(t, group, dim, sl, n))

    depth_of = {g: d for d, lv in enumerate(shape.levels) for g in shape.groups[lv]}
    for t, table in enumerate(raw_r):
        for g in table.groups:
            add(t, g.subject, g.dimension, depth_of[g.subject], g.n or 0)
    for k, (spec, rows) in enumerate(zip(y_specs, raw_y, strict=True)):
        t = len(raw_r) + k
        counts = {r.group: r.n or 0 for r in rows}
        groups = domains[keys.index(spec.by)] if spec.by is not None else firsts
        for group in sorted(set(groups) | counts.keys()):
            add(t, group, None, 0, counts.get(group, 0))
    members: dict[frozenset[int], int] = {}
    for mask in range(1, 2 ** len(pops)):
        if impossible(mask):
            continue
        for g0 in firsts:
            for values in itertools.product(*domains):
                dims = dict(zip(keys, values, strict=True))
                found = _atom_cells(
                    mask,
                    g0,
                    dims,
                    r_specs=r_specs,
                    y_specs=y_specs,
                    pop_of=pop_of,
                    lowest=lowest,
                    parent=shape.parent,
                    index=index,
                )
                if found:
                    members.setdefault(frozenset(found), len(members))
    atoms: list[set[int]] = [set() for _ in cells]
    for cellset, a in members.items():
        for c in cellset:
            atoms[c].add(a)
    frozen = tuple(frozenset(a) for a in atoms)
    return _System(tuple(names), tuple(cells), frozen, _relations(cells, frozen))


def _impossible(
    recs: Records, day: dt.date, pops: Sequence[tuple[str, ...]], known: frozenset[str]
) -> Callable[[int], bool]:
    """Which combinations of populations nobody can be in, as an attacker may know.

    When everyone counted in one table is counted in another too (the same
    residents; effort yield of residents who all have the outcome), a person in
    the first and not the second cannot exist: assuming the attacker knows that
    is the careful side.
    """
    sets: list[frozenset[str]] = []
    for key in pops:
        ids = key[1:] if key[0] == "yield" else key[1:2]
        found = known
        for ind in ids:
            found &= frozenset(_access.column(recs, ind, day).subjects)
        sets.append(found)
    below = [
        (i, j)
        for i, j in itertools.permutations(range(len(sets)), 2)
        if sets[i] <= sets[j]
    ]

    def impossible(mask: int) -> bool:
        return any(mask >> i & 1 and not mask >> j & 1 for i, j in below)

    return impossible


def _index(items: list[tuple[str, ...]], key: tuple[str, ...]) -> int:
    if key not in items:
        items.append(key)
    return items.index(key)


def _atom_cells(  # noqa: PLR0913
    mask: int,
    g0: str,
    dims: dict[str, str],
    *,
    r_specs: Sequence[_RollupSpec],
    y_specs: Sequence[_YieldSpec],
    pop_of: Sequence[int],
    lowest: set[str],
    parent: dict[str, str],
    index: dict[tuple[int, str, str | None], int],
) -> list[int] | None:
    """The cells a person of this combination is counted in; None if it cannot occur."""
    found: list[int] = []
    for t, spec in enumerate(r_specs):
        if not mask >> pop_of[t] & 1 or g0 not in lowest:
            continue
        d = dims[spec.by] if spec.by is not None else None
        g: str | None = g0
        while g is not None:
            cell = index.get((t, g, d))
            if cell is None:
                # The split has no such column: nobody can be in it.
                return None
            found.append(cell)
            g = parent.get(g)
    for k, y in enumerate(y_specs):
        t = len(r_specs) + k
        if mask >> pop_of[t] & 1:
            found.append(index[t, dims[y.by] if y.by is not None else g0, None])
    return found


def _relations(
    cells: Sequence[_Cell], atoms: Sequence[frozenset[int]]
) -> tuple[tuple[int, ...], ...]:
    """Sets of cells whose published figures add up (one hidden gives it away).

    A cell and the cells of another slice that exactly fill it; two slices that
    cover the same people.
    """
    by_slice: dict[int, list[int]] = defaultdict(list)
    for i, c in enumerate(cells):
        by_slice[c.slice].append(i)
    out: set[tuple[int, ...]] = set()
    for p, whole in enumerate(atoms):
        if not whole:
            continue
        for members in by_slice.values():
            parts = [i for i in members if atoms[i] & whole]
            if not parts or parts == [p]:
                continue
            if (
                all(atoms[i] <= whole for i in parts)
                and frozenset().union(*(atoms[i] for i in parts)) == whole
            ):
                out.add(tuple(sorted({p, *parts})))
    cover = {
        s: frozenset().union(*(atoms[i] for i in members))
        for s, members in by_slice.items()
    }
    for s1, s2 in itertools.combinations(sorted(by_slice), 2):
        if cover[s1] == cover[s2] and cover[s1]:
            out.add(tuple(sorted({*by_slice[s1], *by_slice[s2]})))
    return tuple(sorted(out))


# -- suppression -----------------------------------------------------------------------


def _cascade(system: _System, hidden: set[int]) -> None:
    """Complementary suppression over every relation, until nothing changes."""
    changed = True
    while changed:
        changed = False
        for rel in system.relations:
            shown = [i for i in rel if i not in hidden]
            if shown and len(rel) - len(shown) == 1:
                hidden.add(min(shown, key=lambda i: _cell_label(system, i)))
                changed = True


def _suppress(  # noqa: PLR0913
    system: _System,
    hidden: set[int],
    *,
    primary: set[int],
    protection: int,
    base: int | None,
    method: Method,
) -> None:
    """Withhold cells until every small cell keeps its protection interval.

    Withholding a cell only removes a constraint, so intervals only widen: a
    small cell that keeps its protection once keeps it, and only the failing
    ones are audited again. Each round withholds, for every failing cell not
    next to one chosen already, the smallest published cell of a relation it
    is in (else one whose people it shares, else any).
    """
    todo = sorted(primary)
    while True:
        _cascade(system, hidden)
        intervals = _intervals(system, hidden, todo, base, method)
        todo = [i for i in todo if intervals[i][1] - intervals[i][0] < protection]
        if not todo:
            return
        chosen: set[int] = set()
        for target in todo:
            near = {j for rel in system.relations if target in rel for j in rel}
            touching = {
                j for j, a in enumerate(system.atoms) if a & system.atoms[target]
            }
            if chosen & (near | touching):
                continue  # widened already this round, perhaps enough
            for pool in (near, touching, set(range(len(system.cells)))):
                candidates = sorted(
                    pool - hidden - chosen, key=lambda i: _cell_label(system, i)
                )
                if candidates:
                    chosen.add(candidates[0])
                    break
        if not chosen:  # pragma: no cover - nothing left to withhold
            return
        hidden |= chosen


# -- intervals -------------------------------------------------------------------------


def _published(
    system: _System, hidden: set[int], base: int | None
) -> dict[int, tuple[float, float]]:
    out: dict[int, tuple[float, float]] = {}
    for i, c in enumerate(system.cells):
        if i in hidden:
            continue
        if base is None:
            out[i] = (float(c.n), float(c.n))
        else:
            out[i] = _rounding_interval(round_count(c.n, base), base)
    return out


def _laminar(atoms: Sequence[frozenset[int]]) -> bool:
    sets = sorted(set(atoms), key=len)
    return all(a <= b or not a & b for a, b in itertools.combinations(sets, 2))


def _intervals(
    system: _System,
    hidden: set[int],
    targets: Sequence[int],
    base: int | None,
    method: Method,
) -> dict[int, tuple[float, float]]:
    """Each target cell's feasible interval given the published cells."""
    if not targets:
        return {}
    published = _published(system, hidden, base)
    hierarchical = _laminar(system.atoms)
    if method == "exact" and not hierarchical:
        raise InvalidValue(
            "method",
            "exact",
            "expected 'linprog' or 'auto': the tables are not hierarchical "
            "(cells of different tables overlap without nesting)",
        )
    if method == "linprog" or not hierarchical:
        return _linprog(system, published, targets)
    return _tree(system, published, targets)


def _sub(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    lo = -_INF if b[1] == _INF else a[0] - b[1]
    hi = _INF if a[1] == _INF else a[1] - b[0]
    return lo, hi


def _add(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return a[0] + b[0], a[1] + b[1]


def _meet(a: tuple[float, float], b: tuple[float, float]) -> tuple[float, float]:
    return max(a[0], b[0]), min(a[1], b[1])


def _tree(
    system: _System,
    published: dict[int, tuple[float, float]],
    targets: Sequence[int],
) -> dict[int, tuple[float, float]]:
    """Exact intervals for nested cells: propagation down and up the tree.

    Every node is a set of atoms; a node equals the sum of its children plus a
    remainder (the atoms no child holds, 0 or more). On a tree, intervals
    passed down (what a node's subtree allows) and up (what everything else
    allows) are exact.
    """
    nodes = sorted(set(system.atoms), key=len)
    own: dict[frozenset[int], tuple[float, float]] = dict.fromkeys(nodes, (0.0, _INF))
    for i, bounds in published.items():
        a = system.atoms[i]
        own[a] = _meet(own[a], bounds)
    parent: dict[frozenset[int], frozenset[int]] = {}
    children: dict[frozenset[int], list[frozenset[int]]] = defaultdict(list)
    for k, node in enumerate(nodes):
        for bigger in nodes[k + 1 :]:
            if node < bigger:
                parent[node] = bigger
                children[bigger].append(node)
                break
    rest: dict[frozenset[int], tuple[float, float]] = {}
    for node in nodes:
        covered = frozenset().union(*children[node])
        rest[node] = (0.0, 0.0) if covered == node else (0.0, _INF)
    down: dict[frozenset[int], tuple[float, float]] = {}
    for node in nodes:
        total = rest[node]
        for c in children[node]:
            total = _add(total, down[c])
        down[node] = _meet(own[node], total)
    up: dict[frozenset[int], tuple[float, float]] = {}
    for node in reversed(nodes):
        p = parent.get(node)
        if p is None:
            up[node] = (0.0, _INF)
            continue
        others = rest[p]
        for c in children[p]:
            if c != node:
                others = _add(others, down[c])
        up[node] = _meet(_sub(_meet(up[p], own[p]), others), (0.0, _INF))
    return {i: _meet(up[system.atoms[i]], down[system.atoms[i]]) for i in targets}


def _linprog(
    system: _System,
    published: dict[int, tuple[float, float]],
    targets: Sequence[int],
) -> dict[int, tuple[float, float]]:
    """Intervals by linear programming over the atoms (HiGHS, through SciPy)."""
    try:
        import numpy as np  # noqa: PLC0415
        from scipy.optimize import linprog  # noqa: PLC0415
    except ImportError:
        raise MissingExtra(
            "audit", "scipy", "auditing tables that are not hierarchical"
        ) from None
    n_atoms = 1 + max((max(a) for a in system.atoms if a), default=-1)
    rows = sorted(published)
    exact = [i for i in rows if published[i][0] == published[i][1]]
    ranged = [i for i in rows if published[i][0] != published[i][1]]

    def matrix(cells: Sequence[int]) -> Any:  # noqa: ANN401
        m = np.zeros((len(cells), n_atoms))
        for r, i in enumerate(cells):
            m[r, sorted(system.atoms[i])] = 1.0
        return m

    a_eq = matrix(exact) if exact else None
    b_eq = np.array([published[i][0] for i in exact]) if exact else None
    a_ub = b_ub = None
    if ranged:
        m = matrix(ranged)
        a_ub = np.vstack([m, -m])
        b_ub = np.array(
            [published[i][1] for i in ranged] + [-published[i][0] for i in ranged]
        )
    out: dict[int, tuple[float, float]] = {}
    for i in targets:
        objective = matrix([i])[0]
        ends: list[float] = []
        for sign in (1.0, -1.0):
            res = linprog(
                sign * objective,
                A_ub=a_ub,
                b_ub=b_ub,
                A_eq=a_eq,
                b_eq=b_eq,
                bounds=(0, None),
                method="highs",
            )
            if res.status == 3:  # unbounded
                ends.append(_INF)
            elif res.status != 0:  # pragma: no cover - published figures are consistent
                raise InvalidValue(
                    "tables", res.message, "expected a consistent system"
                )
            else:
                ends.append(sign * float(res.fun))
        lo = math.ceil(ends[0] - 1e-7)
        hi = ends[1] if ends[1] == _INF else math.floor(ends[1] + 1e-7)
        out[i] = (float(lo), float(hi))
    return out


# -- the published tables ----------------------------------------------------------------


def _protected_rollup(  # noqa: PLR0913
    system: _System,
    t: int,
    table: Rollup,
    *,
    hidden: set[int],
    base: int | None,
    minimum: int,
) -> Rollup:
    where = {
        (c.group, c.dimension): i for i, c in enumerate(system.cells) if c.table == t
    }
    groups = []
    for g in table.groups:
        if where[g.subject, g.dimension] in hidden:
            groups.append(
                attrs.evolve(
                    g,
                    n=None,
                    numerator=None,
                    denominator=None,
                    value=None,
                    squares=None,
                    interval=None,
                    suppressed=True,
                )
            )
        else:
            groups.append(g if base is None else _rounded(g, base))
    return attrs.evolve(table, groups=tuple(groups), min_group=minimum)


def _rounded(g: Aggregate, base: int) -> Aggregate:
    """An aggregate with its counts rounded, its value recomputed from them.

    Rounded counts publish no spread and no interval of the exact ones.
    """
    if g.n is None or g.numerator is None or g.denominator is None:
        return g
    return attrs.evolve(_rounded_counts(g, base), squares=None, interval=None)


def _rounded_counts(g: Aggregate, base: int) -> Aggregate:
    if g.n is None or g.numerator is None or g.denominator is None:
        return g
    n = round_count(g.n, base)
    agg = g.aggregation
    numerator = g.numerator
    denominator = g.denominator
    if agg is Aggregation.COUNT:
        numerator = float(n)
    elif agg in {
        Aggregation.SHARE_IMPROVED,
        Aggregation.SHARE_REACHING,
        Aggregation.SHARE_TRUE,
    }:
        numerator = float(round_count(round(numerator), base))
        denominator = float(n)
    elif agg is Aggregation.MEAN:
        denominator = float(n)
    if agg is Aggregation.MEDIAN or (agg is Aggregation.MEAN and not n):
        return attrs.evolve(g, n=n, value=None if not n else g.value)
    # The value follows from the rounded figures, by the roll-up's own rule.
    part = attrs.evolve(g, n=n, numerator=numerator, denominator=denominator)
    whole = combine([part], subject=g.subject, level=g.level, dimension=g.dimension)
    return attrs.evolve(part, value=whole.value)


def _protected_yields(  # noqa: PLR0913
    system: _System,
    t: int,
    *,
    spec: _YieldSpec,
    raw: tuple[EffortYield, ...],
    hidden: set[int],
    base: int | None,
) -> YieldTable:
    by_group = {r.group: r for r in raw}
    rows = []
    for i, c in enumerate(system.cells):
        if c.table != t:
            continue
        if i in hidden:
            rows.append(
                EffortYield(
                    group=c.group,
                    n=None,
                    outcome_change=None,
                    effort=None,
                    ratio=None,
                    suppressed=True,
                )
            )
            continue
        n = c.n if base is None else round_count(c.n, base)
        found = by_group.get(c.group)
        rows.append(
            EffortYield(group=c.group, n=n, outcome_change=0.0, effort=0.0, ratio=None)
            if found is None
            else attrs.evolve(found, n=n)
        )
    return YieldTable(
        outcome=spec.outcome, effort=spec.effort, by=spec.by, groups=tuple(rows)
    )


# -- the audit -------------------------------------------------------------------------


def audit(publication: Publication, *, method: Method = "auto") -> Audit:
    """Compute every withheld cell's interval of counts consistent with the tables.

    From the published counts alone (exact, or the intervals their rounding
    leaves) and the structure of the tables (which cells add up to which, and
    that no count is negative), as an attacker could. Counts only: the
    published sums obey the same equations, so a sum whose count they leave
    open is left open by them too; bounds on the values (all 0, all at the top
    of a scale) are not checked.

    Args:
        publication: The publication.
        method: ``exact`` (hierarchical tables, no dependencies), ``linprog``
            (any tables; needs SciPy, the ``audit`` extra) or ``auto``.

    Raises:
        MissingExtra: the tables are not hierarchical and SciPy is missing.
        InvalidValue: ``method="exact"`` for tables that are not hierarchical.
    """
    if not isinstance(publication, Publication):
        raise InvalidValue(
            "publication", _args.short(publication), "expected a Publication"
        )
    how = _method(method)
    system = publication._system  # noqa: SLF001
    hidden = set(publication._hidden)  # noqa: SLF001
    primary = publication._primary  # noqa: SLF001
    order = sorted(hidden)
    found = _intervals(system, hidden, order, publication.round_to, how)
    used: Literal["exact", "linprog"] = (
        "exact" if how != "linprog" and _laminar(system.atoms) else "linprog"
    )
    return Audit(
        protection=publication.protection,
        method=used,
        cells=tuple(
            CellInterval(
                table=system.names[system.cells[i].table],
                group=system.cells[i].group,
                dimension=system.cells[i].dimension,
                low=found[i][0],
                high=found[i][1],
                primary=i in primary,
            )
            for i in order
        ),
    )


# -- an evaluation, protected ----------------------------------------------------------


def protect(
    evaluation: FrameworkEvaluation, publication: Publication | None = None
) -> FrameworkEvaluation:
    """The evaluation with nothing left of groups too small to publish.

    With ``min_group`` the evaluation's own:

    - a micro indicator with fewer than ``min_group`` residents with data, or
      fewer than ``min_group`` judged against a target (its status and mean
      progress stand for them), is withheld whole: ``suppressed``, status
      ``no_data``, every count 0, no progress, expected progress or deviation;
    - per-resident evaluations (``per_subject``) are dropped: they are never
      published;
    - a derived indicator's groups that *publication* withholds (its plain
      roll-up of the indicator, on the same day) are withheld here too; the
      indicator's summary, a mean over its groups, is then withheld as well;
    - deviations of withheld indicators and groups are dropped, and every
      verdict is decided again from what is left (a verdict of a small group
      would tell its status).

    The result says so: ``protected=True``. An evaluation straight from
    :func:`~resultframe.evaluation.evaluate` has ``protected=False`` and is for
    internal use only.

    Raises:
        InvalidValue: *evaluation* is not a framework evaluation, *publication*
            is not a publication, or it is of another day.
    """
    if not isinstance(evaluation, FrameworkEvaluation):
        raise InvalidValue(
            "evaluation", _args.short(evaluation), "expected a FrameworkEvaluation"
        )
    tables: dict[str, Rollup] = {}
    if publication is not None:
        if not isinstance(publication, Publication):
            raise InvalidValue(
                "publication", _args.short(publication), "expected a Publication"
            )
        if publication.as_of != evaluation.as_of:
            raise InvalidValue(
                "publication",
                publication.as_of.isoformat(),
                f"expected a publication of the evaluation's day "
                f"({evaluation.as_of.isoformat()})",
            )
        tables = {t.indicator: t for t in publication.rollups if t.by is None}
    minimum = evaluation.min_group
    results = []
    kept: dict[tuple[str, str], IndicatorEvaluation] = {}
    for r in evaluation.results:
        indicators = []
        for ie in r.indicators:
            safe = _protect_indicator(ie, minimum, tables.get(ie.indicator))
            kept[r.result, ie.indicator] = safe
            indicators.append(safe)
        # The verdict and its reasons again, from what may be shown.
        results.append(explained(attrs.evolve(r, indicators=tuple(indicators))))
    deviations = tuple(
        d for d in evaluation.deviations if _still_shown(d, kept[d.result, d.indicator])
    )
    return attrs.evolve(
        evaluation,
        results=tuple(results),
        deviations=deviations,
        verdicts=tuple((v, sum(1 for r in results if r.verdict is v)) for v in Verdict),
        protected=True,
    )


def withheld_statuses(
    counts: Sequence[tuple[IndicatorStatus, int]], minimum: int
) -> frozenset[IndicatorStatus]:
    """The statuses whose counts a publication withholds, one by one.

    The counts of one group of residents per status add up to the group, which
    is published (or known), and the counts of the statuses judged against a
    target (:data:`~resultframe.evaluation.status.JUDGED_STATUSES`) add up to
    the residents judged, which a deviation publishes. So the statuses are two
    blocks, judged and not, each with a known total; as for the cells of a
    table with its total, within each block:

    1. every count of 1 to ``minimum - 1`` residents is withheld (primary);
    2. then, while the withheld counts add up to fewer than *minimum*, the
       smallest published count (zero counts last, ties in status order) is
       withheld too (complementary). One count of fewer than *minimum* never
       suffices, so at least two are withheld.

    What is left published then allows each withheld count anything from 0 to
    the total withheld in its block, which is at least *minimum*: none of them
    can be found by subtraction or narrowed below *minimum* values. Nothing is
    withheld when no count is small, or when *minimum* is 0 or 1. When even a
    whole block is fewer than *minimum*, all of its statuses are withheld; its
    total is still known from the group and the other block (for the judged
    block, :func:`protect` then withholds the indicator whole).

    >>> from resultframe.evaluation import IndicatorStatus as S
    >>> counts = [(S.ACHIEVED, 20), (S.AHEAD, 3), (S.ON_TRACK, 0), (S.BEHIND, 12)]
    >>> sorted(s.value for s in withheld_statuses(counts, 10))
    ['ahead', 'behind']
    """
    if not suppresses(minimum):
        return frozenset()
    hidden: set[IndicatorStatus] = set()
    for judged in (True, False):
        block = [(s, c) for s, c in counts if (s in JUDGED_STATUSES) is judged]
        hidden |= _withheld_in(block, minimum)
    return frozenset(hidden)


def _withheld_in(
    counts: list[tuple[IndicatorStatus, int]], minimum: int
) -> set[IndicatorStatus]:
    """:func:`withheld_statuses` within one block of counts with a known total."""
    hidden = {s for s, c in counts if gives_away(c, minimum)}
    if not hidden:
        return hidden
    total = sum(c for s, c in counts if s in hidden)
    order = {s: i for i, (s, _) in enumerate(counts)}
    rest = sorted(
        ((c == 0, c, order[s], s) for s, c in counts if s not in hidden),
        key=lambda item: item[:3],
    )
    for _, c, _, s in rest:
        if not too_few(total, minimum):
            break
        hidden.add(s)
        total += c
    if too_few(total, minimum):
        return {s for s, _ in counts}
    return hidden


def _judged_on(
    fw: ResultsFramework,
    recs: Records,
    evaluation: FrameworkEvaluation,
    tables: dict[str, Rollup],
) -> FrameworkEvaluation:
    """The evaluation with its derived indicators judged on *tables*."""
    results = []
    for r in evaluation.results:
        indicators = []
        for ie in r.indicators:
            table = tables.get(ie.indicator)
            if ie.rollup is None or table is None or table == ie.rollup:
                indicators.append(ie)
                continue
            indicators.append(
                derived(
                    fw,
                    fw.indicator(ie.indicator),
                    recs,
                    evaluation.as_of,
                    level=ie.level,
                    tol=ie.tolerance,
                    min_group=evaluation.min_group,
                    roll=table,
                    # Intervals from the published table alone: rounded counts,
                    # no sums of squares (a mean gets none).
                    confidence=evaluation.confidence,
                )
            )
        results.append(attrs.evolve(r, indicators=tuple(indicators)))
    # The deviations again, from the indicators as judged on the tables: a
    # deviation kept from the evaluation would give the exact value behind a
    # rounded one (progress is linear in the value).
    return attrs.evolve(
        evaluation,
        results=tuple(results),
        deviations=tuple(
            d
            for r in results
            for ie in r.indicators
            for d in deviations_of(r.result, ie)
        ),
    )


def _withheld(ie: IndicatorEvaluation) -> IndicatorEvaluation:
    return attrs.evolve(
        ie,
        status=IndicatorStatus.NO_DATA,
        counts=tuple((s, 0) for s, _ in ie.counts),
        deteriorated=0,
        shares=(),
        progress_interval=None,
        distinguishable=None,
        progress=None,
        expected_progress=None,
        deviation=None,
        subjects=(),
        suppressed=True,
    )


def _protect_indicator(
    ie: IndicatorEvaluation, minimum: int, table: Rollup | None
) -> IndicatorEvaluation:
    if ie.suppressed:
        return ie
    if ie.rollup is None:
        if ie.level is not Level.MICRO:
            return ie
        with_data = ie.n - ie.count(IndicatorStatus.NO_DATA)
        judged = sum(c for s, c in ie.counts if s in JUDGED_STATUSES)
        if gives_away(with_data, minimum) or gives_away(judged, minimum):
            return _withheld(ie)
        return _published_counts(attrs.evolve(ie, subjects=()), minimum)
    if table is None:
        return ie
    if table.on != ie.rollup.on:
        raise InvalidValue(
            "publication",
            table.on.isoformat(),
            f"expected a roll-up of {ie.indicator!r} on {ie.rollup.on.isoformat()}",
        )
    before = {g.subject for g in ie.rollup.at(ie.level) if g.suppressed}
    hidden = {g.subject for g in table.at(ie.level) if g.suppressed}
    if hidden <= before:
        return attrs.evolve(ie, rollup=table)
    subjects = tuple(
        SubjectEvaluation(subject=s.subject, status=IndicatorStatus.NO_DATA)
        if s.subject in hidden
        else s
        for s in ie.subjects
    )
    return attrs.evolve(_withheld(ie), rollup=table, subjects=subjects, suppressed=True)


def _published_counts(ie: IndicatorEvaluation, minimum: int) -> IndicatorEvaluation:
    """A published micro indicator with its small counts withheld.

    The counts per status (:func:`withheld_statuses`), their intervals, and the
    number of residents worse than their start when it is small or when any
    count is withheld.
    """
    hidden = withheld_statuses(ie.counts, minimum)
    worse = ie.deteriorated
    # The number worse than their start is a count of residents too, and it
    # overlaps the statuses (worse than the baseline, worsened): beside a
    # withheld count it could give that count away, so it goes with them.
    if worse is not None and (gives_away(worse, minimum) or hidden):
        worse = None
    if not hidden:
        return attrs.evolve(ie, deteriorated=worse)
    return attrs.evolve(
        ie,
        counts=tuple((s, 0 if s in hidden else c) for s, c in ie.counts),
        shares=tuple(share for share in ie.shares if share[0] not in hidden),
        deteriorated=worse,
        withheld_statuses=tuple(s for s, _ in ie.counts if s in hidden),
        withheld_count=ie.withheld_count + sum(c for s, c in ie.counts if s in hidden),
    )


def _still_shown(d: Deviation, ie: IndicatorEvaluation) -> bool:
    if ie.suppressed and (d.subject is None or ie.rollup is None):
        return False
    if d.subject is None:
        return True
    return any(
        s.subject == d.subject and s.status is not IndicatorStatus.NO_DATA
        for s in ie.subjects
    )
