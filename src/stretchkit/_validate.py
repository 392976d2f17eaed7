"""Field checks shared by the model's types.

Converters never raise: a value they cannot convert becomes a ``Bad``
placeholder, and the type's ``__attrs_post_init__`` gathers every problem
(placeholders and domain checks alike) into one ``ValidationError``, so a
caller sees all of them at once.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Final, TypeVar, cast

import attrs
from attrs import AttrsInstance

from stretchkit._range import MAX_SECONDS, Range, as_range, describe, to_ms
from stretchkit.exceptions import ValidationError

T = TypeVar("T")

SLUG_RE: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_NAME: Final = 200
MAX_TEXT: Final = 10_000
MAX_REPS: Final = 1_000
MAX_ROUNDS: Final = 1_000
MAX_POSES: Final = 50
MAX_STRETCHES: Final = 10_000
MAX_ITEMS: Final = 1_000
MAX_META_DEPTH: Final = 32
MAX_META_NODES: Final = 100_000


# Unicode's Cc (control) characters, and lone surrogates (Cs).
_CONTROL: Final = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_CONTROL_BUT_NL_TAB: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


@attrs.frozen
class Bad:
    """A value a converter could not convert, and why."""

    value: object
    problem: str


def range_converter(value: object) -> Range:
    try:
        return as_range(value)
    except ValidationError as e:
        return cast(Range, Bad(value, "; ".join(e.errors)))


def optional_range_converter(value: object) -> Range | None:
    return None if value is None else range_converter(value)


def tuple_converter(value: object) -> tuple[object, ...]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return cast(tuple[object, ...], Bad(value, f"expected a list, got {describe(value)}"))
    return tuple(value)


def frozenset_converter(value: object) -> frozenset[object]:
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return cast(frozenset[object], Bad(value, f"expected a set, got {describe(value)}"))
    try:
        return frozenset(value)
    except TypeError:
        return cast(frozenset[object], Bad(value, "items must be hashable strings"))


def meta_converter(value: object) -> Mapping[str, object]:
    """A deep copy of a JSON-able mapping, so the caller's stays theirs."""
    if not isinstance(value, Mapping):
        return cast(Mapping[str, object], Bad(value, f"expected a mapping, got {describe(value)}"))
    problems: list[str] = []
    budget = [MAX_META_NODES]
    copied = _copy_json(value, "", 0, problems, budget)
    if problems:
        return cast(Mapping[str, object], Bad(value, problems[0]))
    return cast(Mapping[str, object], copied)


def _copy_json(value: object, path: str, depth: int, problems: list[str], budget: list[int]) -> object:
    budget[0] -= 1
    if budget[0] < 0:
        problems.append(f"more than {MAX_META_NODES} values")
        return None
    if depth > MAX_META_DEPTH:
        problems.append(f"nests deeper than {MAX_META_DEPTH} levels{_at(path)}")
        return None
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
            problems.append(f"strings must not hold lone surrogates{_at(path)}")
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            problems.append(f"values must be finite, got {value!r}{_at(path)}")
        return float(value)
    if isinstance(value, Mapping):
        out: dict[str, object] = {}
        for key, item in value.items():
            if not isinstance(key, str):
                problems.append(f"keys must be strings, got {describe(key)}{_at(path)}")
                return None
            out[key] = _copy_json(item, f"{path}.{key}" if path else key, depth + 1, problems, budget)
        return out
    if isinstance(value, list | tuple):
        return [_copy_json(item, f"{path}[{i}]", depth + 1, problems, budget) for i, item in enumerate(value)]
    problems.append(f"values must be JSON-able, got {describe(value)}{_at(path)}")
    return None


def _at(path: str) -> str:
    return f" at {path}" if path else ""


def slugify(name: object) -> str:
    """A slug for ``name``: ``"Cat–Cow Pose"`` -> ``"cat-cow-pose"``."""
    if not isinstance(name, str):
        return ""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "-".join(re.findall(r"[a-z0-9]+", bare.lower()))[:MAX_NAME].strip("-")


def spec(kind: str, **options: object) -> dict[str, object]:
    """attrs field metadata describing a field for validation and documents.

    ``kind`` is one of ``id``, ``name``, ``text``, ``slug``, ``seconds``,
    ``count``, ``int``, ``enum``, ``list``, ``set`` or ``meta``; options
    refine it (``optional``, ``positive``, ``minimum``, ``maximum``, ``of``).
    The model validates with it; the document layer and the JSON Schema are
    generated from it, so the three cannot drift apart.
    """
    return {"stretchkit": {"kind": kind, **options}}


def field_spec(field: attrs.Attribute[object]) -> dict[str, object]:
    """The ``spec`` of an attrs field."""
    found: dict[str, object] = field.metadata["stretchkit"]
    return found


def check_fields(obj: AttrsInstance) -> None:
    """Validate every field of a model object by its spec; raise all problems."""
    check = Checker()
    for field in attrs.fields(type(obj)):
        check.field(obj, field.name, getattr(obj, field.name), field_spec(field))
    check.raise_if_any()


