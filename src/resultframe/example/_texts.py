"""The example's texts in Dutch (teksten): the same framework and facts, other words.

The example is built in English; :data:`FRAMEWORK_NL` gives the Dutch text of every
text of the framework, keyed by the id of what it belongs to (``result:<id>.statement``,
``indicator:<id>.name``, ``agreement.means.0.description``), and :data:`RECORDS_NL`
the Dutch text of every note, story and source of the facts, keyed by the English
text (the facts have no ids of their own). Ids, numbers and days are the same in
both languages, so the Dutch and the English report evaluate the same data.
A test checks that every text has its Dutch version.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

import attrs

if TYPE_CHECKING:
    from resultframe.model import ResultsFramework

__all__ = ["FRAMEWORK_NL", "RECORDS_NL", "framework_texts", "localize"]

_ZRM_NOTE: Final = (
    "Gebruikelijke score bij de intake; telt de eerste eigen score van elke inwoner"
)

FRAMEWORK_NL: Final[dict[str, str]] = {
    "name": "Wijkteams Voorbeeldstad 2025-2027",
    "agreement.purpose": (
        "Inwoners van Voorbeeldstad die ondersteuning nodig hebben, krijgen die "
        "vroeg, in hun eigen wijk, en worden en blijven zelfredzaam"
    ),
    "agreement.context": (
        "Vier wijken met samen zo'n 60.000 inwoners; een krappe woningmarkt en "
        "stijgende vaste lasten; de Wmo-maatwerkvoorzieningen groeiden voor 2025 "
        "met 6% per jaar"
    ),
    "agreement.means.0.description": "Professionals van de wijkteams (38 fte) per jaar",
    "agreement.means.1.description": (
        "Budget voor ondersteuning binnen het mandaat van de wijkteams per jaar"
    ),
    "agreement.means.2.description": "Training in ZRM en GAS",
    "agreement.means.3.description": "Spreekuren in buurthuizen en huisartsenpraktijken",
    "result:inwoner-zelfredzaam.statement": (
        "Inwoners die het wijkteam ondersteunt, zijn ten minste voldoende "
        "zelfredzaam op de leefgebieden waarvoor zij hulp vroegen"
    ),
    "result:inwoner-zelfredzaam.description": (
        "Gescoord met de Zelfredzaamheid-Matrix 2017 bij de intake en elk "
        "kwartaal, alleen op de leefgebieden die met de inwoner zijn besproken."
    ),
    "result:inwoner-doelen.statement": (
        "Inwoners bereiken de doelen van hun eigen ondersteuningsplan"
    ),
    "result:inwoner-doelen.description": (
        "Goal Attainment Scaling: elk doel begint op -1 en hoort op de in het plan "
        "afgesproken datum 0 te halen; -3 is slechter dan bij de start."
    ),
    "result:wijk-zelfredzaam.statement": (
        "In elke wijk hebben meer inwoners die ondersteuning krijgen hun "
        "financiën op orde, en zijn zij tevreden over die ondersteuning"
    ),
    "result:gemeente-minder-maatwerk.statement": (
        "Minder inwoners van Voorbeeldstad hebben Wmo-maatwerk nodig, omdat de "
        "algemene ondersteuning in de wijk eerder komt"
    ),
    "indicator:zrm2017-financien.baseline.note": _ZRM_NOTE,
    "indicator:zrm2017-huisvesting.baseline.note": _ZRM_NOTE,
    "indicator:zrm2017-geestelijke-gezondheid.baseline.note": _ZRM_NOTE,
    "indicator:zrm2017-sociaal-netwerk.baseline.note": _ZRM_NOTE,
    "indicator:zrm2017-maatschappelijke-participatie.baseline.note": _ZRM_NOTE,
    "indicator:gas-goal-1.name": "GAS-doel 1",
    "indicator:gas-goal-2.name": "GAS-doel 2",
    "indicator:gas-goal-3.name": "GAS-doel 3",
    "indicator:gas-goal-1.baseline.note": "GAS-startniveau",
    "indicator:gas-goal-2.baseline.note": "GAS-startniveau",
    "indicator:gas-goal-3.baseline.note": "GAS-startniveau",
    "indicator:gas-goal-1.targets.0.note": "De verwachte uitkomst",
    "indicator:gas-goal-2.targets.0.note": "De verwachte uitkomst",
    "indicator:gas-goal-3.targets.0.note": "De verwachte uitkomst",
    "indicator:wijk-financien-voldoende.name": (
        "Aandeel ondersteunde inwoners ten minste voldoende zelfredzaam in financiën"
    ),
    "indicator:wijk-financien-voldoende.baseline.note": (
        "Nulmeting: aandeel op 31-12-2024"
    ),
    "indicator:wijk-tevredenheid.name": (
        "Inwoners tevreden over de ondersteuning (cliëntonderzoek)"
    ),
    "indicator:wijk-tevredenheid.baseline.note": "Onderzoek 2024",
    "indicator:wijk-verhaal.name": "Het verhaal van de wijk, verteld door het wijkteam",
    "indicator:maatwerk-per-10k.name": (
        "Wmo-maatwerkvoorzieningen per 10.000 inwoners"
    ),
    "indicator:maatwerk-per-10k.unit": "per 10.000",
    "indicator:maatwerk-per-10k.baseline.note": "Naar CBS-voorbeeld, 2024",
    "condition:c-methode.name": "Een erkende methode voor krachtgerichte ondersteuning",
    "condition:c-methode.requirement": (
        "Elk wijkteam werkt met de erkende methode, getoetst met een jaarlijkse "
        "modelgetrouwheidsaudit"
    ),
    "condition:c-methode.method.name": "Krachtig in de Wijk (fictief)",
    "condition:c-kwaliteit.name": "Casuïstiekoverleg en een kwaliteitskader",
    "condition:c-kwaliteit.requirement": (
        "Maandelijks intervisie in elk team; klachten binnen zes weken afgehandeld"
    ),
    "condition:c-zrm-meting.name": "ZRM gescoord bij de intake en elk kwartaal",
    "condition:c-zrm-meting.requirement": (
        "Van ten minste 90% van de open casussen is de ZRM-score minder dan vier "
        "maanden oud"
    ),
    "condition:c-deskundigheid.name": "Professionals getraind in ZRM en GAS",
    "condition:c-deskundigheid.requirement": (
        "Elke professional heeft de training in ZRM en GAS afgerond"
    ),
    "condition:c-mandaat.name": (
        "Wijkteams besluiten over ondersteuning zonder voorafgaande toestemming"
    ),
    "condition:c-mandaat.requirement": (
        "Een wijkteam regelt ondersteuning tot € 5.000 per huishouden zonder "
        "toestemming van de gemeente"
    ),
    "condition:c-zelfsturing.name": "Teams plannen en evalueren hun eigen werk",
    "condition:c-zelfsturing.requirement": (
        "Elk team stelt zijn kwartaalprioriteiten op uit de eigen cijfers en "
        "bespreekt ze met de teamcoach"
    ),
    "condition:c-formatie.name": "Genoeg professionals voor de caseload",
    "condition:c-formatie.requirement": (
        "Niet meer dan 35 open casussen per voltijds professional"
    ),
    "condition:c-samenwerking.name": "Convenant met woningcorporaties en huisartsen",
    "condition:c-samenwerking.requirement": (
        "Woningcorporaties en huisartsenpraktijken signaleren vroeg en verwijzen "
        "naar het wijkteam"
    ),
    "cycle:kwartaal.name": "Kwartaalgesprek met de gemeente",
    "party:gemeente.name": "Gemeente Voorbeeldstad (sociaal domein)",
    "party:wijkteams.name": "Stichting Wijkteams Voorbeeldstad",
    "party:corporaties.name": "Woningcorporaties van Voorbeeldstad",
}
"""The Dutch text of every text of the example framework, by id and field."""

RECORDS_NL: Final[dict[str, str]] = {
    # Sources of observations.
    "CBS-like statistics (synthetic)": "statistiek naar CBS-voorbeeld (synthetisch)",
    "pulse survey": "pulsonderzoek",
    "wijkteam": "wijkteam",
    "wijkteam registration": "registratie wijkteam",
    # The stories of the neighbourhoods.
    "Many new residents in rented rooms; GP office hours show debts earlier.": (
        "Veel nieuwe inwoners op kamers; het spreekuur bij de huisarts brengt "
        "schulden eerder in beeld."
    ),
    "The urgency desk with the housing corporation works: two families stayed.": (
        "Het urgentieloket met de woningcorporatie werkt: twee gezinnen konden blijven."
    ),
    "Waiting times grew with the approval rules; residents come back worse off.": (
        "De wachttijden groeiden met de toestemmingsregels; inwoners komen er "
        "slechter aan toe terug."
    ),
    "Small village, everyone knows us; few young adults ask for help.": (
        "Klein dorp, iedereen kent ons; weinig jongvolwassenen vragen om hulp."
    ),
    "The village council helps to find volunteers for transport.": (
        "De dorpsraad helpt vrijwilligers voor vervoer te vinden."
    ),
    "Loneliness among older residents is the main theme this half year.": (
        "Eenzaamheid onder oudere inwoners is dit halfjaar het hoofdthema."
    ),
    "The budget café in the community centre draws twenty residents a week.": (
        "Het budgetcafé in het buurthuis trekt twintig inwoners per week."
    ),
    "Volunteers from the budget café now help neighbours with the post.": (
        "Vrijwilligers van het budgetcafé helpen buren nu met de post."
    ),
    "Budget café and walking group run by residents themselves; we step back.": (
        "Budgetcafé en wandelgroep draaien op de inwoners zelf; wij doen een stap terug."
    ),
    "Two professionals left; waiting list of six weeks for a first talk.": (
        "Twee professionals vertrokken; zes weken wachten op een eerste gesprek."
    ),
    "Caseload still high; we only see the most urgent cases.": (
        "De caseload is nog hoog; we zien alleen de meest urgente casussen."
    ),
    "One vacancy filled; the backlog of ZRM scores is almost gone.": (
        "Eén vacature vervuld; de achterstand in ZRM-scores is bijna weg."
    ),
    # Notes on residents' scores.
    "Debts handed over to debt counselling; income now stable": (
        "Schulden overgedragen aan de schuldhulpverlening; inkomen nu stabiel"
    ),
    "Payment arrangement with the energy company": (
        "Betalingsregeling met het energiebedrijf"
    ),
    "Applied for the allowance they were entitled to": (
        "Toeslag aangevraagd waar recht op was"
    ),
    "New arrears after the job ended": "Nieuwe achterstanden na het einde van de baan",
    "Started with the practice nurse for mental health": (
        "Begonnen bij de praktijkondersteuner ggz"
    ),
    "Waiting list for specialised mental health care": "Wachtlijst voor de specialistische ggz",
    "Sleeps better since the debts are settled": (
        "Slaapt beter sinds de schulden geregeld zijn"
    ),
    "Eviction averted with the housing corporation": (
        "Uitzetting voorkomen met de woningcorporatie"
    ),
    "Moved to a social rental home through the urgency desk": (
        "Via het urgentieloket naar een sociale huurwoning verhuisd"
    ),
    "On the waiting list for social housing; urgency refused": (
        "Op de wachtlijst voor sociale huur; urgentie geweigerd"
    ),
    "Staying with friends since the landlord sold the house": (
        "Logeert bij vrienden sinds de verhuurder het huis verkocht"
    ),
    "Volunteers two mornings a week at the food bank": (
        "Twee ochtenden per week vrijwilliger bij de voedselbank"
    ),
    "Started a work-experience place": "Begonnen aan een werkervaringsplek",
    "Lost the day-time activity after moving": "Dagbesteding kwijt na de verhuizing",
    "Joined the walking group at the community centre": (
        "Doet mee met de wandelgroep in het buurthuis"
    ),
    "Buddy from the volunteers' organisation": "Maatje van de vrijwilligersorganisatie",
    "Partner left; little contact with family": "Partner vertrokken; weinig contact met familie",
    "Sister helps with the administration again": "Zus helpt weer met de administratie",
    # Assessments of the conditions.
    "6 new professionals not trained yet": "6 nieuwe professionals nog niet getraind",
    "41 cases per FTE in Oost; two vacancies": "41 casussen per fte in Oost; twee vacatures",
    "New procurement rules: approval needed above EUR 1,500": (
        "Nieuwe inkoopregels: toestemming nodig boven € 1.500"
    ),
    "Approval needed above EUR 500 since May; teams wait three weeks": (
        "Sinds mei toestemming nodig boven € 500; teams wachten drie weken"
    ),
    "Fidelity audit: 11 of 12 teams work by the method": (
        "Modelgetrouwheidsaudit: 11 van de 12 teams werken volgens de methode"
    ),
    "Covenant renewed; GP practices in all four neighbourhoods take part": (
        "Convenant vernieuwd; huisartsenpraktijken in alle vier de wijken doen mee"
    ),
    "Two teams still plan top-down": "Twee teams plannen nog van bovenaf",
    "82% of open cases scored on time": "82% van de open casussen op tijd gescoord",
    # Reviews and their decisions.
    "First quarter: intake of the residents who were already supported.": (
        "Eerste kwartaal: intake van de inwoners die al ondersteuning kregen."
    ),
    "Not every intake is scored: add the ZRM to the intake form": (
        "Niet elke intake wordt gescoord: neem de ZRM op in het intakeformulier"
    ),
    "On course": "Op koers",
    "Housing is the domain where residents do not move forward.": (
        "Huisvesting is het leefgebied waarop inwoners niet vooruitkomen."
    ),
    "Housing lags behind: start an urgency desk with the housing corporations": (
        "Huisvesting blijft achter: begin een urgentieloket met de woningcorporaties"
    ),
    "A good year; the GP office hours are a success.": (
        "Een goed jaar; de spreekuren bij de huisarts zijn een succes."
    ),
    "Office hours in GP practices prevent customised support: open them in every practice": (
        "Spreekuren in huisartsenpraktijken voorkomen maatwerk: open ze in elke praktijk"
    ),
    "Concerns about the mandate of the teams.": "Zorgen over het mandaat van de teams.",
    "The new approval rules slow the teams down: to the alderman": (
        "De nieuwe toestemmingsregels remmen de teams af: naar de wethouder"
    ),
    "Caseload in Oost too high.": "Caseload in Oost te hoog.",
    "Fill the two vacancies in Oost before the autumn": (
        "Vervul de twee vacatures in Oost voor het najaar"
    ),
    "Oost lags behind on finances: the budget café of Noord starts in Oost too": (
        "Oost blijft achter op financiën: het budgetcafé van Noord begint ook in Oost"
    ),
    # Residents' own goals.
    "Children go to school every day": "Kinderen gaan elke dag naar school",
    "Keeps the house clean and safe": "Houdt het huis schoon en veilig",
    "Has someone to call when things go wrong": "Heeft iemand om te bellen als het misgaat",
    "Pays the rent on time every month": "Betaalt elke maand de huur op tijd",
    "Has a job or a work-experience place": "Heeft werk of een werkervaringsplek",
    "Has an overview of income and expenses": "Heeft overzicht over inkomsten en uitgaven",
    "Cooks a hot meal most days": "Kookt de meeste dagen een warme maaltijd",
    "Goes to the day-time activity three times a week": (
        "Gaat drie keer per week naar de dagbesteding"
    ),
    "Handles the post without help": "Handelt de post zonder hulp af",
    "Visits the GP when needed": "Gaat naar de huisarts als dat nodig is",
}
"""The Dutch text of every note, story and source in the example's facts."""


