"""Durations and step counts in closed form, never by expanding.

A :class:`Plan` is one stretch with every range resolved at one level, in
integer milliseconds; the composer expands plans, and the closed forms here
count them. Both follow the rules in ``docs/expansion.md``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import NamedTuple

from stretchkit._enums import Side, SideOrder, Sides, StepKind
from stretchkit._model import Routine, Stretch
from stretchkit._numbers import ms_of
from stretchkit._range import check_level, value_at


class Plan(NamedTuple):
    """One stretch with every range resolved at one level, in ms."""

    reps: int
    holds: tuple[int, ...]  # one per pose; a single entry without poses
    rest: int
    switch: int
    each: bool
    blocked: bool
    first: Side | None  # the side of the first hold
    posed: bool

    @property
    def gap(self) -> tuple[StepKind, int]:
        """``(kind, ms)`` of the gap between alternating reps: a rest long
        enough to change sides in, or else a switch."""
        if self.rest > 0:
            return StepKind.REST, max(self.rest, self.switch)
        return StepKind.SWITCH, self.switch


_FIRST_SIDE = {Sides.NONE: None, Sides.LEFT: Side.LEFT, Sides.RIGHT: Side.RIGHT}


def plan(stretch: Stretch, level: float) -> Plan:
    """Resolve ``stretch`` at ``level`` (already checked)."""
    base = ms_of(value_at(stretch.hold, level))
    holds = tuple(base if p.hold is None else ms_of(value_at(p.hold, level)) for p in stretch.poses)
    each = stretch.sides is Sides.EACH
    return Plan(
        reps=int(value_at(stretch.reps, level)),
        holds=holds or (base,),
        rest=ms_of(value_at(stretch.rest, level)),
        switch=ms_of(value_at(stretch.switch, level)),
        each=each,
        blocked=stretch.side_order is SideOrder.BLOCKED,
        first=stretch.first_side if each else _FIRST_SIDE[stretch.sides],
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


class Resolved(NamedTuple):
    """A routine at one level: a plan per stretch entry, and the gaps between, in ms.

    ``firsts`` gives, per entry, the first entry whose stretch is equal to
    its own: a stretch that appears many times is planned once (its entries
    share one ``Plan`` object), and its texts are made once.
    """

    plans: list[Plan]
    firsts: list[int]
    counts: dict[int, int]  # entries per first entry: how often each distinct stretch appears
    lead_in: int
    transition: int
    rounds: int

    def _per_round(self, of: Callable[[Plan], int]) -> int:
        """``of`` summed over one round's plans: once per distinct stretch, times its entries."""
        plans = self.plans
        return sum(of(plans[first]) * n for first, n in self.counts.items())

    @property
    def ms(self) -> int:
        """Closed-form duration of the whole routine."""
        per_round = self._per_round(plan_ms)
        return self.lead_in + self.rounds * per_round + (self.rounds * len(self.plans) - 1) * self.transition

    @property
    def steps(self) -> int:
        """Closed-form step count of the whole routine."""
        gaps = (self.lead_in > 0) + (self.rounds * len(self.plans) - 1) * (self.transition > 0)
        return self.rounds * self._per_round(plan_steps) + gaps


def resolve(routine: Routine, level: float) -> Resolved:
    """Plan every stretch of ``routine`` at ``level`` (already checked); a
    stretch that appears more than once is planned once."""
    stretches = routine.stretches
    memo: dict[Stretch, int] = {}
    firsts = [memo.setdefault(s, item) for item, s in enumerate(stretches)]
    planned = {first: plan(stretches[first], level) for first in memo.values()}
    return Resolved(
        list(map(planned.__getitem__, firsts)),
        firsts,
        Counter(firsts),
        ms_of(value_at(routine.lead_in, level)),
        ms_of(value_at(routine.transition, level)),
        routine.rounds,
    )


def stretch_ms(stretch: Stretch, level: float) -> int:
    """Closed-form duration of a stretch in ms."""
    return plan_ms(plan(stretch, check_level(level)))


def stretch_steps(stretch: Stretch, level: float) -> int:
    """Closed-form step count of a stretch."""
    return plan_steps(plan(stretch, check_level(level)))


def routine_ms(routine: Routine, level: float) -> int:
    """Closed-form duration of a routine in ms, O(number of stretches)."""
    return resolve(routine, check_level(level)).ms


def routine_steps(routine: Routine, level: float) -> int:
    """Closed-form step count of a routine, O(number of stretches)."""
    return resolve(routine, check_level(level)).steps
