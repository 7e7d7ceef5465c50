"""The bundled example (voorbeeld): the wijkteams of Voorbeeldstad, fully synthetic.

A municipality agrees with its wijkteams on results on three levels, and steers on
them every quarter:

- **micro**: residents become self-reliant in the life domains where they asked for
  help (the ZRM 2017, :mod:`resultframe.instruments.zrm`) and reach the goals of
  their own plan (Goal Attainment Scaling, :mod:`resultframe.instruments.gas`);
- **meso**: in every neighbourhood more supported residents have their finances in
  order (a share rolled up from the residents' ZRM scores), they are satisfied with
  the support, and the wijkteam tells the story of the neighbourhood;
- **macro**: fewer inhabitants need customised Wmo support (measured directly).

Eight process conditions, one of every kind, a quarterly feedback cycle reporting
to the municipality, and an agreement with its context and means. The records hold
3,000 residents in four neighbourhoods over two years (from the zero measurement
in the last quarter of 2024 to :data:`AS_OF`), their goals, the assessments of the
conditions and the reviews of the past quarters with their decisions. Everything
is invented and deterministic; residents are known by pseudonyms such as
``inw-00001``.

>>> from resultframe import example
>>> fw = example.framework()
>>> fw.id, len(fw.results), len(fw.conditions)
('wijkteams-voorbeeldstad', 4, 8)
>>> str(example.period())
'2026-07-01/2026-09-30'

The example speaks English and Dutch: ``framework("nl")`` and ``records("nl")``
hold the same ids and figures with every text in Dutch.

>>> example.framework("nl").result("inwoner-doelen").statement
'Inwoners bereiken de doelen van hun eigen ondersteuningsplan'
"""

from __future__ import annotations

import functools
from importlib import resources
from typing import TYPE_CHECKING, Final

from resultframe.errors import InvalidValue
from resultframe.example._framework import AS_OF, CYCLE, build_framework

if TYPE_CHECKING:
    from resultframe.model import Period, Records, ResultsFramework

__all__ = [
    "AS_OF",
    "CYCLE",
    "LANGUAGES",
    "framework",
    "period",
    "records",
    "starter_yaml",
    "yaml_text",
]


LANGUAGES: Final = ("en", "nl")
"""The languages the example is written in: the same ids and data, other words."""


def _lang(lang: object) -> str:
    if not isinstance(lang, str) or lang not in LANGUAGES:
        raise InvalidValue("lang", lang, f"expected one of {', '.join(LANGUAGES)}")
    return lang


def framework(lang: str = "en") -> ResultsFramework:
    """Return the example's results framework (the same object on every call).

    In English it is equal to the framework in the shipped ``wijkteam.yaml``
    (:func:`yaml_text`); ``lang="nl"`` gives the same framework - the same ids,
    numbers and days - with every text in Dutch.

    Raises:
        InvalidValue: *lang* is not ``"en"`` or ``"nl"``.
    """
    return _framework_in(_lang(lang))


@functools.cache
def _framework_in(lang: str) -> ResultsFramework:
    fw = build_framework()
    if lang == "en":
        return fw
    from resultframe.example._texts import FRAMEWORK_NL, localize  # noqa: PLC0415

    return localize(fw, FRAMEWORK_NL)


def records(lang: str = "en") -> Records:
    """Return the example's synthetic records (the same object on every call).

    About 3,000 residents, their ZRM and GAS scores, goals, the neighbourhoods'
    surveys and stories, the municipality's figures, condition assessments and
    six reviews. Built once, in about a second; they fit :func:`framework`
    (``records().check(framework()) == ()``). ``lang="nl"`` writes every note,
    story and source in Dutch (the reviews carry the Dutch framework's
    fingerprint); the draws, ids and numbers are the same.

    Raises:
        InvalidValue: *lang* is not ``"en"`` or ``"nl"``.
    """
    return _records_in(_lang(lang))


@functools.cache
def _records_in(lang: str) -> Records:
    from resultframe._canonical import fingerprint  # noqa: PLC0415
    from resultframe.example._records import build_records  # noqa: PLC0415
    from resultframe.example._texts import RECORDS_NL  # noqa: PLC0415

    fw = _framework_in(lang)
    return build_records(fw, fingerprint(fw), RECORDS_NL if lang == "nl" else None)


def period() -> Period:
    """Return the quarter the demo reviews: the cycle's period that ends on AS_OF."""
    return framework().cycle(CYCLE).period_on(AS_OF)


def _text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def yaml_text() -> str:
    """Return the example framework as the YAML document shipped in the package.

    Load it with :func:`resultframe.serialization.load_yaml`; it gives a framework
    equal to :func:`framework`.
    """
    return _text("wijkteam.yaml")


def starter_yaml() -> str:
    """Return the starter framework ``resultframe init`` writes, as YAML text.

    A small, valid framework with comments that say what to fill in.
    """
    return _text("starter.yaml")
