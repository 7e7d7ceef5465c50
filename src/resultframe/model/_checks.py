"""The rules of the model's fields, each declared once.

A rule is a small frozen object that says what a field must hold: ``Id()``,
``Text(non_blank=True)``, ``Instance(Period)``, ``Member(Level)``, ``Number()``,
``Fraction()``, ``Money()``, ``TupleOf(Id(), unique=True)``,
``ObservationValue()``. It is an attrs validator (``rule(instance, attribute,
value)`` runs in ``__init__`` and in ``attrs.evolve``) and offers the same rule as
:meth:`Rule.check` (one value), :meth:`Rule.problem` (the expectation a value
breaks, or None) and :meth:`Rule.problems` (a whole column).

What a simple rule checks is data: its :meth:`Rule.clauses`, each a Python
expression in ``v`` that is true when the value breaks the rule (the rule itself
is ``R`` in it) and what was expected then. ``check`` is generated from the
clauses, as attrs generates ``__init__`` from its fields, and so is the per-field
code of the quick document loader (:mod:`resultframe.serialization._fast`) and of
the fact readers. A clause added to a rule is enforced everywhere that rule is.

Each check raises :class:`~resultframe.errors.InvalidValue`, whose message names
the field, the value and what was expected; a clause declared ``withhold=True``
raises :class:`~resultframe.errors.PrivacyError` instead, which names the field
and never the value. :class:`SubjectId` is the id of a subject and every reference
to one: its first clause is the BSN guard, so every path that enforces the rule
(constructors, the quick loader, the readers, ``Records.from_columns``) refuses an
id that passes the BSN eleven test unless the caller allows it
(:func:`resultframe.privacy.allowing_bsn_like_ids`).
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import itertools
import math
import operator
import re
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar, Final

import attrs

from resultframe.errors import InvalidValue, PrivacyError
from resultframe.privacy import BSN_EXPECTATION, allowing_bsn_like_ids, bsn_refused

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

ID_PATTERN: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
"""The pattern every identifier matches (whole string)."""

ID_EXPECTATION: Final = (
    "an id of 1-128 characters: a letter or digit, then letters, digits, '.', '_', "
    "':' or '-'"
)

MAX_EXACT_INT: Final = 2**53
"""The largest whole number an observation value may be (and its negative)."""

EXPRESSION_NAMES: Final[Mapping[str, object]] = {
    "math": math,
    "dt": dt,
    "decimal": decimal,
    "bsn_refused": bsn_refused,
}
"""The modules a clause's expression may use, besides the builtins and ``R``."""


@attrs.frozen
class Clause:
    """One thing a rule asks of a value.

    Attributes:
        fails: A Python expression in ``v`` (the value) and ``R`` (the rule) that
            is true when the value breaks this clause. Clauses are tried in order,
            so a later one may assume the earlier ones hold.
        expected: What was expected, for the message (``"expected ..."``).
        passes_for: Classes whose exact instances never break this clause (a
            value already built as one of them needs no look).
        withhold: The value breaking it is personal data: the error names the
            field only (:class:`~resultframe.errors.PrivacyError`).
    """

    fails: str
    expected: str
    passes_for: tuple[type, ...] = ()
    withhold: bool = False


_PROBLEMS: dict[tuple[Rule, tuple[type, ...]], Callable[[object], str | None]] = {}
# The rules keeping their problem(), by identity (equal rules are distinct objects).
_HOLDING: weakref.WeakValueDictionary[int, Rule] = weakref.WeakValueDictionary()


def forget_generated() -> None:
    """Drop the functions generated from rules (they are made again on first use).

    For tests that change what a rule declares; the model never changes a rule.
    """
    _PROBLEMS.clear()
    for rule in list(_HOLDING.values()):
        object.__setattr__(rule, "_problem", None)
    _HOLDING.clear()


