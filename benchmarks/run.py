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


def typical() -> sk.Routine:
    """A routine as apps build them: 327 stretch entries of 3 distinct stretches
    (4,033 steps at level 0.5), many entries of the same stretch."""
    cat = sk.catalog()
    three = [cat.stretch("seated-twist"), cat.stretch("cat-cow"), cat.stretch("seated-forward-bend")]
    return sk.Routine(name="Typical", stretches=three * 109, transition=5, lead_in=5)


def distinct(n: int = 200) -> sk.Routine:
    """The built-in routine's stretches, renamed, to ``n`` distinct stretches."""
    base = builtin()
    copies = -(-n // len(base.stretches))
    stretches = [attrs.evolve(s, id=f"{s.id}-{i}") for i in range(copies) for s in base.stretches][:n]
    return attrs.evolve(base, stretches=stretches)


def scaled(steps: int) -> sk.Routine:
    """The built-in routine repeated (stretches and rounds) to about ``steps`` steps."""
    base = builtin()
    per_round = base.step_count()
    if steps <= per_round * 1000:
        return attrs.evolve(base, rounds=max(1, round(steps / per_round)))
    copies = max(1, round(steps / (per_round * 1000)))
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


def bench_compose(routine: sk.Routine, what: str, repeat: int) -> sk.Timeline:
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
        f"compose, {what}, {n:,} steps (per step)",
        us(ours / n),
        us(floor / n) + " plain dicts",
        ratio,
        "<= 0.5x",
        ratio <= 0.5,
    )
    return sk.compose(routine, max_steps=2_000_000)


# The document's step columns, as the floors build one plain dict per step.
STEP_KEYS = ("start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose", "label")


