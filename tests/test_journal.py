"""Session records and the journal (DESIGN.md §10)."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks

DAY = datetime.date(2026, 11, 2)


def _record(**kwargs: object) -> sk.SessionRecord:
    fields: dict[str, object] = {
        "date": DAY, "routine": "r", "level": 0.5, "planned": 60, "held": 60, "completed": True, **kwargs
    }  # fmt: skip
    return sk.SessionRecord(**fields)  # type: ignore[arg-type]


class TestSessionRecord:
    """SessionRecord: validated, dates as dates or ISO strings."""

    def test_fields(self) -> None:
        """Dates accept ISO strings; numbers become floats; links are optional."""
        r = _record(date="2026-11-02", level=1, pain_before=3, note="stiff", program="p", session=2)
        assert (DAY, 1.0, 60.0, 3, None, "stiff", "p", 2) == (
            r.date, r.level, r.planned, r.pain_before, r.pain_after, r.note, r.program, r.session
        )  # fmt: skip
        assert r.belongs_to("p", 2)
        assert not r.belongs_to("p", 1)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"date": "2026-02-30"}, "date: not a date"),
            ({"date": "2 Nov 2026"}, "date: expected a date"),
            ({"date": datetime.datetime(2026, 11, 2)}, "date: expected a date"),
            ({"level": 1.5}, "level: must be from 0 to 1"),
            ({"level": True}, "level: expected a number"),
            ({"planned": -1}, "planned: must be from 0"),
            ({"held": 0.0001}, "held: must be whole milliseconds"),
            ({"completed": 1}, "completed: expected true or false"),
            ({"pain_before": 11}, "pain_before: must be from 0 to 10"),
            ({"pain_after": 2.5}, "pain_after: expected a whole number"),
            ({"program": "Not A Slug"}, "program: must be a slug"),
            ({"session": 0}, "session: must be from 1"),
            ({"routine": ""}, "routine: must be a slug"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Each bad field is named."""
        with pytest.raises(sk.ValidationError, match=message):
            _record(**kwargs)


class TestJournal:
    """Journal: immutable, ordered by date, stable within a date."""

    def test_order_and_add(self) -> None:
        """Records sort by date; those of one date keep the order they were added in."""
        a = _record(note="a", date="2026-11-03")
        b = _record(note="b")
        c = _record(note="c")
        journal = sk.Journal(records=[a, b])
        later = journal.add(c)
        assert ["b", "a"] == [r.note for r in journal.records]
        assert ["b", "c", "a"] == [r.note for r in later.records]
        assert 2 == len(journal)

    def test_invalid(self) -> None:
        """Records must be SessionRecords."""
        with pytest.raises(sk.ValidationError, match=r"records\[0\]: expected a SessionRecord"):
            sk.Journal(records=["x"])  # type: ignore[list-item]

    @given(st.lists(sks.session_records(), max_size=20))
    def test_sorted_stably(self, records: list[sk.SessionRecord]) -> None:
        """The order is by date, and within a date the order given."""
        journal = sk.Journal(records=records)
        assert sorted(records, key=lambda r: r.date) == list(journal.records)

    def test_adherence_example(self) -> None:
        """Completed records of due sessions, over the sessions due."""
        hug = sk.Routine(name="Hug", stretches=[sk.Stretch(name="Hug", hold=30)])
        program = sk.Program(name="P", routines=hug, weeks=1)  # Monday 2 to Sunday 8
        journal = sk.Journal(
            records=[
                _record(program="p", session=1),
                _record(program="p", session=2, completed=False),
                _record(program="p", session=3),
                _record(program="other", session=4),
            ]
        )
        assert 2 / 4 == journal.adherence(program, DAY, DAY + datetime.timedelta(days=3))
        assert 1.0 == journal.adherence(program, DAY, DAY - datetime.timedelta(days=1))

    @given(sks.programs(), sks.dates, st.data())
    def test_adherence_is_a_fraction(
        self, program: sk.Program, start: datetime.date, data: st.DataObject
    ) -> None:
        """Adherence is in [0, 1], and 1 with every due session completed."""
        sessions = program.sessions(start)
        journal = data.draw(sks.journals(program.id, len(sessions)))
        until = data.draw(sks.dates)
        assert 0 <= journal.adherence(program, start, until) <= 1
        full = sk.Journal(records=[_record(program=program.id, session=s.number) for s in sessions])
        assert 1.0 == full.adherence(program, start, until)
