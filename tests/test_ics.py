"""Calendars: ``stretchkit.export.to_ics``, read back as a calendar app would.

The reader is ``ical`` (Home Assistant's parser), never ``icalendar``, the
library that writes the files: a shared mistake would pass unseen.
"""

from __future__ import annotations

import datetime
import math
import subprocess
import sys
from fractions import Fraction
from pathlib import Path
from typing import cast
from zoneinfo import ZoneInfo

import numpy
import pytest
from hypothesis import given
from hypothesis import strategies as st
from ical.calendar import Calendar
from ical.calendar_stream import IcsCalendarStream
from ical.timezone import Timezone as IcalTimezone

import stretchkit as sk
from stretchkit.export import to_ics
from stretchkit.export._ics import _fix_onsets, description, whole_seconds

from .strategies import dates, journals, programs

UTC = datetime.UTC
BERLIN = ZoneInfo("Europe/Berlin")
STAMP = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
HOUR = datetime.timedelta(hours=1)


def _tzdata() -> list[str]:
    """The zone folder of the ``tzdata`` package, where zoneinfo falls back to."""
    import importlib.resources

    return [str(importlib.resources.files("tzdata") / "zoneinfo")]


def read(text: str) -> Calendar:
    """The calendar as ``ical`` reads it."""
    return IcsCalendarStream.calendar_from_ics(text)


def starts(cal: Calendar) -> list[datetime.datetime]:
    """Each event's start, a ``datetime`` (naive when floating)."""
    found = [e.dtstart for e in cal.events]
    assert all(isinstance(s, datetime.datetime) for s in found)
    return cast(list[datetime.datetime], found)


def daily(weeks: int = 1, routine: sk.Routine | None = None, **kw: object) -> sk.Program:
    back = routine or sk.catalog().routine("low-mid-back")
    return sk.Program(name="Back, daily", routines=back, weeks=weeks, **kw)  # type: ignore[arg-type]


def record(session: int, *, pain: int | None = None, completed: bool = True) -> sk.SessionRecord:
    return sk.SessionRecord(
        date=datetime.date(2026, 3, 25 + session),
        routine="low-mid-back",
        level=0,
        planned=300,
        held=300 if completed else 100,
        completed=completed,
        pain_after=pain,
        program="back-daily",
        session=session,
    )


# The spring change in Berlin in 2026 is on Sunday 29 March (01:00 UTC).
SPRING = datetime.date(2026, 3, 26)


