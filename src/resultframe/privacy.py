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
import unicodedata
from typing import Final

from resultframe.errors import InvalidValue

__all__ = ["MIN_KEY_BYTES", "bsn_digits", "looks_like_bsn", "pseudonymize"]

_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_PREFIXES: Final = ("bsn", "nl")
MIN_KEY_BYTES: Final = 32
"""The shortest key :func:`pseudonymize` accepts: 256 bits, the size of its hash."""


def _is_separator(char: str) -> bool:
    # Spaces of every kind and other white space, format characters (zero-width
    # space and joiners, the byte order mark), dashes, connectors (underscore) and
    # other punctuation (dots, colons, slashes): none of them belongs to a number.
    category = unicodedata.category(char)
    return char.isspace() or category in {"Cf", "Pd", "Pc", "Po", "Zs"}


def bsn_digits(value: str) -> str | None:
    """The nine digits of *value* if it is a number of eight or nine digits, else None.

    This is the normalisation of the BSN guard: a number written in any usual way.
    Normalised away: Unicode compatibility forms (NFKC: full-width digits), digits
    of any script (Arabic-Indic, Devanagari, ...), separators of every kind (spaces,
    no-break and zero-width spaces, tabs, dots, dashes, underscores, colons,
    slashes), a prefix ``BSN`` or ``NL`` in any case, and extra leading zeros in
    front of nine digits. Eight digits are a BSN whose leading zero was dropped.

    >>> bsn_digits("NL-1112.22.333")
    '111222333'
    >>> bsn_digits("12345678")
    '012345678'
    >>> bsn_digits("r-000123") is None
    True
    """
    folded = unicodedata.normalize("NFKC", value).casefold()
    kept = "".join(c for c in folded if not _is_separator(c))
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if kept.startswith(prefix):
                kept = kept[len(prefix) :]
                stripped = True
    if not kept or not all(c.isdecimal() for c in kept):
        return None
    digits = "".join(str(unicodedata.decimal(c)) for c in kept)
    extra = len(digits) - 9
    if extra > 0 and digits[:extra] == "0" * extra:
        digits = digits[extra:]
    if len(digits) not in (8, 9):
        return None
    return digits.zfill(9)


def looks_like_bsn(value: str) -> bool:
    """Return whether *value* could be a BSN: it passes the eleven test.

    The value is first normalised by :func:`bsn_digits` (any digits, separators,
    ``BSN``/``NL`` prefixes, leading zeros). For digits d1..d9 the test is that
    ``9*d1 + 8*d2 + ... + 2*d8 - 1*d9`` is divisible by 11.

    >>> looks_like_bsn("111222333")
    True
    >>> looks_like_bsn("1112.22.333")
    True
    >>> looks_like_bsn("BSN: 111 222 333")
    True
    >>> looks_like_bsn("123456789")
    False
    >>> looks_like_bsn("r-000123")
    False
    """
    if not isinstance(value, str):
        return False
    digits = bsn_digits(value)
    if digits is None:
        return False
    total = sum(w * int(d) for w, d in zip(_WEIGHTS, digits, strict=True))
    return total % 11 == 0


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
