"""The plan: one query that counts what evaluation needs, written once.

The query is written once, in SQLGlot's own dialect, and transpiled by SQLGlot to
the dialect of the engine that runs it (DuckDB, Spark SQL). It reads a table of
observations (``indicator``, ``subject``, ``on``, ``value``, ``kind``) and two
small tables of explicit baseline days (``goal_after``: per indicator and subject,
from a goal; ``own_after``: per indicator, a meso or macro indicator's own
baseline), and returns one row per indicator and subject with its *sufficient
statistics*: everything the per-subject judge of
:mod:`resultframe.evaluation.indicators` reads of its observations.

- ``first_day``, ``last_day``: the first and the last day observed up to the day;
- ``first_value``: the value on the first day, ``latest_value`` on the last day
  (an indicator that takes its latest value has one value per subject and day in
  facts that fit; null for a ``sum``, whose judge reads only sums);
- ``s_first``: the sum of the first day's values, ``s_rest`` of the later ones;
- ``after``: the explicit baseline day (a goal's, else the indicator's own), and
  ``s_after``: the sum of the values dated after it;
- ``exact``: whether those sums are exact, which the engine's floating-point
  sums are only for whole numbers whose absolute values add up to less than
  2**53 (every partial sum, in any order, is then a whole number a double holds).
  The Python engine adds exactly (:func:`math.fsum`); the other subjects' sums
  are made from their rows (the query ``sum_rows``).

- ``place``: the subject's place among the recorded subjects sorted by id
  (the table ``recorded``: ``subject``, ``place``), null for a subject not
  recorded.

The rows come in the engine's order. The caller puts them in the column
store's, by indicator and subject, from their places: sorting 20M numbers
takes numpy under 2 CPU seconds, where the engine's ``ORDER BY indicator,
subject`` took 10 to 13 (at national scale). A subject not recorded (which
the check refuses) has no place, and an answer with one is sorted by its
subjects' ids instead.

Indicators that take their latest value need one aggregation (the values of the
least and the greatest day, no sort); only ``sum`` indicators need the first day
of each subject (a window) for their sums.

No status, threshold or target is in the plan: the engine only counts.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from resultframe.errors import MissingExtra

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["COLUMNS", "check_sql", "observations_sql", "statistics_sql"]

COLUMNS: Final = (
    "indicator",
    "subject",
    "first_day",
    "last_day",
    "first_value",
    "latest_value",
    "s_first",
    "s_rest",
    "after",
    "s_after",
    "exact",
    "place",
)
"""The columns of the plan's answer, in order."""

_LATEST: Final = """
SELECT
  indicator,
  subject,
  MIN("on") AS first_day,
  MAX("on") AS last_day,
  ARG_MIN(value, "on") AS first_value,
  ARG_MAX(value, "on") AS latest_value,
  CAST(NULL AS DOUBLE) AS s_first,
  CAST(NULL AS DOUBLE) AS s_rest,
  CAST(NULL AS DATE) AS after,
  CAST(NULL AS DOUBLE) AS s_after,
  TRUE AS exact
FROM observations
WHERE "on" <= CAST('{day}' AS DATE) AND {latest}
GROUP BY indicator, subject
"""
"""Indicators that take their latest value: one aggregation, no sort. The first
and latest values are those of the first and the last day: facts that fit the
framework have one value of such an indicator per subject and day (the check
refuses more: the query ``duplicates``), so no order of same-day values is
needed. Ordering by ``(day, kind, value)`` instead took three times as long."""

_SUMS: Final = """
SELECT
  indicator,
  subject,
  MIN(d) AS first_day,
  MAX(d) AS last_day,
  CAST(NULL AS DOUBLE) AS first_value,
  CAST(NULL AS DOUBLE) AS latest_value,
  SUM(CASE WHEN d = fd THEN value END) AS s_first,
  SUM(CASE WHEN d > fd THEN value END) AS s_rest,
  MAX(after) AS after,
  SUM(CASE WHEN d > after THEN value END) AS s_after,
  MIN(CASE WHEN value = FLOOR(value) THEN 1 ELSE 0 END) = 1
    AND SUM(ABS(value)) < 9007199254740992.0 AS exact
FROM (
  SELECT
    o.indicator, o.subject, o."on" AS d, o.value, o.kind,
    COALESCE(g.after, i.after) AS after,
    MIN(o."on") OVER (PARTITION BY o.indicator, o.subject) AS fd
  FROM observations AS o
  LEFT JOIN goal_after AS g ON g.indicator = o.indicator AND g.subject = o.subject
  LEFT JOIN own_after AS i ON i.indicator = o.indicator
  WHERE o."on" <= CAST('{day}' AS DATE) AND {sums}
) AS r
GROUP BY indicator, subject
"""
"""Indicators that add up their values: the sums since the first day and since
an explicit baseline day (a goal's, else the indicator's own) as well. The judge
reads no single value of them, so there is none."""


