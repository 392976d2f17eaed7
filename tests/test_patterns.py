"""The fast paths agree with the plain ones: columns, labels and cues made
pattern by pattern (once per distinct stretch, copied into every occurrence)
are exactly what the rules give step by step."""

from __future__ import annotations

import json
import types
from collections import OrderedDict
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._cues import cues_by_step
from stretchkit._numbers import seconds
from stretchkit._pattern import label
from stretchkit._timeline import columns
from tests import strategies as sks


def _exact(values: list[Any]) -> list[tuple[type, Any]]:
    """Values with their types: 5 and 5.0 (and True) must not pass for each other."""
    return [(type(v), v) for v in values]


def _ms(t: float) -> int:
    return round(t * 1000)


def _pose_indices(steps: list[sk.Step]) -> list[int]:
    """Each step's pose as its index (-1 for none), counted along its block of holds:
    a stretch's poses, in order, back to back; a gap carries the first pose."""
    out: list[int] = []
    previous: sk.Step | None = None
    for s in steps:
        if s.pose is None:
            out.append(-1)
        elif s.kind is not sk.StepKind.HOLD:
            out.append(0)
        elif (
            previous is not None
            and previous.kind is sk.StepKind.HOLD
            and (previous.round, previous.item, previous.side, previous.rep)
            == (s.round, s.item, s.side, s.rep)
        ):
            out.append(out[-1] + 1)
        else:
            out.append(0)
        previous = s
    return out


def _document_columns(tl: sk.Timeline, language: str) -> dict[str, list[Any]]:
    """A timeline document's step columns, step by step."""
    steps = list(tl)
    return {
        "start": [seconds(_ms(s.start)) for s in steps],
        "duration": [seconds(_ms(s.end) - _ms(s.start)) for s in steps],
        "kind": [s.kind.value for s in steps],
        "side": ["none" if s.side is None else s.side.value for s in steps],
        "rep": [s.rep for s in steps],
        "reps": [s.reps for s in steps],
        "pose": _pose_indices(steps),
        "round": [s.round for s in steps],
        "item": [s.item for s in steps],
        "label": [label(s.kind, s.side, s.stretch, s.pose, s.rep, s.reps, language) for s in steps],
    }


def _records(tl: sk.Timeline) -> list[dict[str, Any]]:
    """``to_records``, step by step."""
    return [
        {
            "index": s.index,
            "start": s.start,
            "end": s.end,
            "duration": (_ms(s.end) - _ms(s.start)) / 1000,
            "kind": s.kind.value,
            "stretch": s.stretch.id,
            "name": s.stretch.name,
            "side": "none" if s.side is None else s.side.value,
            "rep": s.rep,
            "reps": s.reps,
            "pose": None if s.pose is None else s.pose.name,
            "round": s.round,
            "item": s.item,
            "label": s.label,
        }
        for s in tl
    ]


