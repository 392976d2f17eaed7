"""Programs: a routine on given weekdays for some weeks, its dose rising;
the sessions they plan, and pain-guided progression from the journal.

Pain-guided progression is the traffic light of physiotherapy. Take the
planned levels L1..Ln and a position p = 1; session k gets level L_p; then
the record of session k (the last for it, in journal order) moves p for the
sessions after it: red (``pain_after >= pain_red_min``, completed or not):
one step back; amber (not completed, or ``pain_after > pain_green_max``):
stay; green: one step on. A session without a record counts as green, so
with no journal the plan is the planned sessions.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Final

import attrs

from stretchkit import _fields as f
from stretchkit._frozen import FrozenMap
from stretchkit._journal import DATE, LEVEL, Journal
from stretchkit._model import Routine
from stretchkit._problems import Problems
from stretchkit._public import public, suggest_keywords
from stretchkit._timeline import Timeline

ROUTINES: Final = f.Items(f.RoutineItem(Routine), minimum=1, maximum=f.MAX_ITEMS)
DAYS: Final = f.IntSet(minimum=1, maximum=7)
WEEKS: Final = f.Int(minimum=1, maximum=f.MAX_WEEKS)
PAIN_SCALE: Final = f.Int(minimum=0, maximum=10)
META: Final = f.Meta()
EVERY_DAY: Final = frozenset(range(1, 8))


def _routines(value: Routine | Iterable[Routine]) -> tuple[Routine, ...]:
    return ROUTINES.convert((value,) if isinstance(value, Routine) else value)  # type: ignore[return-value]


def _days(value: Iterable[int]) -> frozenset[int]:
    return DAYS.convert(value)  # type: ignore[return-value]


def _level(value: float) -> float:
    return LEVEL.convert(value)  # type: ignore[return-value]


def _str(value: str) -> str:
    return f.exact_str(value)  # type: ignore[return-value]


def _int(value: int) -> int:
    return WEEKS.convert(value)  # type: ignore[return-value]


def _meta(value: Mapping[str, object]) -> Mapping[str, object]:
    return META.convert(value)  # type: ignore[return-value]


@public
@attrs.frozen(kw_only=True)
class Session:
    """One planned day of a program: which routine, at which level.

    Attributes:
        program: The program's id.
        number: 1 for the first session, and so on.
        date: The day it is planned for.
        level: The level to play the routine at.
        routine: The routine to play.
    """

    program: str
    number: int
    date: datetime.date
    level: float
    routine: Routine

    @property
    def duration(self) -> float:
        """How long the session takes, in seconds (``routine.duration(level)``)."""
        return self.routine.duration(self.level)

    def compose(self) -> Timeline:
        """The session's timeline: its routine at its level."""
        return self.routine.compose(self.level)


