"""``Range``, and levels: the one place a level is checked and applied.

A level from 0 to 1 picks a value from every range at once: 0 the gentlest
version of a routine, 1 the fullest.
"""

from __future__ import annotations

import math
from typing import Final, TypeAlias

import attrs

from stretchkit._numbers import Number, describe, normalize_number, number_problem, real, seconds
from stretchkit._public import public
from stretchkit.exceptions import ValidationError

#: The largest bound a Range takes: whole numbers stay exact as floats up to here.
MAX_BOUND: Final = 2**53


def level_problem(level: object) -> str | None:
    """Why ``level`` is not a level (a number in [0, 1]), or None."""
    problem = number_problem(level)
    if problem is None and not 0 <= real(level) <= 1:  # type: ignore[operator]
        problem = f"must be between 0 and 1, got {describe(level)}"
    return problem


def check_level(level: object) -> float:
    """Return ``level`` as a float, or raise ``ValidationError``.

    Levels are real numbers in [0, 1] (any numeric type); bools, NaN and
    anything outside are refused.
    """
    problem = level_problem(level)
    if problem is not None:
        raise ValidationError([("level", problem)])
    return float(real(level))  # type: ignore[arg-type]


@public
@attrs.frozen(init=False)
class Range:
    """An inclusive range of seconds or counts; ``Range(25)`` is fixed.

    Both bounds are finite, not negative, and ``low <= high``. Whole bounds
    are kept as ``int`` (``Range(25.0).low == 25``).

    Args:
        low: The lower bound.
        high: The upper bound; ``None`` (the default) means ``low``.

    Raises:
        ValidationError: A bound is not a number, is negative or not finite,
            or ``low > high``.

    >>> from stretchkit import Range
    >>> Range(20, 30).at(0.5)
    25
    >>> Range(25).fixed
    True
    """

    low: Number
    high: Number

    def __init__(self, low: Number, high: Number | None = None) -> None:
        errors = []
        bounds = (("", low),) if high is None else (("low: ", low), ("high: ", high))
        for name, value in bounds:
            problem = number_problem(value)
            if problem is None:  # real(value) is now the exact built-in number
                if real(value) < 0:  # type: ignore[operator]
                    problem = f"must not be negative, got {describe(value)}"
                elif real(value) > MAX_BOUND:  # type: ignore[operator]
                    problem = f"must be at most 2**53, got {describe(value)}"
            if problem is not None:
                errors.append(f"{name}{problem}")
        if errors:
            raise ValidationError(errors)
        lo = normalize_number(low)
        hi = lo if high is None else normalize_number(high)
        if lo > hi:
            msg = f"low must not exceed high, got {lo!r} > {hi!r}"
            raise ValidationError([msg])
        object.__setattr__(self, "low", lo)
        object.__setattr__(self, "high", hi)

    def __repr__(self) -> str:
        if self.low == self.high:
            return f"Range({self.low!r})"
        return f"Range({self.low!r}, {self.high!r})"

    def __reduce__(self) -> tuple[type[Range], tuple[Number, Number]]:
        return (Range, (self.low, self.high))

    @property
    def fixed(self) -> bool:
        """True when ``low == high``."""
        return self.low == self.high

    @property
    def whole(self) -> bool:
        """True when both bounds are whole numbers."""
        return isinstance(self.low, int) and isinstance(self.high, int)

    def at(self, level: float) -> Number:
        """The value at ``level``: ``low + level * (high - low)``, rounded.

        Rounded half up to a whole number when both bounds are whole, else to
        the millisecond. Level 0 gives ``low``, level 1 gives ``high``, and the
        value never decreases as the level rises.

        Raises:
            ValidationError: ``level`` is not a number in [0, 1].

        >>> from stretchkit import Range
        >>> Range(20, 30).at(0.24), Range(20, 30).at(0.25)
        (22, 23)
        >>> Range(0.5, 1.5).at(0.1234)
        0.623
        """
        return value_at(self, check_level(level))


def value_at(r: Range, level: float) -> Number:
    """``r.at(level)`` for a level already checked (the composer's hot path)."""
    low, high = r.low, r.high
    if low == high or level == 0:
        return low
    if level == 1:
        return high
    if isinstance(low, int) and isinstance(high, int):
        return math.floor(low + level * (high - low) + 0.5)
    ms = math.floor((low + level * (high - low)) * 1000 + 0.5)
    return seconds(ms)


def exact_range(low: object, high: object) -> Range | None:
    """``Range(low, high)`` when both bounds are exactly ``int`` or ``float``
    and valid, else None (where ``Range`` would say why, this does not).

    The document loader's quick path: the same rules as ``Range()``, tested
    at once on the exact built-in types a parser makes.
    """
    lo = _exact_bound(low)
    hi = lo if high is low else _exact_bound(high)
    if lo is None or hi is None or lo > hi:
        return None
    r = _new_range(Range)
    _set_low(r, lo)
    _set_high(r, hi)
    return r


def _exact_bound(value: object) -> Number | None:
    """A bound as ``Range`` keeps it (``normalize_number``), if valid and of an exact type."""
    if type(value) is int:
        return value if 0 <= value <= MAX_BOUND else None
    if type(value) is float and 0 <= value <= MAX_BOUND:  # not NaN, not infinite
        return int(value) if value.is_integer() and value < 2**53 else value
    return None


# Setting a new Range's slots directly, as Range() does (it is frozen).
_new_range: Final = object.__new__
_set_low: Final = Range.__dict__["low"].__set__
_set_high: Final = Range.__dict__["high"].__set__


RangeLike: TypeAlias = Range | Number | tuple[Number, Number] | list[Number]


def as_range(value: object) -> Range:
    """``value`` as a ``Range``: a number, a ``(low, high)`` pair or a Range.

    Raises:
        ValidationError: The value is none of those or not a valid range.
    """
    if isinstance(value, Range):
        return value
    if isinstance(value, tuple | list):
        if len(value) != 2:
            msg = f"expected a number or a (low, high) pair, got {len(value)} items"
            raise ValidationError([msg])
        return Range(value[0], value[1])
    if real(value) is None:
        msg = f"expected a number, a (low, high) pair or a Range, got {describe(value)}"
        raise ValidationError([msg])
    return Range(value)  # type: ignore[arg-type]
