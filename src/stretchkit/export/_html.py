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
STYLE = (
    "<style>.sk{font:13px sans-serif}.sk-table{border-collapse:collapse;font:13px sans-serif}"
    ".sk-table th,.sk-table td{border-bottom:1px solid #ddd;padding:2px 8px;text-align:left}"
    ".sk-table td.num{text-align:right}</style>"
)


def _span(r: Range, unit: str = "") -> str:
    text = f"{r.low:g}" if r.fixed else f"{r.low:g}–{r.high:g}"
    return f"{text}{unit}"


def routine_html(routine: Routine) -> str:
    """A routine as an HTML fragment: its stretches with their doses, and its duration range."""
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
    return (
        f'{STYLE}<div class="sk"><strong>{escape(routine.name)}</strong> ({escape(routine.id)}): '
        f"{clock_text(span.low)} to {clock_text(span.high)}, "
        f"{routine.rounds} round{'s' if routine.rounds != 1 else ''}"
        '<table class="sk-table"><thead><tr><th>#</th><th>stretch</th><th>hold</th><th>reps</th>'
        "<th>sides</th><th>rest</th><th>switch</th><th>poses</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def timeline_html(timeline: Timeline) -> str:
    """A timeline as an HTML fragment: the SVG strip and a compact table of steps."""
    rows = []
    for step in timeline[:MAX_ROWS]:
        rows.append(
            f'<tr><td class="num">{clock_text(step.start)}</td><td>{step.kind.value}</td>'
            f'<td class="num">{step.duration:g} s</td><td>{escape(step.label)}</td></tr>'
        )
    if len(timeline) > MAX_ROWS:
        rows.append(f'<tr><td colspan="4">… and {len(timeline) - MAX_ROWS} more steps</td></tr>')
    return (
        f'{STYLE}<div class="sk"><strong>{escape(timeline.routine.name)}</strong> '
        f"at level {timeline.level:g}: "
        f"{clock_text(timeline.duration)}, {len(timeline)} steps, "
        f"{clock_text(timeline.hold_time)} stretching"
        f"{to_svg(timeline)}"
        '<table class="sk-table"><thead><tr>'
        "<th>time</th><th>kind</th><th>length</th><th>step</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def to_html(obj: Routine | Timeline) -> str:
    """A whole HTML page showing a routine (its table) or a timeline (its strip and table)."""
    body = timeline_html(obj) if isinstance(obj, Timeline) else routine_html(obj)
    name = obj.routine.name if isinstance(obj, Timeline) else obj.name
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{escape(name)}</title>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )
