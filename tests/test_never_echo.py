"""Never echo: no error, repr or command output repeats a BSN or a resident's name.

Every error path is swept with one BSN written in the usual ways
(:data:`tests.test_bsn_guard.FORMS`) and a resident's name: the constructors, the
loaders and readers (also when BSN-like ids are allowed, so other rules refuse
them), lookups by id, and the commands through :func:`resultframe.cli.main`.
Every output (exception text and ``repr``, ``.errors`` of documents, problems,
stdout and stderr) is searched for the value in any of its forms (normalised
digits). Run with ``-s`` to see the counts the closing note quotes.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st
from tests.test_bsn_guard import FORMS, PATHS

from resultframe import Level, Observation, Records, Subject, cli, example
from resultframe.errors import InvalidDocument, InvalidValue, ResultframeError
from resultframe.privacy import allowing_bsn_like_ids, bsn_digits, redact
from resultframe.serialization import load_yaml, loads, read_csv, read_jsonl

if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

NAME = "Jantje Jansen-de Vries"
"""A resident's name: it may never be repeated either."""

DAY = dt.date(2026, 3, 31)


def echoes(text: str, form: str) -> bool:
    """Whether *text* holds *form*, or the same number written another way."""
    if form in text:
        return True
    digits = bsn_digits(form)
    if digits is None:
        return False
    # Every run of the text that normalises to the same nine digits.
    if redact(text) != text:
        return True
    words = text.replace("'", " ").replace('"', " ").replace(",", " ").split()
    return any(
        bsn_digits("".join(words[i:j])) == digits
        for i in range(len(words))
        for j in range(i + 1, min(len(words), i + 6) + 1)
    )


class Sweep:
    """The outputs looked at and the echoes found."""

    def __init__(self) -> None:
        self.outputs = 0
        self.echoes: list[tuple[str, str]] = []

    def look(self, where: str, text: str, value: str) -> None:
        self.outputs += 1
        if echoes(text, value):
            self.echoes.append((where, text[:200]))

    def error(self, where: str, error: BaseException, value: str) -> None:
        self.look(where, str(error), value)
        self.look(where, repr(error), value)
        for item in getattr(error, "errors", ()):
            self.look(where, str(item), value)
        for problem in getattr(error, "problems", ()):
            self.look(where, str(problem), value)
            self.look(where, repr(problem), value)

    def call(self, where: str, function: Callable[[], Any], value: str) -> None:
        try:
            result = function()
        except (ResultframeError, ValueError, KeyError) as e:
            self.error(where, e, value)
            return
        for item in getattr(result, "errors", ()) or ():  # a reader's collected rows
            self.look(where, str(item), value)


def _records_text(form: str) -> str:
    return json.dumps(
        {
            "format": "resultframe/records",
            "version": 1,
            "subjects": [
                {"id": "wijk-a", "level": "meso"},
                {"id": "r-1", "level": "micro", "part_of": "wijk-a", "name": NAME},
                {"id": form, "level": "nonsense"},
            ],
            "observations": {
                "indicator": ["finances", "finances"],
                "subject": [form, "r-1"],
                "on": ["2026-01-06", "not a day"],
                "value": [3, 3],
            },
        }
    )


def _python_paths(sweep: Sweep, form: str) -> None:
    for path, build in PATHS.items():  # refused by the BSN guard
        sweep.call(path, functools.partial(build, form, False), form)  # noqa: FBT003
    with allowing_bsn_like_ids():  # allowed, refused by other rules
        sweep.call("Subject(level=?)", lambda: Subject(id=form, level="x"), form)  # type: ignore[arg-type]
        sweep.call(
            "Observation(value=?)",
            lambda: Observation(indicator="i", subject=form, on=DAY, value=None),  # type: ignore[arg-type]
            form,
        )
        sweep.call(
            "Records.from_columns(on=?)",
            lambda: Records.from_columns(
                indicator=["i"],
                subject=[form],
                on=["x"],  # type: ignore[list-item]
                value=[1],
            ),
            form,
        )
        sweep.call("loads records", lambda: loads(_records_text(form)), form)
        sweep.call(
            "read_csv collect",
            lambda: read_csv(
                io.StringIO(f'id,level\n"{form}",nonsense\n'),
                "subjects",
                on_error="collect",
            ),
            form,
        )
    sweep.call("loads records", lambda: loads(_records_text(form)), form)
    sweep.call(
        "read_jsonl collect",
        lambda: read_jsonl(
            io.StringIO(
                json.dumps({"id": form, "level": "micro", "name": NAME}) + "\n"
            ),
            "subjects",
            on_error="collect",
        ),
        form,
    )
    records = Records()
    sweep.call("Records.subject", lambda: records.subject(form), form)
    sweep.call("Records.latest", lambda: records.latest("i", form, DAY), form)


def _name_paths(sweep: Sweep) -> None:
    sweep.call(
        "Subject(name=) micro",
        lambda: Subject(id="r-1", level=Level.MICRO, name=NAME),
        NAME,
    )
    sweep.call("loads records name", lambda: loads(_records_text("r-2")), NAME)
    sweep.call(
        "read_csv name",
        lambda: read_csv(io.StringIO(f"id,level,name\nr-1,micro,{NAME}\n"), "subjects"),
        NAME,
    )
    sweep.call(
        "read_csv collect name",
        lambda: read_csv(
            io.StringIO(f"id,level,name\nr-1,micro,{NAME}\n"),
            "subjects",
            on_error="collect",
        ),
        NAME,
    )


