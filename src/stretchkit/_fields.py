"""Field kinds: one typed object per kind of model field.

Each model field carries its kind in its attrs metadata (:func:`field`).
The kind is the one owner of what a valid value is, and of how that value
looks everywhere else:

- ``convert``: a Python value as the caller may pass it (a ``(low, high)``
  pair, a list, an enum's value string) into the stored type. It never
  raises: what it cannot convert becomes a :class:`Bad` placeholder, so
  that the object can report every problem at once.
- ``check``: the domain rules, on a converted value.
- ``structure``: a document value (JSON-like, strict: no coercion) into
  the stored type, recording problems with their document path.
- ``quick``: ``structure``'s common case, a plainly valid value, in one
  step: no path, no messages; anything else is left to ``structure``.
- ``unstructure``: the stored value as a document value.
- ``schema``: the value's JSON Schema.

Model classes validate with :func:`check_object`; the document layer walks
objects with :func:`kinds` and builds nested objects through a
:class:`Builder` it provides, so this module knows no document format.
"""

from __future__ import annotations

import datetime
import enum
import math
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from typing import TYPE_CHECKING, Final, Protocol, cast

import attrs

from stretchkit._frozen import FrozenList, FrozenMap
from stretchkit._languages import LANGUAGES, language_problem
from stretchkit._numbers import MAX_SECONDS, describe, number_problem, real, to_ms, whole_number
from stretchkit._problems import Problems, join
from stretchkit._range import Range, as_range, exact_range
from stretchkit.exceptions import ValidationError

if TYPE_CHECKING:
    from attrs import AttrsInstance

# Always used with fullmatch: Python's "$" also matches before a final newline
# ("seated-twist\n"). The pattern is the schema's too, where "$" is the end.
SLUG_RE: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_NAME: Final = 200  # characters in a name or a slug
MAX_TEXT: Final = 10_000  # characters in a free text
MAX_REPS: Final = 1_000
MAX_ROUNDS: Final = 1_000
MAX_POSES: Final = 50
MAX_STRETCHES: Final = 10_000
MAX_ITEMS: Final = 1_000  # items in any other list
MAX_WEEKS: Final = 104
MAX_SESSIONS: Final = 7 * MAX_WEEKS  # sessions in a program
MAX_RECORDS: Final = 100_000  # records in a journal
MAX_META_DEPTH: Final = 32
MAX_META_NODES: Final = 100_000

# Unicode's Cc (control) characters, and lone surrogates (Cs).
_CONTROL_CHARS: Final = "\x00-\x1f\x7f-\x9f\ud800-\udfff"
_CONTROL: Final = re.compile(f"[{_CONTROL_CHARS}]")
_CONTROL_BUT_NL_TAB: Final = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

JSON = dict[str, object]
METADATA_KEY: Final = "stretchkit"


@attrs.frozen
class Bad:
    """A value a converter could not convert, and why."""

    value: object
    problem: str


class Invalid:
    """What ``structure`` returns after recording a problem."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid()


class Miss:
    """What ``quick`` returns when a value needs ``structure``'s closer look."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISS"


MISS: Final = Miss()


class Builder(Protocol):
    """What structuring nested objects needs from the document layer."""

    problems: Problems

    def build(self, cls: type, raw: object, path: str) -> object:
        """A model object of ``cls`` from a document value, or ``INVALID``."""

    def stretch_item(self, raw: object, path: str) -> object:
        """A routine's stretch: a whole one, or a ``ref`` to a catalog one."""

    def routine_item(self, raw: object, path: str) -> object:
        """A program's routine: a whole one, or a ``ref`` to a catalog one."""

    def quick(self, cls: type, raw: object) -> object:
        """``build``'s common case (see :meth:`Kind.quick`): the object, or ``MISS``."""

    def quick_stretch_item(self, raw: object) -> object:
        """``stretch_item``'s common case: the stretch, or ``MISS``."""

    def quick_routine_item(self, raw: object) -> object:
        """``routine_item``'s common case: the routine, or ``MISS``."""


# -- the kinds ---------------------------------------------------------------


class Kind:
    """A kind of field; see the module's docstring for the five operations."""

    def convert(self, value: object) -> object:
        return value

    def check(self, value: object, path: str, problems: Problems) -> None:
        """Record what is wrong with a converted value (a ``Bad`` says it itself)."""
        if isinstance(value, Bad):
            problems.add(path, value.problem)
        else:
            self.rules(value, path, problems)

    def rules(self, value: object, path: str, problems: Problems) -> None:
        """The domain rules, for a value that converted."""

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        """A converted, checked value from a document value, or ``INVALID``."""
        before = len(builder.problems)
        self.check(raw, path, builder.problems)
        return raw if len(builder.problems) == before else INVALID

    def quick(self, raw: object, builder: Builder) -> object:
        """``structure``'s common case in one step: a plainly valid value.

        Returns what ``structure`` would, as the field's converter leaves it
        (the object is then built without converting or checking again), or
        ``MISS`` when the value needs a closer look: then ``structure`` runs,
        with the path, and says what is wrong. So this only has to be right
        when it answers, and fast: exact-type checks, no path, no messages.
        It answers only for values of exact built-in types, none bytes-like
        (a subclass or a stranger is ``structure``'s), which lets the
        document layer reuse a build for a value equal in every type.
        A kind without a quick path misses always. A differential test
        (tests/test_structure.py) holds every quick path to its slow one.
        """
        return MISS

    def quick_items(self, raw: list[object], builder: Builder) -> object:
        """``quick`` of every item of a list, as a tuple, or ``MISS`` if one misses.

        Kinds with a faster way to vouch for many values at once override it.
        """
        quick = self.quick
        out = []
        for item in raw:
            value = quick(item, builder)
            if value is MISS:
                return MISS
            out.append(value)
        return tuple(out)

    def unstructure(self, value: object) -> object:
        return value

    def schema(self) -> JSON:
        raise NotImplementedError

    def models(self) -> tuple[Model, ...]:
        """The nested model objects this kind holds (for the schema's ``$defs``)."""
        return ()


