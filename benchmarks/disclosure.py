"""Benchmark: building and auditing a publication of five linked tables.

The workload: N neighbourhoods (10 and 20), residents in 4 age groups and 2 sexes
with random small counts (0 to 40 per combination, many below 10), five tables
published together: the count per neighbourhood, split by age, split by sex, and
effort yield split by age and by sex. These tables are not hierarchical, so the
audit solves two HiGHS linear programs per withheld cell.

Printed per size: cells, merged atoms, withheld cells, seconds to build the
publication (suppression to a fixed point, audit-driven) and to audit it.

Run: ``python benchmarks/disclosure.py`` (needs the ``audit`` extra; under a
minute).
"""

from __future__ import annotations

import datetime as dt
import random
import time

from resultframe import (
    Aggregation,
    Agreement,
    Derivation,
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
)
from resultframe.evaluation import audit, publication

D = dt.date
DAY = D(2025, 7, 1)


def _indicator(ind_id: str, derived: Derivation | None = None) -> Indicator:
    return Indicator(
        id=ind_id,
        name=ind_id,
        measure=Measure.QUANTITY if derived is None else derived.measure,
        direction=Direction.INCREASE,
        question=Question.BETTER_OFF,
        derived_from=derived,
    )


FRAMEWORK = ResultsFramework(
    id="fw",
    name="fw",
    agreement=Agreement(
        purpose="p", period=Period(start=D(2025, 1, 1), end=D(2025, 12, 31))
    ),
    results=(
        Result(
            id="a",
            statement="s",
            level=Level.MICRO,
            kind=ResultKind.OUTCOME,
            indicators=(_indicator("score"), _indicator("hours")),
        ),
        Result(
            id="b",
            statement="s",
            level=Level.MESO,
            kind=ResultKind.OUTCOME,
            indicators=(
                _indicator(
                    "residents",
                    Derivation(source="score", aggregation=Aggregation.COUNT),
                ),
            ),
        ),
    ),
)


def records(places: int, rng: random.Random) -> Records:
    subjects = [Subject(id="town", level=Level.MACRO)]
    facts = []
    for w in range(places):
        hood = f"w{w:02d}"
        subjects.append(Subject(id=hood, level=Level.MESO, part_of="town"))
        for age in ("a0", "a1", "a2", "a3"):
            for sex in ("f", "m"):
                for k in range(rng.choice([0, 1, 2, 4, 8, 12, 20, 40])):
                    rid = f"r-{hood}-{age}-{sex}-{k}"
                    subjects.append(
                        Subject(
                            id=rid,
                            level=Level.MICRO,
                            part_of=hood,
                            dimensions=frozenset({("age", age), ("sex", sex)}),
                        )
                    )
                    facts += [
                        Observation(
                            indicator="score", subject=rid, on=D(2025, 1, 1), value=1.0
                        ),
                        Observation(
                            indicator="score", subject=rid, on=D(2025, 6, 1), value=2.0
                        ),
                        Observation(
                            indicator="hours", subject=rid, on=D(2025, 2, 1), value=9.0
                        ),
                    ]
    return Records(subjects=subjects, observations=facts)


def main() -> None:
    rng = random.Random(3)
    for places in (10, 20):
        recs = records(places, rng)
        start = time.perf_counter()
        pub = publication(
            FRAMEWORK,
            recs,
            DAY,
            rollups=["residents", ("residents", "age"), ("residents", "sex")],
            effort_yields=[("score", "hours", "age"), ("score", "hours", "sex")],
        )
        built = time.perf_counter()
        result = audit(pub)
        done = time.perf_counter()
        cells = sum(len(t.groups) for t in pub.rollups) + sum(
            len(t.groups) for t in pub.effort_yields
        )
        print(
            f"{places:>3} neighbourhoods: {cells} cells, {pub.suppressed} withheld, "
            f"build {built - start:.1f}s, audit {done - built:.1f}s "
            f"({result.method}, passed={result.passed})"
        )


if __name__ == "__main__":
    main()
