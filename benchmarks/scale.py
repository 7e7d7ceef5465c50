"""Benchmark: CSV and Parquet into Records at scale (the ``arrow`` extra).

Generates the observations of ``benchmarks/documents.py`` on the fly (no data
files in the repository) and prints, in one run:

- CSV -> Records by ``read_csv`` of a binary file, which reads it with pyarrow's
  parser and checks each distinct cell with the row reader's checker
  (``serialization._arrow_read``) / pydantic v2 validating the same data (target
  <= 0.2) and / msgspec decoding it (target <= 1);
- the same for ``read_csv``'s row reader (its path without pyarrow), for reference;
- Parquet -> Records (``read_parquet``, every check) / CSV -> Records (target
  <= 0.05);
- peak RSS per observation while ``read_parquet`` builds the records, and the
  part of it that is temporary (peak minus what the records keep; target <= 60
  bytes), measured in a fresh process;
- then the engines (``benchmarks/engines.py``): DuckDB ÷ Python engine at 1M
  observations (target <= 0.2) and DuckDB at 10M ÷ 1M (target <= 11).

``--national`` runs only the national case of ``benchmarks/engines.py`` (~100M
observations; CPU seconds and peak RSS; not in CI).

Run: ``python benchmarks/scale.py [--rows N] [--repeat R] [--national]``
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import pathlib
import subprocess
import sys
import tempfile
from typing import TYPE_CHECKING

sys.path.insert(0, str(pathlib.Path(__file__).parent))

import documents as base
import msgspec
import pyarrow as pa
import pydantic

from resultframe.serialization import (
    _arrow_read,
    read_csv,
    read_jsonl,
    read_parquet,
    write_parquet,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from resultframe import Records
    from resultframe.serialization import ReadResult

    Reader = Callable[..., ReadResult]


def quick(read: Reader, data: bytes) -> Records:
    """Facts -> Records as ``read_csv``/``read_jsonl`` read a binary file."""
    return read(io.BytesIO(data)).records


def by_rows(read: Reader, data: bytes) -> Records:
    """Facts -> Records by the row reader (the reader without its pyarrow path)."""
    modules = _arrow_read._modules
    _arrow_read._modules = lambda: None  # type: ignore[assignment]
    try:
        return read(io.BytesIO(data)).records
    finally:
        _arrow_read._modules = modules  # type: ignore[assignment]


def quick_csv(data: bytes) -> Records:
    return quick(read_csv, data)


def row_reader_csv(data: bytes) -> Records:
    return by_rows(read_csv, data)


def jsonl_times(data: bytes, repeat: int) -> tuple[float, float]:
    """The best times of read_jsonl through pyarrow and by the row reader."""
    if quick(read_jsonl, data) != by_rows(read_jsonl, data):
        raise SystemExit("read_jsonl through pyarrow and the row reader disagree")
    return (
        base.best_of(lambda: quick(read_jsonl, data), repeat=repeat),
        base.best_of(lambda: by_rows(read_jsonl, data), repeat=repeat),
    )


def took_quick_path(data: bytes) -> bool:
    """Whether ``read_csv`` reads *data* through pyarrow (it may leave it to rows)."""
    taken = []
    read = _arrow_read.read

    def spy(*args: object, **kwargs: object) -> object:
        result = read(*args, **kwargs)  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    _arrow_read.read = spy  # type: ignore[assignment]
    try:
        read_csv(io.BytesIO(data))
    finally:
        _arrow_read.read = read  # type: ignore[assignment]
    return taken == [True]


_MEMORY = """
import resource, sys
from resultframe.serialization import read_parquet
from resultframe.model.records import columns_of
def vm(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
records = read_parquet(sys.argv[1])  # warm up: imports, allocator pools
del records
base = vm("VmRSS:")
open("/proc/self/clear_refs", "w").write("5")  # reset the peak
records = read_parquet(sys.argv[1])
peak = vm("VmHWM:")
c = columns_of(records)
kept = sum(a.itemsize * len(a) for a in (c.keys, c.values, c.kinds, c.notes, c.sources))
print(peak - base, kept)
"""


def memory(directory: str, rows: int) -> tuple[float, float]:
    """Peak RSS over the baseline, and the part of it not kept, per observation."""
    out = subprocess.run(  # noqa: S603 - this interpreter, this script's code
        [sys.executable, "-c", _MEMORY, directory],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    peak, kept = int(out[0]), int(out[1])
    return peak / rows, (peak - kept) / rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--national", action="store_true", help="only the national engine run"
    )
    parser.add_argument(
        "--no-engines", action="store_true", help="leave out the engines' ratios"
    )
    args = parser.parse_args(argv)
    import engines as engine_bench  # noqa: PLC0415 - benchmarks/engines.py

    if args.national:
        return engine_bench.main(["--national"])
    print(
        f"python {sys.version.split()[0]}, pyarrow {pa.__version__}, "
        f"pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}"
    )
    rows = base.observation_rows(args.rows)
    csv_bytes = base.to_csv(rows)
    array_bytes = json.dumps(rows).encode("utf-8")
    # JSON Lines whose values are all whole numbers (as a ZRM export's are): the
    # quick path of read_jsonl reads a block whose values have one JSON type.
    jsonl_bytes = "".join(
        json.dumps({**r, "value": round(r["value"])}) + "\n" for r in rows
    ).encode("utf-8")
    del rows
    gc.collect()
    adapter = pydantic.TypeAdapter(list[base.PObservation])

    if not took_quick_path(csv_bytes):
        raise SystemExit("read_csv left the file to the row reader")
    records = quick_csv(csv_bytes)
    if records != row_reader_csv(csv_bytes):
        raise SystemExit("read_csv through pyarrow and the row reader disagree")
    with tempfile.TemporaryDirectory() as tmp:
        directory = str(pathlib.Path(tmp) / "facts")
        write_parquet(records, directory)
        if read_parquet(directory) != records:
            raise SystemExit("read_parquet(write_parquet(records)) != records")
        parquet_bytes = sum(
            p.stat().st_size for p in pathlib.Path(directory).rglob("*.parquet")
        )
        del records
        gc.collect()
        t_arrow = base.best_of(lambda: quick_csv(csv_bytes), repeat=args.repeat)
        t_pure = base.best_of(lambda: row_reader_csv(csv_bytes), repeat=args.repeat)
        t_parquet = base.best_of(lambda: read_parquet(directory), repeat=args.repeat)
        t_pydantic = base.best_of(
            lambda: adapter.validate_json(array_bytes), repeat=args.repeat
        )
        t_msgspec = base.best_of(
            lambda: msgspec.json.decode(array_bytes, type=list[base.MObservation]),
            repeat=args.repeat,
        )
        t_jsonl, t_jsonl_rows = jsonl_times(jsonl_bytes, args.repeat)
        peak, temporary = memory(directory, args.rows)
    n = args.rows
    print(f"\n{n:,} observations")
    print(
        f"    CSV     {len(csv_bytes) / 1e6:7.1f} MB  read_csv (pyarrow)   {t_arrow:7.2f} s"
    )
    print(
        f"    CSV     {len(csv_bytes) / 1e6:7.1f} MB  read_csv (row reader){t_pure:7.2f} s"
    )
    print(
        f"    Parquet {parquet_bytes / 1e6:7.1f} MB  read_parquet         {t_parquet:7.2f} s"
        f"  ({parquet_bytes / n:.1f} bytes per observation on disk)"
    )
    print(
        f"    JSON    {len(array_bytes) / 1e6:7.1f} MB  pydantic v2 list     {t_pydantic:7.2f} s"
    )
    print(
        f"    JSON    {len(array_bytes) / 1e6:7.1f} MB  msgspec              {t_msgspec:7.2f} s"
    )
    print(
        f"    JSONL   {len(jsonl_bytes) / 1e6:7.1f} MB  read_jsonl (pyarrow)  {t_jsonl:7.2f} s"
        f"  (row reader {t_jsonl_rows:.2f} s; whole-number values)"
    )
    figures: list[tuple[str, float, float]] = [
        ("read_csv (pyarrow) / pydantic v2", t_arrow / t_pydantic, 0.2),
        ("read_csv (pyarrow) / msgspec", t_arrow / t_msgspec, 1.0),
        ("read_csv (row reader) / pydantic v2", t_pure / t_pydantic, 0.5),
        ("read_csv (row reader) / msgspec", t_pure / t_msgspec, 2.0),
        ("Parquet / read_csv (pyarrow)", t_parquet / t_arrow, 0.05),
        ("Parquet / read_csv (row reader)", t_parquet / t_pure, 0.05),
        ("read_jsonl (pyarrow) / row reader", t_jsonl / t_jsonl_rows, 1.0),
    ]
    for name, ratio, target in figures:
        print(f"    ratio {name:36} = {ratio:6.3f}  {base.verdict(ratio, target)}")
    print(f"    peak RSS while read_parquet builds: {peak:6.1f} bytes per observation")
    print(
        f"    of which temporary (not kept):     {temporary:6.1f} bytes per observation"
        f"  {base.verdict(temporary, 60)}"
    )
    if args.no_engines:
        return 0
    print("\nengines (benchmarks/engines.py)")
    return engine_bench.main([])


if __name__ == "__main__":
    raise SystemExit(main())
