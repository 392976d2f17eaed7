"""The composer: each expansion shape of DESIGN.md §2 as a small table,
and its invariants over generated routines."""

from __future__ import annotations

import copy
from collections import Counter, defaultdict
from itertools import pairwise

import pytest
from hypothesis import given

import stretchkit as sk
from tests import strategies as sks

GAPS = {sk.StepKind.REST, sk.StepKind.SWITCH, sk.StepKind.TRANSITION}


def occurrences(timeline: sk.Timeline) -> dict[tuple[int, int], list[sk.Step]]:
    """Steps grouped by (round, item): one group per stretch occurrence."""
    groups: dict[tuple[int, int], list[sk.Step]] = defaultdict(list)
    for step in timeline:
        groups[step.round, step.item].append(step)
    return groups


H, R, S, T = sk.StepKind.HOLD, sk.StepKind.REST, sk.StepKind.SWITCH, sk.StepKind.TRANSITION
L_, R_ = sk.Side.LEFT, sk.Side.RIGHT


def shape(routine: sk.Routine, level: float = 0.5) -> list[tuple[sk.StepKind, sk.Side | None, int, float]]:
    return [(s.kind, s.side, s.rep, s.duration) for s in sk.compose(routine, level)]


def one(**kwargs: object) -> sk.Routine:
    stretch = sk.Stretch(name="S", **kwargs)  # type: ignore[arg-type]
    return sk.Routine(name="R", stretches=[stretch])


class TestShapes:
    """Each sides/order combination expands in the documented order."""

    def test_none_with_rest(self) -> None:
        """NONE: H1 rest H2 rest H3, no side."""
        assert [
            (H, None, 1, 10.0),
            (R, None, 2, 5.0),
            (H, None, 2, 10.0),
            (R, None, 3, 5.0),
            (H, None, 3, 10.0),
        ] == shape(one(hold=10, reps=3, rest=5))

    @pytest.mark.parametrize(("sides", "side"), [(sk.Sides.LEFT, L_), (sk.Sides.RIGHT, R_)])
    def test_one_side(self, sides: sk.Sides, side: sk.Side) -> None:
        """LEFT / RIGHT: like NONE, every step carrying that side."""
        assert [(H, side, 1, 10.0), (R, side, 2, 5.0), (H, side, 2, 10.0)] == shape(
            one(hold=10, reps=2, rest=5, sides=sides)
        )

    def test_each_blocked(self) -> None:
        """EACH, BLOCKED: L1 rest L2 switch R1 rest R2."""
        assert [
            (H, L_, 1, 10.0),
            (R, L_, 2, 5.0),
            (H, L_, 2, 10.0),
            (S, R_, 1, 3.0),
            (H, R_, 1, 10.0),
            (R, R_, 2, 5.0),
            (H, R_, 2, 10.0),
        ] == shape(
            one(hold=10, reps=2, rest=5, switch=3, sides=sk.Sides.EACH, side_order=sk.SideOrder.BLOCKED)
        )

    def test_each_alternate_with_rest_longer_than_switch(self) -> None:
        """EACH, ALTERNATE, r > 0: the gap between rounds is a REST of max(r, w)."""
        assert [
            (H, L_, 1, 10.0),
            (S, R_, 1, 3.0),
            (H, R_, 1, 10.0),
            (R, L_, 2, 5.0),
            (H, L_, 2, 10.0),
            (S, R_, 2, 3.0),
            (H, R_, 2, 10.0),
        ] == shape(one(hold=10, reps=2, rest=5, switch=3, sides=sk.Sides.EACH))

    def test_each_alternate_with_switch_longer_than_rest(self) -> None:
        """EACH, ALTERNATE: a REST shorter than the switch still lasts the switch."""
        steps = shape(one(hold=10, reps=2, rest=2, switch=4, sides=sk.Sides.EACH))
        assert (R, L_, 2, 4.0) == steps[3]

    def test_each_alternate_without_rest(self) -> None:
        """EACH, ALTERNATE, r = 0: the gap between rounds is a SWITCH of w."""
        assert [
            (H, L_, 1, 10.0),
            (S, R_, 1, 3.0),
            (H, R_, 1, 10.0),
            (S, L_, 2, 3.0),
            (H, L_, 2, 10.0),
            (S, R_, 2, 3.0),
            (H, R_, 2, 10.0),
        ] == shape(one(hold=10, reps=2, switch=3, sides=sk.Sides.EACH))

    def test_first_side_right(self) -> None:
        """first_side decides which side leads."""
        steps = shape(one(hold=10, reps=1, switch=3, sides=sk.Sides.EACH, first_side=sk.Side.RIGHT))
        assert [(H, R_, 1, 10.0), (S, L_, 1, 3.0), (H, L_, 1, 10.0)] == steps

    def test_zero_gaps_are_left_out(self) -> None:
        """A gap of 0 s makes no step: holds follow each other directly."""
        assert [(H, L_, 1, 10.0), (H, R_, 1, 10.0), (H, L_, 2, 10.0), (H, R_, 2, 10.0)] == shape(
            one(hold=10, reps=2, sides=sk.Sides.EACH)
        )

    def test_poses_back_to_back(self) -> None:
        """Poses are held in order within each rep, no gap between them; own holds win."""
        cow = sk.Pose(name="Cow", hold=3, breath=sk.Breath.INHALE)
        cat = sk.Pose(name="Cat", breath=sk.Breath.EXHALE)
        tl = sk.compose(one(hold=4, reps=2, rest=1, poses=[cow, cat]))
        assert [("Cow", 3.0), ("Cat", 4.0), ("Cow", 1.0), ("Cow", 3.0), ("Cat", 4.0)] == [
            (s.pose.name if s.pose else None, s.duration) for s in tl
        ]
        assert sk.StepKind.REST == tl[2].kind
        assert cow == tl[2].pose

    def test_routine_lead_in_transitions_and_rounds(self) -> None:
        """lead_in, then stretches with a TRANSITION between each, also between rounds."""
        a = sk.Stretch(name="A", hold=10)
        b = sk.Stretch(name="B", hold=20)
        routine = sk.Routine(name="R", stretches=[a, b], lead_in=5, transition=2, rounds=2)
        tl = sk.compose(routine)
        assert [
            (T, "a", 1, 5.0),
            (H, "a", 1, 10.0),
            (T, "b", 1, 2.0),
            (H, "b", 1, 20.0),
            (T, "a", 2, 2.0),
            (H, "a", 2, 10.0),
            (T, "b", 2, 2.0),
            (H, "b", 2, 20.0),
        ] == [(s.kind, s.stretch.id, s.round, s.duration) for s in tl]
        assert [0, 0, 1, 1, 0, 0, 1, 1] == [s.item for s in tl]

    def test_levels_resolve_every_range(self) -> None:
        """Every range is resolved with Range.at(level), including the routine's gaps."""
        s = sk.Stretch(name="S", hold=(20, 30), reps=(2, 4), rest=(10, 15))
        routine = sk.Routine(name="R", stretches=[s, s], transition=(4, 8), lead_in=(0, 10))
        assert 2 * (2 * 20 + 10) + 4 == routine.duration(0)
        assert 10 + 2 * (4 * 30 + 3 * 15) + 8 == routine.duration(1)
        assert 5 + 2 * (3 * 25 + 2 * 13) + 6 == routine.duration(0.5)


