"""Exceptions raised by resultframe.

Every exception derives from :class:`ResultframeError`. Each subclass also derives
from the builtin exception a caller would naturally catch: an invalid value is a
:class:`ValueError`, an unknown id is a :class:`KeyError`. Errors that describe
several problems at once carry them as structured data (``.problems``) as well as
in their message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from resultframe._bsn import redact

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "InvalidDocument",
    "InvalidFramework",
    "InvalidRecords",
    "InvalidValue",
    "MissingExtra",
    "MixedVersions",
    "PrivacyError",
    "Problem",
    "ResultframeError",
    "UnknownId",
]


_redact = redact


class ResultframeError(Exception):
    """Base class of every exception raised by resultframe.

    Its text and ``repr`` never repeat a BSN-like number, however written: each
    is replaced by ``<withheld>`` (:func:`resultframe.privacy.redact`).
    """

    def __str__(self) -> str:
        return _redact(super().__str__())

    def __repr__(self) -> str:
        return _redact(super().__repr__())


@attrs.frozen(kw_only=True)
class Problem:
    """One problem found in a framework or in records.

    Args:
        about: The id of the object the problem is about (for facts: a readable
            reference such as ``observation[12]``).
        field: The field that holds the offending value.
        message: What is wrong, naming the value and what was expected.
        code: A short stable code for the kind of problem (``unknown_id``,
            ``wrong_level``, ...), for programs that react to specific problems.
    """

    about: str
    field: str
    message: str
    code: str = "invalid"

    def __str__(self) -> str:
        return _redact(f"{self.about}.{self.field}: {self.message}")


class InvalidValue(ResultframeError, ValueError):
    """A value given to a constructor or function breaks a rule.

    The message names the field, the value and what was expected.

    Attributes:
        field: The name of the offending field or argument.
        value: The offending value.
    """

    def __init__(self, field: str, value: object, expected: str) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(f"{field}: {expected}, got {value!r}")

    def __reduce__(self) -> tuple[type[InvalidValue], tuple[str, object, str]]:
        return (type(self), (self.field, self.value, self.expected))


class PrivacyError(InvalidValue):
    """A value looks like personal data the library refuses to hold (a BSN).

    The message never repeats the value itself.
    """

    def __init__(self, field: str, expected: str) -> None:
        self.field = field
        self.value = "<withheld>"
        self.expected = expected
        ValueError.__init__(self, f"{field}: {expected}")

    def __reduce__(self) -> tuple[type[PrivacyError], tuple[str, str]]:  # type: ignore[override]
        return (type(self), (self.field, self.expected))


class _ProblemsError(ResultframeError, ValueError):
    """Shared base of errors that carry a list of problems."""

    title = "problems"

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(
            attrs.evolve(p, message=_redact(p.message)) for p in problems
        )
        n = len(self.problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        noun = "problem" if n == 1 else "problems"
        super().__init__(f"{self.title}: {n} {noun}\n{lines}")

    def __reduce__(self) -> tuple[type[_ProblemsError], tuple[tuple[Problem, ...]]]:
        return (type(self), (self.problems,))


class InvalidFramework(_ProblemsError):
    """A results framework breaks its integrity rules.

    ``.problems`` lists every problem found, each naming the object id and field.
    """

    title = "invalid results framework"


class InvalidRecords(_ProblemsError):
    """Records hold facts that do not fit a framework.

    ``.problems`` lists every fact that does not fit.
    """

    title = "records do not fit the framework"


class UnknownId(ResultframeError, KeyError):
    """A lookup by id found nothing.

    Attributes:
        kind: What was looked up (``result``, ``indicator``, ...).
        id: The id that was not found.
    """

    def __init__(self, kind: str, id: str) -> None:  # noqa: A002
        self.kind = kind
        self.id = id
        super().__init__(kind, id)

    def __str__(self) -> str:
        return _redact(f"no {self.kind} with id {self.id!r}")

    def __reduce__(self) -> tuple[type[UnknownId], tuple[str, str]]:
        return (type(self), (self.kind, self.id))


class InvalidDocument(ResultframeError, ValueError):
    """A document (JSON, YAML, CSV, JSON Lines) cannot be loaded.

    ``.errors`` lists every problem found, each as ``message @ location``: a JSON
    path such as ``$.results[0].indicators[1].targets[0].by`` for documents, a line
    and column for CSV and JSON Lines files.

    Attributes:
        errors: One string per problem.
    """

    def __init__(self, errors: Iterable[str]) -> None:
        self.errors: tuple[str, ...] = tuple(map(_redact, errors))
        n = len(self.errors)
        noun = "problem" if n == 1 else "problems"
        lines = "\n".join(f"  - {e}" for e in self.errors)
        super().__init__(f"invalid document: {n} {noun}\n{lines}")

    def __reduce__(self) -> tuple[type[InvalidDocument], tuple[tuple[str, ...]]]:
        return (type(self), (self.errors,))


class MixedVersions(InvalidValue):
    """Scores of different versions of an instrument are mixed or compared.

    The ZRM 2013 and 2017 domains are not comparable domain by domain: a 2013
    score must never be compared with, or stored in the same indicator as, a 2017
    score. The message names the field, the versions found and what was expected.
    """


class MissingExtra(ResultframeError, ModuleNotFoundError):
    """A feature needs an optional dependency (an extra) that is not installed.

    Also a :class:`ModuleNotFoundError` (so ``except ImportError`` catches it),
    with ``name`` set to the module that could not be imported. The message says
    what needed it and how to install it.

    >>> print(MissingExtra("yaml", "yaml", "reading YAML"))
    reading YAML needs the 'yaml' extra (module 'yaml' is not installed): pip install 'resultframe[yaml]'

    Attributes:
        extra: The extra to install, such as ``"report"``.
        purpose: What needed it.
    """

    def __init__(self, extra: str, module: str, purpose: str) -> None:
        self.extra = extra
        self.purpose = purpose
        super().__init__(
            f"{purpose} needs the {extra!r} extra (module {module!r} is not "
            f"installed): pip install 'resultframe[{extra}]'",
            name=module,
        )

    def __reduce__(self) -> tuple[type[MissingExtra], tuple[str, str, str]]:
        return (type(self), (self.extra, str(self.name), self.purpose))
