"""Load a routine from a TOML file that names built-in stretches by ref, and
fit it to the time you have.

Run it as ``python examples/custom_routine.py [MINUTES]`` (5 when left out).
The routine, in ``custom_routine.toml`` beside this script, takes from 1:40
to 4:00 (minutes:seconds); ask for less than its shortest and it says so.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import stretchkit as sk


def minutes(text: str) -> float:
    """Minutes for argparse: a number above 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0 < value <= 24 * 60:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most a day, got {text}")
    return value


def span(r: sk.Range, unit: str = "") -> str:
    """``20-40 s`` for a range, ``5`` for a fixed value."""
    return f"{r.low:g}{unit}" if r.fixed else f"{r.low:g}-{r.high:g}{unit}"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("minutes", nargs="?", type=minutes, default=5.0, help="the time you have (default 5)")
    args = parser.parse_args()
    routine = sk.load(Path(__file__).with_name("custom_routine.toml"))
    assert isinstance(routine, sk.Routine)
    low, high = routine.duration_range().low, routine.duration_range().high
    print(f"{routine.name}: {len(routine.stretches)} stretches, {low:g} to {high:g} s")
    for s in routine.stretches:
        print(f"  {s.id:<24} hold {span(s.hold, ' s')}, reps {span(s.reps)}")
    try:
        fitted = sk.fit(routine, args.minutes * 60)
    except sk.FitError as e:
        print(f"custom_routine.py: {e}", file=sys.stderr)
        return 1
    print(f"fitted to {args.minutes:g} minutes: {fitted.duration():g} s")
    for step in sk.compose(fitted)[:6]:
        print(f"  {step.start:6g}s  {step.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
