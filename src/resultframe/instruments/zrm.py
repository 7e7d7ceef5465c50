"""The Self-Sufficiency Matrix (Zelfredzaamheid-Matrix, ZRM) of GGD Amsterdam.

A professional scores a resident's self-reliance per life domain on a 1-5 scale.
Two versions are in use, and their domains are **not comparable domain by
domain**: :class:`ZrmVersion` keeps them apart. Every domain has a stable id that
names its version (``zrm2017-financien``); the indicators made by
:func:`indicators` carry that id, so scores of the two versions never meet in one
indicator, and :func:`compare` refuses to compare profiles of different versions
(:class:`~resultframe.errors.MixedVersions`).

"Onbesproken" (not discussed) is not a score: :func:`observations` records it as
missing, that is, it makes no observation at all.

The names of the scale points and domains are facts; the matrix's cell texts are
copyrighted by GGD Amsterdam and are not shipped.

>>> [d.id for d in domains(ZrmVersion.V2017)][:3]
['zrm2017-financien', 'zrm2017-werk-opleiding', 'zrm2017-tijdsbesteding']
>>> point_label(4, "en")
'Adequate self-sufficiency'
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import TYPE_CHECKING, Final, TypeAlias

import attrs

from resultframe.errors import InvalidValue, MixedVersions, UnknownId
from resultframe.model import _checks
from resultframe.model.definitions import (
    Baseline,
    Indicator,
    Result,
    Scale,
    ScalePoint,
    Target,
)
from resultframe.model.enums import (
    Direction,
    Level,
    Measure,
    Question,
    ResultKind,
    Stakeholder,
)
from resultframe.model.facts import Observation
from resultframe.model.records import Records

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "NOT_DISCUSSED",
    "POINT_LABELS",
    "SCALE",
    "Domain",
    "Profile",
    "Score",
    "ZrmVersion",
    "compare",
    "difference",
    "domain",
    "domain_of",
    "domains",
    "indicators",
    "measurement_days",
    "not_discussed",
    "observations",
    "point_label",
    "profile",
    "result",
    "same_version",
]

NOT_DISCUSSED: Final = "onbesproken"
"""The answer "not discussed" (onbesproken): not a score, recorded as missing."""

POINT_LABELS: Final[Mapping[int, tuple[str, str]]] = {
    1: ("Acute problems", "Acute problematiek"),
    2: ("Not self-sufficient", "Niet zelfredzaam"),
    3: ("Limited self-sufficiency", "Beperkt zelfredzaam"),
    4: ("Adequate self-sufficiency", "Voldoende zelfredzaam"),
    5: ("Complete self-sufficiency", "Volledig zelfredzaam"),
}
"""The labels of the scale points, ``{value: (English, Dutch)}``."""

SCALE: Final = Scale(
    id="zrm-1-5",
    name="Zelfredzaamheid-Matrix (1-5)",
    points=tuple(
        ScalePoint(value=v, label=nl) for v, (_en, nl) in POINT_LABELS.items()
    ),
)
"""The ZRM's 1-5 scale, with the Dutch labels (the same in both versions)."""

_LANGS: Final = ("en", "nl")

Pair: TypeAlias = "tuple[str, int | None]"
Row: TypeAlias = (
    "Mapping[str, object] | Mapping[Domain, object] | Mapping[Domain | str, object]"
)


def _lang_index(lang: str) -> int:
    if lang not in _LANGS:
        raise InvalidValue("lang", lang, "expected 'en' or 'nl'")
    return _LANGS.index(lang)


def point_label(value: int, lang: str = "nl") -> str:
    """Return the label of scale point *value* in Dutch (``nl``) or English (``en``).

    Raises:
        InvalidValue: *value* is not 1-5, or *lang* is not ``en`` or ``nl``.
    """
    index = _lang_index(lang)
    if isinstance(value, bool) or value not in POINT_LABELS:
        raise InvalidValue("value", value, "expected a ZRM score from 1 to 5")
    return POINT_LABELS[value][index]


class ZrmVersion(str, enum.Enum):
    """A version of the ZRM: 2013 (11 domains) or 2017 (13 domains)."""

    V2013 = "2013"
    V2017 = "2017"


