"""How much ``import resultframe`` costs beside ``import attrs, cattrs``.

DESIGN §8: importing the library adds little to importing its two core
dependencies. Each statement runs in a fresh interpreter (so nothing is cached in
``sys.modules``), many times, interleaved, and the median wall time of each is
taken; the time of an interpreter that imports nothing is subtracted from both.

Prints the ratio (resultframe) / (attrs + cattrs) of the import times, and which
optional dependencies the import pulled in (none should be). ``import resultframe``
loads its layers on first use of one of their names, so the cost of the first use
of the model and of the evaluation is printed too, for information.

Run: ``python benchmarks/import_time.py [--runs N]``.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time

STATEMENTS = {
    "nothing": "pass",
    "attrs + cattrs": "import attrs, cattrs",
    "resultframe": "import resultframe",
    "resultframe, model used": "import resultframe; resultframe.Records",
    "resultframe, evaluation used": "import resultframe; resultframe.evaluate",
}
USES = ("resultframe, model used", "resultframe, evaluation used")
OPTIONAL = ("yaml", "rich", "vl_convert", "hypothesis", "jsonschema", "cattrs")


def once(statement: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-S", "-c", statement], check=True)  # noqa: S603
    return time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args(argv)
    # -S skips site, so the venv's packages come from sys.path set here.
    path = ":".join(p for p in sys.path if p)
    times: dict[str, list[float]] = {name: [] for name in STATEMENTS}
    for _ in range(args.runs):
        for name, statement in STATEMENTS.items():
            times[name].append(
                once(f"import sys; sys.path[:0] = {path.split(':')!r}; {statement}")
            )
    base = statistics.median(times["nothing"])
    median = {name: statistics.median(t) - base for name, t in times.items()}
    print(f"python {sys.version.split()[0]}, {args.runs} runs each, median wall time")
    for name in ("attrs + cattrs", "resultframe"):
        print(f"    import {name:<16} {median[name] * 1e3:7.1f} ms")
    ratio = median["resultframe"] / median["attrs + cattrs"]
    print(f"    ratio resultframe / (attrs + cattrs) = {ratio:.2f}")
    for name in USES:
        print(
            f"    for information: import {name}: {median[name] * 1e3:.1f} ms, "
            f"{median[name] / median['attrs + cattrs']:.2f}x attrs + cattrs"
        )
    import resultframe  # noqa: F401, PLC0415

    pulled = [m for m in OPTIONAL if m in sys.modules]
    print(f"    optional modules imported by `import resultframe`: {pulled or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
