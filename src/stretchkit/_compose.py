"""The composer: a routine at a level -> an exact, flat timeline.

Also the closed-form durations and step counts (never by expanding) and
``fit``. Everything is integer milliseconds inside; see ``docs/expansion.md``
for the rules with a worked example.
"""

from __future__ import annotations

import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate
from typing import NamedTuple

import attrs

from stretchkit._model import Pose, Routine, Side, SideOrder, Sides, Stretch
from stretchkit._range import Number, Range, check_level, number_problem
from stretchkit._timeline import (
    HOLD,
    KINDS,
    LEFT,
    NO_SIDE,
    REST,
    RIGHT,
    SIDES,
    SWITCH,
    TRANSITION,
    Step,
    Timeline,
    make_step,
)
from stretchkit.exceptions import FitError, TimelineTooLarge, ValidationError

__all__ = ["compose", "fit", "iter_steps"]


def _ms(value: Number) -> int:
    """A resolved value in seconds (whole milliseconds) as integer ms."""
    return value * 1000 if isinstance(value, int) else round(value * 1000)


class Plan(NamedTuple):
    """One stretch with every range resolved at one level, in ms."""

    reps: int
    holds: tuple[int, ...]  # one per pose; a single entry without poses
    rest: int
    switch: int
    each: bool
    blocked: bool
    first: int  # side code of the first hold
    posed: bool

    @property
    def gap(self) -> tuple[int, int]:
        """``(kind, ms)`` of the gap between alternating reps."""
        if self.rest > 0:
            return REST, max(self.rest, self.switch)
        return SWITCH, self.switch


_FIRST_SIDE = {Sides.NONE: NO_SIDE, Sides.LEFT: LEFT, Sides.RIGHT: RIGHT, Sides.EACH: LEFT}


def plan(stretch: Stretch, level: float) -> Plan:
    """Resolve ``stretch`` at ``level`` (already checked)."""
    base = _ms(stretch.hold._at(level))
    holds = tuple(base if p.hold is None else _ms(p.hold._at(level)) for p in stretch.poses)
    each = stretch.sides is Sides.EACH
    first = _FIRST_SIDE[stretch.sides]
    if each:
        first = LEFT if stretch.first_side is Side.LEFT else RIGHT
    return Plan(
        reps=int(stretch.reps._at(level)),
        holds=holds or (base,),
        rest=_ms(stretch.rest._at(level)),
        switch=_ms(stretch.switch._at(level)),
        each=each,
        blocked=stretch.side_order is SideOrder.BLOCKED,
        first=first,
        posed=bool(holds),
    )


def plan_ms(p: Plan) -> int:
    """Closed-form duration of one occurrence of a planned stretch."""
    n, hold, r, w = p.reps, sum(p.holds), p.rest, p.switch
    if not p.each:
        return n * hold + (n - 1) * r
    if p.blocked:
        return 2 * (n * hold + (n - 1) * r) + w
    return 2 * n * hold + n * w + (n - 1) * p.gap[1]


def plan_steps(p: Plan) -> int:
    """Closed-form step count of one occurrence of a planned stretch."""
    n, poses, r, w = p.reps, len(p.holds), p.rest, p.switch
    if not p.each:
        return n * poses + (n - 1) * (r > 0)
    if p.blocked:
        return 2 * n * poses + 2 * (n - 1) * (r > 0) + (w > 0)
    return 2 * n * poses + n * (w > 0) + (n - 1) * (p.gap[1] > 0)


