"""Timeline documents, format version 2: language, labels and cues, checked on loading."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from tests import strategies as sks

FIXTURES = Path(__file__).parent / "fixtures"
languages = st.sampled_from(sk.languages())


def _timeline() -> sk.Timeline:
    hug = sk.Stretch(name="Hug", names={"de": "Umarmung"}, hold=5, reps=2, rest=2, sides="each", switch=1)
    return sk.compose(sk.Routine(name="R", stretches=[hug], lead_in=3))


def _doc(language: str = "en") -> dict[str, Any]:
    doc = sk.to_dict(_timeline(), language=language)
    assert isinstance(doc, dict)
    return doc


def _errors(doc: object) -> list[str]:
    with pytest.raises(sk.ValidationError) as info:
        sk.from_dict(sk.Timeline, doc)
    return list(info.value.errors)


class TestWriting:
    """What a version-2 timeline document holds."""

    def test_header_and_order(self) -> None:
        """Version 2, the language after the type, the cues last."""
        doc = _doc()
        keys = ["stretchkit", "type", "language", "level", "duration", "routine", "steps", "cues"]
        assert keys == list(doc)
        assert (2, "timeline", "en") == (doc["stretchkit"], doc["type"], doc["language"])

    @given(sks.timelines(max_stretches=2, max_rounds=2), languages)
    def test_labels_and_cues_in_the_language(self, tl: sk.Timeline, language: str) -> None:
        """The label column is Timeline.labels(language); the cues are Timeline.cues(3, language=)."""
        doc = sk.to_dict(tl, language=language)
        assert isinstance(doc, dict)
        assert language == doc["language"]
        assert list(tl.labels(language)) == doc["steps"]["label"]
        cues = tl.cues(3, language=language)
        assert [(c.time, c.text, c.kind.value) for c in cues] == [
            (c["time"], c["text"], c["kind"]) for c in doc["cues"]
        ]

    def test_times_are_whole_numbers_when_whole(self) -> None:
        """Cue times are written like step times: 5, not 5.0."""
        text = sk.to_json(_timeline())
        assert '"time":3,' in text
        assert '"time":3.0' not in text

    def test_other_documents_ignore_the_language(self) -> None:
        """A stretch has no language: the same document in every one."""
        hug = sk.Stretch(name="Hug", hold=5)
        assert sk.to_dict(hug) == sk.to_dict(hug, language="fr")

    @pytest.mark.parametrize("language", ["EN", "xx", "", None, 1])
    def test_unknown_language(self, language: Any) -> None:
        """An unknown language is a ValidationError naming the ones there are."""
        for write in (sk.to_dict, sk.to_json, sk.to_toml):
            with pytest.raises(sk.ValidationError, match="language: expected one of 'en', 'de', 'es', 'fr'"):
                write(_timeline(), language=language)

    @pytest.mark.parametrize("suffix", [".json", ".toml", ".yaml"])
    def test_dump_in_a_language(self, tmp_path: Path, suffix: str) -> None:
        """dump(language=) writes that language; load reads it back to the same timeline."""
        path = tmp_path / f"t{suffix}"
        sk.dump(_timeline(), path, language="de")
        assert "Umarmung — links, 1 von 2" in path.read_text(encoding="utf-8")
        assert _timeline() == sk.load(path)


class TestReading:
    """Labels and cues are compared with the routine composed again, in the document's language."""

    @given(sks.timelines(max_stretches=2, max_rounds=2), languages)
    def test_round_trip(self, tl: sk.Timeline, language: str) -> None:
        """Every language reads back, through JSON and TOML."""
        assert tl == sk.from_json(sk.Timeline, sk.to_json(tl, language=language))
        assert tl == sk.from_dict(sk.Timeline, json.loads(json.dumps(sk.to_dict(tl, language=language))))

    def test_loading_does_not_mutate(self) -> None:
        """The document given is left as it was."""
        doc = _doc("fr")
        before = copy.deepcopy(doc)
        sk.from_dict(sk.Timeline, doc)
        assert before == doc

    @pytest.mark.parametrize(
        ("change", "message"),
        [
            (
                lambda d: d.update(language="xx"),
                "$.language: expected one of 'en', 'de', 'es', 'fr', got 'xx'",
            ),
            (lambda d: d.pop("language"), "$.language: required"),
            (lambda d: d.pop("cues"), "$.cues: required"),
            (lambda d: d["steps"].pop("label"), "$.steps.label: required"),
            (lambda d: d.update(cues="abc"), "$.cues: expected a list, got 'abc'"),
            (lambda d: d["steps"].update(label="abc"), "$.steps.label: expected a list, got 'abc'"),
            (
                lambda d: d["steps"]["label"].__setitem__(1, "Hug"),
                "$.steps.label[1]: expected 'Hug — left, 1 of 2' (the routine's label in 'en'), got 'Hug'",
            ),
            (
                lambda d: d.update(language="de"),
                "$.steps.label[0]: expected 'Vorbereitung: Umarmung' (the routine's label in 'de')",
            ),
            (lambda d: d["cues"].pop(), "$.cues: expected 21 cues (the routine's cues in 'en'), got 20"),
            (
                lambda d: d["cues"][1].update(text="Hold on"),
                "$.cues[1].text: expected 'Left side, hold 5 seconds' (the routine's cues in 'en'), "
                "got 'Hold on'",
            ),
            (
                lambda d: d["cues"][1].update(time=3.5),
                "$.cues[1].time: expected 3 (the routine's cues in 'en')",
            ),
            (
                lambda d: d["cues"][1].update(time="3"),
                "$.cues[1].time: expected 3 (the routine's cues in 'en'), got '3'",
            ),
            (lambda d: d["cues"][1].update(kind="ready"), "$.cues[1].kind: expected 'start'"),
            (lambda d: d["cues"][1].pop("kind"), "$.cues[1].kind: required"),
            (lambda d: d["cues"][1].update(voice="x"), "$.cues[1].voice: unknown key"),
            (lambda d: d["cues"].__setitem__(4, 7), "$.cues[4]: expected an object, got 7"),
        ],
    )
    def test_mismatch_names_its_path(self, change: object, message: str) -> None:
        """A label or cue that is not the routine's is named by its path, with what was expected."""
        doc = _doc()
        change(doc)  # type: ignore[operator]
        errors = _errors(doc)
        assert any(e.startswith(message) for e in errors), errors

    def test_a_bool_is_not_a_time(self) -> None:
        """True == 1, but a cue time of true is refused."""
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=2)]))
        doc = sk.to_dict(tl)
        assert isinstance(doc, dict)
        cues = doc["cues"]
        assert isinstance(cues, list)
        assert 1 == cues[2]["time"]
        cues[2]["time"] = True
        assert ["$.cues[2].time: expected 1 (the routine's cues in 'en'), got True (bool)"] == _errors(doc)

    def test_countdown_is_three(self) -> None:
        """The document's cues count down 3 seconds: other countdowns do not load."""
        tl = _timeline()
        doc = _doc()
        doc["cues"] = [{"time": c.time, "text": c.text, "kind": c.kind.value} for c in tl.cues(countdown=2)]
        assert ["$.cues: expected 21 cues (the routine's cues in 'en'), got 17"] == _errors(doc)


