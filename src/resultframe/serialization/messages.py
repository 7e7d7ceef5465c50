"""The messages of problems and warnings, in English and Dutch, by stable code.

Each entry of :data:`CATALOGUE` is one message: its English and its Dutch
template, with the same ``{parameters}``. A problem keeps its stable code in
every language; only its message is translated.

The readers and checks build their messages in English, deep inside, and keep
no parameters; so :func:`translate` renders a message in another language at
the edge: it finds the English template that the whole message fits (a
template read as a pattern, each ``{parameter}`` standing for any text), and
fills the other language's template with the same parameters. A parameter
named ``message`` or ``expected`` is itself translated (a message inside a
message). A line that fits no template, after a ``file:`` prefix, stays as it
is. Messages the command itself writes are rendered from the catalogue with
:func:`text`, so they are defined once.

>>> translate("no subject with id 'r-9' in these records", "nl")
"geen subject met id 'r-9' in deze feiten"
>>> translate("data.csv:4: required value missing", "nl")
'data.csv:4: verplichte waarde ontbreekt'
>>> text("cli.problems", "nl", n=3)
'3 problemen in de invoer'
"""

from __future__ import annotations

import re
from functools import cache
from typing import Final

__all__ = ["CATALOGUE", "LANGUAGES", "text", "translate"]

LANGUAGES: Final = ("en", "nl")
_NESTED: Final = frozenset({"message", "expected", "first", "kind"})
_GOT: Final = ", got {value}"
_KREGEN: Final = ", gekregen: {value}"

