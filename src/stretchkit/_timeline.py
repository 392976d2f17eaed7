"""``Step``, ``PlaybackState`` and ``Timeline``, and a timeline's columns.

A ``Timeline`` stores its steps in two ``array`` columns, 16 bytes a step:
the start of each step in integer milliseconds, and the rest of the step
packed into one 64-bit word (:func:`stretchkit._pattern.pack`: kind and
side, pose, rep, item). The round is arithmetic: every round after the first
has the same steps. ``Step`` objects are built only when asked (indexing,
iterating, ``at``, ``state``). Because starts are integer milliseconds,
``steps[i].end == steps[i + 1].start`` holds exactly. Its :class:`Layout`
says which pattern each occurrence of a stretch repeats, so that columns,
labels and cues are made per pattern, not per step.

:data:`COLUMNS` is the one table of a step's fields as columns: documents,
``to_records``, CSV and the JSON Schema all take theirs from it.
"""

from __future__ import annotations

import copyreg
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from itertools import accumulate, chain, repeat
from operator import itemgetter, truediv
from typing import TYPE_CHECKING, Final, NamedTuple, NoReturn, SupportsIndex, TypeAlias, cast, overload

import attrs

from stretchkit._durations import resolve
from stretchkit._enums import Side, StepKind
from stretchkit._languages import DEFAULT, check_language
from stretchkit._model import Pose, Routine, Stretch
from stretchkit._numbers import describe, number_problem, real, seconds_list
from stretchkit._pattern import HOLD_CODE, KINDS, SIDES, Layout, Pattern, label
from stretchkit._public import public
from stretchkit.exceptions import ValidationError

if TYPE_CHECKING:
    from stretchkit._cues import Cue

    IntArray: TypeAlias = array[int]
    FloatArray: TypeAlias = array[float]
else:  # array is not subscriptable at run time before Python 3.12
    IntArray: TypeAlias = array
    FloatArray: TypeAlias = array


@attrs.frozen
class Column:
    """One field of a step as a column of values.

    ``document``: in timeline documents; ``record``: in ``to_records`` and
    CSV; ``schema``: the JSON Schema of one value.
    """

    name: str
    document: bool
    record: bool
    schema: dict[str, object]


#: The step columns, in the order records and CSV show them. ``pose`` is the
#: pose's index in documents (-1 for none) and its name in records; ``label``
#: is in the document's language in documents (since format version 2), in
#: English in records.
COLUMNS: Final = (
    Column("index", document=False, record=True, schema={"type": "integer", "minimum": 0}),
    Column("start", document=True, record=True, schema={"type": "number", "minimum": 0}),
    Column("end", document=False, record=True, schema={"type": "number", "exclusiveMinimum": 0}),
    Column("duration", document=True, record=True, schema={"type": "number", "exclusiveMinimum": 0}),
    Column("kind", document=True, record=True, schema={"enum": [k.value for k in KINDS]}),
    Column("stretch", document=False, record=True, schema={"type": "string"}),
    Column("name", document=False, record=True, schema={"type": "string"}),
    Column("side", document=True, record=True, schema={"enum": ["none", "left", "right"]}),
    Column("rep", document=True, record=True, schema={"type": "integer", "minimum": 1}),
    Column("reps", document=True, record=True, schema={"type": "integer", "minimum": 1}),
    Column("pose", document=True, record=False, schema={"type": "integer", "minimum": -1}),
    Column("pose", document=False, record=True, schema={"oneOf": [{"type": "string"}, {"type": "null"}]}),
    Column("round", document=True, record=True, schema={"type": "integer", "minimum": 1}),
    Column("item", document=True, record=True, schema={"type": "integer", "minimum": 0}),
    Column("label", document=True, record=True, schema={"type": "string"}),
)
DOCUMENT_COLUMNS: Final = tuple(c.name for c in COLUMNS if c.document)
RECORD_COLUMNS: Final = tuple(c.name for c in COLUMNS if c.record)