def occurrence(p: Plan) -> Iterator[tuple[int, int, int, int]]:
    """The steps of one occurrence: ``(code, rep, pose, ms)``, pose 0 = none."""
    first_pose = 1 if p.posed else 0

    def holds(side: int, rep: int) -> Iterator[tuple[int, int, int, int]]:
        code = HOLD | side << 2
        if p.posed:
            for j, ms in enumerate(p.holds, 1):
                yield code, rep, j, ms
        else:
            yield code, rep, 0, p.holds[0]

    def gap(kind: int, ms: int, side: int, rep: int) -> Iterator[tuple[int, int, int, int]]:
        if ms > 0:
            yield kind | side << 2, rep, first_pose, ms

    n, a = p.reps, p.first
    b = LEFT + RIGHT - a  # the other side (only used when each)
    if not p.each:
        for rep in range(1, n + 1):
            if rep > 1:
                yield from gap(REST, p.rest, a, rep)
            yield from holds(a, rep)
    elif p.blocked:
        for side in (a, b):
            if side == b:
                yield from gap(SWITCH, p.switch, b, 1)
            for rep in range(1, n + 1):
                if rep > 1:
                    yield from gap(REST, p.rest, side, rep)
                yield from holds(side, rep)
    else:
        gap_kind, gap_ms = p.gap
        for rep in range(1, n + 1):
            if rep > 1:
                yield from gap(gap_kind, gap_ms, a, rep)
            yield from holds(a, rep)
            yield from gap(SWITCH, p.switch, b, rep)
            yield from holds(b, rep)


class _Resolved(NamedTuple):
    plans: list[Plan]
    lead_in: int
    transition: int


def _resolve(routine: Routine, level: float) -> _Resolved:
    memo: dict[Stretch, Plan] = {}
    plans = []
    for s in routine.stretches:
        p = memo.get(s)
        if p is None:
            p = memo[s] = plan(s, level)
        plans.append(p)
    return _Resolved(plans, _ms(routine.lead_in._at(level)), _ms(routine.transition._at(level)))


def _total_ms(r: _Resolved, rounds: int) -> int:
    per_round = sum(plan_ms(p) for p in r.plans)
    return r.lead_in + rounds * per_round + (rounds * len(r.plans) - 1) * r.transition


def _total_steps(r: _Resolved, rounds: int) -> int:
    per_round = sum(plan_steps(p) for p in r.plans)
    gaps = (r.lead_in > 0) + (rounds * len(r.plans) - 1) * (r.transition > 0)
    return rounds * per_round + gaps


def stretch_ms(stretch: Stretch, level: float) -> int:
    """Closed-form duration of a stretch in ms."""
    return plan_ms(plan(stretch, check_level(level)))


def stretch_steps(stretch: Stretch, level: float) -> int:
    """Closed-form step count of a stretch."""
    return plan_steps(plan(stretch, check_level(level)))


def routine_ms(routine: Routine, level: float) -> int:
    """Closed-form duration of a routine in ms, O(number of stretches)."""
    return _total_ms(_resolve(routine, check_level(level)), routine.rounds)


def routine_steps(routine: Routine, level: float) -> int:
    """Closed-form step count of a routine, O(number of stretches)."""
    return _total_steps(_resolve(routine, check_level(level)), routine.rounds)


def _check_routine(routine: object) -> Routine:
    if not isinstance(routine, Routine):
        msg = f"routine: expected a Routine, got {type(routine).__name__}"
        raise ValidationError([msg])
    return routine


def _check_max_steps(max_steps: object) -> int:
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or max_steps < 1:
        msg = f"max_steps: expected a whole number >= 1, got {max_steps!r}"
        raise ValidationError([msg])
    return max_steps


class _Pattern(NamedTuple):
    ms: array[int]
    packed: array[int]  # without the item, added per occurrence


def _pattern(p: Plan) -> _Pattern:
    rows = list(occurrence(p))
    return _Pattern(
        array("q", [r[3] for r in rows]),
        array("Q", [r[0] | r[2] << 8 | r[1] << 16 for r in rows]),
    )


