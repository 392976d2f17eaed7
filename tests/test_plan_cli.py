"""``stretchkit plan``: the dated sessions, the journal's say, and the calendar file."""

from __future__ import annotations

import datetime
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import cast

import pytest
from ical.calendar_stream import IcsCalendarStream

import stretchkit as sk
from stretchkit import _cli, _cli_plan
from stretchkit._numbers import clock_text

START = datetime.date(2026, 11, 2)
PROGRAM = "low-mid-back-daily"


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    status = _cli.main(list(args), out=out)
    return status, out.getvalue()


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        [sys.executable, "-m", "stretchkit", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        check=False,
        cwd=cwd,
    )


def record(
    session: int, *, before: int | None = None, after: int | None = None, completed: bool = True
) -> sk.SessionRecord:
    return sk.SessionRecord(
        date=START + datetime.timedelta(days=session - 1),
        routine="low-mid-back",
        level=0,
        planned=400,
        held=400 if completed else 120,
        completed=completed,
        pain_before=before,
        pain_after=after,
        program=PROGRAM,
        session=session,
    )


JOURNAL = sk.Journal(
    records=[
        record(1, before=3, after=2),
        record(2, before=2, after=4),
        record(3, after=7),
        record(4, completed=False),
        record(6, before=2, after=1),
    ]
)


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    path = tmp_path / "journal.json"
    sk.dump(JOURNAL, path)
    return path


@pytest.fixture(autouse=True)
def _no_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """The width is 80 unless a test says otherwise."""
    monkeypatch.delenv("COLUMNS", raising=False)


