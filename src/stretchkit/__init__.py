"""stretchkit: stretch routines as exact, flat timelines.

Model stretches and their dose, string them into routines, expand a routine
into an exact timeline, and compute durations without expanding.

>>> import stretchkit as sk
>>> twist = sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH, switch=3)
>>> routine = sk.Routine(name="Back", stretches=[twist])
>>> routine.duration_range()
Range(89, 261)
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from stretchkit._compose import compose, fit, iter_steps
from stretchkit._model import Breath, Pose, Routine, Side, SideOrder, Sides, StepKind, Stretch
from stretchkit._range import Range
from stretchkit._timeline import PlaybackState, Step, Timeline
from stretchkit.exceptions import (
    FitError,
    StretchkitError,
    TimelineTooLarge,
    UnknownRoutineError,
    UnknownStretchError,
    ValidationError,
)

if TYPE_CHECKING:
    from stretchkit._catalog import Catalog, catalog
    from stretchkit._cues import CUE_TEXTS, Cue, CueKind
    from stretchkit._documents import converter, from_dict, to_dict
    from stretchkit._io import dump, from_json, from_toml, load, to_json, to_toml
    from stretchkit._schema import json_schema

# Loaded on first use, so `import stretchkit` stays light (see DESIGN.md).
_LAZY = {
    "CUE_TEXTS": "stretchkit._cues",
    "Catalog": "stretchkit._catalog",
    "Cue": "stretchkit._cues",
    "CueKind": "stretchkit._cues",
    "catalog": "stretchkit._catalog",
    "converter": "stretchkit._documents",
    "dump": "stretchkit._io",
    "from_dict": "stretchkit._documents",
    "from_json": "stretchkit._io",
    "from_toml": "stretchkit._io",
    "json_schema": "stretchkit._schema",
    "load": "stretchkit._io",
    "to_dict": "stretchkit._documents",
    "to_json": "stretchkit._io",
    "to_toml": "stretchkit._io",
}

__all__ = [
    "CUE_TEXTS",
    "Breath",
    "Catalog",
    "Cue",
    "CueKind",
    "FitError",
    "PlaybackState",
    "Pose",
    "Range",
    "Routine",
    "Side",
    "SideOrder",
    "Sides",
    "Step",
    "StepKind",
    "Stretch",
    "StretchkitError",
    "Timeline",
    "TimelineTooLarge",
    "UnknownRoutineError",
    "UnknownStretchError",
    "ValidationError",
    "__version__",
    "catalog",
    "compose",
    "converter",
    "dump",
    "fit",
    "from_dict",
    "from_json",
    "from_toml",
    "iter_steps",
    "json_schema",
    "load",
    "to_dict",
    "to_json",
    "to_toml",
]


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("stretchkit")
    msg = f"module 'stretchkit' has no attribute {name!r}"
    raise AttributeError(msg)
