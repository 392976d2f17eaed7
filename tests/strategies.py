"""Hypothesis strategies for every stretchkit type, shared by the tests.

Constrained fields get explicit strategies (``st.from_type`` would ignore the
validators). Sizes are kept small enough that composing stays fast; the
closed-form tests use ``big_routines`` for large counts without expanding.
"""

from __future__ import annotations

import copy
import datetime
import functools
import math
import string
from typing import cast

import attrs
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit import _fields
from stretchkit._numbers import seconds

JSON = dict[str, object]

__all__ = [
    "FIT_CODES",
    "big_routines",
    "broken",
    "catalogs",
    "count_ranges",
    "cue_texts",
    "documents",
    "edged",
    "edges",
    "journals",
    "json_values",
    "languages",
    "levels",
    "mutated",
    "odd_text",
    "odd_values",
    "poses",
    "programs",
    "ranges",
    "ref_documents",
    "repeating_routines",
    "retyped",
    "routines",
    "second_ranges",
    "session_records",
    "stretches",
    "timelines",
]

#: The languages stretchkit speaks.
languages = st.sampled_from(sk.languages())

#: An app's cue templates (``Timeline.cues(texts=)``): none, or a few replaced.
cue_texts: st.SearchStrategy[dict[str, str] | None] = st.one_of(
    st.none(),
    st.just({}),
    st.just({"cue.ready": "Up next: {name}", "cue.countdown": "{n}!", "cue.end": "Done"}),
    st.just({"cue.start": "{seconds} s", "cue.rest": "Rest {seconds}", "breath.inhale": "In"}),
)

#: Levels, with the ends and the middle drawn often.
levels = st.one_of(st.sampled_from([0.0, 0.5, 1.0]), st.floats(0, 1))

