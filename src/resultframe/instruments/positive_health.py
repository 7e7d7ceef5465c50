"""Positive Health (Positieve Gezondheid, Huber 2011): six dimensions scored 0-10.

A resident scores each dimension of the "spinnenweb" from 0 to 10. In a framework
each dimension is an ordinal indicator on the 0-10 :data:`SCALE` (whole numbers,
as the spider web is scored), made by :func:`indicators`. Only the dimensions are
shipped: the questionnaire items are licensed.

>>> [d.id for d in DIMENSIONS][:2]
['ph-lichaamsfuncties', 'ph-mentaal-welbevinden']
>>> DIMENSIONS[2].label("en")
'Meaningfulness'
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final

import attrs

from resultframe.errors import InvalidValue, UnknownId
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
    from collections.abc import Iterable

__all__ = ["DIMENSIONS", "SCALE", "Dimension", "dimension", "indicators", "profile"]

SCALE: Final = Scale(
    id="ph-0-10",
    name="Positieve Gezondheid (0-10)",
    points=tuple(ScalePoint(value=v, label=str(v)) for v in range(11)),
)
"""The 0-10 scale of every dimension."""


@attrs.frozen(kw_only=True)
class Dimension:
    """A dimension (dimensie) of Positive Health.

    Args:
        id: The stable id: ``ph-zingeving``.
        nl: The Dutch name.
        en: The English name.
    """

    id: str = attrs.field(validator=_checks.Id())
    nl: str = attrs.field(validator=_checks.Text(non_blank=True))
    en: str = attrs.field(validator=_checks.Text(non_blank=True))

    def label(self, lang: str = "nl") -> str:
        """Return the dimension's name in Dutch (``nl``) or English (``en``)."""
        if lang not in {"en", "nl"}:
            raise InvalidValue("lang", lang, "expected 'en' or 'nl'")
        return self.en if lang == "en" else self.nl


DIMENSIONS: Final = (
    Dimension(id="ph-lichaamsfuncties", nl="Lichaamsfuncties", en="Bodily functions"),
    Dimension(
        id="ph-mentaal-welbevinden", nl="Mentaal welbevinden", en="Mental well-being"
    ),
    Dimension(id="ph-zingeving", nl="Zingeving", en="Meaningfulness"),
    Dimension(
        id="ph-kwaliteit-van-leven", nl="Kwaliteit van leven", en="Quality of life"
    ),
    Dimension(id="ph-meedoen", nl="Meedoen", en="Participation"),
    Dimension(
        id="ph-dagelijks-functioneren",
        nl="Dagelijks functioneren",
        en="Daily functioning",
    ),
)
"""The six dimensions, in the order of the spider web."""


def dimension(key: Dimension | str) -> Dimension:
    """Return a dimension given as a :class:`Dimension`, id or id without ``ph-``.

    Raises:
        UnknownId: no dimension has that id.
    """
    if isinstance(key, Dimension):
        return key
    if isinstance(key, str):
        for d in DIMENSIONS:
            if key in {d.id, d.id.removeprefix("ph-")}:
                return d
    raise UnknownId("Positive Health dimension", str(key))


def indicators(
    dimensions: Iterable[Dimension | str] | None = None,
    *,
    prefix: str = "",
    targets: Iterable[Target] = (),
    baseline: Baseline | None = None,
) -> tuple[Indicator, ...]:
    """Create one ordinal 0-10 indicator per dimension (better off, higher is better).

    Args:
        dimensions: The dimensions; None for all six.
        prefix: Put before each dimension id to make the indicator id.
        targets: Targets for every indicator (points of the 0-10 scale).
        baseline: A baseline for every indicator, if any.

    >>> [i.id for i in indicators(["zingeving", "meedoen"])]
    ['ph-zingeving', 'ph-meedoen']
    """
    if not isinstance(prefix, str):
        raise InvalidValue("prefix", prefix, "expected a string")
    if dimensions is None:
        chosen = list(DIMENSIONS)
    else:
        if isinstance(dimensions, str | Dimension):
            dimensions = (dimensions,)
        chosen = [dimension(k) for k in dimensions]
        if not chosen:
            raise InvalidValue("dimensions", (), "expected at least one (or None)")
    chosen_targets = tuple(targets)
    return tuple(
        Indicator(
            id=prefix + d.id,
            name=f"Positieve Gezondheid: {d.nl}",
            measure=Measure.ORDINAL,
            direction=Direction.INCREASE,
            question=Question.BETTER_OFF,
            scale=SCALE,
            baseline=baseline,
            targets=chosen_targets,
        )
        for d in chosen
    )


def profile(
    records: Records, subject: str, on: dt.date, *, prefix: str = ""
) -> tuple[tuple[str, int | None], ...]:
    """Return a resident's spider web on a day: the latest score per dimension.

    One ``(dimension id, score or None)`` pair per dimension, in the web's order;
    None where the dimension has no score on or before *on*.

    Raises:
        InvalidValue: an observation holds something other than a whole 0-10.

    >>> import datetime as dt
    >>> from resultframe.model import Observation
    >>> recs = Records(observations=[Observation(indicator="ph-meedoen",
    ...     subject="r1", on=dt.date(2025, 2, 1), value=6)])
    >>> profile(recs, "r1", dt.date(2025, 3, 1))[4]
    ('ph-meedoen', 6)
    """
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    _checks.check_id("subject", subject)
    if not isinstance(on, dt.date) or isinstance(on, dt.datetime):
        raise InvalidValue("on", on, "expected a date")
    out: list[tuple[str, int | None]] = []
    for d in DIMENSIONS:
        latest = records.latest(prefix + d.id, subject, on)
        value = None if latest is None else latest.value
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if value is not None and (
            isinstance(value, bool) or not isinstance(value, int) or value not in SCALE
        ):
            raise InvalidValue(
                f"records[{prefix + d.id!r}]", value, "expected a whole score 0-10"
            )
        out.append((d.id, value))
    return tuple(out)