class Optional(Kind):
    """``None``, or a value of ``inner``."""

    def __init__(self, inner: Kind) -> None:
        self.inner = inner

    def convert(self, value: object) -> object:
        return None if value is None else self.inner.convert(value)

    def check(self, value: object, path: str, problems: Problems) -> None:
        if value is not None:
            self.inner.check(value, path, problems)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return None if raw is None else self.inner.structure(raw, path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        return None if raw is None else self.inner.quick(raw, builder)

    def unstructure(self, value: object) -> object:
        return None if value is None else self.inner.unstructure(value)

    def schema(self) -> JSON:
        return {"oneOf": [self.inner.schema(), {"type": "null"}]}

    def models(self) -> tuple[Model, ...]:
        return self.inner.models()


def exact_str(value: object) -> object:
    """A ``str`` subclass as the plain string it holds (its own methods are not
    trusted); anything else unchanged."""
    return str.__str__(value) if isinstance(value, str) and type(value) is not str else value


def _string(value: object, path: str, problems: Problems) -> str | None:
    if isinstance(value, str):
        return value
    problems.add(path, f"expected a string, got {describe(value)}")
    return None


def _exact_strs(values: Collection[object]) -> bool:
    """True when every value is exactly a ``str`` (the quick paths' test; counted at C speed)."""
    return list(map(type, values)).count(str) == len(values)


# Characters a name may not hold: bidirectional embeddings, overrides and
# isolates (they can make a name read as something else) and line or
# paragraph separators. Free text may hold them.
_BIDI_OR_LINE_CHARS: Final = "\u202a-\u202e\u2066-\u2069\u2028\u2029"
_BIDI_OR_LINE: Final = re.compile(f"[{_BIDI_OR_LINE_CHARS}]")


def _visible(text: str) -> bool:
    """True when ``text`` holds something besides white space and invisible
    format characters (zero-width spaces, joiners, the byte order mark)."""
    return any(not c.isspace() and unicodedata.category(c) != "Cf" for c in text)


# A plainly valid name, for the quick path: 1 to 200 characters, none that a
# name may not hold, and among them a letter, a digit or "_", which are never
# blank (a name without one is left to _visible and the slow path). Several
# names are searched at once, joined with NUL, which no name holds.
_IN_NAME: Final = f"[^{_CONTROL_CHARS}{_BIDI_OR_LINE_CHARS}]"
_NAME_ITEM: Final = f"(?={_IN_NAME}*?\\w){_IN_NAME}{{1,{MAX_NAME}}}"
_QUICK_NAME: Final = re.compile(_NAME_ITEM)
_QUICK_NAMES: Final = re.compile(f"{_NAME_ITEM}(?:\x00{_NAME_ITEM})*")


class Name(Kind):
    """A short human name: at most 200 characters, not blank (invisible
    characters alone count as blank), no control characters, bidirectional
    overrides or line separators."""

    def convert(self, value: object) -> object:
        return exact_str(value)

    def rules(self, value: object, path: str, problems: Problems) -> None:
        text = _string(value, path, problems)
        if text is None:
            return
        if not _visible(text):
            problems.add(path, "must not be blank")
        elif len(text) > MAX_NAME:
            problems.add(path, f"must be at most {MAX_NAME} characters, got {len(text)}")
        elif _CONTROL.search(text):
            problems.add(path, "must not contain control characters or lone surrogates")
        elif _BIDI_OR_LINE.search(text):
            problems.add(path, "must not contain bidirectional overrides or line separators")

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if type(raw) is str and _QUICK_NAME.fullmatch(raw) else MISS

    def all_ok(self, values: Collection[object]) -> bool:
        """True when every value is plainly a valid name (the quick paths' test), tested at once."""
        if not values:
            return True
        if not _exact_strs(values):
            return False
        joined = "\x00".join(values)  # type: ignore[arg-type]
        # As many NULs as joints: no name held one (then the search would take it for a joint).
        return joined.count("\x00") == len(values) - 1 and _QUICK_NAMES.fullmatch(joined) is not None

    def schema(self) -> JSON:
        allowed = "[^\\u0000-\\u001f\\u007f-\\u009f\\u202a-\\u202e\\u2066-\\u2069\\u2028\\u2029]"
        visible = (
            "[^\\s\\u0000-\\u001f\\u007f-\\u009f\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2069\\ufeff]"
        )
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_NAME,
            "pattern": f"^{allowed}*{visible}{allowed}*$",
        }


