"""Load a routine from a TOML file that names built-in stretches by ref, and
fit it to the time you have.

    python examples/custom_routine.py [MINUTES]
"""

from __future__ import annotations

import sys
from pathlib import Path

import stretchkit as sk


def main(argv: list[str]) -> int:
    minutes = float(argv[0]) if argv else 5
    routine = sk.load(Path(__file__).with_name("custom_routine.toml"))
    assert isinstance(routine, sk.Routine)
    span = routine.duration_range()
    print(f"{routine.name}: {len(routine.stretches)} stretches, {span.low:g} to {span.high:g} s")
    for s in routine.stretches:
        print(f"  {s.id:<24} hold {s.hold.low:g}-{s.hold.high:g} s, reps {s.reps.low:g}-{s.reps.high:g}")
    fitted = sk.fit(routine, minutes * 60)
    print(f"fitted to {minutes:g} minutes: {fitted.duration():g} s")
    for step in sk.compose(fitted)[:6]:
        print(f"  {step.start:6g}s  {step.label}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
