"""The player engine: a timeline played by any UI loop.

No threads and no sleeping: the app calls :meth:`Player.poll` as often as it
likes, and reads :attr:`Player.state`. Time comes from an injected clock, so
every rule is exact and testable. The JavaScript module (``to_player_module``)
follows the very same rules, expression for expression, so that both give
the same positions, statuses and cues for the same clock readings.
"""

from __future__ import annotations

import datetime
import enum
import math
import time
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

from stretchkit._cues import Cue
from stretchkit._journal import SessionRecord
from stretchkit._languages import DEFAULT
from stretchkit._numbers import describe, number_problem
from stretchkit._public import public
from stretchkit._timeline import PlaybackState, Timeline, end_ms, hold_before_ms, starts_ms
from stretchkit.exceptions import ValidationError

if TYPE_CHECKING:
    from stretchkit._program import Session

#: back() within the first 3 s of a step goes to the step before.
BACK_GRACE_MS: Final = 3000


def _truncate_ms(seconds: float) -> int:
    """Seconds as whole ms, truncated; ``+ 1e-6`` absorbs float noise (0.3 - 0.1 is 200 ms)."""
    return math.floor(seconds * 1000 + 1e-6)


@public
class PlayerStatus(enum.Enum):
    """What a :class:`Player` is doing."""

    READY = "ready"  # built, not started
    PLAYING = "playing"
    PAUSED = "paused"
    FINISHED = "finished"


