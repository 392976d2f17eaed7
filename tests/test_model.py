"""Example tests for the model types: construction, validation, values."""

from __future__ import annotations

import math
import pickle

import attrs
import pytest

import stretchkit as sk


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
                sides="each",  # type: ignore[arg-type]
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
            ({"name": "!!!"}, "id: cannot derive a slug"),
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
            ({"side_order": "blocked"}, "side_order: expected a SideOrder"),
            ({"first_side": sk.Sides.LEFT}, "first_side: expected a Side"),
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
            ({"breath": "inhale"}, "breath: expected a Breath"),
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
            ({"rounds": 2.0}, "rounds: expected a whole number"),
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
        for name in sk.__all__:
            assert getattr(sk, name) is not None

    def test_version(self) -> None:
        """__version__ comes from the installed metadata."""
        from importlib.metadata import version

        assert version("stretchkit") == sk.__version__
        with pytest.raises(AttributeError):
            sk.nope  # noqa: B018
