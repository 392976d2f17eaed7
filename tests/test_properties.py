"""Property tests for the invariants of DESIGN.md §2 and §3 over generated routines."""

from __future__ import annotations

import copy
import pickle
from collections import Counter, defaultdict
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks

GAPS = {sk.StepKind.REST, sk.StepKind.SWITCH, sk.StepKind.TRANSITION}


def occurrences(timeline: sk.Timeline) -> dict[tuple[int, int], list[sk.Step]]:
    """Steps grouped by (round, item): one group per stretch occurrence."""
    groups: dict[tuple[int, int], list[sk.Step]] = defaultdict(list)
    for step in timeline:
        groups[step.round, step.item].append(step)
    return groups


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


class TestClosedForms:
    """Durations and step counts without expanding."""

    @given(sks.routines(), sks.levels)
    def test_duration_and_step_count_equal_the_composed(self, routine: sk.Routine, level: float) -> None:
        """Routine.duration and step_count equal the composed timeline's, exactly."""
        tl = sk.compose(routine, level)
        assert tl.duration == routine.duration(level)
        assert len(tl) == routine.step_count(level)

    @given(sks.stretches(), sks.levels)
    def test_stretch_duration_equals_its_steps(self, stretch: sk.Stretch, level: float) -> None:
        """Stretch.duration is the sum of its own steps (a one-stretch routine)."""
        routine = sk.Routine(name="One", stretches=[stretch])
        assert stretch.duration(level) == sk.compose(routine, level).duration
        assert stretch.step_count(level) == len(sk.compose(routine, level))

    @given(sks.big_routines(), sks.levels, sks.levels)
    def test_monotone_in_level(self, routine: sk.Routine, a: float, b: float) -> None:
        """Durations and step counts never decrease as the level rises."""
        lo, hi = min(a, b), max(a, b)
        assert routine.duration(lo) <= routine.duration(hi)
        assert routine.step_count(lo) <= routine.step_count(hi)

    @given(sks.big_routines(), sks.levels)
    def test_duration_range(self, routine: sk.Routine, level: float) -> None:
        """duration_range is (duration(0), duration(1)) and holds every level's duration."""
        r = routine.duration_range()
        assert sk.Range(routine.duration(0), routine.duration(1)) == r
        assert r.low <= routine.duration(level) <= r.high

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


class TestTimelineAccess:
    """Indexing, at(t), state(t) and summaries agree with the steps."""

    @given(sks.routines(), sks.levels, st.data())
    def test_at_agrees_with_a_linear_scan(
        self, routine: sk.Routine, level: float, data: st.DataObject
    ) -> None:
        """at(t) returns the one step with start <= t < end."""
        tl = sk.compose(routine, level)
        steps = list(tl)
        ts = [s.start for s in steps] + [(s.start + s.end) / 2 for s in steps]
        ts += data.draw(st.lists(st.floats(0, tl.duration, exclude_max=True), max_size=10))
        for t in ts:
            expected = next(s for s in steps if s.start <= t < s.end)
            assert expected == tl.at(t)

    @given(sks.routines(), sks.levels, st.data())
    def test_state(self, routine: sk.Routine, level: float, data: st.DataObject) -> None:
        """state(t) is consistent with at(t) and the timeline's totals."""
        tl = sk.compose(routine, level)
        t = data.draw(st.floats(0, tl.duration, exclude_max=True))
        state = tl.state(t)
        assert tl.at(t) == state.step
        assert state.index == state.step.index
        assert t == state.elapsed
        assert tl.duration - t == state.remaining
        assert 0 <= state.step_elapsed < state.step.duration
        assert 0 < state.step_remaining <= state.step.duration
        assert 0 <= state.progress < 1
        if state.index + 1 < len(tl):
            assert tl[state.index + 1] == state.next
        else:
            assert state.next is None

    @given(sks.routines(), sks.levels, st.data())
    def test_indexing_and_slicing(self, routine: sk.Routine, level: float, data: st.DataObject) -> None:
        """Indexing and slicing behave like a tuple of the steps."""
        tl = sk.compose(routine, level)
        steps = tuple(tl)
        i = data.draw(st.integers(-len(steps), len(steps) - 1))
        assert steps[i] == tl[i]
        sl = slice(
            data.draw(st.none() | st.integers(-5, 5)),
            data.draw(st.none() | st.integers(-5, 5)),
            data.draw(st.none() | st.sampled_from([1, 2, -1, -3])),
        )
        assert steps[sl] == tl[sl]
        assert tuple(reversed(steps)) == tuple(reversed(tl))

    @given(sks.routines(), sks.levels)
    def test_summaries(self, routine: sk.Routine, level: float) -> None:
        """hold_time and the time_by_* summaries add up from the steps."""
        tl = sk.compose(routine, level)
        ms_by_kind: Counter[sk.StepKind] = Counter()
        ms_by_side: Counter[sk.Side | None] = Counter()
        ms_by_stretch: Counter[str] = Counter()
        ms_by_target: Counter[str] = Counter()
        for s in tl:
            ms = round(s.duration * 1000)
            ms_by_kind[s.kind] += ms
            ms_by_stretch[s.stretch.id] += ms
            if s.kind is sk.StepKind.HOLD:
                ms_by_side[s.side] += ms
                for target in s.stretch.targets:
                    ms_by_target[target] += ms
        assert {k: v / 1000 for k, v in ms_by_kind.items()} == tl.time_by_kind()
        assert {k: v / 1000 for k, v in ms_by_side.items()} == tl.time_by_side()
        assert {k: v / 1000 for k, v in ms_by_stretch.items()} == tl.time_by_stretch()
        assert {k: v / 1000 for k, v in ms_by_target.items()} == tl.time_by_target()
        assert ms_by_kind[sk.StepKind.HOLD] / 1000 == tl.hold_time
        assert round(tl.duration * 1000) == sum(ms_by_kind.values()) == sum(ms_by_stretch.values())


