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
from collections.abc import Callable, Mapping
from itertools import repeat
from operator import add
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final, TypeAlias, cast

import attrs

from stretchkit._enums import StepKind
from stretchkit._languages import DEFAULT, Texts, renderer
from stretchkit._model import Stretch, cue_in, name_in
from stretchkit._numbers import Number, seconds_list
from stretchkit._pattern import Pattern
from stretchkit._public import public
from stretchkit._texts import EN
from stretchkit._timeline import end_ms
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
    """The cues of a timeline, in time order; see ``Timeline.cues``.

    Made pattern by pattern (see :func:`cue_columns`), unless ``texts`` is a
    callable: an app's callable is asked for every cue, in step order, as
    :func:`cues_by_step` does.
    """
    _check_countdown(countdown)
    if callable(texts):
        return cues_by_step(timeline, countdown=countdown, language=language, texts=texts)
    times, said, kinds = cue_columns(timeline, countdown=countdown, language=language, texts=texts)
    return list(map(_make_cue, map(float, times), said, kinds))


def _check_countdown(countdown: object) -> None:
    ok = type(countdown) is int and countdown >= 0  # bools are ints but not counts
    if not ok:
        raise ValidationError([("countdown", f"expected a whole number >= 0, got {countdown!r}")])


# Cues are made by the thousand: skip attrs' __init__ (Cue has no converters
# or validators) and set the slots directly, as Step does.
_set_time, _set_text, _set_kind = (getattr(Cue, f.name).__set__ for f in attrs.fields(Cue))


def _make_cue(time: float, text: str, kind: CueKind) -> Cue:
    cue: Cue = object.__new__(Cue)
    _set_time(cue, time)
    _set_text(cue, text)
    _set_kind(cue, kind)
    return cue


#: Cues as three columns: each cue's time in seconds as documents write it
#: (``int`` when whole, else ``float``), its text and its kind (the
#: ``CueKind``, or its value for documents).
Columns: TypeAlias = tuple[list[Number], list[str], list[Any]]


