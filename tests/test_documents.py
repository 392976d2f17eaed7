"""Documents: round trips, strict loading, refs, versions, and the bad-document table."""

from __future__ import annotations

import contextlib
import copy
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit import _documents
from tests import strategies as sks

FIXTURES = Path(__file__).parent / "fixtures"


def _has_null(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, dict):
        return any(_has_null(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_null(v) for v in value)
    return False


class TestRoundTrips:
    """from_X(T, to_X(x)) == x for every type, through dict, JSON and TOML."""

    @given(sks.routines())
    def test_routine(self, routine: sk.Routine) -> None:
        """Routines survive dict, JSON and (without nulls in meta) TOML."""
        assert routine == sk.from_dict(sk.Routine, sk.to_dict(routine))
        assert routine == sk.from_json(sk.Routine, sk.to_json(routine))
        assert routine == sk.from_json(sk.Routine, sk.to_json(routine, indent=2))
        if not _has_null(sk.to_dict(routine)):
            assert routine == sk.from_toml(sk.Routine, sk.to_toml(routine))

    @given(sks.stretches())
    def test_stretch(self, stretch: sk.Stretch) -> None:
        """Stretches survive dict, JSON and TOML."""
        assert stretch == sk.from_dict(sk.Stretch, sk.to_dict(stretch))
        assert stretch == sk.from_json(sk.Stretch, sk.to_json(stretch).encode())
        if not _has_null(sk.to_dict(stretch)):
            assert stretch == sk.from_toml(sk.Stretch, sk.to_toml(stretch))

    @given(sks.routines(), sks.levels)
    def test_timeline(self, routine: sk.Routine, level: float) -> None:
        """Timelines survive dict, JSON and TOML, steps and all."""
        tl = sk.compose(routine, level)
        for loaded in (sk.from_dict(sk.Timeline, sk.to_dict(tl)), sk.from_json(sk.Timeline, sk.to_json(tl))):
            assert tl == loaded
            assert list(tl) == list(loaded)
        if not _has_null(sk.to_dict(routine)):
            assert tl == sk.from_toml(sk.Timeline, sk.to_toml(tl))

    @given(sks.catalogs())
    def test_catalog(self, cat: sk.Catalog) -> None:
        """Catalogs survive JSON; their routines refer to their stretches by ref."""
        assert cat == sk.from_json(sk.Catalog, sk.to_json(cat))
        for routine in sk.to_dict(cat)["routines"]:  # type: ignore[index]
            assert all("ref" in item for item in routine["stretches"])

    @given(sks.ranges())
    def test_range(self, r: sk.Range) -> None:
        """A Range is a number when fixed, else [low, high], and reads back."""
        assert r == sk.from_json(sk.Range, sk.to_json(r))
        assert (r.low if r.fixed else [r.low, r.high]) == sk.to_dict(r)

    @given(sks.poses())
    def test_pose(self, pose: sk.Pose) -> None:
        """A Pose is a bare object and reads back."""
        assert pose == sk.from_json(sk.Pose, sk.to_json(pose))

    @given(sks.routines())
    def test_to_dict_does_not_share_state(self, routine: sk.Routine) -> None:
        """Changing a written document does not change the object."""
        doc = sk.to_dict(routine)
        assert isinstance(doc, dict)
        before = copy.deepcopy(routine)
        doc["stretches"][0]["meta"] = {"changed": True}
        assert before == routine

    @given(sks.routines())
    def test_loading_does_not_mutate(self, routine: sk.Routine) -> None:
        """from_dict leaves the document it was given exactly as it was."""
        doc = sk.to_dict(routine)
        snapshot = copy.deepcopy(doc)
        sk.from_dict(sk.Routine, doc)
        assert snapshot == doc


class TestDocumentShape:
    """What written documents look like."""

    def test_header_and_defaults_left_out(self) -> None:
        """Documents carry a version and type; defaults are omitted."""
        doc = sk.to_dict(sk.Stretch(name="Knee Hug", hold=30))
        assert {"stretchkit": 1, "type": "stretch", "id": "knee-hug", "name": "Knee Hug", "hold": 30} == doc

    def test_timeline_is_column_wise_and_self_contained(self) -> None:
        """A timeline document has the routine once and one list per step field."""
        hug = sk.Stretch(name="Hug", hold=2.5, reps=2, rest=1, sides=sk.Sides.LEFT)
        tl = sk.compose(sk.Routine(name="R", stretches=[hug]))
        doc = sk.to_dict(tl)
        assert isinstance(doc, dict)
        assert {
            "start": [0, 2.5, 3.5],
            "duration": [2.5, 1, 2.5],
            "kind": ["hold", "rest", "hold"],
            "item": [0, 0, 0],
            "round": [1, 1, 1],
            "side": ["left", "left", "left"],
            "rep": [1, 2, 2],
            "reps": [2, 2, 2],
            "pose": [-1, -1, -1],
            "label": ["Hug — left, 1 of 2", "Rest", "Hug — left, 2 of 2"],
        } == doc["steps"]
        assert 6 == doc["duration"]
        assert "en" == doc["language"]
        assert {"time": 2.5, "text": "Rest 1 second", "kind": "rest"} in doc["cues"]
        assert 1 == sk.to_json(tl).count('"name":"Hug"')

    def test_catalog_routines_use_refs_with_overrides(self) -> None:
        """A catalog routine names its stretches by ref, plus what it changes."""
        hug = sk.Stretch(name="Hug", hold=30)
        longer = sk.Stretch(id="hug", name="Hug", hold=30, reps=3)
        cat = sk.Catalog(stretches=[hug], routines=[sk.Routine(name="R", stretches=[hug, longer])])
        doc = sk.to_dict(cat)
        assert [{"ref": "hug"}, {"ref": "hug", "reps": 3}] == doc["routines"][0]["stretches"]  # type: ignore[index]
        assert cat == sk.from_dict(sk.Catalog, doc)


class TestRefs:
    """Routine documents may name catalog stretches by ref."""

    cat = sk.Catalog(
        stretches=[sk.Stretch(name="Seated Twist", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH)]
    )

    def test_ref_with_overrides(self) -> None:
        """Other keys override the catalog's values; the id stays the catalog's."""
        doc = {
            "stretchkit": 1,
            "type": "routine",
            "name": "R",
            "stretches": [{"ref": "seated-twist", "reps": 3}],
        }
        routine = sk.from_dict(sk.Routine, doc, catalog=self.cat)
        twist = routine.stretches[0]
        assert ("seated-twist", sk.Range(3), sk.Range(20, 30), sk.Sides.EACH) == (
            twist.id,
            twist.reps,
            twist.hold,
            twist.sides,
        )

    def test_unknown_refs_only(self) -> None:
        """When the only problems are unknown refs, the error is UnknownStretchError naming each path."""
        doc = {
            "stretchkit": 1,
            "type": "routine",
            "name": "R",
            "stretches": [{"ref": "nope"}, {"ref": "nah"}],
        }
        with pytest.raises(sk.UnknownStretchError) as info:
            sk.from_dict(sk.Routine, doc, catalog=self.cat)
        assert "$.stretches[0].ref" in str(info.value)
        assert "$.stretches[1].ref" in str(info.value)
        assert isinstance(info.value, LookupError)

    def test_unknown_refs_are_listed_with_their_paths(self) -> None:
        """UnknownStretchError carries errors and problems, as ValidationError does."""
        doc = {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "x"}, {"ref": "y"}]}
        with pytest.raises(sk.UnknownStretchError) as info:
            sk.from_dict(sk.Routine, doc, catalog=self.cat)
        assert ("$.stretches[0].ref: unknown stretch 'x'", "$.stretches[1].ref: unknown stretch 'y'") == (
            info.value.errors
        )
        assert ("$.stretches[0].ref", "unknown stretch 'x'") == info.value.problems[0]

    def test_unknown_refs_among_other_problems(self) -> None:
        """With other problems, a ValidationError lists them all, unknown refs included."""
        doc = {"stretchkit": 1, "type": "routine", "name": "", "stretches": [{"ref": "nope"}]}
        with pytest.raises(sk.ValidationError) as info:
            sk.from_dict(sk.Routine, doc, catalog=self.cat)
        assert ["$.stretches[0].ref: unknown stretch 'nope'", "$.name: must not be blank"] == sorted(
            info.value.errors, reverse=True
        )

    def test_ref_problems_have_the_item_path(self) -> None:
        """An override that is invalid is reported at the ref's path."""
        doc = {
            "stretchkit": 1,
            "type": "routine",
            "name": "R",
            "stretches": [{"ref": "seated-twist", "reps": 0}],
        }
        with pytest.raises(sk.ValidationError, match=r"\$\.stretches\[0\]\.reps: must be at least 1"):
            sk.from_dict(sk.Routine, doc, catalog=self.cat)


