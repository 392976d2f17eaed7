"""stretchkit benchmarks: every figure is a ratio against a baseline measured
side by side, in the same process, on the same data.

    python benchmarks/run.py            # full sizes (about a minute or two)
    python benchmarks/run.py --quick    # small sizes, for CI, so this cannot rot

No figure here is a pass/fail test: the budgets are printed beside the
ratios (see docs/performance.md for the method and the latest table).
"""

from __future__ import annotations

import argparse
import bisect
import gc
import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import attrs

import stretchkit as sk

ROWS: list[tuple[str, str, str, str, str]] = []


def best(fn: Callable[[], object], *, repeat: int, number: int = 1) -> float:
    """Best-of-``repeat`` seconds per call (the least disturbed run)."""
    times = []
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return min(times)


def row(name: str, measured: str, baseline: str, ratio: float, budget: str, ok: bool | None) -> None:
    mark = "" if ok is None else ("yes" if ok else "NO")
    ROWS.append((name, measured, baseline, f"{ratio:.2f}x", f"{budget} {mark}".strip()))


def us(seconds: float) -> str:
    return f"{seconds * 1e6:.3f} µs"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:.2f} ms"


# -- routines -------------------------------------------------------------------


def builtin() -> sk.Routine:
    return sk.catalog().routine("low-mid-back")


