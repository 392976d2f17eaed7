"""Fuzz the loaders for a long time: the property of tests/test_fuzz.py, with a large budget.

    python tools/fuzz.py                    # 10,000 examples per loader test
    python tools/fuzz.py --examples 100000  # a night's run

Every input (arbitrary bytes and values, and mutated documents of every
type) must give an object or a StretchkitError: never another exception,
never a hang (each example has a deadline), never more than a bounded
amount of memory (the run's address space is capped). CI runs the same tests
with the profile's small budget. Prints how many cases were tried and what
was found (Hypothesis shrinks any failure to a minimal example).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--examples", type=int, default=10_000, help="examples per test (default 10000)")
    parser.add_argument("--deadline", type=float, default=5.0, help="seconds an example may take (default 5)")
    parser.add_argument("--memory", type=int, default=2048, help="MiB the run may use (default 2048)")
    parser.add_argument("-k", default="", help="only the tests whose names match (pytest's -k)")
    args = parser.parse_args()
    if args.examples < 1 or args.deadline <= 0 or args.memory < 256:
        parser.error("--examples must be at least 1, --deadline above 0, --memory at least 256")

    limit = args.memory * 1024 * 1024
    env = {
        **os.environ,
        "HYPOTHESIS_PROFILE": "fuzz",
        "STRETCHKIT_FUZZ_EXAMPLES": str(args.examples),
        "STRETCHKIT_FUZZ_DEADLINE": str(args.deadline),
    }
    command = [
        sys.executable, "-m", "pytest", "tests/test_fuzz.py", "-q", "-p", "no:randomly", "--no-cov",
        "--hypothesis-show-statistics", "-k", args.k,
    ]  # fmt: skip

    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    started = time.monotonic()
    done = subprocess.run(  # noqa: S603 - our own interpreter and test file
        command, cwd=ROOT, env=env, capture_output=True, text=True, preexec_fn=cap_memory, check=False
    )
    minutes = (time.monotonic() - started) / 60
    tried = sum(int(n) for n in re.findall(r"- (\d+) passing, \d+ failing", done.stdout))
    failed = sum(int(n) for n in re.findall(r"- \d+ passing, (\d+) failing", done.stdout))
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""
    print(done.stdout if done.returncode else "")
    print(f"fuzzing: {tried} cases passed, {failed} failing, in {minutes:.1f} min ({summary})")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
