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


def _last_holds(tl: sk.Timeline) -> list[tuple[float, float]]:
    """(start, end) of the last hold of each run of holds of one rep on one
    side (a stretch's poses back to back): where its countdown may fall."""
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
            blocks[-1] = (s.start, s.end)
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
        last_holds = _last_holds(tl)
        countdowns = [c.time for c in cues if c.kind is sk.CueKind.COUNTDOWN]
        for t in countdowns:  # strictly inside the last hold of a block...
            assert any(a < t < b for a, b in last_holds)
            assert 1 == times.count(t)  # ...so never on the same instant as another cue
        # Every countdown second that falls inside a last hold is said: none lost.
        expected = sum(
            sum(1 for n in (1, 2, 3) if round(b * 1000) - n * 1000 > round(a * 1000)) for a, b in last_holds
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
        mine = tl.cues(countdown=0, texts={"cue.ready": "Up next: {name}", "cue.start": "{seconds} s, go"})
        assert ["Up next: Hug", "5 s, go"] == [c.text for c in mine[:2]]
        keys = [c.text for c in tl.cues(countdown=1, texts=lambda key, fields: key)]
        assert ["cue.ready", "cue.start", "cue.countdown", "cue.end"] == keys
        assert set(sk.CUE_TEXTS) >= {"cue.ready", "cue.start", "cue.countdown", "cue.end", "breath.inhale"}

    def test_pose_flow_cues_do_not_pile_up(self) -> None:
        """Cat-Cow at level 0 (2 s per pose): the countdown keeps out of the poses' own cues."""
        cat_cow = sk.catalog().stretch("cat-cow")
        tl = sk.compose(sk.Routine(name="R", stretches=[cat_cow]), 0)
        cues = tl.cues()
        first_rep = [(c.time, c.kind.value, c.text) for c in cues if c.time < 4]
        assert [
            (0.0, "ready", "Get ready: Cat-Cow"),
            (0.0, "start", "Cow, hold 2 seconds"),
            (0.0, "breath", "Inhale: Lift your head and chest, let your belly sink"),
            (2.0, "start", "Cat, hold 2 seconds"),
            (2.0, "breath", "Exhale: Chin to chest, round your back up"),
            (3.0, "countdown", "1"),
        ] == first_rep

    @pytest.mark.parametrize(
        ("language", "texts"),
        [
            (
                "en",
                [
                    "Get ready: Hug",
                    "Left side, hold 1 second",
                    "Switch to the right side",
                    "Rest 1.5 seconds",
                ],
            ),
            (
                "de",
                [
                    "Mach dich bereit: Umarmung",
                    "Linke Seite, halte 1 Sekunde",
                    "Wechsle auf die rechte Seite",
                    "Ruh dich 1,5 Sekunden aus",
                ],
            ),
            (
                "es",
                [
                    "Prepárate: Abrazo",
                    "Lado izquierdo, mantén 1 segundo",
                    "Cambia al lado derecho",
                    "Descansa 1,5 segundos",
                ],
            ),
            (
                "fr",
                [
                    "Préparez-vous\u00a0: Étreinte",
                    "Côté gauche, maintenez 1 seconde",
                    "Passez au côté droit",
                    "Reposez-vous 1,5 seconde",
                ],
            ),
        ],
    )
    def test_languages(self, language: str, texts: list[str]) -> None:
        """Cues speak each language, with its plurals and decimal comma, and the stretch's name in it."""
        hug = sk.Stretch(
            name="Hug",
            names={"de": "Umarmung", "es": "Abrazo", "fr": "Étreinte"},
            hold=1,
            reps=2,
            sides="each",
            switch=1,
            rest=1.5,
        )
        cues = sk.compose(sk.Routine(name="R", stretches=[hug])).cues(countdown=0, language=language)
        kinds = (sk.CueKind.READY, sk.CueKind.START, sk.CueKind.SWITCH, sk.CueKind.REST)
        first = [next(c.text for c in cues if c.kind is kind) for kind in kinds]
        assert texts == first

    def test_unknown_language(self) -> None:
        """An unknown language is a ValidationError naming the known ones."""
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=5)]))
        with pytest.raises(
            sk.ValidationError, match="language: expected one of 'en', 'de', 'es', 'fr', got 'it'"
        ):
            tl.cues(language="it")
        with pytest.raises(sk.ValidationError, match="language"):
            tl.labels("EN")

    @pytest.mark.parametrize("bad", [-1, 1.5, True, "3"])
    def test_bad_countdown(self, bad: object) -> None:
        """countdown must be a whole number >= 0."""
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=5)]))
        with pytest.raises(sk.ValidationError, match="countdown"):
            tl.cues(countdown=bad)  # type: ignore[arg-type]
