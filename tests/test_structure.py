"""The structuring engine's quick path against its slow one.

Every document is loaded twice: the usual way (the quick path, with reuse of
repeated stretches) and with :func:`stretchkit._structure.slow_path` (every
field by its kind's ``structure``, every object by ``cls(**values)``, nothing
reused). Both must give the same object, equal in every type all the way
down, or raise the same error with the same problems in the same order. The
documents are those the library writes, of every type, valid and mutated
(see ``tests/strategies.py``), objects repeated with a number retyped
(``1`` as ``1.0`` or ``True``), and values of a caller's own types.
"""

from __future__ import annotations

import copy
import datetime
import json
import pickle
from collections.abc import Callable, Mapping
from typing import NamedTuple, cast

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._structure import fingerprint, slow_path
from tests import strategies as sks

_SETTINGS = settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

#: Each document type, with its class and the valid documents of it.
DOCUMENT_TYPES: dict[str, tuple[type, st.SearchStrategy[object]]] = {
    "stretch": (sk.Stretch, sks.stretches().map(sks.document)),
    "routine": (sk.Routine, sks.routines(max_stretches=3, max_rounds=2).map(sks.document)),
    "routine-refs": (sk.Routine, sks.ref_documents()),
    "program": (sk.Program, sks.programs(max_routines=2).map(sks.document)),
    "journal": (sk.Journal, sks.journals().map(sks.document)),
    "session-record": (sk.SessionRecord, sks.session_records().map(sks.document)),
    "timeline": (sk.Timeline, sks.timelines(max_stretches=3, max_rounds=2).map(sks.document)),
    "catalog": (sk.Catalog, sks.catalogs(max_stretches=3).map(sks.document)),
}
KINDS = sorted(DOCUMENT_TYPES)


def typed(value: object) -> object:
    """``value`` as nested ``(type, parts)``: equal only for values equal in
    every type all the way down (``1``, ``1.0`` and ``True`` apart)."""
    kind = type(value)
    if isinstance(value, sk.Timeline):
        return (kind, typed(value.routine), typed(value.level), len(value))
    if attrs.has(kind):
        return (kind, tuple((f.name, typed(getattr(value, f.name))) for f in attrs.fields(kind)))
    if isinstance(value, Mapping):
        return (kind, tuple((typed(k), typed(v)) for k, v in value.items()))
    if isinstance(value, tuple | list):
        return (kind, tuple(map(typed, value)))
    if isinstance(value, frozenset | set):
        return (kind, tuple(sorted(map(typed, value), key=repr)))
    return (kind, repr(value))


def outcome(load: Callable[[], object]) -> tuple[object, ...]:
    """What loading gives: the object (typed, and its hash), or the error and its problems."""
    try:
        result = load()
    except sk.StretchkitError as e:
        return ("raised", type(e), getattr(e, "errors", str(e)))
    except Exception as e:  # a crash is a bug of its own (the fuzz tests'): here, the same one both ways
        return ("crashed", type(e), str(e))
    try:
        hashed: object = hash(result)
    except TypeError:
        hashed = None
    assert result == pickle.loads(pickle.dumps(result))
    return ("loaded", (typed(result), hashed), result)


def assert_same(cls: type, doc: object) -> None:
    """The quick and the slow path load ``doc`` alike, from a dict and from JSON text."""
    loads: list[Callable[[], object]] = [lambda: sk.from_dict(cls, doc)]
    try:
        text = json.dumps(doc, ensure_ascii=False, allow_nan=True)
    except (RecursionError, TypeError, ValueError):
        pass  # too deep, or not JSON: from_dict alone
    else:
        loads.append(lambda: sk.from_json(cls, text))
    try:
        before = copy.deepcopy(doc)
    except RecursionError:  # nested too deeply to copy (the loaders refuse it)
        before = doc
    for load in loads:
        quick = outcome(load)
        with slow_path():
            slow = outcome(load)
        assert slow[:2] == quick[:2]
        if quick[0] != "crashed":
            assert slow[2] == quick[2]
    assert before == doc  # neither path changed what it was given


