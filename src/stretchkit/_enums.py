"""The enumerations: sides, side order, breath, and the kinds of step."""

from __future__ import annotations

import enum

from stretchkit._public import public


@public
class Side(enum.Enum):
    """One side of the body."""

    LEFT = "left"
    RIGHT = "right"


@public
class Sides(enum.Enum):
    """Which sides a stretch works.

    ``NONE``: both at once, or a symmetric stretch. ``EACH``: left and right,
    each in turn. ``LEFT`` / ``RIGHT``: that side only.
    """

    NONE = "none"
    EACH = "each"
    LEFT = "left"
    RIGHT = "right"


@public
class SideOrder(enum.Enum):
    """How an ``EACH`` stretch moves between sides.

    ``ALTERNATE``: L R L R …; ``BLOCKED``: every rep on one side, then the other.
    """

    ALTERNATE = "alternate"
    BLOCKED = "blocked"


@public
class Breath(enum.Enum):
    """What to do with the breath during a pose."""

    INHALE = "inhale"
    EXHALE = "exhale"
    HOLD = "hold"
    NATURAL = "natural"


@public
class StepKind(enum.Enum):
    """What a step of a timeline is: a hold, or one of the gaps between holds."""

    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    TRANSITION = "transition"
