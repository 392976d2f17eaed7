"""A terminal player: tick through a timeline with Timeline.state(t) and
print each cue as its time comes.

    python examples/player.py                    # the built-in routine, in real time
    python examples/player.py --speed 60 --level 0

A real app would speak the cues (text to speech) and draw the state; the
loop is the same. stretchkit's Player class does the bookkeeping (pause,
seek, cues returned once) for an app that needs more than this.
"""

# test-args: --speed 2000 --fps 20

from __future__ import annotations

import argparse
import time

import stretchkit as sk


def bar(fraction: float, width: int = 24) -> str:
    filled = round(fraction * width)
    return "#" * filled + "-" * (width - filled)


def play(timeline: sk.Timeline, *, speed: float, fps: float) -> None:
    cues = timeline.cues(countdown=3)
    next_cue = 0
    started = time.monotonic()
    while True:
        t = (time.monotonic() - started) * speed
        while next_cue < len(cues) and cues[next_cue].time <= t:
            cue = cues[next_cue]
            print(f"[{cue.time:7.1f}s] {cue.text}")
            next_cue += 1
        if t >= timeline.duration:
            break
        state = timeline.state(t)
        if state.step_elapsed < speed / fps:  # a new step: show where we are
            upcoming = f"; next: {state.next.label}" if state.next else ""
            print(
                f"          {bar(state.progress)} {state.progress:4.0%}  "
                f"{state.step.label} ({state.step_remaining:.0f}s left{upcoming})"
            )
        time.sleep(1 / fps)


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
    routines = sorted(sk.catalog().routines)
    parser.add_argument(
        "routine",
        nargs="?",
        default="low-mid-back",
        choices=routines,
        metavar="ROUTINE",
        help=f"a built-in routine id ({', '.join(routines)}); default low-mid-back",
    )
    parser.add_argument("--level", type=number(0, 1), default=0.5, help="from 0 to 1 (default 0.5)")
    parser.add_argument(
        "--speed",
        type=number(0, 10_000, above=True),
        default=1.0,
        help="how many times faster than real time",
    )
    parser.add_argument("--fps", type=number(0, 1000, above=True), default=10.0, help="ticks per second")
    args = parser.parse_args()
    timeline = sk.compose(sk.catalog().routine(args.routine), args.level)
    play(timeline, speed=args.speed, fps=args.fps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