class TestQuickPath:
    """The quick path gives what the slow one gives, for every type of document."""

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_valid(self, kind: str, data: st.DataObject) -> None:
        """Valid documents: the same objects."""
        cls, docs = DOCUMENT_TYPES[kind]
        assert_same(cls, data.draw(docs))

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_mutated(self, kind: str, data: st.DataObject) -> None:
        """Mutated documents: the same objects, or the same problems in the same order."""
        cls, docs = DOCUMENT_TYPES[kind]
        assert_same(cls, data.draw(sks.mutated(docs)))

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_broken(self, kind: str, data: st.DataObject) -> None:
        """Documents with values anywhere replaced by odd ones, at the edges of the limits too."""
        cls, docs = DOCUMENT_TYPES[kind]
        assert_same(cls, data.draw(sks.broken(docs)))

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_edges(self, kind: str, data: st.DataObject) -> None:
        """Documents with fields set to values at the edges of what their kinds accept."""
        cls, docs = DOCUMENT_TYPES[kind]
        assert_same(cls, data.draw(sks.edged(docs)))

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_retyped_repeats(self, kind: str, data: st.DataObject) -> None:
        """An object repeated with a number retyped is not taken for the first."""
        cls, docs = DOCUMENT_TYPES[kind]
        assert_same(cls, data.draw(sks.retyped(docs)))

    @_SETTINGS
    @pytest.mark.parametrize("kind", KINDS)
    @given(data=st.data())
    def test_callers_own_types(self, kind: str, data: st.DataObject) -> None:
        """Subclasses of str, int, float, list and dict where the document had the built-ins."""
        cls, docs = DOCUMENT_TYPES[kind]
        doc = data.draw(docs)
        assert_same(cls, _subclassed(doc, data))


class EdgeCase(NamedTuple):
    """A valid document, and where in it is an object whose fields the test sets."""

    name: str
    cls: type  # what the document is loaded as
    doc: sks.JSON
    where: tuple[str | int, ...]
    of: type  # the class of the object there


def _edge_cases() -> list[EdgeCase]:
    cat = sk.catalog()
    stretch = sks.document(cat.stretch("cat-cow"))
    routine = sks.document(cat.routine("low-mid-back"))
    repeated = copy.deepcopy(routine)
    items = cast(list[object], repeated["stretches"])
    items.append(copy.deepcopy(items[4]))  # the cat-cow, twice: the repeat is built once
    refs: sks.JSON = {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "cat-cow"}] * 2}
    program = sks.document(cat.program("low-mid-back-daily"))
    program_refs = {**program, "routines": [{"ref": "low-mid-back"}] * 2}
    record = sk.SessionRecord(
        date="2026-11-02", routine="r", level=0.5, planned=60, held=30.5, completed=False, pain_before=3
    )
    journal = sks.document(sk.Journal(records=[record, attrs.evolve(record, program="p", session=2)]))
    hug = sk.Stretch(name="Hug", hold=30)
    catalog = sks.document(sk.Catalog(stretches=[hug], routines=[sk.Routine(name="R", stretches=[hug, hug])]))
    return [
        EdgeCase("stretch", sk.Stretch, stretch, (), sk.Stretch),
        EdgeCase("pose", sk.Stretch, stretch, ("poses", 1), sk.Pose),
        EdgeCase("routine", sk.Routine, routine, (), sk.Routine),
        EdgeCase("repeated stretch", sk.Routine, repeated, ("stretches", 4), sk.Stretch),
        EdgeCase("ref", sk.Routine, refs, ("stretches", 1), sk.Stretch),
        EdgeCase("program", sk.Program, program, (), sk.Program),
        EdgeCase("program's routine", sk.Program, program, ("routines", 0), sk.Routine),
        EdgeCase("routine ref", sk.Program, program_refs, ("routines", 1), sk.Routine),
        EdgeCase("session record", sk.SessionRecord, sks.document(record), (), sk.SessionRecord),
        EdgeCase("journal", sk.Journal, journal, (), sk.Journal),
        EdgeCase("journal's record", sk.Journal, journal, ("records", 1), sk.SessionRecord),
        EdgeCase("catalog's stretch", sk.Catalog, catalog, ("stretches", 0), sk.Stretch),
        EdgeCase("catalog's routine", sk.Catalog, catalog, ("routines", 0), sk.Routine),
    ]


@pytest.mark.parametrize("case", _edge_cases(), ids=lambda case: case.name)
def test_every_edge(case: EdgeCase) -> None:
    """Every field of every kind of object, left out or set to each of its edge values:
    the quick path gives what the slow one gives (from dicts; the properties above read JSON too)."""
    fields = dict(sks.edges(case.of))
    if "ref" in _at(case.doc, case.where):  # the ref itself, at its edges too
        fields["ref"] = ["cat-cow", "low-mid-back", "nope", "", 1, None, ["cat-cow"]]
    for name, values in fields.items():
        for value in [_LEFT_OUT, *values]:
            edited = copy.deepcopy(case.doc)
            obj = _at(edited, case.where)
            if value is _LEFT_OUT:
                obj.pop(name, None)
            else:
                obj[name] = copy.deepcopy(value)
            quick = outcome(lambda: sk.from_dict(case.cls, edited))  # noqa: B023 - called at once
            with slow_path():
                slow = outcome(lambda: sk.from_dict(case.cls, edited))  # noqa: B023
            assert slow[:2] == quick[:2], (name, value)


_LEFT_OUT = object()


def _at(doc: sks.JSON, where: tuple[str | int, ...]) -> dict[str, object]:
    obj: object = doc
    for key in where:
        obj = obj[key]  # type: ignore[index]
    assert isinstance(obj, dict)
    return obj


