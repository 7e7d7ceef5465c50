"""Goal Attainment Scaling (GAS): individual goals and their summary T-score.

Each goal of a resident's plan is scored on five levels, -2 (much less than
expected) to +2 (much more); a common variant puts the baseline at -1 and adds -3
(worse than at the start). Goals may carry weights. The summary T-score
(Kiresuk & Sherman, 1968; in the form of Turner-Stokes, 2009) is

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i**2) + rho * sum(w_i)**2)

with rho = 0.3. T = 50 means the goals were met as expected on average.

In a framework a goal is an ordinal indicator on the GAS scale: one indicator per
goal slot (``gas-goal-1``, ``gas-goal-2``, ...), shared by all residents, made by
:func:`indicators`. What goal 1 *is* differs per resident and lives in the plan
(the observation's note may say it); its score lives in the records.
:func:`t_scores` reads a resident's goals from the records over time.

>>> t_score([0, 0, 0])
50.0
>>> round(t_score([1, 0, -1, 2]), 3)
57.255
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Final

from resultframe.errors import InvalidValue
from resultframe.evaluation._sums import fsum
from resultframe.model import _checks
from resultframe.model.definitions import (
    Baseline,
    Indicator,
    Scale,
    ScalePoint,
    Target,
)
from resultframe.model.enums import Direction, Measure, Question
from resultframe.model.records import Records

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Iterable, Mapping, Sequence

__all__ = [
    "DEFAULT_RHO",
    "LEVEL_LABELS",
    "SCALE",
    "SCALE_WITH_MINUS_THREE",
    "indicators",
    "level_label",
    "share_met",
    "t_score",
    "t_scores",
]

DEFAULT_RHO: Final = 0.3
"""The assumed correlation between goal scores in the T-score formula."""

LEVEL_LABELS: Final[Mapping[int, tuple[str, str]]] = {
    -3: ("worse than at the start", "slechter dan bij de start"),
    -2: ("much less than expected", "veel minder dan verwacht"),
    -1: ("less than expected", "minder dan verwacht"),
    0: ("expected outcome", "verwachte uitkomst"),
    1: ("more than expected", "meer dan verwacht"),
    2: ("much more than expected", "veel meer dan verwacht"),
}
"""The labels of the levels, ``{value: (English, Dutch)}``; -3 for the variant."""

SCALE: Final = Scale(
    id="gas-5",
    name="Goal Attainment Scaling (-2..+2)",
    points=tuple(
        ScalePoint(value=v, label=nl) for v, (_en, nl) in LEVEL_LABELS.items() if v > -3
    ),
)
"""The five-level GAS scale, -2..+2, with Dutch labels."""

SCALE_WITH_MINUS_THREE: Final = Scale(
    id="gas-6",
    name="Goal Attainment Scaling (-3..+2)",
    points=tuple(
        ScalePoint(value=v, label=nl) for v, (_en, nl) in LEVEL_LABELS.items()
    ),
)
"""The variant with -3 (worse than at the start), -3..+2, with Dutch labels."""


def level_label(value: int, lang: str = "nl") -> str:
    """Return the label of level *value* in Dutch (``nl``) or English (``en``).

    >>> level_label(-3, "en")
    'worse than at the start'

    Raises:
        InvalidValue: *value* is not -3..+2, or *lang* is not ``en`` or ``nl``.
    """
    if lang not in {"en", "nl"}:
        raise InvalidValue("lang", lang, "expected 'en' or 'nl'")
    if isinstance(value, bool) or value not in LEVEL_LABELS:
        raise InvalidValue("value", value, "expected a GAS level from -3 to +2")
    return LEVEL_LABELS[value][0 if lang == "en" else 1]


def _scores(scores: object, *, allow_minus_three: bool) -> list[int]:
    if isinstance(scores, str | bytes) or not hasattr(scores, "__iter__"):
        raise InvalidValue("scores", scores, "expected a sequence of GAS scores")
    items = list(scores)
    if not items:
        raise InvalidValue("scores", (), "expected at least one score")
    lowest = -3 if allow_minus_three else -2
    out = []
    for i, x in enumerate(items):
        value = int(x) if isinstance(x, float) and x.is_integer() else x
        if (
            isinstance(value, bool)
            or not isinstance(value, int)
            or not (lowest <= value <= 2)
        ):
            hint = "" if allow_minus_three else " (-3 only with allow_minus_three=True)"
            raise InvalidValue(
                f"scores[{i}]", x, f"expected a whole number from {lowest} to 2{hint}"
            )
        out.append(value)
    return out


def _weights(weights: object, n: int) -> list[float]:
    if weights is None:
        return [1.0] * n
    if isinstance(weights, str | bytes) or not hasattr(weights, "__iter__"):
        raise InvalidValue("weights", weights, "expected a sequence of weights or None")
    items = list(weights)
    if len(items) != n:
        raise InvalidValue(
            "weights", tuple(items), f"expected {n} weights, one per score"
        )
    for i, w in enumerate(items):
        _checks.check_number(f"weights[{i}]", w)
        if w < 0:
            raise InvalidValue(f"weights[{i}]", w, "expected a weight of 0 or more")
    if not any(items):
        raise InvalidValue(
            "weights", tuple(items), "expected at least one weight above 0"
        )
    return [float(w) for w in items]


def t_score(
    scores: Sequence[float],
    weights: Sequence[float] | None = None,
    rho: float = DEFAULT_RHO,
    *,
    allow_minus_three: bool = False,
) -> float:
    """Return the summary T-score of a set of goals (Kiresuk & Sherman).

    Args:
        scores: One GAS level per goal, -2..+2.
        weights: One weight (0 or more, not all 0) per goal; None weighs all
            goals 1.
        rho: The assumed correlation between goal scores, from 0 up to (not
            including) 1.
        allow_minus_three: Accept -3 (the variant scale's "worse than at the
            start"); off by default, so a -3 on the five-level scale is an error.

    Raises:
        InvalidValue: no scores, a score off the scale, a negative weight, all
            weights 0, a different number of weights and scores, or *rho*
            outside [0, 1).

    >>> t_score([2], weights=[7])  # one goal: 50 + 10 * 2
    70.0
    """
    xs = _scores(scores, allow_minus_three=allow_minus_three)
    ws = _weights(weights, len(xs))
    _checks.check_number("rho", rho)
    if not 0 <= rho < 1:
        raise InvalidValue("rho", rho, "expected a number from 0 up to (not) 1")
    # The T-score does not change when every weight is multiplied by the same
    # number: weights relative to the largest (at most 1) keep the products
    # and squares within the floats however large the weights given.
    largest = max(ws)
    ws = [w / largest for w in ws]
    weighted = fsum([w * x for w, x in zip(ws, xs, strict=True)])
    squares = fsum([w * w for w in ws])
    total = fsum(ws)
    denominator = math.sqrt((1 - rho) * squares + rho * total * total)
    return 50 + 10 * weighted / denominator


def share_met(scores: Sequence[float], *, allow_minus_three: bool = False) -> float:
    """Return the share of goals met or exceeded (level 0 or more), from 0 to 1.

    >>> share_met([-1, 0, 2, -2])  # 2 of 4
    0.5

    Raises:
        InvalidValue: no scores, or a score off the scale.
    """
    xs = _scores(scores, allow_minus_three=allow_minus_three)
    return sum(1 for x in xs if x >= 0) / len(xs)


def indicators(
    goals: int | Iterable[str],
    *,
    prefix: str = "gas-goal-",
    minus_three: bool = False,
    baseline: Baseline | None = None,
    targets: Iterable[Target] = (),
) -> tuple[Indicator, ...]:
    """Create one ordinal indicator per goal slot, on the GAS scale.

    Args:
        goals: The number of goal slots (ids ``prefix + "1"``, ...), or their
            ids.
        prefix: The start of the ids when *goals* is a number.
        minus_three: Use :data:`SCALE_WITH_MINUS_THREE` instead of :data:`SCALE`.
        baseline: A baseline for every goal (on the scale), if any.
        targets: Targets for every goal, such as 0 (the expected outcome).

    >>> [i.id for i in indicators(2)]
    ['gas-goal-1', 'gas-goal-2']
    """
    if isinstance(goals, bool):
        raise InvalidValue("goals", goals, "expected a number of goals or their ids")
    if isinstance(goals, int):
        if goals < 1:
            raise InvalidValue("goals", goals, "expected at least one goal")
        if not isinstance(prefix, str):
            raise InvalidValue("prefix", prefix, "expected a string")
        ids = [f"{prefix}{k}" for k in range(1, goals + 1)]
    elif isinstance(goals, str):
        raise InvalidValue("goals", goals, "expected a number of goals or their ids")
    else:
        ids = list(goals)
        if not ids:
            raise InvalidValue("goals", (), "expected at least one goal")
    scale = SCALE_WITH_MINUS_THREE if minus_three else SCALE
    chosen_targets = tuple(targets)
    return tuple(
        Indicator(
            id=goal,
            name=f"GAS goal {k}",
            measure=Measure.ORDINAL,
            direction=Direction.INCREASE,
            question=Question.BETTER_OFF,
            scale=scale,
            baseline=baseline,
            targets=chosen_targets,
        )
        for k, goal in enumerate(ids, start=1)
    )


def t_scores(  # noqa: PLR0913
    records: Records,
    subject: str,
    goals: Iterable[str],
    *,
    weights: Mapping[str, float] | None = None,
    rho: float = DEFAULT_RHO,
    allow_minus_three: bool = False,
) -> tuple[tuple[dt.date, float], ...]:
    """Return a resident's T-score on every day one of their goals was scored.

    On each such day, every goal counts with its latest score on or before that
    day; goals not yet scored by then are left out of that day's T-score.

    Args:
        records: The facts.
        subject: The resident's pseudonymous id.
        goals: The ids of the goal indicators.
        weights: Goal indicator id → weight; goals missing from it weigh 1.
            None weighs all goals 1.
        rho: As in :func:`t_score`.
        allow_minus_three: As in :func:`t_score`.

    Raises:
        InvalidValue: a score in the records is off the scale, or a weight or
            *rho* breaks a rule of :func:`t_score`.
    """
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    _checks.check_id("subject", subject)
    if isinstance(goals, str):
        goals = (goals,)
    ids = list(dict.fromkeys(goals))
    if weights is not None and not hasattr(weights, "get"):
        raise InvalidValue(
            "weights", weights, "expected a mapping of goal id to weight"
        )
    series = {g: records.series(g, subject) for g in ids}
    days = sorted({day for s in series.values() for day, _ in s})
    out = []
    for day in days:
        xs: list[object] = []
        ws: list[float] = []
        for g in ids:
            latest = [v for d, v in series[g] if d <= day]
            if latest:
                xs.append(latest[-1])
                ws.append(1.0 if weights is None else weights.get(g, 1.0))
        out.append(
            (
                day,
                t_score(
                    xs,  # type: ignore[arg-type]
                    ws,
                    rho,
                    allow_minus_three=allow_minus_three,
                ),
            )
        )
    return tuple(out)