def cue_columns(
    timeline: Timeline,
    *,
    countdown: int,
    language: str,
    texts: Mapping[str, str] | None = None,
    values: bool = False,
) -> Columns:
    """The cues of a timeline as three columns: times, texts and kinds (see
    :data:`Columns`; kinds as their values with ``values``).

    Exactly :func:`cues_by_step` (a differential test holds them together),
    made once per occurrence pattern of a distinct stretch and copied, one
    round's time later, into every occurrence: a cue depends only on the
    steps of its own occurrence (a countdown ends with its block of holds,
    and the last hold of an occurrence always ends one), and an occurrence's
    cues all fall before the next one starts, so putting them one after
    another is time order. Times are counted in whole seconds when every
    step is whole seconds (nearly always), else in ms and turned into
    seconds at the end. ``countdown`` is checked already.
    """
    say = renderer(language, texts)
    memo: dict[tuple[object, ...], str] = {}

    def said(key: str, **fields: object) -> str:
        # Templates are pure: each distinct text is filled once.
        found = memo.get(memo_key := (key, *fields.items()))
        if found is None:
            found = memo[memo_key] = say(key, **fields)
        return found

    layout = timeline._layout
    unit = 1000 if layout.whole else 1
    stretches = timeline.routine.stretches
    made: dict[tuple[int, int], Columns] = {}

    def occurrence(item: int, gap: int, p: Pattern) -> Columns:
        first = layout.firsts[item]
        found = made.get((first, gap))
        if found is None:
            stretch = stretches[first]

            def make() -> Columns:
                times, texts, kinds = _occurrence(p, stretch, gap, countdown, language, said)
                return [t // unit for t in times], texts, [k.value for k in kinds] if values else kinds

            # The language's own templates: the same texts for every timeline.
            key = ("cues", stretch, gap, countdown, language, unit, values)
            found = made[first, gap] = make() if texts else p.remember(key, make)
        return found

    times: list[int] = []
    texts_: list[str] = []
    kinds: list[Any] = []  # CueKind members, or their values
    t = 0

    def one_round(*, first: bool) -> None:
        nonlocal t
        for item, gap, p in layout.round(first=first):
            found = occurrence(item, gap, p)
            times.extend(map(add, found[0], repeat(t)))
            texts_.extend(found[1])
            kinds.extend(found[2])
            t += (gap + p.total) // unit

    one_round(first=True)
    more = timeline.routine.rounds - 1
    if more:
        begin, start = len(times), t
        one_round(first=False)
        period = t - start
        later = times[begin:]
        for k in range(1, more):
            times.extend(map(add, later, repeat(k * period)))
        texts_ += texts_[begin:] * (more - 1)
        kinds += kinds[begin:] * (more - 1)
    times.append(end_ms(timeline) // unit)
    texts_.append(said("cue.end"))
    kinds.append(CueKind.END.value if values else CueKind.END)
    return cast("list[Number]", times) if unit == 1000 else seconds_list(times), texts_, kinds


def _occurrence(  # noqa: PLR0917 - one occurrence's inputs, from cue_columns only
    p: Pattern, stretch: Stretch, gap: int, countdown: int, language: str, said: Callable[..., str]
) -> tuple[list[int], list[str], list[CueKind]]:
    """The cues of one occurrence of ``stretch`` (planned as ``p``), led by a
    transition of ``gap`` ms, by the rules of :func:`cues_by_step`: times
    in ms from the occurrence's start, its READY cue first."""
    times = [0]
    texts = [said("cue.ready", name=name_in(stretch, language))]
    kinds = [CueKind.READY]

    def add(time: int, kind: CueKind, key: str, **fields: object) -> None:
        times.append(time)
        texts.append(said(key, **fields))
        kinds.append(kind)

    rows = p.rows
    for j, (kind, side, rep, pose, ms) in enumerate(rows):
        start = gap + p.offsets[j]
        suffix = "" if side is None else f".{side.value}"
        if kind is StepKind.HOLD:
            if pose:
                held = stretch.poses[pose - 1]
                add(
                    start,
                    CueKind.START,
                    f"cue.start_pose{suffix}",
                    pose=name_in(held, language),
                    seconds=ms / 1000,
                )
                if held.breath is not None:
                    breath = said(f"breath.{held.breath.value}")
                    cue = cue_in(held, language)
                    if cue:
                        add(start, CueKind.BREATH, "cue.breath", breath=breath, cue=cue)
                    else:
                        add(start, CueKind.BREATH, "cue.breath_only", breath=breath)
            else:
                add(start, CueKind.START, f"cue.start{suffix}", seconds=ms / 1000)
            after = rows[j + 1] if j + 1 < len(rows) else None
            if after is None or after[0] is not StepKind.HOLD or (after[1], after[2]) != (side, rep):
                # The block of holds ends: count down inside its last hold.
                for n in range(min(countdown, (ms - 1) // 1000), 0, -1):
                    add(start + ms - n * 1000, CueKind.COUNTDOWN, "cue.countdown", n=n)
        elif kind is StepKind.SWITCH:
            add(start, CueKind.SWITCH, f"cue.switch{suffix}")
        elif kind is StepKind.REST:
            add(start, CueKind.REST, "cue.rest", seconds=ms / 1000)
    return times, texts, kinds


def cues_by_step(
    timeline: Timeline, *, countdown: int = 3, language: str = DEFAULT, texts: Texts | None = None
) -> list[Cue]:
    """The cues of a timeline, in time order, the plain way: step by step.

    The rules as they read (see the module's docstring); :func:`cue_columns`
    makes the same cues faster, and the tests compare the two. Used for an
    app's callable ``texts``, which is asked for every cue in step order.
    """
    _check_countdown(countdown)
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