#: The ASCII characters free text may hold: the printable ones, newline and tab.
_TEXT_ASCII: Final = bytes(range(0x20, 0x7F)) + b"\t\n"


def _text_ok(text: str) -> bool:
    """True when ``text`` holds no character :class:`Text` refuses.

    ASCII text, the common case, is tested by deleting every byte it may
    hold (several times faster than the search).
    """
    if text.isascii():
        return not text.encode("ascii").translate(None, _TEXT_ASCII)
    return not _CONTROL_BUT_NL_TAB.search(text)


class Text(Kind):
    """Free text: at most 10,000 characters; newlines and tabs allowed."""

    def convert(self, value: object) -> object:
        return exact_str(value)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if type(raw) is str and len(raw) <= MAX_TEXT and _text_ok(raw) else MISS

    def quick_items(self, raw: list[object], builder: Builder) -> object:
        return tuple(raw) if self.all_ok(raw) else MISS

    def all_ok(self, values: Collection[object]) -> bool:
        """True when every value is plainly a valid text: tested at once, joined."""
        return (
            _exact_strs(values)
            and max(map(len, values), default=0) <= MAX_TEXT  # type: ignore[arg-type]
            and _text_ok("".join(values))  # type: ignore[arg-type]
        )

    def rules(self, value: object, path: str, problems: Problems) -> None:
        text = _string(value, path, problems)
        if text is None:
            return
        if len(text) > MAX_TEXT:
            problems.add(path, f"must be at most {MAX_TEXT} characters, got {len(text)}")
        elif _CONTROL_BUT_NL_TAB.search(text):
            problems.add(path, "must not contain control characters (but newline and tab) or lone surrogates")

    def schema(self) -> JSON:
        return {
            "type": "string",
            "maxLength": MAX_TEXT,
            "pattern": "^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]*$",
        }


def _slug_ok(value: object) -> bool:
    """True when ``value`` is exactly a ``str`` and breaks none of :class:`Slug`'s rules."""
    return type(value) is str and len(value) <= MAX_NAME and SLUG_RE.fullmatch(value) is not None


class Slug(Kind):
    """A slug like ``seated-twist``: a-z, 0-9 and single hyphens."""

    def convert(self, value: object) -> object:
        return exact_str(value)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if _slug_ok(raw) else MISS

    def rules(self, value: object, path: str, problems: Problems) -> None:
        text = _string(value, path, problems)
        if text is not None and (len(text) > MAX_NAME or not SLUG_RE.fullmatch(text)):
            problems.add(path, f"must be a slug like 'seated-twist' (a-z, 0-9, single hyphens), got {text!r}")

    def schema(self) -> JSON:
        return {"type": "string", "maxLength": MAX_NAME, "pattern": SLUG_RE.pattern}


class Id(Slug):
    """An object's id: a slug, derived from its name when left out (``""``)."""

    def rules(self, value: object, path: str, problems: Problems) -> None:
        # An empty id is derived by the object, which says when it cannot be.
        if not (type(value) is str and value == ""):
            super().rules(value, path, problems)

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if type(raw) is str and (raw == "" or _slug_ok(raw)) else MISS


def _range_or_bad(value: object) -> object:
    try:
        return as_range(value)
    except ValidationError as e:
        return Bad(value, "; ".join(e.errors))


def structure_range(raw: object, path: str, problems: Problems) -> Range | Invalid:
    """A number or ``[low, high]``, strictly (no strings, no bools)."""

    def number(x: object) -> bool:
        return number_problem(x) is None

    high: object = None
    if isinstance(raw, list) and len(raw) == 2 and all(map(number, raw)):
        low, high = raw
    elif number(raw):
        low = raw
    else:
        values = raw if isinstance(raw, list) else [raw]
        if any(isinstance(x, float) and not math.isfinite(x) for x in values):
            problems.add(path, f"numbers must be finite, got {describe(raw)}")
        else:
            problems.add(path, f"expected a number or [low, high], got {describe(raw)}")
        return INVALID
    try:
        return Range(low, high)  # type: ignore[arg-type]
    except ValidationError as e:
        for _, message in e.problems:
            problems.add(path, message)
        return INVALID


_REAL: Final = (int, float)


def _range_schema(number: JSON) -> JSON:
    pair = {"type": "array", "prefixItems": [number, number], "minItems": 2, "maxItems": 2}
    return {"oneOf": [number, pair]}


#: How many ranges a kind keeps for its quick path (a document has few distinct ones).
_KEPT_RANGES: Final = 512