@public
@attrs.frozen(kw_only=True, repr=False)
class Step:
    """One entry of a timeline: a hold, or a gap before the next hold.

    Times are seconds, whole milliseconds, exact: ``end`` is the next step's
    ``start``. A gap (``REST``, ``SWITCH``, ``TRANSITION``) carries the
    stretch, item, side, rep and pose of the hold that follows it.

    Steps come from :func:`stretchkit.compose` or a loaded timeline; they
    are not meant to be built by hand.

    Attributes:
        index: Position in the timeline, from 0.
        kind: ``StepKind.HOLD``, ``REST``, ``SWITCH`` or ``TRANSITION``.
        start: When the step starts, in seconds from the timeline's start.
        duration: How long it lasts, in seconds (> 0).
        end: When it ends.
        stretch: The stretch being done (or about to be).
        item: Position of that stretch in the routine, from 0.
        round: Which round of the routine, from 1.
        side: ``Side.LEFT`` / ``RIGHT``, or ``None`` for an unsided stretch.
        rep: Which rep on this side, from 1.
        reps: Reps per side of this stretch.
        pose: The pose held, or ``None`` for a stretch without poses.
    """

    index: int
    kind: StepKind
    start: float
    duration: float
    end: float
    stretch: Stretch
    item: int
    round: int
    side: Side | None
    rep: int
    reps: int
    pose: Pose | None

    @property
    def label(self) -> str:
        """Short human text, e.g. ``"Seated Twist — left, 2 of 3"``; in other
        languages, see :meth:`Timeline.labels`."""
        return label(self.kind, self.side, self.stretch, self.pose, self.rep, self.reps, DEFAULT)

    @property
    def is_gap(self) -> bool:
        """True for ``REST``, ``SWITCH`` and ``TRANSITION`` steps."""
        return self.kind is not StepKind.HOLD

    def __repr__(self) -> str:
        """Short: index, kind, times, round and label (the stretch is in the label)."""
        return (
            f"<Step {self.index} {self.kind.value} {self.start!r} to {self.end!r} s, "
            f"round {self.round}: {self.label!r}>"
        )


# Steps are built often (indexing, iteration, at()), so skip attrs' __init__
# and set the slots directly, one call each (a loop over them costs twice as much).
(
    _s_index,
    _s_kind,
    _s_start,
    _s_duration,
    _s_end,
    _s_stretch,
    _s_item,
    _s_round,
    _s_side,
    _s_rep,
    _s_reps,
    _s_pose,
) = (getattr(Step, f.name).__set__ for f in attrs.fields(Step))
_new = object.__new__


def make_step(  # noqa: PLR0917 - one argument per field, in order, on a hot path
    index: int,
    kind: StepKind,
    start: float,
    duration: float,
    end: float,
    stretch: Stretch,
    item: int,
    round: int,
    side: Side | None,
    rep: int,
    reps: int,
    pose: Pose | None,
) -> Step:
    """Build a ``Step`` from its field values, skipping validation."""
    step: Step = _new(Step)
    _s_index(step, index)
    _s_kind(step, kind)
    _s_start(step, start)
    _s_duration(step, duration)
    _s_end(step, end)
    _s_stretch(step, stretch)
    _s_item(step, item)
    _s_round(step, round)
    _s_side(step, side)
    _s_rep(step, rep)
    _s_reps(step, reps)
    _s_pose(step, pose)
    return step


