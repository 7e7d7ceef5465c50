"""Benchmark: loading documents, against pydantic v2 (and msgspec as the limit).

Run with the ``bench`` extra installed (``pip install -e ".[bench]"``)::

    python benchmarks/documents.py            # the full workload
    python benchmarks/documents.py --rows 100000   # a quicker look (not the target)

It prints, measured in one run on the same bytes:

(a) loading a framework document with ``resultframe.serialization.loads`` versus
    validating the same JSON bytes into an equivalent pydantic v2 model
    (``model_validate_json``); target ratio <= 1.0;
(b) loading 1,000,000 observations from CSV and from JSON Lines into ``Records``
    versus pydantic v2 validating the same observations as a JSON array
    (``TypeAdapter(list[Observation]).validate_json``); target ratio <= 0.5.

msgspec decoding the same bytes into typed structs is shown as the limit of what
a compiled decoder does. The pydantic and msgspec models check what a JSON Schema
can say (types, enums, id patterns, non-blank text, ranges, no unknown keys);
resultframe checks that and every rule between fields and objects as well
(targets in the indicator's direction, references between ids, the BSN guard).
"""

from __future__ import annotations

import argparse
import datetime as dt
import decimal
import gc
import io
import json
import random
import sys
import time
from typing import TYPE_CHECKING, Annotated, Any, Literal

import msgspec
import pydantic
from pydantic import BaseModel, ConfigDict, Field

from resultframe import (
    Aggregation,
    Agreement,
    Baseline,
    Cadence,
    ConditionKind,
    Derivation,
    Direction,
    FeedbackCycle,
    FundingVariant,
    Indicator,
    Level,
    Means,
    Measure,
    Method,
    Party,
    Period,
    ProcessCondition,
    Question,
    Recognition,
    Records,
    Result,
    ResultKind,
    ResultsFramework,
    Role,
    Scale,
    ScalePoint,
    Stakeholder,
    Target,
)
from resultframe.model import enums as E  # noqa: N812
from resultframe.serialization import dumps, loads, read_csv, read_jsonl

if TYPE_CHECKING:
    from collections.abc import Callable

ID = r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$"
CADENCE = r"^P([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?$"

# -- the equivalent pydantic v2 models ---------------------------------------------------

Id = Annotated[str, Field(pattern=ID)]
Text = Annotated[str, Field(pattern=r"\S")]
Fraction = Annotated[float, Field(ge=0, le=1)]
Duration = Annotated[str, Field(pattern=CADENCE, min_length=2)]