CATALOGUE: Final[dict[str, tuple[dict[str, str], ...]]] = {
    # -- problems between rows (Records.check) -----------------------------------
    "unknown_id": (
        {
            "en": "no subject with id {id} in these records",
            "nl": "geen subject met id {id} in deze feiten",
        },
        {
            "en": "no indicator with id {id} in this framework",
            "nl": "geen indicator met id {id} in dit kader",
        },
        {
            "en": "no indicator with id {id} in the framework",
            "nl": "geen indicator met id {id} in het kader",
        },
        {
            "en": "no condition with id {id} in this framework",
            "nl": "geen procesconditie met id {id} in dit kader",
        },
        {
            "en": "no party with id {id} in this framework",
            "nl": "geen partij met id {id} in dit kader",
        },
        {
            "en": "no cycle with id {id} in this framework",
            "nl": "geen terugkoppelcyclus met id {id} in dit kader",
        },
        {
            "en": "no result, indicator, condition or cycle with id {id} in this "
            "framework",
            "nl": "geen resultaat, indicator, procesconditie of terugkoppelcyclus met "
            "id {id} in dit kader",
        },
        {
            "en": "{n} observation(s) of indicator {id}, which this framework does "
            "not have",
            "nl": "{n} meting(en) van indicator {id}, die dit kader niet heeft",
        },
    ),
    "derived_observed": (
        {
            "en": "{n} observation(s) of indicator {id}, which is derived from "
            "{source}; it gets its values by roll-up, not by observation",
            "nl": "{n} meting(en) van indicator {id}, die is afgeleid van {source}; "
            "die krijgt haar waarden door optelling (roll-up), niet door meting",
        },
    ),
    "wrong_level": (
        {
            "en": "subject {id} is on level {level}; indicator {indicator} is on "
            "level {indicator_level}",
            "nl": "subject {id} staat op niveau {level}; indicator {indicator} staat "
            "op niveau {indicator_level}",
        },
        {
            "en": "subject {id} is on level {level}; a {own} subject is part of a "
            "subject one level up",
            "nl": "subject {id} staat op niveau {level}; een subject op niveau "
            "'{own}' hoort bij een subject één niveau hoger",
        },
    ),
    "duplicate_observation": (
        {
            "en": "more than one observation on this day for an indicator that "
            "takes the latest value; which one counts is unclear",
            "nl": "meer dan één meting op deze dag voor een indicator die de laatste "
            "waarde neemt; onduidelijk is welke telt",
        },
    ),
    "wrong_value": (
        {
            "en": "expected {expected} for {article} {measure} indicator, got "
            "{value} (scale {scale}: {points})",
            "nl": "verwacht {expected} voor een indicator met maat '{measure}', "
            "gekregen: {value} (schaal {scale}: {points})",
        },
        {
            "en": "expected {expected} for {article} {measure} indicator" + _GOT,
            "nl": "verwacht {expected} voor een indicator met maat '{measure}'"
            + _KREGEN,
        },
    ),
    "wrong_measure": (
        {
            "en": "indicator {id} is qualitative; a goal needs numbers",
            "nl": "indicator {id} is kwalitatief; een doel vraagt getallen",
        },
    ),
    "wrong_direction": (
        {
            "en": "expected a value in the indicator's direction ({direction}) "
            "from the goal's baseline {baseline}, got {target}",
            "nl": "verwacht een waarde in de richting van de indicator ({direction}) "
            "vanaf de nulmeting {baseline} van het doel, gekregen: {target}",
        },
    ),
    "wrong_period": (
        {
            "en": "{period} is not a period of cycle {id} (cadence {cadence}, from "
            "{start})",
            "nl": "{period} is geen periode van terugkoppelcyclus {id} (ritme "
            "{cadence}, vanaf {start})",
        },
    ),
    "duplicate_review": (
        {
            "en": "cycle {id} already held its review of {period} on {held}; a "
            "cycle holds one review per period and history is never rewritten",
            "nl": "terugkoppelcyclus {id} hield haar evaluatie van {period} al op "
            "{held}; een cyclus houdt één evaluatie per periode en de geschiedenis "
            "wordt nooit herschreven",
        },
    ),
    "fingerprint_mismatch": (
        {
            "en": "the review was held against framework version {old}..., not "
            "this framework ({new}...)",
            "nl": "de evaluatie is gehouden met kaderversie {old}..., niet met dit "
            "kader ({new}...)",
        },
    ),
    # -- problems of a framework (ResultsFramework) ---------------------------------
    "duplicate_id": (
        {
            "en": "id {id} is used {n} times (by {users}); ids must be unique across "
            "the framework",
            "nl": "id {id} wordt {n} keer gebruikt (door {users}); een id komt in het "
            "hele kader maar één keer voor",
        },
    ),
    "scale_conflict": (
        {
            "en": "scale {id} differs from another scale with the same id in this "
            "framework; give different scales different ids",
            "nl": "schaal {id} verschilt van een andere schaal met hetzelfde id in dit "
            "kader; geef verschillende schalen verschillende ids",
        },
    ),
    "framework_level": (
        {
            "en": "result {id} is on level {level}, below this result's {own}; a "
            "result contributes to results on the same or a higher level",
            "nl": "resultaat {id} staat op niveau {level}, onder niveau {own} van dit "
            "resultaat; een resultaat draagt bij aan resultaten op hetzelfde of een "
            "hoger niveau",
        },
        {
            "en": "indicator {id} is on level {level}, not below this indicator's "
            "{own}; an indicator is derived from a lower level",
            "nl": "indicator {id} staat op niveau {level}, niet onder niveau {own} "
            "van deze indicator; een indicator wordt afgeleid van een lager niveau",
        },
        {
            "en": "indicator {id} is {measure}; aggregation {aggregation} needs one "
            "of: {names}",
            "nl": "indicator {id} heeft maat {measure}; aggregatie {aggregation} "
            "vraagt een van: {names}",
        },
        {
            "en": "results contribute to each other in a circle: {circle}",
            "nl": "resultaten dragen in een kring aan elkaar bij: {circle}",
        },
        {
            "en": "no {kind} with id {id} in this framework",
            "nl": "geen {kind} met id {id} in dit kader",
        },
    ),
    # -- values of a document (JSON, YAML) ---------------------------------------------
    "invalid": (
        {
            "id": "expected",
            "en": "expected {expected}, got {value}",
            "nl": "verwacht {expected}, gekregen: {value}",
        },
        {
            "en": "{path} (line {line})",
            "nl": "{path} (regel {line})",
        },
    ),
    # -- rows a reader rejected ----------------------------------------------------
    "ambiguous_number": (
        {
            "en": "ambiguous number {value}: with a decimal comma the point may "
            "separate thousands or be a decimal point; write it without the point, "
            "or with a decimal comma",
            "nl": "dubbelzinnig getal {value}: bij een decimale komma kan de punt "
            "duizendtallen scheiden of een decimale punt zijn; schrijf het zonder "
            "punt, of met een decimale komma",
        },
    ),
    "invalid_value": (
        {
            "en": "expected a number with a decimal comma (such as 3,5 or 1.234,5)"
            + _GOT,
            "nl": "verwacht een getal met een decimale komma (zoals 3,5 of 1.234,5)"
            + _KREGEN,
        },
        {
            "en": "expected a number (digits and a decimal point, no thousands "
            "separators), got {value}; for a decimal comma, set the decimal "
            "separator to ','",
            "nl": "verwacht een getal (cijfers en een decimale punt, geen "
            "scheiding van duizendtallen), gekregen: {value}; stel voor een "
            "decimale komma het decimaalteken in op ','",
        },
        {
            "en": "expected a number (digits and a decimal point, no thousands "
            "separators)" + _GOT,
            "nl": "verwacht een getal (cijfers en een decimale punt, geen "
            "scheiding van duizendtallen)" + _KREGEN,
        },
        {
            "en": "expected a calendar date as 'd-m-yyyy'" + _GOT,
            "nl": "verwacht een bestaande datum als 'd-m-yyyy'" + _KREGEN,
        },
        {
            "en": "expected a date as 'd-m-yyyy' (such as 1-3-2025) or "
            "'yyyy-mm-dd'" + _GOT,
            "nl": "verwacht een datum als 'd-m-yyyy' (zoals 1-3-2025) of "
            "'yyyy-mm-dd'" + _KREGEN,
        },
        {
            "en": "{message}; for days written d-m-yyyy, set the date format to "
            "d-m-yyyy",
            "nl": "{message}; stel voor dagen geschreven als d-m-yyyy de "
            "datumnotatie in op d-m-yyyy",
        },
        {
            "en": "expected a whole number (a scale point)" + _GOT,
            "nl": "verwacht een geheel getal (een punt van de schaal)" + _KREGEN,
        },
        {
            "en": "expected true or false (or ja/nee, WAAR/ONWAAR, 1/0)" + _GOT,
            "nl": "verwacht true of false (of ja/nee, WAAR/ONWAAR, 1/0)" + _KREGEN,
        },
        {
            "en": "expected a whole number within ±2**53" + _GOT,
            "nl": "verwacht een geheel getal binnen ±2**53" + _KREGEN,
        },
        {
            "en": "expected text of Unicode characters, got a lone surrogate",
            "nl": "verwacht tekst van Unicode-tekens, gekregen: een los surrogaat",
        },
        {"en": "required value missing", "nl": "verplichte waarde ontbreekt"},
        {
            "en": "expected a number, true, false or a text" + _GOT,
            "nl": "verwacht een getal, true, false of een tekst" + _KREGEN,
        },
        {"en": "expected a string" + _GOT, "nl": "verwacht een tekst" + _KREGEN},
        {"en": "{name} is not a JSON number", "nl": "{name} is geen JSON-getal"},
        {
            "en": "unknown key (expected: {names})",
            "nl": "onbekende sleutel (verwacht: {names})",
        },
        {"en": "required key missing", "nl": "verplichte sleutel ontbreekt"},
    ),
    "invalid_row": (
        {
            "en": "expected {n} cells (as in the header)" + _GOT,
            "nl": "verwacht {n} cellen (zoals in de kopregel)" + _KREGEN,
        },
        {
            "en": "line longer than the limit of {n} characters",
            "nl": "regel langer dan de grens van {n} tekens",
        },
        {
            "en": "key {key} occurs more than once in this object",
            "nl": "sleutel {key} komt meer dan eens voor in dit object",
        },
        {
            "en": "expected an object (an observation)" + _GOT,
            "nl": "verwacht een object (een meting)" + _KREGEN,
        },
    ),
    "invalid_csv": ({"en": "invalid CSV: {detail}", "nl": "ongeldige CSV: {detail}"},),
    "encoding": (
        {
            "en": "not valid {encoding} text (byte {byte}); save the file as "
            '"CSV UTF-8", or read it with the encoding it was saved in (encoding '
            "cp1252 for what Excel saves by default)",
            "nl": "geen geldige {encoding}-tekst (byte {byte}); sla het bestand op "
            'als "CSV UTF-8", of lees het met de codering waarin het is opgeslagen '
            "(codering cp1252 voor wat Excel standaard opslaat)",
        },
        {
            "en": "not valid {encoding} text (byte {byte}); save the file as "
            '"CSV UTF-8" and read it with encoding utf-8',
            "nl": "geen geldige {encoding}-tekst (byte {byte}); sla het bestand op "
            'als "CSV UTF-8" en lees het met codering utf-8',
        },
        {
            "en": "not {encoding} text (invalid byte at offset {offset}); save the "
            'file as "CSV UTF-8", or give its encoding with --encoding',
            "nl": "geen {encoding}-tekst (ongeldige byte op positie {offset}); sla "
            'het bestand op als "CSV UTF-8", of geef de codering met --encoding',
        },
        {
            "en": "not {encoding} text (invalid byte at offset {offset}); save the "
            'file as "CSV UTF-8", or read it with the encoding it was saved in',
            "nl": "geen {encoding}-tekst (ongeldige byte op positie {offset}); sla "
            'het bestand op als "CSV UTF-8", of lees het met de codering waarin het '
            "is opgeslagen",
        },
    ),
    "bsn_like_id": (
        {
            "en": "expected a pseudonym, got an id that passes the BSN eleven test; "
            "pseudonymize it (resultframe.pseudonymize), or pass "
            "allow_bsn_like_ids=True if it is not a BSN",
            "nl": "verwacht een pseudoniem, gekregen: een id dat de elfproef voor een "
            "BSN doorstaat; pseudonimiseer het (resultframe.pseudonymize), of geef "
            "allow_bsn_like_ids=True als het geen BSN is",
        },
    ),
    "unreadable": (
        {"en": "No such file or directory", "nl": "bestand of map bestaat niet"},
        {"en": "Permission denied", "nl": "toegang geweigerd"},
        {"en": "Is a directory", "nl": "is een map"},
    ),
    "invalid_header": (
        {
            "en": "expected a header row with the columns {columns}",
            "nl": "verwacht een kopregel met de kolommen {columns}",
        },
        {
            "en": "column {name} appears more than once",
            "nl": "kolom {name} komt meer dan eens voor",
        },
        {
            "en": "unknown column {name} (expected: {columns} or dimensions.<name>)",
            "nl": "onbekende kolom {name} (verwacht: {columns} of dimensions.<naam>)",
        },
        {
            "en": "unknown column {name} (expected: {columns})",
            "nl": "onbekende kolom {name} (verwacht: {columns})",
        },
        {
            "en": "required column {name} missing",
            "nl": "verplichte kolom {name} ontbreekt",
        },
    ),
    # -- what a problem's place adds (serialization._lines) --------------------------
    "located": (
        {
            "id": "also",
            "en": "{message} (also {first})",
            "nl": "{message} (ook {first})",
        },
        {
            "id": "rows",
            "en": "{message} ({n} rows; the first here)",
            "nl": "{message} ({n} rijen; de eerste hier)",
        },
        {"id": "line", "en": "line {line}", "nl": "regel {line}"},
    ),
    # -- what a measure expects (model._fit), inside wrong_value ---------------------
    "expected": (
        {"en": "a number", "nl": "een getal"},
        {"en": "a number from 0 to 100", "nl": "een getal van 0 tot en met 100"},
        {
            "en": "a whole number on the indicator's scale",
            "nl": "een geheel getal op de schaal van de indicator",
        },
        {"en": "a bool (true or false)", "nl": "een waarheidswaarde (true of false)"},
        {"en": "a text", "nl": "een tekst"},
        {"en": "a string", "nl": "een tekst"},
        {"en": "non-blank text", "nl": "tekst die niet leeg is"},
        {"en": "a finite number", "nl": "een eindig getal"},
        {"en": "a number from 0 to 1", "nl": "een getal van 0 tot en met 1"},
        {
            "en": "a number, a bool or a text",
            "nl": "een getal, true/false of een tekst",
        },
        {"en": "an amount of 0 or more", "nl": "een bedrag van 0 of meer"},
        {"en": "no repeated items", "nl": "geen herhaalde elementen"},
        {
            "en": "an id of 1-128 characters: a letter or digit, then letters, "
            "digits, '.', '_', ':' or '-'",
            "nl": "een id van 1-128 tekens: een letter of cijfer, dan letters, "
            "cijfers, '.', '_', ':' of '-'",
        },
        {
            "en": "an ISO 8601 duration such as 'P3M', 'P1Y' or 'P2W'",
            "nl": "een ISO 8601-duur zoals 'P3M', 'P1Y' of 'P2W'",
        },
    ),
    # -- the kinds of things a framework names, inside a message ----------------------
    "kind": (
        {"en": "result", "nl": "resultaat"},
        {"en": "condition", "nl": "procesconditie"},
        {"en": "cycle", "nl": "terugkoppelcyclus"},
        {"en": "party", "nl": "partij"},
    ),
    # -- warnings: probably a mistake (serialization.mistakes) -----------------------
    "warning": (
        {"id": "warning", "en": "warning: {message}", "nl": "waarschuwing: {message}"},
        {
            "en": "--min-group {n} is below the privacy floor of {floor}: small "
            "groups of residents may be recognisable",
            "nl": "--min-group {n} ligt onder de privacygrens van {floor}: kleine "
            "groepen inwoners kunnen herkenbaar zijn",
        },
        {
            "en": "{n} observation(s) of {id} lie outside the agreement's period "
            "({start} to {end})",
            "nl": "{n} meting(en) van {id} liggen buiten de periode van de afspraak "
            "({start} tot en met {end})",
        },
        {
            "en": "{n} negative value(s) of {id}, whose baseline and targets are all "
            "0 or more",
            "nl": "{n} negatieve waarde(n) van {id}, terwijl de nulmeting en de "
            "streefwaarden alle 0 of meer zijn",
        },
        {
            "en": "goal {goal}: target by {by}, after the agreement ends ({end})",
            "nl": "doel {goal}: streefwaarde per {by}, na het einde van de afspraak "
            "({end})",
        },
        {
            "en": "indicator {id}: target by {by}, after the agreement ends ({end})",
            "nl": "indicator {id}: streefwaarde per {by}, na het einde van de "
            "afspraak ({end})",
        },
        {
            "en": "--as-of {day} is more than a year after the last observation "
            "({last})",
            "nl": "--as-of {day} ligt meer dan een jaar na de laatste meting ({last})",
        },
        {
            "en": "--as-of {day} lies before the first observation ({first_day}): "
            "no fact counts",
            "nl": "--as-of {day} ligt vóór de eerste meting ({first_day}): geen "
            "enkel feit telt",
        },
    ),
    # -- the command's own lines (resultframe.cli) -----------------------------------
    "cli": (
        {
            "id": "problem",
            "en": "{n} problem in the input",
            "nl": "{n} probleem in de invoer",
        },
        {
            "id": "problems",
            "en": "{n} problems in the input",
            "nl": "{n} problemen in de invoer",
        },
        {
            "id": "more",
            "en": "... and {n} more (--max-problems lists more)",
            "nl": "... en nog {n} (--max-problems toont er meer)",
        },
        {"id": "error", "en": "error: {message}", "nl": "fout: {message}"},
        {"id": "wrote", "en": "wrote {path}", "nl": "{path} geschreven"},
        {
            "id": "pseudonymized",
            "en": "wrote {path}: {n} rows, column {column} pseudonymized",
            "nl": "{path} geschreven: {n} rijen, kolom {column} gepseudonimiseerd",
        },
        {
            "id": "charts",
            "en": "charts left out: drawing them needs vl-convert-python "
            "(python -m pip install vl-convert-python)",
            "nl": "grafieken weggelaten: om ze te tekenen is vl-convert-python nodig "
            "(python -m pip install vl-convert-python)",
        },
        {
            "en": "no cycle with id {id} (cycles: {known})",
            "nl": "geen terugkoppelcyclus met id {id} (cycli: {known})",
        },
        {
            "en": "no key: set the environment variable {name}, or pass --key-file "
            "FILE (a key is never given on the command line)",
            "nl": "geen sleutel: zet de omgevingsvariabele {name}, of geef "
            "--key-file BESTAND (een sleutel staat nooit op de opdrachtregel)",
        },
        {
            "en": "the key has {n} bytes; a key needs at least {least} (make one "
            "with: {how})",
            "nl": "de sleutel heeft {n} bytes; een sleutel heeft er minstens {least} "
            "nodig (maak er een met: {how})",
        },
        {
            "en": "the file is empty; expected a header line",
            "nl": "het bestand is leeg; verwacht een kopregel",
        },
        {
            "en": "line 1: no column {name}; the columns are {columns}",
            "nl": "regel 1: geen kolom {name}; de kolommen zijn {columns}",
        },
        {
            "en": "line {line}, column {name}: empty; expected a value to pseudonymize",
            "nl": "regel {line}, kolom {name}: leeg; verwacht een waarde om te "
            "pseudonimiseren",
        },
        {
            "en": "not valid {encoding} ({reason}); save it as 'CSV UTF-8' or pass "
            "--encoding (e.g. cp1252)",
            "nl": "geen geldige {encoding} ({reason}); sla het op als 'CSV UTF-8' of "
            "geef --encoding (bijv. cp1252)",
        },
    ),
    # -- usage errors (exit 2) -------------------------------------------------------
    "usage": (
        {
            "id": "min_group",
            "en": "--min-group: expected 0 or more",
            "nl": "--min-group: verwacht 0 of meer",
        },
        {
            "id": "max_problems",
            "en": "--max-problems: expected 0 or more",
            "nl": "--max-problems: verwacht 0 of meer",
        },
        {
            "id": "encoding",
            "en": "--encoding: unknown encoding {name} (such as utf-8, cp1252, utf-16)",
            "nl": "--encoding: onbekende codering {name} (zoals utf-8, cp1252, utf-16)",
        },
        {
            "id": "output",
            "en": "--output {path} is one of the input files; choose another path "
            "(the input would be overwritten)",
            "nl": "--output {path} is een van de invoerbestanden; kies een ander "
            "pad (de invoer zou worden overschreven)",
        },
        {
            "en": "--period: needs --cycle (the cycle whose period it is)",
            "nl": "--period: vraagt --cycle (de cyclus waarvan het de periode is)",
        },
        {
            "en": "--period: expected a day (2026-07-01), a quarter (2026Q3) or a "
            "month (2026-07)" + _GOT,
            "nl": "--period: verwacht een dag (2026-07-01), een kwartaal (2026Q3) of "
            "een maand (2026-07)" + _KREGEN,
        },
        {
            "en": "no period of cycle {id} has ended yet (it starts {start}); pass "
            "--period",
            "nl": "nog geen periode van terugkoppelcyclus {id} is voorbij (de cyclus "
            "begint {start}); geef --period",
        },
        {
            "en": "--period: {period} lies before cycle {id} starts ({start})",
            "nl": "--period: {period} ligt vóór het begin van terugkoppelcyclus {id} "
            "({start})",
        },
        {
            "en": "--period: {period} lies beyond the last day the calendar can hold",
            "nl": "--period: {period} ligt voorbij de laatste dag die de kalender kent",
        },
    ),
}
"""Every message: its code (or group) and its English and Dutch templates."""

