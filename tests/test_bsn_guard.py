"""The BSN guard has no holes: every entry of a subject id refuses a BSN.

One BSN (``111222333``, and the 8-digit ``12345672``) written in the usual ways
(:data:`FORMS`) is tried at every place where a subject id, or a reference to
one, enters the model (:data:`PATHS`): the constructors, ``Records.from_columns``,
``loads``/``from_dict``/``load_yaml`` of records and evaluation documents, and
the CSV and JSON Lines readers. Each must refuse it unless the caller allows
BSN-like ids; and the refusal must never repeat the value.

Run ``pytest tests/test_bsn_guard.py -s`` to see the counts the closing note
quotes (forms x paths tried, accepted).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from typing import TYPE_CHECKING, Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resultframe import (
    Goal,
    Level,
    Observation,
    Records,
    Subject,
    Target,
    _bsn,
    evaluate,
    example,
)
from resultframe.errors import ResultframeError
from resultframe.privacy import allowing_bsn_like_ids, bsn_digits, looks_like_bsn
from resultframe.serialization import (
    dumps,
    from_dict,
    load_yaml,
    loads,
    read_csv,
    read_jsonl,
)

if TYPE_CHECKING:
    from collections.abc import Callable

FORMS: tuple[tuple[str, str], ...] = (
    ("plain", "111222333"),
    ("spaced", "111 222 333"),
    ("dotted", "1112.22.333"),
    ("dashed", "111-222-333"),
    ("underscored", "111_222_333"),
    ("colons", "111:222:333"),
    ("slashes", "111/222/333"),
    ("tabs", "111\t222\t333"),
    ("no-break spaces", "111\u00a0222\u00a0333"),
    ("zero-width spaces", "111\u200b222\u200b333"),
    ("byte order mark", "\ufeff111222333"),
    ("NL prefix", "NL111222333"),
    ("nl prefix, spaced", "nl 111 222 333"),
    ("BSN prefix", "BSN111222333"),
    ("BSN: prefix", "BSN: 111 222 333"),
    ("Bsn- prefix, dotted", "Bsn-111.222.333"),
    ("full-width digits", "\uff11\uff11\uff11\uff12\uff12\uff12\uff13\uff13\uff13"),
    ("Arabic-Indic digits", "\u0661\u0661\u0661\u0662\u0662\u0662\u0663\u0663\u0663"),
    ("Devanagari digits", "\u0967\u0967\u0967\u0968\u0968\u0968\u0969\u0969\u0969"),
    ("leading zeros", "00111222333"),
    ("8 digits", "12345672"),
    ("8 digits, leading zero", "012345672"),
)
"""One BSN written in the usual ways (every one passes ``looks_like_bsn``)."""

DAY = dt.date(2025, 1, 6)
PLACE = "wijk-a"
RESIDENT = "r-00001"


def _subject(id_: str = RESIDENT, part_of: str = PLACE) -> dict[str, Any]:
    return {"id": id_, "level": "micro", "part_of": part_of}


def _records_data(
    *,
    sid: str = RESIDENT,
    part_of: str = PLACE,
    obs: str = RESIDENT,
    goal: str = RESIDENT,
) -> dict[str, Any]:
    """A records document; each place of a subject id given separately."""
    return {
        "format": "resultframe/records",
        "version": 1,
        "subjects": [
            {"id": PLACE, "level": "meso"},
            _subject(sid, part_of),
        ],
        "observations": {
            "indicator": ["i1"],
            "subject": [obs],
            "on": ["2025-01-06"],
            "value": [3],
        },
        "goals": [
            {
                "subject": goal,
                "indicator": "i1",
                "target": {"value": 5, "by": "2026-01-01"},
            }
        ],
    }


_PLACES = ("sid", "part_of", "obs", "goal")


def _csv(kind: str, form: str) -> io.StringIO:
    cell = '"' + form.replace('"', '""') + '"'
    text = {
        "observations": f"indicator,subject,on,value\ni1,{cell},2025-01-06,3\n",
        "subjects-id": f"id,level\n{cell},micro\n",
        "subjects-part_of": f"id,level,part_of\nr-1,micro,{cell}\n",
        "goals": f"subject,indicator,target.value,target.by\n{cell},i1,5,2026-01-01\n",
    }[kind]
    return io.StringIO(text)


def _jsonl(kind: str, form: str) -> io.StringIO:
    row = {
        "observations": {
            "indicator": "i1",
            "subject": form,
            "on": "2025-01-06",
            "value": 3,
        },
        "subjects-id": {"id": form, "level": "micro"},
        "subjects-part_of": {"id": "r-1", "level": "micro", "part_of": form},
        "goals": {
            "subject": form,
            "indicator": "i1",
            "target": {"value": 5, "by": "2026-01-01"},
        },
    }[kind]
    return io.StringIO(json.dumps(row) + "\n")


def _fact_kind(kind: str) -> Any:
    return kind.partition("-")[0]


@functools.cache
def _evaluation() -> tuple[str, str, str]:
    """An evaluation document (per subject), a resident's id and a place's id in it."""
    framework = example.framework()
    records = example.records()
    ev = evaluate(framework, records, dt.date(2025, 12, 31), per_subject=True)
    text = dumps(ev)
    resident = next(s.id for s in records.subjects if s.level is Level.MICRO)
    place = next(s.id for s in records.subjects if s.level is Level.MESO)
    assert f'"{resident}"' in text
    assert f'"{place}"' in text
    return text, resident, place


def _in_evaluation(form: str, which: int, allow: bool) -> Any:
    text, resident, place = _evaluation()
    old = (resident, place)[which]
    return loads(
        text.replace(json.dumps(old), json.dumps(form)),
        kind="evaluation",
        allow_bsn_like_ids=allow,
    )


def _in_evaluation_dict(form: str, which: int, allow: bool) -> Any:
    text, resident, place = _evaluation()
    old = (resident, place)[which]
    return from_dict(
        json.loads(text.replace(json.dumps(old), json.dumps(form))),
        allow_bsn_like_ids=allow,
    )


_FACT_FILES = ("observations", "subjects-id", "subjects-part_of", "goals")


def _records_path(loader: str, place: str) -> Callable[[str, bool], Any]:
    def load(form: str, allow: bool) -> Any:
        data = _records_data(**{place: form})
        if loader == "from_dict":
            return from_dict(data, allow_bsn_like_ids=allow)
        load_text = loads if loader == "loads" else load_yaml
        return load_text(json.dumps(data), allow_bsn_like_ids=allow)

    return load


def _facts_path(reader: str, kind: str) -> Callable[[str, bool], Any]:
    def read(form: str, allow: bool) -> Any:
        if reader == "csv":
            return read_csv(
                _csv(kind, form), _fact_kind(kind), allow_bsn_like_ids=allow
            )
        return read_jsonl(
            _jsonl(kind, form), _fact_kind(kind), allow_bsn_like_ids=allow
        )

    return read


PATHS: dict[str, Callable[[str, bool], Any]] = {
    "Subject.id": lambda f, a: Subject(id=f, level=Level.MICRO, allow_bsn_like_id=a),
    "Subject.part_of": lambda f, a: Subject(
        id="r-1", level=Level.MICRO, part_of=f, allow_bsn_like_id=a
    ),
    "Observation.subject": lambda f, _: Observation(
        indicator="i1", subject=f, on=DAY, value=3
    ),
    "Goal.subject": lambda f, _: Goal(
        subject=f, indicator="i1", target=Target(value=5, by=dt.date(2026, 1, 1))
    ),
    "Records.from_columns": lambda f, a: Records.from_columns(
        indicator=["i1"], subject=[f], on=[DAY], value=[3], allow_bsn_like_ids=a
    ),
    **{f"loads records {p}": _records_path("loads", p) for p in _PLACES},
    **{f"from_dict records {p}": _records_path("from_dict", p) for p in _PLACES},
    **{f"load_yaml records {p}": _records_path("load_yaml", p) for p in _PLACES},
    **{f"read_csv {k}": _facts_path("csv", k) for k in _FACT_FILES},
    **{f"read_jsonl {k}": _facts_path("jsonl", k) for k in _FACT_FILES},
    "loads evaluation (a resident's figures)": lambda f, a: _in_evaluation(f, 0, a),
    "loads evaluation (a place's aggregates)": lambda f, a: _in_evaluation(f, 1, a),
    "from_dict evaluation (a resident's figures)": lambda f, a: _in_evaluation_dict(
        f, 0, a
    ),
    "read_csv observations, allowed around it": lambda f, a: _allowing(
        a, read_csv, _csv("observations", f)
    ),
}
"""Every entry of a subject id: ``path(form, allow)``, returning what was built."""


def _allowing(allow: bool, function: Callable[..., Any], *args: Any) -> Any:
    with allowing_bsn_like_ids(allow):
        return function(*args)


def _accepts(path: str, form: str, *, allow: bool = False) -> bool:
    """Whether *path* takes *form* as a subject id; a refusal must not echo it."""
    build = PATHS[path]
    if allow and path in {"Observation.subject", "Goal.subject"}:
        with allowing_bsn_like_ids():
            build(form, True)  # noqa: FBT003
        return True
    try:
        build(form, allow)
    except (ResultframeError, ValueError) as e:
        for text in (str(e), repr(e)):
            assert not _echoes(text, form), (path, text)
        return False
    return True


def _echoes(text: str, form: str) -> bool:
    """Whether *text* holds *form*, or the same number written another way."""
    digits = bsn_digits(form)
    assert digits is not None
    if form in text:
        return True
    # Any run of the text that normalises to the same nine digits.
    words = text.replace("'", " ").replace('"', " ").replace(",", " ").split()
    for i in range(len(words)):
        for j in range(i + 1, min(len(words), i + 6) + 1):
            if bsn_digits("".join(words[i:j])) == digits:
                return True
    return False


def test_every_form_is_bsn_like() -> None:
    assert all(looks_like_bsn(form) for _, form in FORMS)


def test_no_path_accepts_a_bsn_form() -> None:
    accepted = [
        (path, name) for path in PATHS for name, form in FORMS if _accepts(path, form)
    ]
    tried = len(PATHS) * len(FORMS)
    print(  # noqa: T201 - the counts the closing note quotes
        f"\nBSN guard: {len(FORMS)} forms x {len(PATHS)} entry paths = {tried} "
        f"tried, {len(accepted)} accepted"
    )
    assert accepted == []


@pytest.mark.parametrize("path", list(PATHS))
def test_each_path_takes_a_bsn_like_id_when_allowed(path: str) -> None:
    # Allowing is explicit and works on every path (no path refuses everything).
    assert _accepts(path, "111222333", allow=True)


@pytest.mark.parametrize("path", list(PATHS))
def test_each_path_takes_a_pseudonym(path: str) -> None:
    # A pseudonym (and a number failing the eleven test) passes every path.
    assert _accepts(path, "r-123456789")
    assert _accepts(path, "123456789")


def test_records_hold_observations_of_allowed_subjects() -> None:
    r = Records.from_columns(
        indicator=["i1"],
        subject=["111222333"],
        on=[DAY],
        value=[3],
        allow_bsn_like_ids=True,
    )
    # Reading them back does not refuse what was allowed when it entered.
    assert r.observations[0].subject == "111222333"
    assert r.latest("i1", "111222333", DAY) is not None


def test_printing_facts_never_shows_an_allowed_bsn_like_id() -> None:
    # 111222333 passes the eleven test (9+8+7+12+10+8+9+6-3 = 66 = 6 x 11); a
    # caller may allow it, but printing or logging the facts does not show it.
    import datetime as dt  # noqa: PLC0415

    from resultframe import Goal, Level, Observation, Subject, Target  # noqa: PLC0415
    from resultframe.evaluation import SubjectEvaluation  # noqa: PLC0415
    from resultframe.evaluation.status import IndicatorStatus  # noqa: PLC0415
    from resultframe.privacy import allowing_bsn_like_ids  # noqa: PLC0415

    day = dt.date(2025, 1, 1)
    with allowing_bsn_like_ids():
        shown = [
            Subject(id="111222333", level=Level.MICRO, allow_bsn_like_id=True),
            Subject(
                id="r-1", level=Level.MICRO, part_of="111222333", allow_bsn_like_id=True
            ),
            Observation(indicator="x", subject="111222333", on=day, value=1),
            Goal(
                subject="111222333",
                indicator="x",
                target=Target(value=2, by=dt.date(2025, 12, 31)),
            ),
            SubjectEvaluation(subject="111222333", status=IndicatorStatus.NO_DATA),
        ]
    for fact in shown:
        assert "111222333" not in repr(fact)
        assert "<withheld>" in repr(fact)
    # A pseudonym is shown as it is.
    assert "r-0042" in repr(Subject(id="r-0042", level=Level.MICRO))


# -- the ASCII path of the normalisation ---------------------------------------------


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_ascii_ids_are_folded_as_every_id_is(value: str) -> None:
    # The guard folds an ASCII id in C (bulk loads check every distinct subject);
    # it must drop exactly what the general rule drops.
    assert _bsn._folded_ascii(value) == _bsn._folded(value)


@pytest.mark.parametrize(
    ("value", "digits"),
    [
        ("BSN: 111 222 333", "111222333"),  # prefix, colon and spaces dropped
        ("nl-1112.22.333", "111222333"),
        ("0012345678", "012345678"),  # ten digits, the extra zero dropped
        ("r-000123", None),  # a letter left after the separators go
        ("", None),
        ("12345", None),  # too few digits
    ],
)
def test_ascii_ids_give_the_digits_the_rule_gives(
    value: str, digits: str | None
) -> None:
    assert bsn_digits(value) == digits
