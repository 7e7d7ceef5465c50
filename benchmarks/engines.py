"""The evaluation engines at scale: DuckDB against the Python engine.

Run from the repository root (needs the ``duckdb`` extra and numpy)::

    PYTHONPATH=src python benchmarks/engines.py            # 1M and 10M observations
    PYTHONPATH=src python benchmarks/engines.py --national # ~100M, not in CI
    PYTHONPATH=src python benchmarks/engines.py --national --memory-limit 3GB

Prints, in one run:

- DuckDB ÷ Python engine at 1M observations (target ≤ 0.2x), from Parquet for
  DuckDB and from ``Records`` for the Python engine, both evaluating the same
  facts (and giving equal evaluations, checked);
- DuckDB's time at 10M ÷ at 1M observations (target ≤ 11x).

``--national`` writes ~100M observations (1.5M residents, 342 municipalities,
60 months) as Parquet in chunks and reports the CPU seconds and peak RSS of one
DuckDB evaluation. The data is generated on the fly into a temporary directory;
nothing large is kept.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from resultframe import Records, Subject, engines
from resultframe.evaluation import evaluate
from resultframe.model.enums import Level

sys.path.insert(0, str(Path(__file__).parent))
from evaluate import AS_OF, START, framework

if TYPE_CHECKING:
    from resultframe.model.framework import ResultsFramework

EPOCH = dt.date(1970, 1, 1).toordinal()
PER_RESIDENT = 10  # 2 indicators x 5 scores, as benchmarks/evaluate.py


def columns(
    fw: ResultsFramework,
    residents: int,
    seed: int,
    first: int = 0,
    *,
    slot_days: int = 146,
    first_slot: int = 0,
) -> dict[str, np.ndarray[Any, Any]]:
    """Observations of *residents*: 2 indicators each, 5 days each, 0-40.

    The days lie in 5 consecutive slots of *slot_days* days, from slot
    *first_slot* on; one random day in each, so that no indicator has two
    values of one resident on one day (the records would not fit).
    """
    rng = np.random.default_rng(seed)
    ids = np.array([i.id for i in fw.indicators])
    n = residents * PER_RESIDENT
    res = np.repeat(np.arange(first, first + residents), PER_RESIDENT)
    pick = rng.integers(0, len(ids), size=(residents, 2))
    pick[:, 1] = (pick[:, 0] + 1 + rng.integers(0, len(ids) - 1, residents)) % len(ids)
    ind = np.repeat(pick, 5, axis=1).reshape(-1)
    # 5 distinct days per indicator (no two values of a latest-value indicator on
    # one day): 5 consecutive slots of 146 days, a random day in each.
    slot = (np.tile(np.arange(5), residents * 2) + first_slot) * slot_days
    day = START.toordinal() - EPOCH + slot + rng.integers(0, slot_days, n)
    return {
        "indicator": ids[ind],
        "subject": np.char.add("res", np.char.zfill(res.astype(str), 7)),
        "on": day.astype(np.int32),
        "value": rng.integers(0, 41, n).astype(np.float64),
    }


def table(cols: dict[str, np.ndarray[Any, Any]]) -> pa.Table:
    """The columns as the observations table of ``Records.to_arrow``.

    The layout ``write_parquet`` and ``resultframe convert`` write: every value
    is a float here (kind code 0).
    """
    n = len(cols["on"])
    kinds = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(n, np.int8), pa.int8()),
        pa.array(["float", "int", "bool", "text"], pa.string()),
    )
    return pa.table(
        {
            "indicator": pa.array(cols["indicator"], pa.string()),
            "subject": pa.array(cols["subject"], pa.string()),
            "on": pa.array(cols["on"], pa.int32()).cast(pa.date32()),
            "kind": kinds,
            "number": pa.array(cols["value"], pa.float64()),
            "text": pa.nulls(n, pa.string()),
            "note": pa.array([""] * n, pa.string()),
            "source": pa.array([""] * n, pa.string()),
        }
    )


def write(where: Path, fw: ResultsFramework, residents: int, chunk: int) -> None:
    (where / "observations").mkdir(parents=True)
    for k, first in enumerate(range(0, residents, chunk)):
        part = columns(fw, min(chunk, residents - first), seed=k, first=first)
        pq.write_table(table(part), where / "observations" / f"part-{k:04d}.parquet")


def residents_of(ids: Any) -> Records:  # noqa: ANN401
    """The subjects of *ids* (the other facts beside a Parquet directory)."""
    return Records(subjects=[Subject(id=s, level=Level.MICRO) for s in ids])


def records(cols: dict[str, np.ndarray[Any, Any]]) -> Records:
    subjects = sorted(set(cols["subject"].tolist()))
    return Records.from_columns(
        indicator=cols["indicator"].tolist(),
        subject=cols["subject"].tolist(),
        on=[dt.date.fromordinal(int(d) + EPOCH) for d in cols["on"]],
        value=cols["value"].tolist(),
        subjects=[Subject(id=s, level=Level.MICRO) for s in subjects],
    )


def best(fn: Any, runs: int = 3) -> tuple[float, Any]:  # noqa: ANN401
    times, out = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument(
        "--memory-limit", default=None, help="DuckDB's memory limit, such as 3GB"
    )
    args = parser.parse_args(argv)
    fw = framework()
    with tempfile.TemporaryDirectory() as tmp:
        if args.national:
            return national(fw, Path(tmp), args.threads, args.memory_limit)
        small = columns(fw, 100_000, seed=1)
        recs = records(small)
        (Path(tmp) / "1m" / "observations").mkdir(parents=True)
        pq.write_table(table(small), Path(tmp) / "1m" / "observations" / "p.parquet")
        write(Path(tmp) / "10m", fw, 1_000_000, chunk=250_000)
        t_py, ev_py = best(lambda: evaluate(fw, recs, AS_OF))
        small_facts = Records(subjects=recs.subjects)
        t_1, ev_1 = best(
            lambda: engines.evaluate(
                fw, Path(tmp) / "1m", AS_OF, facts=small_facts, threads=args.threads
            )
        )
        if ev_1 != ev_py:
            print("DuckDB and the Python engine disagree", file=sys.stderr)
            return 1
        big_facts = residents_of(
            np.char.add("res", np.char.zfill(np.arange(1_000_000).astype(str), 7))
        )
        t_10, _ = best(
            lambda: engines.evaluate(
                fw, Path(tmp) / "10m", AS_OF, facts=big_facts, threads=args.threads
            )
        )
    print(f"observations: {len(recs):,} and {10 * len(recs):,}")
    print(f"Python engine, 1M:  {t_py:7.3f} s")
    print(f"DuckDB engine, 1M:  {t_1:7.3f} s")
    print(f"DuckDB engine, 10M: {t_10:7.3f} s")
    print(f"DuckDB ÷ Python at 1M: {t_1 / t_py:.3f}x (target <= 0.2x)")
    print(f"DuckDB 10M ÷ 1M:       {t_10 / t_1:.2f}x (target <= 11x)")
    return 0


def national(
    fw: ResultsFramework, where: Path, threads: int | None, memory: str | None = None
) -> int:
    """~100M observations: 1.5M residents in 342 municipalities over 60 months."""
    residents = 1_500_000
    # 60 months x about 1.1 indicators per resident: ~67 observations each; the
    # generator above gives 10 per resident, so write 6.7 times as many rows per
    # resident by repeating the pattern over later years.
    chunk = 100_000
    (where / "observations").mkdir(parents=True)
    k = 0
    # 7 rounds of 5 slots of 52 days: 35 distinct days per resident and
    # indicator over 1,820 days (60 months) up to AS_OF.
    for year in range(7):
        for first in range(0, residents, chunk):
            part = columns(
                fw, chunk, seed=k, first=first, slot_days=52, first_slot=5 * year
            )
            part["on"] = part["on"] - 1460
            town = np.repeat(np.arange(first, first + chunk), PER_RESIDENT) % 342
            part["subject"] = np.char.add(
                np.char.add("m", np.char.zfill(town.astype(str), 3)), part["subject"]
            )
            pq.write_table(table(part), where / "observations" / f"p{k:04d}.parquet")
            k += 1
    ids = np.arange(residents)
    facts = residents_of(
        np.char.add(
            np.char.add("m", np.char.zfill((ids % 342).astype(str), 3)),
            np.char.add("res", np.char.zfill(ids.astype(str), 7)),
        )
    )

    def cpu() -> float:
        r = resource.getrusage(resource.RUSAGE_SELF)
        return r.ru_utime + r.ru_stime

    c0, w0 = cpu(), time.perf_counter()
    problems = engines.check(
        fw, where, AS_OF, facts=facts, threads=threads, memory_limit=memory
    )
    c1, w1 = cpu(), time.perf_counter()
    engines.evaluate(
        fw,
        where,
        AS_OF,
        facts=facts,
        threads=threads,
        memory_limit=memory,
        check_facts=False,
    )
    c2, w2 = cpu(), time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
    print(
        f"national: {k * chunk * PER_RESIDENT:,} observations, {residents:,} residents"
    )
    print(
        f"check (engines.check): wall {w1 - w0:.1f} s, CPU {c1 - c0:.1f} s, {len(problems)} problems"
    )
    print(f"evaluate (counting and judging): wall {w2 - w1:.1f} s, CPU {c2 - c1:.1f} s")
    print(f"both: CPU {c2 - c0:.1f} s (target <= 60)")
    print(f"peak RSS {peak:.2f} GiB (target <= 6 GiB; the whole process, the")
    print("    generated data and the 1.5M subjects as Python objects included)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
