"""Records as Arrow tables and back (the ``arrow`` extra; internal).

:func:`to_arrow` gives one table per fact kind (observations, subjects, goals,
assessments); :func:`from_arrow` builds :class:`~resultframe.model.Records` from
them and re-checks what ``Records`` promises a whole column at a time: every id
column is dictionary-encoded and the *distinct* ids go through the rule declared
on the field (:mod:`resultframe.model._checks`), subject ids through the BSN
guard, values through :class:`~resultframe.model._checks.ObservationValue`, notes
and sources through their text rule; the rows are then sorted by the column store
(:func:`~resultframe.model._columns.pack`). Only a column that fails is looked at
row by row, to name every bad row.

The observations table (:data:`OBSERVATIONS`): ``indicator``, ``subject``,
``on`` (date32), ``kind`` (``float``, ``int``, ``bool`` or ``text``), ``number``
(the value of a number or bool; null for a text), ``text`` (the value of a text;
null for a number), ``note`` and ``source``; ids and texts dictionary-encoded.
"""

from __future__ import annotations

import datetime as dt
import importlib
from typing import TYPE_CHECKING, Any, Final

import attrs

from resultframe.errors import InvalidRecords, InvalidValue, MissingExtra, Problem
from resultframe.model import _checks
from resultframe.model._columns import (
    BOOL,
    DAY_BITS,
    DAY_MASK,
    FLOAT,
    INT,
    TEXT,
    Coded,
    pack,
)
from resultframe.model.definitions import Baseline, Target
from resultframe.model.enums import ConditionStatus, Level
from resultframe.model.facts import ConditionAssessment, Goal, Observation, Subject
from resultframe.privacy import BSN_EXPECTATION, allowing_bsn_like_ids

if TYPE_CHECKING:
    from collections.abc import Iterable
    from types import ModuleType

    from resultframe.model.facts import Review
    from resultframe.model.records import Records

__all__ = ["BSN_MESSAGE", "KIND_NAMES", "from_arrow", "to_arrow"]

EPOCH: Final = dt.date(1970, 1, 1).toordinal()
"""The ordinal of day 0 of Arrow's date32."""
KIND_NAMES: Final = ("float", "int", "bool", "text")
"""The ``kind`` of a row by :data:`~resultframe.model._columns.FLOAT` ... ``TEXT``."""
BSN_MESSAGE: Final = BSN_EXPECTATION
"""What a subject id that looks like a BSN breaks: the declared subject-id rule's
expectation (:data:`resultframe.privacy.BSN_EXPECTATION`); the id is never shown."""
_MIN_DAY: Final = dt.date.min.toordinal() - EPOCH
_MAX_DAY: Final = dt.date.max.toordinal() - EPOCH
_RULES: Final[dict[str, _checks.Rule]] = {
    a.name: a.validator
    for a in attrs.fields(Observation)
    if isinstance(a.validator, _checks.Rule)
}


def modules() -> tuple[ModuleType, ModuleType, ModuleType]:
    """pyarrow, pyarrow.compute and numpy, or :class:`MissingExtra`."""
    try:
        return (
            importlib.import_module("pyarrow"),
            importlib.import_module("pyarrow.compute"),
            importlib.import_module("numpy"),
        )
    except ImportError as e:
        # Name the module that is missing: numpy too is part of the extra.
        missing = (e.name or "pyarrow").split(".")[0]
        raise MissingExtra("arrow", missing, "Arrow tables and Parquet") from None


