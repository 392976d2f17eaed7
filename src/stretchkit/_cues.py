"""Cues: time-ordered events a player can speak or show.

All the texts come from one mapping of templates (``CUE_TEXTS``); an app
replaces some or all of them, or passes a callable, to change the wording
or translate it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Final

import attrs

from stretchkit._enums import StepKind
from stretchkit._public import public
from stretchkit.exceptions import ValidationError

if TYPE_CHECKING:
    from stretchkit._timeline import Step, Timeline


@public
class CueKind(enum.Enum):
    """What a cue announces."""

    READY = "ready"  # the next stretch, by name
    START = "start"  # a hold starts: side and duration
    BREATH = "breath"  # a pose's breath and cue
    SWITCH = "switch"  # change sides
    REST = "rest"  # a rest starts
    COUNTDOWN = "countdown"  # seconds left in a hold
    END = "end"  # the routine is over


@public
@attrs.frozen(kw_only=True)
class Cue:
    """One event at ``time`` seconds: ``text`` to say or show, and its ``kind``."""

    time: float
    text: str
    kind: CueKind


#: The default English templates, by key. Fields in braces are filled in:
#: ``name`` (stretch), ``side`` / ``Side``, ``seconds``, ``pose``, ``cue``,
#: ``breath`` and ``n``.
CUE_TEXTS: Final[Mapping[str, str]] = {
    "ready": "Get ready: {name}",
    "start": "Hold {seconds} seconds",
    "start_side": "{Side} side, hold {seconds} seconds",
    "start_pose": "{pose}, hold {seconds} seconds",
    "start_pose_side": "{pose}, {side} side, hold {seconds} seconds",
    "breath": "{breath}: {cue}",
    "breath_only": "{breath}",
    "breath.inhale": "Inhale",
    "breath.exhale": "Exhale",
    "breath.hold": "Hold your breath",
    "breath.natural": "Breathe naturally",
    "switch": "Switch to the {side} side",
    "switch_unsided": "Switch sides",
    "rest": "Rest {seconds} seconds",
    "countdown": "{n}",
    "end": "Routine complete. Well done",
}

#: ``texts`` for :func:`cues`: templates by key, or a callable ``(key, fields) -> text``.
Texts = Mapping[str, str] | Callable[[str, Mapping[str, object]], str]


def _secs(seconds: float) -> str:
    return f"{seconds:g}"


def cues(timeline: Timeline, *, countdown: int = 3, texts: Texts | None = None) -> list[Cue]:
    """The cues of a timeline, in time order; see ``Timeline.cues``."""
    ok = type(countdown) is int and countdown >= 0  # bools are ints but not counts
    if not ok:
        raise ValidationError([("countdown", f"expected a whole number >= 0, got {countdown!r}")])
    if callable(texts):
        render = texts
    else:
        table = {**CUE_TEXTS, **(texts or {})}

        def render(key: str, fields: Mapping[str, object]) -> str:
            return table[key].format_map(fields)

    out: list[tuple[float, int, Cue]] = []

    def add(time: float, order: int, kind: CueKind, key: str, **fields: object) -> None:
        out.append((time, order, Cue(time=time, text=render(key, fields), kind=kind)))

    def block(step: Step | None) -> tuple[object, ...] | None:
        """Holds of one rep on one side (poses back to back) share a block."""
        if step is None or step.kind is not StepKind.HOLD:
            return None
        return (step.round, step.item, step.side, step.rep)

    steps = list(timeline)
    previous: Step | None = None
    block_start = 0.0
    for i, step in enumerate(steps):
        if previous is None or (previous.round, previous.item) != (step.round, step.item):
            add(step.start, 0, CueKind.READY, "ready", name=step.stretch.name)
        side = step.side.value if step.side else ""
        if step.kind is StepKind.HOLD:
            if block(previous) != block(step):
                block_start = step.start
            fields = {"seconds": _secs(step.duration), "side": side, "Side": side.capitalize()}
            if step.pose is not None:
                key = "start_pose_side" if side else "start_pose"
                add(step.start, 1, CueKind.START, key, pose=step.pose.name, **fields)
                if step.pose.breath is not None:
                    breath = render(f"breath.{step.pose.breath.value}", {})
                    key = "breath" if step.pose.cue else "breath_only"
                    add(step.start, 2, CueKind.BREATH, key, breath=breath, cue=step.pose.cue)
            else:
                add(step.start, 1, CueKind.START, "start_side" if side else "start", **fields)
            if block(steps[i + 1] if i + 1 < len(steps) else None) != block(step):
                for n in range(countdown, 0, -1):
                    t = (round(step.end * 1000) - n * 1000) / 1000
                    if t > block_start:
                        add(t, 3, CueKind.COUNTDOWN, "countdown", n=n)
        elif step.kind is StepKind.SWITCH:
            add(step.start, 1, CueKind.SWITCH, "switch" if side else "switch_unsided", side=side)
        elif step.kind is StepKind.REST:
            add(step.start, 1, CueKind.REST, "rest", seconds=_secs(step.duration))
        previous = step
    add(timeline.duration, 9, CueKind.END, "end")
    out.sort(key=lambda c: (c[0], c[1]))
    return [c for _, _, c in out]
