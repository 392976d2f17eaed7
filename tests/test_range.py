"""Range: construction, levels, and properties over generated ranges."""

from __future__ import annotations

import math
import pickle

import pytest
from hypothesis import given

import stretchkit as sk
from tests import strategies as sks


class TestRange:
    """Range: inclusive bounds, validated, resolved by level."""

    def test_fixed_and_positional(self) -> None:
        """Range(25) is fixed; bounds may be positional."""
        assert sk.Range(25) == sk.Range(25, 25)
        assert sk.Range(25).fixed
        assert not sk.Range(20, 30).fixed
        assert (20, 30) == (sk.Range(20, 30).low, sk.Range(20, 30).high)

    def test_whole_floats_become_ints(self) -> None:
        """Range(25.0) keeps its bounds as ints."""
        assert isinstance(sk.Range(25.0).low, int)
        assert sk.Range(25.0) == sk.Range(25)
        assert hash(sk.Range(25.0)) == hash(sk.Range(25))

    @pytest.mark.parametrize(
        ("level", "expected"),
        [(0, 20), (1, 30), (0.5, 25), (0.25, 23), (0.24, 22), (0.05, 21), (0.049, 20)],
    )
    def test_at_whole_rounds_half_up(self, level: float, expected: int) -> None:
        """Whole bounds give whole numbers, rounded half up."""
        value = sk.Range(20, 30).at(level)
        assert expected == value
        assert isinstance(value, int)

    def test_at_fractional_rounds_to_the_millisecond(self) -> None:
        """Non-whole bounds give values rounded to the millisecond."""
        assert 0.623 == sk.Range(0.5, 1.5).at(0.1234)
        assert 0.5 == sk.Range(0.5, 1.5).at(0)
        assert 1.5 == sk.Range(0.5, 1.5).at(1)
        assert 1.0005 != sk.Range(1, 1.001).at(0.5)

    def test_repr(self) -> None:
        """The repr is short and evaluable."""
        assert "Range(25)" == repr(sk.Range(25))
        assert "Range(20, 30)" == repr(sk.Range(20, 30))

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            ((-1,), "must not be negative"),
            ((30, 20), "low must not exceed high"),
            ((math.nan,), "must be finite"),
            ((math.inf,), "must be finite"),
            ((1, math.inf), "high: must be finite"),
            ((True,), "expected a number"),
            (("5",), "expected a number"),
            ((None,), "expected a number"),
        ],
    )
    def test_invalid(self, args: tuple[object, ...], message: str) -> None:
        """Bad bounds raise ValidationError, also a ValueError."""
        with pytest.raises(sk.ValidationError, match=message) as info:
            sk.Range(*args)  # type: ignore[arg-type]
        assert isinstance(info.value, ValueError)

    def test_pickle(self) -> None:
        """Ranges pickle."""
        assert sk.Range(1.5, 2) == pickle.loads(pickle.dumps(sk.Range(1.5, 2)))


class TestRangeProperties:
    """Range.at picks values monotonically within the bounds."""

    @given(sks.ranges(), sks.levels, sks.levels)
    def test_at_is_monotone_and_bounded(self, r: sk.Range, a: float, b: float) -> None:
        """at() stays within the bounds, hits them at 0 and 1 and never decreases."""
        lo, hi = min(a, b), max(a, b)
        assert r.low == r.at(0)
        assert r.high == r.at(1)
        assert r.low <= r.at(lo) <= r.at(hi) <= r.high
        if r.whole:
            assert isinstance(r.at(lo), int)