def scaled(steps: int) -> sk.Routine:
    """The built-in routine repeated (stretches and rounds) to about ``steps`` steps."""
    base = builtin()
    per_round = base.step_count()
    if steps <= per_round * 1000:
        return attrs.evolve(base, rounds=max(1, round(steps / per_round)))
    copies = max(1, steps // (per_round * 1000))
    return attrs.evolve(base, stretches=list(base.stretches) * copies, rounds=1000)


# -- the floor: what a developer would write with plain dicts -----------------------


def plain_steps(routine: sk.Routine, level: float = 0.5) -> Iterator[dict[str, Any]]:
    """A hand-written generator of the same steps, as plain dicts (float seconds)."""
    t = 0.0
    index = 0
    transition = routine.transition.at(level)
    lead_in = routine.lead_in.at(level)

    def step(
        kind: str,
        duration: float,
        stretch: sk.Stretch,
        item: int,
        rnd: int,
        side: str | None,
        rep: int,
        reps: int,
        pose: int,
    ) -> dict[str, Any]:
        nonlocal t, index
        d = {
            "index": index,
            "kind": kind,
            "start": t,
            "duration": duration,
            "end": t + duration,
            "stretch": stretch.id,
            "item": item,
            "round": rnd,
            "side": side,
            "rep": rep,
            "reps": reps,
            "pose": pose,
        }
        t += duration
        index += 1
        return d

    for rnd in range(1, routine.rounds + 1):
        for item, s in enumerate(routine.stretches):
            n = int(s.reps.at(level))
            hold = s.hold.at(level)
            holds = [p.hold.at(level) if p.hold else hold for p in s.poses] or [hold]
            rest, switch = s.rest.at(level), s.switch.at(level)
            first = s.first_side.value
            other = "right" if first == "left" else "left"
            sides = (
                [first, other]
                if s.sides is sk.Sides.EACH
                else [None if s.sides is sk.Sides.NONE else s.sides.value]
            )
            gap = lead_in if rnd == 1 and item == 0 else transition
            if gap:
                yield step("transition", gap, s, item, rnd, sides[0], 1, n, 0 if s.poses else -1)
            alternate = s.sides is sk.Sides.EACH and s.side_order is sk.SideOrder.ALTERNATE
            order = (
                [(side, rep) for rep in range(1, n + 1) for side in sides]
                if alternate
                else [(side, rep) for side in sides for rep in range(1, n + 1)]
            )
            for k, (side, rep) in enumerate(order):
                if k:
                    prev_side = order[k - 1][0]
                    if side != prev_side and (not alternate or rep == order[k - 1][1]):
                        if switch:
                            yield step("switch", switch, s, item, rnd, side, rep, n, 0 if s.poses else -1)
                    elif alternate:
                        g = max(rest, switch) if rest else switch
                        if g:
                            yield step(
                                "rest" if rest else "switch",
                                g,
                                s,
                                item,
                                rnd,
                                side,
                                rep,
                                n,
                                0 if s.poses else -1,
                            )
                    elif rest:
                        yield step("rest", rest, s, item, rnd, side, rep, n, 0 if s.poses else -1)
                for j, h in enumerate(holds):
                    yield step("hold", h, s, item, rnd, side, rep, n, j if s.poses else -1)


# -- benchmarks ----------------------------------------------------------------------


def bench_compose(size: int, repeat: int) -> sk.Timeline:
    routine = scaled(size)
    n = routine.step_count()
    plain = list(plain_steps(routine))
    assert len(plain) == n, (len(plain), n)
    assert [round(d["start"] * 1000) for d in plain[:50]] == [
        round(s.start * 1000) for s in sk.compose(routine, max_steps=2_000_000)[:50]
    ]
    floor = best(lambda: list(plain_steps(routine)), repeat=repeat)
    ours = best(lambda: sk.compose(routine, max_steps=2_000_000), repeat=repeat)
    ratio = ours / floor
    row(
        f"compose, {n:,} steps (per step)",
        us(ours / n),
        us(floor / n) + " plain dicts",
        ratio,
        "<= 2x",
        ratio <= 2,
    )
    return sk.compose(routine, max_steps=2_000_000)


def bench_json(tl: sk.Timeline, repeat: int) -> None:
    n = len(tl)
    # The same content as a timeline document: the steps with their labels, and the cues.
    plain = {
        "steps": [
            {**d, "label": label}
            for d, label in zip(plain_steps(tl.routine, tl.level), tl.labels(), strict=True)
        ],
        "cues": [{"time": c.time, "text": c.text, "kind": c.kind.value} for c in tl.cues()],
    }
    floor = best(lambda: json.dumps(plain), repeat=repeat)
    ours = best(lambda: sk.to_json(tl), repeat=repeat)
    row(
        f"to_json, {n:,} steps (per step)",
        us(ours / n),
        us(floor / n) + " json.dumps(dicts)",
        ours / floor,
        "<= 1x",
        ours <= floor,
    )

    text = sk.to_json(tl)
    keys = ("start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose")

    def unvalidated() -> list[dict[str, Any]]:
        doc = json.loads(text)
        cols = doc["steps"]
        return [dict(zip(keys, values, strict=True)) for values in zip(*(cols[k] for k in keys), strict=True)]

    floor_read = best(unvalidated, repeat=repeat)
    ours_read = best(lambda: sk.from_json(sk.Timeline, text), repeat=repeat)
    row(
        f"from_json, {n:,} steps (per step)",
        us(ours_read / n),
        us(floor_read / n) + " json.loads + dicts",
        ours_read / floor_read,
        "<= 1.5x",
        ours_read <= 1.5 * floor_read,
    )
    try:
        model = pydantic_timeline()
    except ImportError:
        ROWS.append((f"from_json vs pydantic, {n:,} steps", "-", "pydantic not installed", "-", "-"))
        return
    model.model_validate_json(text)
    pyd = best(lambda: model.model_validate_json(text), repeat=repeat)
    row(
        f"from_json vs pydantic v2, {n:,} steps",
        us(ours_read / n),
        us(pyd / n) + " pydantic (strict)",
        ours_read / pyd,
        "<= 1x",
        ours_read <= pyd,
    )


def pydantic_timeline() -> Any:
    """An equivalent pydantic v2 model of the timeline document, strict, with the same checks."""
    from typing import Literal

    from pydantic import BaseModel, ConfigDict, Field, model_validator

    class Strict(BaseModel):
        model_config = ConfigDict(strict=True, extra="forbid")

    Seconds = float | tuple[float, float]

    class Pose(Strict):
        name: str = Field(min_length=1, max_length=200)
        hold: Seconds | None = None
        cue: str = ""
        breath: Literal["inhale", "exhale", "hold", "natural"] | None = None
        names: dict[str, str] = {}
        cues: dict[str, str] = {}

    class Stretch(Strict):
        id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
        name: str = Field(min_length=1, max_length=200)
        hold: Seconds
        reps: int | tuple[int, int] = 1
        sides: Literal["none", "each", "left", "right"] = "none"
        side_order: Literal["alternate", "blocked"] = "alternate"
        first_side: Literal["left", "right"] = "left"
        rest: Seconds = 0
        switch: Seconds = 0
        poses: list[Pose] = []
        summary: str = ""
        instructions: list[str] = []
        targets: list[str] = []
        position: str | None = None
        equipment: list[str] = []
        names: dict[str, str] = {}
        codes: dict[str, str] = {}
        meta: dict[str, Any] = {}

    class Routine(Strict):
        id: str
        name: str = Field(min_length=1, max_length=200)
        stretches: list[Stretch] = Field(min_length=1)
        transition: Seconds = 0
        lead_in: Seconds = 0
        rounds: int = Field(1, ge=1, le=1000)
        description: str = ""
        meta: dict[str, Any] = {}

    class Steps(Strict):
        start: list[float]
        duration: list[float]
        kind: list[Literal["hold", "rest", "switch", "transition"]]
        item: list[int]
        round: list[int]
        side: list[Literal["none", "left", "right"]]
        rep: list[int]
        reps: list[int]
        pose: list[int]
        label: list[str]

        @model_validator(mode="after")
        def contiguous(self) -> Steps:
            n = len(self.start)
            if any(len(getattr(self, k)) != n for k in type(self).model_fields):
                raise ValueError("columns differ in length")
            for i in range(n - 1):
                if round((self.start[i] + self.duration[i]) * 1000) != round(self.start[i + 1] * 1000):
                    raise ValueError(f"step {i} does not end where the next starts")
            return self

    class Cue(Strict):
        time: float = Field(ge=0)
        text: str
        kind: Literal["ready", "start", "breath", "switch", "rest", "countdown", "end"]

    class Timeline(Strict):
        stretchkit: Literal[2]
        type: Literal["timeline"]
        language: Literal["en", "de", "es", "fr"]
        level: float = Field(ge=0, le=1)
        duration: float
        routine: Routine
        steps: Steps
        cues: list[Cue]

    return Timeline


def bench_routine_round_trip(repeat: int) -> None:
    base = builtin()
    stretches = [attrs.evolve(s, id=f"{s.id}-{i}") for i in range(30) for s in base.stretches][:200]
    routine = attrs.evolve(base, stretches=stretches)
    doc = sk.to_dict(routine)
    text = sk.to_json(routine)
    floor_dict = best(lambda: json.loads(json.dumps(doc)), repeat=repeat, number=5)
    ours_dict = best(lambda: sk.from_dict(sk.Routine, sk.to_dict(routine)), repeat=repeat, number=5)
    row(
        "routine round trip, dict, 200 stretches",
        ms(ours_dict),
        ms(floor_dict) + " json copy",
        ours_dict / floor_dict,
        "(none)",
        None,
    )
    floor_json = best(lambda: json.loads(json.dumps(json.loads(text))), repeat=repeat, number=5)
    ours_json = best(lambda: sk.from_json(sk.Routine, sk.to_json(routine)), repeat=repeat, number=5)
    row(
        "routine round trip, JSON, 200 stretches",
        ms(ours_json),
        ms(floor_json) + " json loads+dumps",
        ours_json / floor_json,
        "(none)",
        None,
    )


def bench_duration(size: int, repeat: int) -> None:
    routine = scaled(size)
    n = routine.step_count()
    closed = best(lambda: routine.duration(), repeat=repeat, number=200)
    composed = best(lambda: sk.compose(routine).duration, repeat=repeat)
    row(
        f"duration() vs compose().duration, {n:,} steps",
        us(closed),
        us(composed) + " compose",
        composed / closed,
        ">= 10x",
        composed / closed >= 10,
    )
    many = attrs.evolve(routine, stretches=[attrs.evolve(s, reps=1000) for s in routine.stretches])
    heavy = best(lambda: many.duration(), repeat=repeat, number=200)
    row(
        "duration(), 1,000 reps vs as is",
        us(heavy),
        us(closed) + " as is",
        heavy / closed,
        "<= 1.5x",
        heavy / closed <= 1.5,
    )


def bench_at(tl: sk.Timeline, queries: int, repeat: int) -> None:
    # The floor: a bisect over the step starts as a plain list of floats.
    starts = [float(s) for s in sk.to_dict(tl)["steps"]["start"]]  # type: ignore[index]

    def per_query(ts: list[float], what: str) -> None:
        def ours() -> None:
            for t in ts:
                tl.at(t)

        def floor() -> None:
            for t in ts:
                bisect.bisect_right(starts, t)

        mine = best(ours, repeat=repeat) / len(ts)
        base = best(floor, repeat=repeat) / len(ts)
        row(
            f"at(t), {len(tl):,} steps, {what}",
            us(mine),
            us(base) + " bisect on a list",
            mine / base,
            "< 2 µs",
            mine < 2e-6,
        )

    rng = random.Random(42)
    per_query(
        [t for t in (rng.uniform(0, tl.duration) for _ in range(queries)) if t < tl.duration],
        "random t (per query)",
    )
    # A player: 60 ticks a second through the first ten minutes.
    per_query([i / 60 for i in range(min(queries, 36_000)) if i / 60 < tl.duration], "a player's 60 Hz ticks")


def bench_memory(size: int) -> None:
    routine = scaled(size)
    gc.collect()
    tracemalloc.start()
    tl = sk.compose(routine, max_steps=2_000_000)
    held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    n = len(tl)
    gc.collect()
    tracemalloc.start()
    plain = list(plain_steps(routine))
    plain_held, _ = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    del plain
    row(
        f"memory held by a Timeline, {n:,} steps",
        f"{held / n:.1f} B/step",
        f"{plain_held / n:.0f} B/step dicts",
        held / plain_held,
        "<= 64 B/step",
        held / n <= 64,
    )
    text = sk.to_json(tl)
    plain_text = json.dumps(list(plain_steps(routine, tl.level)), separators=(",", ":"))
    row(
        f"JSON document, {n:,} steps",
        f"{len(text) / n:.1f} B/step",
        f"{len(plain_text) / n:.0f} B/step dicts",
        len(text) / len(plain_text),
        "(none)",
        None,
    )


def bench_import(repeat: int) -> None:
    # Installed packages import from compiled bytecode; let the fresh processes
    # write and use it (some environments set PYTHONDONTWRITEBYTECODE).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

    def cost(stmt: str) -> float:
        code = f"import time; t = time.perf_counter(); {stmt}; print(time.perf_counter() - t)"
        runs = [
            float(
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
                ).stdout
            )
            for _ in range(repeat + 1)  # the first run writes the bytecode
        ]
        return min(runs[1:])

    ours = cost("import stretchkit")
    base = cost("import attrs, cattrs")
    row(
        "import stretchkit (fresh process)",
        ms(ours),
        ms(base) + " import attrs, cattrs",
        ours / base,
        "<= +10 ms",
        ours - base <= 0.010,
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small sizes and few repeats (for CI)")
    quick = p.parse_args().quick
    repeat = 2 if quick else 5
    small = 4_000
    big = 20_000 if quick else 1_000_000
    t0 = time.perf_counter()
    bench_compose(small, repeat)
    tl_big = bench_compose(big, 2 if quick else 3)
    bench_json(sk.compose(scaled(small)), repeat)
    bench_json(tl_big, 2)
    bench_routine_round_trip(repeat)
    bench_duration(small, repeat)
    bench_at(tl_big, 2_000 if quick else 100_000, repeat)
    bench_memory(big)
    bench_import(3 if quick else 10)
    headers = ("benchmark", "stretchkit", "baseline", "ratio", "budget met?")
    widths = [max(len(r[i]) for r in [headers, *ROWS]) for i in range(5)]
    print(f"stretchkit {sk.__version__} on Python {sys.version.split()[0]}{' (quick)' if quick else ''}")
    for r in [headers, tuple("-" * w for w in widths), *ROWS]:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
