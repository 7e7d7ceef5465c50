r"""The fixed text of reports in English and Dutch (vaste teksten), and how numbers read.

Enum members get their labels from :mod:`resultframe.report.labels`; everything else a
report says in its own words is in :data:`PHRASES`, ``{key: (English, Dutch)}``.
A phrase may hold ``{placeholders}``, filled by :func:`phrase`.

>>> phrase("baseline", "nl")
'Nulmeting'
>>> phrase("residents_n", "en", n=12), phrase("residents_n", "nl", n=2377)
('12 residents', '2.377 inwoners')
>>> number(1234.5, "nl"), number(1234.5, "en"), number(3.0, "nl")
('1.234,5', '1,234.5', '3')
>>> import datetime
>>> day(datetime.date(2025, 3, 31), "nl")
'31 maart 2025'
>>> from decimal import Decimal
>>> money(Decimal(3420000), "EUR", "nl"), money(Decimal(3420000), "EUR", "en")
('€\xa03.420.000,00', '€3,420,000.00')
>>> points(0.124, "nl"), points(-0.07, "en", sign=True), points(0.05, "nl", short=True)
('12 procentpunt', '-7 percentage points', '5 pp')
"""

from __future__ import annotations

import decimal
import math
from typing import TYPE_CHECKING, Final

from resultframe.errors import InvalidValue
from resultframe.report.labels import LANGUAGES

if TYPE_CHECKING:
    import datetime as dt

__all__ = [
    "PHRASES",
    "day",
    "interval",
    "like",
    "money",
    "number",
    "percent",
    "phrase",
    "points",
]

