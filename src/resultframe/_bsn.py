"""Reading a BSN however it is written, and keeping it out of every message.

The bottom of the package: :mod:`resultframe.errors` uses :func:`redact` so that
no error repeats a BSN, and :mod:`resultframe.privacy` offers these functions.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Final

__all__ = ["WITHHELD", "bsn_digits", "looks_like_bsn", "redact"]

_WEIGHTS: Final = (9, 8, 7, 6, 5, 4, 3, 2, -1)
_PREFIXES: Final = ("bsn", "nl")


def _is_separator(char: str) -> bool:
    # Spaces of every kind and other white space, format characters (zero-width
    # space and joiners, the byte order mark), dashes, connectors (underscore) and
    # other punctuation (dots, colons, slashes): none of them belongs to a number.
    category = unicodedata.category(char)
    return char.isspace() or category in {"Cf", "Pd", "Pc", "Po", "Zs"}


def _folded(value: str) -> str:
    """*value* in compatibility form, case-folded, without separators."""
    folded = unicodedata.normalize("NFKC", value).casefold()
    return "".join(c for c in folded if not _is_separator(c))


# The ASCII separators, found by the rule itself: what _folded drops from ASCII.
_ASCII_SEPARATORS: Final = dict.fromkeys(i for i in range(128) if _is_separator(chr(i)))


def _folded_ascii(value: str) -> str:
    """:func:`_folded` of an ASCII *value*, in C.

    NFKC leaves ASCII as it is, and case-folding ASCII is lower-casing it; a
    property test holds the two equal.
    """
    return value.lower().translate(_ASCII_SEPARATORS)


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
    kept = _folded_ascii(value) if value.isascii() else _folded(value)
    stripped = True
    while stripped:
        stripped = False
        for prefix in _PREFIXES:
            if kept.startswith(prefix):
                kept = kept[len(prefix) :]
                stripped = True
    if not kept.isdecimal():  # also when nothing is left
        return None
    digits = (
        kept if kept.isascii() else "".join(str(unicodedata.decimal(c)) for c in kept)
    )
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


# A run of digits (of any script) joined by the separators a number is written
# with, perhaps after a BSN or NL prefix; never across a line break.
_RUN: Final = re.compile(
    r"(?:(?i:bsn|nl)[^\S\n]*[.:_/-]?[^\S\n]*)?\d"
    r"(?:[^\S\n\u200b\u200c\u200d\u2060\ufeff]*"
    r"[\u200b\u200c\u200d\u2060\ufeff.:_/\u2010-\u2015-]*"
    r"[^\S\n\u200b\u200c\u200d\u2060\ufeff]*\d)*"
)
_GROUP: Final = re.compile(r"\d+")
_ISO_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
WITHHELD: Final = "<withheld>"
"""What stands in a message for a value that is not repeated."""


def _is_date(text: str) -> bool:
    if not text.isascii() or _ISO_DATE.fullmatch(text) is None:
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def redact(text: str) -> str:
    r"""*text* with every BSN-like number in it replaced by ``<withheld>``.

    A number is BSN-like as :func:`looks_like_bsn` says, written in any of the ways
    :func:`bsn_digits` reads (separators, digits of any script, prefixes, leading
    zeros), also when it stands next to other numbers. An ISO date
    (``2024-01-15``) is a date, not a number. A number spelled with escapes, as
    ``repr`` and JSON write it (``'111\t222\t333'``, ``"\u0661..."``), is read
    too. Every message of a resultframe error passes through this, so no message
    repeats a BSN.

    >>> redact("subject 'NL 1112.22.333' at row 3")
    "subject '<withheld>' at row 3"
    >>> redact("row 3: 123456789")
    'row 3: 123456789'
    """
    if not isinstance(text, str):
        return text
    if "\\" in text:
        return _redact_escaped(text)
    if not any(c.isdecimal() for c in text):
        return text
    return _redact(text)


# One character as a ``repr`` or JSON writes it: an escape, or the character.
_UNIT: Final = re.compile(
    r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[tnrfv])|.", re.DOTALL
)
_ESCAPES: Final = {"t": "\t", "n": "\n", "r": "\r", "f": "\f", "v": "\v"}


def _redact_escaped(text: str) -> str:
    # The text with its escapes read (a tab written as \t, an Arabic-Indic digit
    # as \u0661), redacted, and each span mapped back to the written text.
    decoded: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for unit in _UNIT.finditer(text):
        written = unit.group()
        if len(written) == 1:
            char = written
        elif written[1] in _ESCAPES:
            char = _ESCAPES[written[1]]
        else:
            char = chr(int(written[2:], base=16))  # noqa: FURB166
        decoded.append(char)
        starts.append(unit.start())
        ends.append(unit.end())
    spans = _spans("".join(decoded))
    return _replace(text, [(starts[a], ends[b - 1]) for a, b in spans])


def _redact(text: str) -> str:
    return _replace(text, _spans(text))


def _spans(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for run in _RUN.finditer(text):
        groups = [(g.start(), g.end()) for g in _GROUP.finditer(run.group())]
        base = run.start()
        for i in range(len(groups)):
            digits = ""
            for j in range(i, len(groups)):
                digits += run.group()[groups[j][0] : groups[j][1]]
                if len(digits) > 24:
                    break
                start, end = base + groups[i][0], base + groups[j][1]
                if len(digits) >= 8 and looks_like_bsn(digits):
                    if i == 0 and run.group()[: groups[0][0]].strip():
                        start = run.start()  # the prefix goes too
                    if not _is_date(text[start:end]):
                        spans.append((start, end))
    return spans


def _replace(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    out, last = [], 0
    for start, end in sorted(spans):
        if start < last:
            last = max(last, end)
            continue
        out += [text[last:start], WITHHELD]
        last = end
    out.append(text[last:])
    return "".join(out)


def withheld_repr(value: object) -> str:
    """``repr(value)`` with every BSN-like number in it withheld (:func:`redact`).

    The ``repr`` of a field holding a subject id: an id accepted under
    :func:`resultframe.privacy.allowing_bsn_like_ids` is not shown when an
    object is printed or logged.

    >>> withheld_repr("111222333"), withheld_repr("r-0042")
    ("'<withheld>'", "'r-0042'")
    """
    return redact(repr(value))