class TestEvents:
    """One event per session of the plan, read back with an independent parser."""

    def test_one_event_per_session(self) -> None:
        """The count, the titles "{name} — session k of n", and the calendar's header."""
        program = sk.catalog().program("low-mid-back-daily")
        cal = read(to_ics(program, datetime.date(2026, 11, 2), stamp=STAMP))
        assert 28 == len(cal.events)
        assert ("-//stretchkit//stretchkit//EN", "2.0") == (cal.prodid, cal.version)
        expected = [f"Low and Mid Back, Daily — session {k} of 28" for k in range(1, 29)]
        assert expected == [e.summary for e in cal.events]

    def test_floating_starts(self) -> None:
        """Without a zone each event starts at ``at`` local time, wherever the person is."""
        program = daily(2, days={1, 3, 5})
        start = datetime.date(2026, 3, 23)
        cal = read(to_ics(program, start, at=datetime.time(18, 30), stamp=STAMP))
        expected = [datetime.datetime.combine(s.date, datetime.time(18, 30)) for s in program.sessions(start)]
        assert expected == [e.dtstart for e in cal.events]
        assert [] == cal.timezones

    def test_zoned_starts_across_the_spring_change(self) -> None:
        """In Europe/Berlin, 07:00 is 06:00 UTC before the change and 05:00 UTC after it."""
        cal = read(to_ics(daily(), SPRING, tz="Europe/Berlin", stamp=STAMP))
        found = starts(cal)
        days = [SPRING + datetime.timedelta(days=i) for i in range(7)]
        assert [datetime.datetime.combine(d, datetime.time(7)) for d in days] == [
            s.replace(tzinfo=None) for s in found
        ]
        assert {"Europe/Berlin"} == {getattr(s.tzinfo, "key", None) for s in found}
        assert [HOUR] * 3 + [2 * HOUR] * 4 == [s.utcoffset() for s in found]
        assert datetime.datetime(2026, 3, 28, 6, tzinfo=UTC) == found[2]
        assert datetime.datetime(2026, 3, 29, 5, tzinfo=UTC) == found[3]
        assert ["Europe/Berlin"] == [tz.tz_id for tz in cal.timezones]

    @pytest.mark.parametrize("zone", ["GMT", "Atlantic/Reykjavik", "Africa/Abidjan"])
    def test_zones_at_utc_start_at_the_right_instant(self, zone: str) -> None:
        """Zones at UTC all year start at ``at`` UTC, whether written with a TZID or as ``...Z``."""
        cal = read(to_ics(daily(), SPRING, tz=zone, stamp=STAMP))
        assert datetime.datetime(2026, 3, 26, 7, tzinfo=UTC) == cal.events[0].dtstart
        tzids = {tz.tz_id for tz in cal.timezones}
        assert tzids <= {zone}

    def test_a_zone_object_works_like_its_name(self) -> None:
        """``tz`` may be a ``ZoneInfo``."""
        by_name = to_ics(daily(), SPRING, tz="Europe/Berlin", stamp=STAMP)
        assert by_name == to_ics(daily(), SPRING, tz=BERLIN, stamp=STAMP)

    @pytest.mark.parametrize("zone", ["UTC", "Etc/UTC", "Zulu"])
    def test_utc_needs_no_timezone(self, zone: str) -> None:
        """A zone that is UTC is written as ``...Z``, with no VTIMEZONE."""
        text = to_ics(daily(), SPRING, tz=zone, stamp=STAMP)
        cal = read(text)
        assert "VTIMEZONE" not in text
        assert datetime.datetime(2026, 3, 26, 7, tzinfo=UTC) == starts(cal)[0]
        assert datetime.timedelta(0) == starts(cal)[0].utcoffset()

    def test_durations_are_rounded_up_to_whole_seconds(self) -> None:
        """Each event lasts its session's duration, rounded up to a whole second."""
        hug = sk.Stretch(name="Hug", hold=(2.5, 4.25), reps=(1, 3), rest=0.5)
        program = daily(routine=sk.Routine(name="Short", stretches=[hug]))
        sessions = program.sessions(SPRING)
        cal = read(to_ics(program, SPRING, stamp=STAMP))
        expected = [datetime.timedelta(seconds=math.ceil(s.duration)) for s in sessions]
        assert expected == [e.duration for e in cal.events]
        assert 2.5 == sessions[0].duration
        assert datetime.timedelta(seconds=3) == cal.events[0].duration

    @pytest.mark.parametrize(
        ("seconds", "whole"), [(60.0, 60), (60.001, 61), (0.001, 1), (498.0, 498), (86_400.0, 86_400)]
    )
    def test_whole_seconds(self, seconds: float, whole: int) -> None:
        """Whole milliseconds round up to whole seconds, exactly."""
        assert whole == whole_seconds(seconds)

    def test_alarms(self) -> None:
        """A display reminder ``alarm`` minutes before each session, saying which session."""
        cal = read(to_ics(daily(), SPRING, stamp=STAMP))
        for event in cal.events:
            (alarm,) = event.alarm
            assert ("DISPLAY", datetime.timedelta(minutes=-10)) == (alarm.action, alarm.trigger)
            assert event.summary == alarm.description
        cal = read(to_ics(daily(), SPRING, alarm=90, stamp=STAMP))
        assert {datetime.timedelta(minutes=-90)} == {e.alarm[0].trigger for e in cal.events}
        cal = read(to_ics(daily(), SPRING, alarm=0, stamp=STAMP))
        assert {datetime.timedelta(0)} == {e.alarm[0].trigger for e in cal.events}
        cal = read(to_ics(daily(), SPRING, alarm=None, stamp=STAMP))
        assert all([] == e.alarm for e in cal.events)

    @pytest.mark.parametrize("minutes", [10.0, Fraction(10), numpy.int64(10)])
    def test_alarm_takes_any_whole_number(self, minutes: object) -> None:
        """A whole-valued float or fraction is a whole number of minutes."""
        text = to_ics(daily(), SPRING, alarm=minutes, stamp=STAMP)  # type: ignore[arg-type]
        assert text == to_ics(daily(), SPRING, alarm=10, stamp=STAMP)

    def test_uids_are_stable_and_unique(self) -> None:
        """The same program and start give the same UIDs, whatever else changes."""
        program = daily(2)

        def uids(start: datetime.date = SPRING, **kw: object) -> list[str]:
            return [e.uid for e in read(to_ics(program, start, **kw)).events]  # type: ignore[arg-type]

        first = uids(stamp=STAMP)
        assert len(first) == len(set(first))
        assert "1.2026-03-26.back-daily@stretchkit" == first[0]
        journal = sk.Journal(records=[record(1, pain=8)])
        assert first == uids(tz="Europe/Berlin", at=datetime.time(9), alarm=None, journal=journal)
        assert set(first).isdisjoint(uids(SPRING + datetime.timedelta(days=1)))
        other = sk.Program(name="Other", routines=program.routines, weeks=2)
        assert set(first).isdisjoint(e.uid for e in read(to_ics(other, SPRING)).events)

    def test_dtstamp(self) -> None:
        """DTSTAMP is ``stamp`` in UTC to the second; naive means UTC; default now."""
        cal = read(to_ics(daily(), SPRING, stamp=STAMP))
        assert {STAMP} == {e.dtstamp for e in cal.events}
        berlin = datetime.datetime(2026, 3, 1, 13, 0, 0, 999_999, tzinfo=BERLIN)
        assert STAMP == read(to_ics(daily(), SPRING, stamp=berlin)).events[0].dtstamp
        naive = datetime.datetime(2026, 3, 1, 12, 0)
        assert STAMP == read(to_ics(daily(), SPRING, stamp=naive)).events[0].dtstamp
        before = datetime.datetime.now(UTC).replace(microsecond=0)
        made = read(to_ics(daily(), SPRING)).events[0].dtstamp
        assert before <= made <= datetime.datetime.now(UTC)

    def test_deterministic(self) -> None:
        """The same arguments give the same text, zone and all."""
        for tz in (None, "Europe/Berlin", "America/New_York"):
            assert to_ics(daily(9), SPRING, tz=tz, stamp=STAMP) == to_ics(
                daily(9), SPRING, tz=tz, stamp=STAMP
            )

    def test_lines_are_crlf_and_folded(self) -> None:
        """CRLF line ends, no line over 75 octets, never a character split."""
        raw = to_ics(daily(), SPRING, tz="Europe/Berlin", stamp=STAMP, language="fr").encode("utf-8")
        assert raw.endswith(b"END:VCALENDAR\r\n")
        assert b"\n" not in raw.replace(b"\r\n", b"")
        lines = raw.split(b"\r\n")[:-1]
        assert max(map(len, lines)) <= 75
        assert all(line.decode("utf-8") for line in lines)

    def test_the_start_may_be_an_iso_string(self) -> None:
        """``start`` is a date, or its ``YYYY-MM-DD`` text, as in documents."""
        assert to_ics(daily(), SPRING, stamp=STAMP) == to_ics(daily(), "2026-03-26", stamp=STAMP)  # type: ignore[arg-type]


