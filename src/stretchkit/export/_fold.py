"""Runs of repeated blocks folded into repeat entries, and played back.

A workout file for a watch can say "go back and run these steps again, N
times in all" with one *repeat* entry placed right after the block.
:func:`fold` finds such blocks in a flat list of steps so that the list
needs as few entries as possible, and :func:`expand` plays entries back the
way a watch does: ``expand(fold(steps)) == list(steps)`` for every list.

Blocks are never nested: a block holds plain steps only. FIT can express a
repeat inside a repeat, but nothing in its documentation says how devices
play one, so we do not rely on it.

Nothing here knows FIT or stretchkit's types: steps are any hashable values,
compared with ``==``.

>>> steps = ["hold", "rest", "hold", "rest", "hold"]
>>> fold(steps)
['hold', 'rest', 'hold', Repeat(first=1, runs=2)]
>>> expand(fold(steps)) == steps
True
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Hashable, Iterator, Sequence
from typing import Final, TypeVar

import attrs

S = TypeVar("S", bound=Hashable)

#: Up to this many steps :func:`fold` finds the fewest entries there can be
#: (a fraction of a second at this size); beyond, it folds greedily.
EXACT_MAX: Final = 3000

# Blocks are compared by polynomial hashes modulo a Mersenne prime; two
# different blocks share a hash with odds of about 2**-61 per comparison,
# and fold() checks its result by playing it back anyway.
_MOD: Final = (1 << 61) - 1
_BASE: Final = 1_000_003


@attrs.frozen
class Repeat:
    """Go back to entry ``first`` until the block from there to this entry
    has run ``runs`` times in all, the first run included."""

    first: int
    runs: int


class _Blocks:
    """The steps as small numbers, and any two blocks of them compared in O(1)."""

    def __init__(self, steps: Sequence[Hashable]) -> None:
        numbers: dict[Hashable, int] = {}
        self.ids = ids = [numbers.setdefault(step, len(numbers)) for step in steps]
        self.n = n = len(ids)
        #: Where each step occurs, in order.
        self.where: dict[int, list[int]] = {}
        for i, v in enumerate(ids):
            self.where.setdefault(v, []).append(i)
        # _prefix[i]: the hash of ids[:i]; _power[i]: _BASE ** i.
        self._prefix = prefix = array("q", [0]) * (n + 1)
        self._power = power = array("q", [1]) * (n + 1)
        for i, v in enumerate(ids):
            prefix[i + 1] = (prefix[i] * _BASE + v + 1) % _MOD
            power[i + 1] = power[i] * _BASE % _MOD

    def same(self, a: int, b: int, length: int) -> bool:
        """Whether the ``length`` steps from ``a`` equal those from ``b``."""
        prefix, power = self._prefix, self._power
        hash_a = (prefix[a + length] - prefix[a] * power[length]) % _MOD
        return hash_a == (prefix[b + length] - prefix[b] * power[length]) % _MOD

    def runs(self, i: int, p: int) -> int:
        """How many times the ``p`` steps from ``i`` run back to back there (at least 1)."""
        # The block runs k times when the k - 1 blocks from i equal those from i + p.
        low, high = 0, (self.n - i - p) // p
        while low < high:
            mid = (low + high + 1) // 2
            if self.same(i, i + p, mid * p):
                low = mid
            else:
                high = mid - 1
        return low + 1

    def squares(self, i: int) -> Iterator[tuple[int, int]]:
        """``(p, runs)`` for each block of ``p`` steps that runs at least twice
        from ``i``, shortest first; but not a block that is itself a shorter
        block repeated (folding the shorter one always takes fewer entries).

        After a block of ``p`` steps that runs ``runs`` times, no block of at
        most ``(runs - 1) * p`` steps can be a new one: by the periodicity
        lemma (Fine and Wilf), such a block either does not run twice or is
        the shorter block repeated. Skipping them keeps this fast on long
        runs (one step repeated 1,000 times gives one block here, not 500).
        """
        n, later = self.n, self.where[self.ids[i]]
        k = bisect_right(later, i)
        while k < len(later):
            p = later[k] - i
            if 2 * p > n - i:
                return
            if self.same(i, i + p, p):
                runs = self.runs(i, p)
                yield p, runs
                k = bisect_right(later, i + (runs - 1) * p, k)
            else:
                k += 1


#: How to cover the steps, in order: ``(p, runs)`` pieces; ``(1, 1)`` is one plain step.
_Plan = list[tuple[int, int]]


def _plan_exact(blocks: _Blocks) -> _Plan:
    """The fewest entries a flat folding can have, by dynamic programming.

    ``best[i]``, the fewest entries for the steps from ``i``, is the least
    of ``1 + best[i + 1]`` (a plain step) and ``p + 1 + best[i + r * p]``
    for each block of ``p`` steps at ``i`` that runs ``r >= 2`` times.
    Ties go to the plain step, then to the shorter block and the fewer
    runs, so that repeats start as late as they can: in stretchkit's
    timelines that lines a block up with a rep, whose leading rest or switch
    belongs to it (``hold, [rest, hold] x 3``).
    """
    n = blocks.n
    best = array("q", [0]) * (n + 1)
    choices: _Plan = [(1, 1)] * n  # the best first piece from each step
    # stop[i, p]: where the best run of the block of p steps at i ends, after
    # 2 runs or more. The block at i + p is the same one, one run shorter, so
    # each entry comes from the one p steps on, in O(1).
    stop: dict[tuple[int, int], int] = {}
    for i in range(n - 1, -1, -1):
        cost, choice = 1 + best[i + 1], (1, 1)
        for p, runs in blocks.squares(i):
            end = i + 2 * p
            if runs > 2:
                later = stop.get((i + p, p), end)  # always there, unless two blocks shared a hash
                if best[later] < best[end]:
                    end = later
            stop[i, p] = end
            if p + 1 + best[end] < cost:
                cost, choice = p + 1 + best[end], (p, (end - i) // p)
        best[i], choices[i] = cost, choice
    plan: _Plan = []
    i = 0
    while i < n:
        plan.append(choices[i])
        i += choices[i][0] * choices[i][1]
    return plan


def _plan_greedy(blocks: _Blocks) -> _Plan:
    """Left to right, at each step the block that saves the most entries there.

    Fast, but short-sighted: where rounds repeat, it repeats whole rounds
    even when folding inside each round would take fewer entries.
    """
    plan: _Plan = []
    i = 0
    while i < blocks.n:
        saved, choice = 0, (1, 1)
        for p, runs in blocks.squares(i):
            if p * runs - (p + 1) > saved:
                saved, choice = p * runs - (p + 1), (p, runs)
        plan.append(choice)
        i += choice[0] * choice[1]
    return plan


def fold(steps: Sequence[S]) -> list[S | Repeat]:
    """``steps`` with runs of a repeated block folded into repeat entries.

    Each block is written once, followed by a :class:`Repeat` whose
    ``first`` is the index, in the returned list, of the block's first
    entry. Never longer than ``steps``; the fewest entries a flat folding
    can have for up to :data:`EXACT_MAX` steps, a greedy folding beyond.
    """
    steps = list(steps)
    blocks = _Blocks(steps)
    plan = _plan_exact(blocks) if blocks.n <= EXACT_MAX else _plan_greedy(blocks)
    entries: list[S | Repeat] = []
    i = 0
    for p, runs in plan:
        if runs == 1:
            entries.append(steps[i])
        else:
            first = len(entries)
            entries += steps[i : i + p]
            entries.append(Repeat(first, runs))
        i += p * runs
    if expand(entries) != steps:  # two blocks shared a hash: write every step out instead
        return list(steps)
    return entries


def expand(entries: Sequence[S | Repeat]) -> list[S]:
    """The steps that ``entries`` play, as a watch plays them.

    A step plays once where it stands; at a repeat, play goes back to its
    ``first`` entry until the block has run ``runs`` times, then on. Each
    repeat counts its own runs, so repeats inside repeats play too.

    Raises:
        ValueError: A repeat points at itself or a later entry, or has no runs.
    """
    steps: list[S] = []
    done: dict[int, int] = {}  # a repeat's index -> how many times its block has run
    i = 0
    while i < len(entries):
        entry = entries[i]
        if not isinstance(entry, Repeat):
            steps.append(entry)
        elif not 0 <= entry.first < i or entry.runs < 1:
            msg = f"entry {i}: a repeat must point back at an earlier entry and run once or more, got {entry}"
            raise ValueError(msg)
        elif done.get(i, 1) < entry.runs:
            done[i] = done.get(i, 1) + 1
            i = entry.first
            continue
        else:
            done.pop(i, None)
        i += 1
    return steps