class TestPatterns:
    """What is made once per pattern equals what the steps give one by one."""

    @given(sks.repeating_routines(), sks.levels, sks.languages)
    def test_columns_and_labels(self, routine: sk.Routine, level: float, language: str) -> None:
        """Document columns, records and labels, value and type, in every language."""
        tl = sk.compose(routine, level)
        expected = _document_columns(tl, language)
        got = columns(tl, language=language)
        assert list(expected) == list(got)
        for name, values in expected.items():
            assert _exact(values) == _exact(got[name]), name
        assert tuple(expected["label"]) == tl.labels(language)
        records = _records(tl)
        assert records == tl.to_records()
        assert [_exact(list(r.values())) for r in records] == [
            _exact(list(r.values())) for r in tl.to_records()
        ]

    @given(
        sks.repeating_routines(),
        sks.levels,
        sks.languages,
        st.integers(0, 4),
        sks.cue_texts,
    )
    def test_cues(
        self, routine: sk.Routine, level: float, language: str, countdown: int, texts: dict[str, str] | None
    ) -> None:
        """The cues, in order, with their times, texts and kinds, for any countdown and an app's templates."""
        tl = sk.compose(routine, level)
        expected = cues_by_step(tl, countdown=countdown, language=language, texts=texts)
        got = tl.cues(countdown, language=language, texts=texts)
        assert expected == got
        assert [_exact([c.time, c.text, c.kind]) for c in expected] == [
            _exact([c.time, c.text, c.kind]) for c in got
        ]

    @given(sks.repeating_routines(), sks.levels, sks.languages)
    def test_documents(self, routine: sk.Routine, level: float, language: str) -> None:
        """A timeline document holds the plain columns and cues, and loads back."""
        tl = sk.compose(routine, level)
        doc = sk.to_dict(tl, language=language)
        assert isinstance(doc, dict)
        for name, values in _document_columns(tl, language).items():
            assert _exact(values) == _exact(doc["steps"][name]), name
        cues = cues_by_step(tl, countdown=3, language=language)
        assert [_exact([seconds(_ms(c.time)), c.text, c.kind.value]) for c in cues] == [
            _exact([c["time"], c["text"], c["kind"]]) for c in doc["cues"]
        ]
        assert tl == sk.from_dict(sk.Timeline, doc)

    @given(sks.repeating_routines(), sks.levels, sks.languages)
    def test_json_text(self, routine: sk.Routine, level: float, language: str) -> None:
        """to_json, written from parts, is exactly json.dumps of to_dict."""
        tl = sk.compose(routine, level)
        doc = sk.to_dict(tl, language=language)
        plain = json.dumps(doc, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        assert plain == sk.to_json(tl, language=language)

    @pytest.mark.parametrize(
        ("change", "loads"),
        [
            (lambda d: d.update(cues=[types.MappingProxyType(c) for c in d["cues"]]), True),
            (lambda d: d["cues"][3].update(time=Fraction(d["cues"][3]["time"])), True),
            (lambda d: d["cues"][3].update(time=float(d["cues"][3]["time"])), True),
            (lambda d: d["cues"].__setitem__(2, dict(reversed(list(d["cues"][2].items())))), True),
            (lambda d: d["cues"].__setitem__(1, OrderedDict(d["cues"][1])), True),
            (lambda d: d["steps"]["rep"].__setitem__(2, 1.0), True),
            (lambda d: d["cues"][0].update(time=False), False),
            (lambda d: d["cues"][1].update(time=True), False),
            (lambda d: d["steps"]["round"].__setitem__(0, True), False),
            (lambda d: d["steps"]["start"].__setitem__(2, Fraction(d["steps"]["start"][2])), False),
            (lambda d: d["cues"].__setitem__(2, tuple(d["cues"][2].values())), False),
            (lambda d: d["cues"][2].update(extra=1), False),
        ],
    )
    def test_reading_keeps_its_verdicts(self, change: Any, loads: bool) -> None:
        """The fast checks accept and refuse what the whole-list comparison did:
        equal mappings and whole floats pass, bools and other number types do not."""
        hug = sk.Stretch(name="Hug", hold=5, reps=2, rest=1, sides="each")
        tl = sk.compose(sk.Routine(name="R", stretches=[hug], lead_in=1))
        doc = sk.to_dict(tl)
        change(doc)
        if loads:
            assert tl == sk.from_dict(sk.Timeline, doc)
        else:
            with pytest.raises(sk.ValidationError):
                sk.from_dict(sk.Timeline, doc)

    def test_a_callable_is_asked_for_every_cue(self) -> None:
        """An app's callable texts are never remembered: asked for each cue, in step order."""
        twist = sk.Stretch(name="Twist", hold=5, reps=2, sides="each", switch=1)
        tl = sk.compose(sk.Routine(name="R", stretches=[twist, twist], transition=2))
        asked: list[str] = []

        def texts(key: str, fields: object) -> str:
            asked.append(key)
            return f"{key} #{len(asked)}"

        cues = tl.cues(2, texts=texts)
        assert len(cues) == len([k for k in asked if not k.startswith("breath.")])
        assert len({c.text for c in cues}) == len(cues)  # each a fresh answer
        again: list[str] = []

        def plain(key: str, fields: object) -> str:
            again.append(key)
            return key

        tl.cues(2, texts=plain)
        assert asked == again
