"""The composer: a routine at a level -> an exact, flat timeline; and ``fit``.

Everything is integer milliseconds inside; see ``docs/expansion.md`` for the
rules with a worked example. The durations it must reach are computed in
closed form by :mod:`stretchkit._durations`.
"""

from __future__ import annotations

import numbers
import struct
from array import array
from collections.abc import Iterator
from itertools import accumulate, chain, repeat

import attrs

from stretchkit._durations import Resolved, resolve, routine_ms
from stretchkit._enums import StepKind
from stretchkit._model import Routine, Stretch
from stretchkit._numbers import describe, number_problem, real
from stretchkit._pattern import HALF, HIGH, LOW, Layout, Row, occurrence
from stretchkit._range import Range, check_level, value_at
from stretchkit._timeline import Step, Timeline, make_step
from stretchkit.exceptions import FitError, TimelineTooLarge, ValidationError


def _check_routine(routine: object) -> Routine:
    if not isinstance(routine, Routine):
        raise ValidationError([("routine", f"expected a Routine, got {type(routine).__name__}")])
    return routine


def check_max_steps(max_steps: object) -> int:
    """``max_steps`` as an ``int`` >= 1, or raise ``ValidationError``."""
    number = real(max_steps) if isinstance(max_steps, numbers.Integral) else None
    if not isinstance(number, int) or number < 1:
        raise ValidationError([("max_steps", f"expected a whole number >= 1, got {describe(max_steps)}")])
    return number


def _round(layout: Layout, *, first: bool) -> tuple[array[int], array[int]]:
    """One round's durations (ms) and packed words, copied pattern by pattern.

    The words are written as two 32-bit halves: each pattern's low halves,
    copied as they are, and the item of each step (the high halves), a run
    of the item's number per occurrence. Nothing is done per step in Python.
    """
    ms, low, counts = array("q"), array(HALF), []
    for _, gap, p in layout.round(first=first):
        if gap:
            ms.append(gap)
            low.append(p.lead)
        ms.extend(p.ms)
        low.extend(p.low)
        counts.append(len(p) + (gap > 0))
    halves = array(HALF, bytes(8 * len(low)))
    halves[LOW::2] = low
    halves[HIGH::2] = array(HALF, chain.from_iterable(map(repeat, range(len(counts)), counts)))
    return ms, array("Q", halves.tobytes())


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
    max_steps = check_max_steps(max_steps)
    return compose_resolved(routine, level, resolve(routine, level), max_steps=max_steps)


def compose_resolved(routine: Routine, level: float, resolved: Resolved, *, max_steps: int) -> Timeline:
    """:func:`compose`, from the routine already resolved at ``level`` (all checked)."""
    count = resolved.steps
    if count > max_steps:
        msg = f"{routine.name!r} would have {count} steps, over the limit of {max_steps}"
        raise TimelineTooLarge(msg, steps=count, limit=max_steps)
    layout = Layout.of(resolved)
    ms, packed = _round(layout, first=True)
    first = period = len(packed)
    if routine.rounds > 1:
        later_ms, later_packed = _round(layout, first=False)
        period = len(later_packed)
        more = routine.rounds - 1
        ms = ms + later_ms * more
        packed = packed + later_packed * more
    return Timeline._from_columns(
        routine,
        level,
        reps=tuple(p.reps for p in resolved.plans),
        start=array("q", accumulate(ms, initial=0)),
        packed=packed,
        first=first,
        period=period,
        layout=layout,
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
    return _iter_steps(routine, resolve(routine, level))


def _iter_steps(routine: Routine, resolved: Resolved) -> Iterator[Step]:
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
                rows = _prefixed((StepKind.TRANSITION, p.first, 1, 1 if p.posed else 0, gap), rows)
            for kind, side, rep, pose, ms in rows:
                yield make_step(
                    index,
                    kind,
                    t / 1000,
                    ms / 1000,
                    (t + ms) / 1000,
                    stretch,
                    item,
                    rnd,
                    side,
                    rep,
                    p.reps,
                    poses[pose - 1] if pose else None,
                )
                index += 1
                t += ms


def _prefixed(first: Row, rest: Iterator[Row]) -> Iterator[Row]:
    yield first
    yield from rest


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
    if problem is None and real(seconds) < 0:  # type: ignore[operator]
        problem = f"must not be negative, got {describe(seconds)}"
    if problem is not None:
        raise ValidationError([("seconds", problem)])
    seconds = real(seconds)  # type: ignore[assignment]  # the exact built-in number

    def fits(level: float) -> bool:
        return resolve(routine, level).ms / 1000 <= seconds

    if not fits(0.0):
        minimum = routine_ms(routine, 0.0) / 1000
        msg = f"{routine.name!r} takes at least {minimum:g} s, more than the {seconds:g} s asked for"
        raise FitError(msg, minimum=minimum)
    if fits(1.0):
        return fixed_at(routine, 1.0)
    # Non-negative doubles sort like their bit patterns: bisect over the bits
    # for the largest float level that still fits.
    lo, hi = _bits(0.0), _bits(1.0)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        if fits(_from_bits(mid)):
            lo = mid
        else:
            hi = mid
    return fixed_at(routine, _from_bits(lo))


def _fixed(r: Range, level: float) -> Range:
    return Range(value_at(r, level))


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


def fixed_at(routine: Routine, level: float) -> Routine:
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
