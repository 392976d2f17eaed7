"""The ``stretchkit`` command: show, time, play, plan, validate and export routines.

Imported only when the command runs, so ``import stretchkit`` never pays for
argparse. Every error reaches the user as one message on stderr and a
non-zero exit status, never a traceback.

What a new command needs is here once: :func:`resolve` turns a
``ROUTINE|STRETCH|FILE`` argument into a routine or a timeline,
:func:`timeline_of` composes it at the level asked for (refusing a level for
a timeline file), and :func:`fit_table` and :func:`fit_line` fit human
output to the terminal's width, shortening text with "…" instead of letting
the terminal wrap it.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import sys
import textwrap
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, TextIO

import stretchkit as sk
from stretchkit import _cli_plan
from stretchkit._languages import LANGUAGES, clock_in, fill, number_text
from stretchkit._numbers import clock_text

if TYPE_CHECKING:
    from stretchkit._documents import DocType

DEFAULT_ROUTINE = "low-mid-back"
DEFAULT_LEVEL = 0.5
EXPORT_FORMATS = ("json", "toml", "csv", "vtt", "svg", "html", "player", "fit", "routine", "js", "ts")
#: Formats that are the same for every routine: the player module and the documents' types.
ROUTINE_FREE = ("js", "ts")
DOCUMENT_SUFFIXES = (".json", ".toml", ".yaml", ".yml")
#: The fewest cells a shortened text column keeps (then whole lines are cut).
MIN_TEXT = 8


class CommandError(Exception):
    """A problem to report to the user as one message (exit status 1)."""


# -- the terminal --------------------------------------------------------------


def terminal_width() -> int:
    """Columns of the terminal: ``COLUMNS`` first, then the terminal of standard
    output, or of standard error or input when output goes into a pipe
    (``stretchkit | less``); 80 when there is none at all."""
    columns = shutil.get_terminal_size((0, 0)).columns
    for stream in (sys.__stderr__, sys.__stdin__):
        if columns > 0:
            break
        try:
            columns = os.get_terminal_size(stream.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            continue
    return max(20, columns) if columns > 0 else 80


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide East Asian characters take two)."""
    return sum(
        0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text
    )