class _RangeKind(Kind):
    def __init__(self) -> None:
        #: The ranges made so far, by the number or the pair of numbers they were made of.
        self._made: dict[object, Range] = {}

    def convert(self, value: object) -> object:
        return _range_or_bad(value)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        value = structure_range(raw, path, builder.problems)
        return INVALID if isinstance(value, Invalid) else super().structure(value, path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        """The range, made once for each number or pair of numbers.

        The few values of a document's durations repeat, and a ``Range`` is
        immutable, so each kind keeps those it made (within a bound). The
        key's types are exact (no bools) and the value only depends on it:
        ``30`` and ``30.0`` (equal keys) make the same ``Range(30)``.
        """
        kind = type(raw)
        if kind is int or kind is float:
            low = high = key = raw
        elif kind is list and len(raw) == 2:  # type: ignore[arg-type]
            low, high = raw  # type: ignore[misc]
            if not (type(low) in _REAL and type(high) in _REAL):
                return MISS
            key = (low, high)
        else:
            return MISS
        made = self._made.get(key)
        if made is not None:
            return made
        r = exact_range(low, high)
        if r is None or not self.fits(r):
            return MISS
        if len(self._made) < _KEPT_RANGES:
            self._made[key] = r
        return r

    def fits(self, r: Range) -> bool:
        """True when a valid ``Range`` breaks none of the kind's rules (the quick path's test)."""
        raise NotImplementedError

    def unstructure(self, value: object) -> object:
        return unstructure_range(value)  # type: ignore[arg-type]


def unstructure_range(r: Range) -> object:
    """A Range as a number when fixed, else ``[low, high]``."""
    return r.low if r.low == r.high else [r.low, r.high]


class Seconds(_RangeKind):
    """A range of durations: whole milliseconds, at most a day; ``positive``: above 0."""

    def __init__(self, *, positive: bool = False) -> None:
        super().__init__()
        self.positive = positive

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if not isinstance(value, Range):
            problems.add(path, f"expected a Range, got {describe(value)}")
            return
        if self.positive and value.low <= 0:
            problems.add(path, f"must be greater than 0, got {value.low!r}")
        if value.high > MAX_SECONDS:
            problems.add(path, f"must be at most {MAX_SECONDS} seconds (a day), got {value.high!r}")
        elif to_ms(value.low) is None or to_ms(value.high) is None:
            problems.add(path, f"must be whole milliseconds, got {value!r}")

    def fits(self, r: Range) -> bool:
        low, high = r.low, r.high
        return (
            (low > 0 or not self.positive)
            and high <= MAX_SECONDS
            and (type(low) is int or to_ms(low) is not None)
            and (type(high) is int or to_ms(high) is not None)
        )

    def schema(self) -> JSON:
        bound = {"exclusiveMinimum": 0} if self.positive else {"minimum": 0}
        return _range_schema({"type": "number", **bound, "maximum": MAX_SECONDS})


class Count(_RangeKind):
    """A range of whole counts from 1 to ``maximum``."""

    def __init__(self, *, maximum: int) -> None:
        super().__init__()
        self.maximum = maximum

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if not isinstance(value, Range):
            problems.add(path, f"expected a Range, got {describe(value)}")
        elif not value.whole:
            problems.add(path, f"must be whole numbers, got {value!r}")
        elif value.low < 1:
            problems.add(path, f"must be at least 1, got {value.low!r}")
        elif value.high > self.maximum:
            problems.add(path, f"must be at most {self.maximum}, got {value.high!r}")

    def fits(self, r: Range) -> bool:
        return type(r.low) is int and type(r.high) is int and r.low >= 1 and r.high <= self.maximum

    def schema(self) -> JSON:
        return _range_schema({"type": "integer", "minimum": 1, "maximum": self.maximum})


class Int(Kind):
    """A whole number from ``minimum`` to ``maximum``; a whole-valued float
    counts, as in JSON Schema (``2.0`` is stored as ``2``; ``1.5`` is refused)."""

    def __init__(self, *, minimum: int, maximum: int) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def convert(self, value: object) -> object:
        return whole(value)  # type: ignore[arg-type]

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return super().structure(self.convert(raw), path, builder)

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(path, f"expected a whole number, got {describe(value)}")
        elif not self.minimum <= value <= self.maximum:
            problems.add(path, f"must be from {self.minimum} to {self.maximum}, got {value}")

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if type(raw) is int and self.minimum <= raw <= self.maximum else MISS

    def quick_items(self, raw: list[object], builder: Builder) -> object:
        numbers = cast(list[int], raw)
        if all(type(x) is int for x in raw) and (
            not numbers or (self.minimum <= min(numbers) and max(numbers) <= self.maximum)
        ):
            return tuple(raw)
        return MISS

    def schema(self) -> JSON:
        return {"type": "integer", "minimum": self.minimum, "maximum": self.maximum}


def whole(value: int | float) -> int:
    """A converter for :class:`Int` fields: ``2.0`` -> ``2`` (else unchanged, for the check)."""
    found = whole_number(value)
    return value if found is None else found  # type: ignore[return-value]


def whole_or_none(value: int | float | None) -> int | None:
    """:func:`whole`, for optional fields."""
    return None if value is None else whole(value)


class Number(Kind):
    """A real number (not a bool) from ``minimum`` to ``maximum``, kept as a
    float; ``ms``: in whole milliseconds (a time in seconds)."""

    def __init__(self, *, minimum: float, maximum: float, ms: bool = False) -> None:
        self.minimum = minimum
        self.maximum = maximum
        self.ms = ms

    def convert(self, value: object) -> object:
        if number_problem(value) is None:
            try:
                return float(real(value))  # type: ignore[arg-type]
            except OverflowError:  # an integer past any float: out of every range here
                return Bad(value, f"must be from {self.minimum:g} to {self.maximum:g}, got {describe(value)}")
        return value

    def rules(self, value: object, path: str, problems: Problems) -> None:
        problem = number_problem(value)
        if problem is not None:
            problems.add(path, problem)
        elif not self.minimum <= value <= self.maximum:  # type: ignore[operator]
            problems.add(path, f"must be from {self.minimum:g} to {self.maximum:g}, got {value!r}")
        elif self.ms and to_ms(value) is None:  # type: ignore[arg-type]
            problems.add(path, f"must be whole milliseconds, got {value!r}")

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        kind = type(raw)
        if (kind is float or kind is int) and self.minimum <= raw <= self.maximum:  # type: ignore[operator]
            value = float(raw)  # type: ignore[arg-type]
            if not self.ms or to_ms(value) is not None:
                return value
        return MISS

    def schema(self) -> JSON:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum}


