"""One occurrence of a planned stretch as steps, made once per distinct plan.

A routine repeats its stretches: an app's routine is often hundreds of
entries of a few stretches. Every occurrence of one plan (a stretch resolved
at a level, see :mod:`stretchkit._durations`) has the same steps, shifted in
time and carrying another item. So whatever the steps of an occurrence need
(durations, packed words, document columns, labels, cues) is made once per
distinct plan, or per distinct stretch for texts, as a :class:`Pattern`, and
each occurrence copies it with ``list.extend`` or an ``array`` operation, at
C speed, instead of a Python call per step.

This module also holds the one codec of a packed step (:func:`pack`): kind
and side, pose, rep and item in one 64-bit word, and a step's label.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable, Hashable, Iterator
from functools import cached_property
from itertools import accumulate
from typing import Any, Final, NamedTuple, TypeAlias, TypeVar, cast

from stretchkit._durations import Plan, Resolved
from stretchkit._enums import Side, StepKind
from stretchkit._languages import fill
from stretchkit._model import Pose, Stretch, name_in
from stretchkit._numbers import seconds, seconds_list

# -- the codec ------------------------------------------------------------------
#
# A packed step: kind (bits 0-1) | side (bits 2-3) | pose << 8 | rep << 16 |
# item << 32. Pose 0 means none, else 1 + the pose's index.

KINDS: Final = (StepKind.HOLD, StepKind.REST, StepKind.SWITCH, StepKind.TRANSITION)
SIDES: Final = (None, Side.LEFT, Side.RIGHT)
KIND_CODE: Final = {kind: i for i, kind in enumerate(KINDS)}
SIDE_CODE: Final = {side: i for i, side in enumerate(SIDES)}
HOLD_CODE: Final = KIND_CODE[StepKind.HOLD]
SIDE_NAMES: Final = ("none", "left", "right")


def pack(kind: StepKind, side: Side | None, pose: int, rep: int, item: int) -> int:
    """One step as a packed word; ``pose`` is 0 for none, else 1 + its index."""
    return KIND_CODE[kind] | SIDE_CODE[side] << 2 | pose << 8 | rep << 16 | item << 32


def pose_of(word: int) -> int:
    """0 for none, else 1 + the pose's index."""
    return (word >> 8) & 0xFF


def rep_of(word: int) -> int:
    return (word >> 16) & 0xFFFF


def item_of(word: int) -> int:
    return word >> 32


#: A 32-bit unsigned array type, and which half of a packed word (in memory
#: order) holds the item: the composer writes words as two halves.
HALF: Final = next(code for code in "ILH" if array(code).itemsize == 4)
LOW, HIGH = (0, 1) if sys.byteorder == "little" else (1, 0)

# -- labels ---------------------------------------------------------------------


def label(  # noqa: PLR0917 - a step's fields, in order
    kind: StepKind,
    side: Side | None,
    stretch: Stretch,
    pose: Pose | None,
    rep: int,
    reps: int,
    language: str,
) -> str:
    """A step's label in ``language``: what it is, side, and rep of reps."""
    if kind is StepKind.REST:
        return fill(language, "label.rest")
    if kind is StepKind.SWITCH:
        return fill(language, "label.switch" if side is None else f"label.switch.{side.value}")
    name = name_in(stretch, language)
    if kind is StepKind.TRANSITION:
        return fill(language, "label.ready", name=name)
    if pose is not None:
        name = fill(language, "label.pose", name=name, pose=name_in(pose, language))
    side_word = None if side is None else fill(language, f"side.{side.value}")
    if side_word is not None and reps > 1:
        return fill(language, "label.hold.side_rep", name=name, side=side_word, rep=rep, reps=reps)
    if side_word is not None:
        return fill(language, "label.hold.side", name=name, side=side_word)
    if reps > 1:
        return fill(language, "label.hold.rep", name=name, rep=rep, reps=reps)
    return name


def name_label(kind: StepKind, side: Side | None, stretch: Stretch, pose: Pose | None, language: str) -> str:
    """A step's label without the rep count, ``"Seated Twist — left"``: the
    same for every rep, as a device names a step that repeats."""
    return label(kind, side, stretch, pose, 1, 1, language)


# -- the steps of one occurrence --------------------------------------------------

T = TypeVar("T")


