"""Examples for the BSN eleven test and keyed pseudonyms."""

from __future__ import annotations

import hashlib
import hmac

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from resultframe import InvalidValue, Level, Subject, looks_like_bsn, pseudonymize

# The eleven test: for digits d1..d9, 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible
# by 11. An 8-digit number counts with a leading zero.


@pytest.mark.parametrize(
    "number",
    [
        # 9*1 + 8*1 + 7*1 + 6*2 + 5*2 + 4*2 + 3*3 + 2*3 - 1*3
        # = 9 + 8 + 7 + 12 + 10 + 8 + 9 + 6 - 3 = 66 = 6 * 11
        "111222333",
        # 9*1 + 8*2 + 7*3 + 6*4 + 5*5 + 4*6 + 3*7 + 2*8 - 1*2
        # = 9 + 16 + 21 + 24 + 25 + 24 + 21 + 16 - 2 = 154 = 14 * 11
        "123456782",
        # 8 digits, read as 012345672:
        # 9*0 + 8*1 + 7*2 + 6*3 + 5*4 + 4*5 + 3*6 + 2*7 - 1*2
        # = 0 + 8 + 14 + 18 + 20 + 20 + 18 + 14 - 2 = 110 = 10 * 11
        "12345672",
        # All zeros: 0 = 0 * 11. Not an issued BSN, but it passes the arithmetic.
        "000000000",
    ],
)
def test_numbers_that_pass_the_eleven_test(number: str) -> None:
    assert looks_like_bsn(number)


@pytest.mark.parametrize(
    "number",
    [
        # 156 - 1*9 = 147 = 13 * 11 + 4
        "123456789",
        # 111222333 with its last digit changed: 66 + 3 - 4 = 65 = 5 * 11 + 10
        "111222334",
        # 9*9 + 8*9 + 7*9 + 6*9 + 5*9 + 4*9 + 3*9 + 2*9 - 1*9 = 44*9 - 9 = 387
        # = 35 * 11 + 2
        "999999999",
        # 012345674: 112 - 4 = 108 = 9 * 11 + 9
        "12345674",
    ],
)
def test_numbers_that_fail_the_eleven_test(number: str) -> None:
    assert not looks_like_bsn(number)


@pytest.mark.parametrize(
    "written",
    [
        "111 222 333",
        "111.222.333",
        "111-222-333",
        "1112.22.333",
        " 111222333 ",
        "111_222_333",  # underscores
        "111:222:333",  # colons
        "111\t222\t333",  # tabs
        "111\u00a0222\u202f333",  # no-break and narrow no-break spaces
        "111\u200b222\u200d333\ufeff",  # zero-width space, joiner, BOM
        "111\u2013222\u2014333",  # en and em dashes
        "\uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13",  # full-width (NFKC)
        "\u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663",  # Arabic-Indic digits
        "NL111222333",
        "nl-111222333",
        "BSN 111222333",
        "bsn:111.222.333",
        "Bsn_NL 111222333",
        "0111222333",  # an extra leading zero
        "000111222333",
        "012345672",  # nine digits with a leading zero ...
        "12345672",  # ... and the same BSN in its 8-digit form
    ],
)
def test_every_usual_way_of_writing_a_bsn_is_recognised(written: str) -> None:
    assert looks_like_bsn(written)


@pytest.mark.parametrize(
    "other",
    [
        "1112223330",  # 10 digits
        "1122233",  # 7 digits
        "",
        "r-000123",
        "11122233x",
        "12",  # too short, even with leading zeros added
        "0000012",
        "a111222333",  # a letter other than a BSN/NL prefix: not a number
    ],
)
def test_what_is_not_a_number_of_8_or_9_digits_is_no_bsn(other: str) -> None:
    assert not looks_like_bsn(other)


def _eleven_test_reference(number: int) -> bool:
    """Reference: take the digits of the number from the right by division."""
    total = 0
    for weight in (-1, 2, 3, 4, 5, 6, 7, 8, 9):  # d9 first, then d8 ... d1
        number, digit = divmod(number, 10)
        total += weight * digit
    return total % 11 == 0


@given(st.integers(min_value=0, max_value=999_999_999))
def test_looks_like_bsn_agrees_with_a_reference_implementation(number: int) -> None:
    assert looks_like_bsn(f"{number:09d}") is _eleven_test_reference(number)
    if number >= 10_000_000:  # 8 or 9 digits without padding
        assert looks_like_bsn(str(number)) is _eleven_test_reference(number)


@st.composite
def _bsn_like(draw: st.DrawFn) -> str:
    """Eight random digits and the ninth that makes the eleven test pass."""
    head = draw(st.integers(min_value=0, max_value=99_999_999))
    digits = f"{head:08d}"
    total = sum(w * int(d) for w, d in zip(range(9, 1, -1), digits, strict=True))
    assume(total % 11 != 10)  # no single digit d9 makes total - d9 a multiple
    return digits + str(total % 11)


