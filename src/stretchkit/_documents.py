"""Documents: every stretchkit object to and from plain dicts.

The document types and their header (version, type), migrations, the
column-wise timeline and catalog documents, and the one private cattrs
converter, configured in :func:`configure_converter`. Model objects are
read and written by the engine in ``_structure``, driven by the same field
specs the model validates with and the JSON Schema is generated from.

Loading is strict (no coercion) and collects every problem of a document,
each as ``$.path: message``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from itertools import chain, islice, repeat
from typing import Final, TypeVar, cast, overload

import cattrs

from stretchkit import _validate as v
from stretchkit._catalog import Catalog
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._range import Range, describe, number_problem, seconds
from stretchkit._structure import (
    INVALID,
    JSON,
    _Context,
    _context,
    _Invalid,
    _key,
    _number,
    _structure_list,
    _structure_obj,
    _structure_range,
    _unstructure_obj,
    unstructure_range,
)
from stretchkit._timeline import Timeline
from stretchkit.exceptions import StretchkitError, ValidationError

__all__ = [
    "FORMAT_VERSION",
    "configure_converter",
    "converter",
    "from_dict",
    "make_converter",
    "migrate",
    "to_dict",
]

#: The document format version this stretchkit writes.
FORMAT_VERSION: Final = 1

#: Migrations, one per version step: ``MIGRATIONS[n]`` turns a version-``n``
#: document into a version ``n + 1`` one. Empty while only version 1 exists.
MIGRATIONS: dict[int, Callable[[dict[str, object]], dict[str, object]]] = {}

DOC_TYPES: Final[dict[type, str]] = {
    Stretch: "stretch",
    Routine: "routine",
    Timeline: "timeline",
    Catalog: "catalog",
}

Doc = TypeVar("Doc", Stretch, Routine, Timeline, Catalog, Pose, Range)


# -- timelines ----------------------------------------------------------------

KIND_NAMES: Final = ("hold", "rest", "switch", "transition")
SIDE_NAMES: Final = ("none", "left", "right")
STEP_COLUMNS: Final = ("start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose")
_INT_COLUMNS: Final = frozenset({"item", "round", "rep", "reps", "pose"})
_TIME_COLUMNS: Final = frozenset({"start", "duration"})


def steps_columns(timeline: Timeline, *, exact: bool = True) -> dict[str, list[object]]:
    """A timeline's steps as document columns (one list per field).

    Every round after the first has the same steps, so each column but
    ``start`` and ``round`` is round 1's part plus one later round's part
    repeated, built at C speed. With ``exact=False`` times are all floats
    (quicker; equal, as numbers, to the exact columns).
    """
    start, packed, reps = timeline._start, timeline._packed, timeline._reps
    first, period, more = timeline._first, timeline._period, timeline.routine.rounds - 1
    parts = (range(first), range(first, first + period if more else first))

    def column(value: Callable[[int], object]) -> list[object]:
        head, tail = ([value(packed[i]) for i in part] for part in parts)
        return head + tail * more

    def duration(i: int) -> object:
        return seconds(start[i + 1] - start[i])

    head, tail = ([duration(i) for i in part] for part in parts)
    n = len(packed)
    if exact:
        # _range.seconds, inlined: this is the one per-step loop of writing.
        starts = [ms // 1000 if ms % 1000 == 0 else ms / 1000 for ms in islice(start, n)]
    else:
        starts = [ms / 1000 for ms in islice(start, n)]
    return {
        "start": starts,  # type: ignore[dict-item]
        "duration": head + tail * more,
        "kind": column(lambda v: KIND_NAMES[v & 3]),
        "item": column(lambda v: v >> 32),
        "round": [1] * first + list(chain.from_iterable(repeat(r, period) for r in range(2, more + 2))),  # type: ignore[dict-item]
        "side": column(lambda v: SIDE_NAMES[(v >> 2) & 3]),
        "rep": column(lambda v: (v >> 16) & 0xFFFF),
        "reps": column(lambda v: reps[v >> 32]),
        "pose": column(lambda v: ((v >> 8) & 0xFF) - 1),
    }


def _unstructure_timeline(timeline: Timeline) -> JSON:
    return {
        "level": timeline.level,
        "duration": seconds(timeline._start[-1]),
        "routine": _unstructure_obj(timeline.routine),
        "steps": steps_columns(timeline),
    }


def _structure_timeline(data: object, path: str, ctx: _Context) -> Timeline | _Invalid:
    from stretchkit._compose import compose  # noqa: PLC0415

    if not isinstance(data, dict):
        ctx.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(ctx.problems)
    for key in data.keys() - {"level", "duration", "routine", "steps"}:
        ctx.add(_key(path, str(key)), "unknown key")
    for key in ("level", "duration", "routine", "steps"):
        if key not in data:
            ctx.add(_key(path, key), "required")
    level = data.get("level")
    if "level" in data:
        problem = number_problem(level)
        if problem is None and not 0 <= level <= 1:  # type: ignore[operator]
            problem = f"must be between 0 and 1, got {level!r}"
        if problem:
            ctx.add(f"{path}.level", problem)
    routine = (
        _structure_obj(Routine, data["routine"], f"{path}.routine", ctx) if "routine" in data else INVALID
    )
    steps = data.get("steps")
    if "steps" in data:
        if not isinstance(steps, dict):
            ctx.add(f"{path}.steps", f"expected an object, got {describe(steps)}")
        else:
            for key in steps:
                if key not in STEP_COLUMNS:
                    ctx.add(_key(f"{path}.steps", str(key)), "unknown key")
            for key in STEP_COLUMNS:
                if key not in steps:
                    ctx.add(f"{path}.steps.{key}", "required")
                elif not isinstance(steps[key], list):
                    ctx.add(f"{path}.steps.{key}", f"expected a list, got {describe(steps[key])}")
    if len(ctx.problems) > before:
        return INVALID
    assert isinstance(routine, Routine)  # noqa: S101 - no problems means it structured
    assert isinstance(steps, dict)  # noqa: S101
    try:
        timeline = compose(routine, cast(float, level))
    except StretchkitError as e:
        ctx.add(path, str(e))
        return INVALID
    duration = data["duration"]
    if not _number(duration) or duration != timeline.duration:
        ctx.add(
            f"{path}.duration",
            f"expected {seconds(timeline._start[-1])!r} (the routine at its level), got {describe(duration)}",
        )
    expected = steps_columns(timeline, exact=False)
    for key in STEP_COLUMNS:
        _check_column(key, steps[key], expected[key], f"{path}.steps.{key}", ctx)
    return INVALID if len(ctx.problems) > before else timeline


def _check_column(key: str, got: list[object], expected: list[object], path: str, ctx: _Context) -> None:
    if len(got) != len(expected):
        ctx.add(path, f"expected {len(expected)} entries (the routine at its level), got {len(got)}")
        return
    if got == expected:
        # Equal values can still be the wrong type: 1.0 == 1 and True == 1.
        if key in _INT_COLUMNS:
            types = set(map(type, got))
            if types <= {int}:
                return
        elif key in _TIME_COLUMNS:
            types = set(map(type, got))
            if types <= {int, float}:
                return
        else:
            return
    for i, (a, b) in enumerate(zip(got, expected, strict=True)):
        if a != b or type(a) is bool or (key in _INT_COLUMNS and type(a) is not int):
            ctx.add(f"{path}[{i}]", f"expected {b!r} (the routine at its level), got {describe(a)}")
            return


# -- catalogs -----------------------------------------------------------------


def _unstructure_catalog(cat: Catalog) -> JSON:
    stretches = list(cat.stretches.values())
    routines: list[JSON] = []
    for routine in cat.routines.values():
        body = _unstructure_obj(routine)
        body["stretches"] = [_stretch_ref(s, cat) for s in routine.stretches]
        routines.append(body)
    return {"stretches": [_unstructure_obj(s) for s in stretches], "routines": routines}


def _stretch_ref(stretch: Stretch, cat: Catalog) -> JSON:
    """A routine's stretch in a catalog document: a ref plus what differs."""
    base = cat.stretches.get(stretch.id)
    if base is None:
        return _unstructure_obj(stretch)
    mine, theirs = _unstructure_obj(stretch, full=True), _unstructure_obj(base, full=True)
    return {"ref": stretch.id, **{k: val for k, val in mine.items() if theirs.get(k) != val}}


