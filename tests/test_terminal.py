"""`stretchkit play`: the terminal player, on a real pseudo-terminal read by a
terminal emulator (pyte), as a plain subprocess without a terminal, and its
parts (the lines it draws, the keys, the voice) on their own."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pyte
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit import _cli, _terminal
from stretchkit._terminal import Glyphs, cut, frame, spread, width_of
from tests import strategies as sks

#: lead-in 1 s, then 5 s a side with a 2 s switch: 13 s, two holds.
SHORT = sk.Routine(name="Hug", lead_in=1, stretches=[sk.Stretch(name="Hug", hold=5, sides="each", switch=2)])
#: lead-in 2 s, then 20 s a side: 44 s, for the tests that press keys meanwhile.
LONG = sk.Routine(name="Hug", lead_in=2, stretches=[sk.Stretch(name="Hug", hold=20, sides="each", switch=2)])


@pytest.fixture
def short(tmp_path: Path) -> str:
    sk.dump(SHORT, tmp_path / "short.json")
    return str(tmp_path / "short.json")


@pytest.fixture
def long(tmp_path: Path) -> str:
    sk.dump(LONG, tmp_path / "long.json")
    return str(tmp_path / "long.json")


def _records(path: Path) -> list[sk.SessionRecord]:
    journal = sk.load(path)
    assert isinstance(journal, sk.Journal)
    return list(journal)


def _env(**changes: str) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", **changes}


# -- on a pseudo-terminal -------------------------------------------------------


def _default_sigint() -> None:
    """In the child, before exec: Ctrl-C interrupts, even when the tests run where it is
    ignored (a shell's background job), which children would inherit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _take_terminal() -> None:
    """In the child, before exec: make the pseudo-terminal its controlling terminal, as a shell does."""
    _default_sigint()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


class Term:
    """``stretchkit ...`` on a pseudo-terminal of a given size; what it shows
    is read through a terminal emulator, as a person would see it."""

    def __init__(
        self, *args: str, columns: int = 80, rows: int = 24, env: dict[str, str] | None = None
    ) -> None:
        self.master, self.slave = pty.openpty()
        fcntl.ioctl(self.slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.settings = termios.tcgetattr(self.slave)
        self.columns = columns
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "stretchkit", *args],
            stdin=self.slave,
            stdout=self.slave,
            stderr=self.slave,
            env=env or _env(),
            start_new_session=True,
            preexec_fn=_take_terminal,  # noqa: PLW1509 - a test; makes Ctrl-C at a prompt a SIGINT
        )

    def pump(self, timeout: float = 0.02) -> None:
        """Read what the program wrote, into the emulated screen."""
        while select.select([self.master], [], [], timeout)[0]:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.raw += data
            self.stream.feed(data)
            timeout = 0

    @property
    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def wait_for(self, check: Callable[[str], object], timeout: float = 15) -> str:
        """Pump until ``check(screen text)`` holds; fail showing the screen if it never does."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if check(self.text):
                return self.text
            if self.process.poll() is not None:
                self.pump()
                break
        if check(self.text):
            return self.text
        pytest.fail(f"the screen never showed what was expected:\n{self.text}")

    def send(self, keys: bytes) -> None:
        os.write(self.master, keys)

    def exit_status(self, timeout: float = 15) -> int:
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            self.pump()
        self.pump()
        return self.process.wait(timeout=1)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)
        os.close(self.slave)


@pytest.fixture
def term() -> Iterator[Callable[..., Term]]:
    made: list[Term] = []

    def make(*args: str, **kwargs: object) -> Term:
        made.append(Term(*args, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for t in made:
        t.close()


def _countdown(text: str) -> str:
    found = re.search(r"^  (\d+:\d\d) ", text, re.MULTILINE)
    assert found, text
    return found[1]


def _restored(t: Term) -> bool:
    """The terminal's settings are what they were, and the cursor was shown again last."""
    hidden, shown = t.raw.rfind(b"\x1b[?25l"), t.raw.rfind(b"\x1b[?25h")
    return t.settings == termios.tcgetattr(t.slave) and shown > hidden