def _among(column: str, ids: list[str]) -> str:
    """``column IN (...)``; a condition that holds for no row without ids."""
    if not ids:
        return "1 = 0"
    return f"{column} IN ({', '.join(map(_quote, ids))})"


_OBSERVATIONS: Final = """
SELECT
  CAST(indicator AS VARCHAR) AS indicator,
  CAST(subject AS VARCHAR) AS subject,
  "on",
  CASE CAST(kind AS VARCHAR)
    WHEN 'float' THEN 0 WHEN 'int' THEN 1 WHEN 'bool' THEN 2 ELSE 3
  END AS kind,
  number AS value,
  CAST(text AS VARCHAR) AS text,
  CAST(note AS VARCHAR) AS note,
  CAST(source AS VARCHAR) AS source
FROM facts
"""
"""The plan's table ``observations`` over ``facts``, the observations as
:meth:`Records.to_arrow <resultframe.Records.to_arrow>` and
:func:`~resultframe.serialization.write_parquet` hold them: the kind as the
column store's code (0 float, 1 int, 2 bool, 3 text: the order of same-day
values) and the number as ``value`` (null for a text)."""

_UP_TO: Final = "o.\"on\" <= CAST('{day}' AS DATE)"
_CHECKS: Final[dict[str, str | dict[str, str]]] = {
    # Observations per indicator: unknown and derived indicators.
    "counts": """
SELECT o.indicator, COUNT(*) AS n FROM observations AS o WHERE {up_to}
GROUP BY o.indicator
""",
    # The distinct values of each indicator, to judge by the declared rule.
    # (Not a number left empty or not finite: the query "broken" names those.)
    "values": """
SELECT DISTINCT o.indicator, o.kind, o.value FROM observations AS o
WHERE {up_to} AND (o.kind = 3 OR o.value - o.value = 0)
""",
    # Rows no observation can be: a cell left empty, or a number that is not
    # finite (x - x is 0 for every finite number, NaN for the others). A row
    # without a day is one whatever the day; Records refuses all of them.
    "broken": """
SELECT o.indicator, o.subject, o."on", o.kind, o.value, o.text
FROM observations AS o
WHERE (o."on" IS NULL OR {up_to})
  AND (o.indicator IS NULL OR o.subject IS NULL OR o."on" IS NULL
    OR (o.kind <> 3 AND (o.value IS NULL OR NOT (o.value - o.value = 0)))
    OR (o.kind = 3 AND o.text IS NULL))
""",
    # The observations with a value the rule refused (in the table "bad").
    "bad_rows": """
SELECT o.indicator, o.subject, o."on", o.kind, o.value, o.text
FROM observations AS o
JOIN bad AS b ON o.indicator = b.indicator AND o.kind = b.kind
  AND (o.kind = 3 OR o.value = b.value)
WHERE {up_to}
""",
    # Subjects not recorded, or on another level than their indicator (an
    # anti-join with the recorded subjects).
    "subjects": """
SELECT DISTINCT o.indicator, o.subject, k.level
FROM observations AS o
JOIN levels AS l ON l.indicator = o.indicator
LEFT JOIN known AS k ON k.subject = o.subject
WHERE {up_to} AND o.subject IS NOT NULL AND (k.subject IS NULL OR k.level <> l.level)
""",
    # Days with more than one value of a latest-value indicator, in two
    # steps: the 64-bit hashes of (indicator, subject, day) that occur more
    # than once (one number a row instead of three columns; the form depends
    # on the engine, see _REPEATED), then, only when there are any, the days
    # among those hashes (in the table "candidates") that do: a hash shared
    # by two different days is no duplicate, and the second step tells.
    "duplicate_keys": {
        # DuckDB sorts the hashes and compares neighbours: at national scale
        # 9.6 CPU seconds against 15 to 20 for grouping them (105M hashes,
        # nearly all distinct, so the grouping's table holds every one); the
        # sort spills to disk beyond the memory limit.
        "duckdb": """
SELECT DISTINCT h
FROM (SELECT h, LAG(h) OVER (ORDER BY h) AS p FROM ({hashes}) AS x) AS s
WHERE h = p
""",
        # Spark groups them: a window without a partition would put every
        # hash in one task, a grouping is spread over the cluster.
        "spark": """
SELECT h FROM ({hashes}) AS x
GROUP BY h
HAVING COUNT(*) > 1
""",
    },
    "duplicates": """
SELECT o.indicator, o.subject, o."on"
FROM observations AS o
JOIN candidates AS c ON c.h = {hash}(o.indicator, o.subject, o."on")
WHERE {up_to} AND o.indicator IN (SELECT indicator FROM latest)
GROUP BY o.indicator, o.subject, o."on"
HAVING COUNT(*) > 1
""",
    # The rows of the (indicator, subject) pairs whose sums are not exact.
    "sum_rows": """
SELECT o.indicator, o.subject, o."on", o.value
FROM observations AS o
JOIN inexact AS p ON o.indicator = p.indicator AND o.subject = p.subject
WHERE {up_to}
ORDER BY o.indicator, o.subject, o."on"
""",
}
"""The queries of the columnar check (``resultframe.engines.check``); each
finds candidates, and the model's own rules and messages judge them. Beside
them ``sum_rows``: the rows of the subjects whose sums the plan could not give
exactly (in the table ``inexact``), for the judge to add up as the Python
engine does."""