class TestDescription:
    """What to do: the routine and level, then each stretch's dose at that level."""

    def test_lines(self) -> None:
        """Holds, reps and sides of each stretch at the session's level; poses by name."""
        session = sk.catalog().program("low-mid-back-daily").sessions(SPRING)[0]
        assert [
            "Low and Mid Back at level 0",
            "Knee to Chest: hold 20 s, 1 rep, each side",
            "Double Knee to Chest: hold 30 s, 1 rep",
            "Seated Twist: hold 20 s, 2 reps, each side",
            "Trunk Rotation: hold 15 s, 3 reps, each side",
            "Cat-Cow: Cow 2 s + Cat 2 s, 5 reps",
            "Seated Forward Bend: hold 20 s, 3 reps",
            "Passive Back Bend: hold 60 s, 1 rep",
        ] == description(session).splitlines()

    def test_read_back(self) -> None:
        """The calendar app shows the same text (commas and line breaks survive)."""
        program = sk.catalog().program("low-mid-back-daily")
        sessions = program.sessions(SPRING)
        cal = read(to_ics(program, SPRING, stamp=STAMP))
        assert [description(s) for s in sessions] == [e.description for e in cal.events]
        assert "Seated Twist: hold 30 s, 4 reps, each side" in cal.events[-1].description  # type: ignore[operator]

    def test_sides_poses_and_rounds(self) -> None:
        """One side only, a pose with its own hold, and the rounds of the routine."""
        left = sk.Stretch(name="Lean", hold=12.5, sides="left")
        flow = sk.Stretch(name="Flow", hold=3, poses=[sk.Pose(name="Up"), sk.Pose(name="Down", hold=5)])
        routine = sk.Routine(name="R", stretches=[left, flow], rounds=2)
        session = daily(routine=routine).sessions(SPRING)[0]
        assert [
            "R at level 0",
            "Lean: hold 12.5 s, 1 rep, left side only",
            "Flow: Up 3 s + Down 5 s, 1 rep",
            "Go through it all 2 times",
        ] == description(session).splitlines()

    def test_languages(self) -> None:
        """``language`` names the stretches and words the dose in that language."""
        program = sk.catalog().program("low-mid-back-daily")
        cal = read(to_ics(program, SPRING, stamp=STAMP, language="de"))
        event = cal.events[0]
        assert "Low and Mid Back, Daily — Einheit 1 von 28" == event.summary
        lines = event.description.splitlines()  # type: ignore[union-attr]
        assert "Low and Mid Back auf Stufe 0" == lines[0]
        assert "Knie zur Brust: 20 s halten, 1 Wiederholung, jede Seite" == lines[1]
        assert "Katze-Kuh: Kuh 2 s + Katze 2 s, 5 Wiederholungen" == lines[5]
        fr = read(to_ics(program, SPRING, stamp=STAMP, language="fr")).events[-1]
        assert "Low and Mid Back, Daily — séance 28 sur 28" == fr.summary
        assert "Torsion assise\u00a0: tenir 30\u00a0s, 4 répétitions, chaque côté" in fr.description  # type: ignore[operator]

    def test_the_journal_sets_the_levels(self) -> None:
        """With a journal, each event is the session of ``plan(start, journal)``."""
        program = daily()
        journal = sk.Journal(records=[record(1), record(2, pain=7), record(3, completed=False)])
        planned = program.plan(SPRING, journal)
        assert planned != program.sessions(SPRING)
        cal = read(to_ics(program, SPRING, journal=journal, stamp=STAMP))
        assert [description(s) for s in planned] == [e.description for e in cal.events]
        assert [datetime.timedelta(seconds=whole_seconds(s.duration)) for s in planned] == [
            e.duration for e in cal.events
        ]


