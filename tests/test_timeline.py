"""Example tests for Timeline access: at, state, indexing, summaries."""

from __future__ import annotations

import pytest

import stretchkit as sk


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
        import attrs

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
