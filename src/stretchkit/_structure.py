"""The structuring engine: document values -> model objects, by field kind.

Strict (no coercion), and it records every problem of a document as
``(path, message)`` instead of stopping at the first. Each field's kind
(:mod:`stretchkit._fields`) structures its own values; this engine walks
objects, refuses unknown and missing keys, and resolves a routine's
``{"ref": id}`` stretches against a catalog.

Two paths lead to the same objects. The *quick* path takes a document
object that is plainly valid, the common case, in one pass: each field's
kind vouches for its value (``Kind.quick``) and the object is built from
those values as they are (:class:`OnePass`), without its converters and
field checks running again; it builds no paths and no messages. Whatever
it cannot vouch for it leaves, object by object, to the *slow* path, which
structures each field with its path, collects every problem, and builds
the object with ``cls(**values)``. A routine's stretches (and a program's
routines) that repeat within a document are built once and reused
(:meth:`Structurer.reused`). ``tests/test_structure.py`` holds the quick
path to the slow one (:func:`slow_path`) on generated documents, valid
and broken: the same objects, the same errors.
"""

from __future__ import annotations

import contextlib
import linecache
import marshal
from collections.abc import Callable, Iterator, Mapping
from typing import Final, NamedTuple, cast

import attrs

from stretchkit._catalog import Catalog
from stretchkit._fields import INVALID, JSON, MISS, kinds, unstructure_object
from stretchkit._journal import SessionRecord
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._problems import Problems, join
from stretchkit._program import Program
from stretchkit.exceptions import UnknownRoutineError, UnknownStretchError, ValidationError

#: The classes built in one pass. Their ``__attrs_post_init__`` does nothing
#: but ``check_object`` and their converters only convert. (A ``Journal``'s
#: converter also sorts its records: it is built with ``Journal(**values)``.)
ONE_PASS_CLASSES: Final = (Pose, Stretch, Routine, Program, SessionRecord)

_quick_path = True


@contextlib.contextmanager
def slow_path() -> Iterator[None]:
    """Structure only the slow way while in this block: every field by its
    kind's ``structure``, every object by ``cls(**values)``, nothing reused.

    The reference that the quick path is tested against; not thread-safe.
    """
    global _quick_path  # noqa: PLW0603 - a switch for the tests, read when a Structurer is made
    _quick_path = False
    try:
        yield
    finally:
        _quick_path = True


def key_path(path: str, key: object) -> str:
    """The path of any key, even one that is not a string (YAML allows that)."""
    return join(path, key if isinstance(key, str) else describe(key))


class _Field(NamedTuple):
    name: str
    quick: Callable[[object, Structurer], object]
    set: Callable[[object, object], None]
    default: object  # as the converter made it; attrs.NOTHING when required or made by a factory
    factory: Callable[[], object] | None


