"""Timeline access: at, state, indexing, summaries; examples and properties."""

from __future__ import annotations

import copy
import pickle
from collections import Counter
from decimal import Decimal
from fractions import Fraction

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks


@pytest.fixture
def timeline() -> sk.Timeline:
    twist = sk.Stretch(
        name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH, switch=3, targets={"mid-back"}
    )
    bend = sk.Stretch(
        name="Seated Forward Bend",
        hold=(20, 30),
        reps=(3, 5),
        rest=(10, 15),
        targets={"hamstrings", "lower-back"},
    )
    return sk.compose(sk.Routine(name="Back", stretches=[twist, bend], transition=10), 0.5)


class TestTimeline:
    """A Timeline is an immutable, exact sequence of steps."""

    def test_sequence(self, timeline: sk.Timeline) -> None:
        """len, indexing, negative indexing and slicing."""
        assert 19 == len(timeline)
        assert timeline[-1] == timeline[18]
        assert 3 == len(timeline[:3])
        assert timeline[2] in timeline
        assert 2 == timeline.index(timeline[2])
        with pytest.raises(IndexError):
            timeline[19]
        with pytest.raises(TypeError):
            timeline["0"]  # type: ignore[call-overload]

    def test_immutable(self, timeline: sk.Timeline) -> None:
        """Timelines and steps cannot be changed."""

        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            timeline.level = 1.0  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            timeline[0].start = 1.0  # type: ignore[misc]

    def test_equality(self, timeline: sk.Timeline) -> None:
        """Timelines are equal when routine and level are; hashes agree."""
        again = sk.compose(timeline.routine, 0.5)
        assert again == timeline
        assert hash(again) == hash(timeline)
        assert sk.compose(timeline.routine, 0.6) != timeline

    def test_at_boundaries(self, timeline: sk.Timeline) -> None:
        """At a boundary the later step plays; the last instant belongs to none."""
        assert 0 == timeline.at(0).index
        assert 1 == timeline.at(25).index
        assert 0 == timeline.at(24.999).index
        assert 18 == timeline.at(timeline.duration - 0.001).index
        for bad in (-0.001, timeline.duration, float("nan"), True, "1"):
            with pytest.raises(ValueError, match="t: "):
                timeline.at(bad)  # type: ignore[arg-type]

    def test_state(self, timeline: sk.Timeline) -> None:
        """state(42) is 14 s into the second hold of the twist."""
        state = timeline.state(42.0)
        assert 2 == state.index
        assert 14.0 == state.step_elapsed
        assert 11.0 == state.step_remaining
        assert 272.0 == state.remaining
        assert timeline[3] == state.next
        assert 42.0 / 314.0 == state.progress
        assert timeline.state(timeline.duration - 0.5).next is None

    def test_summaries(self, timeline: sk.Timeline) -> None:
        """The issue's example routine at level 0.5."""
        assert 314.0 == timeline.duration
        assert 250.0 == timeline.hold_time
        assert {sk.Side.LEFT: 75.0, sk.Side.RIGHT: 75.0, None: 100.0} == timeline.time_by_side()
        assert {
            sk.StepKind.HOLD: 250.0,
            sk.StepKind.REST: 39.0,
            sk.StepKind.SWITCH: 15.0,
            sk.StepKind.TRANSITION: 10.0,
        } == timeline.time_by_kind()
        assert {"seated-twist": 165.0, "seated-forward-bend": 149.0} == timeline.time_by_stretch()
        assert {"hamstrings": 100.0, "lower-back": 100.0, "mid-back": 150.0} == timeline.time_by_target()

    def test_repr(self, timeline: sk.Timeline) -> None:
        """The repr says what the timeline is, briefly."""
        assert "<Timeline 'Back' level=0.5: 19 steps, 314.0 s>" == repr(timeline)

    def test_step_and_state_reprs_are_short(self, timeline: sk.Timeline) -> None:
        """A step and a state say which they are in one line, not the whole stretch."""
        assert "<Step 2 hold 28.0 to 53.0 s, round 1: 'Seated Twist — right, 1 of 3'>" == repr(timeline[2])
        assert (
            "<PlaybackState at 40.25 s (13%): step 2 'Seated Twist — right, 1 of 3', 12.75 s left; next: 3>"
            == repr(timeline.state(40.25))
        )
        last = timeline.state(timeline.duration - 0.001)
        assert repr(last).endswith("0.001 s left; next: none>")


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

    @given(sks.timelines(), st.data())
    def test_steps_of_at_are_steps(self, tl: sk.Timeline, data: st.DataObject) -> None:
        """What at() returns is equal to, hashes, prints and pickles as the plain Step."""
        t = data.draw(st.floats(0, tl.duration, exclude_max=True))
        eager = tl[tl.index_at(t)]
        lazy = tl.at(t)
        assert isinstance(lazy, sk.Step)
        assert (lazy.start, lazy.end, lazy.kind, lazy.label) == (
            eager.start,
            eager.end,
            eager.kind,
            eager.label,
        )
        assert lazy == eager
        assert eager == lazy
        assert not lazy != eager  # noqa: SIM202 - __ne__ itself is what is tested
        assert hash(eager) == hash(tl.at(t))
        assert repr(eager) == repr(lazy)
        thawed = pickle.loads(pickle.dumps(tl.at(t)))
        assert (sk.Step, eager) == (type(thawed), thawed)
        assert eager == copy.deepcopy(tl.at(t))
        assert tl.at(t) is tl.at(t)  # asked again within the step: the same object

    @given(sks.timelines(), st.data(), st.sampled_from([Fraction, Decimal, np.float64]))
    def test_any_real_number_type(self, tl: sk.Timeline, data: st.DataObject, kind: type) -> None:
        """at, index_at and state take any real number type, as compose does."""
        t = data.draw(st.floats(0, tl.duration, exclude_max=True))
        assert tl.at(t) == tl.at(kind(t))
        assert tl.state(t) == tl.state(kind(t))
        assert tl.index_at(0) == tl.index_at(np.int64(0))  # type: ignore[arg-type]

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
