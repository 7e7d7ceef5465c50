"""Benchmark: evaluate() against a hand-written loop over plain tuples.

The workload: a framework of 50 micro results with 4 indicators each (200
indicators, two dated targets each, no indicator baseline), 100,000 residents and
1,000,000 observations (each resident scored 5 times on each of 2 indicators,
over two years), evaluated on a day in the middle, so that some observations lie
after it and must be left out.

The baseline is what a careful developer would write without the library: a loop
over ``(indicator, subject, day, value)`` tuples, sorted the way the records keep
them (by indicator, subject and day; the fastest order for that loop, see the
extra line printed for tuples in arrival order), that keeps each resident's first
and latest value on or before the day in dicts and computes progress from them -
the resident's first value as baseline, the indicator's final target as target.

``evaluate`` does more than that loop: it checks the records against the
framework first, computes expected progress, deviation and status per resident,
counts statuses and judges conditions and verdicts. Its per-resident numbers are
checked equal to the loop's (value and progress, every resident).

Timings: time.perf_counter, best of a few runs, all in one process. Targets
(DESIGN §8): evaluate within 1.2x the loop; 10x the observations in at most 11x
the time.

Run: ``python benchmarks/evaluate.py`` (about a minute and 2 GB of memory).
"""

from __future__ import annotations

import datetime as dt
import gc
import random
import time
from typing import TYPE_CHECKING

from resultframe import (
    Agreement,
    Cadence,
    ConditionAssessment,
    ConditionKind,
    ConditionStatus,
    Direction,
    Indicator,
    Level,
    Measure,
    Period,
    ProcessCondition,
    Question,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Subject,
    Target,
)
from resultframe.evaluation import evaluate

if TYPE_CHECKING:
    from collections.abc import Callable

START = dt.date(2024, 1, 1)
AS_OF = dt.date(2025, 6, 30)
RESULTS = 50
PER_RESULT = 4
INDICATORS_PER_RESIDENT = 2
SCORES_PER_INDICATOR = 5
RUNS = 5

Row = tuple[str, str, dt.date, float]


def framework() -> ResultsFramework:
    results = []
    for r in range(RESULTS):
        indicators = tuple(
            Indicator(
                id=f"i{r:02d}-{k}",
                name=f"Indicator {r}/{k}",
                measure=Measure.QUANTITY,
                direction=Direction.INCREASE if k % 2 == 0 else Direction.DECREASE,
                question=Question.BETTER_OFF,
                targets=(
                    Target(
                        value=25.0 if k % 2 == 0 else 15.0, by=dt.date(2024, 12, 31)
                    ),
                    Target(
                        value=30.0 if k % 2 == 0 else 10.0, by=dt.date(2025, 12, 31)
                    ),
                ),
            )
            for k in range(PER_RESULT)
        )
        results.append(
            Result(
                id=f"r{r:02d}",
                statement=f"Result {r}",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                indicators=indicators,
                conditions=(f"c{r % 5}",),
            )
        )
    return ResultsFramework(
        id="bench",
        name="Benchmark",
        agreement=Agreement(
            purpose="benchmark", period=Period(start=START, end=dt.date(2025, 12, 31))
        ),
        results=tuple(results),
        conditions=tuple(
            ProcessCondition(
                id=f"c{c}",
                name=f"Condition {c}",
                kind=ConditionKind.QUALITY_ASSURANCE,
                reassess_every=Cadence(months=6),
            )
            for c in range(5)
        ),
    )


def workload(
    fw: ResultsFramework, residents: int, seed: int = 20250630
) -> tuple[Records, list[Row]]:
    rnd = random.Random(seed)
    ids = [i.id for i in fw.indicators]
    subjects = [Subject(id=f"res{n:07d}", level=Level.MICRO) for n in range(residents)]
    ind: list[str] = []
    sub: list[str] = []
    on: list[dt.date] = []
    val: list[float] = []
    for s in subjects:
        for indicator in rnd.sample(ids, INDICATORS_PER_RESIDENT):
            days = sorted(rnd.sample(range(730), SCORES_PER_INDICATOR))
            for d in days:
                ind.append(indicator)
                sub.append(s.id)
                on.append(START + dt.timedelta(days=d))
                val.append(float(rnd.randrange(0, 41)))
    records = Records.from_columns(
        indicator=ind,
        subject=sub,
        on=on,
        value=val,
        subjects=subjects,
        assessments=[
            ConditionAssessment(
                condition=f"c{c}", on=dt.date(2025, 3, 1), status=ConditionStatus.MET
            )
            for c in range(5)
        ],
    )
    return records, list(zip(ind, sub, on, val, strict=True))


