"""Documents: JSON and YAML documents, CSV and JSON Lines facts, JSON Schema, versions.

What resultframe reads and writes is its contract with the systems around it:

- :func:`dumps` / :func:`loads` (and :func:`to_dict` / :func:`from_dict`) for a
  :class:`~resultframe.ResultsFramework`, :class:`~resultframe.Records` or
  :class:`~resultframe.evaluation.FrameworkEvaluation`, as a JSON document with a
  format name and version;
- :func:`canonical` and :func:`fingerprint`, so a review can name the framework
  version it was held against;
- :func:`load_yaml` / :func:`dump_yaml` for hand-written frameworks (the ``yaml``
  extra);
- :func:`read_csv`, :func:`read_jsonl`, :func:`write_csv`, :func:`write_jsonl` for
  facts, streaming, with every bad row reported;
- :func:`json_schema` for the JSON Schema of each kind of document;
- :class:`Migrations` to bring older document versions up to date.
- :mod:`resultframe.serialization.files` to load a framework or records from a
  path (the loader chosen by suffix, the kind of a facts file told by its
  header) and to merge the records of several files.

Every failure to load is an :class:`~resultframe.errors.InvalidDocument` whose
``.errors`` lists each problem as ``message @ $.path``.
"""

from resultframe.errors import InvalidDocument
from resultframe.serialization.documents import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_DEPTH,
    KINDS,
    canonical,
    dumps,
    fingerprint,
    from_dict,
    kind_of,
    loads,
    to_dict,
)
from resultframe.serialization.facts import (
    Located,
    ReadResult,
    RejectedRow,
    infer_value,
    locate,
    read_csv,
    read_jsonl,
    write_csv,
    write_jsonl,
)
from resultframe.serialization.migrations import (
    CURRENT_VERSIONS,
    MIGRATIONS,
    Migrations,
)
from resultframe.serialization.parquet import read_parquet, write_parquet
from resultframe.serialization.schema import json_schema
from resultframe.serialization.yaml import dump_yaml, load_yaml

__all__ = [
    "CURRENT_VERSIONS",
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_DEPTH",
    "KINDS",
    "MIGRATIONS",
    "InvalidDocument",
    "Located",
    "Migrations",
    "ReadResult",
    "RejectedRow",
    "canonical",
    "dump_yaml",
    "dumps",
    "fingerprint",
    "from_dict",
    "infer_value",
    "json_schema",
    "kind_of",
    "load_yaml",
    "loads",
    "locate",
    "read_csv",
    "read_jsonl",
    "read_parquet",
    "to_dict",
    "write_csv",
    "write_jsonl",
    "write_parquet",
]
