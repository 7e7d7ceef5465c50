"""Records as a directory of Parquet files (the ``arrow`` extra).

The layout (see ``docs/scale.md``)::

    directory/
        observations/            one Parquet file, or hive partitions
            gemeente=0363/year=2025/part-0.parquet
        subjects.parquet
        goals.parquet
        assessments.parquet
        reviews.json             reviews are not tabular: a records document

The tables are those of :meth:`Records.to_arrow <resultframe.Records.to_arrow>`.
Observations may be partitioned by a subject dimension (such as ``gemeente``:
the subject's municipality) and by ``year`` (of ``on``), so that a region's
monitor reads only the municipalities and years it needs. Reading checks every
row again (:meth:`Records.from_arrow <resultframe.Records.from_arrow>`).
"""

from __future__ import annotations

import importlib
import pathlib
from typing import TYPE_CHECKING, Any, Final

from resultframe._canonical import dumps
from resultframe.errors import InvalidValue, MissingExtra
from resultframe.model import Records
from resultframe.model._arrow import Handed
from resultframe.model._arrow import from_arrow as _from_arrow
from resultframe.serialization.documents import DEFAULT_MAX_BYTES, loads

if TYPE_CHECKING:
    import os
    from collections.abc import Sequence
    from types import ModuleType

__all__ = ["read_parquet", "write_parquet"]

_YEAR: Final = "year"
_TABLES: Final = ("subjects", "goals", "assessments")


def _arrow() -> tuple[ModuleType, ModuleType, ModuleType, ModuleType]:
    try:
        return (
            importlib.import_module("pyarrow"),
            importlib.import_module("pyarrow.compute"),
            importlib.import_module("pyarrow.dataset"),
            importlib.import_module("pyarrow.parquet"),
        )
    except ImportError:
        raise MissingExtra("arrow", "pyarrow", "Parquet files") from None


def write_parquet(
    records: Records,
    directory: str | os.PathLike[str],
    *,
    partition_by: Sequence[str] = (),
) -> pathlib.Path:
    """Write *records* into *directory* as Parquet files; return the directory.

    Args:
        records: The records to write.
        directory: Created if it does not exist; must not hold observations yet.
        partition_by: Names of hive partitions of the observations, in order:
            ``"year"`` (of ``on``) or the key of a subject dimension (such as
            ``"gemeente"``); a subject without that dimension goes in the null
            partition.

    Raises:
        MissingExtra: pyarrow is not installed.
        InvalidValue: *records* is not Records, a partition name is repeated or
            is a column of the observations, or *directory* holds observations.
    """
    pa, pc, ds, pq = _arrow()
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    names = list(partition_by)
    tables = records.to_arrow()
    observations = tables["observations"]
    for name in names:
        if names.count(name) > 1 or name in observations.column_names:
            raise InvalidValue(
                "partition_by",
                name,
                "expected distinct names of subject dimensions or 'year'",
            )
    root = pathlib.Path(directory)
    target = root / "observations"
    if target.exists():
        raise InvalidValue(
            "directory", str(root), "expected a directory without observations"
        )
    root.mkdir(parents=True, exist_ok=True)
    for name in names:
        if name == _YEAR:
            column = pc.year(observations.column("on")).cast(pa.int32())
        else:
            by_subject = {s.id: dict(s.dimensions).get(name) for s in records.subjects}
            subjects = observations.column("subject").combine_chunks()
            values = pa.array(
                [by_subject.get(x) for x in subjects.dictionary.to_pylist()],
                pa.string(),
            )
            column = pc.take(values, subjects.indices)
        observations = observations.append_column(name, column)
    if names and observations.num_rows:
        ds.write_dataset(
            observations,
            target,
            format="parquet",
            partitioning=names,
            partitioning_flavor="hive",
            existing_data_behavior="error",
        )
    else:
        target.mkdir()
        pq.write_table(
            tables["observations"] if names else observations,
            target / "part-0.parquet",
        )
    for kind in _TABLES:
        pq.write_table(tables[kind], root / f"{kind}.parquet")
    (root / "reviews.json").write_text(
        dumps(Records(reviews=records.reviews)), encoding="utf-8"
    )
    return root


def read_parquet(
    directory: str | os.PathLike[str],
    *,
    allow_bsn_like_ids: bool = False,
    batch_rows: int = 1 << 20,
    observations: bool = True,
) -> Records:
    """Read records from a directory written by :func:`write_parquet`.

    Every row is checked again as :meth:`Records.from_arrow
    <resultframe.Records.from_arrow>` checks it (the files may come from
    elsewhere). Observations are read *batch_rows* at a time into compact
    dictionary-encoded columns. With ``observations=False`` only the other facts
    are read (subjects, goals, assessments, reviews): what an engine needs
    beside the observations it reads from the directory itself.

    Raises:
        MissingExtra: pyarrow is not installed.
        InvalidValue: *directory* is not such a directory.
        InvalidRecords: rows are not valid; ``.problems`` names each one (rows
            are counted over the observations as read, partition by partition).
    """
    pa, _, ds, _ = _arrow()
    root = pathlib.Path(directory)
    target = root / "observations"
    if not target.is_dir():
        raise InvalidValue(
            "directory", str(root), "expected a directory written by write_parquet"
        )
    if not observations:
        return _other_facts(root, allow_bsn_like_ids=allow_bsn_like_ids)
    # The partition keys are not facts: only the files are read, not their paths.
    dataset = ds.dataset(target, format="parquet")
    columns = [
        n
        for n in (
            "indicator",
            "subject",
            "on",
            "kind",
            "number",
            "text",
            "note",
            "source",
        )
        if n in dataset.schema.names
    ]
    # In this thread: Arrow's allocator keeps a heap per thread, and batches
    # made in reader threads and let go in this one kept their memory longer
    # (the peak varied by 30 bytes per observation from run to run; about 5%
    # slower).
    batches = dataset.to_batches(
        columns=columns, batch_size=batch_rows, use_threads=False
    )
    # Handed over, not kept here: the table is let go once its rows are coded,
    # before they are sorted and packed (temporary memory per observation).
    return _other_facts(
        root,
        allow_bsn_like_ids=allow_bsn_like_ids,
        observations=Handed(
            pa.Table.from_batches(
                batches,
                schema=dataset.schema.remove_metadata()
                if not columns
                else pa.schema([dataset.schema.field(n) for n in columns]),
            )
        ),
    )


def _other_facts(
    root: pathlib.Path,
    *,
    allow_bsn_like_ids: bool,
    observations: Handed | None = None,
) -> Records:
    """The facts of *root* beside *observations* (none: no observations)."""
    _, _, _, pq = _arrow()
    tables: dict[str, Any] = {}
    for kind in _TABLES:
        path = root / f"{kind}.parquet"
        tables[kind] = pq.read_table(path) if path.exists() else None
    reviews_path = root / "reviews.json"
    reviews = (
        loads(
            reviews_path.read_bytes(),
            kind="records",
            max_bytes=max(DEFAULT_MAX_BYTES, reviews_path.stat().st_size),
            allow_bsn_like_ids=allow_bsn_like_ids,
        ).reviews
        if reviews_path.exists()
        else ()
    )
    return _from_arrow(
        observations=observations,
        reviews=reviews,
        allow_bsn_like_ids=allow_bsn_like_ids,
        **tables,
    )
