"""Hypothesis settings profiles for the test suite.

Hypothesis itself loads its built-in ``ci`` profile when the ``CI`` environment
variable is set (or another CI is detected): derandomized, no deadline, no example
database, reproduction blobs printed. We re-register ``ci`` on top of that built-in
profile, so the same profile stays active and only gains what we add, and we never
load a profile unconditionally.

- ``ci``: Hypothesis' own ``ci`` profile, with the number of examples pinned to 100.
- ``ci-quick``: the ``ci`` profile with 25 examples. ``.ci/run`` uses it for the
  second pass under the other Python versions, which looks for incompatibilities,
  not for new counterexamples, and must keep CI within its time.
- ``dev``: quick local runs (20 examples), for ``HYPOTHESIS_PROFILE=dev``.

Set ``HYPOTHESIS_PROFILE`` (or pass ``--hypothesis-profile``) to choose one by hand.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile(
    "ci",
    settings.get_profile("ci"),
    derandomize=True,
    deadline=None,
    print_blob=True,
    max_examples=100,
)
settings.register_profile("ci-quick", settings.get_profile("ci"), max_examples=25)
settings.register_profile("dev", max_examples=20)

if os.environ.get("HYPOTHESIS_PROFILE"):
    settings.load_profile(os.environ["HYPOTHESIS_PROFILE"])
