"""Folding repeated blocks into flat repeats (the FIT export's repeat steps)."""

from __future__ import annotations

import functools
import time
from collections.abc import Sequence

import pytest
from hypothesis import given
from hypothesis import strategies as st

from stretchkit.export import _fold
from stretchkit.export._fold import EXACT_MAX, Repeat, expand, fold

# Few different steps, so that blocks repeat often.
small = st.lists(st.integers(0, 2), max_size=14)


@st.composite
def blocky(draw: st.DrawFn, max_len: int = 60) -> list[int]:
    """Steps made of blocks repeated back to back, with other steps between."""
    steps: list[int] = []
    while len(steps) < max_len and draw(st.booleans()):
        block = draw(st.lists(st.integers(0, 3), min_size=1, max_size=4))
        steps += block * draw(st.integers(1, 6)) + draw(st.lists(st.integers(0, 3), max_size=2))
    return steps


def fewest(steps: Sequence[int]) -> int:
    """The fewest entries any flat folding of ``steps`` can have, by trying every block."""

    @functools.cache
    def best(i: int) -> int:
        if i == len(steps):
            return 0
        found = 1 + best(i + 1)
        for p in range(1, (len(steps) - i) // 2 + 1):
            runs = 1
            while steps[i + runs * p : i + (runs + 1) * p] == steps[i : i + p]:
                runs += 1
                found = min(found, p + 1 + best(i + runs * p))
        return found

    return best(0)


def is_flat(entries: Sequence[object]) -> bool:
    """No repeat's block holds another repeat."""
    return all(
        not any(isinstance(e, Repeat) for e in entries[r.first : i])
        for i, r in enumerate(entries)
        if isinstance(r, Repeat)
    )


class TestFold:
    """fold() and expand()."""

    @given(st.one_of(small, blocky()))
    def test_expands_back(self, steps: list[int]) -> None:
        """Expanding the folded steps gives them back; never longer; flat; each repeat saves an entry."""
        entries = fold(steps)
        assert steps == expand(entries)
        assert len(entries) <= len(steps)
        assert is_flat(entries)
        for i, entry in enumerate(entries):
            if isinstance(entry, Repeat):
                assert (i - entry.first) * entry.runs > i - entry.first + 1

    @given(st.one_of(small, blocky(max_len=16)))
    def test_fewest_entries(self, steps: list[int]) -> None:
        """Up to EXACT_MAX steps, no flat folding has fewer entries."""
        assert fewest(steps) == len(fold(steps))

    @given(blocky())
    def test_greedy_beyond(self, steps: list[int]) -> None:
        """The greedy folding, used beyond EXACT_MAX steps, plays back the same and is never shorter."""
        plan = _fold._plan_greedy(_fold._Blocks(steps))
        assert len(steps) == sum(p * runs for p, runs in plan)
        assert all(runs >= 2 or p == 1 for p, runs in plan)
        greedy = sum(1 if runs == 1 else p + 1 for p, runs in plan)
        assert len(fold(steps)) <= greedy

    @pytest.mark.parametrize(
        ("steps", "entries"),
        [
            ([], []),
            (["a"], ["a"]),
            (["a", "a"], ["a", "a"]),  # a repeat would save nothing
            (["a"] * 5, ["a", Repeat(0, 5)]),
            (list("HrHrH"), ["H", "r", "H", Repeat(1, 2)]),
            (list("LsRtLsRtLsR"), [*"LsRtLsR", Repeat(3, 2)]),
            (list("abcbcbcbcd"), ["a", "b", "c", Repeat(1, 4), "d"]),
        ],
    )
    def test_examples(self, steps: list[str], entries: list[object]) -> None:
        """Repeats start as late as they can, so they line up with reps."""
        assert entries == fold(steps)

    def test_rounds_beyond_exact_max(self) -> None:
        """A long timeline of repeated rounds folds into one repeat of the round."""
        round_ = list("aLsRtbcbc")
        steps = ["lead", *round_ * (EXACT_MAX // len(round_) + 10)]
        entries = fold(steps)
        assert ["lead", *round_, Repeat(1, EXACT_MAX // len(round_) + 10)] == entries

    @pytest.mark.parametrize("n", [EXACT_MAX, 60_000])
    def test_long_runs_are_fast(self, n: int) -> None:
        """One step repeated, or two in turn, thousands of times: folded at once."""
        for steps in (["a"] * n, ["a", "b"] * (n // 2)):
            start = time.perf_counter()
            assert 3 >= len(fold(steps))
            assert time.perf_counter() - start < 2

    def test_a_hash_collision_is_caught(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """If blocks compared equal by mistake, fold() still gives back the steps unfolded."""
        monkeypatch.setattr(_fold, "_MOD", 1)  # every block hashes to 0
        steps = list("abcabd")
        assert steps == fold(steps)
        assert steps == expand(fold(steps))

    def test_expand_refuses_bad_repeats(self) -> None:
        """A repeat pointing forward, at itself, or with no runs is an error."""
        for entries in (["a", Repeat(1, 2)], ["a", Repeat(2, 2)], ["a", Repeat(0, 0)], [Repeat(0, 2)]):
            with pytest.raises(ValueError, match="a repeat must point back"):
                expand(entries)

    def test_expand_plays_nested_repeats(self) -> None:
        """A repeat inside a repeat plays as a watch would play it (fold never writes one)."""
        entries = ["a", "b", Repeat(1, 2), Repeat(0, 2)]
        assert list("abbabb") == expand(entries)
