"""The Hypothesis profiles of tests/conftest.py: no test fails on timing.

The README's test command runs the ``default`` profile (few examples), ``CI=true``
the thorough ``ci`` profile; neither has a deadline or the too-slow health check.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

CONFTEST = Path(__file__).parent / "conftest.py"
PROFILES = ("default", "ci", "ci-quick", "dev")

# Import the conftest in a fresh interpreter and say which profile is active.
_ACTIVE = f"""
import importlib.util, json
from hypothesis import settings
spec = importlib.util.spec_from_file_location("profiles", {str(CONFTEST)!r})
spec.loader.exec_module(importlib.util.module_from_spec(spec))
print(json.dumps([settings.get_current_profile_name(), settings().max_examples]))
"""

# The variables by which Hypothesis decides that it runs on CI.
_CI_VARIABLES = (
    "CI",
    "__TOX_ENVIRONMENT_VARIABLE_ORIGINAL_CI",
    "TF_BUILD",
    "bamboo.buildKey",
    "BUILDKITE",
    "CIRCLECI",
    "CIRRUS_CI",
    "CODEBUILD_BUILD_ID",
    "GITHUB_ACTIONS",
    "GITLAB_CI",
    "HEROKU_TEST_RUN_ID",
    "TEAMCITY_VERSION",
)


def active_profile(**variables: str) -> tuple[str, int]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in _CI_VARIABLES and name != "HYPOTHESIS_PROFILE"
    }
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _ACTIVE],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        env={**env, **variables},
    )
    name, examples = json.loads(done.stdout)
    return name, examples


@pytest.mark.parametrize("name", PROFILES)
def test_no_profile_fails_a_test_on_timing(name: str) -> None:
    profile = settings.get_profile(name)
    assert profile.deadline is None
    assert HealthCheck.too_slow in profile.suppress_health_check


def test_ci_runs_more_examples_than_a_newcomer_and_ci_quick_fewer() -> None:
    default, ci, quick = (
        settings.get_profile(name).max_examples for name in PROFILES[:3]
    )
    assert default < quick < ci
    assert settings.get_profile("ci").derandomize
    assert settings.get_profile("ci").database is None


def test_hypothesis_chooses_the_profile_and_the_environment_overrides_it() -> None:
    assert active_profile() == ("default", 20)
    assert active_profile(CI="true") == ("ci", 100)
    assert active_profile(CI="true", HYPOTHESIS_PROFILE="ci-quick") == (
        "ci-quick",
        25,
    )
    assert active_profile(HYPOTHESIS_PROFILE="dev") == ("dev", 20)
