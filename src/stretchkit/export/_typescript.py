"""TypeScript declarations of every document type, generated from the JSON Schemas.

One source: :func:`stretchkit.json_schema` of each type in
:data:`stretchkit._documents.DOCUMENTS`, in table order, so that a document
type added to the table appears here by itself. The generator knows the
parts of JSON Schema that the schemas use and refuses any other, so that a
schema it cannot translate faithfully fails the tests instead of becoming a
loose type.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Final, cast

from stretchkit._documents import DOCUMENTS
from stretchkit._fields import JSON
from stretchkit._schema import json_schema

HEADER: Final = """\
// TypeScript declarations of stretchkit's documents, one interface per type.
// Generated from the JSON Schemas by stretchkit.export.to_typescript()
// (`stretchkit export --format ts`); do not edit by hand.
//
// Format versions: {versions}.

/** Any JSON value: what `meta` holds (the app's own data, kept verbatim). */
export type JsonValue = string | number | boolean | null | JsonValue[] | {{ [key: string]: JsonValue }};
"""

#: What the generator reads of a schema; any other keyword is an error.
_ANNOTATIONS: Final = frozenset({"description", "title", "$schema", "$id", "$defs"})
_CHECKS: Final = frozenset(
    {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "pattern"}
    | {"minItems", "maxItems", "uniqueItems", "propertyNames"}
)
_STRUCTURE: Final = frozenset(
    {"type", "$ref", "const", "enum", "oneOf", "anyOf", "properties", "required"}
    | {"additionalProperties", "items", "prefixItems"}
)


def pascal(name: str) -> str:
    """``stretch_ref`` and ``session-record`` as ``StretchRef`` and ``SessionRecord``."""
    return "".join(part[:1].upper() + part[1:] for part in name.replace("-", "_").split("_"))


def _check(schema: JSON) -> None:
    unknown = set(schema) - _ANNOTATIONS - _CHECKS - _STRUCTURE
    if unknown:
        msg = f"cannot write {sorted(unknown)} as TypeScript: {schema}"
        raise ValueError(msg)


def _comment(text: str, indent: str) -> str:
    return f"{indent}/** {text} */\n" if text else ""


def _key(name: str) -> str:
    return name if name.isidentifier() else json.dumps(name)


def _wrap(text: str) -> str:
    """A type that can be followed by ``[]``."""
    return f"({text})" if " " in text and not text.startswith(("{", "[")) else text


class _Writer:
    def __init__(self) -> None:
        self.defs: dict[str, JSON] = {}

    def add_defs(self, defs: Mapping[str, JSON]) -> None:
        for name, schema in defs.items():
            if self.defs.setdefault(name, schema) != schema:
                msg = f"two schemas define $defs/{name} differently"
                raise ValueError(msg)

    def type(self, schema: JSON, indent: str) -> str:
        _check(schema)
        if "$ref" in schema:
            ref = cast(str, schema["$ref"])
            name = ref.removeprefix("#/$defs/")
            if name not in self.defs:
                msg = f"unknown $ref {ref!r}"
                raise ValueError(msg)
            return pascal(name)
        if "const" in schema:
            return json.dumps(schema["const"], ensure_ascii=False)
        if "enum" in schema:
            return " | ".join(json.dumps(v, ensure_ascii=False) for v in cast(list[object], schema["enum"]))
        for key in ("oneOf", "anyOf"):
            if key in schema:
                return " | ".join(self.type(s, indent) for s in cast(list[JSON], schema[key]))
        kind = schema.get("type")
        if isinstance(kind, list):
            return " | ".join(self.type({**schema, "type": k}, indent) for k in kind)
        if kind == "object":
            return self.object(schema, indent)
        if kind == "array":
            return self.array(schema, indent)
        simple = {
            "number": "number",
            "integer": "number",
            "string": "string",
            "boolean": "boolean",
            "null": "null",
        }
        if isinstance(kind, str) and kind in simple:
            return simple[kind]
        msg = f"cannot write this schema as TypeScript: {schema}"
        raise ValueError(msg)

    def array(self, schema: JSON, indent: str) -> str:
        if "prefixItems" in schema:
            items = cast(list[JSON], schema["prefixItems"])
            if schema.get("minItems") != len(items) or schema.get("maxItems") != len(items):
                msg = f"only fixed-length tuples can be written: {schema}"
                raise ValueError(msg)
            return "[" + ", ".join(self.type(s, indent) for s in items) + "]"
        if "items" not in schema:
            return "JsonValue[]"
        return _wrap(self.type(cast(JSON, schema["items"]), indent)) + "[]"

    def object(self, schema: JSON, indent: str) -> str:
        properties = cast(JSON, schema.get("properties", {}))
        extra = schema.get("additionalProperties", True)
        if not properties:
            if extra is True:  # anything: the app's own data
                return "{ [key: string]: JsonValue }"
            value = "never" if extra is False else self.type(cast(JSON, extra), indent)
            names = cast(JSON, schema.get("propertyNames", {}))
            if "enum" in names:
                return f"Partial<Record<{self.type(names, indent)}, {value}>>"
            return f"{{ [key: string]: {value} }}"
        if extra is not False:
            msg = f"an object with properties must not allow others: {schema}"
            raise ValueError(msg)
        return "{\n" + self.members(schema, indent + "  ") + indent + "}"

    def members(self, schema: JSON, indent: str) -> str:
        required = set(cast(list[str], schema.get("required", [])))
        out = []
        for name, sub in cast(JSON, schema.get("properties", {})).items():
            sub = cast(JSON, sub)
            optional = "" if name in required else "?"
            text = _comment(cast(str, sub.get("description", "")), indent)
            out.append(f"{text}{indent}{_key(name)}{optional}: {self.type(sub, indent)};\n")
        return "".join(out)

    def declaration(self, name: str, schema: JSON) -> str:
        text = _comment(cast(str, schema.get("description", schema.get("title", ""))), "")
        if schema.get("type") == "object" and schema.get("properties"):
            _check(schema)
            if schema.get("additionalProperties") is not False:
                msg = f"an object with properties must not allow others: {schema}"
                raise ValueError(msg)
            return f"{text}export interface {name} {{\n{self.members(schema, '  ')}}}\n"
        return f"{text}export type {name} = {self.type(schema, '')};\n"


def to_typescript() -> str:
    """TypeScript declarations (a ``.d.ts``) of every document type.

    One interface per document type, named after it (``StretchDocument``,
    ``RoutineDocument``, ``TimelineDocument``, ``CatalogDocument``, and so
    on for each type there is), the types they share (``Stretch``,
    ``Routine``, ``Pose``, ...), and ``StretchkitDocument``, the union of
    them all. Generated from :func:`stretchkit.json_schema`, so they say
    what the schemas say; the same text is published as
    ``docs/schema/stretchkit.d.ts``.

    >>> from stretchkit.export import to_typescript
    >>> "export interface TimelineDocument {" in to_typescript()
    True
    """
    writer = _Writer()
    schemas = [(dt, json_schema(dt.cls)) for dt in DOCUMENTS.values()]
    for _, schema in schemas:
        writer.add_defs(cast(Mapping[str, JSON], schema.get("$defs", {})))
    versions = ", ".join(f"{dt.name} {dt.version}" for dt, _ in schemas)
    parts = [HEADER.format(versions=versions)]
    for name, schema in writer.defs.items():
        parts.append(writer.declaration(pascal(name), schema))
    documents = []
    for dt, schema in schemas:
        name = f"{pascal(dt.name)}Document"
        documents.append(name)
        parts.append(writer.declaration(name, {**schema, "description": schema.get("title", "")}))
    parts.append(
        "/** Any stretchkit document; its `type` tells which. */\n"
        f"export type StretchkitDocument = {' | '.join(documents)};\n"
    )
    return "\n".join(parts)