def compose(routine: Routine, level: float = 0.5, *, max_steps: int = 1_000_000) -> Timeline:
    """Expand ``routine`` at ``level`` into its exact, flat :class:`Timeline`.

    Every range is resolved with ``Range.at(level)``; see the expansion rules
    in the docs. The step count is checked, in closed form, before anything
    is built.

    Args:
        routine: The routine to expand.
        level: From 0 (every range at its low end) to 1 (its high end).
        max_steps: The most steps allowed.

    Raises:
        ValidationError: ``level`` is not a number in [0, 1], or ``max_steps``
            is not a whole number >= 1.
        TimelineTooLarge: The timeline would have more than ``max_steps`` steps.

    >>> import stretchkit as sk
    >>> twist = sk.Stretch(name="Twist", hold=20, reps=2, sides=sk.Sides.EACH, switch=3, rest=5)
    >>> tl = sk.compose(sk.Routine(name="R", stretches=[twist]))
    >>> print(*(f"{s.kind.value} {s.side.value} {s.duration}" for s in tl), sep="\\n")
    hold left 20.0
    switch right 3.0
    hold right 20.0
    rest left 5.0
    hold left 20.0
    switch right 3.0
    hold right 20.0
    """
    routine = _check_routine(routine)
    level = check_level(level)
    max_steps = _check_max_steps(max_steps)
    resolved = _resolve(routine, level)
    count = _total_steps(resolved, routine.rounds)
    if count > max_steps:
        msg = f"{routine.name!r} would have {count} steps, over the limit of {max_steps}"
        raise TimelineTooLarge(msg, steps=count, limit=max_steps)

    patterns: dict[tuple[Plan, int], _Pattern] = {}

    def one_round(first_gap: int) -> _Pattern:
        ms, packed = array("q"), array("Q")
        for item, p in enumerate(resolved.plans):
            gap = first_gap if item == 0 else resolved.transition
            if gap:
                ms.append(gap)
                packed.append(TRANSITION | p.first << 2 | (1 if p.posed else 0) << 8 | 1 << 16 | item << 32)
            pat = patterns.get((p, item))
            if pat is None:
                base = _pattern(p)
                pat = patterns[p, item] = _Pattern(base.ms, array("Q", [v | item << 32 for v in base.packed]))
            ms.extend(pat.ms)
            packed.extend(pat.packed)
        return _Pattern(ms, packed)

    ms, packed = one_round(resolved.lead_in)
    first = period = len(packed)
    if routine.rounds > 1:
        later = one_round(resolved.transition)
        period = len(later.packed)
        more = routine.rounds - 1
        ms = ms + later.ms * more
        packed = packed + later.packed * more
    return Timeline(
        routine=routine,
        level=level,
        _reps=tuple(p.reps for p in resolved.plans),
        _start=array("q", accumulate(ms, initial=0)),
        _packed=packed,
        _first=first,
        _period=period,
    )


def iter_steps(routine: Routine, level: float = 0.5) -> Iterator[Step]:
    """Yield the steps of ``compose(routine, level)`` one by one, lazily.

    For timelines too large to hold: memory stays constant however many
    steps there are, and there is no step limit.

    Raises:
        ValidationError: ``level`` is not a number in [0, 1] (raised at once,
            not on the first ``next``).

    >>> import stretchkit as sk
    >>> routine = sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=30, reps=3)])
    >>> [s.label for s in sk.iter_steps(routine)]
    ['Hug — 1 of 3', 'Hug — 2 of 3', 'Hug — 3 of 3']
    """
    routine = _check_routine(routine)
    level = check_level(level)
    return _iter_steps(routine, _resolve(routine, level))


def _iter_steps(routine: Routine, resolved: _Resolved) -> Iterator[Step]:
    stretches = routine.stretches
    index = 0
    t = 0
    for rnd in range(1, routine.rounds + 1):
        for item, p in enumerate(resolved.plans):
            stretch = stretches[item]
            poses = stretch.poses
            gap = resolved.lead_in if rnd == 1 and item == 0 else resolved.transition
            rows = occurrence(p)
            if gap:
                rows = _prefixed((TRANSITION | p.first << 2, 1, 1 if p.posed else 0, gap), rows)
            for code, rep, pose, ms in rows:
                yield make_step(
                    index,
                    KINDS[code & 3],
                    t / 1000,
                    ms / 1000,
                    (t + ms) / 1000,
                    stretch,
                    item,
                    rnd,
                    SIDES[code >> 2],
                    rep,
                    p.reps,
                    _pose(poses, pose),
                )
                index += 1
                t += ms


