"""Public classes show ``stretchkit`` as their module.

Reprs, the docs and pickles then name ``stretchkit.Stretch``, never a
private module. Annotations are resolved first, in the module that defines
the class: ``typing.get_type_hints`` (which cattrs and other tools call)
looks names up in the module a class says it is from.
"""

from __future__ import annotations

import inspect
import typing
from typing import TypeVar

C = TypeVar("C", bound=type)


def public(cls: C) -> C:
    """Mark ``cls`` as part of the public ``stretchkit`` namespace."""
    if inspect.get_annotations(cls):
        cls.__annotations__ = typing.get_type_hints(cls)
    cls.__module__ = "stretchkit"
    return cls
