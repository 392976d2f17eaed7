"""Timeline documents: the steps column-wise, with labels and cues in one language.

A timeline document (format version 2) is what a frontend plays without any
other knowledge: the routine (each stretch once), the steps as columns (one
list per field of :data:`stretchkit._timeline.COLUMNS` marked ``document``,
``label`` among them), and the cues, ``{time, text, kind}``, all in the
document's ``language``. Reading one composes the routine again at its level
and checks every column and every cue against it, so a loaded timeline is
exactly one the composer would build; the labels and cues are never trusted,
only compared.

Version 1 had no ``language``, labels or cues; :func:`timeline_1_to_2` marks
them :data:`MADE_ON_LOADING`, and the reader makes them instead of checking.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import chain, repeat
from operator import itemgetter
from typing import Final, cast

import attrs

from stretchkit._compose import compose_resolved
from stretchkit._cues import cue_columns
from stretchkit._durations import resolve
from stretchkit._fields import INVALID, JSON, Invalid, unstructure_object
from stretchkit._languages import DEFAULT, language_problem
from stretchkit._model import Routine
from stretchkit._numbers import describe, number_problem, seconds
from stretchkit._problems import join
from stretchkit._range import check_level, level_problem
from stretchkit._structure import Structurer
from stretchkit._timeline import DOCUMENT_COLUMNS, Timeline, columns, end_ms

#: The countdown (seconds) of the cues a timeline document carries.
COUNTDOWN: Final = 3
#: The keys of a cue in a document, in the order they are written.
CUE_KEYS: Final = ("time", "text", "kind")

_KEYS: Final = ("language", "level", "duration", "routine", "steps", "cues")
_INT_COLUMNS: Final = frozenset({"item", "round", "rep", "reps", "pose"})
_TIME_COLUMNS: Final = frozenset({"start", "duration"})


class _MadeOnLoading:
    """Stands for the labels or cues of a version-1 document: made, not checked."""

    def __repr__(self) -> str:
        return "MADE_ON_LOADING"


#: What a migrated version-1 document holds in place of its labels and cues.
MADE_ON_LOADING: Final = _MadeOnLoading()


def cue_list(timeline: Timeline, language: str) -> list[JSON]:
    """The timeline's cues as document values: ``{time, text, kind}``, times as in the steps.

    Exactly ``timeline.cues(COUNTDOWN, language=language)``.
    """
    return _cue_dicts(*cue_columns(timeline, countdown=COUNTDOWN, language=language, values=True))


def _cue_dicts(times: Sequence[object], texts: list[str], kinds: list[str]) -> list[JSON]:
    return [
        {"time": time, "text": text, "kind": kind}
        for time, text, kind in zip(times, texts, kinds, strict=True)
    ]


def write_timeline(timeline: object, language: str = DEFAULT) -> JSON:
    """A timeline document's body in ``language`` (already checked)."""
    tl = cast(Timeline, timeline)
    return {
        "language": language,
        "level": tl.level,
        "duration": seconds(end_ms(tl)),
        "routine": unstructure_object(tl.routine),
        "steps": columns(tl, language=language),
        "cues": cue_list(tl, language),
    }


def timeline_json(timeline: Timeline, language: str, head: JSON) -> str:
    """A timeline document as compact JSON text, ``head`` (its version and
    type) first: exactly ``json.dumps`` of :func:`write_timeline`'s body, as
    ``to_json`` writes it without ``indent``, made faster.

    The routine's stretches are unstructured once per distinct stretch (the
    text repeats each; the dicts are shared, so this is only for text). The
    cues, the bulk of a document, are joined from their parts at C speed,
    each distinct text escaped once, instead of a dict per cue for
    ``json.dumps`` to walk. They are the last key, so their text closes the
    document's.
    """
    routine = timeline.routine
    made: dict[int, JSON] = {}
    stretches = []
    for first in timeline._layout.firsts:
        found = made.get(first)
        if found is None:
            found = made[first] = unstructure_object(routine.stretches[first])
        stretches.append(found)
    # The routine's other fields, unstructured without its many stretches.
    body = unstructure_object(attrs.evolve(routine, stretches=routine.stretches[:1]))
    body["stretches"] = stretches
    doc = {
        **head,
        "language": language,
        "level": timeline.level,
        "duration": seconds(end_ms(timeline)),
        "routine": body,
        "steps": columns(timeline, language=language),
    }
    text = json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return f'{text[:-1]},"cues":{_cues_json(timeline, language)}}}'