_slug = st.lists(st.text("abcxyz0189", min_size=1, max_size=6), min_size=1, max_size=3).map("-".join)
_tag = st.sampled_from(["lower-back", "mid-back", "hamstrings", "glutes", "neck", "shoulders", "x1"])
_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20)
# A name starts with an ASCII letter or digit, so an id can always be derived; it holds no
# line separators or bidirectional controls (free text may).
_name_tail = st.text(
    st.characters(
        codec="utf-8",
        exclude_categories=("Cc", "Cs", "Zl", "Zp"),
        exclude_characters="\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    ),
    max_size=20,
)
_name = st.builds(
    lambda head, tail: head + tail[:29], st.sampled_from(string.ascii_letters + string.digits), _name_tail
)


def _ms_values(low: int, high: int) -> st.SearchStrategy[int | float]:
    """Seconds with millisecond precision (whole seconds drawn often)."""
    return st.one_of(
        st.integers(-(-low // 1000), high // 1000).map(lambda s: s * 1000),
        st.integers(low, high),
    ).map(seconds)


def second_ranges(low_ms: int = 0, high_ms: int = 60_000) -> st.SearchStrategy[sk.Range]:
    """Ranges of seconds, whole milliseconds, within ``[low_ms, high_ms]``."""
    values = _ms_values(low_ms, high_ms)
    return st.tuples(values, values).map(lambda p: sk.Range(min(p), max(p)))


def count_ranges(low: int = 1, high: int = 4) -> st.SearchStrategy[sk.Range]:
    """Ranges of whole counts."""
    values = st.integers(low, high)
    return st.tuples(values, values).map(lambda p: sk.Range(min(p), max(p)))


def ranges() -> st.SearchStrategy[sk.Range]:
    """Any valid ``Range``: counts or seconds, fixed or not."""
    return st.one_of(count_ranges(0, 1000), second_ranges(0, 86_400_000))


# Gaps are often zero, so that left-out steps are exercised.
_gaps = st.one_of(st.just(sk.Range(0)), second_ranges(0, 20_000))
_holds = second_ranges(1, 40_000)


def poses() -> st.SearchStrategy[sk.Pose]:
    return st.builds(
        sk.Pose,
        name=_name,
        hold=st.none() | _holds,
        cue=_text,
        breath=st.none() | st.sampled_from(sk.Breath),
    )


_meta = st.dictionaries(
    st.text(max_size=5),
    st.recursive(
        st.none()
        | st.booleans()
        | st.integers(-(2**63), 2**63 - 1)
        | st.floats(allow_nan=False, allow_infinity=False)
        | _text,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
        max_leaves=4,
    ),
    max_size=3,
)


#: Exercises of the FIT profile, as ``Stretch.codes["fit"]`` names them.
FIT_CODES = (
    "warm_up/stretch_cat_cow",
    "warm_up/stretch_lying_knee_to_chest",
    "pose/seated_long_leg_forward_bend",
    "pose/fish",
    "lateral_raise/45_degree_cable_external_rotation",  # fit-tool writes its member N45_...
)
# Ids in other systems: a FIT exercise, and sometimes a system stretchkit does not know.
_codes: st.SearchStrategy[dict[str, str]] = st.one_of(
    st.just({}),
    st.sampled_from(FIT_CODES).map(lambda code: {"fit": code}),
    st.sampled_from(FIT_CODES).map(lambda code: {"fit": code, "x1": "A-17"}),
)


def stretches(max_reps: int = 4, max_poses: int = 3) -> st.SearchStrategy[sk.Stretch]:
    """Stretches; only those done on each side have a switch."""
    return st.sampled_from(sk.Sides).flatmap(lambda sides: _stretches(sides, max_reps, max_poses))


def _stretches(sides: sk.Sides, max_reps: int, max_poses: int) -> st.SearchStrategy[sk.Stretch]:
    return st.builds(
        sk.Stretch,
        id=st.just("") | _slug,
        name=_name,
        hold=_holds,
        reps=count_ranges(1, max_reps),
        sides=st.just(sides),
        side_order=st.sampled_from(sk.SideOrder),
        first_side=st.sampled_from(sk.Side),
        rest=_gaps,
        switch=_gaps if sides is sk.Sides.EACH else st.just(sk.Range(0)),
        poses=st.lists(poses(), max_size=max_poses),
        summary=_text,
        instructions=st.lists(_text, max_size=2),
        targets=st.frozensets(_tag, max_size=3),
        position=st.none() | _tag,
        equipment=st.frozensets(_tag, max_size=2),
        codes=_codes,
        meta=st.just({}) | _meta,
    )


def routines(
    max_stretches: int = 4, max_rounds: int = 3, max_reps: int = 4, max_poses: int = 3
) -> st.SearchStrategy[sk.Routine]:
    """Routines small enough to compose quickly; stretches sometimes repeat."""

    @st.composite
    def build(draw: st.DrawFn) -> sk.Routine:
        pool = draw(st.lists(stretches(max_reps, max_poses), min_size=1, max_size=max_stretches))
        order = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=max_stretches))
        return draw(
            st.builds(
                sk.Routine,
                name=_name,
                stretches=st.just(order),
                id=st.just("") | _slug,
                transition=_gaps,
                lead_in=_gaps,
                rounds=st.integers(1, max_rounds),
                description=_text,
                meta=st.just({}) | _meta,
            )
        )

    return build()


def repeating_routines(max_stretches: int = 4, max_rounds: int = 3) -> st.SearchStrategy[sk.Routine]:
    """Routines that repeat their stretches the ways documents and apps do: the
    same object again, an equal copy (another object, as a loaded document
    has), and near copies that differ only in a name, ``names`` (not hashed)
    or the dose. Whatever is made once per distinct stretch must tell them apart."""

    def variants(s: sk.Stretch) -> list[sk.Stretch]:
        return [
            s,
            attrs.evolve(s),
            attrs.evolve(s, name=s.name + "x"),
            attrs.evolve(s, names={"de": s.name + " (de)", "fr": "É" + s.name}),
            attrs.evolve(s, reps=sk.Range(s.reps.high + 1)),
        ]

    @st.composite
    def build(draw: st.DrawFn) -> sk.Routine:
        base = draw(routines(max_stretches=2, max_rounds=max_rounds, max_reps=3, max_poses=2))
        pool = [v for s in base.stretches for v in variants(s)]
        order = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2 * max_stretches))
        return attrs.evolve(base, stretches=order)

    return build()


