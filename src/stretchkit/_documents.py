"""Documents: every stretchkit object to and from plain dicts.

:data:`DOCUMENTS` is the one table of document types: their class, their
``type`` name, the format version written, the migrations from older
versions, and how their body is read and written. The JSON Schema, the
text formats, the command line and the tests all take it from here.

Loading is strict (no coercion) and collects every problem of a document,
each as ``$.path: message``. Model objects are read by the engine in
:mod:`stretchkit._structure`; timeline documents (column-wise, checked
against their routine composed anew) by :mod:`stretchkit._timeline_document`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final, TypeVar, cast, overload

import attrs

from stretchkit._catalog import Catalog
from stretchkit._compose import check_max_steps
from stretchkit._fields import (
    INVALID,
    JSON,
    MAX_ITEMS,
    MAX_STRETCHES,
    Invalid,
    structure_range,
    unstructure_object,
    unstructure_range,
)
from stretchkit._journal import Journal, SessionRecord
from stretchkit._languages import DEFAULT, check_language
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._numbers import describe, whole_number
from stretchkit._problems import join
from stretchkit._program import Program
from stretchkit._range import Range
from stretchkit._structure import Structurer, routine_ref, stretch_ref
from stretchkit._timeline import Timeline
from stretchkit._timeline_document import read_timeline, timeline_1_to_2, write_timeline
from stretchkit.exceptions import ValidationError

Migration = Callable[[dict[str, object]], dict[str, object]]


@attrs.frozen
class DocType:
    """A type of top-level document.

    ``version`` is the format version written; ``migrations[n]`` turns a
    version-``n`` document into a version ``n + 1`` one (plain
    ``dict -> dict`` functions, run before structuring). ``write_in``, for
    documents written in a language (timelines), writes the body in the
    language given.
    """

    cls: type
    name: str
    version: int
    read: Callable[[object, str, Structurer], object]
    write: Callable[[object], JSON]
    migrations: Mapping[int, Migration] = attrs.field(factory=dict)
    write_in: Callable[[object, str], JSON] | None = None


Doc = TypeVar("Doc", Stretch, Routine, Timeline, Catalog, Program, Journal, SessionRecord, Pose, Range)


# -- catalogs -----------------------------------------------------------------


def _write_catalog(catalog: object) -> JSON:
    """A catalog's routines name its stretches by ref, and its programs its routines."""
    cat = cast(Catalog, catalog)
    routines: list[JSON] = []
    for routine in cat.routines.values():
        body = unstructure_object(routine)
        body["stretches"] = [stretch_ref(s, cat) for s in routine.stretches]
        routines.append(body)
    programs: list[JSON] = []
    for program in cat.programs.values():
        body = unstructure_object(program)
        body["routines"] = [routine_ref(r, cat) for r in program.routines]
        programs.append(body)
    out: JSON = {"stretches": [unstructure_object(s) for s in cat.stretches.values()], "routines": routines}
    if programs:
        out["programs"] = programs
    return out


def _read_list(raw: object, path: str, maximum: int, s: Structurer) -> list[object]:
    if not isinstance(raw, list):
        s.problems.add(path, f"expected a list, got {describe(raw)}")
        return []
    if len(raw) > maximum:
        s.problems.add(path, f"must have at most {maximum} items, got {len(raw)}")
        return []
    return raw


def _unique_ids(items: list[object], path: str, s: Structurer) -> None:
    seen: set[str] = set()
    for i, item in enumerate(items):
        if isinstance(item, Invalid):
            continue
        id_ = cast(Stretch | Routine, item).id
        if id_ in seen:
            s.problems.add(join(join(path, i), "id"), f"duplicate id {id_!r}")
        seen.add(id_)


