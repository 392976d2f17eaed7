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
# Two classes in each selector: notebooks style every cell of every output
# table with one class (JupyterLab's ".jp-RenderedHTMLCommon td" aligns them
# right), and a more specific selector wins whatever the order.
CSS = (
    ".sk{font:13px sans-serif}"
    ".sk table.sk-table{border-collapse:collapse;font:13px sans-serif;margin:0}"
    ".sk .sk-table th,.sk .sk-table td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}"
    ".sk .sk-table td.num{text-align:right}"
    ".sk svg{max-width:100%;height:auto}"
)
STYLE = f"<style>{CSS}</style>"


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
        rows.append(
            "<tr>"
            f'<td class="num">{i}</td><td>{escape(s.name)}</td>'
            f'<td class="num">{_span(s.hold, " s")}</td><td class="num">{_span(s.reps)}</td>'
            f"<td>{escape(sides)}</td>"
            f'<td class="num">{_span(s.rest, " s") if s.rest.high else ""}</td>'
            f'<td class="num">{_span(s.switch, " s") if s.switch.high else ""}</td>'
            f"<td>{escape(', '.join(p.name for p in s.poses))}</td>"
            "</tr>"
        )
    summary = (
        f"{_clock_span(span.low, span.high)}, {routine.rounds} round{'s' if routine.rounds != 1 else ''}"
    )
    table = (
        '<table class="sk-table"><thead><tr><th>#</th><th>stretch</th><th>hold</th><th>reps</th>'
        "<th>sides</th><th>rest</th><th>switch</th><th>poses</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return summary, table


def _timeline_parts(timeline: Timeline) -> tuple[str, str]:
    """A timeline's summary (level, duration, steps) and its strip and table of steps."""
    rows = []
    for step in timeline[:MAX_ROWS]:
        rows.append(
            f'<tr><td class="num">{clock_text(step.start)}</td><td>{step.kind.value}</td>'
            f'<td class="num">{step.duration:g} s</td><td>{escape(step.label)}</td></tr>'
        )
    if len(timeline) > MAX_ROWS:
        rows.append(f'<tr><td colspan="4">… and {len(timeline) - MAX_ROWS} more steps</td></tr>')
    summary = (
        f"at level {timeline.level:g}: {clock_text(timeline.duration)}, "
        f"{len(timeline)} step{'s' if len(timeline) != 1 else ''}, "
        f"{clock_text(timeline.hold_time)} stretching"
    )
    body = (
        f"{to_svg(timeline)}"
        '<table class="sk-table"><thead><tr>'
        "<th>time</th><th>kind</th><th>length</th><th>step</th></tr></thead>"
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