class TestOnATerminal:
    """On a pseudo-terminal: the block redrawn in place, the keys, the ends."""

    def test_the_block_is_redrawn_in_place(self, term: Callable[..., Term], long: str) -> None:
        """The step, a countdown and bar, what is next, the keys; one block, never a scrolling log."""
        t = term("play", long, "--speed", "5", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.pump(0.5)  # a few more frames
        lines = t.lines
        assert "Hug · total 0:44 at level 0.5" == lines[0]
        assert "0:00  Get ready: Hug" == lines[1].strip()
        assert "0:02  Left side, hold 20 seconds" == lines[2].strip()
        assert re.fullmatch(r"Hug — left +Step 2 of 4", lines[3])
        assert re.fullmatch(r"  0:\d\d [█░]+", lines[4])
        assert re.fullmatch(r"Next: Switch to the right side +0:\d\d left", lines[5])
        assert "space pause · n skip · b back · q quit" == lines[6]
        assert all(len(line) <= 79 for line in lines)
        assert 1 == t.text.count("Step ")
        assert not any(re.fullmatch(r"\s*0:\d\d\s+[123]", line) for line in lines)  # countdowns: spoken only
        t.send(b"q")
        assert 0 == t.exit_status()

    def test_space_pauses_and_resumes(self, term: Callable[..., Term], long: str) -> None:
        """Paused, the countdown stands still and says so; space again, it runs on."""
        t = term("play", long, "--speed", "10", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.send(b" ")
        paused = _countdown(t.wait_for(lambda s: "Paused" in s))
        time.sleep(0.6)  # 6 s of the routine at this speed
        t.pump()
        assert paused == _countdown(t.text)
        assert "Paused" in t.text
        t.send(b" ")
        t.wait_for(lambda s: "Paused" not in s and _countdown(s) != paused)
        t.send(b"q")
        assert 0 == t.exit_status()

    def test_n_skips_and_b_goes_back(self, term: Callable[..., Term], long: str) -> None:
        """n (or →) goes to the next step, b (or ←) to the one before, within its first 3 s."""
        t = term("play", long, "--mute")
        t.wait_for(lambda s: "Step 1 of 4" in s)
        t.send(b"n")
        t.wait_for(lambda s: "Step 2 of 4" in s and "Hug — left" in s)
        t.send(b"\x1b[C")
        t.wait_for(lambda s: "Step 3 of 4" in s and "Switch to the right side" in s)
        t.send(b"b")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.send(b"\x1b[D")
        t.wait_for(lambda s: "Step 1 of 4" in s)
        t.send(b"q")
        assert 0 == t.exit_status()

    def test_q_quits_and_restores_the_terminal(self, term: Callable[..., Term], long: str) -> None:
        """q: exit 0, what was held, the terminal's settings and cursor as they were."""
        t = term("play", long, "--speed", "5", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.send(b"q")
        assert 0 == t.exit_status()
        assert re.search(r"^Stopped · 0:\d\d stretching$", t.text, re.MULTILINE)
        assert "Step 2 of 4" not in t.text  # the block is gone
        assert _restored(t)

    def test_ctrl_c_ends_cleanly(self, term: Callable[..., Term], long: str) -> None:
        """Ctrl-C: no traceback, exit 130, the terminal restored."""
        t = term("play", long, "--speed", "5", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.send(b"\x03")
        assert 130 == t.exit_status()
        assert "Traceback" not in t.raw.decode()
        assert "Stopped · " in t.text
        assert _restored(t)

    def test_ctrl_z_pauses_and_gives_the_terminal_back(self, term: Callable[..., Term], long: str) -> None:
        """Ctrl-Z: paused, the block drawn afresh after the suspend, the countdown standing still.

        Here the player leads its own session, so the kernel discards the stop
        (an orphaned process group); under a shell it stops until `fg`, with
        the terminal given back meanwhile (tried by hand in tmux).
        """
        t = term("play", long, "--speed", "5", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.send(b"\x1a")
        paused = _countdown(t.wait_for(lambda s: "Paused" in s))
        t.pump(0.5)
        assert paused == _countdown(t.text)
        assert 1 == t.text.count("Step 2 of 4")
        assert 2 == t.raw.count(b"\x1b[?25l")  # the terminal left and taken again
        t.send(b"q")
        assert 0 == t.exit_status()
        assert _restored(t)

    def test_sigterm_restores_the_terminal(self, term: Callable[..., Term], long: str) -> None:
        """Killed politely, it still gives the terminal back."""
        t = term("play", long, "--speed", "5", "--mute")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.process.send_signal(signal.SIGTERM)
        assert 130 == t.exit_status()
        assert "Traceback" not in t.raw.decode()
        assert _restored(t)

    def test_plays_to_the_end_with_a_bell_at_each_hold_end(
        self, term: Callable[..., Term], short: str
    ) -> None:
        """The cues scroll above the block; a bell rings as each hold ends; it says finished."""
        t = term("play", short, "--speed", "10", "--mute")
        assert 0 == t.exit_status()
        log = [line.strip() for line in t.lines[1:6]]
        assert [
            "0:00  Get ready: Hug",
            "0:01  Left side, hold 5 seconds",
            "0:06  Switch to the right side",
            "0:08  Right side, hold 5 seconds",
            "0:13  Routine complete. Well done",
        ] == log
        assert "Finished · 0:10 stretching" == t.lines[6]
        assert 2 == t.raw.count(b"\a")
        assert _restored(t)

    @pytest.mark.parametrize("columns", [60, 40])
    def test_narrow_terminals(self, term: Callable[..., Term], long: str, columns: int) -> None:
        """At 60 columns everything still fits; narrower, lines are cut with "…", never wrapped."""
        t = term("play", long, "--speed", "5", "--mute", "--lang", "de", columns=columns)
        t.wait_for(lambda s: "Schritt 2 von 4" in s)
        t.pump(0.3)
        assert all(len(line) < columns for line in t.lines)
        assert 1 == t.text.count("Schritt ")
        if columns == 60:
            assert re.search(r"^Hug — links +Schritt 2 von 4$", t.text, re.MULTILINE)
            assert re.search(r"^Als Nächstes: Wechsel zur rechten Seite +Noch 0:\d\d$", t.text, re.MULTILINE)
            assert "Leertaste Pause · n überspringen · b zurück · q beenden" in t.lines
        else:
            assert "…" in t.text
        t.send(b"q")
        assert 0 == t.exit_status()

    def test_journal_asks_pain_before_and_after(
        self, term: Callable[..., Term], short: str, tmp_path: Path
    ) -> None:
        """Pain before (asked again after a bad answer) and after, then the record is appended."""
        journal = tmp_path / "journal.json"
        t = term("play", short, "--speed", "10", "--mute", "--journal", str(journal))
        t.wait_for(lambda s: "Pain before you start, 0 to 10 (Enter to skip):" in s)
        t.send(b"11\r")
        t.wait_for(lambda s: "Please type a whole number from 0 to 10, or press Enter" in s)
        t.send(b"4\r")
        t.wait_for(lambda s: "Pain now, 0 to 10 (Enter to skip):" in s)
        t.send(b"2\r")
        assert 0 == t.exit_status()
        assert f"Saved to {journal}" in t.raw.decode()
        (record,) = _records(journal)
        assert (4, 2, True, 10.0) == (record.pain_before, record.pain_after, record.completed, record.held)

    def test_journal_after_quitting_early(self, term: Callable[..., Term], long: str, tmp_path: Path) -> None:
        """q then Enter at both questions: a record of what was done, not completed, no pain."""
        journal = tmp_path / "journal.toml"
        t = term("play", long, "--speed", "5", "--mute", "--journal", str(journal))
        t.wait_for(lambda s: "Pain before" in s)
        t.send(b"\r")
        t.wait_for(lambda s: "Step 2 of 4" in s)
        t.pump(0.3)
        t.send(b"q")
        text = t.wait_for(lambda s: "Pain now" in s)
        shown = re.search(r"^Stopped · 0:(\d\d) stretching$", text, re.MULTILINE)
        assert shown, text
        time.sleep(0.6)  # 3 s of the routine: the time spent answering is not held
        t.send(b"\r")
        assert 0 == t.exit_status()
        (record,) = _records(journal)
        assert (None, None, False) == (record.pain_before, record.pain_after, record.completed)
        assert 0 < record.held < 40
        assert abs(int(shown[1]) - record.held) <= 0.5

    def test_ctrl_c_at_the_first_question_plays_nothing(
        self, term: Callable[..., Term], short: str, tmp_path: Path
    ) -> None:
        """Before anything is played, Ctrl-C leaves with nothing saved."""
        journal = tmp_path / "journal.json"
        t = term("play", short, "--mute", "--journal", str(journal))
        t.wait_for(lambda s: "Pain before" in s)
        t.send(b"\x03")
        assert 130 == t.exit_status()
        assert "Traceback" not in t.raw.decode()
        assert not journal.exists()

    def test_a_broken_journal_stops_before_playing(
        self, term: Callable[..., Term], short: str, tmp_path: Path
    ) -> None:
        """The error names the file, nothing is played or asked, and the file is left as it was."""
        journal = tmp_path / "journal.json"
        journal.write_text('{"stretchkit": 1, "type": "journal", "records": [{}]}', encoding="utf-8")
        before = journal.read_bytes()
        t = term("play", short, "--mute", "--journal", str(journal))
        assert 1 == t.exit_status()
        said = " ".join(t.raw.decode().split())  # wrapped to the terminal's width
        assert f"stretchkit: error: the journal {journal} does not load" in said
        assert "Pain" not in t.text
        assert before == journal.read_bytes()


# -- without a terminal ---------------------------------------------------------


def _ignore_sigterm() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_IGN)  # inherited by the voices it starts


def _play(
    *args: str, env: dict[str, str] | None = None, voices_finish: bool = False
) -> subprocess.CompletedProcess[str]:
    """``stretchkit play ...`` without a terminal; ``voices_finish``: no cue is cut short."""
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", "play", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        env=env or _env(),
        check=False,
        preexec_fn=_ignore_sigterm if voices_finish else None,
    )


def _cue_lines(routine: sk.Routine, language: str = "en") -> list[str]:
    timeline = sk.compose(routine)
    return [_terminal.cue_line(c, language) for c in timeline.cues(language=language)]


@pytest.fixture
def fake_voice(tmp_path: Path) -> Callable[[str], Path]:
    """A folder holding a fake ``espeak-ng`` that logs its arguments (one line a call, tab-separated)."""

    def make(then: str = "") -> Path:
        folder = tmp_path / "bin"
        folder.mkdir()
        script = folder / "espeak-ng"
        log = tmp_path / "voice.log"
        script.write_text(
            "#!/bin/sh\n"
            f'for a in "$@"; do printf "%s\\t" "$a"; done >> "{log}"\n'
            f'echo "$$" >> "{log}"\n'
            f"{then}\n",
            encoding="utf-8",
        )
        script.chmod(0o755)
        return folder

    return make


def _calls(tmp_path: Path) -> list[tuple[list[str], int]]:
    log = tmp_path / "voice.log"
    if not log.exists():
        return []
    calls = []
    for line in log.read_text(encoding="utf-8").splitlines():
        *args, pid = line.split("\t")
        calls.append((args, int(pid)))
    return calls


class TestWithoutATerminal:
    """Standard input not a terminal: straight through, one line per cue, nothing asked."""

    def test_one_line_per_cue(self, short: str) -> None:
        """Every cue, in order, as `time  text`; exit 0, nothing else on standard output."""
        done = _play(short, "--speed", "50", "--mute")
        assert (0, "") == (done.returncode, done.stderr)
        assert _cue_lines(SHORT) == done.stdout.splitlines()

    def test_language(self, short: str) -> None:
        """--lang: the cues in that language, numbers as it writes them."""
        done = _play(short, "--speed", "50", "--mute", "--lang", "fr")
        assert _cue_lines(SHORT, "fr") == done.stdout.splitlines()
        assert " 0:00  Préparez-vous\u00a0: Hug" == done.stdout.splitlines()[0]

    def test_an_ascii_output(self, short: str) -> None:
        """An output that cannot encode a character gets a plain one for it (a space for a
        no-break space) or "?", not a traceback."""
        done = _play(short, "--speed", "50", "--mute", "--lang", "fr", env=_env(PYTHONIOENCODING="ascii"))
        assert (0, "") == (done.returncode, done.stderr)
        assert " 0:00  Pr?parez-vous : Hug" == done.stdout.splitlines()[0]

    def test_journal_without_questions(self, short: str, tmp_path: Path) -> None:
        """--journal: nothing asked; the record appended, the notice on standard error."""
        journal = tmp_path / "j.json"
        done = _play(short, "--speed", "50", "--mute", "--journal", str(journal))
        assert 0 == done.returncode, done.stderr
        assert _cue_lines(SHORT) == done.stdout.splitlines()
        assert f"Saved to {journal}\n" == done.stderr
        (record,) = _records(journal)
        assert (True, None, None) == (record.completed, record.pain_before, record.pain_after)

    def test_ctrl_c_ends_cleanly(self, long: str, tmp_path: Path) -> None:
        """SIGINT while playing: no traceback, exit 130, what was done is still saved."""
        journal = tmp_path / "j.json"
        process = subprocess.Popen(
            [sys.executable, "-m", "stretchkit", "play", long, "--mute", "--journal", str(journal)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
            preexec_fn=_default_sigint,  # noqa: PLW1509 - a test
        )
        try:
            assert process.stdout is not None
            assert process.stdout.readline().strip() == "0:00  Get ready: Hug"
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        assert 130 == process.returncode
        assert "Traceback" not in err
        (record,) = _records(journal)
        assert not record.completed

    def test_fake_voice_says_each_cue_in_the_language(
        self, short: str, tmp_path: Path, fake_voice: Callable[[str], Path]
    ) -> None:
        """espeak-ng gets `-v LANG -- TEXT` for every cue, in order."""
        folder = fake_voice("")
        # each cue cuts the one before short, maybe before the fake has written: let them finish
        done = _play(short, "--speed", "10", "--lang", "de", env=_env(PATH=str(folder)), voices_finish=True)
        assert (0, "") == (done.returncode, done.stderr)
        texts = [c.text for c in sk.compose(SHORT).cues(language="de")]
        calls = _calls(tmp_path)
        assert [["-v", "de", "--", text] for text in texts] == [args for args, _ in calls]

    def test_a_slow_voice_never_delays_the_timer(
        self, short: str, tmp_path: Path, fake_voice: Callable[[str], Path]
    ) -> None:
        """A voice that takes 30 s a cue: the routine still ends on time; each cue cuts the one before."""
        folder = fake_voice("exec sleep 30")
        started = time.monotonic()
        done = _play(short, "--speed", "10", env=_env(PATH=f"{folder}:/bin:/usr/bin"))
        took = time.monotonic() - started
        calls = _calls(tmp_path)
        try:
            assert 0 == done.returncode, done.stderr
            assert took < 13 / 10 + 4  # the routine's time, and the start-up
            assert len(sk.compose(SHORT).cues()) == len(calls)
            time.sleep(0.2)
            alive = [_alive(pid) for _, pid in calls]
            assert [False] * (len(calls) - 1) + [True] == alive  # the last, "well done", speaks on
        finally:
            for _, pid in calls:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)

    def test_no_voice_is_said_once(self, short: str, tmp_path: Path) -> None:
        """Without espeak-ng it plays silently and says so once, on standard error."""
        done = _play(short, "--speed", "50", "--lang", "es", env=_env(PATH=str(tmp_path)))
        assert 0 == done.returncode
        assert _cue_lines(SHORT, "es") == done.stdout.splitlines()
        assert "espeak-ng no está instalado: se reproduce sin voz\n" == done.stderr

    def test_mute_says_nothing(self, short: str, tmp_path: Path, fake_voice: Callable[[str], Path]) -> None:
        """--mute: espeak-ng is not called, and nothing is said about it."""
        folder = fake_voice("")
        done = _play(short, "--speed", "50", "--mute", env=_env(PATH=str(folder)))
        assert (0, "") == (done.returncode, done.stderr)
        assert [] == _calls(tmp_path)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie is dead too
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


# -- the command, in process ----------------------------------------------------


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    return _cli.main(list(args), out=out), out.getvalue()


class TestCommand:
    """The options of `play`, and linking a record to a program session."""

    def test_a_stretch_id_plays_alone(self) -> None:
        """A built-in stretch's id plays as a routine of that stretch."""
        status, out = _run("play", "seated-forward-bend", "--level", "0", "--speed", "1000", "--mute")
        assert 0 == status
        assert "Get ready: Seated Forward Bend" in out.splitlines()[0]

    def test_links_the_record_to_a_program_session(self, tmp_path: Path) -> None:
        """--program and --session: the record names them, played at the session's planned level."""
        journal = tmp_path / "j.json"
        status, _ = _run(
            "play", "low-mid-back", "--speed", "5000", "--mute", "--journal", str(journal),
            "--program", "low-mid-back-daily", "--session", "28",
        )  # fmt: skip
        assert 0 == status
        (record,) = _records(journal)
        assert ("low-mid-back-daily", 28, 1.0, True) == (
            record.program,
            record.session,
            record.level,
            record.completed,
        )

    def test_a_program_file(self, tmp_path: Path) -> None:
        """--program takes a program file too; --level overrides the planned level."""
        program = sk.Program(name="Short", routines=SHORT, weeks=1)
        sk.dump(program, tmp_path / "p.toml")
        journal = tmp_path / "j.json"
        sk.dump(SHORT, tmp_path / "short.json")
        status, _ = _run(
            "play", str(tmp_path / "short.json"), "--speed", "100", "--mute", "--level", "0.25",
            "--journal", str(journal), "--program", str(tmp_path / "p.toml"), "--session", "7",
        )  # fmt: skip
        assert 0 == status
        (record,) = _records(journal)
        assert ("short", 7, 0.25) == (record.program, record.session, record.level)

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--program", "low-mid-back-daily", "--session", "29"], "has sessions 1 to 28, not 29"),
            (["--program", "nope", "--session", "1"], "unknown program 'nope'"),
            (["--program", "PROGRAM", "--session", "1"], "is a Routine document, not a program"),
        ],
    )
    def test_bad_sessions(
        self, args: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A session that is not there, or not a program: one line, exit 1, nothing played or written."""
        sk.dump(SHORT, tmp_path / "r.json")
        args = [str(tmp_path / "r.json") if a == "PROGRAM" else a for a in args]
        journal = tmp_path / "j.json"
        status, out = _run("play", "low-mid-back", "--mute", "--journal", str(journal), *args)
        assert (1, "") == (status, out)
        assert message in capsys.readouterr().err
        assert not journal.exists()

    def test_the_session_must_be_of_that_routine(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Playing another routine for a program session is refused."""
        args = ["--journal", str(tmp_path / "j.json"), "--program", "low-mid-back-daily", "--session", "1"]
        status, _ = _run("play", "cat-cow", "--mute", *args)
        assert 1 == status
        assert "is the routine 'low-mid-back', not 'cat-cow'" in capsys.readouterr().err

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--program", "low-mid-back-daily"], "--program needs --session"),
            (["--session", "2", "--journal", "j.json"], "--session needs --program"),
            (["--program", "low-mid-back-daily", "--session", "2"], "need --journal"),
            (["--session", "0"], "must be a whole number from 1"),
            (["--speed", "0"], "must be a number greater than 0"),
            (["--speed", "fast"], "not a number: 'fast'"),
            (["--lang", "it"], "invalid choice: 'it'"),
        ],
    )
    def test_misuse(self, args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
        """Options that do not go together, or bad values: exit 2 with the usage."""
        with pytest.raises(SystemExit) as exit_:
            _run("play", "low-mid-back", *args)
        assert 2 == exit_.value.code
        assert message in capsys.readouterr().err

    def test_show_in_another_language(self) -> None:
        """show --lang: the table's headings, kinds, sides and labels, and the totals, in German."""
        status, out = _run("show", "low-mid-back", "--lang", "de")
        lines = out.splitlines()
        assert 0 == status
        assert ["Zeit", "Schritt", "Art", "Seite", "Wdh.", "Sek.", "Was"] == lines[1].split()
        assert "Halten" in lines[3]
        assert "links" in lines[3]
        assert lines[3].endswith("Knie zur Brust — links")
        assert "insgesamt 11:48 auf Stufe 0,5: 57 Schritte, 9:21 Dehnzeit" == lines[-2]
        assert lines[-1].startswith("von 8:18 auf Stufe 0 bis 15:48 auf Stufe 1")


# -- the parts ------------------------------------------------------------------


class TestLines:
    """What fits where."""

    def test_width_of(self) -> None:
        """Wide characters take two columns, combining ones none."""
        assert (3, 4, 1) == (width_of("abc"), width_of("伸展"), width_of("e\u0301"))

    def test_cut(self) -> None:
        """Long texts end with an ellipsis within the width; short ones are left alone."""
        assert ("Seated", "Seat…", "伸…", "", "…") == (
            cut("Seated", 6),
            cut("Seated", 5),
            cut("伸展運動", 4),
            cut("abc", 0),
            cut("abc", 1),
        )

    def test_spread(self) -> None:
        """Left and right on one line; the right part goes when the left would be too squeezed."""
        assert "left     right" == spread("left", "right", 14)
        assert "a long label, cut…  Step 2" == spread("a long label, cut short", "Step 2", 26)
        assert "a long label, cut shor…" == spread("a long label, cut short here", "Step 2 of 57", 23)

    def test_ascii_glyphs(self) -> None:
        """An output that cannot show block characters gets #, - and ..."""
        assert ("###---", "...") == (Glyphs("ascii").bar(0.5, 6), Glyphs("ascii").ellipsis)
        assert "███░░░" == Glyphs("utf-8").bar(0.5, 6)

    @given(
        timeline=sks.timelines(max_stretches=3, max_rounds=2),
        at=st.floats(0, 1, exclude_max=True),
        width=st.integers(0, 200),
        language=st.sampled_from(sk.languages()),
        paused=st.booleans(),
    )
    def test_every_line_fits(
        self, timeline: sk.Timeline, at: float, width: int, language: str, paused: bool
    ) -> None:
        """At any instant, width and language, no line of the block is wider than the width."""
        clock = [0.0]
        player = sk.Player(timeline, clock=lambda: clock[0], language=language)
        player.play()
        if paused:
            player.pause()
        player.seek(min(timeline.duration, round(at * timeline.duration, 3)))
        for glyphs in (Glyphs("utf-8"), Glyphs("ascii")):
            lines = frame(player, timeline.labels(language), language, width, glyphs)
            assert all(width_of(line) <= width for line in lines), lines

    def test_the_frame(self) -> None:
        """The lines for a player 3.5 s into the short routine's first hold, paused."""
        clock = [0.0]
        timeline = sk.compose(SHORT)
        player = sk.Player(timeline, clock=lambda: clock[0])
        player.play()
        clock[0] = 4.5
        player.pause()
        assert [
            "Hug — left                         Step 2 of 4",
            "  0:02 Paused ██████████████████████░░░░░░░░░░",
            "Next: Switch to the right side       0:09 left",
            "space pause · n skip · b back · q quit",
        ] == frame(player, timeline.labels(), "en", 46, Glyphs("utf-8"))
        player.play()
        clock[0] = 99
        assert ["Finished"] == frame(player, timeline.labels(), "en", 46, Glyphs("utf-8"))


class TestKeys:
    """Keys come one by one; arrows are named; other sequences are ignored."""

    def test_keys(self) -> None:
        """Characters lower-cased, → and ← named, other escape sequences skipped."""
        read, write = os.pipe()
        try:
            os.write(write, b" Nb\x1b[C\x1b[D\x1bOC\x1b[A\x1b[15~q\x03")
            terminal = _terminal.Terminal(read, io.StringIO())
            assert [" ", "n", "b", "right", "left", "right", "q", "\x03"] == terminal.keys(1)
            assert [] == terminal.keys(0)
            os.close(write)
            write = -1
            assert ["\x04"] == terminal.keys(1)  # the terminal went away
        finally:
            os.close(read)
            if write != -1:
                os.close(write)


class TestBell:
    """The bell rings where a hold block ends, as the countdown does: not between a flow's poses."""

    def test_at_the_end_of_each_block(self) -> None:
        """Cat-Cow's poses flow: one bell a rep; a jump over several steps rings once at most."""
        timeline = sk.compose(sk.Routine(name="R", stretches=[sk.catalog().stretch("cat-cow")]), 0)
        ends = [
            _terminal._hold_ended(timeline, step.start, step.end)
            for step in timeline
            if step.kind is sk.StepKind.HOLD
        ]
        assert [False, True] * (len(ends) // 2) == ends
        assert not _terminal._hold_ended(timeline, 1.0, 1.0)
        assert _terminal._hold_ended(timeline, 0, timeline.duration)
