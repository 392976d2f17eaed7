"""HTML: a routine's table of stretches, a timeline's strip and table, and
whole pages; the fragments are what Jupyter shows (``_repr_html_``)."""

from __future__ import annotations

from html import escape

from stretchkit._enums import Sides
from stretchkit._model import Routine
from stretchkit._numbers import clock_text
from stretchkit._range import Range
from stretchkit._timeline import Timeline
from stretchkit.export._svg import to_svg

MAX_ROWS = 200
# Each cell says its alignment itself, in a style attribute: notebooks align
# every output cell right with a rule of their own, and where they drop a
# fragment's <style> (an untrusted notebook, a notebook viewer) only the
# attribute is left. The stylesheet does the rest (borders, spacing), and its
# selectors use two classes so that they outrank the notebook's one.
CSS = (
    ".sk{font:13px sans-serif}"
    ".sk table.sk-table{border-collapse:collapse;font:13px sans-serif;margin:0}"
    ".sk .sk-table th,.sk .sk-table td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}"
    ".sk .sk-table .num{text-align:right}"
    ".sk svg{max-width:100%;height:auto}"
)
STYLE = f"<style>{CSS}</style>"
_LEFT = ' style="text-align:left"'
_RIGHT = ' class="num" style="text-align:right"'


def _cells(tag: str, values: list[str], numbers: set[int]) -> str:
    """One row's cells, each aligned by its own attribute: numbers right, text left."""
    return "".join(f"<{tag}{_RIGHT if i in numbers else _LEFT}>{v}</{tag}>" for i, v in enumerate(values))


_ROUTINE_NUMBERS = {0, 2, 3, 5, 6}  # #, hold, reps, rest, switch
_STEP_NUMBERS = {0, 2}  # time, length


def _span(r: Range, unit: str = "") -> str:
    text = f"{r.low:g}" if r.fixed else f"{r.low:g}–{r.high:g}"
    return f"{text}{unit}"


def _clock_span(low: float, high: float) -> str:
    """``8:18 to 15:48``, or one time when both are the same."""
    return clock_text(low) if low == high else f"{clock_text(low)} to {clock_text(high)}"


def _routine_parts(routine: Routine) -> tuple[str, str]:
    """A routine's summary (its duration and rounds) and its table of stretches."""
    span = routine.duration_range()
    rows = []
    for i, s in enumerate(routine.stretches, 1):
        sides = {Sides.NONE: "", Sides.EACH: "each side"}.get(s.sides, f"{s.sides.value} only")
        if s.sides is Sides.EACH:
            sides += f", {s.side_order.value}"
        values = [
            str(i),
            escape(s.name),
            _span(s.hold, " s"),
            _span(s.reps),
            escape(sides),
            _span(s.rest, " s") if s.rest.high else "",
            _span(s.switch, " s") if s.switch.high else "",
            escape(", ".join(p.name for p in s.poses)),
        ]
        rows.append(f"<tr>{_cells('td', values, _ROUTINE_NUMBERS)}</tr>")
    summary = (
        f"{_clock_span(span.low, span.high)}, {routine.rounds} round{'s' if routine.rounds != 1 else ''}"
    )
    heads = ["#", "stretch", "hold", "reps", "sides", "rest", "switch", "poses"]
    table = (
        f'<table class="sk-table"><thead><tr>{_cells("th", heads, _ROUTINE_NUMBERS)}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return summary, table


def _timeline_parts(timeline: Timeline) -> tuple[str, str]:
    """A timeline's summary (level, duration, steps) and its strip and table of steps."""
    rows = []
    for step in timeline[:MAX_ROWS]:
        values = [clock_text(step.start), step.kind.value, f"{step.duration:g} s", escape(step.label)]
        rows.append(f"<tr>{_cells('td', values, _STEP_NUMBERS)}</tr>")
    if len(timeline) > MAX_ROWS:
        rows.append(f'<tr><td colspan="4"{_LEFT}>… and {len(timeline) - MAX_ROWS} more steps</td></tr>')
    summary = (
        f"at level {timeline.level:g}: {clock_text(timeline.duration)}, "
        f"{len(timeline)} step{'s' if len(timeline) != 1 else ''}, "
        f"{clock_text(timeline.hold_time)} stretching"
    )
    heads = _cells("th", ["time", "kind", "length", "step"], _STEP_NUMBERS)
    body = (
        f"{to_svg(timeline)}"
        f'<table class="sk-table"><thead><tr>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return summary, body


def routine_html(routine: Routine) -> str:
    """A routine as an HTML fragment: its stretches with their doses, and its duration range."""
    summary, table = _routine_parts(routine)
    name, id_ = escape(routine.name), escape(routine.id)
    return f'{STYLE}<div class="sk"><strong>{name}</strong> ({id_}): {summary}{table}</div>'


def timeline_html(timeline: Timeline) -> str:
    """A timeline as an HTML fragment: the SVG strip and a compact table of steps."""
    summary, body = _timeline_parts(timeline)
    return f'{STYLE}<div class="sk"><strong>{escape(timeline.routine.name)}</strong> {summary}{body}</div>'


def to_html(obj: Routine | Timeline) -> str:
    """A whole HTML page showing a routine (its table) or a timeline (its strip and table).

    The page stands alone: its style in ``<head>``, a viewport for phones,
    and the routine's name as its heading.
    """
    if isinstance(obj, Timeline):
        name = obj.routine.name
        summary, body = _timeline_parts(obj)
        summary = f"The routine <code>{escape(obj.routine.id)}</code> {summary}."
    else:
        name = obj.name
        summary, body = _routine_parts(obj)
        summary = f"The routine <code>{escape(obj.id)}</code>: {summary}."
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(name)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        f'<main class="sk">\n<h1>{escape(name)}</h1>\n<p>{summary}</p>\n{body}\n</main>\n</body>\n</html>\n'
    )