class TestVersions:
    """Documents are versioned; old versions are migrated, unknown ones refused."""

    @pytest.mark.parametrize(
        "path", sorted(FIXTURES.glob("v*/*.json")), ids=lambda p: f"{p.parent.name}/{p.name}"
    )
    def test_fixture_documents_load(self, path: Path) -> None:
        """Every kept fixture of every format version loads and writes back as the current version."""
        obj = sk.load(path, catalog=sk.Catalog())
        assert _documents.DOCUMENTS[type(obj)].version == sk.to_dict(obj)["stretchkit"]  # type: ignore[index]
        assert obj == sk.from_json(type(obj), sk.to_json(obj))

    def test_migrations_run_in_order(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A migration per version step runs before structuring."""
        seen: list[int] = []

        def step(n: int):  # type: ignore[no-untyped-def]
            def migrate(doc: dict[str, object]) -> dict[str, object]:
                seen.append(n)
                return {**doc, "name": f"{doc['name']}+{n}"}

            return migrate

        newer = attrs.evolve(_documents.DOCUMENTS[sk.Stretch], version=3, migrations={1: step(1), 2: step(2)})
        monkeypatch.setitem(_documents.DOCUMENTS, sk.Stretch, newer)
        doc = {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1}
        stretch = sk.from_dict(sk.Stretch, doc)
        assert [1, 2] == seen
        assert "S+1+2" == stretch.name
        assert {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1} == doc


# (document, error type, text the message must contain)
_BASE = {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 30}
_ROUTINE = {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"name": "S", "hold": 30}]}


def _s(**changes: object) -> dict[str, object]:
    return {**_BASE, **changes}


def _r(**changes: object) -> dict[str, object]:
    return {**_ROUTINE, **changes}


def _rs(**changes: object) -> dict[str, object]:
    return {**_ROUTINE, "stretches": [{"name": "S", "hold": 30, **changes}]}


BAD_DICTS: list[tuple[type, object, type[Exception], str]] = [
    (sk.Stretch, [], sk.ValidationError, "$: expected a stretch document"),
    (sk.Stretch, "abc", sk.ValidationError, "$: expected a stretch document"),
    (sk.Stretch, {"type": "stretch", "name": "S", "hold": 1}, sk.ValidationError, "$.stretchkit: required"),
    (sk.Stretch, _s(stretchkit=2), sk.ValidationError, "$.stretchkit: unsupported format version 2"),
    (sk.Stretch, _s(stretchkit=0), sk.ValidationError, "$.stretchkit: unsupported format version 0"),
    (sk.Stretch, _s(stretchkit="1"), sk.ValidationError, "$.stretchkit: expected a format version number"),
    (sk.Stretch, _s(stretchkit=True), sk.ValidationError, "$.stretchkit: expected a format version number"),
    (sk.Stretch, _s(stretchkit=1.5), sk.ValidationError, "$.stretchkit: expected a format version number"),
    (sk.Stretch, _s(type="routine"), sk.ValidationError, "$.type: expected 'stretch', got 'routine'"),
    (
        sk.Stretch,
        {"stretchkit": 1, "name": "S", "hold": 1},
        sk.ValidationError,
        "$.type: expected 'stretch', got missing",
    ),
    (sk.Stretch, _s(hold="30"), sk.ValidationError, "$.hold: expected a number or [low, high], got '30'"),
    (sk.Stretch, _s(hold=True), sk.ValidationError, "$.hold: expected a number or [low, high], got True"),
    (sk.Stretch, _s(hold=[20]), sk.ValidationError, "$.hold: expected a number or [low, high]"),
    (sk.Stretch, _s(hold=[20, 30, 40]), sk.ValidationError, "$.hold: expected a number or [low, high]"),
    (sk.Stretch, _s(hold=[30, 20]), sk.ValidationError, "$.hold: low must not exceed high"),
    (sk.Stretch, _s(hold=0), sk.ValidationError, "$.hold: must be greater than 0"),
    (sk.Stretch, _s(hold=-5), sk.ValidationError, "$.hold: must not be negative"),
    (sk.Stretch, _s(hold=100_000), sk.ValidationError, "$.hold: must be at most 86400 seconds"),
    (sk.Stretch, _s(hold=0.0001), sk.ValidationError, "$.hold: must be whole milliseconds"),
    (sk.Stretch, _s(hold=float("nan")), sk.ValidationError, "$.hold: numbers must be finite, got nan"),
    (sk.Stretch, _s(reps=1.5), sk.ValidationError, "$.reps: must be whole numbers"),
    (sk.Stretch, _s(reps=[1, 2000]), sk.ValidationError, "$.reps: must be at most 1000"),
    (sk.Stretch, _s(reps=0), sk.ValidationError, "$.reps: must be at least 1"),
    (
        sk.Stretch,
        _s(sides="both"),
        sk.ValidationError,
        "$.sides: expected one of 'none', 'each', 'left', 'right'",
    ),
    (sk.Stretch, _s(sides=1), sk.ValidationError, "$.sides: expected one of"),
    (sk.Stretch, _s(side_order="ALTERNATE"), sk.ValidationError, "$.side_order: expected one of"),
    (sk.Stretch, _s(name=""), sk.ValidationError, "$.name: must not be blank"),
    (sk.Stretch, _s(name=" \t"), sk.ValidationError, "$.name: must not be blank"),
    (sk.Stretch, _s(name="x" * 201), sk.ValidationError, "$.name: must be at most 200 characters"),
    (sk.Stretch, _s(name="a\nb"), sk.ValidationError, "$.name: must not contain control characters"),
    (sk.Stretch, _s(name=5), sk.ValidationError, "$.name: expected a string, got 5"),
    (sk.Stretch, _s(id="Not A Slug"), sk.ValidationError, "$.id: must be a slug"),
    (sk.Stretch, _s(instructions="abc"), sk.ValidationError, "$.instructions: expected a list, got 'abc'"),
    (sk.Stretch, _s(instructions=["ok", 1]), sk.ValidationError, "$.instructions[1]: expected a string"),
    (
        sk.Stretch,
        _s(instructions=["x" * 10_001]),
        sk.ValidationError,
        "$.instructions[0]: must be at most 10000",
    ),
    (sk.Stretch, _s(targets="lower-back"), sk.ValidationError, "$.targets: expected a list"),
    (
        sk.Stretch,
        _s(poses=[{"name": "P", "hold": "3"}]),
        sk.ValidationError,
        "$.poses[0].hold: expected a number",
    ),
    (
        sk.Stretch,
        _s(poses=[{"name": "P", "breath": "in"}]),
        sk.ValidationError,
        "$.poses[0].breath: expected one of",
    ),
    (sk.Stretch, _s(poses=[{"name": "P", "extra": 1}]), sk.ValidationError, "$.poses[0].extra: unknown key"),
    (sk.Stretch, _s(poses=[{"hold": 1}]), sk.ValidationError, "$.poses[0].name: required"),
    (sk.Stretch, _s(poses=[{"name": "P"}] * 51), sk.ValidationError, "$.poses: must have at most 50 items"),
    (sk.Stretch, _s(colour="red"), sk.ValidationError, "$.colour: unknown key"),
    (sk.Stretch, _s(**{"two words": 1}), sk.ValidationError, '$["two words"]: unknown key'),
    (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S"}, sk.ValidationError, "$.hold: required"),
    (sk.Stretch, _s(meta=[1]), sk.ValidationError, "$.meta: expected an object"),
    (sk.Stretch, _s(meta={"a": float("inf")}), sk.ValidationError, "$.meta: values must be finite"),
    (sk.Routine, _r(stretches=[]), sk.ValidationError, "$.stretches: must have at least 1 item"),
    (sk.Routine, _r(stretches="abc"), sk.ValidationError, "$.stretches: expected a list"),
    (sk.Routine, _r(stretches=[1]), sk.ValidationError, "$.stretches[0]: expected an object, got 1"),
    (sk.Routine, _rs(hold=-1), sk.ValidationError, "$.stretches[0].hold: must not be negative"),
    (sk.Routine, _r(rounds=1.5), sk.ValidationError, "$.rounds: expected a whole number, got 1.5"),
    (sk.Routine, _r(rounds=True), sk.ValidationError, "$.rounds: expected a whole number, got True"),
    (sk.Routine, _r(rounds="2"), sk.ValidationError, "$.rounds: expected a whole number"),
    (sk.Routine, _r(rounds=1001), sk.ValidationError, "$.rounds: must be from 1 to 1000"),
    (sk.Routine, _r(transition=[5, 1]), sk.ValidationError, "$.transition: low must not exceed high"),
    (sk.Routine, _r(stretches=[{"ref": 5}]), sk.ValidationError, "$.stretches[0].ref: expected a stretch id"),
    (
        sk.Routine,
        _r(stretches=[{"ref": "nope"}]),
        sk.UnknownStretchError,
        "$.stretches[0].ref: unknown stretch",
    ),
    (
        sk.Routine,
        _r(stretches=[{"ref": "s", "id": "x"}]),
        sk.ValidationError,
        "$.stretches[0].id: a ref keeps",
    ),
    (sk.Timeline, {"stretchkit": 1, "type": "timeline"}, sk.ValidationError, "$.level: required"),
    (
        sk.Catalog,
        {"stretchkit": 1, "type": "catalog", "stretches": [_BASE, _BASE]},
        sk.ValidationError,
        "unknown key",
    ),
]


def _catalog_with_s() -> sk.Catalog:
    return sk.Catalog(stretches=[sk.Stretch(name="S", hold=30)])


@pytest.mark.parametrize(
    ("cls", "doc", "error", "text"), BAD_DICTS, ids=[f"{i}-{c[3][:30]}" for i, c in enumerate(BAD_DICTS)]
)
def test_bad_documents(cls: type, doc: object, error: type[Exception], text: str) -> None:
    """Each bad document raises the expected error, naming the path."""
    snapshot = copy.deepcopy(doc)
    with pytest.raises(error) as info:
        sk.from_dict(cls, doc, catalog=_catalog_with_s())
    assert text in str(info.value)
    assert repr(snapshot) == repr(doc)  # (repr, since a document holding NaN is not equal to itself)


BAD_TEXTS: list[tuple[str, str]] = [
    ('{"stretchkit": 1, "type": "stretch", "name": "S", "hold": NaN}', "invalid JSON"),
    ('{"stretchkit": 1, "type": "stretch", "name": "S", "hold": Infinity}', "invalid JSON"),
    (
        '{"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1e400}',
        "$.hold: numbers must be finite, got inf",
    ),
    ('{"stretchkit": 1, "type": "stretch", "name": "S", "name": "T", "hold": 1}', "duplicate key 'name'"),
    ('{"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1', "invalid JSON"),
    ("", "invalid JSON"),
    ("[" * 100_000 + "]" * 100_000, "$:"),
    ('{"stretchkit": 1, "type": "stretch", "name": "S", "hold": "30"}', "$.hold: expected a number"),
    (
        '{"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "meta": '
        + '{"a":' * 100
        + "1"
        + "}" * 101,
        "nests deeper",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_TEXTS, ids=[t[1][:20] for t in BAD_TEXTS])
def test_bad_json_text(text: str, message: str) -> None:
    """Malformed or out-of-range JSON text is a ValidationError, never a raw exception."""
    with pytest.raises(sk.ValidationError) as info:
        sk.from_json(sk.Stretch, text)
    assert message in str(info.value)


def test_bad_bytes() -> None:
    """Bytes that are not UTF-8 are refused cleanly."""
    with pytest.raises(sk.ValidationError, match="not UTF-8"):
        sk.from_json(sk.Stretch, b"\xff\xfe{}")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('stretchkit = 1\ntype = "stretch"\nname = "S"\nhold = nan\n', "$.hold: numbers must be finite"),
        ('stretchkit = 1\ntype = "stretch"\nname = "S"\nname = "T"\nhold = 1\n', "invalid TOML"),
        ('stretchkit = 1\ntype = "stretch"\nname = "S"\nhold = 1979-05-27\n', "$.hold: expected a number"),
        ("stretchkit = \n", "invalid TOML"),
    ],
)
def test_bad_toml_text(text: str, message: str) -> None:
    """Bad TOML is a ValidationError naming the problem."""
    with pytest.raises(sk.ValidationError) as info:
        sk.from_toml(sk.Stretch, text)
    assert message in str(info.value)


class TestTimelineDocuments:
    """A timeline document's steps must be the routine's at its level."""

    def _doc(self) -> dict[str, object]:
        hug = sk.Stretch(name="Hug", hold=2, reps=2, rest=1)
        doc = sk.to_dict(sk.compose(sk.Routine(name="R", stretches=[hug])))
        assert isinstance(doc, dict)
        return doc

    @pytest.mark.parametrize(
        ("column", "value", "message"),
        [
            ("start", [0, 2, 4], "$.steps.start[2]: expected 3"),
            ("rep", [1, 2, 2.5], "$.steps.rep[2]: expected 2"),
            ("rep", [True, 2, 2], "$.steps.rep[0]: expected 1"),
            ("kind", ["hold", "hold", "hold"], "$.steps.kind[1]: expected 'rest'"),
            ("side", ["none", "none"], "$.steps.side: expected 3 entries"),
            ("pose", "abc", "$.steps.pose: expected a list"),
        ],
    )
    def test_steps_must_match(self, column: str, value: object, message: str) -> None:
        """A step that differs from the composed one is named by column and index."""
        doc = self._doc()
        doc["steps"][column] = value  # type: ignore[index]
        with pytest.raises(sk.ValidationError) as info:
            sk.from_dict(sk.Timeline, doc)
        assert message in str(info.value)

    @pytest.mark.parametrize(
        ("key", "value", "message"),
        [
            ("level", 1.5, "$.level: must be between 0 and 1"),
            ("level", True, "$.level: expected a number"),
            ("duration", 99, "$.duration: expected 5"),
            ("steps", [], "$.steps: expected an object"),
        ],
    )
    def test_header_fields(self, key: str, value: object, message: str) -> None:
        """Level, duration and steps are checked."""
        doc = self._doc()
        doc[key] = value
        with pytest.raises(sk.ValidationError) as info:
            sk.from_dict(sk.Timeline, doc)
        assert message in str(info.value)

    def test_unknown_step_column(self) -> None:
        """Unknown step columns are named."""
        doc = self._doc()
        doc["steps"]["colour"] = []  # type: ignore[index]
        with pytest.raises(sk.ValidationError, match=r"\$\.steps\.colour: unknown key"):
            sk.from_dict(sk.Timeline, doc)


class TestFiles:
    """load and dump pick the format by suffix."""

    @pytest.mark.parametrize("suffix", [".json", ".toml"])
    def test_dump_and_load(self, tmp_path: Path, suffix: str) -> None:
        """A routine written to a file loads back equal."""
        routine = sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=(1, 2))])
        path = tmp_path / f"r{suffix}"
        sk.dump(routine, path)
        assert routine == sk.load(path)

    def test_unknown_suffix_and_missing_file(self, tmp_path: Path) -> None:
        """Unknown suffixes and unreadable files are clear errors."""
        with pytest.raises(sk.ValidationError, match=r"unknown format '\.txt'"):
            sk.load(tmp_path / "r.txt")
        (tmp_path / "folder.json").mkdir()
        with pytest.raises(sk.ValidationError, match="cannot read"):
            sk.load(tmp_path / "folder.json")  # a folder, not a file
        (tmp_path / "x.json").write_text('{"stretchkit": 1, "type": "song"}')
        with pytest.raises(sk.ValidationError, match=r"\$\.type: expected one of"):
            sk.load(tmp_path / "x.json")

    def test_a_file_without_a_header_says_so(self, tmp_path: Path) -> None:
        """No "stretchkit" and no "type": both are named as required, the version first."""
        (tmp_path / "x.json").write_text('{"name": "x"}')
        with pytest.raises(sk.ValidationError) as info:
            sk.load(tmp_path / "x.json")
        assert (
            "$.stretchkit: required (the format version, e.g. 1)",
            f"$.type: required (one of {', '.join(map(repr, _documents.BY_NAME))})",
        ) == info.value.errors

    @pytest.mark.parametrize(
        ("name", "text", "message"),
        [
            ("x.toml", "a = \n", "$: invalid TOML: Invalid value at line 1 column 5"),
            (
                "x.json",
                "{\n]",
                "$: invalid JSON: Expecting property name enclosed in double quotes at line 2 column 1",
            ),
            (
                "x.yaml",
                "a: [b\n c: d\n",
                "$: invalid YAML: expected ',' or ']' at line 2 column 3 "
                "(while parsing a flow sequence at line 1 column 4)",
            ),
        ],
    )
    def test_syntax_errors_read_alike(self, tmp_path: Path, name: str, text: str, message: str) -> None:
        """JSON, TOML and YAML say what is wrong and where the same way, on one line."""
        (tmp_path / name).write_text(text)
        with pytest.raises(sk.ValidationError) as info:
            sk.load(tmp_path / name)
        assert (message,) == info.value.errors

    @pytest.mark.parametrize("suffix", [".toml", ".json"])
    def test_deeply_nested_file_is_a_validation_error(self, tmp_path: Path, suffix: str) -> None:
        """load() reads text through the same parsers as from_toml/from_json: no RecursionError."""
        path = tmp_path / f"deep{suffix}"
        path.write_text("a = " + "[" * 100_000 + "]" * 100_000 if suffix == ".toml" else "[" * 100_000)
        with pytest.raises(sk.ValidationError, match=r"\$: invalid (TOML|JSON)"):
            sk.load(path)

    def test_toml_refuses_null_in_meta(self) -> None:
        """to_toml names a null it cannot write."""
        stretch = sk.Stretch(name="S", hold=1, meta={"a": [1, None]})
        with pytest.raises(sk.ValidationError, match=r"\$\.meta\.a\[1\]: TOML cannot hold null"):
            sk.to_toml(stretch)


class TestConverter:
    """The exposed cattrs converter is strict and knows every type."""

    def test_strict_primitives(self) -> None:
        """No coercion of strings or bools to numbers."""
        for value, kind in [("30", int), (True, int), (1.5, int), ("1", float), (1, str), (1, bool)]:
            with pytest.raises(sk.ValidationError):
                sk.converter.structure(value, kind)
        assert 2.0 == sk.converter.structure(2, float)

    def test_types(self) -> None:
        """Our types structure and unstructure as document bodies."""
        stretch = sk.Stretch(name="S", hold=(1, 2))
        body = sk.converter.unstructure(stretch)
        assert {"id": "s", "name": "S", "hold": [1, 2]} == body
        assert stretch == sk.converter.structure(body, sk.Stretch)
        with pytest.raises(sk.ValidationError, match=r"\$\.hold: required"):
            sk.converter.structure({"name": "S"}, sk.Stretch)

    def test_not_global(self) -> None:
        """It is not cattrs' global converter."""
        import cattrs

        assert sk.converter is not cattrs.global_converter


class TestFuzz:
    """Whatever the loaders are given, they return an object or raise a StretchkitError."""

    @given(
        st.sampled_from([sk.Stretch, sk.Routine, sk.Timeline, sk.Catalog, sk.Pose, sk.Range]), sks.json_values
    )
    def test_arbitrary_values(self, cls: type, value: object) -> None:
        """Arbitrary JSON-like values never raise anything but StretchkitError."""
        with contextlib.suppress(sk.StretchkitError):
            sk.from_dict(cls, value)

    @given(st.sampled_from([sk.Stretch, sk.Routine, sk.Timeline]), st.data())
    def test_mutated_documents(self, cls: type, data: st.DataObject) -> None:
        """Valid documents with one value replaced still load or fail cleanly."""
        routine = data.draw(sks.routines(max_stretches=2, max_rounds=2))
        obj: object = {
            sk.Stretch: routine.stretches[0],
            sk.Routine: routine,
            sk.Timeline: sk.compose(routine),
        }[cls]
        doc = sk.to_dict(obj)  # type: ignore[arg-type]
        node = doc
        while isinstance(node, dict | list) and node and data.draw(st.booleans()):
            keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
            key = data.draw(st.sampled_from(keys))
            child = node[key]
            if not isinstance(child, dict | list) or not child:
                node[key] = data.draw(sks.json_values)
                break
            node = child
        with contextlib.suppress(sk.StretchkitError):
            sk.from_dict(cls, doc)

    @given(
        st.sampled_from([sk.Stretch, sk.Routine, sk.Timeline, sk.Catalog]),
        st.text(max_size=200) | st.binary(max_size=200),
    )
    def test_arbitrary_text(self, cls: type, text: str | bytes) -> None:
        """Arbitrary text and bytes to from_json and from_toml raise only StretchkitError."""
        for loader in (sk.from_json, sk.from_toml):
            with contextlib.suppress(sk.StretchkitError):
                loader(cls, text)

    def test_not_a_document_type(self) -> None:
        """from_dict names what it can build."""
        with pytest.raises(sk.ValidationError, match="cls: expected one of"):
            sk.from_dict(int, {})
        with pytest.raises(sk.ValidationError, match="cannot make a document"):
            sk.to_dict(5)  # type: ignore[arg-type]


def test_json_is_compact_and_deterministic() -> None:
    """Compact separators by default; the same object gives the same text."""
    routine = sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=1, targets={"b", "a", "c"})])
    text = sk.to_json(routine)
    assert ", " not in text
    assert text == sk.to_json(sk.from_json(sk.Routine, text))
    assert ["a", "b", "c"] == json.loads(text)["stretches"][0]["targets"]


