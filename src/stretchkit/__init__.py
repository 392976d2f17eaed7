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

__all__ = [
    "Breath",
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
    "compose",
    "fit",
    "iter_steps",
]


def __getattr__(name: str) -> str:
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415

        return version("stretchkit")
    msg = f"module 'stretchkit' has no attribute {name!r}"
    raise AttributeError(msg)
