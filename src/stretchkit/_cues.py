"""Cues: time-ordered events a player can speak or show.

The rules, for one voice that must never talk over itself:

- At the start of each stretch occurrence: get ready, with its name.
- At the start of each hold: its side (if any) and duration; for a pose, its
  name, and then its breath and cue.
- At the start of a switch: the side to switch to; of a rest: its duration.
- Before each hold *block* ends (the holds of one rep on one side: a stretch's
  poses back to back), a countdown of the last ``countdown`` seconds, one cue
  a second. A countdown cue falls strictly inside the last hold of its block,
  so it never shares an instant with another cue and never speaks over a
  pose's own cues: in a flow of short poses, only the last numbers are said.
- At the end: done.

Texts come from the language's templates (:mod:`stretchkit._texts`); an app
may replace some of them, or pass a callable, to change the wording.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, Final

import attrs

from stretchkit._enums import StepKind
from stretchkit._languages import DEFAULT, Texts, renderer
from stretchkit._model import cue_in, name_in
from stretchkit._public import public
from stretchkit._texts import EN
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


#: The English templates of the cues, by key (``cue.*`` and ``breath.*``):
#: what ``texts=`` may replace. Fields in braces are filled in: ``name``
#: (stretch), ``seconds``, ``pose``, ``cue``, ``breath`` and ``n``; a dict
#: holds the singular and plural forms.
CUE_TEXTS: Final[Mapping[str, object]] = MappingProxyType(
    {key: value for key, value in EN.items() if key.startswith(("cue.", "breath."))}
)


def cues(
    timeline: Timeline, *, countdown: int = 3, language: str = DEFAULT, texts: Texts | None = None
) -> list[Cue]:
    """The cues of a timeline, in time order; see ``Timeline.cues``."""
    ok = type(countdown) is int and countdown >= 0  # bools are ints but not counts
    if not ok:
        raise ValidationError([("countdown", f"expected a whole number >= 0, got {countdown!r}")])
    say = renderer(language, texts)
    out: list[tuple[float, int, Cue]] = []
    # The same few texts recur all through a long timeline: fill each once
    # (templates are pure; an app's callable is asked every time).
    memo: dict[tuple[object, ...], str] | None = None if callable(texts) else {}

    def add(time: float, order: int, kind: CueKind, key: str, **fields: object) -> None:
        if memo is None:
            text = say(key, **fields)
        else:
            found = memo.get(memo_key := (key, *fields.items()))
            text = memo[memo_key] = say(key, **fields) if found is None else found
        out.append((time, order, Cue(time=time, text=text, kind=kind)))

    def block(step: Step | None) -> tuple[object, ...] | None:
        """Holds of one rep on one side (poses back to back) share a block."""
        if step is None or step.kind is not StepKind.HOLD:
            return None
        return (step.round, step.item, step.side, step.rep)

    steps = list(timeline)
    previous: Step | None = None
    for i, step in enumerate(steps):
        if previous is None or (previous.round, previous.item) != (step.round, step.item):
            add(step.start, 0, CueKind.READY, "cue.ready", name=name_in(step.stretch, language))
        side = "" if step.side is None else f".{step.side.value}"
        if step.kind is StepKind.HOLD:
            seconds = step.duration
            if step.pose is not None:
                pose = step.pose
                pose_name = name_in(pose, language)
                add(step.start, 1, CueKind.START, f"cue.start_pose{side}", pose=pose_name, seconds=seconds)
                if pose.breath is not None:
                    breath = say(f"breath.{pose.breath.value}")
                    cue = cue_in(pose, language)
                    if cue:
                        add(step.start, 2, CueKind.BREATH, "cue.breath", breath=breath, cue=cue)
                    else:
                        add(step.start, 2, CueKind.BREATH, "cue.breath_only", breath=breath)
            else:
                add(step.start, 1, CueKind.START, f"cue.start{side}", seconds=seconds)
            if block(steps[i + 1] if i + 1 < len(steps) else None) != block(step):
                start_ms, end_ms = round(step.start * 1000), round(step.end * 1000)
                # The seconds that fall strictly inside the block's last hold: end - n s > start.
                for n in range(min(countdown, (end_ms - start_ms - 1) // 1000), 0, -1):
                    add((end_ms - n * 1000) / 1000, 3, CueKind.COUNTDOWN, "cue.countdown", n=n)
        elif step.kind is StepKind.SWITCH:
            add(step.start, 1, CueKind.SWITCH, f"cue.switch{side}")
        elif step.kind is StepKind.REST:
            add(step.start, 1, CueKind.REST, "cue.rest", seconds=step.duration)
        previous = step
    add(timeline.duration, 9, CueKind.END, "cue.end")
    out.sort(key=lambda c: (c[0], c[1]))
    return [c for _, _, c in out]
