"""FIT workout files, for watches that guide a workout step by step.

Needs the optional extra ``fit``: fit-tool writes the file, and is imported
only when :func:`to_fit` runs. A FIT workout is a ``file_id`` message, a
``workout`` message (sport ``training``, sub-sport ``flexibility_training``)
and one ``workout_step`` message per step: a time step for each of our
steps, and repeat steps where reps repeat (see :mod:`._fold`).

fit-tool is easy to misuse without noticing; the lessons are kept next to
the code they shaped.
"""

from __future__ import annotations

import operator
import zlib
from collections.abc import Sequence
from typing import Any, Final, NamedTuple, cast

from stretchkit._enums import Side, StepKind
from stretchkit._languages import DEFAULT, check_language
from stretchkit._model import Routine
from stretchkit._pattern import name_label
from stretchkit._problems import Problems
from stretchkit._timeline import Timeline, columns, starts_ms
from stretchkit.exceptions import StretchkitError, TimelineTooLarge, ValidationError
from stretchkit.export._fold import Repeat, fold

#: The intensity a watch shows for each kind of step.
INTENSITY: Final = {
    StepKind.HOLD: "active",
    StepKind.REST: "rest",
    StepKind.SWITCH: "rest",
    StepKind.TRANSITION: "recovery",
}

#: Names are cut to this many bytes of UTF-8 (the FIT profile sets no limit;
#: watches show fewer characters anyway).
NAME_BYTES: Final = 50

#: The workout steps :func:`to_fit` writes at most unless told otherwise.
MAX_STEPS: Final = 50

#: The most workout steps a FIT file can number: ``message_index`` keeps its
#: top four bits for flags, which leaves 12 for the index.
FIT_MAX_STEPS: Final = 4096

#: ``file_id.time_created``, fixed so that the same timeline gives the same
#: bytes: 2021-09-08T01:46:40Z, FIT's second 1,000,000,000. fit-tool takes
#: dates as Unix milliseconds and writes FIT seconds (from 1989-12-31).
TIME_CREATED_MS: Final = (1_000_000_000 + 631_065_600) * 1000

#: The category and name numbers of a FIT exercise, e.g. ``(31, 38)``.
Exercise = tuple[int, int]


class WorkoutStep(NamedTuple):
    """One time step as a watch sees it; equal steps may share a repeat."""

    intensity: str
    ms: int
    name: str
    exercise: Exercise | None


def fit_text(text: str) -> str:
    """``text`` cut to at most :data:`NAME_BYTES` bytes of UTF-8, on a
    character boundary, without trailing spaces.

    >>> fit_text("Knie zur Brust — links")
    'Knie zur Brust — links'
    >>> len(fit_text("—" * 20).encode())  # 3 bytes each: a 17th would pass 50
    48
    """
    return text.encode("utf-8")[:NAME_BYTES].decode("utf-8", "ignore").rstrip()


def _check_max_steps(max_steps: object) -> int:
    if isinstance(max_steps, bool) or not isinstance(max_steps, int) or not 1 <= max_steps <= FIT_MAX_STEPS:
        problem = f"expected a whole number from 1 to {FIT_MAX_STEPS}, got {max_steps!r}"
        raise ValidationError([("max_steps", problem)])
    return max_steps


def _require_fit_tool() -> None:
    try:
        import fit_tool  # noqa: F401, PLC0415 - the optional extra
    except ImportError:
        msg = "FIT files need the optional extra: pip install 'stretchkit[fit]'"
        raise StretchkitError(msg) from None


def exercise_numbers(code: str) -> Exercise | None:
    """The numbers of a FIT exercise written ``"category/exercise_name"`` as
    in the FIT profile (``"warm_up/stretch_cat_cow"`` gives ``(31, 38)``),
    or None if the profile has no such exercise. Needs fit-tool."""
    from fit_tool.profile import profile_type  # noqa: PLC0415 - the optional extra

    category, _, name = code.partition("/")
    # fit-tool's enums: ExerciseCategory, and one <Category>ExerciseName per
    # category, whose members are the profile's names in capitals, with an N
    # before a leading digit (N45_DEGREE_CABLE_EXTERNAL_ROTATION).
    found = profile_type.ExerciseCategory.__members__.get(category.upper())
    camel = "".join(word.capitalize() for word in category.split("_"))
    names = getattr(profile_type, f"{camel}ExerciseName", None) if found else None
    member = ("N" if name[:1].isdigit() else "") + name.upper()
    exercise = names.__members__.get(member) if names else None
    # Only the profile's own spelling: lowercase, without fit-tool's N.
    if exercise is None or code != code.lower() or (name[:1] == "n" and name[1:2].isdigit()):
        return None
    return found.value, exercise.value