class Checker:
    """Collects ``"field: message"`` problems for one object."""

    def __init__(self) -> None:
        self.errors: list[str] = []

    def add(self, field: str, problem: str) -> None:
        self.errors.append(f"{field}: {problem}")

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def bad(self, field: str, value: object) -> bool:
        """Record a converter's placeholder; True when there was one."""
        if isinstance(value, Bad):
            self.add(field, value.problem)
            return True
        return False

    def name(self, field: str, value: object) -> None:
        if self.bad(field, value):
            return
        if not isinstance(value, str):
            self.add(field, f"expected a string, got {describe(value)}")
        elif not value.strip():
            self.add(field, "must not be blank")
        elif len(value) > MAX_NAME:
            self.add(field, f"must be at most {MAX_NAME} characters, got {len(value)}")
        elif _CONTROL.search(value):
            self.add(field, "must not contain control characters or lone surrogates")

    def text(self, field: str, value: object) -> None:
        if not isinstance(value, str):
            self.add(field, f"expected a string, got {describe(value)}")
        elif len(value) > MAX_TEXT:
            self.add(field, f"must be at most {MAX_TEXT} characters, got {len(value)}")
        elif _CONTROL_BUT_NL_TAB.search(value):
            self.add(field, "must not contain control characters (but newline and tab) or lone surrogates")

    def field(self, obj: object, name: str, value: object, spec: dict[str, object]) -> None:
        """Check one field by its spec."""
        kind = spec["kind"]
        if value is None and spec.get("optional"):
            return
        if kind == "id":
            self.derived_id(obj, getattr(obj, "name", None))
        elif kind == "name":
            self.name(name, value)
        elif kind == "text":
            self.text(name, value)
        elif kind == "slug":
            self.slug(name, value)
        elif kind == "seconds":
            self.seconds(name, value, positive=bool(spec.get("positive")))
        elif kind == "count":
            self.count(name, value, maximum=cast(int, spec["maximum"]))
        elif kind == "int":
            self.integer(name, value, cast(int, spec["minimum"]), cast(int, spec["maximum"]))
        elif kind == "enum":
            enum_cls = cast(type[enum.Enum], spec["of"])
            first = next(iter(enum_cls)).name
            self.instance(name, value, enum_cls, f" such as {enum_cls.__name__}.{first}")
        elif kind in ("list", "set"):
            of = spec["of"]
            each: Callable[[str, object], None]
            if isinstance(of, type):
                cls = of

                def each(f: str, item: object) -> None:
                    self.instance(f, item, cls)

            else:
                each = self.text if of == "text" else self.slug
            maximum = cast(int, spec.get("maximum", MAX_ITEMS))
            self.items(name, value, each, maximum=maximum, minimum=cast(int, spec.get("minimum", 0)))
        elif kind == "meta":
            self.bad(name, value)
        else:  # pragma: no cover - a spec typo is a programming error
            msg = f"unknown field kind {kind!r}"
            raise AssertionError(msg)

    def integer(self, field: str, value: object, minimum: int, maximum: int) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            self.add(field, f"expected a whole number, got {describe(value)}")
        elif not minimum <= value <= maximum:
            self.add(field, f"must be from {minimum} to {maximum}, got {value}")

    def derived_id(self, obj: object, name: object) -> None:
        """Set ``obj.id`` from ``name`` when it was left out, else check it."""
        given = getattr(obj, "id", "")
        if given != "":
            self.slug("id", given)
            return
        derived = slugify(name)
        object.__setattr__(obj, "id", derived)
        if not derived and isinstance(name, str) and name.strip():
            self.add("id", f"cannot derive a slug from name {name!r}; give an id")

    def slug(self, field: str, value: object) -> None:
        if not isinstance(value, str):
            self.add(field, f"expected a string, got {describe(value)}")
        elif len(value) > MAX_NAME or not SLUG_RE.match(value):
            self.add(field, f"must be a slug like 'seated-twist' (a-z, 0-9, single hyphens), got {value!r}")

    def instance(self, field: str, value: object, cls: type, hint: str = "") -> bool:
        if self.bad(field, value):
            return False
        if not isinstance(value, cls):
            self.add(field, f"expected a {cls.__name__}{hint}, got {describe(value)}")
            return False
        return True

    def seconds(self, field: str, value: object, *, positive: bool = False) -> None:
        """A range of durations: whole milliseconds, at most a day."""
        if self.bad(field, value):
            return
        value = cast(Range, value)
        if positive and value.low <= 0:
            self.add(field, f"must be greater than 0, got {value.low!r}")
        if value.high > MAX_SECONDS:
            self.add(field, f"must be at most {MAX_SECONDS} seconds (a day), got {value.high!r}")
        elif to_ms(value.low) is None or to_ms(value.high) is None:
            self.add(field, f"must be whole milliseconds, got {value!r}")

    def count(self, field: str, value: object, *, maximum: int) -> None:
        """A range of whole counts from 1 to ``maximum``."""
        if self.bad(field, value):
            return
        value = cast(Range, value)
        if not value.whole:
            self.add(field, f"must be whole numbers, got {value!r}")
        elif value.low < 1:
            self.add(field, f"must be at least 1, got {value.low!r}")
        elif value.high > maximum:
            self.add(field, f"must be at most {maximum}, got {value.high!r}")

    def items(
        self,
        field: str,
        value: object,
        check: Callable[[str, object], None],
        *,
        maximum: int,
        minimum: int = 0,
    ) -> None:
        if self.bad(field, value):
            return
        value = cast(tuple[object, ...] | frozenset[object], value)
        if len(value) > maximum:
            self.add(field, f"must have at most {maximum} items, got {len(value)}")
            return
        if len(value) < minimum:
            self.add(field, f"must have at least {minimum} item{'s' if minimum > 1 else ''}")
            return
        if isinstance(value, frozenset):
            for item in sorted(value, key=repr):
                check(field, item)
        else:
            for i, item in enumerate(value):
                check(f"{field}[{i}]", item)
