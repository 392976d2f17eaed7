"""Problems: what is wrong, and where, kept structured until it is raised.

A :class:`Problem` is a ``(path, message)`` pair. Paths name a field of an
object (``hold``, ``stretches[2].hold``) or of a document (``$.stretches[2].hold``);
:func:`join` builds them. :class:`Problems` collects every problem of one
object or document, so that the caller sees all of them at once, and raises
them as one error. Nothing here knows a model type: this is the bottom layer.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from stretchkit.exceptions import ValidationError


class Problem(NamedTuple):
    """One problem: where (a path, or ``""`` for the whole thing) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


def join(path: str, key: str | int) -> str:
    """The path of ``key`` inside ``path``: ``$.hold``, ``poses[0]``, ``$["two words"]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not key.isidentifier():
        import json  # noqa: PLC0415 - rare, and `import stretchkit` stays light

        return f"{path}[{json.dumps(key, ensure_ascii=False)}]"
    return f"{path}.{key}" if path else key


class Problems:
    """Collects the problems of one object or document, in the order found."""

    __slots__ = ("items", "unknown")

    def __init__(self) -> None:
        self.items: list[Problem] = []
        #: How many of them are unknown catalog ids (refs), by error class.
        self.unknown: dict[type[Exception], int] = {}

    def add(self, path: str, message: str) -> None:
        self.items.append(Problem(path, message))

    def add_unknown(self, path: str, message: str, error: type[Exception]) -> None:
        """A ref to an id the catalog lacks; raised as ``error`` when it is the only kind."""
        self.add(path, message)
        self.unknown[error] = self.unknown.get(error, 0) + 1

    def extend(self, prefix: str, problems: Iterable[tuple[str, str]]) -> None:
        """Add ``(path, message)`` problems found inside ``prefix`` (their paths are relative to it)."""
        for path, message in problems:
            self.add(_under(prefix, path), message)

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.items)

    def raise_if_any(self) -> None:
        """Raise every problem as one error: the most specific class that fits them all."""
        if not self.items:
            return
        error: type[Exception] = ValidationError
        if len(self.unknown) == 1 and sum(self.unknown.values()) == len(self.items):
            (error,) = self.unknown
        raise error(self.items)


def _under(prefix: str, path: str) -> str:
    if not prefix:
        return path
    if not path:
        return prefix
    return f"{prefix}{path}" if path.startswith("[") else f"{prefix}.{path}"
