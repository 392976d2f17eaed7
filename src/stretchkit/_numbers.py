"""Numbers and times: what counts as a number, exact milliseconds, and how
values are shown in messages and on screen.

Every time stretchkit handles is a whole number of milliseconds. Internally
times are plain ``int`` milliseconds; they become float seconds only at the
public surface, as ``ms / 1000``, which is exact to the last bit for the
same integer every time it is computed.
"""

from __future__ import annotations

import math
import numbers
from typing import Final, TypeAlias

Number: TypeAlias = int | float

#: One day, the longest any single duration may be.
MAX_SECONDS: Final = 86_400


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


def whole_number(value: object) -> int | None:
    """``value`` as an ``int`` when it is a whole number, else None.

    As in JSON Schema, a whole-valued float counts (``2.0`` -> ``2``); bools,
    ``1.5``, NaN and infinities do not.
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    try:
        top, bottom = float(value).as_integer_ratio()
    except (OverflowError, ValueError):  # infinities and NaN
        return None
    return top if bottom == 1 else None


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


def ms_of(value: Number) -> int:
    """A value already known to be whole milliseconds, as integer ms."""
    return value * 1000 if isinstance(value, int) else round(value * 1000)


def seconds(ms: int) -> Number:
    """Milliseconds back to seconds: an ``int`` when whole."""
    whole, rest = divmod(ms, 1000)
    return whole if rest == 0 else ms / 1000


def clock_text(seconds: float) -> str:
    """``h:mm:ss`` or ``m:ss``, with milliseconds only when there are any."""
    ms = round(seconds * 1000)
    whole, frac = divmod(ms, 1000)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return f"{text}.{frac:03d}" if frac else text