class _Str(str):
    __slots__ = ()


class _Int(int):
    __slots__ = ()


class _Float(float):
    __slots__ = ()


class _List(list):  # type: ignore[type-arg]
    __slots__ = ()


class _Dict(dict):  # type: ignore[type-arg]
    __slots__ = ()


_OWN: dict[type, type] = {str: _Str, int: _Int, float: _Float, list: _List, dict: _Dict}
_HEADER = ("stretchkit", "type")


def _subclassed(doc: object, data: st.DataObject) -> object:
    """``doc`` with some of its values (never the header) as instances of subclasses."""

    def walk(value: object, top: bool) -> object:
        if isinstance(value, dict):
            value = {k: v if top and k in _HEADER else walk(v, False) for k, v in value.items()}
        elif isinstance(value, list):
            value = [walk(v, False) for v in value]
        own = _OWN.get(type(value))
        if own is None or top or data.draw(st.integers(0, 9), label="subclass?") != 0:
            return value
        return own(value)

    return walk(doc, True)


class TestReuse:
    """A stretch repeated in a document is built once, and only when it is truly the same."""

    def _routine(self, *stretches: dict[str, object]) -> dict[str, object]:
        return {"stretchkit": 1, "type": "routine", "name": "R", "stretches": list(stretches)}

    def test_repeats_are_one_object(self) -> None:
        """Equal stretch objects of a document become one Stretch, refs too."""
        hug = {"name": "Hug", "hold": 30, "meta": {"a": [1, 2]}}
        twist = {"ref": "seated-twist", "reps": 2}
        routine = sk.from_json(sk.Routine, json.dumps(self._routine(hug, twist, hug, twist)))
        first, second, third, fourth = routine.stretches
        assert first is third
        assert second is fourth
        assert first is not second

    def test_repeats_in_every_format(self) -> None:
        """A routine of three stretches repeated loads as three Stretch objects, whatever the format."""
        cat = sk.catalog()
        three = [cat.stretch(id) for id in ("seated-twist", "cat-cow", "seated-forward-bend")]
        routine = sk.Routine(name="Typical", stretches=three * 20, transition=5)
        loaded = [
            sk.from_dict(sk.Routine, sk.to_dict(routine)),
            sk.from_json(sk.Routine, sk.to_json(routine)),
            sk.from_toml(sk.Routine, sk.to_toml(routine)),
            sk.from_json(sk.Timeline, sk.to_json(routine.compose())).routine,
        ]
        for got in loaded:
            assert routine == got
            assert 3 == len({id(s) for s in got.stretches})

    def test_numbers_of_another_type_are_not_repeats(self) -> None:
        """1, 1.0 and True are equal in Python, but not the same document value."""
        doc = self._routine(
            {"name": "Hug", "hold": 30, "reps": 1, "meta": {"n": 1}},
            {"name": "Hug", "hold": 30, "reps": 1, "meta": {"n": 1.0}},
            {"name": "Hug", "hold": 30, "reps": True, "meta": {"n": 1}},
        )
        with pytest.raises(sk.ValidationError) as e:
            sk.from_dict(sk.Routine, doc)
        assert ("$.stretches[2].reps: expected a number or [low, high], got True (bool)",) == e.value.errors
        del doc["stretches"][2]  # type: ignore[attr-defined]
        first, second = sk.from_dict(sk.Routine, doc).stretches
        assert int is type(first.meta["n"])
        assert float is type(second.meta["n"])

    def test_failures_are_never_reused(self) -> None:
        """Each repeat of a bad stretch reports its own problems, at its own path."""
        bad = {"name": "Hug", "hold": -1}
        with pytest.raises(sk.ValidationError) as e:
            sk.from_dict(sk.Routine, self._routine(bad, bad))
        assert (
            "$.stretches[0].hold: must not be negative, got -1 (int)",
            "$.stretches[1].hold: must not be negative, got -1 (int)",
        ) == e.value.errors

    def test_callers_values_are_not_shared(self) -> None:
        """Loading keeps nothing of the document: meta is a frozen copy."""
        meta = {"tags": ["a"]}
        routine = sk.from_dict(sk.Routine, self._routine({"name": "Hug", "hold": 30, "meta": meta}))
        meta["tags"].append("b")
        assert {"tags": ["a"]} == routine.stretches[0].meta

    def test_fingerprints_tell_types_apart(self) -> None:
        """Equal values of other types have other fingerprints; values of types not marshal's own, none."""
        prints = [fingerprint(v) for v in ({"a": 1}, {"a": 1.0}, {"a": True}, {"a": "1"}, {"a": [1]})]
        assert len(prints) == len(set(prints))
        assert fingerprint({"a": _Str("x")}) is None
        assert fingerprint({"a": datetime.date(2026, 1, 1)}) is None