PHRASES: Final[dict[str, tuple[str, str]]] = {
    # The report's frame.
    "title": ("Results report", "Resultatenrapportage"),
    "as_of": ("As of {day}", "Stand per {day}"),
    "cycle_period": (
        "Feedback cycle {cycle}, period {start} to {end}",
        "Terugkoppelcyclus {cycle}, periode {start} tot en met {end}",
    ),
    "summary": ("Summary", "Samenvatting"),
    "results_n": ("{n} results", "{n} resultaten"),
    "deviations_n": (
        "{behind} behind and {ahead} ahead of the trajectory",
        "{behind} achter en {ahead} voor op het verwachte verloop",
    ),
    "agenda_n": ("{n} items on the agenda", "{n} agendapunten"),
    "privacy": (
        "Groups of fewer than {n} are not shown, and residents are never shown one by one.",
        "Groepen van minder dan {n} worden niet getoond, en inwoners nooit afzonderlijk.",
    ),
    "made_with": (
        "Made with resultframe {version}.",
        "Gemaakt met resultframe {version}.",
    ),
    # The agreement.
    "agreement": ("The agreement", "De afspraak"),
    "purpose": ("Purpose", "Doel"),
    "period": ("Period", "Looptijd"),
    "span": ("{start} to {end}", "{start} tot en met {end}"),
    "context": ("Context", "Context"),
    "means": ("Means", "Middelen"),
    "funding": ("Funding", "Bekostiging"),
    "parties": ("Parties", "Partijen"),
    "not_given": ("not given", "niet opgegeven"),
    # Results.
    "results": ("Results", "Resultaten"),
    "level": ("Level", "Niveau"),
    "kind": ("Kind", "Soort"),
    "for_whom": ("For whom", "Voor wie"),
    "verdict": ("Verdict", "Oordeel"),
    "responsible": ("Responsible", "Verantwoordelijk"),
    "contributes_to": ("Contributes to", "Draagt bij aan"),
    "indicators": ("Indicators", "Indicatoren"),
    "indicator": ("Indicator", "Indicator"),
    "group": ("Group", "Groep"),
    "baseline": ("Baseline", "Nulmeting"),
    "expected": ("Expected", "Verwacht"),
    "observed": ("Observed", "Gemeten"),
    "target": ("Target", "Streefwaarde"),
    "status": ("Status", "Stand"),
    "residents_n": ("{n} residents", "{n} inwoners"),
    "progress_of": ("progress {pct}", "voortgang {pct}"),
    "per_resident": ("per resident", "per inwoner"),
    "distribution_title": ("Residents per status", "Inwoners per stand"),
    "suppressed": ("suppressed", "afgeschermd"),
    "withheld": (
        "figures withheld: fewer than {n}",
        "cijfers afgeschermd: minder dan {n}",
    ),
    "withheld_together": (
        "{statuses} together {n} (each withheld)",
        "{statuses} samen {n} (elk afgeschermd)",
    ),
    "no_indicators": ("No indicators.", "Geen indicatoren."),
    "conditions": ("Process conditions", "Procescondities"),
    "condition": ("Condition", "Conditie"),
    "assessed_on": ("Last assessed", "Laatst getoetst"),
    "never": ("never", "nooit"),
    "method": ("Method", "Methodiek"),
    "recognition_expired": ("recognition expired", "erkenning verlopen"),
    "no_conditions": ("No process conditions.", "Geen procescondities."),
    # Reasons (why a status, a state, a verdict).
    "decide_first": ("Needs a decision first", "Vraagt eerst om een besluit"),
    "decide_none": (
        "No result needs a decision.",
        "Geen resultaat vraagt om een besluit.",
    ),
    "verdict_because": ("{verdict}: {reason}", "{verdict}: {reason}"),
    "reason_figures": (
        "progress {progress} against {expected} expected, tolerance {tol}",
        "voortgang {progress} tegen {expected} verwacht, marge {tol}",
    ),
    "reason_behind": (
        "{name} is {pp} behind its expected course",
        "{name} ligt {pp} achter op het verwachte verloop",
    ),
    "reason_ahead": (
        "{name} is {pp} ahead of its expected course",
        "{name} ligt {pp} voor op het verwachte verloop",
    ),
    "reason_behind_plain": (
        "{name} is behind its expected course",
        "{name} ligt achter op het verwachte verloop",
    ),
    "reason_ahead_plain": (
        "{name} is ahead of its expected course",
        "{name} ligt voor op het verwachte verloop",
    ),
    "reason_on_track_plain": (
        "{name} is on its expected course",
        "{name} ligt op het verwachte verloop",
    ),
    "reason_on_track": (
        "{name} is on its expected course",
        "{name} ligt op het verwachte verloop",
    ),
    "reason_achieved": (
        "{name} has reached its target",
        "{name} heeft de streefwaarde bereikt",
    ),
    "reason_deteriorated": (
        "{name} is worse than at the baseline",
        "{name} is slechter dan bij de nulmeting",
    ),
    "reason_improved": (
        "{name} has improved since the first measurement",
        "{name} is verbeterd sinds de eerste meting",
    ),
    "reason_stable": (
        "{name} has not changed since the first measurement",
        "{name} is gelijk gebleven sinds de eerste meting",
    ),
    "reason_worsened": (
        "{name} has worsened since the first measurement",
        "{name} is verslechterd sinds de eerste meting",
    ),
    "reason_no_data": (
        "{name} has not been measured",
        "{name} is niet gemeten",
    ),
    "reason_narrative": (
        "{name} is accounted for with a story",
        "{name} wordt met een verhaal verantwoord",
    ),
    "reason_suppressed": (
        "the figures of {name} are withheld (too few residents)",
        "de cijfers van {name} zijn afgeschermd (te weinig inwoners)",
    ),
    "reason_condition_met": (
        "{name} was assessed as met on {day}",
        "{name} is op {day} als voldaan getoetst",
    ),
    "reason_condition_partly_met": (
        "{name} is only partly met (assessed on {day})",
        "{name} is maar deels voldaan (getoetst op {day})",
    ),
    "reason_condition_not_met": (
        "{name} is not met (assessed on {day})",
        "{name} is niet voldaan (getoetst op {day})",
    ),
    "reason_condition_stale": (
        "the assessment of {name} is out of date since {day}",
        "de toetsing van {name} is verouderd sinds {day}",
    ),
    "reason_condition_unassessed": (
        "{name} has never been assessed",
        "{name} is nooit getoetst",
    ),
    "reason_recognition_expired": (
        "the recognition of the method for {name} has expired; it must be assessed again",
        "de erkenning van de methodiek voor {name} is verlopen; opnieuw toetsen is nodig",
    ),
    "reason_verdict_positive": (
        "the indicators show the result and every process condition is met",
        "de indicatoren tonen het resultaat en alle procescondities zijn voldaan",
    ),
    "reason_verdict_positive_no_conditions": (
        "the indicators show the result; no process conditions are linked",
        "de indicatoren tonen het resultaat; er zijn geen procescondities gekoppeld",
    ),
    "reason_verdict_undetermined_no_product": (
        "no indicator shows whether the result is there",
        "geen indicator laat zien of het resultaat er is",
    ),
    "reason_missing": ("no reason recorded", "geen reden vastgelegd"),
    # Deviations.
    "deviations": ("Deviations", "Afwijkingen"),
    "deviations_intro": (
        "A deviation outside tolerance asks for a decision, ahead as well as behind.",
        "Een afwijking buiten de marge vraagt om een besluit, zowel voor als achter op schema.",
    ),
    "behind": ("Behind the trajectory", "Achter op het verwachte verloop"),
    "ahead": ("Ahead of the trajectory", "Voor op het verwachte verloop"),
    "none_behind": (
        "Nothing is behind the trajectory.",
        "Niets loopt achter op het verwachte verloop.",
    ),
    "none_ahead": (
        "Nothing is ahead of the trajectory.",
        "Niets loopt voor op het verwachte verloop.",
    ),
    "progress": ("Progress", "Voortgang"),
    "expected_progress": ("Expected progress", "Verwachte voortgang"),
    "deviation": ("Deviation", "Afwijking"),
    "tolerance": ("Tolerance", "Marge"),
    # Uncertainty (build_report(..., confidence=)).
    "interval": ("{level}% CI {low} to {high}", "{level}%-bi {low} tot {high}"),
    "chance": ("Chance", "Toeval"),
    "within_chance": ("within chance", "binnen de toevalsmarge"),
    "beyond_chance": ("beyond chance", "buiten de toevalsmarge"),
    "intervals_intro": (
        (
            "Between brackets: the {level}% confidence interval (CI). With this few "
            "residents or values a figure is uncertain; the interval holds the true "
            "figure with {level}% confidence. A deviation is within chance when its "
            "interval holds the expected progress: chance may explain it."
        ),
        (
            "Tussen haakjes: het {level}%-betrouwbaarheidsinterval (bi). Met zo "
            "weinig inwoners of waarden is een cijfer onzeker; het interval bevat het "
            "ware cijfer met {level}% betrouwbaarheid. Een afwijking is binnen de "
            "toevalsmarge als het interval de verwachte voortgang bevat: toeval kan "
            "haar verklaren."
        ),
    ),
    # The agenda.
    "agenda": ("Agenda", "Agenda"),
    "agenda_intro": (
        "What the review of {start} to {end} must decide on.",
        "Waarover de terugkoppeling van {start} tot en met {end} moet besluiten.",
    ),
    "agenda_empty": ("Nothing on the agenda.", "Geen agendapunten."),
    "reason": ("Reason", "Reden"),
    "why": ("Why", "Toelichting"),
    "suggests": ("Suggested decisions", "Mogelijke besluiten"),
    "why_deviation": (
        "{group}: progress {progress} against {expected} expected, {gap} {direction} (tolerance {tolerance})",
        "{group}: voortgang {progress} tegen {expected} verwacht, {gap} {direction} (marge {tolerance})",
    ),
    "why_deviation_withheld": (
        "{direction}; figures withheld (a group of fewer than {n})",
        "{direction}; cijfers afgeschermd (een groep van minder dan {n})",
    ),
    "word_ahead": ("ahead", "voor"),
    "word_behind": ("behind", "achter"),
    "word_ahead_of": ("ahead of the trajectory", "voor op het verwachte verloop"),
    "word_behind_of": ("behind the trajectory", "achter op het verwachte verloop"),
    "why_condition": (
        "{state}; results that depend on it: {results}",
        "{state}; resultaten die ervan afhangen: {results}",
    ),
    "why_unsustained": (
        "the product is there, but not sustained: a process condition is not in place (see the conditions on this agenda)",
        "het product is er, maar niet geborgd: een procesconditie is niet op orde (zie de condities op deze agenda)",
    ),
    "why_deteriorated": (
        "{residents} residents are worse than at their own start, more than the tolerance allows",
        "{residents} inwoners staan er slechter voor dan bij hun eigen start, meer dan de tolerantie toelaat",
    ),
    "why_deteriorated_withheld": (
        "residents are worse than at their own start, more than the tolerance allows (how many is withheld: fewer than {n})",
        "inwoners staan er slechter voor dan bij hun eigen start, meer dan de tolerantie toelaat (hoeveel is afgeschermd: minder dan {n})",
    ),
    "why_no_data": (
        "no observation from {start} to {end}",
        "geen meting van {start} tot en met {end}",
    ),
    "why_follow_up": (
        "decision '{decision}' about {about}, to follow up by {day}",
        "besluit '{decision}' over {about}, op te volgen uiterlijk {day}",
    ),
    "follow_up_by": ("follow up by {day}", "op te volgen uiterlijk {day}"),
    "whole_cycle": ("the whole cycle", "de hele cyclus"),
    # The stories behind the numbers.
    "notes": ("The stories behind the numbers", "Het verhaal achter de cijfers"),
    "notes_window": (
        "Notes, decisions and assessments dated {start} to {end}.",
        "Toelichtingen, besluiten en toetsingen van {start} tot en met {end}.",
    ),
    "notes_empty": ("No notes in this period.", "Geen toelichtingen in deze periode."),
    "notes_without_observations": (
        "Notes on observations are left out: they may be about residents.",
        "Toelichtingen bij metingen zijn weggelaten: die kunnen over inwoners gaan.",
    ),
    "note_review": ("Review", "Terugkoppeling"),
    "note_decision": ("Decision", "Besluit"),
    "note_assessment": ("Assessment", "Toetsing"),
    "note_observation": ("Observation", "Meting"),
    "times": ("{n} times", "{n} keer"),
    # Charts.
    "charts_need_extra": (
        "Charts need vl-convert-python: python -m pip install vl-convert-python (it comes with resultframe's cli and report extras).",
        "Voor grafieken is vl-convert-python nodig: python -m pip install vl-convert-python (het hoort bij de extra's cli en report van resultframe).",
    ),
    "chart_over_time": ("{indicator} over time", "{indicator} in de tijd"),
    "chart_distribution": (
        "Distribution over statuses: {result}",
        "Verdeling over standen: {result}",
    ),
    "chart_comparison": ("{indicator} per group", "{indicator} per groep"),
    "chart_zrm": ("ZRM profile", "ZRM-profiel"),
    "axis_day": ("Date", "Datum"),
    "axis_value": ("Value", "Waarde"),
    "axis_share": ("Share of residents (%)", "Aandeel inwoners (%)"),
    "axis_share_groups": ("Share of groups (%)", "Aandeel groepen (%)"),
    "axis_score": ("Score", "Score"),
    "axis_domain": ("Life domain", "Leefgebied"),
    "legend_over_time": (
        "dashed line: expected trajectory; diamonds: targets",
        "gestreepte lijn: verwacht verloop; ruiten: streefwaarden",
    ),
    "legend_targets": ("diamonds: targets", "ruiten: streefwaarden"),
    "legend_target": ("dashed line: target", "gestreepte lijn: streefwaarde"),
    "legend_expected": (
        "dotted line: expected on the day",
        "gestippelde lijn: verwacht op de dag",
    ),
    "series_target": ("target", "streefwaarde"),
    "count": ("Number", "Aantal"),
    # Lint.
    "lint": ("Advice on the framework", "Adviezen over het resultatenkader"),
    "lint_n": ("{n} pieces of advice", "{n} adviezen"),
    "lint_empty": (
        "No advice: the framework follows every rule the linter knows.",
        "Geen adviezen: het kader volgt elke regel die de linter kent.",
    ),
    "code": ("Code", "Code"),
    "severity": ("Severity", "Ernst"),
    "advice": ("Advice", "Advies"),
    "about": ("About", "Over"),
}
"""Every fixed phrase of a report: ``{key: (English, Dutch)}``."""

