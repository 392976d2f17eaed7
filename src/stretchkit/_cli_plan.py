"""``stretchkit plan``: a program's dated sessions, what the journal says of
them, and the calendar file.

The command only reads the journal: a journal that does not load stops it
with the reason, and nothing is written but the ``--ics`` file.
"""

from __future__ import annotations

import argparse
import datetime
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

import stretchkit as sk
from stretchkit._languages import DEFAULT, clock_in, fill

#: The width when the output is not a terminal (a pipe, a file, a test).
WIDTH = 80
_DOCUMENT = (".json", ".toml", ".yaml", ".yml")
_AT = re.compile(r"(\d{1,2}):(\d{2})")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    """Register ``plan`` with the command's sub-parsers."""
    cmd = sub.add_parser(
        "plan",
        help="a program's dated sessions; with a journal, what was done; with --ics, a calendar",
        description="Show a program's sessions with their dates, levels and durations. With "
        "--journal, the levels follow what the journal says (pain-guided progression), and each "
        "session shows done, partly, missed or to do, with the pain before and after.",
    )
    cmd.add_argument(
        "program", metavar="PROGRAM|FILE", help="a built-in program id, or a .json, .toml or .yaml file"
    )
    cmd.add_argument(
        "--start",
        type=_date,
        metavar="DATE",
        help="the day of the first session, YYYY-MM-DD (default: today)",
    )
    cmd.add_argument("--journal", metavar="FILE", help="a journal document: what was done (only read)")
    cmd.add_argument("--ics", metavar="FILE", help="also write the sessions as an iCalendar file")
    cmd.add_argument(
        "--at",
        type=_time,
        default=datetime.time(7, 0),
        metavar="HH:MM",
        help="with --ics: the time sessions start (default 07:00)",
    )
    cmd.add_argument(
        "--tz", metavar="ZONE", help="with --ics: an IANA time zone such as Europe/Berlin (default: floating)"
    )
    cmd.add_argument(
        "--today", type=_date, metavar="DATE", help="count sessions before this day as past (default: today)"
    )
    cmd.add_argument(
        "--lang", choices=sk.languages(), default=DEFAULT, help="language of the table and the calendar"
    )
    cmd.set_defaults(func=cmd_plan)


def _date(text: str) -> datetime.date:
    try:
        if _DATE.fullmatch(text):
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    msg = f"not a date (YYYY-MM-DD): {text!r}"
    raise argparse.ArgumentTypeError(msg)


def _time(text: str) -> datetime.time:
    found = _AT.fullmatch(text)
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        msg = f"not a time of day (HH:MM): {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return datetime.time(int(found[1]), int(found[2]))


def load_program(ref: str) -> sk.Program:
    """A built-in program id, or a document file holding a program (or a
    catalog with one program)."""
    if Path(ref).suffix.lower() not in _DOCUMENT and not Path(ref).exists():
        return sk.catalog().program(ref)
    obj = _load(ref, "file")
    if isinstance(obj, sk.Catalog) and len(obj.programs) == 1:
        return next(iter(obj.programs.values()))
    if isinstance(obj, sk.Catalog):
        names = ", ".join(obj.programs) or "none"
        msg = f"{ref} is a catalog; name one of its programs instead (it has: {names})"
        raise sk.StretchkitError(msg)
    if not isinstance(obj, sk.Program):
        msg = f"{ref} is a {type(obj).__name__.lower()} document, not a program"
        raise sk.StretchkitError(msg)
    return obj


def load_journal(path: str) -> sk.Journal:
    """The journal file, read only; anything else stops the command."""
    obj = _load(path, "journal")
    if not isinstance(obj, sk.Journal):
        msg = f"{path} is a {type(obj).__name__.lower()} document, not a journal"
        raise sk.StretchkitError(msg)
    return obj


def _load(path: str, what: str) -> object:
    if not Path(path).is_file():
        msg = f"no such {what}: {path}"
        raise sk.StretchkitError(msg)
    try:
        return sk.load(path)
    except sk.ValidationError as e:
        problems = "\n".join(f"  {line}" for line in e.errors)
        msg = (
            f"{path} does not load ({len(e.errors)} problem{'s' if len(e.errors) != 1 else ''}):\n{problems}"
        )
        raise sk.StretchkitError(msg) from None


