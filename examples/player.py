"""A terminal player: tick through a timeline with Timeline.state(t) and
print each cue as its time comes.

    python examples/player.py                    # the built-in routine, in real time
    python examples/player.py --speed 60 --level 0

A real app would speak the cues (text to speech) and draw the state; the
loop is the same.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("routine", nargs="?", default="low-mid-back", help="a built-in routine id")
    parser.add_argument("--level", type=float, default=0.5)
    parser.add_argument("--speed", type=float, default=1.0, help="how many times faster than real time")
    parser.add_argument("--fps", type=float, default=10.0, help="ticks per second")
    args = parser.parse_args()
    timeline = sk.compose(sk.catalog().routine(args.routine), args.level)
    play(timeline, speed=args.speed, fps=args.fps)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
