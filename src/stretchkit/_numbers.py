"""Numbers and times: what counts as a number, exact milliseconds, and how
values are shown in messages and on screen.

Every time stretchkit handles is a whole number of milliseconds. Internally
times are plain ``int`` milliseconds; they become float seconds only at the
public surface, as ``ms / 1000``, which is exact to the last bit for the
same integer every time it is computed.
"""

from __future__ import annotations

import decimal
import math
import numbers
import operator
import reprlib
from collections.abc import Collection
from itertools import repeat
from typing import Final, TypeAlias

Number: TypeAlias = int | float

#: One day, the longest any single duration may be.
MAX_SECONDS: Final = 86_400


_REPR: Final = reprlib.Repr()
_REPR.maxlevel = 3
_REPR.maxstring = 50
_REPR.maxother = 50
_REPR.maxlist = _REPR.maxtuple = _REPR.maxdict = _REPR.maxset = 4


def describe(value: object) -> str:
    """A short, safe description of a value for an error message.

    Bounded however large or deep the value (no ``RecursionError``, no
    ``ValueError`` for huge integers), and safe from a ``repr`` that raises.
    """
    name = type(value).__name__
    if isinstance(value, int) and not isinstance(value, bool) and abs(int.__int__(value)) >= 10**30:
        digits = int(int.__int__(value).bit_length() * math.log10(2)) + 1
        return f"an integer of about {digits} digits ({name})"
    try:
        text = _REPR.repr(value)
    except Exception:
        text = f"<unprintable {name}>"
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({name})"


def real(value: object) -> int | float | None:
    """``value`` as the exact built-in number it stands for, or None when it is no real number.

    Bools are not numbers. Subclasses of ``int`` and ``float`` become plain
    ones (their own methods are not trusted); ``Fraction``, ``Decimal`` and
    numpy scalars are converted, whole values to ``int``. NaN and infinities
    pass through: whether they are allowed is for the caller to say.
    """
    kind = type(value)
    if kind is int or kind is float:
        return value  # type: ignore[return-value]
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, decimal.Decimal):
        if value.is_finite() and value == value.to_integral_value():
            return int(value)
        return float(value)
    if isinstance(value, numbers.Integral):
        return operator.index(value)
    if isinstance(value, numbers.Rational):
        if value.denominator == 1:
            return int(value.numerator)
        try:
            return float(value)
        except OverflowError:  # beyond any float: the integer part tells how large
            return int(value.numerator) // int(value.denominator)
    if isinstance(value, numbers.Real):
        return float(value)
    return None


def number_problem(value: object) -> str | None:
    """Why ``value`` is not a finite, non-bool real number, or None (then ``real(value)`` is one)."""
    number = real(value)
    if number is None:
        return f"expected a number, got {describe(value)}"
    if isinstance(number, float) and not math.isfinite(number):
        return f"must be finite, got {number!r}"
    return None


def whole_number(value: object) -> int | None:
    """``value`` as an ``int`` when it is a whole number, else None.

    As in JSON Schema, a whole-valued float counts (``2.0`` -> ``2``); bools,
    ``1.5``, NaN and infinities do not.
    """
    number = real(value)
    if isinstance(number, float):
        return int(number) if number.is_integer() else None  # not NaN, not infinite
    return number


def normalize_number(value: object) -> Number:
    """``int`` for whole values (``25.0`` -> ``25``), else ``float`` (a number known to be finite)."""
    number = real(value)
    if isinstance(number, float) and number.is_integer() and abs(number) < 2**53:
        return int(number)
    return number  # type: ignore[return-value]


def to_ms(seconds: Number) -> int | None:
    """Seconds as whole milliseconds, or None when finer than 1 ms."""
    if isinstance(seconds, int):
        return seconds * 1000
    ms = round(seconds * 1000)
    return ms if ms / 1000 == seconds else None


def ms_of(value: Number) -> int:
    """A value already known to be whole milliseconds, as integer ms."""
    return value * 1000 if isinstance(value, int) else round(value * 1000)


def seconds(ms: int) -> Number:
    """Milliseconds back to seconds: an ``int`` when whole."""
    whole, rest = divmod(ms, 1000)
    return whole if rest == 0 else ms / 1000


def seconds_list(ms: Collection[int]) -> list[Number]:
    """:func:`seconds` of each, as a list: a document's column of times.

    Times are nearly always whole seconds, and then the list is made at C
    speed (a ``map`` of a C function, no Python call per value).
    """
    if any(map(operator.mod, ms, repeat(1000))):
        return list(map(seconds, ms))
    return list(map(operator.floordiv, ms, repeat(1000)))


def clock_text(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``, with milliseconds only when there are any."""
    ms = round(seconds * 1000)
    whole, frac = divmod(ms, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{frac:03d}" if frac else text