_FIELD: Final = re.compile(r"\{(\w+)\}")


def _entries() -> list[dict[str, str]]:
    return [entry for entries in CATALOGUE.values() for entry in entries]


def _pattern(template: str) -> re.Pattern[str]:
    """*template* as a pattern: its literal text, each parameter any text."""
    parts, at = [], 0
    for field in _FIELD.finditer(template):
        parts.append(re.escape(template[at : field.start()]))
        parts.append(f"(?P<{field[1]}>.+?)")
        at = field.end()
    parts.append(re.escape(template[at:]))
    return re.compile("".join(parts), re.DOTALL)


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], dict[str, str]], ...]:
    # The template with the most literal text first: a short one ("line {line}")
    # would also fit a longer message that begins like it.
    entries = sorted(_entries(), key=lambda e: -len(_FIELD.sub("", e["en"])))
    return tuple((_pattern(entry["en"]), entry) for entry in entries)


def text(key: str, lang: str, /, **params: object) -> str:
    """The message *key* (``code.id``, such as ``cli.problems``) in *lang*.

    Only the messages the program writes itself have an id; *params* fill in
    the template.
    """
    code, _, ident = key.partition(".")
    for entry in CATALOGUE[code]:
        if entry.get("id") == ident:
            return entry[lang].format(**params)
    raise KeyError(key)


def _whole(message: str, lang: str) -> str | None:
    """*message* in *lang* if one template fits it whole, else None."""
    for pattern, entry in _patterns():
        found = pattern.fullmatch(message)
        if found is None:
            continue
        params = {
            name: translate(value, lang) if name in _NESTED else value
            for name, value in found.groupdict().items()
        }
        return entry[lang].format(**params)
    return None


def translate(message: str, lang: str) -> str:
    """*message* (English) in *lang*; what no template fits stays as it is.

    A prefix that names a place (``file:line: ``, ``about.field: ``) stays
    in front: the message after the first ``": "`` that leaves a translatable
    rest is translated. A message of a document ends with its place
    (``... @ $.id (line 3)``): both halves are translated.
    """
    if lang == "en" or not message:
        return message
    what, at_sign, place = message.rpartition(" @ ")
    if at_sign:  # a message of a document, at its path (and line)
        return f"{translate(what, lang)} @ {translate(place, lang)}"
    whole = _whole(message, lang)
    if whole is not None:
        return whole
    at = message.find(": ")
    while at != -1:
        rest = _whole(message[at + 2 :], lang)
        if rest is not None:
            return message[: at + 2] + rest
        at = message.find(": ", at + 1)
    return message
