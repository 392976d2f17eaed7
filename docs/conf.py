"""Sphinx configuration: MyST Markdown pages, Furo, API reference from docstrings.

Builds offline, and strictly in CI (``sphinx-build -W``).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as _version

project = "stretchkit"
author = "The stretchkit developers"
copyright = "2026, The stretchkit developers"
try:
    release = _version("stretchkit")
except PackageNotFoundError:  # the API pages import it too: it must be installed
    msg = "build the docs with stretchkit installed: pip install -e '.[docs]'"
    raise RuntimeError(msg) from None
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
# Every cross-reference must resolve (-W makes a dead one fail the build);
# the standard library's names stay plain text, as the build is offline
# (no intersphinx).
nitpicky = True
nitpick_ignore = [
    ("py:class", name)
    for name in (
        "collections.abc.Callable",
        "collections.abc.Iterable",
        "collections.abc.Iterator",
        "collections.abc.Mapping",
        "datetime.date",
        "datetime.datetime",
        "datetime.time",
        "zoneinfo.ZoneInfo",
        "ZoneInfo",
        "pathlib.Path",
    )
] + [
    # The loaders' overloads return the class they are given: a type
    # variable, named "Doc" in their signatures and explained in the text.
    ("py:class", "stretchkit._documents.Doc"),
]