class _LazyStep(Step):
    """A Step whose index is set at once and whose other fields are decoded
    from the timeline on first access: what ``at`` and ``state`` return, as
    a player asks for a step many times and reads a few of its fields.

    It equals, hashes, prints and pickles as the ``Step`` it stands for.
    """

    __slots__ = ("_timeline",)
    _timeline: Timeline

    def __getattr__(self, name: str) -> object:  # only when a slot is still empty
        if name in _LAZY_FIELDS:
            self._timeline._fill(self)
            return object.__getattribute__(self, name)
        raise AttributeError(name)

    def _eager(self) -> Step:
        return make_step(*(getattr(self, name) for name in _FIELDS))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Step):
            return NotImplemented
        return all(getattr(self, name) == getattr(other, name) for name in _FIELDS)

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self._eager())

    def __repr__(self) -> str:
        return repr(self._eager())

    def __reduce_ex__(self, protocol: SupportsIndex) -> tuple[object, ...]:
        # Pickled as the plain Step it stands for (pickle names stretchkit.Step only).
        eager = self._eager()
        return (copyreg._reconstructor, (Step, object, None), eager.__getstate__())  # type: ignore[attr-defined]


_FIELDS: Final = tuple(f.name for f in attrs.fields(Step))
_LAZY_FIELDS: Final = frozenset(_FIELDS) - {"index"}
_set_timeline = _LazyStep._timeline.__set__  # type: ignore[attr-defined]


def _lazy_step(tl: Timeline, i: int) -> Step:
    step: Step = _new(_LazyStep)
    _s_index(step, i)
    _set_timeline(step, tl)
    return step


@public
@attrs.frozen(kw_only=True, repr=False)
class PlaybackState:
    """Where a player is at one instant of a timeline.

    Attributes:
        step: The step playing.
        index: Its index.
        elapsed: Seconds since the timeline started.
        remaining: Seconds until the timeline ends.
        step_elapsed: Seconds since this step started.
        step_remaining: Seconds until this step ends.
        progress: ``elapsed / duration``, from 0 to 1.
        next: The step after this one, or ``None`` during the last.
    """

    step: Step
    index: int
    elapsed: float
    remaining: float
    step_elapsed: float
    step_remaining: float
    progress: float
    next: Step | None

    def __repr__(self) -> str:
        """Short: the instant, the step and what is left of it, and the next step's index."""
        upcoming = "none" if self.next is None else str(self.next.index)
        return (
            f"<PlaybackState at {self.elapsed!r} s ({self.progress:.0%}): step {self.index} "
            f"{self.step.label!r}, {round(self.step_remaining, 3)!r} s left; next: {upcoming}>"
        )


(
    _ps_step,
    _ps_index,
    _ps_elapsed,
    _ps_remaining,
    _ps_step_elapsed,
    _ps_step_remaining,
    _ps_progress,
    _ps_next,
) = (getattr(PlaybackState, f.name).__set__ for f in attrs.fields(PlaybackState))


