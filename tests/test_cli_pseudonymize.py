"""``resultframe pseudonymize`` and the guard against overwriting an input file."""

from __future__ import annotations

import csv
import hashlib
import hmac
from typing import TYPE_CHECKING

import pytest

from resultframe import cli, example, looks_like_bsn, pseudonymize

if TYPE_CHECKING:
    from pathlib import Path

KEY = b"0123456789abcdef0123456789abcdef-test-key"  # 42 bytes
BSNS = ["111222333", "123456782", "012345672"]  # each passes the eleven test


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


@pytest.fixture
def export(tmp_path: Path) -> Path:
    # A Dutch Excel export: ';' separated, Windows-1252 (é), BSNs written in three
    # ways, CRLF line ends.
    path = tmp_path / "export.csv"
    rows = [
        "bsn;naam wijk;score",
        "111222333;Noord;3,5",
        "111 222 333;Noord;4",
        "NL123456782;Oost-Café;2",
        "12345672;Zuid;1",
    ]
    path.write_bytes(("\r\n".join(rows) + "\r\n").encode("cp1252"))
    return path


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    path = tmp_path / "pseudonym.key"
    path.write_bytes(KEY + b"\n")  # a trailing line break is not key
    return path


def _read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter=";"))


def test_a_column_of_bsns_becomes_pseudonyms(
    capsys: pytest.CaptureFixture[str], export: Path, key_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "clean.csv"
    code, stdout, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-file",
        key_file,
        "--output",
        out,
        "--encoding",
        "cp1252",
    )
    assert code == 0, err
    rows = _read(out)
    assert rows[0] == ["bsn", "naam wijk", "score"]
    # The other columns are untouched (é survives the change of encoding).
    assert [r[1:] for r in rows[1:]] == [
        ["Noord", "3,5"],
        ["Noord", "4"],
        ["Oost-Café", "2"],
        ["Zuid", "1"],
    ]
    # Each value is HMAC-SHA-256 of the BSN's nine digits with the key: the two
    # writings of 111222333 give one pseudonym, and so do 12345672 (8 digits)
    # and its 9-digit form 012345672.
    expected = [
        hmac.new(KEY, b, hashlib.sha256).hexdigest()
        for b in (b"111222333", b"111222333", b"123456782", b"012345672")
    ]
    assert [r[0] for r in rows[1:]] == expected
    assert expected[0] == pseudonymize("111222333", KEY)
    # Nothing of the column reaches the terminal.
    for bsn in ["111222333", "111 222 333", "123456782", "12345672"]:
        assert bsn not in stdout + err
    assert not any(looks_like_bsn(cell) for row in rows for cell in row)


def test_the_key_comes_from_the_environment(
    capsys: pytest.CaptureFixture[str],
    export: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("MY_KEY", KEY.decode())
    out = tmp_path / "clean.csv"
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-env",
        "MY_KEY",
        "-o",
        out,
        "--encoding",
        "cp1252",
    )
    assert code == 0, err
    assert _read(out)[1][0] == pseudonymize("111222333", KEY)


def test_there_is_no_option_for_a_key_on_the_command_line(
    capsys: pytest.CaptureFixture[str], export: Path, tmp_path: Path
) -> None:
    code, _, _err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key",
        KEY.decode(),
        "-o",
        tmp_path / "x.csv",
    )
    assert code == 2  # a usage error: --key is no option of the command


def test_without_a_key_nothing_is_written(
    capsys: pytest.CaptureFixture[str],
    export: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("RESULTFRAME_PSEUDONYM_KEY", raising=False)
    out = tmp_path / "clean.csv"
    code, _, err = run(capsys, "pseudonymize", export, "--column", "bsn", "-o", out)
    assert code == 1
    assert "RESULTFRAME_PSEUDONYM_KEY" in err
    assert not out.exists()


def test_a_short_key_is_refused_without_repeating_it(
    capsys: pytest.CaptureFixture[str], export: Path, tmp_path: Path
) -> None:
    short = tmp_path / "short.key"
    short.write_bytes(b"sleutel-van-dertig-tekens-lang")  # 30 bytes
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-file",
        short,
        "-o",
        tmp_path / "clean.csv",
    )
    assert code == 1
    assert "30 bytes" in err
    assert "at least 32" in err
    assert "sleutel" not in err


def test_problems_name_the_line_never_the_value(
    capsys: pytest.CaptureFixture[str], key_file: Path, tmp_path: Path
) -> None:
    export = tmp_path / "bad.csv"
    export.write_text("bsn;wijk\n111222333;Noord\n;Oost\n123456782;Zuid;extra\n")
    out = tmp_path / "clean.csv"
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-file",
        key_file,
        "-o",
        out,
    )
    assert code == 1
    assert f"{export}: line 3, column 'bsn': empty" in err
    assert f"{export}: line 4: expected 2 fields, got 3" in err
    assert "111222333" not in err
    assert "123456782" not in err
    # A half-clean export is not clean: nothing is written, no partial file left.
    assert not out.exists()
    assert list(tmp_path.glob("*.partial")) == []


def test_an_unknown_column_lists_the_columns(
    capsys: pytest.CaptureFixture[str], export: Path, key_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "BSN nummer",
        "--key-file",
        key_file,
        "-o",
        tmp_path / "clean.csv",
        "--encoding",
        "cp1252",
    )
    assert code == 1
    assert "no column 'BSN nummer'; the columns are 'bsn', 'naam wijk', 'score'" in err


def test_a_wrong_encoding_names_the_fix(
    capsys: pytest.CaptureFixture[str], export: Path, key_file: Path, tmp_path: Path
) -> None:
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-file",
        key_file,
        "-o",
        tmp_path / "clean.csv",
    )
    assert code == 1
    assert "not valid utf-8-sig" in err
    assert "--encoding" in err


# -- --output never overwrites an input ----------------------------------------------


def test_output_naming_the_input_is_refused(
    capsys: pytest.CaptureFixture[str], export: Path, key_file: Path
) -> None:
    before = export.read_bytes()
    code, _, err = run(
        capsys,
        "pseudonymize",
        export,
        "--column",
        "bsn",
        "--key-file",
        key_file,
        "-o",
        export,
    )
    assert code == 2
    assert "is one of the input files" in err
    assert export.read_bytes() == before


@pytest.mark.parametrize("command", ["evaluate", "validate"])
def test_a_report_over_its_own_input_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, command: str
) -> None:
    framework = tmp_path / "framework.yaml"
    framework.write_text(example.starter_yaml(), encoding="utf-8")
    facts = tmp_path / "facts.csv"
    facts.write_text("indicator,subject,on,value\n", encoding="utf-8")
    before = facts.read_bytes()
    extra = ["--as-of", "2026-01-01"] if command == "evaluate" else []
    # The same file under another name: a relative path through a subfolder.
    (tmp_path / "sub").mkdir()
    sneaky = tmp_path / "sub" / ".." / "facts.csv"
    code, _, err = run(capsys, command, framework, facts, *extra, "--output", sneaky)
    assert code == 2
    assert "is one of the input files" in err
    assert facts.read_bytes() == before
    code, _, err = run(capsys, command, framework, facts, *extra, "-o", framework)
    assert code == 2
