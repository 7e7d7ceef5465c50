"""Sphinx configuration: MyST Markdown pages, autodoc API reference, furo theme.

The build must pass with warnings as errors (``sphinx-build -W``) and without
network access, so there is no intersphinx.
"""

from __future__ import annotations

import resultframe

project = "resultframe"
author = "The resultframe developers"
copyright = "the resultframe developers; licensed under the EUPL-1.2"
version = release = resultframe.__version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.napoleon",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = False

# MyST: fenced ```python blocks stay code; directives are written ```{name}.
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# autodoc: documented members in source order; types go into the parameter
# descriptions, where attrs' generated signatures would otherwise be unreadable.
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"

napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_rtype = False
napoleon_attr_annotations = True

html_theme = "furo"
html_title = f"resultframe {release}"
