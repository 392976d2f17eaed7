"""The structuring engine: document values <-> model objects, by field spec.

Each model field's spec (``_validate.spec``) says how to read and write it.
Structuring is strict (no coercion) and records every problem of a document
in a ``_Context`` as ``(path, message)``, instead of stopping at the first.
"""

from __future__ import annotations

import contextvars
import enum
import json
import math
from collections.abc import Callable
from typing import Final, cast

import attrs

from stretchkit import _validate as v
from stretchkit._catalog import Catalog
from stretchkit._model import Stretch
from stretchkit._range import Range, describe, number_problem
from stretchkit.exceptions import UnknownStretchError, ValidationError

JSON = dict[str, object]


# -- problems ---------------------------------------------------------------


class _Context:
    """What structuring one document needs: the catalog, and its problems."""

    def __init__(self, catalog: Catalog | None) -> None:
        self._catalog = catalog
        self.problems: list[tuple[str, str]] = []
        self.unknown_refs = 0

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            from stretchkit._catalog import catalog  # noqa: PLC0415

            self._catalog = catalog()
        return self._catalog

    def add(self, path: str, message: str) -> None:
        self.problems.append((path, message))

    def raise_if_any(self) -> None:
        if not self.problems:
            return
        errors = [f"{path}: {message}" for path, message in self.problems]
        if self.unknown_refs == len(self.problems):
            raise UnknownStretchError("\n".join(errors))
        raise ValidationError(errors)


_context: contextvars.ContextVar[_Context] = contextvars.ContextVar("stretchkit_document")


class _Invalid:
    """Returned by a structure step that recorded a problem."""


INVALID: Final = _Invalid()


# -- structuring values by spec ---------------------------------------------


def _key(path: str, key: str) -> str:
    return f"{path}.{key}" if key.isidentifier() else f"{path}[{json.dumps(key)}]"


def _number(value: object) -> bool:
    return number_problem(value) is None


def _structure_range(value: object, path: str, ctx: _Context) -> Range | _Invalid:
    high: object = None
    if isinstance(value, list) and len(value) == 2 and all(_number(x) for x in value):
        low, high = value
    elif _number(value):
        low = value
    else:
        values = value if isinstance(value, list) else [value]
        if any(isinstance(x, float) and not math.isfinite(x) for x in values):
            ctx.add(path, f"numbers must be finite, got {describe(value)}")
        else:
            ctx.add(path, f"expected a number or [low, high], got {describe(value)}")
        return INVALID
    try:
        return Range(low, high)  # type: ignore[arg-type]
    except ValidationError as e:
        for error in e.errors:
            ctx.add(path, error)
        return INVALID


def _structure_str(value: object, path: str, ctx: _Context) -> str | _Invalid:
    if isinstance(value, str):
        return value
    ctx.add(path, f"expected a string, got {describe(value)}")
    return INVALID


def _structure_list(value: object, path: str, ctx: _Context, maximum: int) -> list[object] | _Invalid:
    if not isinstance(value, list):
        ctx.add(path, f"expected a list, got {describe(value)}")
        return INVALID
    if len(value) > maximum:
        ctx.add(path, f"must have at most {maximum} items, got {len(value)}")
        return INVALID
    return value


def _structure_value(spec: dict[str, object], value: object, path: str, ctx: _Context) -> object:
    kind = spec["kind"]
    if value is None and spec.get("optional"):
        return None
    if kind in ("id", "name", "text", "slug"):
        return _structure_str(value, path, ctx)
    if kind in ("seconds", "count"):
        return _structure_range(value, path, ctx)
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            ctx.add(path, f"expected a whole number, got {describe(value)}")
            return INVALID
        return value
    if kind == "enum":
        enum_cls = cast(type[enum.Enum], spec["of"])
        try:
            return enum_cls(value) if isinstance(value, str) else enum_cls("\0")
        except ValueError:
            choices = ", ".join(repr(m.value) for m in enum_cls)
            ctx.add(path, f"expected one of {choices}, got {describe(value)}")
            return INVALID
    if kind in ("list", "set"):
        items = _structure_list(value, path, ctx, cast(int, spec.get("maximum", v.MAX_ITEMS)))
        if isinstance(items, _Invalid):
            return INVALID
        of = spec["of"]
        out: list[object] = []
        for i, item in enumerate(items):
            item_path = f"{path}[{i}]"
            if of is Stretch:
                out.append(_structure_stretch_item(item, item_path, ctx))
            elif isinstance(of, type):
                out.append(_structure_obj(of, item, item_path, ctx))
            else:
                out.append(_structure_str(item, item_path, ctx))
        return INVALID if any(isinstance(x, _Invalid) for x in out) else out
    if kind == "meta":
        if not isinstance(value, dict):
            ctx.add(path, f"expected an object, got {describe(value)}")
            return INVALID
        return value
    msg = f"unknown field kind {kind!r}"  # pragma: no cover
    raise AssertionError(msg)  # pragma: no cover


