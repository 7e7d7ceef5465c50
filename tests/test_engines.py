"""Every engine gives exactly what the Python engine gives.

The DuckDB and Spark engines only count (:mod:`resultframe.engines`); the
statuses, roll-ups, suppression and verdicts are the Python engine's code. The
property tests compare whole evaluations (counts, n, progress, statuses,
suppression, verdicts, every subject) over generated frameworks and records:
same-day ties, goals, ``maintain``, ``sum`` indicators and days before, between
and after the facts.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import math
import shutil
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resultframe import (
    Accumulation,
    Agreement,
    Direction,
    Indicator,
    Level,
    Measure,
    Observation,
    Period,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Subject,
    engines,
    example,
    strategies,
)
from resultframe.engines._plan import statistics_sql
from resultframe.errors import InvalidRecords, InvalidValue, MissingExtra
from resultframe.evaluation import IndicatorStatus, evaluate
from resultframe.serialization import read_parquet, write_parquet


def _differential() -> Any:
    # The generator of evaluation scenarios of the differential test, shared.
    path = Path(__file__).with_name("test_evaluation_differential.py")
    spec = importlib.util.spec_from_file_location("_differential_cases", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


cases = _differential().cases
if TYPE_CHECKING:
    from collections.abc import Iterator

    from resultframe.evaluation import FrameworkEvaluation

duckdb = pytest.importorskip("duckdb", reason="the duckdb extra is not installed")

Case = tuple[ResultsFramework, Records, dt.date, "float | None", int]


def _nan_equal(value: object) -> object:
    # The value as plain tuples, with nan as a text: nan equals nan.
    if attrs.has(type(value)):  # an attrs instance
        value = attrs.astuple(value, recurse=False)  # type: ignore[arg-type]
    if isinstance(value, (tuple, list)):
        return tuple(_nan_equal(v) for v in value)
    if isinstance(value, float) and math.isnan(value):
        return "nan"
    return value


def _same(a: FrameworkEvaluation, b: FrameworkEvaluation) -> None:
    # Equal as frozen values: every count, progress, status, subject and verdict.
    # A mean progress of nan (progress inf and -inf: no mean) is equal to nan
    # here, though not as a float.
    assert a == b or _nan_equal(a) == _nan_equal(b)


def _python(fw: ResultsFramework, recs: Records, day: dt.date, mg: int) -> Any:
    return evaluate(fw, recs, day, min_group=mg, per_subject=True)


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=cases())
def test_duckdb_equals_the_python_engine(case: Case) -> None:
    fw, recs, day, _, mg = case
    _same(
        engines.evaluate(
            fw, recs, day, engine="duckdb", min_group=mg, per_subject=True
        ),
        _python(fw, recs, day, mg),
    )


@settings(deadline=None, max_examples=25, suppress_health_check=[HealthCheck.too_slow])
@given(strategies.frameworks(max_results=4), st.data())
def test_duckdb_equals_the_python_engine_on_whole_frameworks(
    fw: ResultsFramework, data: st.DataObject
) -> None:
    recs = data.draw(
        strategies.records(fw, max_subjects=10, max_observations=40, max_goals=6)
    )
    day = data.draw(strategies.dates())
    _same(engines.evaluate(fw, recs, day, per_subject=True), _python(fw, recs, day, 10))


@settings(
    deadline=None,
    max_examples=20,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases())
def test_duckdb_over_parquet_equals_the_python_engine(
    case: Case, tmp_path: Path
) -> None:
    fw, recs, day, _, mg = case
    where = tmp_path / "facts"
    shutil.rmtree(where, ignore_errors=True)
    # Partitioned by year, as a regional monitor would write it.
    write_parquet(recs, where, partition_by=["year"])
    others = read_parquet(where, observations=False)
    _same(
        engines.evaluate(fw, where, day, facts=others, min_group=mg, per_subject=True),
        _python(fw, recs, day, mg),
    )


def _framework(*indicators: Indicator) -> ResultsFramework:
    return ResultsFramework(
        id="fw",
        name="fw",
        agreement=Agreement(
            purpose="p",
            period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31)),
        ),
        results=(
            Result(
                id="r",
                statement="s",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=indicators,
            ),
        ),
    )


def _sum_indicator() -> Indicator:
    return Indicator(
        id="s",
        name="s",
        measure=Measure.QUANTITY,
        question=Question.HOW_MUCH,
        direction=Direction.INCREASE,
        accumulation=Accumulation.SUM,
    )


def test_a_sum_counts_what_came_after_the_first_day() -> None:
    # A sum without baseline starts at 0 the day before the first value:
    # 1 + 2 (1 March) + 4 (2 March) = 7, first day's sum 3.
    ind = _sum_indicator()
    recs = Records(
        subjects=[Subject(id="r1", level=Level.MICRO)],
        observations=[
            Observation(indicator="s", subject="r1", on=dt.date(2025, 3, 1), value=1.0),
            Observation(indicator="s", subject="r1", on=dt.date(2025, 3, 1), value=2.0),
            Observation(indicator="s", subject="r1", on=dt.date(2025, 3, 2), value=4.0),
        ],
    )
    day = dt.date(2025, 3, 2)
    got = engines.evaluate(_framework(ind), recs, day, per_subject=True)
    s = got.result("r").indicator("s").subject("r1")
    assert (s.baseline, s.value, s.status) == (3.0, 7.0, IndicatorStatus.IMPROVED)


def test_a_memory_limit_bounds_duckdb_and_changes_nothing_else(
    tmp_path: Path,
) -> None:
    # DuckDB spills to disk beyond the limit; the evaluation is the same.
    fw, recs = example.framework(), example.records()
    day = example.period().end
    write_parquet(recs, tmp_path / "facts")
    limited = engines.evaluate(
        fw, tmp_path / "facts", day, facts=recs, memory_limit="64MB", threads=1
    )
    assert limited == engines.evaluate(fw, tmp_path / "facts", day, facts=recs)
    with pytest.raises(InvalidValue, match=r"^memory_limit: .*DuckDB can keep to"):
        engines.evaluate(fw, recs, day, memory_limit="10B")
    for bad in ("lots", "4 GBs", 4096, "-1GB"):
        with pytest.raises(InvalidValue, match=r"^memory_limit: .*'4GB' or '512MiB'"):
            engines.evaluate(fw, recs, day, memory_limit=bad)  # type: ignore[arg-type]


def test_an_unknown_engine_or_source_is_refused() -> None:
    fw = _framework(
        Indicator(
            id="i",
            name="i",
            measure=Measure.QUANTITY,
            direction=Direction.INCREASE,
            question=Question.HOW_MUCH,
        )
    )
    with pytest.raises(InvalidValue, match="engine"):
        engines.evaluate(fw, Records(), dt.date(2025, 1, 1), engine="polars")
    with pytest.raises(InvalidValue, match="observations/"):
        engines.evaluate(fw, "/nonexistent", dt.date(2025, 1, 1))


def test_a_missing_engine_names_its_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "duckdb", None)
    fw = _framework(
        Indicator(
            id="i",
            name="i",
            measure=Measure.QUANTITY,
            direction=Direction.INCREASE,
            question=Question.HOW_MUCH,
        )
    )
    with pytest.raises(MissingExtra, match=r"resultframe\[duckdb\]"):
        engines.evaluate(fw, Records(), dt.date(2025, 1, 1))
    # With DuckDB but without numpy (pyarrow does not bring it): numpy is named.
    monkeypatch.undo()
    monkeypatch.setitem(sys.modules, "numpy", None)
    recs = Records(
        subjects=[Subject(id="r", level=Level.MICRO)],
        observations=[
            Observation(indicator="i", subject="r", on=dt.date(2025, 1, 1), value=1)
        ],
    )
    with pytest.raises(MissingExtra, match=r"module 'numpy'.*resultframe\[duckdb\]"):
        engines.evaluate(fw, recs, dt.date(2025, 1, 1))


def test_the_plan_is_written_once_and_transpiled() -> None:
    day = dt.date(2025, 1, 1)
    duck, spark = (
        statistics_sql("duckdb", day, ["a", "b"], frozenset({"b"})),
        statistics_sql("spark", day, ["a", "b"], frozenset({"b"})),
    )
    # Latest values by one aggregation (DuckDB's ARG_MIN is Spark's MIN_BY); a
    # window only for the sums.
    assert "ARG_MIN" in duck
    assert "MIN_BY" in spark
    assert duck.count("OVER") == spark.count("OVER") == 1
    assert "`on`" in spark  # Spark quotes with backticks
    assert "ARG_MIN" in statistics_sql("duckdb", day, ["a"])
    assert "OVER" not in statistics_sql("duckdb", day, ["a"])


# -- Spark: one local session for the module, few small examples ---------------------


def _spark_ready() -> str | None:
    try:
        importlib.import_module("pyspark")
    except ImportError:
        return "the spark extra (pyspark) is not installed"
    if shutil.which("java") is None:
        return "Spark needs Java (17), which is not installed"
    return None


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    why = _spark_ready()
    if why is not None:
        pytest.skip(why)
    sql = importlib.import_module("pyspark.sql")
    session = (
        sql.SparkSession.builder.master("local[1]")
        .appName("resultframe-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "1")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    yield session
    session.stop()


@settings(
    deadline=None,
    max_examples=8,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(case=cases())
def test_spark_equals_the_python_engine(case: Case, spark: Any) -> None:
    fw, recs, day, _, mg = case
    _same(
        engines.evaluate(
            fw, recs, day, engine="spark", session=spark, min_group=mg, per_subject=True
        ),
        _python(fw, recs, day, mg),
    )


def test_spark_checks_a_parquet_directory_as_records_check_does(
    spark: Any, tmp_path: Path
) -> None:
    # The columnar check on Spark: a score of 7 on the ZRM's 1-5, a resident
    # nobody recorded and a day with two scores, found as Records.check finds them (tests/test_engines_check.py
    # holds DuckDB to the same over generated records).
    from resultframe import example  # noqa: PLC0415

    fw, recs, day = example.framework(), example.records(), example.AS_OF
    zrm = next(o for o in recs.observations if o.indicator.startswith("zrm"))
    bad = recs.add(
        [
            Observation(indicator=zrm.indicator, subject=zrm.subject, on=day, value=7),
            Observation(indicator=zrm.indicator, subject="r-nobody", on=day, value=3),
            # a second score on a day that has one (its 64-bit hash repeats)
            Observation(
                indicator=zrm.indicator, subject=zrm.subject, on=zrm.on, value=2
            ),
        ]
    )
    write_parquet(bad, tmp_path / "facts")
    others = read_parquet(tmp_path / "facts", observations=False)
    found = engines.check(
        fw, tmp_path / "facts", day, engine="spark", session=spark, facts=others
    )
    assert found == bad.as_of(day).check(fw)
    assert [p.code for p in found] == [
        "wrong_value",
        "unknown_id",
        "duplicate_observation",
    ]


def test_spark_reads_what_a_report_needs_as_duckdb_does(
    spark: Any, tmp_path: Path
) -> None:
    # The rows a report reads beside an engine's evaluation (the derived
    # indicators' sources, the groups' own indicators, and with notes the
    # residents' noted observations) are the same rows on either engine, and
    # they are the records' own.
    from resultframe import example  # noqa: PLC0415

    fw, recs, day = example.framework(), example.records(), example.AS_OF
    write_parquet(recs, tmp_path / "facts")
    others = read_parquet(tmp_path / "facts", observations=False)
    got = {}
    for notes in (False, True):
        duck = engines.source_records(
            fw, tmp_path / "facts", day, facts=others, notes=notes
        )
        on_spark = engines.source_records(
            fw,
            tmp_path / "facts",
            day,
            facts=others,
            engine="spark",
            session=spark,
            notes=notes,
        )
        assert on_spark == duck
        assert set(duck.observations) <= set(recs.as_of(day).observations)
        got[notes] = set(duck.observations)
    # With notes, every noted observation comes too, and nothing else.
    noted = {o for o in recs.as_of(day).observations if o.note.strip()}
    assert noted - got[False]
    assert got[True] == got[False] | noted


_SUMS_OF = pytest.mark.parametrize(
    ("values", "total"),
    [
        # 0.1 + 0.2 + 0.3: added one after another 0.6000000000000001; the exact
        # sum of the three doubles rounds to 0.6 (math.fsum).
        ((0.1, 0.2, 0.3), 0.6),
        # 1e16 + 1 rounds back to 1e16 (doubles that large are 2 apart), so
        # adding in this order gives 0; exactly, 1e16 + 1 - 1e16 = 1.
        ((1e16, 1.0, -1e16), 1.0),
    ],
)


def _summed(values: tuple[float, ...]) -> tuple[ResultsFramework, Records, dt.date]:
    ind = _sum_indicator()
    day = dt.date(2025, 3, 2)
    recs = Records(
        subjects=[
            Subject(id="r1", level=Level.MICRO),
            Subject(id="r2", level=Level.MICRO),
        ],
        observations=[
            *(
                Observation(indicator="s", subject="r1", on=day, value=v)
                for v in values
            ),
            # r2 has whole numbers: the plan's sum (2 + 3 = 5, the first day's 2).
            Observation(indicator="s", subject="r2", on=dt.date(2025, 3, 1), value=2),
            Observation(indicator="s", subject="r2", on=day, value=3),
        ],
    )
    return _framework(ind), recs, day


def _sums_are(got: FrameworkEvaluation, total: float) -> None:
    s = got.result("r").indicator("s")
    assert (s.subject("r1").baseline, s.subject("r1").value) == (total, total)
    assert (s.subject("r2").baseline, s.subject("r2").value) == (2.0, 5.0)


@_SUMS_OF
def test_an_engine_sums_exactly_as_the_python_engine(
    values: tuple[float, ...], total: float, tmp_path: Path
) -> None:
    # A sum indicator is the exact sum of its values on every engine: the
    # plan's own sums are used only where they are exact (whole numbers whose
    # absolute values add up to less than 2**53); the others are summed from
    # their rows as the Python engine sums them.
    fw, recs, day = _summed(values)
    write_parquet(recs, tmp_path / "facts")
    python = _python(fw, recs, day, 0)
    _sums_are(python, total)
    for got in (
        engines.evaluate(fw, recs, day, per_subject=True, min_group=0),
        engines.evaluate(
            fw, tmp_path / "facts", day, facts=recs, per_subject=True, min_group=0
        ),
    ):
        _sums_are(got, total)
        _same(got, python)


@_SUMS_OF
def test_spark_sums_exactly_as_the_python_engine(
    values: tuple[float, ...], total: float, spark: Any
) -> None:
    fw, recs, day = _summed(values)
    got = engines.evaluate(
        fw, recs, day, engine="spark", session=spark, per_subject=True, min_group=0
    )
    _sums_are(got, total)
    _same(got, _python(fw, recs, day, 0))


@settings(deadline=None, max_examples=60)
@given(
    st.lists(
        st.tuples(
            st.integers(0, 2),
            st.integers(-(10**6), 10**6)
            | st.floats(allow_nan=False, allow_infinity=False, width=64),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_every_sum_is_the_python_engines(rows: list[tuple[int, float]]) -> None:
    # Whole numbers, fractions, huge and tiny values, on one to three days: the
    # DuckDB engine's sums, first day's sums and statuses are the Python engine's.
    fw, recs, day = _summed(())
    recs = recs.add(
        [
            Observation(
                indicator="s",
                subject="r1",
                on=day - dt.timedelta(days=d),
                value=v,
            )
            for d, v in rows
        ]
    )
    _same(
        engines.evaluate(fw, recs, day, per_subject=True, min_group=0),
        _python(fw, recs, day, 0),
    )


_PAIRS = st.lists(
    st.tuples(
        st.sampled_from(["zrm-werk", "gas-1", "b", "b-2"]),
        st.text(alphabet="abyzé0", min_size=1, max_size=4),
    ),
    unique=True,
    max_size=40,
)


@settings(deadline=None, max_examples=80)
@given(pairs=_PAIRS, unrecorded=st.integers(0, 2), chunk=st.integers(1, 7))
def test_the_plans_answer_is_put_in_order_by_indicator_and_subject(
    pairs: list[tuple[str, str]], unrecorded: int, chunk: int
) -> None:
    # The plan gives rows in the engine's order, each with its subject's place
    # among the recorded subjects (null for one not recorded); _runs puts them
    # by indicator and subject as sorted() would, from the places, or from
    # the ids when a subject is not recorded. The table comes in chunks, as
    # an engine's answer does.
    pa = pytest.importorskip("pyarrow")
    ids = sorted({s for _, s in pairs})
    recorded = ids[unrecorded:]
    place = {s: i for i, s in enumerate(recorded)}
    whole = pa.table(
        {
            "indicator": pa.array([i for i, _ in pairs], pa.string()),
            "subject": pa.array([s for _, s in pairs], pa.string()),
            "place": pa.array([place.get(s) for _, s in pairs], pa.int64()),
        }
    )
    table = pa.concat_tables(
        whole.slice(k, chunk) for k in range(0, max(1, len(pairs)), chunk)
    )
    runs = engines._runs(table, pa.array(recorded, pa.string()))
    got = [(name, s) for name, _, subjects in runs for s in subjects.to_pylist()]
    assert got == sorted(pairs)
    for _, positions, subjects in runs:
        rows = [table.column("subject")[int(p)].as_py() for p in positions]
        assert rows == subjects.to_pylist()


def test_an_unrecorded_subject_in_unchecked_facts_is_refused_as_records_are(
    tmp_path: Path,
) -> None:
    # Unchecked Parquet with observations of two residents nobody recorded,
    # one sorting before every recorded id and one after: the plan gives them
    # no place, the answer is sorted by id instead, and the judge refuses
    # them as the Python engine refuses the same records.
    fw, recs = example.framework(), example.records()
    day = example.AS_OF
    zrm = [o for o in recs.observations if o.indicator.startswith("zrm")][:3]
    bad = recs.add(
        [
            Observation(indicator=o.indicator, subject=s, on=o.on, value=o.value)
            for o in zrm
            for s in ("0-nobody", "zz-nobody")
        ]
    )
    with pytest.raises(InvalidRecords) as expected:
        evaluate(fw, bad, day)
    write_parquet(bad, tmp_path / "facts")
    others = read_parquet(tmp_path / "facts", observations=False)
    with pytest.raises(InvalidRecords) as got:
        engines.evaluate(fw, tmp_path / "facts", day, facts=others, check_facts=False)
    assert got.value.problems == expected.value.problems
    assert "0-nobody" in got.value.problems[0].message
