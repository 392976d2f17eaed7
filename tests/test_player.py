"""The player engine (DESIGN.md §9): exact rules with a fake clock, and
properties over random sequences of operations and clock steps."""

from __future__ import annotations

import datetime
import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks

P = sk.PlayerStatus


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _tl(**dose: object) -> sk.Timeline:
    return sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", **dose)]))  # type: ignore[arg-type]


def _player(tl: sk.Timeline | None = None, **kwargs: object) -> tuple[sk.Player, Clock]:
    clock = Clock()
    return sk.Player(tl or _tl(hold=10, reps=3, rest=5), clock=clock, **kwargs), clock  # type: ignore[arg-type]


class TestStatus:
    """The statuses and how each method moves between them."""

    def test_ready_plays_pauses_and_finishes(self) -> None:
        """READY -> PLAYING -> PAUSED -> PLAYING -> FINISHED, positions from the clock."""
        player, clock = _player()  # 10 + 5 + 10 + 5 + 10 = 40 s
        assert (P.READY, 0.0) == (player.status, player.position)
        clock.now += 50  # a ready player does not move
        assert 0.0 == player.position
        player.play()
        clock.now += 12.3456
        assert (P.PLAYING, 12.345) == (player.status, player.position)
        player.pause()
        clock.now += 100
        assert (P.PAUSED, 12.345) == (player.status, player.position)
        player.play()
        clock.now += 27.655
        assert (P.FINISHED, 40.0, None) == (player.status, player.position, player.state)

    def test_float_noise_is_absorbed(self) -> None:
        """0.3 s after 0.1 s is 200 ms, not 199."""
        player, clock = _player()
        clock.now = 0.1
        player.play()
        clock.now = 0.3
        assert 0.2 == player.position

    def test_speed(self) -> None:
        """Speed scales the clock; changing it never moves the position."""
        player, clock = _player()
        player.play()
        clock.now += 2
        player.speed = 4
        assert 2.0 == player.position
        clock.now += 1.5
        assert 8.0 == player.position
        with pytest.raises(sk.ValidationError, match="speed: must be greater than 0"):
            player.speed = 0
        with pytest.raises(sk.ValidationError, match="speed: expected a number"):
            player.speed = "fast"  # type: ignore[assignment]
        assert 4.0 == player.speed

    def test_play_again_from_finished(self) -> None:
        """FINISHED -> PLAYING from 0 with every cue re-armed."""
        player, clock = _player()
        player.play()
        first = player.poll()
        clock.now += 100
        player.poll()
        player.play()
        assert (P.PLAYING, 0.0) == (player.status, player.position)
        assert first == player.poll()


class TestSeekSkipBack:
    """Moving around, and what it does to cues."""

    def test_seek(self) -> None:
        """A seek keeps the status, except at the end; cues before t count as passed."""
        player, _ = _player()
        player.seek(16)
        assert (P.READY, 16.0) == (player.status, player.position)
        assert [] == player.poll()  # nothing before play()
        player.play()
        assert [] == player.poll()  # the hold's start cue at 15 s was passed over
        player.seek(15)
        assert ["Hold 10 seconds"] == [c.text for c in player.poll()]  # at or after t: armed again
        player.seek(40)
        assert (P.FINISHED, ["Routine complete. Well done"]) == (
            player.status,
            [c.text for c in player.poll()],
        )
        player.seek(3)
        assert (P.PAUSED, 3.0) == (player.status, player.position)
        for bad in (-1, 40.001, math.nan, "1"):
            with pytest.raises(sk.ValidationError, match="t: "):
                player.seek(bad)  # type: ignore[arg-type]

    def test_skip(self) -> None:
        """To the next step's start; from the last step, to the end; finished: nothing."""
        player, _ = _player()
        starts = []
        while player.status is not P.FINISHED:
            player.skip()
            starts.append(player.position)
        assert [10.0, 15.0, 25.0, 30.0, 40.0] == starts
        player.skip()
        assert 40.0 == player.position

    def test_back(self) -> None:
        """This step's start after 3 s of it, else the one before; finished: the last step."""
        player, _ = _player()
        player.seek(18.001)
        player.back()
        assert 15.0 == player.position
        player.seek(18)
        player.back()
        assert 10.0 == player.position
        player.seek(2)
        player.back()
        assert 0.0 == player.position
        player.seek(40)
        player.back()
        assert (P.PAUSED, 30.0) == (player.status, player.position)


class TestHeldAndRecord:
    """What was really done."""

    def test_held_counts_each_moment_once(self) -> None:
        """Replays count once; seeking plays nothing."""
        player, clock = _player()
        player.play()
        clock.now += 8
        player.seek(0)
        clock.now += 8
        assert 8.0 == player.held
        player.seek(20)
        clock.now += 10  # 20..25 is hold, 25..30 rest
        assert (13.0, False) == (player.held, player.completed)

    def test_record(self) -> None:
        """A record carries the routine, level, planned and held hold time, and the session."""
        player, clock = _player()
        player.play()
        clock.now += 100
        program = sk.Program(name="P", routines=player.timeline.routine, weeks=1)
        session = program.sessions(datetime.date(2026, 11, 2))[0]
        record = player.record(date=datetime.date(2026, 11, 2), pain_before=3, pain_after=1, session=session)
        assert ("r", 0.5, 30.0, 30.0, True, 3, 1, "p", 1) == (
            record.routine, record.level, record.planned, record.held, record.completed,
            record.pain_before, record.pain_after, record.program, record.session,
        )  # fmt: skip
        assert datetime.date.today() == player.record().date
        with pytest.raises(sk.ValidationError, match="pain_after"):
            player.record(pain_after=11)


