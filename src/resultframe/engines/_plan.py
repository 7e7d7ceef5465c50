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
- ``first_value``: the first value on the first day, ``latest_value`` the last on
  the last day, in the column store's order of same-day values (by kind, then
  number: :mod:`resultframe.model._columns`);
- ``s_first``: the sum of the first day's values, ``s_rest`` of the later ones;
- ``after``: the explicit baseline day (a goal's, else the indicator's own), and
  ``s_after``: the sum of the values dated after it.

No status, threshold or target is in the plan: the engine only counts.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Final

from resultframe.errors import MissingExtra

if TYPE_CHECKING:
    import datetime as dt

__all__ = ["COLUMNS", "statistics_sql"]

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
)
"""The columns of the plan's answer, in order."""

_PLAN: Final = """
WITH o AS (
  SELECT indicator, subject, "on" AS d, value, kind
  FROM observations
  WHERE "on" <= CAST('{day}' AS DATE) AND indicator IN ({indicators})
),
r AS (
  SELECT
    o.indicator, o.subject, o.d, o.value,
    COALESCE(g.after, i.after) AS after,
    MIN(o.d) OVER (PARTITION BY o.indicator, o.subject) AS fd,
    ROW_NUMBER() OVER (
      PARTITION BY o.indicator, o.subject ORDER BY o.d, o.kind, o.value
    ) AS rf,
    ROW_NUMBER() OVER (
      PARTITION BY o.indicator, o.subject
      ORDER BY o.d DESC, o.kind DESC, o.value DESC
    ) AS rl
  FROM o
  LEFT JOIN goal_after AS g ON g.indicator = o.indicator AND g.subject = o.subject
  LEFT JOIN own_after AS i ON i.indicator = o.indicator
)
SELECT
  indicator,
  subject,
  MIN(d) AS first_day,
  MAX(d) AS last_day,
  MAX(CASE WHEN rf = 1 THEN value END) AS first_value,
  MAX(CASE WHEN rl = 1 THEN value END) AS latest_value,
  SUM(CASE WHEN d = fd THEN value END) AS s_first,
  SUM(CASE WHEN d > fd THEN value END) AS s_rest,
  MAX(after) AS after,
  SUM(CASE WHEN d > after THEN value END) AS s_after
FROM r
GROUP BY indicator, subject
"""


def _quote(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def statistics_sql(dialect: str, day: dt.date, indicators: list[str]) -> str:
    """The plan for *indicators* up to *day*, in *dialect* (a SQLGlot dialect)."""
    text = _PLAN.format(
        day=day.isoformat(), indicators=", ".join(map(_quote, indicators))
    )
    return _transpiled(text, dialect)


@functools.lru_cache(maxsize=64)
def _transpiled(text: str, dialect: str) -> str:
    try:
        import sqlglot  # noqa: PLC0415
    except ImportError as e:
        raise MissingExtra(dialect, "sqlglot", "an engine's plan") from e
    return str(sqlglot.transpile(text, write=dialect)[0])
