"""iCalendar (RFC 5545): a program's sessions as calendar events.

Written with the optional ``icalendar`` package (the extra ``calendar``),
imported only when :func:`to_ics` runs. Only its classic component API is
used (``Calendar()``, ``Event()``, ``Alarm()``, ``Timezone.from_tzid``),
which writes the same text on icalendar 6.1 and 7.x; its ``.new()``
factories would add random UIDs and the current time.
"""

from __future__ import annotations

import datetime
import difflib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

from stretchkit._enums import Sides
from stretchkit._fields import Date
from stretchkit._journal import Journal
from stretchkit._languages import DEFAULT, fill, language_problem
from stretchkit._model import Stretch, name_in
from stretchkit._numbers import describe, normalize_number, number_problem
from stretchkit._problems import Problems
from stretchkit._program import Program, Session
from stretchkit.exceptions import StretchkitError

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Component

PRODID: Final = "-//stretchkit//stretchkit//EN"
#: The longest alarm, in minutes before a session: one week.
MAX_ALARM: Final = 7 * 24 * 60
_DATE: Final = Date()
_INSTALL: Final = "pip install 'stretchkit[calendar]'"
_UTC: Final = datetime.UTC
_UTC_NAMES: Final = frozenset(
    {"UTC", "Etc/UTC", "UCT", "Etc/UCT", "Universal", "Etc/Universal", "Zulu", "Etc/Zulu"}
)


def to_ics(
    program: Program,
    start: datetime.date,
    *,
    at: datetime.time = datetime.time(7, 0),
    tz: str | ZoneInfo | None = None,
    alarm: int | None = 10,
    journal: Journal | None = None,
    stamp: datetime.datetime | None = None,
    language: str = DEFAULT,
) -> str:
    """The sessions of ``program`` from ``start`` as an iCalendar (RFC 5545) file.

    One event per session of ``program.plan(start, journal)``: it starts on
    the session's date at ``at`` and lasts the session's duration, rounded
    up to whole seconds. Its title is "{program name} — session {k} of
    {n}"; its description names the routine and level, then each stretch
    with its hold, reps and sides at that level. The same program and start
    give the same UIDs, so a calendar app that matches events by UID
    updates them when the file is imported again (their levels follow the
    journal). The text has CRLF line ends: write it as is (bytes, or
    ``newline=""``).

    Needs the optional extra ``calendar``: ``pip install 'stretchkit[calendar]'``.

    Args:
        program: The program to put in the calendar.
        start: The day of its first session (a ``datetime.date`` or ``"YYYY-MM-DD"``).
        at: The time of day every session starts, to the second.
        tz: An IANA time zone (``"Europe/Berlin"`` or a ``zoneinfo.ZoneInfo``):
            the events start at ``at`` there, and the file carries the zone's
            rules (a VTIMEZONE) for the years of the program. None (the
            default): floating times, ``at`` wherever the person is.
        alarm: A reminder this many whole minutes before each session (0 to
            one week); None for no reminder.
        journal: What was done so far: the levels follow it (see
            :meth:`stretchkit.Program.plan`).
        stamp: When the file was made (its DTSTAMP), to the second. Default:
            now. A naive datetime is taken as UTC, so the same arguments give
            the same text on every machine; an aware one is converted to UTC.
        language: The language of the titles and descriptions (one of
            :func:`stretchkit.languages`); stretches are named in it when
            they have a name there.

    Returns:
        The calendar, as text.

    Raises:
        ValidationError: Listing every invalid argument (an unknown time
            zone, a negative alarm, ``at`` that is not a time, ...).
        StretchkitError: The ``calendar`` extra is not installed.

    >>> import datetime
    >>> import stretchkit as sk
    >>> from stretchkit.export import to_ics
    >>> program = sk.catalog().program("low-mid-back-daily")
    >>> stamp = datetime.datetime(2026, 10, 1, 12, 0)
    >>> text = to_ics(program, datetime.date(2026, 11, 2), tz="Europe/Berlin", stamp=stamp)
    >>> lines = text.splitlines()
    >>> event = lines.index("BEGIN:VEVENT")
    >>> print(*lines[event : event + 6], sep="\\n")
    BEGIN:VEVENT
    SUMMARY:Low and Mid Back\\, Daily — session 1 of 28
    DTSTART;TZID=Europe/Berlin:20261102T070000
    DURATION:PT8M18S
    DTSTAMP:20261001T120000Z
    UID:1.2026-11-02.low-mid-back-daily@stretchkit
    """
    start, zone, minutes, made = _arguments(program, start, at, tz, alarm, journal, stamp, language)
    try:
        import icalendar as ical  # noqa: PLC0415 - the optional extra, only when asked for
    except ImportError:
        msg = f"to_ics needs the optional extra 'calendar': {_INSTALL}"
        raise StretchkitError(msg) from None
    if not hasattr(ical.Timezone, "from_tzid"):  # added in icalendar 6.1
        msg = f"to_ics needs icalendar 6.1 or later: {_INSTALL} --upgrade"
        raise StretchkitError(msg)
    sessions = program.plan(start, journal)
    n = len(sessions)
    # UTC by any of its names is written "...Z" (by every icalendar version), with no VTIMEZONE.
    where = _UTC if zone is not None and zone.key in _UTC_NAMES else zone

    cal = ical.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    # The calendar's name in Apple's and Google's apps; TEXT, escaped by every icalendar version.
    cal.add("x-wr-calname", ical.vText(program.name))
    for session in sessions:
        summary = fill(language, "ics.summary", name=program.name, index=session.number, count=n)
        begins = datetime.datetime.combine(session.date, at.replace(microsecond=0), tzinfo=where)
        event = ical.Event()
        event.add("uid", uid(program, start, session.number))
        event.add("dtstamp", made)
        event.add("dtstart", begins)
        event.add("duration", datetime.timedelta(seconds=whole_seconds(session.duration)))
        event.add("summary", summary)
        event.add("description", description(session, language))
        if minutes is not None:
            reminder = ical.Alarm()
            reminder.add("action", "DISPLAY")
            reminder.add("description", summary)
            reminder.add("trigger", datetime.timedelta(minutes=-minutes))
            event.add_component(reminder)
        cal.add_component(event)
    _add_timezones(cal, sessions)
    text: str = cal.to_ical().decode("utf-8")
    return text


