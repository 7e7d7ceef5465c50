"""The column store behind :class:`~resultframe.model.records.Records` (internal).

Observations are not kept as objects but in sorted columns: one row costs a few
dozen bytes, and the latest value of an indicator for a subject on a day is a
binary search. This package is the one place that knows that layout; ``Records``,
evaluation, the facts readers and the fit checks use it through the names below
and nothing else.

Storage (:mod:`.store`):

- :class:`Columns`: the sorted rows. One row: :meth:`~Columns.value`,
  :meth:`~Columns.day`, :meth:`~Columns.indicator`, :meth:`~Columns.subject`,
  :meth:`~Columns.observation`. Queries: :meth:`~Columns.indicator_rows`,
  :meth:`~Columns.pair_rows`, :meth:`~Columns.latest_row` (the latest on or
  before a day), :meth:`~Columns.spans` (per subject, the rows up to a day),
  :meth:`~Columns.indicators_observed`, :meth:`~Columns.subject_codes`,
  :meth:`~Columns.repeated_days`. Whole columns: :meth:`~Columns.until`,
  :meth:`~Columns.select`, :meth:`~Columns.decoded`, :meth:`~Columns.same_rows`,
  :meth:`~Columns.canonical`. The raw arrays (``keys``, ``values``, ``kinds``,
  ``strings``) may be read, never changed.
- :class:`Spans`: what :meth:`Columns.spans` returns.
- The key layout: ``key & DAY_MASK`` is a row's day ordinal and ``key >>
  DAY_BITS`` its (indicator, subject) pair; a row's ``kinds`` entry is
  :data:`FLOAT`, :data:`INT`, :data:`BOOL` or :data:`TEXT`; :func:`value_of`
  turns a stored number back into the value.

Building (:mod:`.packing`, :mod:`.checking`):

- :func:`check_columns`: raise ``InvalidRecords`` naming every bad item of raw
  observation columns (what ``Records.from_columns`` accepts).
- :func:`build`: sort valid raw columns into :class:`Columns`
  (:func:`encode` then :func:`pack`); :func:`observation_columns` gives the raw
  columns of ``Observation`` objects.
- :class:`Coded`, :func:`encode_values`, :func:`pack`: for readers that check and
  code rows a chunk at a time; they promise rows that pass :func:`check_columns`.
"""

from __future__ import annotations

from resultframe.model._columns.checking import check_columns
from resultframe.model._columns.packing import (
    Coded,
    build,
    encode,
    encode_values,
    observation_columns,
    pack,
)
from resultframe.model._columns.store import (
    BOOL,
    DAY_BITS,
    DAY_MASK,
    FLOAT,
    INT,
    TEXT,
    Columns,
    Spans,
    value_of,
)

__all__ = [
    "BOOL",
    "DAY_BITS",
    "DAY_MASK",
    "FLOAT",
    "INT",
    "TEXT",
    "Coded",
    "Columns",
    "Spans",
    "build",
    "check_columns",
    "encode",
    "encode_values",
    "observation_columns",
    "pack",
    "value_of",
]
