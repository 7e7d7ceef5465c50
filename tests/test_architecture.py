"""The layers of docs/architecture.md, enforced by the import contracts in pyproject.toml.

`lint-imports` (import-linter) checks the contracts; these tests run it on the
package as it is (every contract kept) and on a copy with one import that points
the wrong way (the build fails, naming the contract and the import).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import resultframe
import resultframe.labels
import resultframe.report.labels
import resultframe.serialization
from resultframe import _canonical

pytest.importorskip("importlinter")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(resultframe.__file__).resolve().parent


def _lint_imports() -> str:
    """The `lint-imports` command of this Python's environment."""
    here = Path(sys.executable).parent / "lint-imports"
    found = str(here) if here.exists() else shutil.which("lint-imports")
    if found is None:  # pragma: no cover - installed with import-linter
        pytest.skip("lint-imports is not on the path")
    return found


def _run(config: Path, source: Path) -> subprocess.CompletedProcess[str]:
    """Run lint-imports with *config* on the package found in *source*."""
    env = {**os.environ, "PYTHONPATH": str(source)}
    return subprocess.run(  # noqa: S603 - our own command, no shell
        [_lint_imports(), "--config", str(config), "--no-cache"],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.parent,
        check=False,
        timeout=120,
    )


def _section() -> str:
    """The [tool.importlinter] part of pyproject.toml (tomllib is 3.11+ only)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    return text.split("[tool.importlinter]", 1)[1]


def _contracts() -> dict[str, str]:
    """Each contract's id and name."""
    return dict(
        re.findall(r'^id = "([^"]+)"\nname = "([^"]+)"$', _section(), re.MULTILINE)
    )


def test_the_package_keeps_every_contract() -> None:
    result = _run(ROOT / "pyproject.toml", PACKAGE.parent)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"Contracts: {len(_contracts())} kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "wrong", "contract"),
    [
        # The model reaching up into evaluation: the layers and the model's own rule.
        ("model/_wrong.py", "from resultframe.evaluation import evaluate", "model"),
        # Steering writing documents: only cli may import serialization.
        (
            "steering/_wrong.py",
            "from resultframe.serialization import fingerprint",
            "below-serialization",
        ),
        # Evaluation importing the command.
        ("evaluation/_wrong.py", "import resultframe.cli", "top"),
    ],
)
def test_a_wrong_way_import_breaks_the_build(
    tmp_path: Path, module: str, wrong: str, contract: str
) -> None:
    source = tmp_path / "src"
    shutil.copytree(
        PACKAGE, source / "resultframe", ignore=shutil.ignore_patterns("__pycache__")
    )
    (source / "resultframe" / module).write_text(
        f'"""A deliberate wrong-way import."""\n\n{wrong}\n', encoding="utf-8"
    )
    config = tmp_path / "pyproject.toml"
    shutil.copyfile(ROOT / "pyproject.toml", config)
    result = _run(config, source)
    assert result.returncode == 1, result.stdout + result.stderr
    names = _contracts()
    # The report names the broken contract and the import, with its line.
    broken = " ".join(result.stdout.split())
    assert f"{names[contract]} BROKEN" in broken
    dotted = "resultframe." + module.removesuffix(".py").replace("/", ".")
    assert f"{dotted} -> " in broken
    assert "(l.3)" in broken


def test_every_layer_is_named_in_a_contract() -> None:
    # A new top-level module or package must be placed in the layers on purpose.
    quoted = re.findall(r'"([^"]+)"', _section())
    named = {
        name if name.startswith("resultframe.") else f"resultframe.{name}"
        for text in quoted
        for name in (part.strip() for part in text.split("|"))
    }
    tops = {
        f"resultframe.{p.name.removesuffix('.py')}"
        for p in PACKAGE.iterdir()
        if (p.suffix == ".py" or (p / "__init__.py").exists())
        and p.name not in {"__init__.py", "__main__.py"}
    }
    assert tops <= named, sorted(tops - named)


def test_public_names_stay_where_they_were() -> None:
    # Labels moved into the report layer; resultframe.labels gives the same names.
    assert resultframe.labels.label is resultframe.report.labels.label
    assert resultframe.labels.LABELS is resultframe.report.labels.LABELS
    # Canonical documents moved below steering; serialization gives the same names.
    assert resultframe.serialization.fingerprint is _canonical.fingerprint
    assert resultframe.serialization.canonical is _canonical.canonical
    assert resultframe.serialization.CURRENT_VERSIONS is _canonical.CURRENT_VERSIONS
