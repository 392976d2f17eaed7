"""Write what a web or mobile frontend needs: the timeline document and its
JSON Schema.

    python examples/frontend_timeline.py --out public/

The frontend fetches ``timeline.json`` and, at any instant ``t``, finds the
current step by binary search on ``steps.start``; ``timeline.schema.json``
lets it (or its tests) validate what it receives.
"""

# test-args: --out {tmp}

from __future__ import annotations

import argparse
import json
from pathlib import Path

import stretchkit as sk


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
    parser.add_argument(
        "--out", type=Path, default=Path("frontend"), help="folder to write into (default: frontend)"
    )
    parser.add_argument("--level", type=level, default=0.5, help="from 0 to 1 (default 0.5)")
    args = parser.parse_args()
    try:
        args.out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        parser.error(f"cannot write into {args.out}: {e.strerror or e}")
    timeline = sk.compose(sk.catalog().routine("low-mid-back"), args.level)
    (args.out / "timeline.json").write_text(sk.to_json(timeline), encoding="utf-8")
    schema = json.dumps(sk.json_schema(sk.Timeline), indent=2)
    (args.out / "timeline.schema.json").write_text(schema + "\n", encoding="utf-8")
    doc = json.loads((args.out / "timeline.json").read_text(encoding="utf-8"))
    steps = doc["steps"]
    print(f"wrote {args.out / 'timeline.json'}: {len(steps['start'])} steps, {doc['duration']} s")
    print(f"wrote {args.out / 'timeline.schema.json'}")
    first = doc["routine"]["stretches"][steps["item"][1]]["name"]
    print(f"step 1 starts at {steps['start'][1]} s: {steps['kind'][1]} {first} ({steps['side'][1]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
