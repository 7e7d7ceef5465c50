"""Docs are tests: Sybil runs the examples in the Markdown docs and in docstrings.

- ``README.md`` and ``docs/*.md`` (MyST): fenced ```python blocks (doctests when
  they start with ``>>>``), ```{doctest} blocks, and ``<!-- skip: next -->``.
- Docstrings in ``src/resultframe/**/*.py``: ``>>>`` examples, run in the
  namespace of their module (imported by name, so the installed package is
  what runs).

pytest's own doctest plugin is off (``-p no:doctest`` in pyproject.toml), so no
example runs twice.

Every package of the installed ``resultframe`` is imported before the tests run.
pytest imports the ``__init__.py`` of each package under ``src/`` that holds a
collected file (to look for ``setup_module``); with the package already in
``sys.modules`` it takes that one instead of loading a second copy from the source
tree, so docstring examples run against the installed package, as every test does.
"""

import pkgutil
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE

from sybil import Sybil
from sybil.parsers import myst, rest

import resultframe

# walk_packages imports each subpackage to look inside it. A package that needs an
# optional dependency which is not installed is skipped here (an ImportError); its
# examples then fail with that error, which is the right place to see it.
_INSTALLED_PACKAGES = list(pkgutil.walk_packages(resultframe.__path__, "resultframe."))

_FLAGS = ELLIPSIS | NORMALIZE_WHITESPACE

markdown_examples = Sybil(
    parsers=[
        myst.DocTestDirectiveParser(optionflags=_FLAGS),
        myst.PythonCodeBlockParser(doctest_optionflags=_FLAGS),
        myst.SkipParser(),
    ],
    patterns=["README.md", "docs/*.md"],
    name="markdown",
)

docstring_examples = Sybil(
    parsers=[rest.DocTestParser(optionflags=_FLAGS)],
    path="src",
    patterns=["*.py"],
    name="docstrings",
)

pytest_collect_file = (markdown_examples + docstring_examples).pytest()