class TestFit:
    """fit() finds the longest version of a routine within a time."""

    @given(sks.routines(max_reps=20), st.data())
    def test_never_exceeds_and_is_maximal(self, routine: sk.Routine, data: st.DataObject) -> None:
        """The fitted routine fits, is fixed, and no level gives a longer duration that fits."""
        low, high = routine.duration(0), routine.duration(1)
        seconds = data.draw(st.floats(low, high * 1.1 + 1), label="seconds")
        fitted = sk.fit(routine, seconds)
        assert fitted.duration() <= seconds
        assert fitted.duration(0) == fitted.duration(1)
        assert all(
            s.hold.fixed and s.reps.fixed and s.rest.fixed and s.switch.fixed for s in fitted.stretches
        )
        assert [s.id for s in routine.stretches] == [s.id for s in fitted.stretches]
        for level in data.draw(st.lists(sks.levels, min_size=1, max_size=20)):
            d = routine.duration(level)
            if d <= seconds:
                assert d <= fitted.duration()

    @given(sks.routines(), st.data())
    def test_too_short_raises_fit_error_with_the_minimum(
        self, routine: sk.Routine, data: st.DataObject
    ) -> None:
        """When even level 0 is too long, FitError names the minimum."""
        minimum = routine.duration(0)
        seconds = data.draw(st.floats(0, minimum, exclude_max=True))
        with pytest.raises(sk.FitError) as info:
            sk.fit(routine, seconds)
        assert minimum == info.value.minimum
        assert f"{minimum:g}" in str(info.value)


class TestRangeProperties:
    """Range.at picks values monotonically within the bounds."""

    @given(sks.ranges(), sks.levels, sks.levels)
    def test_at_is_monotone_and_bounded(self, r: sk.Range, a: float, b: float) -> None:
        """at() stays within the bounds, hits them at 0 and 1 and never decreases."""
        lo, hi = min(a, b), max(a, b)
        assert r.low == r.at(0)
        assert r.high == r.at(1)
        assert r.low <= r.at(lo) <= r.at(hi) <= r.high
        if r.whole:
            assert isinstance(r.at(lo), int)


class TestObjects:
    """Model objects are frozen values: pickled, hashed and compared as such."""

    @given(sks.routines(), sks.levels)
    def test_pickle_round_trip(self, routine: sk.Routine, level: float) -> None:
        """Routines, timelines and steps survive pickling unchanged."""
        tl = sk.compose(routine, level)
        for obj in (routine, routine.stretches[0], tl, tl[0], tl.state(0)):
            clone = pickle.loads(pickle.dumps(obj))
            assert obj == clone
            assert hash(obj) == hash(clone)
        assert list(tl) == list(pickle.loads(pickle.dumps(tl)))

    @given(sks.stretches())
    def test_meta_is_compared_but_not_hashed(self, stretch: sk.Stretch) -> None:
        """Changing meta changes equality but not the hash."""
        import attrs

        other = attrs.evolve(stretch, meta={"x": "different"})
        if stretch.meta != {"x": "different"}:
            assert stretch != other
        assert hash(stretch) == hash(other)
