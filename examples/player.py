"""A player in a few lines: the Player engine, polled by a loop.

    python examples/player.py                         # the built-in routine, in real time
    python examples/player.py cat-cow --speed 10 --lang de

It prints each cue as it comes and, on a terminal, a status line in place.
`stretchkit play` is the full terminal player (keys, voice, journal); this
is the loop at its heart, for any app to copy.
"""

# test-args: --speed 2000 --level 0

from __future__ import annotations

import argparse
import sys
import time

import stretchkit as sk


def number(low: float, high: float, *, above: bool = False) -> type[float]:
    """An argparse type: a number from ``low`` to ``high`` (above ``low`` when ``above``)."""

    def check(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not (low < value if above else low <= value) or not value <= high:
            allowed = f"above {low:g} and at most {high:g}" if above else f"from {low:g} to {high:g}"
            raise argparse.ArgumentTypeError(f"must be {allowed}, got {text}")
        return value

    return check  # type: ignore[return-value]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    catalog = sk.catalog()
    ids = [*catalog.routines, *catalog.stretches]
    parser.add_argument(
        "routine",
        nargs="?",
        default="low-mid-back",
        choices=ids,
        metavar="ROUTINE",
        help=f"a built-in routine or stretch id ({', '.join(ids)}); default low-mid-back",
    )
    parser.add_argument(
        "--level", type=number(0, 1), default=0.5, metavar="L", help="0 (gentlest) to 1 (fullest)"
    )
    parser.add_argument(
        "--speed",
        type=number(0, 10_000, above=True),
        default=1.0,
        metavar="X",
        help="how many times faster than real time",
    )
    parser.add_argument(
        "--lang",
        choices=sk.languages(),
        default="en",
        metavar="L",
        help="the cues' language: en, de, es or fr",
    )
    args = parser.parse_args()
    try:
        if args.routine in catalog.stretches:
            routine = sk.Routine(name=args.routine, lead_in=5, stretches=[catalog.stretch(args.routine)])
        else:
            routine = catalog.routine(args.routine)
        player = sk.Player(sk.compose(routine, args.level), language=args.lang)
        player.speed = args.speed
    except sk.StretchkitError as e:
        parser.error(str(e))  # one line and exit status 2, never a traceback

    live = sys.stdout.isatty()  # a status line redrawn in place, only on a terminal
    player.play()
    try:
        while True:
            finished = player.status is sk.PlayerStatus.FINISHED  # before poll(): the last brings "END"
            for cue in player.poll():
                print(f"\r\x1b[K{cue.time:7.1f}s  {cue.text}" if live else f"{cue.time:7.1f}s  {cue.text}")
            if finished:
                break
            state = player.state
            if live and state is not None:
                line = f"{state.step_remaining:5.0f}s  {state.step.label}  ({state.progress:.0%})"
                print(f"\r\x1b[K{line[:79]}", end="", flush=True)
            time.sleep(0.05)
    except KeyboardInterrupt:
        print(f"\nStopped after {player.held:.0f} s of stretching.")
        return 130
    print(f"Done: {player.held:.0f} s of stretching.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