def big_routines() -> st.SearchStrategy[sk.Routine]:
    """Routines too large to compose (for the closed forms only)."""
    return routines(max_stretches=6, max_rounds=1000, max_reps=1000, max_poses=50)


def timelines(max_stretches: int = 4, max_rounds: int = 3) -> st.SearchStrategy[sk.Timeline]:
    """Composed timelines of generated routines at generated levels."""
    return st.builds(sk.compose, routines(max_stretches, max_rounds), levels)


def catalogs(max_stretches: int = 4) -> st.SearchStrategy[sk.Catalog]:
    """Catalogs of stretches with distinct ids, and routines made of them."""

    @st.composite
    def build(draw: st.DrawFn) -> sk.Catalog:
        pool = draw(st.lists(stretches(), max_size=max_stretches, unique_by=lambda s: s.id))
        routines = []
        if pool:
            for i in range(draw(st.integers(0, 2))):
                chosen = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3))
                routines.append(sk.Routine(id=f"r{i}", name=f"R{i}", stretches=chosen))
        return sk.Catalog(stretches=pool, routines=routines)

    return build()


#: Any JSON-like value, finite or not (for fuzzing the loaders).
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)


_pain = st.none() | st.integers(0, 10)
dates = st.dates(datetime.date(2020, 1, 1), datetime.date(2040, 12, 31))


def programs(max_routines: int = 2) -> st.SearchStrategy[sk.Program]:
    """Programs of small routines, any weekdays, up to 12 weeks, any levels and pain bounds."""

    @st.composite
    def build(draw: st.DrawFn) -> sk.Program:
        start_level, end_level = sorted(draw(st.lists(levels, min_size=2, max_size=2)))
        green = draw(st.integers(0, 9))
        return sk.Program(
            name=draw(_name),
            id=draw(st.just("") | _slug),
            routines=draw(
                st.lists(routines(max_stretches=2, max_rounds=1), min_size=1, max_size=max_routines)
            ),
            days=draw(st.frozensets(st.integers(1, 7), min_size=1)),
            weeks=draw(st.integers(1, 12)),
            start_level=start_level,
            end_level=end_level,
            pain_green_max=green,
            pain_red_min=draw(st.integers(green + 1, 10)),
        )

    return build()


def session_records(program: str | None = None, sessions: int = 20) -> st.SearchStrategy[sk.SessionRecord]:
    """Records, linked to sessions 1..``sessions`` of ``program`` (an id) when given."""
    ms = st.integers(0, 3_600_000).map(seconds)
    return st.builds(
        sk.SessionRecord,
        date=dates,
        routine=_slug,
        level=levels,
        planned=ms,
        held=ms,
        completed=st.booleans(),
        pain_before=_pain,
        pain_after=_pain,
        note=_text,
        program=st.just(program) if program else st.none() | _slug,
        session=st.integers(1, sessions) if program else st.none() | st.integers(1, 50),
    )


def journals(program: str | None = None, sessions: int = 20) -> st.SearchStrategy[sk.Journal]:
    """Journals of generated records (see :func:`session_records`)."""
    return st.lists(session_records(program, sessions), max_size=30).map(lambda rs: sk.Journal(records=rs))


# -- documents, as the library writes them, and broken ------------------------------

#: Texts that break a rule or sit at its edge.
odd_text = st.sampled_from(
    ["", " ", "\u200b", "\ufeff", "\u202e", "\u2028", "\x00", "\ud800", "é", "𝄞" * 3, "a" * 300, "-", "0"]
)
_odd_numbers = st.sampled_from(
    [0, -1, 1.5, 1e-9, 0.0001, 2**53 + 1, 2**63, 10**400, -(10**400), 1e308, math.inf, -math.inf, math.nan]
)
#: Containers and constants a mutation puts into documents (shared: only ever copies go in).
ODD_SAMPLES: list[object] = [None, True, False, [], {}, [1, 2, 3], {"ref": "x"}, [[[[[]]]]]]
#: Values of the wrong type, or at the edges, for mutating documents.
odd_values = st.one_of(
    odd_text,
    _odd_numbers,
    # Copied: a mutation may change a value drawn before, and a drawn value must not change.
    st.sampled_from(ODD_SAMPLES).map(copy.deepcopy),
    json_values,
)