class Flag(Kind):
    """``True`` or ``False``, and nothing else."""

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if not isinstance(value, bool):
            problems.add(path, f"expected true or false, got {describe(value)}")

    def quick(self, raw: object, builder: Builder) -> object:
        return raw if type(raw) is bool else MISS

    def schema(self) -> JSON:
        return {"type": "boolean"}


_ISO_DATE: Final = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class Date(Kind):
    """A calendar date; an ISO ``YYYY-MM-DD`` string in documents."""

    def convert(self, value: object) -> object:
        if isinstance(value, str):
            try:
                if _ISO_DATE.fullmatch(value):
                    return datetime.date.fromisoformat(value)
            except ValueError as e:
                return Bad(value, f"not a date: {e}")
        return value

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if isinstance(value, datetime.datetime) or not isinstance(value, datetime.date):
            problems.add(path, f"expected a date (YYYY-MM-DD), got {describe(value)}")

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        # TOML and YAML read dates as dates; JSON as strings.
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        if type(raw) is str or type(raw) is datetime.date:
            value = self.convert(raw)
            if type(value) is datetime.date:
                return value
        return MISS

    def unstructure(self, value: object) -> object:
        return value.isoformat()  # type: ignore[attr-defined]

    def schema(self) -> JSON:
        return {"type": "string", "pattern": _ISO_DATE.pattern, "description": "A date, YYYY-MM-DD."}