class TestLabels:
    """Step labels are short human text."""

    def test_hold_and_gap_labels(self) -> None:
        """Holds name the stretch, side and rep; gaps say what happens."""
        twist = sk.Stretch(name="Seated Twist", hold=20, reps=3, rest=5, switch=2, sides=sk.Sides.EACH)
        hug = sk.Stretch(name="Knee Hug", hold=30)
        tl = sk.compose(sk.Routine(name="R", stretches=[twist, hug], transition=5))
        labels = [s.label for s in tl]
        assert "Seated Twist — left, 1 of 3" == labels[0]
        assert "Switch to the right side" == labels[1]
        assert "Rest" == labels[3]
        assert "Get ready: Knee Hug" == labels[-2]
        assert "Knee Hug" == labels[-1]
        assert [s.kind is not H for s in tl] == [s.is_gap for s in tl]

    def test_pose_label(self) -> None:
        """A pose's name follows the stretch's."""
        cow = sk.Pose(name="Cow", hold=2)
        tl = sk.compose(one(hold=2, reps=5, poses=[cow]))
        assert "S (Cow) — 2 of 5" == tl[1].label


class TestExactness:
    """Times are whole milliseconds and never drift."""

    def test_many_tiny_holds_end_exactly(self) -> None:
        """3 rounds x 1,000 reps of 0.1 s end at exactly the closed-form total."""
        s = sk.Stretch(name="Blink", hold=0.1, reps=1000, rest=0.1)
        routine = sk.Routine(name="R", stretches=[s], rounds=3, transition=0.3)
        tl = sk.compose(routine)
        assert 3 * (1000 * 0.1 + 999 * 0.1) + 2 * 0.3 == pytest.approx(tl.duration)
        assert 600.3 == tl.duration == routine.duration() == tl[-1].end
        steps = list(tl)
        assert all(a.end == b.start for a, b in pairwise(steps))
        assert 0.1 == steps[-1].duration

    def test_step_limit_is_checked_before_expanding(self) -> None:
        """Over max_steps raises TimelineTooLarge with the counts, before building."""
        s = sk.Stretch(
            name="S", hold=1, reps=1000, sides=sk.Sides.EACH, poses=[sk.Pose(name=str(i)) for i in range(50)]
        )
        routine = sk.Routine(name="Huge", stretches=[s] * 10_000, rounds=1000)
        with pytest.raises(sk.TimelineTooLarge) as info:
            sk.compose(routine)
        assert 1_000_000 == info.value.limit
        assert routine.step_count() == info.value.steps
        assert isinstance(info.value, sk.StretchkitError)

    def test_max_steps_exact_limit(self) -> None:
        """A timeline of exactly max_steps steps is allowed."""
        routine = one(hold=1, reps=10)
        assert 10 == len(sk.compose(routine, max_steps=10))
        with pytest.raises(sk.TimelineTooLarge):
            sk.compose(routine, max_steps=9)

    @pytest.mark.parametrize("bad", [0, -1, 1.5, True, "10", None])
    def test_bad_max_steps(self, bad: object) -> None:
        """max_steps must be a whole number >= 1."""
        with pytest.raises(sk.ValidationError, match="max_steps"):
            sk.compose(one(hold=1), max_steps=bad)  # type: ignore[arg-type]

    def test_iter_steps_is_lazy_and_has_no_limit(self) -> None:
        """iter_steps yields the first steps of a timeline too large to compose."""
        s = sk.Stretch(name="S", hold=1, reps=1000, sides=sk.Sides.EACH)
        routine = sk.Routine(name="R", stretches=[s] * 1000, rounds=1000)
        steps = sk.iter_steps(routine)
        first = [next(steps) for _ in range(3)]
        assert [0.0, 1.0, 2.0] == [s.start for s in first]