@given(
    _bsn_like(),
    st.integers(min_value=0, max_value=8),
    st.integers(min_value=1, max_value=9),
)
def test_changing_one_digit_of_a_bsn_never_passes(
    bsn: str, position: int, shift: int
) -> None:
    # Each weight (9..2, -1) and each change (1..9) is non-zero modulo 11, and 11 is
    # prime, so the weighted sum moves off a multiple of 11.
    assert looks_like_bsn(bsn)
    digits = list(bsn)
    digits[position] = str((int(digits[position]) + shift) % 10)
    assert not looks_like_bsn("".join(digits))


_SEPARATORS = [
    " ",
    "\t",
    ".",
    "-",
    "_",
    ":",
    "/",
    "\u00a0",
    "\u2009",
    "\u200b",
    "\u2013",
]
_DIGIT_ZEROS = [
    0x30,
    0xFF10,
    0x0660,
    0x06F0,
    0x0966,
]  # ASCII, full-width, Arabic-Indic, ...


@given(
    bsn=_bsn_like(),
    data=st.data(),
    prefix=st.sampled_from(["", "BSN", "bsn:", "NL", "nl-", "Bsn NL "]),
    zeros=st.integers(min_value=0, max_value=3),
    zero=st.sampled_from(_DIGIT_ZEROS),
)
def test_a_bsn_written_in_any_usual_way_is_recognised(
    bsn: str, data: st.DataObject, prefix: str, zeros: int, zero: int
) -> None:
    # Any script's digits, separators anywhere, a prefix and extra leading zeros:
    # the guard normalises them all away and still sees the BSN.
    digits = "0" * zeros + bsn
    written = ""
    for d in digits:
        written += chr(zero + int(d))
        written += data.draw(st.sampled_from(["", "", *_SEPARATORS]))
    assert looks_like_bsn(prefix + written)


# -- pseudonymize ---------------------------------------------------------------------


KEY = b"a key of at least 32 bytes, from the key vault"


def test_pseudonymize_is_hmac_sha256_in_hex() -> None:
    # RFC 4231, test case 6 (a 131-byte key).
    assert (
        pseudonymize(
            "Test Using Larger Than Block-Size Key - Hash Key First", key=b"\xaa" * 131
        )
        == "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
    )


def test_pseudonymize_is_stable_and_64_lower_case_hex_digits() -> None:
    first = pseudonymize("111222333", key=KEY)
    assert first == pseudonymize("111222333", key=KEY)
    assert len(first) == 64
    assert set(first) <= set("0123456789abcdef")


def test_pseudonymize_depends_on_the_key_and_the_value() -> None:
    p = pseudonymize("111222333", key=KEY)
    assert p != pseudonymize("111222333", key=KEY + b"2")
    assert p != pseudonymize("111222334", key=KEY)
    assert p != hashlib.sha256(b"111222333").hexdigest()  # keyed, not a plain hash


def test_a_str_key_is_its_utf8_bytes() -> None:
    assert pseudonymize("111222333", key=KEY.decode()) == pseudonymize(
        "111222333", key=KEY
    )
    assert (
        pseudonymize("x", key="é" * 16)  # 16 characters, 32 bytes in UTF-8
        == hmac.new(("é" * 16).encode(), b"x", hashlib.sha256).hexdigest()
    )


def test_a_pseudonym_is_a_valid_subject_id() -> None:
    p = pseudonymize("111222333", key=KEY)
    assert not looks_like_bsn(p)
    assert Subject(id=p, level=Level.MICRO).id == p


@pytest.mark.parametrize("key", [None, 3, bytearray(KEY)])
def test_pseudonymize_refuses_a_key_of_the_wrong_type(key: object) -> None:
    with pytest.raises(InvalidValue) as info:
        pseudonymize("111222333", key=key)  # type: ignore[arg-type]
    assert info.value.field == "key"
    assert "111222333" not in str(info.value)


@pytest.mark.parametrize(
    "key",
    [b"", "", b"Jefe", b"x" * 31, "é" * 15 + "x", "sleutel van 31 tekens lang!!!!!"],
)
def test_pseudonymize_refuses_a_key_shorter_than_32_bytes(key: bytes | str) -> None:
    with pytest.raises(InvalidValue) as info:
        pseudonymize("111222333", key=key)
    assert info.value.field == "key"
    assert "at least 32 bytes" in str(info.value)
    assert "111222333" not in str(info.value)
    if key:
        assert str(key) not in str(info.value)


def test_a_key_of_exactly_32_bytes_is_accepted() -> None:
    assert len(pseudonymize("111222333", key=b"k" * 32)) == 64


@pytest.mark.parametrize("value", [111222333, b"111222333", None])
def test_pseudonymize_refuses_a_value_that_is_not_a_string(value: object) -> None:
    with pytest.raises(InvalidValue) as info:
        pseudonymize(value, key=b"k")  # type: ignore[arg-type]
    assert info.value.field == "value"
    # The message names the type, never the value itself.
    assert type(value).__name__ in str(info.value)
    assert "111222333" not in str(info.value)
