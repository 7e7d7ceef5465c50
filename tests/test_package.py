"""The package root: what ``import resultframe`` loads, and what it exports."""

from __future__ import annotations

import datetime as dt
import importlib
import json
import subprocess
import sys
import types

import pytest

import resultframe
from resultframe import errors, steering
from resultframe.serialization import loads

# `import resultframe` loads the errors only; every layer is loaded on first use of
# one of its names (DESIGN §8: the import costs little beside attrs and cattrs). No
# optional dependency is loaded either.
HEAVY = (
    "resultframe.cli",
    "resultframe.evaluation",
    "resultframe.example",
    "resultframe.instruments",
    "resultframe.labels",
    "resultframe.model",
    "resultframe.privacy",
    "resultframe.report",
    "resultframe.serialization",
    "resultframe.steering",
    "resultframe.strategies",
    "hypothesis",
    "jsonschema",
    "rich",
    "vl_convert",
    "yaml",
)

_FRESH_IMPORT = """
import json, sys
import resultframe
loaded = sorted(sys.modules)
listed = dir(resultframe)
resolved = [name for name in resultframe.__all__ if hasattr(resultframe, name)]
print(json.dumps({"loaded": loaded, "listed": listed, "resolved": resolved}))
"""


@pytest.fixture(scope="module")
def fresh_import() -> dict[str, list[str]]:
    """What a fresh interpreter sees after ``import resultframe`` (and only that)."""
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _FRESH_IMPORT],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    seen: dict[str, list[str]] = json.loads(done.stdout)
    return seen


def test_import_loads_no_layer(fresh_import: dict[str, list[str]]) -> None:
    loaded = set(fresh_import["loaded"])
    assert "resultframe.errors" in loaded  # the check below can see a module
    assert [
        m
        for m in loaded
        if any(m == heavy or m.startswith(f"{heavy}.") for heavy in HEAVY)
    ] == []


def test_every_name_in_all_resolves_and_is_listed_by_dir(
    fresh_import: dict[str, list[str]],
) -> None:
    assert fresh_import["resolved"] == resultframe.__all__
    assert set(resultframe.__all__) <= set(fresh_import["listed"])


def test_all_is_sorted_and_complete() -> None:
    assert resultframe.__all__ == sorted(resultframe.__all__)
    assert len(set(resultframe.__all__)) == len(resultframe.__all__)
    for name in resultframe.__all__:
        getattr(resultframe, name)
    # Every public name of the package (classes, functions, the version) is in
    # __all__; the subpackages and typing helpers are not exports.
    public = {
        name
        for name, value in vars(resultframe).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in {"TYPE_CHECKING", "annotations"}
    }
    assert public | {"__version__"} == set(resultframe.__all__)


def test_a_lazy_name_is_the_object_of_its_home_module() -> None:
    evaluation = importlib.import_module("resultframe.evaluation")
    assert resultframe.evaluate is evaluation.evaluate
    assert resultframe.AgendaItem is steering.AgendaItem
    assert (
        resultframe.pseudonymize
        is importlib.import_module("resultframe.privacy").pseudonymize
    )


def test_the_layers_import_resultframe_loaded_are_still_attributes() -> None:
    # `import resultframe` used to load these, so `resultframe.model.Records`
    # worked after it alone; it still does, each layer loaded on first use.
    layers = ["evaluation", "model", "privacy", "steering"]
    script = (
        "import resultframe, sys; "
        f"print([getattr(resultframe, layer).__name__ for layer in {layers!r}])"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    assert done.stdout.strip() == repr([f"resultframe.{layer}" for layer in layers])


def test_an_unknown_name_is_an_attribute_error_naming_it() -> None:
    with pytest.raises(AttributeError, match="'resultframe' has no attribute 'nope'"):
        resultframe.nope  # noqa: B018
    assert not hasattr(resultframe, "nope")


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("InvalidDocument", errors),
        ("MissingExtra", errors),
        ("MixedVersions", errors),
        ("AgendaReason", steering),
    ],
)
def test_what_users_catch_or_compare_is_exported_at_the_root(
    name: str, home: types.ModuleType
) -> None:
    assert name in resultframe.__all__
    assert getattr(resultframe, name) is getattr(home, name)


def test_root_exceptions_catch_what_the_library_raises() -> None:
    with pytest.raises(resultframe.InvalidDocument):
        loads("{", kind="framework")
    assert issubclass(resultframe.MissingExtra, ModuleNotFoundError)
    assert issubclass(resultframe.MixedVersions, resultframe.InvalidValue)


def test_root_agenda_reason_compares_with_agenda_items() -> None:
    from resultframe import example  # noqa: PLC0415 - the example is heavy

    framework, records = example.framework(), example.records()
    cycle = framework.cycles[0]
    items = resultframe.agenda(
        framework, records, cycle.id, cycle.period_on(dt.date(2025, 12, 31))
    )
    assert items
    assert {item.reason for item in items} <= set(resultframe.AgendaReason)