class OnePass:
    """How to build an object of a model class in one pass, from a document
    object whose values the fields' kinds vouch for (``Kind.quick``).

    ``build(raw, builder, base)`` does what ``cls(**values)`` does, less what
    the values no longer need: it sets each field as its kind's quick path
    made it (a default as its converter made it once; a factory called for
    each object, as attrs does), clears attrs' hash cache as attrs'
    ``__init__`` does, and then runs only the class's own rules across
    fields (``_check``, which also derives an id left out). Whatever it
    cannot vouch for, it answers ``MISS``. ``base`` is a catalog object that
    ``raw`` refers to (``{"ref": id, ...}``): the fields ``raw`` leaves out
    are base's. Like attrs' ``__init__``, ``build`` is written out for the
    class's fields and compiled once: a loop over the fields would cost a
    tenth of the time again.
    """

    def __init__(self, cls: type) -> None:
        self.cls = cls
        self.fields: list[_Field] = []
        for f, kind in kinds(cls):
            default, factory = f.default, None
            converter = cast(Callable[[object], object], f.converter)
            if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
                factory, default = default.factory, attrs.NOTHING  # type: ignore[attr-defined]
                made = factory()
                # Set as made: its converter would change nothing (checked here, once).
                if type(converter(made)) is not type(made) or converter(made) != made:
                    msg = f"{cls.__name__}.{f.name}: its converter changes its factory's value"
                    raise TypeError(msg)
            elif default is not attrs.NOTHING:
                default = converter(default)
            slot = vars(cls)[f.name]  # a slotted class's member descriptor
            self.fields.append(_Field(f.name, kind.quick, slot.__set__, default, factory))
        names = {f.name for f in self.fields}
        slots: tuple[str, ...] = vars(cls)["__slots__"]
        #: attrs' own slots (the hash cache), which its ``__init__`` sets to None.
        self.own_slots = [vars(cls)[s].__set__ for s in slots if s not in names and s != "__weakref__"]
        self.check: Callable[[object, Problems], None] | None = getattr(cls, "_check", None)
        #: The keys a document object may have; and an object that refers to a catalog one.
        self.keys = frozenset(names)
        self.ref_keys = self.keys - {"id"} | {"ref"}
        self.build: Callable[[dict[object, object], Structurer, object], object] = self._compile()

    def _compile(self) -> Callable[[dict[object, object], Structurer, object], object]:
        """``build``, written out for the class's fields."""
        scope: dict[str, object] = {
            "MISS": MISS,
            "new": object.__new__,
            "cls": self.cls,
            "keys": self.keys,
            "ref_keys": self.ref_keys,
            "check": self.check,
            "Problems": Problems,
        }
        lines = [
            "def build(raw, builder, base):",
            "    if not raw.keys() <= (keys if base is None else ref_keys):",
            "        return MISS",
            "    obj = new(cls)",
        ]
        for i, f in enumerate(self.fields):
            scope |= {
                f"quick_{i}": f.quick,
                f"set_{i}": f.set,
                f"default_{i}": f.default,
                f"factory_{i}": f.factory,
            }
            if f.factory is not None:
                absent = f"value = factory_{i}()"
            elif f.default is attrs.NOTHING:
                absent = "return MISS  # required"
            else:
                absent = f"value = default_{i}"
            lines += [
                f"    if {f.name!r} in raw:",
                f"        value = quick_{i}(raw[{f.name!r}], builder)",
                "        if value is MISS:",
                "            return MISS",
                "    elif base is not None:",
                f"        value = base.{f.name}",
                "    else:",
                f"        {absent}",
                f"    set_{i}(obj, value)",
            ]
        for i, set_slot in enumerate(self.own_slots):
            scope[f"own_{i}"] = set_slot
            lines.append(f"    own_{i}(obj, None)")
        if self.check is not None:
            lines += [
                "    problems = Problems()",
                "    check(obj, problems)",
                "    if problems:",
                "        return MISS",
            ]
        lines.append("    return obj")
        source = "\n".join(lines) + "\n"
        filename = f"<stretchkit one pass for {self.cls.__qualname__}>"
        exec(compile(source, filename, "exec"), scope)  # noqa: S102 - written here, from the class's fields
        linecache.cache[filename] = (
            len(source),
            None,
            source.splitlines(keepends=True),
            filename,
        )  # tracebacks
        return cast(Callable[[dict[object, object], Structurer, object], object], scope["build"])


_ONE_PASS: Final[dict[type, OnePass]] = {}


def one_pass(cls: type) -> OnePass | None:
    """How to build ``cls`` in one pass (made once per class), or None for a class built the slow way."""
    plan = _ONE_PASS.get(cls)
    if plan is None and cls in ONE_PASS_CLASSES:
        plan = _ONE_PASS[cls] = OnePass(cls)
    return plan


def fingerprint(raw: object) -> bytes | None:
    """``raw`` as bytes that only a value equal to it in every type shares, or None.

    ``marshal`` writes the built-in types exactly (``True``, ``1`` and ``1.0``
    apart) and refuses any other, subclasses included: then None, and
    nothing is reused. It also writes anything bytes-like as bytes; no
    quick path accepts such a value, so nothing reused ever held one, and a
    value that shares its bytes cannot either. Version 2 writes no
    back-references, so the bytes depend on the values alone.
    """
    try:
        return marshal.dumps(raw, 2)  # type: ignore[arg-type]
    except ValueError:
        return None