@attrs.frozen(kw_only=True)
class Domain:
    """A life domain (leefgebied) of one version of the ZRM.

    Args:
        id: The stable id, naming the version: ``zrm2017-financien``.
        key: The id without the version: ``financien``.
        version: The ZRM version the domain belongs to.
        nl: The Dutch name.
        en: The English name.
    """

    id: str = attrs.field(validator=_checks.Id())
    key: str = attrs.field(validator=_checks.Id())
    version: ZrmVersion = attrs.field(validator=_checks.Member(ZrmVersion))
    nl: str = attrs.field(validator=_checks.Text(non_blank=True))
    en: str = attrs.field(validator=_checks.Text(non_blank=True))

    def label(self, lang: str = "nl") -> str:
        """Return the domain's name in Dutch (``nl``) or English (``en``)."""
        return (self.en, self.nl)[_lang_index(lang)]


def _table(
    version: ZrmVersion, rows: tuple[tuple[str, str, str], ...]
) -> tuple[Domain, ...]:
    return tuple(
        Domain(id=f"zrm{version.value}-{key}", key=key, version=version, nl=nl, en=en)
        for key, nl, en in rows
    )


_DOMAINS: Final[Mapping[ZrmVersion, tuple[Domain, ...]]] = {
    ZrmVersion.V2013: _table(
        ZrmVersion.V2013,
        (
            ("financien", "Financiën", "Income / finances"),
            ("dagbesteding", "Dagbesteding", "Day-time activities"),
            ("huisvesting", "Huisvesting", "Housing"),
            ("huiselijke-relaties", "Huiselijke relaties", "Domestic relations"),
            ("geestelijke-gezondheid", "Geestelijke gezondheid", "Mental health"),
            ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "Physical health"),
            ("verslaving", "Verslaving", "Addiction"),
            ("adl-vaardigheden", "ADL-vaardigheden", "Daily life skills"),
            ("sociaal-netwerk", "Sociaal netwerk", "Social network"),
            (
                "maatschappelijke-participatie",
                "Maatschappelijke participatie",
                "Community participation",
            ),
            ("justitie", "Justitie", "Judiciary"),
        ),
    ),
    ZrmVersion.V2017: _table(
        ZrmVersion.V2017,
        (
            ("financien", "Financiën", "Income / finances"),
            ("werk-opleiding", "Werk & opleiding", "Work and education"),
            ("tijdsbesteding", "Tijdsbesteding", "Time use"),
            ("huisvesting", "Huisvesting", "Housing"),
            ("huiselijke-relaties", "Huiselijke relaties", "Domestic relations"),
            ("geestelijke-gezondheid", "Geestelijke gezondheid", "Mental health"),
            ("lichamelijke-gezondheid", "Lichamelijke gezondheid", "Physical health"),
            ("middelengebruik", "Middelengebruik", "Substance use"),
            ("basale-adl", "Basale ADL", "Basic ADL"),
            ("instrumentele-adl", "Instrumentele ADL", "Instrumental ADL"),
            ("sociaal-netwerk", "Sociaal netwerk", "Social network"),
            (
                "maatschappelijke-participatie",
                "Maatschappelijke participatie",
                "Community participation",
            ),
            ("justitie", "Justitie", "Judiciary"),
        ),
    ),
}


def _version(value: object) -> ZrmVersion:
    if not isinstance(value, ZrmVersion):
        raise InvalidValue(
            "version", value, "expected a ZrmVersion (ZrmVersion.V2013 or V2017)"
        )
    return value


def domains(version: ZrmVersion) -> tuple[Domain, ...]:
    """Return the domains of *version*, in the matrix's order.

    >>> len(domains(ZrmVersion.V2013)), len(domains(ZrmVersion.V2017))
    (11, 13)
    """
    return _DOMAINS[_version(version)]


def domain_of(indicator: Indicator | str) -> Domain | None:
    """Return the ZRM domain an indicator (or indicator id) measures, or None.

    An indicator measures a domain when its id ends with the domain's id, as the
    ids made by :func:`indicators` do (``wijkteam:zrm2013-justitie``).
    """
    ident = indicator.id if isinstance(indicator, Indicator) else indicator
    if not isinstance(ident, str):
        raise InvalidValue("indicator", ident, "expected an Indicator or an id")
    for version_domains in _DOMAINS.values():
        for d in version_domains:
            if ident.endswith(d.id):
                return d
    return None


