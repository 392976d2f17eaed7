"""Build a routine, compose its timeline, and print it as a table.

Run it as ``python examples/quickstart.py [LEVEL]``, LEVEL from 0 (the
gentlest version of the routine) to 1 (the fullest); 0.5 when left out.
"""

from __future__ import annotations

import argparse

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


def level(text: str) -> float:
    """A level for argparse: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be from 0 to 1, got {text}")
    return value


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("level", nargs="?", type=level, default=0.5, help="from 0 to 1 (default 0.5)")
    args = parser.parse_args()
    routine = build()
    timeline = sk.compose(routine, args.level)
    print(f"{routine.name} at level {args.level:g}: {len(timeline)} steps")
    print(f"{'start':>6}  {'kind':<10}  {'secs':>5}  step")
    for step in timeline:
        print(f"{clock(step.start):>6}  {step.kind.value:<10}  {step.duration:>5g}  {step.label}")
    low, high = routine.duration_range().low, routine.duration_range().high
    print(f"total {clock(timeline.duration)} (from {clock(low)} to {clock(high)} across levels)")
    fitted = sk.fit(routine, 300)
    print(f"holding {clock(timeline.hold_time)}; at most {clock(fitted.duration())} when fitted to 5 minutes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