def read_plain(text: str) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The floor of reading: ``json.loads`` of our document and one plain dict
    per step (from the columns, label included) and per cue; no validation."""
    doc = json.loads(text)
    cols = doc["steps"]
    steps = [
        dict(zip(STEP_KEYS, values, strict=True))
        for values in zip(*(cols[k] for k in STEP_KEYS), strict=True)
    ]
    return steps, [dict(cue) for cue in doc["cues"]]


def rows_of(tl: sk.Timeline) -> dict[str, Any]:
    """The same content as a timeline document, as a developer would keep it:
    the routine, one plain dict per step (labels included) and the cues."""
    doc = json.loads(sk.to_json(tl))
    steps, cues = read_plain(sk.to_json(tl))
    return {"routine": doc["routine"], "steps": steps, "cues": cues}


def bench_to_json(tl: sk.Timeline, what: str, repeat: int) -> None:
    n = len(tl)
    plain = rows_of(tl)
    floor = best(lambda: json.dumps(plain), repeat=repeat)
    ours = best(lambda: sk.to_json(tl), repeat=repeat)
    row(
        f"to_json, {what}, {n:,} steps (per step)",
        us(ours / n),
        us(floor / n) + " json.dumps(dicts)",
        ours / floor,
        "<= 0.8x",
        ours <= 0.8 * floor,
    )


def bench_from_json(tl: sk.Timeline, what: str, repeat: int) -> None:
    n = len(tl)
    text = sk.to_json(tl)
    limit = max(len(tl), 1_000_000)  # what compose was allowed, the loader is too
    assert sk.from_json(sk.Timeline, text, max_steps=limit) == tl
    floor = best(lambda: read_plain(text), repeat=repeat)
    ours = best(lambda: sk.from_json(sk.Timeline, text, max_steps=limit), repeat=repeat)
    row(
        f"from_json, {what}, {n:,} steps (per step)",
        us(ours / n),
        us(floor / n) + " json.loads + dicts",
        ours / floor,
        "<= 1x",
        ours <= floor,
    )
    try:
        model = pydantic_timeline()
    except ImportError:
        ROWS.append((f"from_json vs pydantic, {what}", "-", "pydantic not installed", "-", "-"))
        return
    model.model_validate_json(text)
    pyd = best(lambda: model.model_validate_json(text), repeat=repeat)
    row(
        f"from_json vs pydantic v2, {what}",
        us(ours / n),
        us(pyd / n) + " pydantic (strict)",
        ours / pyd,
        "<= 1x",
        ours <= pyd,
    )


def pydantic_timeline() -> Any:
    """An equivalent pydantic v2 model of the timeline document, strict, with the same checks."""
    return pydantic_models()["timeline"]


def pydantic_routine() -> Any:
    """An equivalent pydantic v2 model of the routine document."""
    return pydantic_models()["routine"]


def pydantic_models() -> dict[str, Any]:
    """Strict pydantic v2 models of our documents, with the same checks where pydantic has them."""
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

    class RoutineDocument(Routine):
        stretchkit: Literal[1]
        type: Literal["routine"]

    return {"timeline": Timeline, "routine": RoutineDocument}


def bench_routine(repeat: int) -> None:
    routine = distinct(200)
    n = len(routine.stretches)
    text = sk.to_json(routine)
    assert sk.from_json(sk.Routine, text) == routine
    floor = best(lambda: json.loads(text), repeat=repeat, number=3)
    ours = best(lambda: sk.from_json(sk.Routine, text), repeat=repeat, number=3)
    row(
        f"from_json(Routine), {n} distinct stretches (per stretch)",
        us(ours / n),
        us(floor / n) + " json.loads",
        ours / floor,
        "<= 10 µs",
        ours / n <= 10e-6,
    )
    try:
        model = pydantic_routine()
    except ImportError:
        return
    model.model_validate_json(text)
    pyd = best(lambda: model.model_validate_json(text), repeat=repeat, number=3)
    row(
        f"from_json(Routine) vs pydantic v2, {n} distinct",
        us(ours / n),
        us(pyd / n) + " pydantic (strict)",
        ours / pyd,
        "(none)",
        None,
    )


def bench_duration(routine: sk.Routine, what: str, repeat: int) -> None:
    n = routine.step_count()
    closed = best(lambda: routine.duration(), repeat=repeat, number=200)
    composed = best(lambda: sk.compose(routine).duration, repeat=repeat)
    row(
        f"duration() vs compose().duration, {what}, {n:,} steps",
        us(closed),
        us(composed) + " compose",
        composed / closed,
        ">= 10x",
        composed / closed >= 10,
    )
    # The same entries, each distinct stretch with 1,000 reps (shared as in the routine).
    heavier = {id(s): attrs.evolve(s, reps=1000) for s in routine.stretches}
    many = attrs.evolve(routine, stretches=[heavier[id(s)] for s in routine.stretches])
    heavy = best(lambda: many.duration(), repeat=repeat, number=200)
    row(
        f"duration(), {what}, 1,000 reps vs as is",
        us(heavy),
        us(closed) + " as is",
        heavy / closed,
        "<= 1.5x",
        heavy / closed <= 1.5,
    )


def bench_at(tl: sk.Timeline, queries: int, repeat: int) -> None:
    # The floor: a bisect over the step starts as a plain list of floats.
    starts = [float(s) for s in sk.to_dict(tl)["steps"]["start"]]  # type: ignore[index]

    def per_query(ts: list[float], what: str, query: Callable[[float], object], budget: float) -> float:
        def ours() -> None:
            for t in ts:
                query(t)

        def floor() -> None:
            for t in ts:
                bisect.bisect_right(starts, t)

        mine = best(ours, repeat=repeat) / len(ts)
        base = best(floor, repeat=repeat) / len(ts)
        row(
            f"{what}, {len(tl):,} steps",
            us(mine),
            us(base) + " bisect on a list",
            mine / base,
            f"<= {budget:g} µs",
            mine <= budget * 1e-6,
        )
        return mine

    rng = random.Random(42)
    randomly = [t for t in (rng.uniform(0, tl.duration) for _ in range(queries)) if t < tl.duration]
    per_query(randomly, "at(t), random t (per query)", tl.at, 1.5)
    per_query(randomly, "state(t), random t (per query)", tl.state, 2.5)
    # A player's frames: 60 a second through the first ten minutes.
    ticks = [i / 60 for i in range(min(queries, 36_000)) if i / 60 < tl.duration]
    at_tick = per_query(ticks, "at(t), a player's 60 Hz ticks", tl.at, 1.5)

    # The Player, polled at 60 Hz from an injected clock: what an app's frame costs.
    now = [0.0]
    player = sk.Player(tl, clock=lambda: now[0])
    player.play()

    def frames() -> None:
        player.seek(0)
        for t in ticks:
            now[0] = t
            player.poll()
            player.state  # noqa: B018 - what a frame reads

    poll = best(frames, repeat=repeat) / len(ticks)
    row(
        f"Player.poll() + .state at 60 Hz, {len(tl):,} steps",
        us(poll),
        us(at_tick) + " at(t) per tick",
        poll / at_tick,
        "(none)",
        None,
    )


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


def fresh_process_seconds(code: str, repeat: int) -> float:
    """The least CPU time ``code`` (statements) takes in a fresh interpreter.

    CPU time, not wall time: a fresh process's start is easily disturbed by
    whatever else the machine runs. Installed packages import from compiled
    bytecode, so the first run, which may write it, is not counted.
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    program = f"import time\nt = time.process_time()\n{code}\nprint(time.process_time() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", program], capture_output=True, text=True, check=True, env=env
            ).stdout.split()[-1]
        )
        for _ in range(repeat + 1)
    ]
    return min(runs[1:])


