"""Sphinx configuration: MyST Markdown pages, Furo, API reference from docstrings.

Builds offline, and strictly in CI (``sphinx-build -W``).
"""

from __future__ import annotations

from importlib.metadata import version as _version

project = "stretchkit"
author = "The stretchkit developers"
copyright = "2026, The stretchkit developers"
release = _version("stretchkit")
version = release

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "schema"]
html_theme = "furo"
html_title = "stretchkit"
autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options: dict[str, object] = {}
napoleon_use_ivar = True
napoleon_google_docstring = True
napoleon_numpy_docstring = False
nitpicky = False
suppress_warnings = ["myst.xref_missing"]
