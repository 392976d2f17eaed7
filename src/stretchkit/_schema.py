"""JSON Schema (draft 2020-12) of each document type, generated from the model.

Each field's kind (:mod:`stretchkit._fields`) describes its own values, the
step columns come from :data:`stretchkit._timeline.COLUMNS`, and the document
types and versions from :data:`stretchkit._documents.DOCUMENTS`: the schema
cannot drift from the loader. It checks structure and the limits a schema can
say (types, required keys, bounds, patterns); the loader checks the rest
(``low <= high``, whole milliseconds, steps that match their routine).
"""

from __future__ import annotations

from typing import Final, cast

import attrs

from stretchkit._catalog import Catalog
from stretchkit._cues import CueKind
from stretchkit._documents import DOCUMENTS
from stretchkit._fields import JSON, Id, Model, Slug, def_name, kinds
from stretchkit._languages import LANGUAGES
from stretchkit._model import Routine, Stretch
from stretchkit._numbers import describe
from stretchkit._program import Program
from stretchkit._timeline import COLUMNS, Timeline
from stretchkit._timeline_document import COUNTDOWN
from stretchkit.exceptions import ValidationError

DRAFT: Final = "https://json-schema.org/draft/2020-12/schema"


def object_schema(cls: type, *, drop: tuple[str, ...] = ()) -> JSON:
    """The schema of a model object: one property per field, by its kind."""
    fields = [(f, kind) for f, kind in kinds(cls) if f.name not in drop]
    return {
        "type": "object",
        "properties": {f.name: kind.schema() for f, kind in fields},
        "required": [f.name for f, _ in fields if f.default is attrs.NOTHING],
        "additionalProperties": False,
    }


def _ref_schema(cls: type, what: str) -> JSON:
    """A catalog ref: ``{"ref": id}`` plus any field but the id, overriding the catalog's values."""
    schema = object_schema(cls, drop=tuple(f.name for f, k in kinds(cls) if isinstance(k, Id)))
    schema["properties"] = {"ref": Slug().schema(), **cast(JSON, schema["properties"])}
    schema["required"] = ["ref"]
    schema["description"] = f"A catalog {what} by id; the other keys override its values."
    return schema


def _defs(*roots: type) -> dict[str, JSON]:
    """The definitions of every model object reachable from ``roots``, and their refs."""
    defs: dict[str, JSON] = {}
    todo = [Model(cls) for cls in roots]
    while todo:
        model = todo.pop()
        name = def_name(model.cls)
        if model.ref is not None and model.ref not in defs:
            defs[model.ref] = _ref_schema(model.cls, name)
        if name in defs:
            continue
        defs[name] = object_schema(model.cls)
        todo.extend(m for _, kind in kinds(model.cls) for m in kind.models())
    return dict(sorted(defs.items()))


def _timeline_body() -> JSON:
    document_columns = [c for c in COLUMNS if c.document]
    return {
        "type": "object",
        "properties": {
            "language": {
                "enum": list(LANGUAGES),
                "description": "The language of the labels and the cues.",
            },
            "level": {"type": "number", "minimum": 0, "maximum": 1},
            "duration": {"type": "number", "minimum": 0},
            "routine": {"$ref": "#/$defs/routine"},
            "steps": {
                "type": "object",
                "description": "One list per field, one entry per step (column-wise).",
                "properties": {c.name: {"type": "array", "items": c.schema} for c in document_columns},
                "required": [c.name for c in document_columns],
                "additionalProperties": False,
            },
            "cues": {
                "type": "array",
                "description": f"What to say or show, in time order (countdown {COUNTDOWN}).",
                "items": {
                    "type": "object",
                    "properties": {
                        "time": {"type": "number", "minimum": 0, "description": "Seconds."},
                        "text": {"type": "string"},
                        "kind": {"enum": [k.value for k in CueKind]},
                    },
                    "required": ["time", "text", "kind"],
                    "additionalProperties": False,
                },
            },
        },
        "required": ["language", "level", "duration", "routine", "steps", "cues"],
        "additionalProperties": False,
    }


def _catalog_body() -> JSON:
    return {
        "type": "object",
        "properties": {
            "stretches": {"type": "array", "items": {"$ref": "#/$defs/stretch"}},
            "routines": {"type": "array", "items": {"$ref": "#/$defs/routine"}},
            "programs": {"type": "array", "items": {"$ref": "#/$defs/program"}},
        },
        "additionalProperties": False,
    }


def json_schema(cls: type) -> JSON:
    """The JSON Schema (draft 2020-12) of the documents of ``cls``.

    ``cls`` is one of the document types (``Stretch``, ``Routine``,
    ``Timeline``, ``Catalog``, ``Program``, ``Journal``, ``SessionRecord``);
    the published files under ``docs/schema/`` are generated from this.

    Raises:
        ValidationError: ``cls`` is not a document type.

    >>> import stretchkit as sk
    >>> schema = sk.json_schema(sk.Routine)
    >>> schema["$schema"], schema["properties"]["type"]
    ('https://json-schema.org/draft/2020-12/schema', {'const': 'routine'})
    """
    dt = DOCUMENTS.get(cls)
    if dt is None:
        names = ", ".join(c.__name__ for c in DOCUMENTS)
        raise ValidationError([("cls", f"expected one of {names}, got {describe(cls)}")])
    if cls is Timeline:
        defs, body = _defs(Routine), _timeline_body()
    elif cls is Catalog:
        defs, body = _defs(Stretch, Routine, Program), _catalog_body()
    else:
        defs = _defs(cls)
        body = defs.pop(def_name(cls))
    header = {
        "stretchkit": {"const": dt.version, "description": "The format version."},
        "type": {"const": dt.name},
    }
    return {
        "$schema": DRAFT,
        "$id": f"urn:stretchkit:schema:{dt.version}:{dt.name}",
        "title": f"stretchkit {dt.name} document, format {dt.version}",
        "type": "object",
        "properties": {**header, **cast(JSON, body["properties"])},
        "required": ["stretchkit", "type", *cast(list[str], body.get("required", []))],
        "additionalProperties": False,
        "$defs": defs,
    }