_HASHES: Final = """
SELECT {hash}(o.indicator, o.subject, o."on") AS h
FROM observations AS o
WHERE {up_to} AND o.indicator IN (SELECT indicator FROM latest)
"""
"""The 64-bit hashes of the latest-value indicators' (indicator, subject, day)."""

_HASH: Final = {"duckdb": "HASH", "spark": "XXHASH64"}
"""A 64-bit hash of several columns, by dialect (Spark's ``HASH`` has 32 bits:
at national scale that is a million hashes shared by chance)."""


def check_sql(name: str, dialect: str, day: dt.date) -> str:
    """The check query *name* up to *day*, in *dialect*."""
    query = _CHECKS[name]
    text = query if isinstance(query, str) else query[dialect]
    up_to = _UP_TO.format(day=day.isoformat())
    hashes = _HASHES.format(up_to=up_to, hash=_HASH[dialect])
    return _transpiled(
        text.format(up_to=up_to, hash=_HASH[dialect], hashes=hashes), dialect
    )


def observations_sql(dialect: str) -> str:
    """The query of the plan's ``observations`` table, in *dialect*."""
    return _transpiled(_OBSERVATIONS, dialect)


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def statistics_sql(
    dialect: str,
    day: dt.date,
    indicators: list[str],
    sums: frozenset[str] = frozenset(),
) -> str:
    """The plan for *indicators* up to *day*, in *dialect* (a SQLGlot dialect).

    *sums* are those of *indicators* that add up their values (``sum``).
    """
    latest = [i for i in indicators if i not in sums]
    added = [i for i in indicators if i in sums]
    parts = []
    if latest or not added:
        parts.append(
            _LATEST.format(day=day.isoformat(), latest=_among("indicator", latest))
        )
    if added:
        parts.append(
            _SUMS.format(day=day.isoformat(), sums=_among("o.indicator", added))
        )
    whole = "\nUNION ALL\n".join(parts)
    return _transpiled(
        f"SELECT s.*, r.place FROM ({whole}) AS s "  # noqa: S608 - the plan's own text
        "LEFT JOIN recorded AS r ON r.subject = s.subject",
        dialect,
    )


@functools.lru_cache(maxsize=64)
def _transpiled(text: str, dialect: str) -> str:
    try:
        import sqlglot  # noqa: PLC0415
    except ImportError as e:
        raise MissingExtra(dialect, "sqlglot", "an engine's plan") from e
    return str(sqlglot.transpile(text, write=dialect)[0])
