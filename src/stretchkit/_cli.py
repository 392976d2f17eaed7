"""The ``stretchkit`` command: show, time, validate and export routines.

Imported only when the command runs, so ``import stretchkit`` never pays for
argparse. Every error reaches the user as one message on stderr and a
non-zero exit status, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TextIO

import stretchkit as sk
from stretchkit import _cli_plan, _terminal
from stretchkit._documents import BY_NAME
from stretchkit._languages import LANGUAGES, clock_in, fill, number_text
from stretchkit._numbers import clock_text

DEFAULT_ROUTINE = "low-mid-back"
EXPORT_FORMATS = ("json", "toml", "csv", "vtt", "svg", "html", "player", "fit", "js", "ts")
#: Formats that are the same for every routine: the player module and the documents' types.
ROUTINE_FREE = ("js", "ts")


class CommandError(Exception):
    """A problem to report to the user as one line (exit status 1)."""


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
    return Path(ref).suffix.lower() in (".json", ".toml", ".yaml", ".yml") or Path(ref).exists()


def load_ref(ref: str) -> sk.Routine | sk.Timeline:
    """A routine id from the built-in catalog, or a document file."""
    if not _is_file(ref):
        return sk.catalog().routine(ref)
    if not Path(ref).exists():
        msg = f"no such file: {ref}"
        raise CommandError(msg)
    obj = sk.load(ref)
    if isinstance(obj, sk.Stretch):
        return sk.Routine(name=obj.name, stretches=[obj])
    if isinstance(obj, sk.Catalog):
        if len(obj.routines) == 1:
            return next(iter(obj.routines.values()))
        names = ", ".join(obj.routines) or "none"
        msg = f"{ref} is a catalog; name one of its routines instead (it has: {names})"
        raise CommandError(msg)
    if isinstance(obj, sk.Routine | sk.Timeline):
        return obj
    msg = f"{ref} is a {type(obj).__name__} document, not a routine, stretch or timeline"
    raise CommandError(msg)


def timeline_of(ref: str, level: float) -> sk.Timeline:
    obj = load_ref(ref)
    return obj if isinstance(obj, sk.Timeline) else sk.compose(obj, level)


def print_table(timeline: sk.Timeline, out: TextIO, language: str = "en") -> None:
    """The timeline as an aligned table: time, step, side, rep, duration, what."""
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
    widths = [max(len(r[i]) for r in rows) for i in range(6)]
    right = {0, 1, 4, 5}
    for row in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=False))
        ]
        print("  ".join([*cells, row[6]]).rstrip(), file=out)


def print_totals(timeline: sk.Timeline, out: TextIO, language: str = "en") -> None:
    span = timeline.routine.duration_range()
    total = fill(language, "cli.total", total=clock_in(timeline.duration, language), level=timeline.level)
    steps = fill(language, "cli.steps", count=len(timeline))
    stretching = fill(language, "cli.stretching", time=clock_in(timeline.hold_time, language))
    spans = fill(language, "cli.span", low=clock_in(span.low, language), high=clock_in(span.high, language))
    print(f"{total} ({steps}, {stretching}); {spans}", file=out)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    timeline = timeline_of(args.routine, args.level)
    print(f"{timeline.routine.name} ({timeline.routine.id})", file=out)
    print_table(timeline, out, args.lang)
    print_totals(timeline, out, args.lang)
    return 0


def cmd_play(args: argparse.Namespace, out: TextIO) -> int:
    try:
        source = load_ref(args.routine)
    except sk.UnknownRoutineError:  # a stretch id plays as a routine of that one stretch
        stretch = sk.catalog().stretches.get(args.routine)
        if stretch is None:
            raise
        source = sk.Routine(name=stretch.name, stretches=[stretch])
    return _terminal.command(args, source, out)


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    cat = sk.catalog()
    print("routines:", file=out)
    for routine in cat.routines.values():
        span = routine.duration_range()
        print(
            f"  {routine.id:<22} {routine.name} ({clock_text(span.low)} to {clock_text(span.high)})", file=out
        )
    print("stretches:", file=out)
    for s in cat.stretches.values():
        print(f"  {s.id:<22} {s.name} [{', '.join(sorted(s.targets))}]", file=out)
    return 0


def cmd_duration(args: argparse.Namespace, out: TextIO) -> int:
    obj = load_ref(args.routine)
    if isinstance(obj, sk.Timeline):
        print(f"{obj.routine.name}: {clock_text(obj.duration)} at level {obj.level:g}", file=out)
        return 0
    span = obj.duration_range()
    print(
        f"{obj.name}: {clock_text(obj.duration(args.level))} at level {args.level:g} "
        f"(from {clock_text(span.low)} to {clock_text(span.high)})",
        file=out,
    )
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


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    from stretchkit import export  # noqa: PLC0415

    if args.format in ROUTINE_FREE:
        # The same text for every routine: a routine given is not read.
        text = export.to_player_module() if args.format == "js" else export.to_typescript()
    elif args.routine is None:
        msg = f"export --format {args.format} needs a ROUTINE or FILE"
        raise CommandError(msg)
    else:
        timeline = timeline_of(args.routine, args.level)
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


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    if not Path(args.file).exists():
        msg = f"no such file: {args.file}"
        raise CommandError(msg)
    try:
        obj = sk.load(args.file)
    except sk.StretchkitError as e:
        errors = getattr(e, "errors", None) or str(e).splitlines()
        print(
            f"{args.file}: invalid ({len(errors)} problem{'s' if len(errors) != 1 else ''})", file=sys.stderr
        )
        for error in errors:
            print(f"  {error}", file=sys.stderr)
        return 1
    kind = type(obj).__name__.lower()
    print(f"{args.file}: valid {kind} document", file=out)
    return 0


def cmd_schema(args: argparse.Namespace, out: TextIO) -> int:
    print(json.dumps(sk.json_schema(BY_NAME[args.type].cls), indent=2, ensure_ascii=False), file=out)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="stretchkit",
        description="Show, time, validate and export stretch routines. "
        f"With no command, shows the built-in {DEFAULT_ROUTINE!r} routine.",
    )
    p.add_argument("--version", action="version", version=f"%(prog)s {sk.__version__}")
    p.set_defaults(func=cmd_show, routine=DEFAULT_ROUTINE, level=0.5, lang="en")
    sub = p.add_subparsers(title="commands", metavar="COMMAND")

    def routine_arg(cmd: argparse.ArgumentParser) -> None:
        cmd.add_argument(
            "routine", metavar="ROUTINE|FILE", help="a built-in routine id, or a .json, .toml or .yaml file"
        )
        cmd.add_argument("--level", type=_level, default=0.5, help="0 (gentlest) to 1 (fullest); default 0.5")

    cmd = sub.add_parser("list", help="list the built-in routines and stretches")
    cmd.set_defaults(func=cmd_list)
    cmd = sub.add_parser("show", help="show a routine's timeline as a table")
    routine_arg(cmd)
    cmd.add_argument("--lang", choices=LANGUAGES, default="en", help="language of the table's words")
    cmd.set_defaults(func=cmd_show)
    cmd = sub.add_parser("duration", help="how long a routine takes")
    routine_arg(cmd)
    cmd.set_defaults(func=cmd_duration)
    cmd = sub.add_parser(
        "export",
        help="write a routine's timeline as a document, a page or a file, or the frontend files",
        description="Write a routine's timeline: a document (json, toml), a table (csv), subtitles "
        "(vtt), a strip (svg), a page (html), a page that plays it (player), or a workout for a "
        "Garmin watch (fit, binary: -o FILE, or a pipe). The formats js "
        "(the player engine as an ES module) and ts (the documents' TypeScript types) are the same "
        "for every routine, and need none.",
    )
    cmd.add_argument(
        "routine",
        metavar="ROUTINE|FILE",
        nargs="?",
        help="a built-in routine id, or a .json, .toml or .yaml file (not needed for js and ts)",
    )
    cmd.add_argument("--level", type=_level, default=0.5, help="0 (gentlest) to 1 (fullest); default 0.5")
    cmd.add_argument("--format", choices=EXPORT_FORMATS, default="json", help="output format (default json)")
    cmd.add_argument(
        "--lang",
        choices=sk.languages(),
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
    cmd = sub.add_parser("play", help="play a routine in the terminal: countdown, keys, spoken cues")
    routine_arg(cmd)
    _terminal.add_options(cmd)
    cmd.set_defaults(func=cmd_play)
    cmd = sub.add_parser("validate", help="check a document file; exit 1 listing every problem")
    cmd.add_argument("file", metavar="FILE")
    cmd.set_defaults(func=cmd_validate)
    cmd = sub.add_parser("schema", help="print the JSON Schema of a document type")
    cmd.add_argument("type", choices=sorted(BY_NAME))
    cmd.set_defaults(func=cmd_schema)
    _cli_plan.add_parser(sub)
    return p


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None) -> int:
    """Run the command line; return the exit status."""
    args = parser().parse_args(argv)
    stream = sys.stdout if out is None else out
    try:
        status: int = args.func(args, stream)
    except (sk.StretchkitError, CommandError) as e:
        print(f"stretchkit: error: {e}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # pragma: no cover - e.g. `stretchkit | head`
        return 0
    return status


def run() -> None:  # pragma: no cover - the console script
    """Entry point of the ``stretchkit`` console script."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