class TestYaml:
    """YAML files, through the optional extra, loaded safely."""

    @given(sks.routines(max_stretches=2), sks.levels)
    def test_round_trip(self, routine: sk.Routine, level: float) -> None:
        """Routines and timelines survive a YAML file."""
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            for obj in (routine, sk.compose(routine, level)):
                path = Path(tmp) / "doc.yaml"
                sk.dump(obj, path)
                assert obj == sk.load(path)

    @pytest.mark.parametrize(
        ("text", "message"),
        [
            ("stretchkit: 1\ntype: stretch\nname: S\nname: T\nhold: 1\n", "duplicate key 'name'"),
            ("stretchkit: 1\ntype: stretch\nname: &n S\nid: *n\nhold: 1\n", "aliases are not allowed"),
            ("stretchkit: 1\ntype: stretch\nname: S\nhold: 2020-01-01\n", "$.hold: expected a number"),
            ("stretchkit: 1\ntype: stretch\nname: S\nhold: !!python/object:os.system {}\n", "invalid YAML"),
            ("stretchkit: 1\ntype: stretch\nname: [S\n", "invalid YAML"),
            ("stretchkit: 1\ntype: stretch\nname: S\nhold: '30'\n", "$.hold: expected a number"),
        ],
    )
    def test_bad_yaml(self, tmp_path: Path, text: str, message: str) -> None:
        """Unsafe tags, aliases, duplicates and YAML-only types are refused."""
        path = tmp_path / "bad.yml"
        path.write_text(text, encoding="utf-8")
        with pytest.raises(sk.ValidationError) as info:
            sk.load(path)
        assert message in str(info.value)


