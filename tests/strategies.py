"""Hypothesis strategies for every stretchkit type, shared by the tests.

Constrained fields get explicit strategies (``st.from_type`` would ignore the
validators). Sizes are kept small enough that composing stays fast; the
closed-form tests use ``big_routines`` for large counts without expanding.
"""

from __future__ import annotations

import datetime
import string

import attrs
from hypothesis import strategies as st

import stretchkit as sk
from stretchkit._numbers import seconds

__all__ = [
    "FIT_CODES",
    "big_routines",
    "catalogs",
    "count_ranges",
    "cue_texts",
    "journals",
    "json_values",
    "languages",
    "levels",
    "poses",
    "programs",
    "ranges",
    "repeating_routines",
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
