"""``Catalog``: a set of stretches and routines by id; ``catalog()``: the built-in one.

The built-in catalog is package data in stretchkit's own document format,
read lazily (on the first ``catalog()`` call) through the same loader as any
user file.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

import attrs

from stretchkit._model import Routine, Stretch
from stretchkit._range import describe
from stretchkit.exceptions import UnknownRoutineError, UnknownStretchError, ValidationError

__all__ = ["Catalog", "catalog"]

T = TypeVar("T", Stretch, Routine)


class FrozenMap(Mapping[str, T]):
    """A read-only, hashable, picklable mapping (insertion-ordered)."""

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Iterable[tuple[str, T]] = ()) -> None:
        self._data: dict[str, T] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: str) -> T:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(tuple(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return bool(self._data == other._data)
        return NotImplemented

    def __repr__(self) -> str:
        return f"{{{', '.join(f'{k!r}: ...' for k in self._data)}}}"

    def __reduce__(self) -> tuple[type[FrozenMap[T]], tuple[list[tuple[str, T]]]]:
        return (type(self), (list(self._data.items()),))


def _by_id(value: object, kind: type[T], field: str) -> FrozenMap[T]:
    if isinstance(value, FrozenMap):
        return value
    items = list(value.values()) if isinstance(value, Mapping) else value
    if isinstance(items, str | bytes) or not isinstance(items, Iterable):
        msg = f"{field}: expected a list of {kind.__name__}, got {describe(value)}"
        raise ValidationError([msg])
    errors: list[str] = []
    out: dict[str, T] = {}
    for i, item in enumerate(items):
        if not isinstance(item, kind):
            errors.append(f"{field}[{i}]: expected a {kind.__name__}, got {describe(item)}")
        elif item.id in out:
            errors.append(f"{field}[{i}]: duplicate id {item.id!r}")
        else:
            out[item.id] = item
    if errors:
        raise ValidationError(errors)
    return FrozenMap(out.items())


def _stretch_map(value: Iterable[Stretch] | Mapping[str, Stretch]) -> Mapping[str, Stretch]:
    return _by_id(value, Stretch, "stretches")


def _routine_map(value: Iterable[Routine] | Mapping[str, Routine]) -> Mapping[str, Routine]:
    return _by_id(value, Routine, "routines")


@attrs.frozen(kw_only=True)
class Catalog:
    """A set of stretches and routines, each by its id.

    Args:
        stretches: Stretches (a list, or a mapping whose values are used); ids must be unique.
        routines: Routines, likewise.

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


@functools.cache
def catalog() -> Catalog:
    """The built-in catalog, loaded once from package data.

    Seven stretches for the low and mid back and the routine ``low-mid-back``.

    >>> import stretchkit as sk
    >>> list(sk.catalog().routines)
    ['low-mid-back']
    >>> sk.catalog().stretch("seated-twist").reps
    Range(2, 4)
    """
    from importlib.resources import files  # noqa: PLC0415

    from stretchkit._io import from_toml  # noqa: PLC0415

    text = (files("stretchkit") / "data" / "catalog.toml").read_text(encoding="utf-8")
    return from_toml(Catalog, text, catalog=Catalog())