class Choice(Kind):
    """A member of an enum; its value string is accepted too (``"each"``)."""

    def __init__(self, of: type[enum.Enum]) -> None:
        self.of = of
        self._by_value: dict[object, enum.Enum] = {m.value: m for m in of}

    def convert(self, value: object) -> object:
        if isinstance(value, self.of):
            return value
        if isinstance(value, str):
            try:
                return self.of(value)
            except ValueError:
                pass
        return Bad(value, self._expected(value))

    def _expected(self, value: object) -> str:
        choices = ", ".join(repr(m.value) for m in self.of)
        return f"expected one of {choices}, got {describe(value)}"

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if not isinstance(value, self.of):
            problems.add(path, self._expected(value))

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        value = self.convert(raw) if isinstance(raw, str) else Bad(raw, self._expected(raw))
        return super().structure(value, path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        return self._by_value.get(raw, MISS) if type(raw) is str else MISS

    def unstructure(self, value: object) -> object:
        return value.value  # type: ignore[attr-defined]

    def schema(self) -> JSON:
        return {"enum": [m.value for m in self.of]}


class Model(Kind):
    """A nested model object of ``cls`` (a ``Pose`` in ``poses``, say)."""

    #: The schema definition of a catalog ``ref`` standing for such an object, if one may.
    ref: str | None = None

    def __init__(self, cls: type) -> None:
        self.cls = cls

    def rules(self, value: object, path: str, problems: Problems) -> None:
        if not isinstance(value, self.cls):
            problems.add(path, f"expected a {self.cls.__name__}, got {describe(value)}")

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return builder.build(self.cls, raw, path)

    def quick(self, raw: object, builder: Builder) -> object:
        return builder.quick(self.cls, raw)

    def unstructure(self, value: object) -> object:
        return unstructure_object(value)  # type: ignore[arg-type]

    def schema(self) -> JSON:
        return {"$ref": f"#/$defs/{def_name(self.cls)}"}

    def models(self) -> tuple[Model, ...]:
        return (self,)


def def_name(cls: type) -> str:
    """The name of a class's JSON Schema definition: ``SessionRecord`` -> ``session_record``."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


class StretchItem(Model):
    """A routine's stretch; in a document, a whole one or a catalog ``ref``."""

    ref = "stretch_ref"

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return builder.stretch_item(raw, path)

    def quick(self, raw: object, builder: Builder) -> object:
        return builder.quick_stretch_item(raw)

    def schema(self) -> JSON:
        return {"oneOf": [{"$ref": "#/$defs/stretch"}, {"$ref": "#/$defs/stretch_ref"}]}


def _is_list_like(value: object) -> bool:
    return isinstance(value, Iterable) and not isinstance(value, str | bytes | bytearray | Mapping)


class Items(Kind):
    """A tuple of ``of`` values, from ``minimum`` to ``maximum`` of them."""

    def __init__(self, of: Kind, *, minimum: int = 0, maximum: int = MAX_ITEMS) -> None:
        self.of = of
        self.minimum = minimum
        self.maximum = maximum

    def convert(self, value: object) -> object:
        if not _is_list_like(value):
            return Bad(value, f"expected a list, got {describe(value)}")
        return tuple(self.of.convert(x) for x in value)  # type: ignore[attr-defined]

    def _size(self, n: int, path: str, problems: Problems) -> bool:
        if n > self.maximum:
            problems.add(path, f"must have at most {self.maximum} items, got {n}")
            return False
        if n < self.minimum:
            problems.add(path, f"must have at least {self.minimum} item{'s' if self.minimum > 1 else ''}")
            return False
        return True

    def rules(self, value: object, path: str, problems: Problems) -> None:
        items: tuple[object, ...] = value  # type: ignore[assignment]
        if self._size(len(items), path, problems):
            for i, item in enumerate(items):
                self.of.check(item, join(path, i), problems)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        if not isinstance(raw, list):
            builder.problems.add(path, f"expected a list, got {describe(raw)}")
            return INVALID
        if not self._size(len(raw), path, builder.problems):
            return INVALID
        out = [self.of.structure(item, join(path, i), builder) for i, item in enumerate(raw)]
        return INVALID if any(isinstance(x, Invalid) for x in out) else tuple(out)

    def quick(self, raw: object, builder: Builder) -> object:
        if type(raw) is list and self.minimum <= len(raw) <= self.maximum:
            return self.of.quick_items(raw, builder)
        return MISS

    def unstructure(self, value: object) -> object:
        return [self.of.unstructure(x) for x in value]  # type: ignore[attr-defined]

    def schema(self) -> JSON:
        schema: JSON = {"type": "array", "items": self.of.schema(), "maxItems": self.maximum}
        if self.minimum:
            schema["minItems"] = self.minimum
        return schema

    def models(self) -> tuple[Model, ...]:
        return self.of.models()


class RoutineItem(Model):
    """A program's routine; in a document, a whole one or a catalog ``ref``."""

    ref = "routine_ref"

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        return builder.routine_item(raw, path)

    def quick(self, raw: object, builder: Builder) -> object:
        return builder.quick_routine_item(raw)

    def schema(self) -> JSON:
        return {"oneOf": [{"$ref": "#/$defs/routine"}, {"$ref": "#/$defs/routine_ref"}]}


class IntSet(Kind):
    """A non-empty set of whole numbers from ``minimum`` to ``maximum`` (weekdays)."""

    def __init__(self, *, minimum: int, maximum: int) -> None:
        self.item = Int(minimum=minimum, maximum=maximum)

    def convert(self, value: object) -> object:
        if not _is_list_like(value):
            return Bad(value, f"expected a set, got {describe(value)}")
        try:
            return frozenset(map(self.item.convert, value))  # type: ignore[call-overload]
        except TypeError:
            return Bad(value, "items must be whole numbers")

    def rules(self, value: object, path: str, problems: Problems) -> None:
        items: frozenset[object] = value  # type: ignore[assignment]
        if not items:
            problems.add(path, "must have at least 1 item")
        for item in sorted(items, key=repr):
            self.item.rules(item, path, problems)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        if not isinstance(raw, list):
            builder.problems.add(path, f"expected a list, got {describe(raw)}")
            return INVALID
        before = len(builder.problems)
        items = [self.item.convert(item) for item in raw]
        for i, item in enumerate(items):
            self.item.rules(item, join(path, i), builder.problems)
        if len(builder.problems) > before:
            return INVALID
        return super().structure(frozenset(items), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        if type(raw) is list and raw:
            items = self.item.quick_items(raw, builder)
            if items is not MISS:
                return frozenset(cast(tuple[int, ...], items))
        return MISS

    def unstructure(self, value: object) -> object:
        return sorted(value)  # type: ignore[call-overload]

    def schema(self) -> JSON:
        return {"type": "array", "items": self.item.schema(), "minItems": 1, "uniqueItems": True}


class SlugSet(Kind):
    """A set of slugs (``targets``, ``equipment``); written sorted."""

    def convert(self, value: object) -> object:
        if not _is_list_like(value):
            return Bad(value, f"expected a set, got {describe(value)}")
        try:
            return frozenset(value)  # type: ignore[call-overload]
        except TypeError:
            return Bad(value, "items must be hashable strings")

    def rules(self, value: object, path: str, problems: Problems) -> None:
        items: frozenset[object] = value  # type: ignore[assignment]
        if len(items) > MAX_ITEMS:
            problems.add(path, f"must have at most {MAX_ITEMS} items, got {len(items)}")
            return
        for item in sorted(items, key=repr):
            Slug().rules(item, path, problems)

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        if not isinstance(raw, list):
            builder.problems.add(path, f"expected a list, got {describe(raw)}")
            return INVALID
        if len(raw) > MAX_ITEMS:
            builder.problems.add(path, f"must have at most {MAX_ITEMS} items, got {len(raw)}")
            return INVALID
        before = len(builder.problems)
        for i, item in enumerate(raw):
            Slug().rules(item, join(path, i), builder.problems)
        return frozenset(raw) if len(builder.problems) == before else INVALID

    def quick(self, raw: object, builder: Builder) -> object:
        if type(raw) is list and len(raw) <= MAX_ITEMS and all(map(_slug_ok, raw)):
            return frozenset(raw)
        return MISS

    def unstructure(self, value: object) -> object:
        return sorted(value)  # type: ignore[call-overload]

    def schema(self) -> JSON:
        return {"type": "array", "items": Slug().schema(), "maxItems": MAX_ITEMS}


class _TextMap(Kind):
    """A read-only mapping of keys to texts of the ``value`` kind."""

    value: Name | Text

    def key_problem(self, key: object) -> str | None:
        raise NotImplementedError

    def keys_ok(self, keys: Collection[object]) -> bool:
        """True when every key is exactly a ``str`` and has no ``key_problem`` (the quick path's test)."""
        raise NotImplementedError

    def convert(self, value: object) -> object:
        if not isinstance(value, Mapping):
            return Bad(value, f"expected a mapping, got {describe(value)}")
        return FrozenMap({exact_str(k): exact_str(v) for k, v in value.items()})  # type: ignore[arg-type]

    def rules(self, value: object, path: str, problems: Problems) -> None:
        items: Mapping[object, object] = value  # type: ignore[assignment]
        if len(items) > MAX_ITEMS:
            problems.add(path, f"must have at most {MAX_ITEMS} items, got {len(items)}")
            return
        for key, text in items.items():
            problem = self.key_problem(key)
            if problem is not None:
                problems.add(path, f"keys: {problem}")
            else:
                self.value.check(text, join(path, key), problems)  # type: ignore[arg-type]

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        if not isinstance(raw, dict):
            builder.problems.add(path, f"expected an object, got {describe(raw)}")
            return INVALID
        return super().structure(FrozenMap(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        if (
            type(raw) is dict
            and len(raw) <= MAX_ITEMS
            and self.keys_ok(raw)
            and self.value.all_ok(raw.values())
        ):
            return FrozenMap(raw)
        return MISS

    def unstructure(self, value: object) -> object:
        return dict(value)  # type: ignore[call-overload]


_LANGUAGES: Final = frozenset(LANGUAGES)


class Localized(_TextMap):
    """A text in other languages: a mapping from a language of
    :func:`~stretchkit.languages` to the text in it (``names``)."""

    def __init__(self, value: Name | Text) -> None:
        self.value = value

    def key_problem(self, key: object) -> str | None:
        return language_problem(key)

    def keys_ok(self, keys: Collection[object]) -> bool:
        return _exact_strs(keys) and _LANGUAGES.issuperset(keys)

    def schema(self) -> JSON:
        return {
            "type": "object",
            "propertyNames": {"enum": list(LANGUAGES)},
            "additionalProperties": self.value.schema(),
        }


class Codes(_TextMap):
    """Ids in other systems, by system: ``{"fit": "warm_up/stretch_cat_cow"}``."""

    value = Name()

    def key_problem(self, key: object) -> str | None:
        problems = Problems()
        Slug().rules(key, "", problems)
        return problems.items[0].message if problems else None

    def keys_ok(self, keys: Collection[object]) -> bool:
        return all(map(_slug_ok, keys))

    def schema(self) -> JSON:
        return {"type": "object", "propertyNames": Slug().schema(), "additionalProperties": Name().schema()}


class Meta(Kind):
    """The app's own data: a read-only mapping of JSON values, kept verbatim."""

    def convert(self, value: object) -> object:
        if not isinstance(value, Mapping):
            return Bad(value, f"expected a mapping, got {describe(value)}")
        problems = Problems()
        frozen = freeze_json(value, "", problems)
        return Bad(value, problems.items[0].message) if problems else frozen

    def structure(self, raw: object, path: str, builder: Builder) -> object:
        if not isinstance(raw, dict):
            builder.problems.add(path, f"expected an object, got {describe(raw)}")
            return INVALID
        return super().structure(self.convert(raw), path, builder)

    def quick(self, raw: object, builder: Builder) -> object:
        if type(raw) is not dict:
            return MISS
        if not raw:
            return FrozenMap()
        problems = Problems()
        frozen = freeze_json(raw, "", problems, exact=True)
        return MISS if problems else frozen

    def unstructure(self, value: object) -> object:
        return thaw_json(value)

    def schema(self) -> JSON:
        return {"type": "object", "description": "The app's own data, kept verbatim."}


_JSON_TYPES: Final = frozenset({dict, list, str, int, float, bool, type(None)})


def freeze_json(value: object, path: str, problems: Problems, *, exact: bool = False) -> object:
    """A read-only copy of JSON values (mappings -> ``FrozenMap``, lists -> tuples).

    Problems name where they are (``at a.b[2]``) in their message. ``exact``
    also refuses any value not exactly of a JSON type (subclasses, tuples):
    the quick path leaves those to the slow one.
    """
    budget = [MAX_META_NODES]

    def at(path: str) -> str:
        return f" at {path}" if path else ""

    def freeze(value: object, path: str, depth: int) -> object:
        budget[0] -= 1
        if budget[0] < 0:
            problems.add("", f"more than {MAX_META_NODES} values")
            return None
        if exact and type(value) not in _JSON_TYPES:
            problems.add("", f"not exactly of a JSON type{at(path)}")
            return None
        if depth > MAX_META_DEPTH:
            problems.add("", f"nests deeper than {MAX_META_DEPTH} levels{at(path)}")
            return None
        if value is None or isinstance(value, bool):
            return value
        if isinstance(value, str):
            value = str.__str__(value)
            if any(0xD800 <= ord(c) <= 0xDFFF for c in value):
                problems.add("", f"strings must not hold lone surrogates{at(path)}")
            return value
        if isinstance(value, int):
            value = int.__int__(value)
            if not -(2**63) <= value < 2**63:  # what TOML (and most JSON readers) can hold
                problems.add("", f"integers must fit in 64 bits, got {describe(value)}{at(path)}")
            return value
        if isinstance(value, float):
            value = float.__float__(value)
            if not math.isfinite(value):
                problems.add("", f"values must be finite, got {value!r}{at(path)}")
            return value
        if isinstance(value, Mapping):
            out: dict[str, object] = {}
            for raw_key, item in value.items():
                if not isinstance(raw_key, str):
                    problems.add("", f"keys must be strings, got {describe(raw_key)}{at(path)}")
                    return None
                key = str.__str__(raw_key)
                out[key] = freeze(item, join(path, key) if path else key, depth + 1)
            return FrozenMap(out)
        if isinstance(value, list | tuple):
            return FrozenList(freeze(item, join(path, i), depth + 1) for i, item in enumerate(value))
        problems.add("", f"values must be JSON-able, got {describe(value)}{at(path)}")
        return None

    return freeze(value, path, 0)


def thaw_json(value: object) -> object:
    """Plain, new dicts and lists from frozen JSON values."""
    if isinstance(value, Mapping):
        return {k: thaw_json(v) for k, v in value.items()}
    if isinstance(value, tuple | list):
        return [thaw_json(v) for v in value]
    return value


# -- fields and objects --------------------------------------------------------


def kind(k: Kind) -> dict[str, Kind]:
    """attrs field metadata naming the field's kind: ``attrs.field(metadata=kind(Name()))``."""
    return {METADATA_KEY: k}


def kinds(cls: type) -> tuple[tuple[attrs.Attribute[object], Kind], ...]:
    """Each field of a model class with its kind, in order."""
    return tuple((f, f.metadata[METADATA_KEY]) for f in attrs.fields(cls))


def default_of(f: attrs.Attribute[object]) -> object:
    """A field's default value (``attrs.NOTHING`` when it has none)."""
    default = f.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]
        return default.factory()  # type: ignore[attr-defined]
    return default


def check_object(obj: AttrsInstance) -> None:
    """Check every field of a model object by its kind, then the object's own
    rules (a ``_check(problems)`` method); raise every problem at once."""
    problems = Problems()
    for f, kind in kinds(type(obj)):
        kind.check(getattr(obj, f.name), f.name, problems)
    check = getattr(obj, "_check", None)
    if check is not None:
        check(problems)
    problems.raise_if_any()


def unstructure_object(obj: AttrsInstance, *, full: bool = False) -> JSON:
    """An object's fields as document values; defaults left out unless ``full``.

    An ``id`` is always written.
    """
    out: JSON = {}
    for f, kind in kinds(type(obj)):
        value = getattr(obj, f.name)
        if (
            not full
            and not isinstance(kind, Id)
            and f.default is not attrs.NOTHING
            and value == default_of(f)
        ):
            continue
        out[f.name] = kind.unstructure(value)
    return out


def _spelt(pairs: str) -> dict[str, str]:
    """``"ß ss æ ae"`` -> ``{"ß": "ss", "æ": "ae"}``."""
    words = pairs.split()
    return dict(zip(words[::2], words[1::2], strict=True))


# Letters that Unicode does not decompose into a-z, spelt in a-z: a few Latin
# ones, Greek (after ELOT 743) and Cyrillic (after the common English usage).
_SPELLING: Final = str.maketrans(
    {
        **_spelt("ß ss æ ae ø o œ oe ł l đ d ð d þ th ı i ŋ ng"),
        **_spelt(
            "α a β v γ g δ d ε e ζ z η i θ th ι i κ k λ l μ m ν n ξ x ο o π p ρ r σ s ς s "
            "τ t υ y φ f χ ch ψ ps ω o"
        ),
        **_spelt(
            "а a б b в v г g д d е e ж zh з z и i й i к k л l м m н n о o п p р r с s т t "
            "у u ф f х kh ц ts ч ch ш sh щ shch ы y э e ю yu я ya і i є ye ґ g"
        ),
        # Signs that are not letters, and apostrophes, which join: "Child's" -> "childs".
        **dict.fromkeys("ъь'’ʼ`´", ""),
    }
)


def slugify(name: object) -> str:
    """A slug for ``name``: ``"Cat–Cow Pose"`` -> ``"cat-cow-pose"``.

    Accents are dropped, apostrophes join (``"Child's Pose"`` ->
    ``"childs-pose"``), and Greek and Cyrillic letters are spelt in a-z
    (``"Ηρεμία"`` -> ``"iremia"``). ``""`` when nothing is left.
    """
    if not isinstance(name, str):
        return ""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name.lower()) if not unicodedata.combining(c))
    spelt = bare.translate(_SPELLING)
    return "-".join(re.findall(r"[a-z0-9]+", spelt))[:MAX_NAME].strip("-")


def derive_id(obj: object, problems: Problems) -> None:
    """Set ``obj.id`` from its name when it was left out; say when it cannot be."""
    found = getattr(obj, "id", None)
    if not (type(found) is str and found == ""):
        return
    name = getattr(obj, "name", None)
    derived = slugify(name)
    object.__setattr__(obj, "id", derived)
    if not derived and isinstance(name, str) and name.strip():
        problems.add(
            "id",
            f"cannot derive an id from name {name!r} (nothing in it spells a-z or 0-9); "
            "pass one, e.g. id='evening-calm' (a-z, 0-9 and single hyphens)",
        )