def status(session: sk.Session, journal: sk.Journal, today: datetime.date) -> tuple[str, str]:
    """``(status key, pain)`` of a session: done, partly, missed or to do, and
    the pain before and after from its last record ("2→1", "–" when not given)."""
    record = journal.last_for(session.program, session.number)
    if record is None:
        return ("cli.missed" if session.date < today else "cli.due"), ""
    pains = (record.pain_before, record.pain_after)
    pain = "" if pains == (None, None) else "→".join("–" if p is None else str(p) for p in pains)
    return ("cli.done" if record.completed else "cli.partial"), pain


def plan_lines(
    program: sk.Program,
    start: datetime.date,
    journal: sk.Journal | None = None,
    *,
    today: datetime.date,
    language: str = DEFAULT,
    width: int = WIDTH,
) -> list[str]:
    """The plan as lines of text, each at most ``width`` columns (long names
    are cut with "…"): a title, a table of the sessions and, with a journal,
    how many of the sessions due so far were done."""
    sessions = program.plan(start, journal)
    several = len(program.routines) > 1
    keys = ["cli.session", "cli.date", "cli.day", "cli.level", "cli.duration"]
    keys += ["cli.status", "cli.pain"] if journal is not None else []
    keys += ["cli.routine"] if several else []
    rows = [[fill(language, key) for key in keys]]
    for s in sessions:
        row = [
            str(s.number),
            s.date.isoformat(),
            fill(language, f"day.{s.date.isoweekday()}"),
            level_text(s.level, language),
            clock_in(s.duration, language),
        ]
        if journal is not None:
            key, pain = status(s, journal, today)
            row += [fill(language, key), pain]
        if several:
            row.append(s.routine.name)
        rows.append(row)
    lines = [cut(f"{program.name} ({program.id})", width), *table(rows, right={0, 3, 4}, width=width)]
    if journal is not None:
        due = sum(s.date <= today for s in sessions)
        done = round(journal.adherence(program, start, today) * due)
        lines.append(cut(fill(language, "cli.adherence", done=done, due=due), width))
    return lines


def level_text(level: float, language: str) -> str:
    """A level to two decimals, as ``language`` writes it: ``0.25``, ``0,25``."""
    text = f"{level:.2f}"
    return text if language == "en" else text.replace(".", ",")


def table(rows: Sequence[Sequence[str]], *, right: set[int], width: int) -> list[str]:
    """Rows as aligned columns two spaces apart (those in ``right`` aligned
    right); the last column is cut with "…" to keep each line within ``width``."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    out = []
    for row in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        out.append(cut("  ".join(cells).rstrip(), width))
    return out


def cut(text: str, width: int) -> str:
    """``text`` within ``width`` characters, ending in "…" when it was cut."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def terminal_width(out: TextIO) -> int:
    """The terminal's width when ``out`` is one (or ``$COLUMNS``), else 80."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(out.fileno()).columns if out.isatty() else WIDTH
    except (OSError, ValueError, AttributeError):
        return WIDTH


def cmd_plan(args: argparse.Namespace, out: TextIO, width: int | None = None) -> int:
    """``stretchkit plan``: print the plan, and write the calendar with ``--ics``."""
    if args.ics is None and (args.tz is not None or args.at != datetime.time(7, 0)):
        msg = "--at and --tz set the calendar's times: use them with --ics FILE"
        raise sk.StretchkitError(msg)
    today = args.today or datetime.date.today()
    start = args.start or today
    program = load_program(args.program)
    journal = None if args.journal is None else load_journal(args.journal)
    if args.ics is not None:
        target = Path(args.ics)
        if any(
            target.exists() and Path(p).exists() and target.samefile(p)
            for p in (args.journal, args.program)
            if p
        ):
            msg = f"--ics would overwrite {args.ics}: give the calendar another file name"
            raise sk.StretchkitError(msg)
        from stretchkit.export import to_ics  # noqa: PLC0415 - only for calendars

        text = to_ics(program, start, at=args.at, tz=args.tz, journal=journal, language=args.lang)
        from stretchkit._io import write_atomically  # noqa: PLC0415 - not needed to build the parser

        write_atomically(target, text.encode("utf-8"))
    width = terminal_width(out) if width is None else width
    for line in plan_lines(program, start, journal, today=today, language=args.lang, width=width):
        print(line, file=out)
    if args.ics is not None:
        print(cut(fill(args.lang, "play.saved", file=args.ics), width), file=out)
    return 0