def uid(program: Program, start: datetime.date, number: int) -> str:
    """The UID of session ``number`` of ``program`` started on ``start``:
    ``"{number}.{start}.{program id}@stretchkit"`` (a slug has no dots, so
    the three parts never run into each other)."""
    return f"{number}.{start.isoformat()}.{program.id}@stretchkit"


def whole_seconds(seconds: float) -> int:
    """A duration rounded up to whole seconds (durations are whole milliseconds)."""
    return -(-round(seconds * 1000) // 1000)


def description(session: Session, language: str = DEFAULT) -> str:
    """What to do in a session: the routine and level, then one line per
    stretch with its dose at that level (and the rounds, when more than one)."""
    routine = session.routine
    lines = [fill(language, "ics.routine", name=routine.name, level=session.level)]
    lines += (
        fill(
            language,
            "ics.stretch",
            name=name_in(s, language),
            label=", ".join(_dose(s, session.level, language)),
        )
        for s in routine.stretches
    )
    if routine.rounds > 1:
        lines.append(fill(language, "ics.rounds", count=routine.rounds))
    return "\n".join(lines)


def _dose(stretch: Stretch, level: float, language: str) -> Iterator[str]:
    hold = stretch.hold.at(level)
    if stretch.poses:
        yield " + ".join(
            fill(
                language,
                "ics.pose",
                pose=name_in(p, language),
                seconds=hold if p.hold is None else p.hold.at(level),
            )
            for p in stretch.poses
        )
    else:
        yield fill(language, "ics.hold", seconds=hold)
    yield fill(language, "ics.reps", count=int(stretch.reps.at(level)))
    if stretch.sides is not Sides.NONE:
        yield fill(language, f"ics.{stretch.sides.value}")


# -- the arguments ------------------------------------------------------------


def _arguments(  # noqa: PLR0917 - to_ics's arguments, in order
    program: object,
    start: object,
    at: object,
    tz: object,
    alarm: object,
    journal: object,
    stamp: object,
    language: object,
) -> tuple[datetime.date, ZoneInfo | None, int | None, datetime.datetime]:
    """Check every argument of :func:`to_ics`; raise all problems at once."""
    problems = Problems()
    if not isinstance(program, Program):
        problems.add("program", f"expected a Program, got {describe(program)}")
    start = _DATE.convert(start)
    _DATE.check(start, "start", problems)
    if not isinstance(at, datetime.time):
        problems.add("at", f"expected a datetime.time, got {describe(at)}")
    elif at.tzinfo is not None:
        problems.add("at", f"must be a time without a zone (give the zone as tz=), got {at.isoformat()}")
    zone = _zone(tz, problems)
    minutes = _alarm(alarm, problems)
    if journal is not None and not isinstance(journal, Journal):
        problems.add("journal", f"expected a Journal or None, got {describe(journal)}")
    made = _stamp(stamp, problems)
    problem = language_problem(language)
    if problem is not None:
        problems.add("language", problem)
    problems.raise_if_any()
    return start, zone, minutes, made  # type: ignore[return-value]


def _zone(tz: object, problems: Problems) -> ZoneInfo | None:
    import zoneinfo  # noqa: PLC0415 - only for calendars

    if tz is None:
        return None
    if isinstance(tz, zoneinfo.ZoneInfo):
        if getattr(tz, "key", None) is None:  # typeshed says str; ZoneInfo.from_file gives None
            problems.add("tz", "a ZoneInfo made from a file has no IANA name; give the zone by its name")
            return None
        return tz
    if not isinstance(tz, str):
        problems.add("tz", f"expected an IANA time zone name or a ZoneInfo, got {describe(tz)}")
        return None
    try:
        return zoneinfo.ZoneInfo(tz)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        close = difflib.get_close_matches(tz, sorted(zoneinfo.available_timezones()), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (such as 'Europe/Berlin')"
        problems.add("tz", f"no IANA time zone is called {describe(tz)}{hint}")
        return None


def _alarm(alarm: object, problems: Problems) -> int | None:
    if alarm is None:
        return None
    problem = number_problem(alarm)
    value = None if problem else normalize_number(alarm)
    if problem is not None:
        problems.add("alarm", f"{problem} (minutes before each session, or None)")
    elif not isinstance(value, int):
        problems.add("alarm", f"must be whole minutes, got {alarm!r}")
    elif not 0 <= value <= MAX_ALARM:
        problems.add("alarm", f"must be from 0 to {MAX_ALARM} minutes before the session, got {value}")
    else:
        return value
    return None


def _stamp(stamp: object, problems: Problems) -> datetime.datetime:
    if stamp is None:
        return datetime.datetime.now(_UTC).replace(microsecond=0)
    if not isinstance(stamp, datetime.datetime):
        problems.add("stamp", f"expected a datetime or None, got {describe(stamp)}")
        return datetime.datetime.now(_UTC)
    if stamp.tzinfo is None or stamp.utcoffset() is None:
        stamp = stamp.replace(tzinfo=_UTC)
    return stamp.astimezone(_UTC).replace(microsecond=0)


# -- icalendar ------------------------------------------------------------------


def _add_timezones(cal: Calendar, sessions: tuple[Session, ...]) -> None:
    """A VTIMEZONE for each TZID the events carry, before the events, for the
    whole years the sessions span (the bytes depend on the input alone).

    A UTC start is written ``...Z`` and needs none; icalendar 7 also writes
    the zones it knows to be UTC today (``GMT``, ``Atlantic/Reykjavik``) so.
    """
    from zoneinfo import ZoneInfo  # noqa: PLC0415 - only for calendars

    from icalendar import Timezone  # noqa: PLC0415 - the optional extra

    used = sorted(
        {str(e["DTSTART"].params["TZID"]) for e in cal.walk("VEVENT") if "TZID" in e["DTSTART"].params}
    )
    first, last = sessions[0].date, sessions[-1].date
    for index, tzid in enumerate(used):
        vtimezone = Timezone.from_tzid(
            tzid, first_date=datetime.date(first.year, 1, 1), last_date=datetime.date(last.year + 1, 1, 1)
        )
        for observance in vtimezone.subcomponents:
            _fix_onsets(observance, ZoneInfo(tzid))
        cal.subcomponents.insert(index, vtimezone)


def _fix_onsets(observance: Component, zone: ZoneInfo) -> None:
    """Make each onset of a STANDARD or DAYLIGHT part the local time *before*
    the change, as RFC 5545 says (in the offset it changes from).

    icalendar (up to 7.3 at least) writes the later of the two wall times, so
    a change that puts the clock forward (02:00 -> 03:00) gets 03:00: an hour
    late for a reader that follows the RFC. Each onset is checked against
    ``zone`` and moved back only when that makes it the true change, so a
    fixed icalendar is left alone.
    """
    offset_from: datetime.timedelta = observance.decoded("TZOFFSETFROM")
    offset_to: datetime.timedelta = observance.decoded("TZOFFSETTO")

    def true_onset(local: datetime.datetime) -> datetime.datetime:
        for candidate in (local, local - (offset_to - offset_from)):
            instant = (candidate - offset_from).replace(tzinfo=_UTC)
            before = instant - datetime.timedelta(seconds=1)
            if (
                instant.astimezone(zone).utcoffset() == offset_to
                and before.astimezone(zone).utcoffset() == offset_from
            ):
                return candidate
        return local

    start: datetime.datetime = observance.decoded("DTSTART")
    found = observance.get("RDATE")
    lists = [] if found is None else found if isinstance(found, list) else [found]
    rdates: list[datetime.datetime] = [value.dt for dates in lists for value in dates.dts]
    if true_onset(start) != start:
        observance.pop("DTSTART")
        observance.add("DTSTART", true_onset(start))
    fixed = [true_onset(d) for d in rdates]
    if fixed != rdates:
        observance.pop("RDATE")
        observance.add("RDATE", fixed)
