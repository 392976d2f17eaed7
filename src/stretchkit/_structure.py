"""The structuring engine: document values -> model objects, by field kind.

Strict (no coercion), and it records every problem of a document as
``(path, message)`` instead of stopping at the first. Each field's kind
(:mod:`stretchkit._fields`) structures its own values; this engine walks
objects, refuses unknown and missing keys, and resolves a routine's
``{"ref": id}`` stretches against a catalog.
"""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from stretchkit._catalog import Catalog
from stretchkit._fields import INVALID, JSON, kinds, unstructure_object
from stretchkit._model import Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._problems import Problems, join
from stretchkit.exceptions import UnknownRoutineError, UnknownStretchError, ValidationError


def key_path(path: str, key: object) -> str:
    """The path of any key, even one that is not a string (YAML allows that)."""
    return join(path, key if isinstance(key, str) else describe(key))


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

    def stretch_item(self, raw: object, path: str) -> object:
        """A routine's stretch: a whole stretch, or a ``ref`` to a catalog one
        whose other keys override the catalog's values (the id stays)."""
        if not (isinstance(raw, dict) and "ref" in raw):
            return self.build(Stretch, raw, path)
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
        return self.build(Stretch, merged, path)

    def routine_item(self, raw: object, path: str) -> object:
        """A program's routine: a whole routine, or a ``ref`` to a catalog one
        whose other keys override the catalog's values (the id stays)."""
        if not (isinstance(raw, dict) and "ref" in raw):
            return self.build(Routine, raw, path)
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
        return self.build(Routine, merged, path)


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