def _read_catalog(data: object, path: str, s: Structurer) -> Catalog | Invalid:
    if not isinstance(data, dict):
        s.problems.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(s.problems)
    s.unknown_keys(data, ("stretches", "routines", "programs"), path)
    stretches_path, routines_path = join(path, "stretches"), join(path, "routines")
    programs_path = join(path, "programs")
    raw_stretches = _read_list(data.get("stretches", []), stretches_path, MAX_STRETCHES, s)
    stretches = [s.build(Stretch, x, join(stretches_path, i)) for i, x in enumerate(raw_stretches)]
    _unique_ids(stretches, stretches_path, s)
    good = [x for x in stretches if isinstance(x, Stretch)]
    # A catalog's routines name its own stretches by ref, never another catalog's.
    own = Structurer(Catalog(stretches=good))
    own.problems = s.problems
    raw_routines = _read_list(data.get("routines", []), routines_path, MAX_ITEMS, s)
    routines = [own.build(Routine, x, join(routines_path, i)) for i, x in enumerate(raw_routines)]
    _unique_ids(routines, routines_path, s)
    # ...and its programs its own routines.
    good_routines = [x for x in routines if isinstance(x, Routine)]
    own_programs = Structurer(Catalog(stretches=good, routines=_first_of_each(good_routines)))
    own_programs.problems = s.problems
    raw_programs = _read_list(data.get("programs", []), programs_path, MAX_ITEMS, s)
    programs = [own_programs.build(Program, x, join(programs_path, i)) for i, x in enumerate(raw_programs)]
    _unique_ids(programs, programs_path, s)
    if len(s.problems) > before:
        return INVALID
    return Catalog(stretches=good, routines=good_routines, programs=cast(list[Program], programs))


def _first_of_each(items: list[Routine]) -> list[Routine]:
    """One per id (a duplicate id is reported on its own)."""
    seen: dict[str, Routine] = {}
    for item in items:
        seen.setdefault(item.id, item)
    return list(seen.values())


# -- the table ------------------------------------------------------------------


def _read_object(cls: type) -> Callable[[object, str, Structurer], object]:
    def read(data: object, path: str, s: Structurer) -> object:
        return s.build(cls, data, path)

    return read


def _write_object(obj: object) -> JSON:
    return unstructure_object(obj)  # type: ignore[arg-type]


#: Every type of top-level document, by class.
DOCUMENTS: Final[Mapping[type, DocType]] = {
    dt.cls: dt
    for dt in (
        DocType(Stretch, "stretch", 1, _read_object(Stretch), _write_object),
        DocType(Routine, "routine", 1, _read_object(Routine), _write_object),
        DocType(
            Timeline,
            "timeline",
            2,
            read_timeline,
            write_timeline,
            migrations={1: timeline_1_to_2},
            write_in=write_timeline,
        ),
        DocType(Catalog, "catalog", 1, _read_catalog, _write_catalog),
        DocType(Program, "program", 1, _read_object(Program), _write_object),
        DocType(Journal, "journal", 1, _read_object(Journal), _write_object),
        DocType(SessionRecord, "session-record", 1, _read_object(SessionRecord), _write_object),
    )
}
#: Every type of top-level document, by its ``type`` name.
BY_NAME: Final[Mapping[str, DocType]] = {dt.name: dt for dt in DOCUMENTS.values()}


def _read_bare(cls: type, data: object, s: Structurer) -> object:
    """A bare ``Pose``, or a bare ``Range`` (any number or pair ``Range()`` takes)."""
    if cls is Pose:
        return s.build(Pose, data, "$")
    return structure_range(data, "$", s.problems)


def document_type(data: object) -> DocType:
    """The type a document says it is (its ``"type"``).

    Raises:
        ValidationError: It names no document type.
    """
    if not isinstance(data, Mapping):
        raise ValidationError([("$", f"expected a document (an object), got {describe(data)}")])
    found = data.get("type")
    dt = BY_NAME.get(found) if isinstance(found, str) else None
    if dt is None:
        choices = ", ".join(repr(n) for n in BY_NAME)
        problems = []
        if "stretchkit" not in data:  # no header at all: say so first, as from_dict does
            problems.append(("$.stretchkit", "required (the format version, e.g. 1)"))
        if found is None:
            problems.append(("$.type", f"required (one of {choices})"))
        else:
            problems.append(("$.type", f"expected one of {choices}, got {describe(found)}"))
        raise ValidationError(problems)
    return dt


def migrate(data: Mapping[str, object], dt: DocType) -> dict[str, object]:
    """Bring a document of an older format version up to ``dt.version``.

    Raises:
        ValidationError: The version is missing, not a whole number, or newer
            than this stretchkit knows.
    """
    raw = data.get("stretchkit")
    version = whole_number(raw)  # 1.0 is 1, as in the schema
    if version is None:
        msg = (
            "required (the format version, e.g. 1)"
            if raw is None
            else f"expected a format version number, got {describe(raw)}"
        )
        raise ValidationError([("$.stretchkit", msg)])
    if version > dt.version or version < 1:
        known = f"version {dt.version}" if dt.version == 1 else f"versions 1 to {dt.version}"
        msg = f"unsupported format version {version}; this stretchkit reads {dt.name} documents of {known}"
        raise ValidationError([("$.stretchkit", msg)])
    doc = dict(data)
    while version < dt.version:
        doc = dt.migrations[version](doc)
        version += 1
        doc["stretchkit"] = version
    return doc