def hand_loop(
    rows: list[Row], finals: dict[str, tuple[float, int]], as_of: dt.date
) -> dict[tuple[str, str], tuple[float, float]]:
    """Each resident's latest value and progress, by hand, from plain tuples."""
    first: dict[tuple[str, str], float] = {}
    latest: dict[tuple[str, str], tuple[dt.date, float]] = {}
    for indicator, subject, day, value in rows:
        if day > as_of:
            continue
        key = (indicator, subject)
        if key not in first:
            first[key] = value
        seen = latest.get(key)
        if seen is None or day >= seen[0]:
            latest[key] = (day, value)
    out: dict[tuple[str, str], tuple[float, float]] = {}
    for key, (_, v) in latest.items():
        b = first[key]
        t, sign = finals[key[0]]
        if (b - t) * sign >= 0:  # the baseline already meets the target
            out[key] = (v, 1.0 if (v - t) * sign >= 0 else 0.0)
        else:
            out[key] = (v, (v - b) / (t - b))
    return out


def best(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, object]:
    times = []
    result: object = None
    for _ in range(runs):
        gc.collect()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def check_equal(
    fw: ResultsFramework,
    records: Records,
    by_hand: dict[tuple[str, str], tuple[float, float]],
) -> None:
    ev = evaluate(fw, records, AS_OF, per_subject=True)
    got = {
        (i.indicator, s.subject): (s.value, s.progress)
        for r in ev.results
        for i in r.indicators
        for s in i.subjects
    }
    if got != by_hand:
        missing = len(by_hand.keys() - got.keys())
        differ = sum(1 for k in by_hand.keys() & got.keys() if got[k] != by_hand[k])
        msg = f"evaluate and the loop disagree: {missing} missing, {differ} differ"
        raise SystemExit(msg)


def measure(residents: int) -> dict[str, float]:
    fw = framework()
    finals = {
        i.id: (i.targets[-1].value, 1 if i.direction is Direction.INCREASE else -1)
        for i in fw.indicators
    }
    records, rows = workload(fw, residents)
    rows.sort()  # the order the records keep: (indicator, subject, day)
    evaluate_time, _ = best(lambda: evaluate(fw, records, AS_OF))
    loop_time, by_hand = best(lambda: hand_loop(rows, finals, AS_OF))
    per_subject_time, _ = best(
        lambda: evaluate(fw, records, AS_OF, per_subject=True), runs=1
    )
    check_equal(fw, records, by_hand)  # type: ignore[arg-type]
    check_time, _ = best(lambda: records.check(fw))
    confidence_time, _ = best(lambda: evaluate(fw, records, AS_OF, confidence=0.95))
    arrival = sorted(rows, key=lambda r: (r[2], r[1], r[0]))
    arrival_time, _ = best(lambda: hand_loop(arrival, finals, AS_OF), runs=1)
    return {
        "observations": len(records),
        "evaluate": evaluate_time,
        "check": check_time,
        "loop": loop_time,
        "per_subject": per_subject_time,
        "arrival": arrival_time,
        "confidence": confidence_time,
    }


def main() -> None:
    small = measure(10_000)
    large = measure(100_000)
    for m in (small, large):
        print(
            f"{m['observations']:>9,} observations: evaluate {m['evaluate']:.3f}s "
            f"(of which records.check {m['check']:.3f}s), hand loop {m['loop']:.3f}s, "
            f"ratio {m['evaluate'] / m['loop']:.2f}"
        )
        print(
            f"{'':>24}evaluate(per_subject=True) {m['per_subject']:.3f}s "
            f"(ratio {m['per_subject'] / m['loop']:.2f}); hand loop over tuples in "
            f"arrival order {m['arrival']:.3f}s"
        )
        print(
            f"{'':>24}evaluate(confidence=0.95) {m['confidence']:.3f}s "
            f"(x{m['confidence'] / m['evaluate']:.2f} evaluate without intervals)"
        )
    ratio = large["evaluate"] / large["loop"]
    scaling = large["evaluate"] / small["evaluate"]
    print(f"ratio evaluate / hand loop at 1,000,000: {ratio:.2f} (target <= 1.2)")
    print(f"scaling 100,000 -> 1,000,000 observations: {scaling:.1f}x (target <= 11x)")
    print("per-resident value and progress: equal to the hand loop's")


if __name__ == "__main__":
    main()
