"""The schemas `resultframe schema` prints agree with what is read and written.

- the Table Schemas of the CSV fact files: a CSV that ``write_csv`` writes fits
  its descriptor, and ``read_csv`` refuses a file without a column the descriptor
  requires and reads one without an optional column;
- the JSON Schemas of the report and the agenda: the documents the bundled
  example renders validate against them, and a broken document does not.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import jsonschema
import pytest

from resultframe import example
from resultframe.cli import main
from resultframe.errors import InvalidDocument
from resultframe.report import build_report, render, render_agenda
from resultframe.report.schema import agenda_schema, report_schema
from resultframe.serialization import read_csv, write_csv
from resultframe.serialization.table_schema import table_schema
from resultframe.steering import agenda

KINDS = ("observations", "subjects", "goals", "assessments")


def _written(kind: str) -> list[dict[str, str]]:
    out = io.StringIO()
    write_csv(example.records(), out, kind, framework=example.framework())  # type: ignore[arg-type]
    return list(csv.DictReader(io.StringIO(out.getvalue())))


def _fits(field: dict[str, Any], cell: str) -> bool:
    if cell == "":
        return not field.get("constraints", {}).get("required", False)
    allowed = field.get("constraints", {}).get("enum")
    if allowed is not None and cell not in allowed:
        return False
    kind = field["type"]
    if kind == "date":
        dt.date.fromisoformat(cell)
    elif kind == "number":
        float(cell)
    return True


@pytest.mark.parametrize("kind", KINDS)
def test_a_written_csv_fits_its_table_schema(kind: str) -> None:
    schema = table_schema(kind)
    fields = {f["name"]: f for f in schema["fields"]}
    rows = _written(kind)
    assert rows, kind
    for row in rows[:500]:
        for name, cell in row.items():
            if kind == "subjects" and name.startswith("dimensions."):
                continue  # the descriptor says so in its description
            assert name in fields, name
            assert _fits(fields[name], cell), (name, cell)
        for name, field in fields.items():
            if field.get("constraints", {}).get("required"):
                assert row.get(name), (kind, name)


@pytest.mark.parametrize("kind", KINDS)
def test_read_csv_requires_exactly_the_columns_the_schema_requires(kind: str) -> None:
    schema = table_schema(kind)
    rows = _written(kind)[:3]
    names = list(rows[0])
    for field in schema["fields"]:
        name = field["name"]
        required = field.get("constraints", {}).get("required", False)
        # An optional column goes with the optional columns of its part (the
        # goal's baseline.value, .on and .note go together).
        part = name.split(".", 1)[0]
        gone = {name} | (
            {
                f["name"]
                for f in schema["fields"]
                if f["name"].split(".", 1)[0] == part
                and "." in f["name"]
                and not f.get("constraints", {}).get("required", False)
            }
            if not required
            else set()
        )
        kept = [n for n in names if n not in gone]
        text = io.StringIO()
        writer = csv.DictWriter(text, kept, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
        source = io.StringIO(text.getvalue())
        if required:
            with pytest.raises(InvalidDocument, match=name.replace(".", r"\.")):
                read_csv(source, kind)  # type: ignore[arg-type]
        else:
            assert read_csv(source, kind).rows == len(rows)  # type: ignore[arg-type]


def test_the_table_schema_refuses_an_unknown_kind_and_the_command_prints_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with pytest.raises(ValueError, match="observations"):
        table_schema("reviews")
    assert main(["schema", "assessments"]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed == table_schema("assessments")


@pytest.fixture(scope="module")
def documents() -> dict[str, Any]:
    report = build_report(
        example.framework(),
        example.records(),
        example.AS_OF,
        cycle=example.CYCLE,
        period=example.period(),
    )
    items = agenda(
        example.framework(), example.records(), example.CYCLE, example.period()
    )
    return {
        lang: (
            json.loads(render(report, "json", lang, charts=False)),
            json.loads(
                render_agenda(
                    example.framework(),
                    items,
                    format="json",
                    lang=lang,
                    period=example.period(),
                    records=example.records(),
                )
            ),
        )
        for lang in ("en", "nl")
    }


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_json_report_and_agenda_validate_against_their_schemas(
    documents: dict[str, Any], lang: str
) -> None:
    report_doc, agenda_doc = documents[lang]
    jsonschema.Draft202012Validator.check_schema(report_schema())
    jsonschema.Draft202012Validator(report_schema()).validate(report_doc)
    jsonschema.Draft202012Validator(agenda_schema()).validate(agenda_doc)
    assert report_doc["agenda"], "the example has an agenda to check"


def test_the_schemas_refuse_a_broken_document(documents: dict[str, Any]) -> None:
    report_doc, agenda_doc = documents["en"]
    validator = jsonschema.Draft202012Validator(report_schema())
    bad = dict(report_doc, summary=dict(report_doc["summary"], behind=-1))
    assert not validator.is_valid(bad)
    assert not validator.is_valid(dict(report_doc, surprise=1))
    item = dict(agenda_doc["items"][0], reason="maybe")
    assert not jsonschema.Draft202012Validator(agenda_schema()).is_valid(
        dict(agenda_doc, items=[item])
    )