#: One step of an occurrence: ``(kind, side, rep, pose, ms)``; pose 0 = none,
#: else 1 + its index.
Row: TypeAlias = tuple[StepKind, Side | None, int, int, int]


def occurrence(p: Plan) -> Iterator[Row]:
    """The steps of one occurrence of a planned stretch, in order."""
    first_pose = 1 if p.posed else 0

    def holds(side: Side | None, rep: int) -> Iterator[Row]:
        if p.posed:
            for j, ms in enumerate(p.holds, 1):
                yield StepKind.HOLD, side, rep, j, ms
        else:
            yield StepKind.HOLD, side, rep, 0, p.holds[0]

    def gap(kind: StepKind, ms: int, side: Side | None, rep: int) -> Iterator[Row]:
        if ms > 0:  # a gap of 0 is left out
            yield kind, side, rep, first_pose, ms

    n, a = p.reps, p.first
    if not p.each:
        for rep in range(1, n + 1):
            if rep > 1:
                yield from gap(StepKind.REST, p.rest, a, rep)
            yield from holds(a, rep)
        return
    b = Side.RIGHT if a is Side.LEFT else Side.LEFT
    if p.blocked:
        for side in (a, b):
            if side is b:
                yield from gap(StepKind.SWITCH, p.switch, b, 1)
            for rep in range(1, n + 1):
                if rep > 1:
                    yield from gap(StepKind.REST, p.rest, side, rep)
                yield from holds(side, rep)
    else:
        gap_kind, gap_ms = p.gap
        for rep in range(1, n + 1):
            if rep > 1:
                yield from gap(gap_kind, gap_ms, a, rep)
            yield from holds(a, rep)
            yield from gap(StepKind.SWITCH, p.switch, b, rep)
            yield from holds(b, rep)


class Pattern:
    """The steps of one occurrence of ``plan``, and a transition step that may precede it.

    Patterns are shared (between the occurrences of a timeline, and between
    timelines, see :func:`pattern`): nothing may change what one holds.
    Callers copy from it (``extend``), never into it.

    Attributes:
        plan: The plan.
        rows: Each step, as a :data:`Row`.
        ms: Each step's duration in ms.
        low: Each step's packed word without its item (the low 32 bits).
        lead: The low word of the transition step before an occurrence.
        total: The occurrence's duration in ms, without that transition.
        offsets: Each step's start in ms from the occurrence's first hold.
        whole: Whether every step lasts whole seconds (then times can be
            made as ``int`` seconds, the way documents write them).
    """

    #: The most results :meth:`remember` keeps for one pattern (then it starts
    #: afresh): a stretch's labels, and its cues after a lead-in and after a
    #: transition, in a language or two, for a few stretches of one plan.
    MEMO_SIZE: Final = 16

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self.rows = tuple(occurrence(plan))
        self.ms = array("q", [ms for *_, ms in self.rows])
        self.low = array(HALF, [pack(kind, side, pose, rep, 0) for kind, side, rep, pose, _ in self.rows])
        self.lead = pack(StepKind.TRANSITION, plan.first, 1 if plan.posed else 0, 1, 0)
        self.offsets = list(accumulate(self.ms, initial=0))
        self.total = self.offsets.pop()
        self.whole = not any(ms % 1000 for ms in self.ms)
        self._led: dict[int, dict[str, list[object]]] = {}
        self._memo: dict[Hashable, Any] = {}

    def __len__(self) -> int:
        return len(self.rows)

    @cached_property
    def document(self) -> dict[str, list[object]]:
        """The columns of its steps that are the same in every occurrence, as
        documents write them: ``kind``, ``side``, ``rep``, ``pose`` (the index, -1
        for none), ``duration`` (seconds, ``int`` when whole), and
        ``duration_float`` (float seconds, for records)."""
        rows = self.rows
        return {
            "kind": [kind.value for kind, *_ in rows],
            "side": [SIDE_NAMES[SIDE_CODE[side]] for _, side, *_ in rows],
            "rep": [rep for _, _, rep, _, _ in rows],
            "pose": [pose - 1 for _, _, _, pose, _ in rows],
            "duration": list[object](seconds_list(self.ms)),
            "duration_float": [ms / 1000 for ms in self.ms],
        }

    def led(self, gap: int) -> dict[str, list[object]]:
        """:attr:`document` for an occurrence led by a transition step of
        ``gap`` ms (none when 0); made once per gap."""
        if not gap:
            return self.document
        found = self._led.get(gap)
        if found is None:
            p = self.plan
            lead: dict[str, object] = {
                "kind": StepKind.TRANSITION.value,
                "side": SIDE_NAMES[SIDE_CODE[p.first]],
                "rep": 1,
                "pose": 0 if p.posed else -1,
                "duration": seconds(gap),
                "duration_float": gap / 1000,
            }
            found = self._led[gap] = {name: [lead[name], *column] for name, column in self.document.items()}
        return found

    def remember(self, key: Hashable, make: Callable[[], T]) -> T:
        """``make()``, made once for ``key``: what the layers above make of a
        pattern with a stretch (its labels, its cues), kept with the pattern.

        The key holds all that the result depends on (the stretch, compared
        by value, the language, ...); the result is shared, never changed.
        An app loads and composes the same routines again and again, so a
        stretch's texts are filled once, not on every load.
        """
        memo = self._memo
        found = memo.get(key, memo)
        if found is memo:
            if len(memo) >= self.MEMO_SIZE:
                memo.clear()
            found = memo[key] = make()
        return cast(T, found)

    def labels(self, stretch: Stretch, language: str) -> tuple[str, list[str]]:
        """The label of a transition before an occurrence of ``stretch``, and of each step."""
        return self.remember(("labels", stretch, language), lambda: self._labels(stretch, language))

    def _labels(self, stretch: Stretch, language: str) -> tuple[str, list[str]]:
        reps, poses = self.plan.reps, stretch.poses
        ready = label(StepKind.TRANSITION, self.plan.first, stretch, None, 1, reps, language)
        made: dict[tuple[StepKind, Side | None, int, int], str] = {}
        out = []
        for kind, side, rep, pose, _ in self.rows:
            key = (kind, side, rep, pose)
            text = made.get(key)
            if text is None:
                text = made[key] = label(
                    kind, side, stretch, poses[pose - 1] if pose else None, rep, reps, language
                )
            out.append(text)
        return ready, out