def _prefixed(
    first: tuple[int, int, int, int], rest: Iterator[tuple[int, int, int, int]]
) -> Iterator[tuple[int, int, int, int]]:
    yield first
    yield from rest


def _pose(poses: tuple[Pose, ...], pose: int) -> Pose | None:
    return poses[pose - 1] if pose else None


# -- fit --------------------------------------------------------------------


def _bits(x: float) -> int:
    bits: int = struct.unpack("<q", struct.pack("<d", x))[0]
    return bits


def _from_bits(bits: int) -> float:
    value: float = struct.unpack("<d", struct.pack("<q", bits))[0]
    return value


def fit(routine: Routine, seconds: float) -> Routine:
    """The routine made to fit ``seconds``, as long as it can be.

    Finds the level whose duration is the largest that does not exceed
    ``seconds`` (durations are a step function of the level: the highest
    such level is taken), and returns the routine with every range resolved
    to a fixed value at that level.

    Raises:
        FitError: Even level 0 is longer than ``seconds``; ``minimum`` says
            how long it is.
        ValidationError: ``seconds`` is not a finite number >= 0.

    >>> import stretchkit as sk
    >>> bend = sk.Stretch(name="Forward Bend", hold=(20, 30), reps=(3, 5), rest=(10, 15))
    >>> fitted = sk.fit(sk.Routine(name="Bend", stretches=[bend]), 180)
    >>> fitted.duration(), fitted.stretches[0].reps, fitted.stretches[0].hold
    (150.0, Range(4), Range(27))
    """
    routine = _check_routine(routine)
    problem = number_problem(seconds)
    if problem is None and seconds < 0:
        problem = f"must not be negative, got {seconds!r}"
    if problem is not None:
        raise ValidationError([f"seconds: {problem}"])

    def fits(level: float) -> bool:
        return _total_ms(_resolve(routine, level), routine.rounds) / 1000 <= seconds

    if not fits(0.0):
        minimum = routine_ms(routine, 0.0) / 1000
        msg = f"{routine.name!r} takes at least {minimum:g} s, more than the {seconds:g} s asked for"
        raise FitError(msg, minimum=minimum)
    if fits(1.0):
        return resolve(routine, 1.0)
    # Non-negative doubles sort like their bit patterns: bisect over the bits
    # for the largest float level that still fits.
    lo, hi = _bits(0.0), _bits(1.0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(_from_bits(mid)):
            lo = mid
        else:
            hi = mid
    return resolve(routine, _from_bits(lo))


def _fixed(r: Range, level: float) -> Range:
    return Range(r._at(level))


def _resolve_stretch(s: Stretch, level: float) -> Stretch:
    poses = [p if p.hold is None else attrs.evolve(p, hold=_fixed(p.hold, level)) for p in s.poses]
    return attrs.evolve(
        s,
        hold=_fixed(s.hold, level),
        reps=_fixed(s.reps, level),
        rest=_fixed(s.rest, level),
        switch=_fixed(s.switch, level),
        poses=poses,
    )


def resolve(routine: Routine, level: float) -> Routine:
    """``routine`` with every range fixed at its value at ``level``."""
    level = check_level(level)
    memo: dict[Stretch, Stretch] = {}
    stretches = []
    for s in routine.stretches:
        fixed = memo.get(s)
        if fixed is None:
            fixed = memo[s] = _resolve_stretch(s, level)
        stretches.append(fixed)
    return attrs.evolve(
        routine,
        stretches=stretches,
        transition=_fixed(routine.transition, level),
        lead_in=_fixed(routine.lead_in, level),
    )