@public
class Player:
    """Plays a timeline for any UI loop: a terminal, a GUI timer, a web backend, a test.

    Nothing happens in the background: the position is computed from the
    clock whenever it is read. Every read (``status``, ``position``,
    ``state``, ``held``, ``completed``) and every method first reads the
    clock once; a playing player whose position reaches the end is then
    finished. A clock that goes backwards counts as standing still.

    Args:
        timeline: What to play.
        clock: A callable returning seconds (``time.monotonic`` by default;
            tests pass a fake one).
        countdown: Seconds of countdown cues before each hold ends.
        language: The language of the cues, one of :func:`stretchkit.languages`.

    Raises:
        ValidationError: A bad ``countdown`` or ``language``.

    >>> import stretchkit as sk
    >>> now = [0.0]
    >>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=5)]))
    >>> player = sk.Player(tl, clock=lambda: now[0], countdown=2)
    >>> player.play()
    >>> [c.text for c in player.poll()]
    ['Get ready: Hug', 'Hold 5 seconds']
    >>> now[0] = 4.5
    >>> player.position, [c.text for c in player.poll()]
    (4.5, ['2', '1'])
    >>> now[0] = 9.0
    >>> player.status, [c.text for c in player.poll()], player.completed
    (<PlayerStatus.FINISHED: 'finished'>, ['Routine complete. Well done'], True)
    """

    __slots__ = (
        "_base",
        "_clock",
        "_cue_ms",
        "_cues",
        "_end",
        "_held",
        "_hold_before",
        "_latest",
        "_next",
        "_played",
        "_pos",
        "_speed",
        "_starts",
        "_status",
        "_then",
        "_timeline",
    )

    def __init__(
        self,
        timeline: Timeline,
        *,
        clock: Callable[[], float] = time.monotonic,
        countdown: int = 3,
        language: str = DEFAULT,
    ) -> None:
        if not isinstance(timeline, Timeline):
            raise ValidationError([("timeline", f"expected a Timeline, got {describe(timeline)}")])
        if not callable(clock):
            raise ValidationError(
                [("clock", f"expected a callable returning seconds, got {describe(clock)}")]
            )
        self._timeline = timeline
        self._clock = clock
        self._cues = tuple(timeline.cues(countdown=countdown, language=language))
        self._cue_ms = [round(c.time * 1000) for c in self._cues]
        self._end = end_ms(timeline)
        self._starts = starts_ms(timeline)
        self._hold_before = hold_before_ms(timeline)
        self._status = PlayerStatus.READY
        self._pos = 0  # position, whole ms
        self._base = 0  # the position at the last play, seek or speed change while playing...
        self._then = 0.0  # ...and the clock reading then
        self._speed = 1.0
        self._latest = -math.inf  # the highest clock reading so far
        self._next = 0  # the first cue poll() has not returned (and no seek passed over)
        self._played: list[list[int]] = []  # sorted, disjoint [from, to] ms intervals played through
        self._held = 0  # ms of hold time in them

    def __repr__(self) -> str:
        return (
            f"<Player {self._timeline.routine.name!r} {self._status.value} at {self._pos / 1000:g} s"
            f" of {self._end / 1000:g} s>"
        )

    # -- the clock --------------------------------------------------------------

    def _observe(self) -> float:
        """Read the clock (never backwards) and bring a playing player up to date."""
        reading = self._clock()
        if number_problem(reading) is not None:
            raise ValidationError(
                [("clock", f"returned {describe(reading)}, not a finite number of seconds")]
            )
        if reading > self._latest:
            self._latest = float(reading)
        if self._status is PlayerStatus.PLAYING:
            ms = min(
                self._end, self._base + math.floor((self._latest - self._then) * self._speed * 1000 + 1e-6)
            )
            self._mark_played(self._pos, ms)
            self._pos = ms
            if ms >= self._end:
                self._status = PlayerStatus.FINISHED
        return self._latest

    def _hold_up_to(self, ms: int) -> int:
        """Hold time (ms) in ``[0, ms)``."""
        before = self._hold_before
        i = bisect_right(self._starts, ms) - 1
        if i >= len(before) - 1:  # at the end
            return before[-1]
        return before[i] + (ms - self._starts[i] if before[i + 1] > before[i] else 0)

    def _mark_played(self, a: int, b: int) -> None:
        """Add ``[a, b]`` to the played intervals, counting the hold time not played before."""
        if b <= a:
            return
        hold = self._hold_up_to
        gained = hold(b) - hold(a)
        lo, hi = a, b
        played = self._played
        i = 0
        while i < len(played) and played[i][1] < a:
            i += 1
        j = i
        while j < len(played) and played[j][0] <= b:
            c, d = played[j]
            gained -= max(0, hold(min(b, d)) - hold(max(a, c)))
            lo, hi = min(lo, c), max(hi, d)
            j += 1
        played[i:j] = [[lo, hi]]
        self._held += gained

    # -- reading ----------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        """The timeline being played."""
        return self._timeline

    @property
    def status(self) -> PlayerStatus:
        """``READY``, ``PLAYING``, ``PAUSED`` or ``FINISHED``."""
        self._observe()
        return self._status

    @property
    def position(self) -> float:
        """Seconds into the timeline, a whole number of milliseconds."""
        self._observe()
        return self._pos / 1000

    @property
    def state(self) -> PlaybackState | None:
        """``timeline.state(position)``, or ``None`` when finished."""
        self._observe()
        if self._status is PlayerStatus.FINISHED:
            return None
        return self._timeline.state(self._pos / 1000)

    @property
    def held(self) -> float:
        """How much hold time was played, in seconds (the parts of the hold
        steps the position moved through while playing, each counted once)."""
        self._observe()
        return self._held / 1000

    @property
    def completed(self) -> bool:
        """True when every hold step was played through in full."""
        self._observe()
        return self._held == self._hold_before[-1]

    @property
    def speed(self) -> float:
        """How many times faster than real time; > 0. Changing it never moves the position."""
        return self._speed

    @speed.setter
    def speed(self, value: float) -> None:
        now = self._observe()
        problem = number_problem(value)
        if problem is None and not value > 0:
            problem = f"must be greater than 0, got {value!r}"
        if problem is not None:
            raise ValidationError([("speed", problem)])
        if self._status is PlayerStatus.PLAYING:
            self._base, self._then = self._pos, now
        self._speed = float(value)

    # -- controls ---------------------------------------------------------------

    def play(self) -> None:
        """Start, or resume; when finished, play again from 0 with every cue re-armed."""
        now = self._observe()
        if self._status is PlayerStatus.PLAYING:
            return
        if self._status is PlayerStatus.FINISHED:
            self._pos, self._next = 0, 0
        self._status = PlayerStatus.PLAYING
        self._base, self._then = self._pos, now

    def pause(self) -> None:
        """Pause a playing player; otherwise nothing."""
        self._observe()
        if self._status is PlayerStatus.PLAYING:
            self._status = PlayerStatus.PAUSED

    def seek(self, t: float) -> None:
        """Go to ``t`` seconds (``0 <= t <= duration``).

        A ready or paused player stays so, a playing one keeps playing from
        ``t``; at the end it is finished, and a finished one sought back is
        paused. Cues before ``t`` count as passed; cues at or after it are
        armed again.

        Raises:
            ValidationError: ``t`` is not a number in ``[0, duration]``.
        """
        now = self._observe()
        problem = number_problem(t)
        if problem is None and not 0 <= t <= self._timeline.duration:
            problem = f"must be in [0, {self._timeline.duration!r}], got {t!r}"
        if problem is not None:
            raise ValidationError([("t", problem)])
        self._move_to(_truncate_ms(t), now)

    def skip(self) -> None:
        """Go to the start of the next step (the end, from the last step); finished: nothing."""
        now = self._observe()
        if self._status is PlayerStatus.FINISHED:
            return
        i = bisect_right(self._starts, self._pos) - 1
        self._move_to(self._starts[i + 1], now)  # the last entry is the end

    def back(self) -> None:
        """Go to the start of this step when more than 3 s of it have passed,
        else to the start of the step before (0 in the first); finished: to
        the start of the last step."""
        now = self._observe()
        starts = self._starts
        if self._status is PlayerStatus.FINISHED:
            self._move_to(starts[len(starts) - 2], now)
            return
        i = bisect_right(starts, self._pos) - 1
        self._move_to(starts[i] if self._pos - starts[i] > BACK_GRACE_MS else starts[max(0, i - 1)], now)

    def _move_to(self, ms: int, now: float) -> None:
        self._pos = ms
        self._next = bisect_left(self._cue_ms, ms)  # the first cue at or after ms
        if ms >= self._end:
            self._status = PlayerStatus.FINISHED
        elif self._status is PlayerStatus.FINISHED:
            self._status = PlayerStatus.PAUSED
        elif self._status is PlayerStatus.PLAYING:
            self._base, self._then = ms, now

    def poll(self) -> list[Cue]:
        """The cues reached since the last poll, in time order, each exactly
        once (and none that a seek passed over); nothing before ``play()``.

        It costs the cues it returns (and a binary search), however long the
        timeline: poll as often as the UI draws.
        """
        self._observe()
        if self._status is PlayerStatus.READY:
            return []
        start = self._next
        stop = bisect_right(self._cue_ms, self._pos)
        if stop <= start:
            return []
        self._next = stop
        return list(self._cues[start:stop])

    def record(
        self,
        *,
        date: datetime.date | None = None,
        pain_before: int | None = None,
        pain_after: int | None = None,
        note: str = "",
        session: Session | None = None,
    ) -> SessionRecord:
        """A journal record of this playing: what was planned and what was held.

        Args:
            date: The day (today by default).
            pain_before: Pain before, 0 to 10, if asked.
            pain_after: Pain after, 0 to 10, if asked.
            note: Anything to remember.
            session: The program session this was, to link the record to it.

        Raises:
            ValidationError: A bad pain value, date or note.
        """
        held, completed = self.held, self.completed
        tl = self._timeline
        return SessionRecord(
            date=datetime.date.today() if date is None else date,
            routine=tl.routine.id,
            level=tl.level,
            planned=self._hold_before[-1] / 1000,
            held=held,
            completed=completed,
            pain_before=pain_before,
            pain_after=pain_after,
            note=note,
            program=None if session is None else session.program,
            session=None if session is None else session.number,
        )