def _generate(rule: Rule, types: tuple[type, ...]) -> Callable[[object], str | None]:
    """Write ``problem(v)`` from the clauses of *rule* not implied by *types*."""
    namespace: dict[str, Any] = {"R": rule, **EXPRESSION_NAMES}
    lines = ["def problem(v):"]
    if rule.optional:
        lines += ["    if v is None:", "        return None"]
    for k, clause in enumerate(rule.remaining(types)):
        namespace[f"E{k}"] = clause.expected
        lines += [f"    if {clause.fails}:", f"        return E{k}"]
    lines.append("    return None")
    exec(  # noqa: S102 - our own source, made from the clauses declared below
        compile("\n".join(lines), f"<rule {rule!r}>", "exec"), namespace
    )
    problem: Callable[[object], str | None] = namespace["problem"]
    return problem


@attrs.frozen(cache_hash=True)
class Rule:
    """A field's rule; subclasses declare their clauses.

    Attributes:
        optional: None is accepted as well (and no clause looks at it).
    """

    optional: bool = attrs.field(default=False, kw_only=True)
    # problem() generated from the clauses, made on first use and kept here.
    _problem: Callable[[object], str | None] | None = attrs.field(
        default=None, init=False, eq=False, hash=False, repr=False
    )

    remember: ClassVar[bool] = False
    """Whether a quick path should remember the texts that passed (a costly look)."""

    def clauses(self) -> tuple[Clause, ...]:
        """What the rule asks, in the order it is checked."""
        raise NotImplementedError

    def remaining(self, types: tuple[type, ...] = ()) -> tuple[Clause, ...]:
        """The clauses a value whose exact type is one of *types* may still break."""
        return tuple(
            c
            for c in self.clauses()
            if not types or not all(t in c.passes_for for t in types)
        )

    def _generated(self) -> Callable[[object], str | None]:
        problem = _generate(self, ())
        object.__setattr__(self, "_problem", problem)
        _HOLDING[id(self)] = self
        return problem

    def problem(self, value: object) -> str | None:
        """What *value* was expected to be, if it breaks the rule; else None."""
        return (self._problem or self._generated())(value)

    def withheld(self) -> frozenset[str]:
        """The expectations of the clauses that withhold the value."""
        return frozenset(c.expected for c in self.clauses() if c.withhold)

    def error(self, field: str, value: object, expected: str) -> InvalidValue:
        """The error for *value* of *field* breaking the clause of *expected*."""
        if expected in self.withheld():
            return PrivacyError(field, expected)
        return InvalidValue(field, value, expected)

    def check(self, field: str, value: object) -> None:
        """Raise :class:`InvalidValue` naming *field* if *value* breaks the rule."""
        expected = self.problem(value)
        if expected is not None:
            raise self.error(field, value, expected)

    def problem_for(
        self, types: tuple[type, ...]
    ) -> Callable[[object], str | None] | None:
        """:meth:`problem` for values whose exact type is one of *types*.

        None when those types imply every clause (nothing is left to look at).
        """
        if not self.remaining(types):
            return None
        key = (self, types)
        problem = _PROBLEMS.get(key)
        if problem is None:
            problem = _PROBLEMS[key] = _generate(self, types)
        return problem

    def problems(
        self, values: Iterable[object], *, types: tuple[type, ...] = ()
    ) -> dict[Any, str]:
        """The distinct *values* that break the rule, each with what was expected.

        *types* are the exact types every value is known to have (a column of
        texts read from a file: ``(str,)``); clauses they imply are not looked at,
        and when none is left the values are not looked at either. Values are
        told apart as a set tells them apart (give a column of one type).
        """
        problem = self.problem_for(types)
        if problem is None:
            return {}
        found = {}
        for value in set(values):
            expected = problem(value)
            if expected is not None:
                found[value] = expected
        return found

    def __call__(self, _instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        """Validate an attrs field (the field is named without a leading ``_``)."""
        expected = (self._problem or self._generated())(value)
        if expected is not None:
            raise self.error(str(attribute.name).lstrip("_"), value, expected)


def _none(optional: bool) -> str:
    return " or None" if optional else ""


@attrs.frozen(cache_hash=True)
class Id(Rule):
    """An identifier: a whole match of :data:`ID_PATTERN`."""

    remember: ClassVar[bool] = True
    pattern: ClassVar[re.Pattern[str]] = ID_PATTERN

    def clauses(self) -> tuple[Clause, ...]:
        return (
            Clause(
                "not isinstance(v, str) or R.pattern.fullmatch(v) is None",
                f"expected {ID_EXPECTATION}",
            ),
        )


BSN_CLAUSE: Final = Clause("bsn_refused(v)", BSN_EXPECTATION, withhold=True)
"""The BSN guard: refused unless the caller allows BSN-like ids here and now."""


@attrs.frozen(cache_hash=True)
class SubjectId(Id):
    """The id of a subject, or a reference to one: an :class:`Id` and no BSN.

    The BSN guard (:data:`BSN_CLAUSE`) comes first, so an id that passes the
    eleven test is refused without repeating it, however it is written. It
    accepts such an id while :func:`resultframe.privacy.allowing_bsn_like_ids` is
    in force, and on a subject built with ``allow_bsn_like_id=True`` (its own
    ``id`` and ``part_of``). Texts that passed are not remembered across loads,
    as whether they pass depends on the caller's allowance.
    """

    remember: ClassVar[bool] = False

    def clauses(self) -> tuple[Clause, ...]:
        return (BSN_CLAUSE, *super().clauses())

    def __call__(self, instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        """Validate an attrs field; a subject may allow its own BSN-like ids."""
        if getattr(instance, "allow_bsn_like_id", False) is True:
            with allowing_bsn_like_ids():
                super().__call__(instance, attribute, value)
        else:
            super().__call__(instance, attribute, value)


@attrs.frozen(cache_hash=True)
class NotBsn(Rule):
    """No id that passes the BSN eleven test (:data:`BSN_CLAUSE` alone).

    For a subject's id in a result read from a document (an evaluation's
    per-subject figures, an aggregate, a deviation), whose class declares no rule.
    """

    def clauses(self) -> tuple[Clause, ...]:
        return (BSN_CLAUSE,)


SUBJECT_REFERENCES: Final = frozenset({"subject"})
"""Names of the fields of results (evaluations, roll-ups, deviations) that hold a
subject's id without a rule of their own: documents holding them are read with
:class:`NotBsn` (the BSN guard), as the model's own subject fields are."""


def reference_rule(field: attrs.Attribute[Any]) -> Rule | None:
    """The rule a document's *field* is read with when its class declares none."""
    if field.validator is None and field.name in SUBJECT_REFERENCES:
        return _SUBJECT_REFERENCE
    return None


@attrs.frozen(cache_hash=True)
class Text(Rule):
    """A string; with ``non_blank=True`` one that holds more than white space."""

    non_blank: bool = False

    def clauses(self) -> tuple[Clause, ...]:
        found = [
            Clause(
                "not isinstance(v, str)",
                f"expected a string{_none(self.optional)}",
                (str,),
            )
        ]
        if self.non_blank:
            found.append(Clause("not v.strip()", "expected non-blank text"))
        return tuple(found)


def _classes(value: type | tuple[type, ...]) -> tuple[type, ...]:
    return value if isinstance(value, tuple) else (value,)


@attrs.frozen(cache_hash=True)
class Instance(Rule):
    """An instance of one of *classes*; a bool is no int and a datetime no date."""

    classes: tuple[type, ...] = attrs.field(converter=_classes)

    def clauses(self) -> tuple[Clause, ...]:
        names = " or ".join(c.__name__ for c in self.classes) + _none(self.optional)
        found = []
        if bool not in self.classes:
            found.append(Clause("type(v) is bool", f"expected {names}", self.classes))
        if dt.datetime not in self.classes:
            found.append(
                Clause(
                    "isinstance(v, dt.datetime)",
                    f"expected {names} (a date without time)",
                    self.classes,
                )
            )
        found.append(
            Clause("not isinstance(v, R.classes)", f"expected {names}", self.classes)
        )
        return tuple(found)


@attrs.frozen(cache_hash=True)
class Member(Rule):
    """A member of the enum *enum*."""

    enum: type[enum.Enum]

    def clauses(self) -> tuple[Clause, ...]:
        choices = ", ".join(repr(m.value) for m in self.enum)
        return (
            Clause(
                "not isinstance(v, R.enum)",
                f"expected a {self.enum.__name__} (one of {choices})"
                + _none(self.optional),
                (self.enum,),
            ),
        )


_FINITE: Final = (
    Clause(
        "type(v) is bool or not isinstance(v, (int, float))",
        "expected a finite number",
        (int, float),
    ),
    Clause(
        "isinstance(v, float) and not math.isfinite(v)",
        "expected a finite number",
        (int,),
    ),
)


@attrs.frozen(cache_hash=True)
class Number(Rule):
    """A finite int or float (not a bool)."""

    def clauses(self) -> tuple[Clause, ...]:
        return _FINITE


@attrs.frozen(cache_hash=True)
class Fraction(Rule):
    """A finite number from 0 to 1 inclusive."""

    def clauses(self) -> tuple[Clause, ...]:
        return (*_FINITE, Clause("not 0 <= v <= 1", "expected a number from 0 to 1"))


@attrs.frozen(cache_hash=True)
class Confidence(Rule):
    """A confidence level: a finite number strictly between 0 and 1."""

    def clauses(self) -> tuple[Clause, ...]:
        return (
            *_FINITE,
            Clause("not 0 < v < 1", "expected a number between 0 and 1 (exclusive)"),
        )


@attrs.frozen(cache_hash=True)
class Spread(Rule):
    """A standard deviation: a finite number above 0."""

    def clauses(self) -> tuple[Clause, ...]:
        return (
            *_FINITE,
            Clause("not v > 0", "expected a standard deviation above 0"),
        )


@attrs.frozen(cache_hash=True)
class Reliability(Rule):
    """A reliability coefficient: a finite number from 0 to below 1."""

    def clauses(self) -> tuple[Clause, ...]:
        return (
            *_FINITE,
            Clause("not 0 <= v < 1", "expected a number from 0 to below 1"),
        )


@attrs.frozen(cache_hash=True)
class Money(Rule):
    """A finite, non-negative Decimal amount (None by default)."""

    optional: bool = attrs.field(default=True, kw_only=True)

    def clauses(self) -> tuple[Clause, ...]:
        return (
            Clause(
                "not isinstance(v, decimal.Decimal) or not v.is_finite()",
                f"expected a finite Decimal{_none(self.optional)}",
            ),
            Clause("v < 0", "expected an amount of 0 or more"),
        )


# The clauses ObservationValue.all_pass says for a whole column; when they change,
# it steps aside and every value is checked by the generated problem().
_ALL_PASS_WRITTEN_FOR: Final = (
    "type(v) is not bool and not isinstance(v, (int, float, str))",
    "type(v) is not bool and isinstance(v, int) and abs(v) > R.max_whole",
    "isinstance(v, float) and not math.isfinite(v)",
    "isinstance(v, str) and not v.strip()",
)


@attrs.frozen(cache_hash=True)
class ObservationValue(Rule):
    """An observation's value: a bool, a whole number, a finite float or a text.

    A whole number lies within ±2**53 and a text is not blank.
    """

    max_whole: ClassVar[int] = MAX_EXACT_INT

    def clauses(self) -> tuple[Clause, ...]:
        return (
            Clause(
                "type(v) is not bool and not isinstance(v, (int, float, str))",
                "expected a number, a bool or a text",
                (bool, int, float, str),
            ),
            Clause(
                "type(v) is not bool and isinstance(v, int) and abs(v) > R.max_whole",
                "expected a whole number within ±2**53",
                (bool, float, str),
            ),
            Clause(
                "isinstance(v, float) and not math.isfinite(v)",
                "expected a finite number",
                (bool, int, str),
            ),
            Clause(
                "isinstance(v, str) and not v.strip()",
                "expected non-blank text",
                (bool, int, float),
            ),
        )

    def all_pass(self, values: Sequence[Any]) -> bool:
        """Whether every value of a column passes, found with loops in C.

        The same clauses for a whole column: numbers pass when their sum is
        finite (no NaN, no infinity) and the smallest and largest are within
        :attr:`max_whole` (so every whole number is); texts when none is blank.
        False only means "look one by one" (:meth:`problems`); it is always False
        when the clauses are no longer the ones this was written for.
        """
        if tuple(c.fails for c in self.clauses()) != _ALL_PASS_WRITTEN_FOR:
            return False
        types = set(map(type, values))
        if not values or not types <= {bool, int, float, str}:
            return not values
        numbers: Sequence[Any] = values
        if str in types:
            is_text = list(map(isinstance, values, itertools.repeat(str)))
            if not all(map(str.strip, set(itertools.compress(values, is_text)))):
                return False
            if types == {str}:
                return True
            numbers = list(itertools.compress(values, map(operator.not_, is_text)))
        try:
            finite = math.isfinite(sum(numbers))
        except OverflowError:
            return False
        return (
            finite
            and min(numbers) >= -self.max_whole
            and max(numbers) <= self.max_whole
        )


def _item_rule(value: Rule | type | tuple[type, ...]) -> Rule:
    return value if isinstance(value, Rule) else Instance(value)


def has_repeats(items: tuple[Any, ...]) -> bool:
    """Whether an item occurs more than once in *items*."""
    return len(set(items)) != len(items)


@attrs.frozen(cache_hash=True)
class TupleOf(Rule):
    """A tuple whose items pass *item* (a rule, or classes for :class:`Instance`).

    Item errors name the field with the item's index, as in ``indicators[2]``;
    with ``unique=True`` no item may occur twice.
    """

    item: Rule = attrs.field(converter=_item_rule)
    unique: bool = False

    def clauses(self) -> tuple[Clause, ...]:
        # What a tuple asks is not one expression per value; check says it.
        raise NotImplementedError

    def problem(self, value: object) -> str | None:
        try:
            self.check("", value)
        except InvalidValue as e:
            return e.expected
        return None

    def check(self, field: str, value: object) -> None:
        if not isinstance(value, tuple):
            hint = " (use tuple(...))" if isinstance(value, list | set) else ""
            raise InvalidValue(field, value, f"expected a tuple{hint}")
        for i, x in enumerate(value):
            self.item.check(f"{field}[{i}]", x)
        if self.unique and has_repeats(value):
            seen: set[object] = set()
            for i, x in enumerate(value):  # pragma: no branch - one repeats
                if x in seen:
                    raise InvalidValue(f"{field}[{i}]", x, "expected no repeated items")
                seen.add(x)

    def problem_for(
        self, types: tuple[type, ...]
    ) -> Callable[[object], str | None] | None:
        del types
        return self.problem

    def problems(
        self, values: Iterable[object], *, types: tuple[type, ...] = ()
    ) -> dict[Any, str]:
        del types
        found = {}
        for value in set(values):
            expected = self.problem(value)
            if expected is not None:
                found[value] = expected
        return found

    def __call__(self, _instance: object, attribute: Any, value: Any) -> None:  # noqa: ANN401
        self.check(str(attribute.name).lstrip("_"), value)


# -- the rules most fields use, and the functions in terms of them -------------------

ID: Final = Id()
OPTIONAL_ID: Final = Id(optional=True)
SUBJECT_ID: Final = SubjectId()
OPTIONAL_SUBJECT_ID: Final = SubjectId(optional=True)
_SUBJECT_REFERENCE: Final = NotBsn(optional=True)
TEXT: Final = Text()
NON_BLANK: Final = Text(non_blank=True)
OPTIONAL_TEXT: Final = Text(optional=True)
NUMBER: Final = Number()
OPTIONAL_NUMBER: Final = Number(optional=True)
OBSERVATION_VALUE: Final = ObservationValue()
IDS: Final = TupleOf(ID, unique=True)


def is_id(value: object) -> bool:
    """Return whether *value* is a valid id (see :class:`Id`)."""
    return ID.problem(value) is None


def check_id(field: str, value: object) -> None:
    """Raise :class:`InvalidValue` unless *value* is a valid id."""
    ID.check(field, value)


def check_number(field: str, value: object) -> None:
    """Raise unless *value* is a finite int or float (not a bool)."""
    NUMBER.check(field, value)
