"""Programs, sessions and pain-guided progression (DESIGN.md §10)."""

from __future__ import annotations

import datetime
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks

MONDAY = datetime.date(2026, 11, 2)


def _program(**kwargs: object) -> sk.Program:
    hug = sk.Routine(name="Hug", stretches=[sk.Stretch(name="Hug", hold=(20, 40))])
    return sk.Program(**{"name": "P", "routines": hug, **kwargs})  # type: ignore[arg-type]


def _record(
    program: sk.Program, number: int, *, completed: bool = True, pain: int | None = None
) -> sk.SessionRecord:
    return sk.SessionRecord(
        date=MONDAY, routine="hug", level=0, planned=20, held=20 if completed else 5, completed=completed,
        pain_after=pain, program=program.id, session=number,
    )  # fmt: skip


class TestProgram:
    """Program: validated, with the defaults of DESIGN.md §10."""

    def test_defaults(self) -> None:
        """Every day for 4 weeks, level 0 to 1, green up to 2, red from 6."""
        p = _program()
        assert ("p", frozenset(range(1, 8)), 4, 0.0, 1.0, 2, 6) == (
            p.id, p.days, p.weeks, p.start_level, p.end_level, p.pain_green_max, p.pain_red_min
        )  # fmt: skip
        assert 1 == len(p.routines)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"days": set()}, "days: must have at least 1 item"),
            ({"days": {0, 8}}, "days: must be from 1 to 7"),
            ({"weeks": 0}, "weeks: must be from 1 to 104"),
            ({"weeks": 105}, "weeks: must be from 1 to 104"),
            ({"start_level": 0.8, "end_level": 0.2}, "end_level: must be at least start_level"),
            ({"start_level": -0.1}, "start_level: must be from 0 to 1"),
            ({"pain_green_max": 6, "pain_red_min": 6}, "pain_red_min: must be above pain_green_max"),
            ({"pain_red_min": 11}, "pain_red_min: must be from 0 to 10"),
            ({"routines": []}, "routines: must have at least 1 item"),
            ({"routines": ["x"]}, r"routines\[0\]: expected a Routine"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Each bad field is named."""
        with pytest.raises(sk.ValidationError, match=message):
            _program(**kwargs)

    def test_sessions_example(self) -> None:
        """Mondays, Wednesdays and Fridays for two weeks: six sessions, levels 0 to 1 evenly."""
        sessions = _program(days={1, 3, 5}, weeks=2).sessions(MONDAY)
        assert [1, 3, 5, 8, 10, 12] == [s.date.day - 1 for s in sessions]
        assert [0.0, 0.2, 0.4, 0.6, 0.8, 1.0] == [s.level for s in sessions]
        assert sessions[2].duration == sessions[2].routine.duration(0.4)
        assert sessions[2].compose() == sessions[2].routine.compose(0.4)

    def test_one_session_uses_the_start_level(self) -> None:
        """With a single session its level is start_level."""
        (only,) = _program(days={7}, weeks=1, start_level=0.3).sessions(MONDAY)
        assert (6, 0.3) == (only.date.weekday(), only.level)

    def test_routines_in_turn(self) -> None:
        """Session k plays routines[(k - 1) % len]."""
        a, b = (sk.Routine(name=n, stretches=[sk.Stretch(name="S", hold=1)]) for n in "AB")
        sessions = sk.Program(name="P", routines=[a, b], weeks=1).sessions(MONDAY)
        assert ["a", "b", "a", "b", "a", "b", "a"] == [s.routine.id for s in sessions]

    def test_bad_start(self) -> None:
        """start must be a date (not a datetime, not a number)."""
        for bad in (datetime.datetime(2026, 1, 1), 5, "2026-13-01"):
            with pytest.raises(sk.ValidationError, match="start"):
                _program().sessions(bad)  # type: ignore[arg-type]
        assert _program().sessions("2026-11-02")[0].date == MONDAY  # type: ignore[arg-type]


class TestSessionsProperties:
    """sessions(start) for any weekdays and weeks."""

    @given(sks.programs(), sks.dates)
    def test_count_dates_and_levels(self, program: sk.Program, start: datetime.date) -> None:
        """One session per matching day, in order, numbered 1..n, levels rising evenly."""
        sessions = program.sessions(start)
        days = [start + datetime.timedelta(days=i) for i in range(7 * program.weeks)]
        assert [d for d in days if d.isoweekday() in program.days] == [s.date for s in sessions]
        assert list(range(1, len(sessions) + 1)) == [s.number for s in sessions]
        assert program.weeks * len(program.days) == len(sessions)
        levels = [s.level for s in sessions]
        assert all(a <= b for a, b in pairwise(levels))
        if len(levels) == 1:
            assert program.start_level == levels[0]
        else:  # round(start + (end - start) * (k - 1) / (n - 1), 4)
            assert (round(program.start_level, 4), round(program.end_level, 4)) == (levels[0], levels[-1])
        assert {program.id} == {s.program for s in sessions}


class TestPlan:
    """Program.plan: the traffic light of pain."""

    def test_worked_example(self) -> None:
        """Records in, levels out: green moves on, amber stays, red steps back."""
        p = _program(days={1}, weeks=6, start_level=0, end_level=1)  # levels 0, .2, .4, .6, .8, 1
        journal = sk.Journal(
            records=[
                _record(p, 1),  # green: on
                _record(p, 2, pain=4),  # amber (pain above 2): stay
                _record(p, 3, completed=False),  # amber (not completed): stay
                _record(p, 4, pain=7),  # red: back
            ]
        )
        assert [0.0, 0.2, 0.2, 0.2, 0.0, 0.2] == [s.level for s in p.plan(MONDAY, journal)]

    def test_the_last_record_of_a_session_counts(self) -> None:
        """A session recorded twice counts by its last record, in journal order."""
        p = _program(days={1}, weeks=3)
        journal = sk.Journal(records=[_record(p, 1, pain=9), _record(p, 1, pain=0)])
        assert [0.0, 0.5, 1.0] == [s.level for s in p.plan(MONDAY, journal)]

    def test_records_of_other_programs_do_not_count(self) -> None:
        """Only records with this program's id and a session number count."""
        p = _program(days={1}, weeks=3)
        other = sk.SessionRecord(
            date=MONDAY, routine="hug", level=0, planned=1, held=1, completed=True, pain_after=10,
            program="other", session=1,
        )  # fmt: skip
        assert p.sessions(MONDAY) == p.plan(MONDAY, sk.Journal(records=[other]))

    @given(sks.programs(), sks.dates)
    def test_no_journal_is_the_sessions(self, program: sk.Program, start: datetime.date) -> None:
        """Without a journal (or with an empty one) the plan is the planned sessions."""
        assert program.sessions(start) == program.plan(start) == program.plan(start, sk.Journal())

    @given(sks.programs(), sks.dates, st.data())
    def test_levels_are_planned_and_move_one_step(
        self, program: sk.Program, start: datetime.date, data: st.DataObject
    ) -> None:
        """Every level is a planned level; consecutive ones differ by at most one planned step."""
        planned = program.sessions(start)
        journal = data.draw(sks.journals(program.id, len(planned)))
        plan = program.plan(start, journal)
        same = [(s.number, s.date, s.routine) for s in plan]
        assert [(s.number, s.date, s.routine) for s in planned] == same
        steps = sorted({s.level for s in planned})  # the planned levels rise: one step is a neighbour
        assert all(s.level in steps for s in plan)
        for a, b in pairwise(plan):
            assert abs(steps.index(b.level) - steps.index(a.level)) <= 1
        assert planned[0].level == plan[0].level

    @given(sks.programs(), sks.dates)
    def test_all_green_journal_is_the_plan(self, program: sk.Program, start: datetime.date) -> None:
        """A completed, painless record for every session changes nothing."""
        planned = program.sessions(start)
        journal = sk.Journal(
            records=[
                sk.SessionRecord(
                    date=s.date, routine=s.routine.id, level=s.level, planned=1, held=1, completed=True,
                    pain_after=program.pain_green_max, program=program.id, session=s.number,
                )
                for s in planned
            ]
        )  # fmt: skip
        assert planned == program.plan(start, journal)