def _structure_catalog(data: object, path: str, ctx: _Context) -> Catalog | _Invalid:
    if not isinstance(data, dict):
        ctx.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(ctx.problems)
    for key in data.keys() - {"stretches", "routines"}:
        ctx.add(_key(path, str(key)), "unknown key")
    stretches: list[object] = []
    raw = data.get("stretches", [])
    items = _structure_list(raw, f"{path}.stretches", ctx, v.MAX_STRETCHES)
    if not isinstance(items, _Invalid):
        stretches = [_structure_obj(Stretch, s, f"{path}.stretches[{i}]", ctx) for i, s in enumerate(items)]
    good = [s for s in stretches if isinstance(s, Stretch)]
    seen: set[str] = set()
    for i, s in enumerate(stretches):
        if isinstance(s, Stretch):
            if s.id in seen:
                ctx.add(f"{path}.stretches[{i}].id", f"duplicate id {s.id!r}")
            seen.add(s.id)
    own = _Context(Catalog(stretches={s.id: s for s in good}))
    own.problems = ctx.problems
    routines_raw = _structure_list(data.get("routines", []), f"{path}.routines", own, v.MAX_ITEMS)
    routines: list[object] = []
    if not isinstance(routines_raw, _Invalid):
        routines = [
            _structure_obj(Routine, r, f"{path}.routines[{i}]", own) for i, r in enumerate(routines_raw)
        ]
    ctx.unknown_refs += own.unknown_refs
    seen = set()
    for i, r in enumerate(routines):
        if isinstance(r, Routine):
            if r.id in seen:
                ctx.add(f"{path}.routines[{i}].id", f"duplicate id {r.id!r}")
            seen.add(r.id)
    if len(ctx.problems) > before:
        return INVALID
    return Catalog(stretches=good, routines=cast(list[Routine], routines))