def bench_import(repeat: int) -> None:
    ours = fresh_process_seconds("import stretchkit", repeat)
    base = fresh_process_seconds("import attrs, cattrs", repeat)
    row(
        "import stretchkit (fresh process, CPU)",
        ms(ours),
        ms(base) + " import attrs, cattrs",
        ours / base,
        "<= +10 ms",
        ours - base <= 0.010,
    )
    # The command's start: `stretchkit --help`, less the import it shares with every use.
    help_code = (
        "import contextlib, io\nimport stretchkit\nfrom stretchkit._cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])"
    )
    helped = fresh_process_seconds(help_code, repeat)
    row(
        "stretchkit --help, beyond import stretchkit",
        ms(helped - ours),
        ms(ours) + " import stretchkit",
        (helped - ours) / ours,
        "<= 15 ms",
        helped - ours <= 0.015,
    )


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="small sizes and few repeats (for CI)")
    quick = p.parse_args().quick
    repeat = 2 if quick else 7
    t0 = time.perf_counter()

    app, seven = typical(), builtin()
    tl_app = bench_compose(app, "typical (327 entries)", repeat)
    bench_compose(scaled(4_000), "built-in x rounds", repeat)
    bench_from_json(tl_app, "typical (327 entries)", repeat)
    bench_from_json(sk.compose(seven), "built-in (7 stretches)", repeat)
    bench_to_json(tl_app, "typical (327 entries)", repeat)
    bench_routine(repeat)
    bench_duration(app, "typical", repeat)
    for size in (20_000,) if quick else (200_000, 1_000_000):
        tl = sk.compose(scaled(size), max_steps=2_000_000)
        bench_at(tl, 2_000 if quick else 100_000, 2 if quick else 3)
    if not quick:
        big = bench_compose(scaled(1_000_000), "built-in x rounds", 3)
        bench_from_json(big, "built-in x rounds", 2)
        bench_to_json(big, "built-in x rounds", 2)
    bench_memory(20_000 if quick else 1_000_000)
    bench_import(3 if quick else 15)

    headers = ("benchmark", "stretchkit", "baseline", "ratio", "budget met?")
    widths = [max(len(r[i]) for r in [headers, *ROWS]) for i in range(5)]
    print(f"stretchkit {sk.__version__} on Python {sys.version.split()[0]}{' (quick)' if quick else ''}")
    for r in [headers, tuple("-" * w for w in widths), *ROWS]:
        print(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)))
    print(f"({time.perf_counter() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
