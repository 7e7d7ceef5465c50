"""Examples for the exception hierarchy and the data errors carry."""

from __future__ import annotations

import pickle

import attrs
import pytest

import resultframe.errors
from resultframe.errors import (
    InvalidDocument,
    InvalidFramework,
    InvalidRecords,
    InvalidValue,
    MissingExtra,
    PrivacyError,
    Problem,
    ResultframeError,
    UnknownId,
)

PROBLEMS = (
    Problem(
        about="r-micro",
        field="conditions[0]",
        message="no condition",
        code="unknown_id",
    ),
    Problem(about="kwartaal", field="reports_to", message="no party"),
)


@pytest.mark.parametrize(
    ("cls", "builtin"),
    [
        (InvalidValue, ValueError),
        (PrivacyError, ValueError),
        (InvalidFramework, ValueError),
        (InvalidRecords, ValueError),
        (InvalidDocument, ValueError),
        (UnknownId, KeyError),
    ],
)
def test_every_error_is_a_resultframe_error_and_a_builtin(
    cls: type[Exception], builtin: type[Exception]
) -> None:
    assert issubclass(cls, ResultframeError)
    assert issubclass(cls, builtin)


def test_unknown_id_is_a_key_error_not_a_value_error() -> None:
    assert not issubclass(UnknownId, ValueError)
    assert issubclass(PrivacyError, InvalidValue)


def test_every_exported_exception_derives_from_resultframe_error() -> None:
    for name in resultframe.errors.__all__:
        obj = getattr(resultframe.errors, name)
        if isinstance(obj, type) and issubclass(obj, BaseException):
            assert issubclass(obj, ResultframeError), name


def test_invalid_value_names_field_value_and_expectation() -> None:
    error = InvalidValue("tolerance", 1.5, "expected a number from 0 to 1")
    assert (error.field, error.value, error.expected) == (
        "tolerance",
        1.5,
        "expected a number from 0 to 1",
    )
    assert str(error) == "tolerance: expected a number from 0 to 1, got 1.5"


def test_privacy_error_never_holds_the_value() -> None:
    error = PrivacyError("id", "expected a pseudonym")
    assert str(error) == "id: expected a pseudonym"
    assert error.value == "<withheld>"
    assert error.field == "id"


def test_problem_str_and_default_code() -> None:
    assert str(PROBLEMS[0]) == "r-micro.conditions[0]: no condition"
    assert PROBLEMS[1].code == "invalid"
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        PROBLEMS[0].code = "other"  # type: ignore[misc]


def test_invalid_framework_lists_every_problem() -> None:
    error = InvalidFramework(list(PROBLEMS))
    assert error.problems == PROBLEMS
    assert str(error) == (
        "invalid results framework: 2 problems\n"
        "  - r-micro.conditions[0]: no condition\n"
        "  - kwartaal.reports_to: no party"
    )


def test_one_problem_is_singular() -> None:
    assert str(InvalidRecords(PROBLEMS[:1])).startswith(
        "records do not fit the framework: 1 problem\n"
    )


def test_unknown_id_names_the_kind_and_the_id() -> None:
    error = UnknownId("indicator", "zrm-fin")
    assert (error.kind, error.id) == ("indicator", "zrm-fin")
    assert str(error) == "no indicator with id 'zrm-fin'"


def test_invalid_document_lists_every_error() -> None:
    error = InvalidDocument(["expected a date @ $.agreement.period.start"])
    assert error.errors == ("expected a date @ $.agreement.period.start",)
    assert str(error) == (
        "invalid document: 1 problem\n  - expected a date @ $.agreement.period.start"
    )


@pytest.mark.parametrize(
    ("error", "data"),
    [
        (
            InvalidValue("band", -1, "expected a band of 0 or more"),
            lambda e: (e.field, e.value, e.expected),
        ),
        (
            PrivacyError("id", "expected a pseudonym"),
            lambda e: (e.field, e.value, e.expected),
        ),
        (InvalidFramework(PROBLEMS), lambda e: e.problems),
        (InvalidRecords(PROBLEMS), lambda e: e.problems),
        (UnknownId("cycle", "kwartaal"), lambda e: (e.kind, e.id)),
        (InvalidDocument(["a @ $.b", "c @ $.d"]), lambda e: e.errors),
        (
            MissingExtra("report", "vl_convert", "rendering charts"),
            lambda e: (e.extra, e.name, e.purpose),
        ),
    ],
    ids=lambda x: type(x).__name__,
)
def test_errors_survive_a_pickle_round_trip(error: Exception, data: object) -> None:
    # Errors cross process boundaries (multiprocessing, task queues) by pickle.
    copy = pickle.loads(pickle.dumps(error))  # noqa: S301
    assert type(copy) is type(error)
    assert str(copy) == str(error)
    assert data(copy) == data(error)  # type: ignore[operator]


def test_a_privacy_error_from_a_subject_does_not_contain_the_value() -> None:
    from resultframe import Level, Subject  # noqa: PLC0415

    with pytest.raises(PrivacyError) as info:
        Subject(id="111222333", level=Level.MICRO)
    error = info.value
    for text in (str(error), repr(error), repr(error.args), pickle.dumps(error).hex()):
        assert "111222333" not in text
    assert b"111222333" not in pickle.dumps(error)


def test_a_missing_extra_is_an_import_error_that_says_how_to_install_it() -> None:
    error = MissingExtra("yaml", "yaml", "reading YAML")
    assert isinstance(error, ImportError)
    assert isinstance(error, ResultframeError)
    assert error.name == "yaml"
    assert "pip install 'resultframe[yaml]'" in str(error)