def schemas() -> dict[str, Any]:
    """The schema of each fact kind's table."""
    pa, _, _ = modules()
    ids = pa.dictionary(pa.int32(), pa.string())
    return {
        "observations": pa.schema(
            [
                ("indicator", ids),
                ("subject", ids),
                ("on", pa.date32()),
                ("kind", pa.dictionary(pa.int8(), pa.string())),
                ("number", pa.float64()),
                ("text", ids),
                ("note", ids),
                ("source", ids),
            ]
        ),
        "subjects": pa.schema(
            [
                ("id", pa.string()),
                ("level", pa.string()),
                ("part_of", pa.string()),
                ("name", pa.string()),
                (
                    "dimensions",
                    pa.list_(pa.struct([("key", pa.string()), ("value", pa.string())])),
                ),
                ("allow_bsn_like_id", pa.bool_()),
            ]
        ),
        "goals": pa.schema(
            [
                ("subject", pa.string()),
                ("indicator", pa.string()),
                ("target_value", pa.float64()),
                ("target_by", pa.date32()),
                ("target_note", pa.string()),
                ("baseline_value", pa.float64()),
                ("baseline_on", pa.date32()),
                ("baseline_note", pa.string()),
            ]
        ),
        "assessments": pa.schema(
            [
                ("condition", pa.string()),
                ("on", pa.date32()),
                ("status", pa.string()),
                ("note", pa.string()),
                ("assessed_by", pa.string()),
            ]
        ),
    }


# -- to Arrow ------------------------------------------------------------------------