Document = sk.Stretch | sk.Routine | sk.Timeline | sk.Catalog | sk.Program | sk.Journal | sk.SessionRecord


def document(obj: Document) -> JSON:
    """``sk.to_dict(obj)``, typed as the document it is."""
    return cast(JSON, sk.to_dict(obj))


def ref_documents() -> st.SearchStrategy[JSON]:
    """Routine documents whose stretches refer to the built-in catalog's
    (``{"ref": id}``, with fields of a generated stretch overriding some of
    its values), mixed with whole stretches; refs and stretches repeat."""

    @st.composite
    def build(draw: st.DrawFn) -> JSON:
        catalog = sk.catalog()
        whole = document(draw(stretches(max_poses=2)))
        del whole["stretchkit"], whole["type"]
        keys = sorted(set(whole) - {"id"})
        pool: list[JSON] = [whole]
        for _ in range(draw(st.integers(1, 3))):
            base = draw(st.sampled_from(list(catalog.stretches)))
            chosen = draw(st.lists(st.sampled_from(keys), max_size=3, unique=True))
            pool.append({"ref": base, **{k: whole[k] for k in chosen}})
        order = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=6))
        items = [copy.deepcopy(item) for item in order]  # equal, not the same objects
        return {"stretchkit": 1, "type": "routine", "name": "Refs", "stretches": items}

    return build()


def documents() -> st.SearchStrategy[JSON]:
    """A document the library writes, of any type (and routines with refs)."""
    return st.one_of(
        stretches().map(document),
        routines(max_stretches=2, max_rounds=2).map(document),
        timelines(max_stretches=2, max_rounds=2).map(document),
        catalogs(max_stretches=2).map(document),
        programs(max_routines=1).map(document),
        journals().map(document),
        session_records().map(document),
        ref_documents(),
    )


def _deep(depth: int) -> object:
    value: object = 1
    for i in range(depth):
        value = [value] if i % 2 else {"a": value}
    return value


@st.composite
def mutated(draw: st.DrawFn, docs: st.SearchStrategy[object] | None = None) -> object:
    """A written document (of ``docs``, else any) with a few mutations:
    deleted keys, swapped values, deep nesting, grown lists and objects."""
    doc = draw(docs if docs is not None else documents())
    for _ in range(draw(st.integers(1, 4))):
        node = doc
        # Walk down to a random container.
        while isinstance(node, dict | list) and node and draw(st.booleans()):
            keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
            child = node[draw(st.sampled_from(keys))]
            if not isinstance(child, dict | list) or not child:
                break
            node = child
        if not isinstance(node, dict | list) or not node:
            continue
        keys = list(node.keys()) if isinstance(node, dict) else list(range(len(node)))
        key = draw(st.sampled_from(keys))
        action = draw(st.sampled_from(["delete", "replace", "deepen", "grow"]))
        if action == "delete":
            del node[key]
        elif action == "replace":
            node[key] = draw(odd_values)
        elif action == "deepen":
            node[key] = _deep(draw(st.sampled_from([50, 500, 5000])))
        elif isinstance(node, list):
            node.extend([node[0]] * draw(st.integers(1, 50)))
        else:
            node[draw(odd_text)] = draw(odd_values)
    return doc


#: Numbers at the edges of the limits (reps, rounds, seconds, milliseconds, Range bounds).
_edge_numbers = st.sampled_from([
    0, 0.0, -0.0, 1, 1.0, 2.5, 7, 8, 50, 51, 999, 1000, 1001, 10_000, 10_001, 86_400, 86_400.5,
    86_401, 0.001, 0.0005, 2**53, 2.0**53, 2**53 + 1, 2**64,
])  # fmt: skip