def _offset_at(zone: IcalTimezone, instant: datetime.datetime) -> datetime.timedelta:
    """The UTC offset at ``instant`` by the VTIMEZONE as RFC 5545 reads it:
    each onset (DTSTART and every RDATE) is local time in TZOFFSETFROM.

    (``ical`` resolves IANA names with zoneinfo and never reads the rules in
    the file, so the test reads its parsed observances itself.)
    """
    onsets = sorted(
        (cast(datetime.datetime, local) - o.tz_offset_from.offset, o.tz_offset_to.offset)
        for o in [*zone.standard, *zone.daylight]
        for local in [o.dtstart, *o.rdate]
    )
    naive = instant.astimezone(UTC).replace(tzinfo=None)
    found = [to for onset, to in onsets if onset <= naive]
    assert found, f"{instant} is before the first onset"
    return found[-1]


class TestTimezone:
    """The VTIMEZONE in the file says what zoneinfo says, for every instant of its span."""

    @pytest.mark.parametrize(
        "zone",
        ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe", "Europe/Dublin"],
    )
    def test_rules_agree_with_zoneinfo(self, zone: str) -> None:
        """Every 15 minutes of each day that changes the clock, and noon of every day,
        over a program crossing New Year (a span of two years)."""
        start = datetime.date(2025, 12, 29)
        cal = read(to_ics(daily(), start, tz=zone, stamp=STAMP))
        (vtimezone,) = cal.timezones
        info = ZoneInfo(zone)
        instant = datetime.datetime(2025, 1, 1, 12, tzinfo=UTC)
        checked = 0
        while instant.year < 2027:
            day_start = instant.replace(hour=0)
            moments = [instant]
            if (day_start + datetime.timedelta(days=1)).astimezone(info).utcoffset() != day_start.astimezone(
                info
            ).utcoffset():
                moments += [day_start + datetime.timedelta(minutes=15 * i) for i in range(96)]
            for moment in moments:
                assert moment.astimezone(info).utcoffset() == _offset_at(vtimezone, moment), moment
                checked += 1
            instant += datetime.timedelta(days=1)
        assert checked > 730 + 4 * 90

    def test_the_spring_onset_is_the_time_before_the_change(self) -> None:
        """Berlin puts its clocks forward at 02:00 local: the DAYLIGHT onset says 02:00, not 03:00."""
        text = to_ics(daily(), SPRING, tz="Europe/Berlin", stamp=STAMP)
        (vtimezone,) = read(text).timezones
        (daylight,) = vtimezone.daylight
        assert datetime.datetime(2026, 3, 29, 2, 0) == daylight.dtstart
        assert [datetime.datetime(2026, 10, 25, 3, 0)] == [o.dtstart for o in vtimezone.standard][1:]

    def test_a_wrong_onset_is_left_alone(self) -> None:
        """An onset that is no change of the zone, either way, is not moved."""
        from icalendar import Component

        text = (
            "BEGIN:DAYLIGHT\r\nDTSTART:20260601T000000\r\nRDATE:20270601T000000\r\n"
            "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
        )
        part = Component.from_ical(text)
        before = part.to_ical()
        assert text.encode() == before
        _fix_onsets(part, BERLIN)
        assert before == part.to_ical()

    def test_no_event_carries_a_zone_it_lacks(self) -> None:
        """Each TZID used by an event has its VTIMEZONE, and there is no other."""
        cal = read(to_ics(daily(), SPRING, tz="America/New_York", stamp=STAMP))
        assert ["America/New_York"] == [tz.tz_id for tz in cal.timezones]


