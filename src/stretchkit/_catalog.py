"""``Catalog``: a set of stretches and routines, each by its id.

The built-in catalog (``catalog()``) is loaded from package data by
:mod:`stretchkit._builtin`, above the document layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs

from stretchkit._frozen import FrozenMap
from stretchkit._model import Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._problems import Problems, join
from stretchkit._program import Program
from stretchkit._public import public, suggest_keywords
from stretchkit.exceptions import (
    UnknownProgramError,
    UnknownRoutineError,
    UnknownStretchError,
    ValidationError,
)

T = TypeVar("T", Stretch, Routine, Program)


def _by_id(value: object, kind: type[T], field: str) -> FrozenMap[T]:
    items = list(value.values()) if isinstance(value, Mapping) else value
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        raise ValidationError([(field, f"expected a list of {kind.__name__}, got {describe(value)}")])
    problems = Problems()
    out: dict[str, T] = {}
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            problems.add(join(field, i), f"expected a {kind.__name__}, got {describe(item)}")
        elif item.id in out:
            problems.add(join(field, i), f"duplicate id {item.id!r}")
        else:
            out[item.id] = item
    problems.raise_if_any()
    return FrozenMap(out)


def _stretch_map(value: Iterable[Stretch] | Mapping[str, Stretch]) -> Mapping[str, Stretch]:
    return _by_id(value, Stretch, "stretches")


def _routine_map(value: Iterable[Routine] | Mapping[str, Routine]) -> Mapping[str, Routine]:
    return _by_id(value, Routine, "routines")


def _program_map(value: Iterable[Program] | Mapping[str, Program]) -> Mapping[str, Program]:
    return _by_id(value, Program, "programs")


@public
@suggest_keywords
@attrs.frozen(kw_only=True, repr=False)
class Catalog:
    """A set of stretches and routines, each by its id.

    Args:
        stretches: Stretches (a list, or a mapping whose values are used); ids must be unique.
        routines: Routines, likewise.
        programs: Programs, likewise.

    Raises:
        ValidationError: An item is of the wrong type, or an id repeats.

    >>> import stretchkit as sk
    >>> hug = sk.Stretch(name="Knee Hug", hold=30, targets={"lower-back"}, position="supine")
    >>> cat = sk.Catalog(stretches=[hug], routines=[sk.Routine(name="Hug", stretches=[hug])])
    >>> cat.stretch("knee-hug") is hug, [s.id for s in cat.find(target="lower-back")]
    (True, ['knee-hug'])
    """

    stretches: Mapping[str, Stretch] = attrs.field(default=FrozenMap(), converter=_stretch_map)
    routines: Mapping[str, Routine] = attrs.field(default=FrozenMap(), converter=_routine_map)
    programs: Mapping[str, Program] = attrs.field(default=FrozenMap(), converter=_program_map)

    def __repr__(self) -> str:
        def listed(items: Mapping[str, object], one: str, many: str) -> str:
            ids = list(items)
            shown = ", ".join(ids[:5]) + (", …" if len(ids) > 5 else "")
            return f"{len(ids)} {one if len(ids) == 1 else many}" + (f" ({shown})" if ids else "")

        stretches = listed(self.stretches, "stretch", "stretches")
        routines = listed(self.routines, "routine", "routines")
        return f"<Catalog: {stretches}, {routines}, {listed(self.programs, 'program', 'programs')}>"

    def stretch(self, id: str) -> Stretch:
        """The stretch with this id.

        Raises:
            UnknownStretchError: No stretch has it; the message lists those that do.
        """
        return _lookup(self.stretches, id, "stretch", UnknownStretchError)

    def routine(self, id: str) -> Routine:
        """The routine with this id.

        Raises:
            UnknownRoutineError: No routine has it; the message lists those that do.
        """
        return _lookup(self.routines, id, "routine", UnknownRoutineError)

    def program(self, id: str) -> Program:
        """The program with this id.

        Raises:
            UnknownProgramError: No program has it; the message lists those that do.
        """
        return _lookup(self.programs, id, "program", UnknownProgramError)

    def find(
        self, *, target: str | None = None, position: str | None = None, equipment: str | None = None
    ) -> tuple[Stretch, ...]:
        """Stretches matching every filter given, in catalog order.

        Args:
            target: A body area the stretch works, e.g. ``"lower-back"``.
            position: Its starting position, e.g. ``"supine"``.
            equipment: A thing it uses, e.g. ``"towel"``.
        """
        return tuple(
            s
            for s in self.stretches.values()
            if (target is None or target in s.targets)
            and (position is None or s.position == position)
            and (equipment is None or equipment in s.equipment)
        )


def _lookup(items: Mapping[str, T], id: str, kind: str, error: type[LookupError]) -> T:
    try:
        return items[id]
    except (KeyError, TypeError):
        known = ", ".join(items) or "none"
        msg = f"unknown {kind} {id!r}; the catalog has: {known}"
        raise error(msg) from None