def to_dict(
    obj: Stretch | Routine | Timeline | Catalog | Program | Journal | SessionRecord | Pose | Range,
    *,
    language: str = DEFAULT,
) -> JSON | object:
    """An object as a plain, JSON-able document.

    Stretches, routines, timelines, catalogs, programs, journals and session
    records become top-level documents
    with ``"stretchkit"`` (the format version) and ``"type"``; a ``Pose`` or
    a ``Range`` becomes the bare value that appears inside them. Defaults are
    left out.

    Args:
        obj: What to write.
        language: The language of a timeline document's labels and cues,
            one of :func:`stretchkit.languages` (other documents have none).

    Raises:
        ValidationError: ``obj`` is not a stretchkit object, or ``language``
            is not one of ``languages()``.

    >>> import stretchkit as sk
    >>> sk.to_dict(sk.Stretch(name="Knee Hug", hold=(20, 30)))
    {'stretchkit': 1, 'type': 'stretch', 'id': 'knee-hug', 'name': 'Knee Hug', 'hold': [20, 30]}
    """
    check_language(language)
    dt = DOCUMENTS.get(type(obj))
    if dt is not None:
        body = dt.write(obj) if dt.write_in is None else dt.write_in(obj, language)
        return {"stretchkit": dt.version, "type": dt.name, **body}
    return _write_bare(obj)


def _write_bare(obj: object) -> object:
    if isinstance(obj, Range):
        return unstructure_range(obj)
    if isinstance(obj, Pose):
        return unstructure_object(obj)
    raise ValidationError([("$", f"cannot make a document of {describe(obj)}")])


@overload
def from_dict(
    cls: type[Doc], data: object, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> Doc: ...
@overload
def from_dict(
    cls: type[object], data: object, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object: ...
def from_dict(
    cls: type[object], data: object, catalog: Catalog | None = None, *, max_steps: int = 1_000_000
) -> object:
    """Load an object of type ``cls`` from a document (a dict), validating it all.

    Args:
        cls: ``Stretch``, ``Routine``, ``Timeline``, ``Catalog``, ``Program``,
            ``Journal`` or ``SessionRecord`` (documents with a header), or
            ``Pose`` or ``Range`` (bare values).
        data: The document. It is not modified.
        catalog: Where ``ref`` keys (a routine's stretches, a program's
            routines) are looked up; the built-in catalog by default.
        max_steps: The most steps a timeline document may have, as in
            :func:`~stretchkit.compose` (a timeline composed with a higher
            limit loads with the same one). Checked, in closed form, before
            anything is expanded.

    Raises:
        ValidationError: Listing every problem as ``$.path: message``.
        UnknownStretchError: When the only problems are unknown stretch refs.
        UnknownRoutineError: When the only problems are unknown routine refs.

    >>> import stretchkit as sk
    >>> sk.from_dict(sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "Hug", "hold": 30}).hold
    Range(30)
    """
    s = Structurer(catalog, max_steps=check_max_steps(max_steps))
    dt = DOCUMENTS.get(cls)
    if dt is not None:
        if not isinstance(data, Mapping):
            raise ValidationError([("$", f"expected a {dt.name} document (an object), got {describe(data)}")])
        doc = migrate(data, dt)
        found = doc.pop("type", None)
        doc.pop("stretchkit")
        if found != dt.name:
            shown = "missing" if found is None else describe(found)
            raise ValidationError([("$.type", f"expected {dt.name!r}, got {shown}")])
        result = dt.read(doc, "$", s)
    elif cls in (Pose, Range):
        result = _read_bare(cls, data, s)
    else:
        names = ", ".join(c.__name__ for c in (*DOCUMENTS, Pose, Range))
        raise ValidationError([("cls", f"expected one of {names}, got {describe(cls)}")])
    s.problems.raise_if_any()
    return result


def read_body(data: object, cls: type) -> object:
    """An object from a document's body (no header), or raise every problem."""
    s = Structurer()
    dt = DOCUMENTS.get(cls)
    result = dt.read(data, "$", s) if dt is not None else _read_bare(cls, data, s)
    s.problems.raise_if_any()
    return result


def write_body(obj: object) -> object:
    """An object's document body, without the header."""
    dt = DOCUMENTS.get(type(obj))
    return dt.write(obj) if dt is not None else _write_bare(obj)
