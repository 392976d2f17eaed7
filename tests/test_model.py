"""The model types: construction, validation, values, and the public names."""

from __future__ import annotations

import math
import pickle

import attrs
import pytest
from hypothesis import given

import stretchkit as sk
from tests import strategies as sks


class TestStretch:
    """Stretch: frozen, keyword-only, validated, with every problem listed."""

    def test_defaults_and_derived_id(self) -> None:
        """Defaults follow DESIGN.md; the id is a slug of the name."""
        s = sk.Stretch(name="Cat–Cow Pose", hold=3)
        assert "cat-cow-pose" == s.id
        assert (sk.Range(1), sk.Sides.NONE, sk.SideOrder.ALTERNATE, sk.Side.LEFT) == (
            s.reps,
            s.sides,
            s.side_order,
            s.first_side,
        )
        assert (sk.Range(0), sk.Range(0), (), "", (), frozenset(), None, frozenset(), {}) == (
            s.rest,
            s.switch,
            s.poses,
            s.summary,
            s.instructions,
            s.targets,
            s.position,
            s.equipment,
            s.meta,
        )

    def test_range_fields_accept_numbers_pairs_and_ranges(self) -> None:
        """hold=25, hold=(20, 30), hold=[20, 30] and hold=Range(20, 30) all work."""
        assert sk.Range(25) == sk.Stretch(name="S", hold=25).hold
        assert sk.Range(20, 30) == sk.Stretch(name="S", hold=(20, 30)).hold
        assert sk.Range(20, 30) == sk.Stretch(name="S", hold=[20, 30]).hold
        assert sk.Range(20, 30) == sk.Stretch(name="S", hold=sk.Range(20, 30)).hold

    def test_enum_fields_accept_their_value_strings(self) -> None:
        """sides="each" is Sides.EACH, as in documents (DESIGN.md §1)."""
        s = sk.Stretch(name="S", hold=1, sides="each", side_order="blocked", first_side="right")
        assert (sk.Sides.EACH, sk.SideOrder.BLOCKED, sk.Side.RIGHT) == (s.sides, s.side_order, s.first_side)
        assert sk.Breath.EXHALE == sk.Pose(name="P", breath="exhale").breath
        assert s == sk.Stretch(
            name="S", hold=1, sides=sk.Sides.EACH, side_order=sk.SideOrder.BLOCKED, first_side=sk.Side.RIGHT
        )

    @pytest.mark.parametrize(
        ("name", "id_"),
        [
            ("Child's Pose", "childs-pose"),
            ("Child’s Pose", "childs-pose"),
            ("Ηρεμία", "iremia"),
            ("Растяжка спины", "rastyazhka-spiny"),
            ("Straße & Øre", "strasse-ore"),
            ("Çay Molası 2", "cay-molasi-2"),
        ],
    )
    def test_id_from_any_name(self, name: str, id_: str) -> None:
        """Apostrophes join; accents go; Greek and Cyrillic are spelt in a-z."""
        assert id_ == sk.Stretch(name=name, hold=1).id

    def test_id_that_cannot_be_derived_says_what_to_pass(self) -> None:
        """A name with nothing to spell in a-z asks for an id, with an example."""
        with pytest.raises(sk.ValidationError) as info:
            sk.Stretch(name="平静", hold=1)
        assert info.value.errors == (
            "id: cannot derive an id from name '平静' (nothing in it spells a-z or 0-9); "
            "pass one, e.g. id='evening-calm' (a-z, 0-9 and single hyphens)",
        )
        assert "calm" == sk.Stretch(name="平静", id="calm", hold=1).id

    @pytest.mark.parametrize("sides", ["none", "left", "right"])
    def test_switch_needs_each_side(self, sides: str) -> None:
        """A switch can only apply to a stretch done on each side: elsewhere it is refused."""
        with pytest.raises(
            sk.ValidationError, match=f"switch: only a stretch done on each side .* is '{sides}'"
        ):
            sk.Stretch(name="S", hold=1, sides=sides, switch=(0, 3))
        assert sk.Range(0) == sk.Stretch(name="S", hold=1, sides=sides, switch=0).switch
        assert sk.Range(3) == sk.Stretch(name="S", hold=1, sides="each", switch=3).switch

    def test_collections_are_normalized(self) -> None:
        """Lists become tuples and sets frozensets, so the object stays immutable."""
        s = sk.Stretch(name="S", hold=1, instructions=["a", "b"], targets=["neck"], equipment={"mat"})
        assert ("a", "b") == s.instructions
        assert frozenset({"neck"}) == s.targets
        assert frozenset({"mat"}) == s.equipment

    def test_keyword_only_and_frozen(self) -> None:
        """Positional construction is refused and fields cannot be set."""
        with pytest.raises(TypeError):
            sk.Stretch("S", 1)  # type: ignore[call-arg, arg-type]
        s = sk.Stretch(name="S", hold=1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            s.hold = sk.Range(2)  # type: ignore[misc]

    def test_every_problem_at_once(self) -> None:
        """All invalid fields are listed, each with its name."""
        with pytest.raises(sk.ValidationError) as info:
            sk.Stretch(
                name="  ",
                hold=0,
                reps=1.5,
                sides="both",
                rest=-1,
                targets="back",
                instructions="do it",
            )
        fields = [e.split(":")[0] for e in info.value.errors]
        assert ["name", "hold", "reps", "sides", "rest", "instructions", "targets"] == fields
        assert "7 problems" in str(info.value)

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"name": ""}, "name: must not be blank"),
            ({"name": "x" * 201}, "name: must be at most 200 characters"),
            ({"name": "a\x00b"}, "name: must not contain control characters"),
            ({"name": 5}, "name: expected a string"),
            ({"id": "Bad Id"}, "id: must be a slug"),
            ({"id": "a--b"}, "id: must be a slug"),
            ({"name": "!!!"}, "id: cannot derive an id"),
            ({"hold": 0}, "hold: must be greater than 0"),
            ({"hold": 86_401}, "hold: must be at most 86400 seconds"),
            ({"hold": 0.0005}, "hold: must be whole milliseconds"),
            ({"hold": (1, 2, 3)}, "hold: expected a number or a \\(low, high\\) pair"),
            ({"hold": "30"}, "hold: expected a number"),
            ({"hold": True}, "hold: expected a number"),
            ({"reps": 0}, "reps: must be at least 1"),
            ({"reps": 1001}, "reps: must be at most 1000"),
            ({"reps": (1, 2.5)}, "reps: must be whole numbers"),
            ({"rest": math.nan}, "rest: must be finite"),
            ({"switch": -2}, "switch: must not be negative"),
            ({"side_order": "Blocked"}, "side_order: expected one of 'alternate', 'blocked', got 'Blocked'"),
            ({"first_side": sk.Sides.LEFT}, "first_side: expected one of 'left', 'right', got <Sides.LEFT"),
            ({"poses": [sk.Pose(name="P")] * 51}, "poses: must have at most 50 items"),
            ({"poses": ["Cow"]}, "poses\\[0\\]: expected a Pose"),
            ({"poses": "Cow"}, "poses: expected a list"),
            ({"summary": "x" * 10_001}, "summary: must be at most 10000 characters"),
            ({"instructions": ["ok", 5]}, "instructions\\[1\\]: expected a string"),
            ({"instructions": ["a\x07"]}, "instructions\\[0\\]: must not contain control characters"),
            ({"targets": ["Lower Back"]}, "targets: must be a slug"),
            ({"targets": [["x"]]}, "targets: items must be hashable"),
            ({"position": "On Back"}, "position: must be a slug"),
            ({"equipment": 5}, "equipment: expected a set"),
            ({"meta": [1]}, "meta: expected a mapping"),
            ({"meta": {"a": math.inf}}, "meta: values must be finite, got inf at a"),
            ({"meta": {1: "x"}}, "meta: keys must be strings"),
            ({"meta": {"a": {"b": object()}}}, "meta: values must be JSON-able, .* at a.b"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Each bad field raises a ValidationError naming the field."""
        args: dict[str, object] = {"name": "S", "hold": 30, **kwargs}
        with pytest.raises(sk.ValidationError, match=message):
            sk.Stretch(**args)  # type: ignore[arg-type]

    def test_deep_meta_refused_without_recursion_error(self) -> None:
        """A deeply nested meta is refused cleanly."""
        deep: dict[str, object] = {}
        node = deep
        for _ in range(10_000):
            node["x"] = {}
            node = node["x"]  # type: ignore[assignment]
        with pytest.raises(sk.ValidationError, match="nests deeper"):
            sk.Stretch(name="S", hold=1, meta=deep)

    def test_meta_is_copied(self) -> None:
        """The caller's meta is neither kept nor mutated."""
        meta: dict[str, object] = {"urls": ["a"], "n": 1}
        s = sk.Stretch(name="S", hold=1, meta=meta)
        meta["urls"].append("b")  # type: ignore[attr-defined]
        assert {"urls": ["a"], "n": 1} == s.meta
        assert {"urls": ["a", "b"], "n": 1} == meta

    def test_hashable_and_comparable(self) -> None:
        """Equal stretches hash alike; meta is compared but not hashed."""
        a = sk.Stretch(name="S", hold=1, meta={"x": 1})
        b = sk.Stretch(name="S", hold=1, meta={"x": 2})
        assert a != b
        assert hash(a) == hash(b)
        assert a == sk.Stretch(name="S", hold=1, meta={"x": 1})
        assert 2 == len({a, b})

    def test_duration(self) -> None:
        """Stretch.duration is the closed form for one occurrence."""
        twist = sk.Stretch(name="T", hold=(20, 30), reps=(2, 4), sides=sk.Sides.EACH, switch=3, rest=5)
        # L1 w R1 max(r,w) L2 w R2 at level 0
        assert 4 * 20 + 2 * 3 + 5 == twist.duration(0)
        assert 7 == twist.step_count(0)


class TestPose:
    """Pose: a position within a flowing stretch."""

    def test_pose(self) -> None:
        """A pose has a name, an optional hold, a cue and a breath."""
        cow = sk.Pose(name="Cow", hold=(2, 4), cue="Lift your head", breath=sk.Breath.INHALE)
        assert sk.Range(2, 4) == cow.hold
        assert sk.Pose(name="Cat").hold is None

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"name": ""}, "name: must not be blank"),
            ({"hold": 0}, "hold: must be greater than 0"),
            ({"breath": "in"}, "breath: expected one of 'inhale', 'exhale', 'hold', 'natural', got 'in'"),
            ({"cue": 5}, "cue: expected a string"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Bad pose fields are named."""
        args: dict[str, object] = {"name": "P", **kwargs}
        with pytest.raises(sk.ValidationError, match=message):
            sk.Pose(**args)  # type: ignore[arg-type]


class TestRoutine:
    """Routine: ordered stretches with transitions, lead-in and rounds."""

    def test_defaults(self) -> None:
        """A routine needs a name and stretches; the rest defaults."""
        s = sk.Stretch(name="S", hold=1)
        r = sk.Routine(name="Morning Back", stretches=[s, s])
        assert ("morning-back", (s, s), sk.Range(0), sk.Range(0), 1, "", {}) == (
            r.id,
            r.stretches,
            r.transition,
            r.lead_in,
            r.rounds,
            r.description,
            r.meta,
        )

    @pytest.mark.parametrize(
        ("kwargs", "message"),
        [
            ({"stretches": []}, "stretches: must have at least 1 item"),
            ({"stretches": "abc"}, "stretches: expected a list"),
            ({"stretches": [1]}, "stretches\\[0\\]: expected a Stretch"),
            ({"rounds": 0}, "rounds: must be from 1 to 1000"),
            ({"rounds": 1001}, "rounds: must be from 1 to 1000"),
            ({"rounds": 2.5}, "rounds: expected a whole number"),
            ({"rounds": True}, "rounds: expected a whole number"),
            ({"transition": -1}, "transition: must not be negative"),
            ({"lead_in": 100_000}, "lead_in: must be at most 86400"),
            ({"description": None}, "description: expected a string"),
            ({"id": "x y"}, "id: must be a slug"),
        ],
    )
    def test_invalid(self, kwargs: dict[str, object], message: str) -> None:
        """Bad routine fields are named."""
        args: dict[str, object] = {"name": "R", "stretches": [sk.Stretch(name="S", hold=1)], **kwargs}
        with pytest.raises(sk.ValidationError, match=message):
            sk.Routine(**args)  # type: ignore[arg-type]

    def test_whole_valued_floats_are_whole(self) -> None:
        """rounds=2.0 is 2, as in JSON Schema; 2.5 is refused (above)."""
        r = sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=1, reps=2.0)], rounds=2.0)
        assert (2, int, sk.Range(2)) == (r.rounds, type(r.rounds), r.stretches[0].reps)
        program = sk.Program(name="P", routines=r, weeks=3.0, days=[1.0, 3], pain_red_min=7.0)  # type: ignore[list-item]
        assert (3, frozenset({1, 3}), 7) == (program.weeks, program.days, program.pain_red_min)
        record = sk.SessionRecord(
            date="2026-01-05",
            routine="r",
            level=0.5,
            planned=1,
            held=1,
            completed=True,
            pain_after=3.0,
            session=2.0,
        )
        assert (3, 2) == (record.pain_after, record.session)

    def test_short_repr(self) -> None:
        """A routine's repr names it and counts, in one short line, whatever its size."""
        hug = sk.Stretch(name="Hug", hold=30)
        assert "<Routine quick 'Quick': 1 stretch, 2 rounds, 60.0 s>" == repr(
            sk.Routine(name="Quick", stretches=[hug], rounds=2)
        )
        assert "<Routine low-mid-back 'Low and Mid Back': 7 stretches, 1 round, 498.0 to 948.0 s>" == repr(
            sk.catalog().routine("low-mid-back")
        )
        assert len(repr(sk.Routine(name="Big", stretches=[hug] * 10_000))) < 80

    def test_too_many_stretches(self) -> None:
        """More than 10,000 stretches are refused."""
        s = sk.Stretch(name="S", hold=1)
        with pytest.raises(sk.ValidationError, match="at most 10000"):
            sk.Routine(name="R", stretches=[s] * 10_001)

    def test_input_list_not_mutated(self) -> None:
        """The caller's list is copied into a tuple and left alone."""
        s = sk.Stretch(name="S", hold=1)
        given = [s]
        r = sk.Routine(name="R", stretches=given)
        given.append(s)
        assert 1 == len(r.stretches)

    def test_duration_range(self) -> None:
        """duration_range() is a Range of the two ends."""
        s = sk.Stretch(name="S", hold=(10, 20), reps=(1, 2), rest=5)
        r = sk.Routine(name="R", stretches=[s], transition=3, rounds=2)
        assert sk.Range(23, 93) == r.duration_range()


class TestErrors:
    """The error hierarchy of DESIGN.md §6."""

    def test_hierarchy(self) -> None:
        """Each error is a StretchkitError and the matching built-in."""
        assert issubclass(sk.ValidationError, ValueError)
        assert issubclass(sk.FitError, ValueError)
        assert issubclass(sk.UnknownStretchError, LookupError)
        assert issubclass(sk.UnknownRoutineError, LookupError)
        for cls in (
            sk.ValidationError,
            sk.FitError,
            sk.UnknownStretchError,
            sk.UnknownRoutineError,
            sk.TimelineTooLarge,
        ):
            assert issubclass(cls, sk.StretchkitError)

    def test_errors_pickle(self) -> None:
        """Errors survive pickling with their data."""
        e = pickle.loads(pickle.dumps(sk.ValidationError(["a: b", "c: d"])))
        assert ("a: b", "c: d") == e.errors
        f = pickle.loads(pickle.dumps(sk.FitError("too long", minimum=3.0)))
        assert 3.0 == f.minimum
        t = pickle.loads(pickle.dumps(sk.TimelineTooLarge("big", steps=5, limit=4)))
        assert (5, 4) == (t.steps, t.limit)

    def test_missing_file(self, tmp_path: object) -> None:
        """A missing file is a StretchkitError and a FileNotFoundError, naming the file; it pickles."""
        with pytest.raises(sk.MissingFileError) as info:
            sk.load("missing.json")
        e = info.value
        assert isinstance(e, sk.StretchkitError)
        assert isinstance(e, FileNotFoundError)
        assert ("no such file: missing.json", "missing.json") == (str(e), e.filename)
        clone = pickle.loads(pickle.dumps(e))
        assert (type(e), str(e), e.filename, e.errno) == (
            type(clone),
            str(clone),
            clone.filename,
            clone.errno,
        )

    def test_single_error_str(self) -> None:
        """One problem reads as that one line."""
        assert "hold: bad" == str(sk.ValidationError(["hold: bad"]))


class TestPublicApi:
    """The public names are exactly those of DESIGN.md §1-3 and §6."""

    def test_all_is_sorted_and_complete(self) -> None:
        """__all__ is sorted and every name in it exists."""

        def isort_style(name: str) -> tuple[int, str]:  # constants, classes, then the rest (ruff's RUF022)
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        assert sorted(sk.__all__, key=isort_style) == sk.__all__
        assert len(set(sk.__all__)) == len(sk.__all__)
        assert set(sk.__all__) <= set(dir(sk))  # tab completion sees the lazy names too
        for name in sk.__all__:
            getattr(sk, name)  # raises AttributeError if it does not resolve

    def test_public_classes_show_stretchkit_as_their_module(self) -> None:
        """Reprs, docs and pickles name stretchkit.X, never a private module."""
        classes = [obj for name in sk.__all__ if isinstance(obj := getattr(sk, name), type)]
        private = [
            c.__qualname__ for c in classes if c.__module__ not in ("stretchkit", "stretchkit.exceptions")
        ]
        assert [] == private
        tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="S", hold=1, sides="each")]))
        for obj in (tl, tl[0], tl.state(0), sk.catalog(), sk.Side.LEFT, tl.cues()[0]):
            data = pickle.dumps(obj)
            assert b"stretchkit._" not in data
            assert obj == pickle.loads(data)

    @pytest.mark.parametrize(
        ("cls", "args", "kwargs", "message"),
        [
            (
                sk.Stretch,
                (),
                {"nmae": "Hug", "hold": 30},
                "Stretch() got an unexpected keyword argument 'nmae'; did you mean 'name'?",
            ),
            (sk.Pose, (), {"name": "Cow", "breth": "inhale"}, "did you mean 'breath'?"),
            (sk.Routine, (), {"name": "R", "stretch": []}, "did you mean 'stretches'?"),
            (sk.Catalog, (), {"routine": []}, "did you mean 'routines'?"),
            (sk.Program, (), {"name": "P", "routine": []}, "did you mean 'routines'?"),
            (sk.Journal, (), {"record": []}, "did you mean 'records'?"),
            (
                sk.SessionRecord,
                (),
                {"dates": "2026-01-01"},
                "SessionRecord() got an unexpected keyword argument 'dates'; did you mean 'date'?",
            ),
            (
                sk.Routine,
                (),
                {"name": "R", "stretches": [], "colour": "red"},
                "Routine() got an unexpected keyword argument 'colour'; it takes id, name, stretches, "
                "transition, lead_in, rounds, description, meta",
            ),
            (
                sk.Stretch,
                ("Hug", 30),
                {},
                "Stretch() takes keyword arguments only, e.g. Stretch(name=..., hold=...)",
            ),
        ],
    )
    def test_misspelt_keyword_says_which_was_meant(
        self, cls: type, args: tuple[object, ...], kwargs: dict[str, object], message: str
    ) -> None:
        """The classes people build by hand name the keyword they probably meant."""
        with pytest.raises(TypeError) as info:
            cls(*args, **kwargs)
        assert message in str(info.value)

    def test_missing_keywords_and_a_typo(self) -> None:
        """A missing keyword is named; a typo of a required one is still caught as the typo."""
        with pytest.raises(TypeError, match=r"^Stretch\(\) missing 1 required keyword argument: 'name'$"):
            sk.Stretch(hold=30)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"missing 2 required keyword arguments: 'name' and 'hold'$"):
            sk.Stretch()  # type: ignore[call-arg]
        with pytest.raises(TypeError, match="did you mean 'hold'"):
            sk.Stretch(name="Hug", hodl=30)  # type: ignore[call-arg]
        assert "Stretch.__init__" == sk.Stretch.__init__.__qualname__

    def test_hints_cost_no_call(self) -> None:
        """The check is compiled into attrs' own __init__ (no wrapper frame), and errors raised
        inside it still show its source lines."""
        import traceback

        for cls in (sk.Pose, sk.Stretch, sk.Routine, sk.Catalog, sk.Program, sk.SessionRecord, sk.Journal):
            assert cls.__init__.__code__.co_filename.startswith("<stretchkit keyword hints for")
        with pytest.raises(sk.ValidationError) as info:
            sk.Stretch(name="", hold=1)
        assert "self.__attrs_post_init__()" in "".join(traceback.format_tb(info.value.__traceback__))

    def test_a_type_error_inside_is_not_rewritten(self) -> None:
        """Only the call's own arguments get hints: a TypeError from a converter passes through as is."""

        class Odd:
            def __iter__(self) -> None:
                raise TypeError("odd iterable")

        with pytest.raises(TypeError, match=r"^odd iterable$"):
            sk.Stretch(name="S", hold=1, poses=Odd())  # type: ignore[arg-type]

    def test_hints_without_attrs_source(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Where attrs' source cannot be had, a wrapper gives the same hints."""
        import linecache

        from stretchkit._public import suggest_keywords

        monkeypatch.setattr(linecache, "getlines", lambda *args: [])

        @suggest_keywords
        @attrs.frozen(kw_only=True)
        class Thing:
            name: str
            size: int = 1

            def __attrs_post_init__(self) -> None:
                if self.size < 0:
                    raise TypeError("size inside")

        assert 2 == Thing(name="a", size=2).size
        with pytest.raises(TypeError, match="did you mean 'size'"):
            Thing(name="a", sise=2)  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"takes keyword arguments only, e\.g\. Thing\(name=\.\.\.\)"):
            Thing("a")  # type: ignore[call-arg]
        with pytest.raises(TypeError, match=r"^size inside$"):
            Thing(name="a", size=-1)
        with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'name'"):
            Thing()  # type: ignore[call-arg]

    def test_signatures_show_factory_defaults(self) -> None:
        """help() and the docs show meta={}, not attrs' meta=NOTHING."""
        import inspect

        for cls in (sk.Stretch, sk.Pose, sk.Routine, sk.Program):
            text = str(inspect.signature(cls))
            assert "NOTHING" not in text
            assert "self" not in text
        assert "meta: 'Mapping[str, object]' = {}" in str(inspect.signature(sk.Stretch))

    def test_version(self) -> None:
        """__version__ comes from the installed metadata."""
        from importlib.metadata import version

        assert version("stretchkit") == sk.__version__
        with pytest.raises(AttributeError):
            sk.nope  # noqa: B018


class TestObjects:
    """Model objects are frozen values: pickled, hashed and compared as such."""

    @given(sks.routines(), sks.levels)
    def test_pickle_round_trip(self, routine: sk.Routine, level: float) -> None:
        """Routines, timelines and steps survive pickling unchanged."""
        tl = sk.compose(routine, level)
        for obj in (routine, routine.stretches[0], tl, tl[0], tl.state(0)):
            clone = pickle.loads(pickle.dumps(obj))
            assert obj == clone
            assert hash(obj) == hash(clone)
        assert list(tl) == list(pickle.loads(pickle.dumps(tl)))

    @given(sks.stretches())
    def test_meta_is_compared_but_not_hashed(self, stretch: sk.Stretch) -> None:
        """Changing meta changes equality but not the hash."""
        import attrs

        other = attrs.evolve(stretch, meta={"x": "different"})
        if stretch.meta != {"x": "different"}:
            assert stretch != other
        assert hash(stretch) == hash(other)