@public
@attrs.frozen(kw_only=True, repr=False, init=False)
class Timeline(Sequence[Step]):
    """The flat, exact timeline of a routine at one level.

    An immutable sequence of :class:`Step` (``len``, iteration, indexing,
    slicing). Two timelines are equal when their routine and level are.
    Build one with :func:`stretchkit.compose` or load one from a document.

    Attributes:
        routine: The routine it was composed from.
        level: The level every range was resolved at.

    >>> import stretchkit as sk
    >>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=30, reps=2, rest=5)]))
    >>> [(s.kind.value, s.start, s.end) for s in tl]
    [('hold', 0.0, 30.0), ('rest', 30.0, 35.0), ('hold', 35.0, 65.0)]
    """

    routine: Routine
    level: float
    _reps: tuple[int, ...] = attrs.field(eq=False)  # reps per side, by item
    _start: IntArray = attrs.field(eq=False)  # ms; one more than there are steps
    _packed: IntArray = attrs.field(eq=False)  # one word per step, see pack()
    _first: int = attrs.field(eq=False)  # steps in round 1
    _period: int = attrs.field(eq=False)  # steps in each later round
    # The pattern of each occurrence; made again after unpickling (see _layout).
    _made_layout: Layout | None = attrs.field(eq=False)
    # The starts in seconds as floats, built on the first at(): what t is
    # compared with, so that a step owns exactly [start, end) as floats.
    _fstart: FloatArray | None = attrs.field(eq=False)
    _end: float = attrs.field(eq=False)
    # The step at() returned last, with its start and end: a player asks
    # about the same step many times a second, and gets the same object back.
    _last: tuple[float, float, Step] | None = attrs.field(eq=False)

    @classmethod
    def _from_columns(
        cls,
        routine: Routine,
        level: float,
        *,
        reps: tuple[int, ...],
        start: IntArray,
        packed: IntArray,
        first: int,
        period: int,
        layout: Layout,
    ) -> Timeline:
        """A timeline from its columns: ``start`` in ms (one entry more than
        ``packed``, the end) and ``packed`` words (see :func:`~stretchkit._pattern.pack`), laid
        out as ``layout`` says.

        Only the composer builds timelines; the columns are trusted.
        """
        self = object.__new__(cls)
        self.__attrs_init__(
            routine=routine,
            level=level,
            reps=reps,
            start=start,
            packed=packed,
            first=first,
            period=period,
            made_layout=layout,
            fstart=None,
            end=start[-1] / 1000,
            last=None,
        )
        return self

    def __repr__(self) -> str:
        return (
            f"<Timeline {self.routine.name!r} level={self.level!r}: {len(self)} steps, {self.duration!r} s>"
        )

    @property
    def _layout(self) -> Layout:
        """Which pattern each occurrence of a stretch repeats (for columns,
        labels and cues): the composer's, or made again from the routine."""
        layout = self._made_layout
        if layout is None:
            layout = Layout.of(resolve(self.routine, self.level))
            object.__setattr__(self, "_made_layout", layout)
        return layout

    def __getstate__(self) -> dict[str, object]:
        """Pickled without the layout: it would name private classes in the
        pickle (which names ``stretchkit`` only), and is made again on use."""
        state = {f.name: getattr(self, f.name) for f in attrs.fields(type(self))}
        state["_made_layout"] = None
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        object.__setattr__(self, "_made_layout", None)  # also for pickles made before it existed
        for name, value in state.items():
            object.__setattr__(self, name, value)

    # -- the sequence -------------------------------------------------------

    def __len__(self) -> int:
        return len(self._packed)

    def _round_of(self, i: int) -> int:
        first = self._first
        return 1 if i < first else 2 + (i - first) // self._period

    @overload
    def __getitem__(self, index: int) -> Step: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Step, ...]: ...
    def __getitem__(self, index: int | slice) -> Step | tuple[Step, ...]:
        if isinstance(index, slice):
            return tuple(self._step(i) for i in range(*index.indices(len(self))))
        n = len(self._packed)
        if isinstance(index, bool) or not isinstance(index, int):
            msg = f"timeline indices must be integers or slices, not {type(index).__name__}"
            raise TypeError(msg)
        if index < 0:
            index += n
        if not 0 <= index < n:
            msg = "timeline index out of range"
            raise IndexError(msg)
        return self._step(index)

    def __iter__(self) -> Iterator[Step]:
        return map(self._step, range(len(self._packed)))

    def _step(self, i: int) -> Step:
        """Step ``i``, decoded from the columns (the one place that builds a Step)."""
        v = self._packed[i]
        item = v >> 32
        pose = (v >> 8) & 0xFF
        stretch = self.routine.stretches[item]
        a = self._start[i]
        b = self._start[i + 1]
        return make_step(
            i,
            KINDS[v & 3],
            a / 1000,
            (b - a) / 1000,
            b / 1000,
            stretch,
            item,
            self._round_of(i),
            SIDES[(v >> 2) & 3],
            (v >> 16) & 0xFFFF,
            self._reps[item],
            stretch.poses[pose - 1] if pose else None,
        )

    # -- time ---------------------------------------------------------------

    @property
    def duration(self) -> float:
        """How long the timeline takes, in seconds (the last step's ``end``)."""
        return self._end

    def index_at(self, t: float) -> int:
        """The index of the step playing at ``t`` seconds, in O(log n).

        ``t`` may be any real number type (``int``, ``float``, ``Fraction``,
        ``Decimal``, numpy scalars).

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        if type(t) is not float and type(t) is not int:
            t = self._real_t(t)
        if not 0 <= t < self._end:
            self._bad_t(t)
        fstart = self._fstart
        if fstart is None:
            fstart = array("d", [ms / 1000 for ms in self._start])
            object.__setattr__(self, "_fstart", fstart)
        return bisect_right(fstart, t) - 1

    def _real_t(self, t: object) -> float:
        number = real(t)
        if number is None:
            self._bad_t(t)
        return number

    def _bad_t(self, t: object) -> NoReturn:
        problem = number_problem(t)
        if problem is None:
            problem = f"must be in [0, {self._end!r}), got {describe(t)}"
        raise ValidationError([("t", problem)])

    def at(self, t: float) -> Step:
        """The step playing at ``t`` seconds, in O(log n).

        A step owns ``[start, end)``: at a boundary the later step plays, and
        the last instant (``t == duration``) belongs to no step. Asking again
        within the same step (as a player does every frame) returns the same
        ``Step`` object at once. The step is filled in as its fields are
        read (it is equal to, hashes and pickles as the same ``Step``).

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        last = self._last
        if last is not None and (type(t) is float or type(t) is int) and last[0] <= t < last[1]:
            return last[2]
        i = self.index_at(t)
        step = _lazy_step(self, i)
        fstart = self._fstart
        object.__setattr__(self, "_last", (fstart[i], fstart[i + 1], step))  # type: ignore[index]
        return step

    def state(self, t: float) -> PlaybackState:
        """What a player needs at ``t`` seconds: step, times left, progress, next.

        Raises:
            ValueError: ``t`` is not a number in ``[0, duration)``.
        """
        if type(t) is not float and type(t) is not int:
            t = self._real_t(t)
        i = self.index_at(t)
        fstart = self._fstart
        total = self._end
        state: PlaybackState = _new(PlaybackState)
        _ps_step(state, _lazy_step(self, i))
        _ps_index(state, i)
        _ps_elapsed(state, float(t))
        _ps_remaining(state, total - t)
        _ps_step_elapsed(state, t - fstart[i])  # type: ignore[index]
        _ps_step_remaining(state, fstart[i + 1] - t)  # type: ignore[index]
        _ps_progress(state, t / total)
        _ps_next(state, _lazy_step(self, i + 1) if i + 1 < len(self._packed) else None)
        return state

    def _fill(self, step: Step) -> None:
        """Decode the rest of a lazy step's fields from the columns."""
        i = step.index
        v = self._packed[i]
        item = v >> 32
        pose = (v >> 8) & 0xFF
        stretch = self.routine.stretches[item]
        a, b = self._start[i], self._start[i + 1]
        _s_start(step, a / 1000)
        _s_duration(step, (b - a) / 1000)
        _s_end(step, b / 1000)
        _s_kind(step, KINDS[v & 3])
        _s_stretch(step, stretch)
        _s_item(step, item)
        _s_round(step, self._round_of(i))
        _s_side(step, SIDES[(v >> 2) & 3])
        _s_rep(step, (v >> 16) & 0xFFFF)
        _s_reps(step, self._reps[item])
        _s_pose(step, stretch.poses[pose - 1] if pose else None)

    # -- players, frontends, notebooks ---------------------------------------

    def labels(self, language: str = DEFAULT) -> tuple[str, ...]:
        """Each step's label in ``language`` (one of :func:`stretchkit.languages`).

        Stretches and poses are named in that language when their ``names``
        have it, else by their ``name``.

        Raises:
            ValidationError: ``language`` is not one of ``languages()``.

        >>> import stretchkit as sk
        >>> twist = sk.Stretch(name="Seated Twist", names={"de": "Drehsitz"}, hold=20, reps=2, sides="each")
        >>> sk.compose(sk.Routine(name="R", stretches=[twist])).labels("de")[:2]
        ('Drehsitz — links, 1 von 2', 'Drehsitz — rechts, 1 von 2')
        """
        return tuple(columns(self, language=check_language(language), names=("label",))["label"])  # type: ignore[arg-type]

    def cues(
        self,
        countdown: int = 3,
        *,
        language: str = DEFAULT,
        texts: Mapping[str, str] | Callable[[str, Mapping[str, object]], str] | None = None,
    ) -> list[Cue]:
        """Time-ordered cues a player can speak or show.

        Get ready (with the stretch's name), the start of each hold with its
        side and duration, breath cues for poses, switch sides, rest, a
        countdown of ``countdown`` seconds before each hold block ends
        (strictly inside its last hold, so no two cues share an instant),
        and the end. See the players guide for the rules.

        Args:
            countdown: Seconds to count down before each hold ends (0 for none).
            language: One of :func:`stretchkit.languages`.
            texts: Templates replacing some of the language's (keys as in
                ``stretchkit.CUE_TEXTS``), or a callable ``(key, fields) -> text``.

        Raises:
            ValidationError: ``countdown`` is not a whole number >= 0, or
                ``language`` is not one of ``languages()``.

        >>> import stretchkit as sk
        >>> hug = sk.Stretch(name="Hug", hold=5, sides=sk.Sides.EACH, switch=2)
        >>> for cue in sk.compose(sk.Routine(name="R", stretches=[hug])).cues(countdown=2):
        ...     print(f"{cue.time:>4g}  {cue.kind.value:<9}  {cue.text}")
           0  ready      Get ready: Hug
           0  start      Left side, hold 5 seconds
           3  countdown  2
           4  countdown  1
           5  switch     Switch to the right side
           7  start      Right side, hold 5 seconds
          10  countdown  2
          11  countdown  1
          12  end        Routine complete. Well done
        """
        from stretchkit._cues import cues  # noqa: PLC0415 - seam: cues sit above the timeline

        return cues(self, countdown=countdown, language=language, texts=texts)

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per step, ready for ``pandas.DataFrame``.

        Keys: ``index``, ``start``, ``end``, ``duration`` (seconds), ``kind``,
        ``stretch`` (id), ``name``, ``side``, ``rep``, ``reps``, ``pose``
        (name), ``round``, ``item`` and ``label``; enums as their string values.

        >>> import stretchkit as sk
        >>> tl = sk.compose(sk.Routine(name="R", stretches=[sk.Stretch(name="Hug", hold=30)]))
        >>> tl.to_records()[0]["label"], tl.to_records()[0]["end"]
        ('Hug', 30.0)
        """
        cols = columns(self, records=True)
        return [dict(zip(cols, row, strict=True)) for row in zip(*cols.values(), strict=True)]

    def _repr_html_(self) -> str:
        from stretchkit.export._html import timeline_html  # noqa: PLC0415 - seam: Jupyter's view

        return timeline_html(self)

    # -- summaries ----------------------------------------------------------

    def _totals(self) -> dict[tuple[int, int], int]:
        """Milliseconds per (item, code): round 1, plus one later round times the rest."""
        totals: dict[tuple[int, int], int] = {}
        get = totals.get
        start, packed = self._start, self._packed
        more = self.routine.rounds - 1
        for lo, hi, times in ((0, self._first, 1), (self._first, self._first + self._period, more)):
            for i in range(lo, min(hi, len(packed))):
                v = packed[i]
                key = (v >> 32, v & 0xF)
                totals[key] = get(key, 0) + (start[i + 1] - start[i]) * times
        return totals

    @property
    def hold_time(self) -> float:
        """Seconds spent holding a stretch (every step but the gaps)."""
        return sum(ms for (_, code), ms in self._totals().items() if code & 3 == HOLD_CODE) / 1000

    def time_by_kind(self) -> dict[StepKind, float]:
        """Seconds per kind of step, in ``StepKind`` order; sums to ``duration``."""
        ms = [0, 0, 0, 0]
        for (_, code), t in self._totals().items():
            ms[code & 3] += t
        return {kind: t / 1000 for kind, t in zip(KINDS, ms, strict=True) if t}

    def time_by_side(self) -> dict[Side | None, float]:
        """Hold seconds per side (``None`` for unsided holds); gaps not counted."""
        ms = [0, 0, 0]
        for (_, code), t in self._totals().items():
            if code & 3 == HOLD_CODE:
                ms[code >> 2] += t
        order = (Side.LEFT, Side.RIGHT, None)
        return {side: ms[SIDES.index(side)] / 1000 for side in order if ms[SIDES.index(side)]}

    def time_by_stretch(self) -> dict[str, float]:
        """Seconds per stretch id, gaps counted toward the stretch they lead into.

        Keys are in the order the stretches first appear; the values sum to
        ``duration``.
        """
        ms: dict[str, int] = {s.id: 0 for s in self.routine.stretches}
        stretches = self.routine.stretches
        for (item, _), t in self._totals().items():
            ms[stretches[item].id] += t
        return {key: t / 1000 for key, t in ms.items()}

    def time_by_target(self) -> dict[str, float]:
        """Hold seconds per target body area; a hold counts for each of its targets.

        Keys are sorted; stretches without targets are not counted.
        """
        ms: dict[str, int] = {}
        stretches = self.routine.stretches
        for (item, code), t in self._totals().items():
            if code & 3 == HOLD_CODE:
                for target in stretches[item].targets:
                    ms[target] = ms.get(target, 0) + t
        return {key: ms[key] / 1000 for key in sorted(ms)}


def columns(
    timeline: Timeline,
    *,
    records: bool = False,
    language: str = DEFAULT,
    names: Sequence[str] | None = None,
) -> dict[str, list[object]]:
    """A timeline's steps as columns, one list per name in :data:`COLUMNS`.

    For documents (the default): the document columns, times in seconds as
    ``int`` when whole (else ``float``), ``pose`` as the pose's index (-1 for
    none), labels in ``language``. For records: the record columns, times as
    floats, ``pose`` as the pose's name (or None). ``names``: only these.
    """
    if names is None:
        names = RECORD_COLUMNS if records else DOCUMENT_COLUMNS
    return _Columns(timeline, records=records, language=language).make(names)


class _Round(NamedTuple):
    """One round's occurrences: per occurrence, its item, steps, pattern, and
    the pattern's columns led by its transition step (:meth:`Pattern.led`)."""

    items: list[int]
    counts: list[int]
    patterns: list[Pattern]
    columns: list[dict[str, list[object]]]

    @classmethod
    def of(cls, layout: Layout, *, first: bool) -> _Round:
        occurrences = layout.round(first=first)
        return cls(
            [item for item, _, _ in occurrences],
            [len(p) + (gap > 0) for _, gap, p in occurrences],
            [p for _, _, p in occurrences],
            [p.led(gap) for _, gap, p in occurrences],
        )


