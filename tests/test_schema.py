"""JSON Schema: generated from the model, published under docs/schema, and
validating every document the library writes (and refusing bad ones)."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._documents import DOCUMENTS
from tests import strategies as sks
from tests.golden import check_golden

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "docs" / "schema"
TYPES = {dt.name: dt.cls for dt in DOCUMENTS.values()}


def validator(cls: type) -> jsonschema.Draft202012Validator:
    schema = sk.json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


VALIDATORS = {cls: validator(cls) for cls in TYPES.values()}


@pytest.mark.parametrize("name", sorted(TYPES))
def test_published_files_are_current(name: str) -> None:
    """docs/schema/*.json equal json_schema() (a golden file each)."""
    text = json.dumps(sk.json_schema(TYPES[name]), indent=2, ensure_ascii=False) + "\n"
    check_golden(SCHEMA_DIR / f"{name}.schema.json", text)


@given(sks.routines(), sks.levels)
def test_written_documents_validate(routine: sk.Routine, level: float) -> None:
    """Every document the library writes validates against its schema."""
    tl = sk.compose(routine, level)
    catalog = sk.Catalog(stretches={s.id: s for s in routine.stretches}, routines=[routine])
    for obj in (routine, routine.stretches[0], tl, catalog):
        VALIDATORS[type(obj)].validate(json.loads(sk.to_json(obj)))


def _floats(value: object) -> object:
    """Every whole number of a document as a float (``1`` -> ``1.0``) where a float holds it
    exactly (``meta`` keeps ``2**53 + 1``, which no float is); bools stay."""
    if isinstance(value, bool) or not isinstance(value, int | list | dict):
        return value
    if isinstance(value, int):
        return float(value) if float(value) == value else value
    if isinstance(value, list):
        return [_floats(v) for v in value]
    return {k: _floats(v) for k, v in value.items()}


@given(sks.routines(max_stretches=2), sks.levels)
def test_whole_valued_floats_are_whole_numbers(routine: sk.Routine, level: float) -> None:
    """As JSON Schema's "integer" does, the loader takes 1.0 wherever it takes 1 (header, rounds,
    reps, step columns) and loads the same object; the schema and the loader agree."""
    tl = sk.compose(routine, level)
    catalog = sk.Catalog(stretches={s.id: s for s in routine.stretches}, routines=[routine])
    for obj in (routine, routine.stretches[0], tl, catalog):
        doc = _floats(json.loads(sk.to_json(obj)))
        assert isinstance(doc, dict)
        assert float(DOCUMENTS[type(obj)].version) == doc["stretchkit"]
        VALIDATORS[type(obj)].validate(doc)
        assert obj == sk.from_dict(type(obj), doc)


@pytest.mark.parametrize(
    ("cls", "doc"),
    [
        (sk.Stretch, {"stretchkit": 1.5, "type": "stretch", "name": "S", "hold": 1}),
        (
            sk.Routine,
            {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "x"}], "rounds": 1.5},
        ),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S"}),
        (sk.Stretch, {"stretchkit": 2, "type": "stretch", "name": "S", "hold": 1}),
        (sk.Stretch, {"stretchkit": 1, "type": "routine", "name": "S", "hold": 1}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": "30"}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 0}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": [1, 2, 3]}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "reps": 1.5}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "reps": 1001}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "sides": "both"}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": " ", "hold": 1}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "a\u0007", "hold": 1}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "id": "Bad Id"}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "colour": "red"}),
        (sk.Stretch, {"stretchkit": 1, "type": "stretch", "name": "S", "hold": 1, "instructions": "x"}),
        (sk.Routine, {"stretchkit": 1, "type": "routine", "name": "R", "stretches": []}),
        (sk.Routine, {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"name": "S"}]}),
        (
            sk.Routine,
            {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "x", "id": "y"}]},
        ),
        (
            sk.Routine,
            {"stretchkit": 1, "type": "routine", "name": "R", "stretches": [{"ref": "x"}], "rounds": 0},
        ),
        (sk.Timeline, {"stretchkit": 1, "type": "timeline", "level": 2}),
    ],
)
def test_schema_refuses_bad_documents(cls: type, doc: dict[str, object]) -> None:
    """The schema rejects documents the loader rejects for structure or bounds."""
    assert not VALIDATORS[cls].is_valid(doc)
    with pytest.raises(sk.StretchkitError):
        sk.from_dict(cls, doc, catalog=sk.Catalog())


@given(sks.programs(), st.data())
def test_program_documents_validate(program: sk.Program, data: st.DataObject) -> None:
    """Programs, journals, records, and catalogs with programs, as written, are valid."""
    journal = data.draw(sks.journals(program.id, 10))
    routines = {r.id: r for r in program.routines}
    stretches = {s.id: s for r in program.routines for s in r.stretches}
    catalog = sk.Catalog(stretches=stretches, routines=routines, programs=[program])
    objects: list[sk.Program | sk.Journal | sk.SessionRecord | sk.Catalog] = [program, journal, catalog]
    for obj in [*objects, *journal.records[:2]]:
        VALIDATORS[type(obj)].validate(json.loads(sk.to_json(obj)))


@pytest.mark.parametrize(
    ("cls", "doc"),
    [
        (sk.Program, {"stretchkit": 1, "type": "program", "name": "P", "routines": []}),
        (
            sk.Program,
            {"stretchkit": 1, "type": "program", "name": "P", "routines": [{"ref": "x"}], "days": [8]},
        ),
        (
            sk.Program,
            {"stretchkit": 1, "type": "program", "name": "P", "routines": [{"ref": "x"}], "weeks": 0},
        ),
        (sk.Journal, {"stretchkit": 1, "type": "journal", "records": [{"date": "2026-11-02"}]}),
        (
            sk.SessionRecord,
            {
                "stretchkit": 1,
                "type": "session-record",
                "date": "02/11/2026",
                "routine": "r",
                "level": 0,
                "planned": 1,
                "held": 1,
                "completed": True,
            },
        ),
        (
            sk.SessionRecord,
            {
                "stretchkit": 1,
                "type": "session-record",
                "date": "2026-11-02",
                "routine": "r",
                "level": 0,
                "planned": 1,
                "held": 1,
                "completed": True,
                "pain_after": 11,
            },
        ),
    ],
)
def test_schema_refuses_bad_practice_documents(cls: type, doc: dict[str, object]) -> None:
    """The schema and the loader both refuse these."""
    assert not VALIDATORS[cls].is_valid(doc)
    with pytest.raises(sk.StretchkitError):
        sk.from_dict(cls, doc, catalog=sk.Catalog())


def test_ref_items_validate() -> None:
    """A routine document with refs is valid against the schema."""
    doc = {
        "stretchkit": 1,
        "type": "routine",
        "name": "R",
        "stretches": [{"ref": "seated-twist", "reps": [2, 4]}],
    }
    VALIDATORS[sk.Routine].validate(doc)


def test_json_schema_refuses_other_types() -> None:
    """Only document types have a schema."""
    with pytest.raises(sk.ValidationError, match="cls: expected"):
        sk.json_schema(int)
