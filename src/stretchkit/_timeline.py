"""``Step``, ``PlaybackState`` and ``Timeline``.

A ``Timeline`` stores its steps column-wise in ``array`` columns (about
16 bytes a step) and builds ``Step`` objects only when asked: by indexing,
iterating, ``at`` or ``state``. Start times are integer milliseconds, so
``steps[i].end == steps[i + 1].start`` holds exactly.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING, Final, TypeAlias, overload

import attrs

from stretchkit._model import Pose, Routine, Side, StepKind, Stretch
from stretchkit._range import number_problem
from stretchkit.exceptions import ValidationError

if TYPE_CHECKING:
    IntArray: TypeAlias = array[int]
else:  # array is not subscriptable at run time before Python 3.12
    IntArray: TypeAlias = array

# Column codes: kind in the low two bits, side above them.
HOLD: Final = 0
REST: Final = 1
SWITCH: Final = 2
TRANSITION: Final = 3
NO_SIDE: Final = 0
LEFT: Final = 1
RIGHT: Final = 2
KINDS: Final = (StepKind.HOLD, StepKind.REST, StepKind.SWITCH, StepKind.TRANSITION)
SIDES: Final = (None, Side.LEFT, Side.RIGHT)


@attrs.frozen(kw_only=True)
class Step:
    """One entry of a timeline: a hold, or a gap before the next hold.

    Times are seconds, whole milliseconds, exact: ``end`` is the next step's
    ``start``. A gap (``REST``, ``SWITCH``, ``TRANSITION``) carries the
    stretch, item, side, rep and pose of the hold that follows it.

    Steps come from :func:`stretchkit.compose` or a loaded timeline; they
    are not meant to be built by hand.

    Attributes:
        index: Position in the timeline, from 0.
        kind: ``StepKind.HOLD``, ``REST``, ``SWITCH`` or ``TRANSITION``.
        start: When the step starts, in seconds from the timeline's start.
        duration: How long it lasts, in seconds (> 0).
        end: When it ends.
        stretch: The stretch being done (or about to be).
        item: Position of that stretch in the routine, from 0.
        round: Which round of the routine, from 1.
        side: ``Side.LEFT`` / ``RIGHT``, or ``None`` for an unsided stretch.
        rep: Which rep on this side, from 1.
        reps: Reps per side of this stretch.
        pose: The pose held, or ``None`` for a stretch without poses.
    """

    index: int
    kind: StepKind
    start: float
    duration: float
    end: float
    stretch: Stretch
    item: int
    round: int
    side: Side | None
    rep: int
    reps: int
    pose: Pose | None

    @property
    def label(self) -> str:
        """Short human text, e.g. ``"Seated Twist — left, 2 of 3"``."""
        kind = self.kind
        if kind is StepKind.REST:
            return "Rest"
        if kind is StepKind.SWITCH:
            return "Switch sides" if self.side is None else f"Switch to the {self.side.value} side"
        if kind is StepKind.TRANSITION:
            return f"Get ready: {self.stretch.name}"
        name = self.stretch.name if self.pose is None else f"{self.stretch.name} ({self.pose.name})"
        parts = [] if self.side is None else [self.side.value]
        if self.reps > 1:
            parts.append(f"{self.rep} of {self.reps}")
        return f"{name} — {', '.join(parts)}" if parts else name

    @property
    def is_gap(self) -> bool:
        """True for ``REST``, ``SWITCH`` and ``TRANSITION`` steps."""
        return self.kind is not StepKind.HOLD


_SETTERS: Final = tuple(getattr(Step, f.name).__set__ for f in attrs.fields(Step))
_new = object.__new__


def make_step(*values: object) -> Step:
    """Build a ``Step`` from its field values in order, skipping validation."""
    step: Step = _new(Step)
    for setter, value in zip(_SETTERS, values, strict=True):
        setter(step, value)
    return step


@attrs.frozen(kw_only=True)
class PlaybackState:
    """Where a player is at one instant of a timeline.

    Attributes:
        step: The step playing.
        index: Its index.
        elapsed: Seconds since the timeline started.
        remaining: Seconds until the timeline ends.
        step_elapsed: Seconds since this step started.
        step_remaining: Seconds until this step ends.
        progress: ``elapsed / duration``, from 0 to 1.
        next: The step after this one, or ``None`` during the last.
    """

    step: Step
    index: int
    elapsed: float
    remaining: float
    step_elapsed: float
    step_remaining: float
    progress: float
    next: Step | None


@attrs.frozen(kw_only=True, repr=False)
class Timeline(Sequence[Step]):
    """The flat, exact timeline of a routine at one level.

    An immutable sequence of :class:`Step` (``len``, iteration, indexing,
    slicing). Two timelines are equal when their routine and level are.
    Build one with :func:`stretchkit.compose` or load one from a document.

    Attributes:
        routine: The routine it was composed from.
        level: The level every range was resolved at.

    >>> import stretchkit as sk
    >>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=30, reps=2, rest=5)]))
    >>> [(s.kind.value, s.start, s.end) for s in tl]
    [('hold', 0.0, 30.0), ('rest', 30.0, 35.0), ('hold', 35.0, 65.0)]
    """

    routine: Routine
    level: float
    _reps: tuple[int, ...] = attrs.field(alias="_reps", eq=False)
    _start: IntArray = attrs.field(alias="_start", eq=False)
    _code: IntArray = attrs.field(alias="_code", eq=False)
    _item: IntArray = attrs.field(alias="_item", eq=False)
    _round: IntArray = attrs.field(alias="_round", eq=False)
    _rep: IntArray = attrs.field(alias="_rep", eq=False)
    _pose: IntArray = attrs.field(alias="_pose", eq=False)

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.routine.name!r} level={self.level!r}: {len(self)} steps, {self.duration!r} s>"
        )

    # -- the sequence -------------------------------------------------------

    def __len__(self) -> int:
        return len(self._code)

    @overload
    def __getitem__(self, index: int) -> Step: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Step, ...]: ...
    def __getitem__(self, index: int | slice) -> Step | tuple[Step, ...]:
        if isinstance(index, slice):
            return tuple(self._step(i) for i in range(*index.indices(len(self))))
        n = len(self._code)
        if isinstance(index, bool) or not isinstance(index, int):
            msg = f"timeline indices must be integers or slices, not {type(index).__name__}"
            raise TypeError(msg)
        if index < 0:
            index += n
        if not 0 <= index < n:
            msg = "timeline index out of range"
            raise IndexError(msg)
        return self._step(index)

    def __iter__(self) -> Iterator[Step]:
        stretches = self.routine.stretches
        reps = self._reps
        poses = [s.poses for s in stretches]
        start = self._start
        for i, (code, item, rnd, rep, pose) in enumerate(
            zip(self._code, self._item, self._round, self._rep, self._pose, strict=True)
        ):
            a = start[i]
            b = start[i + 1]
            yield make_step(
                i,
                KINDS[code & 3],
                a / 1000,
                (b - a) / 1000,
                b / 1000,
                stretches[item],
                item,
                rnd,
                SIDES[code >> 2],
                rep,
                reps[item],
                poses[item][pose - 1] if pose else None,
            )

    def _step(self, i: int) -> Step:
        item = self._item[i]
        code = self._code[i]
        pose = self._pose[i]
        stretch = self.routine.stretches[item]
        a = self._start[i]
        b = self._start[i + 1]
        return make_step(
            i,
            KINDS[code & 3],
            a / 1000,
            (b - a) / 1000,
            b / 1000,
            stretch,
            item,
            self._round[i],
            SIDES[code >> 2],
            self._rep[i],
            self._reps[item],
            stretch.poses[pose - 1] if pose else None,
        )

    # -- time ---------------------------------------------------------------

    @property
    def duration(self) -> float:
        """Total seconds: the last step's ``end``."""
        return self._start[-1] / 1000

    def index_at(self, t: float) -> int:
        """The index of the step playing at ``t`` seconds, in O(log n).

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        problem = number_problem(t)
        if problem is not None:
            raise ValidationError([f"t: {problem}"])
        start = self._start
        n = len(start) - 1
        if not 0 <= t < start[n] / 1000:
            msg = f"t: must be in [0, {start[n] / 1000!r}), got {t!r}"
            raise ValidationError([msg])
        i = bisect_right(start, t * 1000, 0, n) - 1
        # t * 1000 can round across a boundary; settle on the float bounds.
        if i > 0 and start[i] / 1000 > t:
            i -= 1
        elif i < n - 1 and start[i + 1] / 1000 <= t:
            i += 1
        return max(i, 0)

    def at(self, t: float) -> Step:
        """The step playing at ``t`` seconds, in O(log n).

        A step owns ``[start, end)``: at a boundary the later step plays, and
        the last instant (``t == duration``) belongs to no step.

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        return self._step(self.index_at(t))

    def state(self, t: float) -> PlaybackState:
        """What a player needs at ``t`` seconds: step, times left, progress, next.

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        i = self.index_at(t)
        step = self._step(i)
        total = self.duration
        return PlaybackState(
            step=step,
            index=i,
            elapsed=float(t),
            remaining=total - t,
            step_elapsed=t - step.start,
            step_remaining=step.end - t,
            progress=t / total,
            next=self._step(i + 1) if i + 1 < len(self) else None,
        )

    # -- summaries ----------------------------------------------------------

    def _totals(self) -> dict[tuple[int, int], int]:
        """Milliseconds per (item, code), in one pass over the columns."""
        totals: dict[tuple[int, int], int] = {}
        get = totals.get
        for key, (a, b) in zip(zip(self._item, self._code, strict=True), pairwise(self._start), strict=True):
            totals[key] = get(key, 0) + b - a
        return totals

    @property
    def hold_time(self) -> float:
        """Seconds spent holding a stretch (every step but the gaps)."""
        return sum(ms for (_, code), ms in self._totals().items() if code & 3 == HOLD) / 1000

    def time_by_kind(self) -> dict[StepKind, float]:
        """Seconds per kind of step, in ``StepKind`` order; sums to ``duration``."""
        ms = [0, 0, 0, 0]
        for (_, code), t in self._totals().items():
            ms[code & 3] += t
        return {kind: t / 1000 for kind, t in zip(KINDS, ms, strict=True) if t}

    def time_by_side(self) -> dict[Side | None, float]:
        """Hold seconds per side (``None`` for unsided holds); gaps not counted."""
        ms = [0, 0, 0]
        for (_, code), t in self._totals().items():
            if code & 3 == HOLD:
                ms[code >> 2] += t
        order = (Side.LEFT, Side.RIGHT, None)
        return {side: ms[SIDES.index(side)] / 1000 for side in order if ms[SIDES.index(side)]}

    def time_by_stretch(self) -> dict[str, float]:
        """Seconds per stretch id, gaps counted toward the stretch they lead into.

        Keys are in the order the stretches first appear; the values sum to
        ``duration``.
        """
        ms: dict[str, int] = {s.id: 0 for s in self.routine.stretches}
        stretches = self.routine.stretches
        for (item, _), t in self._totals().items():
            ms[stretches[item].id] += t
        return {key: t / 1000 for key, t in ms.items()}

    def time_by_target(self) -> dict[str, float]:
        """Hold seconds per target body area; a hold counts for each of its targets.

        Keys are sorted; stretches without targets are not counted.
        """
        ms: dict[str, int] = {}
        stretches = self.routine.stretches
        for (item, code), t in self._totals().items():
            if code & 3 == HOLD:
                for target in stretches[item].targets:
                    ms[target] = ms.get(target, 0) + t
        return {key: ms[key] / 1000 for key in sorted(ms)}


def timeline_bytes(timeline: Timeline) -> int:
    """Bytes held by a timeline's columns (for benchmarks)."""
    cols = (timeline._start, timeline._code, timeline._item, timeline._round, timeline._rep, timeline._pose)
    return sum(c.itemsize * len(c) for c in cols)