def _cues_json(timeline: Timeline, language: str) -> str:
    """``json.dumps(cue_list(timeline, language))``, compact, joined from parts."""
    times, texts, kinds = cue_columns(timeline, countdown=COUNTDOWN, language=language, values=True)
    text_json = {text: ',"text":' + json.dumps(text, ensure_ascii=False) for text in set(texts)}
    kind_json = {kind: ',"kind":' + json.dumps(kind) + "}" for kind in set(kinds)}
    parts = zip(
        repeat(',{"time":'),
        map(repr, times),  # what json writes for an int or a float
        map(text_json.__getitem__, texts),
        map(kind_json.__getitem__, kinds),
        strict=False,
    )
    return "[" + "".join(chain.from_iterable(parts))[1:] + "]"


def timeline_1_to_2(doc: dict[str, object]) -> dict[str, object]:
    """Version 1 to 2: English, with the labels and the cues made on loading."""
    out = {"language": DEFAULT, **doc}
    steps = out.get("steps")
    if isinstance(steps, dict) and "label" not in steps:
        out["steps"] = {**steps, "label": MADE_ON_LOADING}
    out.setdefault("cues", MADE_ON_LOADING)
    return out


def read_timeline(data: object, path: str, s: Structurer) -> Timeline | Invalid:
    """A timeline from a document's body; every problem recorded in ``s``."""
    if not isinstance(data, dict):
        s.problems.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(s.problems)
    s.unknown_keys(data, _KEYS, path)
    for key in _KEYS:
        if key not in data:
            s.problems.add(join(path, key), "required")
    language = data.get("language")
    if "language" in data and (problem := language_problem(language)) is not None:
        s.problems.add(join(path, "language"), problem)
    level = data.get("level")
    if "level" in data and (problem := level_problem(level)) is not None:
        s.problems.add(join(path, "level"), problem)
    routine = s.build(Routine, data["routine"], join(path, "routine")) if "routine" in data else INVALID
    steps = data.get("steps")
    steps_path = join(path, "steps")
    if "steps" in data:
        if not isinstance(steps, dict):
            s.problems.add(steps_path, f"expected an object, got {describe(steps)}")
        else:
            s.unknown_keys(steps, DOCUMENT_COLUMNS, steps_path)
            for key in DOCUMENT_COLUMNS:
                if key not in steps:
                    s.problems.add(join(steps_path, key), "required")
                elif not isinstance(steps[key], list) and steps[key] is not MADE_ON_LOADING:
                    s.problems.add(join(steps_path, key), f"expected a list, got {describe(steps[key])}")
    cues = data.get("cues")
    if "cues" in data and not isinstance(cues, list) and cues is not MADE_ON_LOADING:
        s.problems.add(join(path, "cues"), f"expected a list, got {describe(cues)}")
    if len(s.problems) > before:
        return INVALID
    assert isinstance(routine, Routine)  # noqa: S101 - no problems means it structured
    assert isinstance(steps, dict)  # noqa: S101
    assert isinstance(language, str)  # noqa: S101
    level = check_level(level)
    resolved = resolve(routine, level)  # once, for the size check and the composer
    if not _sizes_fit(routine, level, resolved.steps, steps, path, s):
        return INVALID
    timeline = compose_resolved(routine, level, resolved, max_steps=s.max_steps)
    duration = data["duration"]
    if number_problem(duration) is not None or duration != timeline.duration:
        expected = seconds(end_ms(timeline))
        s.problems.add(
            join(path, "duration"),
            f"expected {expected!r} (the routine at its level), got {describe(duration)}",
        )
    expected_columns = columns(timeline, language=language)
    for key in DOCUMENT_COLUMNS:
        got, want = steps[key], expected_columns[key]
        if got is not MADE_ON_LOADING and not _same_column(key, got, want):
            why = f"the routine's label in {language!r}" if key == "label" else "the routine at its level"
            _column_problem(key, got, want, join(steps_path, key), s, why=why)
    if cues is not MADE_ON_LOADING:
        _check_cues(cast(list[object], cues), timeline, join(path, "cues"), language, s)
    return INVALID if len(s.problems) > before else timeline


def _sizes_fit(  # noqa: PLR0917 - the document's parts, in order
    routine: Routine, level: float, count: int, steps: dict[str, object], path: str, s: Structurer
) -> bool:
    """What the routine at its level would be, in closed form (``count``
    steps): a document that claims an enormous expansion, or columns of the
    wrong size, are refused before anything is expanded."""
    if count > s.max_steps:
        s.problems.add(
            path,
            f"{routine.name!r} at level {level} would have {count} steps, over the limit of "
            f"{s.max_steps} (a loader's max_steps can raise it)",
        )
        return False
    fits = True
    for key in DOCUMENT_COLUMNS:
        column = steps[key]
        if column is not MADE_ON_LOADING and len(column) != count:  # type: ignore[arg-type]
            expected = f"expected {count} entries (the routine at its level), got {len(column)}"  # type: ignore[arg-type]
            s.problems.add(join(join(path, "steps"), key), expected)
            fits = False
    return fits