def _files(tmp: Path, form: str) -> dict[str, Path]:
    tmp.mkdir(parents=True, exist_ok=True)
    framework = tmp / "framework.yaml"
    framework.write_text(example.starter_yaml(), encoding="utf-8")
    cell = '"' + form.replace('"', '""') + '"'
    observations = tmp / "observations.csv"
    observations.write_text(
        f"indicator,subject,on,value\nfinances,{cell},2026-01-06,3\n", encoding="utf-8"
    )
    subjects = tmp / "subjects.csv"
    subjects.write_text(
        f"id,level,name\n{cell},micro,\nr-1,micro,{NAME}\n", encoding="utf-8"
    )
    records = tmp / "records.json"
    records.write_text(_records_text(form), encoding="utf-8")
    export = tmp / "export.csv"
    export.write_text(f"bsn;value\n{cell};3\n", encoding="utf-8")
    return {
        "framework": framework,
        "observations": observations,
        "subjects": subjects,
        "records": records,
        "export": export,
        "out": tmp / "out.csv",
    }


def _commands(files: dict[str, Path]) -> list[list[str]]:
    f = {k: str(v) for k, v in files.items()}
    data = [f["observations"], f["subjects"], f["records"]]
    return [
        ["validate", f["framework"], *data],
        ["validate", f["framework"], *data, "--format", "json"],
        ["evaluate", f["framework"], *data, "--as-of", "2026-06-30"],
        ["evaluate", f["framework"], f["observations"], "--as-of", "2026-06-30"],
        ["agenda", f["framework"], *data, "--cycle", "quarterly"],
        ["pseudonymize", f["export"], "--column", "bsn", "-o", f["out"]],
        ["pseudonymize", f["export"], "--column", "nope", "-o", f["out"]],
    ]


def _cli_paths(
    sweep: Sweep, capsys: pytest.CaptureFixture[str], tmp: Path, form: str
) -> None:
    files = _files(tmp, form)
    for argv in _commands(files):
        cli.main(argv)
        out, err = capsys.readouterr()
        for value in (form, NAME):
            sweep.look(" ".join(argv[:1]) + " stdout", out, value)
            sweep.look(" ".join(argv[:1]) + " stderr", err, value)


def test_no_output_echoes_a_bsn_or_a_name(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("RESULTFRAME_PSEUDONYM_KEY", "k" * 40)
    sweep = Sweep()
    for i, (_, form) in enumerate(FORMS):
        _python_paths(sweep, form)
        _cli_paths(sweep, capsys, tmp_path / str(i), form)
    _name_paths(sweep)
    with capsys.disabled():
        print(  # noqa: T201 - the counts the closing note quotes
            f"\nnever echo: {len(FORMS)} BSN forms and a name, {sweep.outputs} "
            f"outputs swept, {len(sweep.echoes)} echoes found"
        )
    assert sweep.echoes == []


def test_the_sweep_finds_an_echo() -> None:
    # A sweep that cannot find anything proves nothing.
    sweep = Sweep()
    for _, form in FORMS:
        sweep.look("planted", f"problem with {form!r} @ row 3", form)
    sweep.look("planted", f"the resident {NAME}", NAME)
    assert len(sweep.echoes) == len(FORMS) + 1


def test_documents_errors_never_hold_the_value() -> None:
    with pytest.raises(InvalidDocument) as info:
        loads(_records_text("111 222 333"), allow_bsn_like_ids=True)
    assert not any(echoes(e, "111222333") for e in info.value.errors)


def test_a_micro_subjects_name_is_never_repeated() -> None:
    with pytest.raises(ResultframeError) as info:
        load_yaml(_records_text("r-2"))
    assert NAME not in str(info.value)


_SEPARATORS = ("", " ", ".", "-", "_", ":", "/", "\t", "\u00a0", "\u200b", "\u2009")
_PREFIXES = ("", "NL", "nl ", "BSN", "bsn: ", "Bsn-")
_ZEROS = {"ascii": "0", "full-width": "\uff10", "arabic-indic": "\u0660"}


@st.composite
def bsn_writings(draw: st.DrawFn) -> tuple[str, str]:
    """A number passing the eleven test, and one way of writing it."""
    first8 = draw(st.lists(st.integers(0, 9), min_size=8, max_size=8))
    weights = (9, 8, 7, 6, 5, 4, 3, 2)
    last = sum(w * d for w, d in zip(weights, first8, strict=True)) % 11
    assume(last < 10)
    digits = "".join(map(str, [*first8, last]))
    zero = _ZEROS[draw(st.sampled_from(sorted(_ZEROS)))]
    written = "".join(chr(ord(zero) + int(d)) for d in digits)
    gaps = draw(st.lists(st.sampled_from(_SEPARATORS), min_size=8, max_size=8))
    body = written[0] + "".join(g + c for g, c in zip(gaps, written[1:], strict=True))
    zeros = zero * draw(st.integers(0, 2))
    return digits, draw(st.sampled_from(_PREFIXES)) + zeros + body


@given(bsn_writings(), st.sampled_from(("str", "repr", "json")))
def test_no_error_message_holds_a_bsn_however_written(
    writing: tuple[str, str], how: str
) -> None:
    digits, form = writing
    assert bsn_digits(form) == digits
    shown = {"str": form, "repr": repr(form), "json": json.dumps(form)}[how]
    error = InvalidValue("id", "x", f"expected something else than {shown} @ row 3")
    for text in (str(error), repr(error)):
        assert not echoes(text, form), text
        assert "row 3" in text  # where it is, is still said