def _fields(cls: type) -> tuple[attrs.Attribute[object], ...]:
    return attrs.fields(cls)  # type: ignore[no-any-return]


def _structure_obj(
    cls: type, data: object, path: str, ctx: _Context, *, skip: frozenset[str] = frozenset()
) -> object:
    """Structure one model object, recording its problems under ``path``."""
    if not isinstance(data, dict):
        ctx.add(path, f"expected an object, got {describe(data)}")
        return INVALID
    before = len(ctx.problems)
    fields = {f.name: f for f in _fields(cls)}
    for key in data:
        if key not in fields and key not in skip:
            shown = key if isinstance(key, str) else describe(key)
            ctx.add(_key(path, str(shown)), "unknown key")
    kwargs: dict[str, object] = {}
    for name, field in fields.items():
        if name in data:
            kwargs[name] = _structure_value(v.field_spec(field), data[name], _key(path, name), ctx)
        elif field.default is attrs.NOTHING:
            ctx.add(_key(path, name), "required")
    if len(ctx.problems) > before:
        _check_rest(fields, kwargs, path, ctx)
        return INVALID
    try:
        return cls(**kwargs)
    except ValidationError as e:
        for error in e.errors:
            field_name, _, message = error.partition(": ")
            ctx.add(f"{path}.{field_name}", message)
        return INVALID


def _check_rest(
    fields: dict[str, attrs.Attribute[object]], kwargs: dict[str, object], path: str, ctx: _Context
) -> None:
    """After a problem, still check the fields that did structure, so that
    every problem of the document is reported at once."""
    check = v.Checker()
    for name, value in kwargs.items():
        if isinstance(value, _Invalid):
            continue
        spec = v.field_spec(fields[name])
        converter = cast(Callable[[object], object] | None, fields[name].converter)
        converted = value if converter is None else converter(value)
        if spec["kind"] == "id":
            check.slug(name, converted)
        else:
            check.field(None, name, converted, spec)
    for error in check.errors:
        field_name, _, message = error.partition(": ")
        ctx.add(f"{path}.{field_name}", message)


def _structure_stretch_item(item: object, path: str, ctx: _Context) -> object:
    """A routine's stretch: a whole stretch, or a ``ref`` to a catalog one."""
    if not (isinstance(item, dict) and "ref" in item):
        return _structure_obj(Stretch, item, path, ctx)
    ref = item["ref"]
    if not isinstance(ref, str):
        ctx.add(f"{path}.ref", f"expected a stretch id, got {describe(ref)}")
        return INVALID
    base = ctx.catalog.stretches.get(ref)
    if base is None:
        ctx.add(f"{path}.ref", f"unknown stretch {ref!r}")
        ctx.unknown_refs += 1
        return INVALID
    if "id" in item:
        ctx.add(f"{path}.id", "a ref keeps the catalog's id; remove 'id' or 'ref'")
        return INVALID
    merged = _unstructure_obj(base, full=True)
    merged.update((k, val) for k, val in item.items() if k != "ref")
    return _structure_obj(Stretch, merged, path, ctx)


# -- unstructuring by spec --------------------------------------------------


def unstructure_range(r: Range) -> object:
    """A Range as a number when fixed, else ``[low, high]``."""
    return r.low if r.low == r.high else [r.low, r.high]


def _unstructure_value(spec: dict[str, object], value: object) -> object:
    kind = spec["kind"]
    if value is None:
        return None
    if kind in ("seconds", "count"):
        return unstructure_range(cast(Range, value))
    if kind == "enum":
        return cast(enum.Enum, value).value
    if kind == "list":
        of = spec["of"]
        items = cast(tuple[object, ...], value)
        if isinstance(of, type):
            return [_unstructure_obj(cast(attrs.AttrsInstance, x)) for x in items]
        return list(items)
    if kind == "set":
        return sorted(cast(frozenset[str], value))
    if kind == "meta":
        return json.loads(json.dumps(value))  # a deep copy of plain JSON values
    return value


def _default(field: attrs.Attribute[object]) -> object:
    default = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()  # type: ignore[attr-defined]
    return default


def _unstructure_obj(obj: attrs.AttrsInstance, *, full: bool = False) -> JSON:
    """An object's fields as plain values; defaults left out unless ``full``."""
    out: JSON = {}
    for field in _fields(type(obj)):
        value = getattr(obj, field.name)
        spec = v.field_spec(field)
        if (
            not full
            and spec["kind"] != "id"
            and field.default is not attrs.NOTHING
            and value == _default(field)
        ):
            continue
        out[field.name] = _unstructure_value(spec, value)
    return out
