"""Migrations: a chain of steps from older document versions, applied on load.

Version 1 is the only real version, so these tests build their own registry: a
pretend history in which version 1 called the framework's ``name`` ``title``
and version 2 called it ``label``, and version 3 is today's shape. No test changes
the default registry.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given

import resultframe.strategies as rs
from resultframe import ResultsFramework
from resultframe.errors import InvalidDocument, InvalidValue
from resultframe.serialization import MIGRATIONS, Migrations, loads, to_dict


def rename(old: str, new: str) -> Any:
    def step(document: dict[str, Any]) -> dict[str, Any]:
        out = {k: v for k, v in document.items() if k != old}
        out[new] = document[old]
        return out

    return step


def history() -> Migrations:
    """Version 1 had ``title``, version 2 ``label``, version 3 (current) ``name``."""
    return (
        Migrations({"framework": 3, "records": 1})
        .with_step("framework", 1, rename("title", "label"))
        .with_step("framework", 2, rename("label", "name"))
    )


def as_version(framework: ResultsFramework, version: int) -> dict[str, Any]:
    data = to_dict(framework)
    name = data.pop("name")
    key = {1: "title", 2: "label", 3: "name"}[version]
    return {**data, "version": version, key: name}


@given(rs.frameworks())
def test_every_older_version_loads_to_the_same_framework(
    framework: ResultsFramework,
) -> None:
    registry = history()
    for version in (1, 2, 3):
        text = json.dumps(as_version(framework, version))
        assert loads(text, migrations=registry) == framework


@given(rs.frameworks())
def test_migrating_is_idempotent(framework: ResultsFramework) -> None:
    registry = history()
    once = registry.upgrade("framework", as_version(framework, 1))
    assert once["version"] == 3
    assert registry.upgrade("framework", once) == once
    assert once == as_version(framework, 3)


def test_steps_work_on_a_copy() -> None:
    document = {"format": "resultframe/framework", "version": 1, "title": "Wmo"}
    before = json.dumps(document)
    history().upgrade("framework", document)
    assert json.dumps(document) == before


def test_the_default_registry_has_one_step_for_evaluations() -> None:
    assert MIGRATIONS.current == {"framework": 1, "records": 1, "evaluation": 2}
    assert set(MIGRATIONS.steps) == {("evaluation", 1)}
    with pytest.raises(TypeError):
        MIGRATIONS.current["framework"] = 2  # type: ignore[index]


def test_versions_newer_than_supported_are_refused() -> None:
    document = {"format": "resultframe/framework", "version": 4, "name": "X"}
    with pytest.raises(InvalidDocument) as info:
        loads(json.dumps(document), migrations=history())
    assert info.value.errors == (
        (
            "version 4 of resultframe/framework is newer than this resultframe supports "
            "(3); upgrade resultframe to load it @ $.version"
        ),
    )


def test_a_missing_step_is_reported() -> None:
    registry = Migrations({"framework": 3}).with_step("framework", 2, rename("a", "b"))
    document = {"format": "resultframe/framework", "version": 1}
    with pytest.raises(InvalidDocument) as info:
        registry.upgrade("framework", document)
    assert info.value.errors == (
        "no migration from version 1 to 2 of resultframe/framework @ $.version",
    )


def test_a_failing_step_is_an_invalid_document() -> None:
    document = {"format": "resultframe/framework", "version": 1}  # no "title"
    with pytest.raises(InvalidDocument) as info:
        history().upgrade("framework", document)
    assert info.value.errors == (
        "migration from version 1 to 2 of resultframe/framework failed (KeyError) @ $",
    )


def test_a_version_below_1_is_refused() -> None:
    with pytest.raises(InvalidDocument) as info:
        history().upgrade("framework", {"version": 0})
    assert info.value.errors == ("expected a version of 1 or more, got 0 @ $.version",)


def test_registries_check_their_steps() -> None:
    with pytest.raises(InvalidValue):
        Migrations({"framework": 1}).with_step("framework", 1, rename("a", "b"))
    with pytest.raises(InvalidValue):
        Migrations({"framework": 2}).with_step("records", 1, rename("a", "b"))
    with pytest.raises(InvalidValue):
        Migrations({"framework": 0})
    with pytest.raises(InvalidValue):
        history().upgrade("evaluation", {"version": 1})
