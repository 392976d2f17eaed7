"""``stretchkit play``: a :class:`~stretchkit.Player` in the terminal.

On a terminal, a small block at the bottom is redrawn in place: the step
(its label), a countdown and a bar for the step, what comes next, the time
left and the keys; the cues scroll above it as they come (the countdown
numbers are only spoken: the countdown shows them). Keys: space pauses and
resumes, ``n`` or → skips, ``b`` or ← goes back, ``q`` or Ctrl-C stops,
Ctrl-Z suspends (the player pauses). The terminal's settings are restored
however the player ends.

Without a terminal (standard input or output not a TTY, as in CI) it plays
straight through, one line per cue, reading no keys and asking nothing.

Cues are spoken by ``espeak-ng`` when it is installed, each in a process of
its own, never waited for: a new cue cuts a slow one short, so the voice
keeps time with the clock, not the other way round.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import enum
import io
import math
import os
import select
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any, Final, TextIO

import stretchkit as sk
from stretchkit._cues import CueKind
from stretchkit._enums import StepKind
from stretchkit._io import append_record, read_journal
from stretchkit._languages import clock_in, fill

if sys.platform != "win32":  # keys need a POSIX terminal; elsewhere it plays straight through
    import termios

if TYPE_CHECKING:
    from stretchkit._cues import Cue
    from stretchkit._timeline import Step

#: The widest line drawn: the block fits 80 columns, and narrower terminals.
MAX_WIDTH: Final = 79
#: Seconds between frames while nothing happens (a key redraws at once).
FRAME: Final = 0.1
ESC: Final = "\x1b"
HIDE_CURSOR: Final = f"{ESC}[?25l"
SHOW_CURSOR: Final = f"{ESC}[?25h"
CLEAR_BELOW: Final = f"{ESC}[J"
BELL: Final = "\a"
BOLD: Final = f"{ESC}[1m"
DIM: Final = f"{ESC}[2m"
PLAIN: Final = f"{ESC}[0m"


class Ending(enum.Enum):
    """How a playing ended."""

    FINISHED = "finished"
    STOPPED = "stopped"  # q
    INTERRUPTED = "interrupted"  # Ctrl-C, SIGINT or SIGTERM


# -- text that fits -------------------------------------------------------------


def width_of(text: str) -> int:
    """Columns ``text`` takes: wide (East Asian) characters two, combining ones none."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def cut(text: str, width: int, ellipsis: str = "…") -> str:
    """``text`` in at most ``width`` columns, cut with ``ellipsis`` when longer."""
    if width_of(text) <= width:
        return text
    room = width - width_of(ellipsis)
    out, used = [], 0
    for c in text:
        w = width_of(c)
        if used + w > room:
            break
        out.append(c)
        used += w
    return "".join(out) + ellipsis if room >= 0 else ""