def domain(version: ZrmVersion, key: Domain | str) -> Domain:
    """Return the domain of *version* given as a :class:`Domain`, key or id.

    Raises:
        MixedVersions: *key* names a domain of the other version.
        UnknownId: *key* names no ZRM domain at all.
    """
    v = _version(version)
    if isinstance(key, Domain):
        found: Domain | None = key
    elif isinstance(key, str):
        found = next((d for d in _DOMAINS[v] if key in {d.key, d.id}), None)
        if found is None:
            found = domain_of(key) or next(
                (d for ds in _DOMAINS.values() for d in ds if d.key == key), None
            )
    else:
        raise InvalidValue("domain", key, "expected a Domain, a domain key or an id")
    if found is None:
        raise UnknownId(f"ZRM {v.value} domain", str(key))
    if found.version is not v:
        raise MixedVersions(
            "domain",
            found.id,
            f"expected a domain of ZRM {v.value}; the 2013 and 2017 domains are "
            "not comparable",
        )
    return found


def _chosen(version: ZrmVersion, chosen: Iterable[Domain | str] | None) -> list[Domain]:
    if chosen is None:
        return list(domains(version))
    if isinstance(chosen, str | Domain):
        chosen = (chosen,)
    result = [domain(version, k) for k in chosen]
    if not result:
        raise InvalidValue("domains", (), "expected at least one domain (or None)")
    return result


def indicators(
    version: ZrmVersion,
    domains: Iterable[Domain | str] | None = None,
    *,
    prefix: str = "",
    targets: Iterable[Target] = (),
    baseline: Baseline | None = None,
) -> tuple[Indicator, ...]:
    """Create one ordinal indicator per ZRM domain (better off, higher is better).

    Args:
        version: The ZRM version.
        domains: The domains (as :class:`Domain`, key such as ``"financien"`` or
            id); None for all of the version's domains.
        prefix: Put before each domain id to make the indicator id, for a
            framework that holds the ZRM more than once (``"team-a:"``).
        targets: Targets for every indicator (scale points, rising). Use
            :func:`attrs.evolve` to give one domain its own.
        baseline: A baseline for every indicator, if any.

    Returns:
        The indicators, ids ``prefix + domain.id``, on the :data:`SCALE`.

    Raises:
        MixedVersions: a domain of the other version is asked for.
        InvalidValue: an indicator breaks a model rule (a target off the scale, an
            invalid id).

    >>> [i.id for i in indicators(ZrmVersion.V2017, ["financien", "huisvesting"])]
    ['zrm2017-financien', 'zrm2017-huisvesting']
    """
    v = _version(version)
    if not isinstance(prefix, str):
        raise InvalidValue("prefix", prefix, "expected a string")
    chosen_targets = tuple(targets)
    return tuple(
        Indicator(
            id=prefix + d.id,
            name=f"ZRM {v.value}: {d.nl}",
            measure=Measure.ORDINAL,
            direction=Direction.INCREASE,
            question=Question.BETTER_OFF,
            scale=SCALE,
            baseline=baseline,
            targets=chosen_targets,
        )
        for d in _chosen(v, domains)
    )


def result(  # noqa: PLR0913
    version: ZrmVersion,
    domains: Iterable[Domain | str] | None = None,
    *,
    id: str,  # noqa: A002
    statement: str,
    prefix: str = "",
    targets: Iterable[Target] = (),
    baseline: Baseline | None = None,
    conditions: tuple[str, ...] = (),
    contributes_to: tuple[str, ...] = (),
    responsible: tuple[str, ...] = (),
    description: str = "",
) -> Result:
    """Create a micro outcome (resultaat) for residents, measured with the ZRM.

    The other arguments are those of :func:`indicators` and of
    :class:`~resultframe.Result`.

    >>> r = result(ZrmVersion.V2013, ["financien"], id="r-geld",
    ...            statement="Residents manage their money")
    >>> r.level.value, [i.id for i in r.indicators]
    ('micro', ['zrm2013-financien'])
    """
    return Result(
        id=id,
        statement=statement,
        level=Level.MICRO,
        kind=ResultKind.OUTCOME,
        for_whom=(Stakeholder.RESIDENT,),
        indicators=indicators(
            version, domains, prefix=prefix, targets=targets, baseline=baseline
        ),
        conditions=conditions,
        contributes_to=contributes_to,
        responsible=responsible,
        description=description,
    )


