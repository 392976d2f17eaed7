"""The errors stretchkit raises.

Every error is a :class:`StretchkitError`; each one also subclasses the
built-in exception that fits it, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

import errno
from collections.abc import Iterable

__all__ = [
    "FileError",
    "FitError",
    "MissingFileError",
    "StretchkitError",
    "TimelineTooLarge",
    "UnknownProgramError",
    "UnknownRoutineError",
    "UnknownStretchError",
    "ValidationError",
]


class StretchkitError(Exception):
    """The root of every error stretchkit raises.

    >>> import stretchkit as sk
    >>> issubclass(sk.ValidationError, sk.StretchkitError)
    True
    """


def _problems(errors: str | Iterable[str | tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """``(path, message)`` pairs from one message, messages, or pairs."""
    if isinstance(errors, str):
        return (("", errors),)
    return tuple(("", e) if isinstance(e, str) else (str(e[0]), str(e[1])) for e in errors)


def _text(problem: tuple[str, str]) -> str:
    path, message = problem
    return f"{path}: {message}" if path else message


class _Listing(StretchkitError):
    """An error listing one or more problems, each with its path."""

    #: One ``(path, message)`` pair per problem; the path is ``""`` when there is none.
    problems: tuple[tuple[str, str], ...]
    #: One ``"path: message"`` line per problem.
    errors: tuple[str, ...]

    def __init__(self, errors: str | Iterable[str | tuple[str, str]]) -> None:
        self.problems = _problems(errors)
        self.errors = tuple(map(_text, self.problems))
        super().__init__(*self.errors)

    def __str__(self) -> str:
        if len(self.errors) == 1:
            return self.errors[0]
        lines = "\n".join(f"  {e}" for e in self.errors)
        return f"{len(self.errors)} problems:\n{lines}"

    def __reduce__(self) -> tuple[type[_Listing], tuple[tuple[tuple[str, str], ...]]]:
        return (type(self), (self.problems,))


class ValidationError(_Listing, ValueError):
    """A value, an object or a document is not valid.

    ``errors`` holds one ``"path: message"`` line per problem, all of them,
    not only the first; ``problems`` holds the same as ``(path, message)``
    pairs.

    >>> import stretchkit as sk
    >>> try:
    ...     sk.Stretch(name="", hold=0)
    ... except sk.ValidationError as e:
    ...     print(*e.errors, sep="\\n")
    name: must not be blank
    hold: must be greater than 0, got 0
    """


class UnknownStretchError(_Listing, LookupError):
    """A stretch id is not in the catalog.

    Raised by ``Catalog.stretch`` and by document loaders whose only
    problems are unknown refs; ``errors`` lists each, with its path.

    >>> import stretchkit as sk
    >>> issubclass(sk.UnknownStretchError, LookupError)
    True
    """


class UnknownRoutineError(_Listing, LookupError):
    """A routine id is not in the catalog.

    >>> import stretchkit as sk
    >>> issubclass(sk.UnknownRoutineError, LookupError)
    True
    """


class UnknownProgramError(_Listing, LookupError):
    """A program id is not in the catalog.

    >>> import stretchkit as sk
    >>> issubclass(sk.UnknownProgramError, LookupError)
    True
    """


class FileError(StretchkitError, OSError):
    """A file cannot be read or written; also an ``OSError``.

    ``errno`` and ``strerror`` are those of the system's error, when there
    was one.

    >>> import stretchkit as sk
    >>> issubclass(sk.exceptions.FileError, OSError)
    True
    """

    def __init__(self, message: str, cause: OSError | None = None) -> None:
        super().__init__(message)
        if cause is not None:
            self.errno = cause.errno
            self.strerror = cause.strerror
            self.filename = cause.filename

    def __str__(self) -> str:
        return str(self.args[0])

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (str(self),))


class MissingFileError(StretchkitError, FileNotFoundError):
    """A document file is not there.

    Both a :class:`StretchkitError` and a ``FileNotFoundError``, so either
    ``except`` catches it; ``filename`` is the path asked for.

    >>> import stretchkit as sk
    >>> try:
    ...     sk.load("missing.json")
    ... except FileNotFoundError as e:
    ...     print(e, isinstance(e, sk.StretchkitError))
    no such file: missing.json True
    """

    def __init__(self, filename: str) -> None:
        super().__init__(errno.ENOENT, "no such file", filename)

    def __str__(self) -> str:
        return f"no such file: {self.filename}"

    def __reduce__(self) -> tuple[object, ...]:
        return (MissingFileError, (self.filename,))


class FitError(StretchkitError, ValueError):
    """A routine cannot fit the time asked for, even at level 0.

    ``minimum`` is the shortest the routine can be, in seconds.

    >>> import stretchkit as sk
    >>> routine = sk.Routine(name="Hold", stretches=[sk.Stretch(name="Hold", hold=30)])
    >>> sk.fit(routine, 10)
    Traceback (most recent call last):
    ...
    stretchkit.exceptions.FitError: 'Hold' takes at least 30 s, more than the 10 s asked for
    """

    minimum: float

    def __init__(self, message: str, *, minimum: float) -> None:
        super().__init__(message)
        self.minimum = minimum

    def __reduce__(self) -> tuple[object, ...]:
        return (_make_fit_error, (str(self), self.minimum))


def _make_fit_error(message: str, minimum: float) -> FitError:
    return FitError(message, minimum=minimum)


class TimelineTooLarge(StretchkitError):
    """A timeline would have more steps than allowed.

    The check happens before anything is expanded. ``steps`` is how many
    steps the timeline would have and ``limit`` the most allowed. A FIT
    workout that would need more workout steps than allowed raises it too
    (``stretchkit.export.to_fit``).

    >>> import stretchkit as sk
    >>> routine = sk.Routine(name="Long", stretches=[sk.Stretch(name="Reps", hold=1, reps=1000)])
    >>> sk.compose(routine, max_steps=100)
    Traceback (most recent call last):
    ...
    stretchkit.exceptions.TimelineTooLarge: 'Long' would have 1000 steps, over the limit of 100
    """

    steps: int
    limit: int

    def __init__(self, message: str, *, steps: int, limit: int) -> None:
        super().__init__(message)
        self.steps = steps
        self.limit = limit

    def __reduce__(self) -> tuple[object, ...]:
        return (_make_too_large, (str(self), self.steps, self.limit))


def _make_too_large(message: str, steps: int, limit: int) -> TimelineTooLarge:
    return TimelineTooLarge(message, steps=steps, limit=limit)
