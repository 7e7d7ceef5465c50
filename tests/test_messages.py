"""Messages in the reader's language: ``--lang nl`` translates every problem.

The catalogue (:mod:`resultframe.serialization.messages`) holds each message
in English and Dutch by its stable code; the command renders a problem's
message in the chosen language and keeps its code.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import cli
from resultframe.serialization.messages import CATALOGUE, LANGUAGES, text, translate

DATA = Path(__file__).parent / "data" / "dutch"
PROBLEMS = (
    DATA / "framework.yaml",
    DATA / "subjects-problems.csv",
    DATA / "observations-problems.csv",
    "--date-format",
    "d-m-yyyy",
)
ENTRIES = [(code, entry) for code, entries in CATALOGUE.items() for entry in entries]
FIELD = re.compile(r"\{(\w+)\}")
# Words of English sentences that Dutch does not share ("in", "is", "of" and
# "op" are Dutch words too; "subject" and "indicator" are names of columns).
ENGLISH = frozenset(
    [
        "the",
        "with",
        "these",
        "this",
        "expected",
        "got",
        "than",
        "which",
        "and",
        "or",
        "problem",
        "problems",
        "input",
        "also",
        "line",
        "rows",
        "first",
        "number",
        "level",
        "value",
        "date",
        "not",
        "valid",
        "text",
        "save",
        "file",
        "read",
        "warning",
        "error",
        "more",
        "one",
        "day",
        "for",
        "an",
        "a",
        "no",
        "on",
        "to",
        "be",
        "by",
        "after",
        "before",
        "lies",
        "its",
        "missing",
        "unknown",
        "required",
        "whole",
    ]
)
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|--[\w-]+|\[[^\]]*\]|\([^()]*\d[^()]*\)")


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = cli.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def english_words(line: str) -> frozenset[str]:
    """The English words of *line*, leaving out values, options and codes."""
    words = re.findall(r"[a-z]+", QUOTED.sub(" ", line).lower())
    return ENGLISH & set(words)


def test_every_message_has_english_and_dutch() -> None:
    assert ENTRIES
    for code, entry in ENTRIES:
        assert set(entry) - {"id"} == set(LANGUAGES), code
        # The same parameters in both languages (Dutch needs no English article),
        # and a Dutch text of its own.
        english, dutch = (
            set(FIELD.findall(entry["en"])),
            set(FIELD.findall(entry["nl"])),
        )
        assert dutch <= english
        assert english - dutch <= {"article"}
        assert entry["nl"] != entry["en"], entry["en"]
        assert not english_words(FIELD.sub("", entry["nl"])), entry["nl"]


def test_every_english_text_is_found_once() -> None:
    ids = [(code, e["id"]) for code, e in ENTRIES if "id" in e]
    assert len(ids) == len(set(ids))
    english = [e["en"] for _, e in ENTRIES]
    assert len(english) == len(set(english))


_PARAMETER = st.from_regex(r"'[a-z0-9-]{1,12}'", fullmatch=True)


@given(st.sampled_from(ENTRIES), st.data())
def test_translate_renders_the_dutch_template(
    item: tuple[str, dict[str, str]], data: st.DataObject
) -> None:
    # For all parameters: the English message in Dutch is the Dutch template
    # with the same parameters, and English stays English.
    _, entry = item
    names = set(FIELD.findall(entry["en"]))
    params = {name: data.draw(_PARAMETER, label=name) for name in names}
    english = entry["en"].format(**params)
    assert translate(english, "nl") == entry["nl"].format(**params)
    assert translate(english, "en") == english
    assert translate(f"file.csv:3: {english}", "nl") == (
        f"file.csv:3: {entry['nl'].format(**params)}"
    )


def test_a_message_no_template_fits_stays() -> None:
    assert translate("something else entirely", "nl") == "something else entirely"


def test_command_texts() -> None:
    # 1 problem, 2 problems: the English text comes from the same catalogue.
    assert text("cli.problem", "en", n=1) == "1 problem in the input"
    assert text("cli.problems", "nl", n=2) == "2 problemen in de invoer"
    with pytest.raises(KeyError):
        text("cli.nothing", "nl")


def test_validate_in_dutch_leaves_no_english(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, _, err = run(capsys, "validate", *PROBLEMS, "--lang", "nl")
    assert code == 1
    lines = err.splitlines()
    assert len(lines) == 10  # 9 problems (one of each kind per line) and the count
    for line in lines:
        # The file, line and column stand before the message; the code after.
        message = re.sub(r"^resultframe: (\S+?:\d+(:\w+)?: )?", "", line)
        assert not english_words(message), line
    assert lines[-1] == "resultframe: 9 problemen in de invoer"
    _, _, english = run(capsys, "validate", *PROBLEMS)
    codes = re.compile(r"\[(\w+)\]$")
    assert [codes.findall(x) for x in english.splitlines()] == [
        codes.findall(x) for x in lines
    ]


def test_validate_json_keeps_codes_and_translates_messages(
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, out_en, _ = run(capsys, "validate", *PROBLEMS, "--format", "json")
    _, out_nl, _ = run(capsys, "validate", *PROBLEMS, "--format", "json", "--lang=nl")
    en, nl = json.loads(out_en)["problems"], json.loads(out_nl)["problems"]
    assert len(en) == len(nl) == 9
    for a, b in zip(en, nl, strict=True):
        assert {k: v for k, v in a.items() if k != "message"} == {
            k: v for k, v in b.items() if k != "message"
        }
        assert b["message"] == translate(a["message"], "nl") != a["message"]
        assert not english_words(b["message"]), b["message"]


def test_warnings_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(
        capsys, "demo", "--lang", "nl", "--min-group", "3", "--format", "json"
    )
    assert code == 0
    assert err.startswith(
        "resultframe: waarschuwing: --min-group 3 ligt onder de privacygrens van 10"
    )


@pytest.mark.parametrize(
    ("argv", "dutch"),
    [
        (("demo", "--min-group", "-1"), "fout: --min-group: verwacht 0 of meer"),
        (("validate", "x.yaml", "--max-problems=-1"), "fout: --max-problems: verwacht"),
        (("validate", "x.yaml", "--encoding", "nope"), "fout: --encoding: onbekende"),
        (
            (
                "evaluate",
                DATA / "framework.yaml",
                DATA / "observations-utf8-bom.csv",
                "--as-of",
                "2026-06-30",
                "--period",
                "2026Q9",
            ),
            "fout: --period: vraagt --cycle",
        ),
    ],
)
def test_usage_errors_in_dutch(
    capsys: pytest.CaptureFixture[str], argv: tuple[object, ...], dutch: str
) -> None:
    code, _, err = run(capsys, *argv, "--lang", "nl")
    assert code == 2
    assert f"resultframe: {dutch}" in err


def test_failures_of_the_command_in_dutch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    code, _, err = run(
        capsys,
        "pseudonymize",
        empty,
        "--column",
        "bsn",
        "-o",
        tmp_path / "out.csv",
        "--key-env",
        "RESULTFRAME_TEST_NO_SUCH_KEY",
        "--lang",
        "nl",
    )
    assert code == 1
    assert "geen sleutel: zet de omgevingsvariabele" in err
    assert "1 probleem in de invoer" in err


def test_problems_of_a_framework_in_dutch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    framework = tmp_path / "framework.json"
    framework.write_text(
        json.dumps({"format": "resultframe/framework", "version": 1, "id": "x y"}),
        encoding="utf-8",
    )
    code, _, err = run(capsys, "validate", framework, "--lang", "nl")
    assert code == 1
    lines = err.splitlines()
    assert "verwacht een id van 1-128 tekens" in lines[0]
    assert "verplichte sleutel ontbreekt @ $.name" in err
    for line in lines:
        assert not english_words(line.replace(str(framework), "")), line


def test_unknown_ids_of_a_framework_in_dutch() -> None:
    # A problem of ResultsFramework prints as about.field: message.
    line = "r-1.conditions[0]: no condition with id 'c-9' in this framework"
    assert translate(line, "nl") == (
        "r-1.conditions[0]: geen procesconditie met id 'c-9' in dit kader"
    )
    assert translate("no party with id 'p' in this framework", "nl") == (
        "geen partij met id 'p' in dit kader"
    )


def test_every_kind_of_warning_in_dutch() -> None:
    import datetime as dt  # noqa: PLC0415

    from resultframe import Observation, example  # noqa: PLC0415
    from resultframe.serialization.mistakes import likely_mistakes  # noqa: PLC0415

    framework, records = example.framework(), example.records()
    indicator = records.indicators_observed()[0]
    subject, _, value = next(iter(records.rows(indicator)))
    early = records.add(
        Observation(
            indicator=indicator, subject=subject, on=dt.date(2019, 1, 1), value=value
        )
    )
    found = likely_mistakes(framework, early, as_of=dt.date(2035, 1, 1), min_group=3)
    found += likely_mistakes(framework, early, as_of=dt.date(2018, 1, 1))
    starts = {w.split()[0] if w.startswith("--") else w.split()[1] for w in found}
    assert {"--min-group", "--as-of", "observation(s)"} <= starts
    for warning in found:
        dutch = translate(warning, "nl")
        assert dutch != warning
        assert not english_words(dutch), dutch
