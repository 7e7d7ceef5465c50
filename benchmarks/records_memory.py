"""Memory per observation: columnar ``Records`` against a list of ``Observation``.

Builds 1,000,000 observations (100,000 subjects x 10 indicators, one day each) and
measures with tracemalloc what each representation keeps alive, in the same run:

- ``Records.from_columns`` (the columnar store), and
- a plain list of :class:`resultframe.Observation` objects (the baseline).

The input columns are made inside the measurement and dropped before it is read,
so strings the store keeps (ids, code tables) are counted. Target: at most 100
bytes per observation in ``Records``.

Run: ``python benchmarks/records_memory.py [--observations N]``
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import tracemalloc
from typing import Any

from resultframe import Observation, Records

TARGET_BYTES = 100


def _columns(n_obs: int, n_subjects: int, n_indicators: int) -> dict[str, list[Any]]:
    rng = random.Random(20261123)
    start = dt.date(2024, 1, 1).toordinal()
    indicator, subject, on, value = [], [], [], []
    for row in range(n_obs):
        s = row % n_subjects
        i = (row // n_subjects) % n_indicators
        indicator.append(f"ind-{i:02d}")
        subject.append(f"res-{s:06d}")
        on.append(dt.date.fromordinal(start + rng.randrange(730)))
        value.append(rng.randint(1, 5))
    return {"indicator": indicator, "subject": subject, "on": on, "value": value}


def measure(build: str, n_obs: int, n_subjects: int, n_indicators: int) -> int:
    """Return the bytes kept alive by *build* ('records' or 'objects')."""
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    cols = _columns(n_obs, n_subjects, n_indicators)
    kept: object
    if build == "records":
        kept = Records.from_columns(**cols)
    else:
        kept = [
            Observation(indicator=i, subject=s, on=d, value=v)
            for i, s, d, v in zip(
                cols["indicator"],
                cols["subject"],
                cols["on"],
                cols["value"],
                strict=True,
            )
        ]
    del cols
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    if len(kept) != n_obs:
        raise SystemExit(f"built {len(kept)} observations, expected {n_obs}")
    del kept
    return after - before


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--observations", type=int, default=1_000_000)
    parser.add_argument("--subjects", type=int, default=100_000)
    parser.add_argument("--indicators", type=int, default=10)
    args = parser.parse_args()
    n = args.observations
    records = measure("records", n, args.subjects, args.indicators)
    objects = measure("objects", n, args.subjects, args.indicators)
    print(
        f"observations: {n:,} ({args.subjects:,} subjects x {args.indicators} indicators)"
    )
    print(f"Records (columnar):         {records / n:7.1f} bytes per observation")
    print(f"list[Observation] baseline: {objects / n:7.1f} bytes per observation")
    print(f"ratio Records / baseline:   {records / objects:7.3f}")
    verdict = "met" if records / n <= TARGET_BYTES else "NOT met"
    print(f"target <= {TARGET_BYTES} bytes per observation: {verdict}")


if __name__ == "__main__":
    main()
