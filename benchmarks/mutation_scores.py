"""Mutation scores per module, from the results of the last ``mutmut run``.

Reads ``mutmut results --all true`` (one line per mutant: ``name: status``) and
prints, for each mutated module, the mutants killed (a test failed or timed out)
out of all mutants, and out of the non-equivalent ones: the mutants listed in
``benchmarks/mutation_equivalent.txt`` change no behaviour (the reason is written
beside each), so no test can kill them. Survivors that are not listed there are
printed too: each one is a missing test or a new equivalent mutant to list.

Run from the project root after ``mutmut run``: ``python
benchmarks/mutation_scores.py`` (``benchmarks/mutation.sh`` does both).
Exits with 1 when a module scores below 90% of its non-equivalent mutants.
"""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

GOAL = 90.0
EQUIVALENT = Path(__file__).with_name("mutation_equivalent.txt")
KILLED = {"killed", "timeout"}


def equivalent() -> set[str]:
    """The mutant names listed as equivalent (``name  # why`` per line)."""
    names = set()
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name:
            names.add(name)
    return names


def results() -> dict[str, str]:
    """``{mutant name: status}`` of every mutant of the last run."""
    out = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {}
    for line in out.splitlines():
        name, sep, status = line.strip().rpartition(": ")
        if sep and "__mutmut_" in name:
            found[name] = status
    return found


def module_of(name: str) -> str:
    """``resultframe.evaluation.progress`` of ``...progress.x_f__mutmut_3``."""
    return name.rsplit(".", 1)[0]


def main() -> int:
    """Print the scores; 1 if a module is below the goal."""
    statuses = results()
    same = equivalent()
    total: Counter[str] = Counter()
    killed: Counter[str] = Counter()
    skipped: Counter[str] = Counter()
    survivors: list[str] = []
    for name, status in sorted(statuses.items()):
        module = module_of(name)
        total[module] += 1
        if status in KILLED:
            killed[module] += 1
        elif name in same:
            skipped[module] += 1
        else:
            survivors.append(f"{name}: {status}")
    low = False
    print(f"{'module':40} {'killed':>7} {'all':>5} {'equiv':>5} {'score':>7}")
    for module in sorted(total):
        real = total[module] - skipped[module]
        score = 100.0 * killed[module] / real if real else 100.0
        low |= score < GOAL
        print(
            f"{module:40} {killed[module]:7} {total[module]:5} "
            f"{skipped[module]:5} {score:6.1f}%"
        )
    stale = sorted(same - statuses.keys())
    if stale:
        print("\nlisted as equivalent but not in this run:", *stale, sep="\n  ")
    if survivors:
        print("\nsurvivors not listed as equivalent:", *survivors, sep="\n  ")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
