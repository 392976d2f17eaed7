"""The journal: what was really done, one ``SessionRecord`` per practice.

A journal is a person's health record: it is immutable (``add`` returns a
new one), ordered by date (records of one date keep the order they were
added in), and written to disk atomically by ``dump``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Final

import attrs

from stretchkit import _fields as f
from stretchkit._public import public, suggest_keywords

if TYPE_CHECKING:
    from stretchkit._program import Program

LEVEL: Final = f.Number(minimum=0, maximum=1)
HOLD_SECONDS: Final = f.Number(minimum=0, maximum=1e12, ms=True)
PAIN: Final = f.Optional(f.Int(minimum=0, maximum=10))
DATE: Final = f.Date()
SESSION: Final = f.Optional(f.Int(minimum=1, maximum=f.MAX_SESSIONS))


def _date(value: datetime.date | str) -> datetime.date:
    return DATE.convert(value)  # type: ignore[return-value]


def _str(value: str) -> str:
    return f.exact_str(value)  # type: ignore[return-value]


def _opt_str(value: str | None) -> str | None:
    return f.exact_str(value)  # type: ignore[return-value]


def _opt_int(value: int | None) -> int | None:
    return PAIN.convert(value)  # type: ignore[return-value]


def _float(value: float) -> float:
    return LEVEL.convert(value)  # type: ignore[return-value]


@public
@suggest_keywords
@attrs.frozen(kw_only=True)
class SessionRecord:
    """What one practice of a routine really was: a line of the journal.

    Args:
        date: The day it was done (a ``datetime.date``, or ``"YYYY-MM-DD"``).
        routine: The routine's id.
        level: The level it was played at, 0 to 1.
        planned: Seconds of hold time the timeline had.
        held: Seconds of hold time actually done.
        completed: True when every hold was done in full.
        pain_before: Pain before, 0 (none) to 10, or ``None`` when not asked.
        pain_after: Pain after, likewise.
        note: Anything the person wants to remember.
        program: The id of the program this session belongs to, if any.
        session: Its number in that program, if any.

    Raises:
        ValidationError: Listing every invalid field.

    >>> import stretchkit as sk
    >>> record = sk.SessionRecord(
    ...     date="2026-11-02", routine="low-mid-back", level=0.5, planned=420, held=420, completed=True
    ... )
    >>> record.date, record.pain_after
    (datetime.date(2026, 11, 2), None)
    """

    date: datetime.date = attrs.field(converter=_date, metadata=f.kind(DATE))
    routine: str = attrs.field(converter=_str, metadata=f.kind(f.Slug()))
    level: float = attrs.field(converter=_float, metadata=f.kind(LEVEL))
    planned: float = attrs.field(converter=_float, metadata=f.kind(HOLD_SECONDS))
    held: float = attrs.field(converter=_float, metadata=f.kind(HOLD_SECONDS))
    completed: bool = attrs.field(metadata=f.kind(f.Flag()))
    pain_before: int | None = attrs.field(default=None, converter=f.whole_or_none, metadata=f.kind(PAIN))
    pain_after: int | None = attrs.field(default=None, converter=f.whole_or_none, metadata=f.kind(PAIN))
    note: str = attrs.field(default="", converter=_str, metadata=f.kind(f.Text()))
    program: str | None = attrs.field(default=None, converter=_opt_str, metadata=f.kind(f.Optional(f.Slug())))
    session: int | None = attrs.field(default=None, converter=f.whole_or_none, metadata=f.kind(SESSION))

    def __attrs_post_init__(self) -> None:
        f.check_object(self)

    def belongs_to(self, program: str, session: int) -> bool:
        """True when this records session ``session`` of the program ``program`` (its id)."""
        return self.program == program and self.session == session


RECORDS: Final = f.Items(f.Model(SessionRecord), maximum=f.MAX_RECORDS)


def _records(value: Iterable[SessionRecord]) -> tuple[SessionRecord, ...]:
    records = RECORDS.convert(value)
    if isinstance(records, tuple) and all(isinstance(r, SessionRecord) for r in records):
        # Ordered by date; records of one date keep the order they were added in.
        return tuple(sorted(records, key=lambda r: r.date))
    return records  # type: ignore[return-value]  # a Bad value, reported by check_object


@public
@suggest_keywords
@attrs.frozen(kw_only=True)
class Journal:
    """Session records, ordered by date: what was really done.

    Immutable: :meth:`add` returns a new journal. Records of one date keep
    the order they were added in.

    >>> import stretchkit as sk
    >>> done = sk.SessionRecord(date="2026-11-02", routine="r", level=0, planned=60, held=60, completed=True)
    >>> journal = sk.Journal().add(done)
    >>> len(journal.records)
    1
    """

    records: tuple[SessionRecord, ...] = attrs.field(default=(), converter=_records, metadata=f.kind(RECORDS))

    def __attrs_post_init__(self) -> None:
        f.check_object(self)

    def __iter__(self) -> Iterator[SessionRecord]:
        return iter(self.records)

    def __len__(self) -> int:
        return len(self.records)

    def add(self, record: SessionRecord) -> Journal:
        """A new journal with ``record`` added (after the records of its date)."""
        return Journal(records=(*self.records, record))

    def last_for(self, program: str, session: int) -> SessionRecord | None:
        """The last record (in journal order) of session ``session`` of ``program`` (an id)."""
        found = None
        for record in self.records:
            if record.belongs_to(program, session):
                found = record
        return found

    def adherence(self, program: Program, start: datetime.date, until: datetime.date) -> float:
        """The fraction (0 to 1) of ``program``'s sessions dated ``until`` or
        earlier that have a completed record; 1.0 when none is due yet.

        Args:
            program: The program, started on ``start``.
            start: The day the program started.
            until: The last day counted (today, say).
        """
        due = [s for s in program.sessions(start) if s.date <= until]
        if not due:
            return 1.0
        done = {(r.program, r.session) for r in self.records if r.completed}
        return sum((program.id, s.number) in done for s in due) / len(due)
