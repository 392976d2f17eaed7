"""The model: sides, breaths, poses, stretches and routines.

Every type here is a frozen, slotted attrs class validated on construction.
The model does no I/O and knows no document format; durations and timelines
are computed by :mod:`stretchkit._compose`, imported where they are needed.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import attrs

from stretchkit import _validate as v
from stretchkit._range import Range, RangeLike

if TYPE_CHECKING:
    from stretchkit._timeline import Timeline


class Side(enum.Enum):
    """One side of the body."""

    LEFT = "left"
    RIGHT = "right"

    @property
    def other(self) -> Side:
        """The opposite side."""
        return Side.RIGHT if self is Side.LEFT else Side.LEFT


class Sides(enum.Enum):
    """Which sides a stretch works.

    ``NONE``: both at once, or a symmetric stretch. ``EACH``: left and right,
    each in turn. ``LEFT`` / ``RIGHT``: that side only.
    """

    NONE = "none"
    EACH = "each"
    LEFT = "left"
    RIGHT = "right"


class SideOrder(enum.Enum):
    """How an ``EACH`` stretch moves between sides.

    ``ALTERNATE``: L R L R …; ``BLOCKED``: every rep on one side, then the other.
    """

    ALTERNATE = "alternate"
    BLOCKED = "blocked"


class Breath(enum.Enum):
    """What to do with the breath during a pose."""

    INHALE = "inhale"
    EXHALE = "exhale"
    HOLD = "hold"
    NATURAL = "natural"


class StepKind(enum.Enum):
    """What a step of a timeline is: a hold, or one of the gaps between holds."""

    HOLD = "hold"
    REST = "rest"
    SWITCH = "switch"
    TRANSITION = "transition"


@attrs.frozen(kw_only=True, cache_hash=True)
class Pose:
    """One position inside a flowing stretch (Cat–Cow has two).

    Args:
        name: What the pose is called, e.g. ``"Cow"``.
        hold: How long to hold it; ``None`` uses the stretch's ``hold``.
        cue: A short instruction for the pose.
        breath: What to do with the breath, or ``None``.

    >>> from stretchkit import Breath, Pose
    >>> Pose(name="Cow", hold=3, breath=Breath.INHALE).hold
    Range(3)
    """

    name: str = attrs.field(metadata=v.spec("name"))
    hold: Range | None = attrs.field(
        default=None,
        converter=v.optional_range_converter,
        metadata=v.spec("seconds", positive=True, optional=True),
    )
    cue: str = attrs.field(default="", metadata=v.spec("text"))
    breath: Breath | None = attrs.field(default=None, metadata=v.spec("enum", of=Breath, optional=True))

    def __attrs_post_init__(self) -> None:
        v.check_fields(self)


def _pose_converter(value: Iterable[Pose]) -> tuple[Pose, ...]:
    return v.tuple_converter(value)  # type: ignore[return-value]


def _str_tuple_converter(value: Iterable[str]) -> tuple[str, ...]:
    return v.tuple_converter(value)  # type: ignore[return-value]


def _str_set_converter(value: Iterable[str]) -> frozenset[str]:
    return v.frozenset_converter(value)  # type: ignore[return-value]


def _range_converter(value: RangeLike) -> Range:
    return v.range_converter(value)


def _meta_converter(value: Mapping[str, object]) -> Mapping[str, object]:
    return v.meta_converter(value)


@attrs.frozen(kw_only=True, cache_hash=True)
class Stretch:
    """A stretch: what to do, and how much of it (the dose).

    One rep on one side is a hold of ``hold`` seconds (or the stretch's poses
    back to back). ``reps`` counts per side; ``rest`` separates reps and
    ``switch`` is the time to change sides.

    Args:
        name: What the stretch is called.
        id: A slug; derived from ``name`` when left out.
        hold: Seconds per hold (> 0): a number, a ``(low, high)`` pair or a Range.
        reps: Reps per side, whole numbers from 1 to 1,000.
        sides: Which sides: ``Sides.NONE`` (the default), ``EACH``, ``LEFT``, ``RIGHT``.
        side_order: For ``EACH``: ``SideOrder.ALTERNATE`` (default) or ``BLOCKED``.
        first_side: For ``EACH``: which side leads.
        rest: Seconds between reps.
        switch: Seconds to change sides.
        poses: Positions held back to back within each rep.
        summary: One line on what the stretch does.
        instructions: Steps to follow, in order.
        targets: Body areas, e.g. ``{"lower-back", "hamstrings"}``.
        position: Starting position, e.g. ``"supine"`` or ``"seated"``.
        equipment: Things needed, e.g. ``{"towel"}``.
        meta: The app's own JSON-able data, kept verbatim (compared, not hashed).

    Raises:
        ValidationError: Listing every invalid field.

    >>> import stretchkit as sk
    >>> twist = sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH)
    >>> twist.id, twist.duration(0), twist.duration(1)
    ('seated-twist', 80.0, 240.0)
    """

    id: str = attrs.field(default="", metadata=v.spec("id"))
    name: str = attrs.field(metadata=v.spec("name"))
    hold: Range = attrs.field(converter=_range_converter, metadata=v.spec("seconds", positive=True))
    reps: Range = attrs.field(
        default=Range(1), converter=_range_converter, metadata=v.spec("count", maximum=v.MAX_REPS)
    )
    sides: Sides = attrs.field(default=Sides.NONE, metadata=v.spec("enum", of=Sides))
    side_order: SideOrder = attrs.field(default=SideOrder.ALTERNATE, metadata=v.spec("enum", of=SideOrder))
    first_side: Side = attrs.field(default=Side.LEFT, metadata=v.spec("enum", of=Side))
    rest: Range = attrs.field(default=Range(0), converter=_range_converter, metadata=v.spec("seconds"))
    switch: Range = attrs.field(default=Range(0), converter=_range_converter, metadata=v.spec("seconds"))
    poses: tuple[Pose, ...] = attrs.field(
        default=(), converter=_pose_converter, metadata=v.spec("list", of=Pose, maximum=v.MAX_POSES)
    )
    summary: str = attrs.field(default="", metadata=v.spec("text"))
    instructions: tuple[str, ...] = attrs.field(
        default=(), converter=_str_tuple_converter, metadata=v.spec("list", of="text")
    )
    targets: frozenset[str] = attrs.field(
        default=frozenset(), converter=_str_set_converter, metadata=v.spec("set", of="slug")
    )
    position: str | None = attrs.field(default=None, metadata=v.spec("slug", optional=True))
    equipment: frozenset[str] = attrs.field(
        default=frozenset(), converter=_str_set_converter, metadata=v.spec("set", of="slug")
    )
    meta: Mapping[str, object] = attrs.field(
        factory=dict, converter=_meta_converter, hash=False, metadata=v.spec("meta")
    )

    def __attrs_post_init__(self) -> None:
        v.check_fields(self)

    def duration(self, level: float = 0.5) -> float:
        """Seconds this stretch takes at ``level``, in closed form.

        Raises:
            ValidationError: ``level`` is not a number in [0, 1].
        """
        from stretchkit._compose import stretch_ms  # noqa: PLC0415

        return stretch_ms(self, level) / 1000

    def step_count(self, level: float = 0.5) -> int:
        """How many timeline steps this stretch makes at ``level``."""
        from stretchkit._compose import stretch_steps  # noqa: PLC0415

        return stretch_steps(self, level)


def _stretches_converter(value: Iterable[Stretch]) -> tuple[Stretch, ...]:
    return v.tuple_converter(value)  # type: ignore[return-value]


@attrs.frozen(kw_only=True, cache_hash=True)
class Routine:
    """Stretches in order, with the time between them, repeated ``rounds`` times.

    Args:
        name: What the routine is called.
        stretches: The stretches in order (at least one; one may appear twice).
        id: A slug; derived from ``name`` when left out.
        transition: Seconds between consecutive stretches (and between rounds).
        lead_in: Seconds before the first stretch.
        rounds: How many times the whole sequence runs, 1 to 1,000.
        description: What the routine is for.
        meta: The app's own JSON-able data, kept verbatim (compared, not hashed).

    Raises:
        ValidationError: Listing every invalid field.

    >>> import stretchkit as sk
    >>> hug = sk.Stretch(name="Knee Hug", hold=30)
    >>> routine = sk.Routine(name="Quick", stretches=[hug, hug], transition=5)
    >>> routine.duration()
    65.0
    """

    id: str = attrs.field(default="", metadata=v.spec("id"))
    name: str = attrs.field(metadata=v.spec("name"))
    stretches: tuple[Stretch, ...] = attrs.field(
        converter=_stretches_converter,
        metadata=v.spec("list", of=Stretch, minimum=1, maximum=v.MAX_STRETCHES),
    )
    transition: Range = attrs.field(default=Range(0), converter=_range_converter, metadata=v.spec("seconds"))
    lead_in: Range = attrs.field(default=Range(0), converter=_range_converter, metadata=v.spec("seconds"))
    rounds: int = attrs.field(default=1, metadata=v.spec("int", minimum=1, maximum=v.MAX_ROUNDS))
    description: str = attrs.field(default="", metadata=v.spec("text"))
    meta: Mapping[str, object] = attrs.field(
        factory=dict, converter=_meta_converter, hash=False, metadata=v.spec("meta")
    )

    def __attrs_post_init__(self) -> None:
        v.check_fields(self)

    def duration(self, level: float = 0.5) -> float:
        """Seconds the routine takes at ``level``, in closed form (never expanded).

        Equal, exactly, to ``compose(routine, level).duration``.

        Raises:
            ValidationError: ``level`` is not a number in [0, 1].
        """
        from stretchkit._compose import routine_ms  # noqa: PLC0415

        return routine_ms(self, level) / 1000

    def duration_range(self) -> Range:
        """``Range(duration(0), duration(1))``: the shortest and the longest."""
        return Range(self.duration(0), self.duration(1))

    def step_count(self, level: float = 0.5) -> int:
        """How many steps ``compose(routine, level)`` has, in closed form."""
        from stretchkit._compose import routine_steps  # noqa: PLC0415

        return routine_steps(self, level)

    def compose(self, level: float = 0.5, *, max_steps: int = 1_000_000) -> Timeline:
        """The routine's timeline at ``level``; see :func:`stretchkit.compose`."""
        from stretchkit._compose import compose  # noqa: PLC0415

        return compose(self, level, max_steps=max_steps)

    def _repr_html_(self) -> str:
        from stretchkit.export import routine_html  # noqa: PLC0415

        return routine_html(self)
