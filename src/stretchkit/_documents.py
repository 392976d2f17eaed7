"""Documents: every stretchkit object to and from dicts, JSON and TOML.

One private cattrs converter, configured in :func:`configure_converter`,
carries a structure and an unstructure hook per type. The hooks are
generated from the model's field specs (see ``_validate.spec``), the same
specs the model validates with and the JSON Schema is generated from.

Loading is strict (no coercion) and collects every problem of a document,
each as ``$.path: message``.
"""

from __future__ import annotations

import contextvars
import enum
import json
import math
from collections.abc import Callable, Mapping
from itertools import chain, islice, repeat
from typing import Final, TypeVar, cast, overload

import attrs
import cattrs

from stretchkit import _validate as v
from stretchkit._catalog import Catalog
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._range import Range, describe, number_problem
from stretchkit._timeline import Timeline
from stretchkit.exceptions import StretchkitError, UnknownStretchError, ValidationError

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
JSON = dict[str, object]


# -- problems ---------------------------------------------------------------


class _Context:
    """What structuring one document needs: the catalog, and its problems."""

    def __init__(self, catalog: Catalog | None) -> None:
        self._catalog = catalog
        self.problems: list[tuple[str, str]] = []
        self.unknown_refs = 0

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from stretchkit._catalog import catalog  # noqa: PLC0415

            self._catalog = catalog()
        return self._catalog

    def add(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        errors = [f"{path}: {message}" for path, message in self.problems]
        if self.unknown_refs == len(self.problems):
            raise UnknownStretchError("\n".join(errors))
        raise ValidationError(errors)


_context: contextvars.ContextVar[_Context] = contextvars.ContextVar("stretchkit_document")


def _ctx() -> _Context:
    try:
        return _context.get()
    except LookupError:  # a hook called straight from the converter
        ctx = _Context(None)
        _context.set(ctx)
        return ctx


class _Invalid:
    """Returned by a structure step that recorded a problem."""


INVALID: Final = _Invalid()


# -- structuring values by spec ---------------------------------------------


def _key(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


def _number(value: object) -> bool:
    return number_problem(value) is None


def _structure_range(value: object, path: str, ctx: _Context) -> Range | _Invalid:
    high: object = None
    if isinstance(value, list) and len(value) == 2 and all(_number(x) for x in value):
        low, high = value
    elif _number(value):
        low = value
    else:
        values = value if isinstance(value, list) else [value]
        if any(isinstance(x, float) and not math.isfinite(x) for x in values):
            ctx.add(path, f"numbers must be finite, got {describe(value)}")
        else:
            ctx.add(path, f"expected a number or [low, high], got {describe(value)}")
        return INVALID
    try:
        return Range(low, high)  # type: ignore[arg-type]
    except ValidationError as e:
        for error in e.errors:
            ctx.add(path, error)
        return INVALID


def _structure_str(value: object, path: str, ctx: _Context) -> str | _Invalid:
    if isinstance(value, str):
        return value
    ctx.add(path, f"expected a string, got {describe(value)}")
    return INVALID


def _structure_list(value: object, path: str, ctx: _Context, maximum: int) -> list[object] | _Invalid:
    if not isinstance(value, list):
        ctx.add(path, f"expected a list, got {describe(value)}")
        return INVALID
    if len(value) > maximum:
        ctx.add(path, f"must have at most {maximum} items, got {len(value)}")
        return INVALID
    return value


def _structure_value(spec: dict[str, object], value: object, path: str, ctx: _Context) -> object:
    kind = spec["kind"]
    if value is None and spec.get("optional"):
        return None
    if kind in ("id", "name", "text", "slug"):
        return _structure_str(value, path, ctx)
    if kind in ("seconds", "count"):
        return _structure_range(value, path, ctx)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.add(path, f"expected a whole number, got {describe(value)}")
            return INVALID
        return value
    if kind == "enum":
        enum_cls = cast(type[enum.Enum], spec["of"])
        try:
            return enum_cls(value) if isinstance(value, str) else enum_cls("\0")
        except ValueError:
            choices = ", ".join(repr(m.value) for m in enum_cls)
            ctx.add(path, f"expected one of {choices}, got {describe(value)}")
            return INVALID
    if kind in ("list", "set"):
        items = _structure_list(value, path, ctx, cast(int, spec.get("maximum", v.MAX_ITEMS)))
        if isinstance(items, _Invalid):
            return INVALID
        of = spec["of"]
        out: list[object] = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            if of is Stretch:
                out.append(_structure_stretch_item(item, item_path, ctx))
            elif isinstance(of, type):
                out.append(_structure_obj(of, item, item_path, ctx))
            else:
                out.append(_structure_str(item, item_path, ctx))
        return INVALID if any(isinstance(x, _Invalid) for x in out) else out
    if kind == "meta":
        if not isinstance(value, dict):
            ctx.add(path, f"expected an object, got {describe(value)}")
            return INVALID
        return value
    msg = f"unknown field kind {kind!r}"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


def _fields(cls: type) -> tuple[attrs.Attribute[object], ...]:
    return attrs.fields(cls)  # type: ignore[no-any-return]


def _structure_obj(
    cls: type, data: object, path: str, ctx: _Context, *, skip: frozenset[str] = frozenset()
) -> object:
    """Structure one model object, recording its problems under ``path``."""
    if not isinstance(data, dict):
        ctx.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(ctx.problems)
    fields = {f.name: f for f in _fields(cls)}
    for key in data:
        if key not in fields and key not in skip:
            shown = key if isinstance(key, str) else describe(key)
            ctx.add(_key(path, str(shown)), "unknown key")
    kwargs: dict[str, object] = {}
    for name, field in fields.items():
        if name in data:
            kwargs[name] = _structure_value(v.field_spec(field), data[name], _key(path, name), ctx)
        elif field.default is attrs.NOTHING:
            ctx.add(_key(path, name), "required")
    if len(ctx.problems) > before:
        _check_rest(fields, kwargs, path, ctx)
        return INVALID
    try:
        return cls(**kwargs)
    except ValidationError as e:
        for error in e.errors:
            field_name, _, message = error.partition(": ")
            ctx.add(f"{path}.{field_name}", message)
        return INVALID


def _check_rest(
    fields: dict[str, attrs.Attribute[object]], kwargs: dict[str, object], path: str, ctx: _Context
) -> None:
    """After a problem, still check the fields that did structure, so that
    every problem of the document is reported at once."""
    check = v.Checker()
    for name, value in kwargs.items():
        if isinstance(value, _Invalid):
            continue
        spec = v.field_spec(fields[name])
        converter = cast(Callable[[object], object] | None, fields[name].converter)
        converted = value if converter is None else converter(value)
        if spec["kind"] == "id":
            check.slug(name, converted)
        else:
            check.field(None, name, converted, spec)
    for error in check.errors:
        field_name, _, message = error.partition(": ")
        ctx.add(f"{path}.{field_name}", message)


def _structure_stretch_item(item: object, path: str, ctx: _Context) -> object:
    """A routine's stretch: a whole stretch, or a ``ref`` to a catalog one."""
    if not (isinstance(item, dict) and "ref" in item):
        return _structure_obj(Stretch, item, path, ctx)
    ref = item["ref"]
    if not isinstance(ref, str):
        ctx.add(f"{path}.ref", f"expected a stretch id, got {describe(ref)}")
        return INVALID
    base = ctx.catalog.stretches.get(ref)
    if base is None:
        ctx.add(f"{path}.ref", f"unknown stretch {ref!r}")
        ctx.unknown_refs += 1
        return INVALID
    if "id" in item:
        ctx.add(f"{path}.id", "a ref keeps the catalog's id; remove 'id' or 'ref'")
        return INVALID
    merged = _unstructure_obj(base, full=True)
    merged.update((k, val) for k, val in item.items() if k != "ref")
    return _structure_obj(Stretch, merged, path, ctx)


# -- unstructuring by spec --------------------------------------------------


def unstructure_range(r: Range) -> object:
    """A Range as a number when fixed, else ``[low, high]``."""
    return r.low if r.low == r.high else [r.low, r.high]


def _unstructure_value(spec: dict[str, object], value: object) -> object:
    kind = spec["kind"]
    if value is None:
        return None
    if kind in ("seconds", "count"):
        return unstructure_range(cast(Range, value))
    if kind == "enum":
        return cast(enum.Enum, value).value
    if kind == "list":
        of = spec["of"]
        items = cast(tuple[object, ...], value)
        if isinstance(of, type):
            return [_unstructure_obj(cast(attrs.AttrsInstance, x)) for x in items]
        return list(items)
    if kind == "set":
        return sorted(cast(frozenset[str], value))
    if kind == "meta":
        return json.loads(json.dumps(value))  # a deep copy of plain JSON values
    return value


def _default(field: attrs.Attribute[object]) -> object:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()  # type: ignore[attr-defined]
    return default


def _unstructure_obj(obj: attrs.AttrsInstance, *, full: bool = False) -> JSON:
    """An object's fields as plain values; defaults left out unless ``full``."""
    out: JSON = {}
    for field in _fields(type(obj)):
        value = getattr(obj, field.name)
        spec = v.field_spec(field)
        if (
            not full
            and spec["kind"] != "id"
            and field.default is not attrs.NOTHING
            and value == _default(field)
        ):
            continue
        out[field.name] = _unstructure_value(spec, value)
    return out


# -- timelines ----------------------------------------------------------------

KIND_NAMES: Final = ("hold", "rest", "switch", "transition")
SIDE_NAMES: Final = ("none", "left", "right")
STEP_COLUMNS: Final = ("start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose")
_INT_COLUMNS: Final = frozenset({"item", "round", "rep", "reps", "pose"})
_TIME_COLUMNS: Final = frozenset({"start", "duration"})


def _secs(ms: int) -> int | float:
    return ms // 1000 if ms % 1000 == 0 else ms / 1000


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
        return _secs(start[i + 1] - start[i])

    head, tail = ([duration(i) for i in part] for part in parts)
    n = len(packed)
    if exact:
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
        "duration": _secs(timeline._start[-1]),
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
            f"expected {_secs(timeline._start[-1])!r} (the routine at its level), got {describe(duration)}",
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