def _exercises(routine: Routine) -> list[Exercise | None]:
    """The FIT exercise of each stretch of the routine, by item, from its ``codes["fit"]``."""
    problems = Problems()
    found: list[Exercise | None] = []
    for item, stretch in enumerate(routine.stretches):
        code = stretch.codes.get("fit")
        numbers = None if code is None else exercise_numbers(code)
        if code is not None and numbers is None:
            problems.add(
                f"routine.stretches[{item}].codes.fit",
                f"stretch {stretch.id!r}: {code!r} is not an exercise of the FIT profile; "
                "expected 'category/exercise_name', such as 'warm_up/stretch_cat_cow'",
            )
        found.append(numbers)
    problems.raise_if_any()
    return found


def workout_steps(timeline: Timeline, language: str = DEFAULT) -> list[WorkoutStep]:
    """One time step per step of ``timeline``, before folding. Needs fit-tool."""
    stretches = timeline.routine.stretches
    exercises = _exercises(timeline.routine)
    # Column-wise: building a Step object for each of a million steps would
    # take ten times as long. Equal steps share one WorkoutStep.
    cols = columns(timeline)
    kinds, sides = cast("list[str]", cols["kind"]), cast("list[str]", cols["side"])
    items, poses = cast("list[int]", cols["item"]), cast("list[int]", cols["pose"])
    starts = starts_ms(timeline)
    durations = map(operator.sub, starts[1:], starts)  # in ms
    made: dict[tuple[str, str, int, int, int], WorkoutStep] = {}
    steps = []
    for key in zip(kinds, sides, items, poses, durations, strict=True):
        step = made.get(key)
        if step is None:
            kind_value, side_value, item, pose, ms = key
            kind, stretch = StepKind(kind_value), stretches[item]
            side = None if side_value == "none" else Side(side_value)
            label = name_label(kind, side, stretch, stretch.poses[pose] if pose >= 0 else None, language)
            exercise = exercises[item] if kind is StepKind.HOLD else None
            step = made[key] = WorkoutStep(INTENSITY[kind], ms, fit_text(label), exercise)
        steps.append(step)
    return steps


def to_fit(timeline: Timeline, *, language: str = DEFAULT, max_steps: int = MAX_STEPS) -> bytes:
    """A FIT workout file of ``timeline``, for a watch to guide it step by step.

    The workout is named after the routine (sport ``training``, sub-sport
    ``flexibility_training``). Each step becomes a time step of its
    duration: a hold is ``active``, a rest or a switch ``rest``, a
    transition ``recovery``. A step is named by its label without the rep
    count (``"Seated Twist — left"``), in ``language``; names are cut to 50
    bytes of UTF-8. A hold of a stretch whose ``codes`` has a ``"fit"``
    exercise (``"warm_up/stretch_cat_cow"``) carries that exercise. Reps
    that repeat are folded into repeat steps; played back, the file gives
    exactly the timeline's steps. The same timeline gives the same bytes.

    Needs the optional extra ``fit``: ``pip install 'stretchkit[fit]'``.

    Args:
        timeline: What to write.
        language: The language of the step names, one of :func:`stretchkit.languages`.
        max_steps: The most workout steps (repeat steps included) to write,
            up to 4,096. How many a watch takes is not documented; the
            built-in routine needs 35.

    Raises:
        StretchkitError: fit-tool is not installed.
        ValidationError: A stretch's FIT code is not an exercise of the FIT
            profile, ``language`` is unknown, or ``max_steps`` is out of range.
        TimelineTooLarge: The workout needs more than ``max_steps`` steps;
            ``steps`` says how many it needs (at least).
    """
    if not isinstance(timeline, Timeline):
        raise ValidationError([("timeline", f"expected a Timeline, got {type(timeline).__name__}")])
    check_language(language)
    limit = _check_max_steps(max_steps)
    _require_fit_tool()
    steps = workout_steps(timeline, language)
    name = timeline.routine.name
    # Every different step is written at least once. Checking that first
    # spares folding a timeline that cannot fit.
    distinct = len(set(steps))
    if distinct > limit:
        msg = f"{name!r} needs at least {distinct} FIT workout steps, over the limit of {limit}"
        raise TimelineTooLarge(msg, steps=distinct, limit=limit)
    entries = fold(steps)
    if len(entries) > limit:
        msg = f"{name!r} needs {len(entries)} FIT workout steps, over the limit of {limit}"
        raise TimelineTooLarge(msg, steps=len(entries), limit=limit)
    return encode(fit_text(name), entries)


# -- writing, with fit-tool -----------------------------------------------------

# Local message types, one per shape of message, so that each definition is
# written once (every message defaults to local type 0, and fit-tool would
# define type 0 again at every change of shape).
_FILE_ID, _WORKOUT, _STEP, _EXERCISE_STEP, _REPEAT = range(5)