class TestVersionOne:
    """Version-1 documents are migrated: English, labels and cues made on loading."""

    def _v1(self) -> dict[str, Any]:
        doc = _doc()
        del doc["language"], doc["cues"], doc["steps"]["label"]
        doc["stretchkit"] = 1
        return doc

    def test_loads_and_writes_version_two(self) -> None:
        """The old document loads to the same timeline, and is written as version 2."""
        v1 = self._v1()
        before = copy.deepcopy(v1)
        tl = sk.from_dict(sk.Timeline, v1)
        assert _timeline() == tl
        assert _doc() == sk.to_dict(tl)
        assert before == v1

    def test_fixtures_of_both_versions_are_the_same_timeline(self) -> None:
        """tests/fixtures/v1 and v2 hold one timeline, the v2 one in French."""
        v1 = sk.load(FIXTURES / "v1" / "timeline.json", catalog=sk.Catalog())
        v2 = sk.load(FIXTURES / "v2" / "timeline.json", catalog=sk.Catalog())
        assert v1 == v2
        doc = json.loads((FIXTURES / "v2" / "timeline.json").read_text(encoding="utf-8"))
        assert "fr" == doc["language"]
        assert doc == sk.to_dict(v1, language="fr")

    def test_version_one_is_still_checked(self) -> None:
        """A migrated document's columns are checked as before."""
        v1 = self._v1()
        v1["steps"]["rep"][1] = 5
        assert ["$.steps.rep[1]: expected 1 (the routine at its level), got 5 (int)"] == _errors(v1)

    def test_version_one_with_a_stray_label_column(self) -> None:
        """Labels given in a version-1 document are checked, not replaced."""
        v1 = self._v1()
        v1["steps"]["label"] = ["x"] * 8
        errors = _errors(v1)
        assert errors[0].startswith("$.steps.label[0]: expected 'Get ready: Hug'"), errors

    def test_newer_versions_are_refused(self) -> None:
        """Version 3 is unknown."""
        doc = _doc()
        doc["stretchkit"] = 3
        message = "unsupported format version 3; this stretchkit reads timeline documents of versions 1 to 2"
        assert [f"$.stretchkit: {message}"] == _errors(doc)


class TestBodies:
    """Timeline bodies through the converter, and routines the composer refuses."""

    def test_converter_round_trip(self) -> None:
        """The converter writes and reads a timeline's body (English, no header)."""
        body = sk.converter.unstructure(_timeline())
        assert "en" == body["language"]
        assert "stretchkit" not in body
        assert _timeline() == sk.converter.structure(body, sk.Timeline)
        with pytest.raises(sk.ValidationError, match=r"\$: expected an object, got \[\]"):
            sk.converter.structure([], sk.Timeline)

    def test_too_large_to_compose(self) -> None:
        """A routine over the step limit is named at the document's root, not expanded."""
        huge = sk.Stretch(name="Hug", hold=1, reps=1000, sides="each", rest=1)
        doc = _doc()
        doc["routine"] = sk.to_dict(sk.Routine(name="R", stretches=[huge], rounds=1000))
        doc["routine"].pop("stretchkit")
        doc["routine"].pop("type")
        errors = _errors(doc)
        assert 1 == len(errors)
        assert errors[0].startswith("$: "), errors
        assert "1,000,000" in errors[0] or "1000000" in errors[0], errors

    def test_made_on_loading_shows_its_name(self) -> None:
        """The marker a migration leaves has a readable repr."""
        from stretchkit._timeline_document import MADE_ON_LOADING

        assert "MADE_ON_LOADING" == repr(MADE_ON_LOADING)