class TestPracticeDocuments:
    """Programs, journals and session records as documents (DESIGN.md §10)."""

    @given(sks.programs())
    def test_program_round_trips(self, program: sk.Program) -> None:
        """Programs survive dict, JSON, TOML (without nulls in meta) and YAML text."""
        from stretchkit._io import parse_yaml

        assert program == sk.from_dict(sk.Program, sk.to_dict(program))
        assert program == sk.from_json(sk.Program, sk.to_json(program))
        if not _has_null(sk.to_dict(program)):
            assert program == sk.from_toml(sk.Program, sk.to_toml(program))
        from stretchkit._io import _to_yaml

        assert program == sk.from_dict(sk.Program, parse_yaml(_to_yaml(program, "en")))

    @given(sks.journals())
    def test_journal_round_trips(self, journal: sk.Journal) -> None:
        """Journals survive dict, JSON and TOML; records carry no header inside a journal."""
        assert journal == sk.from_json(sk.Journal, sk.to_json(journal))
        assert journal == sk.from_toml(sk.Journal, sk.to_toml(journal))
        doc = sk.to_dict(journal)
        assert isinstance(doc, dict)
        assert all("stretchkit" not in r and "type" not in r for r in doc.get("records", []))
        for record in journal.records[:3]:
            assert record == sk.from_json(sk.SessionRecord, sk.to_json(record))

    def test_dates_are_iso_strings_in_every_format(self) -> None:
        """JSON and TOML write YYYY-MM-DD strings; TOML's and YAML's own dates read too."""
        record = sk.SessionRecord(date="2026-11-02", routine="r", level=0, planned=1, held=1, completed=True)
        assert '"date":"2026-11-02"' in sk.to_json(record)
        assert 'date = "2026-11-02"' in sk.to_toml(record)
        native = sk.to_toml(record).replace('date = "2026-11-02"', "date = 2026-11-02")
        assert record == sk.from_toml(sk.SessionRecord, native)
        with pytest.raises(sk.ValidationError, match=r"\$\.date: expected a date"):
            sk.from_toml(sk.SessionRecord, native.replace("date = 2026-11-02", "date = 2026-11-02T07:00:00"))

    def test_routine_refs_in_programs(self) -> None:
        """A program names catalog routines by ref, with overrides; unknown ones are collected."""
        doc = {
            "stretchkit": 1,
            "type": "program",
            "name": "P",
            "routines": [{"ref": "low-mid-back", "transition": 5}, {"ref": "nope"}, {"ref": "nah"}],
        }
        with pytest.raises(sk.UnknownRoutineError) as info:
            sk.from_dict(sk.Program, doc)
        assert ("$.routines[1].ref", "unknown routine 'nope'") == info.value.problems[0]
        assert 2 == len(info.value.errors)
        doc["routines"] = doc["routines"][:1]  # type: ignore[index]
        program = sk.from_dict(sk.Program, doc)
        assert ("low-mid-back", sk.Range(5)) == (program.routines[0].id, program.routines[0].transition)
        doc["weeks"] = 0
        doc["routines"] = [{"ref": "nope"}]
        with pytest.raises(sk.ValidationError) as bad:
            sk.from_dict(sk.Program, doc)
        assert [
            "$.routines[0].ref: unknown routine 'nope'",
            "$.weeks: must be from 1 to 104, got 0",
        ] == sorted(bad.value.errors)

    @given(sks.programs(max_routines=1))
    def test_catalogs_with_programs(self, program: sk.Program) -> None:
        """A catalog's programs name its routines by ref, and read back equal."""
        routines = {r.id: r for r in program.routines}
        stretches = {s.id: s for r in program.routines for s in r.stretches}
        cat = sk.Catalog(stretches=stretches, routines=routines, programs=[program])
        doc = sk.to_dict(cat)
        assert all("ref" in r for r in doc["programs"][0]["routines"])  # type: ignore[index]
        assert cat == sk.from_json(sk.Catalog, sk.to_json(cat))

    def test_built_in_program(self) -> None:
        """low-mid-back-daily: the built-in routine every day for 4 weeks, level 0 to 1."""
        program = sk.catalog().program("low-mid-back-daily")
        assert (frozenset(range(1, 8)), 4, 0.0, 1.0) == (
            program.days, program.weeks, program.start_level, program.end_level
        )  # fmt: skip
        assert (sk.catalog().routine("low-mid-back"),) == program.routines
        with pytest.raises(sk.UnknownProgramError, match="the catalog has: low-mid-back-daily"):
            sk.catalog().program("weekly")