_MONTHS: Final = (
    (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
    (
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ),
)

_SHORT_MONTHS: Final = (
    (
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "May",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Oct",
        "Nov",
        "Dec",
    ),
    (
        "jan",
        "feb",
        "mrt",
        "apr",
        "mei",
        "jun",
        "jul",
        "aug",
        "sep",
        "okt",
        "nov",
        "dec",
    ),
)

_DAYS: Final = (
    ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"),
    ("zondag", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag"),
)

NONE: Final = "\u2013"
"""What a cell shows when there is no value (an en dash)."""


def index(lang: str) -> int:
    """Return 0 for English and 1 for Dutch.

    Raises:
        InvalidValue: *lang* is not a language reports exist in.
    """
    if lang not in LANGUAGES:
        raise InvalidValue("lang", lang, f"expected one of {', '.join(LANGUAGES)}")
    return LANGUAGES.index(lang)


def phrase(key: str, lang: str, **values: object) -> str:
    """Return phrase *key* in *lang*, its placeholders filled from *values*.

    A whole number is written as the language groups it (``2.377 inwoners``,
    ``2,377 residents``).
    """
    text = PHRASES[key][index(lang)]
    if not values:
        return text
    filled = {
        k: number(v, lang) if isinstance(v, int) and not isinstance(v, bool) else v
        for k, v in values.items()
    }
    return text.format(**filled)


def number(value: float, lang: str) -> str:
    """Write a number for people: at most two decimals, grouped thousands.

    Dutch uses a decimal comma and a thousands dot; English the other way round.
    """
    i = index(lang)
    if not math.isfinite(value):
        return NONE
    rounded = round(value, 2)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{rounded:,.2f}".rstrip("0").rstrip(".")
    if i == 1:
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def like(value: float, target: float | None, lang: str) -> str:
    """Write *value* with the precision of *target* (an expected value, its target).

    >>> like(43.98, 55, "nl"), like(602.52, 575, "en"), like(0.4312, 0.65, "nl")
    ('44', '603', '0,43')
    """
    if target is None or not math.isfinite(target) or not math.isfinite(value):
        return number(value, lang)
    exponent = decimal.Decimal(repr(float(target))).normalize().as_tuple().exponent
    places = min(max(-int(exponent), 0), 4)
    rounded = round(value, places)
    if rounded == 0:
        rounded = 0.0  # no "-0"
    text = f"{rounded:,.{places}f}"
    if index(lang) == 1:
        text = text.translate(str.maketrans(",.", ".,"))
    return text


def percent(fraction: float, lang: str) -> str:
    """Write a fraction (0.45) as a whole percentage ("45%")."""
    index(lang)
    whole = round(fraction * 100)
    return f"{whole or 0}%"


def interval(low: str, high: str, confidence: float, lang: str) -> str:
    """Write an interval whose ends are written already, with its level.

    >>> interval("16%", "75%", 0.95, "nl"), interval("-27%", "146%", 0.9, "en")
    ('95%-bi 16% tot 75%', '90% CI -27% to 146%')
    """
    level = number(round(confidence * 100, 1), lang)
    return phrase("interval", lang, level=level, low=low, high=high)


def points(
    difference: float, lang: str, *, sign: bool = False, short: bool = False
) -> str:
    """Write a difference of two fractions in (whole) percentage points.

    A difference of percentages is never written with ``%``: from 40% to 52% is
    12 percentage points (Dutch: *procentpunt*), not 12%. ``short`` writes
    ``pp`` (a table's cell); ``sign`` puts ``+`` or ``-`` before it (a minus
    sign always shows).
    """
    i = index(lang)
    whole = round(abs(difference) * 100)
    mark = "-" if difference < 0 and whole else ("+" if sign and whole else "")
    unit = "pp" if short else ("percentage points", "procentpunt")[i]
    if short or i == 1 or whole != 1:
        return f"{mark}{whole} {unit}"
    return f"{mark}{whole} percentage point"


def day(value: dt.date, lang: str) -> str:
    """Write a day in words: ``31 March 2025``, ``31 maart 2025``."""
    return f"{value.day} {_MONTHS[index(lang)][value.month - 1]} {value.year}"


_SYMBOLS: Final = {"EUR": "€"}
"""Currencies written with their sign rather than their code."""


def money(amount: decimal.Decimal, currency: str, lang: str) -> str:
    """Write an amount of money with two decimals and its currency.

    Euros with the sign, as each language writes them: ``€ 3.420.000,00`` in
    Dutch (a space after the sign), ``€3,420,000.00`` in English; any other
    currency with its code and a space (``USD 12.50``). The space is a
    no-break space, so a line never ends between the sign and the amount.
    """
    i = index(lang)
    text = f"{abs(amount).quantize(decimal.Decimal('0.01')):,.2f}"
    if i == 1:
        text = text.translate(str.maketrans(",.", ".,"))
    minus = "-" if amount < 0 else ""
    symbol = _SYMBOLS.get(currency)
    if symbol is None:
        return f"{minus}{currency}\u00a0{text}"
    return f"{minus}{symbol}\u00a0{text}" if i == 1 else f"{minus}{symbol}{text}"


def vega_locale(lang: str) -> dict[str, object]:
    """The number and time locale of Vega for *lang* (``config.locale`` of a spec)."""
    i = index(lang)
    decimal_mark, thousands = (".", ",") if i == 0 else (",", ".")
    return {
        "number": {
            "decimal": decimal_mark,
            "thousands": thousands,
            "grouping": [3],
            "currency": ["€ ", ""] if i == 1 else ["€", ""],
        },
        "time": {
            "dateTime": "%A %e %B %Y %X",
            "date": "%d-%m-%Y" if i == 1 else "%m/%d/%Y",
            "time": "%H:%M:%S",
            "periods": ["AM", "PM"],
            "days": list(_DAYS[i]),
            "shortDays": [d[:2] if i == 1 else d[:3] for d in _DAYS[i]],
            "months": list(_MONTHS[i]),
            "shortMonths": list(_SHORT_MONTHS[i]),
        },
    }
