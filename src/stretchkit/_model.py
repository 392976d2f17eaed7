"""The model: poses, stretches and routines.

Every type here is a frozen, slotted attrs class validated on construction
by its fields' kinds (:mod:`stretchkit._fields`). The model does no I/O and
knows no document format. A few conveniences need a layer above (durations,
composing, Jupyter's HTML): each is a *seam*, a function-level import marked
``# seam``, listed in docs/architecture.md and allowed by the layering test.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from stretchkit import _fields as f
from stretchkit._enums import Breath, Side, SideOrder, Sides
from stretchkit._frozen import FrozenMap
from stretchkit._problems import Problems
from stretchkit._public import public, suggest_keywords
from stretchkit._range import Range, RangeLike

if TYPE_CHECKING:
    from stretchkit._timeline import Timeline


# The kinds of the fields, and typed converters for them (the types are
# what mypy shows as each constructor parameter).
SECONDS: Final = f.Seconds()
HOLD: Final = f.Seconds(positive=True)
POSE_HOLD: Final = f.Optional(HOLD)
REPS: Final = f.Count(maximum=f.MAX_REPS)
ROUNDS: Final = f.Int(minimum=1, maximum=f.MAX_ROUNDS)
SIDES: Final = f.Choice(Sides)
SIDE_ORDER: Final = f.Choice(SideOrder)
SIDE: Final = f.Choice(Side)
BREATH: Final = f.Optional(f.Choice(Breath))
TEXTS: Final = f.Items(f.Text())
SLUGS: Final = f.SlugSet()
META: Final = f.Meta()
NAMES: Final = f.Localized(f.Name())
CUES: Final = f.Localized(f.Text())
CODES: Final = f.Codes()


def _str(value: str) -> str:
    return f.exact_str(value)  # type: ignore[return-value]


def _opt_str(value: str | None) -> str | None:
    return f.exact_str(value)  # type: ignore[return-value]


def _int(value: int) -> int:
    return ROUNDS.convert(value)  # type: ignore[return-value]


def _range(value: RangeLike) -> Range:
    return SECONDS.convert(value)  # type: ignore[return-value]


def _pose_hold(value: RangeLike | None) -> Range | None:
    return POSE_HOLD.convert(value)  # type: ignore[return-value]


def _sides(value: Sides | str) -> Sides:
    return SIDES.convert(value)  # type: ignore[return-value]


def _side_order(value: SideOrder | str) -> SideOrder:
    return SIDE_ORDER.convert(value)  # type: ignore[return-value]


def _side(value: Side | str) -> Side:
    return SIDE.convert(value)  # type: ignore[return-value]


def _breath(value: Breath | str | None) -> Breath | None:
    return BREATH.convert(value)  # type: ignore[return-value]


def _texts(value: Iterable[str]) -> tuple[str, ...]:
    return TEXTS.convert(value)  # type: ignore[return-value]


def _slugs(value: Iterable[str]) -> frozenset[str]:
    return SLUGS.convert(value)  # type: ignore[return-value]


def _meta(value: Mapping[str, object]) -> Mapping[str, object]:
    return META.convert(value)  # type: ignore[return-value]


def _names(value: Mapping[str, str]) -> Mapping[str, str]:
    return NAMES.convert(value)  # type: ignore[return-value]


def _cues(value: Mapping[str, str]) -> Mapping[str, str]:
    return CUES.convert(value)  # type: ignore[return-value]


def _codes(value: Mapping[str, str]) -> Mapping[str, str]:
    return CODES.convert(value)  # type: ignore[return-value]


@public
@suggest_keywords
@attrs.frozen(kw_only=True, cache_hash=True)
class Pose:
    """One position inside a flowing stretch (Cat–Cow has two).

    Args:
        name: What the pose is called, e.g. ``"Cow"``.
        hold: How long to hold it; ``None`` uses the stretch's ``hold``.
        cue: A short instruction for the pose.
        breath: What to do with the breath, or ``None``.
        names: Its name in other languages: ``{"de": "Kuh"}`` (compared, not hashed).
        cues: Its cue in other languages, likewise.

    >>> from stretchkit import Breath, Pose
    >>> Pose(name="Cow", hold=3, breath=Breath.INHALE).hold
    Range(3)
    """

    name: str = attrs.field(converter=_str, metadata=f.kind(f.Name()))
    hold: Range | None = attrs.field(default=None, converter=_pose_hold, metadata=f.kind(POSE_HOLD))
    cue: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Text()))
    breath: Breath | None = attrs.field(default=None, converter=_breath, metadata=f.kind(BREATH))
    names: Mapping[str, str] = attrs.field(
        factory=FrozenMap, converter=_names, hash=False, metadata=f.kind(NAMES)
    )
    cues: Mapping[str, str] = attrs.field(
        factory=FrozenMap, converter=_cues, hash=False, metadata=f.kind(CUES)
    )

    def __attrs_post_init__(self) -> None:
        f.check_object(self)


def _poses(value: Iterable[Pose]) -> tuple[Pose, ...]:
    return POSES.convert(value)  # type: ignore[return-value]


POSES: Final = f.Items(f.Model(Pose), maximum=f.MAX_POSES)


@public
@suggest_keywords
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
        switch: Seconds to change sides; only for ``EACH`` (else it must be 0).
        poses: Positions held back to back within each rep.
        summary: One line on what the stretch does.
        instructions: Steps to follow, in order.
        targets: Body areas, e.g. ``{"lower-back", "hamstrings"}``.
        position: Starting position, e.g. ``"supine"`` or ``"seated"``.
        equipment: Things needed, e.g. ``{"towel"}``.
        names: Its name in other languages, by language code: ``{"de": "Drehsitz"}``;
            texts in a language use it, else ``name`` (compared, not hashed).
        codes: Its ids in other systems, by system: ``{"fit": "warm_up/stretch_cat_cow"}``
            (compared, not hashed).
        meta: The app's own JSON-able data, kept verbatim (compared, not hashed).

    Raises:
        ValidationError: Listing every invalid field.

    >>> import stretchkit as sk
    >>> twist = sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH)
    >>> twist.id, twist.duration(0), twist.duration(1)
    ('seated-twist', 80.0, 240.0)
    """

    id: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Id()))
    name: str = attrs.field(converter=_str, metadata=f.kind(f.Name()))
    hold: Range = attrs.field(converter=_range, metadata=f.kind(HOLD))
    reps: Range = attrs.field(default=Range(1), converter=_range, metadata=f.kind(REPS))
    sides: Sides = attrs.field(default=Sides.NONE, converter=_sides, metadata=f.kind(SIDES))
    side_order: SideOrder = attrs.field(
        default=SideOrder.ALTERNATE, converter=_side_order, metadata=f.kind(SIDE_ORDER)
    )
    first_side: Side = attrs.field(default=Side.LEFT, converter=_side, metadata=f.kind(SIDE))
    rest: Range = attrs.field(default=Range(0), converter=_range, metadata=f.kind(SECONDS))
    switch: Range = attrs.field(default=Range(0), converter=_range, metadata=f.kind(SECONDS))
    poses: tuple[Pose, ...] = attrs.field(default=(), converter=_poses, metadata=f.kind(POSES))
    summary: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Text()))
    instructions: tuple[str, ...] = attrs.field(default=(), converter=_texts, metadata=f.kind(TEXTS))
    targets: frozenset[str] = attrs.field(default=frozenset(), converter=_slugs, metadata=f.kind(SLUGS))
    position: str | None = attrs.field(
        default=None, converter=_opt_str, metadata=f.kind(f.Optional(f.Slug()))
    )
    equipment: frozenset[str] = attrs.field(default=frozenset(), converter=_slugs, metadata=f.kind(SLUGS))
    names: Mapping[str, str] = attrs.field(
        factory=FrozenMap, converter=_names, hash=False, metadata=f.kind(NAMES)
    )
    codes: Mapping[str, str] = attrs.field(
        factory=FrozenMap, converter=_codes, hash=False, metadata=f.kind(CODES)
    )
    meta: Mapping[str, object] = attrs.field(
        factory=FrozenMap, converter=_meta, hash=False, metadata=f.kind(META)
    )

    def __attrs_post_init__(self) -> None:
        f.check_object(self)

    def _check(self, problems: Problems) -> None:
        f.derive_id(self, problems)
        sides: object = self.sides  # a Bad value when it did not convert
        switch: object = self.switch
        if isinstance(sides, Sides) and sides is not Sides.EACH and isinstance(switch, Range) and switch.high:
            problems.add(
                "switch",
                f"only a stretch done on each side switches sides, and sides is {sides.value!r}: "
                "leave switch out, or set sides='each'",
            )

    def duration(self, level: float = 0.5) -> float:
        """Seconds this stretch takes at ``level``, in closed form.

        Raises:
            ValidationError: ``level`` is not a number in [0, 1].
        """
        from stretchkit._durations import stretch_ms  # noqa: PLC0415 - seam: closed forms sit above the model

        return stretch_ms(self, level) / 1000

    def step_count(self, level: float = 0.5) -> int:
        """How many timeline steps this stretch makes at ``level``."""
        from stretchkit._durations import stretch_steps  # noqa: PLC0415 - seam

        return stretch_steps(self, level)