class TestAtomicDump:
    """dump writes all or nothing: the old file survives any failure, and no temporary file is left."""

    def _journal(self, n: int) -> sk.Journal:
        records = [
            sk.SessionRecord(
                date="2026-11-02", routine="r", level=0, planned=1, held=1, completed=True, note=str(i)
            )
            for i in range(n)
        ]
        return sk.Journal(records=records)

    def _setup(self, tmp_path: Path) -> tuple[Path, bytes]:
        path = tmp_path / "journal.json"
        sk.dump(self._journal(1), path)
        return path, path.read_bytes()

    @pytest.mark.parametrize(
        ("target", "error"),
        [
            ("os.fsync", OSError(28, "No space left on device")),  # disk full while syncing
            ("os.replace", OSError(13, "Permission denied")),  # cannot rename over it
            ("os.replace", KeyboardInterrupt()),  # interrupted between write and rename
        ],
    )
    def test_failure_leaves_the_old_file(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: BaseException
    ) -> None:
        """The old file stays byte for byte, the temporary file is removed, and the error is clear."""
        path, before = self._setup(tmp_path)

        def fail(*args: object) -> None:
            raise error

        monkeypatch.setattr(target, fail)
        expected = type(error) if isinstance(error, KeyboardInterrupt) else sk.StretchkitError
        with pytest.raises(expected) as info:
            sk.dump(self._journal(2), path)
        monkeypatch.undo()
        assert before == path.read_bytes()
        assert ["journal.json"] == sorted(p.name for p in tmp_path.iterdir())
        if expected is sk.StretchkitError:
            assert isinstance(info.value, OSError)
            assert str(path) in str(info.value)

    def test_write_error_while_writing(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """A write that fails half-way (disk full) leaves the old file too."""
        path, before = self._setup(tmp_path)
        import tempfile

        real = tempfile.NamedTemporaryFile

        def half_written(*args: object, **kwargs: object) -> object:
            handle = real(*args, **kwargs)  # type: ignore[call-overload]

            def write(data: bytes) -> int:
                handle.file.write(data[: len(data) // 2])
                raise OSError(28, "No space left on device")

            handle.write = write
            return handle

        monkeypatch.setattr(tempfile, "NamedTemporaryFile", half_written)
        with pytest.raises(sk.StretchkitError, match="No space left on device"):
            sk.dump(self._journal(3), path)
        monkeypatch.undo()
        assert before == path.read_bytes()
        assert ["journal.json"] == sorted(p.name for p in tmp_path.iterdir())

    def test_unwritable_folder(self, tmp_path: Path) -> None:
        """A folder that does not exist is a clear error, and nothing is created."""
        with pytest.raises(sk.StretchkitError, match="cannot write"):
            sk.dump(self._journal(1), tmp_path / "missing" / "journal.json")
        assert [] == list(tmp_path.iterdir())

    def test_bad_document_touches_nothing(self, tmp_path: Path) -> None:
        """A document TOML cannot hold is refused before the disk is touched."""
        path = tmp_path / "s.toml"
        path.write_text("old", encoding="utf-8")
        with pytest.raises(sk.ValidationError, match="null"):
            sk.dump(sk.Stretch(name="S", hold=1, meta={"a": None}), path)
        assert "old" == path.read_text(encoding="utf-8")
        assert ["s.toml"] == [p.name for p in tmp_path.iterdir()]

    def test_success_replaces(self, tmp_path: Path) -> None:
        """A successful dump replaces the file and leaves only it."""
        path, _ = self._setup(tmp_path)
        sk.dump(self._journal(4), path)
        assert 4 == len(sk.load(path).records)  # type: ignore[union-attr]
        assert ["journal.json"] == sorted(p.name for p in tmp_path.iterdir())
