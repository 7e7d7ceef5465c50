"""The framework linter (adviezen): advice on how a results framework is designed.

:func:`lint` reads only the framework - no facts - and encodes what the articles on
results-based steering ask of a good framework: every result measured and backed by
process conditions, outcomes that ask "is anyone better off?", proven methods that
are recognised, every result fed back in a cycle to someone who steers, and an
agreement that says why, where and with what.

Each piece of advice has a stable code (``RF101``...), a :class:`Severity`, the id
it is about and a message in English and Dutch. The codes never change meaning;
``docs/lint.md`` lists them all with a bad and a good example.

>>> import datetime as dt
>>> from resultframe import Agreement, Period, ResultsFramework
>>> empty = ResultsFramework(id="fw", name="Empty", agreement=Agreement(
...     purpose="", period=Period(start=dt.date(2025, 1, 1), end=dt.date(2025, 12, 31))))
>>> [(a.code, a.severity.value, a.about) for a in lint(empty)]
[('RF112', 'warning', 'fw'), ('RF113', 'info', 'fw'), ('RF114', 'warning', 'fw')]
"""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.errors import InvalidValue
from resultframe.model.enums import (
    ConditionKind,
    Level,
    Measure,
    Question,
    Recognition,
    ResultKind,
    Role,
)
from resultframe.model.framework import ResultsFramework

if TYPE_CHECKING:
    from collections.abc import Iterator

    from resultframe.model.definitions import Indicator, ProcessCondition, Result

__all__ = ["CODES", "Advice", "Severity", "lint"]


class Severity(str, enum.Enum):
    """How much a piece of advice matters (ernst).

    ``error``: the framework cannot steer on what it should (a result nobody can
    measure); ``warning``: steering will be weaker than it should be; ``info``: worth
    a look.
    """

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@attrs.frozen(kw_only=True)
class Advice:
    """One piece of advice on a framework's design (advies).

    Args:
        code: The stable code (``RF101``...).
        severity: How much it matters.
        about: The id of the result, indicator, condition, cycle or framework it
            is about.
        message_en: What is wrong and what to do, in English.
        message_nl: The same in Dutch.
    """

    code: str
    severity: Severity
    about: str
    message_en: str
    message_nl: str

    def message(self, lang: str = "en") -> str:
        """The message in *lang* (``"en"`` or ``"nl"``).

        Raises:
            InvalidValue: *lang* is neither.
        """
        if lang == "en":
            return self.message_en
        if lang == "nl":
            return self.message_nl
        raise InvalidValue("lang", lang, "expected one of en, nl")

    def __str__(self) -> str:
        return f"{self.code} {self.severity.value} {self.about}: {self.message_en}"


CODES: Final[dict[str, tuple[Severity, str]]] = {
    "RF101": (Severity.ERROR, "result without indicators"),
    "RF102": (Severity.WARNING, "result without process conditions"),
    "RF103": (Severity.WARNING, "micro or meso outcome without a better_off indicator"),
    "RF104": (Severity.WARNING, "indicators only answer how_much"),
    "RF105": (Severity.WARNING, "indicator without baseline"),
    "RF106": (Severity.WARNING, "indicator without target"),
    "RF107": (Severity.WARNING, "proven-method condition without a recognition"),
    "RF108": (Severity.WARNING, "proven-method condition below well_founded"),
    "RF109": (Severity.WARNING, "condition without reassess_every"),
    "RF110": (Severity.WARNING, "result no feedback cycle covers"),
    "RF111": (Severity.WARNING, "cycle reports to a party that is not a commissioner"),
    "RF112": (Severity.WARNING, "agreement without purpose"),
    "RF113": (Severity.INFO, "agreement without context"),
    "RF114": (Severity.WARNING, "agreement without means"),
    "RF115": (Severity.WARNING, "result nobody is responsible for"),
}
"""Every code: its severity and a short title (a micro indicator's missing
baseline, RF105, is ``info`` instead: its subjects' first observations serve)."""


def _advice(
    code: str, about: str, en: str, nl: str, severity: Severity | None = None
) -> Advice:
    return Advice(
        code=code,
        severity=CODES[code][0] if severity is None else severity,
        about=about,
        message_en=en,
        message_nl=nl,
    )


def _result_advice(fw: ResultsFramework, result: Result) -> Iterator[Advice]:
    rid = result.id
    if not result.indicators:
        yield _advice(
            "RF101",
            rid,
            f"result {rid!r} has no indicators: nobody can see whether it is reached; "
            "add at least one indicator",
            f"resultaat {rid!r} heeft geen indicatoren: niemand kan zien of het "
            "bereikt wordt; voeg minstens één indicator toe",
        )
    if not result.conditions:
        yield _advice(
            "RF102",
            rid,
            f"result {rid!r} has no process conditions: a product without the "
            "process that delivers it is not sustained; link the conditions that "
            "make it reachable",
            f"resultaat {rid!r} heeft geen procescondities: een product zonder het "
            "proces dat het levert is niet geborgd; koppel de condities die het "
            "bereikbaar maken",
        )
    if (
        result.kind is ResultKind.OUTCOME
        and result.level in {Level.MICRO, Level.MESO}
        and not any(i.question is Question.BETTER_OFF for i in result.indicators)
    ):
        yield _advice(
            "RF103",
            rid,
            f"outcome {rid!r} on the {result.level.value} level has no better_off "
            "indicator: add one that asks whether anyone is better off",
            f"effect {rid!r} op {result.level.value}niveau heeft geen indicator "
            "'is iemand erop vooruitgegaan?': voeg die toe",
        )
    if not any(c.covers(rid) for c in fw.cycles):
        yield _advice(
            "RF110",
            rid,
            f"no feedback cycle covers result {rid!r}: nobody steers on it; add it "
            "to a cycle's results (or leave a cycle's results empty to cover all)",
            f"geen terugkoppelcyclus omvat resultaat {rid!r}: niemand stuurt erop; "
            "neem het op in de resultaten van een cyclus",
        )
    if not result.responsible:
        yield _advice(
            "RF115",
            rid,
            f"nobody is responsible for result {rid!r}: name the responsible parties",
            f"niemand is verantwoordelijk voor resultaat {rid!r}: noem de "
            "verantwoordelijke partijen",
        )