class TestTable:
    """The sessions as a table: number, date, weekday, level, duration."""

    def test_built_in_program(self) -> None:
        """One row per session after the title and headings, each as the plan says."""
        status, out = run("plan", PROGRAM, "--start", START.isoformat())
        lines = out.splitlines()
        sessions = sk.catalog().program(PROGRAM).sessions(START)
        assert 0 == status
        assert "Low and Mid Back, Daily (low-mid-back-daily)" == lines[0]
        assert ["#", "date", "day", "level", "duration"] == lines[1].split()
        assert 2 + len(sessions) == len(lines)
        assert " 1  2026-11-02  Mon   0.00      8:18" == lines[2]
        assert "28  2026-11-29  Sun   1.00     15:48" == lines[-1]
        for line, s in zip(lines[2:], sessions, strict=True):
            number, day, weekday, level, duration = line.split()
            assert (str(s.number), s.date.isoformat(), f"{s.level:.2f}", clock_text(s.duration)) == (
                number,
                day,
                level,
                duration,
            )
            assert ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")[s.date.weekday()] == weekday

    def test_default_start_is_today(self) -> None:
        """Without --start, the program starts today."""
        before = datetime.date.today()
        _, out = run("plan", PROGRAM)
        first = out.splitlines()[2].split()[1]
        assert first in {before.isoformat(), datetime.date.today().isoformat()}

    def test_languages(self) -> None:
        """--lang words the headings and weekdays, and writes decimal commas."""
        _, out = run("plan", PROGRAM, "--start", START.isoformat(), "--lang", "de")
        lines = out.splitlines()
        assert ["Nr.", "Datum", "Tag", "Stufe", "Dauer"] == lines[1].split()
        assert " 27  2026-11-28  Sa    0,96  15:47" == lines[-2]

    def test_within_80_columns(self, tmp_path: Path) -> None:
        """Long names are cut with "…" so that every line fits 80 columns."""
        long = "A very long routine name " * 4
        hug = sk.Stretch(name="Hug", hold=30)
        program = sk.Program(
            name="A program whose name goes on " * 4,
            routines=[
                sk.Routine(name=long.strip(), stretches=[hug]),
                sk.Routine(name="Short", stretches=[hug]),
            ],
            weeks=1,
        )
        sk.dump(program, tmp_path / "p.toml")
        sk.dump(sk.Journal(), tmp_path / "j.toml")
        _, out = run(
            "plan", str(tmp_path / "p.toml"), "--start", "2026-11-02", "--journal", str(tmp_path / "j.toml")
        )
        lines = out.splitlines()
        assert 80 == max(map(len, lines))
        assert lines[0].endswith("…")
        assert "routine" == lines[1].split()[-1]
        assert lines[2].endswith("…")
        assert lines[3].endswith("Short")

    def test_narrow(self) -> None:
        """Any width: the title and the last column are cut to it."""
        program = sk.catalog().program(PROGRAM)
        lines = _cli_plan.plan_lines(program, START, today=START, width=30)
        assert "Low and Mid Back, Daily (low-…" == lines[0]
        assert all(len(line) <= 30 for line in lines)

    def test_terminal_width(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """$COLUMNS sets the width; output that is not a terminal gets 80."""
        assert 80 == _cli_plan.terminal_width(io.StringIO())
        monkeypatch.setenv("COLUMNS", "50")
        assert 50 == _cli_plan.terminal_width(io.StringIO())
        _, out = run("plan", PROGRAM, "--start", START.isoformat())
        assert "Low and Mid Back, Daily (low-mid-back-daily)" == out.splitlines()[0]
        monkeypatch.setenv("COLUMNS", "20")
        _, out = run("plan", PROGRAM, "--start", START.isoformat())
        assert "Low and Mid Back, D…" == out.splitlines()[0]

    def test_program_files(self, tmp_path: Path) -> None:
        """A program document, or a catalog holding one program, works like an id."""
        program = sk.Program(
            name="Weekdays", routines=sk.catalog().routine("low-mid-back"), days={1, 2, 3, 4, 5}
        )
        sk.dump(program, tmp_path / "weekdays.json")
        status, out = run("plan", str(tmp_path / "weekdays.json"), "--start", START.isoformat())
        assert 0 == status
        assert 2 + 20 == len(out.splitlines())
        assert "Sat" not in out
        catalog = sk.Catalog(programs=[program])
        sk.dump(catalog, tmp_path / "catalog.toml")
        assert out == run("plan", str(tmp_path / "catalog.toml"), "--start", START.isoformat())[1]


class TestJournal:
    """With --journal: the levels follow it, and each session says what became of it."""

    def test_statuses_pain_and_adherence(self, journal: Path) -> None:
        """done / partly / missed / to do, the pain before→after, the sessions done so far."""
        status, out = run(
            "plan", PROGRAM, "--start", START.isoformat(), "--journal", str(journal), "--today", "2026-11-08"
        )
        lines = out.splitlines()
        assert 0 == status
        assert ["#", "date", "day", "level", "duration", "status", "pain"] == lines[1].split()
        assert [
            " 1  2026-11-02  Mon   0.00      8:18  done    3→2",
            " 2  2026-11-03  Tue   0.04      8:19  done    2→4",
            " 3  2026-11-04  Wed   0.04      8:19  done    –→7",
            " 4  2026-11-05  Thu   0.00      8:18  partly",
            " 5  2026-11-06  Fri   0.00      8:18  missed",
            " 6  2026-11-07  Sat   0.04      8:19  done    2→1",
            " 7  2026-11-08  Sun   0.07      8:29  to do",
        ] == lines[2:9]
        assert "Sessions done so far: 4 of 7" == lines[-1]
        planned = sk.catalog().program(PROGRAM).plan(START, JOURNAL)
        assert [f"{s.level:.2f}" for s in planned] == [line.split()[3] for line in lines[2:-1]]

    def test_adherence_agrees_with_the_journal(self, journal: Path) -> None:
        """The count is ``Journal.adherence`` of the sessions due by --today."""
        program = sk.catalog().program(PROGRAM)
        for today in ("2026-11-01", "2026-11-04", "2026-12-31"):
            _, out = run(
                "plan", PROGRAM, "--start", START.isoformat(), "--journal", str(journal), "--today", today
            )
            done, due = (int(n) for n in out.splitlines()[-1].split()[-3::2])
            expected = JOURNAL.adherence(program, START, datetime.date.fromisoformat(today))
            assert expected == (done / due if due else 1.0)

    def test_languages(self, journal: Path) -> None:
        """The statuses and the count in another language."""
        _, out = run(
            "plan", PROGRAM, "--start", START.isoformat(), "--journal", str(journal), "--today", "2026-11-08",
            "--lang", "fr",
        )  # fmt: skip
        lines = out.splitlines()
        assert "partielle" in lines[5]
        assert "manquée" in lines[6]
        assert "à faire" in lines[8]
        assert "Séances faites jusqu’ici\u00a0: 4 sur 7" == lines[-1]

    def test_a_journal_that_does_not_load_stops_the_command(self, tmp_path: Path) -> None:
        """Exit 1 with every problem, the file left byte for byte, no calendar written."""
        path = tmp_path / "journal.json"
        text = '{"stretchkit": 1, "type": "journal", "records": [{"date": "2026-11-2"}]}'
        path.write_text(text, encoding="utf-8")
        done = cli("plan", PROGRAM, "--journal", str(path), "--ics", str(tmp_path / "plan.ics"))
        assert 1 == done.returncode
        assert "" == done.stdout
        assert "journal.json does not load (6 problems)" in done.stderr
        assert "$.records[0].date: expected a date (YYYY-MM-DD)" in done.stderr
        assert "Traceback" not in done.stderr
        assert text == path.read_text(encoding="utf-8")
        assert ["journal.json"] == sorted(p.name for p in tmp_path.iterdir())

    @pytest.mark.parametrize(
        ("content", "message"),
        [
            (None, "no such journal: "),
            ("{not json", "does not load (1 problem):"),
            (
                '{"stretchkit": 1, "type": "stretch", "name": "S", "hold": 5}',
                "is a stretch document, not a journal",
            ),
        ],
    )
    def test_not_a_journal(
        self, tmp_path: Path, content: str | None, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A missing file, bad text or another document: one clear line, exit 1."""
        path = tmp_path / "j.json"
        if content is not None:
            path.write_text(content, encoding="utf-8")
        assert (1, "") == run("plan", PROGRAM, "--journal", str(path))
        assert message in capsys.readouterr().err

    def test_the_journal_is_only_read(self, journal: Path) -> None:
        """--ics naming the journal is refused; the journal stays as it was."""
        before = journal.read_bytes()
        status, _ = run("plan", PROGRAM, "--journal", str(journal), "--ics", str(journal))
        assert 1 == status
        assert before == journal.read_bytes()


class TestCalendar:
    """--ics FILE: the calendar of the plan, written whole."""

    def test_ics(self, tmp_path: Path, journal: Path) -> None:
        """The file holds one event per planned session; the command says where it is."""
        target = tmp_path / "plan.ics"
        status, out = run(
            "plan", PROGRAM, "--start", START.isoformat(), "--journal", str(journal), "--ics", str(target),
            "--at", "18:30", "--tz", "Europe/Berlin",
        )  # fmt: skip
        assert 0 == status
        assert f"Saved to {target}" == out.splitlines()[-1]
        cal = IcsCalendarStream.calendar_from_ics(target.read_bytes().decode("utf-8"))
        planned = sk.catalog().program(PROGRAM).plan(START, JOURNAL)
        assert len(planned) == len(cal.events)
        berlin = [datetime.datetime.combine(s.date, datetime.time(18, 30)) for s in planned]
        found = [e.dtstart for e in cal.events]
        assert all(isinstance(d, datetime.datetime) for d in found)
        assert berlin == [d.replace(tzinfo=None) for d in cast(list[datetime.datetime], found)]
        assert {"Europe/Berlin"} == {
            getattr(d.tzinfo, "key", None) for d in cast(list[datetime.datetime], found)
        }
        assert b"\r\n" in target.read_bytes()
        assert ["journal.json", "plan.ics"] == sorted(p.name for p in tmp_path.iterdir())

    def test_language(self, tmp_path: Path) -> None:
        """--lang words the calendar's events too."""
        target = tmp_path / "plan.ics"
        run("plan", PROGRAM, "--start", START.isoformat(), "--ics", str(target), "--lang", "es")
        cal = IcsCalendarStream.calendar_from_ics(target.read_text(encoding="utf-8"))
        assert "Low and Mid Back, Daily — sesión 1 de 28" == cal.events[0].summary

    def test_at_and_tz_need_ics(self) -> None:
        """--at and --tz only shape the calendar: without --ics they are an error."""
        assert 1 == run("plan", PROGRAM, "--tz", "Europe/Berlin")[0]
        assert 1 == run("plan", PROGRAM, "--at", "08:00")[0]

    def test_bad_zone(self, tmp_path: Path) -> None:
        """An unknown zone: exit 1, the nearest name suggested, no file."""
        done = cli("plan", PROGRAM, "--ics", "plan.ics", "--tz", "Europe/Berln", cwd=tmp_path)
        assert 1 == done.returncode
        assert "did you mean 'Europe/Berlin'?" in done.stderr
        assert [] == list(tmp_path.iterdir())

    def test_without_the_extra(self, tmp_path: Path) -> None:
        """Without icalendar: the pip command to run, exit 1, no table, no file."""
        code = (
            "import sys; sys.modules['icalendar'] = None; from stretchkit._cli import main; "
            f"sys.exit(main(['plan', {PROGRAM!r}, '--ics', 'plan.ics']))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            cwd=tmp_path,
        )
        assert (1, "") == (done.returncode, done.stdout)
        assert "pip install 'stretchkit[calendar]'" in done.stderr
        assert [] == list(tmp_path.iterdir())

    def test_unwritable(self, tmp_path: Path) -> None:
        """A folder that does not exist: one line, exit 1."""
        done = cli("plan", PROGRAM, "--ics", str(tmp_path / "nowhere" / "plan.ics"))
        assert 1 == done.returncode
        assert "cannot write" in done.stderr
        assert "Traceback" not in done.stderr


class TestBadInput:
    """Mistakes on the command line: a message and a status, never a traceback."""

    @pytest.mark.parametrize(
        ("args", "status", "message"),
        [
            (["plan", "nope"], 1, "unknown program 'nope'"),
            (["plan", "missing.json"], 1, "no such file: missing.json"),
            (["plan", PROGRAM, "--start", "2026-11-31"], 2, "not a date (YYYY-MM-DD): '2026-11-31'"),
            (["plan", PROGRAM, "--start", "20261102"], 2, "not a date (YYYY-MM-DD)"),
            (["plan", PROGRAM, "--ics", "x.ics", "--at", "25:00"], 2, "not a time of day (HH:MM): '25:00'"),
            (["plan", PROGRAM, "--lang", "it"], 2, "invalid choice: 'it'"),
        ],
    )
    def test_bad_input(
        self, args: list[str], status: int, message: str, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Each: the status, the reason on stderr."""
        try:
            code, _ = run(*args)
        except SystemExit as e:  # argparse's own errors
            code = int(str(e.code))
        assert status == code
        assert message in capsys.readouterr().err

    def test_not_a_program(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A routine file is not a program; a catalog must hold exactly one."""
        sk.dump(sk.catalog().routine("low-mid-back"), tmp_path / "r.json")
        assert 1 == run("plan", str(tmp_path / "r.json"))[0]
        assert "is a routine document, not a program" in capsys.readouterr().err
        sk.dump(sk.Catalog(), tmp_path / "c.json")
        assert 1 == run("plan", str(tmp_path / "c.json"))[0]
        assert "name one of its programs instead (it has: none)" in capsys.readouterr().err

    def test_a_terminal_that_cannot_say_its_size(self) -> None:
        """A terminal whose size cannot be read gets 80 columns."""

        class Tty(io.StringIO):
            def isatty(self) -> bool:
                return True

        assert 80 == _cli_plan.terminal_width(Tty())

    def test_subprocess(self) -> None:
        """The real command prints the plan."""
        done = cli("plan", PROGRAM, "--start", START.isoformat())
        assert 0 == done.returncode, done.stderr
        assert " 1  2026-11-02  Mon   0.00      8:18" in done.stdout.splitlines()