def to_arrow(records: Records) -> dict[str, Any]:
    """One Arrow table per fact kind (reviews are not tabular: not included)."""
    from resultframe.model.records import columns_of  # noqa: PLC0415 - a cycle

    pa, _, np = modules()
    schema = schemas()
    c = columns_of(records)
    keys = np.frombuffer(c.keys, dtype=np.int64)
    pairs = keys >> DAY_BITS
    n_subjects = max(len(c.subjects), 1)
    kinds = np.frombuffer(c.kinds, dtype=np.int8)
    values = np.frombuffer(c.values, dtype=np.float64)
    is_text = kinds == TEXT
    strings = pa.array(c.strings, pa.string())

    def coded(codes: Any, table: Any, mask: Any = None) -> Any:  # noqa: ANN401
        indices = pa.array(codes.astype(np.int32), pa.int32(), mask=mask)
        return pa.DictionaryArray.from_arrays(indices, table)

    observations = pa.Table.from_arrays(
        [
            coded(pairs // n_subjects, pa.array(c.indicators, pa.string())),
            coded(pairs % n_subjects, pa.array(c.subjects, pa.string())),
            pa.array((keys & DAY_MASK) - EPOCH, pa.int32()).cast(pa.date32()),
            pa.DictionaryArray.from_arrays(
                pa.array(kinds, pa.int8()), pa.array(KIND_NAMES, pa.string())
            ),
            pa.array(values, pa.float64(), mask=is_text),
            coded(np.where(is_text, values, 0), strings, mask=~is_text),
            coded(np.frombuffer(c.notes, dtype=np.uint32), strings),
            coded(np.frombuffer(c.sources, dtype=np.uint32), strings),
        ],
        schema=schema["observations"],
    )
    return {
        "observations": observations,
        "subjects": pa.Table.from_pylist(
            [_subject_row(s) for s in records.subjects], schema=schema["subjects"]
        ),
        "goals": pa.Table.from_pylist(
            [_goal_row(g) for g in records.goals], schema=schema["goals"]
        ),
        "assessments": pa.Table.from_pylist(
            [attrs.asdict(a) | {"status": a.status.value} for a in records.assessments],
            schema=schema["assessments"],
        ),
    }


def _subject_row(s: Subject) -> dict[str, Any]:
    return {
        "id": s.id,
        "level": s.level.value,
        "part_of": s.part_of,
        "name": s.name,
        "dimensions": [{"key": k, "value": v} for k, v in sorted(s.dimensions)],
        "allow_bsn_like_id": s.allow_bsn_like_id,
    }


def _goal_row(g: Goal) -> dict[str, Any]:
    b = g.baseline
    return {
        "subject": g.subject,
        "indicator": g.indicator,
        "target_value": g.target.value,
        "target_by": g.target.by,
        "target_note": g.target.note,
        "baseline_value": None if b is None else b.value,
        "baseline_on": None if b is None else b.on,
        "baseline_note": None if b is None else b.note,
    }


# -- from Arrow ----------------------------------------------------------------------


class Handed:
    """An Arrow table handed over by a reader that keeps no other reference to it.

    :func:`from_arrow` takes the table out and lets go of it once its
    observations are coded, before they are sorted and packed: the table and
    the packed columns are never held at once (``read_parquet``).
    """

    __slots__ = ("_table",)

    def __init__(self, table: Any) -> None:  # noqa: ANN401
        self._table = table

    def take(self) -> Any:  # noqa: ANN401
        """The table; this object no longer holds it."""
        table, self._table = self._table, None
        return table


def from_arrow(  # noqa: PLR0913
    *,
    observations: Any = None,  # noqa: ANN401
    subjects: Any = None,  # noqa: ANN401
    goals: Any = None,  # noqa: ANN401
    assessments: Any = None,  # noqa: ANN401
    reviews: Iterable[Review] = (),
    allow_bsn_like_ids: bool = False,
) -> Records:
    """Records from Arrow tables, every promise of ``Records`` checked again."""
    if allow_bsn_like_ids:
        # The declared subject-id rule honours the one allowance switch.
        with allowing_bsn_like_ids():
            return _from_arrow(
                observations, subjects, goals, assessments, reviews, allow=True
            )
    return _from_arrow(observations, subjects, goals, assessments, reviews, allow=False)


def _from_arrow(  # noqa: PLR0913
    observations: Any,  # noqa: ANN401
    subjects: Any,  # noqa: ANN401
    goals: Any,  # noqa: ANN401
    assessments: Any,  # noqa: ANN401
    reviews: Iterable[Review],
    *,
    allow: bool,
) -> Records:
    from resultframe.model.records import Records  # noqa: PLC0415 - a cycle

    allow_bsn_like_ids = allow
    problems: list[tuple[str, int, Problem]] = []
    coded: Coded | None = None
    if isinstance(observations, Handed):
        # The table's one reference is _observations' own: it goes once coded,
        # before the rows are sorted and packed.
        coded = _observations(observations.take(), problems)
    elif observations is not None:
        coded = _observations(observations, problems)
    facts: dict[str, list[Any]] = {}
    for kind, table, make in (
        ("subjects", subjects, _subject),
        ("goals", goals, _goal),
        ("assessments", assessments, _assessment),
    ):
        facts[kind] = (
            []
            if table is None
            else _objects(kind, table, make, problems, allow_bsn_like_ids)
        )
    if problems:
        order = {"observations": 0, "subjects": 1, "goals": 2, "assessments": 3}
        problems.sort(key=lambda p: (order[p[0]], p[1]))
        raise InvalidRecords(p for _, _, p in problems)
    columns = pack(coded if coded is not None else _empty())
    return Records._make(
        columns, facts["subjects"], facts["goals"], facts["assessments"], list(reviews)
    )


def _empty() -> Coded:
    return Coded(
        indicators=(),
        subjects=(),
        indicator=(),
        subject=(),
        day=(),
        numbers=(),
        kinds=(),
        notes=(),
        sources=(),
        strings=("",),
    )


def _table(kind: str, table: Any, names: Iterable[str]) -> Any:  # noqa: ANN401
    pa, _, _ = modules()
    if isinstance(table, pa.RecordBatch):
        table = pa.Table.from_batches([table])
    if not isinstance(table, pa.Table):
        raise InvalidValue(kind, type(table).__name__, "expected a pyarrow Table")
    missing = [n for n in names if n not in table.column_names]
    if missing:
        raise InvalidValue(
            kind, ", ".join(missing), f"expected the columns {', '.join(names)}"
        )
    return table


def _column(
    table: Any,  # noqa: ANN401
    name: str,
    problems: list[tuple[str, int, Problem]],
    *,
    default: str | None = None,
) -> tuple[Any, list[Any], Any]:
    """The codes (a numpy int array), distinct values and nulls of a text column.

    A null is a problem (once: the rule checks skip the rows in the mask
    returned, which is None without nulls); without the column, every row is
    *default* (if given).
    """
    _, _, np = modules()
    codes, distinct, nulls = _codes(table, name, default)
    if nulls is not None:
        problems.extend(
            _problem(r, name, "expected a text, got null")
            for r in np.flatnonzero(nulls).tolist()
        )
    return codes, distinct, nulls


def _codes(
    table: Any,  # noqa: ANN401
    name: str,
    default: str | None,
) -> tuple[Any, list[Any], Any]:
    """The codes and distinct values of a text column, and where it is null.

    The rows of nulls (a numpy bool mask, or None when there are none) have the
    code of *default* (of ``""`` without one). Whole-column work: a column of
    texts that are mostly null (the text of a numeric value) costs a byte per
    row for its mask, not a Python list of row numbers.
    """
    pa, pc, np = modules()
    if name not in table.column_names and default is not None:
        return np.zeros(table.num_rows, dtype=np.int32), [default], None
    column = table.column(name)
    if pa.types.is_null(column.type):  # all null: no type was inferred
        column = column.cast(pa.string())
    if pa.types.is_dictionary(column.type):
        column = column.unify_dictionaries() if column.num_chunks > 1 else column
        column = column.combine_chunks()
    else:
        column = pc.dictionary_encode(column.combine_chunks())
    if not pa.types.is_string(column.type.value_type) and not pa.types.is_large_string(
        column.type.value_type
    ):
        raise InvalidValue(name, str(column.type.value_type), "expected a text column")
    distinct = column.dictionary.to_pylist()
    fill = default or ""
    # Texts that are null in the dictionary itself are nulls too.
    empty = [i for i, x in enumerate(distinct) if x is None]
    distinct = [fill if x is None else x for x in distinct]
    indices = column.indices
    nulls = None
    if column.null_count:
        nulls = column.is_null().to_numpy(zero_copy_only=False)
        if fill not in distinct:
            distinct.append(fill)
        # int32 first: the default may be one text more than int8 codes hold.
        indices = indices.cast(pa.int32()).fill_null(distinct.index(fill))
    # int32 codes as Arrow holds them (no copy): 4 bytes a row, not 8.
    codes = indices.to_numpy(zero_copy_only=False).astype(np.int32, copy=False)
    if empty:
        in_dictionary = np.isin(codes, np.array(empty))
        nulls = in_dictionary if nulls is None else nulls | in_dictionary
    if len(set(distinct)) < len(distinct):
        # Arrow lets a dictionary hold a text twice: each row gets the code of
        # the text's first place, so that an id has one code in the columns.
        first: dict[str, int] = {}
        place = [first.setdefault(x, i) for i, x in enumerate(distinct)]
        codes = np.array(place, dtype=np.int32)[codes]
    return codes, distinct, nulls


def _problem(row: int, field: str, message: str) -> tuple[str, int, Problem]:
    return (
        "observations",
        row,
        Problem(about=f"row {row}", field=field, message=message),
    )


def _rows_with(
    codes: Any,  # noqa: ANN401
    bad: dict[int, str],
    skip: Any = None,  # noqa: ANN401
) -> list[tuple[int, int]]:
    """The (row, code) of each row whose code is one of *bad*, but those in *skip*.

    *skip* is a numpy bool mask of rows already reported (null cells), or None.
    """
    _, _, np = modules()
    found = np.isin(codes, np.fromiter(bad, dtype=np.int64))
    if skip is not None:
        found &= ~skip
    rows = np.flatnonzero(found)
    return list(zip(rows.tolist(), codes[rows].tolist(), strict=True))


def _check_distinct(
    field: str,
    column: tuple[Any, list[Any], Any],
    bad: dict[int, str],
    problems: list[tuple[str, int, Problem]],
) -> None:
    """Report every row whose code is one of *bad* (code: what was expected).

    *column* is what :func:`_column` gives: codes, distinct values and the
    null cells (reported already, so left out here).
    """
    if not bad:
        return
    codes, distinct, nulls = column
    for row, code in _rows_with(codes, bad, nulls):
        shown = "" if bad[code] == BSN_MESSAGE else f", got {distinct[code]!r}"
        problems.append(_problem(row, field, bad[code] + shown))


def _rule_problems(field: str, distinct: list[Any]) -> dict[int, str]:
    """The codes of the distinct values that break *field*'s declared rule.

    The subject's rule holds the BSN guard (and honours the allowance in force).
    """
    found = _RULES[field].problems(distinct, types=(str,))
    return {i: found[x] for i, x in enumerate(distinct) if x in found}


def _observations(
    table: Any,  # noqa: ANN401
    problems: list[tuple[str, int, Problem]],
) -> Coded:
    pa, pc, np = modules()
    table = _table(
        "observations", table, ("indicator", "subject", "on", "kind", "number")
    )
    n = table.num_rows
    ids = {}
    for field in ("indicator", "subject"):
        column = _column(table, field, problems)
        _check_distinct(field, column, _rule_problems(field, column[1]), problems)
        ids[field] = column[:2]
    # Days: date32, within the days a date can hold.
    on = table.column("on").combine_chunks()
    if not pa.types.is_date(on.type):
        raise InvalidValue("on", str(on.type), "expected a date32 column")
    days = on.cast(pa.date32()).cast(pa.int32())
    bad_day = pc.or_kleene(
        pc.is_null(days), pc.or_(pc.less(days, _MIN_DAY), pc.greater(days, _MAX_DAY))
    ).fill_null(True)  # noqa: FBT003 - pyarrow's argument
    problems.extend(
        _problem(row, "on", "expected a date")
        for row in pc.indices_nonzero(bad_day).to_pylist()
    )
    day = days.fill_null(0).to_numpy(zero_copy_only=False) + np.int32(EPOCH)
    # Values: a kind per row, and the number or the text it names.
    kind_codes, kind_names, no_kind = _column(table, "kind", problems)
    kind_of = np.array(
        [KIND_NAMES.index(k) if k in KIND_NAMES else -1 for k in kind_names] or [0],
        dtype=np.int8,
    )
    kinds = kind_of[kind_codes]
    _check_distinct(
        "value",
        (kind_codes, kind_names, no_kind),
        {
            i: "expected the kind float, int, bool or text"
            for i, k in enumerate(kind_names)
            if k not in KIND_NAMES
        },
        problems,
    )
    del no_kind
    number = table.column("number").combine_chunks().cast(pa.float64())
    if number.null_count:
        missing = np.flatnonzero(
            (kinds != TEXT) & number.is_null().to_numpy(zero_copy_only=False)
        )
        problems.extend(
            _problem(row, "value", "expected a number, got null")
            for row in missing.tolist()
        )
        number = number.fill_null(0.0)
    # Arrow's own buffer when it has no nulls (no copy): read, never written.
    numbers = number.to_numpy(zero_copy_only=False).astype(np.float64, copy=False)
    del number
    strings: dict[str, int] = {"": 0}
    text_codes, texts, no_text = (
        _codes(table, "text", "")
        if "text" in table.column_names
        else (np.zeros(n, dtype=np.int32), [""], None)
    )
    is_text = kinds == TEXT
    if no_text is not None:
        problems.extend(
            _problem(row, "value", "expected a text, got null")
            for row in np.flatnonzero(no_text & is_text).tolist()
        )
    _check_values(kinds, numbers, (text_codes, texts, no_text), problems)
    del no_text
    text_map = np.array(
        [strings.setdefault(t, len(strings)) for t in texts], dtype=np.float64
    )
    if is_text.any():
        numbers = np.where(is_text, text_map[text_codes], numbers)
    coded_texts = {}
    for field in ("note", "source"):
        codes, distinct, nulls = _column(table, field, problems, default="")
        _check_distinct(
            field, (codes, distinct, nulls), _rule_problems(field, distinct), problems
        )
        remap = np.array(
            [strings.setdefault(t, len(strings)) for t in distinct], dtype=np.uint32
        )
        coded_texts[field] = remap[codes]
    return Coded(
        indicators=ids["indicator"][1],
        subjects=ids["subject"][1],
        indicator=ids["indicator"][0],
        subject=ids["subject"][0],
        day=day,
        numbers=numbers,
        kinds=kinds,
        notes=coded_texts["note"],
        sources=coded_texts["source"],
        strings=tuple(strings),
    )


def _check_values(
    kinds: Any,  # noqa: ANN401
    numbers: Any,  # noqa: ANN401
    text: tuple[Any, list[str], Any],
    problems: list[tuple[str, int, Problem]],
) -> None:
    """Report rows whose value breaks :class:`~._checks.ObservationValue`.

    The distinct values of each kind go through the declared rule, as the
    Python values ``Records`` would hold. *text* holds the text column's
    codes, its distinct texts and its null cells (a mask, or None), which are
    reported already.
    """
    text_codes, texts, no_text = text
    _, _, np = modules()
    rule = _RULES["value"]
    as_value = {FLOAT: float, INT: int, BOOL: bool}
    for kind, make in as_value.items():
        rows = kinds == kind
        if not rows.any():
            continue
        distinct = np.unique(numbers[rows])
        bad: dict[float, str] = {}
        for x in distinct.tolist():
            if kind == INT and not (x == x and abs(x) != float("inf") and x == int(x)):  # noqa: PLR0124 - NaN
                bad[x] = "expected a whole number for the kind int"
            elif kind == BOOL and x not in {0.0, 1.0}:
                bad[x] = "expected 0 or 1 for the kind bool"
        values = {x: make(x) for x in distinct.tolist() if x not in bad}
        found = rule.problems(values.values())
        bad.update({x: found[v] for x, v in values.items() if v in found})
        if bad:
            where = np.flatnonzero(rows & np.isin(numbers, np.array(list(bad))))
            for row in where.tolist():
                x = float(numbers[row])
                problems.append(_problem(row, "value", f"{bad[x]}, got {x!r}"))
        # NaN is never found by isin: its rows are found by themselves.
        if kind != BOOL:
            nan = float("nan")
            expected = (
                "expected a whole number for the kind int"
                if kind == INT
                else rule.problem(nan)
            )
            problems.extend(
                _problem(row, "value", f"{expected}, got nan")
                for row in np.flatnonzero(rows & np.isnan(numbers)).tolist()
            )
    rows = kinds == TEXT
    if rows.any():
        used = np.unique(text_codes[rows]).tolist()
        found = rule.problems([texts[i] for i in used])
        bad_text = {i: found[texts[i]] for i in used if texts[i] in found}
        for row, code in _rows_with(np.where(rows, text_codes, -1), bad_text, no_text):
            problems.append(
                _problem(row, "value", f"{bad_text[code]}, got {texts[code]!r}")
            )


def _objects(
    kind: str,
    table: Any,  # noqa: ANN401
    make: Any,  # noqa: ANN401
    problems: list[tuple[str, int, Problem]],
    allow_bsn_like_ids: bool,
) -> list[Any]:
    table = _table(kind, table, schemas()[kind].names)
    out = []
    for i, row in enumerate(table.to_pylist()):
        try:
            out.append(make(row, allow_bsn_like_ids))
        except InvalidValue as e:  # noqa: PERF203 - a problem per bad row
            problems.append(
                (kind, i, Problem(about=f"{kind}[{i}]", field=e.field, message=str(e)))
            )
    return out


def _subject(row: dict[str, Any], _allow: bool) -> Subject:
    return Subject(
        id=row["id"],
        level=Level(row["level"])
        if row["level"] in {m.value for m in Level}
        else row["level"],
        part_of=row["part_of"],
        name=row["name"],
        dimensions=frozenset((d["key"], d["value"]) for d in row["dimensions"] or ()),
        allow_bsn_like_id=bool(row["allow_bsn_like_id"]),
    )


def _goal(row: dict[str, Any], _allow: bool) -> Goal:
    # The goal's subject rule refuses a BSN-like id (outside the allowance).
    baseline = (
        None
        if row["baseline_on"] is None
        else Baseline(
            value=row["baseline_value"],
            on=row["baseline_on"],
            note=row["baseline_note"] or "",
        )
    )
    return Goal(
        subject=row["subject"],
        indicator=row["indicator"],
        target=Target(
            value=row["target_value"],
            by=row["target_by"],
            note=row["target_note"] or "",
        ),
        baseline=baseline,
    )


def _assessment(row: dict[str, Any], _allow: bool) -> ConditionAssessment:
    status = row["status"]
    return ConditionAssessment(
        condition=row["condition"],
        on=row["on"],
        status=ConditionStatus(status)
        if status in {m.value for m in ConditionStatus}
        else status,
        note=row["note"] if row["note"] is not None else "",
        assessed_by=row["assessed_by"],
    )
