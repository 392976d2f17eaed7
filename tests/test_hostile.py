"""Hostile numbers and objects: refused or normalised the same way everywhere,
never a crash inside (issue: reliability)."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest

import stretchkit as sk
from stretchkit._numbers import describe, real


class LyingInt(int):
    """An int that lies about itself in every way it can."""

    def __int__(self) -> int:
        return 7

    def __index__(self) -> int:
        return 7

    def __eq__(self, other: object) -> bool:
        return True

    def __lt__(self, other: object) -> bool:
        return False

    def __gt__(self, other: object) -> bool:
        return False

    def __le__(self, other: object) -> bool:
        return True

    def __ge__(self, other: object) -> bool:
        return True

    __hash__ = int.__hash__


class RaisingInt(int):
    """An int whose comparisons raise."""

    def __lt__(self, other: object) -> bool:
        raise RuntimeError("no")

    __gt__ = __le__ = __ge__ = __lt__
    __hash__ = int.__hash__


def _routine(**dose: object) -> sk.Routine:
    return sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=5, **dose)])  # type: ignore[arg-type]


class TestNumbers:
    """Every real number type, and none but them."""

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (LyingInt(-5), -5),
            (np.int64(3), 3),
            (np.float64(2.5), 2.5),
            (Fraction(3, 2), 1.5),
            (Fraction(4, 2), 2),
            (Decimal("2"), 2),
            (Decimal("0.25"), 0.25),
            (True, None),
            (np.bool_(True), None),
            ("3", None),
            (None, None),
        ],
    )
    def test_real(self, value: object, expected: object) -> None:
        """real() gives the exact built-in number, or None."""
        got = real(value)
        assert (expected, type(expected)) == (got, type(got))

    def test_describe_is_bounded(self) -> None:
        """Huge integers, deep nesting and hostile reprs are described briefly."""
        deep: list[object] = []
        node = deep
        for _ in range(10_000):
            node.append([])
            node = node[0]  # type: ignore[assignment]

        class Hostile:
            def __repr__(self) -> str:
                raise RuntimeError("no")

        assert "about 10001 digits" in describe(10**10_000)
        assert len(describe(deep)) < 80
        assert describe(Hostile()).endswith("(Hostile)")  # a repr that raises is not repeated

    @pytest.mark.parametrize("value", [LyingInt(-5), RaisingInt(-5)])
    def test_range_trusts_no_subclass(self, value: int) -> None:
        """Range(LyingInt(-5)) is -5, refused; a raising comparison never escapes."""
        with pytest.raises(sk.ValidationError, match="must not be negative, got -5"):
            sk.Range(value)

    @pytest.mark.parametrize("value", [10**400, -(10**400), 2**53 + 1])
    def test_huge_integers(self, value: int) -> None:
        """Integers of any size are refused with a message, never an OverflowError."""
        with pytest.raises(sk.ValidationError):
            sk.Range(abs(value))
        with pytest.raises(sk.ValidationError, match="level"):
            sk.compose(_routine(), value)
        tl = sk.compose(_routine())
        with pytest.raises(sk.ValidationError, match="t: must be in"):
            tl.at(value)
        with pytest.raises(sk.ValidationError, match="must be at most"):
            sk.Stretch(name="S", hold=abs(value))

    def test_fit_any_number(self) -> None:
        """fit takes any real number of seconds and names the minimum clearly."""
        assert sk.fit(_routine(), Fraction(11, 2)).duration() == 5  # type: ignore[arg-type]
        with pytest.raises(sk.FitError, match=r"more than the 0\.5 s asked for"):
            sk.fit(_routine(), Fraction(1, 2))  # type: ignore[arg-type]
        with pytest.raises(sk.ValidationError, match="seconds: must not be negative"):
            sk.fit(_routine(), RaisingInt(-1))

    @pytest.mark.parametrize("level", [Fraction(1, 2), Decimal("0.5"), np.float64(0.5), 0.5])
    def test_levels_of_any_type(self, level: object) -> None:
        """compose takes any real level, and gives the same timeline."""
        assert sk.compose(_routine(reps=(1, 3)), 0.5) == sk.compose(_routine(reps=(1, 3)), level)  # type: ignore[arg-type]

    def test_huge_countdown_is_quick(self) -> None:
        """A countdown far longer than any hold says only what fits, at once."""
        tl = sk.compose(_routine())
        assert ["4", "3", "2", "1"] == [
            c.text for c in tl.cues(countdown=10**400) if c.kind is sk.CueKind.COUNTDOWN
        ]
        assert math.isfinite(tl.duration)