class _Columns:
    """Makes a timeline's columns, occurrence by occurrence.

    Every column but ``index``, ``start``, ``end`` and ``round`` is round 1's
    part plus one later round's part repeated (every later round has the same
    steps). A part chains, for each occurrence of a stretch, its pattern's
    column or a run of its item's value: ``chain`` and ``map`` run at C speed,
    nothing is done per step in Python. Labels and pose names are made once
    per distinct stretch.
    """

    def __init__(self, timeline: Timeline, *, records: bool, language: str) -> None:
        self.tl = timeline
        self.records = records
        self.language = language
        self.layout = timeline._layout
        self.more = timeline.routine.rounds - 1
        self.rounds = [_Round.of(self.layout, first=True)]
        if self.more:
            self.rounds.append(_Round.of(self.layout, first=False))
        self.made: dict[str, list[object]] = {}

    def make(self, names: Sequence[str]) -> dict[str, list[object]]:
        return {name: self.column(name) for name in names}

    def column(self, name: str) -> list[object]:
        found = self.made.get(name)
        if found is not None:
            return found
        tl = self.tl
        column: list[object]
        if name == "index":
            column = list(range(len(tl._packed)))
        elif name in {"start", "end"} and not self.records and self.layout.whole:
            # Whole seconds: the starts are the durations added up, at C speed.
            starts = list(accumulate(self.column("duration"), initial=0))
            column = starts[:-1] if name == "start" else starts[1:]
        elif name in {"start", "end"}:
            ms = tl._start[:-1] if name == "start" else tl._start[1:]
            times = list(map(truediv, ms, repeat(1000))) if self.records else seconds_list(ms)
            column = cast("list[object]", times)
        elif name == "round":
            later = chain.from_iterable(repeat(r, tl._period) for r in range(2, self.more + 2))
            column = [*repeat(1, tl._first), *later]
        else:
            column = list(self.part(name, self.rounds[0]))
            if self.more:
                column += list(self.part(name, self.rounds[1])) * self.more
        self.made[name] = column
        return column

    def part(self, name: str, r: _Round) -> Iterator[object]:
        """Column ``name`` of one round's occurrences."""
        stretches = self.tl.routine.stretches
        runs: Iterable[object]
        if name == "item":
            runs = r.items
        elif name == "reps":
            runs = [p.plan.reps for p in r.patterns]
        elif name == "stretch":
            runs = [stretches[item].id for item in r.items]
        elif name == "name":
            runs = [stretches[item].name for item in r.items]
        elif name == "label" or (name == "pose" and self.records):
            # Once per distinct stretch, with or without a transition step.
            keys = list(zip(map(self.layout.firsts.__getitem__, r.items), r.counts, r.patterns, strict=True))
            texts = {key: self.stretch_texts(name, *key) for key in set(keys)}
            return chain.from_iterable(map(texts.__getitem__, keys))
        else:  # kind, side, rep, pose, duration: the same in every occurrence of a plan
            key = "duration_float" if name == "duration" and self.records else name
            return chain.from_iterable(map(itemgetter(key), r.columns))
        return chain.from_iterable(map(repeat, runs, r.counts))

    def stretch_texts(self, name: str, first: int, count: int, p: Pattern) -> list[object]:
        """Labels, or pose names (records), of an occurrence of the stretch of item ``first``."""
        stretch = self.tl.routine.stretches[first]
        lead: object
        steps: list[object]
        if name == "label":
            lead, labels = p.labels(stretch, self.language)
            steps = list[object](labels)
        else:
            poses = stretch.poses
            lead = poses[0].name if poses else None
            steps = [poses[pose - 1].name if pose else None for _, _, _, pose, _ in p.rows]
        return [lead, *steps] if count > len(p) else steps  # led by a transition step


def end_ms(timeline: Timeline) -> int:
    """The timeline's duration in integer milliseconds."""
    return timeline._start[-1]


def starts_ms(timeline: Timeline) -> IntArray:
    """Each step's start in integer ms, and the end last (one entry more than
    steps); the timeline's own array, not a copy: do not change it."""
    return timeline._start


def hold_before_ms(timeline: Timeline) -> array[int]:
    """Milliseconds of hold time before each step, and the total last."""
    start, packed = timeline._start, timeline._packed
    out = array("q", [0]) * (len(packed) + 1)
    total = 0
    for i, word in enumerate(packed):
        out[i] = total
        if word & 3 == HOLD_CODE:
            total += start[i + 1] - start[i]
    out[len(packed)] = total
    return out