def same_version(items: Iterable[Indicator | str]) -> ZrmVersion | None:
    """Return the one ZRM version that *items* (indicators or ids) measure.

    Indicators that measure no ZRM domain are ignored; None if none does.

    Raises:
        MixedVersions: some measure a 2013 domain and others a 2017 domain.
    """
    seen: dict[ZrmVersion, str] = {}
    for item in items:
        d = domain_of(item)
        if d is not None:
            seen.setdefault(d.version, item.id if isinstance(item, Indicator) else item)
    if len(seen) > 1:
        raise MixedVersions(
            "indicators",
            tuple(seen.values()),
            "expected indicators of one ZRM version; 2013 and 2017 scores are not "
            "comparable",
        )
    return next(iter(seen), None)


def _is_not_discussed(value: object) -> bool:
    return isinstance(value, str) and value.strip().casefold() == NOT_DISCUSSED


def _score(field: str, value: object) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
        raise InvalidValue(
            field,
            value,
            f"expected a ZRM score from 1 to 5, {NOT_DISCUSSED!r} or None",
        )
    return value


def observations(  # noqa: PLR0913
    version: ZrmVersion,
    row: Row,
    *,
    subject: str,
    on: dt.date,
    prefix: str = "",
    source: str = "",
) -> tuple[Observation, ...]:
    """Turn one ZRM measurement (a row of domain → score) into observations.

    A score of 1-5 becomes an observation. ``"onbesproken"`` (not discussed, in
    any case) and None are missing: they make **no** observation, so they are
    never a score and never averaged, and the records keep no trace of them. Use
    :func:`not_discussed` to list them, if a report needs to.

    Args:
        version: The ZRM version of the row.
        row: Domain (a :class:`Domain`, key or id) to score.
        subject: The resident's pseudonymous id.
        on: The day of the measurement.
        prefix: The prefix given to :func:`indicators`.
        source: Where the scores come from, if worth recording.

    Raises:
        MixedVersions: the row names a domain of the other version.
        UnknownId: the row names no ZRM domain.
        InvalidValue: a score is not 1-5, ``"onbesproken"`` or None.

    >>> import datetime as dt
    >>> obs = observations(ZrmVersion.V2017,
    ...     {"financien": 2, "huisvesting": "onbesproken", "justitie": None},
    ...     subject="r1", on=dt.date(2025, 3, 1))
    >>> [(o.indicator, o.value) for o in obs]
    [('zrm2017-financien', 2)]
    """
    v = _version(version)
    out: list[Observation] = []
    for key, value in _items(row):
        d = domain(v, key)
        if value is None or _is_not_discussed(value):
            continue
        score = _score(f"row[{d.key!r}]", value)
        out.append(
            Observation(
                indicator=prefix + d.id,
                subject=subject,
                on=on,
                value=score,
                source=source,
            )
        )
    return tuple(out)


def _items(row: Row) -> list[tuple[Domain | str, object]]:
    if not hasattr(row, "items"):
        raise InvalidValue("row", row, "expected a mapping of domain to score")
    return list(row.items())


def not_discussed(version: ZrmVersion, row: Row) -> tuple[str, ...]:
    """Return the ids of the domains a row marks ``"onbesproken"`` (not discussed).

    >>> not_discussed(ZrmVersion.V2013, {"justitie": "Onbesproken", "financien": 3})
    ('zrm2013-justitie',)
    """
    v = _version(version)
    return tuple(
        domain(v, k).id for k, value in _items(row) if _is_not_discussed(value)
    )


@attrs.frozen(kw_only=True)
class Score:
    """A domain's latest score in a profile, and the day it was given (or None)."""

    domain: str
    value: int | None
    on: dt.date | None


@attrs.frozen(kw_only=True)
class Profile:
    """A resident's ZRM profile on a day: the latest score per domain.

    ``scores`` holds one :class:`Score` per domain of ``version``, in the matrix's
    order; a domain never scored (or only "onbesproken") has value None.
    """

    version: ZrmVersion
    on: dt.date
    scores: tuple[Score, ...]

    def score(self, key: Domain | str) -> int | None:
        """Return the score of a domain (a :class:`Domain`, key or id), or None.

        Raises:
            MixedVersions: *key* is a domain of the other version.
        """
        wanted = domain(self.version, key).id
        return next(s.value for s in self.scores if s.domain == wanted)

    def pairs(self) -> tuple[Pair, ...]:
        """Return ``(domain id, score or None)`` pairs, in the matrix's order."""
        return tuple((s.domain, s.value) for s in self.scores)