def _indicator_advice(level: Level, indicator: Indicator) -> Iterator[Advice]:
    iid = indicator.id
    if indicator.measure is Measure.QUALITATIVE:
        return
    if indicator.baseline is None:
        micro = level is Level.MICRO
        yield _advice(
            "RF105",
            iid,
            f"indicator {iid!r} has no baseline: progress cannot be measured from a "
            "known start"
            + (" (each resident's first observation serves instead)" if micro else ""),
            f"indicator {iid!r} heeft geen nulmeting: voortgang is niet te meten "
            "vanaf een bekend begin"
            + (" (de eerste meting per inwoner dient als nulmeting)" if micro else ""),
            Severity.INFO if micro else None,
        )
    if not indicator.targets:
        yield _advice(
            "RF106",
            iid,
            f"indicator {iid!r} has no target: only change can be judged, not "
            "whether the agreed result is reached; add a target",
            f"indicator {iid!r} heeft geen streefwaarde: alleen verandering is te "
            "beoordelen, niet of het afgesproken resultaat bereikt is; voeg een "
            "streefwaarde toe",
        )


def _condition_advice(condition: ProcessCondition) -> Iterator[Advice]:
    cid = condition.id
    if condition.kind is ConditionKind.PROVEN_METHOD:
        method = condition.method
        recognition = method.recognition if method is not None else None
        if recognition is None:
            yield _advice(
                "RF107",
                cid,
                f"proven-method condition {cid!r} names no recognised method: add "
                "the method and its recognition level",
                f"conditie bewezen methode {cid!r} noemt geen erkende methode: voeg "
                "de methode en haar erkenningsniveau toe",
            )
        elif recognition < Recognition.WELL_FOUNDED:
            yield _advice(
                "RF108",
                cid,
                f"proven-method condition {cid!r} has recognition "
                f"{recognition.value!r}, below 'well_founded': choose a better "
                "founded method or treat this one as an experiment",
                f"conditie bewezen methode {cid!r} heeft erkenning "
                f"{recognition.value!r}, onder 'goed onderbouwd': kies een beter "
                "onderbouwde methode of behandel deze als experiment",
            )
    if condition.reassess_every is None:
        yield _advice(
            "RF109",
            cid,
            f"condition {cid!r} has no reassess_every: an old assessment never goes "
            "stale; say how often it must be assessed",
            f"conditie {cid!r} heeft geen hertoetstermijn: een oude toetsing "
            "veroudert nooit; zeg hoe vaak zij getoetst moet worden",
        )


def _framework_advice(fw: ResultsFramework) -> Iterator[Advice]:
    indicators = fw.indicators
    if indicators and all(i.question is Question.HOW_MUCH for i in indicators):
        yield _advice(
            "RF104",
            fw.id,
            "every indicator answers 'how much?': add indicators that ask 'how "
            "well?' and 'is anyone better off?'",
            "elke indicator beantwoordt 'hoeveel?': voeg indicatoren toe voor 'hoe "
            "goed?' en 'is iemand erop vooruitgegaan?'",
        )
    for cycle in fw.cycles:
        party = fw.party(cycle.reports_to)
        if party.role is not Role.COMMISSIONER:
            yield _advice(
                "RF111",
                cycle.id,
                f"cycle {cycle.id!r} reports to {party.id!r}, a {party.role.value}, "
                "not a commissioner: results must reach whoever steers",
                f"cyclus {cycle.id!r} koppelt terug aan {party.id!r} "
                f"({party.role.value}), geen opdrachtgever: resultaten moeten bij "
                "wie stuurt terechtkomen",
            )
    agreement = fw.agreement
    if not agreement.purpose.strip():
        yield _advice(
            "RF112",
            fw.id,
            "the agreement has no purpose: say what is to be realised",
            "de afspraak heeft geen doel: zeg wat er gerealiseerd moet worden",
        )
    if not agreement.context.strip():
        yield _advice(
            "RF113",
            fw.id,
            "the agreement has no context: say in which situation the results are "
            "to be reached",
            "de afspraak heeft geen context: zeg in welke situatie de resultaten "
            "bereikt moeten worden",
        )
    if not agreement.means:
        yield _advice(
            "RF114",
            fw.id,
            "the agreement names no means: say with which money, people and "
            "facilities the results are to be reached",
            "de afspraak noemt geen middelen: zeg met welk geld, welke mensen en "
            "welke voorzieningen de resultaten bereikt moeten worden",
        )


def lint(framework: ResultsFramework) -> tuple[Advice, ...]:
    """Advice on a framework's design, sorted by code and then id (adviezen).

    The answer depends only on the framework's content, never on the order of its
    results, indicators, conditions, cycles or parties.

    Raises:
        InvalidValue: *framework* is not a ResultsFramework.
    """
    if not isinstance(framework, ResultsFramework):
        raise InvalidValue(
            "framework", type(framework).__name__, "expected a ResultsFramework"
        )
    found: list[Advice] = list(_framework_advice(framework))
    for result in framework.results:
        found += _result_advice(framework, result)
        for indicator in result.indicators:
            found += _indicator_advice(result.level, indicator)
    for condition in framework.conditions:
        found += _condition_advice(condition)
    return tuple(sorted(found, key=lambda a: (a.code, a.about)))