def _paths(value: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every value inside a JSON value, containers and leaves, the value itself aside."""
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [path for key, item in items for path in [(*at, key), *_paths(item, (*at, key))]]


@st.composite
def broken(draw: st.DrawFn, docs: st.SearchStrategy[object] | None = None) -> object:
    """A written document (of ``docs``, else any) with one to three of its
    values, chosen alike wherever they are, replaced: by a value of another
    type, odd text, or a number at the edge of a limit."""
    doc = draw(docs if docs is not None else documents())
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(doc) if p[:1] not in (("stretchkit",), ("type",))]
        if not paths:
            break
        *where, last = draw(st.sampled_from(paths))
        node: object = doc
        for key in where:
            node = node[key]  # type: ignore[index]
        node[last] = draw(st.one_of(odd_values, _edge_numbers, _edge_numbers.map(lambda n: [n, n])))  # type: ignore[index]
    return doc


def _numbers(value: object, at: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The paths of every number (bools included) inside a JSON value."""
    if isinstance(value, bool | int | float):
        return [at]
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    return [path for key, item in items for path in _numbers(item, (*at, key))]


#: Pairs of numbers equal in Python but not in type.
_TWINS = [(1, True), (1, 1.0), (1.0, True), (0, False), (0, 0.0), (0.0, False), (2, 2.0), (30, 30.0)]


@st.composite
def retyped(draw: st.DrawFn, docs: st.SearchStrategy[object] | None = None) -> object:
    """A written document (of ``docs``, else any) where an object of a list,
    a routine's stretch say, is repeated with one number of another type
    (``1`` in one, ``1.0`` or ``True`` in the other): equal, but not in every type."""
    doc = draw(docs if docs is not None else documents())
    lists: list[list[object]] = []

    def find(value: object) -> None:
        if isinstance(value, dict):
            for item in value.values():
                find(item)
        elif isinstance(value, list):
            if any(isinstance(x, dict) and _numbers(x) for x in value):
                lists.append(value)
            for item in value:
                find(item)

    find(doc)
    if not lists:
        return doc
    target = draw(st.sampled_from(lists))
    index = draw(st.sampled_from([i for i, x in enumerate(target) if isinstance(x, dict) and _numbers(x)]))
    *where, last = draw(st.sampled_from(_numbers(target[index])))
    mine, theirs = draw(st.sampled_from(_TWINS).flatmap(st.permutations))
    twin = copy.deepcopy(target[index])
    for obj, value in ((target[index], mine), (twin, theirs)):
        node: object = obj
        for key in where:
            node = node[key]  # type: ignore[index]
        node[last] = value  # type: ignore[index]
    target.insert(draw(st.integers(0, len(target))), twin)
    return doc


# -- values at the edges of each kind of field --------------------------------------

_NAMES: list[object] = ["", " ", "\u200b", "\u200bx", "x\u200b", "(x)", "a" * 200, "a" * 201, "\x00"]
_NAMES += ["x\n", "\u202e", "\u2028", "é", "𝄞", "\ud800x", "\ufeff", "\xa0x", " x", "x\t"]
_TEXTS: list[object] = ["", "\n\t", "\x00", "\x7f", "\x85", "a" * 10_000, "a" * 10_001, "\u202e"]
_TEXTS += ["\ud800", "é\x01"]
_SLUGS: list[object] = ["", "a", "a-b", "a--b", "-a", "a-", "A", "a\n", "a" * 200, "a" * 201, "é", "a b", "0"]
_BAD: list[object] = [None, True, False, "1", [], {}, 1, 1.5]


def _edges(kind: _fields.Kind) -> list[object]:
    """Values at and around the edges of what ``kind`` accepts, and of other types."""
    if isinstance(kind, _fields.Optional):
        return [None, *_edges(kind.inner)]
    if isinstance(kind, _fields.Seconds):
        edges: list[object] = [0, 0.0, -0.0, -1, 0.001, 0.0005, 1.5, 86_400, 86_400.001, 86_401, 2**53]
        return [*edges, [1, 0], [0, 1], [0.5, 0.5], [1, 2, 3], [True, 1], math.nan, math.inf, 2.0**53]
    if isinstance(kind, _fields.Count):
        edges = [0, 1, 1.0, 1.5, 2.0, kind.maximum, kind.maximum + 1, [0, 2], [1, kind.maximum], [2, 1]]
        return [*edges, [1.0, 2.0], [1, 1.5], True, [True, 2]]
    if isinstance(kind, _fields.Int):
        low, high = kind.minimum, kind.maximum
        return [low - 1, low, high, high + 1, float(low), float(high), low + 0.5, True, False, str(low)]
    if isinstance(kind, _fields.Number):
        return [kind.minimum, kind.maximum, -0.0, 0.5, 1.5, 0.0005, 0.001, True, math.nan, 10**400, "1"]
    if isinstance(kind, _fields.Name):
        return _NAMES
    if isinstance(kind, _fields.Text):
        return _TEXTS
    if isinstance(kind, _fields.Slug):  # Id too
        return _SLUGS
    if isinstance(kind, _fields.Choice):
        return [*(m.value for m in kind.of), "", "EACH", "each ", 1, None]
    if isinstance(kind, _fields.SlugSet):
        return [[], ["a"], ["a", "a"], [1], "a", ("a",), *(["a", bad] for bad in _SLUGS)]
    if isinstance(kind, _fields.Items) and isinstance(kind.of, _fields.Text):
        return [[], ["x"], ["x"] * (kind.maximum + 1), "x", ("x",), *(["x", bad] for bad in _TEXTS)]
    if isinstance(kind, _fields.Localized):
        texts = _NAMES if isinstance(kind.value, _fields.Name) else _TEXTS
        return [{}, {"en": "x"}, {"xx": "x"}, {"en": 1}, ["en"], *({"de": "x", "fr": bad} for bad in texts)]
    if isinstance(kind, _fields.Codes):
        codes = [{"fit": "x", code: "y"} for code in ["", "Fit", "a-b", "é", "a" * 201]]
        return [{}, {"fit": "x"}, {"fit": 1}, *codes, *({"fit": "x", "x1": bad} for bad in _NAMES)]
    if isinstance(kind, _fields.Meta):
        return [{}, {"a": None}, {"a": [1, 2.5, True]}, {"a": math.nan}, {"a": 2**64}, {"a": {"b": "\ud800"}}]
    if isinstance(kind, _fields.Date):
        return ["2026-01-01", "2026-02-30", "2026-1-1", "２０２６-01-01", "2026-01-01\n", 20260101]
    if isinstance(kind, _fields.Flag):
        return [True, False, 0, 1, "true"]
    if isinstance(kind, _fields.IntSet):
        return [[], [1], [0], [7], [8], [1, 1], [1.0], [True], [1, "2"]]
    return []  # lists of objects, and objects: the mutations reach those


#: The model classes whose objects documents hold.
MODEL_CLASSES = (sk.Pose, sk.Stretch, sk.Routine, sk.Program, sk.SessionRecord, sk.Journal)


@functools.cache
def edges(cls: type) -> dict[str, list[object]]:
    """For each field of a model class, values at the edges of its kind and of other types."""
    return {field.name: [*_edges(kind), *_BAD] for field, kind in _fields.kinds(cls)}


@st.composite
def edged(draw: st.DrawFn, docs: st.SearchStrategy[object] | None = None) -> object:
    """A written document (of ``docs``, else any) in which one to three
    objects have a field (one they have or not) set to a value at the edge of
    what its kind accepts, or of another type."""
    doc = draw(docs if docs is not None else documents())
    objects: list[dict[str, object]] = []

    def find(value: object) -> None:
        if isinstance(value, dict):
            objects.append(value)
            for item in value.values():
                find(item)
        elif isinstance(value, list):
            for item in value:
                find(item)

    find(doc)
    for _ in range(draw(st.integers(1, 3))):
        obj = draw(st.sampled_from(objects))
        # The class it is most likely an object of (the one whose fields it has most of).
        cls = max(MODEL_CLASSES, key=lambda c: len(edges(c).keys() & obj.keys()))
        fields = edges(cls)
        name = draw(st.sampled_from(sorted(fields)))
        obj[name] = copy.deepcopy(draw(st.sampled_from(fields[name])))
    return doc
