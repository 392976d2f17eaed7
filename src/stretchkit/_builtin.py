"""The built-in catalog: package data, loaded lazily through the document layer."""

from __future__ import annotations

import functools
from importlib.resources import files

from stretchkit._catalog import Catalog
from stretchkit._io import from_toml


@functools.cache
def catalog() -> Catalog:
    """The built-in catalog, loaded once from package data.

    Seven stretches for the low and mid back and the routine ``low-mid-back``.

    >>> import stretchkit as sk
    >>> list(sk.catalog().routines)
    ['low-mid-back']
    >>> sk.catalog().stretch("seated-twist").reps
    Range(2, 4)
    """
    text = (files("stretchkit") / "data" / "catalog.toml").read_text(encoding="utf-8")
    # Refs inside the package data name its own stretches, never another catalog.
    return from_toml(Catalog, text, catalog=Catalog())
