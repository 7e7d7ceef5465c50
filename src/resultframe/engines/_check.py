"""The columnar form of :meth:`Records.check <resultframe.Records.check>`.

For observations that stay in an engine (a Parquet directory read by DuckDB or
Spark), the checks of the observations run as whole-table queries, written once
in :mod:`resultframe.engines._plan` and transpiled by SQLGlot: a count per
indicator (unknown and derived indicators), the *distinct* values of each
indicator, an anti-join of the observed subjects with the recorded ones, and a
search for repeated days among the latest-value observations' hashes. The queries only
find candidates; the model's own rules and messages
(:mod:`resultframe.model._fit`) judge them, so a problem reads as
``Records.check`` gives it. The other facts (subjects, goals, assessments,
reviews) are few and are checked by ``Records.check`` itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from resultframe.errors import Problem
from resultframe.model import _fit
from resultframe.model._checks import OBSERVATION_VALUE
from resultframe.model._columns import TEXT
from resultframe.model.enums import Accumulation, Level
from resultframe.model.records import subjects_by_id

if TYPE_CHECKING:
    import datetime as dt
    from pathlib import Path

    from resultframe.model.framework import ResultsFramework
    from resultframe.model.records import Records

__all__ = ["observation_problems"]

_TYPED: Any = {
    0: float,
    1: int,
    2: bool,
}


def _value(kind: int, number: float | None, text: str | None) -> object:
    """The value as it was recorded: the column store's kind and its number."""
    if kind == TEXT:
        return text or ""
    return _TYPED[kind](number)


def _broken(row: dict[str, Any]) -> tuple[str, str]:
    """The field and the message of a row no observation can be."""
    for field in ("indicator", "subject", "on"):
        if row[field] is None:
            what = "a date" if field == "on" else "a text"
            return field, f"expected {what}, got null"
    if row["kind"] == TEXT:
        return "value", "expected a text, got null"
    if row["value"] is None:
        return "value", "expected a number, got null"
    value = float(row["value"])
    return "value", f"{OBSERVATION_VALUE.problem(value)}, got {value!r}"


def _tables(fw: ResultsFramework, facts: Records) -> dict[str, Any]:
    import pyarrow as pa  # noqa: PLC0415

    indicators = [i for r in fw.results for i in r.indicators]
    subjects = subjects_by_id(facts).values()
    return {
        "levels": pa.table(
            {
                "indicator": pa.array([i.id for i in indicators], pa.string()),
                "level": pa.array(
                    [fw.level_of(i.id).value for i in indicators], pa.string()
                ),
            }
        ),
        # The recorded subjects and their levels, a level at a time (an
        # identity test per subject, not a level's value per subject).
        "known": pa.concat_tables(
            pa.table(
                {
                    "subject": pa.array(ids, pa.string()),
                    "level": pa.array([level.value] * len(ids), pa.string()),
                }
            )
            for level in Level
            for ids in [[s.id for s in subjects if s.level is level]]
        ),
        "latest": pa.table(
            {
                "indicator": pa.array(
                    [i.id for i in indicators if i.accumulation is Accumulation.LATEST],
                    pa.string(),
                )
            }
        ),
    }


def observation_problems(
    backend: Any,  # noqa: ANN401 - an engine of resultframe.engines
    fw: ResultsFramework,
    observations: Records | Path,
    facts: Records,
    day: dt.date,
) -> list[Problem]:
    """The problems of the observations up to *day*, sorted by indicator.

    Within an indicator: the indicator itself, then its values (by subject and
    day), its subjects (by id) and its repeated days (by subject and day) - the
    order of ``Records.check``.
    """
    import pyarrow as pa  # noqa: PLC0415

    tables = _tables(fw, facts)
    found: dict[str, list[tuple[int, tuple[Any, ...], Problem]]] = {}

    def add(indicator: str, rank: int, key: tuple[Any, ...], p: Problem) -> None:
        found.setdefault(indicator, []).append((rank, key, p))

    for r in backend.query("broken", observations, day, tables).to_pylist():
        field, message = _broken(r)
        about = _fit.observation_about(r["indicator"], r["subject"], r["on"])
        broken = Problem(
            about=about, field=field, message=message, code="invalid_value"
        )
        # Before the values the framework refuses (rank 1): the row itself.
        key = (str(r["subject"]), about, field, message)
        add(r["indicator"] or "", 0, key, broken)
    rows = backend.query("counts", observations, day, tables).to_pylist()
    for r in rows:
        for p in _fit.indicator_problems(fw, r["indicator"], r["n"]):
            add(r["indicator"], 0, (), p)
    bad = [
        r
        for r in backend.query("values", observations, day, tables).to_pylist()
        if fw.has_id("indicator", r["indicator"])
        and not _fit.value_fits(
            fw.indicator(r["indicator"]),
            r["kind"],
            0.0 if r["value"] is None else r["value"],
        )
    ]
    if bad:
        tables["bad"] = pa.table(
            {
                "indicator": pa.array([r["indicator"] for r in bad], pa.string()),
                "kind": pa.array([r["kind"] for r in bad], pa.int32()),
                "value": pa.array([r["value"] for r in bad], pa.float64()),
            }
        )
        for r in backend.query("bad_rows", observations, day, tables).to_pylist():
            on = r["on"]
            indicator = fw.indicator(r["indicator"])
            value = _value(r["kind"], r["value"], r["text"])
            p = _fit.wrong_value_problem(indicator, r["subject"], on, value)
            add(indicator.id, 1, (r["subject"], on, r["kind"], r["value"]), p)
    recorded = subjects_by_id(facts)
    for r in backend.query("subjects", observations, day, tables).to_pylist():
        sid = r["subject"]
        problem = _fit.subject_problem(fw, r["indicator"], sid, recorded.get(sid))
        if problem is not None:
            add(r["indicator"], 2, (sid,), problem)
    found_days = []
    keys = backend.query("duplicate_keys", observations, day, tables)
    if keys.num_rows:
        tables["candidates"] = keys
        found_days = backend.query("duplicates", observations, day, tables).to_pylist()
    for r in found_days:
        p = _fit.duplicate_problem(r["indicator"], r["subject"], r["on"])
        add(r["indicator"], 3, (r["subject"], r["on"]), p)
    return [
        p
        for indicator in sorted(found)
        for _, _, p in sorted(found[indicator], key=lambda t: (t[0], t[1]))
    ]
