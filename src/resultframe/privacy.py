"""Privacy helpers: the BSN guard and keyed pseudonyms.

Micro data in the social domain concerns vulnerable residents, and often special
categories of personal data. Subject ids in resultframe are pseudonyms. The library
refuses an id that looks like a BSN (burgerservicenummer: it passes the eleven
test) unless the caller explicitly allows it, and offers :func:`pseudonymize` to
turn a BSN or case number into a stable pseudonym with a secret key.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import hmac
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from collections.abc import Iterator

from resultframe._bsn import WITHHELD, bsn_digits, looks_like_bsn, redact
from resultframe.errors import InvalidValue

__all__ = [
    "MIN_KEY_BYTES",
    "WITHHELD",
    "allowing_bsn_like_ids",
    "bsn_digits",
    "gives_away",
    "looks_like_bsn",
    "pseudonymize",
    "redact",
    "suppresses",
    "too_few",
]

MIN_KEY_BYTES: Final = 32
"""The shortest key :func:`pseudonymize` accepts: 256 bits, the size of its hash."""

BSN_LIKE_IDS_ALLOWED: Final[contextvars.ContextVar[bool]] = contextvars.ContextVar(
    "resultframe_allow_bsn_like_ids", default=False
)
"""Whether subject ids that pass the BSN eleven test are accepted here and now.

False unless a caller allows them: :func:`allowing_bsn_like_ids`, the
``allow_bsn_like_ids`` option of the loaders, readers and
:meth:`~resultframe.Records.from_columns`, or ``Subject(allow_bsn_like_id=True)``
for that subject's own ``id`` and ``part_of``.
"""


@contextlib.contextmanager
def allowing_bsn_like_ids(allow: bool = True) -> Iterator[None]:
    """Accept subject ids that pass the BSN eleven test within the ``with`` block.

    For data whose ids are known not to be BSNs (a case system's own numbers that
    happen to pass the test). Every entry of a subject id honours it: the
    constructors of :class:`~resultframe.Subject`, :class:`~resultframe.Observation`
    and :class:`~resultframe.Goal`, ``Records.from_columns``, the loaders, the
    readers and evaluation documents.

    >>> from resultframe import Observation
    >>> import datetime as dt
    >>> with allowing_bsn_like_ids():
    ...     o = Observation(indicator="i", subject="111222333",
    ...                     on=dt.date(2025, 1, 1), value=1)
    """
    token = BSN_LIKE_IDS_ALLOWED.set(allow)
    try:
        yield
    finally:
        BSN_LIKE_IDS_ALLOWED.reset(token)


def bsn_refused(value: object) -> bool:
    """Whether the BSN guard refuses *value* as a subject id here and now."""
    return (
        isinstance(value, str)
        and not BSN_LIKE_IDS_ALLOWED.get()
        and looks_like_bsn(value)
    )


BSN_EXPECTATION: Final = (
    "expected a pseudonym, got an id that passes the BSN eleven test; pseudonymize "
    "it (resultframe.pseudonymize), or, if it is not a BSN, allow it: "
    "allow_bsn_like_ids=True on a loader, reader or Records.from_columns, "
    "allow_bsn_like_id=True on a Subject, or within "
    "resultframe.privacy.allowing_bsn_like_ids()"
)
"""The problem of a subject id that looks like a BSN. It never repeats the id."""


def pseudonymize(value: str, key: bytes | str) -> str:
    """Return a stable pseudonym for *value*: HMAC-SHA-256 with *key*, as hex.

    The same value and key always give the same pseudonym; without the key the value
    cannot be recovered or confirmed by trying BSNs. Keep the key secret and apart
    from the data (a key management system, not the repository). The 64-character
    hex digest is a valid subject id.

    >>> key = b"a secret of 32 bytes or more, kept in the key vault"
    >>> p = pseudonymize("111222333", key=key)
    >>> len(p), p == pseudonymize("111222333", key=key)
    (64, True)

    Raises:
        InvalidValue: *value* is not a string, or *key* is not bytes/str or is
            shorter than :data:`MIN_KEY_BYTES` (32 bytes; a str key counts in
            its UTF-8 bytes). The message never repeats the key.
    """
    if not isinstance(value, str):
        raise InvalidValue("value", type(value).__name__, "expected a string")
    if isinstance(key, str):
        key = key.encode()
    if not isinstance(key, bytes):
        raise InvalidValue("key", "<withheld>", "expected a bytes or str key")
    if len(key) < MIN_KEY_BYTES:
        raise InvalidValue(
            "key",
            "<withheld>",
            f"expected a key of at least {MIN_KEY_BYTES} bytes (it has {len(key)}); "
            "make one with secrets.token_bytes(32) and keep it in a key vault",
        )
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


# -- small groups --------------------------------------------------------------------


def suppresses(min_group: int) -> bool:
    """Whether a smallest published group of *min_group* withholds anything.

    0 and 1 turn suppression off (every group has at least one resident).

    >>> suppresses(10), suppresses(1), suppresses(0)
    (True, False, False)
    """
    return min_group > 1


def too_few(n: int, min_group: int) -> bool:
    """Whether a group of *n* residents is too small to publish a figure of.

    Fewer than *min_group*, when :func:`suppresses` holds: the rule of every
    group, cell and roll-up the library publishes (the rule is written here
    once; evaluation, disclosure control, the report and the agenda call it).

    >>> too_few(9, 10), too_few(10, 10), too_few(0, 1)
    (True, False, False)
    """
    return suppresses(min_group) and n < min_group


def gives_away(count: int, min_group: int) -> bool:
    """Whether a count of residents inside a published figure singles them out.

    A count of 1 to ``min_group - 1`` (:func:`too_few`); a count of none is
    published, since it names nobody (a status no resident has, an empty
    group of a table).

    >>> gives_away(3, 10), gives_away(0, 10), gives_away(12, 10)
    (True, False, False)
    """
    return count > 0 and too_few(count, min_group)
