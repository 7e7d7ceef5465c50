"""``resultframe pseudonymize``: a column of a CSV export turned into pseudonyms.

A case system's export holds BSNs or case numbers. Before the file goes anywhere
else, this command replaces one column's values by keyed pseudonyms
(:func:`resultframe.pseudonymize`, HMAC-SHA-256), so the export leaves the case
system clean. The key is read from a file (``--key-file``) or from an environment
variable (``--key-env``), never from the command line, where it would end up in
the shell's history and in the process list. Nothing the column holds is ever
printed: a problem names the line, never the value.
"""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final

from resultframe.cli._common import PROG, Failure
from resultframe.privacy import MIN_KEY_BYTES, bsn_digits, pseudonymize
from resultframe.serialization import messages

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterator

__all__ = ["normalized", "run"]

KEY_ENV: Final = "RESULTFRAME_PSEUDONYM_KEY"
"""The environment variable ``--key-env`` reads by default."""


def normalized(value: str) -> str:
    """What is pseudonymized: the nine digits of a BSN-like number, else the value.

    Different ways of writing one BSN (``111 222 333``, ``NL111222333``,
    ``111.222.333``) give one pseudonym, so the exports of two systems line up;
    any other value is used as it is, without its surrounding white space.

    >>> normalized(" 111.222.333 "), normalized("NL111222333")
    ('111222333', '111222333')
    >>> normalized(" dossier-0042 ")
    'dossier-0042'
    """
    digits = bsn_digits(value)
    return digits if digits is not None else value.strip()


def _key(args: argparse.Namespace) -> bytes:
    if args.key_file is not None:
        try:
            key = Path(args.key_file).read_bytes()
        except OSError as e:
            raise Failure(f"{args.key_file}: {e.strerror or e}") from None
        # A key written with a text editor ends in a line break; it is not key.
        key = key.removesuffix(b"\n").removesuffix(b"\r")
        source = args.key_file
    else:
        name = args.key_env or KEY_ENV
        text = os.environ.get(name)
        if text is None:
            raise Failure(
                f"no key: set the environment variable {name}, or pass "
                "--key-file FILE (a key is never given on the command line)"
            )
        key = text.encode()
        source = f"${name}"
    if len(key) < MIN_KEY_BYTES:
        raise Failure(
            f"{source}: the key has {len(key)} bytes; a key needs at least "
            f'{MIN_KEY_BYTES} (make one with: python -c "import secrets; '
            'print(secrets.token_hex(32))")'
        )
    return key


def _rows(path: str, encoding: str, delimiter: str | None) -> Iterator[list[str]]:
    with Path(path).open(encoding=encoding, newline="") as f:
        sample = f.read(64 * 1024)
        f.seek(0)
        if delimiter is None:
            delimiter = ";" if sample.count(";") > sample.count(",") else ","
        yield [delimiter]
        yield from csv.reader(f, delimiter=delimiter)


def _column(
    args: argparse.Namespace, header: list[str] | None
) -> tuple[list[str], int]:
    if header is None:
        raise Failure(f"{args.input}: the file is empty; expected a header line")
    if args.column not in header:
        raise Failure(
            f"{args.input}: line 1: no column {args.column!r}; the columns are "
            + ", ".join(repr(h) for h in header)
        )
    return header, header.index(args.column)


def _write(args: argparse.Namespace, key: bytes, temporary: Path) -> int:
    """Write the pseudonymized copy to *temporary*; return the rows written."""
    rows = _rows(args.input, args.encoding, args.delimiter)
    problems: list[str] = []
    written = 0
    with temporary.open("w", encoding="utf-8", newline="") as f:
        (delimiter,) = next(rows)
        header, at = _column(args, next(rows, None))
        writer = csv.writer(f, delimiter=delimiter, lineterminator="\r\n")
        writer.writerow(header)
        for line, row in enumerate(rows, start=2):
            if not row:
                continue
            if len(row) != len(header):
                problems.append(
                    f"{args.input}: line {line}: expected {len(header)} "
                    f"fields, got {len(row)}"
                )
                continue
            value = normalized(row[at])
            if not value:
                problems.append(
                    f"{args.input}: line {line}, column {args.column!r}: empty; "
                    "expected a value to pseudonymize"
                )
                continue
            row[at] = pseudonymize(value, key)
            writer.writerow(row)
            written += 1
    if problems:
        raise Failure(*problems)
    return written


def run(args: argparse.Namespace) -> int:
    """Run ``pseudonymize``: write a copy of a CSV file with one column pseudonymized.

    The copy is written next to the output as a temporary file and renamed only
    when every row was pseudonymized: a half-clean export is not clean.
    """
    key = _key(args)
    target = Path(args.output)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        written = _write(args, key, temporary)
        temporary.replace(target)
    except UnicodeDecodeError as e:
        temporary.unlink(missing_ok=True)
        raise Failure(
            f"{args.input}: not valid {args.encoding} ({e.reason}); save it as "
            "'CSV UTF-8' or pass --encoding (e.g. cp1252)"
        ) from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    done = messages.text(
        "cli.pseudonymized",
        args.lang,
        path=args.output,
        n=written,
        column=repr(args.column),
    )
    sys.stderr.write(f"{PROG}: {done}\n")
    return 0