def clip(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells, ending in "…" when it was cut."""
    if cells(text) <= width:
        return text
    out, used = [], 0
    for c in text:
        need = cells(c)
        if used + need > width - 1:
            break
        out.append(c)
        used += need
    return "".join(out).rstrip() + "…" if width > 0 else ""


def pad(text: str, width: int, *, right: bool = False) -> str:
    """``text`` padded with spaces to ``width`` cells."""
    fill = " " * max(0, width - cells(text))
    return fill + text if right else text + fill


def fit_line(head: str, tail: str, width: int) -> str:
    """``head + tail`` in ``width`` cells, shortening ``head`` (a name) rather than ``tail`` (the numbers)."""
    return clip(clip(head, max(MIN_TEXT, width - cells(tail))) + tail, width)


def fit_table(rows: Sequence[Sequence[str]], width: int, *, right: frozenset[int] = frozenset()) -> list[str]:
    """Rows as aligned lines of at most ``width`` cells.

    Columns are two spaces apart; those in ``right`` are aligned right. The
    last column is the text (a label, a name): it takes the room left and is
    shortened with "…"; if even that is not enough, lines are cut.
    """
    if not rows:
        return []
    n = len(rows[0])
    widths = [max(cells(row[i]) for row in rows) for i in range(n - 1)]
    room = max(MIN_TEXT, width - sum(widths) - 2 * (n - 1))
    lines = []
    for row in rows:
        cols = [pad(c, w, right=i in right) for i, (c, w) in enumerate(zip(row, widths, strict=False))]
        lines.append(clip("  ".join([*cols, clip(row[-1], room)]).rstrip(), width))
    return lines


def wrap(message: str, width: int) -> str:
    """A message wrapped to ``width``, line by line (never cut: every word of an error counts)."""
    out = []
    for line in message.splitlines():
        indent = line[: len(line) - len(line.lstrip())]
        out += textwrap.wrap(line, width, subsequent_indent=indent + "    ", break_on_hyphens=False) or [line]
    return "\n".join(out)


def wrap_for_people(message: str, width: int) -> str:
    """A message wrapped to ``width`` when people read it: on a terminal, or
    when ``COLUMNS`` says how wide; a log or a pipe gets it unwrapped, one
    problem a line, for tools to read."""
    if os.environ.get("COLUMNS") or sys.stderr.isatty():
        return wrap(message, width)
    return message


def problems_of(file: str, e: sk.StretchkitError) -> list[str]:
    """Each problem of an error about ``file`` as ``FILE: $.path: message``."""
    problems = getattr(e, "problems", None) or [("", str(e))]
    return [
        f"{file}: {path}: {message}" if path and path != file else f"{file}: {message}"
        for path, message in problems
    ]


# -- what an argument names ------------------------------------------------------


def _level(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        msg = f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not 0 <= value <= 1:
        msg = f"must be between 0 and 1, got {text}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _is_file(ref: str) -> bool:
    try:
        return Path(ref).suffix.lower() in DOCUMENT_SUFFIXES or Path(ref).exists()
    except OSError:  # a name the system refuses (too long, say): loading it says so
        return True


def resolve(ref: str) -> sk.Routine | sk.Timeline:
    """What a ``ROUTINE|STRETCH|FILE`` argument names.

    A built-in routine id, a built-in stretch id (a routine of that one
    stretch), or a document file: a routine, a stretch, a timeline, or a
    catalog holding one routine.
    """
    if not _is_file(ref):
        cat = sk.catalog()
        if ref in cat.routines:
            return cat.routine(ref)
        if ref in cat.stretches:
            return _one_stretch(cat.stretch(ref))
        msg = f"unknown routine or stretch {ref!r} (see 'stretchkit list')"
        raise CommandError(msg)
    try:
        obj: object = sk.load(ref)
    except sk.MissingFileError:
        msg = f"no such file: {ref}"
        raise CommandError(msg) from None
    except sk.StretchkitError as e:
        lines = problems_of(ref, e)
        if len(lines) > 1:
            lines = [f"{ref}: {len(lines)} problems", *(f"  {line}" for line in lines)]
        raise CommandError("\n".join(lines)) from None
    if isinstance(obj, sk.Stretch):
        return _one_stretch(obj)
    if isinstance(obj, sk.Catalog):
        if len(obj.routines) == 1:
            return next(iter(obj.routines.values()))
        names = ", ".join(obj.routines) or "none"
        msg = f"{ref} is a catalog; name one of its routines instead (it has: {names})"
        raise CommandError(msg)
    if isinstance(obj, sk.Routine | sk.Timeline):
        return obj
    msg = f"{ref} holds a {type(obj).__name__}, not a routine, stretch or timeline"
    raise CommandError(msg)


def _one_stretch(stretch: sk.Stretch) -> sk.Routine:
    return sk.Routine(id=stretch.id, name=stretch.name, stretches=[stretch])


def level_of(args: argparse.Namespace) -> float | None:
    """The level given on the command line (after the command or before it), or None."""
    level: float | None = getattr(args, "level", None)
    return args.top_level if level is None else level


def timeline_of(args: argparse.Namespace) -> sk.Timeline:
    """``args.routine`` resolved and composed at the level asked for (0.5 by default).

    A timeline file is already at its level: asking for one is an error,
    not silently ignored.
    """
    obj = resolve(args.routine)
    level = level_of(args)
    if isinstance(obj, sk.Timeline):
        refuse_level(level, args.routine, obj)
        return obj
    return sk.compose(obj, DEFAULT_LEVEL if level is None else level)


def refuse_level(level: float | None, ref: str, timeline: sk.Timeline) -> None:
    if level is not None:
        msg = (
            f"--level does not apply to a timeline file: {ref} is already at level "
            f"{timeline.level:g} (give its routine to pick another level)"
        )
        raise CommandError(msg)


# -- the commands ----------------------------------------------------------------


def show_table(timeline: sk.Timeline, width: int, language: str = "en") -> list[str]:
    """The timeline as an aligned table: time, step, kind, side, rep, duration, what."""
    words = ("time", "step", "kind", "side", "rep", "secs", "what")
    rows = [tuple(fill(language, f"cli.{word}") for word in words)]
    for step, label in zip(timeline, timeline.labels(language), strict=True):
        rows.append(
            (
                clock_text(step.start),
                str(step.index + 1),
                fill(language, f"kind.{step.kind.value}"),
                fill(language, f"side.{step.side.value}") if step.side else "",
                f"{step.rep}/{step.reps}",
                number_text(step.duration, language),
                label,
            )
        )
    return fit_table(rows, width, right=frozenset({0, 1, 4, 5}))


def totals(timeline: sk.Timeline, language: str = "en") -> list[str]:
    """The total and the range, in two short lines."""
    span = timeline.routine.duration_range()
    total = fill(language, "cli.total", total=clock_in(timeline.duration, language), level=timeline.level)
    steps = fill(language, "cli.steps", count=len(timeline))
    stretching = fill(language, "cli.stretching", time=clock_in(timeline.hold_time, language))
    spans = fill(language, "cli.span", low=clock_in(span.low, language), high=clock_in(span.high, language))
    return [f"{total}: {steps}, {stretching}", spans]


def cmd_show(args: argparse.Namespace, out: TextIO, width: int) -> int:
    timeline = timeline_of(args)
    routine = timeline.routine
    lines = [fit_line(routine.name, f" ({routine.id})", width), *show_table(timeline, width, args.lang)]
    lines += [clip(line, width) for line in totals(timeline, args.lang)]
    print("\n".join(lines), file=out)
    return 0


def cmd_play(args: argparse.Namespace, out: TextIO, width: int) -> int:
    obj = resolve(args.routine)
    if isinstance(obj, sk.Timeline):
        refuse_level(args.level, args.routine, obj)
    from stretchkit import _terminal  # noqa: PLC0415 - only `play` needs the terminal player

    return _terminal.command(args, obj, out)


def cmd_list(args: argparse.Namespace, out: TextIO, width: int) -> int:
    cat = sk.catalog()
    rows = []
    for routine in cat.routines.values():
        span = routine.duration_range()
        rows.append((routine.id, f"{routine.name} ({clock_text(span.low)} to {clock_text(span.high)})"))
    heading = len(rows)
    rows += [(s.id, f"{s.name} [{', '.join(sorted(s.targets))}]") for s in cat.stretches.values()]
    table = fit_table([("  " + a, b) for a, b in rows], width)
    print("\n".join(["routines:", *table[:heading], "stretches:", *table[heading:]]), file=out)
    return 0


def cmd_duration(args: argparse.Namespace, out: TextIO, width: int) -> int:
    obj = resolve(args.routine)
    level = level_of(args)
    if isinstance(obj, sk.Timeline):
        refuse_level(level, args.routine, obj)
        line = fit_line(obj.routine.name, f": {clock_text(obj.duration)} at level {obj.level:g}", width)
    else:
        level = DEFAULT_LEVEL if level is None else level
        span = obj.duration_range()
        tail = (
            f": {clock_text(obj.duration(level))} at level {level:g} "
            f"(from {clock_text(span.low)} to {clock_text(span.high)})"
        )
        line = fit_line(obj.name, tail, width)
    print(line, file=out)
    return 0


def cmd_export(args: argparse.Namespace, out: TextIO, width: int) -> int:
    from stretchkit import export  # noqa: PLC0415

    if args.format in ROUTINE_FREE:
        # The same text for every routine: a routine given is not read.
        text = export.to_player_module() if args.format == "js" else export.to_typescript()
    elif args.routine is None:
        msg = f"export --format {args.format} needs a ROUTINE, STRETCH or FILE"
        raise CommandError(msg)
    elif args.format == "routine":
        return _export_routine(args, out)
    else:
        timeline = timeline_of(args)
        if args.format == "fit":
            write_binary(export.to_fit(timeline, language=args.lang), args.output, out)
            return 0
        lang = args.lang
        writers: dict[str, Callable[[sk.Timeline], str]] = {
            "json": lambda tl: sk.to_json(tl, indent=2, language=lang) + "\n",
            "toml": lambda tl: sk.to_toml(tl, language=lang),
            "csv": export.to_csv,
            "vtt": export.to_webvtt,
            "svg": export.to_svg,
            "html": export.to_html,
            "player": lambda tl: export.to_player_html(tl, language=lang),
        }
        text = writers[args.format](timeline)
    if args.output:
        write_file(args.output, text)
    else:
        out.write(text)
    return 0


def write_file(path: str, data: str | bytes) -> None:
    try:
        if isinstance(data, bytes):
            Path(path).write_bytes(data)
        else:
            Path(path).write_text(data, encoding="utf-8")
    except OSError as e:
        msg = f"cannot write {path}: {e.strerror or e}"
        raise CommandError(msg) from None


def write_binary(data: bytes, output: str | None, out: TextIO) -> None:
    """Binary output to the file named, else to standard output unless it is a terminal."""
    if output:
        write_file(output, data)
        return
    buffer = getattr(out, "buffer", None)
    if buffer is None or out.isatty():
        msg = "a FIT file is binary, not for the terminal: write it to a file with -o FILE"
        raise CommandError(msg)
    out.flush()
    buffer.write(data)
    buffer.flush()


def _export_routine(args: argparse.Namespace, out: TextIO) -> int:
    """An editable routine document: JSON or TOML (or YAML) by the output's suffix, JSON to stdout."""
    if level_of(args) is not None:
        msg = "--level does not apply to --format routine: a routine document keeps its ranges"
        raise CommandError(msg)
    obj = resolve(args.routine)
    routine = obj.routine if isinstance(obj, sk.Timeline) else obj
    if not args.output:
        out.write(sk.to_json(routine, indent=2) + "\n")
        return 0
    if Path(args.output).suffix.lower() not in DOCUMENT_SUFFIXES:
        msg = f"cannot tell the format of {args.output}: name it .json or .toml (or .yaml)"
        raise CommandError(msg)
    try:
        sk.dump(routine, args.output)
    except OSError as e:
        msg = f"cannot write {args.output}: {e.strerror or e}"
        raise CommandError(msg) from None
    return 0


def cmd_validate(args: argparse.Namespace, out: TextIO, width: int) -> int:
    if not Path(args.file).exists():
        msg = f"no such file: {args.file}"
        raise CommandError(msg)
    try:
        obj = sk.load(args.file)
    except sk.StretchkitError as e:
        lines = problems_of(args.file, e)
        for line in lines:
            print(wrap_for_people(line, width), file=sys.stderr)
        n = len(lines)
        summary = f"{args.file}: invalid ({n} problem{'s' if n != 1 else ''})"
        print(wrap_for_people(summary, width), file=sys.stderr)
        return 1
    kind = {dt.cls: name for name, dt in _document_types().items()}.get(type(obj), type(obj).__name__.lower())
    print(wrap(f"{args.file}: valid {kind} document", width), file=out)
    return 0


def _document_types() -> Mapping[str, DocType]:
    """The document types by name (``routine``, ``timeline``, ...), from the document layer."""
    from stretchkit._documents import BY_NAME  # noqa: PLC0415 - heavy; only some commands need it

    return BY_NAME


def cmd_schema(args: argparse.Namespace, out: TextIO, width: int) -> int:
    schema = sk.json_schema(_document_types()[args.type].cls)
    print(json.dumps(schema, indent=2, ensure_ascii=False), file=out)
    return 0


# -- the parser --------------------------------------------------------------------


class Parser(argparse.ArgumentParser):
    """argparse's parser, with its error messages wrapped to the terminal too."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, wrap_for_people(f"{self.prog}: error: {message}", terminal_width()) + "\n")


def _add_level(cmd: argparse.ArgumentParser, dest: str = "level") -> None:
    cmd.add_argument(
        "--level",
        dest=dest,
        type=_level,
        default=None,
        metavar="L",
        help=f"0 (gentlest) to 1 (fullest); default {DEFAULT_LEVEL:g}",
    )


def _add_routine(cmd: argparse.ArgumentParser) -> None:
    cmd.add_argument(
        "routine",
        metavar="ROUTINE|STRETCH|FILE",
        help="a built-in routine or stretch id ('stretchkit list'), or a .json, .toml or .yaml file",
    )
    _add_level(cmd)


class _Version(argparse.Action):
    """``--version``, reading the installed version only when asked: reading
    the package metadata costs more than the rest of ``--help``."""

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> NoReturn:
        parser.exit(0, f"{parser.prog} {sk.__version__}\n")


class _Later(Sequence[str]):
    """Choices made when argparse first checks or shows them, so that building
    the parser (every run, ``--help`` too) does not import what they come from."""

    def __init__(self, make: Callable[[], Sequence[str]]) -> None:
        self._make = make
        self._items: tuple[str, ...] | None = None

    def _all(self) -> tuple[str, ...]:
        if self._items is None:
            self._items = tuple(self._make())
        return self._items

    def __getitem__(self, index: int) -> str:  # type: ignore[override]
        return self._all()[index]

    def __len__(self) -> int:
        return len(self._all())

    def __contains__(self, value: object) -> bool:
        return value in self._all()

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())


def _speed(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        msg = f"not a number: {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not (value > 0 and math.isfinite(value)):
        msg = f"must be a number greater than 0, got {text}"
        raise argparse.ArgumentTypeError(msg)
    return value


def _session_number(text: str) -> int:
    if not (text.isascii() and text.isdigit() and int(text) >= 1):
        msg = f"must be a whole number from 1, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return int(text)


def _add_play_options(cmd: argparse.ArgumentParser) -> None:
    """The options of ``stretchkit play`` (after the routine and ``--level``);
    the player itself (:mod:`stretchkit._terminal`) is imported only to play."""
    cmd.add_argument(
        "--speed", type=_speed, default=1.0, help="how many times faster than real time (default 1)"
    )
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of labels and cues")
    cmd.add_argument("--mute", action="store_true", help="do not speak the cues")
    cmd.add_argument(
        "--journal", metavar="FILE", help="append the session's record to this journal file (made if missing)"
    )
    cmd.add_argument("--program", metavar="ID|FILE", help="with --journal: the program this session is of")
    cmd.add_argument(
        "--session",
        type=_session_number,
        metavar="N",
        help="with --program: the session's number; it plays at the level the plan gives it, unless --level",
    )
    # --level: the session's planned level when --program is given, else 0.5
    cmd.set_defaults(level=None, misuse=cmd.error)


def parser() -> argparse.ArgumentParser:
    p = Parser(
        prog="stretchkit",
        description="Show, time, validate and export stretch routines. "
        f"With no command, shows the built-in {DEFAULT_ROUTINE!r} routine (as 'show').",
    )
    p.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    _add_level(p, dest="top_level")
    p.set_defaults(func=cmd_show, routine=DEFAULT_ROUTINE, lang="en")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    cmd = sub.add_parser("list", help="list the built-in routines and stretches")
    cmd.set_defaults(func=cmd_list)
    cmd = sub.add_parser("show", help="show a routine's timeline as a table")
    _add_routine(cmd)
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the table's words")
    cmd.set_defaults(func=cmd_show)
    cmd = sub.add_parser(
        "play",
        help="play a routine in the terminal: countdown, keys, spoken cues, a journal",
        description="Play a routine, a built-in stretch or a file in the terminal. Keys: space "
        "pauses, n skips, b goes back, q quits. Without a terminal it prints one line per cue.",
    )
    _add_routine(cmd)
    _add_play_options(cmd)
    cmd.set_defaults(func=cmd_play)
    cmd = sub.add_parser("duration", help="how long a routine takes")
    _add_routine(cmd)
    cmd.set_defaults(func=cmd_duration)
    cmd = sub.add_parser(
        "export",
        help="write a routine's timeline as a document, a page or a file; the routine; the frontend files",
        description="Write a routine's timeline: a document (json, toml), a table (csv), subtitles "
        "(vtt), a strip (svg), a page (html), a page that plays it (player), or a workout for a "
        "Garmin watch (fit, binary: -o FILE, or a pipe); with --format routine, an editable routine "
        "document (JSON or TOML by the suffix of -o; JSON to standard output). The formats js (the "
        "player engine as an ES module) and ts (the documents' TypeScript types) are the same for "
        "every routine, and need none.",
    )
    cmd.add_argument(
        "routine",
        metavar="ROUTINE|STRETCH|FILE",
        nargs="?",
        help="a built-in routine or stretch id ('stretchkit list'), or a .json, .toml or .yaml file "
        "(not needed for js and ts)",
    )
    _add_level(cmd)
    cmd.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="output format (default json)")
    cmd.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the labels and cues of json, toml, player and fit (default en)",
    )
    cmd.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write here, not to standard output (for fit: required on a terminal)",
    )
    cmd.set_defaults(func=cmd_export)
    cmd = sub.add_parser("validate", help="check a document file; exit 1 listing every problem")
    cmd.add_argument("file", metavar="FILE")
    cmd.set_defaults(func=cmd_validate)
    cmd = sub.add_parser("schema", help="print the JSON Schema of a document type")
    cmd.add_argument(
        "type", metavar="TYPE", choices=_Later(lambda: sorted(_document_types())), help="one of %(choices)s"
    )
    cmd.set_defaults(func=cmd_schema)
    _cli_plan.add_parser(sub)

    _command_is_optional(p)
    return p


def _command_is_optional(p: argparse.ArgumentParser) -> None:
    """Show the command in brackets in the usage line: with none, ``stretchkit`` shows a routine.

    Call it last, once every top-level option is there.
    """
    usage = " ".join(p.format_usage().removeprefix("usage: ").split())
    p.usage = usage.replace(" COMMAND ...", " [COMMAND ...]").replace("stretchkit", "%(prog)s", 1)


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, width: int | None = None) -> int:
    """Run the command line; return the exit status.

    ``width``: the columns human output fits in; the terminal's by default.
    """
    args = parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    columns = terminal_width() if width is None else width
    try:
        status: int = args.func(args, stream, columns)
    except (sk.StretchkitError, CommandError) as e:
        print(wrap_for_people(f"stretchkit: error: {e}", columns), file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. `stretchkit | head`
        return 0
    return status


#: What a terminal that cannot show them gets instead of the typographic characters.
_PLAIN = str.maketrans(
    {"—": "-", "–": "-", "…": "...", "→": "->", "←": "<-", "·": "-", "█": "#", "░": "-", "×": "x"}
    | {"\u00a0": " ", "’": "'", "‘": "'", "“": '"', "”": '"', "²": "2"}
)


class PlainText:
    """A text stream for an output whose encoding cannot show every character
    (``PYTHONIOENCODING=ascii``, an old console): dashes become "-", the
    ellipsis "...", and what is left "?", never a ``UnicodeEncodeError``."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")

    def write(self, text: str) -> int:
        return self._stream.write(text.translate(_PLAIN))

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def plain_if_needed(stream: TextIO) -> TextIO:
    """``stream``, or a :class:`PlainText` around it when it cannot encode "—"."""
    try:
        "—…→é".encode(stream.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return PlainText(stream)  # type: ignore[return-value]
    return stream


def run() -> None:  # pragma: no cover - the console script (tests run it as python -m stretchkit)
    """Entry point of the ``stretchkit`` console script."""
    sys.stdout = plain_if_needed(sys.stdout)
    sys.stderr = plain_if_needed(sys.stderr)
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