def _message(cls: Any, local_id: int, **fields: object) -> Any:
    """A fit-tool message with ``fields`` set, in the order given.

    The order matters: setting ``duration_time`` (or ``target_value``)
    goes through the sub-field that ``duration_type`` (``target_type``)
    selects at that moment, which decides the scale. So ``duration_type``
    comes first.

    fit-tool ignores a field name it does not know: the message simply gets
    a Python attribute and the file lacks the field (its names are
    ``workout_step_name`` and ``workout_name``, not the profile's
    ``wkt_step_name`` and ``wkt_name``; a count set as ``repeat_steps`` is
    lost). So every name is checked against the class's fields.
    """
    message = cls(local_id=local_id)
    for name, value in fields.items():
        if not isinstance(getattr(cls, name, None), property):
            msg = f"this version of fit-tool has no field {name!r} in {cls.__name__}"
            raise StretchkitError(msg)
        setattr(message, name, value)
    return message


def encode(name: str, entries: Sequence[WorkoutStep | Repeat]) -> bytes:
    """The FIT file of a workout named ``name``: ``entries`` in order, each a
    time step or a flat repeat of the steps before it. Needs fit-tool."""
    from fit_tool.fit_file import FitFile  # noqa: PLC0415 - the optional extra
    from fit_tool.fit_file_builder import FitFileBuilder, calc_crc, calc_records_size  # noqa: PLC0415
    from fit_tool.fit_file_header import FitFileHeader, ProtocolVersion  # noqa: PLC0415
    from fit_tool.profile import profile_type as pt  # noqa: PLC0415
    from fit_tool.profile.messages.file_id_message import FileIdMessage  # noqa: PLC0415
    from fit_tool.profile.messages.workout_message import WorkoutMessage  # noqa: PLC0415
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage  # noqa: PLC0415

    messages = [
        _message(
            FileIdMessage,
            _FILE_ID,
            type=pt.FileType.WORKOUT,
            manufacturer=pt.Manufacturer.DEVELOPMENT.value,
            product=0,
            # FIT wants type, manufacturer, product and serial number to tell
            # files apart: a checksum of the content does, and stays the same
            # for the same workout. 0 is not a valid serial number.
            serial_number=zlib.crc32(repr((name, list(entries))).encode()) or 1,
            time_created=TIME_CREATED_MS,
        ),
        _message(
            WorkoutMessage,
            _WORKOUT,
            workout_name=name,
            sport=pt.Sport.TRAINING,
            sub_sport=pt.SubSport.FLEXIBILITY_TRAINING,
            # Repeat steps count too, as in Garmin's own workout example.
            # (fit-tool's strict mode expects them left out, so it is not used.)
            num_valid_steps=len(entries),
        ),
    ]
    for index, entry in enumerate(entries):
        if isinstance(entry, Repeat):
            messages.append(
                _message(
                    WorkoutStepMessage,
                    _REPEAT,
                    message_index=index,
                    duration_type=pt.WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT,
                    duration_value=entry.first,  # the sub-field duration_step: the index to go back to
                    target_type=pt.WorkoutStepTarget.OPEN,
                    target_value=entry.runs,  # the sub-field repeat_steps: runs in all, the first included
                )
            )
            continue
        exercise = {}
        if entry.exercise is not None:
            exercise = {"exercise_category": entry.exercise[0], "exercise_name": entry.exercise[1]}
        messages.append(
            _message(
                WorkoutStepMessage,
                _STEP if entry.exercise is None else _EXERCISE_STEP,
                message_index=index,
                workout_step_name=entry.name,
                duration_type=pt.WorkoutStepDuration.TIME,
                duration_time=entry.ms / 1000,  # seconds in, milliseconds in the file
                target_type=pt.WorkoutStepTarget.OPEN,
                intensity=pt.Intensity[entry.intensity.upper()],
                **exercise,
            )
        )
    # Strings are written NAME_BYTES + 1 wide (the NUL included), so that a
    # longer name never needs a new definition either.
    builder = FitFileBuilder(auto_define=True, min_string_size=NAME_BYTES + 1)
    builder.add_all(messages)
    # builder.build() would declare protocol 2.3 in a 12-byte header. Nothing
    # here needs FIT 2.0, and Garmin's workout example writes 1.0, which every
    # reader takes: so the 14-byte header of 1.0, with its own checksum.
    header = FitFileHeader(
        calc_records_size(builder.records), protocol_version=ProtocolVersion(1, 0), gen_crc=True
    )
    data: bytes = FitFile(header, builder.records, calc_crc(header, builder.records)).to_bytes()
    return data
