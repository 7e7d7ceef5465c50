"""Evaluation engines for many observations: DuckDB on one machine, Spark in a cluster.

:func:`evaluate` gives what :func:`resultframe.evaluation.evaluate` gives, but
an engine made for columns reads the observations. The engine only counts: the
framework's observed indicators are compiled into one query
(:mod:`resultframe.engines._plan`, written once and transpiled by SQLGlot to the
engine's SQL) that returns per indicator and subject the sufficient statistics
of its observations (first and last day, the values on them, sums since the
first day and since an explicit baseline). From those, each subject's rows are stood in for by two
rows that give the judge exactly what it reads, and the same Python code as the
Python engine (:func:`resultframe.evaluation.framework.evaluate_with`) judges
statuses, counts, roll-ups, suppression and verdicts. One definition of the
semantics; a property test holds every engine equal to the Python engine.

Derived (meso and macro) indicators are rolled up by the Python roll-up from
their source's observations: for a Parquet source, only those observations are
loaded.

Both engines are optional extras, imported when used: ``pip install
'resultframe[duckdb]'`` or ``'resultframe[spark]'``.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
from array import array
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, overload

from resultframe.errors import InvalidRecords, InvalidValue, MissingExtra
from resultframe.evaluation import _access, _args
from resultframe.evaluation.framework import FrameworkEvaluation, evaluate_with
from resultframe.evaluation.rollup import source_of
from resultframe.model._fit import check_facts
from resultframe.model.enums import Accumulation, Level
from resultframe.model.facts import Observation
from resultframe.model.records import Records, columns_of, subjects_by_id

if TYPE_CHECKING:
    from typing_extensions import Self

    from resultframe.errors import Problem
    from resultframe.model.definitions import Indicator
    from resultframe.model.framework import ResultsFramework

__all__ = [
    "ENGINES",
    "check",
    "evaluate",
    "source_records",
]

ENGINES: Final = ("python", "duckdb", "spark")
"""The engines :func:`evaluate` runs on."""

_EPOCH: Final = dt.date(1970, 1, 1).toordinal()


def _pyarrow() -> Any:  # noqa: ANN401
    """pyarrow, once numpy is known to be there too (the engines use both)."""
    try:
        import numpy as np  # noqa: F401, PLC0415
        import pyarrow as pa  # noqa: PLC0415
    except ImportError as e:
        missing = (e.name or "pyarrow").split(".")[0]
        raise MissingExtra("duckdb", missing, "an evaluation engine's columns") from e
    return pa


def _facts_table(records: Records) -> Any:  # noqa: ANN401
    """The observations of *records* as Arrow (``Records.to_arrow``'s table)."""
    _pyarrow()
    return records.to_arrow()["observations"]


# -- the engines ----------------------------------------------------------------------


class _Backend:
    """An engine that runs the plan: tables in, rows of statistics out.

    Used as a context manager: the engine lets go of what it holds (DuckDB's
    connection, with its tables and memory) at the end.
    """

    dialect = ""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of what the engine holds (a Spark session is the caller's)."""

    def statistics(  # noqa: PLR0913, PLR0917
        self,
        observations: Records | Path,
        day: dt.date,
        indicators: list[str],
        goal_after: list[tuple[str, str, dt.date]],
        own_after: list[tuple[str, dt.date]],
        sums: frozenset[str],
        recorded: Any,  # noqa: ANN401
    ) -> Any:  # noqa: ANN401
        """The plan's answer as an Arrow table (:data:`_plan.COLUMNS`).

        *recorded* are the ids of the recorded subjects, sorted (Arrow): the
        plan gives each subject's place among them.
        """
        raise NotImplementedError

    def rows_of(
        self,
        observations: Path,
        indicators: list[str],
        day: dt.date,
        *,
        noted: bool = False,
    ) -> list[tuple[Any, ...]]:
        """``(indicator, subject, on, value, kind, text, note, source)`` rows to *day*.

        With *noted*, only the rows with a note (one of more than spaces).
        """
        raise NotImplementedError

    def query(
        self,
        name: str,
        observations: Records | Path,
        day: dt.date,
        tables: dict[str, Any],
    ) -> Any:  # noqa: ANN401
        """The answer of the check query *name* (:func:`_plan.check_sql`), as Arrow."""
        raise NotImplementedError


def _recorded_table(recorded: Any) -> Any:  # noqa: ANN401
    """The plan's table ``recorded``: each recorded subject's place, by id."""
    pa = _pyarrow()
    import numpy as np  # noqa: PLC0415

    return pa.table({"subject": recorded, "place": np.arange(len(recorded))})


def _after_tables(
    goal_after: list[tuple[str, str, dt.date]], own_after: list[tuple[str, dt.date]]
) -> tuple[Any, Any]:
    pa = _pyarrow()
    g = pa.table(
        {
            "indicator": pa.array([a for a, _, _ in goal_after], pa.string()),
            "subject": pa.array([b for _, b, _ in goal_after], pa.string()),
            "after": pa.array([c for _, _, c in goal_after], pa.date32()),
        }
    )
    i = pa.table(
        {
            "indicator": pa.array([a for a, _ in own_after], pa.string()),
            "after": pa.array([b for _, b in own_after], pa.date32()),
        }
    )
    return g, i


def _parquet_glob(path: Path) -> str:
    return str(path / "observations" / "**" / "*.parquet")


def _view(dialect: str) -> str:
    from resultframe.engines._plan import observations_sql  # noqa: PLC0415

    return observations_sql(dialect)


class _DuckDB(_Backend):
    dialect = "duckdb"

    def __init__(self, threads: int | None = None, memory: str | None = None) -> None:
        try:
            import duckdb  # noqa: PLC0415
        except ImportError as e:
            raise MissingExtra("duckdb", "duckdb", "the DuckDB engine") from e
        self.con = duckdb.connect()
        if threads is not None:
            self.con.execute(f"SET threads = {int(threads)}")
        self.memory = memory
        self.out_of_memory = duckdb.OutOfMemoryException
        if memory is not None:
            with self._within_limit():
                self.con.execute(f"SET memory_limit = '{memory}'")

    @contextlib.contextmanager
    def _within_limit(self) -> Iterator[None]:
        """DuckDB's running out of a given memory limit as that limit's error."""
        try:
            yield
        except self.out_of_memory as e:
            if self.memory is None:
                raise
            first = str(e).splitlines()[0]
            raise InvalidValue(
                "memory_limit", self.memory, f"a limit DuckDB can keep to ({first})"
            ) from e

    def close(self) -> None:
        self.con.close()

    def _observations(self, observations: Records | Path) -> None:
        if isinstance(observations, Records):
            self.con.register("facts", _facts_table(observations))
        else:
            relation = self.con.read_parquet(
                _parquet_glob(observations), hive_partitioning=False
            )
            relation.create_view("facts", replace=True)
        self.con.execute(
            f"CREATE OR REPLACE TEMP VIEW observations AS {_view(self.dialect)}"
        )

    def _given(self, observations: Records | Path, tables: dict[str, Any]) -> None:
        """The observations and the small *tables* a check query reads."""
        self._observations(observations)
        for table_name, table in tables.items():
            self.con.register(table_name, table)

    def statistics(  # noqa: PLR0913, PLR0917
        self,
        observations: Records | Path,
        day: dt.date,
        indicators: list[str],
        goal_after: list[tuple[str, str, dt.date]],
        own_after: list[tuple[str, dt.date]],
        sums: frozenset[str],
        recorded: Any,  # noqa: ANN401
    ) -> Any:  # noqa: ANN401
        from resultframe.engines._plan import statistics_sql  # noqa: PLC0415

        self._observations(observations)
        g, i = _after_tables(goal_after, own_after)
        self.con.register("goal_after", g)
        self.con.register("own_after", i)
        self.con.register("recorded", _recorded_table(recorded))
        sql = statistics_sql(self.dialect, day, indicators, sums)
        with self._within_limit():
            return self.con.sql(sql).to_arrow_table()

    def rows_of(
        self,
        observations: Path,
        indicators: list[str],
        day: dt.date,
        *,
        noted: bool = False,
    ) -> list[tuple[Any, ...]]:
        self._observations(observations)
        sql = (
            'SELECT indicator, subject, "on", value, kind, text, note, source '
            'FROM observations WHERE list_contains(?, indicator) AND "on" <= ?'
        )
        if noted:
            sql += " AND trim(coalesce(note, '')) <> ''"
        with self._within_limit():
            rows = self.con.execute(sql, [indicators, day]).fetchall()
        return [tuple(r) for r in rows]

    def query(
        self,
        name: str,
        observations: Records | Path,
        day: dt.date,
        tables: dict[str, Any],
    ) -> Any:  # noqa: ANN401
        from resultframe.engines._plan import check_sql  # noqa: PLC0415

        self._given(observations, tables)
        with self._within_limit():
            return self.con.sql(check_sql(name, self.dialect, day)).to_arrow_table()


class _Spark(_Backend):
    dialect = "spark"

    def __init__(self, session: Any = None) -> None:  # noqa: ANN401
        try:
            from pyspark.sql import SparkSession  # noqa: PLC0415
        except ImportError as e:
            raise MissingExtra("spark", "pyspark", "the Spark engine") from e
        self.spark = (
            session
            if session is not None
            else SparkSession.builder.master("local[1]")
            .appName("resultframe")
            .getOrCreate()
        )

    def _frame(self, table: Any) -> Any:  # noqa: ANN401
        return self.spark.createDataFrame(table)

    def _observations(self, observations: Records | Path) -> None:
        if isinstance(observations, Records):
            table = _facts_table(observations)
            # Spark takes no Arrow dictionaries: their values, as plain columns.
            frame = self._frame(
                table.cast(
                    _pyarrow().schema(
                        [
                            f.with_type(f.type.value_type)
                            if hasattr(f.type, "value_type")
                            else f
                            for f in table.schema
                        ]
                    )
                )
            )
        else:
            frame = self.spark.read.option("recursiveFileLookup", "true").parquet(
                str(observations / "observations")
            )
        frame.createOrReplaceTempView("facts")
        self.spark.sql(_view(self.dialect)).createOrReplaceTempView("observations")

    def _given(self, observations: Records | Path, tables: dict[str, Any]) -> None:
        """The observations and the small *tables* a check query reads."""
        self._observations(observations)
        for table_name, table in tables.items():
            self._frame(table).createOrReplaceTempView(table_name)

    def statistics(  # noqa: PLR0913, PLR0917
        self,
        observations: Records | Path,
        day: dt.date,
        indicators: list[str],
        goal_after: list[tuple[str, str, dt.date]],
        own_after: list[tuple[str, dt.date]],
        sums: frozenset[str],
        recorded: Any,  # noqa: ANN401
    ) -> Any:  # noqa: ANN401
        from resultframe.engines._plan import statistics_sql  # noqa: PLC0415

        self._observations(observations)
        g, i = _after_tables(goal_after, own_after)
        self._frame(g).createOrReplaceTempView("goal_after")
        self._frame(i).createOrReplaceTempView("own_after")
        self._frame(_recorded_table(recorded)).createOrReplaceTempView("recorded")
        sql = statistics_sql(self.dialect, day, indicators, sums)
        return self.spark.sql(sql).toArrow()

    def rows_of(
        self,
        observations: Path,
        indicators: list[str],
        day: dt.date,
        *,
        noted: bool = False,
    ) -> list[tuple[Any, ...]]:
        from pyspark.sql import functions as f  # noqa: PLC0415

        self._observations(observations)
        frame = self.spark.table("observations").where(
            f.col("indicator").isin(indicators) & (f.col("on") <= f.lit(day))
        )
        if noted:
            frame = frame.where(f.trim(f.coalesce(f.col("note"), f.lit(""))) != "")
        cols = ["indicator", "subject", "on", "value", "kind", "text", "note", "source"]
        return [tuple(r) for r in frame.select(*cols).collect()]

    def query(
        self,
        name: str,
        observations: Records | Path,
        day: dt.date,
        tables: dict[str, Any],
    ) -> Any:  # noqa: ANN401
        from resultframe.engines._plan import check_sql  # noqa: PLC0415

        self._given(observations, tables)
        return self.spark.sql(check_sql(name, self.dialect, day)).toArrow()


# -- from statistics to the judge's rows -------------------------------------------


def _runs(table: Any, recorded: Any) -> list[tuple[str, Any, Any]]:  # noqa: ANN401
    """Where the plan's rows are, by indicator and subject.

    Per indicator (sorted): the positions of its rows in *table* in the order
    of their subjects' ids, and those subjects (Arrow). The plan gives each
    subject's place among the *recorded* subjects sorted by id
    (:data:`_plan.COLUMNS`, ``place``): numbers sort fast, and the subjects
    are the recorded ones at those places. An answer with a subject that is
    not recorded (facts that were not checked) is sorted by the subjects'
    ids themselves.
    """
    if table.num_rows == 0:
        return []
    import numpy as np  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if table.column("place").null_count:
        order = pc.sort_indices(
            table, sort_keys=[("indicator", "ascending"), ("subject", "ascending")]
        ).to_numpy()
        runs = pc.run_end_encode(table.column("indicator").take(order).combine_chunks())
        ends = runs.run_ends.to_numpy()
        names = runs.values.to_pylist()
        subjects = table.column("subject").take(order).combine_chunks()
    else:
        coded = pc.dictionary_encode(table.column("indicator").combine_chunks())
        names = coded.dictionary.to_pylist()
        rank = np.empty(len(names), dtype=np.int64)
        rank[sorted(range(len(names)), key=names.__getitem__)] = np.arange(len(names))
        ranks = rank[coded.indices.to_numpy(zero_copy_only=False)]
        place = table.column("place").to_numpy().astype(np.int64)
        order = np.argsort(ranks * (int(place.max()) + 1) + place)
        ends = np.cumsum(np.bincount(ranks, minlength=len(names)))
        names = sorted(names)
        subjects = None
    starts = np.concatenate(([0], ends[:-1]))
    return [
        (
            name,
            order[a:b],
            subjects.slice(a, b - a)
            if subjects is not None
            else recorded.take(place[order[a:b]]),
        )
        for name, a, b in zip(names, starts.tolist(), ends.tolist(), strict=True)
    ]


def _inexact_rows(
    backend: _Backend,
    observations: Records | Path,
    day: dt.date,
    table: Any,  # noqa: ANN401
    sums: frozenset[str],
) -> Any:  # noqa: ANN401
    """The rows of the subjects whose sums the plan did not give exactly.

    ``(indicator, subject, on, value)`` by indicator, subject and day (the
    query ``sum_rows``), or None when every sum is exact.
    """
    if not sums or table.num_rows == 0:
        return None
    import pyarrow.compute as pc  # noqa: PLC0415

    summed = pc.is_in(
        table.column("indicator"), value_set=_pyarrow().array(sorted(sums))
    )
    inexact = table.filter(pc.and_(summed, pc.invert(table.column("exact"))))
    if inexact.num_rows == 0:
        return None
    pairs = inexact.select(["indicator", "subject"])
    return backend.query("sum_rows", observations, day, {"inexact": pairs})


def _columns(
    whole: _Whole,
    runs: list[tuple[str, Any, Any]],
    sums: frozenset[str],
    rows: Any = None,  # noqa: ANN401
) -> dict[str, _access.Column]:
    """Two rows per subject that give the judge what its observations would.

    The judge reads of a subject's rows (``start:stop``): the first and the last
    day, the first and the last value (not a ``sum``), and for a ``sum`` the
    sum of the values after a baseline day and of the first day's values
    (:func:`~resultframe.evaluation._kernels.span_sum`, ``span_first``). The
    first row holds the first day and the first value (or the first day's sum;
    0 when the first day is on or before the explicit baseline day), the
    second the last day and the latest value (or the sum of the values after
    the first day, or after the baseline day). Subjects by id, as the column
    store has them: *runs* (:func:`_runs`) says where each indicator's rows
    are in that order.

    A subject of a ``sum`` indicator whose sums the plan could not give exactly
    (:data:`~resultframe.engines._plan.COLUMNS`, ``exact``) has its own rows
    instead, from *rows* (:func:`_inexact_rows`), for the judge to add up
    exactly as it adds up the Python engine's.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if not runs:
        return {}
    own = _own_rows(rows)
    out: dict[str, _access.Column] = {}
    for indicator, positions, subjects in runs:
        n = len(positions)

        def taken(name: str, at: Any = positions) -> Any:  # noqa: ANN401
            return whole.column(name)[at]

        fd, ld = taken("first_day"), taken("last_day")
        if indicator in sums:
            has_after = whole.valid("after")[positions]
            explicit = has_after & (fd <= taken("after"))
            a = np.where(explicit, 0.0, taken("s_first"))
            b = np.where(explicit, taken("s_after"), taken("s_rest"))
        else:
            a, b = taken("first_value"), taken("latest_value")
        row_days = np.column_stack((fd, ld)).astype(np.int64).ravel()
        row_values = np.column_stack((a, b)).astype(np.float64).ravel()
        view = _Texts(subjects)
        starts: Sequence[int] = range(0, 2 * n, 2)
        stops: Sequence[int] = range(2, 2 * n + 1, 2)
        if indicator in own:
            names_of, begins, finishes, own_days, own_values = own[indicator]
            first = np.arange(0, 2 * n, 2, dtype=np.int64)
            last = first + 2
            # Where each subject with rows of its own is among the plan's.
            found = pc.index_in(subjects, value_set=names_of)
            has = pc.is_valid(found).to_numpy(zero_copy_only=False)
            which = pc.drop_null(found).to_numpy().astype(np.int64)
            first[has] = 2 * n + begins[which]
            last[has] = 2 * n + finishes[which]
            starts, stops = _ints(first), _ints(last)
            row_days = np.concatenate((row_days, own_days))
            row_values = np.concatenate((row_values, own_values))
        keys: array[int] = array("q")
        keys.frombytes(row_days.tobytes())
        values: array[float] = array("d")
        values.frombytes(row_values.tobytes())
        out[indicator] = _access.Column(
            view, starts, stops, keys, values, array("b", bytes(len(keys))), ("",)
        )
    return out


class _Whole:
    """Columns of the plan's answer, each as one numpy array.

    Days as ordinals (0 for none), numbers as floats (0.0 for none), and for
    days also where the column has one. Each Arrow column is let go once it
    is made (*table* should be the only holder of its columns). Taking rows
    of Arrow columns in many chunks copied the whole column each time.
    """

    def __init__(self, table: Any) -> None:  # noqa: ANN401
        pa = _pyarrow()
        import numpy as np  # noqa: PLC0415
        import pyarrow.compute as pc  # noqa: PLC0415

        self._made: dict[str, Any] = {}
        for name in table.column_names:
            col = table.column(name)
            table = table.drop_columns([name])
            if pa.types.is_date(col.type):
                self._made[f"{name} is valid"] = pc.is_valid(col).to_numpy(
                    zero_copy_only=False
                )
                col = pc.fill_null(col.cast(pa.date32()).cast(pa.int32()), 0)
                self._made[name] = col.to_numpy().astype(np.int64) + _EPOCH
            else:
                col = pc.fill_null(col.cast(pa.float64()), 0.0)
                self._made[name] = col.to_numpy()
            del col

    def column(self, name: str) -> Any:  # noqa: ANN401
        """The column *name*."""
        return self._made[name]

    def valid(self, name: str) -> Any:  # noqa: ANN401
        """Where the column of days *name* has one."""
        return self._made[f"{name} is valid"]


def _ints(column: Any) -> array[int]:  # noqa: ANN401
    out: array[int] = array("q")
    out.frombytes(column.astype("int64").tobytes())
    return out


def _own_rows(rows: Any) -> dict[str, tuple[Any, Any, Any, Any, Any]]:  # noqa: ANN401
    """*rows* of :func:`_inexact_rows` by indicator.

    Per indicator: its subjects (Arrow), where each one's rows begin and end,
    the rows' days (ordinals) and values.
    """
    if rows is None or rows.num_rows == 0:
        return {}
    pa = _pyarrow()
    import numpy as np  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    indicators = rows.column("indicator").combine_chunks()
    subjects = rows.column("subject").combine_chunks()
    on = rows.column("on").cast(pa.date32()).cast(pa.int32())
    days = on.to_numpy().astype(np.int64) + _EPOCH
    values = rows.column("value").cast(pa.float64()).to_numpy()
    out: dict[str, tuple[Any, Any, Any, Any, Any]] = {}
    runs = pc.run_end_encode(indicators)
    start = 0
    for indicator, stop in zip(
        runs.values.to_pylist(), runs.run_ends.to_pylist(), strict=True
    ):
        by_subject = pc.run_end_encode(subjects.slice(start, stop - start))
        finishes = by_subject.run_ends.to_numpy().astype(np.int64)
        begins = np.concatenate(([0], finishes[:-1])).astype(np.int64)
        out[indicator] = (
            by_subject.values,
            begins,
            finishes,
            days[start:stop],
            values[start:stop],
        )
        start = stop
    return out


class _Texts(Sequence[str]):
    """A view of an Arrow column of texts as a sequence of str.

    What evaluation reads of a column's subjects - one by index, a slice, all
    of them - without a Python str per row until it is read.
    """

    __slots__ = ("_array",)

    def __init__(self, array: Any) -> None:  # noqa: ANN401
        self._array = array

    def __len__(self) -> int:
        return len(self._array)

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return list(self._array[index].to_pylist())
        if index < 0:
            index += len(self._array)
        if not 0 <= index < len(self._array):
            raise IndexError(index)
        return str(self._array[index].as_py())

    def __iter__(self) -> Iterator[str]:
        return iter(self._array.to_pylist())


_EMPTY: Final = _access.Column([], [], [], array("q"), array("d"), array("b"), ("",))


def _observation(row: Sequence[Any], *, texts: bool = False) -> Observation:
    """An observation of :meth:`_Backend.rows_of`; a text only where *texts*."""
    indicator, subject, on, value, kind, text, note, source = row
    typed: float | int | bool | str
    if value is None and kind != 3:  # 3: a text
        raise InvalidValue(
            "observations", indicator, "a number in every row, not null (check it)"
        )
    if kind == 1:
        typed = int(value)
    elif kind == 2:
        typed = value != 0
    elif kind == 3 and texts:
        typed = text or ""
    elif kind == 3:
        raise InvalidValue(
            "observations",
            indicator,
            "numbers for the source of a derived indicator, not texts",
        )
    else:
        typed = float(value)
    return Observation(
        indicator=indicator,
        subject=subject,
        on=on,
        value=typed,
        note=note or "",
        source=source or "",
    )


def _with_sources(  # noqa: PLR0913, PLR0917
    fw: ResultsFramework,
    backend: _Backend,
    parquet: Path,
    recs: Records,
    day: dt.date,
    indicators: Sequence[Indicator],
    *,
    groups: bool = False,
    notes: bool = False,
) -> Records:
    """*recs* with the observations of the derived indicators' sources on *day*.

    With *groups*, also those of the observed meso and macro indicators (of
    neighbourhoods and municipalities, not residents: few rows), which a
    report draws over time; with *notes*, also the observations with a note
    of the other observed indicators (the residents' own), which a report
    shows when asked to.
    """
    sources = {source_of(fw, i).indicator.id for i in indicators if i.derived_from}
    observed = {
        i.id
        for i in indicators
        if groups and i.derived_from is None and fw.level_of(i.id) is not Level.MICRO
    } - sources
    wanted = sorted(sources | observed)
    rows = backend.rows_of(parquet, wanted, day) if wanted else []
    noted = sorted(
        {i.id for i in indicators if notes and i.derived_from is None}
        - sources
        - observed
    )
    if noted:
        rows += backend.rows_of(parquet, noted, day, noted=True)
        observed |= set(noted)
    if not rows and not recs.observations:
        return recs  # nothing to add or leave out: no records to build again
    return Records(
        subjects=recs.subjects,
        observations=[_observation(r, texts=r[0] in observed) for r in rows],
        goals=recs.goals,
        assessments=recs.assessments,
        reviews=recs.reviews,
    )


def _counted(
    backend: _Backend,
    observations: Records | Path,
    recs: Records,
    day: dt.date,
    plan: tuple[
        list[str],
        list[tuple[str, str, dt.date]],
        list[tuple[str, dt.date]],
        frozenset[str],
    ],
) -> dict[str, _access.Column]:
    """The judge's columns of the observed indicators, counted by *backend*.

    *plan* holds the indicators, the explicit baseline days (a goal's, an
    indicator's own) and those of the indicators that add up their values.
    *recs* are the facts whose subjects are recorded.
    """
    ids, goal_after, own_after, sums = plan
    pa = _pyarrow()
    recorded = pa.array(list(subjects_by_id(recs)), pa.string())
    stats = backend.statistics(
        observations, day, ids, goal_after, own_after, sums, recorded
    )
    rows = _inexact_rows(backend, observations, day, stats, sums)
    runs = _runs(stats, recorded)
    names = ["first_day", "last_day"]
    if any(i not in sums for i in ids):
        names += ["first_value", "latest_value"]
    if sums:
        names += ["s_first", "s_rest", "after", "s_after"]
    # Only the columns the judge reads, each let go as it is made into numpy:
    # the engine's answer is not held twice.
    whole = _Whole(stats.select(names))
    del stats
    return _columns(whole, runs, sums, rows)


_MEMORY: Final = re.compile(r"[0-9]+(\.[0-9]+)? ?([KMGT]i?B|B)", re.IGNORECASE)


def _memory_limit(memory_limit: object) -> str | None:
    """*memory_limit* checked: None, or an amount such as ``"4GB"`` or ``"512MiB"``."""
    if memory_limit is None:
        return None
    if not isinstance(memory_limit, str) or not _MEMORY.fullmatch(memory_limit):
        raise InvalidValue(
            "memory_limit",
            _args.short(memory_limit),
            "an amount of memory such as '4GB' or '512MiB'",
        )
    return memory_limit


def _backend(
    engine: str,
    session: Any,  # noqa: ANN401
    threads: int | None,
    memory_limit: str | None = None,
) -> _Backend:
    if engine == "duckdb":
        return _DuckDB(threads, _memory_limit(memory_limit))
    if memory_limit is not None:
        raise InvalidValue(
            "memory_limit",
            _args.short(memory_limit),
            "no limit for spark (give the session its memory)",
        )
    return _Spark(session)


def _parquet(source: object) -> Path:
    parquet = Path(source)  # type: ignore[arg-type]
    if not (parquet / "observations").is_dir():
        raise InvalidValue(
            "source",
            str(source),
            "records, or a directory with an observations/ folder of Parquet",
        )
    return parquet


def check(  # noqa: PLR0913
    framework: ResultsFramework,
    source: Records | str | os.PathLike[str],
    as_of: dt.date,
    *,
    engine: str = "duckdb",
    facts: Records | None = None,
    session: Any = None,  # noqa: ANN401
    threads: int | None = None,
    memory_limit: str | None = None,
) -> tuple[Problem, ...]:
    """Every fact known on *as_of* that does not fit *framework*, found by an engine.

    The columnar form of :meth:`Records.check <resultframe.Records.check>` for
    observations that stay in an engine: *source* is records or a Parquet
    directory (:func:`~resultframe.serialization.write_parquet`), *facts* the
    other facts beside a directory. The observations are checked with
    whole-table queries - a count per indicator, the distinct values of each
    indicator judged by the model's own rule, an anti-join of the observed
    subjects with the recorded ones, a grouping by subject and day for
    latest-value indicators - and the other facts by ``Records.check``. The
    problems are those ``records.as_of(as_of).check(framework)`` gives, with the
    same messages, in its order: subjects, then the observations indicator by
    indicator (the indicator, its values by subject and day, its subjects, its
    repeated days), then goals, assessments and reviews.

    Raises:
        MissingExtra: the engine's extra is not installed.
        InvalidValue: an argument is not what is expected.
    """
    from resultframe.engines._check import observation_problems  # noqa: PLC0415

    fw = _args.framework(framework)
    day = _args.day("as_of", as_of)
    if engine not in ENGINES or engine == "python":
        raise InvalidValue("engine", engine, "duckdb or spark")
    observations: Records | Path
    if isinstance(source, Records):
        observations, others = source, source
    elif isinstance(source, (str, os.PathLike)):
        observations = _parquet(source)
        others = facts if facts is not None else Records()
    else:
        raise InvalidValue("source", source, "records or a Parquet directory")
    known = (
        others
        if not others.observations
        else Records(
            subjects=others.subjects,
            goals=others.goals,
            assessments=others.assessments,
            reviews=others.reviews,
        )
    ).as_of(day)
    with _backend(engine, session, threads, memory_limit) as backend:
        found = observation_problems(backend, fw, observations, known, day)
    return check_facts(
        fw,
        columns=columns_of(known),
        subjects=subjects_by_id(known),
        goals=known.goals,
        assessments=known.assessments,
        reviews=known.reviews,
        observations=found,
    )


def source_records(  # noqa: PLR0913
    framework: ResultsFramework,
    source: str | os.PathLike[str],
    as_of: dt.date,
    *,
    facts: Records | None = None,
    engine: str = "duckdb",
    session: Any = None,  # noqa: ANN401
    threads: int | None = None,
    memory_limit: str | None = None,
    notes: bool = False,
) -> Records:
    """The facts with the observations a report reads beside an engine's evaluation.

    When the observations stay in a Parquet directory: those of every derived
    indicator's source (the report's roll-ups and its disclosure audit are
    computed from them) and of every observed meso and macro indicator (their
    groups' values drawn over time), on or before *as_of*, read through
    *engine*. The residents' own observations of observed micro indicators
    are not read (the engine's evaluation holds what the report shows of
    them), except, with *notes*, those with a note: a report shows notes on
    observations only when asked to (``include_observation_notes``).

    Raises:
        MissingExtra: the engine's extra is not installed.
        InvalidValue: an argument is not what is expected.
    """
    fw = _args.framework(framework)
    day = _args.day("as_of", as_of)
    if engine not in ENGINES or engine == "python":
        raise InvalidValue("engine", engine, "duckdb or spark for a Parquet source")
    parquet = Path(source)
    if not (parquet / "observations").is_dir():
        raise InvalidValue(
            "source", str(source), "a directory with an observations/ folder of Parquet"
        )
    indicators = [i for r in fw.results for i in r.indicators]
    with _backend(engine, session, threads, memory_limit) as backend:
        return _with_sources(
            fw,
            backend,
            parquet,
            facts if facts is not None else Records(),
            day,
            indicators,
            groups=True,
            notes=_args.flag("notes", notes),
        )


def evaluate(  # noqa: PLR0913
    framework: ResultsFramework,
    source: Records | str | os.PathLike[str],
    as_of: dt.date,
    *,
    engine: str = "duckdb",
    facts: Records | None = None,
    min_group: int = 10,
    cycle: str | None = None,
    per_subject: bool = False,
    session: Any = None,  # noqa: ANN401
    threads: int | None = None,
    memory_limit: str | None = None,
    check_facts: bool = True,
) -> FrameworkEvaluation:
    """Evaluate a framework on a day on an engine; equal to the Python engine.

    Args:
        framework: The framework.
        source: The records, or a directory with the observations as Parquet
            written by :func:`~resultframe.serialization.write_parquet` (or
            ``resultframe convert``).
        as_of: The day.
        engine: ``"duckdb"`` (default), ``"spark"`` or ``"python"`` (the
            reference, :func:`resultframe.evaluation.evaluate`; records only).
        facts: With a Parquet *source*: the other facts (subjects, goals,
            assessments, reviews); their observations, if any, are ignored.
        min_group: See :func:`~resultframe.evaluation.evaluate`.
        cycle: See :func:`~resultframe.evaluation.evaluate`.
        per_subject: See :func:`~resultframe.evaluation.evaluate`.
        session: For ``spark``: the Spark session to use (else a local one).
        threads: For ``duckdb``: the number of threads (else DuckDB's default).
        memory_limit: For ``duckdb``: the most memory DuckDB may hold, such
            as ``"4GB"`` (else DuckDB's default, 80% of the machine's); beyond
            it DuckDB spills to disk, which costs time (see the national
            figures in the engines' documentation).
        check_facts: For a Parquet *source*: check its observations against the
            framework with :func:`check` first (the default). ``False`` skips
            that for a directory known to fit (one ``resultframe convert`` wrote
            for this framework checks every row); the other facts and the
            observations of derived indicators' sources are always checked.
            Unchecked, a day with two values of a latest-value indicator (which
            the check refuses) gives one of them, the engine's choice.

    Raises:
        MissingExtra: the engine is not installed.
        InvalidRecords: facts known on *as_of* do not fit the framework.
        InvalidValue: an argument is wrong.
    """
    fw = _args.framework(framework)
    day = _args.day("as_of", as_of)
    minimum = _args.min_group(min_group)
    keep = _args.flag("per_subject", per_subject)
    scope = None if cycle is None else fw.cycle(_args.text_id("cycle", cycle))
    if engine not in ENGINES:
        raise InvalidValue("engine", engine, "one of " + ", ".join(ENGINES))
    parquet: Path | None = None
    if isinstance(source, Records):
        recs = source
    elif isinstance(source, (str, os.PathLike)):
        parquet = Path(source)
        if not (parquet / "observations").is_dir():
            raise InvalidValue(
                "source",
                str(source),
                "records, or a directory with an observations/ folder of Parquet",
            )
        recs = facts if facts is not None else Records()
    else:
        raise InvalidValue("source", source, "records or a Parquet directory")
    if engine == "python":
        if parquet is not None:
            raise InvalidValue("engine", engine, "duckdb or spark for a Parquet source")
        return evaluate_with(
            fw, recs, day, min_group=minimum, scope=scope, per_subject=keep
        )
    with _backend(engine, session, threads, memory_limit) as backend:
        if parquet is not None and _args.flag("check_facts", check_facts):
            problems = check(
                fw,
                parquet,
                day,
                engine=engine,
                facts=recs,
                session=session,
                threads=threads,
                memory_limit=memory_limit,
            )
            if problems:
                raise InvalidRecords(problems)
        indicators = [
            i
            for r in fw.results
            if scope is None or scope.covers(r.id)
            for i in r.indicators
        ]
        observed = [i for i in indicators if i.derived_from is None]
        if parquet is not None:
            recs = _with_sources(fw, backend, parquet, recs, day, indicators)
        goals = _access.known_goals(recs, day)
        goal_after: list[tuple[str, str, dt.date]] = []
        own_after: list[tuple[str, dt.date]] = []
        for ind in observed:
            # The baselines that sums count from, chosen as the judge chooses them.
            level = fw.level_of(ind.id)
            own = _access.explicit_baseline(ind, level, None)
            if own is not None:
                own_after.append((ind.id, own.on))
            for subject, gs in goals.get(ind.id, {}).items():
                base = _access.explicit_baseline(ind, level, _access.goal_on(gs, day))
                if base is not None and base is not own:  # the goal's
                    goal_after.append((ind.id, subject, base.on))
        ids = sorted({i.id for i in observed})
        sums = frozenset(i.id for i in observed if i.accumulation is Accumulation.SUM)
        columns = (
            _counted(
                backend,
                parquet if parquet is not None else recs,
                recs,
                day,
                (ids, goal_after, own_after, sums),
            )
            if ids
            else {}
        )

    def column(_records: Records, indicator: str, _day: dt.date) -> _access.Column:
        return columns.get(indicator, _EMPTY)

    return evaluate_with(
        fw, recs, day, min_group=minimum, scope=scope, per_subject=keep, columns=column
    )
