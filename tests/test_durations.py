"""Durations in closed form (DESIGN.md §3): equal to the composed timeline, monotone, and fit."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks


def one(**kwargs: object) -> sk.Routine:
    """A routine of one stretch with this dose."""
    return sk.Routine(name="R", stretches=[sk.Stretch(name="S", **kwargs)])  # type: ignore[arg-type]


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


class TestFitExamples:
    """fit() picks the longest resolution that fits."""

    def test_fits_five_minutes(self) -> None:
        """The issue's example: the most that fits in 5 minutes."""
        twist = sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH, switch=3)
        bend = sk.Stretch(name="Seated Forward Bend", hold=(20, 30), reps=(3, 5), rest=(10, 15))
        routine = sk.Routine(name="Back", stretches=[twist, bend], transition=10)
        fitted = sk.fit(routine, 300)
        assert fitted.duration() <= 300
        assert fitted.duration() == fitted.duration(0) == fitted.duration(1)
        assert routine.duration(1) > 300

    def test_everything_fits_gives_level_one(self) -> None:
        """When even level 1 fits, every range is at its high end."""
        routine = one(hold=(10, 20), reps=(1, 3))
        fitted = sk.fit(routine, 10_000)
        assert routine.duration(1) == fitted.duration()
        assert sk.Range(3) == fitted.stretches[0].reps

    def test_too_short(self) -> None:
        """FitError is a ValueError naming the minimum."""
        with pytest.raises(ValueError, match="at least 20 s"):
            sk.fit(one(hold=(20, 30)), 19.999)

    @pytest.mark.parametrize("bad", [-1, float("nan"), float("inf"), True, "300"])
    def test_bad_seconds(self, bad: object) -> None:
        """seconds must be a finite number >= 0."""
        with pytest.raises(sk.ValidationError, match="seconds"):
            sk.fit(one(hold=1), bad)  # type: ignore[arg-type]

    def test_not_a_routine(self) -> None:
        """Passing something else names what was expected."""
        with pytest.raises(sk.ValidationError, match="expected a Routine"):
            sk.compose("routine")  # type: ignore[arg-type]


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