def spread(left: str, right: str, width: int, ellipsis: str = "…") -> str:
    """``left`` and ``right`` on one line of ``width`` columns; ``right`` is
    dropped when keeping it would leave ``left`` too little room."""
    room = width - width_of(right) - 2
    if right and room >= min(24, width // 2):
        left = cut(left, room, ellipsis)
        return left + " " * (width - width_of(left) - width_of(right)) + right
    return cut(left, width, ellipsis)


class Glyphs:
    """The characters of the bar; plain ASCII where the output cannot encode others."""

    __slots__ = ("dot", "ellipsis", "empty", "full")

    def __init__(self, encoding: str | None) -> None:
        try:
            "█░·…—".encode(encoding or "ascii")
        except (UnicodeEncodeError, LookupError):
            self.full, self.empty, self.dot, self.ellipsis = "#", "-", "-", "..."
        else:
            self.full, self.empty, self.dot, self.ellipsis = "█", "░", "·", "…"

    def bar(self, fraction: float, width: int) -> str:
        filled = min(width, max(0, math.floor(fraction * width + 1e-9)))
        return self.full * filled + self.empty * (width - filled)


def seconds_text(seconds: float, language: str) -> str:
    """A countdown: whole seconds, rounded up (``0:25`` until 24 s are left)."""
    return clock_in(max(0, math.ceil(seconds - 1e-9)), language)


def frame(player: sk.Player, labels: Sequence[str], language: str, width: int, glyphs: Glyphs) -> list[str]:
    """The lines of the live block for the player's present state."""
    state = player.state
    paused = player.status is sk.PlayerStatus.PAUSED
    if state is None:  # finished
        return [cut(fill(language, "play.finished"), width, glyphs.ellipsis)]
    t = fill(language, "page.step", index=state.index + 1, count=len(labels))
    step = spread(labels[state.index], t, width, glyphs.ellipsis)
    countdown = seconds_text(state.step_remaining, language)
    status = f" {fill(language, 'play.paused')} " if paused else " "
    room = width - width_of(countdown) - width_of(status) - 2
    line = f"  {countdown}{status}" + glyphs.bar(state.step_elapsed / state.step.duration, max(0, room))
    upcoming = (
        fill(language, "play.next", label=labels[state.index + 1])
        if state.next is not None
        else fill(language, "play.last")
    )
    left = fill(language, "play.left", time=seconds_text(state.remaining, language))
    return [
        step,
        cut(line, width, glyphs.ellipsis),
        spread(upcoming, left, width, glyphs.ellipsis),
        cut(fill(language, "play.keys"), width, glyphs.ellipsis),
    ]


def cue_line(cue: Cue, language: str) -> str:
    """A cue as a line: its time in the timeline, and its text."""
    return f"{clock_in(cue.time, language):>5}  {cue.text}"


# -- the voice ------------------------------------------------------------------


class Voice:
    """Says cues with ``espeak-ng``, when it is installed and not muted.

    Each utterance is a process of its own, never waited for; a new one
    stops the one before, so that a slow voice never lags behind the clock.
    """

    def __init__(self, language: str, *, mute: bool) -> None:
        self.language = language
        self.program = None if mute else shutil.which("espeak-ng")
        #: True when a voice was wanted but there is none.
        self.missing = not mute and self.program is None
        self._speaking: subprocess.Popen[bytes] | None = None
        self._stopped: list[subprocess.Popen[bytes]] = []

    def say(self, text: str) -> None:
        if self.program is None or not text:
            return
        self.stop()
        try:
            self._speaking = subprocess.Popen(  # noqa: S603 - a fixed program, the text as one argument
                [self.program, "-v", self.language, "--", text],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        except OSError:  # a broken install: go on silently
            self.program = None

    def stop(self) -> None:
        """Cut the present utterance short (and reap the ones stopped before)."""
        self._stopped = [p for p in self._stopped if p.poll() is None]
        speaking, self._speaking = self._speaking, None
        if speaking is not None and speaking.poll() is None:
            with contextlib.suppress(OSError):
                speaking.terminate()
            self._stopped.append(speaking)

    def tidy(self) -> None:
        """Reap the utterances that have ended (no zombie processes while a hold runs)."""
        if self._speaking is not None:
            self._speaking.poll()
        self._stopped = [p for p in self._stopped if p.poll() is None]

    def finish(self) -> None:
        """Let the last utterance end on its own (the routine's "well done")."""
        self._speaking = None


# -- the terminal ---------------------------------------------------------------


class Terminal:
    """The keyboard without echo or line editing, and a block of lines redrawn in place."""

    def __init__(self, fd: int, out: TextIO) -> None:
        self.fd = fd
        self.out = out
        self.glyphs = Glyphs(getattr(out, "encoding", None))
        self._saved: list[Any] | None = None  # what termios.tcgetattr gives
        self._drawn: list[str] = []  # the block on screen
        self._drawn_width = 0

    # keys ----------------------------------------------------------------------

    def enter(self) -> None:
        """Read keys one by one, unechoed; Ctrl-C and Ctrl-Z come as keys."""
        if self._saved is None:
            self._saved = termios.tcgetattr(self.fd)
        mode = termios.tcgetattr(self.fd)
        mode[3] &= ~(termios.ICANON | termios.ECHO | termios.ISIG | termios.IEXTEN)
        mode[6][termios.VMIN] = 1
        mode[6][termios.VTIME] = 0
        termios.tcsetattr(self.fd, termios.TCSANOW, mode)
        self.write(HIDE_CURSOR)

    def leave(self) -> None:
        """Give the terminal back as it was."""
        if self._saved is not None:
            with contextlib.suppress(termios.error):
                termios.tcsetattr(self.fd, termios.TCSADRAIN, self._saved)
        self.write(SHOW_CURSOR)

    def keys(self, timeout: float) -> list[str]:
        """The keys pressed within ``timeout`` seconds: characters, or ``"right"``/``"left"``."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return []
        data = os.read(self.fd, 64)
        if not data:
            return ["\x04"]  # the terminal went away: as Ctrl-D
        text = data.decode("utf-8", errors="ignore")
        out: list[str] = []
        i = 0
        while i < len(text):
            if text.startswith((f"{ESC}[C", f"{ESC}OC"), i):
                out.append("right")
                i += 3
            elif text.startswith((f"{ESC}[D", f"{ESC}OD"), i):
                out.append("left")
                i += 3
            elif text[i] == ESC:  # another key's sequence: skip it
                i += 1
                while i < len(text) and not text[i].isalpha() and text[i] != "~":
                    i += 1
                i += 1
            else:
                out.append(text[i].lower())
                i += 1
        return out

    # the block -----------------------------------------------------------------

    def width(self) -> int:
        try:
            columns = os.get_terminal_size(self.out.fileno()).columns
        except (OSError, ValueError):
            columns = 0
        return min(MAX_WIDTH, (columns or 80) - 1)

    def write(self, text: str) -> None:
        self.out.write(text)
        self.out.flush()

    def draw(self, lines: list[str], *, above: Sequence[str] = (), bell: bool = False) -> None:
        """Replace the block with ``lines``; ``above`` are printed over it, to stay."""
        if lines == self._drawn and not above and not bell:
            return
        parts = [self._erase()]
        width = self.width()
        parts += [cut(line, width, self.glyphs.ellipsis) + "\n" for line in above]
        parts.append("\n".join(_styled(lines)))
        if bell:
            parts.append(BELL)
        self.write("".join(parts))
        self._drawn, self._drawn_width = lines, width + 1

    def close(self, lines: Sequence[str] = ()) -> None:
        """Leave ``lines`` in place of the block, and the cursor below them."""
        self.write(self._erase() + "".join(f"{line}\n" for line in lines))
        self._drawn = []

    def forget(self) -> None:
        """The block is no longer on screen (after a suspend): draw the next one afresh."""
        self._drawn = []

    def _erase(self) -> str:
        if not self._drawn:
            return ""
        columns = self.width() + 1
        rows = len(self._drawn)
        if columns < self._drawn_width:  # narrowed: the lines may have wrapped
            rows = sum(max(1, math.ceil(width_of(line) / columns)) for line in self._drawn)
        return "\r" + (f"{ESC}[{rows - 1}A" if rows > 1 else "") + CLEAR_BELOW


def _styled(lines: Sequence[str]) -> list[str]:
    """The step in bold, the keys dimmed (styles added after cutting: they take no columns)."""
    if len(lines) < 4:
        return list(lines)
    return [f"{BOLD}{lines[0]}{PLAIN}", *lines[1:-1], f"{DIM}{lines[-1]}{PLAIN}"]


@contextlib.contextmanager
def _signals_stop() -> Iterator[None]:
    """SIGTERM ends the player like Ctrl-C, so that the terminal is restored."""

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    old = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


# -- playing --------------------------------------------------------------------


def _block(step: Step | None) -> tuple[object, ...] | None:
    """Holds of one rep on one side (a flow's poses back to back) make one block, as the cues count."""
    if step is None or step.kind is not StepKind.HOLD:
        return None
    return (step.round, step.item, step.side, step.rep)


def _hold_ended(timeline: sk.Timeline, before: float, after: float) -> bool:
    """True when a hold block ended in ``(before, after]``: where the bell rings."""
    if after <= before:
        return False
    first = timeline.index_at(before)
    last = len(timeline) if after >= timeline.duration else timeline.index_at(after)
    for i in range(first, min(last, first + 64)):
        step = timeline[i]
        after_it = timeline[i + 1] if i + 1 < len(timeline) else None
        if step.kind is StepKind.HOLD and _block(after_it) != _block(step):
            return True
    return False


def _spoken(cues: Sequence[Cue]) -> str:
    """The cues reached at once, as one utterance."""
    return ". ".join(c.text for c in cues)


def play_interactive(player: sk.Player, terminal: Terminal, voice: Voice, language: str) -> Ending:
    """Play on a terminal, reading keys, until the end, ``q`` or Ctrl-C."""
    timeline = player.timeline
    labels = timeline.labels(language)
    terminal.enter()
    try:
        with _signals_stop():
            player.play()
            seen = 0.0  # the position drawn last: a hold ending after it rings the bell
            while True:
                finished = player.status is sk.PlayerStatus.FINISHED
                cues = player.poll()
                now = player.position
                bell, seen = _hold_ended(timeline, seen, now), now
                if cues:
                    voice.say(_spoken(cues))
                voice.tidy()
                lines = frame(player, labels, language, terminal.width(), terminal.glyphs)
                above = [cue_line(c, language) for c in cues if c.kind is not CueKind.COUNTDOWN]
                terminal.draw(lines, above=above, bell=bell)
                if finished:
                    voice.finish()
                    return Ending.FINISHED
                for key in terminal.keys(FRAME):
                    ending = _press(key, player, terminal, voice)
                    if ending is not None:
                        return ending
                    if key != " ":
                        seen = player.position  # a jump rings no bell
    except KeyboardInterrupt:
        voice.stop()
        return Ending.INTERRUPTED
    finally:
        player.pause()  # stopped: what is held no longer grows while the person answers
        terminal.leave()


def _press(key: str, player: sk.Player, terminal: Terminal, voice: Voice) -> Ending | None:
    """Do what ``key`` says; how the playing ends, if it does."""
    if key in ("q", "\x04"):  # q, or the terminal went away
        voice.stop()
        return Ending.STOPPED
    if key == "\x03":
        raise KeyboardInterrupt
    if key == " ":
        if player.status is sk.PlayerStatus.PLAYING:
            player.pause()
            voice.stop()
        else:
            player.play()
    elif key in ("n", "right"):
        player.skip()
        voice.stop()
    elif key in ("b", "left"):
        player.back()
        voice.stop()
    elif key == "\x1a":  # Ctrl-Z: pause, give the terminal back, and stop until `fg`
        player.pause()
        voice.stop()
        _suspend(terminal)
    return None


def _suspend(terminal: Terminal) -> None:
    terminal.close()
    terminal.leave()
    os.kill(os.getpid(), signal.SIGTSTP)  # stopped here until the shell's fg
    terminal.enter()
    terminal.forget()


def play_plain(player: sk.Player, voice: Voice, language: str, out: TextIO) -> Ending:
    """Play straight through, one line per cue, reading nothing."""
    player.play()
    try:
        while True:
            finished = player.status is sk.PlayerStatus.FINISHED
            cues = player.poll()
            for cue in cues:
                print(cue_line(cue, language), file=out, flush=True)
            if cues:
                voice.say(_spoken(cues))
            if finished:
                voice.finish()
                return Ending.FINISHED
            time.sleep(FRAME / 2)
    except KeyboardInterrupt:
        player.pause()
        voice.stop()
        return Ending.INTERRUPTED


# -- the command ----------------------------------------------------------------


def _program(ref: str) -> sk.Program:
    if Path(ref).suffix.lower() in (".json", ".toml", ".yaml", ".yml") or Path(ref).exists():
        found = sk.load(ref)
        if not isinstance(found, sk.Program):
            msg = f"{ref} is a {type(found).__name__} document, not a program"
            raise sk.StretchkitError(msg)
        return found
    return sk.catalog().program(ref)


def find_session(ref: str, number: int, journal: sk.Journal) -> sk.Session:
    """Session ``number`` of the program ``ref`` (an id or a file), at the
    level the journal's pain-guided plan gives it."""
    program = _program(ref)
    plan = program.plan(datetime.date.today(), journal)  # levels do not depend on the start
    if number > len(plan):
        msg = f"program {program.id!r} has sessions 1 to {len(plan)}, not {number}"
        raise sk.StretchkitError(msg)
    return plan[number - 1]


def ask_pain(prompt: str, retry: str, out: TextIO) -> int | None:
    """A pain score from 0 to 10, or None when the person just presses Enter."""
    while True:
        out.write(prompt)
        out.flush()
        line = sys.stdin.readline()
        if not line:  # end of input
            out.write("\n")
            return None
        answer = line.strip()
        if not answer:
            return None
        if answer.isascii() and answer.isdigit() and int(answer) <= 10:
            return int(answer)
        print(retry, file=out)


def _prepare(
    args: argparse.Namespace, source: sk.Routine | sk.Timeline
) -> tuple[sk.Timeline, Path | None, sk.Session | None]:
    """The timeline to play, the journal file and the program session; every
    problem (a journal that does not load, too) before anything is played."""
    if args.program is not None and args.session is None:
        args.misuse("--program needs --session N")
    if args.session is not None and args.program is None:
        args.misuse("--session needs --program ID")
    if args.program is not None and args.journal is None:
        args.misuse("--program and --session need --journal FILE")
    journal_path = Path(args.journal) if args.journal is not None else None
    session = None
    if journal_path is not None:
        try:
            journal = read_journal(journal_path)
        except sk.StretchkitError as e:  # stop before playing; the file is never overwritten
            msg = f"the journal {journal_path} does not load (it is left as it is): {e}"
            raise sk.StretchkitError(msg) from None
        if args.program is not None:
            session = find_session(args.program, args.session, journal)
    level = args.level if args.level is not None else session.level if session is not None else 0.5
    timeline = source if isinstance(source, sk.Timeline) else sk.compose(source, level)
    if session is not None and timeline.routine.id != session.routine.id:
        msg = (
            f"session {session.number} of {session.program!r} is the routine {session.routine.id!r}, "
            f"not {timeline.routine.id!r}"
        )
        raise sk.StretchkitError(msg)
    return timeline, journal_path, session


def command(args: argparse.Namespace, source: sk.Routine | sk.Timeline, out: TextIO) -> int:
    """``stretchkit play``: the exit status (0; 130 after Ctrl-C; 1 when the record cannot be saved)."""
    timeline, journal_path, session = _prepare(args, source)
    language: str = args.lang
    if isinstance(out, io.TextIOWrapper):  # an output that cannot show "é" or "█" gets "?", not an error
        out.reconfigure(errors="replace")
    player = sk.Player(timeline, language=language)
    player.speed = args.speed
    voice = Voice(language, mute=args.mute)
    if voice.missing:
        print(fill(language, "play.no_voice"), file=sys.stderr)
    interactive = (
        sys.platform != "win32"
        and sys.stdin.isatty()
        and out.isatty()
        and os.environ.get("TERM") != "dumb"  # no cursor movement there: plain lines
    )
    if not interactive:
        ending = play_plain(player, voice, language, out)
        pain_before = pain_after = None
    else:
        terminal = Terminal(sys.stdin.fileno(), out)
        total = fill(language, "cli.total", total=clock_in(timeline.duration, language), level=timeline.level)
        print(f"{timeline.routine.name} {terminal.glyphs.dot} {total}", file=out)
        ask = journal_path is not None
        try:
            pain_before = _ask_pain(language, "play.pain_before", out) if ask else None
        except KeyboardInterrupt:  # nothing played yet: nothing to save
            out.write("\n")
            return 130
        ending = play_interactive(player, terminal, voice, language)
        held = fill(language, "cli.stretching", time=clock_in(round(player.held), language))
        word = fill(language, "play.finished" if ending is Ending.FINISHED else "play.stopped")
        terminal.close([f"{word} {terminal.glyphs.dot} {held}"])
        try:
            pain_after = _ask_pain(language, "play.pain_after", out) if ask else None
        except KeyboardInterrupt:  # skip the question; what was done is still saved
            out.write("\n")
            ending, pain_after = Ending.INTERRUPTED, None
    status = 130 if ending is Ending.INTERRUPTED else 0
    if journal_path is None:
        return status
    record = player.record(pain_before=pain_before, pain_after=pain_after, session=session)
    try:
        append_record(journal_path, record)
    except sk.StretchkitError as e:
        print(f"stretchkit: error: {e}", file=sys.stderr)
        print(f"stretchkit: the record, not saved: {sk.to_json(record)}", file=sys.stderr)
        return 1
    print(fill(language, "play.saved", file=str(journal_path)), file=out if interactive else sys.stderr)
    return status


def _ask_pain(language: str, key: str, out: TextIO) -> int | None:
    return ask_pain(fill(language, key), fill(language, "play.pain_retry"), out)
