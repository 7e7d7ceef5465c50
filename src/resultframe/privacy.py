"""Privacy helpers: the BSN guard and keyed pseudonyms.

Micro data in the social domain concerns vulnerable residents, and often special
categories of personal data. Subject ids in resultframe are pseudonyms. The library
refuses an id that looks like a BSN (burgerservicenummer: it passes the eleven
test) unless the caller explicitly allows it, and offers :func:`pseudonymize` to
turn a BSN or case number into a stable pseudonym with a secret key.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from typing import Final

from resultframe.errors import InvalidValue

__all__ = ["looks_like_bsn", "pseudonymize"]

_SEPARATORS: Final = re.compile(r"[\s.\-]")
_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)


def looks_like_bsn(value: str) -> bool:
    """Return whether *value* could be a BSN: it passes the eleven test.

    Spaces, dots and dashes are ignored; an 8-digit number counts with a leading
    zero, as BSNs once were issued. For digits d1..d9 the test is that
    ``9*d1 + 8*d2 + ... + 2*d8 - 1*d9`` is divisible by 11.

    >>> looks_like_bsn("111222333")
    True
    >>> looks_like_bsn("1112.22.333")
    True
    >>> looks_like_bsn("123456789")
    False
    >>> looks_like_bsn("r-000123")
    False
    """
    digits = _SEPARATORS.sub("", value)
    if not digits.isascii() or not digits.isdigit() or len(digits) not in (8, 9):
        return False
    digits = digits.zfill(9)
    total = sum(w * int(d) for w, d in zip(_WEIGHTS, digits, strict=True))
    return total % 11 == 0


def pseudonymize(value: str, key: bytes | str) -> str:
    """Return a stable pseudonym for *value*: HMAC-SHA-256 with *key*, as hex.

    The same value and key always give the same pseudonym; without the key the value
    cannot be recovered or confirmed by trying BSNs. Keep the key secret and apart
    from the data (a key management system, not the repository). The 64-character
    hex digest is a valid subject id.

    >>> p = pseudonymize("111222333", key=b"secret from the key vault")
    >>> len(p), p == pseudonymize("111222333", key=b"secret from the key vault")
    (64, True)

    Raises:
        InvalidValue: *value* is not a string, or *key* is empty or not bytes/str.
    """
    if not isinstance(value, str):
        raise InvalidValue("value", type(value).__name__, "expected a string")
    if isinstance(key, str):
        key = key.encode()
    if not isinstance(key, bytes) or not key:
        raise InvalidValue("key", "<withheld>", "expected a non-empty bytes or str key")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()