class _Model(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


class PPeriod(_Model):
    start: dt.date
    end: dt.date


class PMeans(_Model):
    description: Text
    amount: Annotated[str, Field(pattern=r"^[0-9]+(\.[0-9]+)?$")] | None = None
    currency: Annotated[str, Field(min_length=3, max_length=3)] = "EUR"


class PAgreement(_Model):
    purpose: str
    period: PPeriod
    context: str = ""
    means: tuple[PMeans, ...] = ()
    funding: E.FundingVariant | None = None


class PScalePoint(_Model):
    value: int
    label: Text


class PScale(_Model):
    id: Id
    name: Text
    points: tuple[PScalePoint, ...] = Field(min_length=2)


class PBaseline(_Model):
    value: float
    on: dt.date
    note: str = ""


class PTarget(_Model):
    value: float
    by: dt.date
    note: str = ""


class PDerivation(_Model):
    source: Id
    aggregation: E.Aggregation
    threshold: float | None = None


class PIndicator(_Model):
    id: Id
    name: Text
    measure: E.Measure
    direction: E.Direction
    question: E.Question
    unit: str = ""
    scale: PScale | None = None
    baseline: PBaseline | None = None
    targets: tuple[PTarget, ...] = ()
    tolerance: Fraction = 0.1
    band: float | None = None
    accumulation: E.Accumulation = E.Accumulation.LATEST
    derived_from: PDerivation | None = None


class PMethod(_Model):
    name: Text
    recognition: E.Recognition | None = None
    recognised_until: dt.date | None = None


class PProcessCondition(_Model):
    id: Id
    name: Text
    kind: E.ConditionKind
    requirement: str = ""
    method: PMethod | None = None
    reassess_every: Duration | None = None


class PParty(_Model):
    id: Id
    name: Text
    role: E.Role


class PResult(_Model):
    id: Id
    statement: Text
    level: E.Level
    kind: E.ResultKind
    for_whom: tuple[E.Stakeholder, ...] = ()
    indicators: tuple[PIndicator, ...] = ()
    conditions: tuple[Id, ...] = ()
    contributes_to: tuple[Id, ...] = ()
    responsible: tuple[Id, ...] = ()
    description: str = ""


class PFeedbackCycle(_Model):
    id: Id
    name: Text
    reports_to: Id
    cadence: Duration
    starts_on: dt.date
    results: tuple[Id, ...] = ()
    tolerance: Fraction | None = None


class PFramework(_Model):
    format: Literal["resultframe/framework"]
    version: Literal[1]
    id: Id
    name: Text
    agreement: PAgreement
    results: tuple[PResult, ...] = ()
    conditions: tuple[PProcessCondition, ...] = ()
    cycles: tuple[PFeedbackCycle, ...] = ()
    parties: tuple[PParty, ...] = ()


class PObservation(_Model):
    indicator: Id
    subject: Id
    on: dt.date
    value: float | int | bool | Text
    note: str = ""
    source: str = ""


# -- msgspec, the limit --------------------------------------------------------------------

MId = Annotated[str, msgspec.Meta(pattern=ID)]
MText = Annotated[str, msgspec.Meta(pattern=r"\S")]


class _Struct(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    pass


class MPeriod(_Struct):
    start: dt.date
    end: dt.date


class MMeans(_Struct):
    description: MText
    amount: Annotated[str, msgspec.Meta(pattern=r"^[0-9]+(\.[0-9]+)?$")] | None = None
    currency: str = "EUR"


class MAgreement(_Struct):
    purpose: str
    period: MPeriod
    context: str = ""
    means: tuple[MMeans, ...] = ()
    funding: E.FundingVariant | None = None


class MScalePoint(_Struct):
    value: int
    label: MText


class MScale(_Struct):
    id: MId
    name: MText
    points: tuple[MScalePoint, ...]


class MBaseline(_Struct):
    value: float
    on: dt.date
    note: str = ""


class MTarget(_Struct):
    value: float
    by: dt.date
    note: str = ""


class MDerivation(_Struct):
    source: MId
    aggregation: E.Aggregation
    threshold: float | None = None


class MIndicator(_Struct):
    id: MId
    name: MText
    measure: E.Measure
    direction: E.Direction
    question: E.Question
    unit: str = ""
    scale: MScale | None = None
    baseline: MBaseline | None = None
    targets: tuple[MTarget, ...] = ()
    tolerance: Annotated[float, msgspec.Meta(ge=0, le=1)] = 0.1
    band: float | None = None
    accumulation: E.Accumulation = E.Accumulation.LATEST
    derived_from: MDerivation | None = None


class MMethod(_Struct):
    name: MText
    recognition: E.Recognition | None = None
    recognised_until: dt.date | None = None


class MProcessCondition(_Struct):
    id: MId
    name: MText
    kind: E.ConditionKind
    requirement: str = ""
    method: MMethod | None = None
    reassess_every: Annotated[str, msgspec.Meta(pattern=CADENCE)] | None = None


class MParty(_Struct):
    id: MId
    name: MText
    role: E.Role


class MResult(_Struct):
    id: MId
    statement: MText
    level: E.Level
    kind: E.ResultKind
    for_whom: tuple[E.Stakeholder, ...] = ()
    indicators: tuple[MIndicator, ...] = ()
    conditions: tuple[MId, ...] = ()
    contributes_to: tuple[MId, ...] = ()
    responsible: tuple[MId, ...] = ()
    description: str = ""


class MFeedbackCycle(_Struct):
    id: MId
    name: MText
    reports_to: MId
    cadence: Annotated[str, msgspec.Meta(pattern=CADENCE)]
    starts_on: dt.date
    results: tuple[MId, ...] = ()
    tolerance: Annotated[float, msgspec.Meta(ge=0, le=1)] | None = None


class MFramework(_Struct):
    format: Literal["resultframe/framework"]
    version: Literal[1]
    id: MId
    name: MText
    agreement: MAgreement
    results: tuple[MResult, ...] = ()
    conditions: tuple[MProcessCondition, ...] = ()
    cycles: tuple[MFeedbackCycle, ...] = ()
    parties: tuple[MParty, ...] = ()


class MObservation(_Struct):
    indicator: MId
    subject: MId
    on: dt.date
    value: float | int | bool | str
    note: str = ""
    source: str = ""


# -- the workload ----------------------------------------------------------------------------

START = dt.date(2025, 1, 1)
END = dt.date(2028, 12, 31)
ZRM = Scale(
    id="zrm",
    name="Zelfredzaamheid-Matrix",
    points=tuple(
        ScalePoint(value=v, label=label)
        for v, label in enumerate(
            ["acuut", "niet zelfredzaam", "beperkt", "voldoende", "volledig"], 1
        )
    ),
)


def realistic_framework() -> ResultsFramework:
    """A municipal framework: 12 micro, 8 meso and 4 macro results, 72 indicators."""
    parties = (
        Party(id="gemeente", name="Gemeente Voorbeeldstad", role=Role.COMMISSIONER),
        Party(id="wijkteam", name="Wijkteam", role=Role.PROVIDER),
        Party(id="schuldhulp", name="Schuldhulpverlening", role=Role.PROVIDER),
        Party(id="welzijn", name="Welzijnsorganisatie", role=Role.PARTNER),
        Party(id="raad", name="Gemeenteraad", role=Role.COMMISSIONER),
    )
    conditions = tuple(
        ProcessCondition(
            id=f"c-{i}",
            name=f"Voorwaarde {i}",
            kind=list(ConditionKind)[i % len(ConditionKind)],
            requirement="Vastgelegd in het kwaliteitskader en jaarlijks getoetst.",
            method=Method(
                name="Krachtgericht werken",
                recognition=Recognition.GOOD_INDICATIONS,
                recognised_until=dt.date(2027, 6, 30),
            )
            if i % 3 == 0
            else None,
            reassess_every=Cadence(months=6),
        )
        for i in range(10)
    )
    results: list[Result] = []
    micro_indicators: list[str] = []
    for i in range(12):
        indicators = []
        for j in range(3):
            iid = f"m{i}-i{j}"
            micro_indicators.append(iid)
            if j == 0:
                indicator = Indicator(
                    id=iid,
                    name=f"ZRM domein {i}",
                    measure=Measure.ORDINAL,
                    direction=Direction.INCREASE,
                    question=Question.BETTER_OFF,
                    scale=ZRM,
                    baseline=Baseline(value=2, on=START, note="intake"),
                    targets=(
                        Target(value=3, by=dt.date(2026, 6, 30)),
                        Target(value=4, by=END),
                    ),
                )
            else:
                indicator = Indicator(
                    id=iid,
                    name=f"Aantal contacten {i}.{j}",
                    measure=Measure.QUANTITY,
                    direction=Direction.DECREASE,
                    question=Question.HOW_MUCH,
                    unit="contacten per maand",
                    baseline=Baseline(value=12.5, on=START),
                    targets=(
                        Target(value=10, by=dt.date(2026, 12, 31)),
                        Target(value=8.25, by=END),
                    ),
                    tolerance=0.15,
                )
            indicators.append(indicator)
        results.append(
            Result(
                id=f"micro-{i}",
                statement=f"Inwoners in situatie {i} redden zich beter",
                level=Level.MICRO,
                kind=ResultKind.OUTCOME,
                for_whom=(Stakeholder.RESIDENT, Stakeholder.HOUSEHOLD),
                indicators=tuple(indicators),
                conditions=(f"c-{i % 10}", f"c-{(i + 1) % 10}"),
                contributes_to=(f"meso-{i % 8}",),
                responsible=("wijkteam",),
                description="Uit het beleidsplan sociaal domein.",
            )
        )
    for i in range(8):
        indicators = [
            Indicator(
                id=f"s{i}-i{j}",
                name=f"Aandeel verbeterd {i}.{j}",
                measure=Measure.PERCENTAGE,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                baseline=Baseline(value=40, on=START),
                targets=(
                    Target(value=55, by=dt.date(2026, 12, 31)),
                    Target(value=65, by=END),
                ),
                derived_from=Derivation(
                    source=micro_indicators[(i * 3 + j) % len(micro_indicators)],
                    aggregation=Aggregation.SHARE_IMPROVED,
                ),
            )
            for j in range(3)
        ]
        results.append(
            Result(
                id=f"meso-{i}",
                statement=f"Wijk {i} is een plek waar mensen elkaar helpen",
                level=Level.MESO,
                kind=ResultKind.OUTCOME,
                for_whom=(Stakeholder.NEIGHBOURHOOD,),
                indicators=tuple(indicators),
                conditions=(f"c-{i}",),
                contributes_to=(f"macro-{i % 4}",),
                responsible=("wijkteam", "welzijn"),
            )
        )
    for i in range(4):
        indicators = [
            Indicator(
                id=f"g{i}-i{j}",
                name=f"Gemiddelde zelfredzaamheid {i}.{j}",
                measure=Measure.QUANTITY,
                direction=Direction.INCREASE,
                question=Question.BETTER_OFF,
                baseline=Baseline(value=2.4, on=START),
                targets=(Target(value=3.1, by=END),),
                derived_from=Derivation(
                    source=micro_indicators[(i * 3 + j) % len(micro_indicators)],
                    aggregation=Aggregation.MEAN,
                ),
            )
            for j in range(3)
        ]
        results.append(
            Result(
                id=f"macro-{i}",
                statement=f"Voorbeeldstad is zelfredzaam ({i})",
                level=Level.MACRO,
                kind=ResultKind.IMPACT,
                for_whom=(Stakeholder.SOCIETY,),
                indicators=tuple(indicators),
                responsible=("gemeente",),
            )
        )
    cycles = (
        FeedbackCycle(
            id="kwartaal",
            name="Kwartaalgesprek",
            reports_to="gemeente",
            cadence=Cadence(months=3),
            starts_on=START,
        ),
        FeedbackCycle(
            id="wijk",
            name="Wijkoverleg",
            reports_to="wijkteam",
            cadence=Cadence(weeks=6),
            starts_on=START,
            results=tuple(f"meso-{i}" for i in range(8)),
            tolerance=0.2,
        ),
        FeedbackCycle(
            id="raadsinformatie",
            name="Raadsinformatie",
            reports_to="raad",
            cadence=Cadence(months=12),
            starts_on=START,
            results=tuple(f"macro-{i}" for i in range(4)),
        ),
    )
    return ResultsFramework(
        id="sociaal-domein-2025",
        name="Resultatenkader sociaal domein 2025-2028",
        agreement=Agreement(
            purpose="Inwoners doen mee en redden zich, met steun waar nodig.",
            context="Wmo 2015, Jeugdwet en Participatiewet; wijkgericht werken.",
            period=Period(start=START, end=END),
            means=(
                Means(
                    description="Budget wijkteams", amount=decimal.Decimal("4250000.00")
                ),
                Means(description="Schuldhulp", amount=decimal.Decimal("980000.00")),
            ),
            funding=FundingVariant.TASK_BASED,
        ),
        results=tuple(results),
        conditions=conditions,
        cycles=cycles,
        parties=parties,
    )


def observation_rows(n: int, seed: int = 2025) -> list[dict[str, Any]]:
    """*n* observations of 20 indicators for 50,000 residents over two years."""
    rng = random.Random(seed)
    days = [(START + dt.timedelta(days=d)).isoformat() for d in range(730)]
    subjects = [f"r-{s:06d}" for s in range(50_000)]
    indicators = [f"m{i}-i0" for i in range(12)] + [f"m{i}-i1" for i in range(8)]
    rows: list[dict[str, Any]] = []
    for k in range(n):
        indicator = indicators[k % len(indicators)]
        value: float | int = (
            rng.randint(1, 5)
            if indicator.endswith("i0")
            else round(rng.uniform(0, 20), 2)
        )
        row: dict[str, Any] = {
            "indicator": indicator,
            "subject": subjects[rng.randrange(len(subjects))],
            "on": days[rng.randrange(len(days))],
            "value": value,
        }
        if k % 10 == 0:
            row["note"] = "na gesprek met consulent"
        row["source"] = "wijkteam"
        rows.append(row)
    return rows


def to_csv(rows: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    out.write("indicator,subject,on,value,note,source\n")
    for r in rows:
        out.write(
            f"{r['indicator']},{r['subject']},{r['on']},{r['value']},"
            f"{r.get('note', '')},{r['source']}\n"
        )
    return out.getvalue().encode("utf-8")


def to_jsonl(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in rows).encode("utf-8")


# -- timing ------------------------------------------------------------------------------------


def best_of(fn: Callable[[], object], *, repeat: int, number: int = 1) -> float:
    """The best time of *repeat* runs of *number* calls, per call, in seconds."""
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def text_of(data: bytes, *, newline: str | None) -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline=newline)


def verdict(ratio: float, target: float) -> str:
    return "met" if ratio <= target else f"NOT met (target <= {target})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args(argv)

    print(
        f"python {sys.version.split()[0]}, pydantic {pydantic.VERSION}, msgspec {msgspec.__version__}"
    )

    framework = realistic_framework()
    document = dumps(framework).encode("utf-8")
    if loads(document) != framework:
        raise SystemExit("framework document does not load back equal")
    PFramework.model_validate_json(document)
    msgspec.json.decode(document, type=MFramework)
    n_objects = document.count(b"{")
    ours = best_of(lambda: loads(document), repeat=5, number=20)
    theirs = best_of(
        lambda: PFramework.model_validate_json(document), repeat=5, number=20
    )
    limit = best_of(
        lambda: msgspec.json.decode(document, type=MFramework), repeat=5, number=20
    )
    print(f"\n(a) framework document: {len(document):,} bytes, {n_objects} objects")
    print(f"    resultframe loads      {ours * 1e3:8.2f} ms")
    print(f"    pydantic v2            {theirs * 1e3:8.2f} ms")
    print(f"    msgspec (limit)        {limit * 1e3:8.2f} ms")
    ratio_a = ours / theirs
    print(f"    ratio resultframe / pydantic = {ratio_a:.2f}  {verdict(ratio_a, 1.0)}")

    rows = observation_rows(args.rows)
    csv_bytes = to_csv(rows)
    jsonl_bytes = to_jsonl(rows)
    array_bytes = json.dumps(rows).encode("utf-8")
    del rows
    gc.collect()
    adapter = pydantic.TypeAdapter(list[PObservation])

    def csv_load() -> Records:
        return read_csv(text_of(csv_bytes, newline="")).records

    def jsonl_load() -> Records:
        return read_jsonl(text_of(jsonl_bytes, newline=None)).records

    records = csv_load()
    if len(records) != args.rows or jsonl_load() != records:
        raise SystemExit("CSV and JSONL readers disagree with the rows written")
    del records
    t_csv = best_of(csv_load, repeat=args.repeat)
    t_jsonl = best_of(jsonl_load, repeat=args.repeat)
    t_pydantic = best_of(lambda: adapter.validate_json(array_bytes), repeat=args.repeat)
    t_msgspec = best_of(
        lambda: msgspec.json.decode(array_bytes, type=list[MObservation]),
        repeat=args.repeat,
    )
    print(f"\n(b) {args.rows:,} observations")
    print(
        f"    CSV   {len(csv_bytes) / 1e6:7.1f} MB  resultframe read_csv    {t_csv:7.2f} s"
    )
    print(
        f"    JSONL {len(jsonl_bytes) / 1e6:7.1f} MB  resultframe read_jsonl  {t_jsonl:7.2f} s"
    )
    print(
        f"    JSON  {len(array_bytes) / 1e6:7.1f} MB  pydantic v2 list        {t_pydantic:7.2f} s"
    )
    print(
        f"    JSON  {len(array_bytes) / 1e6:7.1f} MB  msgspec (limit)         {t_msgspec:7.2f} s"
    )
    for name, t in (("CSV", t_csv), ("JSONL", t_jsonl)):
        ratio = t / t_pydantic
        print(f"    ratio {name:5} / pydantic = {ratio:.2f}  {verdict(ratio, 0.5)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