class TestHostileClocks:
    """Clocks that go backwards, jump, return nonsense or raise."""

    def test_backwards_counts_as_standing_still(self) -> None:
        """A reading below the highest seen is that highest."""
        player, clock = _player()
        player.play()
        clock.now += 5
        assert 5.0 == player.position
        clock.now -= 3
        assert 5.0 == player.position
        clock.now += 2  # still 1 s below the highest
        assert 5.0 == player.position

    def test_jump_by_days(self) -> None:
        """A jump far past the end finishes, once."""
        player, clock = _player()
        player.play()
        clock.now += 86_400 * 3
        assert (P.FINISHED, 40.0) == (player.status, player.position)

    @pytest.mark.parametrize("reading", [math.nan, math.inf, None, "1", True])
    def test_nonsense_is_refused_and_changes_nothing(self, reading: object) -> None:
        """A reading that is not a finite number is a ValidationError naming the clock."""
        player, clock = _player()
        player.play()
        clock.now += 1
        assert 1.0 == player.position
        clock.now = reading  # type: ignore[assignment]
        with pytest.raises(sk.ValidationError, match="clock: returned"):
            player.poll()
        clock.now = 101.0
        assert (P.PLAYING, 1.0) == (player.status, player.position)

    def test_raising_clock(self) -> None:
        """A clock that raises lets its error out and changes nothing."""
        readings = iter([0.0, 1.0])

        def clock() -> float:
            return next(readings)

        player = sk.Player(_tl(hold=10), clock=clock)
        player.play()
        assert 1.0 == player.position
        with pytest.raises(StopIteration):
            player.pause()


# -- properties over random operation sequences ------------------------------------------------

_ops = st.lists(
    st.one_of(
        st.tuples(st.just("tick"), st.floats(-5, 30)),
        st.tuples(st.just("play"), st.none()),
        st.tuples(st.just("pause"), st.none()),
        st.tuples(st.just("seek"), st.floats(0, 1)),
        st.tuples(st.just("skip"), st.none()),
        st.tuples(st.just("back"), st.none()),
        st.tuples(st.just("poll"), st.none()),
        st.tuples(st.just("speed"), st.sampled_from([0.5, 1.0, 2.0, 7.5])),
    ),
    max_size=60,
)


def _hold_ms(tl: sk.Timeline) -> list[tuple[int, int]]:
    return [(round(s.start * 1000), round(s.end * 1000)) for s in tl if s.kind is sk.StepKind.HOLD]


class TestProperties:
    """Invariants over generated timelines, operations and clock steps."""

    @given(sks.timelines(max_stretches=2, max_rounds=2), _ops)
    def test_invariants(self, tl: sk.Timeline, ops: list[tuple[str, object]]) -> None:
        """Position in [0, duration], whole ms; no cue twice between seeks; pausing and speed
        changes never move the position; held equals the hold time of the union of played moments."""
        player, clock = _player(tl)
        duration_ms = round(tl.duration * 1000)
        holds = _hold_ms(tl)
        played: set[int] = set()  # every ms moved through while playing
        seen: set[int] = set()  # cue indices returned since the last seek
        index = {id(c): i for i, c in enumerate(player._cues)}
        for op, arg in ops:
            # The clock moves only in "tick": that is when a playing player moves through time.
            # (Reading it more often changes nothing: the position is a function of the clock.)
            before_ms, before = round(player.position * 1000), player.status
            if op == "tick":
                clock.now += arg  # type: ignore[operator]
            elif op == "seek":
                player.seek(round(arg * tl.duration, 3))  # type: ignore[operator]
                seen.clear()
            elif op in ("skip", "back"):
                getattr(player, op)()
                seen.clear()
            elif op == "poll":
                for cue in player.poll():
                    assert index[id(cue)] not in seen
                    seen.add(index[id(cue)])
            elif op == "speed":
                player.speed = arg  # type: ignore[assignment]
                assert before_ms / 1000 == player.position  # a new speed never moves the position
            elif op == "pause":
                player.pause()
                assert before_ms / 1000 == player.position  # pausing never moves it
            else:
                player.play()
            position = player.position
            ms = round(position * 1000)
            assert ms / 1000 == position  # a whole number of milliseconds
            assert 0 <= ms <= duration_ms
            assert (player.status is P.FINISHED) == (ms == duration_ms)
            if op == "tick" and before is P.PLAYING:
                played.update(range(before_ms, ms))
        expected = sum(1 for a, b in holds for t in range(a, b) if t in played) if played else 0
        assert expected / 1000 == player.held
        assert player.held <= tl.hold_time

    @given(sks.timelines(max_stretches=2, max_rounds=2), st.lists(st.floats(0.001, 20), max_size=40))
    def test_uninterrupted_run_says_every_cue_once(self, tl: sk.Timeline, steps: list[float]) -> None:
        """Without seeks, the cues polled over a whole run are timeline.cues(), in order,
        and the whole hold time is held."""
        player, clock = _player(tl)
        player.play()
        got = player.poll()
        for dt in steps:
            clock.now += dt
            got += player.poll()
        clock.now += tl.duration + 1
        got += player.poll()
        assert tl.cues() == got
        assert (tl.hold_time, True) == (player.held, player.completed)
        assert [] == player.poll()

    @given(sks.timelines(max_stretches=2, max_rounds=1), st.sampled_from(sk.languages()))
    def test_language_and_countdown(self, tl: sk.Timeline, language: str) -> None:
        """The player's cues are the timeline's in that language, with that countdown."""
        player, clock = _player(tl, countdown=1, language=language)
        player.play()
        clock.now += tl.duration
        assert tl.cues(countdown=1, language=language) == player.poll()
