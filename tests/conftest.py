"""Hypothesis settings profiles for the test suite.

No test may fail on timing: a busy machine makes any test slow. So no profile has a
deadline or the ``too_slow`` health check; the health checks about the strategies
themselves stay on (a test whose data is legitimately large, such as whole
frameworks with their records, suppresses ``data_too_large`` itself). Which profile is
active is Hypothesis' own choice, which we never override: ``ci`` when the ``CI``
environment variable is set (or another CI is detected), else ``default``. We
re-register both under their own names, so the active one only gains what we set
here, and we load a profile by hand only when ``HYPOTHESIS_PROFILE`` asks for one.

- ``default`` (no environment variable; the README's test command): 20 examples
  per property, so a newcomer's first run of the whole suite takes a few minutes
  on two cores. The example database stays on, so a failure found once is tried
  again first.
- ``ci`` (``CI=true``, as ``.ci/run`` sets for its main pass): Hypothesis' own
  ``ci`` profile (derandomized, no example database, reproduction blobs printed)
  with 100 examples per property, the thorough run.
- ``ci-quick``: the ``ci`` profile with 25 examples. ``.ci/run`` uses it for the
  second pass under the other Python versions, which looks for incompatibilities,
  not for new counterexamples, and must keep CI within its time.
- ``dev``: the same as ``default``, kept for ``HYPOTHESIS_PROFILE=dev``.

Set ``HYPOTHESIS_PROFILE`` (or pass ``--hypothesis-profile``) to choose one by hand.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# The health check about speed, which a slow or busy machine trips without any
# defect in the code or the tests.
_TIMING = (HealthCheck.too_slow,)

settings.register_profile(
    "default",
    settings.get_profile("default"),
    deadline=None,
    suppress_health_check=_TIMING,
    max_examples=20,
)
settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    derandomize=True,
    deadline=None,
    print_blob=True,
    suppress_health_check=_TIMING,
    max_examples=100,
)
settings.register_profile("ci-quick", settings.get_profile("ci"), max_examples=25)
settings.register_profile("dev", settings.get_profile("default"))

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
