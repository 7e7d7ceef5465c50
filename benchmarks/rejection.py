"""Refusing an invalid document: time and memory grow linearly with its size.

Each document is refused by ``resultframe.serialization.loads`` in a fresh child
process, so that its peak resident memory is its own. Sizes run from 1 MiB up to
the default size limit (64 MiB). Three kinds of invalid document:

- ``empty-goals``: a records document whose goals are all ``{}`` (every goal
  misses three keys);
- ``bad-days``: observation columns whose every day is not a date;
- ``bad-results``: a framework document with a list of results that are all
  wrong (ids that break the id pattern, an unknown level).

The script prints, per kind and size, the wall time and the peak RSS, and the
ratios time/size and RSS/size against the smallest size of the same kind: a
linear rejection keeps both ratios near 1 (never growing with the size).

Run: ``python benchmarks/rejection.py`` (``--quick`` stops at 16 MiB).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time

MIB = 1024 * 1024

CHILD = r"""
import json, sys, time
from resultframe.errors import InvalidDocument
from resultframe.serialization import loads
path = sys.argv[1]
with open(path, "rb") as f:
    data = f.read()
t0 = time.perf_counter()
try:
    loads(data)
except InvalidDocument as e:
    n = len(e.errors)
else:
    raise SystemExit("accepted an invalid document")
seconds = time.perf_counter() - t0
# VmHWM: the peak resident set of this process image (ru_maxrss would keep the
# parent's peak across fork and exec).
with open("/proc/self/status") as f:
    peak = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) * 1024
print(json.dumps({"seconds": seconds, "peak": peak, "errors": n}))
"""


def empty_goals(size: int) -> bytes:
    head = b'{"format":"resultframe/records","version":1,"goals":['
    n = (size - len(head) - 2) // 3
    return head + b",".join([b"{}"] * n) + b"]}"


def bad_days(size: int) -> bytes:
    n = size // 40
    doc = {
        "format": "resultframe/records",
        "version": 1,
        "observations": {
            "indicator": ["i"] * n,
            "subject": ["s"] * n,
            "on": ["2025-13-45"] * n,
            "value": [1] * n,
        },
    }
    return json.dumps(doc, separators=(",", ":")).encode()


def bad_results(size: int) -> bytes:
    item = {"id": "-bad id-", "statement": "s", "level": "nowhere", "kind": "output"}
    one = len(json.dumps(item, separators=(",", ":"))) + 1
    doc = {
        "format": "resultframe/framework",
        "version": 1,
        "id": "fw",
        "name": "fw",
        "agreement": {
            "purpose": "p",
            "period": {"start": "2025-01-01", "end": "2025-12-31"},
        },
        "results": [item] * (size // one),
    }
    return json.dumps(doc, separators=(",", ":")).encode()


KINDS = {"empty-goals": empty_goals, "bad-days": bad_days, "bad-results": bad_results}


def main() -> None:
    quick = "--quick" in sys.argv
    sizes = [MIB, 4 * MIB, 16 * MIB] if quick else [MIB, 4 * MIB, 16 * MIB, 63 * MIB]
    import tempfile  # noqa: PLC0415

    print(
        f"{'kind':12} {'MiB':>5} {'errors':>7} {'s':>7} {'s/MiB':>7} {'ratio':>6} "
        f"{'peak MiB':>9} {'MiB/MiB':>8} {'ratio':>6}"
    )
    for kind, make in KINDS.items():
        first: tuple[float, float] | None = None
        for size in sizes:
            data = make(size)
            with tempfile.NamedTemporaryFile(suffix=".json") as f:
                f.write(data)
                f.flush()
                t0 = time.perf_counter()
                done = subprocess.run(  # noqa: S603
                    [sys.executable, "-c", CHILD, f.name],
                    capture_output=True,
                    text=True,
                    check=False,
                )
                del t0
            if done.returncode:
                sys.exit(f"{kind} at {size // MIB} MiB: {done.stderr[-2000:]}")
            out = json.loads(done.stdout)
            mib = len(data) / MIB
            per_s = out["seconds"] / mib
            per_m = out["peak"] / MIB / mib
            if first is None:
                first = (per_s, per_m)
            print(
                f"{kind:12} {mib:5.1f} {out['errors']:7d} {out['seconds']:7.2f} "
                f"{per_s:7.3f} {per_s / first[0]:6.2f} {out['peak'] / MIB:9.0f} "
                f"{per_m:8.1f} {per_m / first[1]:6.2f}"
            )


if __name__ == "__main__":
    main()
