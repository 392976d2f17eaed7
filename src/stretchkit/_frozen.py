"""``FrozenMap`` and ``FrozenList``: read-only, hashable containers for
frozen model objects (``meta``, a catalog's stretches).

They are not in ``stretchkit.__all__``, but ``stretchkit.FrozenMap`` resolves,
so that pickles and reprs name ``stretchkit``, never a private module.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import TypeVar

from stretchkit._public import public

V = TypeVar("V")


@public
class FrozenMap(Mapping[str, V]):
    """A read-only, hashable, picklable mapping that keeps insertion order.

    Equal to another ``FrozenMap`` (or any mapping) with the same items, in
    any order; its hash does not depend on the order either.
    """

    __slots__ = ("_data", "_hash")

    def __init__(self, items: Iterable[tuple[str, V]] | Mapping[str, V] = ()) -> None:
        self._data: dict[str, V] = dict(items)
        self._hash: int | None = None

    def __getitem__(self, key: str) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __hash__(self) -> int:
        if self._hash is None:
            self._hash = hash(frozenset(self._data.items()))
        return self._hash

    def __eq__(self, other: object) -> bool:
        if isinstance(other, FrozenMap):
            return bool(self._data == other._data)
        if isinstance(other, Mapping):
            return bool(self._data == dict(other))
        return NotImplemented

    def __repr__(self) -> str:
        return repr(self._data)

    def __reduce__(self) -> tuple[type[FrozenMap[V]], tuple[list[tuple[str, V]]]]:
        return (type(self), (list(self._data.items()),))


@public
class FrozenList(tuple):  # type: ignore[type-arg]
    """A tuple that also equals a list with the same items (frozen JSON arrays)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, list | tuple):
            return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    __hash__ = tuple.__hash__

    def __repr__(self) -> str:
        return repr(list(self))