class Structurer:
    """Structures the objects of one document, collecting its problems.

    ``catalog`` is where ``ref`` stretches are looked up; ``None`` means the
    built-in catalog, loaded only if a ref needs it. ``max_steps`` is the most
    steps a timeline document may have (as in ``compose``).
    """

    def __init__(self, catalog: Catalog | None = None, *, max_steps: int = 1_000_000) -> None:
        self._catalog = catalog
        self.max_steps = max_steps
        self.problems = Problems()
        self.quick_path = _quick_path
        #: The stretches and routines built so far (see ``reused``): by their document
        #: objects' fingerprints, and the first of each tag by its tag.
        self._built: dict[tuple[type, bytes], object] = {}
        self._first: dict[tuple[object, ...], tuple[object, object] | None] = {}

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from stretchkit._builtin import catalog  # noqa: PLC0415 - seam: refs default to the built-in catalog

            self._catalog = catalog()
        return self._catalog

    def unknown_keys(self, raw: Mapping[object, object], known: object, path: str) -> None:
        """Record every key of ``raw`` not in ``known``."""
        for key in raw:
            if key not in known:  # type: ignore[operator]
                self.problems.add(key_path(path, key), "unknown key")

    def build(self, cls: type, raw: object, path: str) -> object:
        """A model object of ``cls`` from a document object, or ``INVALID``."""
        obj = self.quick(cls, raw)
        return self._build(cls, raw, path) if obj is MISS else obj

    def quick(self, cls: type, raw: object) -> object:
        """A model object of ``cls`` from a plainly valid document object, or ``MISS``."""
        plan = one_pass(cls) if self.quick_path and type(raw) is dict else None
        return MISS if plan is None else plan.build(raw, self, None)  # type: ignore[arg-type]

    def _build(self, cls: type, raw: object, path: str) -> object:
        """``build``, the slow way: every field with its path, every problem recorded."""
        if not isinstance(raw, dict):
            self.problems.add(path, f"expected an object, got {describe(raw)}")
            return INVALID
        before = len(self.problems)
        fields = kinds(cls)
        self.unknown_keys(raw, {f.name for f, _ in fields}, path)
        values: dict[str, object] = {}
        for f, kind in fields:
            if f.name in raw:
                values[f.name] = kind.structure(raw[f.name], join(path, f.name), self)
            elif f.default is attrs.NOTHING:
                self.problems.add(join(path, f.name), "required")
        if len(self.problems) > before:
            return INVALID
        try:
            return cls(**values)
        except ValidationError as e:  # the object's own rules, across fields
            self.problems.extend(path, e.problems)
            return INVALID

    def reused(self, cls: type, raw: object) -> object:
        """A routine's stretch or a program's routine (``cls``), quick, built
        once per document: a repeat of a document object reuses its first build.

        A repeat is a value equal in every type (:func:`fingerprint`). Taking
        fingerprints costs, so they are taken only once two objects share an
        id, a name and a ref. Only the quick path's builds are kept (a failed
        one never is: each repeat reports its own problems at its own path).
        The objects are immutable throughout, ``meta`` included, so sharing
        one is safe.
        """
        if not self.quick_path or type(raw) is not dict:
            return MISS
        # The id, name and ref that a stretch or a routine usually has, when they are strings.
        id_, name, ref = raw.get("id"), raw.get("name"), raw.get("ref")
        tag = (
            cls,
            id_ if type(id_) is str else None,
            name if type(name) is str else None,
            ref if type(ref) is str else None,
        )
        first = self._first.get(tag, MISS)
        if first is MISS:  # the first of its tag: kept without a fingerprint, for now
            obj = self._quick_item(cls, raw)
            if obj is not MISS:
                self._first[tag] = (raw, obj)
            return obj
        if first is not None:
            first_raw, first_obj = first  # type: ignore[misc]
            self._keep(cls, fingerprint(first_raw), first_obj)
            self._first[tag] = None  # fingerprinted
        key = fingerprint(raw)
        obj = MISS if key is None else self._built.get((cls, key), MISS)
        if obj is MISS:
            obj = self._quick_item(cls, raw)
            self._keep(cls, key, obj)
        return obj

    def _keep(self, cls: type, key: bytes | None, obj: object) -> None:
        if key is not None and obj is not MISS:
            self._built[cls, key] = obj

    def _quick_item(self, cls: type, raw: dict[object, object]) -> object:
        """A stretch or a routine (``cls``) from a whole object or a catalog ``ref``, quick, or ``MISS``."""
        plan = one_pass(cls)
        assert plan is not None  # noqa: S101 - stretches and routines are built in one pass
        if "ref" not in raw:
            return plan.build(raw, self, None)
        ref = raw["ref"]
        catalog = self.catalog
        items: Mapping[str, object] = catalog.stretches if cls is Stretch else catalog.routines
        base = items.get(ref) if type(ref) is str else None
        return MISS if base is None else plan.build(raw, self, base)

    def quick_stretch_item(self, raw: object) -> object:
        """``stretch_item``'s quick path: the stretch, or ``MISS``."""
        return self.reused(Stretch, raw)

    def quick_routine_item(self, raw: object) -> object:
        """``routine_item``'s quick path: the routine, or ``MISS``."""
        return self.reused(Routine, raw)

    def stretch_item(self, raw: object, path: str) -> object:
        """A routine's stretch: a whole stretch, or a ``ref`` to a catalog one
        whose other keys override the catalog's values (the id stays)."""
        obj = self.quick_stretch_item(raw)
        if obj is not MISS:
            return obj
        if not (isinstance(raw, dict) and "ref" in raw):
            return self._build(Stretch, raw, path)
        ref = raw["ref"]
        if not isinstance(ref, str):
            self.problems.add(join(path, "ref"), f"expected a stretch id, got {describe(ref)}")
            return INVALID
        base = self.catalog.stretches.get(ref)
        if base is None:
            self.problems.add_unknown(join(path, "ref"), f"unknown stretch {ref!r}", UnknownStretchError)
            return INVALID
        if "id" in raw:
            self.problems.add(join(path, "id"), "a ref keeps the catalog's id; remove 'id' or 'ref'")
            return INVALID
        merged = unstructure_object(base, full=True)
        merged.update((k, v) for k, v in raw.items() if k != "ref")
        return self._build(Stretch, merged, path)

    def routine_item(self, raw: object, path: str) -> object:
        """A program's routine: a whole routine, or a ``ref`` to a catalog one
        whose other keys override the catalog's values (the id stays)."""
        obj = self.quick_routine_item(raw)
        if obj is not MISS:
            return obj
        if not (isinstance(raw, dict) and "ref" in raw):
            return self._build(Routine, raw, path)
        ref = raw["ref"]
        if not isinstance(ref, str):
            self.problems.add(join(path, "ref"), f"expected a routine id, got {describe(ref)}")
            return INVALID
        base = self.catalog.routines.get(ref)
        if base is None:
            self.problems.add_unknown(join(path, "ref"), f"unknown routine {ref!r}", UnknownRoutineError)
            return INVALID
        if "id" in raw:
            self.problems.add(join(path, "id"), "a ref keeps the catalog's id; remove 'id' or 'ref'")
            return INVALID
        merged = unstructure_object(base, full=True)
        merged["stretches"] = [stretch_ref(s, self.catalog) for s in base.stretches]
        merged.update((k, v) for k, v in raw.items() if k != "ref")
        return self._build(Routine, merged, path)


def stretch_ref(stretch: Stretch, catalog: Catalog) -> JSON:
    """A routine's stretch in a catalog document: a ref plus what differs,
    or the whole stretch when the catalog does not have it."""
    base = catalog.stretches.get(stretch.id)
    if base is None:
        return unstructure_object(stretch)
    mine, theirs = unstructure_object(stretch, full=True), unstructure_object(base, full=True)
    return {"ref": stretch.id, **{k: v for k, v in mine.items() if theirs.get(k) != v}}


def routine_ref(routine: Routine, catalog: Catalog) -> JSON:
    """A program's routine in a catalog document: a ref plus what differs,
    or the whole routine when the catalog does not have it."""
    base = catalog.routines.get(routine.id)
    if base is None:
        return unstructure_object(routine)
    mine, theirs = unstructure_object(routine, full=True), unstructure_object(base, full=True)
    return {"ref": routine.id, **{k: v for k, v in mine.items() if theirs.get(k) != v}}