# -- documents ------------------------------------------------------------------


def _unstructure_any(obj: object) -> object:
    if isinstance(obj, Range):
        return unstructure_range(obj)
    if isinstance(obj, Timeline):
        return _unstructure_timeline(obj)
    if isinstance(obj, Catalog):
        return _unstructure_catalog(obj)
    if isinstance(obj, Stretch | Routine | Pose):
        return _unstructure_obj(obj)
    msg = f"cannot make a document of {describe(obj)}"
    raise ValidationError([f"$: {msg}"])


def _structure_any(cls: type, data: object, ctx: _Context) -> object:
    if cls is Range:
        return _structure_range(data, "$", ctx)
    if cls is Timeline:
        return _structure_timeline(data, "$", ctx)
    if cls is Catalog:
        return _structure_catalog(data, "$", ctx)
    if cls in (Stretch, Routine, Pose):
        return _structure_obj(cls, data, "$", ctx)
    msg = f"cls: expected one of Stretch, Routine, Timeline, Catalog, Pose or Range, got {describe(cls)}"
    raise ValidationError([msg])


def to_dict(obj: Stretch | Routine | Timeline | Catalog | Pose | Range) -> JSON | object:
    """An object as a plain, JSON-able document.

    Stretches, routines, timelines and catalogs become top-level documents
    with ``"stretchkit"`` (the format version) and ``"type"``; a ``Pose`` or
    a ``Range`` becomes the bare value that appears inside them. Defaults are
    left out.

    Raises:
        ValidationError: ``obj`` is not a stretchkit object.

    >>> import stretchkit as sk
    >>> sk.to_dict(sk.Stretch(name="Knee Hug", hold=(20, 30)))
    {'stretchkit': 1, 'type': 'stretch', 'id': 'knee-hug', 'name': 'Knee Hug', 'hold': [20, 30]}
    """
    body = _unstructure_any(obj)
    doc_type = DOC_TYPES.get(type(obj))
    if doc_type is None:
        return body
    return {"stretchkit": FORMAT_VERSION, "type": doc_type, **cast(JSON, body)}


