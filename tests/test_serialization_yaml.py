"""YAML documents: safe, strict, and errors that name the path and the line."""

from __future__ import annotations

import datetime as dt
import textwrap

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import resultframe.strategies as rs
from resultframe import Records, ResultsFramework
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import dump_yaml, fingerprint, load_yaml

FRAMEWORK = textwrap.dedent(
    """\
    format: resultframe/framework
    version: 1
    id: wmo-2025
    name: Wmo 2025
    agreement:
      purpose: Residents manage their money
      period: {start: 2025-01-01, end: 2025-12-31}
    results:
      - id: r-fin
        statement: Residents keep their finances in order
        level: micro
        kind: outcome
        indicators:
          - id: zrm-fin
            name: Finances (ZRM)
            measure: ordinal
            direction: increase
            question: better_off
            scale:
              id: zrm
              name: ZRM
              points:
                - {value: 1, label: acute}
                - {value: 5, label: safe}
            baseline: {value: 1, on: 2025-01-01}
            targets:
              - {value: 5, by: 2025-12-31}
    """
)


def yaml_errors(text: str) -> tuple[str, ...]:
    with pytest.raises(InvalidDocument) as info:
        load_yaml(text)
    return info.value.errors


@given(rs.frameworks())
def test_load_yaml_of_dump_yaml_is_the_framework(framework: ResultsFramework) -> None:
    assert load_yaml(dump_yaml(framework), kind="framework") == framework


@given(st.text())
def test_any_text_survives_yaml(text: str) -> None:
    # NEL and the Unicode line separators are folded by YAML unless escaped.
    framework = load_yaml(FRAMEWORK)
    assert isinstance(framework, ResultsFramework)
    changed = attrs.evolve(framework.agreement, purpose=text)
    again = attrs.evolve(framework, agreement=changed)
    assert load_yaml(dump_yaml(again)) == again


@given(st.data())
def test_load_yaml_of_dump_yaml_is_the_records(data: st.DataObject) -> None:
    # Small records: PyYAML is pure Python, and YAML is for what people write.
    framework = data.draw(rs.frameworks(max_results=3))
    records = data.draw(rs.records(framework, max_subjects=5, max_observations=10))
    assert load_yaml(dump_yaml(records), kind="records") == records


def test_a_hand_written_framework_loads() -> None:
    framework = load_yaml(FRAMEWORK)
    assert isinstance(framework, ResultsFramework)
    # "on:" is a key here, not the YAML 1.1 boolean; dates stay text until loaded.
    baseline = framework.indicator("zrm-fin").baseline
    assert baseline is not None
    assert baseline.on == dt.date(2025, 1, 1)
    assert len(fingerprint(framework)) == 64
    assert load_yaml(FRAMEWORK.encode()) == framework


def test_errors_name_the_path_and_the_line() -> None:
    text = FRAMEWORK.replace("level: micro", "level: mikro").replace(
        "{value: 5, by: 2025-12-31}", "{value: 6, by: 2025-12-31}"
    )
    assert yaml_errors(text) == (
        (
            "expected one of 'micro', 'meso', 'macro', got 'mikro' @ $.results[0].level "
            "(line 11)"
        ),
        (
            "expected a point of scale 'zrm': [1, 5], got 6 "
            "@ $.results[0].indicators[0].targets[0].value (line 27)"
        ),
    )


def test_yaml_1_1_surprises_are_text() -> None:
    # yes/no/on/off are text in YAML 1.2: "no" is a name here, not False.
    text = FRAMEWORK.replace("name: Wmo 2025", "name: no")
    assert load_yaml(text).name == "no"  # type: ignore[union-attr]


def test_tags_aliases_and_repeated_keys_are_refused() -> None:
    assert yaml_errors("!!python/object:os.system {}") == (
        (
            "YAML tags are not allowed (got tag:yaml.org,2002:python/object:os.system) "
            "@ $ (line 1)"
        ),
    )
    assert yaml_errors("a: &x [1]\nb: *x\n") == (
        "YAML aliases (*name) are not allowed @ $.b (line 2)",
    )
    assert yaml_errors("a: 1\na: 2\n") == (
        "key 'a' occurs more than once in this mapping @ $ (line 2)",
    )
    assert yaml_errors("1: one\n") == ("expected a text key @ $ (line 1)",)
    assert yaml_errors("a: .nan\n") == (
        "expected a finite number, got '.nan' @ $.a (line 1)",
    )


def test_not_yaml_or_not_a_document() -> None:
    assert yaml_errors("a: [1\n")[0].startswith("invalid YAML: expected ',' or ']'")
    assert yaml_errors("") == ("expected a document, got an empty YAML text @ $",)
    assert yaml_errors("- 1\n") == (
        (
            "expected a document: an object with 'format' and 'version', got an array "
            "of 1 items @ $ (line 1)"
        ),
    )
    assert yaml_errors("a: b\n---\nc: d\n")[0].startswith("invalid YAML")


def test_limits() -> None:
    with pytest.raises(InvalidDocument) as info:
        load_yaml(FRAMEWORK, max_bytes=10)
    assert info.value.errors[0].startswith("document of ")
    with pytest.raises(InvalidDocument) as info:
        load_yaml(FRAMEWORK, max_depth=4)
    assert info.value.errors[0].startswith("nested deeper than the limit of 4 levels")
    with pytest.raises(InvalidValue):
        load_yaml(3)  # type: ignore[arg-type]


def test_records_in_yaml() -> None:
    records = load_yaml(
        textwrap.dedent(
            """\
            format: resultframe/records
            version: 1
            subjects:
              - {id: r-001, level: micro}
            observations:
              indicator: [zrm-fin]
              subject: [r-001]
              on: [2025-03-01]
              value: [2]
            """
        ),
        kind="records",
    )
    assert isinstance(records, Records)
    assert len(records) == 1
