"""``Range``, levels, and exact millisecond arithmetic.

Every time stretchkit handles is a whole number of milliseconds. Internally
times are plain ``int`` milliseconds; they become float seconds only at the
public surface, as ``ms / 1000``, which is exact to the last bit for the
same integer every time it is computed.
"""

from __future__ import annotations

import math
import numbers
from typing import TypeAlias

import attrs

from stretchkit.exceptions import ValidationError

Number: TypeAlias = int | float

#: One day, the longest any single duration may be.
MAX_SECONDS = 86_400


def describe(value: object) -> str:
    """A short, safe description of a value for an error message."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def number_problem(value: object) -> str | None:
    """Why ``value`` is not a finite, non-bool real number, or None."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return f"expected a number, got {describe(value)}"
    if not math.isfinite(value):
        return f"must be finite, got {value!r}"
    return None


def normalize_number(value: object) -> Number:
    """``int`` for whole values (``25.0`` -> ``25``), else ``float``."""
    if isinstance(value, numbers.Integral):
        return int(value)
    as_float = float(value)  # type: ignore[arg-type]
    if as_float.is_integer() and abs(as_float) < 2**53:
        return int(as_float)
    return as_float


def to_ms(seconds: Number) -> int | None:
    """Seconds as whole milliseconds, or None when finer than 1 ms."""
    if isinstance(seconds, int):
        return seconds * 1000
    ms = round(seconds * 1000)
    return ms if ms / 1000 == seconds else None


def seconds(ms: int) -> Number:
    """Milliseconds back to seconds: an ``int`` when whole."""
    whole, rest = divmod(ms, 1000)
    return whole if rest == 0 else ms / 1000


def clock(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``, with milliseconds only when there are any."""
    ms = round(seconds * 1000)
    whole, frac = divmod(ms, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{frac:03d}" if frac else text


def check_level(level: object) -> float:
    """Return ``level`` as a float, or raise ``ValidationError``.

    Levels are numbers in [0, 1]; bools, NaN and anything outside are refused.
    """
    problem = number_problem(level)
    if problem is None and not 0 <= level <= 1:  # type: ignore[operator]
        problem = f"must be between 0 and 1, got {level!r}"
    if problem is not None:
        raise ValidationError([f"level: {problem}"])
    return float(level)  # type: ignore[arg-type]


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
            if problem is None and value < 0:
                problem = f"must not be negative, got {value!r}"
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
        return self._at(check_level(level))

    def _at(self, level: float) -> Number:
        """``at`` for a level already checked (the composer's hot path)."""
        low, high = self.low, self.high
        if low == high or level == 0:
            return low
        if level == 1:
            return high
        if isinstance(low, int) and isinstance(high, int):
            return math.floor(low + level * (high - low) + 0.5)
        ms = math.floor((low + level * (high - low)) * 1000 + 0.5)
        return seconds(ms)


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
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        msg = f"expected a number, a (low, high) pair or a Range, got {describe(value)}"
        raise ValidationError([msg])
    return Range(normalize_number(value))