STRETCHES: Final = f.Items(f.StretchItem(Stretch), minimum=1, maximum=f.MAX_STRETCHES)


def _stretches(value: Iterable[Stretch]) -> tuple[Stretch, ...]:
    return STRETCHES.convert(value)  # type: ignore[return-value]


@public
@suggest_keywords
@attrs.frozen(kw_only=True, cache_hash=True, repr=False)
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

    id: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Id()))
    name: str = attrs.field(converter=_str, metadata=f.kind(f.Name()))
    stretches: tuple[Stretch, ...] = attrs.field(converter=_stretches, metadata=f.kind(STRETCHES))
    transition: Range = attrs.field(default=Range(0), converter=_range, metadata=f.kind(SECONDS))
    lead_in: Range = attrs.field(default=Range(0), converter=_range, metadata=f.kind(SECONDS))
    rounds: int = attrs.field(default=1, converter=f.whole, metadata=f.kind(ROUNDS))
    description: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Text()))
    meta: Mapping[str, object] = attrs.field(
        factory=FrozenMap, converter=_meta, hash=False, metadata=f.kind(META)
    )

    def __attrs_post_init__(self) -> None:
        f.check_object(self)

    def _check(self, problems: Problems) -> None:
        f.derive_id(self, problems)

    def __repr__(self) -> str:
        """Short: id, name, counts and the duration from level 0 to level 1."""
        n, rounds = len(self.stretches), self.rounds
        low, high = self.duration(0), self.duration(1)
        span = f"{low!r} s" if low == high else f"{low!r} to {high!r} s"
        return (
            f"<Routine {self.id} {self.name!r}: {n} stretch{'es' if n != 1 else ''}, "
            f"{rounds} round{'s' if rounds != 1 else ''}, {span}>"
        )

    def duration(self, level: float = 0.5) -> float:
        """Seconds the routine takes at ``level``, in closed form (never expanded).

        Equal, exactly, to ``compose(routine, level).duration``.

        Raises:
            ValidationError: ``level`` is not a number in [0, 1].
        """
        from stretchkit._durations import routine_ms  # noqa: PLC0415 - seam

        return routine_ms(self, level) / 1000

    def duration_range(self) -> Range:
        """``Range(duration(0), duration(1))``: the shortest and the longest."""
        return Range(self.duration(0), self.duration(1))

    def step_count(self, level: float = 0.5) -> int:
        """How many steps ``compose(routine, level)`` has, in closed form."""
        from stretchkit._durations import routine_steps  # noqa: PLC0415 - seam

        return routine_steps(self, level)

    def compose(self, level: float = 0.5, *, max_steps: int = 1_000_000) -> Timeline:
        """The routine's timeline at ``level``; see :func:`stretchkit.compose`."""
        from stretchkit._compose import compose  # noqa: PLC0415 - seam: the composer sits above the model

        return compose(self, level, max_steps=max_steps)

    def _repr_html_(self) -> str:
        from stretchkit.export._html import routine_html  # noqa: PLC0415 - seam: Jupyter's view

        return routine_html(self)


def name_in(obj: Stretch | Pose, language: str) -> str:
    """``obj``'s name in ``language`` (from ``names``), else its ``name``."""
    return obj.names.get(language, obj.name)


def cue_in(pose: Pose, language: str) -> str:
    """A pose's ``cue`` in ``language`` (from ``cues``), else its ``cue``."""
    return pose.cues.get(language, pose.cue)