def _texts(obj: object, prefix: str, fields: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for name in fields:
        value = getattr(obj, name, None)
        if isinstance(value, str) and value:
            out[f"{prefix}{name}"] = value
    return out


def framework_texts(fw: ResultsFramework) -> dict[str, str]:
    """Every text of *fw* that people read, keyed as in :data:`FRAMEWORK_NL`.

    Names that come from an instrument and are Dutch already (the ZRM's
    indicator names and scale labels) are not listed.
    """
    out = {"name": fw.name} | _texts(fw.agreement, "agreement.", ("purpose", "context"))
    for i, m in enumerate(fw.agreement.means):
        out[f"agreement.means.{i}.description"] = m.description
    for r in fw.results:
        out |= _texts(r, f"result:{r.id}.", ("statement", "description"))
        for ind in r.indicators:
            key = f"indicator:{ind.id}."
            if not ind.name.startswith("ZRM "):
                out |= _texts(ind, key, ("name",))
            if ind.unit not in {"", "%"}:
                out |= _texts(ind, key, ("unit",))
            if ind.baseline is not None:
                out |= _texts(ind.baseline, f"{key}baseline.", ("note",))
            for n, t in enumerate(ind.targets):
                if t.note != "Voldoende zelfredzaam":  # the ZRM's own words
                    out |= _texts(t, f"{key}targets.{n}.", ("note",))
    for c in fw.conditions:
        out |= _texts(c, f"condition:{c.id}.", ("name", "requirement"))
        if c.method is not None:
            out |= _texts(c.method, f"condition:{c.id}.method.", ("name",))
    for cy in fw.cycles:
        out |= _texts(cy, f"cycle:{cy.id}.", ("name",))
    for p in fw.parties:
        out |= _texts(p, f"party:{p.id}.", ("name",))
    return out


def localize(fw: ResultsFramework, texts: dict[str, str]) -> ResultsFramework:
    """*fw* with every text that *texts* has a version of replaced; ids stay."""

    def t(key: str, value: str) -> str:
        return texts.get(key, value)

    def fix(obj: Any, prefix: str, *fields: str, **more: object) -> Any:  # noqa: ANN401
        changes = {f: t(prefix + f, getattr(obj, f)) for f in fields}
        return attrs.evolve(obj, **changes, **more)

    def indicator(ind: Any) -> Any:  # noqa: ANN401
        key = f"indicator:{ind.id}."
        return fix(
            ind,
            key,
            "name",
            "unit",
            baseline=fix(ind.baseline, f"{key}baseline.", "note")
            if ind.baseline is not None
            else None,
            targets=tuple(
                fix(tg, f"{key}targets.{n}.", "note")
                for n, tg in enumerate(ind.targets)
            ),
        )

    a = fw.agreement
    return attrs.evolve(
        fw,
        name=t("name", fw.name),
        agreement=fix(
            a,
            "agreement.",
            "purpose",
            "context",
            means=tuple(
                fix(m, f"agreement.means.{i}.", "description")
                for i, m in enumerate(a.means)
            ),
        ),
        results=tuple(
            fix(
                r,
                f"result:{r.id}.",
                "statement",
                "description",
                indicators=tuple(indicator(i) for i in r.indicators),
            )
            for r in fw.results
        ),
        conditions=tuple(
            fix(
                c,
                f"condition:{c.id}.",
                "name",
                "requirement",
                method=fix(c.method, f"condition:{c.id}.method.", "name")
                if c.method is not None
                else None,
            )
            for c in fw.conditions
        ),
        cycles=tuple(fix(cy, f"cycle:{cy.id}.", "name") for cy in fw.cycles),
        parties=tuple(fix(p, f"party:{p.id}.", "name") for p in fw.parties),
    )
