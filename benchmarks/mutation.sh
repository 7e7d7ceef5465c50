#!/usr/bin/env bash
# Mutation testing of the evaluation rules and the schedule (not part of CI).
#
# mutmut (configured under [tool.mutmut] in pyproject.toml) mutates
# evaluation/progress.py, rollup.py, verdict.py, conditions.py and
# model/schedule.py, and runs only the test files that exercise them, with the
# quick Hypothesis profile. Then benchmarks/mutation_scores.py prints the score of
# each module over its non-equivalent mutants (benchmarks/mutation_equivalent.txt
# lists the equivalent ones and why) and fails below 90%.
#
# Run from the project root: benchmarks/mutation.sh [CHILDREN]
# CHILDREN is the number of test processes (default 2). About 10 minutes on a
# busy 2-core machine. mutmut works in ./mutants (ignored by git); it is removed
# first so that every run starts from the current source and tests.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
rm -rf mutants
HYPOTHESIS_PROFILE=dev "$PYTHON" -m mutmut run --max-children "${1:-2}"
"$PYTHON" benchmarks/mutation_scores.py
