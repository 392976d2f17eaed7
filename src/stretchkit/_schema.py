"""JSON Schema (draft 2020-12) of each document type, generated from the model.

The same field specs that the model validates with (``_validate.spec``)
produce the schema, so it cannot drift from the loader. The schema checks
structure and the limits a schema can say (types, required keys, bounds,
patterns); the loader checks the rest (``low <= high``, whole milliseconds).
"""

from __future__ import annotations

import enum
from typing import Final, cast

import attrs

from stretchkit import _validate as v
from stretchkit._catalog import Catalog
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._range import MAX_SECONDS, Range, describe
from stretchkit._timeline import Timeline
from stretchkit.exceptions import ValidationError

__all__ = ["json_schema"]

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"
JSON = dict[str, object]

_NO_CONTROL = "[^\\u0000-\\u001f\\u007f-\\u009f]"


def _name() -> JSON:
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": v.MAX_NAME,
        "pattern": f"^{_NO_CONTROL}*[^\\s\\u0000-\\u001f\\u007f-\\u009f]{_NO_CONTROL}*$",
    }


def _text() -> JSON:
    return {
        "type": "string",
        "maxLength": v.MAX_TEXT,
        "pattern": "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$",
    }


def _slug() -> JSON:
    return {"type": "string", "maxLength": v.MAX_NAME, "pattern": v.SLUG_RE.pattern}


def _range(number: JSON) -> JSON:
    pair = {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2}
    return {"oneOf": [number, pair]}


def _seconds(positive: bool) -> JSON:
    bound = {"exclusiveMinimum": 0} if positive else {"minimum": 0}
    return _range({"type": "number", **bound, "maximum": MAX_SECONDS})


def _field_schema(spec: dict[str, object]) -> JSON:
    kind = spec["kind"]
    schema: JSON
    if kind in ("id", "slug"):
        schema = _slug()
    elif kind == "name":
        schema = _name()
    elif kind == "text":
        schema = _text()
    elif kind == "seconds":
        schema = _seconds(bool(spec.get("positive")))
    elif kind == "count":
        schema = _range({"type": "integer", "minimum": 1, "maximum": spec["maximum"]})
    elif kind == "int":
        schema = {"type": "integer", "minimum": spec["minimum"], "maximum": spec["maximum"]}
    elif kind == "enum":
        schema = {"enum": [m.value for m in cast(type[enum.Enum], spec["of"])]}
    elif kind in ("list", "set"):
        of = spec["of"]
        if of is Stretch:
            items: JSON = {"oneOf": [{"$ref": "#/$defs/stretch"}, {"$ref": "#/$defs/stretch_ref"}]}
        elif isinstance(of, type):
            items = {"$ref": f"#/$defs/{of.__name__.lower()}"}
        else:
            items = _text() if of == "text" else _slug()
        schema = {"type": "array", "items": items, "maxItems": spec.get("maximum", v.MAX_ITEMS)}
        if "minimum" in spec:
            schema["minItems"] = spec["minimum"]
    elif kind == "meta":
        schema = {"type": "object", "description": "The app's own data, kept verbatim."}
    else:  # pragma: no cover
        msg = f"unknown field kind {kind!r}"
        raise AssertionError(msg)
    if spec.get("optional"):
        return {"oneOf": [schema, {"type": "null"}]}
    return schema


def _object(cls: type, *, drop: tuple[str, ...] = ()) -> JSON:
    fields = [f for f in attrs.fields(cls) if f.name not in drop]
    return {
        "type": "object",
        "properties": {f.name: _field_schema(v.field_spec(f)) for f in fields},
        "required": [f.name for f in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def _defs() -> dict[str, JSON]:
    stretch_ref = _object(Stretch, drop=("id",))
    stretch_ref["properties"] = {"ref": _slug(), **cast(JSON, stretch_ref["properties"])}
    stretch_ref["required"] = ["ref"]
    stretch_ref["description"] = "A catalog stretch by id; the other keys override its values."
    return {
        "pose": _object(Pose),
        "stretch": _object(Stretch),
        "stretch_ref": stretch_ref,
        "routine": _object(Routine),
    }


def _timeline_body() -> JSON:
    def column(items: JSON) -> JSON:
        return {"type": "array", "items": items}

    time = {"type": "number", "minimum": 0}
    return {
        "type": "object",
        "properties": {
            "level": {"type": "number", "minimum": 0, "maximum": 1},
            "duration": time,
            "routine": {"$ref": "#/$defs/routine"},
            "steps": {
                "type": "object",
                "description": "One list per field, one entry per step (column-wise).",
                "properties": {
                    "start": column(time),
                    "duration": column({"type": "number", "exclusiveMinimum": 0}),
                    "kind": column({"enum": ["hold", "rest", "switch", "transition"]}),
                    "item": column({"type": "integer", "minimum": 0}),
                    "round": column({"type": "integer", "minimum": 1}),
                    "side": column({"enum": ["none", "left", "right"]}),
                    "rep": column({"type": "integer", "minimum": 1}),
                    "reps": column({"type": "integer", "minimum": 1}),
                    "pose": column({"type": "integer", "minimum": -1}),
                },
                "required": ["start", "duration", "kind", "item", "round", "side", "rep", "reps", "pose"],
                "additionalProperties": False,
            },
        },
        "required": ["level", "duration", "routine", "steps"],
        "additionalProperties": False,
    }


def _catalog_body() -> JSON:
    return {
        "type": "object",
        "properties": {
            "stretches": {"type": "array", "items": {"$ref": "#/$defs/stretch"}},
            "routines": {"type": "array", "items": {"$ref": "#/$defs/routine"}},
        },
        "additionalProperties": False,
    }


_TYPES: Final = {Stretch: "stretch", Routine: "routine", Timeline: "timeline", Catalog: "catalog"}


def json_schema(cls: type) -> JSON:
    """The JSON Schema (draft 2020-12) of the documents of ``cls``.

    ``cls`` is ``Stretch``, ``Routine``, ``Timeline`` or ``Catalog``; the
    published files under ``docs/schema/`` are generated from this.

    Raises:
        ValidationError: ``cls`` is not a document type.

    >>> import stretchkit as sk
    >>> schema = sk.json_schema(sk.Routine)
    >>> schema["$schema"], schema["properties"]["type"]
    ('https://json-schema.org/draft/2020-12/schema', {'const': 'routine'})
    """
    doc_type = _TYPES.get(cls)
    if doc_type is None:
        raise ValidationError([f"cls: expected Stretch, Routine, Timeline or Catalog, got {describe(cls)}"])
    defs = _defs()
    if cls is Timeline:
        body = _timeline_body()
    elif cls is Catalog:
        body = _catalog_body()
    else:
        body = defs[doc_type]
    header = {"stretchkit": {"const": 1, "description": "The format version."}, "type": {"const": doc_type}}
    props = cast(JSON, body["properties"])
    return {
        "$schema": DRAFT,
        "$id": f"urn:stretchkit:schema:1:{doc_type}",
        "title": f"stretchkit {doc_type} document, format 1",
        "type": "object",
        "properties": {**header, **props},
        "required": ["stretchkit", "type", *cast(list[str], body.get("required", []))],
        "additionalProperties": False,
        "$defs": defs,
    }


del Range  # imported for the docs' cross-references only