def _same_column(key: str, got: list[object], expected: list[object]) -> bool:
    """Whether a column is exactly as expected, at C speed. Equal values can
    still be the wrong type (``True == 1``); a whole-valued float is a whole
    number (``1.0 == 1``), as in JSON Schema."""
    numeric = key in _INT_COLUMNS or key in _TIME_COLUMNS
    return got == expected and (not numeric or _all_numbers(got))


def _column_problem(
    key: str, got: list[object], expected: list[object], path: str, s: Structurer, *, why: str
) -> None:
    """Name the first entry of a column that is not as expected (if any is)."""
    if len(got) != len(expected):
        s.problems.add(path, f"expected {len(expected)} entries (the routine at its level), got {len(got)}")
        return
    numeric = key in _INT_COLUMNS or key in _TIME_COLUMNS
    for i, (a, b) in enumerate(zip(got, expected, strict=True)):
        if a != b or (numeric and type(a) not in {int, float}):
            s.problems.add(join(path, i), f"expected {b!r} ({why}), got {describe(a)}")
            return


def _all_numbers(values: list[object]) -> bool:
    """Whether every value is an ``int`` or a ``float`` (not a bool), at C speed:
    first the common case, all ``int``, then any mix of the two."""
    types = list(map(type, values))
    return types == [int] * len(types) or set(types) <= {int, float}


def _check_cues(got: list[object], timeline: Timeline, path: str, language: str, s: Structurer) -> None:
    """The cues must be the timeline's in ``language`` (countdown 3); the first difference is named."""
    times, texts, kinds = cue_columns(timeline, countdown=COUNTDOWN, language=language, values=True)
    why = f"the routine's cues in {language!r}"
    if len(got) != len(times):
        s.problems.add(path, f"expected {len(times)} cues ({why}), got {len(got)}")
        return
    if _same_cues(got, times, texts, kinds):
        return
    expected = _cue_dicts(times, texts, kinds)
    if got == expected and not _bool_time([cast(JSON, cue)["time"] for cue in got], times):
        return  # equal mappings that are not plain dicts, as before
    for i, (cue, want) in enumerate(zip(got, expected, strict=True)):
        at = join(path, i)
        if not isinstance(cue, dict):
            s.problems.add(at, f"expected an object, got {describe(cue)}")
            return
        before = len(s.problems)
        s.unknown_keys(cue, CUE_KEYS, at)
        for key in CUE_KEYS:
            if key not in cue:
                s.problems.add(join(at, key), "required")
            elif cue[key] != want[key] or type(cue[key]) is bool:
                s.problems.add(join(at, key), f"expected {want[key]!r} ({why}), got {describe(cue[key])}")
        if len(s.problems) > before:
            return


_TIME, _TEXT, _KIND = map(itemgetter, CUE_KEYS)


def _same_cues(got: list[object], times: Sequence[object], texts: list[str], kinds: list[str]) -> bool:
    """Whether the cues are exactly these, checked column by column at C speed.

    True only when every cue is a plain dict of exactly the three keys, with
    the expected values; a time may be a whole float but not a bool. False
    sends the cues to the slow check, which names the first difference.
    """
    n = len(got)
    if list(map(type, got)) != [dict] * n or list(map(len, cast("list[JSON]", got))) != [len(CUE_KEYS)] * n:
        return False
    cues = cast("list[dict[str, object]]", got)
    try:
        got_times = list(map(_TIME, cues))
        same = list(map(_TEXT, cues)) == texts and list(map(_KIND, cues)) == kinds and got_times == times
    except KeyError:  # another key in place of one of these
        return False
    return same and not _bool_time(got_times, times)


def _bool_time(got: list[object], expected: Sequence[object]) -> bool:
    """Whether a time is a bool, in times equal to ``expected``.

    ``True == 1``: a bool equal to a number can only stand for 0 or 1, so
    only the first cues, those at most 1 s in (cues are in time order), need
    a look, not all of them.
    """
    for time, want in zip(got, expected, strict=True):
        if cast(float, want) > 1:
            return False
        if type(time) is bool:
            return True
    return False