#: Patterns of small plans, kept across timelines: an app composes and loads
#: the same routines again and again. Large ones are made per timeline. The
#: bounds keep what is held small: a few kilobytes for an app's routines, at
#: worst about 20 MB of texts for one cycling through many distinct stretches
#: and languages (64 patterns of at most 64 steps, 16 results each).
_CACHE: dict[Plan, Pattern] = {}
_CACHE_SIZE: Final = 64
_CACHE_STEPS: Final = 64


def pattern(p: Plan) -> Pattern:
    """The pattern of plan ``p``, made once."""
    found = _CACHE.get(p)
    if found is None:
        found = Pattern(p)
        if len(found) <= _CACHE_STEPS:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.clear()
            _CACHE[p] = found
    return found


class Layout(NamedTuple):
    """How a timeline's steps are laid out, occurrence by occurrence.

    Per item (stretch entry of the routine): the pattern of its occurrence,
    and the first item whose stretch equals its own (the texts of a stretch
    are made once, for that item). The gaps: ``lead_in`` before the first
    stretch, ``transition`` between the others and between rounds, in ms.
    """

    patterns: tuple[Pattern, ...]
    firsts: tuple[int, ...]
    lead_in: int
    transition: int

    @classmethod
    def of(cls, resolved: Resolved) -> Layout:
        """The layout of a resolved routine; equal stretches share a plan, so a pattern."""
        by_plan: dict[int, Pattern] = {}
        patterns = []
        for p in resolved.plans:
            found = by_plan.get(id(p))
            if found is None:
                found = by_plan[id(p)] = pattern(p)
            patterns.append(found)
        return cls(tuple(patterns), tuple(resolved.firsts), resolved.lead_in, resolved.transition)

    @property
    def whole(self) -> bool:
        """Whether every step, so every time, is whole seconds."""
        return (
            not self.lead_in % 1000
            and not self.transition % 1000
            and all(p.whole for p in set(self.patterns))
        )

    def round(self, *, first: bool) -> list[tuple[int, int, Pattern]]:
        """``(item, gap, pattern)`` of each occurrence of round 1, or of any later
        round; ``gap`` is the ms of the transition step before it (0: none)."""
        transition = self.transition
        out = [(item, transition, p) for item, p in enumerate(self.patterns)]
        if first:
            out[0] = (0, self.lead_in, self.patterns[0])
        return out