class TestLevels:
    """Levels are numbers in [0, 1]."""

    @pytest.mark.parametrize("bad", [-0.1, 1.1, float("nan"), float("inf"), True, "0.5", None])
    def test_bad_levels(self, bad: object) -> None:
        """compose, iter_steps and durations refuse a bad level with a ValueError."""
        routine = one(hold=1)
        for call in (sk.compose, sk.iter_steps, sk.Routine.duration, sk.Routine.step_count):
            with pytest.raises(ValueError, match="level"):
                call(routine, bad)  # type: ignore[arg-type]
        with pytest.raises(sk.ValidationError, match="level"):
            sk.Range(1, 2).at(bad)  # type: ignore[arg-type]

    def test_whole_number_levels(self) -> None:
        """The ints 0 and 1 are levels too."""
        routine = one(hold=(10, 20))
        assert 10.0 == routine.duration(0)
        assert 20.0 == routine.duration(1)

    def test_routine_compose_method(self) -> None:
        """Routine.compose is compose."""
        routine = one(hold=(10, 20), reps=2, rest=3)
        assert sk.compose(routine, 0.3) == routine.compose(0.3)
        assert list(sk.compose(routine, 0.3)) == list(routine.compose(0.3))


class TestTimelineShape:
    """The shape every composed timeline has."""

    @given(sks.routines(), sks.levels)
    def test_contiguous_and_exact(self, routine: sk.Routine, level: float) -> None:
        """Steps start at 0, each starts where the last ended, the end is the closed form."""
        tl = sk.compose(routine, level)
        steps = list(tl)
        assert 0.0 == steps[0].start
        for a, b in pairwise(steps):
            assert a.end == b.start
        assert steps[-1].end == tl.duration == routine.duration(level)
        assert all(s.duration > 0 for s in steps)
        assert [s.index for s in steps] == list(range(len(tl)))

    @given(sks.routines(), sks.levels)
    def test_last_step_is_a_hold_and_no_neighbouring_gaps(self, routine: sk.Routine, level: float) -> None:
        """The last step is a HOLD and no two neighbouring steps are both gaps."""
        steps = list(sk.compose(routine, level))
        assert sk.StepKind.HOLD == steps[-1].kind
        for a, b in pairwise(steps):
            assert not (a.kind in GAPS and b.kind in GAPS)

    @given(sks.routines(), sks.levels)
    def test_hold_counts(self, routine: sk.Routine, level: float) -> None:
        """Each occurrence has reps x sides x max(1, poses) holds."""
        groups = occurrences(sk.compose(routine, level))
        assert routine.rounds * len(routine.stretches) == len(groups)
        for (_, item), steps in groups.items():
            stretch = routine.stretches[item]
            sides = 2 if stretch.sides is sk.Sides.EACH else 1
            expected = int(stretch.reps.at(level)) * sides * max(1, len(stretch.poses))
            assert expected == sum(s.kind is sk.StepKind.HOLD for s in steps)

    @given(sks.routines(), sks.levels)
    def test_left_right_balance(self, routine: sk.Routine, level: float) -> None:
        """Left and right get the same number of holds and the same hold time."""
        for (_, item), steps in occurrences(sk.compose(routine, level)).items():
            holds = [s for s in steps if s.kind is sk.StepKind.HOLD]
            sides = routine.stretches[item].sides
            by_side = Counter(s.side for s in holds)
            time: defaultdict[sk.Side | None, float] = defaultdict(float)
            for s in holds:
                time[s.side] += s.duration
            if sides is sk.Sides.EACH:
                assert by_side[sk.Side.LEFT] == by_side[sk.Side.RIGHT]
                assert time[sk.Side.LEFT] == time[sk.Side.RIGHT]
                assert {sk.Side.LEFT, sk.Side.RIGHT} == set(by_side)
            elif sides is sk.Sides.NONE:
                assert {None} == set(by_side)
            else:
                assert {sk.Side(sides.value)} == set(by_side)

    @given(sks.routines(), sks.levels)
    def test_reps_count_up_on_each_side(self, routine: sk.Routine, level: float) -> None:
        """On each side the holds' reps run 1..n, each rep as many holds as poses."""
        for (_, item), steps in occurrences(sk.compose(routine, level)).items():
            stretch = routine.stretches[item]
            n = int(stretch.reps.at(level))
            per_rep = max(1, len(stretch.poses))
            by_side: dict[sk.Side | None, list[int]] = defaultdict(list)
            for s in steps:
                assert n == s.reps
                if s.kind is sk.StepKind.HOLD:
                    by_side[s.side].append(s.rep)
            for reps in by_side.values():
                assert [r for r in range(1, n + 1) for _ in range(per_rep)] == reps

    @given(sks.routines(), sks.levels)
    def test_poses_back_to_back(self, routine: sk.Routine, level: float) -> None:
        """Every rep holds the stretch's poses in order, with no step between them."""
        runs: list[tuple[tuple[int, int, sk.Side | None, int], list[sk.Step]]] = []
        for s in sk.compose(routine, level):
            key = (s.round, s.item, s.side, s.rep)
            if (
                s.kind is sk.StepKind.HOLD
                and runs
                and runs[-1][0] == key
                and runs[-1][1][-1].kind is sk.StepKind.HOLD
            ):
                runs[-1][1].append(s)
            elif s.kind is sk.StepKind.HOLD:
                runs.append((key, [s]))
        for (_, item, _, _), holds in runs:
            expected: list[sk.Pose | None] = [*routine.stretches[item].poses] or [None]
            assert expected == [h.pose for h in holds]

    @given(sks.routines(), sks.levels)
    def test_gaps_carry_the_hold_that_follows(self, routine: sk.Routine, level: float) -> None:
        """A gap step carries the stretch, item, round, side, rep and pose of the next hold."""
        steps = list(sk.compose(routine, level))
        for gap, nxt in pairwise(steps):
            if gap.kind in GAPS:
                assert sk.StepKind.HOLD == nxt.kind
                assert (nxt.stretch, nxt.item, nxt.round, nxt.side, nxt.rep, nxt.pose, nxt.reps) == (
                    gap.stretch,
                    gap.item,
                    gap.round,
                    gap.side,
                    gap.rep,
                    gap.pose,
                    gap.reps,
                )

    @given(sks.routines(), sks.levels)
    def test_transitions_between_stretches_and_rounds(self, routine: sk.Routine, level: float) -> None:
        """TRANSITION steps come only before a stretch: lead-in first, then between stretches."""
        tl = sk.compose(routine, level)
        transitions = [s for s in tl if s.kind is sk.StepKind.TRANSITION]
        lead_in = routine.lead_in.at(level) > 0
        between = routine.transition.at(level) > 0
        expected = lead_in + between * (routine.rounds * len(routine.stretches) - 1)
        assert expected == len(transitions)
        if lead_in:
            assert sk.StepKind.TRANSITION == tl[0].kind

    @given(sks.routines(), sks.levels)
    def test_iter_steps_equals_compose(self, routine: sk.Routine, level: float) -> None:
        """iter_steps yields exactly the steps of compose."""
        assert list(sk.compose(routine, level)) == list(sk.iter_steps(routine, level))

    @given(sks.routines(), sks.levels)
    def test_compose_is_pure(self, routine: sk.Routine, level: float) -> None:
        """compose leaves its routine untouched and gives equal results every time."""
        before = copy.deepcopy(routine)
        first = list(sk.compose(routine, level))
        assert first == list(sk.compose(routine, level))
        assert before == routine
        assert hash(before) == hash(routine)