class TestArguments:
    """Bad arguments: a ValidationError naming each, before anything is written."""

    @pytest.mark.parametrize(
        ("kwargs", "expected"),
        [
            (
                {"tz": "Europe/Berln"},
                "tz: no IANA time zone is called 'Europe/Berln' (str); did you mean 'Europe/Berlin'?",
            ),
            ({"tz": "../../etc/passwd"}, "tz: no IANA time zone is called"),
            ({"tz": "Europe"}, "tz: no IANA time zone is called 'Europe'"),
            ({"tz": ""}, "tz: no IANA time zone is called"),
            ({"tz": 1}, "tz: expected an IANA time zone name or a ZoneInfo, got 1 (int)"),
            ({"at": "07:00"}, "at: expected a datetime.time, got '07:00' (str)"),
            (
                {"at": datetime.time(7, tzinfo=UTC)},
                "at: must be a time without a zone (give the zone as tz=)",
            ),
            ({"alarm": -1}, "alarm: must be from 0 to 10080 minutes before the session, got -1"),
            ({"alarm": 10_081}, "alarm: must be from 0 to 10080 minutes"),
            ({"alarm": 1.5}, "alarm: must be whole minutes, got 1.5"),
            ({"alarm": True}, "alarm: expected a number, got True (bool)"),
            ({"alarm": float("nan")}, "alarm: must be finite"),
            ({"alarm": "10"}, "alarm: expected a number, got '10' (str)"),
            ({"journal": []}, "journal: expected a Journal or None, got [] (list)"),
            ({"stamp": datetime.date(2026, 1, 1)}, "stamp: expected a datetime or None"),
            ({"language": "it"}, "language: expected one of 'en', 'de', 'es', 'fr', got 'it' (str)"),
        ],
    )
    def test_each(self, kwargs: dict[str, object], expected: str) -> None:
        """Each bad argument is named, with what is wrong."""
        with pytest.raises(sk.ValidationError) as info:
            to_ics(daily(), SPRING, **kwargs)  # type: ignore[arg-type]
        (error,) = info.value.errors
        assert error.startswith(expected), error

    def test_a_zone_without_a_name(self) -> None:
        """A ``ZoneInfo`` read from a file has no IANA name to write: refused."""
        import zoneinfo

        key = ["Europe", "Berlin"]
        path = next(
            Path(folder).joinpath(*key)
            for folder in [*zoneinfo.TZPATH, *_tzdata()]
            if Path(folder).joinpath(*key).is_file()
        )
        with path.open("rb") as handle:
            nameless = ZoneInfo.from_file(handle)
        with pytest.raises(sk.ValidationError, match="tz: a ZoneInfo made from a file has no IANA name"):
            to_ics(daily(), SPRING, tz=nameless)

    def test_all_at_once(self) -> None:
        """Every problem is listed, not only the first."""
        with pytest.raises(sk.ValidationError) as info:
            to_ics("back", "2026-13-01", tz="Mars/Base", alarm=-5, stamp="now")  # type: ignore[arg-type]
        assert ["program", "start", "tz", "alarm", "stamp"] == [p for p, _ in info.value.problems]

    def test_without_the_extra(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without icalendar: a StretchkitError that says what to install."""
        monkeypatch.setitem(sys.modules, "icalendar", None)
        with pytest.raises(sk.StretchkitError, match=r"pip install 'stretchkit\[calendar\]'"):
            to_ics(daily(), SPRING)

    def test_with_an_old_icalendar(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """icalendar before 6.1 (no ``Timezone.from_tzid``): a StretchkitError asking for an upgrade."""
        import icalendar

        monkeypatch.delattr(icalendar.Timezone, "from_tzid")
        with pytest.raises(sk.StretchkitError, match=r"icalendar 6\.1 or later: pip install"):
            to_ics(daily(), SPRING)

    def test_import_stays_light(self) -> None:
        """Importing the exports does not import icalendar: only calling ``to_ics`` does."""
        code = "import sys, stretchkit.export; print('icalendar' in sys.modules, 'zoneinfo' in sys.modules)"
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
        )
        assert "False False" == done.stdout.strip()


@given(program=programs(), start=dates, data=st.data())
def test_events_follow_the_plan(program: sk.Program, start: datetime.date, data: st.DataObject) -> None:
    """For any program, start and journal: one event per planned session, on its
    date, lasting its duration, titled with its number, with unique UIDs."""
    journal = data.draw(journals(program.id, sessions=7 * program.weeks))
    planned = program.plan(start, journal)
    cal = read(to_ics(program, start, journal=journal, stamp=STAMP, alarm=None))
    assert len(planned) == len(cal.events)
    assert [datetime.datetime.combine(s.date, datetime.time(7)) for s in planned] == starts(cal)
    assert [datetime.timedelta(seconds=math.ceil(s.duration)) for s in planned] == [
        e.duration for e in cal.events
    ]
    assert [f"{program.name} — session {s.number} of {len(planned)}" for s in planned] == [
        e.summary for e in cal.events
    ]
    assert [description(s) for s in planned] == [e.description for e in cal.events]
    assert len(planned) == len({e.uid for e in cal.events})