@public
@suggest_keywords
@attrs.frozen(kw_only=True, cache_hash=True)
class Program:
    """A routine (or routines in turn) on given weekdays for some weeks,
    the level rising from ``start_level`` to ``end_level``.

    Args:
        name: What the program is called.
        routines: One routine, or routines used in turn (session k plays
            ``routines[(k - 1) % len(routines)]``).
        id: A slug; derived from ``name`` when left out.
        days: ISO weekdays it runs on (1 = Monday ... 7 = Sunday); every day by default.
        weeks: How many weeks, 1 to 104.
        start_level: The level of the first session.
        end_level: The level of the last (at least ``start_level``).
        pain_green_max: Pain after a session up to this is "green": progress.
        pain_red_min: Pain after from this on is "red": step back
            (``0 <= pain_green_max < pain_red_min <= 10``).
        description: What the program is for.
        meta: The app's own JSON-able data, kept verbatim (compared, not hashed).

    Raises:
        ValidationError: Listing every invalid field.

    >>> import datetime
    >>> import stretchkit as sk
    >>> back = sk.catalog().routine("low-mid-back")
    >>> program = sk.Program(name="Back", routines=back, days={1, 3, 5}, weeks=2)
    >>> [(s.number, s.date.isoformat(), s.level) for s in program.sessions(datetime.date(2026, 11, 2))][:3]
    [(1, '2026-11-02', 0.0), (2, '2026-11-04', 0.2), (3, '2026-11-06', 0.4)]
    """

    id: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Id()))
    name: str = attrs.field(converter=_str, metadata=f.kind(f.Name()))
    routines: tuple[Routine, ...] = attrs.field(converter=_routines, metadata=f.kind(ROUTINES))
    days: frozenset[int] = attrs.field(default=EVERY_DAY, converter=_days, metadata=f.kind(DAYS))
    weeks: int = attrs.field(default=4, converter=f.whole, metadata=f.kind(WEEKS))
    start_level: float = attrs.field(default=0.0, converter=_level, metadata=f.kind(LEVEL))
    end_level: float = attrs.field(default=1.0, converter=_level, metadata=f.kind(LEVEL))
    pain_green_max: int = attrs.field(default=2, converter=f.whole, metadata=f.kind(PAIN_SCALE))
    pain_red_min: int = attrs.field(default=6, converter=f.whole, metadata=f.kind(PAIN_SCALE))
    description: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Text()))
    meta: Mapping[str, object] = attrs.field(
        factory=FrozenMap, converter=_meta, hash=False, metadata=f.kind(META)
    )

    def __attrs_post_init__(self) -> None:
        f.check_object(self)

    def _check(self, problems: Problems) -> None:
        f.derive_id(self, problems)
        levels_ok = type(self.start_level) is float and type(self.end_level) is float
        if levels_ok and self.start_level > self.end_level:
            problems.add(
                "end_level", f"must be at least start_level ({self.start_level:g}), got {self.end_level:g}"
            )
        pains_ok = type(self.pain_green_max) is int and type(self.pain_red_min) is int
        if pains_ok and self.pain_green_max >= self.pain_red_min:
            problems.add(
                "pain_red_min",
                f"must be above pain_green_max ({self.pain_green_max}), got {self.pain_red_min}",
            )

    def sessions(self, start: datetime.date) -> tuple[Session, ...]:
        """The planned sessions, starting on ``start``: one for each day of
        the ``weeks`` from ``start`` whose weekday is in ``days``, numbered
        from 1, levels rising evenly from ``start_level`` to ``end_level``
        (rounded to 4 places).

        Raises:
            ValidationError: ``start`` is not a date.
        """
        start = _start(start)
        dates = [
            day
            for day in (start + datetime.timedelta(days=i) for i in range(7 * self.weeks))
            if day.isoweekday() in self.days
        ]
        n = len(dates)
        return tuple(
            Session(
                program=self.id,
                number=k,
                date=day,
                level=self._planned_level(k, n),
                routine=self.routines[(k - 1) % len(self.routines)],
            )
            for k, day in enumerate(dates, 1)
        )

    def _planned_level(self, k: int, n: int) -> float:
        if n == 1:
            return self.start_level
        return round(self.start_level + (self.end_level - self.start_level) * (k - 1) / (n - 1), 4)

    def plan(self, start: datetime.date, journal: Journal | None = None) -> tuple[Session, ...]:
        """The sessions from ``start``, their levels adapted to what ``journal`` says.

        The traffic light: after a session whose record says pain at or
        above ``pain_red_min``, the next session steps one planned level
        back; after one not completed, or with pain above ``pain_green_max``,
        it stays; otherwise (and without a record) it moves one level on.
        Without a journal the plan equals :meth:`sessions`.
        """
        planned = self.sessions(start)
        if journal is None:
            return planned
        levels = [s.level for s in planned]
        position = 0  # the index of the planned level the next session gets
        out = []
        for session in planned:
            out.append(attrs.evolve(session, level=levels[position]))
            record = journal.last_for(self.id, session.number)
            red = (
                record is not None
                and record.pain_after is not None
                and record.pain_after >= self.pain_red_min
            )
            amber = record is not None and (
                not record.completed
                or (record.pain_after is not None and record.pain_after > self.pain_green_max)
            )
            if red:
                position = max(position - 1, 0)
            elif not amber:
                position = min(position + 1, len(levels) - 1)
        return tuple(out)


def _start(value: object) -> datetime.date:
    problems = Problems()
    DATE.check(DATE.convert(value), "start", problems)
    problems.raise_if_any()
    return DATE.convert(value)  # type: ignore[return-value]
