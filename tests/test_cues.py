"""Cues: what a player speaks or shows, and when."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given

import stretchkit as sk
from tests import strategies as sks

GOLDEN = Path(__file__).parent / "golden"
VTT_TIME = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d\d\d) --> (\d\d):(\d\d):(\d\d)\.(\d\d\d)$")


def _hold_blocks(tl: sk.Timeline) -> list[tuple[float, float]]:
    """(start, end) of each run of holds of one rep on one side (poses back to back)."""
    blocks: list[tuple[float, float]] = []
    prev: sk.Step | None = None
    for s in tl:
        same = (
            prev is not None
            and prev.kind is sk.StepKind.HOLD
            and s.kind is sk.StepKind.HOLD
            and (prev.round, prev.item, prev.side, prev.rep) == (s.round, s.item, s.side, s.rep)
        )
        if same:
            blocks[-1] = (blocks[-1][0], s.end)
        elif s.kind is sk.StepKind.HOLD:
            blocks.append((s.start, s.end))
        prev = s
    return blocks


class TestCues:
    """Timeline.cues: ordered, within the timeline, complete."""

    @given(sks.routines(), sks.levels)
    def test_properties(self, routine: sk.Routine, level: float) -> None:
        """Ordered, within [0, duration], one start per hold, countdowns inside their hold."""
        tl = sk.compose(routine, level)
        cues = tl.cues()
        times = [c.time for c in cues]
        assert sorted(times) == times
        assert all(0 <= t <= tl.duration for t in times)
        holds = [s for s in tl if s.kind is sk.StepKind.HOLD]
        starts = [c for c in cues if c.kind is sk.CueKind.START]
        assert [h.start for h in holds] == [c.time for c in starts]
        blocks = _hold_blocks(tl)
        countdowns = [c.time for c in cues if c.kind is sk.CueKind.COUNTDOWN]
        for t in countdowns:
            assert any(a < t < b for a, b in blocks)
        # Every block long enough gets its whole countdown: none lost.
        expected = sum(
            sum(1 for n in (1, 2, 3) if round(b * 1000) - n * 1000 > round(a * 1000)) for a, b in blocks
        )
        assert expected == len(countdowns)
        assert (sk.CueKind.END, tl.duration) == (cues[-1].kind, cues[-1].time)
        occurrences = {(s.round, s.item) for s in tl}
        assert len(occurrences) == sum(c.kind is sk.CueKind.READY for c in cues)
        gaps = [s for s in tl if s.kind in (sk.StepKind.SWITCH, sk.StepKind.REST)]
        assert len(gaps) == sum(c.kind in (sk.CueKind.SWITCH, sk.CueKind.REST) for c in cues)

    def test_countdown_before_a_side_change_without_a_gap(self) -> None:
        """With no switch time, the left hold still gets its countdown before the right one starts."""
        twist = sk.Stretch(name="Twist", hold=10, sides=sk.Sides.EACH)
        cues = sk.compose(sk.Routine(name="R", stretches=[twist])).cues(countdown=2)
        assert [8.0, 9.0, 18.0, 19.0] == [c.time for c in cues if c.kind is sk.CueKind.COUNTDOWN]

    def test_short_holds_keep_their_cues(self) -> None:
        """A hold shorter than the countdown keeps its start cue; no countdown precedes it."""
        blink = sk.Stretch(name="Blink", hold=0.5, reps=2, rest=1)
        cues = sk.compose(sk.Routine(name="R", stretches=[blink])).cues(countdown=3)
        assert [c.kind for c in cues] == [
            sk.CueKind.READY,
            sk.CueKind.START,
            sk.CueKind.REST,
            sk.CueKind.START,
            sk.CueKind.END,
        ]

    def test_breath_cues_and_poses(self) -> None:
        """Poses with a breath get a breath cue after their start cue."""
        cow = sk.Pose(name="Cow", hold=3, cue="lift your head", breath=sk.Breath.INHALE)
        cat = sk.Pose(name="Cat", hold=3, breath=sk.Breath.EXHALE)
        stretch = sk.Stretch(name="Cat-Cow", hold=3, reps=1, poses=[cow, cat])
        texts = [c.text for c in sk.compose(sk.Routine(name="R", stretches=[stretch])).cues(countdown=2)]
        assert texts == [
            "Get ready: Cat-Cow",
            "Cow, hold 3 seconds",
            "Inhale: lift your head",
            "Cat, hold 3 seconds",
            "Exhale",
            "2",
            "1",
            "Routine complete. Well done",
        ]

    def test_texts_can_be_replaced(self) -> None:
        """A template mapping or a callable replaces the wording."""
        hug = sk.Stretch(name="Hug", hold=5)
        tl = sk.compose(sk.Routine(name="R", stretches=[hug]))
        german = tl.cues(countdown=0, texts={"ready": "Bereit: {name}", "start": "{seconds} Sekunden halten"})
        assert ["Bereit: Hug", "5 Sekunden halten"] == [c.text for c in german[:2]]
        keys = [c.text for c in tl.cues(countdown=1, texts=lambda key, fields: key)]
        assert ["ready", "start", "countdown", "end"] == keys

    @pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
    def test_bad_countdown(self, bad: object) -> None:
        """countdown must be a whole number >= 0."""
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=5)]))
        with pytest.raises(sk.ValidationError, match="countdown"):
            tl.cues(countdown=bad)  # type: ignore[arg-type]