def migrate(data: Mapping[str, object]) -> dict[str, object]:
    """Bring a document of an older format version up to ``FORMAT_VERSION``.

    Raises:
        ValidationError: The version is missing, not a whole number, or newer
            than this stretchkit knows.
    """
    version = data.get("stretchkit")
    if isinstance(version, bool) or not isinstance(version, int):
        msg = (
            "required (the format version, e.g. 1)"
            if version is None
            else f"expected a format version number, got {describe(version)}"
        )
        raise ValidationError([f"$.stretchkit: {msg}"])
    if version > FORMAT_VERSION or version < 1:
        msg = f"unsupported format version {version}; this stretchkit reads versions 1 to {FORMAT_VERSION}"
        raise ValidationError([f"$.stretchkit: {msg}"])
    doc = dict(data)
    while version < FORMAT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
        doc["stretchkit"] = version
    return doc


@overload
def from_dict(cls: type[Doc], data: object, catalog: Catalog | None = None) -> Doc: ...
@overload
def from_dict(cls: type[object], data: object, catalog: Catalog | None = None) -> object: ...
def from_dict(cls: type[object], data: object, catalog: Catalog | None = None) -> object:
    """Load an object of type ``cls`` from a document (a dict), validating it all.

    Args:
        cls: ``Stretch``, ``Routine``, ``Timeline`` or ``Catalog`` (documents
            with a header), or ``Pose`` or ``Range`` (bare values).
        data: The document. It is not modified.
        catalog: Where a routine's ``ref`` keys are looked up; the built-in catalog by default.

    Raises:
        ValidationError: Listing every problem as ``$.path: message``.
        UnknownStretchError: When the only problems are unknown refs.

    >>> import stretchkit as sk
    >>> sk.from_dict(sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "Hug", "hold": 30}).hold
    Range(30)
    """
    ctx = _Context(catalog)
    token = _context.set(ctx)
    try:
        doc_type = DOC_TYPES.get(cls)
        body: object = data
        if doc_type is not None:
            if not isinstance(data, Mapping):
                raise ValidationError(
                    [f"$: expected a {doc_type} document (an object), got {describe(data)}"]
                )
            doc = migrate(data)
            found = doc.pop("type", None)
            doc.pop("stretchkit")
            if found != doc_type:
                shown = "missing" if found is None else f"{describe(found)}"
                raise ValidationError([f"$.type: expected {doc_type!r}, got {shown}"])
            body = doc
        result = _structure_any(cls, body, ctx)
        ctx.raise_if_any()
        return result
    finally:
        _context.reset(token)


# -- the converter ----------------------------------------------------------------


def _strict(kind: type) -> Callable[[object, type], object]:
    def hook(value: object, _: type) -> object:
        if isinstance(value, bool) and kind is not bool:
            msg = f"expected {kind.__name__}, got bool"
            raise ValidationError([f"$: {msg}"])
        ok = (
            isinstance(value, int | float) and not isinstance(value, bool)
            if kind is float
            else isinstance(value, kind)
        )
        if not ok:
            msg = f"expected {kind.__name__}, got {describe(value)}"
            raise ValidationError([f"$: {msg}"])
        return float(value) if kind is float else value  # type: ignore[arg-type]

    return hook


def configure_converter(conv: cattrs.Converter) -> None:
    """Register stretchkit's strict hooks on a cattrs converter.

    Primitives are strict (no ``int("30")``, no ``True`` for 1), and every
    stretchkit type is (un)structured as its document body.
    """
    for kind in (int, float, str, bool):
        conv.register_structure_hook(kind, _strict(kind))
    for cls in (Stretch, Routine, Pose, Range, Timeline, Catalog):
        conv.register_unstructure_hook(cls, _unstructure_any)

        def structure(data: object, cls: type, /) -> object:
            ctx = _Context(None)
            token = _context.set(ctx)
            try:
                result = _structure_any(cls, data, ctx)
                ctx.raise_if_any()
                return result
            finally:
                _context.reset(token)

        conv.register_structure_hook(cls, structure)


def make_converter() -> cattrs.Converter:
    """A new cattrs converter configured for stretchkit."""
    conv = cattrs.Converter(forbid_extra_keys=True)
    configure_converter(conv)
    return conv


#: The configured converter, for apps that extend it (never cattrs' global one).
converter: Final = make_converter()