def _latest_score(
    records: Records, indicator: str, subject: str, on: dt.date
) -> tuple[int | None, dt.date | None]:
    for day, value in reversed(records.series(indicator, subject)):
        if day > on or _is_not_discussed(value):
            continue
        return _score(f"records[{indicator!r}]", value), day
    return None, None


def profile(
    records: Records,
    subject: str,
    on: dt.date,
    version: ZrmVersion,
    *,
    prefix: str = "",
) -> Profile:
    """Return a resident's ZRM profile: per domain the latest score on or before *on*.

    Observations holding the text ``"onbesproken"`` are skipped (an earlier
    score still counts); a domain without a score has value None.

    Raises:
        InvalidValue: an observation holds something other than a score 1-5.

    >>> import datetime as dt
    >>> recs = Records(observations=observations(ZrmVersion.V2017,
    ...     {"financien": 2, "huisvesting": 4}, subject="r1", on=dt.date(2025, 3, 1)))
    >>> profile(recs, "r1", dt.date(2025, 6, 1), ZrmVersion.V2017).pairs()[:4]
    (('zrm2017-financien', 2), ('zrm2017-werk-opleiding', None), ('zrm2017-tijdsbesteding', None), ('zrm2017-huisvesting', 4))
    """
    v = _version(version)
    if not isinstance(records, Records):
        raise InvalidValue("records", type(records).__name__, "expected Records")
    _checks.check_id("subject", subject)
    _checks.Instance(dt.date).check("on", on)
    scores = []
    for d in domains(v):
        value, day = _latest_score(records, prefix + d.id, subject, on)
        scores.append(Score(domain=d.id, value=value, on=day))
    return Profile(version=v, on=on, scores=tuple(scores))


def compare(before: Profile, after: Profile) -> tuple[Pair, ...]:
    """Return the difference score per domain (verschilscore): after minus before.

    None where either profile lacks the domain, and where the domain was not
    scored again after *before*'s score (the same measurement is no change).

    Raises:
        MixedVersions: the profiles are of different ZRM versions.
    """
    for name, p in (("before", before), ("after", after)):
        if not isinstance(p, Profile):
            raise InvalidValue(name, type(p).__name__, "expected a Profile")
    if before.version is not after.version:
        raise MixedVersions(
            "after.version",
            after.version.value,
            f"expected ZRM {before.version.value} like 'before'; 2013 and 2017 "
            "scores are not comparable",
        )
    out: list[Pair] = []
    for b, a in zip(before.scores, after.scores, strict=True):
        if (
            a.value is None
            or b.value is None
            or a.on is None
            or b.on is None
            or a.on <= b.on
        ):
            out.append((b.domain, None))
        else:
            out.append((b.domain, a.value - b.value))
    return tuple(out)


def difference(  # noqa: PLR0913
    records: Records,
    subject: str,
    first: dt.date,
    second: dt.date,
    version: ZrmVersion,
    *,
    prefix: str = "",
) -> tuple[Pair, ...]:
    """Return the difference score per domain between two measurements.

    The official ZRM progress measure: the profile on *second* minus the profile
    on *first* (see :func:`compare`), None where a domain has no score on either
    day or was not scored again after *first*.

    Raises:
        InvalidValue: *second* is not after *first*.
    """
    _checks.Instance(dt.date).check("first", first)
    _checks.Instance(dt.date).check("second", second)
    if second <= first:
        raise InvalidValue("second", second, f"expected a day after first ({first})")
    return compare(
        profile(records, subject, first, version, prefix=prefix),
        profile(records, subject, second, version, prefix=prefix),
    )


def measurement_days(
    records: Records, subject: str, version: ZrmVersion, *, prefix: str = ""
) -> tuple[dt.date, ...]:
    """Return the days on which a resident has any ZRM score of *version*, sorted."""
    v = _version(version)
    return tuple(
        sorted(
            {
                day
                for d in domains(v)
                for day, value in records.series(prefix + d.id, subject)
                if not _is_not_discussed(value)
            }
        )
    )
