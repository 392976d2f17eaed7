"""Build a routine, compose its timeline, and print it as a table.

Run it with ``python examples/quickstart.py [LEVEL]`` (LEVEL from 0 to 1).
"""

from __future__ import annotations

import sys

import stretchkit as sk


def build() -> sk.Routine:
    """A short back routine: a twist on each side, then a forward bend."""
    twist = sk.Stretch(
        name="Seated Twist",
        hold=(20, 30),
        reps=(2, 4),
        sides=sk.Sides.EACH,
        switch=3,
        targets={"mid-back", "lower-back"},
        position="seated",
    )
    bend = sk.Stretch(
        name="Seated Forward Bend",
        hold=(20, 30),
        reps=(3, 5),
        rest=(10, 15),
        targets={"hamstrings", "glutes", "lower-back"},
        position="seated",
        equipment={"towel"},
    )
    return sk.Routine(name="Back", stretches=[twist, bend], transition=10, lead_in=5)


def clock(seconds: float) -> str:
    """``m:ss`` (with tenths when needed)."""
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes)}:{rest:04.1f}" if rest % 1 else f"{int(minutes)}:{int(rest):02d}"


def main(argv: list[str]) -> int:
    level = float(argv[0]) if argv else 0.5
    routine = build()
    timeline = sk.compose(routine, level)
    print(f"{routine.name} at level {level}: {len(timeline)} steps")
    print(f"{'start':>6}  {'kind':<10}  {'secs':>5}  step")
    for step in timeline:
        print(f"{clock(step.start):>6}  {step.kind.value:<10}  {step.duration:>5g}  {step.label}")
    low, high = routine.duration_range().low, routine.duration_range().high
    print(f"total {clock(timeline.duration)} (from {clock(low)} to {clock(high)} across levels)")
    fitted = sk.fit(routine, 300)
    print(f"holding {clock(timeline.hold_time)}; at most {clock(fitted.duration())} when fitted to 5 minutes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
